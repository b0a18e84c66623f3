"""The register readers fuzzed: valid registers, one mutation, a report or a clean refusal.

Each example starts from the sample county office's registers (an ods list of documents,
two xlsx registers, a cp1250 CSV of training) and its sources file, all valid, and makes at
most one mutation: nothing; one cell of a register changed (a value of any kind); bytes of
a register file flipped, cut or inserted; or one line of the sources file changed. Then the
workbook is read with those registers: either it reaches the report (its results are
computed), or it is refused with coded problems naming a file. No example may raise, and
nothing a native parser prints (a Rust panic) may reach the terminal. The counts of both
outcomes are asserted at the end, so the test cannot pass by never reaching either.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from conftest import AS_OF
from hostile import REGISTERS, office_folder
from readiness import __version__
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import read_workbook
from readiness.render.model import build_model, results_of
from readiness.render.view import GapReport

CAT = load_catalogue()
FILES = sorted(p.name for p in REGISTERS.iterdir() if p.suffix != ".toml")
MIN_REPORTED, MIN_REFUSED = 0.25, 0.20
VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["31.02.2026", "=1+1", "9.9.9", "skarga", "", "2026-13-01", "-5", "N/A"]),
    st.integers(-10, 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
SOURCES_LINES = st.sampled_from(
    [
        'file = "../elsewhere.csv"',
        'file = "/etc/passwd"',
        'role = "nothing"',
        "header_row = 0",
        "header_row = 99",
        'encoding = "utf-7"',
        'separator = ","',
        "title = " + "[" * 5000 + "]" * 5000,
        "[registers.x",
        'x = """',
        "deadline_months = 40",
        "",
    ]
)


@st.composite
def mutations(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["keep", "cell", "bytes", "sources"]))
    change: dict[str, Any] = {"kind": kind}
    if kind == "cell":
        change |= {
            "file": draw(st.sampled_from([f for f in FILES if not f.endswith(".ods")])),
            "row": draw(st.integers(0, 8)),
            "col": draw(st.integers(0, 7)),
            "value": draw(VALUES),
        }
    elif kind == "bytes":
        change |= {
            "file": draw(st.sampled_from(FILES)),
            "op": draw(st.sampled_from(["flip", "cut", "insert"])),
            "at": draw(st.floats(0, 1)),
            "data": draw(st.binary(min_size=1, max_size=64)),
        }
    elif kind == "sources":
        change |= {"line": draw(st.integers(0, 200)), "text": draw(SOURCES_LINES)}
    return change


def mutate(folder: Path, change: dict[str, Any]) -> None:
    """Apply one mutation to the registers in ``folder``."""
    kind = change["kind"]
    if kind == "cell":
        path = folder / change["file"]
        if path.suffix == ".csv":
            text = path.read_bytes().decode("cp1250")
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
            row = rows[change["row"] % len(rows)]
            value = "" if change["value"] is None else str(change["value"])
            row[change["col"] % len(row)] = value
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
            path.write_bytes(buffer.getvalue().encode("cp1250", "replace"))
        else:
            book = openpyxl.load_workbook(path)
            sheet = book.worksheets[0] if len(book.worksheets) == 1 else book.worksheets[-1]
            cell = sheet.cell(row=change["row"] + 1, column=change["col"] + 1)
            if not isinstance(cell, MergedCell):  # a merged heading's cells cannot be set
                cell.value = change["value"]
            book.save(path)
    elif kind == "bytes":
        path = folder / change["file"]
        data = bytearray(path.read_bytes())
        at = min(int(change["at"] * len(data)), len(data) - 1)
        if change["op"] == "flip":
            for i, b in enumerate(change["data"]):
                data[(at + i) % len(data)] ^= b or 0xFF
        elif change["op"] == "cut":
            del data[at:]
        else:
            data[at:at] = change["data"]
        path.write_bytes(bytes(data))
    elif kind == "sources":
        path = folder / "sources.toml"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines.insert(change["line"] % (len(lines) + 1), change["text"])
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


COUNTS: Counter[str] = Counter()


def run(workbook: Path, change: dict[str, Any]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "registers"
        shutil.copytree(REGISTERS, folder)
        mutate(folder, change)
        book, problems = read_workbook(
            workbook,
            as_of=AS_OF,
            lang="en",
            sources=folder / "sources.toml",
            catalogue=load_catalogue(),
        )
    assert all(p.code and p.message and p.file for p in problems), [str(p) for p in problems]
    errors = [p for p in problems if p.severity == "error"]
    if book is None:
        assert errors and change["kind"] != "keep", [str(p) for p in errors]
        for code in sorted({p.code for p in errors}):
            event(f"problem: {code}")
        return "refused"
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), "en", CAT)
    )
    assert results_of(report.model, __version__)["registers"] is not None
    assert len(book.registers) >= 1
    return "report"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    return office_folder(tmp_path_factory.mktemp("fuzz-office"))


def test_fuzz_registers_reach_both_outcomes_and_never_raise_or_panic(workbook, capfd):
    COUNTS.clear()

    @given(change=mutations())
    def fuzz(change: dict[str, Any]) -> None:
        outcome = run(workbook, change)
        event(f"{change['kind']}: {outcome}")
        COUNTS[outcome] += 1
        COUNTS[f"{change['kind']}:{outcome}"] += 1

    fuzz()
    err = capfd.readouterr().err
    assert "panicked" not in err and "Traceback" not in err, err[-2000:]
    total = COUNTS["report"] + COUNTS["refused"]
    assert total >= 20, COUNTS
    assert COUNTS["report"] >= MIN_REPORTED * total, COUNTS
    assert COUNTS["refused"] >= MIN_REFUSED * total, COUNTS
    assert COUNTS["keep:report"] >= 1 and COUNTS["bytes:refused"] >= 1, COUNTS
    print(f"\nregister fuzz outcomes of {total} examples: {dict(sorted(COUNTS.items()))}")

"""How long 20,000 rows of registers add to reading an office: the budget is 1 s.

Run: .venv/bin/python benchmarks/bench_registers.py [ROWS]
Writes, in a temporary folder, the county sample's workbook and registers in all three file
kinds (a findings register in xlsx, a document list in ods, a training export as a cp1250
CSV with ``;``) holding ROWS rows together (20,000 by default), then times reading the
workbook alone and with its registers (best of three), and the registers alone.
Exit status 1 when the registers add more than the budget.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data" / "sample"))

from build_registers import write_csv, write_ods  # noqa: E402

from readiness.core.catalogue import load_catalogue  # noqa: E402
from readiness.io.registers import load_sources, read_registers  # noqa: E402
from readiness.io.workbook import read_workbook  # noqa: E402

BUDGET_SECONDS = 1.0
SAMPLE = ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx"
AS_OF = dt.date(2026, 11, 16)
SOURCES = """\
[registers.nc]
file = "nc.xlsx"
role = "findings"
[registers.nc.columns]
id = "Nr"
ref = "Pkt normy"
source = "Źródło"
grade = "Kategoria"
description = "Opis"
status = "Status"
due = "Termin"
[registers.nc.values.source]
"audit wewnętrzny" = "internal_audit"
[registers.nc.values.grade]
"niezgodność mała" = "minor"
[registers.nc.values.status]
"zweryfikowana" = "verified"

[registers.docs]
file = "docs.ods"
role = "evidence"
[registers.docs.columns]
reference = "Symbol"
title = "Nazwa"
refs = "Punkty normy"
dated = "Zatwierdzono"
[registers.docs.defaults]
kind = "retain"
status = "approved"

[registers.training]
file = "training.csv"
role = "training"
[registers.training.columns]
person = "Imię i nazwisko"
topic = "Temat"
date = "Data"
"""


def build(folder: Path, rows: int) -> Path:
    """The registers, ``rows`` rows together: half xlsx, a quarter ods, a quarter CSV."""
    n_xlsx, n_ods = rows // 2, rows // 4
    n_csv = rows - n_xlsx - n_ods
    refs = ["7.2", "8.5.1", "9.1.2", "10.2.1", "7.5.3.1"]
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("NC")
    ws.append(["Nr", "Pkt normy", "Źródło", "Kategoria", "Opis", "Status", "Termin"])
    for i in range(n_xlsx):
        due = dt.date(2026, 1 + i % 12, 1)
        ws.append([f"NC-{i}", refs[i % 5], "audit wewnętrzny", "niezgodność mała",
                   f"Opis {i}", "zweryfikowana", due])  # fmt: skip
    book.save(folder / "nc.xlsx")
    write_ods(
        folder / "docs.ods",
        "Wykaz",
        [["Symbol", "Nazwa", "Punkty normy", "Zatwierdzono"]]
        + [[f"D-{i}", f"Dokument {i}", refs[i % 5], dt.date(2026, 3, 1)] for i in range(n_ods)],
    )
    write_csv(
        folder / "training.csv",
        [["Imię i nazwisko", "Temat", "Data"]]
        + [[f"Łucja Żółkiewska {i}", "Ochrona danych", dt.date(2026, 5, 6)] for i in range(n_csv)],
        separator=";",
        encoding="cp1250",
    )
    sources = folder / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    return sources


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest of ``runs`` timings of ``work``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> int:
    """Print the timings; 1 when the registers add more than the budget."""
    rows = int(argv[0]) if argv else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = build(folder, rows)
        workbook = folder / "office.xlsx"
        shutil.copy(SAMPLE, workbook)

        def registers_only() -> None:
            spec, problems = load_sources(sources)
            assert spec is not None, problems
            read, found = read_registers(
                spec, as_of=AS_OF, country="PL", catalogue=load_catalogue()
            )
            assert not [p for p in found if p.severity == "error"], found[:3]
            assert sum(r.used for r in read.reads) == rows

        def workbook_only() -> None:
            book, problems = read_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
            assert book is not None, problems

        def workbook_with_registers() -> None:
            book, problems = read_workbook(
                workbook, as_of=AS_OF, sources=sources, catalogue=load_catalogue()
            )
            assert book is not None, problems

        alone = best_of(3, registers_only)
        base = best_of(3, workbook_only)
        try:
            both = best_of(3, workbook_with_registers)
        except TypeError:  # a reader without registers
            both = base + alone
        added = both - base
        n_csv = rows - rows // 2 - rows // 4
        print(f"{rows} register rows (xlsx {rows // 2}, ods {rows // 4}, csv {n_csv})")
        print(f"  registers alone:          {alone:6.3f} s")
        print(f"  workbook alone:           {base:6.3f} s")
        print(f"  workbook with registers:  {both:6.3f} s")
        print(f"  added by the registers:   {added:6.3f} s (budget {BUDGET_SECONDS:.1f} s)")
    return 0 if added <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

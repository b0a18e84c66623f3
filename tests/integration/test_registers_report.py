"""Reports from the registers: the same readiness as the same facts typed into the workbook, and
provenance (file, sheet, row) in the HTML, the PDF and results.json."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import build_sample  # data/sample, on sys.path by conftest
import pytest

from conftest import AS_OF, ROOT, require_tool
from readiness import __version__
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.model import Workbook
from readiness.io.template import write_workbook
from readiness.io.workbook import read_workbook
from readiness.render.model import build_model, results_of
from readiness.run.pipeline import build_report

pytestmark = pytest.mark.slow
CAT = load_catalogue()
SAMPLES = ROOT / "data" / "sample"


def _offices(tmp_path: Path, name: str, folder: str) -> Path:
    """A copy of a sample workbook with its registers folder beside it, as the sample has it."""
    target = tmp_path / name
    shutil.copyfile(SAMPLES / name, target)
    shutil.copytree(SAMPLES / "registers" / folder, tmp_path / "registers" / folder)
    return target


def _rows(book: Workbook) -> dict[str, list[dict[str, Any]]]:
    """Every record of the workbook as the rows one would type into its sheets."""

    def refs(values: tuple[str, ...]) -> str:
        return "; ".join(values)

    return {
        "evidence": [
            {
                "refs": refs(e.refs),
                "title": e.title,
                "kind": e.kind,
                "reference": e.reference,
                "owner": e.owner,
                "dated": e.dated,
                "review_due": e.review_due,
                "status": e.status,
            }
            for e in book.evidence
        ],
        "findings": [
            {k: getattr(f, k) for k in build_sample.FINDING_KEYS} | {"owner": f.owner}
            for f in book.findings
        ],
        "audits": [
            {"date": a.date, "refs": refs(a.refs), "auditor": a.auditor, "report": a.report}
            for a in book.audits
        ],
        "reviews": [
            {"date": r.date, "minutes": r.minutes} | {f"input:{i}": "yes" for i in r.inputs}
            for r in book.reviews
        ],
    }


def _without_rows(value: Any) -> Any:
    """A results document without workbook row numbers and the registers' provenance."""
    if isinstance(value, dict):
        return {k: _without_rows(v) for k, v in value.items() if k not in ("row", "registers")}
    if isinstance(value, list):
        return [_without_rows(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("name", "folder", "content", "lang"),
    [
        ("starostwo-przykladowo.xlsx", "starostwo", build_sample.content, "pl"),
        ("obshtina-primerno.xlsx", "obshtina", build_sample.municipality_bg, "bg"),
    ],
)
def test_a_report_from_registers_equals_the_same_facts_typed_in(
    tmp_path: Path, name: str, folder: str, content: Any, lang: str
) -> None:
    workbook = _offices(tmp_path, name, folder)
    book, problems = read_workbook(workbook, as_of=AS_OF, lang=lang, catalogue=load_catalogue())
    assert book is not None, problems
    assert [r.name for r in book.registers]  # the Office sheet names the sources file
    from_registers = sum(len(r.entries) for r in book.registers)
    assert from_registers >= 11
    from sample_structure import with_structure

    typed = with_structure(name, content()) | _rows(book)  # departments, auditors, staff
    typed["office"] = {k: v for k, v in typed["office"].items() if k != "sources"}
    plain = write_workbook(
        tmp_path / "typed.xlsx", lang=lang, content=typed, catalogue=load_catalogue()
    )
    book2, problems2 = read_workbook(plain, as_of=AS_OF, lang=lang, catalogue=load_catalogue())
    assert book2 is not None, problems2
    assert book2.registers == () and len(book2.evidence) == len(book.evidence)
    reports = []
    for b in (book, book2):
        assessment = assess(b, AS_OF, catalogue=CAT)
        reports.append(results_of(build_model(b, assessment, lang, CAT), __version__))
    assert reports[0]["registers"] and "registers" not in reports[1]
    first, second = (_without_rows(r) for r in reports)
    first["office"].pop("sources", None)
    second["office"].pop("sources", None)
    # survey answers and supplier evaluations have no sheet: only a register supplies them
    assert first["year"]["suppliers"]["providers"] > 0 and first["year"]["satisfaction"]["in_time"]
    for year in (first["year"], second["year"]):
        year.pop("satisfaction"), year.pop("suppliers")
    assert first == second


def test_the_sources_option_reads_registers_the_office_sheet_does_not_name(tmp_path: Path) -> None:
    workbook = _offices(tmp_path, "starostwo-przykladowo.xlsx", "starostwo")
    office = dataclasses.asdict(
        read_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())[0].office
    )  # type: ignore[union-attr]
    plain = build_sample.content()
    plain["office"] = {k: v for k, v in plain["office"].items() if k != "sources"}
    bare = write_workbook(
        tmp_path / "bare.xlsx", lang="pl", content=plain, catalogue=load_catalogue()
    )
    book, _ = read_workbook(bare, as_of=AS_OF, catalogue=load_catalogue())
    assert book is not None and book.registers == ()
    sources = tmp_path / "registers" / "starostwo" / "sources.toml"
    book, problems = read_workbook(bare, as_of=AS_OF, sources=sources, catalogue=load_catalogue())
    assert book is not None, problems
    assert {r.name for r in book.registers} == {
        "dokumenty",
        "skargi",
        "szkolenia",
        "niezgodnosci",
        "ankieta",
        "dostawcy",
    }
    assert len(book.surveys) == 80 and len(book.suppliers) == 3
    assert office["sources"] == "registers/starostwo/sources.toml"


def test_provenance_in_html_pdf_and_results(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    workbook = _offices(tmp_path, "starostwo-przykladowo.xlsx", "starostwo")
    registers = tmp_path / "registers" / "starostwo"
    before = {p.name: p.read_bytes() for p in registers.iterdir()}
    paths = build_report(workbook, out=tmp_path / "reports", as_of=AS_OF, formats=("html", "pdf"))
    assert paths.html is not None and paths.pdf is not None
    html = paths.html.read_text(encoding="utf-8")
    # the clause table links each requirement to the appendix of the registers supporting it
    assert 'href="#register-szkolenia"' in html and 'id="register-szkolenia"' in html
    assert 'href="#register-skargi"' in html and 'id="register-skargi"' in html
    assert "rejestr-skarg-i-wnioskow.xlsx" in html and "Rejestr 2026" in html
    assert "szkolenia-ezd.csv" in html and "wykaz-dokumentow.ods" in html
    assert "KPA art. 237 § 1" in html
    text = subprocess.run(
        [pdftotext, "-layout", str(paths.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for needle in ("rejestr-skarg-i-wnioskow.xlsx", "szkolenia-ezd.csv", "rejestr-niezgodnosci"):
        assert needle in text, needle
    results = json.loads(paths.results.read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in results["registers"]}
    skargi = by_name["skargi"]
    assert skargi["file"] == "rejestr-skarg-i-wnioskow.xlsx" and skargi["sheet"] == "Rejestr 2026"
    assert skargi["entries"][0]["row"] == 5 and skargi["deadline_months"] == 1
    assert [c["reference"] for c in skargi["late"]][:2] == ["OR.1510.3.2026", "OR.1510.6.2026"]
    assert by_name["szkolenia"]["entries"][0]["row"] == 2 and by_name["szkolenia"]["sheet"] == ""
    assert {p.name: p.read_bytes() for p in registers.iterdir()} == before  # only read

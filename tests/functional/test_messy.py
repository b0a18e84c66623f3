"""Workbooks as real people produce them are accepted."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

from conftest import AS_OF, require_tool, sha256
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import load_workbook, read_workbook


def libreoffice_convert(source, outdir, target: str, tmp_path):
    office = require_tool("libreoffice")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.mark.slow
def test_workbook_saved_by_libreoffice_and_as_xlsm(sample, tmp_path):
    original = load_workbook(sample, as_of=AS_OF, catalogue=load_catalogue())
    out = tmp_path / "lo"
    libreoffice_convert(sample, out, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    libreoffice_convert(sample, out, "xlsm:Calc MS Excel 2007 VBA XML", tmp_path)
    shutil.copytree(tmp_path / "registers", out / "registers")  # named in its Office sheet
    for name in (sample.stem + ".xlsx", sample.stem + ".xlsm"):
        saved = load_workbook(out / name, as_of=AS_OF, catalogue=load_catalogue())
        assert {r: c.level for r, c in saved.clauses.items()} == {
            r: c.level for r, c in original.clauses.items()
        }
        assert saved.office == original.office
        assert [e.review_due for e in saved.evidence] == [e.review_due for e in original.evidence]


def test_what_people_type(make_workbook, sample_content, tmp_path):
    clauses = sample_content["clauses"]
    clauses[0]["level"] = 3.0
    clauses[1]["level"] = "2"
    clauses[2]["level"] = "3 - implemented"
    clauses[3]["level"] = "  wdrożone "
    clauses[4]["level"] = "4 – ефективно"
    clauses[5]["level"] = None  # blank: a warning, counted as 0
    evidence = sample_content["evidence"]
    evidence[0]["kind"] = "  DOCUMENT MAINTAINED "
    evidence[0]["status"] = "Zatwierdzony"
    evidence[1]["dated"] = 46112  # an Excel serial number in a plain number cell
    evidence[2]["dated"] = "2026-03-31"
    evidence[3]["dated"] = "31.03.2026"
    evidence[4]["review_due"] = "31.03.2027 r."
    path = make_workbook(sample_content)

    book = openpyxl.load_workbook(path)
    sheet = book["Clauses"]
    sheet.insert_rows(10, amount=2)  # blank rows in the middle
    sheet.row_dimensions[13].hidden = True  # a hidden row still counts
    sheet.insert_cols(7)
    sheet["G1"] = "Comment of the consultant"  # an extra column
    sheet.merge_cells("C1:C1")
    findings = book["Findings"]
    findings.insert_rows(1)
    findings["A1"] = "Findings of the 2026 audits"
    findings.merge_cells("A1:D1")  # a merged title row above the header
    messy = tmp_path / "messy.xlsx"
    book.save(messy)

    parsed, problems = read_workbook(messy, as_of=AS_OF, catalogue=load_catalogue())
    assert parsed is not None, [str(p) for p in problems]
    levels = [parsed.clauses[r].level for r in ("4.1", "4.2", "4.3", "4.4.1", "4.4.2", "5.1.1")]
    assert levels == [3, 2, 3, 3, 4, 0]
    assert [p.code for p in problems] == ["level-blank"]
    assert problems[0].cell == "C7"
    first, second, third, fourth, fifth = parsed.evidence[:5]
    assert (first.kind, first.status) == ("maintain", "approved")
    assert second.dated == third.dated == fourth.dated == dt.date(2026, 3, 31)
    assert fifth.review_due == dt.date(2027, 3, 31)
    assert len(parsed.findings) == 6


def test_header_cells_merged_across_columns(make_workbook, sample_content, tmp_path):
    book = openpyxl.load_workbook(make_workbook(sample_content))
    sheet = book["Audits"]
    sheet.insert_cols(4)
    sheet.merge_cells("C1:D1")  # "Auditor" spread over two columns
    merged = tmp_path / "merged.xlsx"
    book.save(merged)
    parsed = load_workbook(merged, as_of=AS_OF, catalogue=load_catalogue())
    assert parsed.audits[0].auditor == "Piotr Audytowy"


def test_messages_in_the_users_language(make_workbook, sample_content):
    sample_content["clauses"][0]["level"] = "wysoki"
    path = make_workbook(sample_content, lang="pl")
    _, problems = read_workbook(path, as_of=AS_OF, lang="pl", catalogue=load_catalogue())
    bad = next(p for p in problems if p.code == "bad-level")
    assert bad.message == "Poziom: nie można odczytać wartości."
    assert bad.hint.startswith("Wybrać poziom z listy")
    assert (bad.sheet, bad.cell) == ("Wymagania", "C2")
    _, problems = read_workbook(path, as_of=AS_OF, lang="bg", catalogue=load_catalogue())
    assert (
        next(p for p in problems if p.code == "bad-level").message
        == "Ниво: стойността не може да бъде прочетена."
    )


def test_reading_never_changes_the_file(sample):
    before = sha256(sample)
    read_workbook(sample, as_of=AS_OF, catalogue=load_catalogue())
    assert sha256(sample) == before

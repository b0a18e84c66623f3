"""The action plan: blockers first, then gaps; pastes back into Findings; formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import openpyxl

from readiness.actions import neutralise, write_action_plan
from readiness.assess import assess
from readiness.catalogue import load_catalogue
from readiness.schema import FINDINGS, label
from readiness.view import GapReport
from readiness.workbook import load_workbook, read_workbook

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()


def sample_report(path, lang="pl"):
    book = load_workbook(path, as_of=AS_OF)
    return GapReport(book, assess(book, AS_OF), lang, CAT)


def test_blockers_first_then_gaps(make_workbook):
    from build_sample import city_office_certified

    content = city_office_certified()
    content["office"]["current_stage"] = "readiness"
    levels = {"8.5.4": 2, "5.1.1": 3, "10.2.1": 3}  # one blocker; two gaps below level 4
    for row in content["clauses"]:
        row["level"] = levels.get(row["ref"], row["level"])
    book = load_workbook(make_workbook(content), as_of=AS_OF)
    report = GapReport(book, assess(book, AS_OF), "en", CAT)
    rows = report.action_plan()
    assert [(r["id"], r["ref"], r["grade"]) for r in rows] == [
        ("AP-001", "8.5.4", "minor"),
        ("AP-002", "5.1.1", "observation"),
        ("AP-003", "10.2.1", "observation"),
    ]
    assert rows[0]["description"] == "8.5.4 is at level 2; 3 is required"
    assert rows[0]["due"] == AS_OF + dt.timedelta(days=30)
    assert rows[1]["description"] == "Level 3 – implemented; the stage expects 4 – effective."
    assert rows[1]["due"] == AS_OF + dt.timedelta(days=90)
    assert rows[1]["action"] == CAT.clauses["5.1.1"].action
    assert rows[1]["owner"] == "Katarzyna Wzorowa"


def test_open_findings_keep_their_ids(sample):
    report = sample_report(sample, lang="en")
    rows = report.action_plan()
    assert [r["id"] for r in rows if not r["id"].startswith("AP-")] == ["GA-01", "GA-02"]
    assert rows[0]["id"] == "AP-001" and rows[0]["grade"] == "minor"  # documentation gate: overdue
    assert all(r["action"] for r in rows)
    refs = [r["ref"] for r in rows if r["id"].startswith("AP-")]
    assert {g.ref for g in report.assessment.gaps} <= set(refs) | {"9.3.2", "8.4.1"}


def test_rows_paste_back_into_the_findings_sheet(sample, tmp_path):
    report = sample_report(sample)
    xlsx, _ = write_action_plan(report.action_plan(), tmp_path, "pl")
    plan = openpyxl.load_workbook(xlsx).active
    headers = [c.value for c in plan[1]]
    assert headers == [label(c, "pl") for c in FINDINGS.columns]
    book = openpyxl.load_workbook(sample)
    findings = book["Ustalenia"]
    kept = {row[0].value for row in findings.iter_rows(min_row=2) if row[0].value}
    for row in plan.iter_rows(min_row=2, values_only=True):
        if row[0] not in kept:
            findings.append(list(row))
    pasted = tmp_path / "pasted.xlsx"
    book.save(pasted)
    parsed, problems = read_workbook(pasted, as_of=AS_OF)
    assert parsed is not None, [str(p) for p in problems if p.severity == "error"]
    assert len(parsed.findings) > 6
    assert {f.source for f in parsed.findings if f.id.startswith("AP-")} == {"gap_analysis"}


def test_text_that_looks_like_a_formula_is_neutralised(make_workbook, sample_content, tmp_path):
    major = sample_content["findings"][0]
    major["action"] = '=HYPERLINK("http://example.invalid","kliknij")'
    major["owner"] = "@SUM(1+1)"
    report = sample_report(make_workbook(sample_content))
    xlsx, path_csv = write_action_plan(report.action_plan(), tmp_path, "pl")
    with zipfile.ZipFile(xlsx) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(xlsx).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "GA-01")
    assert row[5].data_type == "s" and row[5].value == "'" + major["action"]
    assert row[6].value == "'@SUM(1+1)"
    text = path_csv.read_text(encoding="utf-8-sig")
    line = next(r for r in csv.reader(text.splitlines(), delimiter=";") if r and r[0] == "GA-01")
    assert line[5] == "'" + major["action"] and line[6] == "'@SUM(1+1)"


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("-5") == "'-5"
    assert neutralise("+48 123") == "'+48 123"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("Plan 2027") == "Plan 2027"


def test_csv_follows_the_locale(sample, tmp_path):
    report = sample_report(sample, lang="en")
    _, path_csv = write_action_plan(report.action_plan(), tmp_path, "en")
    first = path_csv.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("ID,Clause,Source,Grade")

"""The action plan: blockers first, then gaps; pastes back into Findings; formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import openpyxl

from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.schema import FINDINGS, label
from readiness.io.actionplan import write_action_plan
from readiness.io.neutral import neutralise
from readiness.io.workbook import load_workbook, read_workbook
from readiness.render.model import build_model, plan_of
from readiness.render.view import GapReport

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()


def sample_report(path, lang="pl"):
    book = load_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    return GapReport(build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), lang, CAT))


def test_blockers_first_then_gaps(make_workbook):
    from build_sample import city_office_certified

    content = city_office_certified()
    content["office"]["current_stage"] = "readiness"
    levels = {"8.5.4": 2, "5.1.1": 3, "10.2.1": 3}  # one blocker; two gaps below level 4
    for row in content["clauses"]:
        row["level"] = levels.get(row["ref"], row["level"])
    book = load_workbook(make_workbook(content), as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), "en", CAT)
    )
    rows = plan_of(report.model)
    assert [(r["id"], r["ref"], r["grade"]) for r in rows] == [
        ("AP-001", "8.5.4", "gap"),
        ("AP-002", "5.1.1", "gap"),
        ("AP-003", "10.2.1", "gap"),
    ]
    assert rows[0]["description"] == "8.5.4 is at level 2; 3 is required"
    # proposed dates fall on working days: 16 December 2026 is a Wednesday; 14 February 2027
    # is a Sunday, so the gap is due on Monday 15 February
    assert rows[0]["due"] == AS_OF + dt.timedelta(days=30)
    assert rows[1]["description"] == "Level 3 – implemented; the stage expects 4 – effective."
    assert rows[1]["due"] == AS_OF + dt.timedelta(days=91)
    assert rows[1]["action"] == CAT.clauses["5.1.1"].action
    assert rows[1]["owner"] == "Katarzyna Wzorowa"


def test_open_findings_keep_their_ids(sample):
    report = sample_report(sample, lang="en")
    rows = plan_of(report.model)
    assert [r["id"] for r in rows if not r["id"].startswith("AP-")] == ["GA-01", "GA-02"]
    assert rows[0]["id"] == "AP-001" and rows[0]["grade"] == "gap"  # a gap, not a nonconformity
    assert all(r["action"] for r in rows)
    refs = [r["ref"] for r in rows if r["id"].startswith("AP-")]
    assert {g.ref for g in report.assessment.gaps} <= set(refs) | {"9.3.2", "8.4.1"}


def test_rows_paste_back_into_the_findings_sheet(sample, tmp_path):
    report = sample_report(sample)
    xlsx, _ = write_action_plan(plan_of(report.model), tmp_path, "pl")
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
    parsed, problems = read_workbook(pasted, as_of=AS_OF, catalogue=load_catalogue())
    assert parsed is not None, [str(p) for p in problems if p.severity == "error"]
    assert len(parsed.findings) > 6
    assert {f.source for f in parsed.findings if f.id.startswith("AP-")} == {"gap_analysis"}


FORMULA_LIKE = {
    # finding index: (action, owner), each starting with one of = + - @
    0: ('=HYPERLINK("http://example.invalid","kliknij")', "@SUM(1+1)"),
    1: ("-5 dni: poprawić kartę usługi", "+48 123 456 789"),
}


def formula_like(content):
    for index, (action, owner) in FORMULA_LIKE.items():
        content["findings"][index]["action"] = action
        content["findings"][index]["owner"] = owner
    return content


def test_text_that_looks_like_a_formula_is_text_in_xlsx_and_neutralised_in_csv(
    make_workbook, sample_content, tmp_path
):
    report = sample_report(make_workbook(formula_like(sample_content)))
    xlsx, path_csv = write_action_plan(plan_of(report.model), tmp_path, "pl")
    with zipfile.ZipFile(xlsx) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(xlsx).active
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    text = path_csv.read_text(encoding="utf-8-sig")
    lines = {r[0]: r for r in csv.reader(text.splitlines(), delimiter=";") if r}
    for (action, owner), finding in zip(FORMULA_LIKE.values(), ("GA-01", "GA-02"), strict=True):
        row = rows[finding]
        # xlsx: the text exactly as written, a string cell, marked as typed after an apostrophe
        assert (row[5].value, row[6].value) == (action, owner)
        assert row[5].data_type == row[6].data_type == "s"
        assert row[5].quotePrefix and row[6].quotePrefix
        # csv: no cell types, so the apostrophe neutralises it
        assert (lines[finding][5], lines[finding][6]) == ("'" + action, "'" + owner)
    assert not any(c.quotePrefix for r in rows.values() for c in r if c.column in (1, 2))


def paste_back(plan_xlsx, workbook, target):
    """Paste the plan's rows into the Findings sheet as Excel does: values with their types.

    A row whose ID is already there replaces it; the others are added below.
    """
    plan = openpyxl.load_workbook(plan_xlsx).active
    book = openpyxl.load_workbook(workbook)
    findings = book["Ustalenia"]
    rows = {r[0].value: r[0].row for r in findings.iter_rows(min_row=2) if r[0].value}
    end = findings.max_row
    for source in plan.iter_rows(min_row=2):
        if source[0].value not in rows:
            end += 1
            rows[source[0].value] = end
        for cell in source:
            pasted = findings.cell(row=rows[source[0].value], column=cell.column, value=cell.value)
            if cell.data_type == "s":
                pasted.data_type = "s"  # a text cell is pasted as text, whatever it starts with
            pasted.number_format = cell.number_format
            pasted.quotePrefix = cell.quotePrefix
    book.save(target)
    return target


def test_rows_pasted_back_twice_keep_their_text(make_workbook, sample_content, tmp_path):
    workbook = make_workbook(formula_like(sample_content), lang="pl")
    for round_ in (1, 2):
        report = sample_report(workbook)
        folder = tmp_path / f"plan-{round_}"
        folder.mkdir()
        xlsx, _ = write_action_plan(plan_of(report.model), folder, "pl")
        workbook = paste_back(xlsx, workbook, tmp_path / f"pasted-{round_}.xlsx")
        parsed, problems = read_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
        assert parsed is not None, [str(p) for p in problems if p.severity == "error"]
        by_id = {f.id: f for f in parsed.findings}
        assert len(by_id) == len(parsed.findings)  # pasted again, not added twice
        for (action, owner), finding in zip(FORMULA_LIKE.values(), ("GA-01", "GA-02"), strict=True):
            assert (by_id[finding].action, by_id[finding].owner) == (action, owner)
        texts = [
            c.value
            for r in openpyxl.load_workbook(workbook)["Ustalenia"].iter_rows(min_row=2)
            for c in r
            if isinstance(c.value, str)
        ]
        assert not any(t.startswith("'") for t in texts)
        with zipfile.ZipFile(workbook) as z:
            assert "<f>" not in z.read("xl/worksheets/sheet5.xml").decode()
    assert sum(f.id.startswith("AP-") for f in parsed.findings) == len(plan_of(report.model)) - 2


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("-5") == "'-5"
    assert neutralise("+48 123") == "'+48 123"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("Plan 2027") == "Plan 2027"


def test_csv_follows_the_locale(sample, tmp_path):
    report = sample_report(sample, lang="en")
    _, path_csv = write_action_plan(plan_of(report.model), tmp_path, "en")
    first = path_csv.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("ID,Clause,Source,Grade")

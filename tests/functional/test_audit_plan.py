"""``readiness audit-plan`` as a user meets it: the samples' programmes keep every rule, the
rows paste back into the Audits sheet and ``check`` reads them, refusals say which rule and
what would fix it, the audit time and the tender's estimate are shown."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, require_tool
from programme_checks import violations
from readiness.cli import main
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.risk import department_risks
from readiness.core.schema import OFFICE
from readiness.io.actionplan import write_action_plan
from readiness.io.workbook import load_workbook, read_workbook
from readiness.render.model import build_model, plan_of
from readiness.render.view import GapReport
from readiness.run.auditplan import plan_office

SAMPLES = sorted((ROOT / "data" / "sample").glob("*.xlsx"))
AS_OF = dt.date(2026, 11, 16)


def copy_sample(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    shutil.copytree(path.parent / "registers", tmp_path / "registers", dirs_exist_ok=True)
    return target


@pytest.mark.parametrize("sample_path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_programme_keeps_every_rule(sample_path, tmp_path):
    workbook = copy_sample(sample_path, tmp_path)
    run = plan_office(workbook, 2027, tmp_path / "reports", as_of=AS_OF)
    book = load_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
    assert book.departments and book.auditors
    assert violations(run.programme, book, assess(book, AS_OF, catalogue=load_catalogue())) == []
    assert run.programme.audits
    assert all(path.is_file() for path in run.files)
    assert run.folder.name == "audit-programme-2027"
    assert run.time is not None  # the samples give their staff


def test_the_command_writes_the_programme_and_shows_the_audit_time(sample, tmp_path, capsys):
    out = tmp_path / "reports"
    status = main(
        [
            *("audit-plan", str(sample), "--year", "2027", "--out", str(out)),
            *("--as-of", "2026-11-16", "--lang", "en", "--day-rate", "2800", "--currency", "PLN"),
        ]
    )
    captured = capsys.readouterr()
    assert status == 0, captured.err
    printed = [Path(line) for line in captured.out.splitlines()]
    names = {p.name for p in printed}
    assert names == {
        "audit-programme.xlsx",
        "audit-programme.html",
        "audit-programme.pdf",
        "tender-estimate.xlsx",
    }
    assert all(p.is_file() and p.parent.parent.parent == out for p in printed)
    # GA-02 is a gap, not an open finding: its department is not audited twice for it
    assert "12 audits of 8 departments" in captured.err
    assert "initial 8 auditor days" in captured.err
    assert "never a certification body's quote" in captured.err
    html = (printed[0].parent / "audit-programme.html").read_text("utf-8")
    assert "January" in html and "Wydział Komunikacji" in html
    assert "never a certification body&#39;s quote" in html
    assert "<script" not in html
    tender = openpyxl.load_workbook(printed[0].parent / "tender-estimate.xlsx")
    rows = list(tender["Estimate"].iter_rows(values_only=True))
    assert rows[1][:3] == (1, "Initial audit (stage 1 and stage 2)", 8)
    assert rows[-3][4] == (8 + 3 + 3) * 2800
    assert rows[-2][1] == "An estimate for planning, never a certification body's quote."
    # audit_time.toml says checked = false: every place the figures appear says so
    caveat = (
        "Figures from IAF MD 5, issue 4, version 2 (2019), not yet compared with its current issue."
    )
    assert rows[-1][1] == caveat
    assumptions = [r[0] for r in tender["Assumptions"].iter_rows(values_only=True)]
    assert any("never a certification body's quote" in (a or "") for a in assumptions)
    assert caveat in assumptions
    assert any("IAF MD 5 (2019), issue 4, version 2:" in (a or "") for a in assumptions)
    assert caveat in captured.err and caveat in html


def test_the_pdf_is_a_calendar(sample, tmp_path):
    pdftotext = require_tool("pdftotext")
    run = plan_office(sample, 2027, tmp_path / "reports", lang="pl", as_of=AS_OF, day_rate=2800)
    text = subprocess.run(
        [pdftotext, "-layout", str(run.folder / "audit-programme.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for month in ("Styczeń", "Czerwiec", "Grudzień"):
        assert month in text
    assert "Wydział Komunikacji" in text
    assert "IAF MD 5" in text
    flat = " ".join(text.split())
    assert "Wartości z IAF MD 5, wydanie 4, wersja 2 (2019), jeszcze nieporównane" in flat


def test_pasted_rows_are_read_by_check_as_planned_audits(sample, tmp_path, capsys):
    run = plan_office(sample, 2027, tmp_path / "reports", as_of=AS_OF)
    before = load_workbook(sample, as_of=AS_OF, catalogue=load_catalogue())
    programme = openpyxl.load_workbook(run.folder / "audit-programme.xlsx")
    rows = list(programme.worksheets[0].iter_rows(min_row=2, values_only=True))
    book = openpyxl.load_workbook(sample)
    audits = book["Audity"]  # the Polish sample's Audits sheet
    header = [c.value for c in audits[1]]
    assert header[: len(rows[0])] == [c.value for c in programme.worksheets[0][1]]
    last = max(r for r in range(1, audits.max_row + 1) if audits.cell(r, 1).value is not None)
    for offset, row in enumerate(rows, start=1):
        for col, value in enumerate(row, start=1):
            audits.cell(last + offset, col, value)
    pasted = tmp_path / "pasted.xlsx"
    book.save(pasted)
    assert main(["check", str(pasted), "--as-of", AS_OF.isoformat()]) == 0, capsys.readouterr()
    after = load_workbook(pasted, as_of=AS_OF, catalogue=load_catalogue())
    assert len(after.planned_audits) == len(rows) == len(run.programme.audits)
    assert after.audits == before.audits  # planned audits are not audits held
    assert {a.department for a in after.planned_audits} == {
        a.department for a in run.programme.audits
    }
    assert all(a.date.year == 2027 for a in after.planned_audits)
    assert (
        assess(after, AS_OF, catalogue=load_catalogue()).overall
        == assess(before, AS_OF, catalogue=load_catalogue()).overall
    )


def test_a_department_whose_only_auditor_works_in_it(sample_content, make_workbook, capsys):
    from sample_structure import with_structure

    content = with_structure("starostwo-przykladowo.xlsx", sample_content)
    content["auditors"] = [
        {"name": "Beata Rzetelna", "department": "Wydział Komunikacji", "trained_on": AS_OF,
         "may_lead": "yes"},
    ]  # fmt: skip
    path = make_workbook(content)
    status = main(["audit-plan", str(path), "--year", "2027", "--lang", "en", "--quiet"])
    err = capsys.readouterr().err
    assert status == 1
    assert "Train an auditor outside Wydział Komunikacji." in err
    assert "Traceback" not in err


def test_too_low_a_limit_says_how_far_to_raise_it(sample, tmp_path, capsys):
    status = main(
        [
            *("audit-plan", str(sample), "--year", "2027", "--out", str(tmp_path)),
            *("--lang", "en", "--max-audits-per-auditor", "2", "--as-of", "2026-11-16"),
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "within 2 audits" in err and "--max-audits-per-auditor" in err
    assert not list(tmp_path.glob("*/audit-programme-*"))  # nothing written


def test_an_old_workbook_is_read_as_before_and_told_what_to_fill(
    sample_content, make_workbook, capsys
):
    path = make_workbook(sample_content)  # no departments, auditors, staff
    book, _problems = read_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    assert book is not None and book.departments == () and book.office.staff is None
    status = main(["audit-plan", str(path), "--year", "2027", "--lang", "en", "--quiet"])
    err = capsys.readouterr().err
    assert status == 1
    assert "Fill in the Departments sheet" in err


def test_bad_structure_cells_are_named(sample_content, make_workbook):
    from sample_structure import with_structure

    content = with_structure("starostwo-przykladowo.xlsx", sample_content)
    content["office"]["staff"] = "many"
    content["departments"].append(dict(content["departments"][0]))  # listed twice
    content["auditors"][0]["department"] = "Wydział Nieznany"
    content["auditors"][1]["trained_on"] = "soon"
    path = make_workbook(content)
    book, problems = read_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    assert book is None
    found = {(p.code, p.sheet, p.cell, p.severity) for p in problems}
    staff_row = 2 + [c.key for c in OFFICE.columns].index("staff")
    assert ("bad-number", "Office", f"B{staff_row}", "error") in found
    assert ("duplicate-department", "Departments", "A10", "error") in found
    assert ("unknown-department", "Auditors", "B2", "warning") in found
    assert ("bad-date", "Auditors", "C3", "error") in found
    bad = next(p for p in problems if p.code == "bad-number")
    assert "42" in bad.expected and bad.file.endswith(".xlsx")


def test_workbook_text_that_looks_like_a_formula_stays_text(
    sample_content, make_workbook, tmp_path
):
    from sample_structure import with_structure

    content = with_structure("starostwo-przykladowo.xlsx", sample_content)
    content["departments"][3]["name"] = '=HYPERLINK("http://example.invalid","x")'
    for auditor in content["auditors"]:
        if auditor["department"] == "Wydział Komunikacji":
            auditor["department"] = content["departments"][3]["name"]
    run = plan_office(make_workbook(content), 2027, tmp_path / "out", as_of=AS_OF)
    sheet = openpyxl.load_workbook(run.folder / "audit-programme.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == content[
        "departments"][3]["name"]]  # fmt: skip
    assert len(cells) == 2  # audited twice: at risk
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    html = (run.folder / "audit-programme.html").read_text("utf-8")
    assert "=HYPERLINK(&#34;http://example.invalid&#34;" in html  # escaped, never markup


def test_a_certified_office_plans_within_its_cycle_or_every_year_when_asked(tmp_path):
    workbook = copy_sample(ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx", tmp_path)
    book = load_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
    cycle = plan_office(workbook, 2027, tmp_path / "a", as_of=AS_OF).programme
    every = plan_office(workbook, 2027, tmp_path / "b", as_of=AS_OF, annual=True).programme
    assert cycle.certified and every.certified and every.annual
    assert cycle.deferred and not every.deferred
    assert len({a.department for a in cycle.audits}) >= -(-len(book.departments) // 3)
    assert {a.department for a in every.audits} == {d.name for d in book.departments}
    for programme in (cycle, every):
        assert violations(programme, book, assess(book, AS_OF, catalogue=load_catalogue())) == []
    html = (tmp_path / "a").glob("*/audit-programme-2027/audit-programme.html")
    assert "Audit w kolejnym roku cyklu" in next(html).read_text("utf-8")


def paste_plan_into_findings(plan_xlsx: Path, workbook: Path, target: Path) -> Path:
    """Paste the action plan's rows below the Findings sheet's, as a user does."""
    plan = openpyxl.load_workbook(plan_xlsx).active
    book = openpyxl.load_workbook(workbook)
    findings = next(s for s in book.worksheets if s.title in ("Ustalenia", "Констатации"))
    ids = {r[0].value for r in findings.iter_rows(min_row=2)}
    end = findings.max_row
    for source in plan.iter_rows(min_row=2):
        if source[0].value in ids:
            continue
        end += 1
        for cell in source:
            findings.cell(row=end, column=cell.column, value=cell.value)
    book.save(target)
    return target


def open_finding_points(workbook: Path, start: dt.date) -> dict[str, tuple[int, int]]:
    """Each department's open-findings reason: (points, findings), for those that have one."""
    book = load_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
    return {
        r.department.name: (reason.points, reason.count)
        for r in department_risks(book, assess(book, AS_OF, catalogue=load_catalogue()), start)
        for reason in r.reasons
        if reason.code == "open_findings"
    }


@pytest.mark.parametrize("sample_path", SAMPLES, ids=lambda p: p.stem)
def test_the_command_plans_every_sample_as_shipped(sample_path, tmp_path, capsys):
    workbook = copy_sample(sample_path, tmp_path)
    status = main(
        [
            "audit-plan",
            str(workbook),
            "--year",
            "2027",
            "--out",
            str(tmp_path / "r"),
            "--lang",
            "en",
        ]
    )
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Traceback" not in captured.err
    assert len(captured.out.splitlines()) == 3  # xlsx, html, pdf


def test_gap_rows_pasted_back_from_the_action_plan_are_no_open_findings(tmp_path, capsys):
    """A gap (the action plan's grade for gap-analysis rows) weighs only as a level below
    target: pasted back into Findings it adds no open-finding points and crashes nothing."""
    workbook = copy_sample(ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx", tmp_path)
    book = load_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), "pl", load_catalogue())
    )
    rows = plan_of(report.model)
    assert sum(r["grade"] == "gap" for r in rows) >= 10
    xlsx, _ = write_action_plan(rows, tmp_path, "pl")
    pasted = paste_plan_into_findings(xlsx, workbook, tmp_path / "pasted.xlsx")
    again = load_workbook(pasted, as_of=AS_OF, catalogue=load_catalogue())
    gaps = [f for f in again.findings if f.grade == "gap"]
    assert len(gaps) >= 10 and any(f.is_open for f in gaps)
    start = dt.date(2027, 1, 1)
    assert open_finding_points(pasted, start) == open_finding_points(workbook, start)
    status = main(
        [
            *("audit-plan", str(pasted), "--year", "2027", "--out", str(tmp_path / "r")),
            *("--as-of", "2026-11-16", "--lang", "en"),
        ]
    )
    assert status == 0, capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_summary_shows_the_busiest_auditor_beside_the_limit(sample, tmp_path, capsys, lang):
    """One limit, not two: "at most 4 audits each (limit 6)", never "at most 4 each" beside
    "each auditor takes part in at most 6 audits"."""
    status = main(
        [
            *("audit-plan", str(sample), "--year", "2027", "--out", str(tmp_path / "r")),
            *("--as-of", "2026-11-16", "--lang", lang, "--max-audits-per-auditor", "6"),
        ]
    )
    err = capsys.readouterr().err
    assert status == 0, err
    pattern = {
        "en": r"\(at most (\d+) audits each, limit (\d+)\)",
        "pl": r"\(na osobę najwyżej (\d+) z dopuszczalnych (\d+) auditów\)",
        "bg": r"\(на човек най-много (\d+) от допустимите (\d+) одита\)",
    }[lang]
    found = re.search(pattern, err)
    assert found, err
    most, limit = (int(x) for x in found.groups())
    assert most <= limit == 6
    assert "each)" not in err

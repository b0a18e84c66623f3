"""The programme beside the audits held: in the report's sections, results.json and the
portfolio dashboard (small, separate integrations of ``readiness audit-plan``)."""

from __future__ import annotations

import datetime as dt
import json

from openpyxl import load_workbook

from portfolio_data import AS_OF as PORTFOLIO_AS_OF
from portfolio_data import write_offices
from readiness import __version__
from readiness.render.dashboard import write_dashboard
from readiness.render.model import results_of
from readiness.run.auditplan import plan_office
from readiness.run.state import open_report

AS_OF = dt.date(2026, 11, 16)


def test_report_shows_audits_held_beside_planned_and_the_audit_time(sample, tmp_path):
    before = open_report(sample, as_of=AS_OF, lang="en")
    assert results_of(before.model, __version__)["audit_programme"]["planned_audits"] == 0
    # paste the programme's rows into the Audits sheet, as the README says
    import openpyxl

    run = plan_office(sample, 2027, tmp_path / "reports", as_of=AS_OF)
    rows = list(
        openpyxl.load_workbook(run.folder / "audit-programme.xlsx")
        .worksheets[0]
        .iter_rows(min_row=2, values_only=True)
    )
    book = openpyxl.load_workbook(sample)
    sheet = book["Audity"]
    for row in rows:
        sheet.append(row)
    book.save(sample)
    report = open_report(sample, as_of=AS_OF, lang="en")
    coverage = results_of(report.model, __version__)["audit_programme"]
    assert coverage["planned_audits"] == len(run.programme.audits)
    assert coverage["planned"] == coverage["applicable"] == coverage["together"]
    assert coverage["coverage"] == 1.0
    html = report.stage_gate("evaluation").html
    assert "Internal audits: held and planned" in html
    assert f"{coverage['applicable']} / {coverage['applicable']}" in html
    assert "never a certification body&#39;s quote" in html
    assert "IAF MD 5 (2019)" in html


def test_certified_office_cycle_section_has_the_audit_time(tmp_path):
    from conftest import ROOT

    report = open_report(ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx", as_of=AS_OF)
    html = report.certification_cycle().html
    assert "Czas auditu jednostki certyfikującej" in html  # the office's language: Polish
    assert "Szacunek do celów planowania, a nie oferta jednostki certyfikującej." in html
    assert "Audit nadzoru (co roku)" in html


def test_dashboard_shows_each_office_programme_coverage(tmp_path):
    root = tmp_path / "reports"
    outcomes = write_offices(root, 3)
    for index, share in ((0, 0.25), (1, 1.0)):
        path = root / outcomes[index].folder / "results.json"
        doc = json.loads(path.read_text())
        doc["audit_programme"] = {"coverage": share, "applicable": 58}
        path.write_text(json.dumps(doc))
    written = write_dashboard(root, PORTFOLIO_AS_OF, outcomes, lang="en", formats=("html", "xlsx"))
    page = written["html"].read_text(encoding="utf-8")
    # the column opens the year's group of columns (a rule on its left)
    assert '<th data-k="n" class="group">Internal audits held and planned</th>' in page
    assert '<td class="group">25%</td>' in page and '<td class="group">100%</td>' in page
    sheet = load_workbook(written["xlsx"]).worksheets[0]
    header = [c.value for c in sheet[1]]
    column = header.index("Internal audits held and planned")
    values = sorted(
        (r[column] for r in sheet.iter_rows(min_row=2, values_only=True)),
        key=lambda v: (v is None, v),
    )
    assert values == [0.25, 1.0, None]  # an office without the key: blank, not 0

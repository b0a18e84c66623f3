"""The portfolio dashboard's content, from offices' results.json: HTML, PDF and xlsx as text."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import subprocess

import pytest
from openpyxl import load_workbook

from conftest import require_tool
from portfolio_data import AS_OF, write_offices
from readiness.io.portfolio import Outcome, Source
from readiness.render.dashboard import attention, collect, distributions, write_dashboard


@pytest.fixture
def portfolio(tmp_path):
    root = tmp_path / "reports"
    soon = (AS_OF.replace(day=28)).isoformat()
    outcomes = write_offices(
        root,
        6,
        tweak={
            0: {"name": "Gmina <b>Nowa</b> Wieś & Co"},
            1: {"name": "Община Примерно"},
        },
    )
    # office 1: certified, its certificate expires in 11 days
    doc = json.loads((root / outcomes[1].folder / "results.json").read_text())
    doc["cycle"] = {"expires": "2026-12-01", "expired": False}
    (root / outcomes[1].folder / "results.json").write_text(json.dumps(doc))
    # office 2: an audit within the month with blockers
    doc = json.loads((root / outcomes[2].folder / "results.json").read_text())
    doc["verdict"] |= {"ready": False, "blockers": 5, "audit_planned": soon}
    (root / outcomes[2].folder / "results.json").write_text(json.dumps(doc))
    failed = Outcome(
        Source(tmp_path / "in" / "broken.xlsx", "broken.xlsx"),
        "failed",
        code="workbook-errors",
        message="Office!B2: the office name is empty",
    )
    return root, [*outcomes, failed]


def test_html_has_a_row_per_office_the_failure_and_links_relative_to_the_dashboard(portfolio):
    root, outcomes = portfolio
    written = write_dashboard(root, AS_OF, outcomes, lang="en", formats=("html",))
    page = written["html"].read_text(encoding="utf-8")
    assert written["html"] == root / "_portfolio" / AS_OF.isoformat() / "dashboard.html"
    body = page.split('<table id="portfolio"', 1)[1]
    assert body.count("<tr><td><a href=") == 6
    assert "Gmina &lt;b&gt;Nowa&lt;/b&gt; Wieś &amp; Co" in page  # escaped, never markup
    assert "<b>Nowa</b>" not in page
    assert "Община Примерно" in page
    for outcome in outcomes[:6]:
        link = f'href="../../{outcome.folder}/gap-report.html"'
        assert link in page
        assert (written["html"].parent / "../.." / outcome.folder / "gap-report.html").is_file()
    failures = page.split('id="failed"', 1)[1].split("</section>", 1)[0]
    assert "workbook-errors" in failures and "broken.xlsx" in failures
    assert "Office!B2: the office name is empty" in failures


def test_html_loads_nothing_and_allows_only_its_own_script_by_hash(portfolio):
    root, outcomes = portfolio
    page = write_dashboard(root, AS_OF, outcomes, lang="en", formats=("html",))["html"].read_text()
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_attention_lists_audits_due_with_blockers_and_certificates_expiring(portfolio):
    root, outcomes = portfolio
    found = {row.name: why for row, why in attention(collect(root, AS_OF, outcomes, "en"))}
    assert "Office 00002" in found and "with 5 blockers" in found["Office 00002"]
    assert "certificate expires in 11 days" in found["Община Примерно"]


def test_readiness_bands_are_ranges_with_an_en_dash_and_count_every_office(portfolio):
    root, outcomes = portfolio
    shown = collect(root, AS_OF, outcomes, "pl")
    bands = next(iter(distributions(shown).values()))
    assert [b for b, _n in bands][:2] == ["0\u201310%", "10\u201320%"]
    assert sum(n for _b, n in bands) == len(shown.rows) > 0


def test_readiness_change_is_since_the_previous_portfolio_run_and_a_fall_needs_attention(
    portfolio,
):
    root, outcomes = portfolio
    earlier = AS_OF.replace(day=1)
    before = {o.identity: 0.5 for o in outcomes[:6]}
    folder = root / "_portfolio" / earlier.isoformat()
    folder.mkdir(parents=True)
    (folder / "portfolio.json").write_text(json.dumps({"readiness": before}))
    portfolio_now = collect(root, AS_OF, outcomes, "en")
    for row in portfolio_now.rows:
        assert row.change == pytest.approx(row.readiness - 0.5)
    fell = {r.name for r in portfolio_now.rows if r.readiness < 0.5}
    flagged = {row.name for row, why in attention(portfolio_now) if "readiness fell" in why}
    assert fell and flagged == fell


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("pl", ("Kto wymaga uwagi w tym miesiącu", "Gotowość", "✗ 5 braków blokujących<")),
        ("bg", ("Кой се нуждае от внимание този месец", "Готовност", "✗ 5 блокиращи пропуска<")),
    ],
)
def test_dashboard_speaks_polish_and_bulgarian(portfolio, lang, words):
    root, outcomes = portfolio
    page = write_dashboard(root, AS_OF, outcomes, lang=lang, formats=("html",))["html"]
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in text
    for word in words:
        assert word in text
    assert "r.." not in text and "г.." not in text  # the verdict's tooltip ends with one stop


def test_pdf_and_xlsx_hold_the_same_table(portfolio):
    pdftotext = require_tool("pdftotext")
    root, outcomes = portfolio
    written = write_dashboard(root, AS_OF, outcomes, lang="en", formats=("pdf",))
    text = subprocess.run(
        [pdftotext, "-layout", str(written["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in ("Office 00003", "Община Примерно", "Who needs attention this month"):
        assert name in text
    assert "workbook-errors" in text
    sheet = load_workbook(written["xlsx"]).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Office" and len(rows) == 7
    assert {r[0] for r in rows[1:]} >= {"Office 00003", "Община Примерно"}
    failed = list(load_workbook(written["xlsx"]).worksheets[1].iter_rows(values_only=True))
    assert failed[1][1] == "workbook-errors"


def test_a_second_dashboard_reads_the_records_cache_and_shows_the_same(portfolio, monkeypatch):
    import os
    import time

    from readiness.io import records

    root, outcomes = portfolio
    hour_ago = time.time() - 3600
    for outcome in outcomes[:6]:  # reports written an hour ago
        os.utime(root / outcome.folder / "results.json", (hour_ago, hour_ago))
    first = write_dashboard(root, AS_OF, outcomes, lang="en", formats=("html",))
    page = first["html"].read_text(encoding="utf-8")
    cached = json.loads((root / "_portfolio" / "records.json").read_text(encoding="utf-8"))
    assert len(cached["entries"]) == 6
    monkeypatch.setattr(records, "load_document", lambda path: pytest.fail(f"read {path}"))
    again = write_dashboard(root, AS_OF, outcomes, lang="en", formats=("html",))
    assert again["html"].read_text(encoding="utf-8") == page


YEAR = {
    "management_review": {"date": "2026-10-20", "inputs": ["audits"], "inputs_expected": 12},
    "objectives": {"total": 3, "met": 2, "on_track": 1, "missed": 0, "no_data": 0},
    "satisfaction": {"share": 0.834, "last_measured": "2026-06-01", "in_time": True},
    "suppliers": {"providers": 4, "evaluated": 4, "overdue": 2, "not_approved_in_use": 0},
}


def test_the_years_columns_from_results_version_4_in_html_pdf_and_xlsx(portfolio):
    pdftotext = require_tool("pdftotext")
    root, outcomes = portfolio
    path = root / outcomes[3].folder / "results.json"
    doc = json.loads(path.read_text())
    path.write_text(json.dumps(doc | {"schema_version": 4, "year": YEAR}))
    written = write_dashboard(root, AS_OF, outcomes, lang="pl", formats=("html", "pdf"))
    page = written["html"].read_text(encoding="utf-8")
    for header in ("Ostatni przegląd zarządzania", "Osiągnięte cele jakościowe",
                   "Odsetek zadowolonych klientów", "Zaległe ponowne oceny dostawców"):  # fmt: skip
        assert f">{header}</th>" in page
    row = next(r for r in page.split("<tr>") if "Office 00003" in r)
    assert "<td>2026-10-20</td><td>2 z 3</td><td>83%</td>" in row
    assert '<td class="no">2 ▲</td>' in row  # overdue: a symbol, not only the colour
    older = next(r for r in page.split("<tr>") if "Office 00004" in r)
    assert older.rstrip().endswith("<td></td><td></td><td></td><td></td>\n</tr>")  # version 2
    sheet = load_workbook(written["xlsx"]).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    values = next(r for r in rows if r[0] == "Office 00003")
    assert list(values[-4:]) == [dt.datetime(2026, 10, 20), "2 z 3", 0.834, 2]
    text = " ".join(
        subprocess.run(
            [pdftotext, "-raw", str(written["pdf"]), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    # the year's own table: the office, its stage, then the evidence the next audit asks for
    assert "Office 00003 Certyfikowany: nadzór 2026-10-20 2 z 3 83% 2 ▲" in text

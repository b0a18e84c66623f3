"""The certified office's report as a user gets it: its year's sections in the browser and PDF.

``readiness report`` on the certified sample (objectives with results, two years of survey
answers and a supplier register named by its sources file): the objectives with a chart
each, the satisfaction measured with its interval, the providers with the re-evaluation
overdue and the provider not approved but still used, and the evidence for the next audit;
the same in the PDF's text and in ``results.json``.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import AS_OF, ROOT, require_tool

pytestmark = pytest.mark.slow
CITY = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


@pytest.fixture(scope="module")
def city(sample_reports):
    return sample_reports(CITY)  # the session's run (tests/conftest.py)


def test_results_json_holds_the_year(city):
    data = json.loads(city.results.read_text(encoding="utf-8"))
    assert data["schema_version"] == 4
    year = data["year"]
    assert year["objectives"]["total"] == 3
    assert year["objectives"]["met"] + year["objectives"]["on_track"] == 3
    assert year["management_review"]["date"] <= AS_OF.isoformat()
    satisfaction = year["satisfaction"]
    assert satisfaction["in_time"] is True and satisfaction["severity"] is None
    assert satisfaction["last_measured"] == "2026-10-30" and satisfaction["responses"] == 165
    assert satisfaction["low"] < satisfaction["share"] < satisfaction["high"]
    assert year["suppliers"] == {
        "providers": 5,
        "evaluated": 5,
        "overdue": 1,
        "not_approved_in_use": 1,
    }


def test_the_browser_shows_the_sections_with_one_chart_per_objective(city):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page()
        page.goto(city.html.as_uri(), wait_until="load")
        objectives = page.locator("section#objectives")
        assert objectives.locator("h2").inner_text() == "Cele jakościowe"
        assert objectives.locator("figure svg").count() == 3
        assert "Cele osiągnięte: 2 z 3" in objectives.inner_text()
        satisfaction = page.locator("section#satisfaction").inner_text()
        assert "Ostatni pomiar zadowolenia klienta: 30 października 2026 r." in satisfaction
        assert "Zalecenie:" not in satisfaction  # measured in the last 12 months
        suppliers = page.locator("section#suppliers").inner_text()
        assert "zaległe ponowne oceny: 1" in suppliers
        evidence = page.locator("section#next-audit-evidence").inner_text()
        assert "Ostatni przegląd zarządzania:" in evidence
        assert "Osiągnięte cele jakościowe: 2 z 3" in evidence
        # every section is in the contents
        toc = page.locator("nav").first.inner_text()
        for heading in ("Cele jakościowe", "Zadowolenie klienta", "Dostawcy zewnętrzni"):
            assert heading in toc
        browser.close()


def test_the_pdf_text_shows_the_sections(city):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(city.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Cele osiągnięte: 2 z 3" in flat
    assert "wartość docelowa 97" in flat  # the target line's label on the chart
    assert "Ostatni pomiar zadowolenia klienta: 30 października 2026 r." in flat
    assert "Zaległe ponowne oceny dostawców zewnętrznych: 1 z 5" in flat
    assert "Dowody na potrzeby następnego auditu" in flat
    assert "uwzględnione dane wejściowe: 12 z 12" in flat
    assert "97.5" not in flat  # the chart's ticks read as Polish numbers

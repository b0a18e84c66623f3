"""The portfolio dashboard of 3,000 offices in headless Chromium: offline, sorts, filters.

How fast it loads is measured in ``benchmarks/bench_dashboard.py``, side by side with 300
offices: a timed assertion here failed on a busy machine, not on a slow page.
"""

from __future__ import annotations

import pytest

from conftest import require_tool
from portfolio_data import AS_OF, write_offices
from readiness.render.dashboard import write_dashboard

pytestmark = pytest.mark.slow
OFFICES = 3000
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    root = tmp_path_factory.mktemp("portfolio") / "reports"
    outcomes = write_offices(root, OFFICES, seed=3)
    return write_dashboard(root, AS_OF, outcomes, lang="en", formats=("html",))["html"]


def test_3000_offices_load_offline_and_sort_and_filter(dashboard, tmp_path):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(dashboard.as_uri(), wait_until="load")
        rows = page.locator("#portfolio tbody tr")
        assert rows.count() == OFFICES
        assert page.locator("#shown").inner_text() == f"{OFFICES} / {OFFICES}"  # the script ran
        # sort by readiness, descending on the second click
        heading = page.locator("#portfolio thead tr:last-child th").nth(5)  # under the groups
        heading.click()
        heading.click()
        values = page.eval_on_selector_all(
            "#portfolio tbody tr td:nth-child(6)", "cells => cells.map(c => +c.dataset.v)"
        )
        assert values == sorted(values, reverse=True)
        # the office's name stays in view when the table scrolls sideways
        page.eval_on_selector(".scroll", "box => { box.scrollLeft = box.scrollWidth; }")
        first = page.locator("#portfolio tbody tr").first.locator("td").first.bounding_box()
        box = page.locator(".scroll").bounding_box()
        assert first is not None and box is not None and first["x"] <= box["x"] + 2
        # filter by one office's name
        page.fill("#filter", "Office 01234")
        assert page.locator("#shown").inner_text() == f"1 / {OFFICES}"
        assert (
            page.locator("#portfolio tbody tr:not(.hidden)").inner_text().startswith("Office 01234")
        )
        browser.close()
    assert problems == []  # no CSP violation, no script error
    assert requests == [dashboard.as_uri()]  # nothing but the page itself

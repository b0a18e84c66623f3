"""The HTML report in a real headless browser: offline, no errors, a working clause table."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SAMPLE, require_tool

pytestmark = pytest.mark.slow
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def artifacts(tmp_path: Path) -> Path:
    """Where the screenshot and print rendering go: $READINESS_ARTIFACTS, else the test's own
    temporary folder (never the checkout)."""
    folder = Path(os.environ.get("READINESS_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory, sample_reports):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("browser")
    paths = sample_reports(SAMPLE)  # the session's run (tests/conftest.py)
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(folder / "profile"),  # a fresh user-data-dir
            executable_path=chromium,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        page.on(
            "console",
            lambda m: (
                problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(paths.html.as_uri(), wait_until="load")
        yield page, paths, problems, requests
        context.close()


def test_opens_offline_without_errors_or_requests(browser_page, tmp_path):
    page, paths, problems, requests = browser_page
    assert problems == []
    assert requests == [paths.html.as_uri()]  # nothing but the file itself
    assert page.title().startswith("Starostwo Powiatowe w Przykładowie")
    assert page.locator("nav.toc li").count() >= 10
    page.screenshot(path=str(artifacts(tmp_path) / "report-1280.png"), full_page=True)


def test_clause_table_filters_and_sorts(browser_page):
    page, _, problems, _ = browser_page
    table = page.locator("table.clauses")
    controls = page.locator(".table-controls")
    assert controls.count() == 1  # our script ran under the page's Content-Security-Policy
    controls.locator("input").fill("8.5")
    visible = table.locator("tbody tr:visible")
    refs = [visible.nth(i).locator("td").first.inner_text() for i in range(visible.count())]
    assert refs and all("8.5" in r for r in refs)
    assert controls.locator(".count").inner_text().startswith(f"{len(refs)} / ")
    controls.locator("input").fill("")
    controls.locator("select").select_option("gap")
    gaps = table.locator("tbody tr:visible")
    assert gaps.count() == 29 and table.locator("tbody tr.status-ok:visible").count() == 0
    controls.locator("select").select_option("")
    header = table.locator("thead th").nth(1)  # level
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    first = table.locator("tbody tr:visible").first.locator("td").nth(1).inner_text()
    assert first == "nie dotyczy"  # N/A sorts below level 0
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert table.locator("tbody tr:visible").first.locator("td").nth(1).inner_text().startswith("4")
    assert problems == []


def test_print_rendering(browser_page, tmp_path):
    page, _, problems, _ = browser_page
    target = artifacts(tmp_path) / "report-print.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="A4", print_background=True)
    assert target.stat().st_size > 20_000
    assert not page.locator(".table-controls").is_visible()  # controls are for the screen
    assert problems == []

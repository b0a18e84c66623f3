"""The contents list every section on the page, in order, under the heading the page shows:
in the HTML (headless Chromium) and in the PDF (its contents page, read with pdftotext), for
the county sample and the certified city (whose certified gates and appendices come last)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_browser import FLAGS

from conftest import ROOT, SAMPLE, pdf_pages, require_tool

pytestmark = pytest.mark.slow
CITY = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"
CERTIFIED = ("verdict", "cycle", "stage-surveillance")  # what a certified office's report adds


@pytest.fixture(scope="module", params=[SAMPLE, CITY], ids=["county", "city"])
def report(request: pytest.FixtureRequest, sample_reports: Any) -> Any:
    return request.param, sample_reports(request.param)  # the session's run (tests/conftest.py)


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_tool("chromium")


def on_page(report: Any, chromium: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(anchor, text) of the contents' links, and (id, heading) of every section on the page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page()
        page.goto(report.html.as_uri(), wait_until="load")
        listed = page.eval_on_selector_all(
            "nav.toc a",
            "links => links.map(a => [a.getAttribute('href').slice(1), a.innerText.trim()])",
        )
        sections = page.eval_on_selector_all(
            "section[id]",
            """found => found.filter(s => s.querySelector(':scope > h2'))
                .map(s => [s.id, s.querySelector(':scope > h2').innerText.trim()])""",
        )
        browser.close()
    return [tuple(x) for x in listed], [tuple(x) for x in sections]


def test_html_contents_are_the_sections_on_the_page(report: Any, chromium: str) -> None:
    workbook, paths = report
    listed, sections = on_page(paths, chromium)
    assert len(sections) >= 10
    assert listed == sections  # each section once, in the page's order, with its heading
    anchors = [anchor for anchor, _ in listed]
    if workbook == CITY:  # its certified stage's gate, then the transition and the appendix
        assert set(CERTIFIED) <= set(anchors), anchors
    # both read their registers (the city its surveys and suppliers): their appendix closes
    assert anchors[-2:] == ["appendix", "registers"]


def test_pdf_contents_are_the_sections_on_the_page(report: Any, chromium: str) -> None:
    _, paths = report
    _, sections = on_page(paths, chromium)
    pages = pdf_pages(paths.pdf)
    contents = next(text for text in pages if re.search(r" \.{5,} ?\d+ ", text))
    entries = re.findall(r"(\S.*?) \.{5,} ?(\d+)(?= |$)", contents)
    titles = [title for title, _ in entries]
    # the contents page's heading and running header precede its first entry
    first = sections[0][1]
    assert titles and titles[0].endswith(first), titles[0]
    titles[0] = first
    assert titles == [heading for _, heading in sections]
    for (title, number), earlier in zip(entries[1:], entries, strict=False):
        assert int(number) >= int(earlier[1])
        assert title in pages[int(number) - 1], f"{title!r} is not on page {number}"

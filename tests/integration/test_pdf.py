"""The PDF as Typst typesets it: contents that point at the right pages, header and page X / Y
on every page, charts as vectors, Polish and Cyrillic text, and page text never read as code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import AS_OF, ROOT, SAMPLE, pdf_pages, require_tool
from readiness.render.blocks import document
from readiness.render.export import to_pdf
from readiness.run.pipeline import build_report

BULGARIAN = ROOT / "data" / "sample" / "obshtina-primerno.xlsx"
HEADER = "Starostwo Powiatowe w Przykładowie · 16 listopada 2026 r."


@pytest.fixture(scope="module")
def county_pdf(sample_reports: Any) -> Path:
    paths = sample_reports(SAMPLE)  # the session's run (tests/conftest.py)
    assert paths.pdf is not None
    return paths.pdf


@pytest.mark.slow
def test_contents_page_numbers_point_at_the_sections(county_pdf: Path) -> None:
    pages = pdf_pages(county_pdf)
    assert pages[1].startswith(HEADER + " Spis treści ")
    listing = pages[1].removeprefix(HEADER + " Spis treści ")
    entries = re.findall(r"(\S.*?) \.{5,} ?(\d+) ", listing)
    assert len(entries) >= 8
    for title, number in entries:
        page = int(number)
        assert 3 <= page <= len(pages)
        assert title in pages[page - 1], f"{title!r} is not on page {page}"
        assert all(title not in text for text in pages[2 : page - 1]), f"{title!r} is earlier"


@pytest.mark.slow
def test_every_page_has_header_and_page_x_of_y(county_pdf: Path) -> None:
    pages = pdf_pages(county_pdf)
    total = len(pages)
    assert 8 <= total <= 25
    assert HEADER not in pages[0]  # the cover has no running header
    assert pages[0].endswith(f"1 / {total}")
    for number, text in enumerate(pages[1:], start=2):
        assert text.startswith(HEADER), f"page {number} has no running header"
        assert text.endswith(f"{number} / {total}"), f"page {number} has no page X / Y"


@pytest.mark.slow
def test_chart_is_vector_with_text_and_fonts_are_embedded(county_pdf: Path) -> None:
    pdfimages, pdffonts = require_tool("pdfimages"), require_tool("pdffonts")
    listing = subprocess.run(
        [pdfimages, "-list", str(county_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(listing) == 2, listing  # the header lines only: not one raster image
    assert any("Gotowość do certyfikacji (%)" in text for text in pdf_pages(county_pdf))
    fonts = subprocess.run(
        [pdffonts, str(county_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded


@pytest.mark.slow
def test_bulgarian_report_has_cyrillic_text(tmp_path: Path) -> None:
    paths = build_report(BULGARIAN, out=tmp_path, as_of=AS_OF, formats=["pdf"])
    assert paths.pdf is not None
    text = " ".join(pdf_pages(paths.pdf))
    assert "Община Примерно" in text
    assert "Съдържание" in text or "Съдържание".lower() in text.lower()


WEIRD = 'Zażółć "gęślą" jaźń \\ #panic("x") $x$ *b* _i_ <a> @ref [c] } Ещё'


def test_page_text_is_shown_as_it_is_never_run(tmp_path: Path) -> None:
    escaped = WEIRD.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    page = (
        '<html lang="pl"><head><title>t</title></head><body>'
        '<div class="running-header">Nagłówek</div><main>'
        f'<section class="cover" id="office"><h1>{escaped}</h1></section>'
        '<nav class="toc" id="contents"><h2>Spis</h2><ol>'
        '<li><a href="#a">Rozdział A</a></li><li><a href="#missing">Brak</a></li></ol></nav>'
        f'<section id="a"><h2>Rozdział A</h2><table class="data"><thead><tr><th>X</th>'
        f'<th class="num">N</th></tr></thead><tbody><tr><td>{escaped}</td>'
        '<td class="num">1</td></tr></tbody></table></section>'
        "</main></body></html>"
    )
    data = document(page)
    assert data["cover"]["blocks"][0]["text"] == [WEIRD]  # the text as data, as it is
    cell = data["sections"][0]["blocks"][1]["body"][0]["cells"][0]
    assert cell["text"] == [WEIRD] and cell["plain"] == WEIRD
    pages = pdf_pages(to_pdf(page, tmp_path / "weird.pdf"))
    assert len(pages) == 3  # cover, contents, the section
    assert WEIRD in pages[0] and WEIRD in pages[2]
    assert re.search(r"Rozdział A \.{5,} ?3", pages[1])
    assert "Brak" not in pages[1]  # a contents entry without its section is left out
    assert pages[2].startswith("Nagłówek") and re.search(r"3 ?/ ?3$", pages[2])


def test_a_section_of_unknown_classes_reaches_the_pdf(tmp_path: Path) -> None:
    # a fragment the reader has no rule for (a new section of issue 20, a cell added in
    # JupyterLab) still shows its headings, paragraphs, lists and tables, in their order
    page = (
        '<html lang="pl"><head><title>t</title></head><body>'
        '<div class="running-header">Nagłówek</div><main>'
        '<section class="cover" id="office"><h1>Urząd</h1></section>'
        '<nav class="toc" id="contents"><h2>Spis</h2><ol>'
        '<li><a href="#nowa">Nowa sekcja</a></li></ol></nav>'
        '<section class="brand-new" id="nowa"><div class="never-seen"><h2>Nowa sekcja</h2>'
        '<p class="unknown-lead">Akapit <em>nieznanej</em> klasy.</p>'
        '<ul class="odd"><li>Punkt pierwszy</li><li>Punkt drugi</li></ul>'
        '<table class="novel"><thead><tr><th>Rejestr</th><th class="num">Wpisy</th></tr>'
        '</thead><tbody><tr class="strange"><td>Skargi <span class="badge badge-new">nowy'
        '</span></td><td class="num">7</td></tr></tbody>'
        '<tfoot><tr><td colspan="2">Razem 7</td></tr></tfoot></table></div></section>'
        '<div class="cell-from-jupyterlab"><p>Uwaga dopisana w JupyterLab.</p></div>'
        "</main></body></html>"
    )
    data = document(page)
    assert data["contents"]["entries"] == [["nowa", "Nowa sekcja"]]
    [section, loose] = data["sections"]
    assert (section["id"], section["heading"]) == ("nowa", "Nowa sekcja")
    [anchor, box] = section["blocks"]  # the heading is in a box: the anchor comes first
    assert anchor == {"kind": "anchor", "label": "nowa"}
    assert [block["kind"] for block in box["blocks"]] == ["heading", "para", "list", "table"]
    table = box["blocks"][3]
    assert [len(table[part]) for part in ("head", "body", "foot")] == [1, 1, 1]
    assert table["body"][0]["cells"][0]["badge"] and table["foot"][0]["cells"][0]["colspan"] == 2
    assert loose["id"] == "" and loose["blocks"][0]["kind"] == "div"
    pages = pdf_pages(to_pdf(page, tmp_path / "new.pdf"))
    assert len(pages) == 3
    assert re.search(r"Nowa sekcja \.{5,} ?3", pages[1])
    text = pages[2]
    order = ["Nowa sekcja", "Akapit nieznanej klasy.", "Punkt pierwszy", "Punkt drugi",
             "Rejestr", "Wpisy", "Skargi nowy", "7", "Razem 7",
             "Uwaga dopisana w JupyterLab."]  # fmt: skip
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text

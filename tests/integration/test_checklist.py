"""The interview checklist as printed: every chapter and requirement with its questions, the
level boxes and room for notes, in Polish and Bulgarian; the office's name and the date when a
workbook is given; A4 with page X / Y as the report has."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, require_tool
from readiness.cli import main
from readiness.core.catalogue import load_catalogue
from readiness.core.messages import translator
from readiness.core.schema import LEVEL_LABELS, NOT_APPLICABLE
from readiness.io.template import write_workbook
from readiness.render.checklist import write_checklist
from readiness.render.i18n import format_date

BULGARIAN = ROOT / "data" / "sample" / "obshtina-primerno.xlsx"
CAT = load_catalogue()
TITLE = {
    "en": "Interview checklist",
    "pl": "Lista kontrolna do rozmów w urzędzie",
    "bg": "Контролен лист за интервю в администрацията",
}
A4 = (595.3, 841.9)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def pages_of(pdf: Path, *options: str) -> list[str]:
    """The text of each page, whitespace collapsed."""
    pdftotext = require_tool("pdftotext")
    out = subprocess.run(
        [pdftotext, *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [_collapse(page) for page in out.split("\f")[:-1]]


def sizes_of(pdf: Path, count: int) -> list[tuple[float, float]]:
    pdfinfo = require_tool("pdfinfo")
    info = subprocess.run(
        [pdfinfo, "-f", "1", "-l", str(count), str(pdf)], capture_output=True, text=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


def level_row(lang: str) -> str:
    _ = translator(lang)
    return " ".join(f"{n} - {_(LEVEL_LABELS[n])}" for n in sorted(LEVEL_LABELS))


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("checklist")
    return {
        lang: write_checklist(folder / f"{lang}.pdf", lang, catalogue=load_catalogue())
        for lang in ("en", "pl", "bg")
    }


@pytest.mark.parametrize("lang", ["pl", "bg", "en"])
def test_every_chapter_and_requirement_with_its_questions(blank, lang):
    pages = pages_of(blank[lang])
    text = " ".join(pages)
    assert pages[0].startswith(_collapse(CAT.name(lang)))  # as its reader knows it, never "AMD"
    assert TITLE[lang] in pages[0]
    for chapter in CAT.chapters:
        heading = f"{chapter.ref} {CAT.title(chapter.ref, lang)}"
        # one section per chapter, from a new page (the first one after the cover block)
        starts = [i for i, page in enumerate(pages) if heading in page]
        assert starts, heading
        first = starts[0]
        if chapter.ref != "4":
            assert pages[first].startswith(f"{TITLE[lang]} {heading}"), heading
    for clause in CAT.requirements:
        label = CAT.label(clause.ref, lang)
        assert label in text, label
        for question in clause.ask:
            assert _collapse(CAT.tr(question, lang)) in text, (clause.ref, question)
        for evidence in clause.evidence:
            assert _collapse(CAT.tr(evidence, lang)) in text, (clause.ref, evidence)
    # the boxes for the level, once per requirement, then N/A only where an exclusion is
    # allowed, then the room for notes (read line by line, as printed)
    _ = translator(lang)
    level = {"en": "Level", "pl": "Poziom", "bg": "Ниво"}[lang]
    notes = {"en": "Notes", "pl": "Uwagi", "bg": "Бележки"}[lang]
    printed = " ".join(pages_of(blank[lang], "-layout"))
    rows = re.findall(
        re.escape(f"{level} {level_row(lang)}")
        + "( "
        + re.escape(_(NOT_APPLICABLE))
        + ")? "
        + re.escape(notes),
        printed,
    )
    assert len(rows) == len(CAT.requirements)
    assert sum(1 for na in rows if na) == sum(1 for c in CAT.requirements if c.may_exclude)


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_a4_pages_with_page_x_of_y_and_no_office_without_a_workbook(blank, lang):
    pages = pages_of(blank[lang])
    total = len(pages)
    assert 15 <= total <= 40
    assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sizes_of(blank[lang], total))
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"{number} / {total}"), number
        if number > 1:
            assert page.startswith(TITLE[lang]), number  # the running header
    # nothing of an office: the lines stay blank to write on
    assert "Przykładow" not in " ".join(pages) and "Примерно" not in " ".join(pages)


def test_the_office_name_and_date_come_from_the_workbook(tmp_path, capsys):
    target = tmp_path / "checklist.pdf"
    assert main(["checklist", "--office", str(SAMPLE), "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    pages = pages_of(target)
    today = _collapse(format_date(dt.date.today(), "pl", "long"))
    assert "Starostwo Powiatowe w Przykładowie" in pages[0] and today in pages[0]
    assert TITLE["pl"] in pages[0]  # the Office sheet's language by default
    header = f"Starostwo Powiatowe w Przykładowie · {today} · {TITLE['pl']}"
    assert all(page.startswith(header) for page in pages[1:])
    # the county office does not apply 8.3: the checklist says so, with its justification
    assert "Urząd nie stosuje tego wymagania: Starostwo nie projektuje" in " ".join(pages)


def test_a_bulgarian_office_gets_a_bulgarian_checklist_and_english_on_request(tmp_path):
    target = tmp_path / "bg.pdf"
    assert main(["checklist", "--office", str(BULGARIAN), "-o", str(target)]) == 0
    pages = pages_of(target)
    assert TITLE["bg"] in pages[0] and "Община Примерно" in pages[0]
    assert _collapse(format_date(dt.date.today(), "bg", "long")) in pages[0]
    assert main(["checklist", "--office", str(BULGARIAN), "--lang", "en", "-o", str(target)]) == 0
    assert TITLE["en"] in pages_of(target)[0]


def test_workbook_text_is_printed_as_text_never_run(tmp_path, sample_content):
    name = 'Urząd #panic("boom") *bold* $x^2$ <lbl> @ref \\ "quoted" ]] }'
    sample_content["office"]["name"] = name
    sample_content["office"]["consultant"] = "#set page(width: 1cm)"
    workbook = write_workbook(
        tmp_path / "office.xlsx", lang="pl", content=sample_content, catalogue=load_catalogue()
    )
    target = tmp_path / "checklist.pdf"
    assert main(["checklist", "--office", str(workbook), "-o", str(target)]) == 0
    pages = pages_of(target)
    assert _collapse(name) in pages[0]
    assert "#set page(width: 1cm)" in pages[0]
    assert all(abs(w - A4[0]) < 1 for w, _ in sizes_of(target, len(pages)))


def test_a_workbook_with_errors_writes_nothing(tmp_path, sample_content, capsys):
    sample_content["office"]["name"] = None  # a required field left empty
    workbook = write_workbook(
        tmp_path / "office.xlsx", lang="en", content=sample_content, catalogue=load_catalogue()
    )
    target = tmp_path / "checklist.pdf"
    assert main(["checklist", "--office", str(workbook), "-o", str(target)]) == 1
    assert not target.exists()
    assert "Office!B2" in capsys.readouterr().err  # the problem, named by its cell


def _gray(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    """One page as 8-bit grey pixels: width, height, rows top to bottom."""
    pdftoppm = require_tool("pdftoppm")
    pgm = subprocess.run(
        [pdftoppm, "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    magic, width, height, depth, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return int(width), int(height), pixels


def test_each_level_has_an_empty_box_to_tick(blank):
    """Left of each level's number is a square outline, white inside: a box, not a glyph."""
    pdftotext = require_tool("pdftotext")
    bbox = subprocess.run(
        [pdftotext, "-bbox", "-f", "2", "-l", "2", str(blank["pl"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(x0), float(y0), float(x1), float(y1), w)
        for x0, y0, x1, y1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            bbox,
        )
    ]
    rows = [y0 for _, y0, _, _, w in words if w == "Poziom"]
    assert len(rows) >= 2
    dpi = 144
    scale = dpi / 72
    width, _, pixels = _gray(blank["pl"], 2, dpi)

    def dark(x: float, y: float) -> bool:
        return pixels[int(y * scale) * width + int(x * scale)] < 128

    boxes = 0
    for row in rows:
        numbers = [(x0, y0, y1) for x0, y0, _, y1, w in words if abs(y0 - row) < 2 and w in "01234"]
        assert [w for _, y0, _, _, w in words if abs(y0 - row) < 2 and w in "01234"] == list(
            "01234"
        )
        for x0, y0, y1 in numbers:
            middle = (y0 + y1) / 2
            # scan leftwards from the number: white gap, then the box's right edge, a white
            # inside about 8 pt wide, then its left edge
            xs = [x0 - i * 0.5 for i in range(1, 30)]
            edges = [x for x in xs if dark(x, middle)]
            assert edges, (row, x0)
            right = edges[0]
            inside = [x for x in xs if right - 7 < x < right - 1.5]
            assert inside and not any(dark(x, middle) for x in inside), (row, x0)
            assert any(dark(x, middle) for x in xs if right - 10 <= x <= right - 7), (row, x0)
            boxes += 1
    assert boxes == 5 * len(rows)

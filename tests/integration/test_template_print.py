"""The template printed by real LibreOffice: landscape A4 pages, every Clauses column on the
page's width, the header row on every page, page X of Y, and the office's name when known.

Before issue 13 the Polish template printed as 24 portrait pages, sheets cut across pages.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import require_tool
from readiness.core.catalogue import load_catalogue
from readiness.io.template import write_workbook

OFFICE = "Starostwo Powiatowe w Przykładowie"
# sheet names in the order they print, and the words that frame each page
SHEETS = {
    "pl": [
        *("Instrukcja", "Urząd", "Wymagania", "Dowody", "Ustalenia", "Audity", "Przeglądy"),
        *("Wydziały", "Auditorzy"),  # the optional structure sheets (issue 21)
        *("Decyzje z przeglądów", "Cele", "Wyniki celów"),  # the quality year (issue 20)
    ],
    "bg": [
        "Указания",
        "Администрация",
        "Изисквания",
        "Доказателства",
        "Констатации",
        "Одити",
        "Прегледи",
        "Звена",
        "Одитори",
        "Решения от прегледите",
        "Цели",
        "Резултати по целите",
    ],
}
PAGE = {"pl": "Strona {page} z {pages}", "bg": "Страница {page} от {pages}"}
CLAUSE_HEADERS = {
    "pl": [
        "Wymaganie",
        "Tytuł",
        "Poziom",
        "Właściciel",
        "Uwagi",
        "Data oceny",
        "O co pytać",
        "Czego szuka auditor",
        "Typowe dowody",
        "Wymagane udokumentowane informacje",
    ],
    "bg": [
        "Изискване",
        "Заглавие",
        "Ниво",
        "Отговорник",
        "Бележки",
        "Дата на оценката",
        "Какво да се попита",
        "Какво търси одиторът",
        "Типични доказателства",
        "Изисквана документирана информация",
    ],
}
BEFORE = 24  # pages of the Polish template before issue 13
A4 = (595.3, 841.9)  # points


def _collapse(text: str) -> str:
    return " ".join(text.split())


class Printed:
    """A PDF LibreOffice printed: each page's text, size and words with their boxes."""

    def __init__(self, pdf: Path) -> None:
        pdftotext = require_tool("pdftotext")
        pdfinfo = require_tool("pdfinfo")
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        self.pages = [_collapse(page) for page in text.split("\f")[:-1]]
        info = subprocess.run(
            [pdfinfo, "-f", "1", "-l", str(len(self.pages)), str(pdf)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.sizes = [
            (float(w), float(h))
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
        ]
        bbox = subprocess.run(
            [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        self.words: list[list[tuple[float, str]]] = []  # (right edge, word) per page
        for page in bbox.split("<page ")[1:]:
            self.words.append(
                [
                    (float(x), word)
                    for x, word in re.findall(
                        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                        page,
                    )
                ]
            )

    def sheet_of(self, index: int, sheets: list[str], prefix: str) -> str:
        """The sheet a page prints: the page header names it, after the file or office name."""
        text = self.pages[index]
        assert text.startswith(prefix), text[:120]
        rest = text.removeprefix(prefix).lstrip()
        found = [name for name in sheets if rest.startswith(name + " ")]
        assert len(found) == 1, text[:120]
        return found[0]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """The empty template in Polish and Bulgarian and a filled Polish one, printed at once."""
    from build_sample import content

    libreoffice = require_tool("libreoffice")
    folder = tmp_path_factory.mktemp("print")
    books = {
        "pl": write_workbook(folder / "template-pl.xlsx", lang="pl", catalogue=load_catalogue()),
        "bg": write_workbook(folder / "template-bg.xlsx", lang="bg", catalogue=load_catalogue()),
        "filled": write_workbook(
            folder / "filled-pl.xlsx", lang="pl", content=content(), catalogue=load_catalogue()
        ),
    }
    profile = (folder / "profile").as_uri()  # a profile of its own: no clash with another soffice
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, books.values()),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {key: Printed(path.with_suffix(".pdf")) for key, path in books.items()}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_each_sheet_prints_on_landscape_a4_and_clauses_fit_the_width(printed, lang):
    doc = printed[lang]
    total = len(doc.pages)
    assert total < BEFORE, f"{total} pages"
    sheets = [doc.sheet_of(i, SHEETS[lang], f"template-{lang}.xlsx") for i in range(total)]
    # every sheet prints whole and in order: one page each, the Clauses sheet a few
    assert sorted(set(sheets), key=SHEETS[lang].index) == SHEETS[lang]
    assert sheets == sorted(sheets, key=SHEETS[lang].index)
    counts = {name: sheets.count(name) for name in SHEETS[lang]}
    clauses = SHEETS[lang][2]
    assert all(n == 1 for name, n in counts.items() if name != clauses), counts
    assert 3 <= counts[clauses] <= 8, counts
    for index, name in enumerate(sheets):
        width, height = doc.sizes[index]
        portrait = name == SHEETS[lang][0]  # the instructions: one narrow column
        expected = A4 if portrait else A4[::-1]
        assert abs(width - expected[0]) < 1 and abs(height - expected[1]) < 1, (name, index)
        # page X of Y in the footer of every page
        assert PAGE[lang].format(page=index + 1, pages=total) in doc.pages[index]
    # every Clauses page shows the whole header row: no column is cut onto another page
    clause_pages = [i for i, name in enumerate(sheets) if name == clauses]
    for index in clause_pages:
        text = doc.pages[index]
        positions = [text.find(_collapse(h).split()[0]) for h in CLAUSE_HEADERS[lang]]
        assert all(p >= 0 for p in positions), (index, positions)
        # the header words of the last column lie inside the page's width
        page_width = doc.sizes[index][0]
        last_word = CLAUSE_HEADERS[lang][-1].split()[-1]
        right = [x for x, word in doc.words[index] if word == last_word]
        assert right and max(right) < page_width - 10, (index, right)
    # no requirement is lost between pages
    body = " ".join(doc.pages[i] for i in clause_pages)
    for clause in load_catalogue().requirements:
        assert re.search(rf"(^| ){re.escape(clause.ref)} ", body), clause.ref


@pytest.mark.slow
def test_the_filled_workbook_prints_the_office_name_on_every_page(printed):
    doc = printed["filled"]
    assert len(doc.pages) < BEFORE
    cat = load_catalogue()
    for index, text in enumerate(doc.pages):
        assert OFFICE in text[:200], index
        assert PAGE["pl"].format(page=index + 1, pages=len(doc.pages)) in text
    # the guide prints beside the office's own levels
    body = " ".join(doc.pages)
    assert cat.tr(cat.clauses["9.2.2"].ask[0], "pl")[:40] in body
    assert "4 - skuteczne" in body

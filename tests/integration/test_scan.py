"""The Polish and Bulgarian reports of every sample office, read as their readers read them:
no English words, no internal names (our notes, blogs, data files, register keys, "AMD",
a double stop after a date), in the HTML page and in the PDF (through pdftotext); and no
internal name in the English reports either."""

from __future__ import annotations

import datetime as dt
import subprocess
from typing import Any

import pytest
from scan_words import english_words, internal_names, office_words
from test_report import visible_text

from conftest import ROOT, require_tool
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import load_workbook

pytestmark = pytest.mark.slow
SAMPLES = ROOT / "data" / "sample"
AS_OF = dt.date(2026, 12, 6)  # after ISO 9001:2026 was published
WORKBOOKS = ("starostwo-przykladowo.xlsx", "obshtina-primerno.xlsx", "urzad-miasta-wzorowo.xlsx")
MIN_WORDS = {"html": 2500, "pdf": 2000}  # a report scanned is a whole report, not an error page


@pytest.fixture(scope="module")
def reports(sample_reports: Any) -> dict[tuple[str, str], dict[str, str]]:
    """Every sample's report in Polish and Bulgarian: its HTML text and its PDF's text."""
    pdftotext = require_tool("pdftotext")
    out: dict[tuple[str, str], dict[str, str]] = {}
    for name in WORKBOOKS:
        for lang in ("pl", "bg", "en"):
            html = sample_reports(name, lang, AS_OF).html  # the session's run (tests/conftest.py)
            pdf = subprocess.run(
                [pdftotext, "-layout", str(html.with_suffix(".pdf")), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            out[name, lang] = {"html": visible_text(html.read_text(encoding="utf-8")), "pdf": pdf}
    return out


def _office(name: str) -> set[str]:
    book = load_workbook(SAMPLES / name, as_of=AS_OF, catalogue=load_catalogue())
    return office_words(book, SAMPLES / "registers")


@pytest.mark.parametrize("lang", ["pl", "bg"])
@pytest.mark.parametrize("name", WORKBOOKS)
def test_no_english_and_no_internal_names(
    reports: dict[tuple[str, str], dict[str, str]], name: str, lang: str
) -> None:
    office = _office(name)
    for kind, text in reports[name, lang].items():
        leaks, scanned = english_words(text, lang, office)
        assert scanned >= MIN_WORDS[kind], (kind, scanned)
        assert leaks == [], (kind, sorted(set(leaks)))
        assert internal_names(text) == [], kind
    # the scanner finds what it is there to find
    _planted(lang, office)


@pytest.mark.parametrize("name", WORKBOOKS)
def test_the_english_report_names_nothing_internal(
    reports: dict[tuple[str, str], dict[str, str]], name: str
) -> None:
    for kind, text in reports[name, "en"].items():
        assert len(text.split()) >= MIN_WORDS[kind], kind
        # in English the amendment is "Amd 1:2024", never "AMD"; the rest as in pl and bg
        assert [n for n in internal_names(text) if n != "Amd"] == [], kind


def _planted(lang: str, office: set[str]) -> None:
    planted = "Gotowość: Transition deadline unconfirmed, shared DOMAIN.md, ISO 9001:2015/AMD 1"
    assert english_words(planted, lang, office)[0] == ["Transition", "unconfirmed", "shared"]
    assert internal_names(planted) == ["DOMAIN", "AMD", "DOMAIN.md"]
    assert internal_names("↗ obucheniya, signali") == ["obucheniya", "signali"]
    assert internal_names("registar-signali.xlsx, obucheniya.csv") == []
    assert internal_names("на 6 декември 2026 г.. Dnia 6 grudnia 2026 r..") == ["г..", "r.."]

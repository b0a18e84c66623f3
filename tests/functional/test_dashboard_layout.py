"""The portfolio dashboard stays legible with the year's columns: the PDF's office table in two
(the road to the next audit, the evidence it will ask for) with whole headings, and the HTML's
table under column groups, scrolling in its box. For the three samples and ~30 offices."""

from __future__ import annotations

import itertools
import json
import random
import re
import subprocess
from pathlib import Path

import pytest

from conftest import require_tool
from portfolio_data import AS_OF, write_offices
from readiness.io.portfolio import Outcome, Source
from readiness.render.dashboard import COLUMNS, PDF_TABLES, collect, pdf_tables, write_dashboard

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "outputs"
NAMES = (
    "Starostwo Powiatowe w Przykładowie Wielkim", "Urząd Miasta i Gminy Zmyślonowo",
    "Община Примерно", "Областна администрация Измислено", "Urząd Gminy Nowa Wieś",
)  # fmt: skip


def thirty(root: Path, count: int = 30) -> list[Outcome]:
    """``count`` fictional offices with long names, most with the year's evidence."""
    rng = random.Random(5)
    tweak = {i: {"name": f"{NAMES[i % len(NAMES)]} {i}"} for i in range(count)}
    outcomes = write_offices(root, count, seed=5, tweak=tweak)
    for outcome in outcomes:
        path = root / outcome.folder / "results.json"
        total = rng.randint(1, 6)
        year = {
            "management_review": {"date": "2026-10-20", "inputs": ["a"], "inputs_expected": 12},
            "objectives": {"total": total, "met": rng.randint(0, total)},
            "satisfaction": {"share": rng.random(), "last_measured": "2026-06-01"},
            "suppliers": {"providers": 4, "evaluated": 4, "overdue": rng.choice((0, 2))},
        }
        path.write_text(
            json.dumps(json.loads(path.read_text()) | {"schema_version": 4, "year": year})
        )
    return outcomes


def samples(root: Path) -> list[Outcome]:
    """The three samples' results.json as the last golden run wrote them."""
    outcomes = []
    for name in ("city", "county", "municipality"):
        identity = f"{name}-0000abcd"
        folder = root / identity / AS_OF.isoformat()
        folder.mkdir(parents=True)
        (folder / "results.json").write_bytes((GOLDEN / name / "results.json").read_bytes())
        source = Source(root.parent / "in" / f"{name}.xlsx", f"{name}.xlsx")
        outcomes.append(Outcome(source, "ok", identity, f"{identity}/{AS_OF.isoformat()}"))
    return outcomes


def _pdf(path: Path, *args: str) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def overlapping(pdf: Path) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap on a page (text run into its neighbour's)."""
    found = []
    for page in _pdf(pdf, "-bbox").split("<page ")[1:]:
        lines: dict[int, list[tuple[float, float, str]]] = {}
        for x0, y0, x1, y1, word in WORD.findall(page):
            middle = round((float(y0) + float(y1)) / 2)
            lines.setdefault(middle, []).append((float(x0), float(x1), word))
        for words in lines.values():
            words.sort()
            for (_a0, a1, a), (b0, _b1, b) in itertools.pairwise(words):
                if a1 - b0 > 0.5:
                    found.append((a, b))
    return found


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_pdf_has_two_tables_whose_headings_are_whole_words(tmp_path, lang):
    root = tmp_path / "reports"
    outcomes = thirty(root)
    portfolio = collect(root, AS_OF, outcomes, lang)
    first, year = pdf_tables(portfolio)
    assert [len(t["header"]) for t in (first, year)] == [len(c) for _t, c in PDF_TABLES]
    # every column of the old single table is in one of the two, the office in both
    assert {k for _t, columns in PDF_TABLES for k, _w in columns} >= {
        "office", "stage", "readiness", "gaps", "documents", "majors", "overdue", "next_audit",
        "days_left", "expires", "last_review", "objectives", "satisfaction", "reevaluations",
    }  # fmt: skip
    assert all(len(r) == len(t["header"]) for t in (first, year) for r in t["rows"])
    assert len(first["rows"]) == len(year["rows"]) == 30
    # few headings may break inside a word, and those only for a word longer than a column
    broken = [
        h for t in (first, year) for h, b in zip(t["header"], t["hyphenate"], strict=True) if b
    ]
    assert len(broken) <= 3, broken
    pdf = write_dashboard(root, AS_OF, outcomes, lang=lang, formats=("pdf",))["pdf"]
    assert overlapping(pdf) == []  # no text runs into its neighbour's
    text = " ".join(_pdf(pdf, "-raw").split())
    whole = [
        w
        for t in (first, year)
        for h, b in zip(t["header"], t["hyphenate"], strict=True)
        if not b
        for w in h.split()
    ]
    missing = [part for w in whole for part in w.split("-") if part not in text]
    assert missing == []  # not hyphenated, not run into the next column


def test_thirty_offices_in_landscape_pages_every_office_in_both_tables(tmp_path):
    pdftoppm = require_tool("pdftoppm")
    root = tmp_path / "reports"
    pdf = write_dashboard(root, AS_OF, thirty(root), lang="pl", formats=("pdf",))["pdf"]
    text = " ".join(_pdf(pdf, "-raw").split())
    for index in range(30):
        assert text.count(f"{NAMES[index % len(NAMES)]} {index}") >= 2, index
    assert "Dowody na potrzeby następnego auditu" in text  # the year's table, titled
    assert text.count("Brakujące") >= 2  # the headings repeated on the next page
    subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 3 <= len(pages) <= 6
    for page in pages:  # A4 landscape at 60 dpi: 702 x 496 (or 497, rounded up)
        width, height = _png_size(page)
        assert width == 702 and height in (496, 497)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[16:24]
    return int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")


def test_the_three_samples_year_in_the_pdf_and_the_html(tmp_path):
    root = tmp_path / "reports"
    written = write_dashboard(root, AS_OF, samples(root), lang="pl", formats=("html", "pdf"))
    assert overlapping(written["pdf"]) == []
    text = " ".join(_pdf(written["pdf"], "-raw").split())
    # the city: reviewed on 2026-10-20, 2 of 3 objectives met, 78% satisfied, 1 provider overdue
    assert "Urząd Miasta Wzorowo Certyfikowany: nadzór 100% 2026-10-20 2 z 3 78% 1 ▲" in text
    page = written["html"].read_text(encoding="utf-8")
    head = page.split('<table id="portfolio"', 1)[1].split("</thead>", 1)[0]
    groups, columns = head.split("<tr>", 1)
    spans = [int(n) for n in re.findall(r'colspan="(\d+)"', groups)]
    assert 1 + sum(spans) == columns.count("<th ") == len(COLUMNS) - 1  # the file: xlsx only
    for group in ("Gotowość do następnego auditu", "Gotowość według rozdziałów",
                  "Dowody na potrzeby następnego auditu"):  # fmt: skip
        assert f">{group}</th>" in groups
    assert '<div class="scroll">' in page  # the table scrolls in its box, not the page

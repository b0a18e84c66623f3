"""The review pack's PDF: no word in its tables runs into the next cell (Bulgarian words are
long: "Удовлетворени", "административно" overflowed their columns before hyphenation)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from itertools import combinations
from pathlib import Path

from conftest import require_tool
from readiness.core import model as records
from readiness.core.model import Office, Workbook
from readiness.render.review import build_review_model, review_view, to_pdf

AS_OF = dt.date(2026, 11, 16)
WORD = re.compile(
    r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def overlapping(bbox_html: str) -> list[tuple[str, str]]:
    """Pairs of words on one page whose boxes cross (more than a hair)."""
    pages: list[list[tuple[float, float, float, float, str]]] = []
    for m in WORD.finditer(bbox_html):
        if m.group(0).startswith("<page"):
            pages.append([])
        else:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            pages[-1].append((x0, y0, x1, y1, m.group(5)))
    hair = 0.5
    return [
        (a[4], b[4])
        for words in pages
        for a, b in combinations(words, 2)
        if min(a[2], b[2]) - max(a[0], b[0]) > hair and min(a[3], b[3]) - max(a[1], b[1]) > hair
    ]


def test_the_bulgarian_satisfaction_tables_keep_every_word_in_its_cell(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    office = Office("Община Примерно", "община", "BG", "bg", "услуги", "evaluation")
    services = ("Център за административно обслужване", "Устройство на територията")
    surveys = tuple(
        records.SurveyResponse(
            {"Бързина на обслужването": v, "Любезност на служителите": 6 - v},
            service=services[i % 2],
            date=dt.date(2026, 6, 1),
        )
        for i, v in enumerate((5, 4, 2, 3, 5, 1, 4, 4))
    )
    wb = dataclasses.replace(Workbook("office.xlsx", office, {}), surveys=surveys)
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(to_pdf(review_view(build_review_model(wb, AS_OF, "bg"))))
    done = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    assert done.stdout.count("<word ") > 200  # the pack's words were read
    assert "Удовлетворе" in done.stdout  # the column that overflowed is there
    assert overlapping(done.stdout) == []

"""Arbitrary values in every column: a report or a clean error of ours, never another exception."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from readiness.assess import assess
from readiness.catalogue import load_catalogue
from readiness.problems import Problem
from readiness.schema import OFFICE, sheets
from readiness.template import write_workbook
from readiness.view import GapReport
from readiness.workbook import read_workbook

CAT = load_catalogue()
AS_OF = dt.date(2026, 11, 16)
# characters openpyxl can store: no C0 controls but tab and newline, no surrogates
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"), max_size=40
)
VALUE = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(
        [
            "3",
            "N/A",
            "nie dotyczy",
            "4.1",
            "8.3",
            "all",
            "approved",
            "major",
            "31.02.2026",
            "=1+1",
            "yes",
        ]
    ),
    st.integers(-10, 3_000_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.booleans(),
)


def rows_for(keys: list[str], n: int) -> st.SearchStrategy[list[dict[str, object]]]:
    return st.lists(st.fixed_dictionaries(dict.fromkeys(keys, VALUE)), max_size=n)


@st.composite
def contents(draw):
    table_sheets = {s.key: [c.key for c in s.columns] for s in sheets(CAT) if s.layout == "table"}
    content = {
        key: draw(rows_for(cols, 4)) for key, cols in table_sheets.items() if key != "clauses"
    }
    content["office"] = draw(st.fixed_dictionaries({c.key: VALUE for c in OFFICE.columns}))
    # clauses: the prefilled refs with arbitrary levels, owners and notes, plus a few odd rows
    levels = draw(st.lists(VALUE, min_size=65, max_size=65))
    content["clauses"] = [
        {"ref": r.ref, "level": level, "notes": draw(VALUE)}
        for r, level in zip(CAT.requirements, levels, strict=True)
    ] + draw(rows_for(["ref", "title", "level", "owner", "notes", "assessed_on"], 2))
    return content


@given(content=contents(), lang=st.sampled_from(["en", "pl", "bg"]))
def test_any_values_give_a_report_or_a_clean_error(content, lang):
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "fuzz.xlsx", lang=lang, content=content)
        workbook, problems = read_workbook(path, as_of=AS_OF, lang=lang)
    assert all(isinstance(p, Problem) and p.code and p.message for p in problems)
    if workbook is None:
        assert any(p.severity == "error" for p in problems)
        return
    result = assess(workbook, AS_OF)
    assert 0.0 <= result.overall <= 1.0
    report = GapReport(workbook, result, lang, CAT)
    for section in (
        report.office,
        report.chapters,
        report.clauses,
        report.documents,
        report.findings,
        report.top_gaps,
        report.appendix,
    ):
        assert "</section>" in section().html

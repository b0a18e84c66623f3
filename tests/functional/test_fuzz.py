"""Valid workbooks, built by construction, then one cell changed: a report or a clean error.

Each example starts from one of the three sample offices (valid by construction), writes
it in a language, and changes at most one cell: nothing, a value that keeps the workbook
valid, a value of the wrong kind, or an arbitrary value. Then either the reader refuses
it with coded problems that name the sheet and the cell that was changed, or every
section of the report renders and the results and the action plan are written. The
counts of both outcomes are asserted at the end, so that the test cannot pass by never
reaching the report (or never reaching a problem).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_sample import city_office_certified, content, municipality_bg
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from readiness import __version__
from readiness.core.catalogue import load_catalogue
from readiness.core.schema import LEVEL_LABELS, OFFICE, Column, Sheet, sheets
from readiness.io.actionplan import write_action_plan
from readiness.io.template import label_of_sheet, write_workbook
from readiness.io.workbook import read_workbook
from readiness.render.model import plan_of, results_of
from readiness.run.state import open_report

CAT = load_catalogue()
AS_OF = dt.date(2026, 11, 16)
OFFICES = {"county": content, "municipality": municipality_bg, "city": city_office_certified}
TABLES = {s.key: s for s in sheets(CAT) if s.layout == "table"}
A1 = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")
# the shares asserted at the end, of every example run (see test_fuzz_reaches_both_outcomes)
MIN_REPORTED, MIN_REFUSED = 0.30, 0.20

# characters openpyxl can store: no C0 controls but tab and newline, no surrogates
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"), max_size=40
)
ANY_VALUE = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(
        [
            *("3", "N/A", "nie dotyczy", "4.1", "8.3", "all", "approved", "major"),
            *("31.02.2026", "=1+1", "yes", "-5", "@x"),
        ]
    ),
    st.integers(-10, 3_000_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.booleans(),
)
# values of the wrong kind for a column: each must be refused at its cell
WRONG = {
    "level": st.sampled_from(["seven", "high", 5, -1, 2.5, "4+", "tak"]),
    # (a number is not wrong in a date cell: the cell's date format makes it a date)
    "date": st.sampled_from(["32.13.2026", "yesterday", "2026-02-30", "Q3 2026"]),
    "ref": st.sampled_from(["11.1", "4.9", "ISO", "9.2.9", "0"]),
    "refs": st.sampled_from(["11.1", "4.1; 12", "none of them"]),
    "enum": st.sampled_from(["maybe", "???", "level 3"]),
    "yesno": st.sampled_from(["perhaps", "2"]),
}


@dataclass
class Case:
    office: str
    lang: str
    kind: str  # keep | valid | wrong | any
    sheet: Sheet | None = None
    key: str = ""
    row: int = 0  # zero-based data row (table sheets), or the Office field's index
    value: Any = None
    must_refuse: bool = False  # a value of the wrong kind, or a required cell left empty

    def where(self) -> tuple[str, str]:
        """The sheet's name in the workbook and the A1 name of the changed cell."""
        assert self.sheet is not None
        name = label_of_sheet(self.sheet, self.lang)
        if self.sheet is OFFICE:
            return name, f"B{self.row + 2}"
        column = [c.key for c in self.sheet.columns].index(self.key)
        return name, f"{get_column_letter(column + 1)}{self.row + 2}"


def _excluded(base: dict[str, Any]) -> set[str]:
    return {r["ref"] for r in base["clauses"] if r.get("level") == "na"} | {
        r.ref for r in CAT.requirements_under("8.3")
    }


def _wrong(column: Column) -> st.SearchStrategy[Any] | None:
    return WRONG.get("enum" if column.choices else column.kind)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Case, dict[str, Any]]:
    office = draw(st.sampled_from(sorted(OFFICES)))
    lang = draw(st.sampled_from(["en", "pl", "bg"]))
    base: dict[str, Any] = OFFICES[office]()
    base["clauses_verbatim"] = True  # one row per requirement, in order, exactly as given
    kind = draw(st.sampled_from(["keep", "valid", "wrong", "any"]))
    case = Case(office, lang, kind)
    if kind == "keep":
        return case, base
    refs = [r["ref"] for r in base["clauses"]]
    if kind == "valid":
        # a level in the scale on a requirement that is not declared not applicable
        ref = draw(st.sampled_from([r for r in refs if r not in _excluded(base)]))
        case.sheet, case.key, case.row = TABLES["clauses"], "level", refs.index(ref)
        case.value = draw(st.sampled_from(sorted(LEVEL_LABELS)))
    else:
        target = draw(st.sampled_from(["office", "clauses", "evidence", "findings", "audits"]))
        case.sheet = OFFICE if target == "office" else TABLES[target]
        columns = [c for c in case.sheet.columns if c.key != "title" or target != "clauses"]
        if kind == "wrong":  # only where a value can be wrong: a kind, a list, or required
            columns = [c for c in columns if c.required or _wrong(c) is not None]
        column = draw(st.sampled_from(columns))
        case.key = column.key
        if case.sheet is OFFICE:
            case.row = list(OFFICE.columns).index(column)
        else:
            case.row = draw(st.integers(0, len(base[target]) - 1))
        if kind == "wrong":
            wrong = _wrong(column)
            case.value = None if wrong is None else draw(wrong)  # None: a required cell emptied
            case.must_refuse = True
        else:
            case.value = draw(ANY_VALUE)
    assert case.sheet is not None
    if case.sheet is OFFICE:
        base["office"][case.key] = case.value
    else:
        base[case.sheet.key][case.row][case.key] = case.value
    return case, base


COUNTS: Counter[str] = Counter()


def run(case: Case, filled: dict[str, Any], folder: Path) -> str:
    """Write, read and report one case; return its outcome: 'report' or 'refused'."""
    path = write_workbook(
        folder / "fuzz.xlsx", lang=case.lang, content=filled, catalogue=load_catalogue()
    )
    workbook, problems = read_workbook(
        path, as_of=AS_OF, lang=case.lang, catalogue=load_catalogue()
    )
    assert all(p.code and p.message and p.file == path.name for p in problems)
    errors = [p for p in problems if p.severity == "error"]
    if workbook is None:
        assert errors and case.kind in ("wrong", "any"), [str(p) for p in errors]
        for p in errors:  # every error names its sheet and cell
            assert p.sheet and A1.match(p.cell), str(p)
        sheet, cell = case.where()
        assert any(
            (p.sheet, p.cell) == (sheet, cell) or f"{sheet}!{cell}" in p.message for p in errors
        ), (sheet, cell, [str(p) for p in errors])
        for code in sorted({p.code for p in errors}):
            event(f"problem: {code}")
        return "refused"
    assert not errors and not case.must_refuse, case
    report = open_report(path, as_of=AS_OF, lang=case.lang)
    assert 0.0 <= report.assessment.overall <= 1.0
    sections = [
        report.ladder(),
        report.office(),
        report.verdict_section(),
        report.chapters(),
        report.clauses(),
        report.documents(),
        report.findings(),
        report.top_gaps(),
        report.certification_cycle(),
        report.certified_gates(),
        report.progress(),
        report.appendix(),
        *(report.stage_gate(s.id) for s in CAT.stages_up_to(report.stage.id)),
    ]
    for section in sections:
        assert section.html.count("<section") == section.html.count("</section>")
    assert "</section>" in report.office().html
    json.dumps(results_of(report.model, __version__))
    xlsx, csv = write_action_plan(plan_of(report.model), folder, case.lang)
    assert xlsx.stat().st_size and csv.stat().st_size
    event(f"report: {report.stage.id}")
    return "report"


@given(case=cases())
def _fuzz(case: tuple[Case, dict[str, Any]]) -> None:
    which, filled = case
    with tempfile.TemporaryDirectory() as tmp:
        outcome = run(which, filled, Path(tmp))
    event(f"{which.kind}: {outcome}")
    COUNTS[outcome] += 1
    COUNTS[f"{which.kind}:{outcome}"] += 1


def test_fuzz_reaches_both_outcomes():
    """Most examples must reach a report and many must be refused, never neither."""
    COUNTS.clear()
    _fuzz()
    total = COUNTS["report"] + COUNTS["refused"]
    assert total >= 20, COUNTS
    assert COUNTS["report"] >= MIN_REPORTED * total, COUNTS
    assert COUNTS["refused"] >= MIN_REFUSED * total, COUNTS
    assert COUNTS["keep:report"] + COUNTS["valid:report"] >= 1, COUNTS
    print(f"\nfuzz outcomes of {total} examples: {dict(sorted(COUNTS.items()))}")

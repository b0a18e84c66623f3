"""The management review pack: every 9.3.2 input assembled, with its sources and rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from readiness.core.climate import Climate
from readiness.core.messages import translator
from readiness.core.model import (
    Audit,
    Auditor,
    Department,
    Evidence,
    Finding,
    Objective,
    ObjectiveResult,
    Office,
    Review,
    ReviewDecision,
    SupplierEvaluation,
    SurveyResponse,
    Workbook,
)
from readiness.core.objectives import ObjectivesSummary
from readiness.core.registers import Complaint, Entry, Provenance, Register
from readiness.core.review import SOURCES, TITLES, assemble, last_review, load_inputs
from readiness.core.satisfaction import Satisfaction
from readiness.core.suppliers import Suppliers

AS_OF = dt.date(2026, 12, 6)
LAST = dt.date(2026, 3, 10)
OFFICE = Office("Urząd Gminy Przykładowo", "gmina", "PL", "pl", "services", "certified")


def origin(register: str, row: int) -> Provenance:
    return Provenance(register, f"{register}.xlsx", "Arkusz1", row)


def empty() -> Workbook:
    return Workbook(source="office.xlsx", office=OFFICE, clauses={})


def full() -> Workbook:
    risks = Register(
        "ryzyka",
        "risks",
        "ryzyka.xlsx",
        rows=2,
        entries=(
            Entry(origin("ryzyka", 2), "risk", "staff turnover", ("6.1",), dt.date(2026, 5, 1)),
            Entry(origin("ryzyka", 3), "risk", "IT outage", ("6.1",), dt.date(2025, 5, 1)),
        ),
    )
    training = Register(
        "szkolenia",
        "training",
        "szkolenia.xlsx",
        rows=1,
        entries=(Entry(origin("szkolenia", 2), "evidence", "KPA", ("7.2",), dt.date(2026, 4, 2)),),
    )
    complaints = Register(
        "skargi",
        "complaints",
        "skargi.xlsx",
        rows=3,
        complaints=(
            Complaint(dt.date(2026, 4, 1), answered=dt.date(2026, 4, 20)),
            Complaint(dt.date(2026, 5, 4), answered=dt.date(2026, 7, 1)),
            Complaint(dt.date(2026, 10, 1)),
            Complaint(dt.date(2025, 10, 1), answered=dt.date(2025, 10, 2)),  # before since
        ),
    )
    return Workbook(
        source="office.xlsx",
        office=OFFICE,
        clauses={},
        reviews=(Review(dt.date(2025, 3, 1), frozenset()), Review(LAST, frozenset())),
        decisions=(
            ReviewDecision(LAST, "improvement", "e-queue", due=dt.date(2026, 6, 30)),
            ReviewDecision(LAST, "resources", "second clerk", status="done"),
            ReviewDecision(LAST, "change", "new procedure", status="in progress"),
        ),
        departments=(Department("USC", changes="new registry system"), Department("Podatki")),
        registers=(risks, training, complaints),
        surveys=(
            SurveyResponse({"q1": 5}, "USC", dt.date(2026, 6, 1)),
            SurveyResponse({"q1": 2}, "USC", dt.date(2026, 6, 2)),
        ),
        objectives=(Objective("Faster answers", "days", target=14.0, higher_is_better=False),),
        objective_results=(ObjectiveResult("Faster answers", "2026", 12.0, dt.date(2026, 9, 1)),),
        evidence=(
            Evidence(("9.1.1",), "KPI report", "record", "approved", dated=dt.date(2026, 9, 1)),
            Evidence(("8.5.1",), "Service card", "document", "approved", dated=dt.date(2025, 1, 1)),
            Evidence(("7.1.6",), "Knowledge base", "record", "approved", dated=dt.date(2026, 8, 1)),
        ),
        findings=(
            Finding("NC-1", "8.5.1", "internal_audit", "minor", "late answer", "open"),
            Finding(
                "NC-2",
                "7.5.3",
                "internal_audit",
                "major",
                "x",
                "verified",
                closed_on=dt.date(2026, 9, 9),
            ),
            Finding(
                "NC-3", "7.5.3", "stage2", "minor", "old", "verified", closed_on=dt.date(2025, 9, 9)
            ),
            Finding("OFI-1", "6.1.2", "internal_audit", "ofi", "risk owners", "open"),
        ),
        audits=(
            Audit(dt.date(2026, 5, 5), ("8.5",)),
            Audit(dt.date(2026, 10, 5), ("9",), kind="surveillance"),
            Audit(dt.date(2025, 10, 5), ("9",)),
            Audit(dt.date(2026, 12, 1), ("8",), status="planned"),
        ),
        auditors=(Auditor("Ewa Lis"),),
        suppliers=(
            SupplierEvaluation("Papier", evaluated_on=dt.date(2025, 1, 5), result="approved"),
        ),
    )


def test_the_inputs_are_the_standards_in_order_with_known_sources() -> None:
    inputs, outputs = load_inputs()
    assert [i.clause for i in inputs] == [
        "9.3.2 a)",
        "9.3.2 b)",
        *(f"9.3.2 c) {n})" for n in range(1, 8)),
        "9.3.2 d)",
        "9.3.2 e)",
        "9.3.2 f)",
    ]
    assert [o.clause for o in outputs] == ["9.3.3 a)", "9.3.3 b)", "9.3.3 c)"]
    assert all(i.draws_on and set(i.draws_on) <= set(SOURCES) for i in inputs)
    assert {i.title for i in (*inputs, *outputs)} == set(TITLES)


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_titles_and_sources_are_translated(lang: str) -> None:
    _ = translator(lang)
    for msgid in (*TITLES, *SOURCES.values()):
        assert _(msgid) != msgid, msgid


def test_an_empty_workbook_shows_every_input_as_no_data() -> None:
    pack = assemble(empty(), AS_OF)
    assert pack.last_review is None
    assert pack.since == dt.date(2025, 12, 6)  # 12 months before the report date
    assert len(pack.no_data) == 12 == len(pack.parts)
    assert all(d.rows == d.total == 0 for p in pack.parts for d in p.sources)


def test_since_defaults_to_the_last_review_and_refuses_the_future() -> None:
    wb = full()
    assert last_review(wb, AS_OF) == wb.reviews[1]
    assert assemble(wb, AS_OF).since == LAST
    assert assemble(wb, AS_OF, since=dt.date(2024, 1, 1)).since == dt.date(2024, 1, 1)
    with pytest.raises(ValueError, match="after the report date"):
        assemble(wb, AS_OF, since=dt.date(2027, 1, 1))


def test_each_input_draws_its_rows_since_the_last_review() -> None:
    pack = assemble(full(), AS_OF)
    parts = {p.input.key: p for p in pack.parts}
    counts = {k: {c.key: c.value for c in p.counts} for k, p in parts.items()}
    sources = {k: {d.key: d.rows for d in p.sources} for k, p in parts.items()}

    assert sources["a"] == {"reviews": 2, "decisions": 3}
    assert counts["a"] == {"open": 1, "in_progress": 1, "done": 1, "overdue": 1}
    assert sources["b"] == {"risks": 1, "departments": 1}
    assert counts["c1"] == {"answers": 2, "complaints": 3, "late": 1, "unanswered": 1}
    assert isinstance(parts["c1"].summary, Satisfaction)
    assert isinstance(parts["c2"].summary, ObjectivesSummary)
    assert counts["c2"] == {"met": 1, "objectives": 1}
    assert sources["c3"] == {"evidence": 1, "findings": 1}  # the 2025 service card is older
    assert counts["c4"] == {"nonconformities_open": 1, "nonconformities_closed": 1}
    assert counts["c6"] == {"internal": 1, "external": 1, "audit_findings_open": 2}
    assert isinstance(parts["c7"].summary, Suppliers)
    assert counts["c7"] == {"reevaluations_overdue": 1, "not_approved_in_use": 0}
    assert sources["d"] == {"training": 1, "auditors": 1, "evidence": 1}
    assert sources["e"] == {"risks": 2, "findings": 1, "evidence": 0}
    assert counts["f"] == {"ofi_open": 1, "ofi_closed": 0}  # open, and closed since the last
    assert pack.no_data == ()
    totals = {d.key: d.total for p in pack.parts for d in p.sources}
    assert totals == {
        "reviews": 2,
        "decisions": 3,
        "risks": 2,
        "departments": 2,
        "surveys": 2,
        "complaints": 4,
        "objectives": 1,
        "objective_results": 1,
        "evidence": 3,
        "findings": 4,
        "audits": 4,
        "suppliers": 1,
        "training": 1,
        "auditors": 1,
    }


def test_a_row_drawn_by_two_sources_is_counted_once() -> None:
    part = next(p for p in assemble(full(), AS_OF).parts if p.input.key == "c6")
    assert len(part.rows) == len({id(r) for r in part.rows}) == 2 + 2


@pytest.mark.parametrize(
    ("relevant", "decided", "changes"),
    [
        (None, False, ()),  # the Office sheet leaves 4.1's decision blank
        (False, True, ()),  # not relevant: nothing listed, whatever the texts say
        (True, True, ("flood in the archive", "USC: new registry system after the heat wave")),
    ],
)
def test_part_b_sums_up_4_1s_climate_decision_and_the_climate_changes(
    relevant: bool | None, decided: bool, changes: tuple[str, ...]
) -> None:
    wb = full()
    risks = Register(
        "ryzyka",
        "risks",
        "ryzyka.xlsx",
        rows=3,
        entries=(
            Entry(origin("ryzyka", 2), "risk", "staff turnover", ("6.1",), dt.date(2026, 5, 1)),
            Entry(
                origin("ryzyka", 3), "risk", "flood in the archive", ("6.1",), dt.date(2026, 9, 1)
            ),
            Entry(origin("ryzyka", 4), "risk", "floods of 2025", ("6.1",), dt.date(2025, 9, 1)),
        ),
    )
    wb = dataclasses.replace(
        wb,
        office=dataclasses.replace(
            wb.office, climate_relevant=relevant, climate_recorded_in="SWOT 2026"
        ),
        registers=(risks, *wb.registers[1:]),
        departments=(
            Department("USC", changes="new registry system after the heat wave"),
            Department("Podatki", changes="new tax software"),
        ),
    )
    part = next(p for p in assemble(wb, AS_OF).parts if p.input.key == "b")
    assert part.summary == Climate(decided, bool(relevant), "SWOT 2026", changes)
    # the rows and counts stay what they were: every change since the last review
    assert {d.key: d.rows for d in part.sources} == {"risks": 2, "departments": 2}

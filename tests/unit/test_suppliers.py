"""External providers: latest evaluation, re-evaluations overdue, not approved but still used."""

from __future__ import annotations

import datetime as dt

from readiness.core.model import SupplierEvaluation
from readiness.core.registers import Provenance
from readiness.core.suppliers import REASONS, Period, evaluate, provider, reevaluation_period

AS_OF = dt.date(2026, 12, 6)
YEAR = Period(12, "ISO 9001:2015, 8.4.1", True)


def ev(
    name: str,
    row: int,
    on: dt.date | None = None,
    result: str = "approved",
    nxt: dt.date | None = None,
    score: float | None = None,
    supplies: str = "",
) -> SupplierEvaluation:
    return SupplierEvaluation(
        provider=name,
        supplies=supplies,
        evaluated_on=on,
        score=score,
        result=result,
        next_evaluation=nxt,
        origin=Provenance("suppliers", "dostawcy.xlsx", "Ocena", row),
    )


def test_the_shipped_period_is_a_year_with_its_source() -> None:
    period = reevaluation_period()
    assert period.months == 12
    assert "8.4.1" in period.source


def test_latest_evaluation_and_its_next_date() -> None:
    p = provider(
        (
            ev("Papier Sp. z o.o.", 3, dt.date(2026, 3, 1), "conditional", dt.date(2027, 3, 1)),
            ev("papier sp. z o.o. ", 2, dt.date(2025, 3, 1), "approved"),
        ),
        AS_OF,
        YEAR,
    )
    assert p.latest is not None and p.latest.origin is not None and p.latest.origin.row == 3
    assert (p.result, p.due, p.overdue, p.still_supplying) == (
        "conditional",
        dt.date(2027, 3, 1),
        False,
        False,
    )


def test_overdue_by_the_next_date_or_by_age() -> None:
    by_next = provider((ev("A", 2, dt.date(2026, 1, 1), nxt=dt.date(2026, 6, 30)),), AS_OF, YEAR)
    assert by_next.overdue and by_next.reasons == (REASONS["next_passed"],)
    by_age = provider((ev("B", 2, dt.date(2025, 12, 5)),), AS_OF, YEAR)
    assert by_age.overdue and by_age.due == dt.date(2026, 12, 5)
    fresh = provider((ev("C", 2, dt.date(2025, 12, 6)),), AS_OF, YEAR)
    assert not fresh.overdue and fresh.due == AS_OF


def test_never_evaluated_is_overdue() -> None:
    p = provider((ev("D", 2, None, result=""),), AS_OF, YEAR)
    assert p.latest is None and p.overdue and p.reasons == (REASONS["never"],)


def test_not_approved_still_supplying_by_a_later_row() -> None:
    p = provider(
        (
            ev("E", 2, dt.date(2026, 2, 1), "not_approved"),
            ev("E", 9, None, result="", supplies="toner, order 14/2026"),
        ),
        AS_OF,
        YEAR,
    )
    assert p.still_supplying and REASONS["later_row"] in p.reasons
    assert p.supplies == "toner, order 14/2026"


def test_not_approved_still_supplying_by_a_planned_evaluation() -> None:
    p = provider(
        (ev("F", 2, dt.date(2026, 2, 1), "not_approved", nxt=dt.date(2027, 2, 1)),), AS_OF, YEAR
    )
    assert p.still_supplying and p.reasons == (REASONS["planned"],)


def test_not_approved_and_gone_is_not_flagged() -> None:
    p = provider(
        (
            ev("G", 5, None, result=""),  # a delivery above the evaluation: before it
            ev("G", 6, dt.date(2026, 2, 1), "not_approved"),
        ),
        AS_OF,
        YEAR,
    )
    assert not p.still_supplying


def test_a_later_approval_clears_a_refusal() -> None:
    p = provider(
        (ev("H", 2, dt.date(2025, 2, 1), "not_approved"), ev("H", 3, dt.date(2026, 2, 1))),
        AS_OF,
        YEAR,
    )
    assert p.result == "approved" and not p.still_supplying


def test_summary_for_the_review() -> None:
    rows = (
        ev("A", 2, dt.date(2026, 5, 1), score=4.0, nxt=dt.date(2027, 5, 1)),
        ev("B", 3, dt.date(2025, 5, 1), "conditional", score=3.0),
        ev("C", 4, dt.date(2026, 4, 1), "not_approved", score=1.0),
        ev("C", 5, None, result=""),
        ev("D", 6, None, result=""),
        ev("  ", 7, dt.date(2026, 4, 1)),
    )
    s = evaluate(rows, AS_OF, YEAR)
    assert [p.name for p in s.providers] == ["A", "B", "C", "D"]
    assert (s.total, s.evaluated, s.approved, s.conditional, s.not_approved) == (4, 3, 1, 1, 1)
    assert (s.overdue, s.never_evaluated, s.still_supplying) == (2, 1, 1)
    assert s.mean_score == 8 / 3

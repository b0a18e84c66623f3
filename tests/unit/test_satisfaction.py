"""Satisfaction surveys: per question and service, the share satisfied with its Wilson
interval, the change from the year before, and the yearly measurement rule."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.model import SurveyResponse
from readiness.core.satisfaction import NOT_MEASURED, analyse, measurement, wilson, windows

AS_OF = dt.date(2026, 12, 6)


def r(day: dt.date | None, service: str = "", **answers: int) -> SurveyResponse:
    return SurveyResponse(answers=dict(answers), service=service, date=day)


def test_wilson_matches_the_textbook_formula() -> None:
    # Wilson (1927), z = 1.959964: 8 of 10 -> 0.4902 to 0.9433
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 5)[0] == 0.0
    assert wilson(5, 5)[1] == pytest.approx(1.0)


def test_windows_are_rolling_years() -> None:
    year, before = windows(AS_OF)
    assert (year.start, year.end) == (dt.date(2025, 12, 6), AS_OF)
    assert (before.start, before.end) == (dt.date(2024, 12, 6), dt.date(2025, 12, 6))
    assert year.holds(AS_OF) and not year.holds(dt.date(2025, 12, 6))
    assert before.holds(dt.date(2025, 12, 6)) and not year.holds(None)


def test_per_question_and_service() -> None:
    now = dt.date(2026, 6, 1)
    then = dt.date(2025, 6, 1)
    rows = (
        r(now, "USC", q1=5, q2=4),
        r(now, "USC", q1=4, q2=2),
        r(now, "Podatki", q1=3),
        r(now, "Podatki", q1=1, q2=5),
        r(then, "USC", q1=2),
        r(then, "USC", q1=5),
        r(None, "USC", q1=5),
        r(dt.date(2027, 1, 1), "USC", q1=5),  # after the report date: left out
    )
    got = analyse(rows, AS_OF, "PL")
    assert (got.responses, got.undated) == (4, 1)
    q1 = got.questions[0]
    assert (q1.question, q1.service, q1.answers) == ("q1", "", 4)
    assert q1.distribution == (1, 0, 1, 1, 1)
    assert q1.mean == pytest.approx(13 / 4)
    assert (q1.satisfied, q1.share) == (2, 0.5)
    assert q1.low < 0.5 < q1.high
    assert (q1.previous, q1.previous_answers, q1.change) == (0.5, 2, 0.0)
    q2 = got.questions[1]
    assert (q2.answers, q2.previous, q2.change) == (3, None, None)
    by = {(s.question, s.service): s for s in got.services}
    assert by["q1", "USC"].share == 1.0 and by["q1", "USC"].previous == 0.5
    assert by["q1", "USC"].change == 0.5
    assert by["q2", "Podatki"].answers == 1
    assert got.overall is not None and got.overall.answers == 7
    assert got.measurement.in_time and got.measurement.severity is None


def test_nothing_in_the_year_gives_no_scores() -> None:
    got = analyse((r(dt.date(2024, 1, 1), q=5),), AS_OF, "PL")
    assert got.questions == () and got.overall is None
    assert got.measurement.last == dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("country", "severity", "cites"),
    [
        ("BG", "finding", "чл. 24"),
        ("PL", "recommendation", "9.1.2"),
        ("", "recommendation", "9.1.2"),
    ],
)
def test_no_measurement_in_twelve_months(country: str, severity: str, cites: str) -> None:
    old = (r(dt.date(2025, 12, 6), q=4),)
    got = measurement(old, country, AS_OF)
    assert (got.in_time, got.severity, got.months) == (False, severity, 12)
    assert got.message == NOT_MEASURED[severity]
    assert cites in got.source("bg")
    assert got.source("xx") == got.source("en")
    assert "{months}" in got.message and "{source}" in got.message


def test_the_bulgarian_rule_is_marked_unchecked_until_compared_with_the_text() -> None:
    assert measurement((), "BG", AS_OF).checked is False
    assert measurement((), "bg", AS_OF).severity == "finding"
    fresh = measurement((r(dt.date(2025, 12, 7), q=4),), "BG", AS_OF)
    assert fresh.in_time and fresh.message == ""

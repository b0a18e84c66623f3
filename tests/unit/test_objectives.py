"""Quality objectives against their results: the status rule and the planning items."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.model import Objective, ObjectiveResult
from readiness.core.objectives import (
    REASONS,
    judge,
    missing_items,
    period_end,
    points_of,
    summarise,
)

AS_OF = dt.date(2026, 12, 6)


def full(**kw: object) -> Objective:
    base: dict[str, object] = {
        "name": "Answer complaints on time",
        "indicator": "complaints answered on time",
        "unit": "%",
        "higher_is_better": True,
        "baseline": 80.0,
        "target": 95.0,
        "period": "2026",
        "owner": "Anna Nowak",
        "actions": "weekly check of the register",
        "resources": "register software",
        "evaluation": "quarterly report to the mayor",
    }
    base.update(kw)
    return Objective(**base)  # type: ignore[arg-type]


def res(value: float, period: str, name: str = "Answer complaints on time") -> ObjectiveResult:
    return ObjectiveResult(objective=name, period=period, value=value)


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2026", dt.date(2026, 12, 31)),
        ("2026-Q1", dt.date(2026, 3, 31)),
        ("Q3 2026", dt.date(2026, 9, 30)),
        ("2026 K2", dt.date(2026, 6, 30)),
        ("2026-H1", dt.date(2026, 6, 30)),
        ("2026-02", dt.date(2026, 2, 28)),
        ("2024.2", dt.date(2024, 2, 29)),
        ("2026-13", None),
        ("next year", None),
        ("", None),
    ],
)
def test_period_end(period: str, end: dt.date | None) -> None:
    assert period_end(period) == end


def test_met_when_the_latest_result_reaches_the_target() -> None:
    got = judge(full(), (res(96, "2026-Q3"), res(90, "2026-Q2")), AS_OF)
    assert got.status == "met"
    assert [p.period for p in got.points] == ["2026-Q2", "2026-Q3"]
    assert got.change == pytest.approx(16)


def test_lower_is_better_is_met_at_or_below_the_target() -> None:
    obj = full(higher_is_better=False, baseline=20.0, target=10.0)
    assert judge(obj, (res(10, "2026-Q3"),), AS_OF).status == "met"
    # the period 2026 ends after the report date; 11 is better than the baseline 20, 21 worse
    assert judge(obj, (res(11, "2026-Q3"),), AS_OF).status == "on_track"
    assert judge(obj, (res(21, "2026-Q3"),), AS_OF).status == "missed"


def test_on_track_while_the_deadline_is_ahead_and_results_improve() -> None:
    obj = full(period="2027")
    got = judge(obj, (res(85, "2026-Q3"),), AS_OF)
    assert (got.status, got.reason) == ("on_track", REASONS["on_track"])
    assert got.deadline == dt.date(2027, 12, 31)


def test_missed_when_results_move_away_although_the_deadline_is_ahead() -> None:
    got = judge(full(period="2027"), (res(70, "2026-Q3"),), AS_OF)
    assert (got.status, got.reason) == ("missed", REASONS["away"])


def test_missed_when_the_deadline_passed() -> None:
    obj = full(deadline=dt.date(2026, 11, 30), period="")
    got = judge(obj, (res(90, "2026-Q3"),), AS_OF)
    assert (got.status, got.reason) == ("missed", REASONS["late"])


def test_no_deadline_and_not_met_is_missed() -> None:
    got = judge(full(period="", deadline=None), (res(90, "x"),), AS_OF)
    assert (got.status, got.reason) == ("missed", REASONS["no_deadline"])
    assert "when" in got.missing


def test_no_data_without_results_or_without_a_target() -> None:
    assert judge(full(), (), AS_OF).reason == REASONS["no_result"]
    got = judge(full(target=None), (res(90, "2026"),), AS_OF)
    assert (got.status, got.reason) == ("no_data", REASONS["no_target"])
    assert "target" in got.missing


def test_without_a_baseline_the_first_result_is_the_reference() -> None:
    obj = full(baseline=None, period="2027")
    got = judge(obj, (res(85, "2026-Q1"), res(84, "2026-Q2")), AS_OF)
    assert got.reference == 85
    assert (got.status, got.reason) == ("missed", REASONS["away_first"])
    better = judge(obj, (res(85, "2026-Q1"), res(88, "2026-Q2")), AS_OF)
    assert (better.status, better.reason) == ("on_track", REASONS["on_track_first"])


def test_one_result_without_a_baseline_says_no_trend_can_be_told_yet() -> None:
    got = judge(full(baseline=None, period="2027"), (res(85, "2026-Q3"),), AS_OF)
    assert (got.status, got.reason) == ("on_track", REASONS["single"])
    assert "baseline" not in got.reason.split(";")[0]  # never "not worse than the baseline"


def test_results_match_by_indicator_without_case_or_spaces() -> None:
    obj = full()
    results = (res(1, "2026", "  COMPLAINTS answered  on time "), res(2, "2026", "other"))
    assert [p.value for p in points_of(obj, results)] == [1]


def test_missing_planning_items_in_the_standards_order() -> None:
    obj = Objective(name="Shorter queues", target=10.0)
    assert missing_items(obj) == (
        "indicator",
        "actions",
        "resources",
        "owner",
        "when",
        "evaluation",
    )
    assert missing_items(full()) == ()
    got = judge(obj, (), AS_OF)
    assert got.missing_labels[0] == "an indicator to measure it"


def test_summary_counts_and_unmatched_results() -> None:
    objectives = (
        full(),
        full(
            name="Queues",
            indicator="minutes waited",
            higher_is_better=False,
            baseline=30.0,
            target=15.0,
            period="2027",
        ),
        full(name="Training", indicator="hours"),
        full(name="No target", indicator="n", target=None),
    )
    results = (
        res(97, "2026"),
        res(20, "2026-Q4", "minutes waited"),
        res(5, "2026", "Training"),
        res(3, "2026", "stray"),
    )
    s = summarise(objectives, results, AS_OF)
    assert (s.total, s.met, s.on_track, s.missed, s.no_data) == (4, 1, 1, 1, 1)
    assert s.incomplete == 1
    assert [r.objective for r in s.unmatched] == ["stray"]
    assert [p.status for p in s.progress] == ["met", "on_track", "missed", "no_data"]

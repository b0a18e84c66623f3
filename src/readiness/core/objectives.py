"""Quality objectives (6.2) against their results: met, on track, missed or no data.

Pure functions over :class:`~readiness.core.model.Objective` and
:class:`~readiness.core.model.ObjectiveResult` records. The rule, for each objective:

1. Its results are the records whose ``objective`` names the objective or its indicator
   (compared without case and surrounding spaces), ordered by the end of their period
   (``2026``, ``2026-Q3``, ``2026-H1``, ``2026-06``), then the date measured, then the row.
2. **no data**: no result recorded, or no target to compare with (the target is then also
   named as a missing planning item).
3. **met**: the latest result reaches the target: at or above it when higher is better, at
   or below it when lower is better.
4. Not met and the deadline (the objective's ``deadline``, else the end of its ``period``)
   is after the report date: **on track** when the latest result is not worse than the
   reference (the baseline, else the first result), **missed** when it has moved away from
   the target (the results go the wrong way while there is still time). Without a baseline
   the reason names the first result as the reference, and a single result with no
   baseline is on track with the reason that no trend can be told yet.
5. Not met and the deadline is on or before the report date, or no deadline can be told:
   **missed**.

Each status carries its reason as a message id, so the report can say why. The 6.2.2
planning items (what will be done, resources, who is responsible, when, how results are
evaluated) and the 6.2.1 b) measurability (an indicator and a target) are listed where
the objective leaves them blank.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from readiness.core.messages import N_
from readiness.core.model import Objective, ObjectiveResult

Status = Literal["met", "on_track", "missed", "no_data"]

STATUSES: tuple[Status, ...] = ("met", "on_track", "missed", "no_data")

#: how each status reads (message ids)
STATUS_LABELS: dict[Status, str] = {
    "met": N_("met"),
    "on_track": N_("on track"),
    "missed": N_("missed"),
    "no_data": N_("no data"),
}

#: why an objective has its status (message ids)
REASONS = {
    "met": N_("The latest result reaches the target."),
    "on_track": N_(
        "The target is not reached yet; the deadline has not passed and the results are "
        "not worse than the baseline."
    ),
    "away": N_(
        "The target is not reached and the results have moved away from it since the "
        "baseline, although the deadline has not passed."
    ),
    "on_track_first": N_(
        "The target is not reached yet; the deadline has not passed and the results are "
        "not worse than the first result recorded (no baseline is set)."
    ),
    "away_first": N_(
        "The target is not reached and the results have moved away from it since the "
        "first result recorded (no baseline is set), although the deadline has not passed."
    ),
    "single": N_(
        "The target is not reached yet and the deadline has not passed; with one result "
        "and no baseline, whether the results improve cannot be told yet."
    ),
    "late": N_("The target was not reached by the deadline."),
    "no_deadline": N_("The target is not reached and no deadline or period is set."),
    "no_result": N_("No result is recorded."),
    "no_target": N_("No target is set, so the result cannot be judged."),
}

#: the planning items an objective should carry: (key, message id, clause)
PLANNING_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("indicator", N_("an indicator to measure it"), "6.2.1 b)"),
    ("target", N_("a target"), "6.2.1 b)"),
    ("actions", N_("what will be done"), "6.2.2 a)"),
    ("resources", N_("what resources will be required"), "6.2.2 b)"),
    ("owner", N_("who will be responsible"), "6.2.2 c)"),
    ("when", N_("when it will be completed"), "6.2.2 d)"),
    ("evaluation", N_("how the results will be evaluated"), "6.2.2 e)"),
)

_QUARTER = re.compile(
    r"^\s*(?:(\d{4})\s*[-/ ]?\s*[QqKk]([1-4])|[QqKk]([1-4])\s*[-/ ]?\s*(\d{4}))\s*$"
)
_HALF = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Hh]([12])\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


def period_end(period: str) -> dt.date | None:
    """The last day of a period such as ``2026``, ``2026-Q3``, ``2026-H1`` or ``2026-06``.

    ``Q3 2026`` and ``2026 K3`` are read too; anything else gives None.

    Parameters
    ----------
    period
        The period as the office wrote it (``K`` is accepted for a quarter, as in Polish).

    Returns
    -------
    datetime.date or None
        The period's last day.
    """
    if m := _YEAR.match(period):
        return dt.date(int(m[1]), 12, 31)
    if m := _QUARTER.match(period):
        year, quarter = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        month = quarter * 3
    elif m := _HALF.match(period):
        year, month = int(m[1]), int(m[2]) * 6
    elif m := _MONTH.match(period):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
    else:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Point:
    """One result of an objective: its period, value and where it came from."""

    period: str
    value: float
    measured_on: dt.date | None = None
    result: ObjectiveResult | None = None


@dataclass(frozen=True)
class Progress:
    """One objective judged at the report date.

    Attributes
    ----------
    objective
        The objective as read.
    points
        Its results in time order.
    status
        ``met``, ``on_track``, ``missed`` or ``no_data`` (see the module's rule).
    reason
        Why (a message id from :data:`REASONS`).
    deadline
        The date the target applies to (the deadline, else the end of the period), or None.
    reference
        The value the trend is measured from (the baseline, else the first result).
    missing
        The keys of :data:`PLANNING_ITEMS` left blank.
    """

    objective: Objective
    points: tuple[Point, ...]
    status: Status
    reason: str
    deadline: dt.date | None
    reference: float | None
    missing: tuple[str, ...]

    @property
    def latest(self) -> Point | None:
        """The latest result, or None."""
        return self.points[-1] if self.points else None

    @property
    def change(self) -> float | None:
        """The latest result minus the reference (None when either is missing)."""
        if self.latest is None or self.reference is None:
            return None
        return self.latest.value - self.reference

    @property
    def missing_labels(self) -> tuple[str, ...]:
        """The missing planning items as message ids, in the standard's order."""
        labels = {key: label for key, label, _ in PLANNING_ITEMS}
        return tuple(labels[key] for key in self.missing)


@dataclass(frozen=True)
class ObjectivesSummary:
    """Every objective judged, and the counts for "x of y met"."""

    progress: tuple[Progress, ...]
    met: int
    on_track: int
    missed: int
    no_data: int
    incomplete: int  # objectives with at least one planning item missing
    unmatched: tuple[ObjectiveResult, ...]  # results naming no objective

    @property
    def total(self) -> int:
        """Objectives set."""
        return len(self.progress)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def missing_items(objective: Objective) -> tuple[str, ...]:
    """The planning items (keys of :data:`PLANNING_ITEMS`) the objective leaves blank.

    ``when`` is given by a deadline or a period; ``target`` by a number.
    """
    present = {
        "indicator": bool(objective.indicator.strip()),
        "target": objective.target is not None,
        "actions": bool(objective.actions.strip()),
        "resources": bool(objective.resources.strip()),
        "owner": bool(objective.owner.strip()),
        "when": objective.deadline is not None or bool(objective.period.strip()),
        "evaluation": bool(objective.evaluation.strip()),
    }
    return tuple(key for key, _, _ in PLANNING_ITEMS if not present[key])


def _order(point: Point) -> tuple[dt.date, dt.date, int]:
    end = period_end(point.period) or point.measured_on or dt.date.max
    row = point.result.row if point.result is not None else 0
    return (end, point.measured_on or end, row)


def points_of(objective: Objective, results: tuple[ObjectiveResult, ...]) -> tuple[Point, ...]:
    """The results recorded for ``objective`` (by its name or indicator), in time order."""
    names = {_key(objective.name)} | ({_key(objective.indicator)} if objective.indicator else set())
    found = [
        Point(r.period, r.value, r.measured_on, r) for r in results if _key(r.objective) in names
    ]
    return tuple(sorted(found, key=_order))


def _reached(value: float, target: float, higher: bool) -> bool:
    return value >= target if higher else value <= target


def judge(objective: Objective, results: tuple[ObjectiveResult, ...], as_of: dt.date) -> Progress:
    """One objective's status at the report date ``as_of`` (the module's rule).

    Parameters
    ----------
    objective
        The objective.
    results
        All results read (those of other objectives are ignored).
    as_of
        The report date.

    Returns
    -------
    Progress
        The status with its reason, the results in order and the planning items missing.
    """
    points = points_of(objective, results)
    deadline = objective.deadline or period_end(objective.period)
    reference = objective.baseline
    if reference is None and points:
        reference = points[0].value
    missing = missing_items(objective)

    def out(status: Status, reason: str) -> Progress:
        return Progress(objective, points, status, REASONS[reason], deadline, reference, missing)

    if not points:
        return out("no_data", "no_result")
    if objective.target is None:
        return out("no_data", "no_target")
    latest = points[-1].value
    higher = objective.higher_is_better
    if _reached(latest, objective.target, higher):
        return out("met", "met")
    if deadline is None:
        return out("missed", "no_deadline")
    if deadline <= as_of:
        return out("missed", "late")
    assert reference is not None  # a baseline or the first result
    if objective.baseline is None and len(points) == 1:
        return out("on_track", "single")
    worse = latest < reference if higher else latest > reference
    first = "_first" if objective.baseline is None else ""
    return out("missed", "away" + first) if worse else out("on_track", "on_track" + first)


def summarise(
    objectives: tuple[Objective, ...], results: tuple[ObjectiveResult, ...], as_of: dt.date
) -> ObjectivesSummary:
    """Every objective judged at ``as_of``, with the counts per status.

    Parameters
    ----------
    objectives
        The objectives set (the Objectives sheet).
    results
        Their results from the sheet and from KPI registers.
    as_of
        The report date.

    Returns
    -------
    ObjectivesSummary
        The progress of each objective in the sheet's order and the counts; results that
        name no objective are kept apart (``unmatched``) so the report can name them.
    """
    progress = tuple(judge(o, results, as_of) for o in objectives)
    used = {id(p.result) for g in progress for p in g.points}
    counts = {s: sum(1 for g in progress if g.status == s) for s in STATUSES}
    return ObjectivesSummary(
        progress=progress,
        met=counts["met"],
        on_track=counts["on_track"],
        missed=counts["missed"],
        no_data=counts["no_data"],
        incomplete=sum(1 for g in progress if g.missing),
        unmatched=tuple(r for r in results if id(r) not in used),
    )

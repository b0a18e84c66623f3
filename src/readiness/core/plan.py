"""The action plan's rows: blockers first, then the gaps of the current stage.

A proposed due date falls on a working day of the office's country (no Saturday, Sunday
or public holiday). Rows are keyed by the Findings sheet's column keys, so they paste back
into the workbook; ``readiness.io.actionplan`` writes them as xlsx and csv. The words of
each row (a blocker's text, a level's name) come from a ``Wording``, which the report view
provides in the report's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from readiness.core.assess import Assessment
from readiness.core.catalogue import Catalogue, ref_key
from readiness.core.gates import Blocker, GateResult, step_state
from readiness.core.model import Workbook
from readiness.core.registers import next_working_day

BLOCKER_DAYS = 30  # proposed due date of a blocker of the current or an earlier stage
LATER_DAYS = 90  # of a blocker of a later stage, and of a gap


class Wording(Protocol):
    """The words of the action plan's rows, in the report's language."""

    def _(self, message: str) -> str:
        """Translate a message id."""

    def blocker_text(self, blocker: Blocker) -> str:
        """What a blocker says."""

    def action_text(self, text: str) -> str:
        """A catalogue action in the report's language."""

    def level_text(self, level: int | None) -> str:
        """A level's name."""


def action_plan(
    workbook: Workbook,
    assessment: Assessment,
    gates: Sequence[GateResult],
    catalogue: Catalogue,
    words: Wording,
) -> list[dict[str, Any]]:
    """Rows keyed by the Findings sheet's column keys.

    Parameters
    ----------
    workbook, assessment
        The validated workbook and its assessment.
    gates
        Every stage's gate result (``readiness.core.gates.evaluate``).
    catalogue
        The catalogue the assessment used.
    words
        The rows' texts in the report's language.
    """
    as_of = assessment.as_of
    country = workbook.office.country

    def proposed(days: int) -> dt.date:
        """A due date ``days`` ahead, on a working day (the complaint deadlines' rule)."""
        return next_working_day(as_of + dt.timedelta(days=days), country)

    stage = catalogue.stage(assessment.stage)
    current = stage.order
    findings = {f.id: f for f in workbook.findings}
    rows: list[dict[str, Any]] = []
    listed: set[str] = set()
    number = 0

    def next_id() -> str:
        nonlocal number
        number += 1
        return f"AP-{number:03d}"

    shown = [
        g
        for g in gates
        if (g.stage.kind == "implementation" or stage.kind == "certified")
        and step_state(g, stage) != "ahead"  # a certified stage not reached has no actions yet
    ]
    for gate in shown:
        overdue = gate.stage.order <= current
        for blocker in gate.blockers:
            if blocker.summary:
                continue
            finding = findings.get(blocker.finding)
            if finding is not None:
                if finding.id in listed:
                    continue
                listed.add(finding.id)
                rows.append(
                    {
                        "id": finding.id,
                        "ref": finding.ref,
                        "source": finding.source,
                        "grade": finding.grade,
                        "description": words.blocker_text(blocker),
                        "action": finding.action,
                        "owner": finding.owner,
                        "due": finding.due,
                        "status": finding.status,
                    }
                )
                continue
            if blocker.ref:
                listed.add(blocker.ref)
            rows.append(
                {
                    "id": next_id(),
                    "ref": blocker.ref or "",
                    "source": "gap_analysis",
                    "grade": "gap",  # a gap is not a nonconformity (ARCHITECTURE.md)
                    "description": words.blocker_text(blocker),
                    "action": words.action_text(blocker.action),
                    "owner": blocker.owner,
                    "due": proposed(BLOCKER_DAYS if overdue else LATER_DAYS),
                    "status": "open",
                }
            )
    for gap in sorted(
        assessment.gaps,
        key=lambda g: (first_stage(catalogue, g.ref, g.score_level), ref_key(g.ref)),
    ):
        if gap.ref in listed or not (gap.shortfall or gap.unjustified):
            continue  # a requirement under an open finding: the finding is its action
        rows.append(
            {
                "id": next_id(),
                "ref": gap.ref,
                "source": "gap_analysis",
                "grade": "gap",
                "description": words._("Level {now}; the stage expects {expected}.").format(
                    now=words.level_text(gap.score_level), expected=words.level_text(gap.expected)
                ),
                "action": words.action_text(catalogue.clauses[gap.ref].action),
                "owner": gap.owner,
                "due": proposed(LATER_DAYS),
                "status": "open",
            }
        )
    return rows


def first_stage(catalogue: Catalogue, ref: str, level: int) -> int:
    """Order of the first stage that expects more than ``level`` of the requirement."""
    for stage in catalogue.stages:
        if catalogue.expected_level(ref, stage.id) > level:
            return stage.order
    return len(catalogue.stages) + 1

"""The verdicts: is the office ready for its next audit by the certification body.

On the road to certification there are two questions, each with its own conditions
(``stages.toml``'s ``[[audit]]`` tables, each naming its source): ready for the stage 1
audit (ISO/IEC 17021-1:2015, 9.3.1.2.2)? ready for the stage 2 audit, the certification
audit (9.3.1.3)? A certified office is asked about its next audit of the cycle, judged by
its current stage's gate.

A blocker is one requirement (or one office-wide condition) with every reason that keeps
it from the audit listed together: the count is the number of distinct blockers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from readiness.core.assess import Assessment
from readiness.core.catalogue import Catalogue, Stage, ref_key
from readiness.core.cycle import CyclePlan
from readiness.core.gates import CHECKS, Blocker, ConditionResult, GateResult, State
from readiness.core.model import Workbook

Audit = Literal["stage1", "stage2", "surveillance", "recertification", "restoration"]


@dataclass(frozen=True)
class BlockerGroup:
    """One blocker: a requirement (``ref``), or an office-wide condition, with its reasons."""

    ref: str | None
    reasons: tuple[Blocker, ...]
    findings_due: dt.date | None = None  # the latest due date of open findings on ``ref``

    @property
    def due(self) -> dt.date | None:
        """The latest due date among the reasons' actions and the open findings on ``ref``.

        A blocker has a dated action exactly when this is set: the cover's count of
        blockers without one and ``results.json``'s ``blocker_groups`` both read it.
        """
        dates = [b.due for b in self.reasons if b.due is not None]
        if self.findings_due is not None:
            dates.append(self.findings_due)
        return max(dates) if dates else None

    @property
    def owner(self) -> str:
        """The first owner named by a reason."""
        return next((b.owner for b in self.reasons if b.owner), "")


@dataclass(frozen=True)
class Verdict:
    """Is the office ready for one audit by the certification body? Every blocker if not.

    ``audit`` names the audit: ``stage1`` or ``stage2`` on the road to certification; for a
    certified office surveillance, recertification, or (once the certificate has expired)
    restoration or a stage 2 audit. ``planned`` is the audit's date when one is planned;
    ``earliest`` the date readiness can be expected from the dated actions, None while a
    blocker (``undated``) has none. ``warnings`` are shown beside it, never counted.
    """

    ready: bool
    groups: tuple[BlockerGroup, ...]
    earliest: dt.date | None
    undated: tuple[BlockerGroup, ...]
    audit: Audit = "stage1"
    cycle: CyclePlan | None = None
    planned: dt.date | None = None
    conditions: tuple[ConditionResult, ...] = ()
    warnings: tuple[Blocker, ...] = ()

    @property
    def certified(self) -> bool:
        """The verdict is about a certified office's next audit."""
        return self.cycle is not None or self.audit not in ("stage1", "stage2")

    @property
    def count(self) -> int:
        """The number of distinct blockers."""
        return len(self.groups)

    @property
    def blockers(self) -> tuple[Blocker, ...]:
        """Every reason of every blocker, grouped by requirement."""
        return tuple(b for g in self.groups for b in g.reasons)


def group(blockers: tuple[Blocker, ...] | list[Blocker]) -> tuple[BlockerGroup, ...]:
    """Blockers grouped by requirement, each reason once; office-wide ones first.

    A summary blocker (one that stands for others listed elsewhere) is left out.
    """
    groups: dict[str, list[Blocker]] = {}
    seen: set[tuple[str, str, str]] = set()
    for b in blockers:
        if b.summary:
            continue
        key = (b.message, b.plural, repr(sorted(b.params.items(), key=lambda kv: kv[0])))
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault(b.ref or f"\0{b.message}", []).append(b)

    def order(key: str) -> tuple[int, tuple[int, ...]]:
        return (0, ()) if key.startswith("\0") else (1, ref_key(key))

    return tuple(
        BlockerGroup(None if k.startswith("\0") else k, tuple(groups[k]))
        for k in sorted(groups, key=order)
    )


def judge(
    blockers: tuple[Blocker, ...] | list[Blocker],
    assessment: Assessment,
    audit: Audit,
    *,
    cycle: CyclePlan | None = None,
    planned: dt.date | None = None,
    conditions: tuple[ConditionResult, ...] = (),
    warnings: tuple[Blocker, ...] = (),
) -> Verdict:
    """A verdict from its blockers.

    The earliest date readiness can be expected is the latest due date among the blockers'
    own actions and the open findings on a blocked requirement (several on one requirement
    included); it cannot be given while a blocker has no dated action.
    """
    findings_due: dict[str, dt.date] = {}
    for f in assessment.open_findings:
        if f.due is not None and (f.ref not in findings_due or f.due > findings_due[f.ref]):
            findings_due[f.ref] = f.due
    groups = tuple(
        dataclasses.replace(g, findings_due=findings_due.get(g.ref)) if g.ref else g
        for g in group(blockers)
    )
    undated = tuple(g for g in groups if g.due is None)
    earliest = None
    if groups and not undated:
        earliest = max([assessment.as_of, *(g.due for g in groups if g.due is not None)])
    return Verdict(
        ready=not groups,
        groups=groups,
        earliest=earliest,
        undated=undated,
        audit=audit,
        cycle=cycle,
        planned=planned,
        conditions=conditions,
        warnings=warnings,
    )


def applies(workbook: Workbook, when: str) -> bool:
    """Whether a condition with this ``when`` applies to the office (the Office sheet's flag)."""
    return not when or bool(getattr(workbook.office, when, False))


def audit_verdict(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, audit: Audit
) -> Verdict:
    """Ready for the stage 1 or the stage 2 audit: that audit's conditions from stages.toml."""
    state = State(workbook, assessment, catalogue)
    results = tuple(
        ConditionResult(c, tuple(CHECKS[c.check](state, c.params)))
        for c in catalogue.audit_conditions(audit)
        if applies(workbook, c.when)
    )
    blockers = [b for c in results for b in c.blockers]
    planned = workbook.office.stage1_date if audit == "stage1" else None
    return judge(blockers, assessment, audit, planned=planned, conditions=results)


def certified_verdict(
    gates: tuple[GateResult, ...], assessment: Assessment, stage: Stage, cycle: CyclePlan | None
) -> Verdict:
    """A certified office's next audit of its cycle, judged by its current stage's gate."""
    current = next(g for g in gates if g.stage.id == stage.id)
    audit: Audit = cycle.next_audit if cycle is not None else "surveillance"
    return judge(
        current.blockers,
        assessment,
        audit,
        cycle=cycle,
        planned=cycle.next_audit_date if cycle is not None else None,
        conditions=current.conditions,
        warnings=current.warnings,
    )


@dataclass(frozen=True)
class Verdicts:
    """The report's verdicts: ``primary`` is the one the headline gives.

    On the road to certification ``primary`` is ``stage1`` and ``stage2`` follows it; a
    certified office has only ``primary``, about its next audit.
    """

    primary: Verdict
    stage1: Verdict | None = None
    stage2: Verdict | None = None

    @property
    def road(self) -> tuple[Verdict, ...]:
        """The verdicts on the road to certification, stage 1 first (none once certified)."""
        return tuple(v for v in (self.stage1, self.stage2) if v is not None)


def verdicts(
    workbook: Workbook,
    assessment: Assessment,
    catalogue: Catalogue,
    gates: tuple[GateResult, ...],
    stage: Stage,
    cycle: CyclePlan | None,
) -> Verdicts:
    """The office's verdicts at its stage."""
    if stage.kind == "certified":
        return Verdicts(certified_verdict(gates, assessment, stage, cycle))
    first = audit_verdict(workbook, assessment, catalogue, "stage1")
    second = audit_verdict(workbook, assessment, catalogue, "stage2")
    return Verdicts(first, first, second)

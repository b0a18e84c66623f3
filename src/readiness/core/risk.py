"""Which departments the internal audit programme takes first and more often (ISO 9001 9.2.2).

Each department's risk is the sum of what the workbook says about the requirements it
carries: levels below the certification target, open findings (a major nonconformity
weighs most), complaints answered late or unanswered past their statutory deadline,
changes recorded in the Departments sheet, and how long since its requirements were last
audited. Every point comes with its reason, which the programme shows beside the audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from readiness.core.assess import Assessment
from readiness.core.model import Department, Workbook
from readiness.core.registers import late_complaints

#: Points from which a department is at risk: audited first, and twice in a period of six
#: months or more.
AT_RISK = 5
#: Points per open finding by grade. A gap (from the gap analysis) is not a finding here:
#: it weighs only through the level below target it records, never as an open finding.
FINDING_POINTS = {"major": 3, "minor": 2, "observation": 1, "ofi": 0}
CAPS = {"below_target": 4, "open_findings": 6, "late_complaints": 2, "changes": 2}


@dataclass(frozen=True)
class Reason:
    """One reason for a department's risk: its code, points and the requirements concerned."""

    code: str  # below_target, open_findings, late_complaints, changes, not_audited, never_audited
    points: int
    refs: tuple[str, ...] = ()
    count: int = 0  # findings, complaints or months since the last audit
    text: str = ""  # the change recorded


@dataclass(frozen=True)
class DepartmentRisk:
    """A department's risk, with its reasons and the applicable requirements it carries."""

    department: Department
    refs: tuple[str, ...]  # applicable requirements it carries
    reasons: tuple[Reason, ...]
    last_audited: dt.date | None  # the date by which all its requirements were last audited

    @property
    def score(self) -> int:
        """Points of risk, 0 and up."""
        return sum(r.points for r in self.reasons)

    @property
    def at_risk(self) -> bool:
        """Whether the department is taken first and more often."""
        return self.score >= AT_RISK


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 when later is not after)."""
    return max(0, (later.year - earlier.year) * 12 + later.month - earlier.month)


def last_audit_by_ref(workbook: Workbook) -> dict[str, dt.date]:
    """The date each requirement was last covered by an internal audit held."""
    last: dict[str, dt.date] = {}
    for audit in workbook.audits:
        if audit.kind != "internal":
            continue
        for ref in audit.refs:
            if ref not in last or audit.date > last[ref]:
                last[ref] = audit.date
    return last


def department_risks(
    workbook: Workbook, assessment: Assessment, start: dt.date
) -> tuple[DepartmentRisk, ...]:
    """Every department's risk at the start of the programme's period.

    Parameters
    ----------
    workbook
        The office's workbook, with its Departments sheet.
    assessment
        Its assessment: levels, targets and open findings.
    start
        The first day of the programme's period; time since the last audit counts to it.
    """
    results = {r.ref: r for r in assessment.requirements}
    applicable = {ref for ref, r in results.items() if not r.excluded}
    last = last_audit_by_ref(workbook)
    late_refs: dict[str, int] = {}
    for register in workbook.registers:
        late = len(late_complaints(register, assessment.as_of)) if register.complaints else 0
        if late:
            for ref in register.refs:
                late_refs[ref] = late_refs.get(ref, 0) + late
    out = []
    for department in workbook.departments:
        refs = tuple(r for r in department.refs if r in applicable)
        reasons: list[Reason] = []
        below = tuple(r for r in refs if results[r].score_level < results[r].target)
        if below:
            missing = sum(results[r].target - results[r].score_level for r in below)
            points = min(CAPS["below_target"], 1 + (2 * missing) // max(1, len(refs)))
            reasons.append(Reason("below_target", points, below, len(below)))
        found = [f for f in assessment.open_findings if f.ref in refs and f.grade in FINDING_POINTS]
        if found:
            points = min(CAPS["open_findings"], sum(FINDING_POINTS[f.grade] for f in found))
            refs_found = tuple(sorted({f.ref for f in found}, key=refs.index))
            reasons.append(Reason("open_findings", max(1, points), refs_found, len(found)))
        late_here = tuple(r for r in refs if r in late_refs)
        if late_here:
            count = max(late_refs[r] for r in late_here)
            reasons.append(Reason("late_complaints", CAPS["late_complaints"], late_here, count))
        if department.changes.strip():
            reasons.append(Reason("changes", CAPS["changes"], text=department.changes.strip()))
        dates = [last.get(r) for r in refs]
        when = None if not dates or None in dates else min(d for d in dates if d is not None)
        never = tuple(r for r in refs if r not in last)
        if never:
            reasons.append(Reason("never_audited", 3, never, len(never)))
        elif when is not None:
            months = months_between(when, start)
            if months >= 6:
                reasons.append(Reason("not_audited", 2 if months >= 12 else 1, (), months))
        out.append(DepartmentRisk(department, refs, tuple(reasons), when))
    return tuple(out)


@dataclass(frozen=True)
class AuditCoverage:
    """How much of the standard the internal audits cover: held, planned, and together.

    ``held`` counts the applicable requirements covered by internal audits held in the
    twelve months up to the assessment date; ``planned`` those covered by the planned audits
    (an audit programme's rows pasted into the Audits sheet) dated from the assessment date
    to the end of the next calendar year (next year's programme, planned in the autumn).
    """

    applicable: int
    held: int
    planned: int
    together: int
    planned_audits: int

    def share(self, count: int) -> float:
        """``count`` as a share of the applicable requirements."""
        return count / self.applicable if self.applicable else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """JSON-ready (``results.json`` under ``audit_programme``)."""
        return {
            "applicable": self.applicable,
            "held": self.held,
            "planned": self.planned,
            "together": self.together,
            "planned_audits": self.planned_audits,
            "coverage": round(self.share(self.together), 4),
        }


def audit_coverage(workbook: Workbook, assessment: Assessment) -> AuditCoverage:
    """The requirements covered by internal audits held in the last year and planned ahead."""
    applicable = {r.ref for r in assessment.requirements if not r.excluded}
    day = assessment.as_of
    year_ago = (
        day.replace(year=day.year - 1)
        if not (day.month == 2 and day.day == 29)
        else (day - dt.timedelta(days=365))
    )
    ahead = dt.date(day.year + 1, 12, 31)
    held = {
        ref
        for a in workbook.audits
        if a.kind == "internal" and year_ago < a.date <= day
        for ref in a.refs
    } & applicable
    planned_audits = [a for a in workbook.planned_audits if day <= a.date <= ahead]
    planned = {ref for a in planned_audits for ref in a.refs} & applicable
    return AuditCoverage(
        applicable=len(applicable),
        held=len(held),
        planned=len(planned),
        together=len(held | planned),
        planned_audits=len(planned_audits),
    )

"""The internal audit programme (ISO 9001 9.2.2): who audits which department, and when.

One audit is a department's audit, covering the applicable requirements it carries. The
assignment is solved by OR-Tools CP-SAT (:mod:`readiness.core.planner`) under these rules,
each a hard constraint:

- every department whose requirements are due is audited in the period (on the road to
  certification, and where the office asks for it, every department every year; for a
  certified office, every requirement within the three-year cycle), so every applicable
  requirement is audited;
- no auditor audits their own department, a department they head, or a requirement they
  own in the Clauses sheet; every audit has a lead auditor who may lead;
- departments at risk (:mod:`readiness.core.risk`) have their first audit no later than any
  other department's first audit, and a second one at least three months after it when the
  period has six months or more;
- no auditor takes part in more audits than the limit the user sets;
- audits spread across the months: no month holds more than their number over the months,
  rounded up, and after each month the audits held so far are their even share, rounded
  down or up (within one more audit either way when that cannot hold).

The objective brings the riskiest departments earliest, gives audits a second auditor where
one is free, and evens the auditors' load. When no programme satisfies the rules,
:class:`Infeasible` names the rule that cannot be met and what would fix it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from readiness.core.catalogue import Catalogue, ref_key
from readiness.core.model import Auditor
from readiness.core.risk import DepartmentRisk

GAP_MONTHS = 3  # between a department's two audits in one period
TWICE_FROM_MONTHS = 6  # a period this long audits departments at risk twice
CYCLE_YEARS = 3
SOLVE_SECONDS = 3.0  # the solver's deterministic time for one model (about seconds)
MAX_DEPARTMENTS = 200  # bounds the model's size (and the time and memory it takes)
MAX_AUDITORS = 200


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class PlannedAudit:
    """One audit of the programme."""

    month: int
    date: dt.date
    department: str
    refs: tuple[str, ...]
    lead: str
    team: tuple[str, ...]
    round: int  # 1, or 2 for a department at risk audited again
    risk: DepartmentRisk

    @property
    def auditors(self) -> tuple[str, ...]:
        """The lead auditor first, then the team."""
        return (self.lead, *self.team)


@dataclass(frozen=True)
class Programme:
    """A year's internal audit programme."""

    year: int
    months: tuple[int, ...]
    audits: tuple[PlannedAudit, ...]
    risks: tuple[DepartmentRisk, ...]
    limit: int  # the most audits an auditor may take part in
    certified: bool
    annual: bool
    deferred: tuple[DepartmentRisk, ...] = ()  # not due this year (certified, three-year cycle)
    unused: tuple[Auditor, ...] = ()  # auditors not trained before the period starts
    optimal: bool = True

    @property
    def load(self) -> dict[str, int]:
        """Audits each auditor takes part in."""
        out: dict[str, int] = {}
        for audit in self.audits:
            for name in audit.auditors:
                out[name] = out.get(name, 0) + 1
        return out

    def refs_covered(self) -> set[str]:
        """The requirements the programme audits."""
        return {ref for audit in self.audits for ref in audit.refs}


@dataclass
class Infeasible(Exception):
    """No programme satisfies the rules: which rule cannot be met and what would fix it.

    ``rule`` and ``fix`` are English message ids with ``{named}`` fields from ``params``.
    """

    code: str
    rule: str
    fix: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.rule.format(**self.params)} {self.fix.format(**self.params)}"


def compact_refs(refs: tuple[str, ...], catalogue: Catalogue) -> str:
    """Requirements as a short list, as the workbook's clause columns read it back.

    A heading stands for all the requirements under it ('8.5' for 8.5.1-8.5.6).
    """
    left = set(refs)
    out: list[str] = []
    for clause in sorted(catalogue.clauses.values(), key=lambda c: (c.depth, ref_key(c.ref))):
        under = {r.ref for r in catalogue.requirements_under(clause.ref)}
        if under and under <= left and (clause.assessable or len(under) > 1):
            out.append(clause.ref)
            left -= under
    return "; ".join(sorted(out, key=ref_key))


def parse_months(text: str) -> tuple[int, ...]:
    """Months from '1-12', '3-11' or '1,2,5' (each 1-12); ValueError otherwise."""
    months: set[int] = set()
    for part in text.replace(" ", "").split(","):
        low, _, high = part.partition("-")
        first, last = int(low), int(high or low)
        if not 1 <= first <= last <= 12:
            raise ValueError(f"{part!r} is not a month range within 1-12")
        months.update(range(first, last + 1))
    if not months:
        raise ValueError("no months")
    return tuple(sorted(months))


def eligible(auditor: Auditor, risk: DepartmentRisk, owners: dict[str, str]) -> bool:
    """Whether ``auditor`` may audit the department.

    Not their own, not one they head, and none of its requirements theirs in the Clauses
    sheet.
    """
    me = _key(auditor.name)
    department = risk.department
    if _key(auditor.department) == _key(department.name) or me == _key(department.head):
        return False
    return all(_key(owners.get(ref, "")) != me for ref in risk.refs)


def audit_dates(year: int, month: int, count: int) -> list[dt.date]:
    """``count`` working days (Monday to Friday) spread evenly over a month."""
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).weekday() < 5
    ]
    return [days[min(len(days) - 1, (j + 1) * len(days) // (count + 1))] for j in range(count)]

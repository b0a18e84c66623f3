"""The internal audit programme (ISO 9001 9.2.2): who audits which department, and when.

One audit is a department's audit, covering the applicable requirements it carries. The
assignment is solved by OR-Tools CP-SAT (one worker, a fixed seed: the same workbook gives
the same programme) under these rules, each a hard constraint:

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
import math
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from readiness.core.catalogue import Catalogue, ref_key
from readiness.core.messages import N_
from readiness.core.model import Auditor, Workbook
from readiness.core.risk import DepartmentRisk, months_between

GAP_MONTHS = 3  # between a department's two audits in one period
TWICE_FROM_MONTHS = 6  # a period this long audits departments at risk twice
CYCLE_YEARS = 3
SOLVE_SECONDS = 20.0
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


def due_departments(
    risks: tuple[DepartmentRisk, ...], start: dt.date, certified: bool, annual: bool
) -> tuple[list[DepartmentRisk], list[DepartmentRisk]]:
    """The departments due in the period, and (certified offices) those left for later years.

    On the road to certification, or when the office asks for it, every department is due.
    A certified office audits within its three-year cycle: a department is due when it is at
    risk, was never audited, or its requirements were last audited two years or more before
    the period starts; and at least a third of the departments every year, the longest
    unaudited first.
    """
    if not certified or annual:
        return list(risks), []
    due = [
        r
        for r in risks
        if r.at_risk
        or r.last_audited is None
        or months_between(r.last_audited, start) >= 12 * (CYCLE_YEARS - 1)
    ]
    rest = sorted(
        (r for r in risks if r not in due),
        key=lambda r: (r.last_audited or dt.date.min, r.department.name),
    )
    while len(due) < math.ceil(len(risks) / CYCLE_YEARS) and rest:
        due.append(rest.pop(0))
    return [r for r in risks if r in due], [r for r in risks if r not in due]


def plan_programme(
    workbook: Workbook,
    risks: tuple[DepartmentRisk, ...],
    applicable: set[str],
    year: int,
    months: tuple[int, ...] = tuple(range(1, 13)),
    limit: int = 4,
    certified: bool = False,
    annual: bool = False,
    seconds: float = SOLVE_SECONDS,
) -> Programme:
    """The year's programme, solved by CP-SAT; :class:`Infeasible` when the rules cannot hold.

    Parameters
    ----------
    workbook
        The office's workbook: departments, auditors, the Clauses sheet's owners.
    risks
        Each department's risk (:func:`readiness.core.risk.department_risks`).
    applicable
        The applicable requirements: each must be carried by a department.
    year, months
        The period: the months of ``year`` the audits may fall in.
    limit
        The most audits one auditor takes part in.
    certified, annual
        A certified office plans within its three-year cycle, unless ``annual`` asks for
        every requirement every year.
    seconds
        The solver's time limit.
    """
    if not workbook.departments:
        raise Infeasible(
            "no-departments",
            N_("The workbook has no Departments sheet, or it is empty."),
            N_(
                "Fill in the Departments sheet: each department, its head and the "
                "requirements it carries (a fresh template has the sheet: readiness template)."
            ),
        )
    if len(workbook.departments) > MAX_DEPARTMENTS or len(workbook.auditors) > MAX_AUDITORS:
        raise Infeasible(
            "too-large",
            N_(
                "The workbook lists {departments} departments and {auditors} auditors; a "
                "programme is planned for at most {most} of each."
            ),
            N_("Plan each part of the office in a workbook of its own."),
            {
                "departments": str(len(workbook.departments)),
                "auditors": str(len(workbook.auditors)),
                "most": str(MAX_DEPARTMENTS),
            },
        )
    start = dt.date(year, months[0], 1)
    trained = [a for a in workbook.auditors if a.trained_on is not None and a.trained_on <= start]
    unused = tuple(a for a in workbook.auditors if a not in trained)
    if not trained:
        raise Infeasible(
            "no-auditors",
            N_("The workbook names no internal auditor trained before {start}."),
            N_(
                "Fill in the Auditors sheet: each trained internal auditor, their department, "
                "the date of their training and whether they may lead audits."
            ),
            {"start": start.isoformat()},
        )
    carried = {ref for r in risks for ref in r.refs}
    uncarried = sorted(applicable - carried, key=lambda ref: [int(p) for p in ref.split(".")])
    if uncarried:
        raise Infeasible(
            "not-carried",
            N_("No department carries {refs}, so no audit would cover them."),
            N_(
                "Add them to the requirements carried by a department in the Departments "
                "sheet (top management's for chapter 5)."
            ),
            {"refs": ", ".join(uncarried)},
        )
    due, deferred = due_departments(risks, start, certified, annual)
    owners = {ref: entry.owner for ref, entry in workbook.clauses.items()}
    for risk in due:
        able = [a for a in trained if eligible(a, risk, owners)]
        name = risk.department.name
        if not able:
            raise Infeasible(
                "no-impartial-auditor",
                N_(
                    "Nobody may audit {department}: every trained auditor works in it, heads "
                    "it or owns one of its requirements."
                ),
                N_("Train an auditor outside {department}."),
                {"department": name},
            )
        if not any(a.may_lead for a in able):
            raise Infeasible(
                "no-lead-auditor",
                N_("No auditor who may lead audits works outside {department}."),
                N_("Let {names} lead audits, or train a lead auditor outside {department}."),
                {"department": name, "names": ", ".join(a.name for a in able)},
            )
    rounds = {
        r.department.name: 2 if r.at_risk and len(months) >= TWICE_FROM_MONTHS else 1 for r in due
    }
    solved = _solve(due, rounds, trained, owners, year, months, limit, seconds)
    if solved is None:  # an even spread to the audit is too tight: within one audit of it
        solved = _solve(due, rounds, trained, owners, year, months, limit, seconds, slack=1)
    if solved is None:
        raise _why_not(due, rounds, trained, owners, year, months, limit, seconds)
    audits, optimal = solved.audits, solved.optimal
    return Programme(
        year=year,
        months=months,
        audits=audits,
        risks=risks,
        limit=limit,
        certified=certified,
        annual=annual,
        deferred=tuple(deferred),
        unused=unused,
        optimal=optimal,
    )


def _solve(
    due: list[DepartmentRisk],
    rounds: dict[str, int],
    auditors: list[Auditor],
    owners: dict[str, str],
    year: int,
    months: tuple[int, ...],
    limit: int | None,
    seconds: float,
    minimise_load: bool = False,
    slack: int = 0,
) -> _Solved | None:
    """Solve the model; None when it is infeasible (or no solution was found in time).

    With ``limit`` None and ``minimise_load``, only the largest load is minimised (used to
    say how far the limit must be raised).
    """
    model = cp_model.CpModel()
    instances = [(r, k) for r in due for k in range(1, rounds[r.department.name] + 1)]
    count = len(instances)
    cap = math.ceil(count / len(months))
    at: dict[tuple[int, int], cp_model.IntVar] = {}
    month_of: list[cp_model.IntVar] = []
    for i, _inst in enumerate(instances):
        for m in months:
            at[i, m] = model.new_bool_var(f"at_{i}_{m}")
        model.add_exactly_one(at[i, m] for m in months)
        var = model.new_int_var(months[0], months[-1], f"month_{i}")
        model.add(var == sum(m * at[i, m] for m in months))
        month_of.append(var)
    for m in months:
        model.add(sum(at[i, m] for i in range(count)) <= cap)
    # spread: after the t-th month of the period, the audits held so far are within
    # ``slack`` of their even share
    for t in range(1, len(months)):
        held = sum(at[i, m] for i in range(count) for m in months[:t])
        model.add(held <= math.ceil(count * t / len(months)) + slack)
        model.add(held >= count * t // len(months) - slack)
    first = {inst[0].department.name: i for i, inst in enumerate(instances) if inst[1] == 1}
    for i, (risk, k) in enumerate(instances):
        if k == 2:
            model.add(month_of[i] >= month_of[first[risk.department.name]] + GAP_MONTHS)
    boundary = model.new_int_var(months[0], months[-1], "boundary")
    for risk in due:
        i = first[risk.department.name]
        if risk.at_risk:
            model.add(month_of[i] <= boundary)
        else:
            model.add(month_of[i] >= boundary)
    lead: dict[tuple[int, int], cp_model.IntVar] = {}
    member: dict[tuple[int, int], cp_model.IntVar] = {}
    for i, (risk, _k) in enumerate(instances):
        able = [j for j, a in enumerate(auditors) if eligible(a, risk, owners)]
        for j in able:
            if auditors[j].may_lead:
                lead[i, j] = model.new_bool_var(f"lead_{i}_{j}")
            member[i, j] = model.new_bool_var(f"member_{i}_{j}")
            if (i, j) in lead:
                model.add(lead[i, j] + member[i, j] <= 1)
        model.add_exactly_one(lead[i, j] for j in able if (i, j) in lead)
        model.add(sum(member[i, j] for j in able) <= 1)
    loads = []
    for j, _a in enumerate(auditors):
        load = sum(lead.get((i, j), 0) + member.get((i, j), 0) for i in range(count))
        var = model.new_int_var(0, count, f"load_{j}")
        model.add(var == load)
        if limit is not None:
            model.add(var <= limit)
        loads.append(var)
    most = model.new_int_var(0, count, "most")
    model.add_max_equality(most, loads)
    if minimise_load:
        model.minimize(most)
    else:
        early = sum((risk.score + 1) * month_of[first[risk.department.name]] for risk in due)
        teams = sum(member.values())
        model.minimize(early * 4 - teams * 6 + most * 4)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 7
    solver.parameters.max_time_in_seconds = seconds
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    if minimise_load:
        return _Solved((), status == cp_model.OPTIMAL, int(solver.value(most)))
    by_month: dict[int, list[int]] = {}
    for i in range(count):
        by_month.setdefault(int(solver.value(month_of[i])), []).append(i)
    audits: list[PlannedAudit] = []
    for m in sorted(by_month):
        order = sorted(by_month[m], key=lambda i: (-instances[i][0].score, instances[i][1], i))
        for i, day in zip(order, audit_dates(year, m, len(order)), strict=True):
            risk, k = instances[i]
            lead_name = next(
                a.name for j, a in enumerate(auditors) if solver.value(lead.get((i, j), 0))
            )
            team = tuple(
                a.name for j, a in enumerate(auditors) if solver.value(member.get((i, j), 0))
            )
            audits.append(
                PlannedAudit(m, day, risk.department.name, risk.refs, lead_name, team, k, risk)
            )
    return _Solved(tuple(audits), status == cp_model.OPTIMAL, int(solver.value(most)))


@dataclass(frozen=True)
class _Solved:
    audits: tuple[PlannedAudit, ...]
    optimal: bool
    most: int  # the largest load


def _why_not(
    due: list[DepartmentRisk],
    rounds: dict[str, int],
    auditors: list[Auditor],
    owners: dict[str, str],
    year: int,
    months: tuple[int, ...],
    limit: int,
    seconds: float,
) -> Infeasible:
    """Which rule cannot be met: the auditors' load, or the months allowed."""
    least = _least_load(due, rounds, auditors, owners, year, months, seconds)
    if least is not None and least > limit:
        audits = sum(rounds.values())
        more = max(1, math.ceil((audits - limit * sum(a.may_lead for a in auditors)) / limit))
        return Infeasible(
            "load",
            N_(
                "No programme keeps every auditor within {limit} audits: the {audits} audits "
                "need at least {least} from one auditor."
            ),
            N_(
                "Raise the limit to {least} (--max-audits-per-auditor {least}), or train "
                "{more} more lead auditors in other departments."
            ),
            {"limit": str(limit), "audits": str(audits), "least": str(least), "more": str(more)},
        )
    return Infeasible(
        "months",
        N_("The {count} months allowed cannot hold the audits with their spacing."),
        N_("Allow more months (--months 1-12)."),
        {"count": str(len(months))},
    )


def _least_load(
    due: list[DepartmentRisk],
    rounds: dict[str, int],
    auditors: list[Auditor],
    owners: dict[str, str],
    year: int,
    months: tuple[int, ...],
    seconds: float,
) -> int | None:
    """The smallest limit on audits per auditor any programme could keep, or None."""
    solved = _solve(due, rounds, auditors, owners, year, months, None, seconds, True, 1)
    return None if solved is None else solved.most

"""Planning the internal audit programme: which departments are due, and the CP-SAT model.

The rules are those of :mod:`readiness.core.programme`, each a hard constraint of one
OR-Tools CP-SAT model (one worker, a fixed seed: the same workbook gives the same
programme). When the model has no solution, the rule that fails is found by solving it
again without it: the auditors' load (the least limit that works is named), else the months.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from readiness.core.messages import N_
from readiness.core.model import Auditor, Workbook
from readiness.core.programme import (
    CYCLE_YEARS,
    GAP_MONTHS,
    MAX_AUDITORS,
    MAX_DEPARTMENTS,
    SOLVE_SECONDS,
    TWICE_FROM_MONTHS,
    Infeasible,
    PlannedAudit,
    Programme,
    audit_dates,
    eligible,
)
from readiness.core.risk import DepartmentRisk, months_between


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
    demand = Demand(due, rounds, trained, owners, year, months, seconds)
    solved = solve(demand, limit)
    if solved is None:  # an even spread to the audit is too tight: within one audit of it
        solved = solve(demand, limit, slack=1)
    if solved is None:
        raise why_not(demand, limit)
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


def solve(
    demand: Demand, limit: int | None, minimise_load: bool = False, slack: int = 0
) -> Solved | None:
    """Solve the model; None when it is infeasible (or no solution was found in time).

    With ``limit`` None and ``minimise_load``, only the largest load is minimised (used to
    say how far the limit must be raised).
    """
    due, rounds, auditors, owners = demand.due, demand.rounds, demand.auditors, demand.owners
    year, months, seconds = demand.year, demand.months, demand.seconds
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
    # a deterministic limit (the solver's own work count, not the clock): the same workbook
    # gives the same programme on any machine, under any load; the clock only as a backstop
    solver.parameters.max_deterministic_time = seconds
    solver.parameters.max_time_in_seconds = seconds * 6
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    if minimise_load:
        return Solved((), status == cp_model.OPTIMAL, int(solver.value(most)))
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
    return Solved(tuple(audits), status == cp_model.OPTIMAL, int(solver.value(most)))


@dataclass(frozen=True)
class Demand:
    """What every solve of one office's year shares: who is due, how often, by whom, when."""

    due: list[DepartmentRisk]
    rounds: dict[str, int]  # audits of each department in the year
    auditors: list[Auditor]
    owners: dict[str, str]  # requirement -> the person who owns it
    year: int
    months: tuple[int, ...]
    seconds: float  # the solver's deterministic limit


@dataclass(frozen=True)
class Solved:
    """What the solver found: the audits, whether proven optimal, the largest load."""

    audits: tuple[PlannedAudit, ...]
    optimal: bool
    most: int  # the largest load


def why_not(demand: Demand, limit: int) -> Infeasible:
    """Which rule cannot be met: the auditors' load, or the months allowed."""
    least = least_load(demand)
    if least is not None and least > limit:
        audits = sum(demand.rounds.values())
        leads = sum(a.may_lead for a in demand.auditors)
        more = max(1, math.ceil((audits - limit * leads) / limit))
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
        {"count": str(len(demand.months))},
    )


def least_load(demand: Demand) -> int | None:
    """The smallest limit on audits per auditor any programme could keep, or None."""
    solved = solve(demand, None, minimise_load=True, slack=1)
    return None if solved is None else solved.most

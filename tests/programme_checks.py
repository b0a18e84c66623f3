"""The audit programme's guarantees, checked independently of the solver (tests only).

``violations`` returns every broken rule of a programme as a sentence; an empty list means
the programme keeps them all.
"""

from __future__ import annotations

import datetime as dt
import math

from readiness.core.assess import Assessment
from readiness.core.model import Workbook
from readiness.core.programme import GAP_MONTHS, TWICE_FROM_MONTHS, Programme


def _k(text: str) -> str:
    return " ".join(text.split()).casefold()


def violations(programme: Programme, book: Workbook, assessment: Assessment) -> list[str]:
    out: list[str] = []
    applicable = {r.ref for r in assessment.requirements if not r.excluded}
    departments = {_k(d.name): d for d in book.departments}
    auditors = {_k(a.name): a for a in book.auditors}
    owners = {ref: _k(e.owner) for ref, e in book.clauses.items()}
    start = dt.date(programme.year, programme.months[0], 1)
    covered = programme.refs_covered()
    # 1. coverage
    if programme.certified and not programme.annual:
        last: dict[str, dt.date] = {}
        for audit in book.audits:
            if audit.kind == "internal":
                for ref in audit.refs:
                    last[ref] = max(last.get(ref, dt.date.min), audit.date)
        for ref in sorted(applicable - covered):
            if ref not in last or last[ref].year < programme.year - 2:
                out.append(f"{ref} falls outside the three-year cycle")
    else:
        for ref in sorted(applicable - covered):
            out.append(f"{ref} is not audited in the period")
    # 2. impartiality, leads, training
    for audit in programme.audits:
        department = departments[_k(audit.department)]
        if audit.date.year != programme.year or audit.date.month not in programme.months:
            out.append(f"{audit.department}: {audit.date} outside the period")
        if audit.date.month != audit.month or audit.date.weekday() >= 5:
            out.append(f"{audit.department}: {audit.date} not a working day of month {audit.month}")
        lead = auditors[_k(audit.lead)]
        if not lead.may_lead:
            out.append(f"{audit.lead} leads but may not")
        for name in audit.auditors:
            auditor = auditors[_k(name)]
            if auditor.trained_on is None or auditor.trained_on > start:
                out.append(f"{name} is not trained before the period")
            if _k(auditor.department) == _k(department.name):
                out.append(f"{name} audits their own department {department.name}")
            if _k(name) == _k(department.head):
                out.append(f"{name} audits the department they head")
            for ref in audit.refs:
                if owners.get(ref) == _k(name):
                    out.append(f"{name} audits {ref}, which they own")
        if len(set(audit.auditors)) != len(audit.auditors):
            out.append(f"{audit.department}: an auditor twice in one audit")
    # 3. risk first and more often
    firsts: dict[str, int] = {}
    counts: dict[str, list[int]] = {}
    for audit in programme.audits:
        counts.setdefault(audit.department, []).append(audit.month)
        firsts[audit.department] = min(firsts.get(audit.department, 13), audit.month)
    risky = {r.department.name for r in programme.risks if r.at_risk}
    risky_firsts = [m for d, m in firsts.items() if d in risky]
    other_firsts = [m for d, m in firsts.items() if d not in risky]
    if risky_firsts and other_firsts and max(risky_firsts) > min(other_firsts):
        out.append("a department at risk comes after one that is not")
    for name in risky:
        if len(programme.months) >= TWICE_FROM_MONTHS:
            months = sorted(counts.get(name, []))
            if len(months) < 2:
                out.append(f"{name} is at risk but audited {len(months)} times")
            elif months[1] - months[0] < GAP_MONTHS:
                out.append(f"{name}: its two audits are too close")
    # 4. load
    for name, n in programme.load.items():
        if n > programme.limit:
            out.append(f"{name} takes part in {n} audits, above {programme.limit}")
    # 5. spread
    n, m = len(programme.audits), len(programme.months)
    per_month = [sum(a.month == month for a in programme.audits) for month in programme.months]
    if n and max(per_month) > math.ceil(n / m):
        out.append(f"a month holds {max(per_month)} audits, above {math.ceil(n / m)}")
    for t in range(1, m):
        held = sum(per_month[:t])
        if not n * t // m - 1 <= held <= math.ceil(n * t / m) + 1:
            out.append(f"after {t} months {held} audits: not spread")
    return out

"""What each management review input (9.3.2) draws from a workbook: rows, counts, analyses.

One builder per input key of ``data/review.toml``; :mod:`readiness.core.review` calls them
through :data:`BUILDERS` and checks that each gives exactly the sources the data file says
it draws on. A builder returns its rows by source, its counts by key (labels in
``core.review.COUNTS``) and the analysis that sums the input up, if any. :func:`totals`
gives each source's rows whatever their date, so the pack can say "3 of 12 since the last
review" and tell a missing register from a quiet one.

9.3.2 b) is summed up by a :class:`~readiness.core.climate.Climate`: the Office sheet's 4.1
decision on climate change (relevant, not relevant, or not decided) and where it is
recorded; when climate change was found relevant, the risk register's entries reviewed or
changed since the last review and the departments' recorded changes (one line each, the
department's "name: change") whose text concerns climate by the rule in ``data/climate.toml``
(:func:`readiness.core.climate.concerns_climate`); otherwise no change is listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from readiness.core.climate import Climate, assess
from readiness.core.model import (
    Audit,
    Auditor,
    Department,
    Evidence,
    Finding,
    Objective,
    ObjectiveResult,
    Review,
    ReviewDecision,
    SupplierEvaluation,
    SurveyResponse,
    Workbook,
)
from readiness.core.objectives import ObjectivesSummary, summarise
from readiness.core.registers import Complaint, Entry, complaint_state
from readiness.core.satisfaction import Satisfaction, analyse
from readiness.core.suppliers import Suppliers, evaluate

Row = (
    Review
    | ReviewDecision
    | Entry
    | Department
    | SurveyResponse
    | Complaint
    | Objective
    | ObjectiveResult
    | Evidence
    | Finding
    | Audit
    | SupplierEvaluation
    | Auditor
)
"""A record an input draws on: a sheet's row, a register's entry, a complaint, an answer."""
Summary = ObjectivesSummary | Satisfaction | Suppliers | Climate
"""The analysis that sums an input up."""

EXTERNAL_AUDITS = frozenset({"stage1", "stage2", "surveillance", "recertification"})
AUDIT_SOURCES = frozenset({"internal_audit", "stage1", "stage2", "surveillance"})


def covers(refs: Iterable[str], prefixes: tuple[str, ...]) -> bool:
    """Whether a clause in ``refs`` is one of ``prefixes`` or under it (8.5 covers 8.5.1)."""
    return any(r == p or r.startswith(p + ".") for r in refs for p in prefixes)


@dataclass(frozen=True)
class Context:
    """What every input reads: the workbook and the two dates."""

    wb: Workbook
    as_of: dt.date
    since: dt.date

    @property
    def country(self) -> str:
        """The office's country (for statutory deadlines and the measurement rule)."""
        return self.wb.office.country

    def recent(self, day: dt.date | None) -> bool:
        """After ``since``, up to and including the report date."""
        return day is not None and self.since < day <= self.as_of

    def entries(self, role: str) -> list[Entry]:
        """The entries of every register with ``role``."""
        return [e for r in self.wb.registers if r.role == role for e in r.entries]

    def evidence(self, *prefixes: str) -> list[Evidence]:
        """Evidence dated since the last review supporting a clause under ``prefixes``."""
        return [e for e in self.wb.evidence if self.recent(e.dated) and covers(e.refs, prefixes)]


Built = tuple[dict[str, list[Row]], list[tuple[str, int]], Summary | None]
"""A part's rows by source, its counts by key, and its summary."""
Build = Callable[[Context], Built]


def _a(c: Context) -> Built:
    earlier = [r for r in c.wb.reviews if r.date <= c.as_of]
    decisions = [d for d in c.wb.decisions if d.review <= c.as_of]
    state = [d.status.replace(" ", "_").casefold() or "open" for d in decisions]
    overdue = sum(
        1
        for d, s in zip(decisions, state, strict=True)
        if d.due and d.due < c.as_of and s != "done"
    )
    counts = [(k, state.count(k)) for k in ("open", "in_progress", "done")]
    return {"reviews": [*earlier], "decisions": [*decisions]}, [*counts, ("overdue", overdue)], None


def _b(c: Context) -> Built:
    risks = [e for e in c.entries("risks") if c.recent(e.date)]
    departments = [d for d in c.wb.departments if d.changes.strip()]
    counts = [("risks_changed", len(risks)), ("departments_changed", len(departments))]
    office = c.wb.office
    changes = [*(("", e.label) for e in risks), *((d.name, d.changes) for d in departments)]
    climate = assess(office.climate_relevant, office.climate_recorded_in, changes)
    return {"risks": [*risks], "departments": [*departments]}, counts, climate


def _c1(c: Context) -> Built:
    satisfaction = analyse(c.wb.surveys, c.as_of, c.country)
    surveys = [s for s in c.wb.surveys if satisfaction.year.holds(s.date)]
    complaints: list[Complaint] = []
    states: list[str] = []
    for register in c.wb.registers:
        for complaint in register.complaints:
            if c.recent(complaint.received):
                complaints.append(complaint)
                states.append(
                    complaint_state(complaint, register.deadline_months, c.as_of, c.country)
                )
    counts = [
        ("answers", len(surveys)),
        ("complaints", len(complaints)),
        ("late", states.count("late")),
        ("unanswered", states.count("overdue")),
    ]
    return {"surveys": [*surveys], "complaints": [*complaints]}, counts, satisfaction


def _c2(c: Context) -> Built:
    summary = summarise(c.wb.objectives, c.wb.objective_results, c.as_of)
    counts = [("met", summary.met), ("objectives", summary.total)]
    rows: dict[str, list[Row]] = {
        "objectives": [*c.wb.objectives],
        "objective_results": [*c.wb.objective_results],
    }
    return rows, counts, summary


def _c3(c: Context) -> Built:
    evidence = c.evidence("8.5", "8.6", "8.7", "9.1.1")
    findings = [
        f for f in c.wb.findings if f.unresolved and covers((f.ref,), ("8.5", "8.6", "8.7"))
    ]
    counts = [("records", len(evidence)), ("service_findings_open", len(findings))]
    return {"evidence": [*evidence], "findings": [*findings]}, counts, None


def _c4(c: Context) -> Built:
    ncs = [f for f in c.wb.findings if f.nonconformity]
    open_ = [f for f in ncs if f.unresolved]
    closed = [f for f in ncs if not f.unresolved and c.recent(f.closed_on)]
    counts = [("nonconformities_open", len(open_)), ("nonconformities_closed", len(closed))]
    return {"findings": [*open_, *closed]}, counts, None


def _c5(c: Context) -> Built:
    evidence = c.evidence("9.1.1", "9.1.3")
    results = [
        r for r in c.wb.objective_results if r.measured_on is None or c.recent(r.measured_on)
    ]
    counts = [("records", len(evidence))]
    return {"evidence": [*evidence], "objective_results": [*results]}, counts, None


def _c6(c: Context) -> Built:
    audits = [a for a in c.wb.audits if a.status == "held" and c.recent(a.date)]
    findings = [f for f in c.wb.findings if f.source in AUDIT_SOURCES and f.is_open]
    counts = [
        ("internal", sum(1 for a in audits if a.kind == "internal")),
        ("external", sum(1 for a in audits if a.kind in EXTERNAL_AUDITS)),
        ("audit_findings_open", len(findings)),
    ]
    return {"audits": [*audits], "findings": [*findings]}, counts, None


def _c7(c: Context) -> Built:
    suppliers = evaluate(c.wb.suppliers, c.as_of)
    counts = [
        ("reevaluations_overdue", suppliers.overdue),
        ("not_approved_in_use", suppliers.still_supplying),
    ]
    return {"suppliers": [*c.wb.suppliers]}, counts, suppliers


def _d(c: Context) -> Built:
    training = [e for e in c.entries("training") if c.recent(e.date)]
    evidence = c.evidence("7.1", "7.2")
    counts = [("trained", len(training)), ("auditors", len(c.wb.auditors))]
    rows: dict[str, list[Row]] = {
        "training": [*training],
        "auditors": [*c.wb.auditors],
        "evidence": [*evidence],
    }
    return rows, counts, None


def _e(c: Context) -> Built:
    risks = c.entries("risks")
    findings = [f for f in c.wb.findings if covers((f.ref,), ("6.1",))]
    counts = [("risk_findings_open", sum(1 for f in findings if f.is_open))]
    return (
        {"risks": [*risks], "findings": [*findings], "evidence": [*c.evidence("6.1")]},
        counts,
        None,
    )


def _f(c: Context) -> Built:
    # as c) 4): those open, and those closed since the last review (not every one ever)
    ofi = [f for f in c.wb.findings if f.grade == "ofi"]
    open_ = [f for f in ofi if f.is_open]
    closed = [f for f in ofi if not f.is_open and c.recent(f.closed_on)]
    counts = [("ofi_open", len(open_)), ("ofi_closed", len(closed))]
    return {"findings": [*open_, *closed]}, counts, None


BUILDERS: dict[str, Build] = {
    "a": _a,
    "b": _b,
    "c1": _c1,
    "c2": _c2,
    "c3": _c3,
    "c4": _c4,
    "c5": _c5,
    "c6": _c6,
    "c7": _c7,
    "d": _d,
    "e": _e,
    "f": _f,
}


def totals(workbook: Workbook) -> dict[str, int]:
    """Each source's rows in the workbook, whatever their date."""
    wb = workbook

    def role(name: str) -> int:
        return sum(len(r.entries) for r in wb.registers if r.role == name)

    return {
        "reviews": len(wb.reviews),
        "decisions": len(wb.decisions),
        "risks": role("risks"),
        "departments": len(wb.departments),
        "surveys": len(wb.surveys),
        "complaints": sum(len(r.complaints) for r in wb.registers),
        "objectives": len(wb.objectives),
        "objective_results": len(wb.objective_results),
        "evidence": len(wb.evidence),
        "findings": len(wb.findings),
        "audits": len(wb.audits),
        "suppliers": len(wb.suppliers),
        "training": role("training"),
        "auditors": len(wb.auditors),
    }

"""The management review pack (9.3): each 9.3.2 input assembled from the workbook, as data.

:func:`assemble` takes a :class:`~readiness.core.model.Workbook`, the report date and the
date the pack looks back to (``since``: the last management review held on or before the
report date, else 12 months before it) and gives one :class:`Part` per input listed in
``data/review.toml``: the sources it draws on with their row counts, the rows themselves,
counts worth stating, and the analysis that sums it up (objectives, satisfaction,
suppliers). A part with no row is "no data", so the gap shows before the auditor sees it.

What "since" filters: dated rows (risk reviews, complaints received, audits held, findings
closed, evidence dated, training, objective results measured) count from the day after
``since`` up to the report date; survey answers count over the 12 months up to the report
date (the year :mod:`readiness.core.satisfaction` analyses); undated rows (objectives,
open findings, decisions of earlier reviews, departments' changes) are taken as they
stand. Rendering (HTML, PDF, docx) is left to the layers above.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from readiness.core.messages import N_
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
from readiness.core.registers import Complaint, Entry, add_months, complaint_state
from readiness.core.satisfaction import Satisfaction, analyse
from readiness.core.suppliers import Suppliers, evaluate

#: what an input can draw on, as readers see it named (message ids)
SOURCES = {
    "reviews": N_("management reviews held"),
    "decisions": N_("decisions of earlier management reviews"),
    "risks": N_("risk register"),
    "departments": N_("changes recorded by the departments"),
    "surveys": N_("satisfaction surveys"),
    "complaints": N_("complaints and requests register"),
    "objectives": N_("quality objectives"),
    "objective_results": N_("results of the quality objectives"),
    "evidence": N_("documents and records"),
    "findings": N_("findings, nonconformities and corrective actions"),
    "audits": N_("audits held"),
    "suppliers": N_("evaluations of external providers"),
    "training": N_("training records"),
    "auditors": N_("internal auditors"),
}

#: the titles in data/review.toml, marked here so that the catalogues extract them
TITLES = (
    N_("Status of actions from previous management reviews"),
    N_("Changes in external and internal issues relevant to the quality management system"),
    N_("Customer satisfaction and feedback from relevant interested parties"),
    N_("The extent to which quality objectives have been met"),
    N_("Process performance and conformity of services"),
    N_("Nonconformities and corrective actions"),
    N_("Monitoring and measurement results"),
    N_("Audit results"),
    N_("The performance of external providers"),
    N_("The adequacy of resources"),
    N_("The effectiveness of actions taken to address risks and opportunities"),
    N_("Opportunities for improvement"),
    N_("Any need for changes to the quality management system"),
    N_("Resource needs"),
)

#: the counts a part may state (message ids)
COUNTS = {
    "open": N_("open"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "overdue": N_("past their date and not done"),
    "risks_changed": N_("risks reviewed or changed since the last review"),
    "departments_changed": N_("departments recording changes"),
    "answers": N_("survey answers in the last 12 months"),
    "complaints": N_("complaints and requests received"),
    "late": N_("answered after the statutory deadline"),
    "unanswered": N_("unanswered past the statutory deadline"),
    "met": N_("objectives met"),
    "objectives": N_("objectives set"),
    "nonconformities_open": N_("nonconformities open"),
    "nonconformities_closed": N_("nonconformities closed since the last review"),
    "internal": N_("internal audits held"),
    "external": N_("certification body audits held"),
    "audit_findings_open": N_("audit findings open"),
    "reevaluations_overdue": N_("re-evaluations overdue"),
    "not_approved_in_use": N_("providers not approved still in use"),
    "trained": N_("training records since the last review"),
    "auditors": N_("internal auditors"),
    "risk_actions_open": N_("actions on risks open"),
    "ofi_open": N_("opportunities for improvement open"),
    "ofi": N_("opportunities for improvement recorded"),
    "records": N_("records dated since the last review"),
}

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
Summary = ObjectivesSummary | Satisfaction | Suppliers

EXTERNAL_AUDITS = frozenset({"stage1", "stage2", "surveillance", "recertification"})
AUDIT_SOURCES = frozenset({"internal_audit", "stage1", "stage2", "surveillance"})


@dataclass(frozen=True)
class Input:
    """One 9.3.2 input (or 9.3.3 output) as ``data/review.toml`` lists it."""

    key: str
    clause: str
    title: str  # a message id
    draws_on: tuple[str, ...] = ()


@cache
def load_inputs() -> tuple[tuple[Input, ...], tuple[Input, ...]]:
    """The inputs and the outputs from ``data/review.toml``, checked against :data:`SOURCES`."""
    text = (resources.files("readiness") / "data" / "review.toml").read_text("utf-8")
    doc = tomllib.loads(text)

    def read(table: dict[str, Any]) -> Input:
        draws = tuple(str(s) for s in table.get("draws_on", ()))
        unknown = [s for s in draws if s not in SOURCES]
        if unknown or table["title"] not in TITLES:
            raise ValueError(f"review.toml: {table['key']}: {unknown or table['title']}")
        return Input(str(table["key"]), str(table["clause"]), str(table["title"]), draws)

    return tuple(read(t) for t in doc["input"]), tuple(read(t) for t in doc["output"])


@dataclass(frozen=True)
class Drawn:
    """A source a part draws on, and how many of its rows it used."""

    key: str
    label: str  # a message id
    rows: int


@dataclass(frozen=True)
class Count:
    """A number a part states (``label`` is a message id)."""

    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Part:
    """One input of the review, assembled.

    Attributes
    ----------
    input
        The input (clause, title, what it draws on).
    sources
        Each source with the rows it gave, in the order the input lists them.
    rows
        The rows used, from every source.
    counts
        Numbers worth stating.
    summary
        The analysis that sums the input up, where one exists.
    """

    input: Input
    sources: tuple[Drawn, ...]
    rows: tuple[Row, ...]
    counts: tuple[Count, ...] = ()
    summary: Summary | None = None

    @property
    def no_data(self) -> bool:
        """Nothing to report from any source."""
        return not self.rows


@dataclass(frozen=True)
class ReviewPack:
    """The inputs of the next management review, and the outputs to fill in."""

    as_of: dt.date
    since: dt.date
    last_review: Review | None
    parts: tuple[Part, ...]
    outputs: tuple[Input, ...]

    @property
    def no_data(self) -> tuple[Part, ...]:
        """The inputs with nothing to report."""
        return tuple(p for p in self.parts if p.no_data)


def last_review(workbook: Workbook, as_of: dt.date) -> Review | None:
    """The latest review held on or before ``as_of``."""
    held = [r for r in workbook.reviews if r.date <= as_of]
    return max(held, key=lambda r: r.date) if held else None


def _covers(refs: Iterable[str], prefixes: tuple[str, ...]) -> bool:
    return any(r == p or r.startswith(p + ".") for r in refs for p in prefixes)


class _Context:
    """What every part reads: the workbook, the dates, the analyses computed once."""

    def __init__(self, workbook: Workbook, as_of: dt.date, since: dt.date) -> None:
        self.wb, self.as_of, self.since = workbook, as_of, since
        self.country = workbook.office.country

    def recent(self, day: dt.date | None) -> bool:
        return day is not None and self.since < day <= self.as_of

    def entries(self, role: str) -> list[Entry]:
        return [e for r in self.wb.registers if r.role == role for e in r.entries]

    def evidence(self, *prefixes: str) -> list[Evidence]:
        return [e for e in self.wb.evidence if self.recent(e.dated) and _covers(e.refs, prefixes)]


Built = tuple[dict[str, list[Row]], list[tuple[str, int]], Summary | None]
"""A part's rows by source, its counts by key, and its summary."""
Build = Callable[[_Context], Built]


def _a(c: _Context) -> Built:
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


def _b(c: _Context) -> Built:
    risks = [e for e in c.entries("risks") if c.recent(e.date)]
    departments = [d for d in c.wb.departments if d.changes.strip()]
    counts = [("risks_changed", len(risks)), ("departments_changed", len(departments))]
    return {"risks": [*risks], "departments": [*departments]}, counts, None


def _c1(c: _Context) -> Built:
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


def _c2(c: _Context) -> Built:
    summary = summarise(c.wb.objectives, c.wb.objective_results, c.as_of)
    counts = [("met", summary.met), ("objectives", summary.total)]
    rows: dict[str, list[Row]] = {
        "objectives": [*c.wb.objectives],
        "objective_results": [*c.wb.objective_results],
    }
    return rows, counts, summary


def _c3(c: _Context) -> Built:
    evidence = c.evidence("8.5", "8.6", "8.7", "9.1.1")
    findings = [
        f for f in c.wb.findings if f.unresolved and _covers((f.ref,), ("8.5", "8.6", "8.7"))
    ]
    counts = [("records", len(evidence)), ("open", len(findings))]
    return {"evidence": [*evidence], "findings": [*findings]}, counts, None


def _c4(c: _Context) -> Built:
    ncs = [f for f in c.wb.findings if f.nonconformity]
    open_ = [f for f in ncs if f.unresolved]
    closed = [f for f in ncs if not f.unresolved and c.recent(f.closed_on)]
    counts = [("nonconformities_open", len(open_)), ("nonconformities_closed", len(closed))]
    return {"findings": [*open_, *closed]}, counts, None


def _c5(c: _Context) -> Built:
    evidence = c.evidence("9.1.1", "9.1.3")
    results = [
        r for r in c.wb.objective_results if r.measured_on is None or c.recent(r.measured_on)
    ]
    counts = [("records", len(evidence))]
    return {"evidence": [*evidence], "objective_results": [*results]}, counts, None


def _c6(c: _Context) -> Built:
    audits = [a for a in c.wb.audits if a.status == "held" and c.recent(a.date)]
    findings = [f for f in c.wb.findings if f.source in AUDIT_SOURCES and f.is_open]
    counts = [
        ("internal", sum(1 for a in audits if a.kind == "internal")),
        ("external", sum(1 for a in audits if a.kind in EXTERNAL_AUDITS)),
        ("audit_findings_open", len(findings)),
    ]
    return {"audits": [*audits], "findings": [*findings]}, counts, None


def _c7(c: _Context) -> Built:
    suppliers = evaluate(c.wb.suppliers, c.as_of)
    counts = [
        ("reevaluations_overdue", suppliers.overdue),
        ("not_approved_in_use", suppliers.still_supplying),
    ]
    return {"suppliers": [*c.wb.suppliers]}, counts, suppliers


def _d(c: _Context) -> Built:
    training = [e for e in c.entries("training") if c.recent(e.date)]
    evidence = c.evidence("7.1", "7.2")
    counts = [("trained", len(training)), ("auditors", len(c.wb.auditors))]
    rows: dict[str, list[Row]] = {
        "training": [*training],
        "auditors": [*c.wb.auditors],
        "evidence": [*evidence],
    }
    return rows, counts, None


def _e(c: _Context) -> Built:
    risks = c.entries("risks")
    findings = [f for f in c.wb.findings if _covers((f.ref,), ("6.1",))]
    counts = [("risk_actions_open", sum(1 for f in findings if f.is_open))]
    return (
        {"risks": [*risks], "findings": [*findings], "evidence": [*c.evidence("6.1")]},
        counts,
        None,
    )


def _f(c: _Context) -> Built:
    ofi = [f for f in c.wb.findings if f.grade == "ofi"]
    counts = [("ofi_open", sum(1 for f in ofi if f.is_open)), ("ofi", len(ofi))]
    return {"findings": [*ofi]}, counts, None


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


def _part(spec: Input, context: _Context) -> Part:
    rows, counts, summary = BUILDERS[spec.key](context)
    if set(rows) != set(spec.draws_on):
        raise ValueError(f"review.toml: {spec.key} draws on {spec.draws_on}, built {sorted(rows)}")
    used: list[Row] = []
    seen: set[int] = set()
    for key in spec.draws_on:
        for row in rows[key]:
            if id(row) not in seen:
                seen.add(id(row))
                used.append(row)
    return Part(
        input=spec,
        sources=tuple(Drawn(k, SOURCES[k], len(rows[k])) for k in spec.draws_on),
        rows=tuple(used),
        counts=tuple(Count(k, COUNTS[k], v) for k, v in counts),
        summary=summary,
    )


def assemble(workbook: Workbook, as_of: dt.date, since: dt.date | None = None) -> ReviewPack:
    """The review pack: every 9.3.2 input assembled from ``workbook`` at ``as_of``.

    Parameters
    ----------
    workbook
        The office's workbook with its registers attached.
    as_of
        The report date.
    since
        The date the pack looks back to; by default the last review held on or before
        ``as_of``, else 12 months before ``as_of``.

    Returns
    -------
    ReviewPack
        One part per input in ``data/review.toml``'s order, and the 9.3.3 outputs to fill in.
    """
    last = last_review(workbook, as_of)
    if since is None:
        since = last.date if last is not None else add_months(as_of, -12)
    if since > as_of:
        raise ValueError(f"since {since.isoformat()} is after the report date {as_of.isoformat()}")
    inputs, outputs = load_inputs()
    context = _Context(workbook, as_of, since)
    return ReviewPack(
        as_of=as_of,
        since=since,
        last_review=last,
        parts=tuple(_part(spec, context) for spec in inputs),
        outputs=outputs,
    )

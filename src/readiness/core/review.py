"""The management review pack (9.3): each 9.3.2 input assembled from the workbook, as data.

:func:`assemble` takes a :class:`~readiness.core.model.Workbook`, the report date and the
date the pack looks back to (``since``: the last management review held on or before the
report date, else 12 months before it) and gives one :class:`Part` per input listed in
``data/review.toml``: the sources it draws on with their row counts, the rows themselves,
counts worth stating, and the analysis that sums it up (objectives, satisfaction,
suppliers). A part with no row is "no data", so the gap shows before the auditor sees it
(except 9.3.2 b) where 4.1's decision on climate change is recorded: that is data).
What each input draws is built in :mod:`readiness.core.inputs`, one builder per input.

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
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from readiness.core.climate import Climate
from readiness.core.inputs import BUILDERS, Context, Row, Summary, totals
from readiness.core.messages import N_
from readiness.core.model import Review, Workbook
from readiness.core.registers import add_months

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
    "open": N_("decisions open"),  # the decisions' own words, not a finding's "open"
    "in_progress": N_("decisions in progress"),
    "done": N_("decisions carried out"),
    "overdue": N_("past their date and not done"),
    "risks_changed": N_("risks reviewed or changed since the last review"),
    "departments_changed": N_("departments recording changes"),
    "answers": N_("survey answers in the last 12 months"),
    "complaints": N_("complaints and requests received"),
    "late": N_("answered after the statutory deadline"),
    "unanswered": N_("unanswered past the statutory deadline"),
    "met": N_("objectives met"),
    "objectives": N_("objectives set"),
    "service_findings_open": N_("findings on the services open (8.5 to 8.7)"),
    "nonconformities_open": N_("nonconformities open"),
    "nonconformities_closed": N_("nonconformities closed since the last review"),
    "internal": N_("internal audits held"),
    "external": N_("certification body audits held"),
    "audit_findings_open": N_("audit findings open"),
    "reevaluations_overdue": N_("re-evaluations overdue"),
    "not_approved_in_use": N_("providers not approved still kept"),  # a later row or a next date
    "trained": N_("training records since the last review"),
    "auditors": N_("internal auditors"),
    "risk_findings_open": N_("findings on risks and opportunities (6.1) open"),
    "ofi_open": N_("opportunities for improvement open"),
    "ofi_closed": N_("opportunities for improvement closed since the last review"),
    "records": N_("records dated since the last review"),
}


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
    """A source a part draws on: the rows it used, of the rows the source holds in all.

    ``total`` 0 means the sheet is empty or the register is not there: the gap to show.
    """

    key: str
    label: str  # a message id
    rows: int
    total: int


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
        """Nothing to report from any source.

        9.3.2 b) with 4.1's decision on climate change recorded (relevant or not) has
        something to report even without a change row: that decision and where it stands.
        """
        if isinstance(self.summary, Climate) and self.summary.decided:
            return False
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


def _part(spec: Input, context: Context, total: dict[str, int]) -> Part:
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
        sources=tuple(Drawn(k, SOURCES[k], len(rows[k]), total[k]) for k in spec.draws_on),
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
    context = Context(workbook, as_of, since)
    total = totals(workbook)
    return ReviewPack(
        as_of=as_of,
        since=since,
        last_review=last,
        parts=tuple(_part(spec, context, total) for spec in inputs),
        outputs=outputs,
    )

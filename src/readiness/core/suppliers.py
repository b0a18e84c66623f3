"""External providers (8.4.1) from a supplier-evaluation register, at the report date.

Pure functions over :class:`~readiness.core.model.SupplierEvaluation` records. The rules:

- **A provider** is a name (compared without case and surrounding spaces); its rows are in
  time order by evaluation date, rows without a date first, then by their row in the file.
- **Its latest evaluation** is its latest dated row with a result (else its latest dated
  row); a provider whose rows carry no date was **never evaluated**.
- **Re-evaluation overdue**: the latest evaluation's next date is before the report date;
  or, when it gives no next date, the evaluation is older than ``reevaluate_months``
  (``data/suppliers.toml``, 12 by default).
- **Not approved but still supplying**: the latest evaluation's result is ``not_approved``
  and the register still shows the provider in use: a later row of the same provider with
  no result (dated after the evaluation, or undated and below it in the file: a delivery,
  an order, a contract noted), or a next evaluation planned on
  the not-approved row itself (nobody plans to re-evaluate a provider they no longer use).
- The summary for the management review (9.3.2 c) 7)) counts providers, those evaluated,
  approved, conditional, not approved, overdue and still supplying while not approved, and
  the mean of the latest scores.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from readiness.core.messages import N_
from readiness.core.model import SupplierEvaluation
from readiness.core.registers import add_months

RESULTS = ("approved", "conditional", "not_approved")

#: how each result reads (message ids)
RESULT_LABELS = {
    "approved": N_("approved"),
    "conditional": N_("approved with conditions"),
    "not_approved": N_("not approved"),
}

#: why a provider needs attention (message ids)
REASONS = {
    "next_passed": N_("The next evaluation was due on {date}."),
    "too_old": N_("Evaluated on {date}, more than {months} months ago, with no next date set."),
    "never": N_("No evaluation is recorded."),
    "later_row": N_("Not approved, yet a later row of the register still shows the provider."),
    "planned": N_("Not approved, yet a next evaluation is planned, so the provider is kept."),
}


@dataclass(frozen=True)
class Period:
    """How long an evaluation holds without a next date, and the rule's source."""

    months: int
    source: str
    checked: bool


@cache
def reevaluation_period() -> Period:
    """The period from ``data/suppliers.toml``."""
    text = (resources.files("readiness") / "data" / "suppliers.toml").read_text("utf-8")
    rule = tomllib.loads(text)["rule"]
    months = int(rule["reevaluate_months"])
    if months < 1:
        raise ValueError(f"suppliers.toml: reevaluate_months {months} is not positive")
    return Period(months, str(rule["source"]), bool(rule["checked"]))


@dataclass(frozen=True)
class Provider:
    """One external provider at the report date.

    Attributes
    ----------
    name
        The provider as first written in the register.
    rows
        Its rows in time order.
    latest
        Its latest dated evaluation, or None when never evaluated.
    due
        When it should next be evaluated (the next date, else the latest evaluation plus
        the period), or None.
    overdue
        Whether ``due`` is before the report date (or it was never evaluated).
    still_supplying
        Not approved at the latest evaluation, yet still shown in use.
    reasons
        Message ids (with ``{date}`` and ``{months}``) saying why it needs attention.
    """

    name: str
    rows: tuple[SupplierEvaluation, ...]
    latest: SupplierEvaluation | None
    due: dt.date | None
    overdue: bool
    still_supplying: bool
    reasons: tuple[str, ...]

    @property
    def result(self) -> str:
        """The latest evaluation's result (``approved``, ``conditional``, ``not_approved``)."""
        return self.latest.result if self.latest is not None else ""

    @property
    def supplies(self) -> str:
        """What it supplies, from its latest row that says."""
        return next((r.supplies for r in reversed(self.rows) if r.supplies), "")


@dataclass(frozen=True)
class Suppliers:
    """The register judged at the report date: every provider, and the review's counts."""

    providers: tuple[Provider, ...]
    evaluated: int
    approved: int
    conditional: int
    not_approved: int
    overdue: int
    never_evaluated: int
    still_supplying: int
    mean_score: float | None
    period: Period

    @property
    def total(self) -> int:
        """Providers named in the register."""
        return len(self.providers)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _row(e: SupplierEvaluation) -> int:
    return e.origin.row if e.origin is not None else 0


def _in_order(rows: list[SupplierEvaluation]) -> tuple[SupplierEvaluation, ...]:
    return tuple(sorted(rows, key=lambda e: (e.evaluated_on or dt.date.min, _row(e))))


def _later(row: SupplierEvaluation, latest: SupplierEvaluation) -> bool:
    """A row after the evaluation: dated after it, or undated and below it in the file."""
    if row.evaluated_on is not None and latest.evaluated_on is not None:
        return row.evaluated_on > latest.evaluated_on
    return _row(row) > _row(latest)


def provider(
    rows: tuple[SupplierEvaluation, ...], as_of: dt.date, period: Period | None = None
) -> Provider:
    """One provider's rows judged at ``as_of`` (the module's rules).

    Parameters
    ----------
    rows
        The provider's rows (at least one), in any order.
    as_of
        The report date.
    period
        The re-evaluation period; the shipped one by default.

    Returns
    -------
    Provider
        Its latest evaluation, when it is due, and whether it is overdue or still supplying.
    """
    period = period or reevaluation_period()
    ordered = _in_order(list(rows))
    dated = [r for r in ordered if r.evaluated_on is not None]
    judged = [r for r in dated if r.result] or dated
    latest = judged[-1] if judged else None
    reasons: list[str] = []
    due: dt.date | None = None
    if latest is None:
        reasons.append(REASONS["never"])
    elif latest.next_evaluation is not None:
        due = latest.next_evaluation
        if due < as_of:
            reasons.append(REASONS["next_passed"])
    else:
        assert latest.evaluated_on is not None
        due = add_months(latest.evaluated_on, period.months)
        if due < as_of:
            reasons.append(REASONS["too_old"])
    overdue = bool(reasons)
    still = False
    if latest is not None and latest.result == "not_approved":
        if any(_later(r, latest) for r in ordered if r is not latest and not r.result):
            still = True
            reasons.append(REASONS["later_row"])
        elif latest.next_evaluation is not None:
            still = True
            reasons.append(REASONS["planned"])
    return Provider(
        name=ordered[0].provider.strip(),
        rows=ordered,
        latest=latest,
        due=due,
        overdue=overdue,
        still_supplying=still,
        reasons=tuple(reasons),
    )


def evaluate(
    rows: tuple[SupplierEvaluation, ...], as_of: dt.date, period: Period | None = None
) -> Suppliers:
    """Every provider in the register judged at ``as_of``, with the counts for the review.

    Parameters
    ----------
    rows
        The register's rows (any number of providers; blank names are left out).
    as_of
        The report date.
    period
        The re-evaluation period; the shipped one by default.

    Returns
    -------
    Suppliers
        Providers in the order they first appear, and the counts.
    """
    period = period or reevaluation_period()
    groups: dict[str, list[SupplierEvaluation]] = {}
    for row in rows:
        if row.provider.strip():
            groups.setdefault(_key(row.provider), []).append(row)
    providers = tuple(provider(tuple(g), as_of, period) for g in groups.values())
    scores = [p.latest.score for p in providers if p.latest and p.latest.score is not None]
    return Suppliers(
        providers=providers,
        evaluated=sum(1 for p in providers if p.latest is not None),
        approved=sum(1 for p in providers if p.result == "approved"),
        conditional=sum(1 for p in providers if p.result == "conditional"),
        not_approved=sum(1 for p in providers if p.result == "not_approved"),
        overdue=sum(1 for p in providers if p.overdue),
        never_evaluated=sum(1 for p in providers if p.latest is None),
        still_supplying=sum(1 for p in providers if p.still_supplying),
        mean_score=math.fsum(scores) / len(scores) if scores else None,
        period=period,
    )

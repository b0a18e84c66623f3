"""The dashboard's content: one row per office from its results, and who needs attention.

Each office's ``results.json`` is read once, with :func:`readiness.io.results.load_results`,
into a typed record; a row takes its fields from that record, never from the JSON. The
change in readiness is since the latest earlier portfolio run (its ``portfolio.json``).
Rendering the rows (HTML, PDF, xlsx) is :mod:`readiness.render.dashboard`'s.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readiness.core.messages import translator
from readiness.io.portfolio import PORTFOLIO_DIR, Outcome
from readiness.io.records import RecordCache
from readiness.io.results import Results, load_results

CHAPTERS = ("4", "5", "6", "7", "8", "9", "10")
ATTENTION_DAYS = 90  # an audit or a certificate expiry this close needs attention


@dataclass
class Row:
    """One office on the dashboard."""

    identity: str
    name: str
    kind: str
    country: str
    stage: str
    ready: bool
    blockers: int
    verdict: str
    readiness: float
    change: float | None
    gaps: int
    documents_missing: int
    majors: int
    overdue: int
    next_audit: dt.date | None
    days_left: int | None
    expires: dt.date | None
    expired: bool
    chapters: dict[str, float | None]
    link: str
    file: str
    lang: str
    programme: float | None = None  # internal audits held and planned: share of requirements
    last_review: dt.date | None = None  # the last management review held (9.3)
    objectives_met: int | None = None  # quality objectives met (None: results before v4)
    objectives_total: int = 0
    satisfaction: float | None = None  # share satisfied in the last 12 months (9.1.2)
    reevaluations_overdue: int | None = None  # external providers' re-evaluations (8.4.1)


@dataclass
class Failure:
    """A workbook that could not be reported on."""

    file: str
    code: str
    message: str


@dataclass
class Portfolio:
    """Everything the dashboard shows."""

    as_of: dt.date
    lang: str
    rows: list[Row] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def office_row(
    results: Results,
    identity: str,
    link: str,
    file: str,
    day: dt.date,
    previous: dict[str, float],
) -> Row:
    """A dashboard row from an office's results (``load_results``)."""
    office, verdict, cycle = results.office, results.verdict, results.cycle
    year = results.year
    readiness = results.overall
    next_audit = verdict.audit_planned or office.stage1_date
    expires = (cycle.expires if cycle else None) or office.certificate_expires
    chapters: dict[str, float | None] = {c: results.chapters.get(c) for c in CHAPTERS}
    before = previous.get(identity)
    return Row(
        identity=identity,
        name=office.name,
        kind=office.kind,
        country=office.country,
        stage=results.stage,
        ready=verdict.ready,
        blockers=verdict.blockers,
        verdict=verdict.headline,
        readiness=readiness,
        change=None if before is None else readiness - before,
        gaps=results.gaps,
        documents_missing=results.documents_missing,
        majors=results.majors,
        overdue=results.overdue,
        next_audit=next_audit,
        days_left=(next_audit - day).days if next_audit else None,
        expires=expires,
        expired=(cycle is not None and cycle.expired) or (expires is not None and expires < day),
        chapters=chapters,
        link=link,
        file=file,
        lang=results.lang or "",
        programme=results.coverage,
        last_review=year.last_review if year else None,
        objectives_met=year.objectives_met if year else None,
        objectives_total=year.objectives_total if year else 0,
        satisfaction=year.satisfaction_share if year else None,
        reevaluations_overdue=year.reevaluations_overdue if year else None,
    )


def previous_readiness(portfolio_root: Path, day: dt.date) -> dict[str, float]:
    """Each office's readiness in the latest portfolio run dated before ``day``."""
    earlier = sorted(
        p
        for p in portfolio_root.glob("*/portfolio.json")
        if (d := _date(p.parent.name)) is not None and d < day
    )
    if not earlier:
        return {}
    try:
        doc = json.loads(earlier[-1].read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in doc.get("readiness", {}).items()}
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        return {}


def collect(
    root: Path,
    day: dt.date,
    outcomes: Sequence[Outcome],
    lang: str | None,
    records: RecordCache | None = None,
) -> Portfolio:
    """The dashboard's content from a run's outcomes and the offices' results.

    ``records``: the records' cache (``io.records``), so that results unchanged since the
    last dashboard are not parsed again; without it every results file is read.
    """
    previous = previous_readiness(root / PORTFOLIO_DIR, day)
    rows: list[Row] = []
    failures: list[Failure] = []
    for outcome in sorted(outcomes, key=lambda o: str(o.source.path)):
        file = str(outcome.source.path)
        if outcome.status == "failed":
            failures.append(Failure(file, outcome.code, outcome.message))
            continue
        folder = root / outcome.folder
        loaded = records.results(folder) if records else load_results(folder)
        if loaded is None:
            failures.append(Failure(file, "results-unreadable", str(folder / "results.json")))
            continue
        page = next(
            (
                n
                for n in ("gap-report.html", "gap-report.pdf", "results.json")
                if (folder / n).is_file()
            ),
            "results.json",
        )
        link = Path("..", "..", outcome.folder, page).as_posix()
        rows.append(office_row(loaded, outcome.identity, link, file, day, previous))
    if lang is None:
        langs = Counter(r.lang for r in rows if r.lang)
        lang = max(sorted(langs), key=lambda k: langs[k]) if langs else "en"
    rows.sort(key=lambda r: (r.name.casefold(), r.identity))
    skipped = sum(1 for o in outcomes if o.status == "skipped")
    return Portfolio(day, lang, rows, failures, skipped)


def attention(portfolio: Portfolio) -> list[tuple[Row, str]]:
    """Who needs attention this month, each office with why, most urgent first."""
    _ = translator(portfolio.lang)
    found: list[tuple[int, Row, str]] = []
    for row in portfolio.rows:
        why = []
        if row.days_left is not None and 0 <= row.days_left <= ATTENTION_DAYS and row.blockers:
            why.append(
                _("audit in {days} days with {n} blockers").format(
                    days=row.days_left, n=row.blockers
                )
            )
        if row.expired:
            why.append(_("certificate expired"))
        elif row.expires is not None and (row.expires - portfolio.as_of).days <= ATTENTION_DAYS:
            why.append(
                _("certificate expires in {days} days").format(
                    days=(row.expires - portfolio.as_of).days
                )
            )
        if row.change is not None and row.change < -0.0005:
            why.append(_("readiness fell by {points} points").format(points=_points(-row.change)))
        if why:
            urgency = min(
                d
                for d in (
                    row.days_left,
                    (row.expires - portfolio.as_of).days if row.expires else None,
                    10_000,
                )
                if d is not None
            )
            found.append((urgency, row, "; ".join(why)))
    found.sort(key=lambda f: (f[0], f[1].name.casefold()))
    return [(row, why) for _u, row, why in found]


def _points(value: float) -> str:
    return f"{value * 100:.1f}".rstrip("0").rstrip(".")

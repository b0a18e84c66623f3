"""The portfolio dashboard: one row per office, a heat map, distributions, who needs attention.

Rendered from each office's ``results.json`` (read with :func:`readiness.io.results.load_results`)
into ``<out>/_portfolio/<date>/``: ``dashboard.html`` (one file, works offline, loads
nothing; its table sorts and filters with our one script, allowed by hash in the page's
Content-Security-Policy), ``dashboard.pdf`` (Typst, A4 landscape), ``portfolio.xlsx`` (the
same table) and ``portfolio.json`` (each office's readiness, for the next run's change).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.core.catalogue import load_catalogue
from readiness.core.messages import N_, plural, translator
from readiness.core.schema import CHOICES
from readiness.io.neutral import write_only_row
from readiness.io.output import write_bytes, write_text
from readiness.io.portfolio import PORTFOLIO_DIR, Outcome
from readiness.io.results import load_results
from readiness.render.i18n import format_date, single_stop
from readiness.render.page import script as page_script
from readiness.render.page import static
from readiness.render.typeset import typeset

CHAPTERS = ("4", "5", "6", "7", "8", "9", "10")
ATTENTION_DAYS = 90  # an audit or a certificate expiry this close needs attention
TEMPLATE = "portfolio"


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


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def office_row(
    results: dict[str, Any],
    identity: str,
    link: str,
    file: str,
    day: dt.date,
    previous: dict[str, float],
) -> Row:
    """A dashboard row from an office's results.json content."""
    office = results.get("office", {})
    verdict = results.get("verdict", {})
    cycle = results.get("cycle") or {}
    readiness = float(results.get("overall_readiness", 0.0))
    next_audit = _date(verdict.get("audit_planned")) or _date(office.get("stage1_date"))
    expires = _date(cycle.get("expires")) or _date(office.get("certificate_expires"))
    chapters: dict[str, float | None] = dict.fromkeys(CHAPTERS)
    for chapter in results.get("chapters", []):
        if chapter.get("ref") in chapters and chapter.get("applicable"):
            chapters[chapter["ref"]] = float(chapter.get("readiness", 0.0))
    before = previous.get(identity)
    return Row(
        identity=identity,
        name=str(office.get("name", "")),
        kind=str(office.get("kind", "")),
        country=str(office.get("country", "")),
        stage=str(results.get("stage", "")),
        ready=bool(verdict.get("ready")),
        blockers=int(verdict.get("blockers", 0)),
        verdict=str(verdict.get("headline", "")),
        readiness=readiness,
        change=None if before is None else readiness - before,
        gaps=len(results.get("gaps", [])),
        documents_missing=len(results.get("missing_documents", [])),
        majors=len(results.get("open_findings", {}).get("major", [])),
        overdue=len(results.get("overdue_findings", [])),
        next_audit=next_audit,
        days_left=(next_audit - day).days if next_audit else None,
        expires=expires,
        expired=bool(cycle.get("expired")) or (expires is not None and expires < day),
        chapters=chapters,
        link=link,
        file=file,
        lang=str(results.get("lang", "")),
        programme=_coverage(results),
    )


def _coverage(results: dict[str, Any]) -> float | None:
    """The share of requirements internal audits held and planned cover (audit-plan)."""
    value = (results.get("audit_programme") or {}).get("coverage")
    return float(value) if isinstance(value, int | float) else None


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


def collect(root: Path, day: dt.date, outcomes: Sequence[Outcome], lang: str | None) -> Portfolio:
    """The dashboard's content from a run's outcomes and the offices' results."""
    previous = previous_readiness(root / PORTFOLIO_DIR, day)
    rows: list[Row] = []
    failures: list[Failure] = []
    for outcome in sorted(outcomes, key=lambda o: str(o.source.path)):
        file = str(outcome.source.path)
        if outcome.status == "failed":
            failures.append(Failure(file, outcome.code, outcome.message))
            continue
        folder = root / outcome.folder
        loaded = load_results(folder)
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
        rows.append(office_row(loaded.results, outcome.identity, link, file, day, previous))
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


def _pct(value: float | None) -> str:
    """A whole percentage; short of 1.0 never reads 100% (an open nonconformity, a gap)."""
    if value is None:
        return ""
    return f"{min(value * 100, 99) if value < 1 else 100:.0f}%"


def _label(choice_set: str, key: str, lang: str) -> str:
    _ = translator(lang)
    for choice in CHOICES[choice_set]:
        if choice.key == key:
            return _(choice.label)
    return key


def _stage_name(stage_id: str, lang: str) -> str:
    try:
        names = load_catalogue().stage(stage_id).name
    except KeyError:
        return stage_id
    return names.get(lang) or names.get("en") or stage_id


def labels(lang: str) -> dict[str, str]:
    """The dashboard's words in ``lang``."""
    _ = translator(lang)
    return {
        "title": _("Portfolio of offices"),
        "office": _("Office"),
        "kind": _("Kind"),
        "country": _("Country"),
        "stage": _("Stage"),
        "verdict": _("Verdict"),
        "readiness": _("Readiness"),
        "change": _("Change"),
        "gaps": _("Gaps at this stage"),
        "documents": _("Mandatory documents missing"),
        "majors": _("Open major nonconformities"),
        "overdue": _("Overdue actions"),
        "next_audit": _("Next certification-body audit"),
        "days_left": _("Days left"),
        "expires": _("Certificate expires"),
        "chapter": _("Chapter"),
        "ready": _("ready"),
        "blockers": _("blockers"),
        "filter": _("Filter"),
        "attention": _("Who needs attention this month"),
        "nobody": _("No office needs attention this month."),
        "failed": _("Workbooks that could not be reported on"),
        "code": _("Error"),
        "message": _("Message"),
        "file": _("File"),
        "distributions": _("Distributions"),
        "heat": _("Readiness by chapter (heat map columns 4-10 in the table)"),
        "offices": _("Offices"),
        "summary": _(
            "{offices} offices, {ready} ready for their next audit, {failed} failed, "
            "{skipped} unchanged since their last report"
        ),
        "no_change": _("no earlier portfolio run"),
        "expired": _("expired"),
        "generated": single_stop(
            _("Generated by readiness {version} on {date}.").format(
                version=__version__, date=format_date(dt.date.today(), lang, "long")
            )
        ),
        "not_ready": _("not ready"),
        "failed_short": _("failed"),
        "programme": _("Internal audits held and planned"),
    }


TRANSLATED = (N_("Portfolio of offices"),)


def _bucket(value: float | None) -> int:
    if value is None:
        return -1
    return min(4, int(value * 5))


def distributions(portfolio: Portfolio) -> dict[str, list[tuple[str, int]]]:
    """Counts of offices by readiness band, stage and verdict."""
    lang = portfolio.lang
    words = labels(lang)
    bands = Counter(min(9, int(r.readiness * 10)) for r in portfolio.rows)
    stages = Counter(r.stage for r in portfolio.rows)
    order = [s.id for s in load_catalogue().stages]
    return {
        words["readiness"]: [(f"{b * 10}-{b * 10 + 10}%", bands.get(b, 0)) for b in range(10)],
        words["stage"]: [(_stage_name(s, lang), stages[s]) for s in order if stages.get(s)],
        words["verdict"]: [
            (words["ready"], sum(r.ready for r in portfolio.rows)),
            (words["not_ready"], sum(not r.ready for r in portfolio.rows)),
            (words["failed_short"], len(portfolio.failures)),
        ],
    }


def _view_row(row: Row, lang: str) -> dict[str, Any]:
    ngettext = plural(lang)
    return {
        "row": row,
        "kind": _label("office_kind", row.kind, lang),
        "country": _label("country", row.country, lang),
        "stage": _stage_name(row.stage, lang),
        "readiness": _pct(row.readiness),
        "blockers": ngettext("{n} blocker", "{n} blockers", row.blockers).format(n=row.blockers),
        "verdict": single_stop(row.verdict),
        "change": "" if row.change is None else f"{row.change * 100:+.1f}",
        "next_audit": row.next_audit.isoformat() if row.next_audit else "",
        "expires": row.expires.isoformat() if row.expires else "",
        "chapters": [
            (row.chapters[c], _pct(row.chapters[c]), _bucket(row.chapters[c])) for c in CHAPTERS
        ],
        "programme": _pct(row.programme),
    }


def _static(name: str) -> str:
    return static(TEMPLATE, name)


def script() -> tuple[str, str]:
    """The dashboard's own script and its CSP hash."""
    return page_script(TEMPLATE, "dashboard.js")


def to_html(portfolio: Portfolio) -> str:
    """The dashboard page: one file, nothing loaded from anywhere."""
    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(_static("dashboard.html.j2"))
    source, digest = script()
    lang = portfolio.lang
    words = labels(lang)
    return template.render(
        lang=lang,
        w=words,
        as_of=format_date(portfolio.as_of, lang, "long"),
        summary=words["summary"].format(
            offices=len(portfolio.rows) + len(portfolio.failures),
            ready=sum(r.ready for r in portfolio.rows),
            failed=len(portfolio.failures),
            skipped=portfolio.skipped,
        ),
        rows=[_view_row(r, lang) for r in portfolio.rows],
        failures=portfolio.failures,
        attention=attention(portfolio),
        distributions=distributions(portfolio),
        chapters=CHAPTERS,
        css=_static("dashboard.css"),
        script=source,
        script_hash=digest,
        version=__version__,
    )


def table(portfolio: Portfolio) -> tuple[list[str], list[list[Any]]]:
    """The office table as header and rows of plain values (the xlsx and the PDF)."""
    w, lang = labels(portfolio.lang), portfolio.lang
    header = [
        w["office"], w["kind"], w["country"], w["stage"], w["verdict"], w["readiness"],
        w["change"], w["gaps"], w["documents"], w["majors"], w["overdue"], w["next_audit"],
        w["days_left"], w["expires"], *(f"{w['chapter']} {c}" for c in CHAPTERS), w["file"],
        w["programme"],
    ]  # fmt: skip
    rows = []
    for r in portfolio.rows:
        rows.append(
            [
                r.name, _label("office_kind", r.kind, lang), _label("country", r.country, lang),
                _stage_name(r.stage, lang), r.verdict, round(r.readiness, 4),
                None if r.change is None else round(r.change, 4), r.gaps, r.documents_missing,
                r.majors, r.overdue, r.next_audit, r.days_left, r.expires,
                *(_round(r.chapters[c]) for c in CHAPTERS),
                r.file,
                _round(r.programme),
            ]
        )  # fmt: skip
    return header, rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def to_xlsx(portfolio: Portfolio, target: Path) -> Path:
    """The office table (and the failures) as a workbook for the consultant's own analysis."""
    from openpyxl import Workbook

    header, rows = table(portfolio)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(labels(portfolio.lang)["offices"][:31])
    sheet.freeze_panes = "B2"
    sheet.append(header)
    for values in rows:
        sheet.append(write_only_row(sheet, list(values)))
    sheet.auto_filter.ref = f"A1:{_column(len(header))}{len(rows) + 1}"
    w = labels(portfolio.lang)
    failed = book.create_sheet(w["failed_short"][:31])
    failed.append([w["file"], w["code"], w["message"]])
    for f in portfolio.failures:
        failed.append(write_only_row(failed, [f.file, f.code, f.message]))
    tmp = target.with_name(f".{target.name}.tmp")
    book.save(tmp)
    tmp.replace(target)
    return target


def _column(n: int) -> str:
    name = ""
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def to_pdf(portfolio: Portfolio, target: Path) -> Path:
    """The dashboard as an A4 landscape PDF typeset by Typst from the same content."""
    w = labels(portfolio.lang)
    header, rows = table(portfolio)
    keep = [0, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13]  # the columns that fit a landscape page
    data = {
        "lang": portfolio.lang,
        "title": w["title"],
        "as_of": format_date(portfolio.as_of, portfolio.lang, "long"),
        "summary": to_summary(portfolio),
        "attention_title": w["attention"],
        "attention": [f"{r.name}: {why}" for r, why in attention(portfolio)] or [w["nobody"]],
        "failed_title": w["failed"],
        "failures": [[f.file, f.code, f.message] for f in portfolio.failures],
        "failure_header": [w["file"], w["code"], w["message"]],
        "distributions_title": w["distributions"],
        "distributions": [
            [title, [[label, count] for label, count in counts]]
            for title, counts in distributions(portfolio).items()
        ],
        "header": [header[i] for i in keep],
        "rows": [[_pdf_cell(values[i], i) for i in keep] for values in rows],
        "footer": w["generated"],
    }
    return write_bytes(target, typeset(_static("dashboard.typ"), data))


def _pdf_cell(value: Any, index: int) -> str:
    if value is None:
        return ""
    if index in (5,):
        return _pct(value)
    if index == 6:
        return f"{value * 100:+.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_summary(portfolio: Portfolio) -> str:
    """The one-line summary under the title."""
    return labels(portfolio.lang)["summary"].format(
        offices=len(portfolio.rows) + len(portfolio.failures),
        ready=sum(r.ready for r in portfolio.rows),
        failed=len(portfolio.failures),
        skipped=portfolio.skipped,
    )


def write_dashboard(
    root: Path,
    day: dt.date,
    outcomes: Sequence[Outcome],
    lang: str | None = None,
    formats: Sequence[str] = ("html", "pdf"),
) -> dict[str, Path]:
    """Write the dashboard of a run into ``<root>/_portfolio/<day>/``; the paths by kind.

    Parameters
    ----------
    root
        The reports root.
    day
        The run's as-of date.
    outcomes
        Every workbook's outcome (ok, skipped or failed).
    lang
        The dashboard's language; the one most offices' reports use by default.
    formats
        ``html`` and/or ``pdf``; the xlsx and portfolio.json are always written.
    """
    portfolio = collect(root, day, outcomes, lang)
    folder = root / PORTFOLIO_DIR / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if "html" in formats:
        written["html"] = write_text(folder / "dashboard.html", to_html(portfolio))
    if "pdf" in formats:
        written["pdf"] = to_pdf(portfolio, folder / "dashboard.pdf")
    written["xlsx"] = to_xlsx(portfolio, folder / "portfolio.xlsx")
    state = {
        "as_of": day.isoformat(),
        "tool_version": __version__,
        "readiness": {r.identity: r.readiness for r in portfolio.rows},
        "failed": [f.file for f in portfolio.failures],
    }
    written["json"] = write_text(folder / "portfolio.json", json.dumps(state, indent=1))
    return written

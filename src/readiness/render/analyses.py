"""The year's analyses as readers see them: one function per analysis, text ready to lay out.

The gap report's year sections (``render.view``, ``templates/fragments/{objectives,
satisfaction,suppliers}.html.j2``) and the management review pack's parts 9.3.2 c) 1), 2)
and 7) (``render.review``: HTML, Typst PDF and .docx) show the same analyses. Each is
prepared here once, in the reader's language, from what ``core.objectives``,
``core.satisfaction`` and ``core.suppliers`` computed: :func:`objectives_shown`,
:func:`satisfaction_shown`, :func:`suppliers_shown`; and, for the pack's 9.3.2 b),
:func:`climate_shown` (4.1's decision on climate change, ``core.climate.Climate``). What
they return is plain frozen data (text, tables of text, one chart per objective as inline
SVG and as the figures it was drawn from, so the .docx can draw it again as a picture); the
layouts only place it.

Numbers read as the reader writes them (Babel): a value in per cent as a percentage
("97,9%" in Polish), a negative change with the minus sign U+2212.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent

from readiness.core.climate import Climate
from readiness.core.messages import translator
from readiness.core.objectives import PLANNING_ITEMS, STATUS_LABELS, ObjectivesSummary, Progress
from readiness.core.satisfaction import Satisfaction, Score
from readiness.core.schema import OFFICE
from readiness.core.suppliers import RESULT_LABELS, Suppliers
from readiness.render.i18n import clause_ref, format_date, format_percent, single_stop

MINUS = "\u2212"
#: how each objective status is marked beside its words (never by colour alone)
MARKS = {"met": "✓", "on_track": "◐", "missed": "▼", "no_data": "○"}


def number(value: float | None, lang: str) -> str:
    """A figure in the reader's language, at most two decimals, "−" for minus ("" for None)."""
    if value is None:
        return ""
    return str(format_decimal(round(value, 2), locale=lang)).replace("-", MINUS)


def measure(value: float, unit: str, lang: str) -> str:
    """A value with its unit: per cent as the language writes a percentage ("97,9%")."""
    if unit.strip() == "%":
        share = Decimal(str(round(value, 2))) / 100  # exact: 97.9 % reads "97,9%", not 97,900…01
        shown = babel_percent(share, locale=lang, decimal_quantization=False)
        return str(shown).replace("-", MINUS)
    return f"{number(value, lang)} {unit}".strip()


def signed_points(change: float, lang: str) -> str:
    """A change in percentage points with its symbol: "▲ +7,7", "▼ −3,1", "= 0"."""
    _ = translator(lang)
    mark = "▲ +" if change > 0 else ("▼ " if change < 0 else "= ")
    points = _("pp")  # outside the f-string, where pybabel finds it
    return f"{mark}{number(100 * change, lang)} {points}"


@dataclass(frozen=True)
class Grid:
    """A table to show: its title (may be empty), header and rows, every cell text."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """One objective's results as drawn: periods, values, their labels and the target line."""

    labels: tuple[str, ...]
    values: tuple[float, ...]
    value_labels: tuple[str, ...]
    target: float | None
    target_label: str
    title: str


@dataclass(frozen=True)
class ObjectiveShown:
    """One objective's details: status and reason, chart, the planning items missing."""

    name: str
    status: str  # met, on_track, missed, no_data
    verdict: str  # the mark, the status and why
    missing: str  # "Planning items missing (6.2.2): ...", or ""
    chart: Chart | None
    svg: str  # the chart as inline SVG, "" without results


@dataclass(frozen=True)
class ObjectivesShown:
    """The quality objectives (6.2, 9.1.3): the counts, the table, each objective."""

    lead: str
    table: Grid | None  # None when no objective is recorded
    objectives: tuple[ObjectiveShown, ...]


@dataclass(frozen=True)
class SatisfactionShown:
    """Customer satisfaction (9.1.2): whether measured in time, the answers per question."""

    lead: str
    flagged: bool  # not measured in time: a finding or a recommendation
    intro: str  # the year's answers and what "satisfied" means; "" without answers
    empty: str  # "no answers in the last 12 months", or ""
    tables: tuple[Grid, ...]


@dataclass(frozen=True)
class ClimateShown:
    """Climate change in 9.3.2 b): 4.1's decision (``state``), its lines, the changes since."""

    heading: str
    state: str  # relevant, not_relevant, not_decided
    lines: tuple[str, ...]
    changes: tuple[str, ...]  # listed only when relevant


@dataclass(frozen=True)
class SuppliersShown:
    """External providers (8.4.1): the counts and each provider's line."""

    lead: str
    table: Grid | None  # None when no provider is recorded


def _chart(g: Progress, lang: str) -> Chart | None:
    if not g.points:
        return None
    _ = translator(lang)
    o = g.objective
    unit = f" ({o.unit})" if o.unit else ""
    return Chart(
        labels=tuple(p.period for p in g.points),
        values=tuple(p.value for p in g.points),
        value_labels=tuple(number(p.value, lang) for p in g.points),
        target=o.target,
        target_label=_("target {value}").format(value=number(o.target, lang)),
        title="\n".join(textwrap.wrap((o.indicator or o.name) + unit, 36)),
    )


def _draw(chart: Chart, lang: str, fmt: str) -> str | bytes:
    from readiness.render import charts

    return charts.objective_trend(
        chart.labels,
        chart.values,
        chart.value_labels,
        chart.target,
        chart.target_label,
        chart.title,
        lambda v: number(v, lang),
        fmt=fmt,
    )


def chart_svg(chart: Chart, lang: str) -> str:
    """An objective's chart as inline SVG text (the page and the PDF)."""
    drawn = _draw(chart, lang, "svg")
    assert isinstance(drawn, str)
    return drawn


def chart_png(chart: Chart, lang: str) -> bytes:
    """An objective's chart as PNG bytes (the .docx, which takes no SVG)."""
    drawn = _draw(chart, lang, "png")
    assert isinstance(drawn, bytes)
    return drawn


def objectives_shown(summary: ObjectivesSummary, lang: str) -> ObjectivesShown:
    """Each objective's target against its latest result and deadline, its status and gaps."""
    _ = translator(lang)
    if not summary.progress:
        lead = _(
            "No quality objectives are recorded (6.2): set them with a target, an owner and "
            "a deadline, and record their results."
        )
        return ObjectivesShown(f"▼ {lead}", None, ())
    lead = _(
        "Objectives met: %(met)s of %(total)s; on track: %(on_track)s; missed: %(missed)s; "
        "no data: %(no_data)s (6.2, 9.1.3)."
    ) % {
        "met": summary.met,
        "total": summary.total,
        "on_track": summary.on_track,
        "missed": summary.missed,
        "no_data": summary.no_data,
    }
    clauses = {key: clause for key, _label, clause in PLANNING_ITEMS}
    rows, shown = [], []
    for g in summary.progress:
        o = g.objective
        status = f"{MARKS[g.status]} {_(STATUS_LABELS[g.status])}"
        target = ""
        if o.target is not None:
            target = ("≥ " if o.higher_is_better else "≤ ") + measure(o.target, o.unit, lang)
        latest = f"{measure(g.latest.value, o.unit, lang)} ({g.latest.period})" if g.latest else ""
        rows.append(
            (
                o.name + (f" ({o.process})" if o.process else ""),
                target,
                latest,
                format_date(g.deadline, lang),
                status,
            )
        )
        missing = ""
        if g.missing:
            items = "; ".join(
                f"{_(text)} ({clause_ref(clauses[key], lang)})"
                for key, text in zip(g.missing, g.missing_labels, strict=True)
            )
            missing = _("Planning items missing (6.2.2):") + f" {items}."
        chart = _chart(g, lang)
        svg = chart_svg(chart, lang) if chart else ""
        shown.append(
            ObjectiveShown(o.name, g.status, f"{status}: {_(g.reason)}", missing, chart, svg)
        )
    header = (_("Objective"), _("Target"), _("Latest result"), _("Deadline"), _("Status"))
    return ObjectivesShown(lead, Grid("", header, tuple(rows)), tuple(shown))


def _score_row(s: Score, lang: str, service: bool) -> tuple[str, ...]:
    _ = translator(lang)
    change = _("no data") if s.change is None else signed_points(s.change, lang)
    cells = (
        s.question,
        *((s.service,) if service else ()),
        str(s.answers),
        number(s.mean, lang),
        " / ".join(str(n) for n in s.distribution),
        format_percent(s.share, lang),
        f"{format_percent(s.low, lang)} – {format_percent(s.high, lang)}",
        change,
    )
    return tuple(cells)


def satisfaction_shown(survey: Satisfaction, lang: str) -> SatisfactionShown:
    """Answers per question and per service, the share satisfied, the yearly measurement."""
    _ = translator(lang)
    rule = survey.measurement
    last = ""
    if rule.last is not None:
        last = _("Satisfaction was last measured on %(date)s (9.1.2).") % {
            "date": format_date(rule.last, lang)
        }
    if rule.in_time:
        lead = f"✓ {last}"
    else:
        kind = _("Finding") if rule.severity == "finding" else _("Recommendation")
        said = _(rule.message).format(months=rule.months, source=rule.source(lang))
        lead = f"▼ {kind}: {said}" + (f" {last}" if last else "")
    if not survey.questions:
        empty = _("No survey answers from the last 12 months are recorded.")
        return SatisfactionShown(lead, not rule.in_time, "", f"○ {empty}", ())
    intro = _(
        "Answers from %(start)s to %(end)s: %(responses)s respondents. Satisfied means an "
        "answer of 4 or 5; the interval is the 95%% Wilson interval."
    ) % {
        "start": format_date(survey.year.start, lang),
        "end": format_date(survey.year.end, lang),
        "responses": survey.responses,
    }
    tables = []
    for rows, title in (
        (survey.questions, _("Per question")),
        (survey.services, _("Per question and service")),
    ):
        if not rows:
            continue
        service = bool(rows[0].service)
        header = (
            _("Question"),
            *((_("Service"),) if service else ()),
            _("Answers"),
            _("Mean"),
            _("Answers 1 to 5"),
            _("Satisfied"),
            _("95%% interval") % {},
            _("Change from the previous year"),
        )
        tables.append(Grid(title, header, tuple(_score_row(s, lang, service) for s in rows)))
    return SatisfactionShown(lead, not rule.in_time, intro, "", tuple(tables))


def suppliers_shown(providers: Suppliers, lang: str) -> SuppliersShown:
    """Providers evaluated, re-evaluations overdue, not approved but still kept (8.4.1)."""
    _ = translator(lang)
    if not providers.providers:
        return SuppliersShown(
            "○ " + _("No evaluation of external providers is recorded (8.4.1)."), None
        )
    lead = _(
        "Providers: %(total)s; evaluated: %(evaluated)s; re-evaluations overdue: %(overdue)s; "
        "not approved but still kept: %(still)s (8.4.1)."
    ) % {
        "total": providers.total,
        "evaluated": providers.evaluated,
        "overdue": providers.overdue,
        "still": providers.still_supplying,
    }
    rows = []
    for p in providers.providers:
        due = format_date(p.due, lang)
        reasons = " ".join(
            "▲ " + single_stop(_(r).format(date=due, months=providers.period.months))
            for r in p.reasons
        )
        rows.append(
            (
                p.name,
                p.supplies,
                format_date(p.latest.evaluated_on, lang) if p.latest else "",
                _(RESULT_LABELS[p.result]) if p.result else "",
                due,
                reasons,
            )
        )
    header = (
        _("Provider"),
        _("Supplies"),
        _("Evaluated"),
        _("Result"),
        _("Next evaluation"),
        _("Attention"),
    )
    return SuppliersShown(lead, Grid("", header, tuple(rows)))


def climate_shown(climate: Climate, lang: str) -> ClimateShown:
    """What 9.3.2 b) says of climate change: 4.1's decision, where recorded, the changes.

    Three states: decided relevant (the changes since the last review, or none recorded),
    decided not relevant (nothing to review under b) for climate), not decided (no data:
    the decision is to be recorded in the Office sheet before the review).
    """
    _ = translator(lang)
    if not climate.decided:
        state, lines = (
            "not_decided",
            [
                _(
                    "No data: the workbook does not record the decision under 4.1 on whether "
                    "climate change is a relevant issue. Record it in the {sheet} sheet before "
                    "the review."
                ).format(sheet=_(OFFICE.name))
            ],
        )
    elif climate.relevant:
        state, lines = "relevant", [_("Climate change is a relevant issue for the office (4.1).")]
    else:
        state, lines = (
            "not_relevant",
            [
                _(
                    "Climate change is not a relevant issue for the office (4.1): there is nothing "
                    "to review under b) for climate."
                )
            ],
        )
    if climate.decided and climate.recorded_in:
        lines.append(_("Recorded in: {document}.").format(document=climate.recorded_in))
    changes: list[str] = []
    if state == "relevant":
        if climate.changes:
            lines.append(_("Climate-related changes since the last review:"))
            changes = list(climate.changes)
        else:
            lines.append(_("Climate-related changes since the last review: none recorded."))
    lines = [single_stop(line) for line in lines]
    return ClimateShown(_("Climate change (4.1)"), state, tuple(lines), tuple(changes))

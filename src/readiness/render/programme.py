"""The audit programme as people read it: a calendar by month (HTML and A4 PDF).

Each month lists its audits: the department, the requirements it carries, the lead auditor
and the team, and why the department comes when it does. Below the calendar, the
certification body's audit time (IAF MD 5, IAF MD 1) and, with a day rate, the estimated
value of the three-year contract: an estimate for planning, never a certification body's
quote, as every page that shows it says. The HTML loads nothing and runs no script; the PDF
is typeset by Typst from the same data, passed as JSON (a workbook's text is never code).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import get_month_names

from readiness.core.catalogue import Catalogue
from readiness.core.messages import translator
from readiness.core.model import Office
from readiness.core.programme import TWICE_FROM_MONTHS, Programme, compact_refs
from readiness.core.risk import Reason
from readiness.render.i18n import format_date

TEMPLATES = ("templates", "programme")


def reason_text(reason: Reason, lang: str) -> str:
    """One reason for a department's risk, in a language."""
    _ = translator(lang)
    refs = ", ".join(reason.refs[:6]) + (" …" if len(reason.refs) > 6 else "")
    texts = {
        "below_target": _("levels below the target: {refs}"),
        "open_findings": _("open findings ({count}): {refs}"),
        "late_complaints": _("complaints answered late or past the deadline ({count})"),
        "changes": _("changes recorded: {text}"),
        "never_audited": _("never audited: {refs}"),
        "not_audited": _("last audited {count} months ago"),
    }
    return texts[reason.code].format(refs=refs, count=reason.count, text=reason.text)


def programme_view(
    programme: Programme,
    office: Office,
    lang: str,
    catalogue: Catalogue,
    on: dt.date,
    time: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the programme's pages show, as plain data (for Jinja and for Typst)."""
    _ = translator(lang)
    names = get_month_names("wide", "stand-alone", locale=Locale.parse(lang))
    months = []
    for m in programme.months:
        audits = [
            {
                "date": format_date(a.date, lang, "medium"),
                "department": a.department,
                "refs": compact_refs(a.refs, catalogue),
                "lead": a.lead,
                "team": ", ".join(a.team) or "—",
                "second": a.round == 2,
                "at_risk": a.risk.at_risk,
                "why": "; ".join(reason_text(r, lang) for r in a.risk.reasons),
            }
            for a in programme.audits
            if a.month == m
        ]
        months.append({"name": str(names[m]).capitalize(), "audits": audits})
    load = programme.load
    if programme.certified and not programme.annual:
        period = _(
            "Certified office: every requirement audited within the three-year cycle; this "
            "year the departments due."
        )
    else:
        period = _("Every applicable requirement audited within the period.")
    return {
        "lang": lang,
        "title": _("Internal audit programme {year}").format(year=programme.year),
        "office": office.name,
        "date": format_date(on, lang, "long"),
        "header": f"{office.name} · "
        + _("Internal audit programme {year}").format(year=programme.year),
        "summary": summary(programme, lang),
        "period": period,
        "rules": [
            _("Nobody audits their own department, a department they head or work they own."),
            (
                _("Departments at risk come first, and twice in the year: {names}.")
                if len(programme.months) >= TWICE_FROM_MONTHS
                else _("Departments at risk come first: {names}.")
            ).format(
                names=", ".join(r.department.name for r in programme.risks if r.at_risk) or "—"
            ),
            _("Each auditor takes part in at most {limit} audits.").format(limit=programme.limit),
        ],
        "labels": {
            "department": _("Department"),
            "refs": _("Requirements"),
            "lead": _("Lead auditor"),
            "team": _("Team"),
            "why": _("Why now"),
            "second": _("second audit of the year"),
            "none": _("No audit this month."),
            "load": _("Audits per auditor"),
            "deferred": _("Audited in a later year of the cycle"),
            "unused": _("Not planned: not trained before the period starts"),
        },
        "months": months,
        "load": [
            [name, str(n)] for name, n in sorted(load.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "deferred": [r.department.name for r in programme.deferred],
        "unused": [a.name for a in programme.unused],
        "time": time,
    }


def summary(programme: Programme, lang: str) -> str:
    """One line: audits, departments, requirements covered, auditors, months.

    The busiest auditor's audits are shown beside the limit the user set, so the summary and
    the rule "each auditor takes part in at most N audits" never read as two limits.
    """
    _ = translator(lang)
    departments = {a.department for a in programme.audits}
    auditors = programme.load
    text = _(
        "{audits} audits of {departments} departments covering {refs} requirements, by "
        "{auditors} auditors (at most {most} audits each, limit {limit}), from {first} to "
        "{last}."
    ).format(
        audits=len(programme.audits),
        departments=len(departments),
        refs=len(programme.refs_covered()),
        auditors=len(auditors),
        most=max(auditors.values(), default=0),
        limit=programme.limit,
        first=format_date(programme.audits[0].date, lang) if programme.audits else "—",
        last=format_date(programme.audits[-1].date, lang) if programme.audits else "—",
    )
    return text[:-1] if text.endswith("..") else text  # a date ending "г." before the stop


def _template(name: str) -> str:
    return (resources.files("readiness").joinpath(*TEMPLATES) / name).read_text("utf-8")


def to_html(view: dict[str, Any]) -> str:
    """The programme as one HTML page that loads nothing (autoescaped Jinja)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_template("programme.html.j2")).render(
        v=view, css=_template("programme.css")
    )


def to_pdf(view: dict[str, Any]) -> bytes:
    """The programme as an A4 landscape PDF, typeset by Typst from the view's data."""
    from readiness.render.typeset import typeset

    return typeset(_template("programme.typ"), view)

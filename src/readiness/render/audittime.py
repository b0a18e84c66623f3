"""The certification body's audit time as the report and the programme show it.

IAF MD 5's auditor days for each audit of the cycle, the least the documented reductions
may leave, the sites IAF MD 1 samples and, with a day rate, the estimated value of the
three-year contract; and, for the report, how much of the standard the internal audits held
and planned cover. An estimate for planning, never a certification body's quote: every
view that shows the time says so.
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from babel.numbers import format_currency, format_decimal

from readiness.core.assess import Assessment
from readiness.core.audittime import AuditTime, ContractLine, audit_time, load_time_table
from readiness.core.messages import N_, translator
from readiness.core.model import Workbook
from readiness.core.risk import audit_coverage
from readiness.render.i18n import format_percent

ESTIMATE = N_("An estimate for planning, never a certification body's quote.")
AUDIT_KINDS = {
    "initial": N_("Initial audit (stage 1 and stage 2)"),
    "surveillance": N_("Surveillance audit (each year)"),
    "recertification": N_("Recertification audit"),
}


def days_text(value: float, lang: str) -> str:
    """Auditor days as the language writes a number: 8, 2,5 (pl), 2.5 (en)."""
    return str(format_decimal(value, format="#,##0.#", locale=Locale.parse(lang)))


def audit_time_view(
    time: AuditTime,
    lang: str,
    lines: tuple[ContractLine, ...] = (),
    currency: str = "",
    day_rate: float = 0.0,
    *,
    certified: bool = False,
) -> dict[str, Any]:
    """The certification body's audit time (and the contract's value) as texts to show.

    A certified office's next audits are surveillance and recertification: its view leaves
    the initial audit (stage 1 and stage 2) out.
    """
    _ = translator(lang)
    table = load_time_table()
    loc = Locale.parse(lang)
    kinds = ("surveillance", "recertification") if certified else tuple(AUDIT_KINDS)
    rows = [
        [
            _(AUDIT_KINDS[kind]),
            days_text(time.days(kind), lang),
            days_text(time.least(kind), lang),
            str(time.sample[kind]),
        ]
        for kind in kinds
    ]
    staff = (
        _(
            "Effective staff {staff} (part-time staff counted by hours, rounded up): "
            "Table QMS 1 gives the time of a first certification, from which the cycle's "
            "audits are reckoned."
        ).format(staff=time.staff)
        if certified
        else _(
            "Effective staff {staff} (part-time staff counted by hours, rounded up): "
            "{days} auditor days for stage 1 and stage 2 together (Table QMS 1)."
        ).format(staff=time.staff, days=days_text(time.initial, lang))
    )
    notes = [
        staff,
        _(
            "Surveillance about a third and recertification about two thirds of it; "
            "reductions at most {share} of the table's value; an auditor day of {hours} hours."
        ).format(share=f"{round(table.max_reduction * 100)} %", hours=table.day_hours),
    ]
    if time.sites > 1:
        notes.append(
            _(
                "{sites} sites: each audit visits a sample of about the square root of their "
                "number (0.6 of it at surveillance, 0.8 at recertification), the main seat "
                "(central function) always among them (IAF MD 1)."
            ).format(sites=time.sites)
        )
    if time.beyond_table:
        notes.append(_("More staff than the table lists: the body continues its progression."))
    contract: list[list[str]] = []
    total = least = 0.0
    for line in lines:
        contract.append(
            [
                str(line.year),
                _(AUDIT_KINDS[line.kind]),
                days_text(line.days, lang),
                str(format_currency(line.value, currency, locale=loc)),
            ]
        )
        total += line.value
        least += line.least_value
    return {
        "title": _("The certification body's audit time"),
        "header": [_("Audit"), _("Auditor days"), _("Least after reductions"), _("Sites visited")],
        "rows": rows,
        "notes": notes,
        "source": _("Source: {source}").format(source=table.citation(lang)),
        "estimate": _(ESTIMATE),
        "caveat": table.caveat(lang),
        "contract_title": _("Estimated value of the three-year contract") if lines else "",
        "contract_header": [_("Year"), _("Audit"), _("Auditor days"), _("Value (net)")],
        "contract": contract,
        "contract_total": _(
            "Total: {total} (at least {least} with the largest reductions)."
        ).format(
            total=format_currency(total, currency, locale=loc),
            least=format_currency(least, currency, locale=loc),
        )
        if lines
        else "",
        "rate": _("Day rate assumed: {rate} net per auditor day.").format(
            rate=format_currency(day_rate, currency, locale=loc)
        )
        if lines
        else "",
    }


def report_view(
    workbook: Workbook, assessment: Assessment, lang: str, *, certified: bool = False
) -> dict[str, Any]:
    """What the report shows about audits: coverage held and planned, and the audit time.

    ``certified``: the office holds a certificate, so only its surveillance and
    recertification audit time is shown.
    """
    _ = translator(lang)
    coverage = audit_coverage(workbook, assessment)
    rows = [
        (_("Internal audits held in the last twelve months"), coverage.held),
        (_("Planned internal audits (the audit programme)"), coverage.planned),
        (_("Together"), coverage.together),
    ]
    office = workbook.office
    time = None
    if office.staff and office.staff > 0:
        time = audit_time_view(
            audit_time(office.staff, max(1, len(office.site_list))), lang, certified=certified
        )
    return {
        "title": _("Internal audits: held and planned"),
        "header": [_("Audits"), _("Requirements covered"), _("Share")],
        "rows": [
            [label, f"{count} / {coverage.applicable}", format_percent(coverage.share(count), lang)]
            for label, count in rows
        ],
        "hint": ""
        if coverage.planned_audits
        else _(
            "No planned audit in the Audits sheet: write the programme with readiness "
            "audit-plan and paste its rows there."
        ),
        "time": time,
        "no_staff": ""
        if time
        else _(
            "Fill in the number of staff on the Office sheet to see the certification audit time."
        ),
    }

"""The audit programme's spreadsheets: rows for the Audits sheet, and the tender's estimate.

``audit-programme.xlsx`` opens on a sheet laid out as the workbook's Audits sheet (same
headers, in the office's language): each planned audit's date, requirements, auditors (the
lead first), a programme reference, the kind "internal audit" and the status "audit
planned", and its department. Pasted below the Audits sheet's rows, ``readiness check``
reads them as planned audits, which the assessment does not count as held. A second sheet
gives each audit's month, lead, team and why it comes when it does.

``tender-estimate.xlsx`` keeps the certification body's audit time and the estimated value
of a three-year contract, with every assumption listed, for the estimate a public office
makes before a tender. Text cells are written as text, never as formulas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlWorkbook
from openpyxl.styles import Alignment, Font, PatternFill

from readiness.core.audittime import AuditTime, ContractLine, load_time_table
from readiness.core.catalogue import Catalogue
from readiness.core.messages import N_, translator
from readiness.core.programme import PlannedAudit, Programme, compact_refs
from readiness.core.schema import AUDITS, choices, label
from readiness.io.neutral import text_cell
from readiness.io.output import atomic_path

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
KINDS = {
    "initial": N_("Initial audit (stage 1 and stage 2)"),
    "surveillance": N_("Surveillance audit (each year)"),
    "recertification": N_("Recertification audit"),
}


def _sheet(
    book: XlWorkbook, title: str, header: list[str], rows: list[list[Any]], widths: list[int]
) -> None:
    """A sheet of rows under a bold header; text always a string, never a formula."""
    ws = book.create_sheet(title[:31])
    for column, value in enumerate(header, start=1):
        cell = text_cell(ws, 1, column, value)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                cell = text_cell(ws, number, column, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell = ws.cell(row=number, column=column, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"


def reference(programme: Programme, number: int) -> str:
    """A planned audit's reference: PA-2027/01."""
    return f"PA-{programme.year}/{number:02d}"


def write_programme_xlsx(
    target: Path,
    programme: Programme,
    lang: str,
    catalogue: Catalogue,
    why: Callable[[PlannedAudit], str],
) -> Path:
    """Write ``audit-programme.xlsx`` atomically; ``why`` words each audit's reasons."""
    _ = translator(lang)
    internal = next(c for c in choices("audit_kind", catalogue) if c.key == "internal")
    planned = next(c for c in choices("audit_status", catalogue) if c.key == "planned")
    book = XlWorkbook()
    default = book.active
    assert default is not None
    book.remove(default)
    columns = {c.key: label(c, lang) for c in AUDITS.columns}
    rows = []
    for number, audit in enumerate(programme.audits, start=1):
        values = {
            "date": audit.date,
            "refs": compact_refs(audit.refs, catalogue),
            "auditor": "; ".join(audit.auditors),
            "report": reference(programme, number),
            "kind": label(internal, lang),
            "status": label(planned, lang),
            "department": audit.department,
        }
        rows.append([values.get(c.key, "") for c in AUDITS.columns])
    _sheet(
        book,
        _("Audits"),
        list(columns.values()),
        rows,
        [c.width for c in AUDITS.columns],
    )
    detail = [
        [
            reference(programme, number),
            audit.date,
            audit.department,
            compact_refs(audit.refs, catalogue),
            audit.lead,
            ", ".join(audit.team),
            why(audit),
        ]
        for number, audit in enumerate(programme.audits, start=1)
    ]
    _sheet(
        book,
        _("Programme"),
        [
            _("Reference"),
            _("Date"),
            _("Department"),
            _("Requirements"),
            _("Lead auditor"),
            _("Team"),
            _("Why now"),
        ],
        detail,
        [14, 12, 34, 30, 24, 30, 60],
    )
    with atomic_path(target) as tmp:
        book.save(tmp)
    return target


def write_tender_xlsx(
    target: Path,
    office: str,
    time: AuditTime,
    lines: tuple[ContractLine, ...],
    currency: str,
    day_rate: float,
    lang: str,
) -> Path:
    """Write ``tender-estimate.xlsx``: the audit time, the contract's value, the assumptions."""
    _ = translator(lang)
    table = load_time_table()
    book = XlWorkbook()
    default = book.active
    assert default is not None
    book.remove(default)
    rows: list[list[Any]] = [
        [line.year, _(KINDS[line.kind]), line.days, line.least, line.value, currency]
        for line in lines
    ]
    total = round(sum(line.value for line in lines), 2)
    rows.append(
        ["", _("Total"), sum(x.days for x in lines), sum(x.least for x in lines), total, currency]
    )
    rows.append(["", _("An estimate for planning, never a certification body's quote.")])
    if table.caveat(lang):  # the figures not yet compared with the current issue
        rows.append(["", table.caveat(lang)])
    _sheet(
        book,
        _("Estimate"),
        [
            _("Year"),
            _("Audit"),
            _("Auditor days"),
            _("Least after reductions"),
            _("Value (net)"),
            _("Currency"),
        ],
        rows,
        [8, 40, 14, 18, 16, 10],
    )
    assumptions = [
        [_("An estimate for planning, never a certification body's quote.")],
        [_("Office: {name}").format(name=office)],
        [
            _("Effective staff: {n} (part-time staff counted by hours, rounded up)").format(
                n=time.staff
            )
        ],
        [
            _("Sites: {n}; sites visited per audit: {sample}").format(
                n=time.sites,
                sample=", ".join(f"{_(KINDS[k])}: {v}" for k, v in time.sample.items()),
            )
        ],
        [
            _("Day rate: {rate} {currency} net per auditor day of {hours} hours").format(
                rate=day_rate, currency=currency, hours=table.day_hours
            )
        ],
        [
            _("No reductions applied; the largest allowed is {share} of the table's value.").format(
                share=f"{round(table.max_reduction * 100)} %"
            )
        ],
        [_("Travel, accommodation, certificate fees and VAT are not included.")],
        [_("Source: {source}").format(source=table.citation(lang))],
    ]
    if table.caveat(lang):
        assumptions.insert(1, [table.caveat(lang)])
    _sheet(book, _("Assumptions"), [_("Assumption")], assumptions, [110])
    with atomic_path(target) as tmp:
        book.save(tmp)
    return target

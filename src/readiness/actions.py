"""The action plan: blockers first, then the gaps of the current stage, as xlsx and csv.

The columns are those of the Findings sheet, in the report's language, so the rows paste
back into the workbook. In the xlsx every text is a string cell, exactly as written: a
string cell is never run as a formula, so it needs no apostrophe, and rows pasted back
into the workbook and written out again keep their text unchanged. Text that starts like
a formula is also marked "quote prefix", as Excel marks text typed after an apostrophe,
so that editing the cell keeps it text. Only the CSV, which has no cell types, has such
text (starting with = + - @, a tab or a carriage return) neutralised with an apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook as XlWorkbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from readiness.catalogue import ref_key
from readiness.i18n import translator
from readiness.output import atomic_path, write_bytes
from readiness.schema import CHOICES, FINDINGS, label

if TYPE_CHECKING:
    from readiness.view import GapReport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BLOCKER_DAYS = 30  # proposed due date of a blocker of the current or an earlier stage
LATER_DAYS = 90  # of a blocker of a later stage, and of a gap
CSV_DELIMITER = {"en": ",", "pl": ";", "bg": ";"}  # what Excel expects in each locale


def neutralise(value: str) -> str:
    """Text for a CSV that cannot start a formula: a leading apostrophe where it could."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """Put text in a cell as a string, exactly as given, never as a formula.

    openpyxl takes a value starting with "=" for a formula; the cell's type is set back to
    string after the value, and text that looks like a formula gets the quote prefix.
    """
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def action_plan(report: GapReport) -> list[dict[str, Any]]:
    """Rows keyed by the Findings sheet's column keys."""
    as_of = report.assessment.as_of
    current = report.stage.order
    findings = {f.id: f for f in report.workbook.findings}
    rows: list[dict[str, Any]] = []
    listed: set[str] = set()
    number = 0

    def next_id() -> str:
        nonlocal number
        number += 1
        return f"AP-{number:03d}"

    gates = [
        g
        for g in report.gates
        if (g.stage.kind == "implementation" or report.stage.kind == "certified")
        and report.step_state(g) != "ahead"  # a certified stage not reached has no actions yet
    ]
    for gate in gates:
        overdue = gate.stage.order <= current
        for blocker in gate.blockers:
            if blocker.summary:
                continue
            finding = findings.get(blocker.finding)
            if finding is not None:
                if finding.id in listed:
                    continue
                listed.add(finding.id)
                rows.append(
                    {
                        "id": finding.id,
                        "ref": finding.ref,
                        "source": finding.source,
                        "grade": finding.grade,
                        "description": report.blocker_text(blocker),
                        "action": finding.action,
                        "owner": finding.owner,
                        "due": finding.due,
                        "status": finding.status,
                    }
                )
                continue
            if blocker.ref:
                listed.add(blocker.ref)
            rows.append(
                {
                    "id": next_id(),
                    "ref": blocker.ref or "",
                    "source": "gap_analysis",
                    "grade": "minor" if overdue else "observation",
                    "description": report.blocker_text(blocker),
                    "action": report.action_text(blocker.action),
                    "owner": blocker.owner,
                    "due": as_of + dt.timedelta(days=BLOCKER_DAYS if overdue else LATER_DAYS),
                    "status": "open",
                }
            )
    for gap in sorted(
        report.assessment.gaps,
        key=lambda g: (_first_stage(report, g.ref, g.score_level), ref_key(g.ref)),
    ):
        if gap.ref in listed:
            continue
        rows.append(
            {
                "id": next_id(),
                "ref": gap.ref,
                "source": "gap_analysis",
                "grade": "observation",
                "description": report._("Level {now}; the stage expects {expected}.").format(
                    now=report.level_text(gap.score_level), expected=report.level_text(gap.expected)
                ),
                "action": report.action_text(report.catalogue.clauses[gap.ref].action),
                "owner": gap.owner,
                "due": as_of + dt.timedelta(days=LATER_DAYS),
                "status": "open",
            }
        )
    return rows


def _first_stage(report: GapReport, ref: str, level: int) -> int:
    """Order of the first stage that expects more than ``level`` of the requirement."""
    for stage in report.catalogue.stages:
        if report.catalogue.expected_level(ref, stage.id) > level:
            return stage.order
    return len(report.catalogue.stages) + 1


def _cells(rows: list[dict[str, Any]], lang: str) -> tuple[list[str], list[list[Any]]]:
    """Header labels and row values as a person reads them (choice labels, not keys)."""
    columns = FINDINGS.columns
    headers = [label(c, lang) for c in columns]
    table = []
    for row in rows:
        values = []
        for column in columns:
            value = row.get(column.key)
            if column.choices and isinstance(value, str):
                value = next(
                    (label(ch, lang) for ch in CHOICES[column.choices] if ch.key == value), value
                )
            values.append(value)
        table.append(values)
    return headers, table


def write_action_plan(rows: list[dict[str, Any]], folder: Path, lang: str) -> tuple[Path, Path]:
    """Write ``action-plan.xlsx`` and ``action-plan.csv`` into ``folder``, atomically."""
    headers, table = _cells(rows, lang)
    xlsx = folder / "action-plan.xlsx"
    book = XlWorkbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = translator(lang)(FINDINGS.name)
    for c, text in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=c, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        sheet.column_dimensions[get_column_letter(c)].width = FINDINGS.columns[c - 1].width
    for r, values in enumerate(table, start=2):
        for c, value in enumerate(values, start=1):
            if isinstance(value, dt.date):
                cell = sheet.cell(row=r, column=c, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif value not in (None, ""):
                cell = text_cell(sheet, r, c, str(value))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    with atomic_path(xlsx) as tmp:
        book.save(tmp)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER[lang], lineterminator="\r\n")
    writer.writerow(headers)
    for values in table:
        writer.writerow(
            [
                v.isoformat()
                if isinstance(v, dt.date)
                else neutralise(str(v))
                if v not in (None, "")
                else ""
                for v in values
            ]
        )
    path_csv = write_bytes(folder / "action-plan.csv", buffer.getvalue().encode("utf-8-sig"))
    return xlsx, path_csv

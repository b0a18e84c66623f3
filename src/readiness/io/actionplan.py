"""The action plan's files: ``action-plan.xlsx`` and ``action-plan.csv``.

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
from typing import Any

from openpyxl import Workbook as XlWorkbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from readiness.core.messages import translator
from readiness.core.schema import CHOICES, FINDINGS, label
from readiness.io.neutral import neutralise, text_cell  # the one rule for formula-like text
from readiness.io.output import atomic_path, write_bytes

__all__ = ["write_action_plan"]

CSV_DELIMITER = {"en": ",", "pl": ";", "bg": ";"}  # what Excel expects in each locale


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

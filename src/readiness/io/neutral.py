"""One rule for text that a spreadsheet could take for a formula, in every file we write.

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can start a
formula when a spreadsheet opens the file (CSV injection). Every xlsx and CSV the product
writes (the action plan, the portfolio's table, the CISO Assistant sheet, and any later
output) goes through this module:

- in an xlsx, such text is a string cell marked with Excel's *quote prefix*, as Excel marks
  text typed after an apostrophe: it shows and reads back exactly as written, and editing
  the cell keeps it text;
- in a CSV, which has no cell types, it gets a leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula: the one rule."""
    return text.startswith(FORMULA_STARTS)


def neutralise(value: str) -> str:
    """Text for a CSV that cannot start a formula: a leading apostrophe where it could."""
    return "'" + value if formula_like(value) else value


def mark(cell: Cell, value: str) -> Cell:
    """Make ``cell`` hold ``value`` as a string, quote-prefixed when it looks like a formula.

    openpyxl takes a value starting with "=" for a formula; the cell's type is set back to
    string after the value.
    """
    cell.value = value
    cell.data_type = "s"
    if formula_like(value):
        cell.quotePrefix = True
    return cell


def text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """Put text in a cell of ``sheet`` as a string, exactly as given, never as a formula."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # a merged cell is never written to
    return mark(cell, value)


def append_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    """Append a row to ``sheet``: every text a string cell, quote-marked where formula-like.

    openpyxl's ``append`` alone takes text starting with "=" for a formula.
    """
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            mark(cell, cell.value)


def write_only_row(sheet: Any, values: list[Any]) -> list[Any]:
    """A row for a write-only sheet's ``append``: every text a quote-marked string cell."""
    from openpyxl.cell import WriteOnlyCell

    return [mark(WriteOnlyCell(sheet), v) if isinstance(v, str) else v for v in values]

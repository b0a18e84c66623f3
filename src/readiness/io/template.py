"""Write the evidence workbook a consultant fills in Excel or LibreOffice.

The same writer fills it from code (the sample office, the tests): pass ``content``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlWorkbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from readiness.core.catalogue import Catalogue, load_catalogue
from readiness.core.messages import check_language, translator
from readiness.core.schema import (
    CLAUSES,
    INSTRUCTIONS_NAME,
    LEVEL_LABELS,
    NOT_APPLICABLE,
    OFFICE,
    Column,
    Sheet,
    choices,
    label,
    sheets,
)
from readiness.io.output import atomic_path

LISTS_SHEET = "_lists"
DATA_ROWS = 1000
DATE_FORMAT = "yyyy-mm-dd"
# Clause refs are text: in a day.month locale (Polish, Bulgarian) Excel and LibreOffice
# would read a typed "9.2" as 9 February unless the cell is formatted as text.
TEXT_FORMAT = "@"
TEXT_KINDS = ("ref", "refs")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
HEADER_FONT = Font(bold=True)

Row = Mapping[str, Any]


def level_label(level: int | None, lang: str) -> str:
    """A level as the drop-down shows it: '3 - implemented', or 'N/A' for None."""
    _ = translator(lang)
    if level is None:
        return _(NOT_APPLICABLE)
    return f"{level} - {_(LEVEL_LABELS[level])}"


def _cell_value(column: Column, value: Any, lang: str, catalogue: Catalogue) -> Any:
    """Turn a value given by key (a choice key, a level number) into what a person would type."""
    if value is None:
        return None
    if column.kind == "level" and (value in LEVEL_LABELS or value == "na"):
        return level_label(None if value == "na" else value, lang)
    if column.choices and isinstance(value, str):
        for choice in choices(column.choices, catalogue):
            if choice.key == value:
                return label(choice, lang)
    if column.kind == "refs" and isinstance(value, (list, tuple)):
        return "; ".join(value)
    return value


def _list_ranges(book: XlWorkbook, lang: str, catalogue: Catalogue) -> dict[str, str]:
    """Write every drop-down list to a hidden sheet; return the range of each list by name."""
    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    lists: dict[str, list[str]] = {
        "level": [level_label(n, lang) for n in sorted(LEVEL_LABELS)] + [level_label(None, lang)],
    }
    names = {c.choices for s in sheets(catalogue) for c in s.columns if c.choices}
    for name in sorted(names):
        lists[name] = [label(choice, lang) for choice in choices(name, catalogue)]
    ranges = {}
    for index, (name, values) in enumerate(sorted(lists.items()), start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _validation(column: Column, ranges: dict[str, str], lang: str) -> DataValidation | None:
    _ = translator(lang)
    list_name = "level" if column.kind == "level" else column.choices
    if list_name:
        dv = DataValidation(type="list", formula1=ranges[list_name], allow_blank=True)
        dv.error = _("Choose a value from the list.")
        dv.showErrorMessage = True
        return dv
    if column.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dv.error = _("Enter a date, for example 2026-03-31.")
        dv.showErrorMessage = True
        return dv
    return None


def _header(ws: Worksheet, labels: Sequence[str]) -> None:
    for index, text in enumerate(labels, start=1):
        cell = ws.cell(row=1, column=index, value=text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _write_table(
    ws: Worksheet,
    sheet: Sheet,
    rows: Sequence[Row],
    ranges: dict[str, str],
    lang: str,
    catalogue: Catalogue,
) -> None:
    _header(ws, [label(c, lang) for c in sheet.columns])
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.kind in TEXT_KINDS:
            ws.column_dimensions[letter].number_format = TEXT_FORMAT  # the rows yet to be typed
        dv = _validation(column, ranges, lang)
        if dv is not None:
            dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            ws.add_data_validation(dv)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(sheet.columns, start=1):
            value = _cell_value(column, row.get(column.key), lang, catalogue)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: the writer never creates a formula
            if column.kind == "date":
                cell.number_format = DATE_FORMAT
            elif column.kind in TEXT_KINDS and (value is None or isinstance(value, str)):
                cell.number_format = TEXT_FORMAT
            if isinstance(value, str) and "\n" in value and column.kind != "date":
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_office(
    ws: Worksheet, office: Row, ranges: dict[str, str], lang: str, catalogue: Catalogue
) -> None:
    _ = translator(lang)
    _header(ws, [_("Field"), _("Value"), _("How to fill it")])
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    for r, column in enumerate(OFFICE.columns, start=2):
        ws.cell(row=r, column=1, value=label(column, lang)).font = HEADER_FONT
        value = _cell_value(column, office.get(column.key), lang, catalogue)
        cell = ws.cell(row=r, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        if column.help:
            ws.cell(row=r, column=3, value=_(column.help))
        dv = _validation(column, ranges, lang)
        if dv is not None:
            dv.add(f"B{r}")
            ws.add_data_validation(dv)


def _write_instructions(ws: Worksheet, lang: str) -> None:
    _ = translator(lang)
    lines = [
        _("ISO 9001:2015 readiness: evidence workbook"),
        "",
        _("Fill the sheets in this order and keep the header rows as they are."),
        _("Office: one value per field; the report language and current stage come from here."),
        _("Clauses: one row per requirement; choose its level from the list."),
        _("Evidence: documents maintained and records retained, with the clauses they support."),
        _("Findings: gaps, audit findings and complaints, with their grade and status."),
        _("Audits: internal audits held, with the clauses each covered."),
        _("Reviews: management reviews held, marking which inputs were discussed."),
        "",
        _("Levels"),
        *(level_label(n, lang) for n in sorted(LEVEL_LABELS)),
        _("N/A: not applicable; only where the standard allows it, with a justification."),
        "",
        _("Dates: use the date format of your spreadsheet, or write 2026-03-31 or 31.03.2026."),
        _("Clause lists: separate refs with a semicolon, for example 9.2.1; 9.2.2."),
        _("Check the workbook with: readiness check <file>"),
    ]
    ws.column_dimensions["A"].width = 110
    for r, text in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=text)
    ws["A1"].font = Font(bold=True, size=14)


def default_clause_rows(catalogue: Catalogue) -> list[dict[str, Any]]:
    """One row per assessable requirement, ref only (the writer adds the title)."""
    return [{"ref": c.ref} for c in catalogue.requirements]


def write_workbook(
    path: Path,
    lang: str = "en",
    content: Mapping[str, Any] | None = None,
    catalogue: Catalogue | None = None,
) -> Path:
    """Write an evidence workbook, empty (the template) or filled.

    Parameters
    ----------
    path
        Where to write the ``.xlsx``; written atomically.
    lang
        Language of sheet names, headers, drop-downs and clause titles.
    content
        Optional filling: ``office`` (a mapping of field keys to values) and, for each
        table sheet key (``clauses``, ``evidence``, ``findings``, ``audits``, ``reviews``),
        a list of rows mapping column keys to values. Choice keys and level numbers are
        written as their labels in ``lang``; anything else is written as given.
        ``clauses`` rows are matched by ref onto the prefilled requirement rows, unless
        ``clauses_verbatim`` is true, when they are written exactly as given.
    catalogue
        The catalogue to use; the shipped one by default.

    Returns
    -------
    Path
        The path written.
    """
    lang = check_language(lang)
    catalogue = catalogue or load_catalogue()
    content = content or {}
    book = XlWorkbook()
    first = book.active
    assert first is not None
    first.title = translator(lang)(INSTRUCTIONS_NAME)
    _write_instructions(first, lang)
    ranges = _list_ranges(book, lang, catalogue)
    for sheet in sheets(catalogue):
        ws = book.create_sheet(label_of_sheet(sheet, lang))
        if sheet.layout == "fields":
            _write_office(ws, content.get("office", {}), ranges, lang, catalogue)
            continue
        rows: Sequence[Row] = list(content.get(sheet.key, []))
        if sheet is CLAUSES and not content.get("clauses_verbatim"):
            rows = _merge_clause_rows(rows, lang, catalogue)
        _write_table(ws, sheet, rows, ranges, lang, catalogue)
    # keep the hidden lists sheet last so that people see the data sheets first
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path


def label_of_sheet(sheet: Sheet, lang: str) -> str:
    """The sheet's name in a language."""
    return translator(lang)(sheet.name)


def _merge_clause_rows(
    rows: Sequence[Row], lang: str, catalogue: Catalogue
) -> list[dict[str, Any]]:
    given = {str(r["ref"]): dict(r) for r in rows}
    merged = []
    for clause in catalogue.requirements:
        row = {"title": catalogue.title(clause.ref, lang), **given.pop(clause.ref, {})}
        row["ref"] = clause.ref
        merged.append(row)
    merged.extend(given.values())  # rows for refs outside the catalogue, kept for the tests
    return merged

"""Write the evidence workbook a consultant fills in Excel or LibreOffice.

The same writer fills it from code (the sample office, the tests): pass ``content``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlWorkbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from readiness.core.catalogue import Catalogue
from readiness.core.messages import check_language, translator
from readiness.core.schema import (
    CLAUSE_GUIDE,
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
from readiness.io.caf import write_caf_sheet
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
# The Clauses sheet's guide columns: grey, smaller and italic, so that nobody takes them for
# columns to fill; a validation refuses typing in them (the reader ignores them anyway).
GUIDE_FILL = PatternFill("solid", fgColor="EDEDED")
GUIDE_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GUIDE_FONT = Font(size=9, italic=True, color="404040")
GUIDE_HEADER_FONT = Font(bold=True, italic=True, color="404040")
BULLET = "\u2022 "
# Excel keeps at most 255 characters of a header or footer section's text
HEADER_TEXT_MAX = 120
# Row heights are set from the text, since LibreOffice does not fit a written row's height
# to wrapped text: characters per unit of column width at 11 pt (text is narrower than the
# digit zero a unit measures, in Calibri as in the DejaVu Sans that replaces it), and the
# line height in points per point of font size.
CHARS_PER_UNIT = 0.95
LINE_HEIGHT = 1.2
DEFAULT_SIZE = 11.0

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
            long = isinstance(value, str) and ("\n" in value or len(value) > column.width)
            cell.alignment = Alignment(wrap_text=long and column.kind != "date", vertical="top")


def documented_text(ref: str, lang: str, catalogue: Catalogue) -> str:
    """The documented information a requirement asks for, one line per item, in a language.

    Each line names the kind (document maintained, record retained) and what; an item the
    standard asks for only where needed says so. "None required" when there is none.
    """
    _ = translator(lang)
    kinds = {"maintain": _("document to maintain"), "retain": _("record to retain")}
    where_applicable = _("where applicable")
    lines = []
    for item in catalogue.clauses[ref].documented:
        line = f"{kinds[item.kind]}: {catalogue.tr(item.what, lang)}"
        if not item.mandatory:
            line += f" ({where_applicable})"
        lines.append(line)
    return "\n".join(lines) or _("none required")


def guide_texts(ref: str, lang: str, catalogue: Catalogue) -> dict[str, str]:
    """The Clauses sheet's guide for one requirement, by guide column key, in a language."""
    clause = catalogue.clauses[ref]
    return {
        "ask": "\n".join(BULLET + catalogue.tr(q, lang) for q in clause.ask),
        "look_for": catalogue.tr(clause.guidance, lang),
        "evidence": "\n".join(BULLET + catalogue.tr(e, lang) for e in clause.evidence),
        "documented": documented_text(ref, lang, catalogue),
    }


def _write_guide(
    ws: Worksheet, rows: Sequence[Row], first: int, lang: str, catalogue: Catalogue
) -> None:
    """The guide columns right of the Clauses sheet's own, from column ``first`` on."""
    _ = translator(lang)
    last = first + len(CLAUSE_GUIDE) - 1
    for offset, column in enumerate(CLAUSE_GUIDE):
        cell = ws.cell(row=1, column=first + offset, value=_(column.label))
        cell.font = GUIDE_HEADER_FONT
        cell.fill = GUIDE_HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(first + offset)].width = column.width
    for r, row in enumerate(rows, start=2):
        ref = str(row.get("ref", ""))
        if ref not in catalogue.clauses or not catalogue.clauses[ref].assessable:
            continue
        texts = guide_texts(ref, lang, catalogue)
        for offset, column in enumerate(CLAUSE_GUIDE):
            cell = ws.cell(row=r, column=first + offset, value=texts[column.key])
            cell.data_type = "s"
            cell.font = GUIDE_FONT
            cell.fill = GUIDE_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # nothing typed here is read: say so rather than accept it silently
    dv = DataValidation(type="textLength", operator="lessThan", formula1="0", allow_blank=True)
    dv.error = _("This column is a guide to the requirement; what is typed here is not read.")
    dv.errorTitle = _("Guide")
    dv.showErrorMessage = True
    dv.add(f"{get_column_letter(first)}2:{get_column_letter(last)}{DATA_ROWS + 1}")
    ws.add_data_validation(dv)


def _lines(text: str, width: float, size: float) -> int:
    """How many lines a wrapped text takes in a column ``width`` units wide at ``size`` pt."""
    per_line = max(1, int((width - 1) * CHARS_PER_UNIT * DEFAULT_SIZE / size))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def _fit_rows(ws: Worksheet, first_row: int = 1) -> None:
    """Set each row's height to its tallest wrapped cell, from the text's length."""
    for row in ws.iter_rows(min_row=first_row):
        lines_pt = 0.0
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            size = float(cell.font.sz or DEFAULT_SIZE) * (1.1 if cell.font.b else 1.0)
            width = ws.column_dimensions[cell.column_letter].width or 10
            lines_pt = max(lines_pt, _lines(cell.value, width, size) * size * LINE_HEIGHT)
        number = row[0].row
        if lines_pt and number is not None:
            ws.row_dimensions[number].height = max(15.0, round(lines_pt + 3, 1))


def _header_text(text: str) -> str:
    """Text shown as is in a page header or footer: '&' starts a code there."""
    return text[:HEADER_TEXT_MAX].replace("&", "&&")


def _print_setup(
    ws: Worksheet, office_name: str, lang: str, landscape: bool = True, gridlines: bool = True
) -> None:
    """A4, fit to the page width, header row on every page, office and page X of Y.

    A spreadsheet header cannot show a cell's value, so the office's name is written in when
    the workbook is filled from code; the empty template shows the file's name instead.
    """
    _ = translator(lang)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.gridLines = gridlines
    ws.print_title_rows = "1:1"
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None
    assert footer is not None
    header.left.text = _header_text(office_name) if office_name else "&F"
    header.right.text = "&A"
    footer.right.text = _("Page {page} of {pages}").format(page="&P", pages="&N")
    for part in (header.left, header.right, footer.right):
        part.size = 9


def _write_office(
    ws: Worksheet, office: Row, ranges: dict[str, str], lang: str, catalogue: Catalogue
) -> None:
    _ = translator(lang)
    _header(ws, [_("Field"), _("Value"), _("How to fill it")])
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    for r, column in enumerate(OFFICE.columns, start=2):
        name = ws.cell(row=r, column=1, value=label(column, lang))
        name.font = HEADER_FONT
        name.alignment = Alignment(wrap_text=True, vertical="top")
        value = _cell_value(column, office.get(column.key), lang, catalogue)
        cell = ws.cell(row=r, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        if column.help:
            hint = ws.cell(row=r, column=3, value=_(column.help))
            hint.alignment = Alignment(wrap_text=True, vertical="top")
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
        _("Clauses: the grey columns on the right are a guide; they are not read back."),
        _("Evidence: documents maintained and records retained, with the clauses they support."),
        _("Findings: gaps, audit findings and complaints, with their grade and status."),
        _("Audits: internal audits held, with the clauses each covered."),
        _("Reviews: management reviews held, marking which inputs were discussed."),
        _("Departments (optional): each department, its head, the requirements it carries."),
        _("Auditors (optional): trained internal auditors, their department, who may lead."),
        _("Review decisions (optional): what each management review decided, one row each."),
        _("Objectives (optional): quality objectives with their target and how they are met."),
        _("Objective results (optional): one row per objective and period, with its value."),
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
    *,
    catalogue: Catalogue,
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
        table sheet key (``clauses``, ``evidence``, ``findings``, ``audits``, ``reviews``,
        ``departments``, ``auditors``, ``decisions``, ``objectives``, ``objective_results``),
        a list of rows mapping column keys to values. Choice keys and level numbers are
        written as their labels in ``lang``; anything else is written as given.
        ``clauses`` rows are matched by ref onto the prefilled requirement rows, unless
        ``clauses_verbatim`` is true, when they are written exactly as given. A ``caf``
        key (scores by CAF 2020 sub-criterion, possibly empty) adds the CAF sheet.
    catalogue
        The catalogue of the edition the workbook is for; always passed (no silent default).

    Returns
    -------
    Path
        The path written.
    """
    lang = check_language(lang)
    content = content or {}
    book = XlWorkbook()
    first = book.active
    assert first is not None
    first.title = translator(lang)(INSTRUCTIONS_NAME)
    _write_instructions(first, lang)
    office_name = str(content.get("office", {}).get("name") or "")
    _print_setup(first, office_name, lang, landscape=False, gridlines=False)  # prose, no grid
    ranges = _list_ranges(book, lang, catalogue)
    for sheet in sheets(catalogue):
        ws = book.create_sheet(label_of_sheet(sheet, lang))
        _print_setup(ws, office_name, lang)
        if sheet.layout == "fields":
            _write_office(ws, content.get("office", {}), ranges, lang, catalogue)
            _fit_rows(ws)
            continue
        rows: Sequence[Row] = list(content.get(sheet.key, []))
        if sheet is CLAUSES and not content.get("clauses_verbatim"):
            rows = _merge_clause_rows(rows, lang, catalogue)
        _write_table(ws, sheet, rows, ranges, lang, catalogue)
        if sheet is CLAUSES:
            _write_guide(ws, rows, len(sheet.columns) + 1, lang, catalogue)
        _fit_rows(ws)
    if "caf" in content:  # the optional CAF 2020 self-assessment sheet (readiness.io.caf)
        write_caf_sheet(book, lang, content["caf"])
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

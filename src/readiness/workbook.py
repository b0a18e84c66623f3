"""Read and validate an office's evidence workbook.

Every problem is collected, not just the first: each names the file, sheet, cell, the value
found and what was expected. The workbook is opened read-only and never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from python_calamine import CalamineSheet, CalamineWorkbook

from readiness.catalogue import Catalogue, load_catalogue
from readiness.guard import inspect
from readiness.i18n import N_, every_translation, translator
from readiness.model import Audit, ClauseEntry, Evidence, Finding, Office, Review, Workbook
from readiness.problems import Problem, Severity, WorkbookError, errors
from readiness.schema import (
    CLAUSES,
    EVIDENCE,
    FINDINGS,
    OFFICE,
    Column,
    Sheet,
    choices,
    label,
    labels,
    sheets,
)
from readiness.values import (
    BadValue,
    RefAsDate,
    is_blank,
    norm,
    parse_choice,
    parse_date,
    parse_level,
    parse_ref,
    parse_refs,
    ref_from_date,
    text,
)

# a variable, not a literal, inside self._(): pybabel would take a literal for a message id
REF_AS_DATE = "ref-as-date"
_HINTS = {
    "date": N_("Use a date cell, or write the date as 2026-03-31 or 31.03.2026."),
    "level": N_("Choose the level from the list: 0 to 4, or N/A."),
    "ref": N_("Use a clause number as listed in the Clauses sheet, such as 7.1.5.1."),
    "refs": N_("List clause numbers separated by semicolons, such as 9.2.1; 9.2.2."),
    "enum": N_("Choose a value from the list."),
    REF_AS_DATE: N_(
        "Format the column as Text (Format Cells > Text) and type the clause number again, "
        "or type an apostrophe before it: '9.2."
    ),
}
HEADER_SCAN_ROWS = 15
MAX_DATA_ROWS = 50_000
# exclusions are one per line, or separated by a semicolon that is followed by a clause
# number; a semicolon inside a justification stays part of it
_EXCLUSION_SPLIT = re.compile(r"\n+|;\s*(?=\d+(?:\.\d+)*\.?\s*[-–—:])")
_EXCLUSION_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s*(?:[-–—:]\s*)?(.*)$", re.DOTALL)


@dataclass
class _Table:
    """The rows of a table sheet below its header, with the column each key was found in."""

    sheet_name: str
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def cell_name(row: int, col: int) -> str:
    """A1-style name of a zero-based (row, column)."""
    return f"{get_column_letter(col + 1)}{row + 1}"


def _sheet_rows(sheet: CalamineSheet) -> Iterator[tuple[int, list[Any]]]:
    """Rows as (zero-based row number, cells from column A)."""
    start = sheet.start
    pad = [""] * (start[1] if start else 0)
    for number, row in enumerate(sheet.iter_rows()):
        yield number, pad + list(row)


@contextmanager
def _native_stderr_held() -> Iterator[list[bool]]:
    """Hold what native code writes to stderr while a sheet is read.

    A Rust panic in python-calamine prints its message (and, where ``RUST_BACKTRACE`` is
    set, a backtrace) straight to file descriptor 2 before Python sees the exception. That
    output is held in a temporary file and written out afterwards, unless the caller
    appends to the yielded list to say the panic was handled (and is reported as a problem).
    """
    handled: list[bool] = []
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no descriptor 2 to hold
        yield handled
        return
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield handled
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            if not handled:
                held.seek(0)
                if data := held.read():
                    os.write(2, data)


_OUT_OF_RANGE = re.compile(r"Cell (\w+) is marked as a date but the serial value (\S+) is outside")


class _Reader:
    def __init__(self, path: Path, catalogue: Catalogue, as_of: dt.date | None, lang: str) -> None:
        self.path = path
        self.catalogue = catalogue
        self.as_of = as_of
        self._ = translator(lang)
        self.lang = lang
        self.problems: list[Problem] = []
        self.exclusions_place = ""  # "Office!B7": where the requirements not applied are listed

    def label(self, column: Column) -> str:
        """A column's name in the language of the messages."""
        return label(column, self.lang)

    # -- problems -------------------------------------------------------------------------
    def add(
        self,
        code: str,
        message: str,
        *,
        severity: Severity = "error",
        sheet: str = "",
        cell: str = "",
        value: Any = "",
        expected: str = "",
        hint: str = "",
    ) -> None:
        self.problems.append(
            Problem(
                code=code,
                severity=severity,
                message=message,
                file=self.path.name,
                sheet=sheet,
                cell=cell,
                value=text(value)[:200],
                expected=expected,
                hint=hint,
            )
        )

    # -- opening --------------------------------------------------------------------------
    def open(self) -> CalamineWorkbook | None:
        _ = self._
        if not self.path.is_file():
            self.add(
                "file-not-found",
                _("The file does not exist."),
                hint=_("Check the path, or create a workbook with: readiness template -o FILE"),
            )
            return None
        refusal = inspect(self.path)
        if refusal is not None:
            self.add(
                refusal.code,
                _(refusal.message),
                value=_(refusal.found) if refusal.found else "",
                expected=_("an .xlsx workbook saved by Excel or LibreOffice"),
                hint=_(refusal.hint) if refusal.hint else "",
            )
            return None
        try:
            return CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine raises several unrelated error types
            self.add(
                "corrupt",
                _("The workbook is damaged and cannot be read."),
                value=type(exc).__name__,
                expected=_("an .xlsx workbook saved by Excel or LibreOffice"),
                hint=_("Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)."),
            )
            return None

    def find_sheet(self, book: CalamineWorkbook, sheet: Sheet) -> str | None:
        """The name of the workbook's sheet for ``sheet``, in whichever language it is named."""
        wanted = {norm(name) for name in every_translation(sheet.name)}
        for name in book.sheet_names:
            if norm(name) in wanted:
                return str(name)
        if sheet.required:
            self.add(
                "missing-sheet",
                self._("The workbook has no sheet {name}.").format(name=self._(sheet.name)),
                expected=", ".join(sorted(every_translation(sheet.name))),
                hint=self._("Start from a fresh template: readiness template -o FILE"),
            )
        return None

    def rows(self, book: CalamineWorkbook, name: str) -> list[tuple[int, list[Any]]]:
        """All rows of a sheet; a sheet python-calamine cannot read is read with openpyxl.

        python-calamine panics on a date cell beyond the year 9999 (upstream issue
        dimastbk/python-calamine#139); openpyxl reads the same cell as an error and names
        it, so the user is told which cell to fix and every other problem is still found.
        """
        with _native_stderr_held() as panicked:
            try:
                return list(_sheet_rows(book.get_sheet_by_name(name)))
            except BaseException as exc:
                if type(exc).__name__ != "PanicException":
                    raise
                panicked.append(True)  # its message is ours to give, naming the cell
        return self.rows_by_openpyxl(name)

    def rows_by_openpyxl(self, name: str) -> list[tuple[int, list[Any]]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            try:
                sheet = book[name]
                rows = [
                    (number, list(values))
                    for number, values in enumerate(
                        sheet.iter_rows(min_row=1, min_col=1, values_only=True)
                    )
                ]
            finally:
                book.close()
        for warning in caught:
            match = _OUT_OF_RANGE.search(str(warning.message))
            if match:
                self.add(
                    "date-out-of-range",
                    self._("A date cell holds a number beyond the year 9999."),
                    sheet=name,
                    cell=match.group(1),
                    value=match.group(2),
                    expected=self._("a date such as 2026-03-31 or 31.03.2026"),
                    hint=self._("Type the date again, or clear the cell's date format."),
                )
        return [(n, ["" if v is None else v for v in values]) for n, values in rows]

    # -- cells ----------------------------------------------------------------------------
    def parse(self, column: Column, value: Any, sheet: str, cell: str) -> Any:
        """Parse a non-blank cell for a column; on failure record the problem and return None."""
        try:
            if column.kind == "date":
                return parse_date(value)
            if column.kind == "level":
                return parse_level(value)
            if column.kind in ("ref", "refs") and isinstance(value, dt.date):
                self.add(
                    "clause-read-from-date",
                    self._(
                        "{column}: the spreadsheet turned the clause number into a date; "
                        "read as {ref}."
                    ).format(column=self.label(column), ref=ref_from_date(value, self.catalogue)),
                    severity="warning",
                    sheet=sheet,
                    cell=cell,
                    value=value,
                    expected=self._("a clause number stored as text"),
                    hint=self._(_HINTS[REF_AS_DATE]),
                )
            if column.kind == "ref":
                return parse_ref(value, self.catalogue)
            if column.kind == "refs":
                return parse_refs(value, self.catalogue)
            if column.choices:
                return parse_choice(value, choices(column.choices, self.catalogue))
            return text(value)
        except RefAsDate as exc:
            self.add(
                "clause-as-date",
                self._("{column}: the spreadsheet turned the clause number into a date.").format(
                    column=self.label(column)
                ),
                sheet=sheet,
                cell=cell,
                value=value,
                expected=self._(exc.expected).format(**exc.params),
                hint=self._(_HINTS[REF_AS_DATE]),
            )
            return None
        except BadValue as exc:
            code = "unknown-clause" if column.kind in ("ref", "refs") else f"bad-{column.kind}"
            self.add(
                code,
                self._("{column}: the value cannot be read.").format(column=self.label(column)),
                sheet=sheet,
                cell=cell,
                value=value,
                expected=self._(exc.expected).format(**exc.params),
                hint=self._(_HINTS.get(column.kind, _HINTS["enum"])),
            )
            return None

    # -- table sheets ---------------------------------------------------------------------
    def table(self, book: CalamineWorkbook, sheet: Sheet) -> _Table | None:
        name = self.find_sheet(book, sheet)
        if name is None:
            return None
        by_label = {norm(lab): col for col in sheet.columns for lab in labels(col)}
        rows = self.rows(book, name)
        header_row, columns = -1, dict[str, int]()
        for number, cells in rows[:HEADER_SCAN_ROWS]:
            matched: dict[str, int] = {}
            for index, value in enumerate(cells):
                col = by_label.get(norm(value)) if not is_blank(value) else None
                if col is not None and col.key not in matched:
                    matched[col.key] = index
            if len(matched) > len(columns):
                header_row, columns = number, matched
        missing = [c for c in sheet.columns if c.required and c.key not in columns]
        if missing:
            where = cell_name(header_row, 0) if header_row >= 0 else "A1"
            for col in missing:
                self.add(
                    "missing-column",
                    self._("The sheet has no column {column}.").format(column=self.label(col)),
                    sheet=name,
                    cell=where,
                    expected=" / ".join(sorted(labels(col))),
                    hint=self._("Add the column to the header row, as in the template."),
                )
            return None
        table = _Table(sheet_name=name, columns=columns)
        for count, (number, cells) in enumerate(rows[header_row + 1 :]):
            if count >= MAX_DATA_ROWS:
                self.add(
                    "too-many-rows",
                    self._("The sheet has more rows than the reader accepts."),
                    sheet=name,
                    cell=cell_name(number, 0),
                    expected=self._("at most {n} rows").format(n=MAX_DATA_ROWS),
                    hint=self._("Split the data or delete rows that are not needed."),
                )
                break
            values = {key: (cells[i] if i < len(cells) else "") for key, i in columns.items()}
            if all(is_blank(v) for v in values.values()):
                continue
            table.rows.append((number, values))
        return table

    def typed_rows(
        self, table: _Table, sheet: Sheet
    ) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
        """Each data row parsed, with its raw values; rows with a bad required cell are skipped.

        A level is the exception: it is parsed but the row is kept, because an unreadable
        or blank level is judged by the Clauses check itself.
        """
        for number, values in table.rows:
            parsed: dict[str, Any] = {}
            ok = True
            for column in sheet.columns:
                if column.key not in table.columns:
                    continue
                cell = cell_name(number, table.columns[column.key])
                raw = values[column.key]
                if is_blank(raw):
                    if column.required and column.kind != "level":
                        ok = False
                        self.add(
                            "missing-value",
                            self._("{column} is empty.").format(column=self.label(column)),
                            sheet=table.sheet_name,
                            cell=cell,
                            expected=self._("a value"),
                            hint=self._("Fill the cell, or delete the row if it is not needed."),
                        )
                    parsed[column.key] = None
                    continue
                value = self.parse(column, raw, table.sheet_name, cell)
                if value is None and column.kind != "level":
                    ok = False
                parsed[column.key] = value
            if ok:
                yield number, parsed, values

    # -- the Office sheet -----------------------------------------------------------------
    def office_cells(self, book: CalamineWorkbook, name: str) -> dict[str, tuple[Any, str]]:
        """The Office sheet's fields: key -> (raw value, cell).

        The values sit in the column headed "Value" in any language; without that header,
        right of the label.
        """
        by_label = {norm(lab): col for col in OFFICE.columns for lab in labels(col)}
        value_header = {norm(lab) for lab in every_translation("Value")}
        rows = self.rows(book, name)[:200]
        value_col = next(
            (
                j
                for _, cells in rows[:HEADER_SCAN_ROWS]
                for j, v in enumerate(cells)
                if norm(v) in value_header
            ),
            None,
        )
        values: dict[str, tuple[Any, str]] = {}
        for number, cells in rows:
            for index, value in enumerate(cells):
                if is_blank(value):
                    continue
                col = by_label.get(norm(value))
                if col is not None and col.key not in values:
                    j = value_col if value_col is not None and value_col > index else index + 1
                    values[col.key] = (cells[j] if j < len(cells) else "", cell_name(number, j))
                break  # only the first filled cell of a row can be a field label
        return values

    def office(self, book: CalamineWorkbook) -> Office | None:
        name = self.find_sheet(book, OFFICE)
        if name is None:
            return None
        values = self.office_cells(book, name)
        fields: dict[str, Any] = {}
        for col in OFFICE.columns:
            raw, cell = values.get(col.key, ("", ""))
            if is_blank(raw):
                if col.required:
                    self.add(
                        "missing-value",
                        self._("{field} is not filled in.").format(field=self.label(col)),
                        sheet=name,
                        cell=cell,
                        expected=self._("a value"),
                        hint=self._("Fill the Value column of the Office sheet."),
                    )
                continue
            value = self.parse(col, raw, name, cell)
            if value is not None:
                fields[col.key] = value
        exclusions_cell = values.get("exclusions", ("", ""))[1]
        self.exclusions_place = f"{name}!{exclusions_cell}" if exclusions_cell else name
        exclusions = self.exclusions(fields.pop("exclusions", ""), name, values)
        if errors(self.problems):
            return None
        return Office(exclusions=exclusions, **fields)

    def exclusions(
        self, raw: str, sheet: str, values: dict[str, tuple[Any, str]]
    ) -> dict[str, str]:
        """Requirements declared not applicable in the Office sheet: ref -> justification."""
        cell = values.get("exclusions", ("", ""))[1]
        out: dict[str, str] = {}
        for line in _EXCLUSION_SPLIT.split(raw or ""):
            if not line.strip():
                continue
            match = _EXCLUSION_RE.match(line)
            ref = match.group(1) if match else ""
            if ref not in self.catalogue.clauses:
                self.add(
                    "unknown-clause",
                    self._("An exclusion does not start with a clause of the standard."),
                    sheet=sheet,
                    cell=cell,
                    value=line,
                    expected=self._("a clause, a dash and the justification: 8.3 - ..."),
                    hint=self._("Write one exclusion per line, starting with its clause number."),
                )
                continue
            covered = self.catalogue.requirements_under(ref)
            if not all(r.may_exclude for r in covered):
                self.add(
                    "exclusion-not-allowed",
                    self._("Requirement {ref} cannot be declared not applicable.").format(ref=ref),
                    sheet=sheet,
                    cell=cell,
                    value=line,
                    expected=self._("only requirements the standard lets an office exclude"),
                    hint=self._(
                        "Remove it from the exclusions and assess it in the Clauses sheet."
                    ),
                )
                continue
            assert match is not None
            justification = match.group(2).strip()
            for r in covered:
                out[r.ref] = justification
        return out

    # -- the Clauses sheet ----------------------------------------------------------------
    def clauses(self, book: CalamineWorkbook, office: Office | None) -> dict[str, ClauseEntry]:
        table = self.table(book, CLAUSES)
        if table is None:
            return {}
        exclusions = office.exclusions if office else {}
        entries: dict[str, ClauseEntry] = {}
        seen: set[str] = set()
        for number, row, raw in self.typed_rows(table, CLAUSES):
            ref = row["ref"]
            seen.add(ref)
            sheet = table.sheet_name
            ref_cell = cell_name(number, table.columns["ref"])
            level_cell = cell_name(number, table.columns["level"])
            clause = self.catalogue.clauses[ref]
            if not clause.assessable:
                self.add(
                    "not-assessable",
                    self._("{ref} is a heading; assess its sub-clauses instead.").format(ref=ref),
                    sheet=sheet,
                    cell=ref_cell,
                    value=ref,
                    expected=", ".join(clause.children),
                    hint=self._("Delete this row; the template lists the sub-clauses to assess."),
                )
                continue
            raw_level = raw["level"]
            level = row["level"]
            assessed = True
            if is_blank(raw_level) and ref in exclusions:
                level = None  # declared not applied in the Office sheet: N/A, justified there
            elif is_blank(raw_level):
                self.add(
                    "level-blank",
                    self._("No level given; counted as 0, not addressed."),
                    severity="warning",
                    sheet=sheet,
                    cell=level_cell,
                    expected=self._("a level 0-4 or N/A"),
                    hint=self._("Choose the level from the list: 0 to 4, or N/A."),
                )
                level = 0
                assessed = False
            elif level is None and not _is_na(raw_level):
                continue  # unreadable level, already reported
            notes = row.get("notes") or ""
            if level is None:
                if not clause.may_exclude:
                    self.add(
                        "na-not-allowed",
                        self._("{ref} cannot be declared not applicable.").format(ref=ref),
                        sheet=sheet,
                        cell=level_cell,
                        value=raw_level,
                        expected=self._("a level 0-4"),
                        hint=self._(
                            "Only design and development (8.3) and a few others may be excluded."
                        ),
                    )
                    continue
                if not (notes.strip() or exclusions.get(ref, "").strip()):
                    self.add(
                        "na-unjustified",
                        self._("{ref} is N/A without a justification; it counts as a gap.").format(
                            ref=ref
                        ),
                        severity="warning",
                        sheet=sheet,
                        cell=level_cell,
                        value=raw_level,
                        expected=self._(
                            "a justification in Notes or in the Office sheet's exclusions"
                        ),
                        hint=self._(
                            "Say in Notes why the requirement does not apply to the office."
                        ),
                    )
            elif ref in exclusions:
                self.add(
                    "exclusion-conflict",
                    self._(
                        "{ref} is listed as not applied in {place}, but its level here is {level}."
                    ).format(ref=ref, place=self.exclusions_place, level=level),
                    sheet=sheet,
                    cell=level_cell,
                    value=raw_level,
                    expected=self._("N/A or a blank level, as the Office sheet declares"),
                    hint=self._(
                        "If the requirement does not apply, set its level to N/A; if it does, "
                        "remove it from the requirements not applied in {place}."
                    ).format(place=self.exclusions_place),
                )
                continue
            entry = ClauseEntry(
                ref=ref,
                level=level,
                owner=row.get("owner") or "",
                notes=notes or exclusions.get(ref, ""),
                assessed_on=row.get("assessed_on"),
                row=number + 1,
                assessed=assessed,
            )
            earlier = entries.get(ref)
            if earlier is not None:
                same = earlier.level == entry.level
                self.add(
                    "duplicate-clause",
                    self._("{ref} is listed twice (first in row {row}).").format(
                        ref=ref, row=earlier.row
                    ),
                    severity="warning" if same else "error",
                    sheet=sheet,
                    cell=ref_cell,
                    value=ref,
                    expected=self._("one row per requirement"),
                    hint=self._("Keep one row for the requirement and delete the other."),
                )
                continue
            entries[ref] = entry
        for clause in self.catalogue.requirements:
            if clause.ref not in seen:
                self.add(
                    "missing-requirement",
                    self._("{ref} has no row; counted as 0, not addressed.").format(ref=clause.ref),
                    severity="warning",
                    sheet=table.sheet_name,
                    expected=self._("one row per requirement"),
                    hint=self._(
                        "Add the row back from a fresh template: readiness template -o FILE"
                    ),
                )
        return entries

    # -- the other sheets -----------------------------------------------------------------
    def not_after_as_of(self, date: dt.date | None, sheet: str, cell: str) -> None:
        if date is not None and self.as_of is not None and date > self.as_of:
            self.add(
                "date-after-as-of",
                self._("The date is after the assessment date {as_of}.").format(
                    as_of=self.as_of.isoformat()
                ),
                sheet=sheet,
                cell=cell,
                value=date,
                expected=self._("a date on or before {as_of}").format(as_of=self.as_of.isoformat()),
                hint=self._(
                    "Record only audits and reviews already held, or report with a later --as-of."
                ),
            )

    def records(
        self, book: CalamineWorkbook
    ) -> tuple[list[Evidence], list[Finding], list[Audit], list[Review]]:
        evidence: list[Evidence] = []
        table = self.table(book, EVIDENCE)
        if table is not None:
            for number, row, _raw in self.typed_rows(table, EVIDENCE):
                evidence.append(Evidence(**_fields(row, Evidence), row=number + 1))
        findings: list[Finding] = []
        table = self.table(book, FINDINGS)
        if table is not None:
            seen: dict[str, int] = {}
            for number, row, _raw in self.typed_rows(table, FINDINGS):
                finding = Finding(**_fields(row, Finding), row=number + 1)
                if finding.id in seen:
                    self.add(
                        "duplicate-finding",
                        self._("Finding {id} is listed twice (first in row {row}).").format(
                            id=finding.id, row=seen[finding.id]
                        ),
                        sheet=table.sheet_name,
                        cell=cell_name(number, table.columns["id"]),
                        value=finding.id,
                        expected=self._("a unique ID per finding"),
                        hint=self._("Give each finding its own ID, such as IA-07."),
                    )
                seen.setdefault(finding.id, number + 1)
                findings.append(finding)
        audits: list[Audit] = []
        reviews: list[Review] = []
        audits_sheet, reviews_sheet = sheets(self.catalogue)[4:6]
        table = self.table(book, audits_sheet)
        if table is not None:
            for number, row, _raw in self.typed_rows(table, audits_sheet):
                self.not_after_as_of(
                    row["date"], table.sheet_name, cell_name(number, table.columns["date"])
                )
                audits.append(Audit(**_fields(row, Audit), row=number + 1))
        table = self.table(book, reviews_sheet)
        if table is not None:
            for number, row, _raw in self.typed_rows(table, reviews_sheet):
                self.not_after_as_of(
                    row["date"], table.sheet_name, cell_name(number, table.columns["date"])
                )
                covered = frozenset(
                    key.split(":", 1)[1]
                    for key, value in row.items()
                    if key.startswith("input:") and value == "yes"
                )
                reviews.append(
                    Review(
                        date=row["date"],
                        inputs=covered,
                        minutes=row.get("minutes") or "",
                        row=number + 1,
                    )
                )
        return evidence, findings, audits, reviews


def _is_na(raw: Any) -> bool:
    try:
        return parse_level(raw) is None
    except BadValue:
        return False


def _fields(row: dict[str, Any], cls: type) -> dict[str, Any]:
    """The parsed values a record class takes; blank cells are left to the class's defaults."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in row.items() if k in names and v is not None}


def read_workbook(
    path: Path | str,
    *,
    as_of: dt.date | None = None,
    lang: str = "en",
    catalogue: Catalogue | None = None,
) -> tuple[Workbook | None, list[Problem]]:
    """Read and validate an evidence workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file. It is only read.
    as_of
        The assessment date; audits and reviews dated after it are errors.
    lang
        Language of the problem messages.
    catalogue
        The catalogue; the shipped one by default.

    Returns
    -------
    tuple
        The workbook (None when there are errors) and every problem found.
    """
    reader = _Reader(Path(path), catalogue or load_catalogue(), as_of, lang)
    book = reader.open()
    if book is None:
        return None, reader.problems
    office = reader.office(book)
    clauses = reader.clauses(book, office)
    evidence, findings, audits, reviews = reader.records(book)
    book.close()
    if office is None or errors(reader.problems):
        return None, reader.problems
    workbook = Workbook(
        source=str(path),
        office=office,
        clauses=clauses,
        evidence=tuple(evidence),
        findings=tuple(findings),
        audits=tuple(audits),
        reviews=tuple(reviews),
    )
    return workbook, reader.problems


def office_language(path: Path | str) -> str | None:
    """The report language the Office sheet asks for, or None when it cannot be read.

    A quick look used to speak the user's language before the whole workbook is read.
    """
    reader = _Reader(Path(path), load_catalogue(), None, "en")
    book = reader.open()
    if book is None:
        return None
    try:
        name = reader.find_sheet(book, OFFICE)
        raw = reader.office_cells(book, name).get("language", ("", ""))[0] if name else ""
        if is_blank(raw):
            return None
        try:
            return parse_choice(raw, choices("language", reader.catalogue))
        except BadValue:
            return None
    finally:
        book.close()


def load_workbook(path: Path | str, **kwargs: Any) -> Workbook:
    """Read a workbook, raising :class:`WorkbookError` listing every error when it has any."""
    workbook, problems = read_workbook(path, **kwargs)
    if workbook is None:
        raise WorkbookError(problems)
    return workbook

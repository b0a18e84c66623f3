"""Opening a workbook: the guard first, then python-calamine (openpyxl for a sheet it cannot read).

``Opening`` also collects the problems found, each naming the file, sheet and cell, in the
language of the messages; the header finder and the rules build on it.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineSheet, CalamineWorkbook

from readiness.core.catalogue import Catalogue
from readiness.core.messages import translator
from readiness.core.problems import Problem, Severity
from readiness.core.schema import Column, label
from readiness.io.cells import text
from readiness.io.guard import inspect, native_stderr_held


def sheet_rows(sheet: CalamineSheet) -> Iterator[tuple[int, list[Any]]]:
    """Rows as (zero-based row number, cells from column A)."""
    start = sheet.start
    pad = [""] * (start[1] if start else 0)
    for number, row in enumerate(sheet.iter_rows()):
        yield number, pad + list(row)


OUT_OF_RANGE = re.compile(r"Cell (\w+) is marked as a date but the serial value (\S+) is outside")


class Opening:
    """Open a workbook and read its sheets' rows, collecting every problem found.

    Parameters
    ----------
    path
        The workbook; only read.
    catalogue
        The catalogue the values are checked against.
    as_of
        The assessment date (records dated after it are errors).
    lang
        Language of the problem messages.
    """

    def __init__(self, path: Path, catalogue: Catalogue, as_of: dt.date | None, lang: str) -> None:
        self.path = path
        self.catalogue = catalogue
        self.as_of = as_of
        self._ = translator(lang)
        self.lang = lang
        self.problems: list[Problem] = []
        self.memo: dict[tuple[Any, ...], Any] = {}  # parsed cell values, see Reader.parsed
        self.exclusions_place = ""  # "Office!B7": where the requirements not applied are listed
        self.sources_place = ""  # "Office!B9": where the registers' sources file is named

    def speak(self, lang: str) -> None:
        """Write the problems found from now on in ``lang``."""
        self.lang = lang
        self._ = translator(lang)

    def label(self, column: Column) -> str:
        """A column's name in the language of the messages."""
        return label(column, self.lang)

    # -- problems -------------------------------------------------------------------------
    def add(  # noqa: D102  # records one problem in the language of the messages
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
        """The workbook, after the guard let it through; None (with a problem) otherwise."""
        _ = self._
        refusal = inspect(self.path)  # a missing path, a folder or a pipe included
        if refusal is not None:
            self.add(
                refusal.code,
                _(refusal.message),
                value=_(refusal.found) if refusal.found else "",
                expected=_("an .xlsx workbook saved by Excel or LibreOffice"),
                hint=_(refusal.hint) if refusal.hint else "",
            )
            return None
        with native_stderr_held() as panicked:  # a panic's text is ours to tell, not Rust's
            try:
                return CalamineWorkbook.from_path(str(self.path))
            except BaseException as exc:  # calamine raises several unrelated error types
                if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
                    raise
                panicked.append(True)
                failure = type(exc).__name__
        self.add(
            "corrupt",
            _("The workbook is damaged and cannot be read."),
            value=failure,
            expected=_("an .xlsx workbook saved by Excel or LibreOffice"),
            hint=_("Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)."),
        )
        return None

    def rows(self, book: CalamineWorkbook, name: str) -> list[tuple[int, list[Any]]]:
        """All rows of a sheet; a sheet python-calamine cannot read is read with openpyxl.

        python-calamine panics on a date cell beyond the year 9999 (upstream issue
        dimastbk/python-calamine#139); openpyxl reads the same cell as an error and names
        it, so the user is told which cell to fix and every other problem is still found.
        """
        with native_stderr_held() as panicked:
            try:
                return list(sheet_rows(book.get_sheet_by_name(name)))
            except Exception as exc:  # calamine raises several unrelated error types
                self.add(
                    "corrupt",
                    self._("The workbook is damaged and cannot be read."),
                    sheet=name,
                    value=type(exc).__name__,
                    expected=self._("an .xlsx workbook saved by Excel or LibreOffice"),
                    hint=self._(
                        "Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)."
                    ),
                )
                return []
            except BaseException as exc:
                if type(exc).__name__ != "PanicException":
                    raise
                panicked.append(True)  # its message is ours to give, naming the cell
        return self.rows_by_openpyxl(name)

    def rows_by_openpyxl(self, name: str) -> list[tuple[int, list[Any]]]:
        """All rows of a sheet read by openpyxl; a date beyond 9999 is named as a problem."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import openpyxl  # only for a sheet calamine cannot read (openpyxl loads numpy)

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
            match = OUT_OF_RANGE.search(str(warning.message))
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

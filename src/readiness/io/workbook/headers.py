"""Finding a sheet and its header row, in whichever language the workbook was written.

Headers may sit anywhere in the first rows; each column is found by its label in en, pl
or bg (and the labels of earlier templates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from python_calamine import CalamineWorkbook

from readiness.core.messages import every_translation
from readiness.core.schema import OFFICE, Sheet, labels
from readiness.io.cells import cell_name, is_blank, norm
from readiness.io.workbook.opening import Opening

HEADER_SCAN_ROWS = 15
MAX_DATA_ROWS = 50_000


@dataclass
class Table:
    """The rows of a table sheet below its header, with the column each key was found in."""

    sheet_name: str
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


class Headers(Opening):
    """Sheets found by name and columns by header, in any language."""

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

    def table(self, book: CalamineWorkbook, sheet: Sheet) -> Table | None:
        """A table sheet's rows below its header; None when the sheet or a column is missing."""
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
        table = Table(sheet_name=name, columns=columns)
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

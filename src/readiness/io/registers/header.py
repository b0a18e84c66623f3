"""A register's header row found, and its columns named in ``[columns]`` mapped.

The header is ``header_row`` when the sources file gives it (checked to hold the headers
named), otherwise the row among the first ``HEADER_SCAN_ROWS`` matching most of them. A row
of merged group headings above it is joined as ``Group / column``. A survey register's
question columns are found here too (:func:`question_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from readiness.io.cells import cell_name, is_blank, norm, text
from readiness.io.registers.files import Grid
from readiness.io.registers.role import Field
from readiness.io.registers.spec import RegisterProblems, RegisterSpec

HEADER_SCAN_ROWS = 15


@dataclass
class Column:
    """A column of the register as found: its index and the header text shown."""

    index: int
    header: str


def header_names(rows: list[list[Any]], index: int) -> list[tuple[str, set[str]]]:
    """For each column of header row ``index``: the name shown and the names it answers to.

    A row above with two or more filled cells is a row of group headings (merged cells):
    a column under a group is named ``Group / column`` and also answers to ``column``.
    """
    row = rows[index] if index < len(rows) else []
    above = rows[index - 1] if index > 0 and index - 1 < len(rows) else []
    groups = sum(1 for v in above if not is_blank(v)) >= 2
    out: list[tuple[str, set[str]]] = []
    group = ""
    for j in range(max(len(row), len(above) if groups else 0)):
        cell = text(row[j]) if j < len(row) else ""
        top = text(above[j]) if groups and j < len(above) else ""
        if top:
            group = top
        elif not cell:
            group = ""
        if groups and cell and group:
            shown = f"{group} / {cell}"
            out.append((shown, {norm(shown), norm(cell)}))
        elif cell:
            out.append((cell, {norm(cell)}))
        elif groups and top:
            out.append((top, {norm(top)}))
        else:
            out.append(("", set()))
    return out


def find_header(reader: RegisterProblems, spec: RegisterSpec, grid: Grid, sheet: str) -> int | None:
    """The 0-based header row: ``header_row``, or the row matching most mapped headers."""
    _ = reader._
    wanted = {norm(h) for h in spec.columns.values()}

    def score(i: int) -> int:
        words = set().union(*(w for _n, w in header_names(grid.rows, i)))
        return len(wanted & words)

    scan = range(min(HEADER_SCAN_ROWS, len(grid.rows)))
    best = max(scan, key=lambda i: (score(i), -i), default=None)
    if spec.header_row is not None:
        index = spec.header_row - 1
        if index >= len(grid.rows) or (wanted and score(index) == 0):
            found = f"header_row = {best + 1}" if best is not None and score(best) else ""
            reader.add(
                spec,
                "header-not-found",
                _("Row {row} does not hold the headers named in [columns].").format(
                    row=spec.header_row
                ),
                sheet=sheet,
                cell=cell_name(index, 0),
                value=found,
                expected=", ".join(spec.columns.values()),
                hint=_(
                    "The header may have moved: set header_row to the row that "
                    "holds it, or leave header_row out to have it found."
                ),
            )
            return None
        return index
    if best is None or not score(best):
        reader.add(
            spec,
            "header-not-found",
            _("No row in the first {n} holds the headers named in [columns].").format(
                n=HEADER_SCAN_ROWS
            ),
            sheet=sheet,
            expected=", ".join(spec.columns.values()),
            hint=_(
                "Check [registers.{name}.columns] against the register's header "
                "row, or set header_row."
            ).format(name=spec.name),
        )
        return None
    return best


def map_columns(
    reader: RegisterProblems, spec: RegisterSpec, names: list[tuple[str, set[str]]], index: int,
    fields: dict[str, Field], sheet: str,
) -> tuple[dict[str, Column], bool]:  # fmt: skip
    """Each ``[columns]`` entry's column under header row ``index``, and whether any is missing.

    A header found twice or not at all, and a field every row needs that nothing gives, are
    errors: the register's rows are then not read.
    """
    _ = reader._
    mapped: dict[str, Column] = {}
    missing = False
    for key, header in spec.columns.items():
        hits = [j for j, (_n, words) in enumerate(names) if norm(header) in words]
        if len(hits) > 1:
            reader.add(
                spec,
                "ambiguous-column",
                _("Several columns are headed {header}.").format(header=header),
                sheet=sheet,
                cell=cell_name(index, hits[1]),
                value=header,
                expected=", ".join(names[j][0] for j in hits),
                hint=_("Name the column by its group and header, as shown: Group / column."),
            )
            missing = True
            continue
        if not hits:
            reader.add(
                spec,
                "missing-column",
                _("The register has no column {header} (for {field}).").format(
                    header=header, field=key
                ),
                sheet=sheet,
                cell=cell_name(index, 0),
                value=header,
                expected=" | ".join(n for n, _w in names if n),
                hint=_(
                    'Change {field} = "..." under [registers.{name}.columns] to '
                    "one of the headers found, or set header_row if the header "
                    "is another row."
                ).format(field=key, name=spec.name),
            )
            missing = True
            continue
        mapped[key] = Column(hits[0], names[hits[0]][0])
    for f in fields.values():
        if f.required and f.key not in mapped and f.key not in spec.defaults:
            if f.key in spec.columns:
                continue  # already reported
            reader.add(
                spec,
                "unmapped-field",
                _("Nothing gives {field}, which every row needs.").format(field=f.key),
                sheet=sheet,
                expected=f'{f.key} = "..."',
                hint=_(
                    "Map a column to it under [registers.{name}.columns], or give "
                    "a value under [registers.{name}.defaults]."
                ).format(name=spec.name),
            )
            missing = True
    return mapped, missing


def question_columns(
    report: RegisterProblems,
    spec: RegisterSpec,
    names: list[tuple[str, set[str]]],
    index: int,
    mapped: dict[str, Column],
    sheet: str,
) -> list[tuple[str, int]] | None:
    """A survey register's question columns: (header, column); None when one named is missing.

    The questions are those ``questions`` names in the sources file; without it, when a
    ``service`` column is mapped (one row per respondent), every other column with a
    header; else none (a register of surveys held, one row each, read as before).
    """
    _ = report._
    taken = {c.index for c in mapped.values()}
    if spec.questions is None:
        if "service" not in mapped:
            return []
        return [(shown, j) for j, (shown, _w) in enumerate(names) if shown and j not in taken]
    out: list[tuple[str, int]] = []
    for header in spec.questions:
        hits = [j for j, (_n, words) in enumerate(names) if norm(header) in words]
        if len(hits) != 1 or hits[0] in taken:
            report.add(
                spec,
                "missing-column" if not hits else "ambiguous-column",
                _("The register has no single column {header} (a question).").format(header=header),
                sheet=sheet,
                cell=cell_name(index, hits[-1] if hits else 0),
                value=header,
                expected=" | ".join(n for n, _w in names if n),
                hint=_(
                    "Correct the question in questions = [...] under [registers.{name}] to "
                    "one of the headers found, or leave questions out to read every column "
                    "not mapped as a question."
                ).format(name=spec.name),
            )
            return None
        out.append((names[hits[0]][0], hits[0]))
    return out

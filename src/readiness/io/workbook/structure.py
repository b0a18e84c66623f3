"""The office's structure (optional sheets): its departments and its internal auditors.

Both sheets are read with the rest of the workbook, in its one read. A workbook without
them reads as before; ``readiness audit-plan`` then says what to fill in. A department
named twice is an error; an auditor's department that the Departments sheet does not list
is a warning naming the cell (the auditor still audits, never that department).
"""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from readiness.core.model import Auditor, Department
from readiness.core.schema import AUDITORS, DEPARTMENTS
from readiness.io.cells import cell_name, norm
from readiness.io.workbook.rules import Reader


def read_structure(
    reader: Reader, book: CalamineWorkbook
) -> tuple[tuple[Department, ...], tuple[Auditor, ...]]:
    """The Departments and Auditors sheets' records; empty where a sheet is missing."""
    departments: list[Department] = []
    seen: dict[str, int] = {}
    table = reader.table(book, DEPARTMENTS)
    if table is not None:
        for number, row, _raw in reader.typed_rows(table, DEPARTMENTS):
            name = row["name"]
            key = norm(name)
            if key in seen:
                reader.add(
                    "duplicate-department",
                    reader._("Department {name} is listed twice (first in row {row}).").format(
                        name=name, row=seen[key]
                    ),
                    sheet=table.sheet_name,
                    cell=cell_name(number, table.columns["name"]),
                    value=name,
                    expected=reader._("one row per department"),
                    hint=reader._("Keep one row for the department and merge what it carries."),
                )
                continue
            seen[key] = number + 1
            departments.append(
                Department(
                    name=name,
                    head=row.get("head") or "",
                    refs=tuple(row.get("refs") or ()),
                    processes=row.get("processes") or "",
                    changes=row.get("changes") or "",
                    row=number + 1,
                )
            )
    auditors: list[Auditor] = []
    table = reader.table(book, AUDITORS)
    if table is not None:
        for number, row, _raw in reader.typed_rows(table, AUDITORS):
            department = row.get("department") or ""
            if department and seen and norm(department) not in seen:
                reader.add(
                    "unknown-department",
                    reader._("The Departments sheet does not list this department."),
                    severity="warning",
                    sheet=table.sheet_name,
                    cell=cell_name(number, table.columns["department"]),
                    value=department,
                    expected=reader._("a department named in the Departments sheet"),
                    hint=reader._("Write the department's name as the Departments sheet does."),
                )
            auditors.append(
                Auditor(
                    name=row["name"],
                    department=department,
                    trained_on=row.get("trained_on"),
                    may_lead=row.get("may_lead") == "yes",
                    row=number + 1,
                )
            )
    return tuple(departments), tuple(auditors)

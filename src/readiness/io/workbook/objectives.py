"""The optional Objectives and Objective results sheets: quality objectives (6.2) and values.

Both are read with the rest of the workbook, in its one read; a workbook without them reads
as before. The Objectives sheet holds one row per objective with its 6.2.2 planning items
(what will be done, resources, owner, deadline, how results are evaluated); a blank item
stays empty, for the report to name as missing. The Objective results sheet holds one row
per objective and period with the value measured; values are read as people type them
("92,5", "92 %"). An objective named twice, or a period measured twice for the same
objective, is an error naming the cell; a result for an objective the Objectives sheet does
not list is a warning (the value is still read: it may name the objective by its indicator).
"""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from readiness.core.model import Objective, ObjectiveResult
from readiness.core.schema import OBJECTIVE_RESULTS, OBJECTIVES
from readiness.io.cells import cell_name, norm
from readiness.io.workbook.rules import Reader


def read_objectives(
    reader: Reader, book: CalamineWorkbook
) -> tuple[tuple[Objective, ...], tuple[ObjectiveResult, ...]]:
    """The Objectives and Objective results sheets' records; empty where a sheet is missing."""
    objectives: list[Objective] = []
    seen: dict[str, int] = {}
    table = reader.table(book, OBJECTIVES)
    if table is not None:
        for number, row, _raw in reader.typed_rows(table, OBJECTIVES):
            name = row["name"]
            if norm(name) in seen:
                reader.add(
                    "duplicate-objective",
                    reader._("Objective {name} is listed twice (first in row {row}).").format(
                        name=name, row=seen[norm(name)]
                    ),
                    sheet=table.sheet_name,
                    cell=cell_name(number, table.columns["name"]),
                    value=name,
                    expected=reader._("one row per quality objective"),
                    hint=reader._(
                        "Keep one row per objective; its values per period go to the "
                        "Objective results sheet."
                    ),
                )
                continue
            seen[norm(name)] = number + 1
            objectives.append(
                Objective(
                    name=name,
                    indicator=row.get("indicator") or "",
                    process=row.get("process") or "",
                    unit=row.get("unit") or "",
                    higher_is_better=row.get("direction") != "lower",
                    baseline=row.get("baseline"),
                    target=row.get("target"),
                    deadline=row.get("deadline"),
                    period=row.get("period") or "",
                    owner=row.get("owner") or "",
                    actions=row.get("actions") or "",
                    resources=row.get("resources") or "",
                    evaluation=row.get("evaluation") or "",
                    row=number + 1,
                )
            )
    # a result names its objective by the objective's name or by its indicator
    known = {norm(o.name) for o in objectives} | {norm(o.indicator) for o in objectives}
    known.discard("")
    results: list[ObjectiveResult] = []
    measured: dict[tuple[str, str], int] = {}
    table = reader.table(book, OBJECTIVE_RESULTS)
    if table is not None:
        for number, row, _raw in reader.typed_rows(table, OBJECTIVE_RESULTS):
            objective, period = row["objective"], row["period"]
            key = (norm(objective), norm(period))
            if key in measured:
                reader.add(
                    "duplicate-result",
                    reader._(
                        "The objective {name} has two values for the period {period} "
                        "(first in row {row})."
                    ).format(name=objective, period=period, row=measured[key]),
                    sheet=table.sheet_name,
                    cell=cell_name(number, table.columns["period"]),
                    value=period,
                    expected=reader._("one row per objective and period"),
                    hint=reader._("Keep the value measured for the period and delete the other."),
                )
                continue
            measured[key] = number + 1
            if objectives and norm(objective) not in known:
                reader.add(
                    "unknown-objective",
                    reader._("The Objectives sheet does not list this objective."),
                    severity="warning",
                    sheet=table.sheet_name,
                    cell=cell_name(number, table.columns["objective"]),
                    value=objective,
                    expected=reader._("an objective named in the Objectives sheet"),
                    hint=reader._("Write the objective's name as the Objectives sheet does."),
                )
            results.append(
                ObjectiveResult(
                    objective=objective,
                    period=period,
                    value=row["value"],
                    measured_on=row.get("measured_on"),
                    row=number + 1,
                )
            )
    return tuple(objectives), tuple(results)

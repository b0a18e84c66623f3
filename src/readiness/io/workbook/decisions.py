"""The optional Review decisions sheet: what each management review decided (9.3.3).

One row per decision: the date of the review that took it (the Reviews sheet's date), its
kind (an improvement, a change to the system, a resource need), the decision, its owner,
due date and status. The review pack prints its decisions table in these columns, so that
the table filled in at the review pastes back here and the next pack reports the status
(9.3.2 a). A workbook without the sheet reads as before. A review date after the assessment
date is an error; a date the Reviews sheet does not list is a warning naming the cell.

The statuses have their own words (``decision_status``: "do realizacji", "за изпълнение"...);
the finding's words older templates held ("otwarte", "незакрита", "wykonane") still read
(``readiness.core.messages.FORMER_TRANSLATIONS``).
"""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from readiness.core.model import Review, ReviewDecision
from readiness.core.schema import REVIEW_DECISIONS
from readiness.io.cells import cell_name
from readiness.io.workbook.rules import Reader


def read_decisions(
    reader: Reader, book: CalamineWorkbook, reviews: list[Review]
) -> tuple[ReviewDecision, ...]:
    """The Review decisions sheet's records; empty when the sheet is missing.

    Parameters
    ----------
    reader
        The workbook's reader (problems are added to it).
    book
        The workbook, open.
    reviews
        The Reviews sheet's records: a decision's review date should be one of theirs.
    """
    table = reader.table(book, REVIEW_DECISIONS)
    if table is None:
        return ()
    held = {review.date for review in reviews}
    decisions: list[ReviewDecision] = []
    for number, row, _raw in reader.typed_rows(table, REVIEW_DECISIONS):
        cell = cell_name(number, table.columns["review"])
        reader.not_after_as_of(row["review"], table.sheet_name, cell)
        if row["review"] not in held:
            reader.add(
                "unknown-review",
                reader._("The Reviews sheet has no review on this date."),
                severity="warning",
                sheet=table.sheet_name,
                cell=cell,
                value=row["review"],
                expected=reader._("the date of a review in the Reviews sheet"),
                hint=reader._("Add the review to the Reviews sheet, or correct the date."),
            )
        decisions.append(
            ReviewDecision(
                review=row["review"],
                kind=row["kind"],
                description=row["description"],
                owner=row.get("owner") or "",
                due=row.get("due"),
                status=row.get("status") or "open",
                row=number + 1,
            )
        )
    return tuple(decisions)

"""Climate change in the management review: 4.1's decision and what changed since (9.3.2 b)).

ISO 9001:2015/Amd 1:2024 made 4.1 ask whether climate change is a relevant issue for the
organisation; the management review then considers changes in that issue among the
external and internal issues (9.3.2 b)) only where 4.1 found it relevant. :class:`Climate`
is what the pack states about it: whether the office recorded 4.1's decision, what the
decision was, where it is recorded, and the climate-related changes since the last review.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Climate:
    """Climate change as an issue of the office's context, at the report date.

    Attributes
    ----------
    decided
        The workbook records 4.1's decision on whether climate change is a relevant issue.
    relevant
        The decision: climate change is a relevant issue (False when not ``decided``).
    recorded_in
        Where the office recorded its conclusion (a document's name), "" when not said.
    changes
        The climate-related changes since the last review (risk register entries and the
        departments' recorded changes), each as one line of text; empty when none or when
        climate change was not found relevant.
    """

    decided: bool
    relevant: bool
    recorded_in: str = ""
    changes: tuple[str, ...] = ()

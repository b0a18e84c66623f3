"""The notebooks a report runs after the stage notebooks, and for which offices.

They are listed in ``data/stages.toml`` as ``[[extra]]`` tables: the transition to the next
edition of the standard for a certified office (``when = "certified"``), and the other
frameworks whenever the report shows some (``when = "frameworks"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from readiness.core.catalogue import DEFAULT_EDITION, CatalogueError, Stage, stages_table
from readiness.core.editions import next_edition

WHEN = ("certified", "frameworks")


@cache
def extras() -> tuple[tuple[str, str], ...]:
    """``(notebook, when)`` for every extra notebook, in the order the report runs them.

    From ``stages.toml`` as ``load_catalogue`` read it (``stages_table``, once a process).
    """
    out = []
    for item in stages_table().get("extra", []):
        if item.get("when") not in WHEN:
            raise CatalogueError(f"extra notebook {item.get('notebook')}: when is one of {WHEN}")
        out.append((str(item["notebook"]), str(item["when"])))
    return tuple(out)


def extra_notebooks(
    stage: Stage, frameworks: Sequence[str], edition: str = DEFAULT_EDITION
) -> list[str]:
    """The extra notebooks for an office at ``stage``.

    Parameters
    ----------
    stage
        The stage the report runs up to.
    frameworks
        The frameworks the report shows (none: no frameworks notebook).
    edition
        The edition the office is assessed against; the transition notebook runs only when
        a newer edition follows it.
    """
    out = []
    for notebook, when in extras():
        transition = when == "certified" and stage.kind == "certified" and next_edition(edition)
        if transition or (when == "frameworks" and frameworks):
            out.append(notebook)
    return out

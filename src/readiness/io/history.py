"""Earlier runs of the same office: what changed since, and the readiness trend.

Reads the ``results.json`` of earlier runs under the office's report folder through
``readiness.io.results.load_results`` into typed records; the comparison itself is a pure
function of an earlier record and the current results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.io.results import Results, levels, load_results, open_ids

Run = Results  # one earlier run, as its results.json holds it


@dataclass(frozen=True)
class Changes:
    """What changed between two runs."""

    previous: dt.date
    improved: tuple[tuple[str, int, int], ...]
    regressed: tuple[tuple[str, int, int], ...]
    opened: tuple[str, ...]
    closed: tuple[str, ...]


def load_run(path: Path) -> Run | None:
    """A run from its ``results.json`` (or its folder); None when unreadable."""
    return load_results(path)


def earlier_runs(office_dir: Path | None, before: dt.date, lang: str | None = None) -> list[Run]:
    """Completed runs in ``office_dir`` dated before ``before`` (in ``lang``), oldest first."""
    if office_dir is None or not office_dir.is_dir():
        return []
    paths = sorted(office_dir.glob("*/results.json"))
    runs = [load_run(p) for p in paths if not p.parent.name.startswith(".")]
    kept = [r for r in runs if r is not None and r.as_of < before and lang in (None, r.lang)]
    return sorted(kept, key=lambda r: r.as_of)


def compare(previous: Run, current: Mapping[str, Any]) -> Changes:
    """Requirements that improved or regressed, and findings opened and closed since.

    ``current`` is the current assessment in its ``results.json`` form
    (``Assessment.to_dict``), read with the same parsers as an earlier run's file.
    """
    before, after = previous.levels, levels(current)
    common = [ref for ref in after if ref in before]
    was_open, now_open = previous.open_findings, open_ids(current)
    return Changes(
        previous=previous.as_of,
        improved=tuple((r, before[r], after[r]) for r in common if after[r] > before[r]),
        regressed=tuple((r, before[r], after[r]) for r in common if after[r] < before[r]),
        opened=tuple(sorted(now_open - was_open)),
        closed=tuple(sorted(was_open - now_open)),
    )

"""Climate change in the management review: 4.1's decision and what changed since (9.3.2 b)).

ISO 9001:2015/Amd 1:2024 made 4.1 ask whether climate change is a relevant issue for the
organisation; the management review then considers changes in that issue among the
external and internal issues (9.3.2 b)) only where 4.1 found it relevant. :class:`Climate`
is what the pack states about it: whether the office recorded 4.1's decision, what the
decision was, where it is recorded, and the climate-related changes since the last review.

The decision comes from the Office sheet (climate change a relevant issue: yes, no, or blank
while not decided; and the document that records the conclusion). Which changes concern
climate is a rule kept as data in ``data/climate.toml``, with its source: a text concerns
climate when one of its words (letters and digits, case-folded) begins with one of the
stems listed per language (klimat, upał, powódź, susz...; климат, жег, наводн, засуш...;
climat, flood, drought, storm...) and with none of the exceptions (klimatyzacja, климатик:
air conditioning; powodzenie: success), or is one of the whole words (heat, which would
otherwise catch heating). Every language's list applies to every text. :func:`assess` lists
the changes only where 4.1 found climate change relevant; otherwise the list is empty.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

WORD = re.compile(r"\w+")


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


@dataclass(frozen=True)
class Rule:
    """Which texts concern climate (``data/climate.toml``), every language's lists merged."""

    stems: tuple[str, ...]
    words: frozenset[str]
    exceptions: tuple[str, ...]
    source: str

    def matches(self, text: str) -> bool:
        """Whether ``text`` concerns climate: a word begins with a stem (not an exception)."""
        for word in WORD.findall(text.casefold()):
            if word in self.words:
                return True
            if word.startswith(self.stems) and not word.startswith(self.exceptions):
                return True
        return False


@cache
def rule() -> Rule:
    """The rule in ``data/climate.toml``, its stems, words and exceptions case-folded."""
    text = (resources.files("readiness") / "data" / "climate.toml").read_text("utf-8")
    doc = tomllib.loads(text)

    def merged(table: str) -> tuple[str, ...]:
        found = {str(w).casefold() for words in doc[table].values() for w in words}
        if any(not WORD.fullmatch(w) for w in found):
            raise ValueError(f"climate.toml: [{table}] holds more than one word: {sorted(found)}")
        return tuple(sorted(found))

    return Rule(
        stems=merged("stems"),
        words=frozenset(merged("words")),
        exceptions=merged("exceptions"),
        source=str(doc["source"]),
    )


def concerns_climate(text: str) -> bool:
    """Whether a recorded change's text concerns climate, by the rule in ``data/climate.toml``."""
    return rule().matches(text)


def line(who: str, what: str) -> str:
    """A change as :class:`Climate` lists it: "who: what", or "what" when no one is named."""
    what = what.strip()
    return f"{who}: {what}" if who else what


def assess(relevant: bool | None, recorded_in: str, changes: Iterable[tuple[str, str]]) -> Climate:
    """Climate at the report date: 4.1's decision and the changes that concern climate.

    Parameters
    ----------
    relevant
        The Office sheet's answer: True (relevant), False (not relevant), None (not decided).
    recorded_in
        Where the conclusion is recorded, as the Office sheet names it.
    changes
        The changes recorded since the last review, each as (who recorded it, or "", what
        changed); only what changed is judged, so that a department's name alone (a
        climate department) does not make its every change about climate.

    Returns
    -------
    Climate
        ``changes`` holds one line per change that concerns climate ("who: what", or "what"),
        in order and without repeats, only when climate change was found relevant; it is
        empty otherwise.
    """
    lines: dict[str, None] = {}
    if relevant:
        for who, what in changes:
            if what.strip() and concerns_climate(what):
                lines[line(who, what)] = None
    return Climate(
        decided=relevant is not None,
        relevant=bool(relevant),
        recorded_in=recorded_in.strip(),
        changes=tuple(lines),
    )

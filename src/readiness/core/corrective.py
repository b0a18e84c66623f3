"""A corrective action's status when its register has no status column: derived, and said so.

Many registers of nonconformities and corrective actions keep a closing date, or an
effectiveness column ("Ocena skuteczności": effective, in progress, not effective), but no
status. :func:`derive_status` applies the rule in ``data/corrective.toml`` (first that
applies):

1. the effectiveness column says effective: **verified**;
2. it says not effective: **open** (the action did not work and must be taken again);
3. it says in progress or to be assessed: **closed** when a closing date is given (done,
   effectiveness not yet verified), else **in progress**;
4. no effectiveness word, a closing date given: **closed** (effectiveness not verified);
5. neither: **open**.

A word in the effectiveness column that the rule does not know gives no status
(``status`` is None): the register's reader must then refuse the row, naming the column
and asking for a status column in the sources file or the word mapped. The result always
says it was derived and why (a message id), so the report shows the status as derived.

The statuses are the Findings sheet's (``open``, ``in_progress``, ``closed``,
``verified``), so a derived status counts like a written one.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from readiness.core.messages import N_

Status = Literal["open", "in_progress", "closed", "verified"]
Effect = Literal["effective", "not_effective", "in_progress"]

#: why the status is what it is (message ids)
REASONS = {
    "effective": N_("derived: the effectiveness column says effective"),
    "not_effective": N_("derived: the effectiveness column says not effective"),
    "assessing_closed": N_(
        "derived: closed on the closing date; effectiveness still being assessed"
    ),
    "assessing": N_("derived: the effectiveness column says in progress"),
    "closed": N_("derived: a closing date is given; effectiveness not verified"),
    "open": N_("derived: no closing date and no effectiveness assessment"),
    "unknown": N_(
        "The effectiveness column holds \u201c{value}\u201d, which gives no status: add a "
        "status column to the sources file, or write effective, in progress or not effective."
    ),
}


@dataclass(frozen=True)
class Derived:
    """A status derived from a register's row.

    Attributes
    ----------
    status
        The Findings sheet's status, or None when the effectiveness word is not known.
    reason
        Why, as a message id (``{value}`` is the word read, for an unknown word).
    value
        The effectiveness text read (stripped), "" when the column is blank or absent.
    derived
        Always True: the register did not state it.
    """

    status: Status | None
    reason: str
    value: str = ""
    derived: bool = True


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".").strip()


@cache
def effectiveness_words() -> dict[str, Effect]:
    """Each known effectiveness word (normalised) and what it means (``data/corrective.toml``)."""
    text = (resources.files("readiness") / "data" / "corrective.toml").read_text("utf-8")
    words = tomllib.loads(text)["words"]
    out: dict[str, Effect] = {}
    for effect in ("effective", "not_effective", "in_progress"):
        for word in words[effect]:
            key = _norm(word)
            if key in out and out[key] != effect:
                raise ValueError(f"corrective.toml: {word!r} is listed twice")
            out[key] = effect
    return out


def effect_of(text: str) -> Effect | None:
    """What an effectiveness cell means, or None when blank or not a known word."""
    return effectiveness_words().get(_norm(text)) if text.strip() else None


def derive_status(closed_on: dt.date | None, effectiveness: str = "") -> Derived:
    """A corrective action's status from its closing date and effectiveness (the module's rule).

    Parameters
    ----------
    closed_on
        The closing date read from the register, or None.
    effectiveness
        The effectiveness cell's text ("" when the register has no such column).

    Returns
    -------
    Derived
        The status (None for an unknown word), its reason and the text read.
    """
    value = " ".join(effectiveness.split())
    if value:
        effect = effect_of(value)
        if effect is None:
            return Derived(None, REASONS["unknown"], value)
        if effect == "effective":
            return Derived("verified", REASONS["effective"], value)
        if effect == "not_effective":
            return Derived("open", REASONS["not_effective"], value)
        if closed_on is not None:
            return Derived("closed", REASONS["assessing_closed"], value)
        return Derived("in_progress", REASONS["assessing"], value)
    if closed_on is not None:
        return Derived("closed", REASONS["closed"])
    return Derived("open", REASONS["open"])

"""A corrective action's status derived from its closing date and effectiveness column."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.corrective import REASONS, derive_status, effect_of, effectiveness_words

DAY = dt.date(2026, 10, 1)


@pytest.mark.parametrize(
    ("closed", "word", "status", "reason"),
    [
        (DAY, "Skuteczne", "verified", "effective"),
        (None, "ефективно", "verified", "effective"),
        (DAY, "effective.", "verified", "effective"),
        (DAY, "nieskuteczne", "open", "not_effective"),
        (DAY, "  НЕЕФЕКТИВНО ", "open", "not_effective"),
        (DAY, "w toku", "closed", "assessing_closed"),
        (None, "W  trakcie", "in_progress", "assessing"),
        (None, "в процес", "in_progress", "assessing"),
        (None, "to be assessed", "in_progress", "assessing"),
        (DAY, "", "closed", "closed"),
        (None, "", "open", "open"),
        (None, "   ", "open", "open"),
    ],
)
def test_the_rule(closed: dt.date | None, word: str, status: str, reason: str) -> None:
    got = derive_status(closed, word)
    assert (got.status, got.reason, got.derived) == (status, REASONS[reason], True)


def test_an_unknown_word_gives_no_status_and_names_the_value() -> None:
    got = derive_status(DAY, "  maybe later ")
    assert got.status is None
    assert got.value == "maybe later"
    assert "{value}" in got.reason
    assert got.reason.format(value=got.value).startswith("The effectiveness column holds")


def test_every_word_in_the_three_languages_has_one_meaning() -> None:
    words = effectiveness_words()
    assert {"skuteczne", "ефективно", "effective"} <= {
        w for w, e in words.items() if e == "effective"
    }
    assert effect_of("") is None
    assert effect_of("Nie") == "not_effective"
    assert len(set(words.values())) == 3

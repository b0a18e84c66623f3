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


#: the forms offices write, agreeing with their column's noun or in the plural; Bulgarian
#: in both ефикасн- (the ISO text's and the glossary's word) and ефективн- (many registers)
FORMS = {
    "effective": [
        "ефикасно", "ефикасна", "ефикасен", "ефикасни", "Ефикасно.", "ефективни",
        "потвърдена ефективност", "потвърдена ефикасност",
        "skuteczność potwierdzona", "potwierdzona skuteczność",
        "effectiveness confirmed", "effectiveness verified",
    ],
    "not_effective": [
        "неефикасно", "неефикасна", "неефикасен", "неефикасни", "неефективни",
        "не е ефективно", "не е ефикасно", "частично ефективно", "частично ефикасно",
        "brak skuteczności", "częściowo skuteczne", "częściowo skuteczna",
        "partially effective",
    ],
    "in_progress": [
        "в процес на оценка", "в процес на проверка", "предстои проверка", "очаква оценка",
        "очаква проверка", "не е оценено", "неоценено",
        "w trakcie oceny", "w trakcie weryfikacji", "oczekuje na ocenę",
        "oczekuje na weryfikację", "do sprawdzenia", "nie oceniono", "brak oceny",
        "under assessment", "awaiting assessment", "awaiting verification", "not yet assessed",
    ],
}  # fmt: skip
STATUS = {"effective": "verified", "not_effective": "open", "in_progress": "in_progress"}


@pytest.mark.parametrize(("word", "effect"), [(w, e) for e, words in FORMS.items() for w in words])
def test_each_form_offices_write_gives_its_status(word: str, effect: str) -> None:
    assert effect_of(word) == effect
    got = derive_status(None, word)
    assert got.status == STATUS[effect] and got.value == word

"""Cell values as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.catalogue import load_catalogue
from readiness.core.schema import CHOICES
from readiness.io.cells import (
    BadValue,
    RefAsDate,
    parse_choice,
    parse_date,
    parse_level,
    parse_ref,
    parse_refs,
    refs_from_date,
    text,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.date(2026, 3, 31), dt.date(2026, 3, 31)),
        (dt.datetime(2026, 3, 31, 0, 0), dt.date(2026, 3, 31)),
        (46112, dt.date(2026, 3, 31)),
        (46112.0, dt.date(2026, 3, 31)),
        ("2026-03-31", dt.date(2026, 3, 31)),
        ("2026-03-31 00:00:00", dt.date(2026, 3, 31)),
        ("31.03.2026", dt.date(2026, 3, 31)),
        ("31.03.2026 r.", dt.date(2026, 3, 31)),
        ("31.03.2026 г.", dt.date(2026, 3, 31)),
        ("1.3.2026", dt.date(2026, 3, 1)),
        ("31/03/2026", dt.date(2026, 3, 31)),
        ("  2026-03-31  ", dt.date(2026, 3, 31)),
    ],
)
def test_dates_in_every_usual_form(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["31.02.2026", "tomorrow", "2026-13-01", -5, 46112.5, True, "03/31/2026"]
)
def test_impossible_dates_are_refused(raw):
    with pytest.raises(BadValue, match="date"):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        ("3 - implemented", 3),
        ("3 – wdrożone", 3),
        ("4 - ефективно", 4),
        ("0", 0),
        ("implemented", 3),
        ("Implemented ", 3),
        ("N/A", None),
        ("nie dotyczy", None),
        ("н/п", None),
        ("na", None),
    ],
)
def test_levels_in_every_usual_form(raw, expected):
    assert parse_level(raw) == expected


@pytest.mark.parametrize("raw", [5, -1, 2.5, "five", "35", True])
def test_levels_outside_the_scale_are_refused(raw):
    with pytest.raises(BadValue, match="0-4"):
        parse_level(raw)


def test_choices_match_key_or_label_in_any_language():
    grades = CHOICES["grade"]
    assert parse_choice("major", grades) == "major"
    assert parse_choice("Minor nonconformity", grades) == "minor"
    with pytest.raises(BadValue) as err:
        parse_choice("catastrophic", grades)
    assert "observation" in str(err.value)


def test_refs_expand_headings_and_all():
    cat = load_catalogue()
    assert parse_refs("9.2.1; 9.2.2", cat) == ("9.2.1", "9.2.2")
    assert parse_refs("7.1.5", cat) == ("7.1.5.1", "7.1.5.2")
    assert parse_refs("9.3, 4.3", cat) == ("4.3", "9.3.1", "9.3.2", "9.3.3")
    assert len(parse_refs("all", cat)) == 65
    assert len(parse_refs("8", cat)) == 24
    with pytest.raises(BadValue):
        parse_refs("11.1", cat)


def test_text_drops_spurious_decimals():
    assert text(7.0) == "7"
    assert text(None) == ""
    assert text(" a ") == "a"


@pytest.mark.parametrize(
    ("cell", "ref"),
    [
        (dt.date(2026, 2, 9), "9.2"),  # "9.2" typed in Polish or Bulgarian Excel: 9 February
        (dt.date(2026, 9, 2), "9.2"),  # the same in a month.day locale: 2 September
        (dt.date(2026, 2, 10), "10.2"),
        (dt.date(2026, 10, 2), "10.2"),
        (dt.datetime(2026, 3, 5, 0, 0), "5.3"),  # calamine may give a midnight datetime
        (dt.date(2026, 4, 4), "4.4"),
        (dt.date(2001, 2, 9), "9.2.1"),  # "9.2.1": the third number became the year 2001
        (dt.date(2001, 5, 8), "8.5.1"),
        (dt.date(2002, 2, 10), "10.2.2"),
    ],
)
def test_a_clause_ref_turned_into_a_date_is_read_back(cell, ref):
    cat = load_catalogue()
    assert parse_ref(cell, cat) == ref


@pytest.mark.parametrize(
    "cell",
    [
        dt.date(2026, 12, 25),  # neither 25.12 nor 12.25 is a clause
        dt.date(2026, 3, 31),  # a real date typed in the wrong column
        dt.date(2003, 2, 9),  # 9.2.3 does not exist
        dt.datetime(2026, 2, 9, 14, 30),  # a time of day: not something typed as "9.2"
    ],
)
def test_a_date_that_no_clause_fits_is_refused_with_the_date(cell):
    with pytest.raises(RefAsDate) as err:
        parse_ref(cell, load_catalogue())
    assert text(cell) in str(err.value)


def test_every_clause_that_a_spreadsheet_can_turn_into_a_date_is_told_back():
    """No two refs of the catalogue give the same date in either day.month or month.day."""
    cat = load_catalogue()
    datable = [r for r in cat.clauses if 2 <= r.count(".") + 1 <= 3]
    assert len(datable) > 50
    for ref in datable:
        numbers = [int(n) for n in ref.split(".")]
        year = 2026 if len(numbers) == 2 else 2000 + numbers[2]
        for day, month in ((numbers[0], numbers[1]), (numbers[1], numbers[0])):
            if month <= 12:
                assert refs_from_date(dt.date(year, month, day), cat) == {ref}


def test_a_list_of_refs_turned_into_a_date_expands_like_the_ref():
    cat = load_catalogue()
    assert parse_refs(dt.date(2026, 2, 9), cat) == ("9.2.1", "9.2.2")
    assert parse_refs(dt.date(2001, 2, 9), cat) == ("9.2.1",)

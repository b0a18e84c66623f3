"""Cell values as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.catalogue import load_catalogue
from readiness.schema import CHOICES
from readiness.values import BadValue, parse_choice, parse_date, parse_level, parse_refs, text


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

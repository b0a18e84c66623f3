"""Surveillance and recertification dates from the certificate, across calendar-year edges."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.cycle import add_months, plan

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 3, 31), -3, D(2025, 12, 31)),
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_first_surveillance_within_twelve_months_of_the_decision():
    cycle = plan(D(2025, 6, 16), None, [], as_of=D(2026, 1, 10))
    assert cycle.next_surveillance == D(2026, 6, 16)
    assert cycle.days_to_surveillance == 157
    assert cycle.expires == D(2028, 6, 15)  # three years less a day
    assert not cycle.surveillance_overdue and not cycle.expired


def test_after_the_first_one_at_least_one_each_calendar_year():
    cycle = plan(D(2025, 6, 16), None, [D(2026, 5, 20)], as_of=D(2026, 11, 16))
    assert cycle.next_surveillance == D(2027, 12, 31)
    assert cycle.days_to_surveillance == 410


def test_decision_at_the_end_of_december():
    cycle = plan(D(2025, 12, 30), None, [], as_of=D(2026, 12, 30))
    assert cycle.next_surveillance == D(2026, 12, 30)
    assert cycle.days_to_surveillance == 0 and not cycle.surveillance_overdue
    late = plan(D(2025, 12, 30), None, [], as_of=D(2026, 12, 31))
    assert late.surveillance_overdue and late.days_to_surveillance == -1


def test_surveillance_held_on_new_years_eve_sets_the_next_calendar_year():
    cycle = plan(D(2026, 1, 5), None, [D(2026, 12, 31)], as_of=D(2027, 1, 1))
    assert cycle.next_surveillance == D(2027, 12, 31)
    cycle = plan(
        D(2026, 1, 5), None, [D(2027, 1, 1)], as_of=D(2027, 1, 2)
    )  # held late, in the next year
    assert cycle.next_surveillance == D(2028, 12, 31)


def test_leap_day_decision():
    cycle = plan(D(2024, 2, 29), None, [], as_of=D(2024, 3, 1))
    assert cycle.next_surveillance == D(2025, 2, 28)
    assert cycle.expires == D(2027, 2, 27)


def test_both_surveillances_held_then_recertification():
    cycle = plan(D(2025, 6, 16), None, [D(2026, 5, 20), D(2027, 6, 1)], as_of=D(2028, 2, 1))
    assert cycle.next_surveillance is None
    assert cycle.recertification_from == D(2028, 3, 15)
    assert not cycle.recertification_due
    assert plan(
        D(2025, 6, 16), None, [D(2026, 5, 20), D(2027, 6, 1)], as_of=D(2028, 4, 1)
    ).recertification_due


def test_expired_certificate():
    cycle = plan(
        D(2023, 1, 10), D(2026, 1, 9), [D(2023, 12, 1), D(2024, 11, 5)], as_of=D(2026, 3, 1)
    )
    assert cycle.expired
    assert cycle.days_to_expiry == -51
    assert cycle.next_surveillance is None


def test_audits_outside_the_cycle_do_not_count():
    cycle = plan(D(2025, 6, 16), None, [D(2025, 1, 1), D(2027, 1, 1)], as_of=D(2026, 1, 1))
    assert cycle.surveillance_held == ()
    assert cycle.next_surveillance == D(2026, 6, 16)

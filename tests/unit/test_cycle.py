"""The certification cycle rules (docs/certification-cycle.md), across year ends and leap days."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.catalogue import Cycle, load_catalogue
from readiness.core.cycle import add_months, plan, renewed_expiry

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


def test_the_shipped_numbers_are_the_documented_ones():
    assert load_catalogue().cycle == Cycle(
        validity_years=3,
        first_surveillance_months=12,
        recertification_booking_months=6,
        recertification_audit_months=3,
        restoration_months=6,
    )


def test_first_surveillance_on_the_anniversary_within_twelve_months():
    cycle = plan(D(2025, 6, 16), None, [], as_of=D(2026, 1, 10))
    assert cycle.surveillance_number == 1
    assert cycle.surveillance_planned == cycle.next_surveillance == D(2026, 6, 16)
    assert cycle.days_to_surveillance == 157
    assert cycle.expires == D(2028, 6, 15)  # three years less a day
    assert cycle.next_audit == "surveillance"
    assert not cycle.surveillance_overdue and not cycle.expired


def test_second_surveillance_planned_on_the_anniversary_limited_by_the_calendar_year():
    cycle = plan(D(2025, 6, 16), D(2028, 6, 15), [D(2026, 5, 20)], as_of=D(2026, 11, 16))
    assert cycle.surveillance_number == 2
    assert cycle.surveillance_planned == D(2027, 6, 16)  # the second anniversary
    assert cycle.next_surveillance == D(2027, 12, 31)  # the hard limit
    assert cycle.days_to_surveillance == 410
    assert cycle.next_audit_date == D(2027, 6, 16)


def test_an_early_surveillance_pulls_the_next_one_into_the_following_calendar_year():
    cycle = plan(D(2025, 6, 16), None, [D(2025, 12, 1)], as_of=D(2026, 1, 5))
    assert cycle.next_surveillance == D(2026, 12, 31)  # not the 2027 anniversary
    assert cycle.surveillance_planned == D(2026, 12, 31)
    assert cycle.surveillance_planned <= cycle.next_surveillance


def test_decision_at_the_end_of_december():
    cycle = plan(D(2025, 12, 30), None, [], as_of=D(2026, 12, 30))
    assert cycle.next_surveillance == D(2026, 12, 30)
    assert cycle.days_to_surveillance == 0 and not cycle.surveillance_overdue
    late = plan(D(2025, 12, 30), None, [], as_of=D(2026, 12, 31))
    assert late.surveillance_overdue and late.days_to_surveillance == -1
    second = plan(D(2025, 12, 30), None, [D(2026, 12, 30)], as_of=D(2027, 1, 2))
    assert second.surveillance_planned == D(2027, 12, 30)
    assert second.next_surveillance == D(2027, 12, 31)


def test_surveillance_held_on_new_years_eve_sets_the_next_calendar_year():
    cycle = plan(D(2026, 1, 5), None, [D(2026, 12, 31)], as_of=D(2027, 1, 1))
    assert cycle.next_surveillance == D(2027, 12, 31)
    assert cycle.surveillance_planned == D(2027, 12, 31)  # the anniversary is in 2028
    held_in_january = plan(D(2026, 1, 5), None, [D(2027, 1, 1)], as_of=D(2027, 1, 2))
    assert held_in_january.surveillance_planned == D(2028, 1, 5)
    # the certificate expires on 4 January 2029: the recertification audit is due by
    # 4 October 2028, and the second surveillance must come before it
    assert held_in_january.recertification_audit_by == D(2028, 10, 4)
    assert held_in_january.next_surveillance == D(2028, 10, 4)


def test_leap_day_decision():
    cycle = plan(D(2024, 2, 29), None, [], as_of=D(2024, 3, 1))
    assert cycle.next_surveillance == cycle.surveillance_planned == D(2025, 2, 28)
    assert cycle.expires == D(2027, 2, 27)
    second = plan(D(2024, 2, 29), None, [D(2025, 2, 20)], as_of=D(2025, 3, 1))
    assert second.surveillance_planned == D(2026, 2, 28)
    # the end of 2026 would come after the recertification audit (by 27 November 2026)
    assert second.next_surveillance == second.recertification_audit_by == D(2026, 11, 27)


def test_leap_day_expiry():
    cycle = plan(D(2025, 3, 1), D(2028, 2, 29), [], as_of=D(2025, 3, 2))
    assert cycle.recertification_book_by == D(2027, 8, 29)
    assert cycle.recertification_audit_by == D(2027, 11, 29)
    assert cycle.restore_until == D(2028, 8, 29)
    assert cycle.renewed_expiry == D(2031, 2, 28)


def test_recertification_booking_and_audit_by_dates():
    held = [D(2026, 5, 20), D(2027, 6, 1)]
    cycle = plan(D(2025, 6, 16), None, held, as_of=D(2027, 12, 14))
    assert cycle.surveillance_number is None and cycle.next_surveillance is None
    assert cycle.next_audit == "recertification"
    assert cycle.recertification_book_by == D(2027, 12, 15)  # six months before expiry
    assert cycle.recertification_audit_by == D(2028, 3, 15)  # three months before expiry
    assert cycle.next_audit_date == D(2028, 3, 15)
    assert not cycle.recertification_due
    assert plan(D(2025, 6, 16), None, held, as_of=D(2027, 12, 15)).recertification_due
    late = plan(D(2025, 6, 16), None, held, as_of=D(2028, 3, 16))
    assert late.recertification_overdue and not late.expired
    done = plan(
        D(2025, 6, 16), None, held, as_of=D(2028, 3, 16), recertification_held=[D(2028, 3, 1)]
    )
    assert not done.recertification_overdue and not done.recertification_due
    assert done.recertification_held == (D(2028, 3, 1),)


def test_recertification_dates_across_the_year_edge():
    cycle = plan(D(2025, 1, 10), None, [], as_of=D(2025, 2, 1))
    assert cycle.expires == D(2028, 1, 9)
    assert cycle.recertification_book_by == D(2027, 7, 9)
    assert cycle.recertification_audit_by == D(2027, 10, 9)
    # the second surveillance's calendar-year limit (end of 2027) would fall after the
    # recertification audit; it is brought forward to it
    second = plan(D(2025, 1, 10), None, [D(2026, 1, 5)], as_of=D(2026, 2, 1))
    assert second.surveillance_planned == D(2027, 1, 10)
    assert second.next_surveillance == D(2027, 10, 9)


def test_new_expiry_runs_from_the_previous_expiry_date():
    assert renewed_expiry(D(2028, 6, 15)) == D(2031, 6, 15)
    assert plan(D(2025, 6, 16), None, [], as_of=D(2026, 1, 1)).renewed_expiry == D(2031, 6, 15)
    # recertified early (decision 20 April 2028): the new certificate still runs from the
    # old expiry, and the anniversaries stay those of the first decision
    cycle = plan(D(2028, 4, 20), D(2031, 6, 15), [], as_of=D(2028, 5, 1))
    assert cycle.cycle_start == D(2028, 6, 16)
    assert cycle.surveillance_planned == D(2029, 6, 16)
    assert cycle.next_surveillance == D(2029, 12, 31)  # no 12-month rule after recertification


def test_expired_within_six_months_can_be_restored():
    held = [D(2023, 12, 1), D(2024, 11, 5)]
    cycle = plan(D(2023, 1, 10), D(2026, 1, 9), held, as_of=D(2026, 3, 1))
    assert cycle.expired and cycle.restorable
    assert cycle.days_to_expiry == -51
    assert cycle.next_surveillance is None
    assert cycle.restore_until == D(2026, 7, 9)
    assert cycle.next_audit == "restoration"
    assert cycle.renewed_expiry == D(2029, 1, 9)  # a restored certificate keeps the cycle
    last_day = plan(D(2023, 1, 10), D(2026, 1, 9), held, as_of=D(2026, 7, 9))
    assert last_day.restorable and last_day.next_audit == "restoration"


def test_expired_more_than_six_months_needs_a_stage_2_audit():
    held = [D(2023, 12, 1), D(2024, 11, 5)]
    cycle = plan(D(2023, 1, 10), D(2026, 1, 9), held, as_of=D(2026, 7, 10))
    assert cycle.expired and not cycle.restorable
    assert cycle.next_audit == "stage2"


def test_audits_outside_the_cycle_do_not_count():
    cycle = plan(D(2025, 6, 16), None, [D(2025, 1, 1), D(2027, 1, 1)], as_of=D(2026, 1, 1))
    assert cycle.surveillance_held == ()
    assert cycle.next_surveillance == D(2026, 6, 16)
    old = plan(D(2025, 6, 16), None, [], as_of=D(2026, 1, 1), recertification_held=[D(2025, 1, 1)])
    assert old.recertification_held == ()

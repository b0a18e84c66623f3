"""The certification body's audit time: IAF MD 5 Table QMS 1 at its boundaries, the shares
for surveillance and recertification, the limit on reductions, the sample of sites."""

from __future__ import annotations

import math

import pytest

from readiness.core.audittime import audit_time, contract, load_time_table, site_sample


@pytest.mark.parametrize(
    ("staff", "days"),
    [
        (1, 1.5),
        (5, 1.5),
        (6, 2),
        (10, 2),
        (11, 2.5),
        (15, 2.5),
        (16, 3),
        (25, 3),
        (26, 4),
        (45, 4),
        (46, 5),
        (65, 5),
        (66, 6),
        (125, 7),
        (126, 8),
        (275, 9),
        (276, 10),
        (625, 11),
        (626, 12),
        (1175, 13),
        (1176, 14),
        (2025, 15),
        (2026, 16),
        (3450, 17),
    ],
)
def test_table_qms_1_at_its_boundaries(staff, days):
    assert audit_time(staff).initial == days
    assert not audit_time(staff).beyond_table


def test_part_time_staff_round_up_to_the_next_person():
    assert audit_time(5.5).initial == audit_time(6).initial == 2
    assert audit_time(5.0).initial == 1.5
    assert audit_time(45.2).staff == 46


def test_beyond_the_table_is_said():
    assert audit_time(3451).beyond_table
    assert audit_time(3451).initial == 17


@pytest.mark.parametrize("staff", [3, 6, 11, 20, 30, 50, 100, 150, 300, 700, 3000])
def test_surveillance_about_a_third_recertification_about_two_thirds(staff):
    t = audit_time(staff)
    # given to the half day, rounded up: never less than the share, never half a day more
    assert t.initial / 3 <= t.surveillance < t.initial / 3 + 0.5
    assert t.initial * 2 / 3 <= t.recertification < t.initial * 2 / 3 + 0.5
    for value in (t.surveillance, t.recertification):
        assert value * 2 == int(value * 2)


@pytest.mark.parametrize("staff", [1, 6, 11, 26, 46, 126, 876, 2676])
def test_reductions_leave_at_least_seventy_percent(staff):
    t = audit_time(staff)
    assert load_time_table().max_reduction == 0.30
    for kind in ("initial", "surveillance", "recertification"):
        least = t.least(kind)
        assert least >= 0.7 * t.days(kind) - 1e-9  # never more than 30 % off
        assert least < 0.7 * t.days(kind) + 0.5  # and no more than half a day above it
        assert least <= t.days(kind)


@pytest.mark.parametrize(
    ("sites", "initial", "surveillance", "recertification"),
    [(1, 1, 1, 1), (2, 2, 1, 2), (4, 2, 2, 2), (9, 3, 2, 3), (10, 4, 2, 3), (100, 10, 6, 8)],
)
def test_several_sites_the_md1_sample(sites, initial, surveillance, recertification):
    t = audit_time(80, sites)
    assert t.sample == {
        "initial": initial,
        "surveillance": surveillance,
        "recertification": recertification,
    }
    assert t.initial == audit_time(80).initial  # the time follows the staff, not the sites


def test_sample_never_exceeds_the_sites():
    for n in range(1, 200):
        for factor in (0.6, 0.8, 1.0):
            assert 1 <= site_sample(n, factor) <= n
            assert site_sample(n, factor) == max(1, min(n, math.ceil(factor * math.sqrt(n) - 1e-9)))


def test_three_year_contract():
    t = audit_time(142.5)  # the county sample: 143 people
    assert t.initial == 8
    road = contract(t, certified=False, day_rate=2800)
    assert [line.kind for line in road] == ["initial", "surveillance", "surveillance"]
    assert sum(line.value for line in road) == (8 + 3 + 3) * 2800
    certified = contract(t, certified=True, day_rate=1000)
    assert certified[0].kind == "recertification"
    assert certified[0].days == t.recertification


def test_the_table_names_its_source():
    source = load_time_table().source
    assert source["document"] == "IAF MD 5" and source["issue"] and source["date"]
    assert source["sites_document"] == "IAF MD 1"
    assert "GACI" in source["note"]
    for lang in ("en", "pl", "bg"):
        text = load_time_table().citation(lang)
        assert "IAF MD 5 (2019)" in text and "IAF MD 1 (2018)" in text and "GACI" in text
    assert "wydanie 4" in load_time_table().citation("pl")


def test_no_staff_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        audit_time(0)

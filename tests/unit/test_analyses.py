"""The year's analyses as shown (``render.analyses``): one preparation for the report and the pack.

The report's sections (``GapReport.objectives`` ...) and the review pack's parts c) 1), 2), 7)
lay out the same prepared data; the numbers read as the reader writes them (percentages by
Babel, the minus sign U+2212).
"""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.model import Objective, ObjectiveResult, SupplierEvaluation, SurveyResponse
from readiness.core.objectives import summarise
from readiness.core.satisfaction import analyse
from readiness.core.suppliers import evaluate
from readiness.render.analyses import (
    MINUS,
    chart_png,
    measure,
    number,
    objectives_shown,
    satisfaction_shown,
    signed_points,
    suppliers_shown,
)

AS_OF = dt.date(2026, 11, 16)
OBJECTIVES = (
    Objective("On time", "Share on time", unit="%", baseline=95, target=97, period="2026"),
    Objective("Waiting", "Minutes waited", unit="min", higher_is_better=False, target=10),
)
RESULTS = (
    ObjectiveResult("On time", "2026-Q2", 96.1),
    ObjectiveResult("On time", "2026-Q3", 97.9),
)


@pytest.mark.parametrize(
    ("lang", "value", "unit", "shown"),
    [
        ("pl", 97.9, "%", "97,9%"),
        ("en", 97.9, "%", "97.9%"),
        ("bg", 97.0, "%", "97%"),
        ("pl", 12.5, "min", "12,5 min"),
        ("en", -3.25, "", f"{MINUS}3.25"),
    ],
)
def test_values_read_as_the_language_writes_them(lang, value, unit, shown) -> None:
    assert measure(value, unit, lang) == shown


def test_negative_changes_take_the_minus_sign() -> None:
    assert number(-1.5, "pl") == "\u22121,5"
    assert signed_points(-0.0152, "pl") == "▼ \u22121,52 pkt proc."
    assert signed_points(0.0766, "en").startswith("▲ +7.66")
    assert "-" not in signed_points(-0.2, "bg")


def test_objectives_table_and_a_chart_per_objective_with_results() -> None:
    shown = objectives_shown(summarise(OBJECTIVES, RESULTS, AS_OF), "pl")
    assert shown.lead.startswith("Cele osiągnięte: 1 z 2")
    assert shown.table is not None and len(shown.table.header) == 5
    first, second = shown.table.rows
    assert first[1] == "≥ 97%" and first[2] == "97,9% (2026-Q3)" and first[4].startswith("✓")
    assert second[1] == "≤ 10 min" and second[2] == "" and second[4].startswith("○")
    on_time, waiting = shown.objectives
    assert on_time.svg.startswith("<svg") and "stroke-dasharray" in on_time.svg
    assert on_time.chart is not None and on_time.chart.values == (96.1, 97.9)
    assert waiting.svg == "" and waiting.chart is None  # no result, no chart
    assert "(6.2.2 a))" in waiting.missing  # what will be done is blank
    png = chart_png(on_time.chart, "pl")
    assert png.startswith(b"\x89PNG") and len(png) > 2000


def test_no_objectives_is_one_line() -> None:
    shown = objectives_shown(summarise((), (), AS_OF), "en")
    assert shown.table is None and shown.lead.startswith("▼ No quality objectives")


def test_satisfaction_per_question_and_service_with_the_interval_and_change() -> None:
    answers = [
        SurveyResponse({"Q1": v}, service=s, date=d)
        for v, s, d in [
            (5, "Registry", dt.date(2026, 6, 1)),
            (4, "Registry", dt.date(2026, 6, 2)),
            (2, "Taxes", dt.date(2026, 6, 3)),
            (5, "Taxes", dt.date(2025, 6, 3)),  # the year before: all satisfied
        ]
    ]
    shown = satisfaction_shown(analyse(tuple(answers), AS_OF, "PL"), "en")
    assert shown.lead.startswith("✓ Satisfaction was last measured on")
    assert not shown.flagged and "95% Wilson interval" in shown.intro
    per_question, per_service = shown.tables
    assert per_question.header[-3:] == (
        "Satisfied",
        "95% interval",
        "Change from the previous year",
    )
    (row,) = per_question.rows
    assert row[:2] == ("Q1", "3") and row[4] == "67%" and row[-1].startswith(f"▼ {MINUS}33")
    assert "Service" in per_service.header and len(per_service.rows) == 2


@pytest.mark.parametrize(("country", "word"), [("BG", "Констатация"), ("PL", "Zalecenie")])
def test_no_measurement_in_a_year_is_flagged_in_the_readers_words(country, word) -> None:
    old = (SurveyResponse({"Q1": 5}, date=dt.date(2025, 1, 1)),)
    lang = "bg" if country == "BG" else "pl"
    shown = satisfaction_shown(analyse(old, AS_OF, country), lang)
    assert shown.flagged and shown.lead.startswith(f"▼ {word}:")
    assert shown.tables == () and shown.empty.startswith("○ ")


def test_providers_overdue_and_not_approved_in_use() -> None:
    rows = (
        SupplierEvaluation("Cleaning Ltd", "cleaning", dt.date(2025, 1, 10), 4.0, "approved"),
        SupplierEvaluation("IT Corp", "software", dt.date(2026, 3, 1), 2.0, "not_approved"),
        SupplierEvaluation("IT Corp", "licence renewal", dt.date(2026, 9, 1)),
    )
    shown = suppliers_shown(evaluate(rows, AS_OF), "en")
    assert "re-evaluations overdue: 1" in shown.lead
    assert shown.table is not None
    by_name = {row[0]: row for row in shown.table.rows}
    assert by_name["IT Corp"][3] == "not approved"
    assert "▲ Not approved, yet a later row" in by_name["IT Corp"][5]
    assert "more than 12 months ago" in by_name["Cleaning Ltd"][5]
    assert suppliers_shown(evaluate((), AS_OF), "pl").table is None

"""The quality representative's year in the report: objectives, satisfaction, providers.

The analyses are computed once in the model (``render.model.year_of``); the sections and
``results.json`` show what the model holds. Records are built here, as the registers would
give them, on the certified sample's workbook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import ROOT
from readiness import __version__
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.model import (
    Objective,
    ObjectiveResult,
    SupplierEvaluation,
    SurveyResponse,
    Workbook,
)
from readiness.io.results import SCHEMA_VERSION, results_record
from readiness.render.model import ReportModel, build_model, results_of
from readiness.render.view import GapReport

AS_OF = dt.date(2026, 11, 16)
CITY = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"
CAT = load_catalogue()


def _book() -> Workbook:
    from readiness.io.workbook import load_workbook

    return load_workbook(CITY, as_of=AS_OF, catalogue=load_catalogue())


def _model(book: Workbook, lang: str = "en") -> ReportModel:
    return build_model(book, assess(book, AS_OF, catalogue=CAT), lang, CAT)


def _with_records(book: Workbook, country: str = "") -> Workbook:
    survey = tuple(
        SurveyResponse({"Q1": v, "Q2": 5}, service=s, date=d)
        for v, s, d in [
            (5, "Registry", dt.date(2026, 6, 1)),
            (4, "Registry", dt.date(2026, 6, 2)),
            (2, "Taxes", dt.date(2026, 6, 3)),
            (3, "Taxes", dt.date(2025, 6, 3)),  # the year before
        ]
    )
    suppliers = (
        SupplierEvaluation("Cleaning Ltd", "cleaning", dt.date(2025, 1, 10), 4.0, "approved"),
        SupplierEvaluation("IT Corp", "software", dt.date(2026, 3, 1), 2.0, "not_approved"),
        SupplierEvaluation("IT Corp", "licence renewal", dt.date(2026, 9, 1)),
    )
    office = book.office if not country else dataclasses.replace(book.office, country=country)
    return dataclasses.replace(book, surveys=survey, suppliers=suppliers, office=office)


@pytest.fixture(scope="module")
def city() -> ReportModel:
    return _model(_with_records(_book()))


def test_the_year_is_computed_once_in_the_model_and_written_to_results(city: ReportModel) -> None:
    year = city.year
    assert year is not None
    assert year.objectives.total == len(city.workbook.objectives) > 0
    assert year.satisfaction.responses == 3
    assert year.satisfaction.overall is not None
    assert year.suppliers.total == 2 and year.suppliers.overdue == 1  # Cleaning: > 12 months
    assert year.suppliers.still_supplying == 1  # IT Corp: not approved, a later row
    results = results_of(city, __version__)
    assert results["schema_version"] == SCHEMA_VERSION == 4
    assert results["year"]["objectives"]["met"] == year.objectives.met
    assert results["year"]["suppliers"] == {
        "providers": 2,
        "evaluated": 2,
        "overdue": 1,
        "not_approved_in_use": 1,
    }
    record = results_record(results)
    assert record is not None and record.year is not None
    assert record.year.objectives_total == year.objectives.total
    assert record.year.satisfaction_share == pytest.approx(year.satisfaction.overall.share)
    assert record.year.reevaluations_overdue == 1
    assert record.year.last_review == (year.review.date if year.review else None)
    # a version 3 file (no year) is still read, with no year
    old = {k: v for k, v in results.items() if k != "year"} | {"schema_version": 3}
    assert (older := results_record(old)) is not None and older.year is None


def test_sections_show_the_model_with_charts_and_interval(city: ReportModel) -> None:
    report = GapReport(city)
    objectives = report.objectives().html
    assert objectives.count("<svg") == sum(1 for g in city.year.objectives.progress if g.points)  # type: ignore[union-attr]
    assert "Objectives met:" in objectives and "stroke-dasharray" in objectives  # target line
    satisfaction = report.satisfaction().html
    assert "Registry" in satisfaction and "Taxes" in satisfaction
    assert "Wilson" in satisfaction and "Change from the previous year" in satisfaction
    suppliers = report.suppliers().html
    assert "IT Corp" in suppliers and "not approved" in suppliers
    assert "Not approved, yet a later row" in suppliers
    evidence = report.next_audit_evidence().html
    assert "Quality objectives met:" in evidence and "re-evaluations overdue: 1 of 2" in evidence
    # the pooled share says what it pools: every answer to every question, not respondents
    assert "Answers of 4 or 5 over all questions:" in evidence and "Satisfied:" not in evidence
    assert [t[0] for t in report.objectives().toc] == ["objectives"]


def test_sections_without_data_say_so_in_one_line() -> None:
    book = dataclasses.replace(
        _book(), objectives=(), objective_results=(), surveys=(), suppliers=()
    )
    report = GapReport(_model(book))
    assert "No quality objectives are recorded" in report.objectives().html
    assert "No survey answers" in report.satisfaction().html
    assert "No evaluation of external providers" in report.suppliers().html


@pytest.mark.parametrize(("country", "word"), [("BG", "Finding"), ("PL", "Recommendation")])
def test_no_measurement_in_a_year_is_a_finding_in_bulgaria_a_recommendation_in_poland(
    country: str, word: str
) -> None:
    book = _with_records(_book(), country)
    old = tuple(dataclasses.replace(r, date=dt.date(2025, 1, 1)) for r in book.surveys)
    model = _model(dataclasses.replace(book, surveys=old))
    html = GapReport(model).satisfaction().html
    assert f"{word}:" in html and "not measured in the last 12 months" in html
    assert ("чл. 24" in html or "art. 24" in html) == (country == "BG")
    assert results_of(model, __version__)["year"]["satisfaction"]["in_time"] is False


def test_an_objective_chart_draws_the_target_and_every_value() -> None:
    objective = Objective(
        "Answer time",
        indicator="days",
        target=10.0,
        higher_is_better=False,
        period="2026",
        baseline=20.0,
    )
    results = (
        ObjectiveResult("Answer time", "2026-Q1", 18.0),
        ObjectiveResult("Answer time", "2026-Q2", 12.5),
    )
    book = dataclasses.replace(_book(), objectives=(objective,), objective_results=results)
    html = GapReport(_model(book, "pl")).objectives().html
    assert "12,5" in html and "18" in html  # the values written, in the reader's language
    assert "≤ 10" in html


def test_the_clause_table_links_the_requirements_the_year_supports(city: ReportModel) -> None:
    html = GapReport(city).clauses().html
    row = next(r for r in html.split("<tr") if ">6.2.2 " in r or ">6.2.2<" in r or "6.2.2 " in r)
    assert 'href="#objectives"' in row
    row = next(r for r in html.split("<tr") if "8.4.1 " in r)
    assert 'href="#suppliers"' in row
    # an office before the evaluation stage is not shown the sections, so no link to them
    early = dataclasses.replace(
        city, assessment=dataclasses.replace(city.assessment, stage="implementation")
    )
    assert 'href="#objectives"' not in GapReport(early).clauses().html


def test_the_workbooks_text_in_a_chart_is_plain_text_never_markup_or_mathtext() -> None:
    from xml.dom.minidom import parseString

    from readiness.render.charts import objective_trend

    svg = objective_trend(
        ["$x^2$ <b>&", "2026-Q2"], [1.0, 2.0], ["1", "2"], 1.5, "target $\\frac{1}{2}$",
        "Indicator $a$ <script>",
    )  # fmt: skip
    parseString(svg)  # well-formed: the text is escaped
    assert "$x^2$" in svg and "&lt;script&gt;" in svg and "<script>" not in svg

"""The review pack's view and its public-sector links: plain data, in the reader's language."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from readiness.core import model as records
from readiness.core.climate import Climate
from readiness.core.messages import translator
from readiness.core.model import Office, Review, ReviewDecision, Workbook
from readiness.core.review import load_inputs
from readiness.core.schema import CHOICES, REVIEW_DECISIONS, label
from readiness.core.statements import links, statement
from readiness.render.docx import Heading, Paragraph, Picture, Table
from readiness.render.review import build_review_model, review_document, review_view, to_html

AS_OF = dt.date(2026, 11, 16)


def book(country: str = "PL", lang: str = "pl", reviews: tuple[Review, ...] = ()) -> Workbook:
    office = Office("Urząd Gminy Przykładowo", "gmina", country, lang, "usługi", "certified")
    decisions = tuple(
        ReviewDecision(r.date, "improvement", f"Decyzja {i}", "Jan Kowalski", AS_OF)
        for i, r in enumerate(reviews)
    )
    return Workbook("office.xlsx", office, {}, reviews=reviews, decisions=decisions)


def test_every_input_has_its_clauses_and_each_country_its_statement() -> None:
    keys = [spec.key for spec in load_inputs()[0]]
    for country, framework in (("PL", "kz"), ("BG", "sfuk")):
        found = statement(country)
        assert found is not None and found.framework == framework
        assert set(found.basis) == set(found.name) == {"en", "pl", "bg"}
        assert [link.input for link in links(country)] == keys
    assert statement("DE") is None and links("DE") == ()
    by_key = {link.input: link for link in links("PL")}
    # the review itself (9.3) is what the statement's monitoring and assurance standards ask
    assert [ref for ref, _name in by_key["a"].elements] == ["19", "20", "22"]
    assert "art. 70 ust. 1" in statement("PL").basis["pl"]  # type: ignore[union-attr]
    assert "чл. 8" in statement("BG").basis["bg"]  # type: ignore[union-attr]


def test_the_decisions_table_is_the_sheet_columns_with_rows_per_kind() -> None:
    view = review_view(build_review_model(book(), AS_OF, "pl"))
    header = [label(column, "pl") for column in REVIEW_DECISIONS.columns]
    assert view["decisions"]["header"] == header
    kinds = [row[1] for row in view["decisions"]["rows"]]
    assert sorted(set(kinds)) == sorted(label(c, "pl") for c in CHOICES["decision_kind"])
    assert all(len(row) == len(header) for row in view["decisions"]["rows"])


def test_an_empty_office_has_every_part_without_data_and_twelve_months() -> None:
    model = build_review_model(book(lang="en"), AS_OF, "en")
    view = review_view(model)
    assert [p["no_data"] for p in view["parts"]] == [True] * len(load_inputs()[0])
    assert model.pack.since == dt.date(2025, 11, 16)
    assert view["period"].startswith("No management review is recorded")
    assert not view["period"].endswith("..")


def test_the_last_review_sets_the_period_and_its_decisions_are_reported() -> None:
    held = Review(dt.date(2026, 3, 10), frozenset({"a"}), "Protokół 1/2026")
    view = review_view(build_review_model(book(reviews=(held,)), AS_OF, "pl"))
    _ = translator("pl")
    first = view["parts"][0]
    assert first["heading"] == "9.3.2 a) " + _(load_inputs()[0][0].title)
    assert not first["no_data"]
    assert any("Decyzja 0" in row for row in first["rows"])
    assert "10 marca 2026" in view["period"]
    assert view["statement"]["basis"].startswith("Podstawa prawna: art. 70 ust. 1")


def test_since_and_the_bulgarian_statement() -> None:
    model = build_review_model(book("BG", "bg"), AS_OF, "bg", since=dt.date(2026, 1, 1))
    view = review_view(model)
    assert model.pack.since == dt.date(2026, 1, 1) and view["period"].startswith("Данни")
    assert "чл. 8" in view["statement"]["basis"] and view["statement"]["unchecked"]


def test_the_document_has_a_heading_per_part_and_the_fill_in_table() -> None:
    view = review_view(build_review_model(book(), AS_OF, "pl"))
    document = review_document(view)
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert [h for h in headings if h.startswith("9.3.2")] == [p["heading"] for p in view["parts"]]
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert tables[-1].header == tuple(view["decisions"]["header"])
    assert document.date == AS_OF and document.office == "Urząd Gminy Przykładowo"


def _with_climate(climate: Climate, lang: str = "en", wb: Workbook | None = None) -> dict[str, Any]:
    """The view of a pack whose part b) carries ``climate`` (as core.inputs' builder will)."""
    model = build_review_model(wb or book(lang=lang), AS_OF, lang)
    parts = tuple(
        dataclasses.replace(p, summary=climate) if p.input.key == "b" else p
        for p in model.pack.parts
    )
    pack = dataclasses.replace(model.pack, parts=parts)
    return review_view(dataclasses.replace(model, lang=lang, pack=pack))


def _b(view: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in view["parts"] if p["id"] == "input-b")


CHANGES = ("Heat wave plan for the customer service hall", "Flood risk raised for the archive")


@pytest.mark.parametrize(
    ("climate", "state", "said"),
    [
        (
            Climate(True, True, "Context analysis 2026", CHANGES),
            "relevant",
            [
                "Climate change is a relevant issue for the office (4.1).",
                "Recorded in: Context analysis 2026.",
                "Climate-related changes since the last review:",
            ],
        ),
        (
            Climate(True, True),
            "relevant",
            [
                "Climate change is a relevant issue for the office (4.1).",
                "Climate-related changes since the last review: none recorded.",
            ],
        ),
        (
            Climate(True, False, "Context analysis 2026"),
            "not_relevant",
            [
                "Climate change is not a relevant issue for the office (4.1): there is nothing "
                "to review under b) for climate.",
                "Recorded in: Context analysis 2026.",
            ],
        ),
        (
            Climate(False, False),
            "not_decided",
            [
                "No data: the workbook does not record the decision under 4.1 on whether "
                "climate change is a relevant issue. Record it in the Office sheet before the "
                "review."
            ],
        ),
    ],
)
def test_climate_in_part_b_in_its_three_states(climate, state, said) -> None:
    shown = _b(_with_climate(climate))["analysis"]
    assert shown["kind"] == "climate" and shown["state"] == state
    assert list(shown["lines"]) == said
    assert shown["changes"] == (CHANGES if climate.changes and climate.relevant else ())


def test_climate_reaches_the_page_and_the_document_in_the_readers_words() -> None:
    view = _with_climate(Climate(True, True, "Analiza kontekstu 2026", CHANGES[:1]), "pl")
    html = to_html(view)
    section = html[html.index('id="input-b"') : html.index('id="input-c1"')]
    assert "Zmiana klimatu (4.1)" in section and "Analiza kontekstu 2026" in section
    assert f"<li>{CHANGES[0]}</li>" in section
    texts = [b.text for b in review_document(view).blocks if isinstance(b, Heading | Paragraph)]
    assert "Zmiana klimatu (4.1)" in texts and f"– {CHANGES[0]}" in texts
    undecided = _b(_with_climate(Climate(False, False), "bg"))["analysis"]["lines"][0]
    assert undecided.startswith("Няма данни") and "„Администрация“" in undecided
    undecided = _b(_with_climate(Climate(False, False), "pl"))["analysis"]["lines"][0]
    assert undecided.startswith("Brak danych") and "„Urząd”" in undecided


def test_a_part_without_an_analysis_has_none() -> None:
    view = review_view(build_review_model(book(), AS_OF, "pl"))
    kinds = {p["id"]: (p["analysis"] or {}).get("kind") for p in view["parts"]}
    assert kinds["input-a"] is None and kinds["input-f"] is None
    assert _b(view)["analysis"]["state"] == "not_decided"  # the workbook records no decision
    assert kinds["input-b"] == "climate"
    assert kinds["input-c1"] == "satisfaction" and kinds["input-c7"] == "suppliers"
    assert kinds["input-c2"] == "objectives"


def test_the_analyses_reach_the_page_and_the_document_with_a_picture_per_chart() -> None:
    objectives = (
        records.Objective("On time", "Share on time", unit="%", target=97, period="2026"),
    )
    results = (records.ObjectiveResult("On time", "2026-Q3", 97.9),)
    office = book(lang="en")
    wb = dataclasses.replace(office, objectives=objectives, objective_results=results)
    view = review_view(build_review_model(wb, AS_OF, "en"))
    c2 = next(p for p in view["parts"] if p["id"] == "input-c2")
    assert c2["analysis"]["table"]["rows"][0][1] == "≥ 97%"
    assert c2["rows"] == []  # the table shows them; the monitoring part still lists them
    c5 = next(p for p in view["parts"] if p["id"] == "input-c5")
    assert c5["analysis"] is None and c5["rows"] == ["On time (2026-Q3: 97.9)"]
    html = to_html(view)
    assert html.count("<svg") == 1 and "Objectives met: 1 of 1" in html
    blocks = review_document(view).blocks
    pictures = [b for b in blocks if isinstance(b, Picture)]
    assert len(pictures) == 1 and pictures[0].png.startswith(b"\x89PNG")
    headers = [b.header for b in blocks if isinstance(b, Table)]
    assert ("Objective", "Target", "Latest result", "Deadline", "Status") in headers


def test_the_pdf_typesets_every_kind_of_analysis() -> None:
    from readiness.render.review import to_pdf

    wb = dataclasses.replace(
        book(),
        objectives=(
            records.Objective("Na czas", unit="%", target=97, period="2026"),
            records.Objective("Bez"),
        ),
        objective_results=(records.ObjectiveResult("Na czas", "2026-Q3", 97.9),),
        surveys=tuple(
            records.SurveyResponse({"Q1": v}, service="BOM", date=dt.date(2026, 6, 1))
            for v in (5, 2)
        ),
        suppliers=(
            records.SupplierEvaluation("Druk", "druki", dt.date(2024, 1, 1), 3.0, "approved"),
        ),
    )
    for climate in (Climate(True, True, "Analiza kontekstu", CHANGES), Climate(False, False)):
        view = _with_climate(climate, "pl", wb)
        kinds = [p["analysis"]["kind"] for p in view["parts"] if p["analysis"]]
        assert kinds == ["climate", "satisfaction", "objectives", "suppliers"]
        assert to_pdf(view).startswith(b"%PDF")  # Typst lays out every kind


def test_a_parts_own_rows_come_before_its_analysis_in_the_page_and_the_document() -> None:
    # the municipality's case: no climate decision, a department's change that is not about
    # climate; the change must not read as part of the climate block under it
    wb = dataclasses.replace(
        book("BG", "bg"),
        departments=(records.Department("Дирекция АО", changes="Нов център за обслужване"),),
    )
    view = review_view(build_review_model(wb, AS_OF, "bg"))
    html = to_html(view)
    section = html[html.index('id="input-b"') : html.index('id="input-c1"')]
    assert section.index("Нов център за обслужване") < section.index("Изменение на климата")
    texts = [b.text for b in review_document(view).blocks if isinstance(b, Heading | Paragraph)]
    row = next(i for i, t in enumerate(texts) if "Нов център за обслужване" in t)
    assert row < texts.index("Изменение на климата (4.1)")

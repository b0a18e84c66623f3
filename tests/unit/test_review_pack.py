"""The review pack's view and its public-sector links: plain data, in the reader's language."""

from __future__ import annotations

import datetime as dt

from readiness.core.messages import translator
from readiness.core.model import Office, Review, ReviewDecision, Workbook
from readiness.core.review import load_inputs
from readiness.core.schema import CHOICES, REVIEW_DECISIONS, label
from readiness.core.statements import links, statement
from readiness.render.docx import Heading, Table
from readiness.render.review import build_review_model, review_document, review_view

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

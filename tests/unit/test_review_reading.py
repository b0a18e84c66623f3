"""The review pack as an auditor reads it: each count one meaning, nothing listed twice,
"no data" only where there is nothing, the first page naming the gaps."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from readiness.core.model import Department, Finding, Office, Workbook
from readiness.core.review import COUNTS, assemble
from readiness.render.review import build_review_model, review_document, review_view, to_html

AS_OF = dt.date(2026, 11, 16)
CLIMATE = "od lipca 2026 r. w dni upałów obsługa filii przeniesiona do siedziby"
OTHER = "nowy system kolejkowy w sali obsługi"


def book(relevant: bool | None = None, **sheets: object) -> Workbook:
    office = Office("Starostwo Przykładowe", "powiat", "PL", "en", "usługi", "implementation")
    office = dataclasses.replace(
        office, climate_relevant=relevant, climate_recorded_in="Analiza kontekstu 2026"
    )
    return Workbook("office.xlsx", office, {}, **sheets)  # type: ignore[arg-type]


def part(wb: Workbook, key: str):  # type: ignore[no-untyped-def]
    return next(p for p in assemble(wb, AS_OF).parts if p.input.key == key)


def test_every_count_label_means_one_thing() -> None:
    labels = list(COUNTS.values())
    assert len(labels) == len(set(labels))


def test_open_findings_on_services_are_not_called_decisions() -> None:
    finding = Finding(
        "NC-1", "8.5.1", "internal_audit", "minor", "Karta usługi nieaktualna", "open"
    )
    wb = book(findings=(finding,))
    c3 = part(wb, "c3")
    assert [(c.key, c.value) for c in c3.counts] == [("records", 0), ("service_findings_open", 1)]
    said = [
        label
        for label, _value in review_view(build_review_model(wb, AS_OF, "en"))["parts"][4]["counts"]
    ]
    assert said == [
        "records dated since the last review",
        "findings on the services open (8.5 to 8.7)",
    ]
    assert not any("decision" in s for s in said)
    a = part(wb, "a")
    assert {c.key: c.value for c in a.counts}["open"] == 0  # no decision is open


@pytest.mark.parametrize(("relevant", "no_data"), [(None, True), (False, False), (True, False)])
def test_part_b_has_data_once_the_climate_decision_is_recorded(relevant, no_data) -> None:
    b = part(book(relevant), "b")
    assert b.rows == () and b.no_data is no_data
    view = review_view(build_review_model(book(relevant), AS_OF, "en"))
    assert next(p for p in view["parts"] if p["id"] == "input-b")["no_data"] is no_data


def test_a_climate_change_is_listed_once_and_other_changes_still_are() -> None:
    departments = (
        Department("Wydział Komunikacji", changes=CLIMATE),
        Department("Wydział Geodezji", changes=OTHER),
    )
    view = review_view(build_review_model(book(True, departments=departments), AS_OF, "en"))
    b = next(p for p in view["parts"] if p["id"] == "input-b")
    assert b["analysis"]["changes"] == (f"Wydział Komunikacji: {CLIMATE}",)
    assert b["rows"] == [f"Wydział Geodezji: {OTHER}"]
    html = to_html(view)
    assert html.count(CLIMATE) == 1 and html.count(OTHER) == 1
    texts = [getattr(block, "text", "") for block in review_document(view).blocks]
    assert sum(t.count(CLIMATE) for t in texts) == 1
    # not relevant: no climate list, so the change stays among the rows
    view = review_view(build_review_model(book(False, departments=departments), AS_OF, "en"))
    b = next(p for p in view["parts"] if p["id"] == "input-b")
    assert len(b["rows"]) == 2 and b["analysis"]["changes"] == ()


def test_the_first_page_names_the_inputs_with_no_data() -> None:
    finding = Finding("OFI-1", "7.1.6", "internal_audit", "ofi", "Wiedza przy odejściu", "open")
    # b) has the climate decision; c) 6) and f) the audit's open opportunity for improvement
    view = review_view(build_review_model(book(False, findings=(finding,)), AS_OF, "en"))
    assert view["missing"] == (
        "9 of 12 inputs have no data: 9.3.2 a), 9.3.2 c) 1), 9.3.2 c) 2), 9.3.2 c) 3), "
        "9.3.2 c) 4), 9.3.2 c) 5), 9.3.2 c) 7), 9.3.2 d), 9.3.2 e)."
    )
    assert review_document(view).blocks[1].text == view["missing"]  # type: ignore[attr-defined]
    pl = review_view(build_review_model(book(False, findings=(finding,)), AS_OF, "pl"))
    assert pl["missing"].startswith("Brak danych dla 9 z 12") and "9.3.2 e)." in pl["missing"]


def test_rows_say_where_each_decision_and_finding_stands() -> None:
    from readiness.core.model import Audit, Review, ReviewDecision

    held = Review(dt.date(2026, 10, 20), frozenset({"a"}), "PZ-1/2026")
    decisions = (
        ReviewDecision(held.date, "improvement", "Zapisy przez internet", "Jan", AS_OF, "done"),
        ReviewDecision(held.date, "resources", "Dwóch auditorów", "", None, ""),
    )
    findings = (
        Finding("NC-1", "8.5.1", "internal_audit", "minor", "Karta nieaktualna", "open"),
        Finding(
            "NC-0", "8.7", "gap_analysis", "major", "Brak procedury", "verified", closed_on=AS_OF
        ),
    )
    audit = Audit(dt.date(2026, 11, 2), ("8.5",), "", "RA-1/2026", "internal")
    wb = book(reviews=(held,), decisions=decisions, findings=findings, audits=(audit,))
    view = review_view(build_review_model(wb, AS_OF, "en"))
    rows = {p["id"]: p["rows"] for p in view["parts"]}
    assert "Zapisy przez internet · Jan, due Nov 16, 2026, done" in rows["input-a"][1]
    assert rows["input-a"][2].endswith("Dwóch auditorów · open")  # blank status reads open
    assert rows["input-c4"] == [
        "NC-1: Karta nieaktualna · minor nonconformity · open",
        "NC-0: Brak procedury · major nonconformity · verified",
    ]
    assert rows["input-c6"][0] == "Nov 2, 2026 · internal audit, RA-1/2026"
    heading = view["labels"]["rows"]
    assert heading == "Rows used"  # undated lists (objectives, auditors) count whole


def test_an_open_finding_on_risks_is_counted_as_a_finding_not_an_action() -> None:
    finding = Finding("IA-02", "6.1.2", "internal_audit", "observation", "Bez terminów", "open")
    e = part(book(findings=(finding,)), "e")
    assert [(c.key, c.label, c.value) for c in e.counts] == [
        ("risk_findings_open", "findings on risks and opportunities (6.1) open", 1)
    ]


def test_f_reports_the_open_and_the_recently_closed_opportunities_not_every_one_ever() -> None:
    ofi = (
        Finding("OFI-1", "9.1.2", "internal_audit", "ofi", "Ankieta online", "open"),
        Finding("OFI-2", "8.2.1", "complaint", "ofi", "Kontrola terminów", "verified",
                closed_on=dt.date(2026, 8, 20)),
        Finding("OFI-0", "7.2", "internal_audit", "ofi", "Stare", "verified",
                closed_on=dt.date(2024, 5, 1)),
    )  # fmt: skip
    f = part(book(findings=ofi), "f")
    assert [r.id for r in f.rows] == ["OFI-1", "OFI-2"]  # type: ignore[union-attr]
    assert [(c.label, c.value) for c in f.counts] == [
        ("opportunities for improvement open", 1),
        ("opportunities for improvement closed since the last review", 1),
    ]


def test_a_major_closed_but_not_verified_says_why_it_is_still_counted_open() -> None:
    major = Finding("BO-01", "8.5.1", "internal_audit", "major", "Po terminie", "closed",
                    closed_on=dt.date(2026, 10, 20))  # fmt: skip
    view = review_view(build_review_model(book(findings=(major,)), AS_OF, "en"))
    c4 = next(p for p in view["parts"] if p["id"] == "input-c4")
    assert c4["counts"][0] == ["nonconformities open", "1"]
    assert c4["rows"] == [
        "BO-01: Po terminie · major nonconformity · closed, effectiveness not yet verified"
    ]
    bg = review_view(build_review_model(book(findings=(major,)), AS_OF, "bg"))
    row = next(p for p in bg["parts"] if p["id"] == "input-c4")["rows"][0]
    assert row.endswith("ефикасността на действията още не е проверена")


def test_a_first_review_is_told_there_is_nothing_earlier_not_to_fill_a_gap() -> None:
    from readiness.core.model import Review

    first = review_view(build_review_model(book(), AS_OF, "pl"))
    a = next(p for p in first["parts"] if p["id"] == "input-a")
    assert a["no_data"] and a["flag"].startswith("Nie odnotowano wcześniejszego przeglądu")
    assert "pierwszy przegląd" in to_html(first)
    texts = [getattr(b, "text", "") for b in review_document(first).blocks]
    assert a["flag"] in texts
    e = next(p for p in first["parts"] if p["id"] == "input-e")
    assert e["flag"] == "Brak danych: uzupełnić przed przeglądem."
    # a review held but its decisions not recorded: that is a gap to fill
    held = Review(dt.date(2026, 3, 10), frozenset({"a"}), "PZ-1/2026")
    later = review_view(build_review_model(book(reviews=(held,)), AS_OF, "pl"))
    a = next(p for p in later["parts"] if p["id"] == "input-a")
    assert not a["no_data"] and a["flag"] == ""


def test_a_provider_not_approved_is_said_to_be_kept_not_proved_in_use() -> None:
    from readiness.core.model import SupplierEvaluation
    from readiness.core.suppliers import evaluate
    from readiness.render.analyses import suppliers_shown

    kept = SupplierEvaluation(
        "Usługi Porządkowe", "sprzątanie", dt.date(2026, 6, 18), 2.0, "not_approved",
        next_evaluation=dt.date(2026, 12, 18),
    )  # fmt: skip
    providers = evaluate((kept,), AS_OF)
    assert providers.still_supplying == 1  # a next evaluation planned: kept on the list
    assert "not approved but still kept: 1" in suppliers_shown(providers, "en").lead
    assert "nadal ujęci w wykazie: 1" in suppliers_shown(providers, "pl").lead
    assert "все още в списъка: 1" in suppliers_shown(providers, "bg").lead
    assert COUNTS["not_approved_in_use"] == "providers not approved still kept"

"""Climate change in 9.3.2 b): the rule that tells a climate-related change, and 4.1's states."""

from __future__ import annotations

import pytest

from readiness.core.climate import Climate, assess, concerns_climate, rule


@pytest.mark.parametrize(
    "text",
    [
        # Polish: the stem in several of its forms
        "Aktualizacja analizy kontekstu o zmianę klimatu",
        "Przerwy w obsłudze w czasie upałów",
        "Upalne lato: skrócone godziny pracy filii",
        "Powódź w archiwum zakładowym",
        "Plan przeciwpowodziowy dla budynku urzędu",
        "Susza ograniczyła dostawy wody",
        # Bulgarian
        "Изменението на климата е включено в анализа",
        "Жегата наложи промяна в работното време",
        "Наводнение в сградата на общината",
        "Засушаване и режим на водата",
        # English
        "Climate adaptation plan adopted by the council",
        "Heat closed the front office twice",
        "Flooding of the ground-floor archive",
        "Drought restrictions on water use",
        # case does not matter
        "KLIMAT",
        "НАВОДНЕНИЕ",
        "FLOODS",
    ],
)
def test_a_climate_stem_in_any_language_and_case_matches(text: str) -> None:
    assert concerns_climate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reorganizacja wydziału i nowy system obsługi kolejki w 2026 r.",
        "Wymiana klimatyzatorów w serwerowni",  # air conditioning, not climate change
        "Klimatyzowana sala obsługi",
        "Wdrożono z powodzeniem nowy system kolejkowy",  # success, not flood (powódź)
        "Нов климатик в деловодството",
        "New heating system in the town hall",  # heat is a whole word only
        "Emisja obligacji powiatu",  # emission stems are left out on purpose
        "",
    ],
)
def test_a_text_that_only_looks_like_climate_does_not_match(text: str) -> None:
    assert not concerns_climate(text)


def test_the_rule_is_data_with_its_source() -> None:
    found = rule()
    assert "Amd 1:2024" in found.source and "4.1" in found.source and "9.3.2 b)" in found.source
    for stem in ("klimat", "климат", "climat", "upał", "жег", "flood", "powódź", "наводн"):
        assert stem in found.stems
    assert all(s == s.casefold() for s in (*found.stems, *found.words, *found.exceptions))


CHANGES = [
    ("", "Ryzyko: powódź w archiwum"),
    ("Wydział Klimatu", "Nowy system kolejkowy"),  # the name alone does not make it climate
    ("Wydział Komunikacji", "Obsługa przeniesiona w dni upałów"),
    ("Wydział Komunikacji", "Obsługa przeniesiona w dni upałów"),  # listed once
    ("", "Kadry: dwa wakaty"),
]


def test_not_decided_lists_nothing() -> None:
    assert assess(None, "", CHANGES) == Climate(decided=False, relevant=False)


def test_not_relevant_keeps_where_it_is_recorded_and_lists_nothing() -> None:
    found = assess(False, " Analiza kontekstu 2026 ", CHANGES)
    assert found == Climate(decided=True, relevant=False, recorded_in="Analiza kontekstu 2026")


def test_relevant_lists_the_climate_changes_one_line_each() -> None:
    found = assess(True, "SWOT 2026", CHANGES)
    assert found.decided and found.relevant and found.recorded_in == "SWOT 2026"
    assert found.changes == (
        "Ryzyko: powódź w archiwum",
        "Wydział Komunikacji: Obsługa przeniesiona w dni upałów",
    )
    assert assess(True, "", [("", "Kadry: dwa wakaty")]).changes == ()

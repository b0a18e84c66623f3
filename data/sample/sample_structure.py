"""The sample offices' structure: departments, what each carries, and trained internal auditors.

Everything here is invented: none of these departments' people exists. ``build_sample``
adds it to the sample workbooks (the Departments and Auditors sheets) together with the
Office sheet's number of staff and sites, which ``readiness audit-plan`` reads.
"""

from __future__ import annotations

import copy
import datetime as dt

D = dt.date

OPERATIONS = "8.1; 8.2; 8.5; 8.7"  # a department serving citizens carries these

STAROSTWO = {
    "office": {
        "staff": 142.5,
        "sites": (
            "Przykładowo, ul. Główna 1 (siedziba)\n"
            "Filia Wydziału Komunikacji w Zmyślinie\n"
            "Punkt obsługi geodezyjnej w Nowej Fikcji"
        ),
    },
    "departments": [
        {
            "name": "Kierownictwo (Starosta i Zarząd Powiatu)",
            "head": "Tomasz Wymyślony",
            "refs": "5; 9.3",
            "processes": "przywództwo, przegląd zarządzania",
        },
        {
            "name": "Sekretarz Powiatu i Zespół ds. Jakości",
            "head": "Marta Przykładowska",
            "refs": "4; 6; 9.1.1; 9.1.3; 9.2; 10.1; 10.3",
            "processes": "zarządzanie systemem, ryzyka, audity",
        },
        {
            "name": "Wydział Organizacyjny",
            "head": "Ewa Zmyślona",
            "refs": "7",
            "processes": "kadry, szkolenia, nadzór nad dokumentacją",
        },
        {
            "name": "Wydział Komunikacji",
            "head": "Piotr Fikcyjny",
            "refs": f"{OPERATIONS}; 9.1.2; 10.2",
            "processes": "rejestracja pojazdów, prawa jazdy",
            "changes": (
                "Reorganizacja wydziału i nowy system obsługi kolejki w 2026 r.; od lipca "
                "2026 r. w dni upałów obsługa interesantów filii w Zmyślinie przenoszona jest "
                "do siedziby Starostwa."
            ),
        },
        {
            "name": "Wydział Architektury i Budownictwa",
            "head": "Anna Nieistniejąca",
            "refs": OPERATIONS,
            "processes": "pozwolenia na budowę, zgłoszenia",
        },
        {
            "name": "Wydział Geodezji, Kartografii i Katastru",
            "head": "Roman Mapowski",
            "refs": f"{OPERATIONS}; 7.1.5; 8.4",
            "processes": "zasób geodezyjny, ewidencja gruntów",
        },
        {
            "name": "Wydział Ochrony Środowiska",
            "head": "Halina Zielińska-Wymyślona",
            "refs": f"{OPERATIONS}; 8.6",
            "processes": "pozwolenia środowiskowe, gospodarka odpadami",
        },
        {
            "name": "Wydział Gospodarki Nieruchomościami",
            "head": "Zbigniew Gruntowy",
            "refs": f"{OPERATIONS}; 8.4",
            "processes": "nieruchomości Skarbu Państwa, wyceny",
        },
    ],
    "auditors": [
        ("Jolanta Audytowska", "Wydział Architektury i Budownictwa", D(2025, 5, 12), "yes"),
        (
            "Krzysztof Sprawdzalski",
            "Wydział Geodezji, Kartografii i Katastru",
            D(2025, 5, 12),
            "yes",
        ),
        ("Beata Rzetelna", "Wydział Komunikacji", D(2025, 5, 12), "no"),
        ("Michał Bezstronny", "Wydział Ochrony Środowiska", D(2026, 3, 2), "yes"),
        ("Agnieszka Dokładna", "Wydział Organizacyjny", D(2026, 3, 2), "no"),
        ("Paweł Obiektywny", "Wydział Gospodarki Nieruchomościami", D(2026, 3, 2), "no"),
    ],
}

OBSHTINA = {
    "office": {"staff": 88, "sites": "гр. Примерно, пл. „Централен“ 1 (седалище)"},
    "departments": [
        {
            "name": "Ръководство (кмет и заместник-кметове)",
            "head": "Иван Примерски",
            "refs": "5; 9.3",
        },
        {
            "name": "Отдел „Качество и вътрешен контрол“",
            "head": "Мария Измислена",
            "refs": "4; 6; 9.1.1; 9.1.3; 9.2; 10.1; 10.3",
        },
        {
            "name": "Дирекция „Административно обслужване“",
            "head": "Светла Услужлива",
            "refs": f"{OPERATIONS}; 9.1.2; 10.2",
            "changes": "Нов център за административно обслужване от 2026 г.",
        },
        {
            "name": "Дирекция „Правно-нормативно обслужване и човешки ресурси“",
            "head": "Петър Законов",
            "refs": "7",
        },
        {
            "name": "Дирекция „Устройство на територията“",
            "head": "Николай Строителев",
            "refs": f"{OPERATIONS}; 7.1.5; 8.4; 8.6",
        },
        {"name": "Дирекция „Местни данъци и такси“", "head": "Елена Данъчна", "refs": OPERATIONS},
    ],
    "auditors": [
        ("Георги Одитов", "Дирекция „Местни данъци и такси“", D(2025, 10, 20), "yes"),
        ("Десислава Проверкова", "Дирекция „Устройство на територията“", D(2025, 10, 20), "yes"),
        ("Стоян Безпристрастен", "Дирекция „Административно обслужване“", D(2026, 2, 10), "no"),
        (
            "Радка Точна",
            "Дирекция „Правно-нормативно обслужване и човешки ресурси“",
            D(2026, 2, 10),
            "yes",
        ),
    ],
}

WZOROWO = {
    "office": {
        "staff": 64,
        "sites": "Wzorowo, Rynek 1 (siedziba)\nBiuro Obsługi Mieszkańców, ul. Nowa 5",
    },
    "departments": [
        {"name": "Biuro Prezydenta Miasta", "head": "Prezydent Miasta Wzorowo", "refs": "5; 9.3"},
        {
            "name": "Zespół ds. Jakości",
            "head": "Katarzyna Wzorowa",
            "refs": "4; 6; 9.1.1; 9.1.3; 9.2; 10.1; 10.3",
        },
        {
            "name": "Biuro Obsługi Mieszkańców",
            "head": "Dorota Okienkowa",
            "refs": f"{OPERATIONS}; 9.1.2; 10.2",
        },
        {"name": "Wydział Organizacyjny i Kadr", "head": "Leszek Kadrowy", "refs": "7"},
        {
            "name": "Wydział Podatków i Opłat",
            "head": "Naczelnik Wydziału Podatków",
            "refs": OPERATIONS,
        },
        {
            "name": "Wydział Spraw Obywatelskich",
            "head": "Grażyna Meldunkowa",
            "refs": OPERATIONS,
        },
        {
            "name": "Wydział Inwestycji",
            "head": "Tadeusz Budowniczy",
            "refs": f"{OPERATIONS}; 7.1.5; 8.4; 8.6",
        },
    ],
    "auditors": [
        ("Adam Audytor", "Wydział Inwestycji", D(2024, 11, 18), "yes"),
        ("Iwona Sumienna", "Wydział Spraw Obywatelskich", D(2024, 11, 18), "yes"),
        ("Robert Uważny", "Wydział Podatków i Opłat", D(2025, 9, 8), "no"),
        ("Zofia Wnikliwa", "Wydział Organizacyjny i Kadr", D(2025, 9, 8), "yes"),
    ],
}

STRUCTURE = {
    "starostwo-przykladowo.xlsx": STAROSTWO,
    "obshtina-primerno.xlsx": OBSHTINA,
    "urzad-miasta-wzorowo.xlsx": WZOROWO,
}


def structure(name: str) -> dict[str, object]:
    """The structure of a sample office, as ``write_workbook`` takes content (office fields
    to merge, and the Departments and Auditors rows)."""
    found = copy.deepcopy(STRUCTURE[name])  # callers (tests) change what they get
    auditors = [
        dict(zip(("name", "department", "trained_on", "may_lead"), row, strict=True))
        for row in found["auditors"]  # type: ignore[attr-defined]
    ]
    return {"office": found["office"], "departments": found["departments"], "auditors": auditors}


def with_structure(name: str, content: dict[str, object]) -> dict[str, object]:
    """A sample's content with its structure added."""
    extra = structure(name)
    office = {**content["office"], **extra["office"]}  # type: ignore[dict-item]
    return {
        **content,
        "office": office,
        "departments": extra["departments"],
        "auditors": extra["auditors"],
    }

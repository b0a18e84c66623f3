"""Build the sample evidence workbook of a fictional Polish county office.

Everything here is invented: the county of Przykładowo does not exist, nor do its people.
Run ``make sample`` after changing this file; the workbook it writes is committed so that
``make demo`` works on a fresh clone without running this script.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from readiness.template import write_workbook

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "starostwo-przykladowo.xlsx"
D = dt.date

LEVELS: dict[str, int | str] = {
    "4.1": 3, "4.2": 2, "4.3": 3, "4.4.1": 3, "4.4.2": 2,
    "5.1.1": 3, "5.1.2": 2, "5.2.1": 3, "5.2.2": 3, "5.3": 3,
    "6.1.1": 2, "6.1.2": 1, "6.2.1": 3, "6.2.2": 2, "6.3": 1,
    "7.1.1": 3, "7.1.2": 3, "7.1.3": 3, "7.1.4": 3, "7.1.5.1": 2, "7.1.5.2": "na",
    "7.1.6": 1, "7.2": 3, "7.3": 2, "7.4": 3, "7.5.1": 3, "7.5.2": 3, "7.5.3.1": 3,
    "7.5.3.2": 2,
    "8.1": 3, "8.2.1": 4, "8.2.2": 3, "8.2.3.1": 3, "8.2.3.2": 3, "8.2.4": 2,
    "8.3.1": "na", "8.3.2": "na", "8.3.3": "na", "8.3.4": "na", "8.3.5": "na", "8.3.6": "na",
    "8.4.1": 2, "8.4.2": 2, "8.4.3": 3, "8.5.1": 3, "8.5.2": 3, "8.5.3": 3, "8.5.4": 3,
    "8.5.5": 2, "8.5.6": 1, "8.6": 3, "8.7.1": 2, "8.7.2": 2,
    "9.1.1": 2, "9.1.2": 3, "9.1.3": 1, "9.2.1": 2, "9.2.2": 2, "9.3.1": 2, "9.3.2": 1,
    "9.3.3": 1,
    "10.1": 2, "10.2.1": 2, "10.2.2": 2, "10.3": 1,
}  # fmt: skip

OWNERS = {
    "4": "Marta Przykładowska",
    "5": "Starosta Tomasz Wymyślony",
    "6": "Marta Przykładowska",
    "7": "Ewa Zmyślona (Wydział Organizacyjny)",
    "8": "Kierownicy wydziałów",
    "9": "Marta Przykładowska",
    "10": "Marta Przykładowska",
}

NOTES = {
    "7.1.5.2": "Starostwo nie używa przyrządów pomiarowych wymagających wzorcowania.",
    "7.1.6": "Brak zasad przekazywania wiedzy przy odejściu pracownika.",
    "6.3": "Reorganizacja wydziału komunikacji w 2026 r. bez planu zmiany.",
    "8.5.6": "Zmiany w obsłudze podczas awarii systemu nie są rejestrowane.",
    "9.3.2": "Przegląd zarządzania zaplanowany na grudzień 2026 r.",
}

EVIDENCE = [
    (
        "4.3",
        "Zakres SZJ i uzasadnienie wyłączeń (Księga Jakości, rozdz. 2)",
        "maintain",
        "KJ-01 wyd. 2",
        D(2026, 4, 2),
        D(2027, 4, 1),
        "approved",
    ),
    (
        "4.4.1",
        "Mapa procesów Starostwa",
        "other",
        "KJ-01 zał. 1",
        D(2026, 4, 2),
        D(2027, 4, 1),
        "approved",
    ),
    (
        "4.4.2",
        "Procedury i karty usług wydziałów",
        "maintain",
        "BIP / Karty usług",
        D(2025, 10, 1),
        D(2026, 10, 1),
        "approved",
    ),
    (
        "4.4.2; 8.1",
        "Rejestry spraw w systemie EZD",
        "retain",
        "EZD",
        D(2026, 11, 1),
        None,
        "approved",
    ),
    (
        "5.2.2",
        "Polityka jakości",
        "maintain",
        "Zarządzenie nr 12/2026 Starosty",
        D(2026, 3, 20),
        D(2027, 3, 20),
        "approved",
    ),
    (
        "5.3",
        "Zarządzenie w sprawie powołania pełnomocnika ds. SZJ",
        "other",
        "Zarządzenie nr 5/2026",
        D(2026, 2, 1),
        None,
        "approved",
    ),
    (
        "6.2.1",
        "Cele jakościowe na rok 2026",
        "maintain",
        "Zarządzenie nr 14/2026",
        D(2026, 3, 31),
        D(2026, 12, 31),
        "approved",
    ),
    (
        "6.1.1",
        "Rejestr ryzyk (kontrola zarządcza)",
        "other",
        "RR-2026",
        D(2026, 1, 15),
        D(2026, 7, 15),
        "approved",
    ),
    (
        "7.2",
        "Plan szkoleń i zaświadczenia",
        "retain",
        "Kadry / teczki osobowe",
        D(2026, 6, 30),
        None,
        "approved",
    ),
    (
        "7.5.3.2",
        "Wykaz aktów prawnych i dokumentów zewnętrznych",
        "maintain",
        "DZ-01",
        D(2026, 5, 10),
        D(2026, 11, 10),
        "draft",
    ),
    (
        "8.2.1",
        "Karty usług w Biuletynie Informacji Publicznej",
        "other",
        "bip.przykladowo.example",
        D(2026, 9, 1),
        D(2027, 3, 1),
        "approved",
    ),
    (
        "8.2.3.2",
        "Weryfikacja formalna wniosków w EZD",
        "retain",
        "EZD",
        D(2026, 11, 1),
        None,
        "approved",
    ),
    (
        "8.6",
        "Upoważnienia do wydawania decyzji i podpisane decyzje",
        "retain",
        "Rejestr upoważnień",
        D(2026, 1, 10),
        D(2027, 1, 10),
        "approved",
    ),
    (
        "9.1.1",
        "Mierniki procesów za I półrocze 2026",
        "retain",
        "SPR-MIER-2026-1",
        D(2026, 7, 20),
        None,
        "approved",
    ),
    (
        "9.1.2",
        "Badanie ankietowe satysfakcji klientów 2026",
        "other",
        "ANK-2026",
        D(2026, 6, 15),
        None,
        "approved",
    ),
    (
        "9.2.2",
        "Program auditów wewnętrznych 2026 i raporty",
        "retain",
        "PA-2026",
        D(2026, 9, 30),
        None,
        "approved",
    ),
    (
        "10.2.2",
        "Rejestr niezgodności i działań korygujących",
        "retain",
        "RN-2026",
        D(2026, 10, 5),
        None,
        "draft",
    ),
    (
        "8.5.3",
        "Polityka ochrony danych osobowych",
        "other",
        "Zarządzenie nr 30/2025",
        D(2025, 5, 25),
        D(2026, 5, 25),
        "approved",
    ),
]

FINDINGS = [
    (
        "GA-01",
        "9.3.2",
        "gap_analysis",
        "major",
        "Nie przeprowadzono przeglądu zarządzania obejmującego wszystkie wymagane dane wejściowe.",
        "Przeprowadzić przegląd zarządzania wg nowej agendy.",
        "Marta Przykładowska",
        D(2026, 12, 15),
        "open",
        None,
    ),
    (
        "GA-02",
        "8.4.1",
        "gap_analysis",
        "minor",
        "Brak kryteriów i zapisów oceny dostawców zewnętrznych.",
        "Opracować kryteria oceny dostawców i ocenić dostawców IT i usług pocztowych.",
        "Ewa Zmyślona",
        D(2026, 10, 31),
        "in_progress",
        None,
    ),
    (
        "IA-01",
        "7.5.3.2",
        "internal_audit",
        "minor",
        "Wykaz aktów prawnych nie jest zatwierdzony; dwa akty w nieaktualnej wersji.",
        "Zaktualizować i zatwierdzić wykaz DZ-01.",
        "Radca prawny",
        D(2026, 12, 31),
        "in_progress",
        None,
    ),
    (
        "IA-02",
        "6.1.2",
        "internal_audit",
        "observation",
        "Działania wobec ryzyk nie mają terminów ani właścicieli.",
        "Uzupełnić rejestr ryzyk o właścicieli i terminy.",
        "Marta Przykładowska",
        D(2027, 1, 31),
        "open",
        None,
    ),
    (
        "IA-03",
        "9.1.2",
        "internal_audit",
        "ofi",
        "Ankieta tylko w wersji papierowej; warto dodać ankietę elektroniczną.",
        "Uruchomić ankietę elektroniczną w BIP.",
        "Informatyk",
        D(2027, 3, 31),
        "open",
        None,
    ),
    (
        "CMP-01",
        "8.7.1",
        "complaint",
        "minor",
        "Decyzja o rejestracji pojazdu wydana po terminie.",
        "Korekta terminarza w wydziale komunikacji.",
        "Naczelnik Wydziału Komunikacji",
        D(2026, 6, 30),
        "closed",
        D(2026, 6, 20),
    ),
]

AUDITS = [
    (D(2026, 9, 22), "7; 8.2; 8.5", "Piotr Audytowy", "RA-01/2026"),
    (D(2026, 10, 14), "4; 5; 6", "Piotr Audytowy", "RA-02/2026"),
]


def content() -> dict[str, object]:
    """The sample office's workbook content, keyed as ``write_workbook`` expects."""
    clauses = [
        {
            "ref": ref,
            "level": level,
            "owner": OWNERS[ref.split(".")[0]],
            "notes": NOTES.get(ref, ""),
            "assessed_on": D(2026, 11, 5),
        }
        for ref, level in LEVELS.items()
    ]
    office = {
        "name": "Starostwo Powiatowe w Przykładowie",
        "kind": "county_office",
        "country": "PL",
        "language": "pl",
        "scope": (
            "Świadczenie usług administracyjnych przez Starostwo Powiatowe w Przykładowie: "
            "rejestracja pojazdów i prawa jazdy, architektura i budownictwo, geodezja i "
            "kartografia, ochrona środowiska, gospodarka nieruchomościami Skarbu Państwa."
        ),
        "exclusions": (
            "8.3 - Starostwo nie projektuje usług: wymagania dla wszystkich usług określają "
            "przepisy prawa, a Starostwo jedynie je realizuje."
        ),
        "quality_representative": "Marta Przykładowska, Sekretarz Powiatu",
        "consultant": "Jan Wzorcowy (Wzorcowe Doradztwo, firma fikcyjna)",
        "certification_body": "Fikcyjna Jednostka Certyfikująca Sp. z o.o.",
        "stage1_date": D(2027, 3, 15),
        "current_stage": "implementation",
    }
    keys = (
        "id",
        "ref",
        "source",
        "grade",
        "description",
        "action",
        "owner",
        "due",
        "status",
        "closed_on",
    )
    return {
        "office": office,
        "clauses": clauses,
        "evidence": [
            dict(
                zip(
                    ("refs", "title", "kind", "reference", "dated", "review_due", "status"),
                    e,
                    strict=True,
                )
            )
            | {"owner": "Marta Przykładowska"}
            for e in EVIDENCE
        ],
        "findings": [dict(zip(keys, f, strict=True)) for f in FINDINGS],
        "audits": [
            dict(zip(("date", "refs", "auditor", "report"), a, strict=True)) for a in AUDITS
        ],
        "reviews": [],
    }


def main(argv: list[str]) -> int:
    """Write the sample workbook (to the path given, or beside this script)."""
    target = Path(argv[1]) if len(argv) > 1 else SAMPLE
    write_workbook(target, lang="pl", content=content())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

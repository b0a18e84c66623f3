"""Build the sample evidence workbooks of three fictional offices at different stages.

- Starostwo Powiatowe w Przykładowie: a Polish county office in the implementation stage;
- Община Примерно: a Bulgarian municipality evaluating its implementation;
- Urząd Miasta Wzorowo: a Polish city office, certified, preparing for surveillance.

Everything here is invented: none of these places exists, nor do their people. Run
``make sample`` after changing this file; the workbooks it writes are committed so that
``make demo`` works on a fresh clone without running this script.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

# the same bytes whether or not lxml is installed (python-docx brings it): openpyxl writes
# through lxml when it can, and then spells every non-ASCII letter as a character reference
os.environ.setdefault("OPENPYXL_LXML", "False")

from sample_structure import with_structure  # departments and auditors (audit-plan)

from readiness.core.catalogue import load_catalogue
from readiness.io.template import write_workbook

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
        "gap",
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


EVIDENCE_KEYS = ("refs", "title", "kind", "reference", "dated", "review_due", "status")


FINDING_KEYS = (
    "id", "ref", "source", "grade", "description", "action", "owner", "due", "status", "closed_on",
)  # fmt: skip


def _finding_rows(rows: list[tuple[object, ...]]) -> list[dict[str, object]]:
    """Findings written as tuples, as the workbook writer takes them."""
    return [dict(zip(FINDING_KEYS, row, strict=True)) for row in rows]


def _evidence_rows(rows: list[tuple[object, ...]], owner: str) -> list[dict[str, object]]:
    """Evidence rows written as tuples, as the workbook writer takes them."""
    return [dict(zip(EVIDENCE_KEYS, row, strict=True)) | {"owner": owner} for row in rows]


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
        # 4.1 (ISO 9001:2015/Amd 1:2024): the county found climate change relevant
        "climate_relevant": "yes",
        "climate_recorded_in": "Analiza kontekstu Starostwa (SWOT), zatwierdzona 12.02.2026 r.",
    }
    return {
        "office": office,
        "clauses": clauses,
        "evidence": [
            *_evidence_rows(EVIDENCE, owner="Marta Przykładowska"),
        ],
        "findings": _finding_rows(FINDINGS),
        "audits": [
            dict(zip(("date", "refs", "auditor", "report"), a, strict=True)) for a in AUDITS
        ],
        "reviews": [],
        "objectives": [dict(o) for o in COUNTY_OBJECTIVES],
        "objective_results": [dict(r) for r in COUNTY_RESULTS],
    }


ALL_INPUTS = (
    "earlier_actions", "issues", "satisfaction", "objectives", "process_performance",
    "nonconformities", "monitoring", "audits", "providers", "resources", "risks", "improvement",
)  # fmt: skip


def _refs() -> list[str]:
    return list(LEVELS)


#: The county's quality objectives, set this year: two still lack 6.2.2 planning items (no
#: owner or resources, no way of evaluating), as a first year's objectives often do.
COUNTY_OBJECTIVES = [
    {
        "name": "Rejestracja pojazdu w dniu złożenia wniosku",
        "process": "Wydział Komunikacji",
        "indicator": "Odsetek rejestracji czasowych wydanych od ręki",
        "unit": "%",
        "direction": "higher",
        "baseline": 82,
        "target": 90,
        "period": "2026",
        "deadline": D(2026, 12, 31),
        "owner": "Naczelnik Wydziału Komunikacji",
        "actions": "Dodatkowe stanowisko w szczycie rejestracji",
        "resources": "",
        "evaluation": "Zestawienie miesięczne z systemu CEPiK",
    },
    {
        "name": "Skrócenie czasu wydania decyzji o pozwoleniu na budowę",
        "process": "Wydział Architektury",
        "indicator": "Średni czas wydania decyzji",
        "unit": "dni",
        "direction": "lower",
        "baseline": 52,
        "target": 45,
        "period": "2026",
        "owner": "",
        "actions": "",
    },
    {
        "name": "Odpowiedzi na skargi w terminie",
        "process": "Wydział Organizacyjny",
        "indicator": "Odsetek skarg rozpatrzonych w terminie KPA",
        "unit": "%",
        "target": 100,
        "period": "2026",
        "owner": "Sekretarz Powiatu",
    },
]
COUNTY_RESULTS = [
    {
        "objective": "Rejestracja pojazdu w dniu złożenia wniosku",
        "period": "2026-H1",
        "value": 86.5,
    },
    {"objective": "Odpowiedzi na skargi w terminie", "period": "2026-H1", "value": 83.3},
]


def municipality_bg() -> dict[str, object]:
    """Община Примерно: evaluation stage; the audit cycle and the review are not complete."""
    levels: dict[str, int | str] = dict.fromkeys(_refs(), 3)
    levels.update({f"8.3.{i}": "na" for i in range(1, 7)})
    levels.update({"7.1.6": 2, "6.3": 2, "9.1.3": 2, "10.3": 2, "8.2.1": 4, "9.1.2": 4})
    office = {
        "name": "Община Примерно",
        "kind": "municipality",
        "country": "BG",
        "language": "bg",
        "scope": "Административно обслужване на граждани и юридически лица: "
        "гражданска регистрация, местни данъци и такси, устройство на територията, "
        "социални услуги.",
        "exclusions": "8.3 - Общината не проектира услуги: изискванията към тях "
        "са определени в нормативни актове.",
        "quality_representative": "Мария Измислена, секретар на общината",
        "consultant": "Иван Примеров (Примерен Консулт ЕООД, измислена фирма)",
        "certification_body": "Измислен Сертификационен Орган ООД",
        "stage1_date": D(2027, 2, 8),
        "current_stage": "evaluation",
        # 4.1's decision on climate change left blank: the review pack shows it undecided
    }
    evidence = [
        (r, t, k, ref, D(2026, 2, 10), D(2027, 2, 10), "approved")
        for r, t, k, ref in [
            ("4.3", "Обхват на СУК и обосновка на изключенията", "maintain", "НК-01"),
            ("4.4.1", "Карта на процесите", "other", "НК-01 прил. 1"),
            ("4.4.2", "Процедури и карти на услугите", "maintain", "ПР-01..12"),
            ("5.2.2", "Политика по качеството", "maintain", "Заповед № 45/2026"),
            ("6.2.1", "Цели по качеството за 2026 г.", "maintain", "Заповед № 46/2026"),
            ("7.5.3.2", "Регистър на външните документи", "maintain", "РВД-2026"),
        ]
    ] + [
        (r, t, "retain", ref, D(2026, 9, 30), None, "approved")
        for r, t, ref in [
            (
                "4.4.2; 8.1; 8.2.3.2; 8.6",
                "Деловодна система: регистри на преписките",
                "АИС Деловодство",
            ),
            ("7.1.5.1", "Проверка на анкетната методика", "АН-МЕТ-2026"),
            ("7.2", "План за обучение и удостоверения", "ЧР-2026"),
            ("8.4.1", "Оценка на доставчиците за 2026 г.", "ОД-2026"),
            ("8.5.6", "Регистър на промените при предоставяне на услуги", "РП-2026"),
            ("8.7.2", "Регистър на несъответстващите услуги", "РНУ-2026"),
            ("9.1.1", "Отчет за показателите на процесите", "ОП-2026"),
            ("9.2.2", "Програма за вътрешни одити и доклади", "ПВО-2026"),
            ("9.3.3", "Протокол от прегледа от ръководството", "ПРР-1/2026"),
            ("10.2.2", "Регистър на несъответствията и коригиращите действия", "РНКД-2026"),
        ]
    ]
    findings = [
        (
            "ВО-01",
            "8.5.1",
            "internal_audit",
            "major",
            "Преписки по устройство на територията приключени след законовия срок.",
            "Въвеждане на контрол на сроковете в деловодната система.",
            "Петър Сроков",
            D(2026, 10, 31),
            "closed",
            D(2026, 10, 20),
        ),
        (
            "ВО-02",
            "7.1.6",
            "internal_audit",
            "minor",
            "Няма правила за предаване на знания при напускане на служител.",
            "",
            "Мария Измислена",
            None,
            "open",
            None,
        ),
        (
            "ВО-03",
            "9.1.3",
            "internal_audit",
            "observation",
            "Анализът на данните не е представен на ръководството.",
            "Подготвяне на годишен анализ.",
            "Мария Измислена",
            D(2027, 1, 15),
            "open",
            None,
        ),
    ]
    inputs = {
        f"input:{i}": "yes" for i in ALL_INPUTS if i not in ("providers", "risks", "improvement")
    }
    return {
        "office": office,
        "clauses": _bg_clauses(levels),
        "evidence": [
            *_evidence_rows(evidence, owner="Мария Измислена"),
        ],
        "findings": _finding_rows(findings),
        "audits": [
            {
                "date": D(2026, 4, 14),
                "refs": "4; 5; 6; 7; 8",
                "auditor": "Георги Одитов",
                "report": "ДВО-01/2026",
            }
        ],
        "reviews": [{"date": D(2026, 10, 27), "minutes": "ПРР-1/2026", **inputs}],
        "objectives": [
            {
                "name": "Административни услуги в срок",
                "process": "Административно обслужване",
                "indicator": "Дял на услугите, предоставени в нормативния срок",
                "unit": "%",
                "direction": "higher",
                "baseline": 91,
                "target": 97,
                "period": "2026",
                "deadline": D(2026, 12, 31),
                "owner": "Мария Измислена",
                "actions": "Контрол на сроковете в деловодната система",
                "resources": "Модул за напомняния в деловодната система",
                "evaluation": "Тримесечна справка от деловодната система",
            },
            {
                "name": "Удовлетвореност на потребителите",
                "process": "Център за административно обслужване",
                "indicator": "Дял на отговорилите „много добре“ или „добре“",
                "unit": "%",
                "direction": "higher",
                "baseline": 78,
                "target": 85,
                "period": "2026",
                "owner": "Мария Измислена",
                "actions": "Обучение на служителите в центъра",
                "resources": "Бюджет за обучения",
                "evaluation": "Годишна анкета сред потребителите",
            },
        ],
        "objective_results": [
            {"objective": "Административни услуги в срок", "period": "2026-Q1", "value": 93.4},
            {"objective": "Административни услуги в срок", "period": "2026-Q2", "value": 95.1},
            {"objective": "Административни услуги в срок", "period": "2026-Q3", "value": 96.2},
            {"objective": "Удовлетвореност на потребителите", "period": "2026", "value": 73},
        ],
    }


def _bg_clauses(levels: dict[str, int | str]) -> list[dict[str, object]]:
    note = "Общината не използва средства за измерване, подлежащи на калибриране."
    return [
        {
            "ref": r,
            "level": lv,
            "owner": "Мария Измислена",
            "assessed_on": D(2026, 11, 2),
            "notes": note if r == "7.1.5.2" else "",
        }
        for r, lv in levels.items()
    ]


def city_office_certified() -> dict[str, object]:
    """Urząd Miasta Wzorowo: certified in June 2025, preparing for its second surveillance."""
    levels: dict[str, int | str] = dict.fromkeys(_refs(), 3)
    levels.update({f"8.3.{i}": "na" for i in range(1, 7)})
    levels["7.1.5.2"] = "na"
    for ref in (
        "5.1.1",
        "6.2.1",
        "9.1.1",
        "9.1.3",
        "9.2.2",
        "9.3.3",
        "10.2.1",
        "10.2.2",
        "8.2.1",
        "9.1.2",
    ):
        levels[ref] = 4
    notes = {"7.1.5.2": "Urząd nie używa przyrządów pomiarowych wymagających wzorcowania."}
    office = {
        "name": "Urząd Miasta Wzorowo",
        "kind": "municipal_office",
        "country": "PL",
        "language": "pl",
        "scope": "Obsługa mieszkańców i przedsiębiorców przez Urząd Miasta Wzorowo: "
        "sprawy obywatelskie, podatki i opłaty lokalne, gospodarka komunalna, "
        "architektura, ochrona środowiska.",
        "exclusions": "8.3 - Urząd nie projektuje usług; ich wymagania określają przepisy prawa.",
        "quality_representative": "Katarzyna Wzorowa, Sekretarz Miasta",
        "consultant": "",
        "certification_body": "Fikcyjna Jednostka Certyfikująca Sp. z o.o.",
        "stage1_date": D(2025, 3, 10),
        "current_stage": "surveillance",
        "certificate_number": "PL-QMS-2025-0417 (fikcyjny)",
        "certificate_issued": D(2025, 6, 16),
        "certificate_expires": D(2028, 6, 15),
        # 4.1: decided, and recorded, that climate change is not a relevant issue
        "climate_relevant": "no",
        "climate_recorded_in": "Analiza kontekstu Urzędu Miasta Wzorowo, przegląd z 2026 r.",
    }
    documents = [
        ("4.3", "Zakres SZJ (Księga Jakości)", "maintain"),
        ("4.4.1", "Mapa procesów", "other"),
        ("4.4.2", "Procedury i karty usług", "maintain"),
        ("5.2.2", "Polityka jakości", "maintain"),
        ("6.2.1", "Cele jakościowe na 2026 r.", "maintain"),
        ("7.5.3.2", "Wykaz dokumentów zewnętrznych", "maintain"),
    ]
    records = [
        ("4.4.2; 8.1; 8.2.3.2; 8.6", "Rejestry spraw w EZD"),
        ("7.1.5.1", "Weryfikacja metodyki ankiet"),
        ("7.2", "Ewidencja szkoleń"),
        ("8.4.1", "Ocena dostawców 2026"),
        ("8.5.6", "Rejestr zmian w świadczeniu usług"),
        ("8.7.2", "Rejestr niezgodnych usług"),
        ("9.1.1", "Mierniki procesów 2026"),
        ("9.2.2", "Program i raporty auditów 2026"),
        ("9.3.3", "Protokół z przeglądu zarządzania 2026"),
        ("10.2.2", "Rejestr działań korygujących"),
    ]
    evidence = [
        {
            "refs": r,
            "title": t,
            "kind": k,
            "reference": f"UMW-{i:02d}",
            "owner": "Katarzyna Wzorowa",
            "dated": D(2026, 3, 1),
            "review_due": D(2027, 3, 1),
            "status": "approved",
        }
        for i, (r, t, k) in enumerate(documents, start=1)
    ] + [
        {
            "refs": r,
            "title": t,
            "kind": "retain",
            "reference": f"UMW-R{i:02d}",
            "owner": "Katarzyna Wzorowa",
            "dated": D(2026, 10, 31),
            "status": "approved",
        }
        for i, (r, t) in enumerate(records, start=1)
    ]
    findings = [
        (
            "NA-01",
            "8.5.6",
            "surveillance",
            "minor",
            "Zmiany w obsłudze podczas awarii EZD nie były rejestrowane.",
            "Wprowadzono rejestr zmian.",
            "Katarzyna Wzorowa",
            D(2026, 7, 31),
            "verified",
            D(2026, 7, 10),
        ),
        (
            "AW-04",
            "7.1.6",
            "internal_audit",
            "minor",
            "Brak zasad przekazywania wiedzy w Wydziale Podatków.",
            "Opracować instrukcję przekazywania spraw.",
            "Naczelnik Wydziału Podatków",
            D(2027, 1, 31),
            "in_progress",
            None,
        ),
        (
            "AW-05",
            "9.1.2",
            "internal_audit",
            "ofi",
            "Ankieta elektroniczna ma niski odsetek odpowiedzi.",
            "Promować ankietę w BOM.",
            "Biuro Obsługi Mieszkańców",
            D(2027, 3, 31),
            "open",
            None,
        ),
    ]
    return {
        "office": office,
        "clauses": [
            {
                "ref": r,
                "level": lv,
                "owner": "Katarzyna Wzorowa",
                "notes": notes.get(r, ""),
                "assessed_on": D(2026, 11, 3),
            }
            for r, lv in levels.items()
        ],
        "evidence": evidence,
        "findings": _finding_rows(findings),
        "audits": [
            {
                "date": D(2026, 3, 10),
                "refs": "4; 5; 6; 7",
                "auditor": "Adam Audytor",
                "report": "RA-1/2026",
            },
            {
                "date": D(2026, 5, 20),
                "refs": "all",
                "auditor": "Fikcyjna Jednostka Certyfikująca",
                "report": "Raport z auditu nadzoru 1",
                "kind": "surveillance",
            },
            {
                "date": D(2026, 9, 15),
                "refs": "8; 9; 10",
                "auditor": "Adam Audytor",
                "report": "RA-2/2026",
            },
        ],
        "reviews": [
            {
                "date": D(2026, 10, 20),
                "minutes": "PZ-1/2026",
                **{f"input:{i}": "yes" for i in ALL_INPUTS},
            }
        ],
        "decisions": [dict(d) for d in CITY_DECISIONS],
        "objectives": [dict(o) for o in CITY_OBJECTIVES],
        "objective_results": _city_results(),
    }


#: Urząd Miasta Wzorowo's objectives for 2026, each with its 6.2.2 planning items; a full
#: year of quarterly results (the four quarters ended before the surveillance audit): two
#: met, one missed (the e-survey's response rate).
CITY_OBJECTIVES = [
    {
        "name": "Sprawy załatwione w terminie",
        "process": "Obsługa mieszkańców",
        "indicator": "Odsetek spraw załatwionych w terminie KPA",
        "unit": "%",
        "direction": "higher",
        "baseline": 94,
        "target": 97,
        "period": "2026",
        "deadline": D(2026, 12, 31),
        "owner": "Katarzyna Wzorowa",
        "actions": "Przypomnienia o terminach w EZD; przegląd spraw co tydzień",
        "resources": "Moduł przypomnień EZD",
        "evaluation": "Raport kwartalny z EZD, omawiany na naradzie kierownictwa",
    },
    {
        "name": "Krótszy czas oczekiwania w Biurze Obsługi Mieszkańców",
        "process": "Biuro Obsługi Mieszkańców",
        "indicator": "Średni czas oczekiwania na obsługę",
        "unit": "min",
        "direction": "lower",
        "baseline": 14,
        "target": 10,
        "period": "2026",
        "deadline": D(2026, 12, 31),
        "owner": "Kierownik Biura Obsługi Mieszkańców",
        "actions": "Numerki kolejkowe przez internet; dodatkowe stanowisko w poniedziałki",
        "resources": "System kolejkowy; jeden etat w poniedziałki",
        "evaluation": "Dane z systemu kolejkowego, co kwartał",
    },
    {
        "name": "Więcej odpowiedzi w ankiecie elektronicznej",
        "process": "Badanie satysfakcji klientów",
        "indicator": "Odsetek odpowiedzi na zaproszenie do ankiety",
        "unit": "%",
        "direction": "higher",
        "baseline": 6,
        "target": 15,
        "period": "2026",
        "deadline": D(2026, 12, 31),
        "owner": "Biuro Obsługi Mieszkańców",
        "actions": "Kod QR z ankietą na potwierdzeniach i w BOM",
        "resources": "Plakaty i ulotki",
        "evaluation": "Raport z systemu ankiet, co kwartał",
    },
]

#: What the 2026 management review (PZ-1/2026) decided (9.3.3), in the Review decisions
#: sheet's columns.
CITY_DECISIONS = [
    {
        "review": D(2026, 10, 20),
        "kind": "improvement",
        "description": "Wprowadzić zapisy na wizytę w BOM przez internet.",
        "owner": "Kierownik Biura Obsługi Mieszkańców",
        "due": D(2027, 3, 31),
        "status": "in_progress",
    },
    {
        "review": D(2026, 10, 20),
        "kind": "change",
        "description": "Włączyć ocenę dostawców usług informatycznych do procedury zakupów.",
        "owner": "Katarzyna Wzorowa",
        "due": D(2026, 12, 31),
        "status": "open",
    },
    {
        "review": D(2026, 10, 20),
        "kind": "resources",
        "description": "Przeszkolić dwóch kolejnych auditorów wewnętrznych.",
        "owner": "Sekretarz Miasta",
        "due": D(2027, 2, 28),
        "status": "open",
    },
    {
        "review": D(2026, 10, 20),
        "kind": "improvement",
        "description": "Opublikować karty usług Wydziału Podatków w nowym układzie.",
        "owner": "Naczelnik Wydziału Podatków",
        "due": D(2026, 11, 10),
        "status": "done",
    },
]


def _city_results() -> list[dict[str, object]]:
    """Four quarters' values (a full year) for each of the city's objectives."""
    values = {
        "Sprawy załatwione w terminie": (96.1, 96.8, 97.4, 97.9),  # met
        "Krótszy czas oczekiwania w Biurze Obsługi Mieszkańców": (12.5, 11.0, 9.5, 9.0),  # met
        "Więcej odpowiedzi w ankiecie elektronicznej": (6.5, 8.0, 9.2, 10.1),  # missed
    }
    quarters = (
        ("2025-Q4", D(2025, 12, 31)),
        ("2026-Q1", D(2026, 3, 31)),
        ("2026-Q2", D(2026, 6, 30)),
        ("2026-Q3", D(2026, 9, 30)),
    )
    return [
        {"objective": name, "period": period, "value": value, "measured_on": end}
        for name, series in values.items()
        for (period, end), value in zip(quarters, series, strict=True)
    ]


SAMPLES = {
    "starostwo-przykladowo.xlsx": ("pl", content),
    "obshtina-primerno.xlsx": ("bg", municipality_bg),
    "urzad-miasta-wzorowo.xlsx": ("pl", city_office_certified),
}


#: the registers the sample offices keep (data/sample/build_registers.py), named in their
#: Office sheet; content() leaves them out, so tests writing it elsewhere need no registers
SOURCES = {
    "starostwo-przykladowo.xlsx": "registers/starostwo/sources.toml",
    "obshtina-primerno.xlsx": "registers/obshtina/sources.toml",
    "urzad-miasta-wzorowo.xlsx": "registers/wzorowo/sources.toml",
}


def sample_content(name: str) -> dict[str, object]:
    """What a committed sample workbook holds: its content, with its registers named."""
    content = with_structure(name, SAMPLES[name][1]())
    if name in SOURCES:
        content["office"] = {**content["office"], "sources": SOURCES[name]}  # type: ignore[dict-item]
    return content


def main(argv: list[str]) -> int:
    """Write every sample workbook (into the folder given, or beside this script)."""
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    for name, (lang, _build) in SAMPLES.items():
        write_workbook(
            folder / name, lang=lang, content=sample_content(name), catalogue=load_catalogue()
        )
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

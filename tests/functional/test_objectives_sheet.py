"""The optional Objectives, Objective results and Review decisions sheets (issue 20).

Real workbooks in tmp_path, written by the template and typed into as people type, read back
into the typed records; a workbook without the sheets reads as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import pytest

from conftest import AS_OF
from readiness.core.catalogue import load_catalogue
from readiness.core.model import Objective, ReviewDecision
from readiness.io.workbook import load_workbook, read_workbook

OBJECTIVES = [
    {
        "name": "Sprawy załatwione w terminie",
        "process": "Obsługa mieszkańców",
        "indicator": "Odsetek spraw załatwionych w terminie KPA",
        "unit": "%",
        "direction": "higher",
        "baseline": 88,
        "target": 95,
        "period": "2026",
        "deadline": dt.date(2026, 12, 31),
        "owner": "Katarzyna Wzorowa",
        "actions": "Kontrola terminów w EZD",
        "resources": "Moduł przypomnień EZD",
        "evaluation": "Raport kwartalny z EZD",
    },
    {
        "name": "Mniej skarg zasadnych",
        "indicator": "Liczba skarg zasadnych",
        "unit": "szt.",
        "direction": "lower",
        "target": 4,
        "period": "2026",
    },
]
RESULTS = [
    {"objective": "Sprawy załatwione w terminie", "period": "2026-Q1", "value": 91},
    {"objective": "Sprawy załatwione w terminie", "period": "2026-Q2", "value": "92,5"},
    {"objective": "Sprawy załatwione w terminie", "period": "2026-Q3", "value": "93 %"},
    {"objective": "Mniej skarg zasadnych", "period": 2026, "value": 3},
]
DECISIONS = [
    {
        "review": dt.date(2026, 10, 20),
        "kind": "improvement",
        "description": "Wprowadzić zapisy na wizytę przez internet",
        "owner": "Biuro Obsługi Mieszkańców",
        "due": dt.date(2027, 3, 31),
        "status": "in_progress",
    },
    {"review": dt.date(2026, 10, 20), "kind": "resources", "description": "Drugi auditor"},
]


def _content(sample_content, **sheets):
    content = dict(sample_content)
    content["reviews"] = [{"date": dt.date(2026, 10, 20), "minutes": "PZ-1/2026"}]
    content.update(sheets)
    return content


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_sheets_are_read_into_the_records(make_workbook, sample_content, lang):
    content = _content(
        sample_content, objectives=OBJECTIVES, objective_results=RESULTS, decisions=DECISIONS
    )
    book = load_workbook(make_workbook(content, lang=lang), as_of=AS_OF, catalogue=load_catalogue())
    first, second = book.objectives
    assert first == Objective(
        name="Sprawy załatwione w terminie",
        indicator="Odsetek spraw załatwionych w terminie KPA",
        process="Obsługa mieszkańców",
        unit="%",
        higher_is_better=True,
        baseline=88.0,
        target=95.0,
        deadline=dt.date(2026, 12, 31),
        period="2026",
        owner="Katarzyna Wzorowa",
        actions="Kontrola terminów w EZD",
        resources="Moduł przypomnień EZD",
        evaluation="Raport kwartalny z EZD",
        row=2,
    )
    # blank 6.2.2 items stay empty, for the report to name; "lower is better" is kept
    assert not second.higher_is_better
    assert (second.owner, second.actions, second.resources, second.evaluation) == ("",) * 4
    assert second.baseline is None and second.deadline is None
    # a Polish decimal comma and a percent sign are read as people mean them
    values = [(r.objective[:5], r.period, r.value) for r in book.objective_results]
    assert values == [
        ("Spraw", "2026-Q1", 91.0),
        ("Spraw", "2026-Q2", 92.5),
        ("Spraw", "2026-Q3", 93.0),
        ("Mniej", "2026", 3.0),  # a year typed as a number is the period "2026"
    ]
    assert book.decisions == (
        ReviewDecision(
            review=dt.date(2026, 10, 20),
            kind="improvement",
            description="Wprowadzić zapisy na wizytę przez internet",
            owner="Biuro Obsługi Mieszkańców",
            due=dt.date(2027, 3, 31),
            status="in_progress",
            row=2,
        ),
        ReviewDecision(
            review=dt.date(2026, 10, 20),
            kind="resources",
            description="Drugi auditor",
            status="open",
            row=3,
        ),
    )


SHEET_NAMES = {
    "en": ("Objectives", "Objective results", "Review decisions"),
    "pl": ("Cele", "Wyniki celów", "Decyzje z przeglądów"),
    "bg": ("Цели", "Резултати по целите", "Решения от прегледите"),
}


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_template_names_the_sheets_in_its_language(make_workbook, lang):
    book = openpyxl.load_workbook(make_workbook(lang=lang))
    for name in SHEET_NAMES[lang]:
        assert name in book.sheetnames
    headers = [c.value for c in book[SHEET_NAMES[lang][0]][1]]
    assert len(headers) == 13 and all(headers)
    assert {"en": "Target", "pl": "Wartość docelowa", "bg": "Целева стойност"}[lang] in headers
    # "higher is better" is a drop-down in the workbook's language
    better = headers.index(
        {"en": "Desired direction", "pl": "Pożądany kierunek", "bg": "Желана посока"}[lang]
    )
    rules = book[SHEET_NAMES[lang][0]].data_validations.dataValidation
    letter = openpyxl.utils.get_column_letter(better + 1)
    assert any(str(r.sqref).startswith(f"{letter}2:") and r.type == "list" for r in rules)


def _type_into(path, sheet: str, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for where, value in cells.items():
        book[sheet][where] = value
    book.save(path)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_messy_cells_name_the_file_sheet_cell_and_what_was_expected(
    make_workbook, sample_content, lang
):
    content = _content(sample_content, objectives=OBJECTIVES, objective_results=RESULTS)
    path = make_workbook(content, lang=lang)
    results = SHEET_NAMES[lang][1]
    # text in the value column, a blank period, a target in words
    _type_into(path, results, {"C2": "około 90", "B3": None})
    _type_into(path, SHEET_NAMES[lang][0], {"G3": "cztery"})
    workbook, problems = read_workbook(path, as_of=AS_OF, lang=lang, catalogue=load_catalogue())
    assert workbook is None
    found = {(p.sheet, p.cell, p.code) for p in problems if p.severity == "error"}
    assert found == {
        (results, "C2", "bad-number"),
        (results, "B3", "missing-value"),
        (SHEET_NAMES[lang][0], "G3", "bad-number"),
    }
    assert all(p.file == path.name for p in problems)
    bad = next(p for p in problems if p.cell == "C2")
    assert bad.value == "około 90"
    expected = {"en": "a number", "pl": "liczba"}[lang]
    assert expected in bad.expected
    if lang == "pl":  # the message in the user's language, no English left in it
        assert "Wartość" in bad.message and "value" not in bad.message


def test_duplicates_and_unknown_names(make_workbook, sample_content):
    objectives = [*OBJECTIVES, {"name": "sprawy  załatwione w TERMINIE"}]
    results = [
        *RESULTS,
        {"objective": "Mniej skarg zasadnych", "period": "2026", "value": 5},
        # named by its indicator: read without a warning
        {"objective": "Liczba skarg zasadnych", "period": "2025", "value": 6},
        {"objective": "Cel, którego nie ma", "period": "2026", "value": 1},
    ]
    decisions = [{"review": dt.date(2026, 9, 1), "kind": "change", "description": "Nowa mapa"}]
    content = _content(
        sample_content, objectives=objectives, objective_results=results, decisions=decisions
    )
    workbook, problems = read_workbook(
        make_workbook(content), as_of=AS_OF, catalogue=load_catalogue()
    )
    codes = {(p.code, p.severity, p.sheet, p.cell) for p in problems if p.sheet != "Clauses"}
    assert ("duplicate-objective", "error", "Objectives", "A4") in codes
    assert ("duplicate-result", "error", "Objective results", "B6") in codes
    assert ("unknown-objective", "warning", "Objective results", "A8") in codes
    assert ("unknown-review", "warning", "Review decisions", "A2") in codes
    assert not any(p.cell == "A7" for p in problems if p.sheet == "Objective results")
    assert workbook is None


def test_a_review_decision_after_the_assessment_date_is_refused(make_workbook, sample_content):
    later = [{"review": dt.date(2027, 1, 5), "kind": "change", "description": "Nowa mapa"}]
    workbook, problems = read_workbook(
        make_workbook(_content(sample_content, decisions=later)),
        as_of=AS_OF,
        catalogue=load_catalogue(),
    )
    assert workbook is None
    assert any(p.code == "date-after-as-of" and p.cell == "A2" for p in problems)


def test_a_workbook_without_the_sheets_reads_as_before(make_workbook, sample_content):
    with_empty = load_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    path = make_workbook(sample_content)
    book = openpyxl.load_workbook(path)
    for name in SHEET_NAMES["en"]:
        del book[name]
    book.save(path)
    without, problems = read_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    assert without is not None
    assert not any(p.sheet in SHEET_NAMES["en"] for p in problems)
    assert (without.objectives, without.objective_results, without.decisions) == ((), (), ())
    # everything else reads exactly as with the sheets (the sample's own objectives aside)
    assert without == dataclasses.replace(
        with_empty, source=without.source, objectives=(), objective_results=(), decisions=()
    )


@pytest.mark.parametrize(
    "name", ["starostwo-przykladowo.xlsx", "obshtina-primerno.xlsx", "urzad-miasta-wzorowo.xlsx"]
)
def test_the_committed_samples_read_with_the_new_sheets(name, tmp_path):
    """The samples, rebuilt with objectives and decisions, still read without an error."""
    import shutil

    from conftest import ROOT

    source = ROOT / "data" / "sample"
    shutil.copyfile(source / name, tmp_path / name)
    shutil.copytree(source / "registers", tmp_path / "registers")
    workbook, problems = read_workbook(tmp_path / name, as_of=AS_OF, catalogue=load_catalogue())
    assert workbook is not None, [p for p in problems if p.severity == "error"]
    assert workbook.objectives and workbook.objective_results
    if name == "urzad-miasta-wzorowo.xlsx":  # a full year, its review's decisions
        assert len(workbook.objectives) == 3 and len(workbook.objective_results) == 12
        assert {d.kind for d in workbook.decisions} == {"improvement", "change", "resources"}
        assert {d.review for d in workbook.decisions} == {r.date for r in workbook.reviews}
    elif name == "obshtina-primerno.xlsx":  # in Bulgarian
        assert all("Ѐ" <= o.name[0] <= "ӿ" for o in workbook.objectives)
    else:  # the county: 6.2.2 planning items missing
        assert any(not (o.owner and o.resources and o.actions) for o in workbook.objectives)
    assert not any(
        p.sheet in {n for names in SHEET_NAMES.values() for n in names} for p in problems
    )


SURVEYS = {
    "wzorowo/ankieta-2025.ods": ("Wydział", range(1, 6)),
    "wzorowo/ankieta-2026.csv": ("Wydział", range(1, 6)),
    "starostwo/ankieta-satysfakcji-2026.csv": ("Wydział", "bardzo dobrze"),
    "obshtina/anketa-2026.csv": ("Звено / услуга", "много добре"),
}


def test_no_sample_register_is_taken_for_an_office_workbook():
    """`readiness portfolio` takes every .xlsx no sources file names for an office: the
    quality year's registers are ods and CSV."""
    from conftest import ROOT

    registers = ROOT / "data" / "sample" / "registers"
    for name in [*SURVEYS, "wzorowo/ocena-dostawcow.ods", "starostwo/dostawcy.csv"]:
        assert (registers / name).suffix != ".xlsx", name


@pytest.mark.parametrize("name", sorted(SURVEYS))
def test_the_sample_surveys_have_a_row_per_respondent(name):
    """Read as the registers' reader reads any register (encoding, separator detected)."""
    from conftest import ROOT
    from readiness.io.registers.files import read_grid

    grid = read_grid(ROOT / "data" / "sample" / "registers" / name)
    header, *rows = [r for r in grid.rows if any(v not in (None, "") for v in r)]
    service, answer = SURVEYS[name]
    assert service in header and len(header) >= 5 and len(rows) >= 80
    answers = [v for row in rows for v in row[2:] if v not in (None, "")]
    if isinstance(answer, str):
        assert answer in answers
    else:
        assert {int(float(v)) for v in answers} == set(answer)


@pytest.mark.parametrize(
    ("name", "overdue", "refused"),
    [
        ("wzorowo/ocena-dostawcow.ods", "Przykładowa Drukarnia Miejska", "niezatwierdzony"),
        ("starostwo/dostawcy.csv", "Zmyślony Serwis Komputerowy", None),
        ("obshtina/otsenka-dostavchitsi.ods", "Примерна Печатница ООД", "неодобрен"),
    ],
)
def test_the_sample_supplier_registers(name, overdue, refused):
    """Provider, supplies, date, score, result, evaluator, next evaluation: one overdue."""
    from conftest import ROOT
    from readiness.io.cells import parse_date
    from readiness.io.registers.files import read_grid

    grid = read_grid(ROOT / "data" / "sample" / "registers" / name)
    rows = [r for r in grid.rows if sum(v not in (None, "") for v in r) >= 7]
    header, *rows = rows
    assert len(header) == 7 and len(rows) >= 3
    due = {row[0]: parse_date(row[6]) for row in rows}
    assert [who for who, when in due.items() if when < AS_OF] == [overdue]
    if refused:
        assert refused in {row[4] for row in rows}

"""The template a consultant fills: layout, drop-downs, and the round trip through the reader."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import load_workbook, read_workbook

SHEETS = {
    "en": [
        "Instructions",
        "Office",
        "Clauses",
        "Evidence",
        "Findings",
        "Audits",
        "Reviews",
        "_lists",
    ],
    "pl": [
        "Instrukcja",
        "Urząd",
        "Wymagania",
        "Dowody",
        "Ustalenia",
        "Audity",
        "Przeglądy",
        "_lists",
    ],
    "bg": [
        "Указания",
        "Администрация",
        "Изисквания",
        "Доказателства",
        "Констатации",
        "Одити",
        "Прегледи",
        "_lists",
    ],
}


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_template_layout(make_workbook, lang):
    path = make_workbook(lang=lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS[lang]
    assert book["_lists"].sheet_state == "hidden"
    clauses = book[SHEETS[lang][2]]
    assert clauses.freeze_panes == "A2"
    refs = [clauses.cell(row=r, column=1).value for r in range(2, 67)]
    assert refs == [c.ref for c in load_catalogue().requirements]
    assert clauses["B2"].value == load_catalogue().title("4.1", lang)
    validated = {str(dv.sqref): dv.formula1 for dv in clauses.data_validations.dataValidation}
    assert any(rng.startswith("C2") and "_lists" in f for rng, f in validated.items())
    assert clauses.column_dimensions["B"].width >= 40


def test_drop_down_lists_hold_the_labels_of_the_language(make_workbook):
    book = openpyxl.load_workbook(make_workbook(lang="pl"))
    lists = book["_lists"]
    columns = {lists.cell(row=1, column=c).value: c for c in range(1, lists.max_column + 1)}
    levels = [lists.cell(row=r, column=columns["level"]).value for r in range(2, 8)]
    assert levels[3] == "3 - wdrożone" and levels[-1] == "nie dotyczy"
    grades = [lists.cell(row=r, column=columns["grade"]).value for r in range(2, 6)]
    assert "niezgodność duża" in grades


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_filled_template_round_trips(make_workbook, sample_content, lang):
    path = make_workbook(sample_content, lang=lang)
    book = load_workbook(path, as_of=dt.date(2026, 11, 16))
    assert book.office.name == "Starostwo Powiatowe w Przykładowie"
    assert book.office.current_stage == "implementation"
    assert book.clauses["8.2.1"].level == 4
    assert book.clauses["8.3.4"].not_applicable
    assert book.clauses["8.3.4"].notes.startswith("Starostwo nie projektuje")
    assert len(book.evidence) == 18 and len(book.findings) == 6 and len(book.audits) == 2
    assert {f.grade for f in book.findings} == {"major", "minor", "observation", "ofi"}
    result = assess(book, dt.date(2026, 11, 16))
    assert 0.7 < result.overall < 0.8


def test_reviews_record_the_inputs_covered(make_workbook, sample_content):
    sample_content["reviews"] = [
        {
            "date": dt.date(2026, 6, 1),
            "minutes": "PZ-1/2026",
            "input:audits": "yes",
            "input:risks": "no",
            "input:resources": "yes",
        }
    ]
    book = load_workbook(make_workbook(sample_content, lang="bg"), as_of=dt.date(2026, 11, 16))
    assert book.reviews[0].inputs == {"audits", "resources"}
    assert book.reviews[0].minutes == "PZ-1/2026"


def test_the_committed_sample_is_valid_and_typical(sample):
    book, problems = read_workbook(sample, as_of=dt.date(2026, 11, 16))
    assert book is not None and problems == []
    assert book.office.exclusions and all(r.startswith("8.3") for r in book.office.exclusions)
    result = assess(book, dt.date(2026, 11, 16))
    assert result.overdue_evidence and result.missing_documents
    assert {g for g, fs in result.findings_by_grade().items() if fs} == {
        "major",
        "minor",
        "observation",
        "ofi",
    }
    levels = {r.score_level for r in result.requirements if not r.excluded}
    assert levels == {1, 2, 3, 4}


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_clause_columns_are_formatted_as_text(make_workbook, sample_content, lang):
    """So that Polish or Bulgarian Excel keeps a typed "9.2" as text, not 9 February."""
    from readiness.core.schema import sheets
    from readiness.io.template import label_of_sheet

    book = openpyxl.load_workbook(make_workbook(sample_content, lang=lang))
    checked = 0
    for sheet in sheets(load_catalogue()):
        if sheet.layout != "table":
            continue
        ws = book[label_of_sheet(sheet, lang)]
        for index, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            text = column.kind in ("ref", "refs")
            # the whole column (the rows still to be typed) and every written cell
            assert (ws.column_dimensions[letter].number_format == "@") == text, column.key
            if text:
                cells = [ws.cell(row=r, column=index) for r in range(2, ws.max_row + 1)]
                assert cells and all(c.number_format == "@" for c in cells)
                assert all(isinstance(c.value, str) for c in cells if c.value is not None)
                checked += 1
    assert checked == 4  # Clauses, Evidence, Findings, Audits

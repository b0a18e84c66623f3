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
        "Departments",
        "Auditors",
        "Review decisions",
        "Objectives",
        "Objective results",
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
        "Wydziały",
        "Auditorzy",
        "Decyzje z przeglądów",
        "Cele",
        "Wyniki celów",
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
        "Звена",
        "Одитори",
        "Решения от прегледите",
        "Цели",
        "Резултати по целите",
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
    # titles wrap in a narrower column; the row is as tall as its longest cell
    assert clauses["B2"].alignment.wrap_text
    assert clauses.row_dimensions[2].height > 15


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
    book = load_workbook(path, as_of=dt.date(2026, 11, 16), catalogue=load_catalogue())
    assert book.office.name == "Starostwo Powiatowe w Przykładowie"
    assert book.office.current_stage == "implementation"
    assert book.clauses["8.2.1"].level == 4
    assert book.clauses["8.3.4"].not_applicable
    assert book.clauses["8.3.4"].notes.startswith("Starostwo nie projektuje")
    assert len(book.evidence) == 18 and len(book.findings) == 6 and len(book.audits) == 2
    assert {f.grade for f in book.findings} == {"major", "minor", "gap", "observation", "ofi"}
    result = assess(book, dt.date(2026, 11, 16), catalogue=load_catalogue())
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
    book = load_workbook(
        make_workbook(sample_content, lang="bg"),
        as_of=dt.date(2026, 11, 16),
        catalogue=load_catalogue(),
    )
    assert book.reviews[0].inputs == {"audits", "resources"}
    assert book.reviews[0].minutes == "PZ-1/2026"


def test_the_committed_sample_is_valid_and_typical(sample):
    book, problems = read_workbook(sample, as_of=dt.date(2026, 11, 16), catalogue=load_catalogue())
    assert book is not None and problems == []
    assert book.office.exclusions and all(r.startswith("8.3") for r in book.office.exclusions)
    result = assess(book, dt.date(2026, 11, 16), catalogue=load_catalogue())
    assert result.overdue_evidence and result.missing_documents
    assert {g for g, fs in result.findings_by_grade().items() if fs} == {
        "major",
        "minor",
        "observation",
        "ofi",
        "gap",
    }
    levels = {r.score_level for r in result.requirements if not r.excluded}
    assert levels == {1, 2, 3, 4}


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_clause_columns_are_formatted_as_text(make_workbook, sample_content, lang):
    """So that Polish or Bulgarian Excel keeps a typed "9.2" as text, not 9 February."""
    from sample_structure import with_structure

    from readiness.core.schema import sheets
    from readiness.io.template import label_of_sheet

    content = with_structure("starostwo-przykladowo.xlsx", sample_content)
    book = openpyxl.load_workbook(make_workbook(content, lang=lang))
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
    assert checked == 5  # Clauses, Evidence, Findings, Audits, Departments


# -- the Clauses sheet's guide columns (issue 13) ----------------------------------------------
GUIDE_HEADERS = {
    "en": [
        "What to ask",
        "What an auditor looks for",
        "Typical evidence",
        "Documented information required",
    ],
    "pl": [
        "O co pytać",
        "Czego szuka auditor",
        "Typowe dowody",
        "Wymagane udokumentowane informacje",
    ],
    "bg": [
        "Какво да се попита",
        "Какво търси одиторът",
        "Типични доказателства",
        "Изисквана документирана информация",
    ],
}
FILL_HEADERS = {
    "en": ["Clause", "Title", "Level", "Owner", "Notes", "Assessed on"],
    "pl": ["Wymaganie", "Tytuł", "Poziom", "Właściciel", "Uwagi", "Data oceny"],
    "bg": ["Изискване", "Заглавие", "Ниво", "Отговорник", "Бележки", "Дата на оценката"],
}


def _row_of(ws, ref):
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == ref)


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_clauses_carry_the_guide_right_of_the_columns_people_fill(make_workbook, lang):
    cat = load_catalogue()
    ws = openpyxl.load_workbook(make_workbook(lang=lang))[SHEETS[lang][2]]
    headers = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
    assert headers[:6] == FILL_HEADERS[lang]  # the columns people fill stay where they were
    assert headers[6:] == GUIDE_HEADERS[lang]
    for ref in ("4.1", "7.1.5.2", "8.7.1", "10.3"):
        row = _row_of(ws, ref)
        ask, look_for, evidence, documented = (
            ws.cell(row=row, column=c).value for c in range(7, 11)
        )
        clause = cat.clauses[ref]
        assert clause.ask and all(cat.tr(q, lang) in ask for q in clause.ask), ref
        assert look_for == cat.tr(clause.guidance, lang)
        assert all(cat.tr(e, lang) in evidence for e in clause.evidence)
        assert documented and all(cat.tr(d.what, lang) in documented for d in clause.documented)
        # marked as a guide: grey and italic, unlike the columns people fill
        assert ws.cell(row=row, column=7).fill.fgColor.rgb.endswith("EDEDED")
        assert ws.cell(row=row, column=7).font.i and not ws.cell(row=row, column=3).font.i
    # a record to retain (9.2.2) and a document to maintain (4.3) are named by their kind
    kinds = {
        "en": ("record to retain", "document to maintain"),
        "pl": ("zapis do zachowywania", "dokument do utrzymywania"),
        "bg": ("запис за съхраняване", "документ за поддържане"),
    }[lang]
    assert ws.cell(row=_row_of(ws, "9.2.2"), column=10).value.startswith(kinds[0])
    assert ws.cell(row=_row_of(ws, "4.3"), column=10).value.startswith(kinds[1])
    # typing in the guide is refused by a validation that names it
    guard = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith("G2")]
    assert guard and guard[0].type == "textLength" and guard[0].showErrorMessage


def test_every_requirement_has_questions_in_every_language():
    cat = load_catalogue()
    for clause in cat.requirements:
        assert len(clause.ask) >= 2, clause.ref
        for lang in ("pl", "bg"):
            asked = [cat.tr(q, lang) for q in clause.ask]
            assert all(a.endswith("?") or a.endswith(".") for a in asked), clause.ref
            assert asked != list(clause.ask), (clause.ref, lang)  # translated, not left in English


def _problems(path, lang="en"):
    book, problems = read_workbook(
        path, as_of=dt.date(2026, 11, 16), lang=lang, catalogue=load_catalogue()
    )
    return book, [(p.code, p.severity, p.sheet, p.cell, p.message) for p in problems]


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_a_workbook_without_the_guide_columns_still_reads(make_workbook, sample_content, lang):
    """A workbook filled in an older template (no guide columns) reads exactly as a new one."""
    new = make_workbook(sample_content, lang=lang, name="new.xlsx")
    old_book = openpyxl.Workbook()
    old_book.remove(old_book.active)
    source = openpyxl.load_workbook(new)
    for ws in source.worksheets:  # copy values only, without the guide: the old layout
        target = old_book.create_sheet(ws.title)
        width = 6 if ws.title == SHEETS[lang][2] else ws.max_column
        for row in ws.iter_rows(max_col=width):
            for cell in row:
                if cell.value is not None:
                    target.cell(row=cell.row, column=cell.column, value=cell.value)
    old = new.with_name("old.xlsx")
    old_book.save(old)
    assert openpyxl.load_workbook(old)[SHEETS[lang][2]].max_column == 6
    book_new, problems_new = _problems(new, lang)
    book_old, problems_old = _problems(old, lang)
    assert book_old is not None and book_new is not None
    assert problems_old == problems_new
    assert book_old.clauses == book_new.clauses
    assert book_old.office == book_new.office


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_whatever_is_typed_in_the_guide_is_ignored(make_workbook, sample_content, lang):
    path = make_workbook(sample_content, lang=lang)
    book_before, problems_before = _problems(path, lang)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEETS[lang][2]]
    junk = ["9.9.9", "=1+1", "5 - effective", "N/A", dt.date(1900, 1, 1), -3, "x" * 5000]
    for r in range(2, ws.max_row + 1):
        for c in range(7, 11):
            ws.cell(row=r, column=c, value=junk[(r + c) % len(junk)])
    # a row with text in the guide columns only, below the requirements
    for c in range(7, 11):
        ws.cell(row=ws.max_row + 2, column=c, value="not a requirement")
    # a header typed over a guide header, in the words of a real column
    ws.cell(row=1, column=11, value="Notes (copy)")
    wb.save(path)
    book_after, problems_after = _problems(path, lang)
    assert problems_after == problems_before
    assert book_after is not None and book_after.clauses == book_before.clauses
    assert not any((p[3] or "").startswith(("G", "H", "I", "J", "K")) for p in problems_after)


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_print_setup_on_every_sheet_people_fill(make_workbook, sample_content, lang):
    footer = {"en": "Page &P of &N", "pl": "Strona &P z &N", "bg": "Страница &P от &N"}[lang]
    empty = openpyxl.load_workbook(make_workbook(lang=lang))
    filled = openpyxl.load_workbook(make_workbook(sample_content, lang=lang))
    for book, who in ((empty, "&F"), (filled, "Starostwo Powiatowe w Przykładowie")):
        for name in SHEETS[lang][1:7]:
            ws = book[name]
            assert ws.page_setup.orientation == "landscape", name
            assert ws.page_setup.paperSize == 9  # A4
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
            assert ws.print_title_rows == "$1:$1"
            assert ws.print_options.gridLines
            assert ws.oddFooter.right.text == footer
            assert ws.oddHeader.left.text == who
            assert ws.oddHeader.right.text == "&A"  # the sheet's name
        instructions = book[SHEETS[lang][0]]  # prose in one column: portrait, no grid
        assert instructions.page_setup.orientation == "portrait"
        assert not instructions.print_options.gridLines
        assert instructions.oddFooter.right.text == footer
        assert book["_lists"].sheet_state == "hidden"


def test_an_ampersand_in_the_office_name_prints_as_itself(make_workbook, sample_content):
    sample_content["office"]["name"] = "Urząd Miasta & Gminy"
    ws = openpyxl.load_workbook(make_workbook(sample_content))["Clauses"]
    assert ws.oddHeader.left.text == "Urząd Miasta && Gminy"

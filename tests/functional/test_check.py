"""Broken workbooks: every problem named with its sheet and cell; exit codes of the CLI."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from readiness.cli import main
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import read_workbook

AS_OF = dt.date(2026, 11, 16)


def codes(problems):
    return {(p.code, p.sheet, p.cell) for p in problems}


def test_bad_level_is_named_by_sheet_and_cell(make_workbook, sample_content):
    sample_content["clauses"][4]["level"] = "seven"  # 4.4.2, row 6
    book, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert book is None
    bad = [p for p in problems if p.code == "bad-level"]
    assert len(bad) == 1
    assert (bad[0].sheet, bad[0].cell, bad[0].value) == ("Clauses", "C6", "seven")
    assert "0-4" in bad[0].expected
    assert "Clauses!C6" in str(bad[0])


def test_every_problem_is_listed_at_once(make_workbook, sample_content):
    sample_content["clauses"][0]["level"] = 9
    sample_content["clauses"][10]["level"] = "na"  # 6.1.1 may not be excluded
    sample_content["evidence"][0]["dated"] = "32.13.2026"
    sample_content["findings"][0]["grade"] = None
    sample_content["audits"][0]["refs"] = "4.9"
    sample_content["audits"][1]["date"] = dt.date(2027, 1, 1)
    book, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert book is None
    found = codes(problems)
    assert ("bad-level", "Clauses", "C2") in found
    assert ("na-not-allowed", "Clauses", "C12") in found
    assert ("bad-date", "Evidence", "F2") in found
    assert ("missing-value", "Findings", "D2") in found
    assert ("unknown-clause", "Audits", "B2") in found
    assert ("date-after-as-of", "Audits", "A3") in found


def test_missing_sheet_and_column(make_workbook, tmp_path):
    path = make_workbook()
    book = openpyxl.load_workbook(path)
    del book["Findings"]
    book["Evidence"]["C1"] = "Something else"
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    _, problems = read_workbook(broken, catalogue=load_catalogue())
    found = codes(problems)
    assert ("missing-sheet", "", "") in found
    assert ("missing-column", "Evidence", "A1") in found
    assert any("Kind" in p.message for p in problems if p.code == "missing-column")


def test_duplicates_and_unjustified_exclusions(make_workbook, sample_content):
    sample_content["office"]["exclusions"] = ""
    rows = [dict(r) for r in sample_content["clauses"]]
    rows.append({"ref": "4.1", "level": 1})
    sample_content["clauses"] = rows
    sample_content["clauses_verbatim"] = True
    book, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert book is None
    dup = [p for p in problems if p.code == "duplicate-clause"]
    assert dup and dup[0].severity == "error" and dup[0].cell == "A67"
    unjustified = {p.cell for p in problems if p.code == "na-unjustified"}
    assert len(unjustified) == 6  # 8.3.1-8.3.6; 7.1.5.2 is justified in its notes


def test_headers_in_any_language_with_title_rows_and_extra_columns(
    make_workbook, sample_content, tmp_path
):
    path = make_workbook(sample_content, lang="pl")
    book = openpyxl.load_workbook(path)
    sheet = book["Wymagania"]
    sheet.insert_rows(1, amount=2)
    sheet["A1"] = "Ocena gotowości — starostwo"
    sheet["C3"] = "level"  # an English header among Polish ones
    sheet.insert_cols(1)
    sheet["A3"] = "Lp."
    moved = tmp_path / "moved.xlsx"
    book.save(moved)
    parsed, problems = read_workbook(moved, as_of=AS_OF, catalogue=load_catalogue())
    assert parsed is not None, [str(p) for p in problems]
    assert parsed.clauses["8.2.1"].level == 4


def test_cli_check_exit_codes_and_json(make_workbook, sample_content, sample, capsys):
    assert main(["check", str(sample), "--as-of", "2026-11-16"]) == 0
    assert "bez błędów" in capsys.readouterr().err  # the Polish sample: its own language
    sample_content["clauses"][0]["level"] = 9
    broken = make_workbook(sample_content)
    assert main(["check", str(broken), "--format", "json", "--as-of", "2026-11-16"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["errors"] == 1
    first = doc["problems"][0]
    assert {k: first[k] for k in ("code", "sheet", "cell", "value")} == {
        "code": "bad-level",
        "sheet": "Clauses",
        "cell": "C2",
        "value": "9",
    }


def test_cli_refuses_what_is_not_a_workbook(tmp_path, capsys):
    fake = tmp_path / "office.xlsx"
    fake.write_text("name;level\n4.1;3\n")
    assert main(["check", str(fake)]) == 1
    assert "not an Excel workbook" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.xlsx")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_cli_template_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "office.xlsx"
    assert main(["template", "-o", str(target), "--lang", "bg"]) == 0
    before = target.read_bytes()
    assert main(["template", "-o", str(target)]) == 3
    assert target.read_bytes() == before
    assert main(["template", "-o", str(target), "--force"]) == 0


def test_cli_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "x.xlsx", "--as-of", "16.11.2026"])
    assert exit_.value.code == 2
    assert "2026-11-30" in capsys.readouterr().err
    assert main(["report", "x.xlsx", "--format", "docx"]) == 2


def test_date_cell_beyond_year_9999_is_named_not_a_crash(make_workbook, sample_content, capfd):
    # python-calamine panics on such a cell (dimastbk/python-calamine#139)
    sample_content["evidence"][2]["dated"] = -1e16  # the template formats the column as dates
    workbook, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert "panicked" not in capfd.readouterr().err  # no Rust panic message or backtrace
    assert workbook is None
    found = codes(problems)
    assert ("date-out-of-range", "Evidence", "F4") in found
    assert ("bad-date", "Evidence", "F4") in found  # the cell is also unreadable as a date
    assert all(p.sheet == "Evidence" for p in problems)


def test_exclusions_keep_semicolons_inside_their_justification(make_workbook, sample_content):
    sample_content["office"]["exclusions"] = (
        "8.3 - Starostwo nie projektuje usług; ich wymagania określają przepisy prawa.; "
        "7.1.5.2: brak przyrządów pomiarowych"
    )
    book = load_workbook_ok(make_workbook(sample_content))
    assert (
        book.office.exclusions["8.3.4"]
        == "Starostwo nie projektuje usług; ich wymagania określają przepisy prawa."
    )
    assert book.office.exclusions["7.1.5.2"] == "brak przyrządów pomiarowych"


def load_workbook_ok(path):
    book, problems = read_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    assert book is not None, [str(p) for p in problems]
    return book


def test_report_says_where_the_notebooks_are_missing(sample, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINESS_NOTEBOOKS", str(tmp_path / "nowhere"))
    assert main(["report", str(sample), "--out", str(tmp_path / "r"), "--as-of", "2026-11-16"]) == 3
    err = capsys.readouterr().err
    assert "01_initial_gap_analysis.ipynb" in err and "READINESS_NOTEBOOKS" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_office_language_reads_the_value_column_as_the_full_read_does(
    make_workbook, sample_content
):
    from readiness.io.workbook import office_language

    assert (
        office_language(make_workbook(sample_content, lang="bg")) == "pl"
    )  # the Value, not the headers
    sample_content["office"]["language"] = "bg"
    assert office_language(make_workbook(sample_content)) == "bg"
    sample_content["office"]["language"] = None
    assert office_language(make_workbook(sample_content)) is None


def test_clause_refs_a_spreadsheet_turned_into_dates_are_read_back(make_workbook, sample_content):
    # what Polish or Bulgarian Excel stores when "9.2" or "9.2.1" is typed in a General cell
    sample_content["findings"][0]["ref"] = dt.date(2026, 2, 9)
    sample_content["audits"][0]["refs"] = dt.date(2001, 2, 9)
    path = make_workbook(sample_content, lang="pl")
    book, problems = read_workbook(path, as_of=AS_OF, lang="pl", catalogue=load_catalogue())
    assert book is not None, [str(p) for p in problems]
    assert book.findings[0].ref == "9.2"
    assert book.audits[0].refs == ("9.2.1",)
    assert codes(problems) == {
        ("clause-read-from-date", "Ustalenia", "B2"),
        ("clause-read-from-date", "Audity", "B2"),
    }
    first = next(p for p in problems if p.sheet == "Ustalenia")
    assert first.severity == "warning" and first.value == "2026-02-09"
    assert "9.2" in first.message and "'9.2" in first.hint


def test_a_date_in_a_clause_column_that_no_clause_fits_names_the_cell(
    make_workbook, sample_content
):
    sample_content["findings"][1]["ref"] = dt.date(2026, 3, 31)
    book, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert book is None
    bad = [p for p in problems if p.severity == "error"]
    assert [(p.code, p.sheet, p.cell, p.value) for p in bad] == [
        ("clause-as-date", "Findings", "B3", "2026-03-31")
    ]
    assert "2026-03-31" in bad[0].expected
    assert "Text" in bad[0].hint and "'9.2" in bad[0].hint


def _rows_of(prefix):
    from readiness.core.catalogue import load_catalogue

    refs = [c.ref for c in load_catalogue().requirements]
    return {ref: refs.index(ref) + 2 for ref in refs if ref.startswith(prefix)}


def test_listed_as_not_applied_with_a_blank_level_is_declared_not_applicable(
    make_workbook, sample_content
):
    from readiness.core.assess import assess

    for row in sample_content["clauses"]:
        if row["ref"].startswith("8.3."):
            row["level"] = None  # left blank: the Office sheet says the requirement is not applied
    book, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert book is not None, [str(p) for p in problems]
    assert problems == []  # no "level blank, counted as 0" for these rows
    entry = book.clauses["8.3.4"]
    assert entry.not_applicable and entry.notes.startswith("Starostwo nie projektuje")
    result = {r.ref: r for r in assess(book, AS_OF, catalogue=load_catalogue()).requirements}
    assert all(result[ref].excluded for ref in _rows_of("8.3."))


@pytest.mark.parametrize("level", [0, 3, "2 - documented"])
def test_listed_as_not_applied_but_given_a_level_is_an_error_naming_both_cells(
    make_workbook, sample_content, level
):
    for row in sample_content["clauses"]:
        if row["ref"] == "8.3.2":
            row["level"] = level
    book, problems = read_workbook(
        make_workbook(sample_content), as_of=AS_OF, catalogue=load_catalogue()
    )
    assert book is None
    (bad,) = [p for p in problems if p.severity == "error"]
    assert (bad.code, bad.sheet, bad.cell) == (
        "exclusion-conflict",
        "Clauses",
        f"C{_rows_of('8.3.2')['8.3.2']}",
    )
    assert "Office!B7" in bad.message and "Office!B7" in bad.hint
    assert "8.3.2" in bad.message


@pytest.mark.parametrize(
    ("lang", "words", "english"),
    [
        ("pl", ["błąd:", "(znaleziono: „", "oczekiwano:"], ["error:", "found", "expected"]),
        ("bg", ["грешка:", "(намерено: „", "очаквано:"], ["error:", "found", "expected"]),
        ("en", ["error:", "(found “", "expected:"], []),
    ],
)
def test_a_problem_reads_whole_in_the_users_language(tmp_path, capsys, lang, words, english):
    """The words around a problem (error, found, expected) follow the language, not English."""
    bad = tmp_path / "office.xlsx"
    bad.write_text("Lp;Nazwa\n1;x\n", encoding="utf-8")
    assert main(["check", str(bad), "--lang", lang]) == 1
    line = capsys.readouterr().err.splitlines()[0]
    for word in words:
        assert word in line, line
    for word in english:
        assert word not in line, line
    assert ".;" not in line and ".." not in line

"""The quality year's registers: supplier evaluations, survey answers, objective (KPI) exports,
and a corrective-action register without a status column, read through a sources file as
an office keeps them (pl, bg, en headers), recognised by `sources init`, refused cell by cell."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from conftest import register_xlsx
from readiness.core.catalogue import load_catalogue
from readiness.io.registers import guess_sources, load_sources, read_registers
from readiness.io.registers.attach import attach_registers
from readiness.io.workbook import read_workbook

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 16)
D = dt.date


def _csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[Any]], sheet: str = "Rejestr") -> Path:
    return register_xlsx(path, rows, sheet)


def _read(folder: Path, toml: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    (folder / "sources.toml").write_text(toml, encoding="utf-8")
    spec, problems = load_sources(folder / "sources.toml", lang)
    assert spec is not None, problems
    registers, found = read_registers(
        spec, as_of=AS_OF, lang=lang, country="PL", catalogue=load_catalogue()
    )
    return registers, problems + found


# -- suppliers ----------------------------------------------------------------------------

SUPPLIERS_PL = [
    ["Dostawca", "Przedmiot dostaw", "Data oceny", "Liczba punktów", "Wynik oceny",
     "Oceniający", "Następna ocena"],
    ["Alfa Sp. z o.o.", "papier", D(2026, 2, 1), 86, "zatwierdzony", "Anna Nowak",
     D(2027, 2, 1)],
    ["Beta s.c.", "sprzątanie", D(2025, 3, 4), "72,5", "warunkowo", "Anna Nowak", None],
    ["Gamma S.A.", "kurier", D(2026, 6, 18), 48, "niezatwierdzony", "", D(2026, 12, 18)],
    ["Gamma S.A.", "kurier", None, None, None, None, None],  # still used after refusal
]  # fmt: skip

SUPPLIERS_TOML = """
[registers.dostawcy]
file = "dostawcy.xlsx"
role = "suppliers"

[registers.dostawcy.columns]
provider = "Dostawca"
supplies = "Przedmiot dostaw"
evaluated_on = "Data oceny"
score = "Liczba punktów"
result = "Wynik oceny"
evaluator = "Oceniający"
next_evaluation = "Następna ocena"

[registers.dostawcy.values.result]
"zatwierdzony" = "approved"
"warunkowo" = "conditional"
"niezatwierdzony" = "not_approved"
"""


def test_a_supplier_register_gives_supplier_evaluations(tmp_path: Path) -> None:
    _xlsx(tmp_path / "dostawcy.xlsx", SUPPLIERS_PL)
    registers, problems = _read(tmp_path, SUPPLIERS_TOML)
    assert problems == []
    (read,) = registers.reads
    rows = read.suppliers
    assert [s.result for s in rows] == ["approved", "conditional", "not_approved", ""]
    assert rows[1].score == 72.5 and rows[0].next_evaluation == D(2027, 2, 1)
    assert rows[3].provider == "Gamma S.A." and rows[3].evaluated_on is None
    assert rows[0].origin is not None and rows[0].origin.place == "dostawcy.xlsx: Rejestr, row 2"
    (register,) = registers.registers
    assert register.role == "suppliers" and "8.4.1" in register.refs
    assert [e.became for e in register.entries] == ["supplier"] * 4
    assert read.evidence == []  # the register feeds the supplier analysis, not the evidence


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_a_supplier_register_with_an_unknown_result_names_the_cell_and_the_mapping(
    tmp_path: Path, lang: str
) -> None:
    rows = [list(r) for r in SUPPLIERS_PL]
    rows[2][4] = "do poprawy"
    rows[3][2] = "31.02.2026"
    _xlsx(tmp_path / "dostawcy.xlsx", rows)
    registers, problems = _read(tmp_path, SUPPLIERS_TOML, lang)
    by_cell = {p.cell: p for p in problems}
    assert set(by_cell) == {"E3", "C4"}
    word, date = by_cell["E3"], by_cell["C4"]
    assert word.code == "unknown-value" and word.file == "dostawcy.xlsx" and word.sheet == "Rejestr"
    assert word.value == "do poprawy" and "[registers.dostawcy.values.result]" in word.hint
    assert "approved, conditional, not_approved" in word.expected
    assert date.code == "bad-date" and date.severity == "error"
    english = "the value cannot be read"
    assert english not in date.message  # in the reader's language
    assert len(registers.reads[0].suppliers) == 2


# -- surveys ------------------------------------------------------------------------------

SURVEY_BG = [
    ["Дата", "Звено / услуга", "Бързина на обслужването", "Любезност на служителите"],
    [D(2026, 5, 4), "ЦАО", "много добре", "добре"],
    [D(2026, 5, 5), "Местни данъци", 3, ""],
    [D(2026, 5, 6), "ЦАО", "5", "много лошо"],
    [D(2026, 5, 7), "ЦАО", "", ""],  # no answer: no response
]

SURVEY_TOML = """
[registers.anketa]
file = "anketa.xlsx"
role = "survey"

[registers.anketa.columns]
date = "Дата"
service = "Звено / услуга"

[registers.anketa.values.answers]
"много добре" = 5
"добре" = 4
"много лошо" = 1
"""


def test_a_survey_export_gives_one_response_per_respondent(tmp_path: Path) -> None:
    _xlsx(tmp_path / "anketa.xlsx", SURVEY_BG, "Анкета")
    registers, problems = _read(tmp_path, SURVEY_TOML, "bg")
    assert problems == []
    (read,) = registers.reads
    assert read.questions == ["Бързина на обслужването", "Любезност на служителите"]
    answers = [r.answers for r in read.surveys]
    assert answers == [
        {"Бързина на обслужването": 5, "Любезност на служителите": 4},
        {"Бързина на обслужването": 3},
        {"Бързина на обслужването": 5, "Любезност на служителите": 1},
    ]
    assert [r.service for r in read.surveys] == ["ЦАО", "Местни данъци", "ЦАО"]
    from readiness.io.registers.checking import describe

    assert "  въпроси (отговори 1-5): Бързина на обслужването, Любезност на служителите" in (
        describe(read, "bg")
    )
    # the register as a whole stays what the survey role gave before: dated evidence (9.1.2)
    (evidence,) = read.evidence
    assert evidence.dated == D(2026, 5, 6) and evidence.kind == "retain"
    assert all(r.startswith("9.1.2") for r in evidence.refs)


def test_a_survey_names_its_questions_and_a_bad_answer_is_refused_at_its_cell(
    tmp_path: Path,
) -> None:
    rows = [list(r) for r in SURVEY_BG]
    rows[0].append("Uwagi")  # a comment column: not a question when questions are named
    rows[1].append("brak")
    rows[2][2] = 7
    rows[3][3] = "горе-долу"
    _xlsx(tmp_path / "anketa.xlsx", rows, "Анкета")
    toml = SURVEY_TOML.replace(
        'role = "survey"',
        'role = "survey"\nquestions = ["Бързина на обслужването", "Любезност на служителите"]',
    )
    registers, problems = _read(tmp_path, toml, "pl")
    by_cell = {p.cell: p for p in problems}
    assert set(by_cell) == {"C3", "D4"}
    assert {p.code for p in problems} == {"bad-answer"}
    assert by_cell["D4"].value == "горе-долу" and "values.answers" in by_cell["D4"].hint
    assert by_cell["C3"].file == "anketa.xlsx" and by_cell["C3"].sheet == "Анкета"
    assert "od 1 do 5" in by_cell["C3"].expected  # Polish
    assert registers.reads[0].unmapped_columns == ["Uwagi"]
    assert len(registers.reads[0].surveys) == 1


def test_a_question_named_but_missing_refuses_the_register_naming_it(tmp_path: Path) -> None:
    _xlsx(tmp_path / "anketa.xlsx", SURVEY_BG, "Анкета")
    toml = SURVEY_TOML.replace('role = "survey"', 'role = "survey"\nquestions = ["Цена"]')
    registers, problems = _read(tmp_path, toml)
    (problem,) = problems
    assert problem.code == "missing-column" and problem.value == "Цена"
    assert "Бързина на обслужването" in problem.expected
    assert registers.reads[0].surveys == []


def test_a_survey_of_results_reads_as_before(tmp_path: Path) -> None:
    """One row per survey held (title, respondents, score), no service: evidence rows."""
    _csv(
        tmp_path / "badania.csv",
        [["Data", "Badanie", "Liczba ankiet", "Wynik"], ["2026-06-30", "Ankieta", 120, "4,3"]],
    )
    toml = """
[registers.badania]
file = "badania.csv"
role = "survey"

[registers.badania.columns]
date = "Data"
title = "Badanie"
respondents = "Liczba ankiet"
score = "Wynik"
"""
    registers, problems = _read(tmp_path, toml)
    assert problems == []
    (read,) = registers.reads
    assert read.surveys == [] and [e.title for e in read.evidence] == ["Ankieta, 4,3, n = 120"]


# -- objectives / KPI ---------------------------------------------------------------------

KPI_EN = [
    ["Indicator", "Period", "Value", "Measured on"],
    ["Complaints answered on time", "2026-Q1", "96 %", D(2026, 4, 2)],
    ["Complaints answered on time", "2026-Q2", 98, None],
    ["Waiting time", 2026, "12,5", None],
]

KPI_TOML = """
[registers.kpi]
file = "kpi.csv"
role = "objectives"

[registers.kpi.columns]
objective = "Indicator"
period = "Period"
value = "Value"
measured_on = "Measured on"
"""


def test_a_kpi_export_gives_objective_results_joined_with_the_workbooks(tmp_path: Path) -> None:
    _csv(tmp_path / "kpi.csv", KPI_EN)
    registers, problems = _read(tmp_path, KPI_TOML)
    assert problems == []
    results = registers.reads[0].objective_results
    assert [(r.objective, r.period, r.value) for r in results] == [
        ("Complaints answered on time", "2026-Q1", 96.0),
        ("Complaints answered on time", "2026-Q2", 98.0),
        ("Waiting time", "2026", 12.5),
    ]
    assert results[0].measured_on == D(2026, 4, 2) and results[2].origin is not None
    city, _problems = read_workbook(
        ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx", catalogue=load_catalogue()
    )
    own = len(city.objective_results)
    assert own > 0
    joined, found = attach_registers(
        city, tmp_path / "sources.toml", as_of=AS_OF, catalogue=load_catalogue()
    )
    assert found == []
    assert joined.objective_results[:own] == city.objective_results
    assert [r.period for r in joined.objective_results[own:]] == ["2026-Q1", "2026-Q2", "2026"]
    # a register value for an objective and period the sheet already measured: a warning
    first = city.objective_results[0]
    _csv(tmp_path / "kpi.csv", [KPI_EN[0], [first.objective, first.period, 1, None]])
    joined, found = attach_registers(
        city, tmp_path / "sources.toml", as_of=AS_OF, catalogue=load_catalogue()
    )
    (warning,) = found
    assert (warning.code, warning.severity, warning.file, warning.cell) == (
        "duplicate-result",
        "warning",
        "kpi.csv",
        "A2",
    )
    assert "urzad-miasta-wzorowo.xlsx" in warning.message
    assert len(joined.objective_results) == own + 1


def test_a_kpi_value_that_is_not_a_number_is_refused_at_its_cell(tmp_path: Path) -> None:
    rows = [list(r) for r in KPI_EN]
    rows[2][2] = "dużo"
    _csv(tmp_path / "kpi.csv", rows)
    registers, problems = _read(tmp_path, KPI_TOML)
    (problem,) = problems
    assert (problem.code, problem.file, problem.cell) == ("bad-number", "kpi.csv", "C3")
    assert "number" in problem.expected
    assert len(registers.reads[0].objective_results) == 2


# -- corrective actions without a status column ----------------------------------------------

FINDINGS_PL = [
    ["Nr", "Źródło", "Kategoria", "Opis", "Pkt normy", "Data zamknięcia",
     "Ocena skuteczności"],
    ["NC-1", "audit", "minor", "Brak przeglądu", "7.5.2", D(2026, 3, 1), "skuteczne"],
    ["NC-2", "audit", "minor", "Brak szkolenia", "7.2", D(2026, 4, 1), "w toku"],
    ["NC-3", "audit", "minor", "Brak analizy", "9.1.3", None, "nieskuteczne"],
    ["NC-4", "audit", "minor", "Brak celu", "6.2.1", D(2026, 5, 1), None],
    ["NC-5", "audit", "minor", "Brak oceny", "8.4.1", None, None],
]  # fmt: skip

FINDINGS_TOML = """
[registers.nc]
file = "nc.xlsx"
role = "findings"

[registers.nc.columns]
id = "Nr"
source = "Źródło"
grade = "Kategoria"
description = "Opis"
ref = "Pkt normy"
closed_on = "Data zamknięcia"
effectiveness = "Ocena skuteczności"

[registers.nc.values.source]
"audit" = "internal_audit"
"""


def test_a_findings_register_without_status_derives_it_and_says_so(tmp_path: Path) -> None:
    _xlsx(tmp_path / "nc.xlsx", FINDINGS_PL)
    registers, problems = _read(tmp_path, FINDINGS_TOML)
    assert problems == []
    findings = registers.reads[0].findings
    assert [f.status for f in findings] == ["verified", "closed", "open", "closed", "open"]
    (register,) = registers.registers
    notes = [e.note for e in register.entries]
    assert all(n.startswith("derived: ") for n in notes)
    assert notes[0] == "derived: the effectiveness column says effective"
    assert notes[4] == "derived: no closing date and no effectiveness assessment"


def test_a_derived_status_shows_in_the_appendix_in_the_readers_language(tmp_path: Path) -> None:
    from readiness.core.registers import register_summary
    from readiness.render.environment import environment

    _xlsx(tmp_path / "nc.xlsx", FINDINGS_PL)
    registers, _problems = _read(tmp_path, FINDINGS_TOML)
    (register,) = registers.registers
    summary = register_summary(register, AS_OF, "PL")
    assert summary["entries"][1]["derived"].startswith("derived: ")
    assert "derived" not in {k for e in summary["entries"] for k in e} - {"derived"}
    from readiness.render.registers import RegisterView

    env = environment("pl")
    html = env.get_template("fragments/registers.html.j2").render(
        registers=[register], rv=RegisterView([register], "pl", AS_OF, "PL"), limit=60
    )
    assert "NC-1: Brak przeglądu" in html and "derived:" not in html
    assert 'class="small derived"' in html


def test_an_unknown_effectiveness_word_is_refused_naming_the_column_to_map(
    tmp_path: Path,
) -> None:
    rows = [list(r) for r in FINDINGS_PL]
    rows[2][6] = "częściowo"
    _xlsx(tmp_path / "nc.xlsx", rows)
    registers, problems = _read(tmp_path, FINDINGS_TOML, "pl")
    (problem,) = problems
    assert problem.code == "underivable-effectiveness" and problem.cell == "G3"
    assert problem.value == "częściowo" and "częściowo" in problem.message
    assert "status" in problem.hint and "[registers.nc.columns]" in problem.hint
    assert "skuteczne" in problem.hint  # a Polish word the rule knows
    assert len(registers.reads[0].findings) == 4


def test_a_findings_register_with_nothing_to_give_a_required_field_names_it(
    tmp_path: Path,
) -> None:
    _xlsx(tmp_path / "nc.xlsx", [r[:4] + r[5:] for r in FINDINGS_PL])  # no clause column
    toml = FINDINGS_TOML.replace('ref = "Pkt normy"\n', "")
    registers, problems = _read(tmp_path, toml)
    (problem,) = problems
    assert problem.code == "unmapped-field" and problem.expected == 'ref = "..."'
    assert "[registers.nc.columns]" in problem.hint and "[registers.nc.defaults]" in problem.hint
    assert registers.reads[0].findings == []


# -- sources init -----------------------------------------------------------------------------


def test_sources_init_recognises_the_quality_registers_in_three_languages(
    tmp_path: Path,
) -> None:
    files = [
        _xlsx(tmp_path / "dostawcy.xlsx", SUPPLIERS_PL),
        _xlsx(tmp_path / "anketa.xlsx", SURVEY_BG, "Анкета"),
        _csv(tmp_path / "kpi.csv", KPI_EN),
        _csv(
            tmp_path / "suppliers-2026.csv",
            [
                [
                    "Supplier",
                    "Scope",
                    "Evaluation date",
                    "Score",
                    "Result",
                    "Evaluator",
                    "Next evaluation",
                ],
                ["Delta Ltd", "paper", "2026-01-01", 80, "rejected", "J. Doe", "2027-01-01"],
            ],
        ),
        _csv(
            tmp_path / "cele.csv",
            [["Cel jakości", "Okres", "Wartość"], ["Skargi w terminie", "2026", "97"]],
        ),
        _xlsx(tmp_path / "nc.xlsx", FINDINGS_PL),
    ]
    text, _guesses = guess_sources(files, tmp_path / "sources.toml")
    doc = tomllib.loads(text)["registers"]
    by_file = {t["file"]: t for t in doc.values()}
    roles = {f: t["role"] for f, t in by_file.items()}
    assert roles == {
        "dostawcy.xlsx": "suppliers",
        "anketa.xlsx": "survey",
        "kpi.csv": "objectives",
        "suppliers-2026.csv": "suppliers",
        "cele.csv": "objectives",
        "nc.xlsx": "findings",
    }
    assert by_file["dostawcy.xlsx"]["columns"] == {
        "provider": "Dostawca",
        "supplies": "Przedmiot dostaw",
        "evaluated_on": "Data oceny",
        "score": "Liczba punktów",
        "result": "Wynik oceny",
        "evaluator": "Oceniający",
        "next_evaluation": "Następna ocena",
    }
    # "zatwierdzony" and "niezatwierdzony" are our own Polish words: no mapping needed
    assert by_file["dostawcy.xlsx"]["values"]["result"] == {"warunkowo": "conditional"}
    assert by_file["suppliers-2026.csv"]["values"]["result"] == {"rejected": "not_approved"}
    survey = by_file["anketa.xlsx"]
    assert survey["columns"] == {"date": "Дата", "service": "Звено / услуга"}
    assert survey["values"]["answers"] == {"много добре": 5, "добре": 4, "много лошо": 1}
    assert by_file["kpi.csv"]["columns"] == {
        "objective": "Indicator",
        "period": "Period",
        "value": "Value",
        "measured_on": "Measured on",
    }
    assert by_file["nc.xlsx"]["columns"]["effectiveness"] == "Ocena skuteczności"
    assert "status" not in by_file["nc.xlsx"]["columns"]
    # what init wrote reads as it is, every row used
    (tmp_path / "sources.toml").write_text(text, encoding="utf-8")
    spec, problems = load_sources(tmp_path / "sources.toml")
    assert spec is not None
    registers, found = read_registers(spec, as_of=AS_OF, catalogue=load_catalogue())
    assert [p for p in problems + found if p.severity == "error"] == []
    used = {r.spec.file: (r.rows, r.used) for r in registers.reads}
    assert used["anketa.xlsx"] == (4, 3) and used["dostawcy.xlsx"] == (4, 4)


# -- property: any cell, never a traceback, every problem at a cell -------------------------

CELLS = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["bardzo dobrze", "много добре", "0", "6", "4,5", "31.02.2026", "=1+1",
                     "zatwierdzony", "w toku", "skuteczne", "N/A", "-3", "2026-07-01"]),
    st.integers(-3, 10),
    st.floats(allow_nan=True, allow_infinity=True, width=32),
)  # fmt: skip
KINDS = {  # the sources file, the header and a row that reads
    "survey": (SURVEY_TOML.replace("anketa.xlsx", "r.csv"), SURVEY_BG[0], SURVEY_BG[1]),
    "suppliers": (
        SUPPLIERS_TOML.replace("dostawcy.xlsx", "r.csv"),
        SUPPLIERS_PL[0],
        SUPPLIERS_PL[1],
    ),
    "objectives": (KPI_TOML.replace("kpi.csv", "r.csv"), KPI_EN[0], KPI_EN[1]),
    "findings": (FINDINGS_TOML.replace("nc.xlsx", "r.csv"), FINDINGS_PL[0], FINDINGS_PL[1]),
}
RECORDS = {
    "survey": "surveys",
    "suppliers": "suppliers",
    "objectives": "objective_results",
    "findings": "findings",
}
COUNTS: Counter[str] = Counter()


def test_any_cells_give_records_or_problems_at_their_cells(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    COUNTS.clear()
    folder = tmp_path_factory.mktemp("quality-fuzz")

    changes = st.lists(st.tuples(st.integers(0, 6), CELLS), max_size=2)

    @settings(max_examples=120, deadline=None)
    @given(kind=st.sampled_from(sorted(KINDS)), rows=st.lists(changes, min_size=1, max_size=4))
    def fuzz(kind: str, rows: list[list[tuple[int, Any]]]) -> None:
        toml, header, good = KINDS[kind]
        written = []
        for change in rows:  # a row that reads, with up to two cells replaced
            row = list(good)
            for column, value in change:
                row[column % len(row)] = value
            written.append(row)
        _csv(folder / "r.csv", [header, *written])
        registers, problems = _read(folder, toml)
        records = getattr(registers.reads[0], RECORDS[kind])
        for p in problems:
            assert p.file == "r.csv" and p.message and "Traceback" not in p.message
            if p.severity == "error":
                assert p.cell, p  # every refused cell named
        outcome = "refused" if any(p.severity == "error" for p in problems) else "read"
        if records:
            COUNTS[f"{kind}:records"] += 1
        COUNTS[outcome] += 1
        event(f"{kind}: {outcome}")

    fuzz()
    assert COUNTS["read"] >= 10 and COUNTS["refused"] >= 10, COUNTS
    for kind in KINDS:  # every role reached its records at least once
        assert COUNTS[f"{kind}:records"] >= 1, COUNTS
    print(f"\nquality registers fuzz: {dict(sorted(COUNTS.items()))}")


def test_two_questions_headed_alike_stay_apart(tmp_path: Path) -> None:
    rows = [["Дата", "Звено / услуга", "Оценка", "Оценка"], [D(2026, 5, 4), "ЦАО", 5, 2]]
    _xlsx(tmp_path / "anketa.xlsx", rows, "Анкета")
    registers, problems = _read(tmp_path, SURVEY_TOML)
    assert problems == []
    (response,) = registers.reads[0].surveys
    assert response.answers == {"Оценка": 5, "Оценка (D1)": 2}


def test_the_command_writes_and_checks_a_sources_file_for_the_quality_registers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from readiness.cli import main

    files = [
        str(_xlsx(tmp_path / "anketa.xlsx", SURVEY_BG, "Анкета")),
        str(_xlsx(tmp_path / "dostawcy.xlsx", SUPPLIERS_PL)),
        str(_csv(tmp_path / "kpi.csv", KPI_EN)),
    ]
    target = tmp_path / "sources.toml"
    assert main(["sources", "init", *files, "-o", str(target)]) == 0
    written = target.read_text(encoding="utf-8")
    assert '"много добре" = 5  # guess: high' in written
    assert "# questions, every column not mapped: Бързина на обслужването" in written
    capsys.readouterr()
    assert main(["sources", "check", str(target), "--lang", "pl"]) == 0
    out = capsys.readouterr().out
    assert (
        "pytania (odpowiedzi od 1 do 5): Бързина на обслужването, Любезност на служителите" in out
    )
    # each role by its name in the reader's language, never its key
    assert "anketa: anketa.xlsx [Анкета] (badania zadowolenia klientów)" in out
    assert "dostawcy: dostawcy.xlsx [Rejestr] (oceny dostawców)" in out
    assert "kpi: kpi.csv (wyniki celów jakościowych)" in out
    assert "(survey)" not in out and "(suppliers)" not in out

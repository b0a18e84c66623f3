"""`readiness sources` speaks the reader's words: roles by name, columns by the register's own
headers, choices in the reader's language; and a corrective-action register in Bulgarian with
"ефикасност" (the ISO text's word) reads its statuses without a status column."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import register_xlsx
from readiness.cli import main
from readiness.core.registers import ROLES
from readiness.io.registers.checking import role_name

D = dt.date

#: a municipality's register of nonconformities: no status column, an effectiveness column
#: headed with the ISO text's word, its words in every form a clerk writes
FINDINGS_BG = [
    ["№", "Източник", "Вид", "Описание", "Точка от стандарта", "Дата на закриване",
     "Оценка на ефикасността"],
    ["НС-1", "вътрешен одит", "незначително", "Липсва преглед", "7.5.2", D(2026, 3, 1),
     "ефикасно"],
    ["НС-2", "вътрешен одит", "незначително", "Липсва обучение", "7.2", None, "Неефикасни"],
    ["НС-3", "вътрешен одит", "незначително", "Липсва анализ", "9.1.3", D(2026, 5, 2),
     "в процес на оценка"],
    ["НС-4", "вътрешен одит", "незначително", "Липсва цел", "6.2.1", None, "ефикасна."],
    ["НС-5", "вътрешен одит", "незначително", "Липсва оценка", "8.4.1", None, "може би"],
]  # fmt: skip


def _xlsx(path: Path, rows: list[list[Any]], sheet: str = "Регистър") -> Path:
    return register_xlsx(path, rows, sheet)


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_every_role_has_a_name_in_the_readers_language(lang):
    names = [role_name(role, lang) for role in ROLES]
    assert len(set(names)) == len(ROLES)
    assert not set(names) & set(ROLES)  # no key left: "survey", "findings"...


def test_init_and_check_a_bulgarian_register_with_the_iso_word_for_effectiveness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = _xlsx(tmp_path / "nesaotvetstviya.xlsx", FINDINGS_BG)
    target = tmp_path / "sources.toml"
    assert main(["sources", "init", str(register), "-o", str(target), "--lang", "bg"]) == 0
    guessed = tomllib.loads(target.read_text(encoding="utf-8"))["registers"]
    (spec,) = guessed.values()
    assert spec["role"] == "findings"
    assert spec["columns"]["effectiveness"] == "Оценка на ефикасността"
    assert "status" not in spec["columns"]
    capsys.readouterr()
    assert main(["sources", "check", str(target), "--lang", "bg", "--as-of", "2026-11-20"]) == 1
    out, err = capsys.readouterr()
    # the role by its name, the headers as the register writes them, derived statuses in words
    assert "nesaotvetstviya.xlsx [Регистър] (несъответствия и коригиращи действия)" in out
    assert "(findings)" not in out
    rows = [line for line in out.splitlines() if line.startswith("    ред ")]
    assert "№=НС-1" in rows[0] and "Оценка на ефикасността=ефикасно" in rows[0]
    assert "Точка от стандарта=7.5.2" in rows[0]
    assert "status=" not in out and "effectiveness=" not in out
    # "може би" gives no status: refused at its cell, every known form read
    assert "nesaotvetstviya.xlsx: Регистър!G6" in err and "може би" in err
    assert "„ефикасно“" in err and "ефективно" not in err  # the glossary's word to write
    assert "прочетени: 5 реда, използвани: 4" in out


def test_the_words_read_from_each_form_give_their_statuses(tmp_path: Path) -> None:
    from readiness.core.catalogue import load_catalogue
    from readiness.io.registers import load_sources, read_registers

    _xlsx(tmp_path / "nc.xlsx", FINDINGS_BG[:5])
    (tmp_path / "sources.toml").write_text(
        """
[registers.nc]
file = "nc.xlsx"
role = "findings"

[registers.nc.columns]
id = "№"
source = "Източник"
grade = "Вид"
description = "Описание"
ref = "Точка от стандарта"
closed_on = "Дата на закриване"
effectiveness = "Оценка на ефикасността"

[registers.nc.values.grade]
"незначително" = "minor"
""",
        encoding="utf-8",
    )
    spec, problems = load_sources(tmp_path / "sources.toml", "bg")
    assert spec is not None, problems
    registers, found = read_registers(
        spec, as_of=D(2026, 11, 20), lang="bg", country="BG", catalogue=load_catalogue()
    )
    assert [p for p in problems + found if p.severity == "error"] == []
    statuses = [f.status for f in registers.reads[0].findings]
    assert statuses == ["verified", "open", "closed", "verified"]


def test_a_word_without_a_mapping_names_the_registers_column_and_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [list(r) for r in FINDINGS_BG[:3]]
    rows[1][2] = "голямо"  # a grade word we do not know
    _xlsx(tmp_path / "nc.xlsx", rows)
    register = tmp_path / "nc.xlsx"
    target = tmp_path / "sources.toml"
    assert main(["sources", "init", str(register), "-o", str(target)]) == 0
    capsys.readouterr()
    main(["sources", "check", str(target), "--lang", "pl", "--as-of", "2026-11-20"])
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "bez przypisania w kolumnie" in x)
    assert "„Вид”" in line and "“" not in line  # Polish quotation marks, not English ones
    assert "[registers.nc.values.grade]" in line and "„голямо”" in line


@pytest.mark.parametrize(
    ("lang", "rest"),
    [
        ("en", "The other rows used (2) are not listed here; they are in the register itself."),
        ("pl", "Pozostałych wykorzystanych wierszy (2) tu nie wymieniono; znajdują się w samym "
               "rejestrze."),
        ("bg", "Останалите използвани редове (2) не са изброени тук; те са в самия регистър."),
    ],
)  # fmt: skip
def test_the_appendix_says_where_the_rows_not_listed_are_in_the_readers_words(
    tmp_path: Path, lang: str, rest: str
) -> None:
    """The head of office and the auditor read the appendix: no file of ours named to them."""
    from readiness.core.catalogue import load_catalogue
    from readiness.io.registers import load_sources, read_registers
    from readiness.render.environment import environment
    from readiness.render.registers import RegisterView

    _xlsx(tmp_path / "nc.xlsx", FINDINGS_BG[:5])
    (tmp_path / "sources.toml").write_text(
        '[registers.nc]\nfile = "nc.xlsx"\nrole = "findings"\n\n[registers.nc.columns]\n'
        'id = "№"\nsource = "Източник"\ndescription = "Описание"\nref = "Точка от стандарта"\n'
        'closed_on = "Дата на закриване"\neffectiveness = "Оценка на ефикасността"\n\n'
        '[registers.nc.defaults]\ngrade = "minor"\n',
        encoding="utf-8",
    )
    spec, _problems = load_sources(tmp_path / "sources.toml", lang)
    assert spec is not None
    registers, _found = read_registers(
        spec, as_of=D(2026, 11, 20), lang=lang, country="BG", catalogue=load_catalogue()
    )
    (register,) = registers.registers
    assert len(register.entries) == 4
    html = (
        environment(lang)
        .get_template("fragments/registers.html.j2")
        .render(
            registers=[register], rv=RegisterView([register], lang, D(2026, 11, 20), "BG"), limit=2
        )
    )
    assert rest in html
    assert "results.json" not in html and ".json" not in html
    assert "(findings)" not in html and ": findings<" not in html

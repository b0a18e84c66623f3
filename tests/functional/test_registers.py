"""Registers read through a sources file: every file kind and encoding, the sample's guesses,
moved headers, renamed columns, unknown words, hostile files, and files never changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import time
import tomllib
import zipfile
from pathlib import Path

import build_registers  # data/sample, on sys.path by conftest
import openpyxl
import pytest

from readiness.cli import main
from readiness.core.catalogue import load_catalogue
from readiness.io.guard import FileRefused
from readiness.io.registers import guess_sources, load_sources, read_registers
from readiness.io.registers.files import read_grid

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "sample" / "registers"
AS_OF = dt.date(2026, 11, 16)
D = dt.date


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _read(sources: Path, country: str = "PL"):  # type: ignore[no-untyped-def]
    spec, problems = load_sources(sources)
    assert spec is not None, problems
    registers, found = read_registers(
        spec, as_of=AS_OF, country=country, catalogue=load_catalogue()
    )
    return registers, problems + found


@pytest.fixture
def starostwo(tmp_path: Path) -> Path:
    folder = tmp_path / "starostwo"
    shutil.copytree(SAMPLES / "starostwo", folder)
    return folder


# -- the samples --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("office", "country"), [("starostwo", "PL"), ("obshtina", "BG"), ("wzorowo", "PL")]
)
def test_sources_init_guesses_the_samples_mappings(office: str, country: str) -> None:
    folder = SAMPLES / office
    written = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))["registers"]
    files = sorted(p for p in folder.iterdir() if p.suffix != ".toml")
    text, guesses = guess_sources(files, folder / "sources.toml")
    guessed = tomllib.loads(text)["registers"]
    by_file = {t["file"]: t for t in guessed.values()}
    assert set(by_file) == {t["file"] for t in written.values()}
    for table in written.values():
        guess = by_file[table["file"]]
        assert guess["role"] == table["role"], table["file"]
        assert guess.get("sheet", "") == table.get("sheet", "")
        assert guess["columns"] == table["columns"], table["file"]
        if "header_row" in table:
            assert guess["header_row"] == table["header_row"]
        for field, words in table.get("values", {}).items():
            # every word the sample maps is guessed, or is already one of our words
            assert set(guess.get("values", {}).get(field, {})).issubset(words)
    assert all(g.role_confidence == "high" for g in guesses)
    assert "# guess: high" in text


def test_samples_read_completely(tmp_path: Path) -> None:
    before = _digest(SAMPLES / "starostwo") | _digest(SAMPLES / "obshtina")
    pl, problems = _read(SAMPLES / "starostwo" / "sources.toml")
    assert problems == []
    reads = {r.spec.name: r for r in pl.reads}
    assert {n: (r.rows, r.used) for n, r in reads.items()} == {
        "dokumenty": (8, 8),
        "skargi": (11, 11),
        "szkolenia": (9, 9),
        "niezgodnosci": (4, 4),
        "ankieta": (80, 80),
        "dostawcy": (3, 3),
    }
    assert len(reads["ankieta"].surveys) == 80 and len(reads["ankieta"].questions) == 3
    assert {a for r in reads["ankieta"].surveys for a in r.answers.values()} == {1, 2, 3, 4, 5}
    assert [s.result for s in reads["dostawcy"].suppliers] == [
        "approved",
        "approved",
        "conditional",
    ]
    assert reads["szkolenia"].encoding == "cp1250" and reads["szkolenia"].separator == ";"
    assert reads["skargi"].header_row == 4 and reads["dokumenty"].sheet == "Wykaz"
    training = reads["szkolenia"].evidence
    assert training[0].refs == ("7.2", "7.3") and training[0].dated == D(2026, 2, 17)
    assert training[0].kind == "retain" and training[0].status == "approved"
    findings = reads["niezgodnosci"].findings
    assert [f.status for f in findings] == ["verified"] * 4
    assert findings[2].source == "complaint" and findings[3].grade == "ofi"
    skargi = next(r for r in pl.registers if r.name == "skargi")
    assert skargi.deadline_months == 1
    assert skargi.entries[2].origin.place == "rejestr-skarg-i-wnioskow.xlsx: Rejestr 2026, row 7"
    bg, problems = _read(SAMPLES / "obshtina" / "sources.toml", country="BG")
    assert problems == []
    csv = next(r for r in bg.reads if r.spec.name == "obucheniya")
    assert (csv.encoding, csv.separator, csv.used) == ("windows-1251", ",", 5)
    assert csv.evidence[0].title == "Вътрешен одитор по ISO 9001 – Мария Измислена"
    signali = next(r for r in bg.registers if r.name == "signali")
    assert signali.deadline_months == 2
    assert _digest(SAMPLES / "starostwo") | _digest(SAMPLES / "obshtina") == before


# -- file kinds and encodings -------------------------------------------------------------

TRAINING = [
    ["Lp.", "Imię i nazwisko", "Temat szkolenia", "Data szkolenia"],
    [1, "Łucja Żółkiewska", "Ochrona danych", D(2026, 3, 4)],
    [2, "Ścibor Ćwik", "KPA – terminy", D(2026, 5, 6)],
]
SOURCES = """\
[registers.szkolenia]
file = "{file}"
role = "training"
{extra}
[registers.szkolenia.columns]
person = "Imię i nazwisko"
topic = "Temat szkolenia"
date = "Data szkolenia"
"""


def _write(folder: Path, kind: str, rows: list[list[object]], encoding: str = "utf-8",
           separator: str = ";") -> Path:  # fmt: skip
    if kind == "xlsx":
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        for row in rows:
            ws.append(row)
        path = folder / "reg.xlsx"
        book.save(path)
    elif kind == "ods":
        path = folder / "reg.ods"
        build_registers.write_ods(path, "Arkusz1", rows)
    else:
        path = folder / "reg.csv"
        build_registers.write_csv(path, rows, separator, encoding)
        if encoding == "utf-8-sig":
            assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    return path


@pytest.mark.parametrize(
    ("kind", "encoding", "separator"),
    [
        ("xlsx", "", ""),
        ("ods", "", ""),
        ("csv", "utf-8", ";"),
        ("csv", "utf-8-sig", ","),
        ("csv", "cp1250", ";"),
        ("csv", "cp1250", "\t"),
    ],
)
def test_every_file_kind_and_encoding(
    tmp_path: Path, kind: str, encoding: str, separator: str
) -> None:
    path = _write(tmp_path, kind, TRAINING, encoding or "utf-8", separator or ";")
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(file=path.name, extra=""), encoding="utf-8")
    before = path.read_bytes()
    registers, problems = _read(sources)
    assert problems == []
    read = registers.reads[0]
    assert [e.title for e in read.evidence] == [
        "Ochrona danych – Łucja Żółkiewska",
        "KPA – terminy – Ścibor Ćwik",
    ]
    assert [e.dated for e in read.evidence] == [D(2026, 3, 4), D(2026, 5, 6)]
    if kind == "csv":
        assert (read.encoding, read.separator) == (encoding, separator)
    assert path.read_bytes() == before  # only read


def test_windows_1251_csv_and_encoding_given(tmp_path: Path) -> None:
    rows = [["Служител", "Тема", "Дата"], ["Мария Измислена", "Защита на данните", "10.03.2026"]]
    _write(tmp_path, "csv", rows, "windows-1251", ",")
    sources = tmp_path / "sources.toml"
    text = """[registers.o]\nfile = "reg.csv"\nrole = "training"\n{enc}
[registers.o.columns]\nperson = "Служител"\ntopic = "Тема"\ndate = "Дата"\n"""
    sources.write_text(text.format(enc=""), encoding="utf-8")
    registers, problems = _read(sources, "BG")
    assert problems == [] and registers.reads[0].encoding == "windows-1251"
    # the encoding given wins over detection; a wrong one is a clear error
    sources.write_text(text.format(enc='encoding = "utf-8"'), encoding="utf-8")
    registers, problems = _read(sources, "BG")
    assert [p.code for p in problems] == ["bad-encoding"]
    assert problems[0].file == "reg.csv" and "encoding" in problems[0].hint


# -- what can go wrong in a register ------------------------------------------------------


def _nc_book(path: Path, top: int = 1, status: str = "zamknięta", grade: str = "Kategoria") -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for _ in range(top - 1):
        ws.append(["Rejestr niezgodności"])
    ws.append(["Nr", "Pkt normy", "Źródło", grade, "Opis", "Status"])
    ws.append(["NC-1", "8.5.1", "audit wewnętrzny", "niezgodność mała", "Opis 1", "otwarta"])
    ws.append(["NC-2", "7.2", "audit wewnętrzny", "obserwacja", "Opis 2", status])
    book.save(path)


NC_SOURCES = """\
[registers.nc]
file = "nc.xlsx"
role = "findings"
{extra}
[registers.nc.columns]
id = "Nr"
ref = "Pkt normy"
source = "Źródło"
grade = "Kategoria"
description = "Opis"
status = "Status"

[registers.nc.values.status]
"otwarta" = "open"
"zamknięta" = "closed"

[registers.nc.values.source]
"audit wewnętrzny" = "internal_audit"

[registers.nc.values.grade]
"niezgodność mała" = "minor"
"obserwacja" = "observation"
"""


def test_a_header_that_moved_is_found_or_named(tmp_path: Path) -> None:
    _nc_book(tmp_path / "nc.xlsx", top=4)
    sources = tmp_path / "sources.toml"
    sources.write_text(NC_SOURCES.format(extra=""), encoding="utf-8")
    registers, problems = _read(sources)
    assert problems == [] and registers.reads[0].header_row == 4
    assert [f.status for f in registers.reads[0].findings] == ["open", "closed"]
    # header_row set to where the header was before it moved: an error that names the new row
    sources.write_text(NC_SOURCES.format(extra="header_row = 1"), encoding="utf-8")
    _registers, problems = _read(sources)
    assert [p.code for p in problems] == ["header-not-found"]
    assert problems[0].value == "header_row = 4"
    assert problems[0].file == "nc.xlsx" and problems[0].cell == "A1"


def test_a_renamed_column_is_named_with_the_headers_found(tmp_path: Path) -> None:
    _nc_book(tmp_path / "nc.xlsx", grade="Klasyfikacja")
    sources = tmp_path / "sources.toml"
    sources.write_text(NC_SOURCES.format(extra=""), encoding="utf-8")
    registers, problems = _read(sources)
    assert [p.code for p in problems] == ["missing-column"]
    problem = problems[0]
    assert problem.value == "Kategoria" and "Klasyfikacja" in problem.expected
    assert "[registers.nc.columns]" in problem.hint and "grade" in problem.message
    assert registers.reads[0].findings == []


def test_an_unknown_status_word_names_the_value_and_the_mapping_to_add(tmp_path: Path) -> None:
    _nc_book(tmp_path / "nc.xlsx", status="zawieszona")
    sources = tmp_path / "sources.toml"
    sources.write_text(NC_SOURCES.format(extra=""), encoding="utf-8")
    registers, problems = _read(sources)
    assert [(p.code, p.severity, p.sheet, p.cell) for p in problems] == [
        ("unknown-value", "error", "Sheet", "F3")
    ]
    problem = problems[0]
    assert problem.value == "zawieszona"
    assert '"zawieszona" = "open"' in problem.hint
    assert "[registers.nc.values.status]" in problem.hint
    assert "verified" in problem.expected
    assert registers.reads[0].unmapped_values == {"status": ["zawieszona"]}
    assert [f.id for f in registers.reads[0].findings] == ["NC-1"]  # the other row is named


def test_a_row_missing_what_it_needs_is_reported_not_dropped(tmp_path: Path) -> None:
    rows = [*TRAINING, [3, "Bez Daty", "Szkolenie BHP", ""], ["", "", "Razem", ""]]
    path = _write(tmp_path, "csv", rows, "utf-8", ";")
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(file=path.name, extra=""), encoding="utf-8")
    registers, problems = _read(sources)
    assert [(p.code, p.severity, p.cell) for p in problems] == [
        ("row-not-used", "warning", "D4"),
        ("row-not-used", "warning", "D5"),
    ]
    assert problems[0].sheet == "CSV" and problems[0].file == "reg.csv"
    assert registers.reads[0].rows == 4 and registers.reads[0].used == 2


def test_sources_file_problems(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[registers.x]\nfile = "a.xlsx"\nrole = "minutes"\n', encoding="utf-8")
    spec, problems = load_sources(sources)
    assert spec is not None and spec.registers == []
    assert "minutes" in problems[0].value and "complaints" in problems[0].expected
    sources.write_text("[registers.x\n", encoding="utf-8")
    spec, problems = load_sources(sources)
    assert spec is None and problems[0].sheet == "line 1"
    _nc_book(tmp_path / "nc.xlsx")
    sources.write_text(
        NC_SOURCES.format(extra="").replace('status = "Status"', 'state = "Status"'),
        encoding="utf-8",
    )
    _spec, problems = load_sources(sources)
    assert problems[0].value == "state" and "status" in problems[0].expected


# -- the guard ----------------------------------------------------------------------------


def _ods_with(path: Path, content: bytes, extra: dict[str, bytes] | None = None) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


ODS_HEAD = (
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
    b'<office:spreadsheet><table:table table:name="A">'
)
ODS_TAIL = b"</table:table></office:spreadsheet></office:body></office:document-content>"


@pytest.mark.parametrize(
    ("name", "build", "code"),
    [
        (
            "entities.ods",
            lambda p: _ods_with(
                p, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + ODS_HEAD + ODS_TAIL
            ),
            "xml-entities",
        ),
        (
            "entities-utf16.ods",
            lambda p: _ods_with(
                p,
                (
                    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
                ).encode("utf-16"),
            ),
            "xml-entities",
        ),
        (
            "rows.ods",
            lambda p: _ods_with(
                p,
                ODS_HEAD
                + b'<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
                b'office:value-type="string"><text:p>x</text:p></table:table-cell>'
                b"</table:table-row>" + ODS_TAIL,
            ),
            "sheet-too-large",
        ),
        (
            "columns.ods",
            lambda p: _ods_with(
                p,
                ODS_HEAD + b"<table:table-row><table:table-cell table:number-columns-repeated="
                b'"16384" office:value-type="float" office:value="1"/></table:table-row>'
                + ODS_TAIL,
            ),
            "sheet-too-large",
        ),
        (
            "bomb.ods",
            lambda p: _ods_with(p, ODS_HEAD + ODS_TAIL, {"Pictures/x.bin": b"\0" * (40 << 20)}),
            "zip-bomb",
        ),
        (
            "encrypted.ods",
            lambda p: _ods_with(
                p,
                ODS_HEAD + ODS_TAIL,
                {"META-INF/manifest.xml": b"<manifest:encryption-data/>"},
            ),
            "password-protected",
        ),
        ("xlsx.csv", lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 100), "not-csv"),
        ("binary.csv", lambda p: p.write_bytes(b"a;b\n\0\0\0\x01\x02"), "not-csv"),
        ("text.ods", lambda p: p.write_text("a;b\n1;2\n"), "corrupt"),
        ("calc.xlsx", lambda p: _ods_with(p, ODS_HEAD + ODS_TAIL), "not-xlsx"),
        ("doc.pdf", lambda p: p.write_bytes(b"%PDF-1.7"), "unknown-file-kind"),
    ],
)
def test_hostile_and_broken_registers_are_refused_with_a_code(
    tmp_path: Path,
    name: str,
    build,
    code: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / name
    build(path)
    before = path.read_bytes()
    started = time.perf_counter()
    with pytest.raises(FileRefused) as refused:
        read_grid(path)
    assert time.perf_counter() - started < 2
    assert refused.value.refusal.code == code
    assert path.read_bytes() == before


def test_a_refused_register_is_a_problem_naming_the_file(tmp_path: Path) -> None:
    _ods_with(tmp_path / "reg.ods", b"<!DOCTYPE x>" + ODS_HEAD + ODS_TAIL)
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(file="reg.ods", extra=""), encoding="utf-8")
    _registers, problems = _read(sources)
    assert [(p.code, p.file, p.severity) for p in problems] == [
        ("xml-entities", "reg.ods", "error")
    ]


def test_csv_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from readiness.io.registers import files

    monkeypatch.setattr(files, "MAX_CSV_BYTES", 100)
    path = _write(tmp_path, "csv", TRAINING * 5)
    with pytest.raises(FileRefused) as refused:
        read_grid(path)
    assert refused.value.refusal.code == "too-large"


# -- the command line ---------------------------------------------------------------------


def test_cli_sources_init_and_check(
    starostwo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(starostwo)
    files = [str(p) for p in sorted(starostwo.iterdir()) if p.suffix != ".toml"]
    target = tmp_path / "guessed.toml"
    assert main(["sources", "init", *files, "-o", str(target)]) == 0
    assert "Wrote" in capsys.readouterr().err
    assert main(["sources", "init", *files, "-o", str(target)]) == 3  # exists: not overwritten
    capsys.readouterr()
    assert main(["sources", "check", str(target), "--country", "PL"]) == 0
    out = capsys.readouterr().out
    assert "rejestr_skarg_i_wnioskow: starostwo/rejestr-skarg-i-wnioskow.xlsx [Rejestr 2026]" in out
    assert "11 rows read, 11 used" in out and "header row: 4" in out
    assert "CSV: encoding cp1250, separator ';'" in out
    assert "row 5: Wpływ / data=2026-01-12" in out  # the register's header, not our key
    assert "Rodzaj=complaint" in out  # a choice in the reader's words
    # the guessed file leaves the sample's complaint words to our own ("skarga" is ours)
    assert main(["sources", "check", str(starostwo / "sources.toml"), "--lang", "pl"]) == 0
    capsys.readouterr()
    (starostwo / "sources.toml").write_text(
        (starostwo / "sources.toml").read_text(encoding="utf-8").replace('"zweryfikowana"', '"ok"'),
        encoding="utf-8",
    )
    assert main(["sources", "check", str(starostwo / "sources.toml")]) == 1
    err = capsys.readouterr().err
    assert "rejestr-niezgodnosci.xlsx: Rejestr NC!J3: error" in err and "zweryfikowana" in err
    before.pop("sources.toml")
    after = _digest(starostwo)
    after.pop("sources.toml")
    assert after == before


# -- the other roles ----------------------------------------------------------------------


def test_risk_survey_audit_and_review_registers(tmp_path: Path) -> None:
    rows = {
        "risks.csv": [
            ["Ryzyko", "Właściciel", "Data przeglądu"],
            ["Awaria systemu EZD", "Informatyk", "15.01.2026"],
            ["Odejście doświadczonego pracownika", "Kadry", "20.03.2026"],
        ],
        "survey.csv": [
            ["Badanie", "Data", "Wynik", "Liczba ankiet"],
            ["Ankieta satysfakcji I półrocze", "30.06.2026", "87%", "214"],
        ],
        "audits.csv": [
            ["Data auditu", "Zakres", "Auditor", "Raport"],
            ["22.09.2026", "7; 8.2", "Piotr Audytowy", "RA-01/2026"],
            ["14.10.2027", "9", "Piotr Audytowy", "RA-09/2027"],  # after the assessment date
        ],
        "reviews.csv": [
            ["Data", "Protokół", "Satysfakcja klientów", "Wyniki auditów"],
            ["10.12.2025", "PZ-1/2025", "tak", "nie"],
        ],
    }
    for name, table in rows.items():
        build_registers.write_csv(tmp_path / name, table, ";", "utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        """
[registers.ryzyka]
file = "risks.csv"
role = "risks"
[registers.ryzyka.columns]
risk = "Ryzyko"
owner = "Właściciel"
reviewed = "Data przeglądu"

[registers.ankiety]
file = "survey.csv"
role = "survey"
[registers.ankiety.columns]
title = "Badanie"
date = "Data"
score = "Wynik"
respondents = "Liczba ankiet"

[registers.audyty]
file = "audits.csv"
role = "audits"
[registers.audyty.columns]
date = "Data auditu"
refs = "Zakres"
auditor = "Auditor"
report = "Raport"

[registers.przeglady]
file = "reviews.csv"
role = "reviews"
[registers.przeglady.columns]
date = "Data"
minutes = "Protokół"
"input:satisfaction" = "Satysfakcja klientów"
"input:audits" = "Wyniki auditów"
""",
        encoding="utf-8",
    )
    registers, problems = _read(sources)
    assert [(p.code, p.file, p.cell) for p in problems] == [
        ("date-after-as-of", "audits.csv", "A3")
    ]
    reads = {r.spec.name: r for r in registers.reads}
    risk = reads["ryzyka"]
    assert risk.register is not None and risk.register.reviewed_on == D(2026, 3, 20)
    (evidence,) = risk.evidence  # the register as a whole supports 6.1, with its review date
    assert evidence.refs == ("6.1.1", "6.1.2") and evidence.dated == D(2026, 3, 20)
    assert evidence.review_due == D(2027, 3, 20)
    survey = reads["ankiety"].evidence[0]
    assert survey.refs == ("9.1.2",) and survey.dated == D(2026, 6, 30)
    assert survey.title == "Ankieta satysfakcji I półrocze, 87%, n = 214"
    (audit,) = reads["audyty"].audits
    assert audit.refs[:2] == ("7.1.1", "7.1.2") and "8.2.4" in audit.refs
    assert audit.kind == "internal" and audit.report == "RA-01/2026"
    (review,) = reads["przeglady"].reviews
    assert review.inputs == frozenset({"satisfaction"}) and review.minutes == "PZ-1/2025"

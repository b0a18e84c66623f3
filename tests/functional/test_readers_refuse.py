"""Every reader turns depth, encoding and parser errors into a refusal naming the file.

Driven through the command as a user meets them: no traceback, no Rust panic text, an exit
status of 1 (or 2 for a bad argument), and the reason in words.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import READERS, binary_list, deep_results, measure, utf16_worksheet
from readiness.core.catalogue import load_catalogue
from readiness.io.guard import FileRefused
from readiness.io.registers import load_sources, read_registers

EXE = str(Path(sys.executable).with_name("readiness"))
ENV = os.environ | {"PYTHONWARNINGS": "ignore", "RUST_BACKTRACE": "1"}
PANIC = ("panicked at", "Traceback", "RUST_BACKTRACE", "thread '")


def clean(text: str) -> bool:
    return not any(mark in text for mark in PANIC)


@pytest.mark.parametrize("name", list(READERS))
def test_sources_check_refuses_each_bad_register_in_words(tmp_path, name):
    build, command, code = READERS[name]
    path = build(tmp_path)
    status, out, err, seconds, peak_kb = measure([EXE, *command, str(path)], env=ENV)
    assert status == 1, err
    assert clean(out + err), err
    assert peak_kb < 500 * 1024 and seconds < 60
    sources, problems = load_sources(path)
    if sources is not None:
        problems += read_registers(sources, catalogue=load_catalogue())[1]
    assert code in [p.code for p in problems]
    assert all(p.file for p in problems)


def test_check_refuses_a_workbook_naming_a_sources_file_nested_too_deep(
    tmp_path, make_workbook, sample_content
):
    from hostile import deep_sources

    deep = deep_sources(tmp_path)
    sample_content["office"]["sources"] = "deep/sources.toml"
    workbook = make_workbook(sample_content)
    assert workbook.parent == tmp_path  # the sources file beside it, inside its folder
    done = subprocess.run(
        [EXE, "check", str(workbook), "--format", "json"], capture_output=True, text=True, env=ENV
    )
    assert done.returncode == 1 and clean(done.stderr), done.stderr
    assert [p["code"] for p in json.loads(done.stdout)["problems"]] == ["too-deep"]
    assert deep.exists()


def test_report_refuses_an_earlier_run_nested_200000_deep(tmp_path, sample):
    previous = deep_results(tmp_path)
    out = tmp_path / "reports"
    status, _out, err, seconds, peak_kb = measure(  # the refusal comes before any notebook
        [EXE, "report", str(sample), "--format", "html", "--out", str(out), "--lang", "en",
         "--as-of", "2026-11-16", "--previous", str(previous)],
        env=ENV,
    )  # fmt: skip
    assert status == 1, err
    assert clean(err), err
    assert peak_kb < 500 * 1024 and seconds < 60
    assert "The earlier run given to compare with cannot be read" in err
    assert str(previous / "results.json") in err
    assert not list(out.rglob("results.json")) if out.exists() else True


def test_report_refuses_a_worksheet_in_utf16(tmp_path):
    workbook = utf16_worksheet(tmp_path)
    done = subprocess.run(
        [EXE, "report", str(workbook), "--format", "html", "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    assert done.returncode == 1 and clean(done.stderr), done.stderr
    assert "not written in UTF-8" in done.stderr


def test_portfolio_refuses_a_list_that_is_not_text(tmp_path):
    listing = binary_list(tmp_path)
    done = subprocess.run(
        [EXE, "portfolio", str(listing), "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    assert done.returncode == 2 and clean(done.stderr), done.stderr
    assert "not a list of workbooks" in done.stderr


def test_a_sheet_the_parser_cannot_decode_is_a_problem_not_an_exception(tmp_path, monkeypatch):
    """Past the guard (here switched off), python-calamine's XmlError is told as damage."""
    import readiness.io.workbook.opening as opening
    from readiness.io.workbook import read_workbook

    monkeypatch.setattr(opening, "inspect", lambda _path: None)
    book, problems = read_workbook(utf16_worksheet(tmp_path), catalogue=load_catalogue())
    assert book is None
    assert "corrupt" in [p.code for p in problems]


def test_a_panic_in_a_register_reader_is_held_and_told_as_damage(tmp_path, monkeypatch, capfd):
    """Whatever python-calamine panics on, its text never reaches the terminal."""
    import readiness.io.registers.files as files
    from hostile import REGISTERS, register_sources

    class PanicException(BaseException):  # pyo3's name for a Rust panic
        pass

    def panics(*_args: object) -> None:
        os.write(2, b"thread '<unnamed>' panicked at src/lib.rs:1:1\n")
        raise PanicException("boom")

    register = (REGISTERS / "rejestr-skarg-i-wnioskow.xlsx").read_bytes()
    sources = register_sources(tmp_path, "r.xlsx", register)
    monkeypatch.setattr(files, "_calamine_grid", panics)
    with pytest.raises(FileRefused) as refused:
        files.read_grid(sources.parent / "r.xlsx")
    assert refused.value.refusal.code == "corrupt"
    assert "panicked" not in capfd.readouterr().err


def test_a_panic_opening_the_workbook_is_held_and_told_as_damage(sample, monkeypatch, capfd):
    import readiness.io.workbook.opening as opening
    from readiness.io.workbook import read_workbook

    class PanicException(BaseException):  # pyo3's name for a Rust panic
        pass

    def panics(*_args: object) -> None:
        os.write(2, b"thread '<unnamed>' panicked at src/lib.rs:1:1\n")
        raise PanicException("boom")

    monkeypatch.setattr(opening.CalamineWorkbook, "from_path", panics)
    book, problems = read_workbook(sample, catalogue=load_catalogue())
    assert book is None and [p.code for p in problems] == ["corrupt"]
    assert "panicked" not in capfd.readouterr().err

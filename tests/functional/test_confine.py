"""Paths written inside an office's files stay inside that office's folder.

Two offices side by side; office A's workbook or sources file points at office B's training
register (climbing with ``../``, by an absolute path, or through a symlink). Office B's
register names a person office A's does not: that name must never appear in anything
office A's commands print or write. ``--trust`` widens the rule on purpose, and then the
name does appear (so the tests can tell a refusal from a register that is never shown).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import CONFINEMENT, MARKER, two_offices
from readiness.core.catalogue import load_catalogue
from readiness.io.confine import confined
from readiness.io.registers import load_sources

EXE = str(Path(sys.executable).with_name("readiness"))
AS_OF = "2026-11-16"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize("case", CONFINEMENT)
def test_check_refuses_the_other_offices_register_naming_the_place(tmp_path, case):
    workbook = two_offices(tmp_path, case)
    done = run("check", str(workbook), "--as-of", AS_OF, "--format", "json", "--lang", "en")
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert [p["code"] for p in problems] == ["path-outside"]
    problem = problems[0]
    assert problem["value"].startswith(str((tmp_path / "office-b").resolve()))
    if "Office sheet" in case:  # the cell of the Office sheet that names the sources file
        assert problem["file"] == "office.xlsx" and problem["sheet"] and problem["cell"]
    else:  # the table and line of the sources file
        assert problem["file"] == "sources.toml"
        assert problem["sheet"].startswith("[registers.szkolenia], line ")
    assert MARKER not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("case", CONFINEMENT)
def test_trust_widens_the_rule_on_purpose(tmp_path, case):
    workbook = two_offices(tmp_path, case)
    trusted = run("check", str(workbook), "--as-of", AS_OF, "--trust", str(tmp_path / "office-b"))
    assert trusted.returncode == 0, trusted.stderr + trusted.stdout
    # the other office's register is read: its rows join, nothing is refused
    from readiness.io.workbook import read_workbook

    book, _problems = read_workbook(
        workbook, trusted=[(tmp_path / "office-b").resolve()], catalogue=load_catalogue()
    )
    assert book is not None
    assert MARKER in json.dumps([str(e) for e in book.evidence], ensure_ascii=False)


def test_sources_check_refuses_a_register_outside_and_prints_none_of_it(tmp_path):
    two_offices(tmp_path, CONFINEMENT[2])
    sources = tmp_path / "office-a" / "registers" / "sources.toml"
    done = run("sources", "check", str(sources), "--lang", "en")
    assert done.returncode == 1
    assert "lies outside the sources file's folder" in done.stdout + done.stderr
    assert str((tmp_path / "office-b" / "registers").resolve()) in done.stdout + done.stderr
    assert MARKER not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    trusted = run("sources", "check", str(sources), "--trust", str(tmp_path / "office-b"))
    assert MARKER in trusted.stdout  # the first rows as they will be read


def test_a_sources_file_given_on_the_command_line_is_trusted_for_itself(tmp_path):
    workbook = two_offices(tmp_path, "own registers")
    other = tmp_path / "office-b" / "registers" / "sources.toml"
    done = run("check", str(workbook), "--as-of", AS_OF, "--sources", str(other))
    assert done.returncode == 0, done.stdout + done.stderr  # the person chose it


def test_the_rule_resolves_symlinks_and_dot_dots():
    base = Path("/srv/offices/a")
    assert confined(base, "registers/x.csv")[1]
    assert not confined(base, "../b/x.csv")[1]
    assert not confined(base, "/etc/passwd")[1]
    assert confined(base, "/srv/shared/x.csv", (Path("/srv/shared"),))[1]
    assert not confined(base, "registers/../../b/x.csv")[1]


def test_a_symlinked_sources_folder_inside_is_followed_to_where_it_points(tmp_path):
    """A registers folder that is itself a symlink to another office counts as outside."""
    two_offices(tmp_path, "own registers")
    a = tmp_path / "office-a"
    (a / "linked").symlink_to(tmp_path / "office-b" / "registers")
    (a / "sources.toml").write_text(
        '[registers.x]\nfile = "linked/szkolenia-ezd.csv"\nrole = "training"\n', encoding="utf-8"
    )
    sources, problems = load_sources(a / "sources.toml")
    assert sources is not None and sources.registers == []
    assert [p.code for p in problems] == ["path-outside"]
    assert problems[0].sheet == "[registers.x], line 2"

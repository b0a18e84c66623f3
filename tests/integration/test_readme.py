"""The README's first commands, run exactly as printed: from the repository root and elsewhere.

A new user runs ``make demo`` (every sample's report, management review pack and audit
programme) and then ``.venv/bin/readiness report data/sample/...xlsx``
(the default ``--out reports``, a relative path) from the repository root. Every path the
commands print must exist, nothing may be written into ``notebooks/``, ``src/`` or ``data/``, and a
second run on a later date must be compared with the first. The same command runs again
from another folder laid out like the checkout (``.venv`` linked, a copy of the sample).

The root run writes the product's own output folder, ``reports/`` (git-ignored), as a user's
would; the later-dated run there is removed afterwards, with its lock file, when it did not
exist before. ``__pycache__`` and ``*.egg-info`` under ``src/`` are not counted as new:
``make demo`` on a fresh clone installs the package and Python caches its bytecode.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE
from readiness.render.i18n import format_date

pytestmark = pytest.mark.slow
MAKE_DEMO = "make demo"
REPORT = f".venv/bin/readiness report data/sample/{SAMPLE.name}"
OFFICE = "starostwo-powiatowe-w-przykladowie"
DEMO_REPORTS = 5  # three offices, the county office also in English and Bulgarian
OUTPUTS = 6  # html, pdf, notebook, results.json, action-plan.xlsx and .csv
PROGRAMMES = 3 * 3  # each office's audit programme: xlsx, html, pdf (readiness audit-plan)
SOURCE = ("notebooks", "src", "data")  # where no command may write (the samples are read)
PACKS = 3 * 4  # each office's management review pack: ipynb, html, pdf, docx (readiness review)


def readme_commands() -> list[str]:
    """Every command line in the README's ``sh`` blocks, without its comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command line as a user types it."""
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONWARNINGS": "ignore"},
        timeout=600,
    )


def printed_paths(result: subprocess.CompletedProcess[str], cwd: Path) -> list[Path]:
    """The paths a command printed (``make`` also echoes the commands it runs)."""
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    paths = [cwd / line for line in lines if not line.startswith((".venv/", "make"))]
    assert paths, result.stdout
    return paths


def new_files() -> set[str]:
    """Untracked and ignored entries under notebooks/, src/ and data/, bytecode and egg-info
    aside."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", *SOURCE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        line
        for line in status.splitlines()
        if line[:2] in ("??", "!!") and "__pycache__" not in line and ".egg-info" not in line
    }


def compared_with(html: Path, day: dt.date) -> bool:
    """Whether the Polish report says it is compared with the run of ``day``."""
    text = html.read_text(encoding="utf-8")
    return f"W porównaniu z oceną z dnia {format_date(day, 'pl', 'long')}" in text


def later_free_day(office: Path, today: dt.date) -> dt.date:
    """The first day after today with no report of the office yet."""
    day = today + dt.timedelta(days=1)
    while (office / day.isoformat()).exists():
        day += dt.timedelta(days=1)
    return day


def test_the_readme_shows_the_commands_tested_here():
    commands = readme_commands()
    assert MAKE_DEMO in commands
    assert REPORT in commands, f"the README should show `{REPORT}`"


def test_readme_commands_from_the_root_and_from_another_folder(tmp_path):
    assert shutil.which("make"), "make is needed for the README's first command"
    before = new_files()
    today = dt.date.today()

    # 1. make demo, from the repository root
    demo = printed_paths(shell(MAKE_DEMO, ROOT), ROOT)
    assert len(demo) == DEMO_REPORTS * OUTPUTS + PACKS + PROGRAMMES, demo
    for path in demo:
        assert path.is_file(), path
        assert path.resolve().is_relative_to(ROOT / "reports"), path
    packs = [p for p in demo if p.name.startswith("management-review.")]
    assert len(packs) == PACKS and {p.suffix for p in packs} == {".ipynb", ".html", ".pdf", ".docx"}
    assert all(p.parent.name == today.isoformat() for p in packs), packs  # beside the reports

    # 2. the report command, from the repository root, with the default --out
    office = ROOT / "reports" / OFFICE
    first = printed_paths(shell(REPORT, ROOT), ROOT)
    assert len(first) == OUTPUTS
    assert all(p.is_file() and p.parent == office / today.isoformat() for p in first), first

    # 3. a later run there is compared with the first; it is removed afterwards
    later = later_free_day(office, today)
    lock = office / f".{later.isoformat()}.lock"
    lock_existed = lock.exists()
    try:
        second = printed_paths(shell(f"{REPORT} --as-of {later.isoformat()}", ROOT), ROOT)
        assert all(p.is_file() and p.parent == office / later.isoformat() for p in second)
        assert compared_with(office / later.isoformat() / "gap-report.html", today)
    finally:
        shutil.rmtree(office / later.isoformat(), ignore_errors=True)
        if not lock_existed:
            lock.unlink(missing_ok=True)

    # 4. the same command from another folder laid out like the checkout
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "data" / "sample").mkdir(parents=True)
    (elsewhere / ".venv").symlink_to(ROOT / ".venv")
    shutil.copyfile(SAMPLE, elsewhere / "data" / "sample" / SAMPLE.name)
    there = elsewhere / "reports" / OFFICE
    first = printed_paths(shell(REPORT, elsewhere), elsewhere)
    assert all(p.is_file() and p.parent == there / today.isoformat() for p in first), first
    second = printed_paths(shell(f"{REPORT} --as-of {later.isoformat()}", elsewhere), elsewhere)
    assert all(p.is_file() and p.parent == there / later.isoformat() for p in second), second
    assert compared_with(there / later.isoformat() / "gap-report.html", today)

    # nothing new in the source tree: no notebooks/reports/, no stray partial folder
    assert new_files() - before == set()

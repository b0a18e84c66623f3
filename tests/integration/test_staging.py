"""Staging folders: a run removes those left by killed runs, and leaves none of its own.

A run killed mid-way (SIGKILL, a power cut) leaves ``.<date>.partial-*`` in the office's
folder; the next run removes every one whose lock no run holds, and says so. A run that is
still writing holds its folder's lock, and its folder is left alone. A handled failure moves
what it wrote to ``.<date>.failed`` (named in the error) instead of leaving a staging folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import AS_OF

pytestmark = pytest.mark.slow
OFFICE = "starostwo-powiatowe-w-przykladowie"
EXE = str(Path(sys.executable).with_name("readiness"))


def report(sample: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    command = [EXE, "report", str(sample), "--out", str(out), "--as-of", AS_OF.isoformat(),
               "--format", "html", *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def folders(office: Path) -> list[str]:
    """What a run leaves in the office's folder, lock files aside."""
    return sorted(p.name for p in office.iterdir() if p.suffix != ".lock")


def test_stale_staging_folders_are_removed_and_a_live_one_is_left(tmp_path, sample):
    office = tmp_path / "reports" / OFFICE
    stale = [office / f".{AS_OF.isoformat()}.partial-dead{i}" for i in range(2)]
    for folder in stale:  # as a killed run leaves them: some files, a .tmp among them
        folder.mkdir(parents=True)
        (folder / "results.json").write_text("{}")
        (folder / ".action-plan.xlsx.x1y2.tmp").write_bytes(b"\0" * 350_000)
    live = office / f".{AS_OF.isoformat()}.partial-live"
    live.mkdir()
    with FileLock(office / f"{live.name}.lock", timeout=0):  # another run, writing now
        done = report(sample, tmp_path / "reports")
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if ".partial-" in line]
    for folder in stale:
        assert not folder.exists()
        assert any(str(folder) in line for line in said), done.stderr  # in Polish: the office's
    assert len(said) == len(stale)
    assert live.is_dir() and str(live) not in done.stderr
    assert folders(office) == sorted([AS_OF.isoformat(), live.name])
    again = report(sample, tmp_path / "reports")  # its lock is free now: a stale folder
    assert again.returncode == 0 and not live.exists()
    assert folders(office) == [AS_OF.isoformat()]


def test_a_handled_failure_leaves_no_staging_folder(tmp_path, sample):
    """A notebook that fails: its output is kept as .<date>.failed, named in the error."""
    import nbformat

    from readiness.run.locations import notebooks_dir

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for source in notebooks_dir().glob("*.ipynb"):
        nb = nbformat.read(source, as_version=4)
        if source.name.startswith("02_"):
            nb.cells.insert(4, nbformat.v4.new_code_cell("raise RuntimeError('broken cell')"))
        nbformat.write(nb, folder / source.name)
    out = tmp_path / "reports"
    env = {"READINESS_NOTEBOOKS": str(folder)}
    os.environ.update(env)
    try:
        done = report(sample, out)
    finally:
        for key in env:
            os.environ.pop(key)
    assert done.returncode == 3, done.stderr
    failed = out / OFFICE / f".{AS_OF.isoformat()}.failed"
    assert str(failed / "gap-report.ipynb") in done.stderr
    assert (failed / "gap-report.ipynb").is_file()
    assert folders(out / OFFICE) == [failed.name]
    assert "Traceback" not in done.stderr
    fixed = report(sample, out)  # the next run that succeeds removes it
    assert fixed.returncode == 0, fixed.stderr
    assert folders(out / OFFICE) == [AS_OF.isoformat()]

"""An office's report holds only that office's files: through ``report`` and ``portfolio``.

Office A's files point at office B's training register (see tests/hostile.py); office B's
register names a person office A's does not. Nothing office A's report writes (results.json,
the HTML report, the executed notebook, the action plan) nor prints may name that person.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import CONFINEMENT, MARKER, two_offices

pytestmark = pytest.mark.slow
EXE = str(Path(sys.executable).with_name("readiness"))
AS_OF = "2026-11-16"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=600)


def written(folder: Path) -> str:
    """Every text the run wrote under ``folder`` (xlsx as their zipped XML)."""
    import zipfile

    texts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                texts += [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
        elif path.suffix != ".pdf":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


@pytest.mark.parametrize("case", CONFINEMENT)
def test_report_refuses_and_writes_nothing_of_the_other_office(tmp_path, case):
    workbook = two_offices(tmp_path, case)
    out = tmp_path / "reports"
    done = run("report", str(workbook), "--format", "html", "--as-of", AS_OF, "--out", str(out))
    assert done.returncode == 1, done.stderr
    assert "leży poza folderem" in done.stderr  # the office's language: Polish
    assert str((tmp_path / "office-b").resolve()) in done.stderr  # the path it resolved to
    assert "Traceback" not in done.stderr
    assert MARKER not in done.stdout + done.stderr
    assert not list(out.rglob("results.json")) if out.exists() else True
    assert MARKER not in (written(out) if out.exists() else "")


def test_trusted_on_purpose_the_other_office_reaches_every_output(tmp_path):
    """The control: the marker does reach results.json, the HTML and the notebook when read."""
    workbook = two_offices(tmp_path, CONFINEMENT[0])
    out = tmp_path / "reports"
    done = run(
        "report", str(workbook), "--format", "html", "--as-of", AS_OF, "--out", str(out),
        "--trust", str(tmp_path / "office-b"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = next(out.glob(f"*/{AS_OF}"))
    for name in ("results.json", "gap-report.html", "gap-report.ipynb"):
        assert MARKER in (folder / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("ship", ["paths", "bytes"])
def test_portfolio_reports_office_b_and_refuses_office_a(tmp_path, ship):
    two_offices(tmp_path / "offices", CONFINEMENT[0])
    out = tmp_path / "reports"
    done = run(
        "portfolio", str(tmp_path / "offices"), "--out", str(out), "--as-of", AS_OF,
        "--reports", "html", "--format", "html", "--workers", "1", "--ship", ship,
    )  # fmt: skip
    assert done.returncode == 4, done.stderr  # the dashboard written, one office failed
    assert "1 reported, 0 skipped (unchanged), 1 failed" in done.stderr
    assert "Traceback" not in done.stderr
    manifest = json.loads((out / "_portfolio" / "manifest.json").read_text(encoding="utf-8"))
    failed = [e for e in manifest["entries"].values() if e["status"] == "failed"]
    assert len(failed) == 1 and "leży poza folderem" in failed[0]["message"]
    if ship == "paths":  # with bytes, ../office-b resolves beside the worker's scratch folder
        assert str((tmp_path / "offices" / "office-b").resolve()) in failed[0]["message"]
    reports = list(out.glob(f"*/{AS_OF}/results.json"))
    assert len(reports) == 1  # office B's own report only
    b_folder = reports[0].parent.parent
    if ship == "paths":  # bytes carry the workbook alone: B's registers stay at home
        assert MARKER in reports[0].read_text(encoding="utf-8")  # B's own register, B's report
    others = [p for p in out.iterdir() if p not in (b_folder, out / "_portfolio")]
    assert all(MARKER not in written(p) for p in others)
    assert MARKER not in done.stdout + done.stderr
    if ship == "paths":  # trusted on purpose, a re-run reads what the first run refused
        again = run(
            "portfolio", str(tmp_path / "offices"), "--out", str(out), "--as-of", AS_OF,
            "--reports", "none", "--format", "html", "--workers", "1",
            "--trust", str(tmp_path / "offices" / "office-b"),
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert "2 reported, 0 skipped (unchanged), 0 failed" in again.stderr

"""The wheel is enough: built, installed outside the checkout, ``demo`` and ``report`` work.

``python -m build`` makes the sdist and, from it, the wheel, in a copy of the project's
files (nothing is written into the checkout). The wheel goes into a fresh virtual
environment in ``tmp_path``; to spare a download of every dependency, that environment
sees this environment's site-packages through a ``.pth`` line (appended after its own,
so ``readiness`` is imported from the wheel, which the test asserts) and the Jupyter data
folder those dependencies installed (nbconvert's base templates). Then ``readiness demo``
and ``readiness report`` run from an empty folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT

pytestmark = pytest.mark.slow
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
SAMPLES = sorted(p.name for p in (ROOT / "data" / "sample").glob("*.xlsx"))


def run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ | {"PYTHONWARNINGS": "ignore"} | kwargs.pop("env", {}),
        **kwargs,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result


def project_copy(target: Path) -> Path:
    """The project's files as they are in the working tree (tracked and new, not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_wheel_installed_outside_the_checkout_runs_demo_and_report(tmp_path):
    source = project_copy(tmp_path / "project")
    run([sys.executable, "-m", "build", "--outdir", str(tmp_path / "dist"), "."], cwd=source)
    (wheel,) = (tmp_path / "dist").glob("readiness-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in NOTEBOOKS:
        assert f"readiness/notebooks/{name}" in names
    for name in SAMPLES:
        assert f"readiness/samples/{name}" in names
    registers = ROOT / "data" / "sample" / "registers"
    for path in registers.rglob("*.*"):  # every register the samples' sources files name
        assert f"readiness/samples/registers/{path.relative_to(registers).as_posix()}" in names
    for template in (ROOT / "src" / "readiness" / "templates").rglob("*.*"):
        assert f"readiness/{template.relative_to(ROOT / 'src' / 'readiness')}" in names

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=tmp_path,
        ).stdout.strip()
    )
    (site / "_shared_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (venv / "share").mkdir(exist_ok=True)
    (venv / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
    run([*pip, "--no-index", str(wheel)], cwd=tmp_path)

    empty = tmp_path / "empty"
    empty.mkdir()
    imported = run([str(python), "-c", "import readiness; print(readiness.__file__)"], cwd=empty)
    assert Path(imported.stdout.strip()).is_relative_to(site), imported.stdout
    assert not Path(imported.stdout.strip()).is_relative_to(ROOT)

    exe = str(venv / "bin" / "readiness")
    demo = run([exe, "demo", "-q", "--as-of", AS_OF.isoformat()], cwd=empty)
    printed = [Path(line) for line in demo.stdout.splitlines()]
    # five reports, six outputs each; three review packs of four files; three programmes
    assert len(printed) == 5 * 6 + 3 * 4 + 3 * 3
    assert all(p.is_file() and p.is_relative_to(empty / "reports") for p in printed)

    workbook = empty / "office.xlsx"  # the Bulgarian municipality
    shutil.copyfile(site / "readiness" / "samples" / "obshtina-primerno.xlsx", workbook)
    later = AS_OF.replace(year=AS_OF.year + 1).isoformat()
    report = run([exe, "report", "office.xlsx", "--as-of", later, "-q"], cwd=empty)
    printed = [Path(line) for line in report.stdout.splitlines()]
    assert len(printed) == 6 and all(p.is_file() for p in printed)
    html = next(p for p in printed if p.suffix == ".html").read_text(encoding="utf-8")
    assert "В сравнение с оценката от" in html  # compared with the demo's run of that office
    assert sorted(p.name for p in empty.iterdir()) == ["office.xlsx", "reports"]

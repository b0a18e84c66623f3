"""Every way a run can fail, through the real command: exit 3, the office's language, no traceback.

Each test runs ``readiness report`` as a subprocess on the Polish sample office, breaks one
thing the way it breaks on a user's machine, and checks the exit status, the message (in
Polish, the office's language), the partial output it names and that no traceback reaches
the terminal. A read-only or full disk and a busy folder are made for real in a private
mount namespace (``unshare``): a read-only tmpfs, a tiny tmpfs, a bind mount that the
kernel refuses to rename (EBUSY, as Windows refuses for a file held open).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock

from conftest import AS_OF
from readiness.run.locations import notebooks_dir

pytestmark = pytest.mark.slow
EXE = str(Path(sys.executable).with_name("readiness"))
OFFICE = "starostwo-powiatowe-w-przykladowie"
EXIT_FAILED = 3
# the Polish lines that name what was left behind
PARTIAL_FOLDER = re.compile(r"Niepełne wyniki są w (\S+?); wcześniejsze raporty")
PARTIAL_NOTEBOOK = re.compile(r"Częściowo wykonany notatnik jest w (\S+?); wcześniejsze raporty")


def report(workbook: Path, out: Path, wrap: tuple[str, ...] | list[str] = ()) -> list[str]:
    return [*wrap, EXE, "report", str(workbook), "--out", str(out), "--as-of", AS_OF.isoformat(),
            "--format", "html"]  # fmt: skip


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONWARNINGS": "ignore"} | (env or {}),
        cwd=cwd,
        timeout=180,
    )


def failed(result, *phrases: str) -> str:
    """Assert a failure the user can read: exit 3, the phrases, no traceback; stderr."""
    err = result.stderr
    assert result.returncode == EXIT_FAILED, err
    for phrase in phrases:
        assert phrase in err, err
    assert "Traceback" not in err and "Traceback" not in result.stdout, err
    assert result.stdout == "", "no path is printed for a report that was not produced"
    return err


@cache
def namespaces() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = ["unshare", "--user", "--map-root-user", "--mount", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def in_namespace(setup: str) -> list[str]:
    """A prefix that runs the command in a private mount namespace after ``setup`` (sh)."""
    if not namespaces():
        message = "unshare cannot create a user and mount namespace here"
        if os.environ.get("READINESS_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail(f"{message}; READINESS_REQUIRE_SYSTEM_TOOLS is set, so this must not skip")
        pytest.skip(message)
    script = f'{setup} && exec "$@"'
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh"]


def notebooks_with(tmp_path: Path, name: str, code: str, index: int | None = 4) -> Path:
    """The stage notebooks, with ``code`` inserted as a cell of ``name`` (appended if None)."""
    folder = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), folder)
    path = folder / name
    nb = nbformat.read(path, as_version=4)
    cell = nbformat.v4.new_code_cell(code)
    nb.cells.insert(len(nb.cells) if index is None else index, cell)
    nbformat.write(nb, path)
    return folder


def test_kernel_that_does_not_start(tmp_path, sample):
    broken = tmp_path / "broken"  # what a broken ipykernel install looks like to Python
    broken.mkdir()
    (broken / "ipykernel_launcher.py").write_text("raise SystemExit('ipykernel is broken here')\n")
    result = run(report(sample, tmp_path / "reports"), env={"PYTHONPATH": str(broken)})
    failed(
        result,
        f"Jądro notatników ({sys.executable}) nie uruchomiło się: ipykernel is broken here",
    )
    assert not (tmp_path / "reports").exists()  # it fails before any output


def test_kernel_that_cannot_import_readiness(tmp_path, sample):
    # the command imports readiness, then the environment the kernel inherits hides it
    fake = tmp_path / "fake" / "readiness"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('readiness is broken here')\n")
    script = (
        "import os, sys\n"
        "from readiness.cli import main\n"
        f"os.environ['PYTHONPATH'] = {str(fake.parent)!r}\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = run([sys.executable, "-c", script, *report(sample, tmp_path / "reports")[1:]])
    failed(
        result,
        f"Jądro notatników ({sys.executable}) nie może zaimportować pakietu readiness: "
        "ImportError: readiness is broken here",
    )
    assert not (tmp_path / "reports").exists()


def test_kernel_runs_this_interpreter_whatever_python3_kernel_spec_comes_first(tmp_path, sample):
    # a "python3" kernel spec first on the Jupyter path, running something else entirely
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    marker = tmp_path / "the-other-kernel-ran"
    argv = ["/bin/sh", "-c", f"touch {marker}; exit 1", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "another Python", "language": "python"})
    )
    result = run(report(sample, tmp_path / "reports"), env={"JUPYTER_PATH": str(spec.parents[1])})
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert all(Path(line).is_file() for line in result.stdout.splitlines())


def test_kernel_that_dies_mid_run(tmp_path, sample):
    folder = notebooks_with(
        tmp_path,
        "02_documentation.ipynb",
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
    )
    out = tmp_path / "reports"
    result = run(report(sample, out), env={"READINESS_NOTEBOOKS": str(folder)})
    err = failed(
        result,
        "Jądro notatników przestało działać podczas wykonywania 02_documentation.ipynb.",
    )
    partial = Path(PARTIAL_NOTEBOOK.search(err).group(1))
    assert partial.name == "gap-report.ipynb" and partial.is_file()
    assert partial.parent.name == f".{AS_OF.isoformat()}.failed"  # kept, not a staging folder
    assert not list((out / OFFICE).glob(".*.partial-*"))
    assert not (out / OFFICE / AS_OF.isoformat()).exists()


def test_read_only_output_folder(tmp_path, sample):
    out = tmp_path / "read-only"
    out.mkdir()
    wrap = in_namespace(f"mount -t tmpfs -o ro,size=1m tmpfs {out}")
    result = run(report(sample, out, wrap))
    failed(
        result,
        f"Nie można zapisać raportu w {out / OFFICE}.",
        "Folder znajduje się na dysku tylko do odczytu.",
    )
    assert "Niepełne wyniki" not in result.stderr  # nothing could be written


def test_full_disk(tmp_path, sample):
    out = tmp_path / "small-disk"
    out.mkdir()
    listing = tmp_path / "left-on-the-disk.txt"
    # the tmpfs goes with the namespace: list what the run left there before it does
    wrap = [
        *in_namespace(f"mount -t tmpfs -o size=64k tmpfs {out}"),
        "sh",
        "-c",
        f'"$@"; status=$?; find {out} > {listing}; exit $status',
        "sh",
    ]
    result = run(report(sample, out, wrap))
    err = failed(result, f"Nie można zapisać raportu w {out / OFFICE}.", "Dysk jest pełny.")
    partial = PARTIAL_FOLDER.search(err).group(1)
    assert partial in listing.read_text().split()
    assert partial == str(out / OFFICE / f".{AS_OF.isoformat()}.failed")


def test_report_folder_busy_while_the_new_report_is_put_in_place(tmp_path, sample):
    out = tmp_path / "reports"
    final = out / OFFICE / AS_OF.isoformat()
    final.mkdir(parents=True)
    (final / "gap-report.html").write_text("the earlier report")
    # a mount point cannot be renamed (EBUSY): the rename that promotes the report fails,
    # as it does on Windows while a file of the earlier report is open in another program
    result = run(report(sample, out, in_namespace(f"mount --bind {final} {final}")))
    err = failed(
        result,
        f"Nowy raport nie mógł zastąpić raportu w {final}. Jeśli któryś z jego plików jest "
        "otwarty w innym programie, zamknąć go i uruchomić ponownie.",
        "Folder lub któryś z jego plików jest używany przez inny program.",
    )
    partial = Path(PARTIAL_FOLDER.search(err).group(1))
    assert (partial / "gap-report.html").is_file() and (partial / "results.json").is_file()
    assert (final / "gap-report.html").read_text() == "the earlier report"
    assert not [p for p in final.parent.iterdir() if ".old-" in p.name]


def test_lock_held_by_another_run_times_out(tmp_path, sample):
    out = tmp_path / "reports"
    (out / OFFICE).mkdir(parents=True)
    final = out / OFFICE / AS_OF.isoformat()
    with FileLock(out / OFFICE / f".{AS_OF.isoformat()}.lock"):
        result = run(report(sample, out), env={"READINESS_LOCK_TIMEOUT": "1"})
    err = failed(
        result,
        f"Inne uruchomienie zapisuje raport w {final}; po 1 s przestano czekać. "
        "Uruchomić ponownie, gdy tamto się zakończy.",
    )
    partial = Path(PARTIAL_FOLDER.search(err).group(1))
    assert (partial / "results.json").is_file()  # complete, only not put in place
    assert not final.exists()


def test_an_output_missing_before_done_exits_3_naming_it(tmp_path, sample):
    # the command saved results.json before the notebooks ran (in the staging folder, the
    # kernel's working folder); a cell of the last notebook removes it
    folder = notebooks_with(
        tmp_path,
        "03_implementation.ipynb",
        "import os\nos.remove('results.json')",
        index=None,
    )
    out = tmp_path / "reports"
    result = run(report(sample, out), env={"READINESS_NOTEBOOKS": str(folder)})
    err = failed(result, "Nie zapisano tych plików wynikowych: ")
    partial = Path(PARTIAL_FOLDER.search(err).group(1))
    assert f"{partial / 'results.json'}" in err
    assert "Gotowe" not in err  # it never says Done
    assert not (out / OFFICE / AS_OF.isoformat()).exists()

"""Nothing is lost: interrupted and concurrent runs, and text from cells never runs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import AS_OF, sha256
from readiness.render.export import script
from readiness.run.locations import notebooks_dir
from readiness.run.pipeline import build_report

pytestmark = pytest.mark.slow
EXE = str(Path(sys.executable).with_name("readiness"))


def report_cmd(workbook: Path, out: Path) -> list[str]:
    return [
        EXE,
        "report",
        str(workbook),
        "--out",
        str(out),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "html",
    ]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".partial-" in p.name or ".old-" in p.name]


@pytest.fixture
def slow_notebooks(tmp_path):
    """The stage notebooks with a cell that sleeps, so a run can be interrupted in the kernel."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for source in notebooks_dir().glob("*.ipynb"):
        nb = nbformat.read(source, as_version=4)
        nb.cells.insert(
            4,
            nbformat.v4.new_code_cell(
                "import time\nprint('sleeping', flush=True)\ntime.sleep(120)"
            ),
        )
        nbformat.write(nb, folder / source.name)
    return folder


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_keeps_the_earlier_report(tmp_path, sample, slow_notebooks, sig, code):
    out = tmp_path / "reports"
    earlier = build_report(sample, out=out, as_of=AS_OF, formats=["html"])
    before = {p.name: p.read_bytes() for p in earlier.folder.iterdir() if p.is_file()}
    workbook_hash = sha256(sample)

    env = os.environ | {"READINESS_NOTEBOOKS": str(slow_notebooks), "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen(report_cmd(sample, out), stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60  # wait until the kernel is inside the sleeping cell
    while not list(out.glob("*/.*.partial-*/gap-report.ipynb")):
        assert proc.poll() is None and time.monotonic() < deadline, (
            "the run never reached the kernel"
        )
        time.sleep(0.2)
    time.sleep(2)
    proc.send_signal(sig)
    err = proc.communicate(timeout=60)[1]

    assert proc.returncode == code, err
    # in the office's language (the sample is a Polish county office)
    assert "wcześniejsze raporty pozostały nienaruszone" in err
    partial = Path(re.search(r"Niepełne wyniki są w (\S+?);", err).group(1))
    assert partial.name == "gap-report.ipynb" and partial.exists()
    assert {p.name: p.read_bytes() for p in earlier.folder.iterdir() if p.is_file()} == before
    assert sha256(sample) == workbook_hash
    assert "Traceback" not in err


def test_two_runs_for_the_same_office_at_once(tmp_path, sample):
    out = tmp_path / "reports"
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    runs = [
        subprocess.Popen(report_cmd(sample, out), stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=180)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    office = out / "starostwo-powiatowe-w-przykladowie"
    final = office / AS_OF.isoformat()
    assert sorted(p.name for p in final.iterdir()) == [
        "action-plan.csv", "action-plan.xlsx",
        "gap-report.html", "gap-report.ipynb", "results.json",
    ]  # fmt: skip
    assert leftovers(office) == []
    assert "</html>" in (final / "gap-report.html").read_text(encoding="utf-8")


HOSTILE_TEXT = {
    "name": "Gmina <script>alert('name')</script> Testowa",
    "note": '<img src=x onerror="alert(1)">',
    "finding": '"><svg onload=alert(2)>',
}


def test_text_from_cells_is_escaped_in_the_html(tmp_path, make_workbook, sample_content):
    sample_content["office"]["name"] = HOSTILE_TEXT["name"]
    sample_content["clauses"][3]["notes"] = HOSTILE_TEXT["note"]
    sample_content["findings"][0]["description"] = HOSTILE_TEXT["finding"]
    workbook = make_workbook(sample_content)
    paths = build_report(workbook, out=tmp_path / "r", as_of=AS_OF, formats=["html", "pdf"])
    html = paths.html.read_text(encoding="utf-8")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S | re.I)
    assert scripts == [script()[0]]  # only our own script; nothing from the workbook
    assert "<img" not in html.lower() and "<svg onload" not in html.lower()
    assert html.count("&lt;script&gt;alert(") >= 3  # title, running header, cover
    assert "&lt;img src=x onerror=" in html
    assert "&gt;&lt;svg onload=alert(2)&gt;" in html
    # the folder made from the name is safe
    assert paths.folder.parent.name == "gmina-script-alert-name-script-testowa"
    assert paths.folder.resolve().is_relative_to((tmp_path / "r").resolve())

"""Shared fixtures: the sample office, workbook factories, and system tools the tests need."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from readiness.core.catalogue import load_catalogue

# CI runs a quick profile; `HYPOTHESIS_PROFILE=deep make pytest` fuzzes for longer.
settings.register_profile(
    "default", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx"
AS_OF = dt.date(2026, 11, 16)  # the sample's dates are chosen around this day

sys.path.insert(0, str(ROOT / "data" / "sample"))


@pytest.fixture(scope="session", autouse=True)
def template_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Compiled templates go to this run's own folder, never a shared one; kernels inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READINESS_CACHE", str(tmp_path_factory.mktemp("template-cache")))
        yield


def register_xlsx(path: Path, rows: list[list[Any]], sheet: str = "Rejestr") -> Path:
    """A register as an office exports it: one sheet of ``rows`` (the header first)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def require_tool(name: str) -> str:
    """The path of a system tool; skip when it is missing, fail instead where CI requires it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian: see .ci/run, which installs it)"
    if os.environ.get("READINESS_REQUIRE_SYSTEM_TOOLS"):
        pytest.fail(f"{message}; READINESS_REQUIRE_SYSTEM_TOOLS is set, so this must not skip")
    pytest.skip(message)


def writer_text(docx: Path, tmp_path: Path) -> str:
    """A .docx as LibreOffice Writer reads it, as text (its own profile: no clash in parallel)."""
    import subprocess

    office = require_tool("libreoffice")
    out = tmp_path / "txt"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / docx.with_suffix(".txt").name).read_text(encoding="utf-8-sig")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (pdftotext -layout), whitespace collapsed."""
    import subprocess

    pdftotext = require_tool("pdftotext")
    out = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample workbook in tmp_path."""
    target = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, target)
    shutil.copytree(SAMPLE.parent / "registers", tmp_path / "registers")  # named in its Office
    return target


@pytest.fixture
def sample_content() -> dict[str, Any]:
    """The sample office's content as ``write_workbook`` takes it (fresh copy per test)."""
    from build_sample import content

    return content()


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """Write a workbook from content into tmp_path and return its path."""
    from readiness.io.template import write_workbook

    counter = iter(range(1000))

    def make(content: dict[str, Any] | None = None, lang: str = "en", name: str = "") -> Path:
        path = tmp_path / (name or f"office-{next(counter)}.xlsx")
        return write_workbook(path, lang=lang, content=content, catalogue=load_catalogue())

    return make


# --- each sample's report and review pack, produced once per session -----------------------
#
# Running a sample's notebooks costs seconds; many integration tests read the same report.
# ``sample_reports(workbook, lang, as_of)`` gives its paths, produced once per session:
# - at AS_OF, in the languages ``readiness demo`` writes, from the demo's own run
#   (``demo_run``) when a collected test reads the demo anyway (the whole suite), so that the
#   demo is run once and not again report by report;
# - otherwise built on demand on one kernel shared by the session, each report in an output
#   folder of its own (no earlier run to compare with), from a copy of the samples.
# Tests only read what these give; one that changes a file makes its own report in tmp_path.

SAMPLES = ROOT / "data" / "sample"
#: each sample workbook: its office's folder under --out, and the office's language
OFFICES = {
    "starostwo-przykladowo.xlsx": ("starostwo-powiatowe-w-przykladowie", "pl"),
    "obshtina-primerno.xlsx": ("obshchina-primerno", "bg"),
    "urzad-miasta-wzorowo.xlsx": ("urzad-miasta-wzorowo", "pl"),
}
#: the reports ``readiness demo`` writes: each office in its own language, the county also so
DEMO_REPORTS = {(name, lang) for name, (_, lang) in OFFICES.items()} | {
    ("starostwo-przykladowo.xlsx", "en"),
    ("starostwo-przykladowo.xlsx", "bg"),
}
PACK = ("ipynb", "html", "pdf", "docx")  # a review pack's files, in the order printed


@dataclass(frozen=True)
class Demo:
    """``readiness demo --as-of AS_OF``, run once: its --out folder and the paths it printed."""

    out: Path
    printed: tuple[Path, ...]

    def folder(self, workbook: Path | str, lang: str | None = None) -> Path:
        """The dated folder of a sample's report (and pack) in ``lang``."""
        slug, own = OFFICES[Path(workbook).name]
        suffix = "" if lang in (None, own) else f"-{lang}"
        return self.out / slug / f"{AS_OF.isoformat()}{suffix}"


def report_paths(folder: Path) -> Any:
    """The ``ReportPaths`` of a report written to ``folder`` (as ``build_report`` returns them)."""
    from readiness.run.pipeline import ReportPaths

    def there(name: str) -> Path | None:
        return folder / name if (folder / name).is_file() else None

    return ReportPaths(
        folder=folder,
        notebook=there("gap-report.ipynb"),
        results=folder / "results.json",
        html=there("gap-report.html"),
        pdf=there("gap-report.pdf"),
        action_plan=(folder / "action-plan.xlsx", folder / "action-plan.csv"),
    )


def copy_samples(folder: Path) -> Path:
    """The sample workbooks, with the registers and sources files beside them, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SAMPLES.iterdir():
        if path.suffix in (".xlsx", ".toml"):
            shutil.copyfile(path, folder / path.name)
    shutil.copytree(SAMPLES / "registers", folder / "registers")
    return folder


class SampleRuns:
    """The session's sample runs: the demo, and reports and packs built on demand, each once."""

    def __init__(self, factory: pytest.TempPathFactory, demo_read: bool) -> None:
        self.factory = factory
        self.demo_read = demo_read  # a collected test reads the demo: it serves the others
        self._demo: Demo | None = None
        self._built: dict[tuple[str, str, str, dt.date], Any] = {}
        self._kernel: Any = None
        self._copies: Path | None = None
        self.read: dict[Path, tuple[Path, str]] = {}  # output folder: (workbook, its sha256 before)

    def demo(self) -> Demo:
        """``readiness demo --out <tmp>/reports --as-of AS_OF``, in this process, run once."""
        if self._demo is None:
            from readiness.cli import main

            out = self.factory.mktemp("demo") / "reports"
            before = {path.name: sha256(path) for path in SAMPLES.glob("*.xlsx")}
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                status = main(["demo", "--out", str(out), "--as-of", AS_OF.isoformat(), "-q"])
            assert status == 0, printed.getvalue()
            # the samples are only read
            assert {path.name: sha256(path) for path in SAMPLES.glob("*.xlsx")} == before
            lines = printed.getvalue().splitlines()
            self._demo = Demo(out, tuple(Path(line) for line in lines if line.strip()))
            for name, lang in DEMO_REPORTS:
                self.read[self._demo.folder(name, lang)] = (SAMPLES / name, before[name])
        return self._demo

    def _built_once(self, kind: str, name: str, lang: str, as_of: dt.date) -> Any:
        key = (kind, name, lang, as_of)
        if key not in self._built:
            from readiness.run.locations import notebooks_dir
            from readiness.run.pipeline import build_report
            from readiness.run.review import build_review
            from readiness.run.session import KernelSession

            if self._kernel is None:
                self._kernel = KernelSession(notebooks_dir()).start()
                self._copies = copy_samples(self.factory.mktemp("samples"))
            assert self._copies is not None
            build = build_report if kind == "report" else build_review
            out = self.factory.mktemp(kind) / "reports"
            workbook = self._copies / name
            before = sha256(workbook)
            built = build(workbook, out=out, as_of=as_of, lang=lang, session=self._kernel)
            self.read[built.folder] = (workbook, before)
            self._built[key] = built
        return self._built[key]

    def source(self, paths: Any) -> tuple[Path, str]:
        """The workbook a report of the session read, and its sha256 before the run."""
        return self.read[paths.folder]

    def report(self, workbook: Path | str, lang: str | None = None, as_of: dt.date = AS_OF) -> Any:
        """A sample's report (html, pdf, notebook, results, plan) in ``lang`` on ``as_of``.

        ``lang`` is the office's own by default; returns the run's ``ReportPaths``.
        """
        name = Path(workbook).name
        lang = lang or OFFICES[name][1]
        if self.demo_read and as_of == AS_OF and (name, lang) in DEMO_REPORTS:
            return report_paths(self.demo().folder(name, lang))
        return self._built_once("report", name, lang, as_of)

    def pack(self, workbook: Path | str) -> tuple[Path, ...]:
        """A sample's management review pack on AS_OF, in the office's language: its
        ``.ipynb``, ``.html``, ``.pdf`` and ``.docx``."""
        name = Path(workbook).name
        if self.demo_read:
            folder = self.demo().folder(name)
            return tuple(folder / f"management-review.{ext}" for ext in PACK)
        built = self._built_once("review", name, OFFICES[name][1], AS_OF)
        return tuple(built.files)

    def close(self) -> None:
        if self._kernel is not None:
            self._kernel.close()


@pytest.fixture(scope="session")
def sample_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SampleRuns]:
    items = request.session.items
    runs = SampleRuns(tmp_path_factory, any("demo_run" in i.fixturenames for i in items))
    yield runs
    runs.close()


@pytest.fixture(scope="session")
def demo_run(sample_runs: SampleRuns) -> Demo:
    """``readiness demo --as-of AS_OF`` run once a session: its --out and what it printed."""
    return sample_runs.demo()


@pytest.fixture(scope="session")
def sample_reports(sample_runs: SampleRuns) -> Callable[..., Any]:
    """``sample_reports(workbook, lang=None, as_of=AS_OF)``: a sample's ``ReportPaths``."""
    return sample_runs.report


@pytest.fixture(scope="session")
def sample_packs(sample_runs: SampleRuns) -> Callable[[Path | str], tuple[Path, ...]]:
    """``sample_packs(workbook)``: a sample's review pack at AS_OF (ipynb, html, pdf, docx)."""
    return sample_runs.pack


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make pytest``: two workers, ``--dist loadgroup``), the tests that
    read the session's sample runs share one worker, so that each run is still made once."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if "sample_runs" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("samples"))

"""The report pipeline: the work once, in order, then the notebooks display it.

``build_report`` reads as papermill's ``execute_notebook`` does, a straight line of named
steps, each a function with a typed input and output, timed from outside:

1. ``prepare``: guard, read, validate and assess the workbook; build the ``ReportModel``
   (gates, cycle, verdicts, transition, frameworks, history), in this process, once;
2. ``write_outputs``: ``results.json`` and the action plan from the model (the plan's xlsx in
   a thread while the kernel works);
3. ``compose``: the stage notebooks up to the office's stage as one (``run.compose``);
4. ``execute``: papermill runs it on the session's kernel with the model as its state;
5. ``export``: HTML and PDF;
6. ``promote``: the staging folder replaces the earlier report under a lock.

Everything is written into a staging folder beside the final one; a failure leaves the
earlier report as it was and names the partial output (``run.failures``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from readiness.core.catalogue import DEFAULT_EDITION
from readiness.core.messages import N_, translator
from readiness.core.model import Workbook
from readiness.core.problems import Problem
from readiness.io.confine import trusted_folders
from readiness.io.output import (
    held_staging,
    remove_stale_staging,
)
from readiness.render.export import warm_up
from readiness.render.i18n import format_seconds
from readiness.run.compose import compose
from readiness.run.errors import Explained
from readiness.run.failures import (
    OutputsMissing,
    ReportFailed,
    ReportInterrupted,
    keep_failed,
    writing,
)
from readiness.run.locations import notebooks_dir
from readiness.run.session import KernelSession, load_engine
from readiness.run.steps import (
    Prepared,
    Progress,
    Request,
    execute,
    export_html,
    export_pdf,
    exporting,
    page_meta,
    prepare,
    promote,
    write_outputs,
)

__all__ = [
    "FORMATS",
    "OutputsMissing",
    "ReportFailed",
    "ReportInterrupted",
    "ReportPaths",
    "build_report",
    "parse_formats",
]

FORMATS = ("html", "pdf")
STATE_FILE = "state.pickle"  # what the notebooks display; removed before the report is promoted


def expected_outputs(folder: Path, formats: Sequence[str], notebooks: Sequence[str]) -> list[Path]:
    """Every file a complete run leaves in ``folder``."""
    files = ["gap-report.ipynb"] if notebooks else []
    files += ["results.json", "action-plan.xlsx", "action-plan.csv"]
    files += [f"gap-report.{f}" for f in FORMATS if f in formats]
    return [folder / name for name in files]


def require_outputs(paths: Sequence[Path], partial: Path | None = None) -> None:
    """OutputsMissing naming each of ``paths`` that is not a file."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise OutputsMissing(missing, partial)


@dataclass(frozen=True)
class ReportPaths:
    """Where one run's outputs are."""

    folder: Path
    notebook: Path | None  # None when no notebook ran (results only)
    results: Path
    html: Path | None
    pdf: Path | None
    action_plan: tuple[Path, Path]
    stages: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()  # seconds by step: start, read, assess, ...


def parse_formats(text: str | Sequence[str], allow_none: bool = False) -> tuple[str, ...]:
    """``"html,pdf"`` -> ``("html", "pdf")``; ValueError naming the unknown format.

    With ``allow_none``, ``none`` (or nothing) gives ``()``: results and the action plan only.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    formats = tuple(dict.fromkeys(f.strip().lower() for f in items if f.strip()))
    if allow_none and formats in ((), ("none",)):
        return ()
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        choices = "html, pdf, none" if allow_none else "html, pdf"
        raise ValueError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {choices}")
    return formats


class Timer:
    """Seconds by step, each measured from the end of the one before."""

    def __init__(self) -> None:
        self.started = self.mark = time.perf_counter()
        self.steps: dict[str, float] = {}

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = self.steps.get(name, 0.0) + now - self.mark
        self.mark = now


def build_report(
    workbook: Path | str,
    out: Path | str = "reports",
    formats: Sequence[str] = FORMATS,
    as_of: dt.date | None = None,
    lang: str | None = None,
    stage: str | None = None,
    previous: Path | str | None = None,
    progress: Progress | None = None,
    session: KernelSession | None = None,
    folder: str | Callable[[Workbook], str] | None = None,
    edition: str = DEFAULT_EDITION,
    frameworks: str | None = None,
    sources: Path | str | None = None,
    release_kernel: bool = False,
    trusted: Sequence[Path | str] = (),
    on_language: Callable[[str], None] | None = None,
) -> ReportPaths:
    """Produce the gap report of one office.

    Parameters
    ----------
    workbook
        The office's evidence workbook; only read.
    sources
        A sources file naming the office's registers (only read); by default the one the
        Office sheet names.
    trusted
        Folders trusted on purpose (``--trust``): a sources file or register the office's
        files name may lie there as well as beside the file that names it.
    out
        Root folder of reports; the run writes ``<out>/<office-slug>/<as-of>/``, or
        ``<as-of>-<lang>/`` for a language other than the office's own.
    formats
        Any of ``html`` and ``pdf``; the executed notebook, ``results.json`` and the action
        plan are always written. Empty: ``results.json`` and the action plan only, and no
        kernel is started (a portfolio's ``--reports none``).
    as_of
        Assessment date; today by default.
    lang
        Report language; the office's language by default.
    stage
        The stage to report up to; the office's current stage by default.
    previous
        An earlier run (folder or results.json) to compare with; by default the latest
        earlier run of the same office under ``out``.
    progress
        Called with a short line as each step starts.
    session
        A kernel already launched (the command line starts one before its imports, and
        ``demo`` shares one across offices); a kernel of the run's own when None.
    folder
        The office's folder under ``out``, or a function of the workbook read giving it (the
        portfolio names it by the office's identity, so that two offices with the same name
        never share one); the name's slug by default.
    edition
        The edition of the standard the office is assessed against (``data/<edition>.toml``).
    frameworks
        The other frameworks the report shows (``caf,kz``...; ``none`` for none); by
        default those of the office's country (``readiness.core.frameworks``).
    release_kernel
        The session runs nothing after this report: its kernel is stopped as soon as the
        notebooks have run, so that its exit overlaps the export (a session of the run's
        own is always stopped then).
    on_language
        Called with the language of the messages once the workbook's read has chosen it
        (the command line says its errors in it without opening the workbook again).

    Returns
    -------
    ReportPaths
        The folder and files written.

    Raises
    ------
    WorkbookError
        When the workbook has errors (nothing is written).
    KernelFailed
        When the kernel does not start, runs another interpreter or cannot import
        readiness (nothing is written).
    NotebookFailed
        When a notebook fails, ``KernelDied`` when the kernel stops (the partial notebook
        is named).
    ReportFailed
        When the output folder cannot be written (read-only, full), exporting fails, the
        lock is held by another run too long, the earlier report cannot be replaced, or an
        output is missing (``OutputsMissing``); the partial folder is named when there is one.
    ReportInterrupted
        On Ctrl+C or SIGTERM (the partial folder is named).
    """
    say = progress or (lambda _msg: None)
    timed = Timer()
    request = Request(
        source=Path(workbook).resolve(),
        root=Path(out).resolve(),
        formats=parse_formats(formats, allow_none=True),
        day=as_of or dt.date.today(),
        lang=lang,
        stage=stage,
        earlier=Path(previous).resolve() if previous else None,
        folder=folder,
        edition=edition,
        frameworks=frameworks,
        sources=Path(sources).resolve() if sources else None,
        trusted=tuple(trusted_folders(trusted)),
        on_language=on_language,
    )
    cwd = notebooks_dir()
    owned = session is None and bool(request.formats)
    if session is None and request.formats:
        session = KernelSession(cwd).start()  # the kernel boots while the workbook is checked
    warming = warm_up() if request.formats else None  # and the exporters load while it works
    timed("start")
    held = ExitStack()  # the staging folder's lock and the writer's thread, until the run ends
    try:
        prepared = prepare(request, say)
        timed("prepare")
        composed = None  # no formats: results and the action plan only, no notebook
        if prepared.notebooks:
            composed = compose([cwd / name for name in prepared.notebooks])
            load_engine()
        timed("compose")
        if session is not None and prepared.notebooks:
            session.ready()  # a kernel that cannot run the notebooks fails before any output
        timed("start")
        final = prepared.final
        staging = open_staging(held, prepared, say)
        pool = held.enter_context(ThreadPoolExecutor(1, thread_name_prefix="readiness-write"))
        notebook = staging / "gap-report.ipynb"
        _ = translator(prepared.model.lang)
        try:
            with writing(prepared.office_dir, staging):
                plan = write_outputs(prepared.model, staging, pool)
                timed("write")
                executed = None
                if composed is not None and session is not None:
                    executed = execute(
                        session, composed, prepared, notebook, say, release=owned or release_kernel
                    )
                    timed("execute")
                plan.result()
                timed("write")  # what the plan's writer had left when the kernel was done
                if executed is not None and warming is not None:
                    warming.join()
                    with exporting(staging):
                        say(_("Writing HTML"))
                        html = export_html(executed, staging, page_meta(prepared), request.formats)
                        timed("html")
                        if "pdf" in request.formats:
                            say(_("Writing PDF"))
                            export_pdf(html, staging)
                        timed("pdf")
            # the command names these paths next: each must exist before it says "Done"
            require_outputs(expected_outputs(staging, request.formats, prepared.notebooks), staging)
            promote(staging, final)
            timed("promote")
        except KeyboardInterrupt:
            pool.shutdown(wait=True)  # the plan's writer is done with the folder before it moves
            interrupted = ReportInterrupted(
                (N_("Interrupted."), {}), partial=notebook if notebook.exists() else staging
            )
            keep_failed(interrupted, staging, final)
            raise interrupted from None
        except Explained as exc:
            pool.shutdown(wait=True)  # else it writes on into the moved folder's old place
            keep_failed(exc, staging, final)
            raise
    finally:
        held.close()
        if owned and session is not None:
            session.close()
    say(
        _("Done in {seconds} s: {folder}").format(
            seconds=format_seconds(time.perf_counter() - timed.started, prepared.model.lang),
            folder=final,
        )
    )
    return ReportPaths(
        folder=final,
        notebook=final / "gap-report.ipynb" if prepared.notebooks else None,
        results=final / "results.json",
        html=final / "gap-report.html" if "html" in request.formats else None,
        pdf=final / "gap-report.pdf" if "pdf" in request.formats else None,
        action_plan=(final / "action-plan.xlsx", final / "action-plan.csv"),
        stages=prepared.stages,
        problems=prepared.problems,
        timings=tuple(timed.steps.items()),
    )


def open_staging(held: ExitStack, prepared: Prepared, say: Progress) -> Path:
    """The run's staging folder, its lock held by ``held``; killed runs' ones removed first."""
    _ = translator(prepared.model.lang)
    with writing(prepared.office_dir):
        stale = remove_stale_staging(prepared.office_dir)  # left by runs that were killed
        staging = held.enter_context(held_staging(prepared.final))
    for path in stale:
        say(
            _("Removed {path}, left by a run that was stopped before it finished.").format(
                path=path
            )
        )
    return staging

"""The report pipeline: the work once, in order, then the notebooks display it.

Guard, read, validate, assess and evaluate the gates here, in this process; then write
``results.json`` and the action plan, and hand the notebooks the state they display (an
absolute path in the staging folder). The stage notebooks up to the office's stage are
composed into one notebook (``report-end`` cells last, ``lab-only`` cells removed by
nbconvert's ``TagRemovePreprocessor``), executed once by papermill on the session's kernel,
and exported once to HTML and once to PDF. Everything is written into a staging folder
beside the final one, which replaces the earlier report only when every output exists; a
failure leaves the earlier report as it was and names the partial output.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from filelock import FileLock, Timeout

from readiness import __version__
from readiness.core.assess import assess
from readiness.core.catalogue import DEFAULT_EDITION, Stage, load_catalogue
from readiness.core.extras import extra_notebooks, extras
from readiness.core.frameworks import parse_frameworks
from readiness.core.messages import N_, check_language, translator
from readiness.core.model import Workbook
from readiness.core.problems import Problem, WorkbookError
from readiness.io.confine import trusted_folders
from readiness.io.history import earlier_runs, load_run
from readiness.io.output import (
    held_staging,
    promote,
    remove_stale_staging,
    safe_name,
    write_bytes,
    write_text,
)
from readiness.io.results import frameworks_document, transition_document, write_results
from readiness.io.workbook import read_workbook
from readiness.render.export import to_html, to_pdf, warm_up
from readiness.render.frameworks import prepare
from readiness.render.i18n import format_date, single_stop
from readiness.render.view import GapReport, ReportState, state_bytes
from readiness.run.errors import Explained, Line, RunFailed
from readiness.run.execution import SOURCE_KEY
from readiness.run.locations import notebooks_dir, require_notebooks
from readiness.run.session import KernelSession, load_engine

FORMATS = ("html", "pdf")
END_TAG = "report-end"  # cells with this tag go to the end of the merged report
LAB_TAG = "lab-only"  # cells for people exploring in JupyterLab; not run for a report
SETUP_TAGS = ("parameters", "setup")  # a stage notebook's own start: once, from the first one
STATE_FILE = "state.pickle"  # what the notebooks display; removed before the report is promoted
LOCK_SECONDS = 120  # another run of the same office and date is promoting its report
LOCK_ENV = "READINESS_LOCK_TIMEOUT"  # seconds; overrides LOCK_SECONDS
Progress = Callable[[str], None]

# Why a folder could not be written, by errno; anything else is told by the system's words.
WRITE_REASONS = {
    errno.ENOSPC: N_("The disk is full."),
    errno.EDQUOT: N_("The disk quota is used up."),
    errno.EROFS: N_("The folder is on a read-only disk."),
    errno.EACCES: N_("You may not write there (permission denied)."),
    errno.EPERM: N_("You may not write there (operation not permitted)."),
    errno.EBUSY: N_("The folder or one of its files is in use by another program."),
}


class ReportFailed(RunFailed):
    """A step after the workbook was read failed; ``partial`` is what was left behind."""


class ReportInterrupted(ReportFailed):
    """The run was interrupted (Ctrl+C, SIGTERM); earlier reports are untouched."""


class OutputsMissing(ReportFailed):
    """An output the command was about to name does not exist."""

    def __init__(self, missing: Sequence[Path], partial: Path | None = None) -> None:
        self.missing = tuple(missing)
        super().__init__(
            (
                N_("These outputs were not written: {paths}"),
                {"paths": ", ".join(str(p) for p in self.missing)},
            ),
            partial=partial,
        )


def _reason(exc: OSError) -> Line:
    msgid = WRITE_REASONS.get(exc.errno or 0)
    if msgid:
        return (msgid, {})
    return ("{error}", {"error": exc.strerror or exc})


def cannot_write(exc: OSError, folder: Path, partial: Path | None = None) -> ReportFailed:
    """The error for a folder that cannot be written: read-only, full, not permitted."""
    return ReportFailed(
        (N_("Cannot write the report to {folder}."), {"folder": folder}),
        _reason(exc),
        partial=partial,
    )


def previous_unreadable(earlier: Path, lang: str) -> Problem:
    """The error for a ``--previous`` run whose results.json cannot be read."""
    _ = translator(lang)
    return Problem(
        "previous-unreadable",
        "error",
        _(
            "The earlier run given to compare with cannot be read: its results.json is "
            "missing, damaged, nested too deep or from a later version of the tool."
        ),
        str(earlier / "results.json" if earlier.is_dir() else earlier),
        expected=_("the folder or results.json of an earlier report"),
        hint=_("Give another earlier run, or leave --previous out to use the latest one."),
    )


def lock_seconds() -> float:
    """How long a run waits for another run of the same office and date to promote."""
    try:
        return float(os.environ.get(LOCK_ENV, LOCK_SECONDS))
    except ValueError:
        return LOCK_SECONDS


@contextmanager
def _writing(folder: Path, partial: Path | None = None) -> Iterator[None]:
    """Turn an OSError while writing under ``folder`` into ReportFailed saying why."""
    try:
        yield
    except OSError as exc:
        raise cannot_write(exc, folder, partial) from exc


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


def stage_notebooks(stage_id: str) -> list[tuple[Stage, str]]:
    """The notebooks to run for an office at ``stage_id``: each stage's up to it, once each."""
    seen: set[str] = set()
    out = []
    for stage in load_catalogue().stages_up_to(stage_id):
        if stage.notebook and stage.notebook not in seen:
            seen.add(stage.notebook)
            out.append((stage, stage.notebook))
    return out


def compose(paths: Sequence[Path]) -> nbformat.NotebookNode:
    """One notebook of the stage notebooks' cells, as a report runs them.

    The first notebook's parameters and setup cells start it; the later notebooks' own are
    left out (they would set the parameters back to their defaults). ``report-end`` cells
    go last, ``lab-only`` cells are removed (nbconvert's ``TagRemovePreprocessor``), and each
    cell records the stage notebook it comes from, so a failure names it.
    """
    from nbconvert.preprocessors import TagRemovePreprocessor

    composed: nbformat.NotebookNode = nbformat.read(str(paths[0]), as_version=4)
    cells = []
    for index, path in enumerate(paths):
        node = composed if index == 0 else nbformat.read(str(path), as_version=4)
        for cell in node.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if index and any(t in tags for t in SETUP_TAGS):
                continue
            cell.metadata[SOURCE_KEY] = {"notebook": path.name}
            cells.append(cell)
    ending = [c for c in cells if END_TAG in c.metadata.get("tags", [])]
    composed.cells = [c for c in cells if c not in ending] + ending
    for index, cell in enumerate(composed.cells):
        cell["id"] = f"cell-{index:03d}"  # ids must stay unique in one notebook
    remove = TagRemovePreprocessor(remove_cell_tags={LAB_TAG}, enabled=True)
    composed, _resources = remove.preprocess(composed, {})
    return composed


def write_plan(rows: list[dict[str, Any]], folder: Path, lang: str) -> None:
    """Write the action plan's files (imports openpyxl on first use)."""
    from readiness.io.actionplan import write_action_plan

    write_action_plan(rows, folder, lang)


class Background:
    """Run ``work(*args)`` in a thread; ``join`` waits and raises what it raised."""

    def __init__(self, work: Callable[..., None], *args: Any) -> None:
        self.error: BaseException | None = None

        def run() -> None:
            try:
                work(*args)
            except BaseException as exc:  # handed to join(), in the caller's thread
                self.error = exc

        self.thread = threading.Thread(target=run, name="readiness-write", daemon=True)
        self.thread.start()

    def join(self) -> None:
        """Wait for the work; raise its exception, if any."""
        self.thread.join()
        if self.error is not None:
            raise self.error


NEXT_EDITION = ""  # 07_transition's ``edition`` parameter: the edition after the report's own


def frameworks_parameter(shown: Sequence[str]) -> str:
    """08_frameworks' ``frameworks`` parameter for the frameworks ``shown``."""
    return ",".join(shown) or "none"


def sections(report: GapReport, names: Sequence[str], shown: Sequence[str]) -> dict[Any, Any]:
    """What the transition and frameworks sections show, when ``names`` has their notebooks.

    The keys are those of the notebooks' calls (``GapReport.once``) with the parameters the
    pipeline passes them: the next edition, and the frameworks ``shown``.
    """
    whens = {when for notebook, when in extras() if notebook in names}
    return prepare(
        report,
        NEXT_EDITION if "certified" in whens else None,
        frameworks_parameter(shown) if "frameworks" in whens else None,
    )


def sections_document(computed: dict[Any, Any]) -> dict[str, Any]:
    """``results.json``'s ``transition`` and ``frameworks``, for the sections computed."""
    document: dict[str, Any] = {}
    for (kind, _key), value in computed.items():
        if kind == "transition" and value is not None:
            document["transition"] = transition_document(value)
        elif kind == "frameworks" and value:
            document["frameworks"] = frameworks_document(value)
    return document


Step = Callable[[str], None]  # marks the end of a timed step of the run


@dataclass
class _NotebookJob:
    """The notebooks' part of a run: their parameters and state, the run, the export."""

    parameters: dict[str, str]
    state: bytes
    composed: Any  # the stage notebooks as one (``compose``)

    @classmethod
    def prepare(
        cls,
        report: GapReport,
        source: Path,
        office_dir: Path,
        earlier: Path | None,
        edition: str,
        shown: Sequence[str],
        computed: dict[Any, Any],
        notebooks: Sequence[Path],
    ) -> _NotebookJob:
        """The notebooks' parameters (absolute paths), the state they display, them composed.

        ``computed`` is what the transition and frameworks sections show (``sections``).
        """
        parameters = {
            "workbook": str(source),
            "as_of": report.assessment.as_of.isoformat(),
            "lang": report.lang,
            "stage": report.assessment.stage,
            "history_dir": str(office_dir),
            "previous": str(earlier) if earlier else "",
            "edition": NEXT_EDITION,
            "frameworks": frameworks_parameter(shown),
        }
        state = ReportState(
            report.workbook,
            report.assessment,
            report.lang,
            report.history,
            report.previous,
            edition,
            report.catalogue,
            computed,
        )
        return cls(parameters, state_bytes(state), compose(notebooks))

    def run(
        self,
        session: KernelSession,
        notebook: Path,
        names: Sequence[str],
        say: Progress,
        step: Step,
        release: bool,
    ) -> None:
        """Execute the composed notebook into ``notebook``, saying which stage runs."""
        _ = translator(self.parameters["lang"])
        state = write_bytes(notebook.parent / STATE_FILE, self.state)
        announced: list[str] = []

        def starting(cell: Any, **_ignored: Any) -> None:
            """Say which stage notebook runs as its first cell starts."""
            name = cell.get("metadata", {}).get(SOURCE_KEY, {}).get("notebook")
            if name and name not in announced:
                announced.append(name)
                say(
                    _("Running notebook {index}/{total}: {name}").format(
                        index=len(announced), total=len(names), name=name
                    )
                )

        session.run(
            self.composed,
            notebook,
            {**self.parameters, "state": str(state)},
            cwd=notebook.parent,  # whatever a cell writes stays in the report
            on_cell_start=starting,
        )
        if release:  # nothing runs on the kernel any more: its exit overlaps the export
            session.stop()
        state.unlink()
        step("execute")

    def export(
        self,
        notebook: Path,
        meta: dict[str, str],
        formats: Sequence[str],
        say: Progress,
        step: Step,
    ) -> None:
        """Write the executed notebook's HTML and PDF beside it, as ``formats`` asks."""
        _ = translator(self.parameters["lang"])
        staging = notebook.parent
        try:
            say(_("Writing HTML"))
            html = to_html(notebook, meta)
            if "html" in formats:
                write_text(staging / "gap-report.html", html)
            step("html")
            if "pdf" in formats:
                say(_("Writing PDF"))
                to_pdf(html, staging / "gap-report.pdf")
            step("pdf")
        except OSError:
            raise
        except Exception as exc:
            raise ReportFailed(
                (N_("Exporting the report failed: {error}"), {"error": exc}),
                partial=staging,
            ) from exc


def _checking(
    say: Progress, lang: str, source: Path, chosen: Callable[[str], None] | None = None
) -> None:
    if chosen is not None:
        chosen(lang)
    _ = translator(lang)
    say(_("Checking {name}").format(name=source.name))


def _page_meta(book: Workbook, day: dt.date, lang: str) -> dict[str, str]:
    _ = translator(lang)
    return {
        "title": "{office}: {what} {day}".format(
            office=book.office.name, what=_("gap report"), day=format_date(day, lang, "long")
        ),
        "office": book.office.name,
        "as_of": format_date(day, lang, "long"),
        "lang": lang,
        "version": __version__,
        "footer": single_stop(
            _("Generated by readiness {version} on {date}.").format(
                version=__version__, date=format_date(dt.date.today(), lang, "long")
            )
        ),
        "toc_title": _("Contents"),
    }


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
    started = time.perf_counter()
    steps: dict[str, float] = {}
    mark = started

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps[name] = steps.get(name, 0.0) + now - mark
        mark = now

    # every path handed to a notebook is absolute: the kernel does not run where we do
    source = Path(workbook).resolve()
    root = Path(out).resolve()
    earlier = Path(previous).resolve() if previous else None
    day = as_of or dt.date.today()
    formats = parse_formats(formats, allow_none=True)
    cwd = notebooks_dir()
    owned = session is None and bool(formats)
    if session is None and formats:
        session = KernelSession(cwd).start()  # the kernel boots while the workbook is checked
    warming = warm_up() if formats else None  # and the exporters load while it works
    step("start")
    held = ExitStack()  # the staging folder's lock, held until the run ends
    try:
        catalogue = load_catalogue(edition)
        book, problems = read_workbook(
            source,
            as_of=day,
            lang=check_language(lang) if lang else None,
            catalogue=catalogue,
            on_language=lambda speak: _checking(say, speak, source, on_language),
            sources=Path(sources).resolve() if sources else None,
            trusted=trusted_folders(trusted),
        )
        if book is None:
            raise WorkbookError(problems)
        step("read")
        report_lang = check_language(lang or book.office.language)
        _ = translator(report_lang)
        stage_id = stage or book.office.current_stage
        catalogue.stage(stage_id)  # KeyError for an unknown stage, before any output
        plan = stage_notebooks(stage_id)
        names = [name for _stage, name in plan]
        # then the transition (a certified office) and the other frameworks, when they apply
        shown = parse_frameworks(frameworks or "", book.office.country)
        names += extra_notebooks(catalogue.stage(stage_id), shown, edition)
        computed_for = names  # the sections shown, also in results.json without notebooks
        if not formats:
            names = []  # results and the action plan only: no notebook runs
        require_notebooks(names)
        named = folder(book) if callable(folder) else folder
        office_dir = root / safe_name(named or book.office.name)
        assessment = assess(book, day, stage=stage_id, catalogue=catalogue)
        history = tuple(earlier_runs(office_dir, day, report_lang))
        chosen = load_run(earlier) if earlier else None
        if earlier is not None and chosen is None:
            raise WorkbookError([previous_unreadable(earlier, report_lang)])
        report = GapReport(book, assessment, report_lang, catalogue, history, chosen)
        # everything the notebooks display is computed here, while the kernel boots
        computed = sections(report, computed_for, shown)
        results, actions = report.results() | sections_document(computed), report.action_plan()
        job = None
        if names:
            notebooks = [cwd / name for name in names]
            job = _NotebookJob.prepare(
                report, source, office_dir, earlier, edition, shown, computed, notebooks
            )
            load_engine()
        step("assess")
        if session is not None and names:
            session.ready()  # a kernel that cannot run the notebooks fails before any output
        step("start")
        # the office's own language keeps <date>/; another language gets <date>-<lang>/
        suffix = "" if report_lang == book.office.language else f"-{report_lang}"
        final = office_dir / f"{day.isoformat()}{suffix}"
        with _writing(office_dir):
            stale = remove_stale_staging(office_dir)  # left by runs that were killed
            staging = held.enter_context(held_staging(final))
        for path in stale:
            say(
                _("Removed {path}, left by a run that was stopped before it finished.").format(
                    path=path
                )
            )
        notebook = staging / "gap-report.ipynb"
        try:
            with _writing(office_dir, staging):
                write_results(staging, results)
                # the action plan's xlsx (openpyxl, numpy) is written while the kernel works
                writing = Background(write_plan, actions, staging, report_lang)
                step("write")
                if job is not None and session is not None:
                    job.run(session, notebook, names, say, step, release=owned or release_kernel)
                writing.join()
                if job is not None and warming is not None:
                    warming.join()
                    job.export(notebook, _page_meta(book, day, report_lang), formats, say, step)
            require_outputs(expected_outputs(staging, formats, names), staging)
            _promote(staging, final, office_dir)
            shutil.rmtree(office_dir / f".{final.name}{FAILED}", ignore_errors=True)
            step("write")
        except KeyboardInterrupt:
            interrupted = ReportInterrupted(
                (N_("Interrupted."), {}), partial=notebook if notebook.exists() else staging
            )
            _keep_failed(interrupted, staging, final)
            raise interrupted from None
        except Explained as exc:
            _keep_failed(exc, staging, final)
            raise
    finally:
        held.close()
        if owned and session is not None:
            session.close()
    # the command names these paths next: each must exist before it says "Done"
    require_outputs(expected_outputs(final, formats, names))
    say(
        _("Done in {seconds:.1f} s: {folder}").format(
            seconds=time.perf_counter() - started, folder=final
        )
    )
    return ReportPaths(
        folder=final,
        notebook=final / "gap-report.ipynb" if names else None,
        results=final / "results.json",
        html=final / "gap-report.html" if "html" in formats else None,
        pdf=final / "gap-report.pdf" if "pdf" in formats else None,
        action_plan=(final / "action-plan.xlsx", final / "action-plan.csv"),
        stages=tuple(s.id for s, _ in plan),
        problems=tuple(problems),
        timings=tuple(steps.items()),
    )


FAILED = ".failed"  # .<date>.failed: what the last failed run of that date wrote


def _keep_failed(exc: Explained, staging: Path, final: Path) -> None:
    """Move a failed run's staging folder to ``.<date>.failed`` and name that in the error.

    A handled failure leaves no staging folder: what it wrote (the partial notebook, the
    results) is kept for the person to look at in one place per date, replaced by the next
    failure and removed by the next run that succeeds. When the folder cannot be moved (a
    read-only or full disk), it stays where it is and the error names it there.
    """
    if not staging.is_dir():
        return
    failed = final.parent / f".{final.name}{FAILED}"
    try:
        if failed.exists():
            shutil.rmtree(failed)
        os.replace(staging, failed)
    except OSError:
        return

    def moved(value: Any) -> Any:
        if isinstance(value, Path) and value.is_relative_to(staging):
            return failed / value.relative_to(staging)
        return value.replace(str(staging), str(failed)) if isinstance(value, str) else value

    exc.lines = tuple(
        (msgid, {k: moved(v) for k, v in values.items()}) for msgid, values in exc.lines
    )
    if exc.partial is not None:
        exc.partial = moved(exc.partial)
    if isinstance(exc, OutputsMissing):
        exc.missing = tuple(moved(p) for p in exc.missing)
    exc.args = (exc.explain(),)


def _promote(staging: Path, final: Path, office_dir: Path) -> None:
    """Put the staging folder in place of ``final`` under the office's lock.

    Raises ReportFailed naming the staging folder when the lock is held too long by another
    run, or when the earlier report cannot be moved (a file of it open in another program).
    """
    seconds = lock_seconds()
    try:
        with FileLock(office_dir / f".{final.name}.lock", timeout=seconds):
            promote(staging, final)
    except Timeout:
        raise ReportFailed(
            (
                N_(
                    "Another run is writing the report in {folder}; gave up waiting "
                    "after {seconds:.0f} s. Run again when it has finished."
                ),
                {"folder": final, "seconds": seconds},
            ),
            partial=staging,
        ) from None
    except OSError as exc:
        raise ReportFailed(
            (
                N_(
                    "The new report could not replace the one in {folder}. If one of its "
                    "files is open in another program, close it and run again."
                ),
                {"folder": final},
            ),
            _reason(exc),
            partial=staging,
        ) from exc

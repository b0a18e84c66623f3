"""The report's steps, each a function with a typed input and output (``run.pipeline``).

``prepare`` reads and assesses the workbook and builds the ``ReportModel``; ``write_outputs``
writes ``results.json`` and the action plan from it; ``execute`` runs the composed notebook
with the model as its state; ``export_html`` and ``export_pdf`` write the pages; ``promote``
puts the staging folder in place under its lock.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.extras import extra_notebooks, extras
from readiness.core.frameworks import parse_frameworks
from readiness.core.messages import N_, check_language, translator
from readiness.core.model import Workbook
from readiness.core.problems import Problem, WorkbookError
from readiness.io.history import earlier_runs, load_run
from readiness.io.output import PromoteTimeout, promote_locked, safe_name, write_bytes, write_text
from readiness.io.results import write_results
from readiness.io.workbook import read_workbook
from readiness.render.export import to_html, to_pdf
from readiness.render.i18n import format_date, single_stop
from readiness.render.model import ReportModel, build_model, plan_of, results_of
from readiness.run.compose import NEXT_EDITION, frameworks_parameter, stage_notebooks
from readiness.run.execution import SOURCE_KEY
from readiness.run.failures import FAILED, ReportFailed, previous_unreadable, reason
from readiness.run.locations import require_notebooks
from readiness.run.session import KernelSession
from readiness.run.state import state_bytes

STATE_FILE = "state.pickle"  # what the notebooks display; removed before the report is promoted
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Request:
    """What ``build_report`` was asked for, every path absolute (the kernel runs elsewhere)."""

    source: Path
    root: Path
    formats: tuple[str, ...]
    day: dt.date
    lang: str | None
    stage: str | None
    earlier: Path | None
    folder: str | Callable[[Workbook], str] | None
    edition: str
    frameworks: str | None
    sources: Path | None
    trusted: tuple[Path, ...]
    on_language: Callable[[str], None] | None = None  # told the language the read chose


@dataclass(frozen=True)
class Prepared:
    """The model and where it goes: the output of ``prepare``."""

    model: ReportModel
    problems: tuple[Problem, ...]
    stages: tuple[str, ...]  # the stages reported on
    notebooks: tuple[str, ...]  # the notebooks to run; empty: results and the plan only
    office_dir: Path
    final: Path
    parameters: dict[str, str]  # the notebooks' parameters (the state's path is added)


def prepare(request: Request, say: Progress) -> Prepared:
    """Read, validate and assess the workbook; build the report's model, once.

    Raises WorkbookError when the workbook has errors, KeyError for an unknown stage.
    """
    catalogue = load_catalogue(request.edition)

    def checking(speak: str) -> None:
        if request.on_language is not None:
            request.on_language(speak)
        _ = translator(speak)
        say(_("Checking {name}").format(name=request.source.name))

    book, problems = read_workbook(
        request.source,
        as_of=request.day,
        lang=check_language(request.lang) if request.lang else None,
        catalogue=catalogue,
        on_language=checking,
        sources=request.sources,
        trusted=request.trusted,
    )
    if book is None:
        raise WorkbookError(problems)
    lang = check_language(request.lang or book.office.language)
    stage_id = request.stage or book.office.current_stage
    stage = catalogue.stage(stage_id)  # KeyError for an unknown stage, before any output
    plan = stage_notebooks(catalogue, stage_id)
    names = [name for _stage, name in plan]
    # then the transition (a certified office) and the other frameworks, when they apply
    shown = parse_frameworks(request.frameworks or "", book.office.country)
    names += extra_notebooks(stage, shown, request.edition)
    whens = {when for notebook, when in extras() if notebook in names}
    if not request.formats:
        names = []  # results and the action plan only: no notebook runs
    require_notebooks(names)
    named = request.folder(book) if callable(request.folder) else request.folder
    office_dir = request.root / safe_name(named or book.office.name)
    assessment = assess(book, request.day, stage=stage_id, catalogue=catalogue)
    history = tuple(earlier_runs(office_dir, request.day, lang))
    chosen = load_run(request.earlier) if request.earlier else None
    if request.earlier is not None and chosen is None:
        raise WorkbookError([previous_unreadable(request.earlier, lang)])
    model = build_model(
        book,
        assessment,
        lang,
        catalogue,
        history,
        chosen,
        transition=NEXT_EDITION if "certified" in whens else None,
        frameworks=shown if "frameworks" in whens else (),
    )
    # the office's own language keeps <date>/; another language gets <date>-<lang>/
    suffix = "" if lang == book.office.language else f"-{lang}"
    parameters = {
        "workbook": str(request.source),
        "as_of": request.day.isoformat(),
        "lang": lang,
        "stage": stage_id,
        "history_dir": str(office_dir),
        "previous": str(request.earlier) if request.earlier else "",
        "edition": NEXT_EDITION,
        "frameworks": frameworks_parameter(shown),
    }
    return Prepared(
        model=model,
        problems=tuple(problems),
        stages=tuple(s.id for s, _ in plan),
        notebooks=tuple(names),
        office_dir=office_dir,
        final=office_dir / f"{request.day.isoformat()}{suffix}",
        parameters=parameters,
    )


def write_outputs(model: ReportModel, staging: Path, pool: ThreadPoolExecutor) -> Future[Any]:
    """Write ``results.json`` from the model now, and its action plan in ``pool``.

    The action plan's xlsx (openpyxl, numpy) is written while the kernel works; the future
    raises what writing it raised.
    """
    write_results(staging, results_of(model, __version__))
    rows = plan_of(model)

    def plan() -> None:
        from readiness.io.actionplan import write_action_plan  # openpyxl: on first use

        write_action_plan(rows, staging, model.lang)

    return pool.submit(plan)


def execute(
    session: KernelSession,
    composed: Any,
    prepared: Prepared,
    notebook: Path,
    say: Progress,
    release: bool,
) -> Any:
    """Run the composed notebook into ``notebook`` with the model as its state.

    Returns the executed notebook node (written to ``notebook`` too), for the export.
    """
    _ = translator(prepared.model.lang)
    state = write_bytes(notebook.parent / STATE_FILE, state_bytes(prepared.model))
    announced: list[str] = []
    total = len(prepared.notebooks)

    def starting(cell: Any, **_ignored: Any) -> None:
        """Say which stage notebook runs as its first cell starts."""
        name = cell.get("metadata", {}).get(SOURCE_KEY, {}).get("notebook")
        if name and name not in announced:
            announced.append(name)
            say(
                _("Running notebook {index}/{total}: {name}").format(
                    index=len(announced), total=total, name=name
                )
            )

    executed = session.run(
        composed,
        notebook,
        {**prepared.parameters, "state": str(state)},
        cwd=notebook.parent,  # whatever a cell writes stays in the report
        on_cell_start=starting,
    )
    if release:  # nothing runs on the kernel any more: its exit overlaps the export
        session.stop()
    state.unlink()
    return executed


def export_html(executed: Any, folder: Path, meta: dict[str, str], formats: Sequence[str]) -> str:
    """The executed notebook's page; written into ``folder`` when ``formats`` has html."""
    html = to_html(executed, meta)
    if "html" in formats:
        write_text(folder / "gap-report.html", html)
    return html


def export_pdf(html: str, staging: Path) -> Path:
    """The page typeset as ``gap-report.pdf`` beside it."""
    return to_pdf(html, staging / "gap-report.pdf")


@contextmanager
def exporting(staging: Path) -> Iterator[None]:
    """An export's failure as ReportFailed naming the staging folder (OSError passes)."""
    try:
        yield
    except OSError:
        raise
    except Exception as exc:
        raise ReportFailed(
            (N_("Exporting the report failed: {error}"), {"error": exc}), partial=staging
        ) from exc


REVIEW_PREFIX = "management-review."  # the review pack's files, beside the report's


def promote(
    staging: Path,
    final: Path,
    keep: Callable[[str], bool] = lambda name: name.startswith(REVIEW_PREFIX),
) -> Path:
    """Put the staging folder in place of ``final`` under its lock; ReportFailed when not.

    The files ``keep`` names in the earlier folder are carried across (the report keeps the
    review pack's files, the review pack the report's). Fails when another run holds the
    lock too long, or when the earlier report cannot be moved (a file of it open in another
    program); the staging folder is named.
    """
    try:
        promote_locked(staging, final, keep=keep)
    except PromoteTimeout as exc:
        raise ReportFailed(
            (
                N_(
                    "Another run is writing the report in {folder}; gave up waiting "
                    "after {seconds:.0f} s. Run again when it has finished."
                ),
                {"folder": final, "seconds": exc.seconds},
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
            reason(exc),
            partial=staging,
        ) from exc
    shutil.rmtree(final.parent / f".{final.name}{FAILED}", ignore_errors=True)
    return final


def page_meta(prepared: Prepared) -> dict[str, str]:
    """The page's title, cover and footer fields for the exporter (``render.export``)."""
    model = prepared.model
    book, day, lang = model.workbook, model.assessment.as_of, model.lang
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

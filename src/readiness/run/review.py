"""``readiness review``: the management review pack through the report's pipeline.

The same steps as the report, with a second kind of model: the workbook is read once
(``io.workbook``), the pack is assembled once in this process
(``render.review.build_review_model``), the kernel gets it as its state and runs
``09_management_review.ipynb`` (papermill, the session's kernel), and the pack's HTML, PDF
and .docx are written from the same model into a staging folder promoted whole to
``<out>/<office>/<date>/`` under the date's lock, carrying the gap report's files across
(``run.steps.promote``). The executed notebook is kept as ``management-review.ipynb``; the
kernel opens the pack with ``run.pack.open_review``, a module light to import.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.core.catalogue import DEFAULT_EDITION, load_catalogue
from readiness.core.messages import N_, check_language, translator
from readiness.core.problems import Problem, WorkbookError
from readiness.io.confine import trusted_folders
from readiness.io.output import (
    held_staging,
    remove_stale_staging,
    safe_name,
    write_bytes,
    write_text,
)
from readiness.io.workbook import read_workbook
from readiness.render.docx import write_docx
from readiness.render.i18n import format_seconds
from readiness.render.review import ReviewModel, build_review_model, review_document, review_view
from readiness.render.review import to_html as review_html
from readiness.render.review import to_pdf as review_pdf
from readiness.run.errors import Explained
from readiness.run.failures import ReportInterrupted, keep_failed, writing
from readiness.run.locations import notebooks_dir, require_notebooks
from readiness.run.pack import state_bytes
from readiness.run.pipeline import require_outputs
from readiness.run.session import KernelSession, load_engine
from readiness.run.steps import REVIEW_PREFIX, Progress, exporting, promote

NOTEBOOK = "09_management_review.ipynb"
STEM = "management-review"
STATE_FILE = "review-state.pickle"  # the pack the notebook displays; removed before promote
FORMATS = ("ipynb", "html", "pdf", "docx")


@dataclass(frozen=True)
class ReviewPaths:
    """Where the pack's files are, and the model they show."""

    folder: Path
    files: tuple[Path, ...]  # notebook, html, pdf, docx
    model: ReviewModel
    problems: tuple[Problem, ...] = ()


def build_review(
    workbook: Path | str,
    out: Path | str = "reports",
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    lang: str | None = None,
    sources: Path | str | None = None,
    trusted: Sequence[Path | str] = (),
    progress: Progress | None = None,
    session: KernelSession | None = None,
    on_language: Callable[[str], None] | None = None,
) -> ReviewPaths:
    """Write the management review pack of one office.

    Parameters
    ----------
    workbook
        The office's evidence workbook; only read.
    out
        Root folder of reports; the pack goes to ``<out>/<office>/<as-of>/`` (``-<lang>``
        for a language other than the office's), beside the gap report of that date.
    as_of
        The report date; today by default.
    since
        The date the pack looks back to; by default the last review held, else 12 months.
    lang, sources, trusted, progress, session, on_language
        As for ``run.pipeline.build_report``.

    Raises
    ------
    WorkbookError
        When the workbook has errors (nothing is written).
    ValueError
        When ``since`` is after the report date (nothing is written).
    NotebookFailed, KernelFailed, ReportFailed, ReportInterrupted
        As the report does; a partial output is kept in ``.<date>.failed`` and named.
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    day = as_of or dt.date.today()
    source = Path(workbook).resolve()
    require_notebooks([NOTEBOOK])
    owned = session is None
    kernel = session or KernelSession(notebooks_dir()).start()  # boots while the book is read
    held = ExitStack()
    try:
        book, problems = read_workbook(
            source,
            as_of=day,
            lang=check_language(lang) if lang else None,
            catalogue=load_catalogue(DEFAULT_EDITION),
            on_language=on_language,
            sources=Path(sources).resolve() if sources else None,
            trusted=tuple(trusted_folders(trusted)),
        )
        if book is None:
            raise WorkbookError(problems)
        speak = check_language(lang or book.office.language)
        _ = translator(speak)
        say(_("Assembling the management review pack of {name}").format(name=book.office.name))
        model = build_review_model(book, day, speak, since)
        office_dir = Path(out).resolve() / safe_name(book.office.name)
        suffix = "" if speak == book.office.language else f"-{speak}"
        final = office_dir / f"{day.isoformat()}{suffix}"
        load_engine()
        kernel.ready()  # a kernel that cannot run the notebook fails before any output
        with writing(office_dir):
            remove_stale_staging(office_dir)
            staging = held.enter_context(held_staging(final))
        files = tuple(staging / f"{STEM}.{ext}" for ext in FORMATS)
        try:
            with writing(office_dir, staging):
                _write(kernel, model, source, staging, files, say, release=owned)
            require_outputs(files, staging)
            promote(staging, final, keep=lambda name: not name.startswith(REVIEW_PREFIX))
        except KeyboardInterrupt:
            stopped = ReportInterrupted((N_("Interrupted."), {}), partial=staging)
            keep_failed(stopped, staging, final)
            raise stopped from None
        except Explained as exc:
            keep_failed(exc, staging, final)
            raise
    finally:
        held.close()
        if owned:
            kernel.close()
    say(
        _("Done in {seconds} s: {folder}").format(
            seconds=format_seconds(time.perf_counter() - started, speak), folder=final
        )
    )
    return ReviewPaths(final, tuple(final / f.name for f in files), model, tuple(problems))


def _write(
    kernel: KernelSession,
    model: ReviewModel,
    source: Path,
    staging: Path,
    files: tuple[Path, ...],
    say: Progress,
    release: bool,
) -> None:
    """Run the notebook with the pack as its state, then write the page, the PDF and the .docx."""
    _ = translator(model.lang)
    notebook, html, pdf, docx = files
    state = write_bytes(staging / STATE_FILE, state_bytes(model))
    parameters: dict[str, Any] = {
        "workbook": str(source),
        "as_of": model.pack.as_of.isoformat(),
        "since": model.pack.since.isoformat(),
        "lang": model.lang,
        "state": str(state),
    }
    say(_("Running notebook {index}/{total}: {name}").format(index=1, total=1, name=NOTEBOOK))
    # the view (its charts drawn by matplotlib) is prepared here while the kernel runs
    with ThreadPoolExecutor(max_workers=1) as pool:
        viewing = pool.submit(review_view, model)
        kernel.run(notebooks_dir() / NOTEBOOK, notebook, parameters, cwd=staging)
        if release:
            kernel.stop()
        view = viewing.result()
    state.unlink()
    with exporting(staging):
        say(_("Writing HTML"))
        write_text(html, review_html(view))
        say(_("Writing PDF"))
        write_bytes(pdf, review_pdf(view))
        write_docx(review_document(view), docx)

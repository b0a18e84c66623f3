"""The state a report's notebooks open: the model the command built, handed to the kernel.

``readiness report`` builds the ``ReportModel`` once and writes it into the staging folder
(``state_bytes``, a pickle of our own, read back only by this run's kernel); the notebooks'
``setup`` cell calls ``open_report``, which loads it and renders only. Opened in JupyterLab
without a state, ``open_report`` reads and assesses the workbook itself.
"""

from __future__ import annotations

import datetime as dt
import pickle
from functools import lru_cache
from pathlib import Path

from readiness.core.assess import Assessment, assess
from readiness.core.catalogue import DEFAULT_EDITION, load_catalogue
from readiness.core.frameworks import parse_frameworks
from readiness.core.messages import check_language
from readiness.core.model import Workbook
from readiness.core.problems import WorkbookError
from readiness.io.history import earlier_runs, load_run
from readiness.render.model import ReportModel, build_model
from readiness.render.view import GapReport


def state_bytes(model: ReportModel) -> bytes:
    """``model`` as the pipeline hands it to the notebooks (a pickle, in the report folder)."""
    return pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)


def load_state(path: Path) -> ReportModel:
    """The model the pipeline wrote; only ever a file of this run's own staging folder."""
    model = pickle.loads(path.read_bytes())  # our own file, written this run
    if not isinstance(model, ReportModel):
        raise TypeError(f"{path} holds no report model")
    return model


def open_report(
    workbook: str | Path,
    as_of: str | dt.date | None = None,
    lang: str | None = None,
    stage: str | None = None,
    history_dir: str | Path | None = None,
    previous: str | Path | None = None,
    state: str | Path | None = None,
    edition: str | None = None,
    frameworks: str | None = None,
) -> GapReport:
    """The report of a workbook: the first call of every stage notebook.

    ``readiness report`` has built the report's model already and passes ``state``; opened
    in JupyterLab without it, the notebook reads and assesses ``workbook`` itself, against
    the default edition.

    Parameters
    ----------
    workbook
        Path of the evidence workbook.
    as_of
        Assessment date (ISO text or a date); today when empty.
    lang
        Report language; the office's language when empty.
    stage
        The stage to assess against; the office's current stage when empty.
    history_dir
        The office's report folder, holding earlier runs for the trend.
    previous
        An earlier run (its folder or results.json) to compare with; the latest earlier
        run in ``history_dir`` when empty.
    state
        A file ``state_bytes`` wrote (the report pipeline's); every other argument is then
        ignored.
    edition
        The edition the transition section moves to (empty: the next one); None: no
        transition section (07_transition passes its parameter).
    frameworks
        The frameworks shown (``caf,kz``; empty: the office's country's; ``none``); None:
        no frameworks section (08_frameworks passes its parameter).

    Raises
    ------
    WorkbookError
        Listing every error when the workbook cannot be used.
    """
    if state:
        return GapReport(load_state(Path(state)))
    catalogue = load_catalogue(DEFAULT_EDITION)
    day = _as_date(as_of)
    path = Path(workbook).resolve()
    stat = path.stat() if path.is_file() else None
    identity = (stat.st_size, stat.st_mtime_ns) if stat else (0, 0)
    book, assessment = _read_and_assess(
        str(path), identity, day, lang or "", stage or "", DEFAULT_EDITION
    )
    report_lang = check_language(lang or book.office.language)
    history = earlier_runs(Path(history_dir), day, report_lang) if history_dir else []
    chosen = load_run(Path(previous)) if previous else None
    shown = () if frameworks is None else parse_frameworks(frameworks, book.office.country)
    model = build_model(
        book, assessment, report_lang, catalogue, history, chosen, edition, tuple(shown)
    )
    return GapReport(model)


@lru_cache(maxsize=8)
def _read_and_assess(
    path: str, identity: tuple[int, int], day: dt.date, lang: str, stage: str, edition: str
) -> tuple[Workbook, Assessment]:
    """Read and assess once per workbook version: the stage notebooks of a run share a kernel.

    ``identity`` (size and modification time) is part of the key, so an edited workbook is
    read again; the result is immutable, so sharing it is safe.
    """
    from readiness.io.workbook import read_workbook  # JupyterLab only: a report passes state

    catalogue = load_catalogue(edition)
    book, problems = read_workbook(
        path, as_of=day, lang=check_language(lang or "en"), catalogue=catalogue
    )
    if book is None:
        raise WorkbookError(problems)
    return book, assess(book, day, stage=stage or None, catalogue=catalogue)


def _as_date(value: str | dt.date | None) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not value:
        return dt.date.today()
    return dt.date.fromisoformat(value)

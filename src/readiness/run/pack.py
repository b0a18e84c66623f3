"""The management review pack in its notebook: the state handed to the kernel, and its display.

``readiness review`` pickles the :class:`~readiness.render.review.ReviewModel` it built into
the staging folder (``state_bytes``); ``09_management_review.ipynb`` calls ``open_review``,
which loads it, or in JupyterLab without a state reads the workbook and assembles the pack
itself. Light to import (the kernel's first cell waits for it): the workbook's reader is
imported only when there is no state.
"""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

from readiness.core.catalogue import DEFAULT_EDITION, load_catalogue
from readiness.core.messages import check_language
from readiness.core.problems import WorkbookError
from readiness.render.review import ReviewModel, build_review_model, review_view, to_html


def state_bytes(model: ReviewModel) -> bytes:
    """The pack as the command hands it to the notebook (a pickle, in the staging folder)."""
    return pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)


class Page:
    """The pack in a notebook: displayed as its page (``_repr_html_``)."""

    def __init__(self, model: ReviewModel) -> None:
        self.model = model

    def _repr_html_(self) -> str:
        return to_html(review_view(self.model))


def open_review(
    workbook: str | Path,
    as_of: str | dt.date | None = None,
    since: str | dt.date | None = None,
    lang: str | None = None,
    state: str | Path | None = None,
) -> Page:
    """The pack of a workbook: the notebook's first call.

    ``readiness review`` passes ``state``, the pack it assembled; opened in JupyterLab
    without it, the workbook is read and the pack assembled here.
    """
    if state:
        model = pickle.loads(Path(state).read_bytes())  # our own file, written this run
        if not isinstance(model, ReviewModel):
            raise TypeError(f"{state} holds no review pack")
        return Page(model)
    from readiness.io.workbook import read_workbook  # JupyterLab only: the command passes state

    day = _date(as_of) or dt.date.today()
    book, problems = read_workbook(
        Path(workbook),
        as_of=day,
        lang=check_language(lang or "en"),
        catalogue=load_catalogue(DEFAULT_EDITION),
    )
    if book is None:
        raise WorkbookError(problems)
    return Page(
        build_review_model(book, day, check_language(lang or book.office.language), _date(since))
    )


def _date(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.date) or not value:
        return value or None
    return dt.date.fromisoformat(value)

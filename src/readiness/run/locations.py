"""Where the stage notebooks and the sample offices are: the wheel's copies, or the checkout's."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from readiness.run.errors import NotebooksMissing


def _packaged(name: str, checkout: Path) -> Path:
    """A folder shipped inside the package (a wheel), else the same folder in the checkout.

    A wheel carries ``notebooks/`` and ``data/sample/`` as ``readiness/notebooks`` and
    ``readiness/samples`` (see ``pyproject.toml``); an editable install and a source
    checkout use the repository's own folders.
    """
    shipped = resources.files("readiness").joinpath(name)
    if isinstance(shipped, Path) and shipped.is_dir():
        return shipped
    return checkout


def notebooks_dir() -> Path:
    """The stage notebooks: ``$READINESS_NOTEBOOKS``, the installed package's, or the checkout's."""
    configured = os.environ.get("READINESS_NOTEBOOKS")
    if configured:
        return Path(configured).resolve()
    return _packaged("notebooks", Path(__file__).resolve().parents[3] / "notebooks")


def samples_dir() -> Path:
    """The fictional sample offices' workbooks, shipped with the package or in the checkout."""
    return _packaged("samples", Path(__file__).resolve().parents[3] / "data" / "sample")


def require_notebooks(names: list[str]) -> Path:
    """The notebooks folder, or NotebooksMissing naming what is missing and how to fix it."""
    folder = notebooks_dir()
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        raise NotebooksMissing(missing, folder)
    return folder

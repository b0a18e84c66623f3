"""The errors of a run, as translatable lines: the command says them in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from readiness.core.messages import N_

Line = tuple[str, dict[str, Any]]  # a message id and the values of its placeholders
PARTIAL_FOLDER = N_("The partial output is in {path}; earlier reports are untouched.")
PARTIAL_NOTEBOOK = N_(
    "The partially executed notebook is at {path}; earlier reports are untouched."
)


class Explained(Exception):
    """An error told as lines of translatable text, so the command says it in the user's language.

    ``lines`` are message ids (marked with ``N_``) with their placeholders' values; ``partial``
    is the output left behind, if any, and is named on the last line.
    """

    lines: tuple[Line, ...] = ()
    partial: Path | None = None
    partial_line: str = PARTIAL_FOLDER

    def explain(self, _: Callable[[str], str] = str) -> str:
        """The message, each line translated by ``_`` (English by default)."""
        lines = list(self.lines)
        if self.partial is not None:
            lines.append((self.partial_line, {"path": self.partial}))
        return "\n".join(_(msgid).format(**values) for msgid, values in lines)


class RunFailed(Explained, RuntimeError):
    """A run could not produce its report; ``partial`` is what it left behind, if anything."""

    def __init__(self, *lines: Line, partial: Path | None = None) -> None:
        self.lines = lines
        self.partial = partial
        super().__init__(self.explain())


class NotebookFailed(RunFailed):
    """A notebook raised an error; ``partial`` is the executed notebook up to the failure."""

    partial_line = PARTIAL_NOTEBOOK

    def __init__(self, notebook: Path, partial: Path, error: str) -> None:
        self.notebook = notebook
        self.error = error
        super().__init__(
            (N_("{notebook} failed: {error}"), {"notebook": notebook.name, "error": error}),
            partial=partial,
        )


class KernelDied(NotebookFailed):
    """The kernel process ended while a notebook ran (killed, crashed, out of memory)."""

    def __init__(self, notebook: Path, partial: Path, error: str = "") -> None:
        super().__init__(notebook, partial, error)
        self.lines = (
            (
                N_("The notebook kernel stopped while running {notebook}."),
                {"notebook": notebook.name},
            ),
        )
        self.args = (self.explain(),)


class KernelFailed(RunFailed):
    """The kernel did not start, runs another interpreter, or cannot import readiness."""


class NotebooksMissing(Explained, FileNotFoundError):
    """The stage notebooks are not where the program looks for them."""

    def __init__(self, missing: list[str], folder: Path) -> None:
        self.lines = (
            (
                N_(
                    "The stage notebooks {names} are not in {folder}; reinstall readiness, "
                    "or set READINESS_NOTEBOOKS to the notebooks folder."
                ),
                {"names": ", ".join(missing), "folder": folder},
            ),
        )
        super().__init__(self.explain())

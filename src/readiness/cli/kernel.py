"""The kernel of the commands that run notebooks (``report``, ``demo``, ``review``).

One kernel serves every notebook a command runs; ``main`` launches it before the
arguments are parsed, since it takes longer to boot than anything else the command does
first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from readiness.cli.console import err
from readiness.core.messages import translator

if TYPE_CHECKING:
    from readiness.run.session import KernelSession

FIRST_NOTEBOOK = "01_initial_gap_analysis.ipynb"  # every report runs it
KERNEL_COMMANDS = ("report", "demo", "review")  # the commands whose notebooks run on one kernel


def launch() -> KernelSession:
    """Launch the notebook kernel; NotebooksMissing when the stage notebooks are not found."""
    from readiness.run.locations import require_notebooks
    from readiness.run.session import KernelSession

    return KernelSession(require_notebooks([FIRST_NOTEBOOK])).start()


def early_kernel(argv: Sequence[str]) -> KernelSession | None:
    """The kernel of a command that runs notebooks, launched before its arguments are parsed.

    The kernel takes longer to boot than anything else the command does before it runs the
    notebooks, so it starts first. None for other commands, ``--help``, or when the
    notebooks are missing (the command then says so, in the user's language).
    """
    words = list(argv)
    if not words or words[0] not in KERNEL_COMMANDS or {"-h", "--help"} & set(words):
        return None
    from readiness.run.errors import NotebooksMissing

    try:
        return launch()
    except NotebooksMissing:
        return None


def kernel(lang: Callable[[], str], early: KernelSession | None = None) -> KernelSession | None:
    """The command's kernel: ``early`` when ``main`` launched it, else launched now.

    Returns None, having said why in the language ``lang()`` gives, when the stage
    notebooks cannot be found. A kernel that fails to start is reported by the first run.
    """
    if early is not None:
        return early
    from readiness.run.errors import NotebooksMissing

    try:
        return launch()
    except NotebooksMissing as exc:
        err(exc.explain(translator(lang())))
        return None

"""Run a stage notebook with papermill, in this process, keeping the executed notebook."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import papermill
from papermill.exceptions import PapermillExecutionError

KERNEL = "python3"
# The kernel listens on loopback only and its messages are signed; ipykernel 7 still warns
# on every start that TCP is unencrypted, and logs tracebacks when interrupted; both read
# as alarming noise in a user's terminal. Errors in cells still arrive as messages.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
QUIET_LOGGERS = ("asyncio", "traitlets", "nbclient", "jupyter_client")


class NotebookFailed(RuntimeError):
    """A notebook raised an error; ``partial`` is the executed notebook up to the failure."""

    def __init__(self, notebook: Path, partial: Path, error: str) -> None:
        super().__init__(
            f"{notebook.name} failed: {error}\n"
            f"The partially executed notebook is at {partial}; earlier reports are untouched."
        )
        self.notebook = notebook
        self.partial = partial
        self.error = error


def execute(notebook: Path, output: Path, parameters: dict[str, Any], cwd: Path) -> Path:
    """Execute ``notebook`` with ``parameters`` into ``output``.

    Parameters
    ----------
    notebook
        The stage notebook (committed without outputs).
    output
        Where the executed notebook is written, also when execution fails.
    parameters
        Values injected after the cell tagged ``parameters``.
    cwd
        Working folder of the kernel.

    Returns
    -------
    Path
        ``output``.

    Raises
    ------
    NotebookFailed
        When a cell raises; names the partially executed notebook.
    """
    logging.getLogger("papermill").setLevel(logging.WARNING)
    # On Ctrl+C the kernel plumbing logs tracebacks while shutting down; the run's own
    # message names the partial notebook, and cell errors surface as NotebookFailed.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            request_save_on_cell_execute=True,  # an interrupted run leaves a partial notebook
            extra_arguments=KERNEL_ARGS,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(notebook, output, f"{exc.ename}: {exc.evalue}") from None
    return output

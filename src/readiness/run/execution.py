"""Execute one notebook with papermill's public API; on failure, the partial notebook is kept."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from readiness.render.page import METADATA_KEY
from readiness.run.errors import KernelDied, NotebookFailed
from readiness.run.jupyter import KERNEL, KERNEL_ARGS, ReportKernelManager, quiet

SOURCE_KEY = METADATA_KEY  # cell metadata: {"notebook": the stage notebook a cell comes from}


def execute(
    notebook: Path | Any,
    output: Path,
    parameters: dict[str, Any],
    cwd: Path | None,
    km: AsyncKernelManager | None = None,
    on_cell_start: Callable[..., None] | None = None,
) -> Any:
    """Execute ``notebook`` with ``parameters`` into ``output``.

    Parameters
    ----------
    notebook
        The stage notebook (committed without outputs): a path, or a notebook node.
    output
        Where the executed notebook is written, also when execution fails.
    parameters
        Values injected after the cell tagged ``parameters``.
    cwd
        Working folder of a kernel of the notebook's own, and of this process while it
        runs (papermill changes it); None leaves both unchanged.
    km
        A kernel manager whose kernel is running (a ``KernelSession``'s): the notebook runs
        on it and it is left running. None starts a kernel of the notebook's own (it runs
        this interpreter, see ``ReportKernelManager``) and shuts it down after.
    on_cell_start
        nbclient's public hook (a ``NotebookClient`` trait), called as each cell starts.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook, as papermill returns it (also written to ``output``): the
        export takes it from here rather than reading the file again.

    Raises
    ------
    NotebookFailed
        When a cell raises; names the partially executed notebook.
    KernelDied
        When the kernel process ends while the notebook runs.
    """
    import nbformat
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    quiet()
    node = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, Path) else notebook
    log = CellLog(on_cell_start)
    nbformat.write(node, str(output))  # a partial notebook exists from the start
    # km= and the others go through papermill's stock engine to nbclient.NotebookClient
    options: dict[str, Any] = (
        {"km": km}
        if km is not None
        else {"extra_arguments": KERNEL_ARGS, "kernel_manager_class": ReportKernelManager}
    )
    try:
        executed = papermill.execute_notebook(
            node,
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=None if cwd is None else str(cwd),
            progress_bar=False,
            # papermill would write the whole notebook as each cell starts and ends (0.5 s
            # for a report); the cells started are kept instead (``CellLog``), and written
            # when the kernel dies or the run is interrupted. A cell's error is written by
            # papermill itself.
            request_save_on_cell_execute=False,
            on_cell_start=log.started,
            **options,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(_source(output), output, f"{exc.ename}: {exc.evalue}") from None
    except DeadKernelError as exc:
        log.write(node, output)
        raise KernelDied(_source(output), output, str(exc)) from None
    except KeyboardInterrupt:
        log.write(node, output)
        raise
    return executed


class CellLog:
    """The cells nbclient has started, as it runs them, for a partial notebook on failure.

    nbclient fills a cell's outputs in place, so the cells kept hold every output that
    arrived. ``then`` is called too (nbclient's ``on_cell_start`` hook: ``cell``,
    ``cell_index``).
    """

    def __init__(self, then: Callable[..., None] | None = None) -> None:
        self.cells: dict[int, Any] = {}
        self.then = then

    def started(self, cell: Any, cell_index: int, **kwargs: Any) -> None:
        """Keep a cell as it starts (nbclient's ``on_cell_start`` hook)."""
        self.cells[cell_index] = cell
        if self.then is not None:
            self.then(cell=cell, cell_index=cell_index, **kwargs)

    def write(self, notebook: Any, output: Path) -> None:
        """Write ``notebook``'s metadata with the cells started so far into ``output``."""
        import nbformat

        partial = copy.deepcopy(notebook)
        partial.cells = [self.cells[i] for i in sorted(self.cells)] or partial.cells
        nbformat.write(partial, str(output))


def _source(output: Path) -> Path:
    """The stage notebook of the cell that failed or was running, read from the partial output.

    A composed notebook's cells say which stage notebook they come from; papermill marks
    the cell that raised as failed, and gives every cell it started a start time (the last
    one is where the kernel died). ``output`` itself when that cannot be told.
    """
    import nbformat

    try:
        node = nbformat.read(str(output), as_version=4)
    except (OSError, ValueError):
        return output
    marks = [cell.get("metadata", {}) for cell in node.cells]
    failed = [m for m in marks if m.get("papermill", {}).get("status") == "failed"]
    started = [m for m in marks if m.get("papermill", {}).get("start_time")]
    culprit = failed[0] if failed else started[-1] if started else {}
    name = culprit.get(SOURCE_KEY, {}).get("notebook")
    return Path(name) if name else output

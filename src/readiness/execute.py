"""Run stage notebooks with papermill, in this process, on one kernel shared by the run.

Starting a kernel costs about 0.6 s and importing pandas, matplotlib and readiness in it
about as much again; a report runs up to six notebooks, so they share one kernel. Papermill
stays in charge of each notebook (parameters, saving after each cell, errors) through an
engine of its own kind that hands every notebook the session's kernel and client.
"""

from __future__ import annotations

import itertools
import logging
import os
from pathlib import Path
from types import TracebackType
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

# papermill is imported where it is used: the kernel is launched first, and boots while
# this process imports papermill and reads the workbook.

KERNEL = "python3"
# The kernel listens on loopback only and its messages are signed; ipykernel 7 still warns
# on every start that TCP is unencrypted, and logs tracebacks when interrupted; both read
# as alarming noise in a user's terminal. Errors in cells still arrive as messages.
# The kernel imports the package while it boots, overlapping with this process's own start.
KERNEL_ARGS = [
    "--IPKernelApp.log_level=CRITICAL",
    # import the package while booting; and, as the command line does (cli.SKIP_MODULES),
    # spare the kernel rfc3987_syntax's 0.8 s import should anything load jsonschema
    "--IPKernelApp.exec_lines=import sys; sys.modules.setdefault('rfc3987_syntax', None); "
    "import readiness.view",
]
QUIET_LOGGERS = ("asyncio", "traitlets", "nbclient", "jupyter_client")
STARTUP_SECONDS = 60
# A fresh namespace for each notebook: the previous notebook's names are deleted. IPython's
# own %reset also clears history and collects garbage, which costs 0.1 s a notebook.
RESET = (
    "[get_ipython().user_ns.pop(n) for n in list(get_ipython().user_ns)"
    " if not n.startswith('_') and n not in get_ipython().user_ns_hidden]"
)
_engine_ids = itertools.count()


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


class NotebooksMissing(FileNotFoundError):
    """The stage notebooks are not where the program looks for them."""


def notebooks_dir() -> Path:
    """The stage notebooks: ``$READINESS_NOTEBOOKS`` or the checkout's ``notebooks/``."""
    configured = os.environ.get("READINESS_NOTEBOOKS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "notebooks"


def require_notebooks(names: list[str]) -> Path:
    """The notebooks folder, or NotebooksMissing naming what is missing and how to fix it."""
    folder = notebooks_dir()
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        raise NotebooksMissing(
            f"the stage notebooks {', '.join(missing)} are not in {folder}; run readiness from "
            "a checkout of the project, or set READINESS_NOTEBOOKS to the notebooks folder"
        )
    return folder


def _quiet() -> None:
    logging.getLogger("papermill").setLevel(logging.WARNING)
    # On Ctrl+C the kernel plumbing logs tracebacks while shutting down; the run's own
    # message names the partial notebook, and cell errors surface as NotebookFailed.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


class KernelSession:
    """One kernel for a whole run: started once, shared by every notebook, shut down at the end.

    Parameters
    ----------
    cwd
        Working folder of the kernel (the notebooks' folder).

    Examples
    --------
    >>> with KernelSession(Path("notebooks")) as session:  # doctest: +SKIP
    ...     session.run(Path("notebooks/01.ipynb"), Path("out/01.ipynb"), {"workbook": "x.xlsx"})
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.km = AsyncKernelManager(kernel_name=KERNEL)
        self.kc: Any = None
        self.engine = f"readiness-shared-{next(_engine_ids)}"

    def start(self) -> KernelSession:
        """Launch the kernel process, once; returns at once (``ready`` waits for it)."""
        if not self.km.has_kernel:
            _quiet()
            run_sync(self.km.start_kernel)(extra_arguments=KERNEL_ARGS, cwd=str(self.cwd))
        return self

    def ready(self) -> None:
        """Connect a client and wait until the kernel answers."""
        from papermill.engines import papermill_engines

        if self.kc is not None:
            return
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=STARTUP_SECONDS)
        papermill_engines.register(self.engine, _engine_for(self.km, self.kc))

    def close(self) -> None:
        """Stop the client and shut the kernel down, without the manager's 100 ms polling.

        A report's kernel has nothing to save: the local process is killed and reaped at
        once, then the manager's shutdown (immediate for a dead process) tidies up.
        """
        if self.kc is not None:
            from papermill.engines import papermill_engines

            papermill_engines._engines.pop(self.engine, None)
            self.kc.stop_channels()
            self.kc = None
        if not self.km.has_kernel:
            return
        process = getattr(self.km.provisioner, "process", None)
        if process is not None:
            process.kill()
            process.wait(timeout=STARTUP_SECONDS)
        run_sync(self.km.shutdown_kernel)(now=True)

    def __enter__(self) -> KernelSession:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def run(self, notebook: Path | Any, output: Path, parameters: dict[str, Any]) -> Path:
        """Execute one notebook on the session's kernel, with a fresh namespace."""
        self.ready()
        reply = run_sync(self.kc.execute_interactive)(RESET, silent=True, timeout=STARTUP_SECONDS)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not reset the kernel's namespace: {reply['content']}")
        return execute(notebook, output, parameters, self.cwd, engine=self.engine)


def _engine_for(km: AsyncKernelManager, kc: Any) -> type:
    """A papermill engine that runs notebooks on an already running kernel and client."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from papermill.utils import merge_kwargs, remove_args

    class SharedKernelEngine(NBClientEngine):  # type: ignore[misc]  # papermill is untyped
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: int = STARTUP_SECONDS,
            execution_timeout: int | None = None,
            **kwargs: Any,
        ) -> Any:
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(
                kwargs,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logging.getLogger("papermill"),
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = PapermillNotebookClient(nb_man, km=km, **final)
            client.kc = kc  # the session's client: nbclient neither creates nor closes one
            return client.execute()

    return SharedKernelEngine


def execute(
    notebook: Path | Any,
    output: Path,
    parameters: dict[str, Any],
    cwd: Path,
    engine: str | None = None,
) -> Path:
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
        Working folder of the kernel.
    engine
        A papermill engine name; a kernel of its own for this notebook when None.

    Returns
    -------
    Path
        ``output``.

    Raises
    ------
    NotebookFailed
        When a cell raises; names the partially executed notebook.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _quiet()
    options: dict[str, Any] = (
        {"engine_name": engine} if engine else {"extra_arguments": KERNEL_ARGS}
    )
    try:
        papermill.execute_notebook(
            notebook if not isinstance(notebook, Path) else str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            request_save_on_cell_execute=True,  # an interrupted run leaves a partial notebook
            **options,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(output, output, f"{exc.ename}: {exc.evalue}") from None
    return output

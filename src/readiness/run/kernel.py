"""Run stage notebooks with papermill, in this process, on one kernel shared by the run.

Starting a kernel costs about 0.6 s and importing pandas, matplotlib and readiness in it
about as much again; a report runs up to six notebooks, so they share one kernel. Papermill
stays in charge of each notebook (parameters, saving after each cell, errors) through an
engine of its own kind that hands every notebook the session's kernel and client.
"""

from __future__ import annotations

import ast
import itertools
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets import default

from readiness.core.messages import N_

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
    "import readiness.render.view",
]
QUIET_LOGGERS = ("asyncio", "traitlets", "nbclient", "jupyter_client")
STARTUP_SECONDS = 60
# A fresh namespace for each notebook: the previous notebook's names are deleted. IPython's
# own %reset also clears history and collects garbage, which costs 0.1 s a notebook.
RESET = (
    "[get_ipython().user_ns.pop(n) for n in list(get_ipython().user_ns)"
    " if not n.startswith('_') and n not in get_ipython().user_ns_hidden]"
)
# What ``KernelSession.ready`` asks a new kernel: its interpreter and where it imports readiness.
PROBE = {
    "python": "__import__('sys').executable",
    "readiness": "__import__('readiness').__file__",
}
_engine_ids = itertools.count()


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


class ThisInterpreter(KernelSpecManager):
    """Kernel specs that all run this very interpreter.

    A ``python3`` kernel spec found first on the Jupyter path (a user's, another
    environment's, or one whose argv says plain ``python``) could run another Python, where
    ``readiness`` may be missing or another version. Every report kernel is
    ``sys.executable -m ipykernel_launcher``, whatever kernel name is asked for.
    """

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """The spec of a kernel running ``sys.executable``."""
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name=f"Python {sys.version_info.major}.{sys.version_info.minor} (readiness)",
            language="python",
            interrupt_mode="signal",
            metadata={"debugger": False},
        )


class ReportKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run this interpreter (see ``ThisInterpreter``)."""

    @default("kernel_spec_manager")
    def _this_interpreter(self) -> KernelSpecManager:
        return ThisInterpreter(data_dir=self.data_dir)


def _quiet() -> None:
    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # failures surface as ours
    # On Ctrl+C the kernel plumbing logs tracebacks while shutting down; the run's own
    # message names the partial notebook, and cell errors surface as NotebookFailed.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


class KernelSession:
    """One kernel for a whole run: started once, shared by every notebook, shut down at the end.

    The kernel runs this interpreter (``ReportKernelManager``); ``ready`` checks that it
    answers, runs ``sys.executable`` and imports this very ``readiness``, and raises
    ``KernelFailed`` saying which of these failed.

    Parameters
    ----------
    cwd
        Working folder of the kernel while it boots (the notebooks' folder); each notebook
        then runs in the folder given to ``run`` (the report's staging folder).

    Examples
    --------
    >>> with KernelSession(Path("notebooks")) as session:  # doctest: +SKIP
    ...     session.run(Path("notebooks/01.ipynb"), Path("out/01.ipynb"), {"workbook": "x.xlsx"})
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.km = ReportKernelManager(kernel_name=KERNEL)
        self.kc: Any = None
        self.engine = f"readiness-shared-{next(_engine_ids)}"
        self.failure: Exception | None = None  # the launch's error, or KernelFailed
        self.checked = False
        # the kernel's own stderr (a crash on start, a C library's noise) is kept out of
        # the user's terminal; its last line is quoted when the kernel fails
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115  # closed in close()

    def start(self) -> KernelSession:
        """Launch the kernel process, once; returns at once (``ready`` waits for it).

        A failure to launch is kept and raised by ``ready``, when the user's language is known.
        """
        if not self.km.has_kernel and self.failure is None:
            _quiet()
            try:
                run_sync(self.km.start_kernel)(
                    extra_arguments=KERNEL_ARGS, cwd=str(self.cwd), stderr=self.stderr
                )
            except Exception as exc:  # raised as KernelFailed by ready()
                self.failure = exc
        return self

    def _kernel_said(self, error: object) -> str:
        """The kernel's last line on stderr, or ``error`` when it said nothing."""
        try:
            self.stderr.seek(0)
            said = self.stderr.read().decode(errors="replace").splitlines()
        except (OSError, ValueError):
            said = []
        said = [line.strip() for line in said if line.strip()]
        return said[-1] if said else str(error)

    def ready(self) -> None:
        """Connect a client, wait until the kernel answers, and check what it runs.

        Raises
        ------
        KernelFailed
            When the kernel does not start, runs another interpreter or another
            ``readiness``, or cannot import ``readiness`` (every later call raises it again).
        """
        from papermill.engines import papermill_engines

        if self.checked:
            return
        python = sys.executable
        if self.failure is None:
            self.kc = self.km.client()
            self.kc.start_channels()
            try:
                run_sync(self.kc.wait_for_ready)(timeout=STARTUP_SECONDS)
                self._check(python)
            except KernelFailed as exc:
                self.failure = exc
            except RuntimeError as exc:  # died before answering, or did not answer in time
                self.failure = exc
        if isinstance(self.failure, KernelFailed):
            raise self.failure
        if self.failure is not None:
            self.failure = KernelFailed(
                (
                    N_("The notebook kernel ({python}) did not start: {error}"),
                    {"python": python, "error": self._kernel_said(self.failure)},
                )
            )
            raise self.failure
        papermill_engines.register(self.engine, _engine_for(self.km, self.kc))
        self.checked = True

    def _check(self, python: str) -> None:
        """The kernel runs ``python`` and imports the ``readiness`` this process runs."""
        import readiness

        reply = run_sync(self.kc.execute_interactive)(
            "", silent=True, store_history=False, user_expressions=PROBE, timeout=STARTUP_SECONDS
        )
        found = reply["content"].get("user_expressions", {})

        def value(name: str) -> str:
            result = found.get(name, {})
            if result.get("status") != "ok":
                error = f"{result.get('ename', 'Error')}: {result.get('evalue', '')}".strip(": ")
                raise KernelFailed(
                    (
                        N_("The notebook kernel ({python}) cannot import readiness: {error}"),
                        {"python": python, "error": error},
                    )
                )
            return str(ast.literal_eval(result["data"]["text/plain"]))

        kernel_python, package = value("python"), value("readiness")
        if python and os.path.abspath(kernel_python) != os.path.abspath(python):
            raise KernelFailed(
                (
                    N_("The notebook kernel runs {found}, not {expected}."),
                    {"found": kernel_python, "expected": python},
                )
            )
        ours = Path(readiness.__file__).resolve()
        if Path(package).resolve() != ours:
            raise KernelFailed(
                (
                    N_("The notebook kernel imports readiness from {found}, not {expected}."),
                    {"found": package, "expected": ours},
                )
            )

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
        if self.km.has_kernel:
            process = getattr(self.km.provisioner, "process", None)
            if process is not None:
                process.kill()
                process.wait(timeout=STARTUP_SECONDS)
            run_sync(self.km.shutdown_kernel)(now=True)
        self.stderr.close()

    def __enter__(self) -> KernelSession:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def run(
        self,
        notebook: Path | Any,
        output: Path,
        parameters: dict[str, Any],
        cwd: Path | None = None,
    ) -> Path:
        """Execute one notebook on the session's kernel, with a fresh namespace.

        Parameters
        ----------
        notebook
            The stage notebook: a path, or a notebook node.
        output
            Where the executed notebook is written, also when execution fails.
        parameters
            Values injected after the cell tagged ``parameters``; paths must be absolute.
        cwd
            The kernel's working folder while the notebook runs (the report's staging
            folder, so that nothing a cell writes lands elsewhere); unchanged when None.

        Raises
        ------
        NotebookFailed
            When a cell raises (``KernelDied`` when the kernel process ended).
        KernelFailed
            When the kernel does not start or cannot run readiness.
        """
        self.ready()
        name = Path(output.name)
        if not run_sync(self.km.is_alive)():
            raise KernelDied(name, output.parent)
        code = RESET if cwd is None else f"{RESET}\n__import__('os').chdir({str(cwd)!r})"
        try:
            reply = run_sync(self.kc.execute_interactive)(
                code, silent=True, store_history=False, timeout=STARTUP_SECONDS
            )
        except TimeoutError:
            raise KernelDied(name, output.parent) from None
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not reset the kernel's namespace: {reply['content']}")
        return execute(notebook, output, parameters, None, engine=self.engine)


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
    cwd: Path | None,
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
        Working folder of a kernel of the notebook's own, and of this process while it
        runs (papermill changes it); None leaves both unchanged.
    engine
        A papermill engine name; a kernel of its own for this notebook when None (it runs
        this interpreter, see ``ReportKernelManager``).

    Returns
    -------
    Path
        ``output``.

    Raises
    ------
    NotebookFailed
        When a cell raises; names the partially executed notebook.
    KernelDied
        When the kernel process ends while the notebook runs.
    """
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    _quiet()
    options: dict[str, Any] = (
        {"engine_name": engine}
        if engine
        else {"extra_arguments": KERNEL_ARGS, "kernel_manager_class": ReportKernelManager}
    )
    try:
        papermill.execute_notebook(
            notebook if not isinstance(notebook, Path) else str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=None if cwd is None else str(cwd),
            progress_bar=False,
            request_save_on_cell_execute=True,  # an interrupted run leaves a partial notebook
            **options,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(output, output, f"{exc.ename}: {exc.evalue}") from None
    except DeadKernelError as exc:
        raise KernelDied(output, output, str(exc)) from None
    return output

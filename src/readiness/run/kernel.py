"""Run notebooks with papermill's public API, on a kernel started before it is needed.

Starting a kernel costs about 0.6 s and importing the report's modules in it about as much
again, so the command line launches the kernel first and it boots while the workbook is
read and assessed. ``papermill.execute_notebook`` runs on its stock engine; the session's
kernel manager is handed to nbclient as ``km`` (papermill's engine passes keyword
arguments it does not know on to ``nbclient.NotebookClient``, whose ``km`` is public). A
client given a manager whose kernel is alive neither starts nor shuts that kernel down
(nbclient's ``owns_km``), so one kernel serves every run of the session.
"""

from __future__ import annotations

import ast
import copy
import logging
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from queue import Empty
from types import TracebackType
from typing import IO, Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets import default

from readiness.core.messages import N_
from readiness.render.page import METADATA_KEY

# papermill is imported where it is used: the kernel is launched first, and boots while
# this process imports papermill and reads the workbook.

KERNEL = "python3"
# The kernel listens on loopback only and its messages are signed; ipykernel 7 still warns
# on every start that TCP is unencrypted, and logs tracebacks when interrupted; both read
# as alarming noise in a user's terminal. Errors in cells still arrive as messages.
# The kernel imports the package while it boots, overlapping with this process's own start.
KERNEL_ARGS = [
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.enabled=False",
    # import what the report's cells use while the kernel boots, overlapping this process
    "--IPKernelApp.exec_lines=import readiness.render.view, readiness.render.charts",
]
QUIET_LOGGERS = ("asyncio", "traitlets", "nbclient", "jupyter_client")
STARTUP_SECONDS = 60
ASK_SECONDS = 1.0  # ask a kernel that has not answered again after this long
POLL_SECONDS = 0.05  # a channel is read in steps this long


RESET_TAG = "reset"  # the cell a session puts first: a fresh namespace, the run's folder


def reset_code(cwd: Path | None, reset: bool = True) -> str:
    """What runs before each office's notebook: into ``cwd``, then IPython's ``%reset -f``.

    Whatever a cell writes lands in the report's staging folder, and the previous office's
    names are gone (``%reset -f`` is IPython's public way; a kernel's first notebook has
    nothing to forget, so ``reset`` is False for it). The folder comes first: ``%reset``
    asks for the current folder, which fails once the previous office's folder is gone.
    """
    code = "get_ipython().run_line_magic('reset', '-f')" if reset else ""
    if cwd is None:
        return code
    return f"import os as _os\n_os.chdir({str(cwd)!r})\ndel _os\n{code}".rstrip()


def load_engine() -> None:
    """Import papermill and nbclient now (about 0.1 s), while the kernel still boots."""
    import papermill  # noqa: F401


# What ``KernelSession.ready`` asks a new kernel: its interpreter and where it imports readiness.
PROBE = {
    "python": "__import__('sys').executable",
    "readiness": "__import__('readiness').__file__",
}


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


class ReportKernelClient(AsyncKernelClient):
    """A kernel client whose ``wait_for_ready`` returns as soon as the kernel has answered.

    jupyter_client's own ``wait_for_ready`` ends by reading IOPub until nothing arrives for
    0.2 s, so every client pays 0.2 s of waiting, and a report makes two (our check, then
    nbclient's for the notebook). This one asks for the kernel's info and returns once the
    reply has come on the shell channel and the request's ``idle`` status on IOPub: IOPub
    is then connected and nothing of the request is left on it. It asks again while the
    kernel is alive and has not answered (a subscription can miss the first status), and
    raises ``RuntimeError`` when the kernel dies or ``timeout`` passes, as the original does.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # noqa: D102
        deadline = time.monotonic() + (STARTUP_SECONDS if timeout is None else timeout)
        while True:
            asked = self.kernel_info()
            if await self._answered(asked, min(deadline, time.monotonic() + ASK_SECONDS)):
                return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    async def _answered(self, asked: str, until: float) -> bool:
        """Whether the reply to ``asked`` and its ``idle`` status arrive before ``until``."""
        replied = idle = False
        while not (replied and idle):
            left = until - time.monotonic()
            if left <= 0:
                return False
            channel = self.get_iopub_msg if replied else self.get_shell_msg
            try:
                msg = await channel(timeout=min(left, POLL_SECONDS))
            except Empty:
                continue
            if msg.get("parent_header", {}).get("msg_id") != asked:
                continue  # an answer to an earlier ask, or a kernel's start-up status
            if msg["msg_type"] == "kernel_info_reply":
                replied = True
            elif msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
        return True


class ReportKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run this interpreter (see ``ThisInterpreter``).

    Its clients are ``ReportKernelClient``s (``client_factory`` is jupyter_client's
    configurable trait for that).
    """

    made: list[Any] = []  # noqa: RUF012  # replaced per instance in __init__

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.made = []

    @default("kernel_spec_manager")
    def _this_interpreter(self) -> KernelSpecManager:
        return ThisInterpreter(data_dir=self.data_dir)

    @default("client_factory")
    def _ready_sooner(self) -> type[ReportKernelClient]:
        return ReportKernelClient

    def client(self, **kwargs: Any) -> Any:
        """A client of the kernel, remembered so that ``close_clients`` can stop its channels.

        nbclient makes a client of its own for each notebook run on a kernel manager it was
        given, and leaves it open (the kernel is not its to shut down).
        """
        made = super().client(**kwargs)
        self.made.append(made)
        return made

    def close_clients(self, keep: Any = None) -> None:
        """Stop the channels of every client made so far, except ``keep``."""
        for made in self.made:
            if made is not keep:
                made.stop_channels()
        self.made = [keep] if keep is not None else []


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
        self.failure: Exception | None = None  # the launch's error, or KernelFailed
        self.checked = False
        self.runs = 0  # notebooks run on this kernel so far
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
        self.checked = True
        self.kc.stop_channels()  # the probe's client; each notebook run makes its own
        self.kc = None

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

    def stop(self) -> None:
        """Stop the kernel process now, without waiting for it (nothing runs on it any more).

        ``close`` then finds it gone instead of polling for its exit (jupyter_client waits
        in steps of 0.1 s), so a command's last report is exported while the kernel exits.
        """
        if self.km.has_kernel:
            run_sync(self.km.signal_kernel)(getattr(signal, "SIGKILL", signal.SIGTERM))

    def close(self) -> None:
        """Stop the session's client and shut the kernel down (``now``: nothing to save)."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km.has_kernel:
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
        on_cell_start: Callable[..., None] | None = None,
    ) -> Path:
        """Execute one notebook on the session's kernel, after a ``%reset -f``.

        Parameters
        ----------
        notebook
            The notebook: a path, or a notebook node.
        output
            Where the executed notebook is written, also when execution fails.
        parameters
            Values injected after the cell tagged ``parameters``; paths must be absolute.
        cwd
            The kernel's working folder while the notebook runs (the report's staging
            folder, so that nothing a cell writes lands elsewhere); unchanged when None.
        on_cell_start
            nbclient's hook, called with ``cell`` and ``cell_index`` as each cell starts.

        Raises
        ------
        NotebookFailed
            When a cell raises (``KernelDied`` when the kernel process ended).
        KernelFailed
            When the kernel does not start or cannot run readiness.
        """
        import nbformat

        self.ready()
        if not run_sync(self.km.is_alive)():
            raise KernelDied(Path(output.name), output)
        node = (
            nbformat.read(str(notebook), as_version=4)
            if isinstance(notebook, Path)
            else copy.deepcopy(notebook)
        )
        reset = nbformat.v4.new_code_cell(reset_code(cwd, reset=self.runs > 0), id="reset")
        reset.metadata["tags"] = [RESET_TAG]
        node.cells.insert(0, reset)
        self.runs += 1
        try:
            return execute(node, output, parameters, None, km=self.km, on_cell_start=on_cell_start)
        finally:
            self.km.close_clients()


def execute(
    notebook: Path | Any,
    output: Path,
    parameters: dict[str, Any],
    cwd: Path | None,
    km: AsyncKernelManager | None = None,
    on_cell_start: Callable[..., None] | None = None,
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
    km
        A kernel manager whose kernel is running (a ``KernelSession``'s): the notebook runs
        on it and it is left running. None starts a kernel of the notebook's own (it runs
        this interpreter, see ``ReportKernelManager``) and shuts it down after.
    on_cell_start
        nbclient's public hook (a ``NotebookClient`` trait), called as each cell starts.

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
    import nbformat
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    _quiet()
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
        papermill.execute_notebook(
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
    return output


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


SOURCE_KEY = METADATA_KEY  # cell metadata: {"notebook": the stage notebook a cell comes from}


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

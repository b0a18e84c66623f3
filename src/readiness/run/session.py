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
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from jupyter_core.utils import run_sync

from readiness.core.messages import N_
from readiness.run.errors import KernelDied, KernelFailed
from readiness.run.execution import execute
from readiness.run.jupyter import KERNEL, KERNEL_ARGS, STARTUP_SECONDS, ReportKernelManager, quiet

# papermill is imported where it is used: the kernel is launched first, and boots while
# this process imports papermill and reads the workbook.

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
            quiet()
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
    ) -> Any:
        """Execute one notebook on the session's kernel, after a ``%reset -f``.

        Returns the executed notebook (a notebook node), also written to ``output``.

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

"""The jupyter_client classes of a report kernel: this interpreter's spec, a client ready sooner.

Every report kernel runs ``sys.executable`` (``ThisInterpreter``), and its clients return
from ``wait_for_ready`` as soon as the kernel has answered (``ReportKernelClient``).
"""

from __future__ import annotations

import logging
import sys
import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

KERNEL = "python3"
# The kernel listens on loopback only and its messages are signed; ipykernel 7 still warns
# on every start that TCP is unencrypted, and logs tracebacks when interrupted; both read
# as alarming noise in a user's terminal. Errors in cells still arrive as messages.
# The kernel imports the package while it boots, overlapping with this process's own start.
KERNEL_ARGS = [
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.enabled=False",
    # import what the report's cells use while the kernel boots, overlapping this process
    "--IPKernelApp.exec_lines=import readiness.run.state, readiness.render.charts",
]
QUIET_LOGGERS = ("asyncio", "traitlets", "nbclient", "jupyter_client")
STARTUP_SECONDS = 60
ASK_SECONDS = 1.0  # ask a kernel that has not answered again after this long
POLL_SECONDS = 0.05  # a channel is read in steps this long


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


def quiet() -> None:
    """Silence the kernel plumbing's loggers; failures surface as the run's own errors."""
    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # failures surface as ours
    # On Ctrl+C the kernel plumbing logs tracebacks while shutting down; the run's own
    # message names the partial notebook, and cell errors surface as NotebookFailed.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)

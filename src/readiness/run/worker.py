"""The portfolio's worker side: one office's task, its reply, and the warm kernels.

Each Dask worker runs :func:`report_office` on a :class:`Task`: it reports on one office
with :func:`readiness.run.pipeline.build_report` on a kernel the worker keeps warm across
offices (one per office running at once), and returns a :class:`Reply`, the office's
:class:`~readiness.io.portfolio.Outcome` (and, when the workbook came as bytes, the report
folder as a tar archive). An office that fails becomes a failed outcome with its error code
and message, never an exception that stops the run. Tasks and replies are frozen
dataclasses of plain values: Dask pickles them between the client and the workers.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import os
import resource
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.core.messages import translator
from readiness.core.model import Workbook
from readiness.core.problems import WorkbookError, errors
from readiness.io.portfolio import Outcome, Source, office_identity
from readiness.run.errors import Explained
from readiness.run.locations import notebooks_dir
from readiness.run.session import KernelSession


@dataclass(frozen=True)
class Task:
    """One office for a worker: which workbook, how to report on it, where the report goes.

    The workbook comes as a path the worker can read (``out`` is then the reports root on
    the worker's file system) or as its bytes (``data``, with ``previous``: the bytes of the
    office's latest earlier ``results.json``, for the trend); the report then comes back in
    the reply as a tar archive.
    """

    source: Source  # the workbook on the client: its absolute path, its path where found
    as_of: dt.date
    lang: str | None  # None: the office's own language
    formats: tuple[str, ...]  # the office report's formats; empty for results only
    trusted: tuple[str, ...] = ()  # folders trusted on purpose (--trust)
    out: str | None = None
    data: bytes | None = None
    previous: bytes | None = None

    @property
    def key(self) -> str:
        """The workbook's absolute path on the client (the manifest's key)."""
        return str(self.source.path)


@dataclass(frozen=True)
class Reply:
    """What a worker sends back for one task: the outcome and, with bytes, the report."""

    outcome: Outcome
    archive: bytes | None = None  # the report folder as tar bytes (bytes mode, ok only)


_local = threading.local()
_SESSIONS: list[KernelSession] = []  # every kernel this process started
_IDLE: list[KernelSession] = []  # those not running an office now
_POOL = threading.Lock()


@contextmanager
def warm_session() -> Iterator[KernelSession]:
    """A kernel of this process for one office: an idle one kept warm, or a new one.

    A kernel runs one office at a time; a worker's threads share its kernels, so the one
    ``warm_up`` started (Dask runs it in another thread than the tasks) serves the first
    office, and a worker with several threads starts a kernel for each office running at once.
    """
    with _POOL:
        session = _IDLE.pop() if _IDLE else None
    if session is not None and session.failure is not None:  # a kernel that cannot run
        session.close()
        with _POOL:
            _SESSIONS.remove(session)
        session = None
    if session is None:
        session = KernelSession(notebooks_dir()).start()
        with _POOL:
            _SESSIONS.append(session)
    try:
        yield session
    finally:
        with _POOL:
            _IDLE.append(session)


@atexit.register
def close_sessions() -> None:
    """Shut down every warm kernel this process started (a worker does so as it exits)."""
    with _POOL:
        sessions, _SESSIONS[:], _IDLE[:] = list(_SESSIONS), [], []
    for session in sessions:
        session.close()


def warm_up(kernel: bool = True) -> int:
    """Import the pipeline and start this worker's kernel before the first office arrives.

    ``kernel`` False: the offices' reports run no notebooks (``--reports none``).
    """
    import readiness.run.pipeline  # noqa: F401  (the expensive imports, done once)

    if kernel:
        with warm_session():
            pass
    return os.getpid()


def _peak_rss() -> int:
    """Resident memory of this worker and its kernel, at its highest so far, in bytes.

    The worker's own peak (``ru_maxrss``) plus what its kernel (a child process) holds
    now; sampled after each office, so a peak inside an office's run is an estimate.
    """
    import psutil  # type: ignore[import-untyped]  # (distributed brings it)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        children = sum(c.memory_info().rss for c in psutil.Process().children(recursive=True))
    except psutil.Error:
        children = 0
    peak = max(int(own + children), getattr(_local, "peak", 0))
    _local.peak = peak
    return peak


@contextmanager
def _scratch() -> Iterator[Path]:
    """One office's scratch folder (bytes mode): the workbook, the report before it is sent.

    Removed as soon as the office is done; the warm kernel moves into the next office's
    folder before it resets (``run.session.reset_code``), so it never needs this one again.
    """
    with tempfile.TemporaryDirectory(prefix="readiness-office-", ignore_cleanup_errors=True) as d:
        yield Path(d)


def failed(task: Task, code: str, message: str, started: float) -> Reply:
    """A failed office's reply (``started``: its ``time.perf_counter()`` at the start)."""
    outcome = Outcome(
        task.source,
        "failed",
        code=code,
        message=message,
        seconds=time.perf_counter() - started,
        pid=os.getpid(),
        peak_rss=_peak_rss(),
    )
    return Reply(outcome)


def error_code(exc: BaseException) -> str:
    """An exception's class name as an error code (``KernelDied`` → ``kernel-died``)."""
    name = type(exc).__name__
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


def report_office(task: Task) -> Reply:
    """Report on one office on this worker; never raises for the office's own failure.

    Returns
    -------
    Reply
        The outcome (``ok`` or ``failed`` with its code and message, the identity, the
        report folder relative to the reports root, seconds, pid and peak memory) and,
        when the workbook came as bytes, the report folder as tar bytes.
    """
    from readiness.run.pipeline import build_report

    started = time.perf_counter()
    with _scratch() as scratch:
        if task.data is not None:
            source = scratch / Path(task.source.relative).name
            source.write_bytes(task.data)
            root = scratch / "out"
        else:
            source = task.source.path
            root = Path(task.out or ".")
        previous = None
        if task.previous:
            previous = scratch / "previous.json"
            previous.write_bytes(task.previous)
        named: list[tuple[Workbook, str]] = []  # the workbook the pipeline read, its identity

        def identity_of(book: Workbook) -> str:
            """The office's folder: its identity, from the workbook as the pipeline read it."""
            identity = office_identity(book.office.name, task.source.relative)
            named.append((book, identity))
            return identity

        try:
            with warm_session() if task.formats else nullcontext(None) as session:
                paths = build_report(  # the workbook is read once, there
                    source,
                    out=root,
                    folder=identity_of,
                    formats=task.formats,
                    as_of=task.as_of,
                    lang=task.lang,
                    previous=previous,
                    session=session,
                    trusted=task.trusted,
                )
        except WorkbookError as exc:
            return failed(task, "workbook-errors", _problem_text(exc.problems), started)
        except Explained as exc:
            lang = task.lang or (named[0][0].office.language if named else "en")
            return failed(task, error_code(exc), exc.explain(translator(lang)), started)
        except Exception as exc:  # an unreadable file is the office's failure, not the run's
            code = error_code(exc) if named else "workbook-unreadable"
            return failed(task, code, f"{type(exc).__name__}: {exc}", started)
        outcome = Outcome(
            task.source,
            "ok",
            identity=named[0][1],
            folder=paths.folder.relative_to(root).as_posix(),
            seconds=time.perf_counter() - started,
            pid=os.getpid(),
            peak_rss=_peak_rss(),
        )
        if task.data is None:
            return Reply(outcome)
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as tar:
            tar.add(paths.folder, arcname=".")
        return Reply(outcome, buffer.getvalue())


def _problem_text(problems: Sequence[Any]) -> str:
    bad = errors(problems)
    first = "; ".join(str(p) for p in bad[:3])
    more = len(bad) - 3
    return first + (f" (+{more})" if more > 0 else "")

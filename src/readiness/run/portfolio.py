"""The portfolio: every office's report at once, on a Dask cluster, and the dashboard over them.

The client (the ``readiness portfolio`` command) finds the workbooks, skips those unchanged
since their last report, and hands the others to ``dask.distributed`` workers: a
``LocalCluster`` sized to the machine by default, or the cluster behind ``--scheduler``.
Each worker runs :func:`report_office`, which reports on one office with
:func:`readiness.run.pipeline.build_report` on a kernel the worker keeps warm across offices
(one per worker thread), and returns a small outcome; an office that fails becomes an
outcome with its error code and message, never an exception that stops the run.

Workbooks reach the workers in one of two ways (``ship``):

``paths``
    The task names the workbook's absolute path and the reports folder; the worker reads and
    writes them directly. For a ``LocalCluster``, and for clusters whose workers share a file
    system with the client at the same paths. The default without ``--scheduler``.
``bytes``
    The task carries the workbook's bytes (and the office's latest earlier ``results.json``
    for the trend); the worker reports into a temporary folder of its own and returns the
    report folder as a tar archive, which the client unpacks and promotes into
    ``<out>/<office>/<date>/``. Works on any cluster; the default with ``--scheduler``.

A worker that dies mid-office loses nothing: the scheduler gives its task to another worker,
and since every report is written to a staging folder and promoted whole into the office's
own folder (by identity and date), a task that runs twice leaves one report, not two.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import os
import resource
import shutil
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.core.messages import N_, translator
from readiness.core.model import Workbook
from readiness.core.problems import WorkbookError, errors
from readiness.io.confine import trusted_folders
from readiness.io.history import earlier_runs
from readiness.io.output import held_staging, promote
from readiness.io.portfolio import (
    Entry,
    Manifest,
    Outcome,
    Source,
    find_workbooks,
    fingerprint,
    office_identity,
)
from readiness.run.errors import Explained
from readiness.run.locations import notebooks_dir
from readiness.run.session import KernelSession

EXIT_SOME_FAILED = 4  # the portfolio was written; some offices failed (listed in it)
SHIPS = ("paths", "bytes")
SAVE_SECONDS = 30.0  # how often the manifest is saved during a run
Say = Callable[[str], None]

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


def _failed(task: dict[str, Any], code: str, message: str, started: float) -> dict[str, Any]:
    return {
        "key": task["key"],
        "relative": task["relative"],
        "status": "failed",
        "code": code,
        "message": message,
        "identity": "",
        "folder": "",
        "seconds": time.perf_counter() - started,
        "pid": os.getpid(),
        "peak_rss": _peak_rss(),
    }


def _error_code(exc: BaseException) -> str:
    name = type(exc).__name__
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


def report_office(task: dict[str, Any]) -> dict[str, Any]:
    """Report on one office on this worker; never raises for the office's own failure.

    Parameters
    ----------
    task
        ``key`` (the workbook's absolute path on the client), ``relative`` (its path under
        the folder it was found in), ``path`` or ``data`` (the workbook itself), ``out``
        (reports root; None with bytes), ``as_of``, ``lang`` (None: the office's own),
        ``formats`` (the office report's formats), ``previous`` (bytes of an earlier
        results.json, with bytes).

    Returns
    -------
    dict
        ``status`` ok or failed, ``code`` and ``message`` when failed, ``identity``,
        ``folder`` (relative to the reports root), ``seconds``, ``pid``, ``peak_rss``, and
        ``archive`` (the report folder as tar bytes) with bytes.
    """
    from readiness.run.pipeline import build_report

    started = time.perf_counter()
    day = dt.date.fromisoformat(task["as_of"])
    with _scratch() as scratch:
        if task.get("data") is not None:
            source = scratch / Path(task["relative"]).name
            source.write_bytes(task["data"])
            root = scratch / "out"
        else:
            source = Path(task["path"])
            root = Path(task["out"])
        previous = None
        if task.get("previous"):
            previous = scratch / "previous.json"
            previous.write_bytes(task["previous"])
        named: list[tuple[Workbook, str]] = []  # the workbook the pipeline read, its identity

        def identity_of(book: Workbook) -> str:
            """The office's folder: its identity, from the workbook as the pipeline read it."""
            identity = office_identity(book.office.name, task["relative"])
            named.append((book, identity))
            return identity

        formats = tuple(task["formats"])
        try:
            with warm_session() if formats else nullcontext(None) as session:
                paths = build_report(  # the workbook is read once, there
                    source,
                    out=root,
                    folder=identity_of,
                    formats=formats,
                    as_of=day,
                    lang=task["lang"],
                    previous=previous,
                    session=session,
                    trusted=task.get("trusted", ()),
                )
        except WorkbookError as exc:
            return _failed(task, "workbook-errors", _problem_text(exc.problems), started)
        except Explained as exc:
            lang = task["lang"] or (named[0][0].office.language if named else "en")
            return _failed(task, _error_code(exc), exc.explain(translator(lang)), started)
        except Exception as exc:  # an unreadable file is the office's failure, not the run's
            code = _error_code(exc) if named else "workbook-unreadable"
            return _failed(task, code, f"{type(exc).__name__}: {exc}", started)
        identity = named[0][1]
        outcome = {
            "key": task["key"],
            "relative": task["relative"],
            "status": "ok",
            "code": "",
            "message": "",
            "identity": identity,
            "folder": paths.folder.relative_to(root).as_posix(),
            "seconds": time.perf_counter() - started,
            "pid": os.getpid(),
            "peak_rss": _peak_rss(),
        }
        if task.get("data") is not None:
            buffer = io.BytesIO()
            with tarfile.open(fileobj=buffer, mode="w") as tar:
                tar.add(paths.folder, arcname=".")
            outcome["archive"] = buffer.getvalue()
        return outcome


def _problem_text(problems: Sequence[Any]) -> str:
    bad = errors(problems)
    first = "; ".join(str(p) for p in bad[:3])
    more = len(bad) - 3
    return first + (f" (+{more})" if more > 0 else "")


def unpack(archive: bytes, final: Path) -> Path:
    """Put a report folder sent back by a worker at ``final``, whole or not at all."""
    with held_staging(final) as staging:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive), mode="r") as tar:
                tar.extractall(staging, filter="data")
            return promote(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


@dataclass
class PortfolioRun:
    """A portfolio run: each workbook's outcome, timings and where the dashboard is."""

    root: Path
    as_of: dt.date
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    dashboard_seconds: float = 0.0
    startup: float = 0.0  # seconds to start the cluster and warm its workers
    dashboard: dict[str, Path] = field(default_factory=dict)
    workers: int = 0

    def count(self, status: str) -> int:
        """How many workbooks ended ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def exit_status(self) -> int:
        """0 when every office has its report, EXIT_SOME_FAILED when some failed."""
        return EXIT_SOME_FAILED if self.count("failed") else 0


class Progress:
    """Done, failed and left, with an estimate of the time left, in the user's language."""

    def __init__(self, total: int, say: Say, lang: str, every: float = 1.0) -> None:
        self.total, self.say, self.every = total, say, every
        self.done = self.failed = 0
        self.started = time.perf_counter()
        self.last = 0.0
        self._ = translator(lang)

    def tick(self, failed: bool, force: bool = False) -> None:
        """Count one office; speak at most once every ``every`` seconds (and at the end)."""
        self.failed += failed
        self.done += not failed
        now = time.perf_counter()
        finished = self.done + self.failed
        if not force and finished < self.total and now - self.last < self.every:
            return
        self.last = now
        left = self.total - finished
        rate = finished / max(now - self.started, 1e-9)
        eta = left / rate if rate else 0.0
        self.say(
            self._("{done} done, {failed} failed, {left} left; about {eta} left").format(
                done=self.done, failed=self.failed, left=left, eta=_duration(eta)
            )
        )


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class SchedulerUnreachable(RuntimeError):
    """The client could not connect to the scheduler (``address``, ``reason``)."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"cannot connect to the Dask scheduler at {address}: {reason}")
        self.address, self.reason = address, reason


class TlsOptionsError(ValueError):
    """The --tls-* options do not make a TLS set-up (a file missing, TLS without tls://)."""


def tls_security(
    ca_file: str | None, cert: str | None, key: str | None, scheduler: str | None = None
) -> Any:
    """A ``distributed.security.Security`` requiring TLS, from the ``--tls-*`` files.

    Parameters
    ----------
    ca_file
        The certificate authority that signed the scheduler's and workers' certificates.
    cert, key
        This client's certificate and private key (the key may be inside ``cert``).
    scheduler
        The scheduler's address: it must start with ``tls://``.

    Raises
    ------
    TlsOptionsError
        A file is missing or unreadable, the CA is not given, or the address is not tls://.
    """
    from distributed.security import Security

    if not scheduler or not scheduler.startswith("tls://"):
        raise TlsOptionsError("--tls-ca-file, --tls-cert and --tls-key need --scheduler tls://...")
    if not ca_file or not cert:
        raise TlsOptionsError("TLS needs --tls-ca-file and --tls-cert (and --tls-key)")
    for name in (ca_file, cert, key):
        if name and not Path(name).is_file():
            raise TlsOptionsError(f"not found: {name}")
    try:
        return Security(  # type: ignore[no-untyped-call]
            tls_ca_file=ca_file,
            tls_client_cert=cert,
            tls_client_key=key,
            require_encryption=True,
        )
    except (OSError, ValueError) as exc:
        raise TlsOptionsError(f"the TLS files cannot be used: {exc}") from None


def _client(scheduler: str | None, workers: int | None, security: Any = None) -> tuple[Any, Any]:
    """A Dask client: on the cluster at ``scheduler``, or a LocalCluster sized to the machine.

    ``security`` (a ``distributed.security.Security``) carries the TLS certificates for a
    ``tls://`` scheduler; without it, Dask's own configuration (``distributed.comm.tls``).
    """
    from distributed import Client, LocalCluster

    if scheduler:
        kwargs = {"security": security} if security is not None else {}
        try:
            return Client(scheduler, timeout="30s", **kwargs), None  # type: ignore[no-untyped-call]
        except TypeError as exc:  # distributed: "TLS expects a `ssl_context` argument"
            raise SchedulerUnreachable(
                scheduler, "it speaks TLS: give --tls-ca-file, --tls-cert and --tls-key"
            ) from exc
        except (OSError, TimeoutError) as exc:  # refused, reset, a TLS handshake failed
            raise SchedulerUnreachable(scheduler, str(exc) or type(exc).__name__) from exc
    count = workers or os.cpu_count() or 1
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=count,
        threads_per_worker=1,  # one office at a time per worker: one warm kernel each
        processes=True,
        host="127.0.0.1",
        # no dashboard, and the scheduler's HTTP routes on a free port: a fixed one (8787)
        # may be taken by another cluster or program on the machine
        dashboard_address=":0",
        scheduler_kwargs={"dashboard": False},
        memory_limit=0,
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def _latest_results(root: Path, identity: str, before: dt.date) -> bytes | None:
    runs = earlier_runs(root / identity, before)
    return runs[-1].path.read_bytes() if runs else None


def run_portfolio(
    places: Sequence[Path | str],
    out: Path | str = "reports",
    as_of: dt.date | None = None,
    lang: str | None = None,
    reports: Sequence[str] = ("html",),
    dashboard: Sequence[str] = ("html", "pdf"),
    scheduler: str | None = None,
    workers: int | None = None,
    ship: str | None = None,
    say: Say | None = None,
    trusted: Sequence[Path | str] = (),
    security: Any = None,
) -> PortfolioRun:
    """Report on every office found under ``places`` and write the portfolio dashboard.

    Parameters
    ----------
    places
        Folders searched for workbooks, workbooks, or text files listing workbooks.
    out
        Reports root: ``<out>/<office>/<date>/`` per office, ``<out>/_portfolio/<date>/``.
    as_of
        Assessment date (today by default).
    lang
        Language of every report and of the dashboard; by default each office's report is in
        its own language and the dashboard in the language most offices use.
    reports
        Formats of each office's report (``html``, ``pdf``; empty for results only).
    dashboard
        Formats of the dashboard besides its xlsx (``html``, ``pdf``).
    scheduler
        Address of an existing Dask scheduler (``tcp://host:8786``); a LocalCluster when None.
    workers
        Workers of the LocalCluster (default: one per core).
    ship
        ``paths`` or ``bytes`` (see the module's documentation); ``paths`` for a
        LocalCluster, ``bytes`` with a scheduler, by default.
    say
        Called with each progress line.
    trusted
        Folders trusted on purpose (``--trust``): the offices' files may name sources files
        and registers there too; every worker applies the same rule (paths or bytes).
    security
        A ``distributed.security.Security`` for a ``tls://`` scheduler (``--tls-*``); None
        takes Dask's own configuration.

    Returns
    -------
    PortfolioRun
        Every workbook's outcome and the dashboard's files.
    """
    from readiness.render.dashboard import write_dashboard

    speak = say or (lambda _line: None)
    started = time.perf_counter()
    root = Path(out).resolve()
    day = as_of or dt.date.today()
    ship = ship or ("bytes" if scheduler else "paths")
    if ship not in SHIPS:
        raise ValueError(f"unknown way to ship workbooks {ship!r}; choose from paths, bytes")
    _ = translator(lang or "en")
    sources = find_workbooks(places, skip=root, trusted=trusted_folders(trusted))
    manifest = Manifest.load(root)
    run = PortfolioRun(root=root, as_of=day)
    key_lang = lang or ""
    if trusted:  # a run that trusts other folders may read what an earlier one refused
        key_lang += "|trust=" + ",".join(str(f) for f in trusted_folders(trusted))
    tasks: list[dict[str, Any]] = []
    for src in sources:
        data = src.path.read_bytes()
        digest = fingerprint(data)
        key = str(src.path)
        entry = manifest.skippable(key, digest, day.isoformat(), key_lang, __version__, root)
        if entry is not None and entry.status != "ok":  # the same bytes fail the same way
            run.outcomes.append(Outcome(src, "failed", code=entry.code, message=entry.message))
            continue
        if entry is not None:
            run.outcomes.append(Outcome(src, "skipped", entry.identity, entry.folder))
            continue
        known = manifest.entries.get(key)
        manifest.entries[key] = Entry(
            digest, day.isoformat(), key_lang, __version__, status="pending"
        )
        task: dict[str, Any] = {
            "key": key,
            "relative": src.relative,
            "as_of": day.isoformat(),
            "lang": lang,
            "formats": tuple(reports),
            "trusted": [str(f) for f in trusted_folders(trusted)],
        }
        if ship == "paths":
            task |= {"path": key, "out": str(root)}
        else:
            # the trend: the office's latest earlier results, under the identity it last had
            earlier = (
                _latest_results(root, known.identity, day) if known and known.identity else None
            )
            task |= {"data": data, "previous": earlier}
        tasks.append(task)
    skipped = run.count("skipped")
    speak(
        _("Workbooks found: {found}; unchanged since their last report, skipped: {skipped}").format(
            found=len(sources), skipped=skipped
        )
    )
    if tasks:
        where = (scheduler, security)
        _dispatch(tasks, run, manifest, root, day, where, workers, ship, speak, lang or "en")
    manifest.save(root)
    run.seconds = time.perf_counter() - started
    tick = time.perf_counter()
    run.dashboard = write_dashboard(root, day, run.outcomes, lang=lang, formats=dashboard)
    run.dashboard_seconds = time.perf_counter() - tick
    return run


def _dispatch(
    tasks: list[dict[str, Any]],
    run: PortfolioRun,
    manifest: Manifest,
    root: Path,
    day: dt.date,
    where: tuple[str | None, Any],
    workers: int | None,
    ship: str,
    say: Say,
    lang: str,
) -> None:
    from distributed import as_completed

    starting = time.perf_counter()
    client, cluster = _client(where[0], workers, where[1])
    try:
        run.workers = len(client.scheduler_info().get("workers", {}))
        # every worker imports the pipeline and starts its kernel now
        client.run(warm_up, kernel=bool(tasks[0]["formats"]))
        run.startup = time.perf_counter() - starting
        futures = {}
        for task in tasks:
            futures[client.submit(report_office, task, pure=False, retries=0)] = task
        progress = Progress(len(tasks), say, lang)
        saved = time.perf_counter()
        for future in as_completed(list(futures)):  # type: ignore[no-untyped-call]
            task = futures[future]
            src = Source(Path(task["key"]), task["relative"])
            try:
                result: dict[str, Any] = future.result()
            except Exception as exc:
                result = _failed(task, _error_code(exc), str(exc), time.perf_counter())
            future.release()
            if result["status"] == "ok" and "archive" in result:
                unpack(result.pop("archive"), root / result["folder"])
            outcome = Outcome(
                src,
                result["status"],
                result["identity"],
                result["folder"],
                result["code"],
                result["message"],
                result["seconds"],
                result["pid"],
                result["peak_rss"],
            )
            run.outcomes.append(outcome)
            entry = manifest.entries[task["key"]]
            entry.identity, entry.folder = outcome.identity, outcome.folder
            entry.status, entry.code, entry.message = outcome.status, outcome.code, outcome.message
            progress.tick(outcome.status == "failed")
            if time.perf_counter() - saved > SAVE_SECONDS:  # an interrupted run keeps its work
                manifest.save(root)
                saved = time.perf_counter()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


TRANSLATED = (N_("{done} done, {failed} failed, {left} left; about {eta} left"),)

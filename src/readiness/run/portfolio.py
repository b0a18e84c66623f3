"""The portfolio: every office's report at once, on a Dask cluster, and the dashboard over them.

The client (the ``readiness portfolio`` command) finds the workbooks, skips those unchanged
since their last report, and hands the others to ``dask.distributed`` workers: a
``LocalCluster`` sized to the machine by default, or the cluster behind ``--scheduler``.
Each worker runs :func:`readiness.run.worker.report_office` on a typed
:class:`~readiness.run.worker.Task`, which reports on one office on a kernel the worker keeps
warm across offices and replies with its :class:`~readiness.io.portfolio.Outcome`; an office
that fails becomes an outcome with its error code and message, never an exception that stops
the run. The cluster (local, or a scheduler's over TLS) is :mod:`readiness.run.cluster`'s.

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

import datetime as dt
import io
import shutil
import tarfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.core.messages import N_, translator
from readiness.io.confine import trusted_folders
from readiness.io.history import earlier_runs
from readiness.io.output import held_staging, promote
from readiness.io.portfolio import Entry, Manifest, Outcome, find_workbooks, fingerprint
from readiness.run.cluster import SchedulerUnreachable, TlsOptionsError, client, tls_security
from readiness.run.worker import Reply, Task, error_code, failed, report_office, warm_up

__all__ = [  # the cluster's names, for the command (they live in run.cluster)
    "PortfolioRun",
    "Progress",
    "SchedulerUnreachable",
    "TlsOptionsError",
    "run_portfolio",
    "tls_security",
]

EXIT_SOME_FAILED = 4  # the portfolio was written; some offices failed (listed in it)
SHIPS = ("paths", "bytes")
SAVE_SECONDS = 30.0  # how often the manifest is saved during a run
Say = Callable[[str], None]


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
    finding: float = 0.0  # seconds to find the workbooks and tell the unchanged ones
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


def _latest_results(root: Path, identity: str, before: dt.date) -> bytes | None:
    runs = earlier_runs(root / identity, before)
    path = runs[-1].path if runs else None
    return path.read_bytes() if path else None


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
    folders = tuple(str(f) for f in trusted_folders(trusted))
    tasks: list[Task] = []
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
        task = Task(src, day, lang, tuple(reports), folders)
        if ship == "paths":
            task = replace(task, out=str(root))
        else:
            # the trend: the office's latest earlier results, under the identity it last had
            earlier = (
                _latest_results(root, known.identity, day) if known and known.identity else None
            )
            task = replace(task, data=data, previous=earlier)
        tasks.append(task)
    run.finding = time.perf_counter() - started
    skipped = run.count("skipped")
    speak(
        _("Workbooks found: {found}; unchanged since their last report, skipped: {skipped}").format(
            found=len(sources), skipped=skipped
        )
    )
    if tasks:
        _dispatch(tasks, run, manifest, root, (scheduler, security), workers, speak, lang or "en")
    manifest.save(root)
    run.seconds = time.perf_counter() - started
    tick = time.perf_counter()
    run.dashboard = write_dashboard(root, day, run.outcomes, lang=lang, formats=dashboard)
    run.dashboard_seconds = time.perf_counter() - tick
    return run


def _dispatch(
    tasks: list[Task],
    run: PortfolioRun,
    manifest: Manifest,
    root: Path,
    where: tuple[str | None, Any],
    workers: int | None,
    say: Say,
    lang: str,
) -> None:
    from distributed import as_completed

    starting = time.perf_counter()
    dask, cluster = client(where[0], workers, where[1])
    try:
        run.workers = len(dask.scheduler_info().get("workers", {}))
        # every worker imports the pipeline and starts its kernel now
        dask.run(warm_up, kernel=bool(tasks[0].formats))
        run.startup = time.perf_counter() - starting
        futures = {dask.submit(report_office, task, pure=False, retries=0): task for task in tasks}
        progress = Progress(len(tasks), say, lang)
        saved = time.perf_counter()
        for future in as_completed(list(futures)):  # type: ignore[no-untyped-call]
            task = futures[future]
            try:
                reply: Reply = future.result()
            except Exception as exc:  # the worker died twice, or could not unpickle the task
                reply = failed(task, error_code(exc), str(exc), time.perf_counter())
            future.release()
            outcome = reply.outcome
            if outcome.status == "ok" and reply.archive is not None:
                unpack(reply.archive, root / outcome.folder)
            run.outcomes.append(outcome)
            entry = manifest.entries[task.key]
            entry.identity, entry.folder = outcome.identity, outcome.folder
            entry.status, entry.code, entry.message = outcome.status, outcome.code, outcome.message
            progress.tick(outcome.status == "failed")
            if time.perf_counter() - saved > SAVE_SECONDS:  # an interrupted run keeps its work
                manifest.save(root)
                saved = time.perf_counter()
    finally:
        dask.close()
        if cluster is not None:
            cluster.close()


TRANSLATED = (N_("{done} done, {failed} failed, {left} left; about {eta} left"),)

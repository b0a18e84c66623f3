"""The portfolio's speed, side by side: 1 worker and 2, seconds per office, memory, dashboard.

Usage::

    python benchmarks/bench_portfolio.py [--offices 300] [--reports html] [--folder DIR]
    python benchmarks/bench_portfolio.py --rerun 10 [--offices 300] [--reports none] [--profile]

Generates the offices with ``make_offices.py`` (seed 2026) into a temporary folder (or
``--folder``), runs the whole portfolio (each office's results and report, then the
dashboard in HTML, PDF and xlsx) on a LocalCluster of 1 worker, then of 2, each into an
empty reports folder, and times the dashboard alone once more. Prints one table and the
extrapolation to 3,000 offices: cluster start + 3,000 x seconds per office + the dashboard
scaled by the number of offices.

``--rerun K``: one full run on 2 workers, then K workbooks change (their bytes, not their
content: a zip comment) and the portfolio runs again into the same reports folder, as a
consultant's weekly re-run does. Prints the re-run's phases (finding and skipping the
unchanged, the cluster for the K changed, the dashboard) and, with ``--profile``, where the
client's time goes (cProfile, the top functions by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from make_offices import AS_OF, make_offices
from readiness.render.dashboard import write_dashboard
from readiness.run.portfolio import PortfolioRun, run_portfolio

TARGET = 3000


def measure(offices: Path, out: Path, workers: int, reports: tuple[str, ...]) -> PortfolioRun:
    """One full portfolio run on a LocalCluster of ``workers`` workers into ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    return run_portfolio(
        [offices], out=out, as_of=AS_OF, reports=reports, workers=workers, say=lambda _l: None
    )


def office_seconds(run: PortfolioRun) -> float:
    """Wall-clock seconds of the offices' phase, cluster start-up excluded."""
    return run.seconds - run.startup


def change(paths: list[Path], count: int) -> list[Path]:
    """Change ``count`` workbooks' bytes (a zip comment), spread over the portfolio."""
    step = max(1, len(paths) // max(1, count))
    chosen = paths[::step][:count]
    for path in chosen:
        with zipfile.ZipFile(path, "a") as archive:
            archive.comment = f"changed {time.time()}".encode()
    return chosen


def rerun(
    folder: Path, paths: list[Path], count: int, reports: tuple[str, ...], profile: bool
) -> None:
    """A full run, then a re-run with ``count`` workbooks changed; print its phases."""
    out = folder / "reports-rerun"
    first = measure(folder / "offices", out, 2, reports)
    change(paths, count)
    profiler = cProfile.Profile() if profile else None
    tick = time.perf_counter()
    if profiler:
        profiler.enable()
    again = run_portfolio(
        [folder / "offices"], out=out, as_of=AS_OF, reports=reports, workers=2, say=lambda _l: None
    )
    if profiler:
        profiler.disable()
    total = time.perf_counter() - tick
    offices = len(paths)
    print(
        f"readiness portfolio re-run: {offices} fictional offices, {count} changed, "
        f"reports {','.join(reports) or 'none'}, {dt.date.today()}"
    )
    print(f"first run (all {offices}), s{first.seconds + first.dashboard_seconds:>16.1f}")
    skipped, ran = again.count("skipped"), again.count("ok") + again.count("failed")
    print(f"re-run: skipped {skipped}, reported {ran}")
    finding = float(getattr(again, "finding", 0.0))  # (0: a version without the figure)
    changed = again.seconds - again.startup - finding
    phases = [
        ("re-run total, s", total),
        ("  finding, hashing, skipping, s", finding),
        ("  cluster start (changed only), s", again.startup),
        ("  changed offices, s", changed),
        ("  dashboard (html, pdf, xlsx), s", again.dashboard_seconds),
    ]
    for label, value in phases:
        print(f"{label:40}{value:>10.2f}")
    scale = TARGET / offices
    print(
        f"extrapolated to {TARGET} offices, {count} changed: "
        f"{again.startup + changed + (finding + again.dashboard_seconds) * scale:.1f} s "
        f"(finding and the dashboard x {scale:.0f}; the cluster and the changed ones as measured)"
    )
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
        print(text.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--offices", type=int, default=300)
    p.add_argument("--reports", default="html", help="html, html,pdf or none (default html)")
    p.add_argument("--folder", help="where to write (default: a temporary folder, removed)")
    p.add_argument("--rerun", type=int, metavar="K", help="time a re-run with K workbooks changed")
    p.add_argument("--profile", action="store_true", help="with --rerun: profile the client")
    args = p.parse_args(argv)
    reports = () if args.reports == "none" else tuple(args.reports.split(","))
    folder = Path(args.folder or tempfile.mkdtemp(prefix="readiness-bench-portfolio-"))
    try:
        made = time.perf_counter()
        paths = make_offices(args.offices, folder / "offices")
        made = time.perf_counter() - made
        if args.rerun is not None:
            rerun(folder, paths, args.rerun, reports, args.profile)
            return 0
        runs = {w: measure(folder / "offices", folder / f"reports-{w}", w, reports) for w in (1, 2)}
        two = runs[2]
        tick = time.perf_counter()
        write_dashboard(two.root, two.as_of, two.outcomes, formats=("html", "pdf"))
        dashboard = time.perf_counter() - tick
        print(
            f"readiness portfolio: {args.offices} fictional offices, reports {args.reports}, "
            f"{dt.date.today()} (offices generated in {made:.1f} s)"
        )
        print(f"{'':34}{'1 worker':>14}{'2 workers':>14}")

        def line(label: str, one: str, two_: str) -> None:
            print(f"{label:34}{one:>14}{two_:>14}")

        line("failed offices", *(str(runs[w].count("failed")) for w in (1, 2)))
        line("cluster start, s", *(f"{runs[w].startup:.1f}" for w in (1, 2)))
        line("offices phase, s", *(f"{office_seconds(runs[w]):.1f}" for w in (1, 2)))
        rate = {w: args.offices / office_seconds(runs[w]) for w in (1, 2)}
        line("offices / s", *(f"{rate[w]:.2f}" for w in (1, 2)))
        line("s / office (wall clock)", *(f"{1 / rate[w]:.3f}" for w in (1, 2)))
        per = {
            w: sum(o.seconds for o in runs[w].outcomes) / max(1, len(runs[w].outcomes))
            for w in (1, 2)
        }
        line("s / office (on a worker)", *(f"{per[w]:.3f}" for w in (1, 2)))
        peaks = {w: max((o.peak_rss for o in runs[w].outcomes), default=0) / 2**20 for w in (1, 2)}
        line("peak memory per worker, MiB", *(f"{peaks[w]:.0f}" for w in (1, 2)))
        line(
            "dashboard (html, pdf, xlsx), s", *(f"{runs[w].dashboard_seconds:.1f}" for w in (1, 2))
        )
        print(f"2 workers / 1 worker: {rate[2] / rate[1]:.2f}x")
        print(f"dashboard alone, again: {dashboard:.2f} s")
        scale = TARGET / args.offices
        estimate = two.startup + TARGET / rate[2] + dashboard * scale
        print(
            f"extrapolated to {TARGET} offices on 2 workers: {estimate / 60:.1f} min "
            f"(start {two.startup:.0f} s + {TARGET} x {1 / rate[2]:.3f} s + dashboard "
            f"{dashboard * scale:.0f} s)"
        )
    finally:
        if not args.folder:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

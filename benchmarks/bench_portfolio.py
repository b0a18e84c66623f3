"""The portfolio's speed, side by side: 1 worker and 2, seconds per office, memory, dashboard.

Usage::

    python benchmarks/bench_portfolio.py [--offices 300] [--reports html] [--folder DIR]

Generates the offices with ``make_offices.py`` (seed 2026) into a temporary folder (or
``--folder``), runs the whole portfolio (each office's results and report, then the
dashboard in HTML, PDF and xlsx) on a LocalCluster of 1 worker, then of 2, each into an
empty reports folder, and times the dashboard alone once more. Prints one table and the
extrapolation to 3,000 offices: cluster start + 3,000 x seconds per office + the dashboard
scaled by the number of offices.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--offices", type=int, default=300)
    p.add_argument("--reports", default="html", help="html or html,pdf (default html)")
    p.add_argument("--folder", help="where to write (default: a temporary folder, removed)")
    args = p.parse_args(argv)
    reports = tuple(args.reports.split(","))
    folder = Path(args.folder or tempfile.mkdtemp(prefix="readiness-bench-portfolio-"))
    try:
        made = time.perf_counter()
        make_offices(args.offices, folder / "offices")
        made = time.perf_counter() - made
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

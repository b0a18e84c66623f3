"""One report, this checkout against an earlier one, side by side in one run.

Usage::

    git worktree add --detach /tmp/before <commit>
    .venv/bin/python benchmarks/bench_before_after.py --before /tmp/before [--repeat 5]

Runs, in turn and ``--repeat`` times, the import floor (``python -c "import pandas,
matplotlib.pyplot"``), ``readiness report`` of the earlier checkout and of this one, on the
certified sample office (its stage notebooks, the transition and the other frameworks; HTML
and PDF), each as a new process with this environment's interpreter (the earlier checkout's
``src`` first on ``PYTHONPATH``, so its kernel imports it too). Prints each one's median
seconds, the ratios pair by pair (their medians), and the target of issue 19: a full report
at most 2x the import floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-16"
TARGET = 2.0
RUN = "import sys; from readiness.cli import run; sys.argv[0] = 'readiness'; run()"


def seconds(cmd: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one command run to its end (a failure stops the benchmark)."""
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def report(checkout: Path, out: Path, workbook: Path | None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of one checkout's report of the certified sample.

    ``workbook`` None: each checkout's own sample (what each version's user gets); a path: the
    same workbook for both (what the code alone costs).
    """
    workbook = workbook or checkout / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    cmd = [sys.executable, "-c", RUN, "report", str(workbook), "--as-of", AS_OF]
    return [*cmd, "--out", str(out), "-q"], env


def main(argv: list[str] | None = None) -> int:
    """Run the three in turn and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="an earlier checkout")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    parser.add_argument(
        "--workbook", type=Path, help="one workbook for both (default: each checkout's sample)"
    )
    args = parser.parse_args(argv)
    floor_cmd = [sys.executable, "-c", "import pandas, matplotlib.pyplot"]
    times: dict[str, list[float]] = {"floor": [], "before": [], "after": []}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        runs = {
            "before": report(args.before.resolve(), tmp / "before", args.workbook),
            "after": report(ROOT, tmp / "after", args.workbook),
        }
        for cmd, env in runs.values():  # warm the file caches once, as a second run would be
            seconds(cmd, env)
        for _ in range(args.repeat):
            times["floor"].append(seconds(floor_cmd, dict(os.environ)))
            for name, (cmd, env) in runs.items():
                times[name].append(seconds(cmd, env))
    med = {name: statistics.median(values) for name, values in times.items()}
    pairs = {
        "after / before": [a / b for a, b in zip(times["after"], times["before"], strict=True)],
        "before / floor": [b / f for b, f in zip(times["before"], times["floor"], strict=True)],
        "after / floor": [a / f for a, f in zip(times["after"], times["floor"], strict=True)],
    }
    print(f"median of {args.repeat} rounds (floor, before, after in turn), seconds:")
    for name, value in med.items():
        low, high = min(times[name]), max(times[name])
        print(f"  {name:<8} {value:6.2f}   (min {low:.2f}, max {high:.2f})")
    for name, ratios in pairs.items():
        print(f"  {name:<15} {statistics.median(ratios):5.2f}x")
    ratio = statistics.median(pairs["after / floor"])
    print(f"target: a full report at most {TARGET:.0f}x the import floor: ", end="")
    print("met" if ratio <= TARGET else "MISSED")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

"""Speed of a full report against the import floor and the same notebooks run from the command line.

Run: make bench   (or .venv/bin/python benchmarks/bench_report.py [--repeat N])

Measures, in one run on this machine:
- ours: `readiness report --timings` on the certified sample office (the six stage
  notebooks, the transition and the other frameworks; HTML and PDF, results and action
  plan), as a user runs it, with the seconds of each step the pipeline records (start,
  prepare, compose, write, execute, HTML, PDF, promote) and the rest of the process
  (imports before the pipeline, the kernel's launch, the exit);
- the floor: `python -c "import pandas, matplotlib.pyplot"`;
- baseline: each of the same eight notebooks through the `papermill` command line, then
  `jupyter nbconvert --to html` (no PDF at all: the baseline does less than we do).
Targets (issue 9): ours at most 3x the floor, and at least 10x faster than the baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKBOOK = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"
AS_OF = "2026-11-16"
NOTEBOOKS = [
    "01_initial_gap_analysis",
    "02_documentation",
    "03_implementation",
    "04_evaluation",
    "05_readiness",
    "06_surveillance",
    "07_transition",
    "08_frameworks",
]  # fmt: skip  (the certified sample's report runs all eight)
STEPS = ("start", "prepare", "compose", "write", "execute", "html", "pdf", "promote")
FLOOR_RATIO, BASELINE_RATIO = 3.0, 10.0


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, done.stderr


def ours(tmp: Path) -> tuple[float, dict[str, float]]:
    seconds, err = timed(
        [
            str(BIN / "readiness"), "report", str(WORKBOOK), "--as-of", AS_OF,
            "--out", str(tmp / "ours"), "-q", "--timings",
        ]
    )  # fmt: skip
    return seconds, json.loads(err.strip().splitlines()[-1])


def baseline(tmp: Path) -> float:
    out = tmp / "baseline"
    out.mkdir(exist_ok=True)
    total = 0.0
    for name in NOTEBOOKS:
        executed = out / f"{name}.ipynb"
        total += timed(
            [
                str(BIN / "papermill"), str(ROOT / "notebooks" / f"{name}.ipynb"), str(executed),
                "-p", "workbook", str(WORKBOOK), "-p", "as_of", AS_OF,
                "-p", "stage", "surveillance",
                "--cwd", str(ROOT / "notebooks"), "--no-progress-bar",
            ]
        )[0]  # fmt: skip
        total += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)])[0]
    return total


def floor() -> float:
    return timed([sys.executable, "-c", "import pandas, matplotlib.pyplot"])[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each, the median is reported"
    )
    args = parser.parse_args()
    ours_runs: list[tuple[float, dict[str, float]]] = []
    base_times, floor_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ours(tmp)  # warm the file cache once, as a user's second run would be
        for _ in range(args.repeat):
            floor_times.append(floor())
            ours_runs.append(ours(tmp))
            base_times.append(baseline(tmp))
    ours_s = statistics.median(t for t, _ in ours_runs)
    base_s, floor_s = statistics.median(base_times), statistics.median(floor_times)
    steps = {s: statistics.median(t.get(s, 0.0) for _, t in ours_runs) for s in STEPS}
    outside = ours_s - sum(steps.values())
    vs_floor, vs_base = ours_s / floor_s, base_s / ours_s
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    floor_ok = "met" if vs_floor <= FLOOR_RATIO else "MISSED"
    base_ok = "met" if vs_base >= BASELINE_RATIO else "MISSED"
    print(f"machine: {cores} cores, median of {args.repeat} runs")
    print(f"floor  python -c 'import pandas, matplotlib.pyplot'       {floor_s:6.2f} s")
    print(f"ours   readiness report, 8 notebooks, HTML + PDF         {ours_s:6.2f} s")
    for name in STEPS:
        print(f"         {name:<8} {steps[name]:6.2f} s")
    print(f"         {'process':<8} {outside:6.2f} s   (imports before the pipeline, shutdown)")
    print(f"base   papermill + jupyter nbconvert CLI, 8 notebooks   {base_s:6.2f} s")
    print(f"ratio  ours / floor                                     {vs_floor:6.1f}x", end="")
    print(f"  target <= {FLOOR_RATIO:.0f}x: {floor_ok}")
    print(f"ratio  baseline / ours                                  {vs_base:6.1f}x", end="")
    print(f"  target >= {BASELINE_RATIO:.0f}x: {base_ok}")
    return 0 if floor_ok == base_ok == "met" else 1


if __name__ == "__main__":
    sys.exit(main())

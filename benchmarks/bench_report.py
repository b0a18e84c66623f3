"""Speed of a full report against the same notebooks run one by one from the command line.

Run: make bench   (or .venv/bin/python benchmarks/bench_report.py [--repeat N])

Measures, in one run on this machine:
- ours: `readiness report` on the certified sample office (all six stage notebooks, HTML and
  PDF, results and action plan), as a user runs it;
- baseline: each of the six notebooks through the `papermill` command line, then
  `jupyter nbconvert --to html` (no PDF at all: the baseline does less than we do);
- the floor: `python -c "import pandas, matplotlib.pyplot"`.
Targets (issue 3): ours at most 6 s, and at least 5x faster than the baseline.
"""

from __future__ import annotations

import argparse
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
    "01_initial_gap_analysis", "02_documentation", "03_implementation",
    "04_evaluation", "05_readiness", "06_surveillance",
]  # fmt: skip
TARGET_SECONDS, TARGET_RATIO = 6.0, 5.0


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def ours(tmp: Path) -> float:
    return timed(
        [
            str(BIN / "readiness"),
            "report",
            str(WORKBOOK),
            "--as-of",
            AS_OF,
            "--out",
            str(tmp / "ours"),
            "-q",
        ]
    )


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
        )  # fmt: skip
        total += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)])
    return total


def floor() -> float:
    return timed([sys.executable, "-c", "import pandas, matplotlib.pyplot"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each, the median is reported"
    )
    args = parser.parse_args()
    ours_times, base_times, floor_times = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ours(tmp)  # warm the file cache once, as a user's second run would be
        for _ in range(args.repeat):
            floor_times.append(floor())
            ours_times.append(ours(tmp))
            base_times.append(baseline(tmp))
    ours_s, base_s, floor_s = (statistics.median(t) for t in (ours_times, base_times, floor_times))
    ratio = base_s / ours_s
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    ours_ok = "met" if ours_s <= TARGET_SECONDS else "MISSED"
    ratio_ok = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(f"machine: {cores} cores, median of {args.repeat} runs")
    print(f"floor  python -c 'import pandas, matplotlib.pyplot'       {floor_s:6.2f} s")
    print(f"ours   readiness report, 6 notebooks, HTML + PDF         {ours_s:6.2f} s", end="")
    print(f"   target <= {TARGET_SECONDS:.0f} s: {ours_ok}")
    print(f"base   papermill + jupyter nbconvert CLI, 6 notebooks   {base_s:6.2f} s")
    print(f"ratio  baseline / ours                                  {ratio:6.1f}x", end="")
    print(f"  target >= {TARGET_RATIO:.0f}x: {ratio_ok}")
    return 0 if ours_s <= TARGET_SECONDS and ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())

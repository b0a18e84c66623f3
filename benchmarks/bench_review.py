"""`readiness review` against `readiness report` on the county sample, side by side.

Run: .venv/bin/python benchmarks/bench_review.py [--repeat N]

Both commands are run as a user runs them (a process each, HTML and PDF; the review also
writes its .docx and keeps its notebook), alternately, N times; the medians and their ratio
are printed. Target (issue 20): the review pack takes no longer than the report.
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
WORKBOOK = ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx"
AS_OF = "2026-11-16"


def timed(command: str, out: Path) -> float:
    """Seconds of one run of ``readiness <command>`` on the county sample."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "readiness"), command, str(WORKBOOK), "--as-of", AS_OF, "--out", str(out), "-q"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seconds: dict[str, list[float]] = {"report": [], "review": []}
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.repeat):
            for command in seconds:
                seconds[command].append(timed(command, Path(tmp) / f"{command}-{index}"))
    report, review = (statistics.median(seconds[c]) for c in ("report", "review"))
    print(f"county sample, {args.repeat} runs each (median, seconds)")
    print(f"{'readiness report':<20}{report:8.2f}")
    print(f"{'readiness review':<20}{review:8.2f}")
    print(f"{'review / report':<20}{review / report:8.2f}  (target: at most 1.00)")
    return 0 if review <= report else 1


if __name__ == "__main__":
    sys.exit(main())

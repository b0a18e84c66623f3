"""What sharing one kernel across offices saves (the demo; later the portfolio).

Run: .venv/bin/python benchmarks/bench_kernel.py [--offices N] [--repeat N]

In one process, the certified sample office is reported N times (HTML only, into a
temporary folder): once with one ``KernelSession`` shared by every office (each run starts
with IPython's ``%reset -f``), once with a fresh kernel for each office. Prints the median
seconds of each, per office and in all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from readiness.run.locations import notebooks_dir
from readiness.run.pipeline import build_report
from readiness.run.session import KernelSession

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"
AS_OF = dt.date(2026, 11, 16)


def offices(n: int, out: Path, shared: bool) -> float:
    started = time.perf_counter()
    session = KernelSession(notebooks_dir()).start() if shared else None
    try:
        for i in range(n):
            build_report(WORKBOOK, out=out / str(i), as_of=AS_OF, formats=["html"], session=session)
    finally:
        if session is not None:
            session.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=4, help="offices reported in a row")
    parser.add_argument("--repeat", type=int, default=3, help="the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        offices(1, out / "warm", True)
        shared, fresh = [], []
        for r in range(args.repeat):
            shared.append(offices(args.offices, out / f"s{r}", True))
            fresh.append(offices(args.offices, out / f"f{r}", False))
    s, f = statistics.median(shared), statistics.median(fresh)
    n = args.offices
    print(f"kernel  {n} offices, one shared kernel (%reset -f)  {s:6.2f} s  {s / n:5.2f} s each")
    print(f"kernel  {n} offices, a fresh kernel each          {f:6.2f} s  {f / n:5.2f} s each")
    print(f"kernel  sharing saves {f - s:.2f} s ({(f - s) / n:.2f} s an office after the first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading side: a workbook whose Evidence sheet has 20,000 rows, checked in at most 0.5 s.

Run: .venv/bin/python benchmarks/bench_read.py [--rows N] [--repeat N]   (also run by make bench)

The workbook is the certified sample office's content with its Evidence sheet grown to
``--rows`` rows, written into a temporary folder. Each read runs in a fresh process, as
`readiness check` does, and reports its time (median) and its peak memory: the whole
process's maximum resident set (ru_maxrss) and what Python allocated while reading
(tracemalloc's peak).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data" / "sample"))
TARGET_SECONDS = 0.5
AS_OF = dt.date(2026, 11, 16)

CHILD = """
import datetime as dt, json, resource, sys, time, tracemalloc
from readiness.core.catalogue import load_catalogue
from readiness import read_workbook
path, as_of = sys.argv[1], dt.date.fromisoformat(sys.argv[2])
# nothing cached across processes: this first read warms the OS cache
read_workbook(path, as_of=as_of, lang="en", catalogue=load_catalogue())
tracemalloc.start()
started = time.perf_counter()
book, problems = read_workbook(path, as_of=as_of, lang="en", catalogue=load_catalogue())
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
started = time.perf_counter()
read_workbook(path, as_of=as_of, lang="en", catalogue=load_catalogue())
untraced = time.perf_counter() - started
print(json.dumps({"seconds": untraced, "traced_seconds": seconds, "python_peak": peak,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "evidence": len(book.evidence) if book else None,
                  "errors": sum(p.severity == "error" for p in problems)}))
"""


def build(path: Path, rows: int) -> None:
    from build_sample import city_office_certified

    from readiness import load_catalogue, write_workbook

    content = city_office_certified()
    base = list(content["evidence"])
    grown = [
        dict(base[i % len(base)], title=f"{base[i % len(base)]['title']} #{i}") for i in range(rows)
    ]
    write_workbook(
        path, lang="pl", content=dict(content, evidence=grown), catalogue=load_catalogue()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the Evidence sheet")
    parser.add_argument("--repeat", type=int, default=3, help="reads; the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evidence-20k.xlsx"
        build(path, args.rows)
        size = path.stat().st_size
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", CHILD, str(path), AS_OF.isoformat()],
                    check=True, capture_output=True, text=True,
                ).stdout
            )
            for _ in range(args.repeat)
        ]  # fmt: skip
    seconds = statistics.median(r["seconds"] for r in runs)
    ok = "met" if seconds <= TARGET_SECONDS else "MISSED"
    last = runs[-1]
    print(f"read   {args.rows} Evidence rows ({size / 1e6:.1f} MB xlsx), read and checked", end="")
    print(f"  {seconds:6.2f} s   target <= {TARGET_SECONDS} s: {ok}")
    print(f"         rows read {last['evidence']}, errors {last['errors']}")
    print(f"         peak memory: process {last['rss'] / 2**20:.0f} MiB (ru_maxrss), ", end="")
    print(f"Python allocations while reading {last['python_peak'] / 2**20:.0f} MiB (tracemalloc)")
    return 0 if ok == "met" else 1


if __name__ == "__main__":
    sys.exit(main())

"""The portfolio dashboard's page in headless Chromium: load time at 300 and 3,000 offices.

Run: .venv/bin/python benchmarks/bench_dashboard.py [--repeat N]

Writes two dashboards from fictional offices' results (the tests' generator, seed 3), then
loads each page in one Chromium, alternately, N times, and prints the medians and their
ratio. Target: 3,000 offices load in under 3 s on a 2-core machine; the ratio shows how the
page scales (ten times the rows). The tests check what the page does (sorting, filtering,
no request, no script error), never how fast: a machine under load would fail them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from portfolio_data import AS_OF, write_offices  # noqa: E402  (the tests' generator)
from readiness.render.dashboard import write_dashboard  # noqa: E402

SIZES = (300, 3000)
TARGET = 3.0
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    seconds: dict[int, list[float]] = {n: [] for n in SIZES}
    with tempfile.TemporaryDirectory() as tmp:
        pages = {}
        for n in SIZES:
            root = Path(tmp) / str(n) / "reports"
            outcomes = write_offices(root, n, seed=3)
            pages[n] = write_dashboard(root, AS_OF, outcomes, lang="en", formats=("html",))["html"]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for _ in range(args.repeat):
                for n in SIZES:
                    started = time.perf_counter()
                    page.goto(pages[n].as_uri(), wait_until="load")
                    seconds[n].append(time.perf_counter() - started)
            browser.close()
    small, large = (statistics.median(seconds[n]) for n in SIZES)
    print(f"dashboard page load in Chromium, {args.repeat} loads each (median, seconds)")
    print(f"{'300 offices':<16}{small:8.2f}")
    print(f"{'3,000 offices':<16}{large:8.2f}  (target: under {TARGET:.0f} s)")
    print(f"{'3,000 / 300':<16}{large / small:8.2f}")
    return 0 if large < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

"""The county sample's PDF through each engine considered, side by side in one run.

Run: .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--html PAGE]

Writes the county sample's report page once (HTML only), then turns that same page into a
PDF with every option, interleaved (one run of each, then the next round), so that load
from other processes falls on all of them alike. Each engine is loaded and warmed first
(imports, fonts), as the report does in a background thread while the notebooks run.
Prints, per option: the median seconds, pages, file size, and what the PDF lacks of what
the report needs (A4, cover, contents with page numbers, page X / Y, running header, vector
charts, Polish and Cyrillic text). Target (issue 9): at most 0.8 s.

Options:
- weasyprint-before: WeasyPrint with the stylesheet as it was (a one-column multi-column
  box around the contents list, which WeasyPrint lays out slowly);
- weasyprint: WeasyPrint with today's stylesheet (no multi-column box);
- weasyprint-no-page-numbers: the same without the contents' target-counter, to show what
  the second layout pass costs (it lacks the contents' page numbers);
- weasyprint-full-fonts / -uncompressed: the same with whole fonts embedded (no subsetting)
  or streams left uncompressed, to show the cost of writing;
- typst: what `readiness.render.export.to_pdf` does;
- chromium: headless Chromium through Playwright, when a system Chromium exists (none is
  downloaded); launched per PDF as a report run would. Chromium has no target-counter, so
  its contents would have no page numbers, and no CSS running header or page X / Y.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx"
AS_OF = dt.date(2026, 11, 16)
TARGET_SECONDS = 0.8
BEFORE = "nav.toc ol { columns: 1; }"  # the rule the stylesheet had
# given as user stylesheets, which an author rule beats unless the user rule is !important
NO_PAGE_NUMBERS = "@media print { nav.toc a::after { content: none !important; } }"


def sample_page(folder: Path) -> str:
    from readiness.run.pipeline import build_report

    paths = build_report(WORKBOOK, out=folder, as_of=AS_OF, formats=["html"])
    return (paths.folder / "gap-report.html").read_text(encoding="utf-8")


def weasyprint(extra_css: str = "", **options: bool) -> Callable[[str], bytes]:
    import logging

    from weasyprint import CSS, HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    sheets = [CSS(string=extra_css)] if extra_css else None

    def run(page: str) -> bytes:
        pdf = HTML(string=page).write_pdf(stylesheets=sheets, **options)
        assert isinstance(pdf, bytes)
        return pdf

    run('<p lang="pl">Zażółć Ещё</p>')  # imports and fonts, as the report's warm-up does
    return run


def typst() -> Callable[[str], bytes]:
    from readiness.render.export import WARM_UP_PAGE, to_pdf

    def run(page: str) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            return to_pdf(page, Path(folder) / "report.pdf").read_bytes()

    run(WARM_UP_PAGE)
    return run


def chromium(executable: str) -> Callable[[str], bytes]:
    from playwright.sync_api import sync_playwright

    def run(page: str) -> bytes:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            tab = browser.new_page()
            tab.set_content(page)
            pdf = tab.pdf(format="A4", print_background=True)
            browser.close()
        return pdf

    run("<p>warm</p>")
    return run


def page_count(pdf: bytes) -> str:
    """Pages of a PDF, as poppler's pdfinfo counts them ("?" without it)."""
    import re
    import subprocess

    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        return "?"
    info = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, check=False).stdout
    found = re.search(rb"Pages:\s+(\d+)", info)
    return found.group(1).decode() if found else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the median shows")
    parser.add_argument("--html", type=Path, help="a report page to use instead of the sample's")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = args.html.read_text(encoding="utf-8") if args.html else sample_page(Path(folder))
    options: dict[str, tuple[Callable[[str], bytes], str]] = {
        "weasyprint-before": (weasyprint(BEFORE), "-"),
        "weasyprint": (weasyprint(), "-"),
        "weasyprint-no-page-numbers": (
            weasyprint(NO_PAGE_NUMBERS),
            "contents page numbers",
        ),
        "weasyprint-full-fonts": (weasyprint(full_fonts=True), "-"),
        "weasyprint-uncompressed": (weasyprint(uncompressed_pdf=True), "-"),
        "typst": (typst(), "-"),
    }
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        options["chromium"] = (
            chromium(browser),
            "contents page numbers, page X / Y, running header; needs a system browser",
        )
    times: dict[str, list[float]] = {name: [] for name in options}
    made: dict[str, bytes] = {}
    for _ in range(args.repeat):
        for name, (run, _lacks) in options.items():
            started = time.perf_counter()
            made[name] = run(page)
            times[name].append(time.perf_counter() - started)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"county sample's report page, median of {args.repeat} runs; load average {load}")
    print(f"{'option':28} {'seconds':>8} {'pages':>6} {'size KiB':>9}  lacks")
    for name, (_run, lacks) in options.items():
        seconds = statistics.median(times[name])
        size = len(made[name]) / 1024
        print(f"{name:28} {seconds:8.3f} {page_count(made[name]):>6} {size:9.0f}  {lacks}")
    chosen = statistics.median(times["typst"])
    verdict = "met" if chosen <= TARGET_SECONDS else "MISSED"
    print(f"chosen: typst, {chosen:.3f} s; target <= {TARGET_SECONDS} s: {verdict}")
    return 0 if chosen <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

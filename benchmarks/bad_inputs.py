"""Every broken or hostile input tried, with the outcome, the time and the peak memory.

Run: make bench-inputs   (or .venv/bin/python benchmarks/bad_inputs.py)
Each workbook goes through `readiness check --format json` in its own process, measured from
outside; the bound the product promises is 5 s and 500 MB per refusal. Then the other
readers and paths: register files through `readiness sources check`, an office whose files
point into another office's folder through `check`, an earlier run nested 200,000 deep
through `report --previous`, and a list of workbooks that is not text through `portfolio`;
each row gives the exit status, and "no traceback" means neither a Python traceback nor a
Rust panic reached the terminal.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import (  # noqa: E402
    BAD_CELLS,
    CONFINEMENT,
    HOSTILE,
    MARKER,
    READERS,
    SAMPLE,
    binary_list,
    deep_results,
    measure,
    two_offices,
)

LIMIT_SECONDS, LIMIT_MB = 5.0, 500


def commands(folder: Path, exe: Path, env: dict[str, str]) -> list[tuple[str, ...]]:
    """The other readers' and paths' cases, each through the command a user runs."""
    cases: list[tuple[str, Path, list[str], int, str]] = []
    for name, (build, command, code) in READERS.items():
        path = build(folder / "readers")
        cases.append((name, path, [*command, str(path)], 1, code))
    for index, case in enumerate(CONFINEMENT):
        workbook = two_offices(folder / f"offices-{index}", case)
        cases.append(
            (f"two offices: {case}", workbook,
             ["check", str(workbook), "--format", "json", "--as-of", "2026-11-16"], 1,
             "path-outside")
        )  # fmt: skip
    previous = deep_results(folder)
    cases.append(
        ("--previous results.json nested 200,000 deep", previous / "results.json",
         ["report", str(SAMPLE), "--format", "html", "--out", str(folder / "reports"),
          "--as-of", "2026-11-16", "--previous", str(previous)], 1, "previous")
    )  # fmt: skip
    listing = binary_list(folder)
    cases.append(
        ("portfolio list that is a workbook", listing,
         ["portfolio", str(listing), "--out", str(folder / "p")], 2, "list")
    )  # fmt: skip
    rows = []
    for name, path, args, expected, code in cases:
        # a sources file: with its registers beside it; otherwise the file itself
        files = (
            [p for p in path.parent.iterdir() if p.is_file()] if path.suffix == ".toml" else [path]
        )
        size = sum(p.stat().st_size for p in files)
        status, out, err, seconds, peak_kb = measure([str(exe), *args], env=env)
        shown = out + err
        clean = not any(m in shown for m in ("Traceback", "panicked at", MARKER))
        ok = status == expected and clean
        within = seconds < LIMIT_SECONDS and peak_kb / 1024 < LIMIT_MB
        if out.startswith("{"):  # check --format json: the problem's code must be the one
            ok = ok and code in [p["code"] for p in json.loads(out)["problems"]]
        rows.append(
            (
                name,
                f"{size / 1024:,.0f} KB",
                f"{status}: refused ({code}), " + ("no traceback" if clean else "TRACEBACK"),
                f"{seconds:.2f} s",
                f"{peak_kb / 1024:.0f} MB",
                "yes" if ok and within else "NO",
            )
        )
    return rows


def main() -> int:
    exe = Path(sys.executable).with_name("readiness")
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [("the sample workbook (valid)", SAMPLE, "")] + [
            (name, build(folder), code) for name, (build, code) in (HOSTILE | BAD_CELLS).items()
        ]
        for name, path, expected in cases:
            size = path.stat().st_size
            status, out, _err, seconds, peak_kb = measure(
                [str(exe), "check", str(path), "--format", "json"], env=env
            )
            codes = [p["code"] for p in json.loads(out)["problems"]] if out.strip() else []
            outcome = (
                "accepted" if status == 0 else f"refused: {codes[0] if codes else f'exit {status}'}"
            )
            ok = (status == 0) if not expected else (status == 1 and codes[:1] == [expected])
            within = seconds < LIMIT_SECONDS and peak_kb / 1024 < LIMIT_MB
            rows.append(
                (
                    name,
                    f"{size / 1024:,.0f} KB",
                    f"{status}: {outcome}",
                    f"{seconds:.2f} s",
                    f"{peak_kb / 1024:.0f} MB",
                    "yes" if ok and within else "NO",
                )
            )
        rows += commands(folder, exe, env)
    headers = (
        "input",
        "file size",
        "exit: outcome",
        "time",
        "peak memory",
        "as expected, within 5 s / 500 MB",
    )
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    return 0 if all(r[-1] == "yes" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

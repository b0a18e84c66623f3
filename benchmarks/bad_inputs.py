"""Every broken or hostile input tried, with the outcome, the time and the peak memory.

Run: make bench-inputs   (or .venv/bin/python benchmarks/bad_inputs.py)
Each file goes through `readiness check --format json` in its own process, measured from
outside; the bound the product promises is 5 s and 500 MB per refusal.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import BAD_CELLS, HOSTILE, SAMPLE, measure  # noqa: E402

LIMIT_SECONDS, LIMIT_MB = 5.0, 500


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
                    outcome,
                    f"{seconds:.2f} s",
                    f"{peak_kb / 1024:.0f} MB",
                    "yes" if ok and within else "NO",
                )
            )
    headers = (
        "input",
        "file size",
        "outcome",
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

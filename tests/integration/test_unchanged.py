"""Every sample's outputs as the reader gets them, compared with a stored copy.

A redesign must not change what offices are told: ``results.json``, the action plan and the
report's text of each sample office are compared, after masking what changes between runs
(the version, timings, paths), with copies written by the code before the change
(``tests/golden/outputs/``). A deliberate change rewrites them with ``make golden``; review the
diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow
STORED = ROOT / "tests" / "golden" / "outputs"
SAMPLES = {
    "county": SAMPLE,
    "municipality": SAMPLE.with_name("obshtina-primerno.xlsx"),
    "city": SAMPLE.with_name("urzad-miasta-wzorowo.xlsx"),
}
#: keys of results.json that change between runs of the same code on the same data
VOLATILE = {"tool_version"}


class _Text(HTMLParser):
    """The text a reader sees: no style or script."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def _mask_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "<masked>" if k in VOLATILE else _mask_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_json(v) for v in value]
    if isinstance(value, str):
        return _mask_text(value)
    return value


def _mask_text(text: str) -> str:
    text = re.sub(
        r"readiness \d+\.\d+[\w.+-]*( \S+ [^\n]*\d{4}\b[^\n]*)?", "readiness <version>", text
    )
    return re.sub(r"/[^\s\"']*/(reports|sample)/", "<path>/", text)


def outputs(folder: Path) -> dict[str, str]:
    """The three outputs of one report folder, masked, as text."""
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    parser = _Text()
    parser.feed((folder / "gap-report.html").read_text(encoding="utf-8"))
    return {
        "results.json": json.dumps(_mask_json(results), ensure_ascii=False, indent=1) + "\n",
        "action-plan.csv": _mask_text((folder / "action-plan.csv").read_text(encoding="utf-8")),
        "report.txt": _mask_text("\n".join(parser.parts)) + "\n",
    }


@pytest.fixture(scope="module")
def fresh(sample_reports) -> dict[str, dict[str, str]]:
    return {name: outputs(sample_reports(workbook).folder) for name, workbook in SAMPLES.items()}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_outputs_match_the_stored_copy(fresh, name):
    stored = STORED / name
    if os.environ.get("READINESS_UPDATE_GOLDEN"):
        stored.mkdir(parents=True, exist_ok=True)
        for file, text in fresh[name].items():
            (stored / file).write_text(text, encoding="utf-8")
    for file, text in fresh[name].items():
        expected = (stored / file).read_text(encoding="utf-8")
        assert text.splitlines() == expected.splitlines(), f"{name}: {file} changed"


def test_stored_copies_exist_for_every_sample():
    assert sorted(p.name for p in STORED.iterdir()) == sorted(SAMPLES)

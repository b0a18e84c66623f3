"""Golden notebooks (as nbclient tests them): re-executed and compared after masking.

`make golden` rewrites them after a deliberate change to what a notebook shows; review the
diff before committing it.
"""

from __future__ import annotations

import os
import re

import nbformat
import pytest

from conftest import AS_OF, ROOT, SAMPLE
from readiness.run.execution import execute
from readiness.run.locations import notebooks_dir

pytestmark = pytest.mark.slow
GOLDEN = ROOT / "tests" / "golden"
CASES = {
    # golden file: (stage notebook, workbook, language)
    "05_readiness.county.en.ipynb": ("05_readiness.ipynb", SAMPLE, "en"),
    "06_surveillance.city.pl.ipynb": (
        "06_surveillance.ipynb",
        SAMPLE.with_name("urzad-miasta-wzorowo.xlsx"),
        "pl",
    ),
}


def masked(nb: nbformat.NotebookNode) -> list[dict[str, object]]:
    """What a reader sees, without what changes between runs (paths, timings, counters)."""
    cells = []
    for cell in nb.cells:
        source = re.sub(r'workbook = ".*?"', 'workbook = "<workbook>"', cell.source)
        outputs = [
            {key: value for key, value in o.get("data", {}).items() if key != "text/plain"}
            | ({"text": o["text"]} if "text" in o else {})
            for o in cell.get("outputs", [])
        ]
        cells.append({"type": cell.cell_type, "source": source, "outputs": outputs})
    return cells


@pytest.mark.parametrize("golden", sorted(CASES))
def test_notebook_output_matches_its_golden_copy(golden, tmp_path):
    name, workbook, lang = CASES[golden]
    out = execute(
        notebooks_dir() / name,
        tmp_path / name,
        {"workbook": str(workbook), "as_of": AS_OF.isoformat(), "lang": lang},
        cwd=notebooks_dir(),
    )
    fresh = nbformat.read(out, as_version=4)
    target = GOLDEN / golden
    if os.environ.get("READINESS_UPDATE_GOLDEN"):
        fresh.metadata.pop("papermill", None)  # timings and paths of this run
        for cell in fresh.cells:  # per-cell timings and random ids: noise in the diff
            cell.metadata.pop("papermill", None)
            cell.metadata.pop("execution", None)
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected-parameters"
        nbformat.write(fresh, str(target))
    golden_nb = nbformat.read(str(target), as_version=4)
    assert masked(fresh) == masked(golden_nb)


def test_goldens_exist_for_every_case():
    assert sorted(p.name for p in GOLDEN.glob("*.ipynb")) == sorted(CASES)

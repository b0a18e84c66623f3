"""Golden notebooks: re-executed and compared after masking.

The report's notebook is run as ``readiness report`` runs it: the stage notebooks composed
into one, executed with the model the command built as its state (``build_report``). One
stage notebook is also run as JupyterLab runs it, without a state, reading the workbook.

`make golden` rewrites them after a deliberate change to what a notebook shows; review the
diff before committing it.
"""

from __future__ import annotations

import os
import re

import nbformat
import pytest

from conftest import AS_OF, ROOT, SAMPLE
from readiness.render.environment import TOC_KEY
from readiness.run.execution import execute
from readiness.run.locations import notebooks_dir
from readiness.run.session import reset_code

pytestmark = pytest.mark.slow
GOLDEN = ROOT / "tests" / "golden"
CITY = SAMPLE.with_name("urzad-miasta-wzorowo.xlsx")
CASES = {
    # golden file: (stage notebook, or None for the report's composed one; workbook, language)
    "05_readiness.county.en.ipynb": ("05_readiness.ipynb", SAMPLE, "en"),
    "report.county.en.ipynb": (None, SAMPLE, "en"),
    "report.city.pl.ipynb": (None, CITY, "pl"),
}
PATH = re.compile(
    r"([\"'])/[^\"']*\1"
)  # an absolute path the run passed (workbook, state, folders)


def masked(nb: nbformat.NotebookNode) -> list[dict[str, object]]:
    """What a reader sees, without what changes between runs (paths, timings, counters)."""
    cells = []
    for cell in nb.cells:
        # the kernel's preamble forgets the previous notebook's names (``%reset -f``) unless
        # the notebook is the kernel's first: that depends on the kernel's earlier runs
        source = cell.source.removesuffix("\n" + reset_code(None))
        source = re.sub(r'workbook = ".*?"', 'workbook = "<workbook>"', source)
        source = PATH.sub(r"\1<path>\1", source)
        outputs = [
            {key: value for key, value in o.get("data", {}).items() if key != "text/plain"}
            | ({"text": o["text"]} if "text" in o else {})
            # the contents entries each section carries for the report's table of contents
            | ({"contents": o["metadata"][TOC_KEY]} if TOC_KEY in o.get("metadata", {}) else {})
            for o in cell.get("outputs", [])
        ]
        cells.append({"type": cell.cell_type, "source": source, "outputs": outputs})
    return cells


@pytest.mark.parametrize("golden", sorted(CASES))
def test_notebook_output_matches_its_golden_copy(golden, tmp_path, sample_reports):
    name, workbook, lang = CASES[golden]
    if name is None:  # as the command runs it: composed, with the model as its state
        paths = sample_reports(workbook, lang)  # the session's run (tests/conftest.py)
        assert paths.notebook is not None
        out = paths.notebook
    else:  # as JupyterLab runs one stage notebook: it reads the workbook itself
        executed = execute(
            notebooks_dir() / name,
            tmp_path / name,
            {"workbook": str(workbook), "as_of": AS_OF.isoformat(), "lang": lang},
            cwd=notebooks_dir(),
        )
        out = tmp_path / name
        assert executed.cells and out.is_file()  # returned, and written
    fresh = nbformat.read(out, as_version=4)
    target = GOLDEN / golden
    if os.environ.get("READINESS_UPDATE_GOLDEN"):
        fresh.metadata.pop("papermill", None)  # timings and paths of this run
        for cell in fresh.cells:  # per-cell timings and random ids: noise in the diff
            cell.metadata.pop("papermill", None)
            cell.metadata.pop("execution", None)
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected-parameters"
            cell.source = cell.source.removesuffix("\n" + reset_code(None))  # as masked()
        nbformat.write(fresh, str(target))
    golden_nb = nbformat.read(str(target), as_version=4)
    assert masked(fresh) == masked(golden_nb)


def test_goldens_exist_for_every_case():
    assert sorted(p.name for p in GOLDEN.glob("*.ipynb")) == sorted(CASES)


def test_the_golden_report_keeps_every_sections_contents_entries():
    # the masking must keep what the table of contents is built from: a composed report
    # whose entries vanished would otherwise still match its golden copy
    report = nbformat.read(str(GOLDEN / "report.county.en.ipynb"), as_version=4)
    entries = [
        e
        for cell in masked(report)
        for o in cell["outputs"]
        for e in o.get("contents", {}).get("toc", [])
    ]  # type: ignore[union-attr]
    assert len(entries) >= 8 and ["clauses", "Clause-by-clause assessment"] in entries

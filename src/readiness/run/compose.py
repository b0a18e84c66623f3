"""The stage notebooks a report runs, composed into one notebook, and its parameters.

The stage notebooks up to the office's stage, then the extra notebooks (transition,
frameworks) that apply, are composed into one: the first notebook's parameters and setup
cells, every notebook's section cells, ``report-end`` cells last, ``lab-only`` cells removed
by nbconvert's ``TagRemovePreprocessor``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import nbformat

from readiness.core.catalogue import Catalogue, Stage
from readiness.run.execution import SOURCE_KEY

END_TAG = "report-end"  # cells with this tag go to the end of the merged report
LAB_TAG = "lab-only"  # cells for people exploring in JupyterLab; not run for a report
SETUP_TAGS = ("parameters", "setup")  # a stage notebook's own start: once, from the first one
NEXT_EDITION = ""  # 07_transition's ``edition`` parameter: the edition after the report's own


def stage_notebooks(catalogue: Catalogue, stage_id: str) -> list[tuple[Stage, str]]:
    """The notebooks to run for an office at ``stage_id``: each stage's up to it, once each."""
    seen: set[str] = set()
    out = []
    for stage in catalogue.stages_up_to(stage_id):
        if stage.notebook and stage.notebook not in seen:
            seen.add(stage.notebook)
            out.append((stage, stage.notebook))
    return out


def compose(paths: Sequence[Path]) -> nbformat.NotebookNode:
    """One notebook of the stage notebooks' cells, as a report runs them.

    The first notebook's parameters and setup cells start it; the later notebooks' own are
    left out (they would set the parameters back to their defaults). ``report-end`` cells
    go last, ``lab-only`` cells are removed (nbconvert's ``TagRemovePreprocessor``), and each
    cell records the stage notebook it comes from, so a failure names it.
    """
    from nbconvert.preprocessors import TagRemovePreprocessor

    composed: nbformat.NotebookNode = nbformat.read(str(paths[0]), as_version=4)
    cells = []
    for index, path in enumerate(paths):
        node = composed if index == 0 else nbformat.read(str(path), as_version=4)
        for cell in node.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if index and any(t in tags for t in SETUP_TAGS):
                continue
            cell.metadata[SOURCE_KEY] = {"notebook": path.name}
            cells.append(cell)
    ending = [c for c in cells if END_TAG in c.metadata.get("tags", [])]
    composed.cells = [c for c in cells if c not in ending] + ending
    for index, cell in enumerate(composed.cells):
        cell["id"] = f"cell-{index:03d}"  # ids must stay unique in one notebook
    remove = TagRemovePreprocessor(remove_cell_tags={LAB_TAG}, enabled=True)
    composed, _resources = remove.preprocess(composed, {})
    return composed


def frameworks_parameter(shown: Sequence[str]) -> str:
    """08_frameworks' ``frameworks`` parameter for the frameworks ``shown``."""
    return ",".join(shown) or "none"

"""An objective's chart: the target's label never covers a result or a result's label."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Annotation

from readiness.render.charts import objective_figure

# the city sample's first objective, whose 97,4 sat under "target 97" (and a steep one)
CASES = [
    (["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"], [96.1, 96.8, 97.4, 97.9], 97.0),
    (["2026-H1"], [86.5], 90.0),
    (["2024", "2025", "2026"], [99.0, 100.0, 100.0], 100.0),
    (["Q1", "Q2"], [10.0, 9.0], 9.0),
]


@pytest.mark.parametrize(("labels", "values", "target"), CASES)
def test_the_target_label_stands_clear_of_every_point_and_its_label(labels, values, target):
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 8}):
        fig = objective_figure(
            labels, values, [str(v) for v in values], target, f"target {target}", "Indicator"
        )
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        ax = fig.axes[0]
        notes = [t for t in ax.texts if isinstance(t, Annotation)]
        target_note = next(t for t in notes if t.get_text().startswith("target"))
        box = target_note.get_window_extent(renderer)
        points = ax.transData.transform(list(zip(range(len(values)), values, strict=True)))
        others = [t.get_window_extent(renderer) for t in notes if t is not target_note]
        assert len(others) == len(values)
        assert not any(box.overlaps(other) for other in others)
        assert not any(box.contains(x, y) for x, y in points)
        assert box.x0 >= ax.get_window_extent(renderer).x1  # right of the plot, by its line

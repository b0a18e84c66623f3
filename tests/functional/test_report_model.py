"""The report's model: built once, frozen, the one source of results.json, the plan and the view."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import ROOT, SAMPLE
from readiness import __version__
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.io.output import PromoteTimeout, promote_locked
from readiness.io.workbook import load_workbook
from readiness.render.model import ReportModel, build_model, plan_of, results_of
from readiness.render.view import GapReport
from readiness.run.state import load_state, state_bytes

AS_OF = dt.date(2026, 11, 16)
CITY = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"  # certified: a transition follows
CAT = load_catalogue()


@pytest.fixture(scope="module")
def city() -> ReportModel:
    book = load_workbook(CITY, as_of=AS_OF, catalogue=load_catalogue())
    return build_model(
        book, assess(book, AS_OF, catalogue=CAT), "pl", CAT, transition="", frameworks=("kz",)
    )


def test_the_model_is_frozen_and_the_view_has_nothing_to_compute_with(city: ReportModel) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        city.headline = "changed"  # type: ignore[misc]
    report = GapReport(city)
    assert not hasattr(report, "once") and not hasattr(report, "results")
    # what the cover, ladder and results.json show is the model's, word for word
    assert report.headline() == city.headline == report.verdict_headline(city.verdict)
    assert report.gates is city.gates and report.verdicts is city.verdicts


def test_results_and_plan_come_from_the_model_with_the_sections_it_holds(
    city: ReportModel,
) -> None:
    results = results_of(city, __version__)
    assert results["verdict"]["headline"] == city.headline
    assert results["verdict"]["urgent"] == (city.urgent or None)
    assert city.transition is not None
    assert results["transition"]["edition"] == city.transition.edition.id
    assert [f["framework"] for f in results["frameworks"]] == ["kz"]
    # a model built without those sections writes neither key
    bare = dataclasses.replace(city, transition=None, frameworks=())
    assert not {"transition", "frameworks"} & set(results_of(bare, __version__))
    assert plan_of(city) == []  # the certified sample is ready: nothing to plan
    county = load_workbook(SAMPLE, as_of=AS_OF, catalogue=load_catalogue())
    rows = plan_of(build_model(county, assess(county, AS_OF, catalogue=CAT), "en", CAT))
    assert rows and all(row["description"] for row in rows)


def test_the_kernels_state_is_the_model_itself(city: ReportModel, tmp_path: Path) -> None:
    path = tmp_path / "state.pickle"
    path.write_bytes(state_bytes(city))
    assert load_state(path) == city
    path.write_bytes(state_bytes(city.assessment))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no report model"):
        load_state(path)


def test_a_promote_waits_for_the_dates_lock_and_gives_up(tmp_path: Path) -> None:
    staging, final = tmp_path / ".2026-11-16.partial-x", tmp_path / "2026-11-16"
    staging.mkdir()
    (staging / "results.json").write_text("{}")
    with FileLock(tmp_path / ".2026-11-16.lock"), pytest.raises(PromoteTimeout):
        promote_locked(staging, final, seconds=0.1)
    assert staging.is_dir() and not final.exists()  # nothing moved while another run held it
    assert promote_locked(staging, final, seconds=0.1) == final
    assert (final / "results.json").is_file() and not staging.exists()

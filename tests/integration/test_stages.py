"""Reports walk the stages: notebooks up to the office's stage, the ladder, trend over runs."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import nbformat
import pytest
from build_sample import city_office_certified
from test_report import visible_text

from conftest import ROOT
from readiness.run.pipeline import build_report

pytestmark = pytest.mark.slow
SAMPLES = ROOT / "data" / "sample"


def test_certified_office_runs_every_stage_notebook(tmp_path):
    paths = build_report(
        SAMPLES / "urzad-miasta-wzorowo.xlsx",
        out=tmp_path,
        as_of=dt.date(2026, 11, 16),
        lang="en",
        formats=["html"],
    )
    assert paths.stages == (
        "initial",
        "documentation",
        "implementation",
        "evaluation",
        "readiness",
        "surveillance",
    )
    composed = nbformat.read(paths.notebook, as_version=4)
    executed = sorted(
        {c.metadata["readiness"]["notebook"] for c in composed.cells if "readiness" in c.metadata}
    )
    assert executed == [
        "01_initial_gap_analysis.ipynb", "02_documentation.ipynb", "03_implementation.ipynb",
        "04_evaluation.ipynb", "05_readiness.ipynb", "06_surveillance.ipynb",
        "07_transition.ipynb", "08_frameworks.ipynb",  # a certified office: the next edition
    ]  # fmt: skip
    html = paths.html.read_text(encoding="utf-8")
    text = visible_text(html)
    headline = (
        "Ready for surveillance audit 2: planned for June 16, 2027, "
        "to be held by December 31, 2027 at the latest."
    )
    assert text.count(headline) == 3  # the cover, the road to certification, the verdict
    assert "Ready for the stage 1 audit" not in text
    assert "Not ready for the stage 1 audit" not in text
    assert "Planned stage 1 audit" not in text  # long past for a certified office
    for n, name in enumerate(
        ["Initial stage", "Documentation development", "Implementation"], start=1
    ):
        assert f"Step {n}: {name}" in text
    assert "surveillance audit 2: planned for June 16, 2027" in text
    assert "to be held by December 31, 2027 at the latest" in text
    assert "agree the date with the certification body by December 15, 2027" in text
    assert text.index("The road to certification") < text.index("Step 1: Initial stage")
    assert text.index("Certification cycle") < text.index("Appendix: how this report is worked out")
    ladder = html[html.index('id="ladder"') : html.index("</section>", html.index('id="ladder"'))]
    steps = re.findall(r'<li class="step ([a-z ]+)">', ladder)
    assert [s.split()[0] for s in steps] == ["travelled"] * 5 + ["passed", "ahead"]
    results = json.loads(paths.results.read_text(encoding="utf-8"))
    assert results["verdict"]["ready"] and results["verdict"]["audit"] == "surveillance"
    assert results["verdict"]["headline"] == headline
    assert results["cycle"]["next_surveillance"] == "2027-12-31"
    assert results["cycle"]["surveillance_planned"] == "2027-06-16"
    assert results["gates"]["recertification"]["state"] == "ahead"


def test_stage_option_and_the_not_ready_verdict(tmp_path):
    paths = build_report(
        SAMPLES / "starostwo-przykladowo.xlsx",
        out=tmp_path,
        as_of=dt.date(2026, 11, 16),
        lang="en",
        stage="readiness",
        formats=["html"],
    )
    assert paths.stages[-1] == "readiness"
    text = visible_text(paths.html.read_text(encoding="utf-8"))
    verdicts = json.loads(paths.results.read_text(encoding="utf-8"))["verdicts"]
    n, m = verdicts["stage1"]["blockers"], verdicts["stage2"]["blockers"]
    assert 1 < n < m
    assert f"Not ready for the stage 1 audit: {n} blockers." in text
    assert f"Not ready for the stage 2 audit: {m} blockers." in text
    # audit coverage is what stage 2 asks for (ISO/IEC 17021-1:2015, 9.3.1.3), not stage 1
    assert "9.2.2 was not covered by an internal audit in the last 12 months" in text
    assert not any("internal audit" in r for g in verdicts["stage1"]["blocker_groups"]
                   for r in g["reasons"])  # fmt: skip
    assert paths.action_plan[0].exists() and paths.action_plan[1].exists()


def test_trend_over_three_runs(tmp_path, make_workbook):
    content = copy.deepcopy(city_office_certified())
    levels = {row["ref"]: row for row in content["clauses"]}
    levels["8.5.4"]["level"] = 1
    levels["7.1.6"]["level"] = 2
    out = tmp_path / "reports"
    first = build_report(
        make_workbook(content, name="office.xlsx"),
        out=out,
        as_of=dt.date(2026, 11, 16),
        formats=["html"],
        lang="en",
    )
    levels["8.5.4"]["level"] = 2
    second = build_report(
        make_workbook(content, name="office.xlsx"),
        out=out,
        as_of=dt.date(2026, 12, 15),
        formats=["html"],
        lang="en",
    )
    levels["8.5.4"]["level"] = 3
    levels["7.1.6"]["level"] = 1  # a regression
    content["findings"].append(
        {
            "id": "NEW-1",
            "ref": "7.1.6",
            "source": "internal_audit",
            "grade": "minor",
            "description": "knowledge lost",
            "action": "fix",
            "owner": "A",
            "due": dt.date(2027, 1, 1),
            "status": "open",
        }
    )
    third = build_report(
        make_workbook(content, name="office.xlsx"),
        out=out,
        as_of=dt.date(2027, 1, 20),
        formats=["html"],
        lang="en",
    )
    assert first.folder.parent == second.folder.parent == third.folder.parent

    html = third.html.read_text(encoding="utf-8")
    text = visible_text(html)
    assert "Compared with the run of December 15, 2026." in text
    progress = html[
        html.index('id="progress"') : html.index("</section>", html.index('id="progress"'))
    ]
    assert progress.count("<svg") == 1
    for label in ("11/16/26", "12/15/26", "1/20/27"):  # one point per run, oldest first
        assert label in progress
    assert "8.5.4 Preservation" in text and "7.1.6 Organizational knowledge" in text
    assert "Finding opened since: NEW-1" in text  # one finding: the singular
    results = [json.loads(p.results.read_text()) for p in (first, second, third)]
    overall = [r["overall_readiness"] for r in results]
    assert overall[0] < overall[1] == overall[2]  # +1 level, then +1 and -1 against the same target
    first_text = visible_text(first.html.read_text(encoding="utf-8"))
    assert "This is the first run for this office" in first_text


def test_previous_option_compares_with_a_chosen_run(tmp_path, make_workbook):
    content = copy.deepcopy(city_office_certified())
    out = tmp_path / "reports"
    older = build_report(
        make_workbook(content, name="o.xlsx"),
        out=out,
        as_of=dt.date(2026, 11, 16),
        formats=["html"],
        lang="en",
    )
    build_report(
        make_workbook(content, name="o.xlsx"),
        out=out,
        as_of=dt.date(2026, 12, 1),
        formats=["html"],
        lang="en",
    )
    latest = build_report(
        make_workbook(content, name="o.xlsx"),
        out=out,
        as_of=dt.date(2027, 1, 5),
        formats=["html"],
        lang="en",
        previous=older.folder,
    )
    assert "Compared with the run of November 16, 2026." in visible_text(
        latest.html.read_text(encoding="utf-8")
    )

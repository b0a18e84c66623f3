"""``readiness portfolio`` on a LocalCluster: failure isolation, identities, the re-run's skips."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
from dataclasses import replace

import pytest

from conftest import ROOT, require_tool
from readiness.cli import main
from readiness.core.catalogue import load_catalogue

pytestmark = pytest.mark.slow
AS_OF = dt.date(2026, 11, 20)


def task_for(path, formats=("html",), out=None):
    """A worker's task for one workbook: its bytes, or its path when ``out`` is given."""
    from readiness.io.portfolio import Source
    from readiness.run.worker import Task

    task = Task(Source(path, path.name), AS_OF, None, tuple(formats))
    if out is None:
        return replace(task, data=path.read_bytes())
    return replace(task, out=str(out))


@pytest.fixture(scope="module")
def make():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_offices import make_offices, office_content
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return make_offices, office_content


def test_portfolio_reports_every_office_isolates_failures_and_skips_unchanged(
    make, tmp_path, capsys
):
    make_offices, office_content = make
    # offices 2 and 4 take the names of offices 1 and 3: same name, different workbooks
    paths = make_offices(4, tmp_path / "in", seed=5, broken=2, duplicates=2)
    out = tmp_path / "reports"
    args = ["portfolio", str(tmp_path / "in"), "--out", str(out), "--as-of", AS_OF.isoformat()]
    status = main([*args, "--workers", "2", "--format", "html,pdf"])
    captured = capsys.readouterr()
    assert status == 4, captured.err  # some failed: the two broken workbooks
    assert "Workbooks found: 6; unchanged since their last report, skipped: 0" in captured.err
    assert "4 reported, 0 skipped (unchanged), 2 failed" in captured.err
    reports = sorted(out.glob(f"*/{AS_OF}/results.json"))
    assert len(reports) == 4
    names = [json.loads(p.read_text())["office"]["name"] for p in reports]
    assert len(set(names)) == 2  # two names, four offices, four folders
    assert len({p.parent.parent.name for p in reports}) == 4
    dashboard = out / "_portfolio" / AS_OF.isoformat()
    printed = captured.out.split()
    for kind in ("dashboard.html", "dashboard.pdf", "portfolio.xlsx"):
        assert str(dashboard / kind) in printed
    page = (dashboard / "dashboard.html").read_text(encoding="utf-8")
    for name in names:
        assert page.count(f">{name}</a></td>") == 2
    failed = page.split('id="failed"', 1)[1].split("</section>", 1)[0]
    for broken in paths[4:]:
        assert str(broken) in failed
    assert failed.count("workbook-errors") == 2
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, str(dashboard / "dashboard.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "broken-not-a-workbook.xlsx" in text and names[0].split()[-1] in text

    # change one office, run again: only that one is reported on; the rest are skipped
    lang, content = office_content(1, __import__("random").Random(99))
    from readiness.io.template import write_workbook

    write_workbook(paths[0], lang=lang, content=content, catalogue=load_catalogue())
    status = main([*args, "--workers", "1", "--format", "html"])
    captured = capsys.readouterr()
    assert status == 4
    assert "Workbooks found: 6; unchanged since their last report, skipped: 3" in captured.err
    assert "1 reported, 3 skipped (unchanged), 2 failed" in captured.err
    page = (dashboard / "dashboard.html").read_text(encoding="utf-8")
    assert page.split('<table id="portfolio"', 1)[1].count("<tr><td><a href=") == 4


def test_nothing_found_is_a_usage_error(tmp_path, capsys):
    assert main(["portfolio", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_a_worker_keeps_its_kernel_warm_across_offices_and_bad_workbooks(make, tmp_path):
    from readiness.run.worker import Reply, close_sessions, report_office

    make_offices, _content = make
    paths = make_offices(2, tmp_path / "in", seed=8, broken=1)
    good, broken = paths[:2], paths[2]
    replies = []
    try:
        for path in (good[0], broken, good[1]):  # bytes, as a remote cluster's worker gets them
            task = task_for(path)
            assert pickle.loads(pickle.dumps(task)) == task  # Dask sends it to a worker
            replies.append(report_office(task))
    finally:
        close_sessions()
    for reply in replies:  # and sends the reply back
        assert isinstance(reply, Reply) and pickle.loads(pickle.dumps(reply)) == reply
    outcomes = [r.outcome for r in replies]
    assert [o.status for o in outcomes] == ["ok", "failed", "ok"], outcomes[2].message
    assert outcomes[1].code == "workbook-errors" and replies[1].archive is None
    assert outcomes[1].source.path == broken and outcomes[1].identity == ""
    assert outcomes[0].pid == outcomes[2].pid
    assert outcomes[2].seconds < outcomes[0].seconds  # the kernel was already warm
    assert replies[2].archive is not None and b"results.json" in replies[2].archive


def test_registers_beside_an_office_workbook_are_its_evidence_not_offices(sample, tmp_path, capsys):
    # the county sample's folder holds its registers (three of them .xlsx), named by the
    # sources file its Office sheet points to: one office, reported with its registers
    out = tmp_path / "reports"
    args = ["portfolio", str(sample.parent), "--out", str(out), "--as-of", "2026-11-16"]
    status = main([*args, "--workers", "1", "--lang", "en"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Workbooks found: 1;" in captured.err
    (report,) = out.glob("*/2026-11-16-en/gap-report.html")  # a language not the office's own
    page = report.read_text(encoding="utf-8")
    for register in ("rejestr-skarg-i-wnioskow.xlsx", "szkolenia-ezd.csv", "wykaz-dokumentow.ods"):
        assert register in page  # the registers' appendix names where each fact came from
    results = json.loads((report.parent / "results.json").read_text(encoding="utf-8"))
    assert results["registers"]


def test_reports_none_writes_results_and_plans_without_any_kernel(make, tmp_path, capsys):
    from readiness.run import worker

    make_offices, _content = make
    paths = make_offices(2, tmp_path / "in", seed=11)
    task = task_for(paths[0], formats=())
    reply = worker.report_office(task)
    assert reply.outcome.status == "ok", reply.outcome.message
    assert not worker._SESSIONS  # no kernel was started for it
    archive = reply.archive or b""
    assert b"results.json" in archive and b"action-plan.xlsx" in archive
    assert b"gap-report" not in archive
    # the command: every office's results and action plan, the dashboard linking results.json
    out = tmp_path / "reports"
    args = ["portfolio", str(tmp_path / "in"), "--out", str(out), "--as-of", AS_OF.isoformat()]
    status = main([*args, "--workers", "1", "--reports", "none", "--format", "html"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    folders = sorted(p.parent for p in out.glob(f"*/{AS_OF}/results.json"))
    assert len(folders) == 2
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == [
            "action-plan.csv",
            "action-plan.xlsx",
            "results.json",
        ]
        # what the report's sections would show is in results.json all the same
        results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        assert results["frameworks"] and results["frameworks"][0]["framework"] == "caf2020"
    page = (out / "_portfolio" / AS_OF.isoformat() / "dashboard.html").read_text(encoding="utf-8")
    for folder in folders:
        assert f'href="../../{folder.parent.name}/{AS_OF}/results.json"' in page
    assert main([*args, "--reports", "nothing"]) == 2
    assert "choose from html, pdf, none" in capsys.readouterr().err


def test_the_kernel_warm_up_starts_serves_the_offices_of_every_thread(make, tmp_path):
    # Dask runs warm_up in another thread than the tasks: the kernel it starts must be the
    # one the offices run on, not an idle second kernel per worker
    import asyncio
    import threading

    from readiness.run import worker

    def warm() -> None:
        worker.warm_up()
        # jupyter_core gave this thread an event loop of its own; a Dask worker's lives on
        asyncio.get_event_loop_policy().get_event_loop().close()

    make_offices, _content = make
    paths = make_offices(2, tmp_path / "in", seed=12)
    try:
        warming = threading.Thread(target=warm)
        warming.start()
        warming.join()
        assert len(worker._SESSIONS) == 1
        for path in paths:
            task = task_for(path, out=tmp_path / "reports")
            assert worker.report_office(task).outcome.status == "ok"
        assert len(worker._SESSIONS) == 1  # one kernel served the warm-up and both offices
    finally:
        worker.close_sessions()
    assert not worker._SESSIONS

"""A real Dask scheduler and two workers on loopback run a small portfolio through --scheduler.

One worker is killed mid-run: every office still has exactly one report, none is lost or
written twice. Everything listens on 127.0.0.1 only and is killed in a finally.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest

from cluster import HOST, generated_offices, kill, start

pytestmark = pytest.mark.slow
AS_OF = "2026-11-20"
OFFICES = 4


@pytest.fixture
def offices(tmp_path):
    return generated_offices(tmp_path / "in", OFFICES, seed=11, broken=1, duplicates=2)


def test_scheduler_and_two_workers_on_loopback_survive_a_killed_worker(offices, tmp_path):
    procs: list[subprocess.Popen[bytes]] = []
    out = tmp_path / "reports"
    contact = tmp_path / "scheduler.json"
    try:
        # port 0: the system picks a free port; the scheduler writes its address to a file
        procs.append(
            start(["scheduler", "--host", HOST, "--port", "0", "--no-dashboard",
                   "--dashboard-address", f"{HOST}:0",  # its HTTP routes: loopback too
                   "--scheduler-file", str(contact)], tmp_path / "scheduler.log")
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not contact.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(contact.read_text())["address"]
        assert address.startswith(f"tcp://{HOST}:")
        for name in ("w1", "w2"):
            procs.append(
                start(
                    ["worker", address, "--host", HOST, "--nthreads", "1", "--name", name,
                     "--no-dashboard", "--dashboard-address", f"{HOST}:0",
                     "--memory-limit", "0"],
                    tmp_path / f"{name}.log",
                )
            )  # fmt: skip
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            names = {w["name"] for w in client.scheduler_info()["workers"].values()}
            assert names == {"w1", "w2"}  # ours, and only ours
        killed = threading.Event()

        def kill_one_worker_after_the_first_report() -> None:
            deadline = time.monotonic() + 150
            while time.monotonic() < deadline:
                if list(out.glob(f"*/{AS_OF}/results.json")):
                    kill(procs[1])  # w1, whatever it is doing
                    killed.set()
                    return
                time.sleep(0.1)

        watcher = threading.Thread(target=kill_one_worker_after_the_first_report, daemon=True)
        watcher.start()
        command = [
            sys.executable, "-m", "readiness.cli", "portfolio", str(offices), "--out", str(out),
            "--as-of", AS_OF, "--scheduler", address, "--format", "html",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=240)
        watcher.join(timeout=5)
    finally:
        for proc in reversed(procs):
            kill(proc)
    assert killed.is_set(), "no report appeared before the deadline"
    manifest = json.loads((out / "_portfolio" / "manifest.json").read_text())["entries"]
    assert done.returncode == 4, done.stderr  # the broken workbook, and only it, failed
    assert sorted(e["status"] for e in manifest.values()) == ["failed"] + ["ok"] * OFFICES, [
        (e["code"], e["message"][:900]) for e in manifest.values() if e["code"] != "workbook-errors"
    ]
    reports = sorted(out.glob(f"*/{AS_OF}/results.json"))
    assert len(reports) == OFFICES  # none lost
    folders = [p.parent.parent.name for p in reports]
    assert len(set(folders)) == OFFICES  # none written twice; same-name offices apart
    for report in reports:
        assert json.loads(report.read_text())["as_of"] == AS_OF
        assert (report.parent / "gap-report.html").is_file()
        assert not list(report.parent.parent.glob(".*partial*"))  # nothing half-written left
    manifest = json.loads((out / "_portfolio" / "manifest.json").read_text())["entries"]
    assert sorted(e["status"] for e in manifest.values()) == ["failed"] + ["ok"] * OFFICES
    page = (out / "_portfolio" / AS_OF / "dashboard.html").read_text()
    assert page.split('<table id="portfolio"', 1)[1].count("<tr><td><a href=") == OFFICES
    assert "broken-not-a-workbook.xlsx" in page

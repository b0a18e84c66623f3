"""JupyterLab on the stage notebooks: the server serves them, and they run as a user runs them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from readiness.run.execution import execute
from readiness.run.locations import notebooks_dir

pytestmark = pytest.mark.slow
TOKEN = "readiness-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as answer:  # loopback only
        return answer.status, answer.read()


def test_readiness_lab_serves_the_stage_notebooks(tmp_path):
    port = free_port()
    exe = Path(sys.executable).with_name("readiness")
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    server = subprocess.Popen(
        [
            str(exe),
            "lab",
            "--no-browser",
            "--port",
            str(port),
            "--",
            f"--IdentityProvider.token={TOKEN}",
            "--ServerApp.ip=127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = fetch(f"{base}/api/contents?token={TOKEN}")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.5)
        names = {item["name"] for item in json.loads(body)["content"]}
        assert status == 200
        assert {p.name for p in notebooks_dir().glob("*.ipynb")} <= names
        status, page = fetch(f"{base}/lab?token={TOKEN}")
        assert status == 200 and b"JupyterLab" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()


def test_notebook_runs_as_in_jupyterlab_with_its_styled_table(tmp_path):
    notebook = notebooks_dir() / "01_initial_gap_analysis.ipynb"
    nb = execute(notebook, tmp_path / "01.ipynb", {"as_of": "2026-11-16"}, cwd=notebooks_dir())
    assert nbformat.read(tmp_path / "01.ipynb", as_version=4).cells == nb.cells  # written too
    lab_cells = [c for c in nb.cells if "lab-only" in c.metadata.get("tags", [])]
    assert len(lab_cells) == 1
    html = lab_cells[0].outputs[0]["data"]["text/html"]
    assert "<style" in html and "▼ luka" in html and "✓ spełnia oczekiwania" in html
    assert "8.5.6 Nadzorowanie zmian" in html
    sections = [
        o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})
    ]
    assert any(
        'id="ladder"' in o["data"]["text/html"] for o in sections
    )  # the report's sections too

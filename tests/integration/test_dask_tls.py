"""A cluster that carries personal data over the network speaks TLS.

A certificate authority and a certificate are made for the test; a real scheduler and two
workers listen on 127.0.0.1 with TLS only; ``readiness portfolio --scheduler tls://...``
with ``--tls-ca-file``, ``--tls-cert`` and ``--tls-key`` reports on a small portfolio. A
client without the certificate, one with a certificate of another authority, and one that
speaks plain TCP are refused, and the command says so without a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from cluster import HOST, generated_offices, kill, make_tls, start

pytestmark = pytest.mark.slow
AS_OF = "2026-11-20"
OFFICES = 2


@pytest.fixture
def offices(tmp_path):
    return generated_offices(tmp_path / "in", OFFICES, seed=3)


def portfolio(offices, out, address, *tls: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "readiness.cli", "portfolio", str(offices), "--out", str(out),
        "--as-of", AS_OF, "--scheduler", address, "--reports", "none", "--format", "html", *tls,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=240)


def test_portfolio_over_tls_and_a_client_without_the_certificate_refused(offices, tmp_path):
    files = make_tls(tmp_path / "tls")
    other = make_tls(tmp_path / "other", name="another")
    tls = ["--tls-ca-file", str(files["ca"]), "--tls-cert", str(files["cert"]),
           "--tls-key", str(files["key"])]  # fmt: skip
    procs: list[subprocess.Popen[bytes]] = []
    contact = tmp_path / "scheduler.json"
    try:
        procs.append(
            start(["scheduler", "--host", HOST, "--port", "0", "--protocol", "tls", *tls,
                   "--no-dashboard", "--dashboard-address", f"{HOST}:0",
                   "--scheduler-file", str(contact)], tmp_path / "scheduler.log")
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not contact.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(contact.read_text())["address"]
        assert address.startswith(f"tls://{HOST}:")
        for name in ("w1", "w2"):
            procs.append(
                start(["worker", address, "--host", HOST, "--nthreads", "1", "--name", name,
                       "--no-dashboard", "--dashboard-address", f"{HOST}:0",
                       "--memory-limit", "0", *tls], tmp_path / f"{name}.log")
            )  # fmt: skip
        from distributed import Client
        from distributed.security import Security

        security = Security(  # type: ignore[no-untyped-call]
            tls_ca_file=str(files["ca"]),
            tls_client_cert=str(files["cert"]),
            tls_client_key=str(files["key"]),
            require_encryption=True,
        )
        with Client(address, timeout="30s", security=security) as client:
            client.wait_for_workers(2, timeout=60)
            workers = client.scheduler_info()["workers"]
            assert {w["name"] for w in workers.values()} == {"w1", "w2"}
            assert all(a.startswith(f"tls://{HOST}:") for a in workers)

        done = portfolio(offices, tmp_path / "reports", address, *tls)
        assert done.returncode == 0, done.stderr
        assert f"{OFFICES} reported, 0 skipped (unchanged), 0 failed" in done.stderr
        assert len(list((tmp_path / "reports").glob(f"*/{AS_OF}/results.json"))) == OFFICES

        refused = {
            "no certificate": portfolio(offices, tmp_path / "r1", address),
            "another authority's certificate": portfolio(
                offices,
                tmp_path / "r2",
                address,
                "--tls-ca-file",
                str(files["ca"]),
                "--tls-cert",
                str(other["cert"]),
                "--tls-key",
                str(other["key"]),
            ),
            "plain TCP": portfolio(offices, tmp_path / "r3", address.replace("tls://", "tcp://")),
        }
    finally:
        for proc in reversed(procs):
            kill(proc)
    for why, done in refused.items():
        assert done.returncode == 3, (why, done.stderr)
        assert "cannot connect to the Dask scheduler" in done.stderr, why
        assert "Traceback" not in done.stderr, (why, done.stderr)
        assert not list((tmp_path / "r1").glob(f"*/{AS_OF}/results.json"))
    assert "--tls-ca-file" in refused["no certificate"].stderr


def test_tls_options_without_a_tls_scheduler_are_a_usage_error(tmp_path, offices):
    files = make_tls(tmp_path / "tls")
    done = portfolio(offices, tmp_path / "r", "tcp://127.0.0.1:1", "--tls-ca-file",
                     str(files["ca"]), "--tls-cert", str(files["cert"]))  # fmt: skip
    assert done.returncode == 2 and "need --scheduler tls://" in done.stderr

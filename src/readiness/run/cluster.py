"""The portfolio's Dask cluster: a LocalCluster sized to the machine, or a scheduler's, over TLS.

``readiness portfolio`` reaches its workers through :func:`client`: the cluster behind
``--scheduler`` (``tls://`` with the ``--tls-*`` files as a ``distributed.security.Security``
from :func:`tls_security`), or a ``LocalCluster`` of one single-threaded worker process per
core. A scheduler that cannot be reached is :class:`SchedulerUnreachable`, options that do
not make a TLS set-up :class:`TlsOptionsError`: the command turns both into clear errors.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class SchedulerUnreachable(RuntimeError):
    """The client could not connect to the scheduler (``address``, ``reason``)."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"cannot connect to the Dask scheduler at {address}: {reason}")
        self.address, self.reason = address, reason


class TlsOptionsError(ValueError):
    """The --tls-* options do not make a TLS set-up (a file missing, TLS without tls://)."""


def tls_security(
    ca_file: str | None, cert: str | None, key: str | None, scheduler: str | None = None
) -> Any:
    """A ``distributed.security.Security`` requiring TLS, from the ``--tls-*`` files.

    Parameters
    ----------
    ca_file
        The certificate authority that signed the scheduler's and workers' certificates.
    cert, key
        This client's certificate and private key (the key may be inside ``cert``).
    scheduler
        The scheduler's address: it must start with ``tls://``.

    Raises
    ------
    TlsOptionsError
        A file is missing or unreadable, the CA is not given, or the address is not tls://.
    """
    from distributed.security import Security

    if not scheduler or not scheduler.startswith("tls://"):
        raise TlsOptionsError("--tls-ca-file, --tls-cert and --tls-key need --scheduler tls://...")
    if not ca_file or not cert:
        raise TlsOptionsError("TLS needs --tls-ca-file and --tls-cert (and --tls-key)")
    for name in (ca_file, cert, key):
        if name and not Path(name).is_file():
            raise TlsOptionsError(f"not found: {name}")
    try:
        return Security(  # type: ignore[no-untyped-call]
            tls_ca_file=ca_file,
            tls_client_cert=cert,
            tls_client_key=key,
            require_encryption=True,
        )
    except (OSError, ValueError) as exc:
        raise TlsOptionsError(f"the TLS files cannot be used: {exc}") from None


def client(scheduler: str | None, workers: int | None, security: Any = None) -> tuple[Any, Any]:
    """A Dask client: on the cluster at ``scheduler``, or a LocalCluster sized to the machine.

    ``security`` (a ``distributed.security.Security``) carries the TLS certificates for a
    ``tls://`` scheduler; without it, Dask's own configuration (``distributed.comm.tls``).
    Returns the client and the LocalCluster it owns (None on a scheduler's cluster).
    """
    from distributed import Client, LocalCluster

    if scheduler:
        kwargs = {"security": security} if security is not None else {}
        try:
            return Client(scheduler, timeout="30s", **kwargs), None  # type: ignore[no-untyped-call]
        except TypeError as exc:  # distributed: "TLS expects a `ssl_context` argument"
            raise SchedulerUnreachable(
                scheduler, "it speaks TLS: give --tls-ca-file, --tls-cert and --tls-key"
            ) from exc
        except (OSError, TimeoutError) as exc:  # refused, reset, a TLS handshake failed
            raise SchedulerUnreachable(scheduler, str(exc) or type(exc).__name__) from exc
    count = workers or os.cpu_count() or 1
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=count,
        threads_per_worker=1,  # one office at a time per worker: one warm kernel each
        processes=True,
        host="127.0.0.1",
        # no dashboard, and the scheduler's HTTP routes on a free port: a fixed one (8787)
        # may be taken by another cluster or program on the machine
        dashboard_address=":0",
        scheduler_kwargs={"dashboard": False},
        memory_limit=0,
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]

"""The parser of every command, and ``main``: parse, run the command, turn signals into statuses."""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from readiness import __version__
from readiness.cli import export, kernel, lab, plan, portfolio, report, review, sources, workbook
from readiness.cli.console import (
    EXIT_FAILED,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    Terminated,
    err,
    on_sigterm,
)
from readiness.core.messages import translator

EPILOG = """\
exit status: 0 success (warnings may be printed), 1 the workbook has errors,
2 wrong arguments, 3 the report could not be produced (the notebook kernel did not
start, cannot import readiness or stopped; a notebook failed; the output folder is
read-only, full or busy; another run of the same office held its lock longer than
READINESS_LOCK_TIMEOUT seconds, default 120; an output is missing), 130/143
interrupted (Ctrl+C / SIGTERM). On 3, 130 and 143 the message names the partial
output, and earlier reports are untouched.

Start with:  readiness template -o office.xlsx --lang pl
Then:        readiness check office.xlsx
             readiness report office.xlsx
"""


def parser() -> argparse.ArgumentParser:
    """The command line parser: each command group adds its own commands, in this order."""
    top = argparse.ArgumentParser(
        prog="readiness",
        description="ISO 9001:2015 certification readiness for public offices: "
        "an evidence workbook in, a gap report (HTML, PDF) out.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"readiness {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    workbook.register(sub)  # template, check, checklist
    report.register_report(sub)
    sources.register(sub)
    lab.register(sub)
    report.register_demo(sub)
    portfolio.register(sub)
    export.register(sub)
    plan.register(sub)  # audit-plan
    review.register(sub)  # management review pack
    return top


# The one place readiness touches sys.modules. jsonschema imports rfc3987_syntax eagerly
# when it is installed (jupyter-events, a JupyterLab dependency, brings it) to check the
# "iri" format, and that module builds some 35 Earley parsers on import: about 1 s before
# any work, in every process that loads nbformat, papermill or nbconvert. Nothing we
# validate uses that format. Upstream: python-jsonschema/jsonschema#1428 (import it
# lazily) and #1521 (a lazily loading fork). The report kernel never loads jsonschema.
SKIP_MODULES = ("rfc3987_syntax",)


def skip_slow_imports() -> None:
    """Make the modules in ``SKIP_MODULES`` fail to import (their importers cope)."""
    for name in SKIP_MODULES:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]  # None makes its import fail


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    skip_slow_imports()
    words = sys.argv[1:] if argv is None else list(argv)
    early = kernel.early_kernel(words)
    try:
        args = parser().parse_args(words)
    except SystemExit:
        if early is not None:
            early.close()
        raise
    args.kernel = early
    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        return int(args.func(args))
    except Terminated:
        _ = translator(getattr(args, "lang", None) or "en")
        err(_("Terminated; earlier reports are untouched."))
        return EXIT_SIGTERM
    except KeyboardInterrupt:
        _ = translator(getattr(args, "lang", None) or "en")
        err(_("Interrupted; earlier reports are untouched."))
        return EXIT_SIGINT
    except OSError as exc:  # a file or folder the command could not read or write
        _ = translator(getattr(args, "lang", None) or "en")
        err(
            _("Could not read or write {path}: {reason}").format(
                path=exc.filename or "", reason=exc.strerror or exc
            )
        )
        return EXIT_FAILED
    finally:
        signal.signal(signal.SIGTERM, previous)
        if early is not None:
            early.close()


def run() -> NoReturn:
    """The ``readiness`` command: ``main``, then exit without the interpreter's last sweep.

    After a report the heap holds the notebook, its outputs and the exporters' state;
    collecting it at exit takes about 0.1 s of nothing useful. ``gc.freeze`` (a public
    interpreter call) moves what is left out of the collector's sight first; files are
    closed and exit handlers still run.
    """
    status = main()
    gc.freeze()
    sys.exit(status)

"""What the command says and how it ends: exit statuses, stderr lines, progress, problems."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from readiness.core.problems import Problem, errors

if TYPE_CHECKING:  # the run's errors are imported only when a run failed
    from readiness.run.errors import Explained

EXIT_OK = 0
EXIT_INVALID = 1  # the workbook has errors
EXIT_USAGE = 2  # wrong arguments (argparse's own code)
EXIT_FAILED = 3  # the report could not be produced
EXIT_SIGINT = 130
EXIT_SIGTERM = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interruption so that cleanup runs as on Ctrl+C."""


def on_sigterm(signum: int, frame: object) -> None:
    """The SIGTERM handler while a command runs: raise ``Terminated``."""
    raise Terminated()


def err(message: str) -> None:
    """Say ``message`` on stderr (stdout carries only the paths written)."""
    print(message, file=sys.stderr)


def run_failed(exc: Explained, lang: str) -> int:
    """Say why a run of the notebooks failed, in ``lang``, and give the exit status for it.

    An interrupted run exits as its signal does (SIGTERM, or Ctrl+C); any other failure (the
    kernel, a notebook, writing, the lock, a missing output) with ``EXIT_FAILED``.
    """
    from readiness.core.messages import translator
    from readiness.run.failures import ReportInterrupted

    err(exc.explain(translator(lang)))
    if isinstance(exc, ReportInterrupted):
        return EXIT_SIGTERM if isinstance(exc.__context__, Terminated) else EXIT_SIGINT
    return EXIT_FAILED


def progress(quiet: bool) -> Callable[[str], None]:
    """A progress line on stderr with the seconds since now; nothing when ``quiet``."""
    started = time.perf_counter()

    def say(message: str) -> None:
        if not quiet:
            err(f"[{time.perf_counter() - started:5.1f}s] {message}")

    return say


def print_problems(problems: Sequence[Problem], fmt: str = "text", lang: str = "en") -> None:
    """Every problem: one line each on stderr in ``lang``, or one JSON document on stdout."""
    if fmt == "json":
        doc = {
            "errors": len(errors(problems)),
            "warnings": len(problems) - len(errors(problems)),
            "problems": [p.to_dict() for p in problems],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for problem in problems:
        err(problem.text(lang))

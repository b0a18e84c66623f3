"""How a report run fails: the errors ``build_report`` raises, worded for the person.

A failure after the workbook was read names what it left behind (``partial``); a handled
failure moves its staging folder to ``.<date>.failed`` (``keep_failed``).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from readiness.core.messages import N_, translator
from readiness.core.problems import Problem
from readiness.run.errors import Explained, Line, RunFailed

FAILED = ".failed"  # .<date>.failed: what the last failed run of that date wrote

# Why a folder could not be written, by errno; anything else is told by the system's words.
WRITE_REASONS = {
    errno.ENOSPC: N_("The disk is full."),
    errno.EDQUOT: N_("The disk quota is used up."),
    errno.EROFS: N_("The folder is on a read-only disk."),
    errno.EACCES: N_("You may not write there (permission denied)."),
    errno.EPERM: N_("You may not write there (operation not permitted)."),
    errno.EBUSY: N_("The folder or one of its files is in use by another program."),
}


class ReportFailed(RunFailed):
    """A step after the workbook was read failed; ``partial`` is what was left behind."""


class ReportInterrupted(ReportFailed):
    """The run was interrupted (Ctrl+C, SIGTERM); earlier reports are untouched."""


class OutputsMissing(ReportFailed):
    """An output the command was about to name does not exist."""

    def __init__(self, missing: Sequence[Path], partial: Path | None = None) -> None:
        self.missing = tuple(missing)
        super().__init__(
            (
                N_("These outputs were not written: {paths}"),
                {"paths": ", ".join(str(p) for p in self.missing)},
            ),
            partial=partial,
        )


def reason(exc: OSError) -> Line:
    """Why a folder could not be written, as a line of an error."""
    msgid = WRITE_REASONS.get(exc.errno or 0)
    if msgid:
        return (msgid, {})
    return ("{error}", {"error": exc.strerror or exc})


def cannot_write(exc: OSError, folder: Path, partial: Path | None = None) -> ReportFailed:
    """The error for a folder that cannot be written: read-only, full, not permitted."""
    return ReportFailed(
        (N_("Cannot write the report to {folder}."), {"folder": folder}),
        reason(exc),
        partial=partial,
    )


def previous_unreadable(earlier: Path, lang: str) -> Problem:
    """The error for a ``--previous`` run whose results.json cannot be read."""
    _ = translator(lang)
    return Problem(
        "previous-unreadable",
        "error",
        _(
            "The earlier run given to compare with cannot be read: its results.json is "
            "missing, damaged, nested too deep or from a later version of the tool."
        ),
        str(earlier / "results.json" if earlier.is_dir() else earlier),
        expected=_("the folder or results.json of an earlier report"),
        hint=_("Give another earlier run, or leave --previous out to use the latest one."),
    )


@contextmanager
def writing(folder: Path, partial: Path | None = None) -> Iterator[None]:
    """Turn an OSError while writing under ``folder`` into ReportFailed saying why."""
    try:
        yield
    except OSError as exc:
        raise cannot_write(exc, folder, partial) from exc


def keep_failed(exc: Explained, staging: Path, final: Path) -> None:
    """Move a failed run's staging folder to ``.<date>.failed`` and name that in the error.

    A handled failure leaves no staging folder: what it wrote (the partial notebook, the
    results) is kept for the person to look at in one place per date, replaced by the next
    failure and removed by the next run that succeeds. When the folder cannot be moved (a
    read-only or full disk), it stays where it is and the error names it there.
    """
    if not staging.is_dir():
        return
    failed = final.parent / f".{final.name}{FAILED}"
    try:
        if failed.exists():
            shutil.rmtree(failed)
        os.replace(staging, failed)
    except OSError:
        return

    def moved(value: Any) -> Any:
        if isinstance(value, Path) and value.is_relative_to(staging):
            return failed / value.relative_to(staging)
        return value.replace(str(staging), str(failed)) if isinstance(value, str) else value

    exc.lines = tuple(
        (msgid, {k: moved(v) for k, v in values.items()}) for msgid, values in exc.lines
    )
    if exc.partial is not None:
        exc.partial = moved(exc.partial)
    if isinstance(exc, OutputsMissing):
        exc.missing = tuple(moved(p) for p in exc.missing)
    exc.args = (exc.explain(),)

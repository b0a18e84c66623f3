"""The options several commands share, each declared once here.

A command adds an option with the helper below; the flag, its choices, metavar and type
are the helper's, so they read the same in every command's ``--help``. Where a command's
help sentence has always said what the option means for that command (``--lang`` is the
report's language for ``report`` and the messages' for ``check``), the command passes it.
"""

from __future__ import annotations

import argparse
import datetime as dt

from readiness.core.catalogue import DEFAULT_EDITION
from readiness.core.messages import LANGUAGES
from readiness.io.confine import TRUST_OPTION

SOURCES_HELP = (
    "a sources file naming the office's registers (default: the one the Office "
    "sheet names); their rows join the workbook's sheets"
)
TRUST_HELP = (
    "also read sources files and registers the office's files name inside DIR "
    "(repeatable); by default each path must stay inside the folder of the file "
    "that names it"
)
FRAMEWORKS_HELP = (
    "other frameworks to show: caf, kz, sfuk, comma-separated, or none "
    "(default: the office's country's: caf,kz in Poland, caf,sfuk in Bulgaria)"
)
OUT_HELP = "root folder of reports (default: reports); the run writes DIR/<office>/<date>/"
AS_OF_HELP = "assessment date, YYYY-MM-DD (default: today)"


def iso_date(text: str) -> dt.date:
    """An ``--as-of`` value: ``2026-11-30``; argparse's error otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as 2026-11-30"
        ) from None


def lang(p: argparse.ArgumentParser, help: str, default: str | None = None) -> None:
    """``--lang {en,pl,bg}``; ``help`` says whose language and the default."""
    p.add_argument("--lang", choices=LANGUAGES, default=default, help=help)


def output(p: argparse.ArgumentParser, help: str, required: bool = False) -> None:
    """``-o/--output``: the one file the command writes."""
    p.add_argument("-o", "--output", required=required, help=help)


def force(p: argparse.ArgumentParser, help: str = "overwrite an existing file") -> None:
    """``--force``: overwrite a file that exists."""
    p.add_argument("--force", action="store_true", help=help)


def as_of(
    p: argparse.ArgumentParser, help: str = AS_OF_HELP, default: dt.date | None = None
) -> None:
    """``--as-of DATE``: the assessment date."""
    p.add_argument("--as-of", type=iso_date, default=default, metavar="DATE", help=help)


def out(p: argparse.ArgumentParser, help: str = OUT_HELP, metavar: str | None = "DIR") -> None:
    """``--out DIR``: the root folder of reports (``reports`` by default)."""
    p.add_argument("--out", default="reports", metavar=metavar, help=help)


def quiet(
    p: argparse.ArgumentParser, help: str = "do not show progress", short: bool = True
) -> None:
    """``-q/--quiet``: no progress lines on stderr."""
    flags = ("-q", "--quiet")  # audit-plan has always had the long flag only
    p.add_argument(*flags[0 if short else 1 :], action="store_true", help=help)


def formats(p: argparse.ArgumentParser, help: str) -> None:
    """``--format``: html, pdf, comma-separated (``run.pipeline.parse_formats``)."""
    p.add_argument("--format", default="html,pdf", help=help)


def reports(p: argparse.ArgumentParser, help: str) -> None:
    """``--reports``: each office's formats, as ``--format``, or none; html by default."""
    p.add_argument("--reports", default="html", help=help)


def sources(p: argparse.ArgumentParser) -> None:
    """``--sources FILE``: a sources file naming the office's registers."""
    p.add_argument("--sources", metavar="FILE", help=SOURCES_HELP)


def trust(p: argparse.ArgumentParser) -> None:
    """``--trust DIR`` (repeatable): a folder trusted on purpose (``readiness.io.confine``)."""
    p.add_argument(TRUST_OPTION, action="append", default=[], metavar="DIR", help=TRUST_HELP)


def edition(p: argparse.ArgumentParser, help: str) -> None:
    """``--edition``: the edition of the standard (ISO 9001:2015 by default)."""
    p.add_argument("--edition", default=DEFAULT_EDITION, help=help)


def frameworks(p: argparse.ArgumentParser) -> None:
    """``--frameworks LIST``: the other frameworks a report shows."""
    p.add_argument("--frameworks", metavar="LIST", help=FRAMEWORKS_HELP)

"""The ``review`` command: the inputs of the next management review (ISO 9001:2015, 9.3)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from readiness.cli import options
from readiness.cli.console import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    err,
    print_problems,
    progress,
    run_failed,
)
from readiness.cli.kernel import kernel
from readiness.cli.workbook import office_language
from readiness.core.messages import translator
from readiness.core.problems import WorkbookError
from readiness.render.i18n import format_date

if TYPE_CHECKING:
    from readiness.run.session import KernelSession


def cmd_review(args: argparse.Namespace) -> int:
    """Write the management review pack of an office."""
    if args.since is not None and args.since > (day := args.as_of or dt.date.today()):
        speak = args.lang or office_language(args.workbook)
        _ = translator(speak)
        err(
            _(
                "--since {since} is after the report date {day}: give the date of the last "
                "management review, or leave --since out."
            ).format(since=format_date(args.since, speak), day=format_date(day, speak))
        )
        return EXIT_USAGE
    session = kernel(lambda: args.lang or office_language(args.workbook), args.kernel)
    if session is None:
        return EXIT_FAILED
    try:
        return pack_one(args, args.workbook, session, summary=True)
    finally:
        session.close()


def pack_one(
    args: argparse.Namespace, workbook: str, session: KernelSession, *, summary: bool = False
) -> int:
    """Write one office's review pack on ``session``, print its paths; the exit status.

    ``review`` runs it once (``summary``: the count of inputs with no data, unless
    ``--quiet``); ``demo`` runs it for each sample, beside that date's gap report.
    """
    from readiness.run.errors import Explained
    from readiness.run.review import build_review

    spoken: list[str] = []  # the language of the messages, chosen as the workbook is read

    def language() -> str:
        return args.lang or (spoken[-1] if spoken else office_language(workbook))

    try:
        paths = build_review(
            workbook,
            out=args.out,
            as_of=args.as_of or dt.date.today(),
            since=getattr(args, "since", None),
            lang=args.lang,
            sources=getattr(args, "sources", None),
            trusted=getattr(args, "trust", None) or (),
            progress=progress(args.quiet),
            session=session,
            on_language=spoken.append,
        )
    except WorkbookError as exc:
        print_problems(exc.problems, lang=language())
        _ = translator(language())
        err(
            _("{path}: the management review pack was not produced; fix the errors above.").format(
                path=workbook
            )
        )
        return EXIT_INVALID
    except Explained as exc:  # interrupted, kernel, notebook, writing, lock, missing outputs
        return run_failed(exc, language())
    speak = paths.model.lang
    _ = translator(speak)
    for problem in paths.problems:  # warnings: the pack is written all the same
        err(problem.text(speak))
    if summary and not args.quiet:  # like the progress lines: --quiet leaves only warnings
        err(
            _("Inputs with no data: {count} of {total}.").format(
                count=len(paths.model.pack.no_data), total=len(paths.model.pack.parts)
            )
        )
    for path in paths.files:
        print(path)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``review`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "review",
        help="prepare the inputs of the next management review (9.3)",
        description="Assemble the inputs of the next management review (ISO 9001:2015, 9.3.2 "
        "a) to f)) from the workbook and the registers its sources file names: for each "
        "input, the sheets and registers it draws on, their rows since the last review, and "
        "'no data' where there are none; then the decisions to fill in at the review (9.3.3) "
        "in the Review decisions sheet's columns, and what the review gives the annual "
        "statement on internal control (Poland, Bulgaria). Writes "
        "DIR/<office>/<date>/management-review.html, .pdf, .docx (editable) and .ipynb (the "
        "executed notebook), beside that date's gap report.",
        epilog="exit status: 0 written, 1 the workbook has errors, 2 wrong arguments (a "
        "--since after the report date), 3 the notebook or the output failed, 130/143 "
        "interrupted.",
    )
    p.add_argument("workbook", help="the office's evidence workbook (.xlsx); it is only read")
    p.add_argument(
        "--since",
        type=options.iso_date,
        metavar="DATE",
        help="the date the pack looks back to, YYYY-MM-DD (default: the last management "
        "review held, else 12 months before the report date)",
    )
    options.sources(p)
    options.lang(p, "language of the pack (default: the Office sheet's language)")
    options.out(p)
    options.as_of(p, "the report date, YYYY-MM-DD (default: today)")
    options.quiet(p)
    options.trust(p)
    p.set_defaults(func=cmd_review)

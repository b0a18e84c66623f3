"""The commands on one workbook: ``template``, ``check`` and ``checklist``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.cli import options
from readiness.cli.console import EXIT_FAILED, EXIT_INVALID, EXIT_OK, err, print_problems
from readiness.core.catalogue import Catalogue, load_catalogue
from readiness.core.messages import plural, translator
from readiness.core.problems import Problem, errors
from readiness.io.confine import trusted_folders

if TYPE_CHECKING:  # the model imports the holidays calendars: only when a workbook is read
    from readiness.core.model import Workbook


def spoken(
    path: str, lang: str | None, *, catalogue: Catalogue, **kwargs: Any
) -> tuple[Workbook | None, list[Problem], str]:
    """Read ``path`` once: the workbook (None on errors), its problems, the messages' language.

    ``catalogue`` is the edition the command reads against, always named by the caller.

    Without ``lang`` the language is the one the Office sheet asks for, found in the same
    read (English when it cannot be read).
    """
    from readiness.io.workbook import read_workbook

    chosen: list[str] = []
    book, problems = read_workbook(
        path, lang=lang, on_language=chosen.append, catalogue=catalogue, **kwargs
    )
    return book, problems, chosen[-1] if chosen else lang or "en"


def office_language(path: str) -> str:
    """The Office sheet's language, for a message said before or without the one read."""
    from readiness.io.workbook import office_language

    return office_language(path) or "en"


def cmd_template(args: argparse.Namespace) -> int:
    """Write an empty evidence workbook."""
    from readiness.io.template import write_workbook

    _ = translator(args.lang)
    target = Path(args.output)
    if target.exists() and not args.force:
        err(
            _("{path} exists; it may hold an office's data. Use --force to overwrite it.").format(
                path=target
            )
        )
        return EXIT_FAILED
    write_workbook(
        target,
        lang=args.lang,
        content={"caf": {}} if args.caf else None,
        catalogue=load_catalogue(),
    )
    print(_("Wrote {path}. Fill it in, then run: readiness check {path}").format(path=target))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a workbook and list every problem."""
    workbook, problems, lang = spoken(
        args.workbook,
        args.lang,
        catalogue=load_catalogue(),
        as_of=args.as_of,
        sources=args.sources,
        trusted=trusted_folders(args.trust),
    )
    _ = translator(lang)
    print_problems(problems, args.format, lang)
    n_err = len(errors(problems))
    if args.format == "text":
        ngettext = plural(lang)
        n_warn = len(problems) - n_err
        counts = {
            "path": args.workbook,
            "errors": ngettext("{n} error", "{n} errors", n_err).format(n=n_err),
            "warnings": ngettext("{n} warning", "{n} warnings", n_warn).format(n=n_warn),
        }
        if n_err:
            err(_("{path}: {errors}, {warnings}.").format(**counts))
        else:
            err(_("{path}: OK, {warnings}.").format(**counts))
    return EXIT_INVALID if workbook is None else EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    """Write the interview checklist (A4 PDF), for an office when its workbook is given."""
    from readiness.render.checklist import write_checklist

    office = None
    lang = args.lang
    if args.office:
        workbook, problems, lang = spoken(
            args.office, lang, catalogue=load_catalogue(), as_of=dt.date.today()
        )
        if workbook is None:
            print_problems(problems, lang=lang)
            return EXIT_INVALID
        office = workbook.office
    target = Path(args.output)
    write_checklist(target, lang=lang or "en", office=office, catalogue=load_catalogue())
    print(target)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``template``, ``check`` and ``checklist`` to the subcommands ``sub``."""
    p = sub.add_parser("template", help="write an empty evidence workbook to fill in")
    options.output(p, "the .xlsx file to write", required=True)
    options.lang(p, "language of sheets, headers and lists (default: en)", default="en")
    options.force(p)
    p.add_argument(
        "--caf", action="store_true", help="add the optional CAF 2020 self-assessment sheet"
    )
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("check", help="list every problem in a workbook, with sheet and cell")
    p.add_argument("workbook", help="the office's evidence workbook (.xlsx)")
    options.as_of(p, default=dt.date.today())
    options.lang(p, "language of the messages (default: the Office sheet's language)")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for machines",
    )
    options.sources(p)
    options.trust(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "checklist",
        help="write the interview checklist (A4 PDF) to take round the office",
        description="One section per chapter: each requirement with the questions to ask, "
        "the evidence to ask for, boxes for the level and room for notes.",
    )
    options.output(p, "the .pdf file to write", required=True)
    options.lang(p, "language (default: the Office sheet's language, or en without --office)")
    p.add_argument(
        "--office",
        metavar="WORKBOOK",
        help="the office's evidence workbook: its name, consultant and the requirements "
        "it does not apply are printed, with today's date",
    )
    p.set_defaults(func=cmd_checklist)

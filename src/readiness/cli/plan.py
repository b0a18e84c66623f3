"""The ``audit-plan`` command: a year's internal audits and the certification audit time."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readiness.cli import options
from readiness.cli.console import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    err,
    print_problems,
    progress,
)
from readiness.cli.workbook import office_language
from readiness.core.messages import translator
from readiness.core.problems import WorkbookError


def plan_one(args: argparse.Namespace, workbook: str, lang: str | None) -> int:
    """Write one office's audit programme (``audit-plan``, and ``demo`` for each sample)."""
    from readiness.core.programme import Infeasible, parse_months
    from readiness.run.auditplan import plan_office

    spoken: list[str] = []  # the language of the messages, chosen as the workbook is read

    def language() -> str:
        return lang or (spoken[-1] if spoken else office_language(workbook))

    try:
        months = parse_months(args.months)
    except ValueError:
        _ = translator(language())
        err(_("--months: write a range such as 1-12 or 3-11, or months such as 2,5,9."))
        return EXIT_USAGE
    try:
        run = plan_office(
            Path(workbook),
            args.year,
            Path(args.out),
            months=months,
            lang=lang,
            limit=args.max_audits_per_auditor,
            annual=args.every_year,
            day_rate=args.day_rate,
            currency=args.currency,
            as_of=args.as_of,
            say=progress(args.quiet),
            on_language=spoken.append,
        )
    except WorkbookError as exc:
        speaks = language()
        _ = translator(speaks)
        print_problems(exc.problems, lang=speaks)
        err(
            _("{path}: the programme was not produced; fix the errors above.").format(path=workbook)
        )
        return EXIT_INVALID
    except Infeasible as exc:
        _ = translator(language())
        err(_("No audit programme satisfies the rules for {path}.").format(path=workbook))
        err(_(exc.rule).format(**exc.params))
        err(_(exc.fix).format(**exc.params))
        return EXIT_INVALID
    except ValueError as exc:  # a day rate without the number of staff
        err(str(exc))
        return EXIT_INVALID
    speaks = language()
    _ = translator(speaks)
    for problem in run.problems:
        if problem.severity == "error":
            err(problem.text(speaks))
    err(run.summary)
    if run.time is not None:
        from readiness.render.audittime import days_text

        t = run.time
        err(
            _(
                "Certification audit time (IAF MD 5): initial {initial} auditor days, "
                "surveillance {surveillance}, recertification {recertification}; at least "
                "{least} for the initial audit after the largest reductions. An estimate for "
                "planning, never a certification body's quote."
            ).format(
                initial=days_text(t.initial, speaks),
                surveillance=days_text(t.surveillance, speaks),
                recertification=days_text(t.recertification, speaks),
                least=days_text(t.initial_least, speaks),
            )
        )
        from readiness.core.audittime import load_time_table

        if caveat := load_time_table().caveat(speaks):  # figures not yet checked
            err(caveat)
    else:
        err(
            _(
                "Fill in the number of staff on the Office sheet to see the certification "
                "audit time."
            )
        )
    for path in run.files:
        print(path)
    return EXIT_OK


def cmd_audit_plan(args: argparse.Namespace) -> int:
    """Plan the internal audits of a year, and the certification body's audit time."""
    return plan_one(args, args.workbook, args.lang)


def register(sub: Any) -> None:
    """Add ``audit-plan`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "audit-plan",
        help="plan a year's internal audits, and the certification body's audit time",
        description="Plan the internal audits of a year from the workbook's Departments and "
        "Auditors sheets: every applicable requirement audited, nobody auditing their own "
        "department, departments at risk first and more often, each auditor's load within "
        "the limit. Writes OUT/<office>/audit-programme-<year>/: audit-programme.xlsx (rows "
        "for the Audits sheet), audit-programme.html and .pdf (the calendar), and with "
        "--day-rate tender-estimate.xlsx.",
        epilog="exit status: 0 written, 1 the workbook has errors or no programme satisfies "
        "the rules (the message says which rule and what would fix it), 2 wrong arguments.",
    )
    p.add_argument("workbook", help="the office's evidence workbook (.xlsx)")
    p.add_argument("--year", type=int, required=True, help="the year to plan, e.g. 2027")
    options.out(p, "output folder (default: reports)", metavar=None)
    p.add_argument("--months", default="1-12", help="months the audits may fall in (default: 1-12)")
    options.lang(p, "language of the programme")
    p.add_argument(
        "--max-audits-per-auditor",
        type=int,
        default=6,
        metavar="N",
        help="the most audits one auditor takes part in (default: 6)",
    )
    p.add_argument(
        "--every-year",
        action="store_true",
        help="a certified office: every requirement every year (default: within the cycle)",
    )
    p.add_argument(
        "--day-rate",
        type=float,
        default=None,
        metavar="AMOUNT",
        help="an auditor day's net price: adds the three-year contract's estimated value",
    )
    p.add_argument("--currency", choices=("PLN", "BGN", "EUR"), default="PLN")
    options.as_of(p, "assessment date (default: today)")
    options.quiet(p, "no progress messages", short=False)
    p.set_defaults(func=cmd_audit_plan)

"""The commands that run the notebooks on one kernel: ``report`` and ``demo``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from readiness.cli import options
from readiness.cli.console import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    EXIT_USAGE,
    err,
    print_problems,
    progress,
    run_failed,
)
from readiness.cli.kernel import kernel
from readiness.cli.plan import plan_one
from readiness.cli.review import pack_one
from readiness.cli.workbook import office_language
from readiness.core.catalogue import DEFAULT_EDITION, load_catalogue
from readiness.core.messages import translator
from readiness.core.problems import WorkbookError

if TYPE_CHECKING:
    from readiness.run.session import KernelSession

MULTILINGUAL_SAMPLE = "starostwo-przykladowo.xlsx"


@dataclass(frozen=True)
class Choices:
    """What the command asks every report for, checked once before the first one runs."""

    formats: tuple[str, ...]
    edition: str
    frameworks: str | None


def choices(args: argparse.Namespace) -> Choices:
    """The formats, edition and frameworks asked for; ValueError naming what is unknown."""
    from readiness.core.frameworks import parse_frameworks
    from readiness.run.pipeline import parse_formats

    formats = parse_formats(args.format)
    frameworks = getattr(args, "frameworks", None)
    parse_frameworks(frameworks or "")  # names known? (the default is the office's country's)
    edition = getattr(args, "edition", None) or DEFAULT_EDITION
    load_catalogue(edition)  # known? (loaded once, then cached for the run)
    return Choices(formats, edition, frameworks)


def report_one(
    args: argparse.Namespace,
    chosen: Choices,
    workbook: str,
    lang: str | None,
    session: KernelSession,
    last: bool = False,
) -> int:
    """Produce one office's report on ``session``; the exit status, every message said."""
    from readiness.run.errors import Explained
    from readiness.run.pipeline import OutputsMissing, build_report

    spoken: list[str] = []  # the language of the messages, chosen as the workbook is read

    def language() -> str:
        return lang or (spoken[-1] if spoken else office_language(workbook))

    try:
        paths = build_report(
            workbook,
            out=args.out,
            formats=chosen.formats,
            as_of=args.as_of,
            lang=lang,
            stage=getattr(args, "stage", None),
            previous=getattr(args, "previous", None),
            edition=chosen.edition,
            frameworks=chosen.frameworks,
            progress=progress(args.quiet),
            session=session,
            sources=getattr(args, "sources", None),
            release_kernel=last,
            trusted=getattr(args, "trust", None) or (),
            on_language=spoken.append,
        )
    except WorkbookError as exc:
        print_problems(exc.problems, lang=language())
        _ = translator(language())
        err(_("{path}: the report was not produced; fix the errors above.").format(path=workbook))
        return EXIT_INVALID
    except Explained as exc:  # interrupted, kernel, notebook, writing, lock, missing outputs
        return run_failed(exc, language())
    for problem in paths.problems:
        err(problem.text(language()))
    named = [paths.html, paths.pdf, paths.notebook, paths.results, *paths.action_plan]
    printed = [path for path in named if path is not None]
    missing = [path for path in printed if not path.is_file()]
    if missing:  # never name a path that is not there
        err(OutputsMissing(missing).explain(translator(language())))
        return EXIT_FAILED
    for path in printed:
        print(path)
    if getattr(args, "timings", False):  # seconds by step, for benchmarks/bench_report.py
        err(json.dumps(dict(paths.timings)))
    return EXIT_OK


def checked(args: argparse.Namespace, command: str) -> Choices | None:
    """``choices(args)``, or None having said what is unknown (the command exits with 2)."""
    try:
        return choices(args)
    except ValueError as exc:
        err(f"readiness {command}: {exc}")
        return None


def cmd_report(args: argparse.Namespace) -> int:
    """Produce the gap report."""
    session = kernel(lambda: args.lang or office_language(args.workbook), args.kernel)
    if session is None:
        return EXIT_FAILED
    try:
        chosen = checked(args, "report")
        if chosen is None:
            return EXIT_USAGE
        return report_one(args, chosen, args.workbook, args.lang, session, last=True)
    finally:
        session.close()


def cmd_demo(args: argparse.Namespace) -> int:
    """Report on every fictional sample office, then write each one's review pack, on one kernel."""
    from readiness.run.locations import samples_dir

    folder = samples_dir()
    samples = sorted(folder.glob("*.xlsx"))
    if not samples:
        _ = translator(args.lang or "en")
        err(_("The sample workbooks are missing from {folder}.").format(folder=folder))
        return EXIT_FAILED
    args.format = "html,pdf"
    # every office in its own language; the Polish county office also in the other two
    runs = [(sample, args.lang) for sample in samples]
    if args.lang is None:
        runs += [
            (s, lang) for s in samples if s.name == MULTILINGUAL_SAMPLE for lang in ("en", "bg")
        ]
    worst = EXIT_OK
    session = kernel(lambda: args.lang or "en", args.kernel)
    if session is None:
        return EXIT_FAILED
    try:
        chosen = checked(args, "report")
        if chosen is None:
            return EXIT_USAGE
        # each office's report, then its management review pack beside it (readiness review)
        steps: list[Callable[[], int]] = [
            partial(report_one, args, chosen, str(sample), lang, session) for sample, lang in runs
        ]
        steps += [partial(pack_one, args, str(sample), session) for sample in samples]
        for step in steps:
            status = step()
            if status in (EXIT_SIGINT, EXIT_SIGTERM):
                return status
            worst = max(worst, status)
            if session.failure is not None:  # a kernel that cannot run fails every office
                break
    finally:
        session.close()
    # and each sample office's audit programme for next year (readiness audit-plan)
    args.year = (args.as_of or dt.date.today()).year + 1
    args.months, args.max_audits_per_auditor, args.every_year = "1-12", 6, False
    args.day_rate, args.currency = None, "PLN"
    for sample in samples:
        worst = max(worst, plan_one(args, str(sample), args.lang))
    return worst


def report_options(p: argparse.ArgumentParser) -> None:
    """The options ``report``, ``demo`` and ``portfolio`` share: --out, --as-of, --quiet."""
    options.out(p)
    options.as_of(p)
    options.quiet(p)


def register_report(sub: Any) -> None:
    """Add ``report`` to the subcommands ``sub``."""
    p = sub.add_parser("report", help="produce the gap report of an office")
    p.add_argument("workbook", help="the office's evidence workbook (.xlsx); it is only read")
    options.formats(p, "html, pdf or html,pdf (default)")
    options.sources(p)
    p.add_argument(
        "--stage",
        choices=[s.id for s in load_catalogue().stages],
        help="report up to this stage (default: the Office sheet's current stage)",
    )
    p.add_argument(
        "--previous",
        metavar="RUN",
        help="an earlier run (its folder or results.json) to compare with "
        "(default: the latest earlier run of the office under --out)",
    )
    options.lang(p, "report language (default: the Office sheet's language)")
    p.add_argument(
        "--timings",
        action="store_true",
        help="print the seconds each step took, as JSON on stderr (start, read, assess, ...)",
    )
    options.edition(
        p,
        "the edition of the standard to assess against (default: iso9001_2015, "
        "ISO 9001:2015 + Amd 1:2024; iso9001_2026 is provisional)",
    )
    options.frameworks(p)
    report_options(p)
    options.trust(p)
    p.set_defaults(func=cmd_report)


def register_demo(sub: Any) -> None:
    """Add ``demo`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "demo",
        help="produce the reports, management review packs and audit programmes of the "
        "fictional sample offices",
    )
    options.lang(p, "report language (default: each office's own)")
    report_options(p)
    p.set_defaults(func=cmd_demo)

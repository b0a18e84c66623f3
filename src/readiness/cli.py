"""The ``readiness`` command: template, check, report, demo."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from readiness import __version__

if TYPE_CHECKING:
    from readiness.run.kernel import KernelSession
from readiness.core.catalogue import DEFAULT_EDITION, load_catalogue
from readiness.core.messages import LANGUAGES, plural, translator
from readiness.core.problems import Problem, WorkbookError, errors
from readiness.io.confine import TRUST_OPTION, trusted_folders

EXIT_OK = 0
EXIT_INVALID = 1  # the workbook has errors
EXIT_USAGE = 2  # wrong arguments (argparse's own code)
EXIT_FAILED = 3  # the report could not be produced
MULTILINGUAL_SAMPLE = "starostwo-przykladowo.xlsx"
FIRST_NOTEBOOK = "01_initial_gap_analysis.ipynb"  # every report runs it
EXIT_SIGINT = 130
EXIT_SIGTERM = 143


class _Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interruption so that cleanup runs as on Ctrl+C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as 2026-11-30"
        ) from None


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _progress(quiet: bool) -> Callable[[str], None]:
    started = time.perf_counter()

    def say(message: str) -> None:
        if not quiet:
            _err(f"[{time.perf_counter() - started:5.1f}s] {message}")

    return say


def _print_problems(problems: Sequence[Problem], fmt: str = "text", lang: str = "en") -> None:
    if fmt == "json":
        doc = {
            "errors": len(errors(problems)),
            "warnings": len(problems) - len(errors(problems)),
            "problems": [p.to_dict() for p in problems],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for problem in problems:
        _err(problem.text(lang))


def cmd_template(args: argparse.Namespace) -> int:
    """Write an empty evidence workbook."""
    from readiness.io.template import write_workbook

    _ = translator(args.lang)
    target = Path(args.output)
    if target.exists() and not args.force:
        _err(
            _("{path} exists; it may hold an office's data. Use --force to overwrite it.").format(
                path=target
            )
        )
        return EXIT_FAILED
    write_workbook(target, lang=args.lang, content={"caf": {}} if args.caf else None)
    print(_("Wrote {path}. Fill it in, then run: readiness check {path}").format(path=target))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a workbook and list every problem."""
    from readiness.io.workbook import office_language, read_workbook

    lang = args.lang or office_language(args.workbook) or "en"
    _ = translator(lang)
    workbook, problems = read_workbook(
        args.workbook,
        as_of=args.as_of,
        lang=lang,
        sources=args.sources,
        trusted=trusted_folders(args.trust),
    )
    _print_problems(problems, args.format, lang)
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
            _err(_("{path}: {errors}, {warnings}.").format(**counts))
        else:
            _err(_("{path}: OK, {warnings}.").format(**counts))
    return EXIT_INVALID if workbook is None else EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    """Write the interview checklist (A4 PDF), for an office when its workbook is given."""
    from readiness.render.checklist import write_checklist

    office = None
    lang = args.lang
    if args.office:
        from readiness.io.workbook import office_language, read_workbook

        lang = lang or office_language(args.office) or "en"
        workbook, problems = read_workbook(args.office, as_of=dt.date.today(), lang=lang)
        if workbook is None:
            _print_problems(problems, lang=lang)
            return EXIT_INVALID
        office = workbook.office
    target = Path(args.output)
    write_checklist(target, lang=lang or "en", office=office)
    print(target)
    return EXIT_OK


def _report_one(
    args: argparse.Namespace,
    workbook: str,
    lang: str | None,
    session: KernelSession,
    last: bool = False,
) -> int:
    from readiness.core.frameworks import parse_frameworks
    from readiness.run.kernel import Explained
    from readiness.run.pipeline import (
        OutputsMissing,
        ReportInterrupted,
        build_report,
        parse_formats,
    )

    try:
        formats = parse_formats(args.format)
        parse_frameworks(getattr(args, "frameworks", None) or "")  # names known?
        load_catalogue(getattr(args, "edition", None) or DEFAULT_EDITION)  # edition known?
    except ValueError as exc:
        _err(f"readiness report: {exc}")
        return EXIT_USAGE
    try:
        paths = build_report(
            workbook,
            out=args.out,
            formats=formats,
            as_of=args.as_of,
            lang=lang,
            stage=getattr(args, "stage", None),
            previous=getattr(args, "previous", None),
            edition=getattr(args, "edition", None) or DEFAULT_EDITION,
            frameworks=getattr(args, "frameworks", None),
            progress=_progress(args.quiet),
            session=session,
            sources=getattr(args, "sources", None),
            release_kernel=last,
            trusted=getattr(args, "trust", None) or (),
        )
    except WorkbookError as exc:
        _print_problems(exc.problems, lang=lang or _office_language(workbook))
        _ = translator(lang or _office_language(workbook))
        _err(_("{path}: the report was not produced; fix the errors above.").format(path=workbook))
        return EXIT_INVALID
    except ReportInterrupted as exc:
        _err(exc.explain(translator(lang or _office_language(workbook))))
        return EXIT_SIGTERM if isinstance(exc.__context__, _Terminated) else EXIT_SIGINT
    except Explained as exc:  # kernel, notebook, writing, lock, missing outputs
        _err(exc.explain(translator(lang or _office_language(workbook))))
        return EXIT_FAILED
    for problem in paths.problems:
        _err(problem.text(lang or _office_language(workbook)))
    named = [paths.html, paths.pdf, paths.notebook, paths.results, *paths.action_plan]
    printed = [path for path in named if path is not None]
    missing = [path for path in printed if not path.is_file()]
    if missing:  # never name a path that is not there
        _err(OutputsMissing(missing).explain(translator(lang or _office_language(workbook))))
        return EXIT_FAILED
    for path in printed:
        print(path)
    if getattr(args, "timings", False):  # seconds by step, for benchmarks/bench_report.py
        _err(json.dumps(dict(paths.timings)))
    return EXIT_OK


KERNEL_COMMANDS = ("report", "demo")  # the commands whose notebooks run on one kernel


def _launch() -> KernelSession:
    """Launch the notebook kernel; NotebooksMissing when the stage notebooks are not found."""
    from readiness.run.kernel import KernelSession, require_notebooks

    return KernelSession(require_notebooks([FIRST_NOTEBOOK])).start()


def _early_kernel(argv: Sequence[str]) -> KernelSession | None:
    """The kernel of a command that runs notebooks, launched before its arguments are parsed.

    The kernel takes longer to boot than anything else the command does before it runs the
    notebooks, so it starts first. None for other commands, ``--help``, or when the
    notebooks are missing (the command then says so, in the user's language).
    """
    words = list(argv)
    if not words or words[0] not in KERNEL_COMMANDS or {"-h", "--help"} & set(words):
        return None
    from readiness.run.kernel import NotebooksMissing

    try:
        return _launch()
    except NotebooksMissing:
        return None


def _kernel(lang: Callable[[], str], early: KernelSession | None = None) -> KernelSession | None:
    """The command's kernel: ``early`` when ``main`` launched it, else launched now.

    Returns None, having said why in the language ``lang()`` gives, when the stage
    notebooks cannot be found. A kernel that fails to start is reported by the first run.
    """
    if early is not None:
        return early
    from readiness.run.kernel import NotebooksMissing

    try:
        return _launch()
    except NotebooksMissing as exc:
        _err(exc.explain(translator(lang())))
        return None


def _office_language(workbook: str) -> str:
    from readiness.io.workbook import office_language

    return office_language(workbook) or "en"


def cmd_report(args: argparse.Namespace) -> int:
    """Produce the gap report."""
    session = _kernel(lambda: args.lang or _office_language(args.workbook), args.kernel)
    if session is None:
        return EXIT_FAILED
    try:
        return _report_one(args, args.workbook, args.lang, session, last=True)
    finally:
        session.close()


def cmd_demo(args: argparse.Namespace) -> int:
    """Report on every fictional sample office, on one kernel."""
    from readiness.run.kernel import samples_dir

    folder = samples_dir()
    samples = sorted(folder.glob("*.xlsx"))
    if not samples:
        _ = translator(args.lang or "en")
        _err(_("The sample workbooks are missing from {folder}.").format(folder=folder))
        return EXIT_FAILED
    args.format = "html,pdf"
    # every office in its own language; the Polish county office also in the other two
    runs = [(sample, args.lang) for sample in samples]
    if args.lang is None:
        runs += [
            (s, lang) for s in samples if s.name == MULTILINGUAL_SAMPLE for lang in ("en", "bg")
        ]
    worst = EXIT_OK
    session = _kernel(lambda: args.lang or "en", args.kernel)
    if session is None:
        return EXIT_FAILED
    try:
        for index, (sample, lang) in enumerate(runs, start=1):
            status = _report_one(args, str(sample), lang, session, last=index == len(runs))
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
        worst = max(worst, _plan_one(args, str(sample), args.lang))
    return worst


def cmd_portfolio(args: argparse.Namespace) -> int:
    """Report on every office found and write the portfolio dashboard."""
    from readiness.io.portfolio import ListUnreadable
    from readiness.run.pipeline import parse_formats
    from readiness.run.portfolio import SchedulerUnreachable, TlsOptionsError, run_portfolio

    _ = translator(args.lang or "en")
    try:
        reports = parse_formats(args.reports, allow_none=True)
        dashboard = parse_formats(args.format)
    except ValueError as exc:
        _err(f"readiness portfolio: {exc}")
        return EXIT_USAGE
    try:
        run = run_portfolio(
            args.places,
            out=args.out,
            as_of=args.as_of,
            lang=args.lang,
            reports=reports,
            dashboard=dashboard,
            scheduler=args.scheduler,
            workers=args.workers,
            ship=args.ship,
            say=_progress(args.quiet),
            trusted=args.trust or (),
            security=_security(args),
        )
    except FileNotFoundError as exc:
        _err(_("Not found: {path}").format(path=exc.filename))
        return EXIT_USAGE
    except TlsOptionsError as exc:
        _err(f"readiness portfolio: {exc}")
        return EXIT_USAGE
    except SchedulerUnreachable as exc:
        _err(f"readiness portfolio: {exc}")
        return EXIT_FAILED
    except ListUnreadable as exc:
        _err(
            _("{path}: not a list of workbooks (one path a line, UTF-8 text).").format(
                path=exc.path
            )
        )
        return EXIT_USAGE
    _err(
        _(
            "{ok} reported, {skipped} skipped (unchanged), {failed} failed in {seconds:.1f} s"
        ).format(
            ok=run.count("ok"),
            skipped=run.count("skipped"),
            failed=run.count("failed"),
            seconds=run.seconds + run.dashboard_seconds,
        )
    )
    for path in run.dashboard.values():
        print(path)
    return run.exit_status


def _security(args: argparse.Namespace) -> object:
    """The TLS set-up for ``--scheduler tls://...`` from --tls-*; None: Dask's configuration."""
    files = (args.tls_ca_file, args.tls_cert, args.tls_key)
    if not any(files):
        return None
    from readiness.run.portfolio import tls_security

    return tls_security(*files, scheduler=args.scheduler)


def cmd_sources(args: argparse.Namespace) -> int:
    """``sources init``: guess a sources file from registers; ``sources check``: how they read."""
    from readiness.io.registers import guess_sources, load_sources, read_registers
    from readiness.io.registers.checking import describe_all

    lang = args.lang or "en"
    _ = translator(lang)
    if args.action == "init":
        target = Path(args.output) if args.output else Path("sources.toml")
        missing = [p for p in args.paths if not Path(p).is_file()]
        if missing:
            _err(_("Register file not found: {path}").format(path=", ".join(missing)))
            return EXIT_USAGE
        text, _guesses = guess_sources([Path(p) for p in args.paths], target)
        if not args.output:
            print(text, end="")
            return EXIT_OK
        if target.exists() and not args.force:
            _err(_("{path} exists. Use --force to overwrite it.").format(path=target))
            return EXIT_FAILED
        target.write_text(text, encoding="utf-8")
        _err(
            _("Wrote {path}. Confirm each guess, then run: readiness sources check {path}").format(
                path=target
            )
        )
        return EXIT_OK
    if len(args.paths) != 1:
        _err(_("sources check takes one sources file."))
        return EXIT_USAGE
    sources, problems = load_sources(args.paths[0], lang, trusted_folders(args.trust))
    if sources is not None:
        registers, found = read_registers(
            sources, as_of=args.as_of, lang=lang, country=args.country or ""
        )
        problems += found
        for line in describe_all(registers, lang):
            print(line)
    _print_problems(problems, lang=lang or "en")
    return EXIT_INVALID if errors(problems) else EXIT_OK


def cmd_lab(args: argparse.Namespace) -> int:
    """Open JupyterLab on the stage notebooks, which read the sample office by default."""
    import subprocess

    from readiness.run.kernel import notebooks_dir

    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={notebooks_dir()}"]
    command += [f"--port={args.port}"] if args.port else []
    command += ["--no-browser"] if args.no_browser else []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI machines run as root
        _err("readiness lab: running as root, so JupyterLab is started with --allow-root")
        command.append("--allow-root")
    extra = args.jupyter_args[1:] if args.jupyter_args[:1] == ["--"] else args.jupyter_args
    return subprocess.call([*command, *extra])


def cmd_export(args: argparse.Namespace) -> int:
    """Write the catalogue, or an office's assessment, in another tool's format."""
    from readiness.core.assess import assess
    from readiness.core.catalogue import CatalogueError
    from readiness.core.editions import load_edition
    from readiness.core.frameworks import load_crosswalk, load_framework, parse_frameworks
    from readiness.io.ciso import (
        framework_library,
        mapping_library,
        write_assessment,
        write_library,
        write_yaml,
    )
    from readiness.io.workbook import office_language, read_workbook

    target, workbook = args.assessment or (None, None)
    lang = args.lang or (workbook and office_language(workbook)) or "en"
    _ = translator(lang)
    if not (args.library or args.assessment or args.framework[0] or args.mapping[0]):
        _err(_("Name what to export: --library, --assessment, --framework or --mapping."))
        return EXIT_USAGE
    try:
        edition = load_edition(args.edition)
        for name, _out in (args.framework, args.mapping):
            if name:
                load_crosswalk(parse_frameworks(name)[0], edition.id)
    except (CatalogueError, ValueError, IndexError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    library_lang = args.lang or "en"  # other languages go under translations
    framework_name, framework_out = args.framework
    if framework_name:
        framework = load_framework(parse_frameworks(framework_name)[0])
        print(write_yaml(framework_library(framework, library_lang), Path(framework_out)))
    mapping_name, mapping_out = args.mapping
    if mapping_name:
        crosswalk = load_crosswalk(parse_frameworks(mapping_name)[0], edition.id)
        doc = mapping_library(crosswalk, library_lang, target=edition.id)
        print(write_yaml(doc, Path(mapping_out)))
    if args.library:
        # the library's locale is English unless asked: the other languages are translations
        print(write_library(edition.catalogue, Path(args.library), library_lang, edition.changes))
    if target and workbook:
        book, problems = read_workbook(workbook, as_of=args.as_of, lang=lang)
        if book is None:
            _print_problems(problems, lang=lang or "en")
            return EXIT_INVALID
        day = args.as_of or dt.date.today()
        assessment = assess(book, day, catalogue=edition.catalogue)
        print(write_assessment(book, assessment, edition.catalogue, Path(target), lang))
    return EXIT_OK


def _trust_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        TRUST_OPTION,
        action="append",
        default=[],
        metavar="DIR",
        help="also read sources files and registers the office's files name inside DIR "
        "(repeatable); by default each path must stay inside the folder of the file "
        "that names it",
    )


def _plan_one(args: argparse.Namespace, workbook: str, lang: str | None) -> int:
    """Write one office's audit programme (``audit-plan``, and ``demo`` for each sample)."""
    from readiness.core.programme import Infeasible, parse_months
    from readiness.run.auditplan import plan_office

    _ = translator(lang or _office_language(workbook))
    try:
        months = parse_months(args.months)
    except ValueError:
        _err(_("--months: write a range such as 1-12 or 3-11, or months such as 2,5,9."))
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
            say=_progress(args.quiet),
        )
    except WorkbookError as exc:
        _print_problems(exc.problems, lang=lang or _office_language(workbook))
        _err(
            _("{path}: the programme was not produced; fix the errors above.").format(path=workbook)
        )
        return EXIT_INVALID
    except Infeasible as exc:
        _err(_("No audit programme satisfies the rules for {path}.").format(path=workbook))
        _err(_(exc.rule).format(**exc.params))
        _err(_(exc.fix).format(**exc.params))
        return EXIT_INVALID
    except ValueError as exc:  # a day rate without the number of staff
        _err(str(exc))
        return EXIT_INVALID
    for problem in run.problems:
        if problem.severity == "error":
            _err(problem.text(lang or _office_language(workbook)))
    _err(run.summary)
    if run.time is not None:
        from readiness.render.audittime import days_text

        t, lang_ = run.time, lang or _office_language(workbook)
        _err(
            _(
                "Certification audit time (IAF MD 5): initial {initial} auditor days, "
                "surveillance {surveillance}, recertification {recertification}; at least "
                "{least} for the initial audit after the largest reductions. An estimate for "
                "planning, never a certification body's quote."
            ).format(
                initial=days_text(t.initial, lang_),
                surveillance=days_text(t.surveillance, lang_),
                recertification=days_text(t.recertification, lang_),
                least=days_text(t.initial_least, lang_),
            )
        )
        from readiness.core.audittime import load_time_table

        if caveat := load_time_table().caveat(lang_):  # figures not yet checked
            _err(caveat)
    else:
        _err(
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
    return _plan_one(args, args.workbook, args.lang)


def parser() -> argparse.ArgumentParser:
    """The command line parser."""
    top = argparse.ArgumentParser(
        prog="readiness",
        description="ISO 9001:2015 certification readiness for public offices: "
        "an evidence workbook in, a gap report (HTML, PDF) out.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"readiness {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("template", help="write an empty evidence workbook to fill in")
    p.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of sheets, headers and lists (default: en)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument(
        "--caf", action="store_true", help="add the optional CAF 2020 self-assessment sheet"
    )
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("check", help="list every problem in a workbook, with sheet and cell")
    p.add_argument("workbook", help="the office's evidence workbook (.xlsx)")
    p.add_argument(
        "--as-of",
        type=_date,
        default=dt.date.today(),
        metavar="DATE",
        help="assessment date, YYYY-MM-DD (default: today)",
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the messages (default: the Office sheet's language)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for machines",
    )
    p.add_argument(
        "--sources",
        metavar="FILE",
        help="a sources file naming the office's registers (default: the one the Office "
        "sheet names); their rows join the workbook's sheets",
    )
    _trust_option(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "checklist",
        help="write the interview checklist (A4 PDF) to take round the office",
        description="One section per chapter: each requirement with the questions to ask, "
        "the evidence to ask for, boxes for the level and room for notes.",
    )
    p.add_argument("-o", "--output", required=True, help="the .pdf file to write")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language (default: the Office sheet's language, or en without --office)",
    )
    p.add_argument(
        "--office",
        metavar="WORKBOOK",
        help="the office's evidence workbook: its name, consultant and the requirements "
        "it does not apply are printed, with today's date",
    )
    p.set_defaults(func=cmd_checklist)

    def report_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--out",
            default="reports",
            metavar="DIR",
            help="root folder of reports (default: reports); the run writes DIR/<office>/<date>/",
        )
        p.add_argument(
            "--as-of",
            type=_date,
            default=None,
            metavar="DATE",
            help="assessment date, YYYY-MM-DD (default: today)",
        )
        p.add_argument("-q", "--quiet", action="store_true", help="do not show progress")

    p = sub.add_parser("report", help="produce the gap report of an office")
    p.add_argument("workbook", help="the office's evidence workbook (.xlsx); it is only read")
    p.add_argument("--format", default="html,pdf", help="html, pdf or html,pdf (default)")
    p.add_argument(
        "--sources",
        metavar="FILE",
        help="a sources file naming the office's registers (default: the one the Office "
        "sheet names); their rows join the workbook's sheets",
    )
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
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="report language (default: the Office sheet's language)",
    )
    p.add_argument(
        "--timings",
        action="store_true",
        help="print the seconds each step took, as JSON on stderr (start, read, assess, ...)",
    )
    p.add_argument(
        "--edition",
        default=DEFAULT_EDITION,
        help="the edition of the standard to assess against (default: iso9001_2015, "
        "ISO 9001:2015 + Amd 1:2024; iso9001_2026 is provisional)",
    )
    p.add_argument(
        "--frameworks",
        metavar="LIST",
        help="other frameworks to show: caf, kz, sfuk, comma-separated, or none "
        "(default: the office's country's: caf,kz in Poland, caf,sfuk in Bulgaria)",
    )
    report_options(p)
    _trust_option(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "sources",
        help="map the registers the office keeps: guess a sources file, or check one",
        description="init REGISTER...: guess a sources file from register files (xlsx, ods, "
        "csv), each guess marked with its confidence; printed, or written with -o. "
        "check SOURCES: per register, the rows that map, the columns and words that do not, "
        "and the first rows as they will be read.",
    )
    p.add_argument("action", choices=("init", "check"))
    p.add_argument("paths", nargs="+", metavar="FILE", help="register files, or the sources file")
    p.add_argument("-o", "--output", help="init: the sources file to write (default: print it)")
    p.add_argument("--force", action="store_true", help="init: overwrite an existing file")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the messages")
    p.add_argument(
        "--as-of", type=_date, default=None, metavar="DATE", help="check: assessment date"
    )
    p.add_argument(
        "--country",
        choices=("PL", "BG"),
        default=None,
        help="check: the office's country, for the statutory deadline of complaints",
    )
    _trust_option(p)
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser(
        "lab",
        help="open JupyterLab on the stage notebooks (the sample office by default)",
        description="Open JupyterLab on notebooks/. Each stage notebook reads the sample "
        "office unless you change its workbook parameter; arguments after -- go to jupyter lab.",
    )
    p.add_argument("--port", type=int, default=0, help="port to listen on (default: JupyterLab's)")
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help="passed on to jupyter lab")
    p.set_defaults(func=cmd_lab)

    p = sub.add_parser("demo", help="produce the reports of the fictional sample offices")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="report language (default: each office's own)",
    )
    report_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "portfolio",
        help="report on every office's workbook under folders, and a dashboard over them",
        description="Find every office workbook under the folders given (or listed in a text "
        "file, one path a line), report on each into OUT/<office>/<date>/ on Dask workers, and "
        "write the portfolio dashboard into OUT/_portfolio/<date>/. Offices whose workbook, "
        "as-of date, language and tool version are unchanged since their last report are "
        "skipped.",
        epilog="exit status: 0 every office reported (or skipped as unchanged), 4 the "
        "dashboard was written but some offices failed (listed in it with their error), "
        "2 wrong arguments or a folder not found, 3 the scheduler could not be reached or "
        "refused the connection (TLS: see --tls-ca-file).",
    )
    p.add_argument("places", nargs="+", metavar="DIR", help="folders, workbooks or list files")
    p.add_argument(
        "--format",
        default="html,pdf",
        help="the dashboard's formats besides xlsx (default html,pdf)",
    )
    p.add_argument(
        "--reports",
        default="html",
        help="each office's report: html (default), html,pdf, or none (no notebooks run: "
        "results.json and the action plan, which are always written, and the dashboard)",
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of every report and of the dashboard (default: each office's own; "
        "the dashboard in the language most offices use)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)",
    )
    p.add_argument(
        "--workers", type=int, default=None, help="local workers (default: one per core)"
    )
    p.add_argument(
        "--ship",
        choices=("paths", "bytes"),
        default=None,
        help="how workbooks reach workers: paths (shared file system; default for a local "
        "cluster) or bytes (any cluster; default with --scheduler)",
    )
    p.add_argument(
        "--tls-ca-file",
        metavar="FILE",
        help="with --scheduler tls://...: the certificate authority that signed the "
        "cluster's certificates (PEM)",
    )
    p.add_argument(
        "--tls-cert", metavar="FILE", help="with tls://: this client's certificate (PEM)"
    )
    p.add_argument(
        "--tls-key",
        metavar="FILE",
        help="with tls://: this client's private key (PEM; may be inside --tls-cert)",
    )
    report_options(p)
    _trust_option(p)
    p.set_defaults(func=cmd_portfolio)

    p = sub.add_parser(
        "export",
        help="write the catalogue or an office's assessment for CISO Assistant",
        description="CISO Assistant: --library writes our ISO 9001 catalogue as a framework "
        "library (YAML); --assessment writes an office's assessment as the sheet its data "
        "wizard imports as a compliance assessment. The level mapping is in docs/frameworks.md.",
    )
    p.add_argument("target", choices=("ciso-assistant",), help="the tool to export for")
    p.add_argument("--library", metavar="OUT.yaml", help="write the framework library here")
    p.add_argument(
        "--assessment",
        nargs=2,
        metavar=("OUT.xlsx", "WORKBOOK"),
        help="write the office's assessment (read from WORKBOOK) as a data-wizard sheet",
    )
    p.add_argument(
        "--framework",
        nargs=2,
        default=(None, None),
        metavar=("NAME", "OUT.yaml"),
        help="write another framework (caf, kz or sfuk) as a framework library",
    )
    p.add_argument(
        "--mapping",
        nargs=2,
        default=(None, None),
        metavar=("NAME", "OUT.yaml"),
        help="write a framework's crosswalk to ISO 9001 as a requirement_mapping_set library",
    )
    p.add_argument(
        "--edition",
        default="iso9001_2015",
        help="the edition of the standard (default: iso9001_2015; iso9001_2026 is provisional)",
    )
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the texts")
    p.add_argument("--as-of", type=_date, default=None, metavar="DATE", help="assessment date")
    p.set_defaults(func=cmd_export)

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
    p.add_argument("--out", default="reports", help="output folder (default: reports)")
    p.add_argument("--months", default="1-12", help="months the audits may fall in (default: 1-12)")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the programme")
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
    p.add_argument(
        "--as-of", type=_date, default=None, metavar="DATE", help="assessment date (default: today)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_audit_plan)
    return top


# The one place readiness touches sys.modules. jsonschema imports rfc3987_syntax eagerly
# when it is installed (jupyter-events, a JupyterLab dependency, brings it) to check the
# "iri" format, and that module builds some 35 Earley parsers on import: about 1 s before
# any work, in every process that loads nbformat, papermill or nbconvert. Nothing we
# validate uses that format. Upstream: python-jsonschema/jsonschema#1428 (import it
# lazily) and #1521 (a lazily loading fork). The report kernel never loads jsonschema.
SKIP_MODULES = ("rfc3987_syntax",)


def _skip_slow_imports() -> None:
    for name in SKIP_MODULES:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]  # None makes its import fail


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _skip_slow_imports()
    words = sys.argv[1:] if argv is None else list(argv)
    early = _early_kernel(words)
    try:
        args = parser().parse_args(words)
    except SystemExit:
        if early is not None:
            early.close()
        raise
    args.kernel = early
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return int(args.func(args))
    except _Terminated:
        _ = translator(getattr(args, "lang", None) or "en")
        _err(_("Terminated; earlier reports are untouched."))
        return EXIT_SIGTERM
    except KeyboardInterrupt:
        _ = translator(getattr(args, "lang", None) or "en")
        _err(_("Interrupted; earlier reports are untouched."))
        return EXIT_SIGINT
    except OSError as exc:  # a file or folder the command could not read or write
        _ = translator(getattr(args, "lang", None) or "en")
        _err(
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


if __name__ == "__main__":
    run()

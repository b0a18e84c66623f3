"""The ``portfolio`` command: every office's report on Dask workers, and the dashboard."""

from __future__ import annotations

import argparse
from typing import Any

from readiness.cli import options
from readiness.cli.console import EXIT_FAILED, EXIT_USAGE, err, progress
from readiness.cli.report import report_options
from readiness.core.messages import translator
from readiness.render.i18n import format_seconds


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
        err(f"readiness portfolio: {exc}")
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
            say=progress(args.quiet),
            trusted=args.trust or (),
            security=security(args),
        )
    except FileNotFoundError as exc:
        err(_("Not found: {path}").format(path=exc.filename))
        return EXIT_USAGE
    except TlsOptionsError as exc:
        err(f"readiness portfolio: {exc}")
        return EXIT_USAGE
    except SchedulerUnreachable as exc:
        err(f"readiness portfolio: {exc}")
        return EXIT_FAILED
    except ListUnreadable as exc:
        err(
            _("{path}: not a list of workbooks (one path a line, UTF-8 text).").format(
                path=exc.path
            )
        )
        return EXIT_USAGE
    err(
        _("{ok} reported, {skipped} skipped (unchanged), {failed} failed in {seconds} s").format(
            ok=run.count("ok"),
            skipped=run.count("skipped"),
            failed=run.count("failed"),
            seconds=format_seconds(run.seconds + run.dashboard_seconds, args.lang or "en"),
        )
    )
    for path in run.dashboard.values():
        print(path)
    return run.exit_status


def security(args: argparse.Namespace) -> object:
    """The TLS set-up for ``--scheduler tls://...`` from --tls-*; None: Dask's configuration."""
    files = (args.tls_ca_file, args.tls_cert, args.tls_key)
    if not any(files):
        return None
    from readiness.run.portfolio import tls_security

    return tls_security(*files, scheduler=args.scheduler)


def register(sub: Any) -> None:
    """Add ``portfolio`` to the subcommands ``sub``."""
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
    options.formats(p, "the dashboard's formats besides xlsx (default html,pdf)")
    options.reports(
        p,
        "each office's report: html (default), html,pdf, or none (no notebooks run: "
        "results.json and the action plan, which are always written, and the dashboard)",
    )
    options.lang(
        p,
        "language of every report and of the dashboard (default: each office's own; "
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
    options.trust(p)
    p.set_defaults(func=cmd_portfolio)

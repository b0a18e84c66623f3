"""The ``sources`` command: guess a sources file from registers, or check how one reads."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readiness.cli import options
from readiness.cli.console import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    err,
    print_problems,
)
from readiness.core.catalogue import load_catalogue
from readiness.core.messages import translator
from readiness.core.problems import errors
from readiness.io.confine import trusted_folders


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
            err(_("Register file not found: {path}").format(path=", ".join(missing)))
            return EXIT_USAGE
        text, _guesses = guess_sources([Path(p) for p in args.paths], target)
        if not args.output:
            print(text, end="")
            return EXIT_OK
        if target.exists() and not args.force:
            err(_("{path} exists. Use --force to overwrite it.").format(path=target))
            return EXIT_FAILED
        target.write_text(text, encoding="utf-8")
        err(
            _("Wrote {path}. Confirm each guess, then run: readiness sources check {path}").format(
                path=target
            )
        )
        return EXIT_OK
    if len(args.paths) != 1:
        err(_("sources check takes one sources file."))
        return EXIT_USAGE
    sources, problems = load_sources(args.paths[0], lang, trusted_folders(args.trust))
    if sources is not None:
        registers, found = read_registers(
            sources,
            as_of=args.as_of,
            lang=lang,
            country=args.country or "",
            catalogue=load_catalogue(),
        )
        problems += found
        for line in describe_all(registers, lang):
            print(line)
    print_problems(problems, lang=lang or "en")
    return EXIT_INVALID if errors(problems) else EXIT_OK


def register(sub: Any) -> None:
    """Add ``sources`` to the subcommands ``sub``."""
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
    options.output(p, "init: the sources file to write (default: print it)")
    options.force(p, "init: overwrite an existing file")
    options.lang(p, "language of the messages")
    options.as_of(p, "check: assessment date")
    p.add_argument(
        "--country",
        choices=("PL", "BG"),
        default=None,
        help="check: the office's country, for the statutory deadline of complaints",
    )
    options.trust(p)
    p.set_defaults(func=cmd_sources)

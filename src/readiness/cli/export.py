"""The ``export`` command: the catalogue, a framework or an assessment for CISO Assistant."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from readiness.cli import options
from readiness.cli.console import EXIT_INVALID, EXIT_OK, EXIT_USAGE, err, print_problems
from readiness.cli.workbook import spoken
from readiness.core.messages import translator


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

    target, workbook = args.assessment or (None, None)
    _ = translator(args.lang or "en")
    if not (args.library or args.assessment or args.framework[0] or args.mapping[0]):
        err(_("Name what to export: --library, --assessment, --framework or --mapping."))
        return EXIT_USAGE
    try:
        edition = load_edition(args.edition)
        for name, _out in (args.framework, args.mapping):
            if name:
                load_crosswalk(parse_frameworks(name)[0], edition.id)
    except (CatalogueError, ValueError, IndexError) as exc:
        err(str(exc))
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
        # the office's language is the one its Office sheet asks for, found in the one read
        book, problems, lang = spoken(
            workbook, args.lang, catalogue=edition.catalogue, as_of=args.as_of
        )
        if book is None:
            print_problems(problems, lang=lang)
            return EXIT_INVALID
        day = args.as_of or dt.date.today()
        assessment = assess(book, day, catalogue=edition.catalogue)
        print(write_assessment(book, assessment, edition.catalogue, Path(target), lang))
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``export`` to the subcommands ``sub``."""
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
    options.edition(
        p, "the edition of the standard (default: iso9001_2015; iso9001_2026 is provisional)"
    )
    options.lang(p, "language of the texts")
    options.as_of(p, "assessment date")
    p.set_defaults(func=cmd_export)

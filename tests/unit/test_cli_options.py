"""The options several commands share: declared once (``readiness.cli.options``), read the same.

The command line is built from one helper per shared option, so ``--lang`` and the others
cannot drift apart between commands: every ``--help`` shows them with the same flags,
metavar and choices, and with the same sentence where the option means the same thing.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest

from readiness.cli import parser
from readiness.core.messages import LANGUAGES

CLI = Path(__file__).resolve().parents[2] / "src" / "readiness" / "cli"
SHARED = ("--lang", "--as-of", "--out", "--sources", "--trust", "--edition", "--frameworks")
# how each shared option reads in the usage line of every command that has it
INVOCATION = {
    "--lang": "--lang {en,pl,bg}",
    "--as-of": "--as-of DATE",
    "--sources": "--sources FILE",
    "--trust": "--trust DIR",
    "--frameworks": "--frameworks LIST",
    "--edition": "--edition EDITION",
}
# options whose help sentence is the same in every command (the report's options included)
SAME_SENTENCE = {
    "--sources": ("check", "report", "review"),
    "--trust": ("check", "report", "sources", "portfolio", "review"),
    "--out": ("report", "demo", "portfolio", "review"),
    "--as-of": ("check", "report", "demo", "portfolio"),
    "--quiet": ("report", "demo", "portfolio", "review"),
}


def commands() -> dict[str, argparse.ArgumentParser]:
    top = parser()
    sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def help_text(command: argparse.ArgumentParser) -> str:
    # a wide terminal, so that no sentence is broken across lines differently per command
    command.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=500)
    return command.format_help()


def sentence(help_page: str, flag: str) -> str:
    """The help sentence after ``flag``'s invocation on a help page."""
    found = re.search(rf"^  (?:-\w, )?{re.escape(flag)}\b[^\n]*?  +(\S[^\n]*)$", help_page, re.M)
    assert found, f"{flag} is not on the page"
    return found.group(1)


def test_every_command_lists_the_shared_options_the_same_way() -> None:
    pages = {name: help_text(command) for name, command in commands().items()}
    with_lang = [name for name, page in pages.items() if "--lang" in page]
    # every command that speaks to people has the option, with the same languages
    assert sorted(with_lang) == sorted(set(pages) - {"lab"})
    seen = 0
    for name, page in pages.items():
        for flag, invocation in INVOCATION.items():
            if re.search(rf"^  {re.escape(flag)}\b", page, re.M):
                assert re.search(rf"^  {re.escape(invocation)}( |$)", page, re.M), (name, flag)
                seen += 1
    assert seen >= 20  # the comparison above ran over most commands' options
    for flag, names in SAME_SENTENCE.items():
        sentences = {name: sentence(pages[name], flag) for name in names}
        assert len(set(sentences.values())) == 1, sentences


def test_the_language_option_offers_every_language_in_every_command() -> None:
    for name, command in commands().items():
        actions = [a for a in command._actions if "--lang" in a.option_strings]
        if name == "lab":
            assert actions == []
            continue
        assert len(actions) == 1
        assert tuple(actions[0].choices or ()) == LANGUAGES
        assert actions[0].help  # each command says whose language it is


def flags_declared(path: Path) -> list[tuple[str, int]]:
    """Every option-like string constant (``-x``, ``--name``) in ``path``, with its line."""
    return [
        (node.value, node.lineno)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"--?[a-z][a-z-]*", node.value)
    ]


@pytest.mark.parametrize("flag", [*SHARED, "--quiet", "--format", "--output", "--force"])
def test_each_shared_option_is_declared_once_in_the_code(flag: str) -> None:
    declared = [
        (path.name, line)
        for path in sorted(CLI.glob("*.py"))
        for name, line in flags_declared(path)
        if name == flag
    ]
    if flag == "--trust":  # its name is io.confine's TRUST_OPTION, given to one call
        assert declared == []
        source = (CLI / "options.py").read_text(encoding="utf-8")
        assert source.count("TRUST_OPTION,") == 1
        return
    if flag == "--format":  # check's --format is text or json, not the report's formats
        assert sorted(f for f, _line in declared) == ["options.py", "workbook.py"]
        return
    assert len(declared) == 1, declared
    assert declared[0][0] == "options.py"


def test_the_checks_catch_a_second_declaration(tmp_path: Path) -> None:
    source = tmp_path / "extra.py"
    source.write_text('p.add_argument("--lang", choices=("en",))\nflags = ("-q", "--quiet")\n')
    assert flags_declared(source) == [("--lang", 1), ("-q", 2), ("--quiet", 2)]

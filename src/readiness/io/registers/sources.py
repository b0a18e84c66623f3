"""The sources file: a TOML table per register, mapping its columns and words to ours.

```toml
[registers.skargi]
file = "rejestr-skarg-i-wnioskow.xlsx"   # relative to this file
sheet = "Rejestr 2026"                    # workbooks only; the first sheet by default
role = "complaints"                       # evidence, findings, audits, reviews, training,
                                          # complaints, risks, survey, suppliers, objectives
header_row = 4                            # optional: found automatically
encoding = "cp1250"                       # CSV only, optional: detected
separator = ";"                           # CSV only, optional: detected

[registers.skargi.columns]                # our field = their header
received = "Wpływ / data"

[registers.skargi.values.kind]            # their word = ours
"skarga" = "complaint"

[registers.skargi.defaults]               # a value every row gets where its cell is blank
refs = "9.1.2; 10.2.1"
```

A survey register with one row per respondent may name its questions (``questions = ["...",
...]``, their headers); without, when a ``service`` column is mapped, every other column with
a header is a question. Word answers are mapped under ``[registers.NAME.values.answers]``
(``"bardzo dobrze" = 5``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from readiness.core.messages import translator
from readiness.core.problems import Problem
from readiness.core.registers import ROLES
from readiness.io.confine import confined
from readiness.io.registers.roles import ROLE_FIELDS
from readiness.io.registers.spec import RegisterSpec, Sources

MAX_SOURCES_BYTES = 1024 * 1024
TABLE_KEYS = frozenset(
    {
        "file",
        "sheet",
        "role",
        "header_row",
        "encoding",
        "separator",
        "title",
        "columns",
        "values",
        "defaults",
        "deadline_months",
        "questions",
    }
)
#: defaults that are about the register as a whole, not a field of its rows
REGISTER_DEFAULTS = frozenset({"refs", "kind", "title", "reviewed", "deadline_months", "status"})


_LINE = re.compile(r"line (\d+)")


def file_line(text: str, name: str) -> int | None:
    """The line (1-based) of the ``file =`` key of ``[registers.NAME]``, when it has its own."""
    header = re.compile(r"^\s*\[\s*registers\s*\.\s*" + re.escape(name) + r"\s*\]")
    key = re.compile(r"^\s*file\s*=")
    within = False
    for number, line in enumerate(text.splitlines(), 1):
        if header.match(line):
            within = True
        elif line.lstrip().startswith("["):
            within = False
        elif within and key.match(line):
            return number
    return None


def load_sources(
    path: Path | str, lang: str = "en", trusted: Sequence[Path] = ()
) -> tuple[Sources | None, list[Problem]]:
    """Read and check a sources file.

    Parameters
    ----------
    path
        The TOML file; the registers' ``file`` paths are relative to its folder, and must
        resolve (symlinks followed) inside it: a register elsewhere is an error naming the
        line and the path it resolved to, and is not read.
    lang
        Language of the problem messages.
    trusted
        Folders the registers may lie in besides the sources file's own (``--trust``).

    Returns
    -------
    tuple
        The sources (None when the file cannot be used) and every problem found.
    """
    _ = translator(lang)
    source = Path(path)
    problems: list[Problem] = []

    def add(
        message: str,
        sheet: str = "",
        value: str = "",
        expected: str = "",
        hint: str = "",
        code: str = "sources-invalid",
    ) -> None:
        problems.append(
            Problem(code, "error", message, source.name, sheet, "", value[:200], expected, hint)
        )

    if source.exists() and not source.is_file():
        add(
            _("The path names something other than a file."),
            value=str(source),
            hint=_("Give the path of the file itself."),
            code="not-a-file",
        )
        return None, problems
    if not source.is_file():
        add(
            _("The sources file does not exist."),
            value=str(source),
            hint=_("Check the path, or write one with: readiness sources init REGISTER..."),
            code="file-not-found",
        )
        return None, problems
    size = source.stat().st_size
    if size > MAX_SOURCES_BYTES:  # before reading it
        add(_("The file is larger than the reader accepts."), value=f"{size} bytes")
        return None, problems
    raw = source.read_bytes()
    try:
        toml_text = raw.decode("utf-8-sig")
        doc = tomllib.loads(toml_text)
    except RecursionError:  # tomllib recurses once per level of nesting
        add(
            _("The sources file nests values deeper than the reader accepts."),
            hint=_("Compare it with the example in the README; a register needs few levels."),
            code="too-deep",
        )
        return None, problems
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = _LINE.search(str(exc))
        add(
            _("The sources file is not valid TOML."),
            sheet=_("line {line}").format(line=line.group(1)) if line else "",
            value=str(exc),
            hint=_("Compare it with the example in the README; strings need double quotes."),
        )
        return None, problems
    registers = doc.get("registers")
    if not isinstance(registers, dict) or not registers:
        add(
            _("The sources file lists no registers."),
            expected="[registers.NAME]",
            hint=_("Write one [registers.NAME] table per register, as in the README."),
        )
        return None, problems
    sources = Sources(path=source)
    for name, table in registers.items():
        where = f"[registers.{name}]"
        if not isinstance(table, dict):
            add(_("A register must be a table."), sheet=where, expected=where)
            continue
        unknown = sorted(set(table) - TABLE_KEYS)
        if unknown:
            add(
                _("Unknown keys in a register's table."),
                sheet=where,
                value=", ".join(unknown),
                expected=", ".join(sorted(TABLE_KEYS)),
            )
        file = table.get("file")
        role = table.get("role")
        if not isinstance(file, str) or not file:
            add(_("The register names no file."), sheet=where, expected='file = "..."')
            continue
        if role not in ROLES:
            add(
                _("The register's role is not one we know."),
                sheet=where,
                value=str(role or ""),
                expected=", ".join(ROLES),
            )
            continue
        header_row = table.get("header_row")
        if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
            add(
                _("header_row must be a row number, 1 or more."), sheet=where, value=str(header_row)
            )
            header_row = None
        months = table.get("deadline_months", table.get("defaults", {}).get("deadline_months"))
        if months is not None and (not isinstance(months, int) or not 1 <= months <= 12):
            add(
                _("deadline_months must be a whole number of months, 1 to 12."),
                sheet=where,
                value=str(months),
            )
            months = None
        where_file, allowed = confined(source.resolve().parent, file, trusted)
        if not allowed:
            number = file_line(toml_text, str(name))
            add(
                _("The register's file lies outside the sources file's folder; it is not read."),
                sheet=where + (", " + _("line {line}").format(line=number) if number else ""),
                value=str(where_file),
                expected=_("a file in the sources file's folder or below it"),
                hint=_(
                    "Keep each office's registers beside its sources file, or trust the folder "
                    "on purpose with: --trust FOLDER"
                ),
                code="path-outside",
            )
            continue
        spec = RegisterSpec(
            name=str(name),
            file=file,
            path=where_file,
            role=str(role),
            sheet=str(table.get("sheet") or ""),
            header_row=header_row,
            encoding=str(table.get("encoding") or ""),
            separator=str(table.get("separator") or "").replace("\\t", "\t"),
            title=str(table.get("title") or ""),
            deadline_months=months,
        )
        questions = table.get("questions")
        if questions is not None:
            if (
                spec.role != "survey"
                or not isinstance(questions, list)
                or not all(isinstance(q, str) and q.strip() for q in questions)
            ):
                add(
                    _("questions must list a survey register's question headers."),
                    sheet=where,
                    value=str(questions),
                    expected='role = "survey", questions = ["...", "..."]',
                )
            else:
                spec.questions = tuple(q.strip() for q in questions)
        keys = {f.key for f in ROLE_FIELDS[spec.role]}
        columns = table.get("columns", {})
        for key, header in columns.items() if isinstance(columns, dict) else []:
            if key not in keys and not (spec.role == "reviews" and key.startswith("input:")):
                add(
                    _("[columns] names a field the role does not have."),
                    sheet=where,
                    value=str(key),
                    expected=", ".join(sorted(keys)),
                )
                continue
            spec.columns[str(key)] = str(header)
        values = table.get("values", {})
        for key, words in values.items() if isinstance(values, dict) else []:
            if not isinstance(words, dict):
                add(
                    _("[values] maps a field to a table of their words and ours."),
                    sheet=where,
                    value=str(key),
                    expected=f'[registers.{name}.values.{key}] "..." = "..."',
                )
                continue
            spec.values[str(key)] = {str(k): str(v) for k, v in words.items()}
        defaults = table.get("defaults", {})
        if isinstance(defaults, dict):
            for key, value in defaults.items():
                if key not in keys and key not in REGISTER_DEFAULTS:
                    add(
                        _("[defaults] names a field the role does not have."),
                        sheet=where,
                        value=str(key),
                        expected=", ".join(sorted(keys | REGISTER_DEFAULTS)),
                    )
                    continue
                spec.defaults[str(key)] = value
        sources.registers.append(spec)
    return sources, problems

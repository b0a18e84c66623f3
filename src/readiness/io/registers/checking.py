"""``readiness sources check``: per register, what maps and what does not, as people read it."""

from __future__ import annotations

from readiness.core.messages import plural, translator
from readiness.io.registers.reading import Read, Registers

MAX_SHOWN = 80  # characters of a cell shown in a preview


def _short(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def describe(read: Read, lang: str = "en") -> list[str]:
    """Lines saying how one register reads: rows mapped, columns and words not, first rows."""
    _ = translator(lang)
    ngettext = plural(lang)
    spec = read.spec
    where = spec.file + (f" [{read.sheet}]" if read.sheet else "")
    lines = [f"{spec.name}: {where} ({spec.role})"]
    if read.encoding:
        lines.append(
            "  "
            + _("CSV: encoding {encoding}, separator {separator}").format(
                encoding=read.encoding, separator=repr(read.separator)
            )
        )
    if not read.header_row:
        lines.append("  " + _("header row not found; see the problems below"))
        return lines
    lines.append("  " + _("header row: {row}").format(row=read.header_row))
    rows = ngettext("{n} row", "{n} rows", read.rows).format(n=read.rows)
    lines.append("  " + _("{rows} read, {used} used").format(rows=rows, used=read.used))
    if read.questions:
        lines.append(
            "  "
            + _("questions (answers 1-5): {questions}").format(questions=", ".join(read.questions))
        )
    if read.unmapped_columns:
        lines.append(
            "  "
            + _("columns not mapped: {columns}").format(columns=", ".join(read.unmapped_columns))
        )
    for key, words in read.unmapped_values.items():
        lines.append(
            "  "
            + _("words without a mapping in {field}: {words}").format(
                field=key, words=", ".join(f'"{w}"' for w in words)
            )
        )
    if read.preview:
        lines.append("  " + _("first rows as read:"))
        for number, values in read.preview:
            cells = " | ".join(f"{k}={_short(v)}" for k, v in values.items())
            lines.append("    " + _("row {row}: {cells}").format(row=number, cells=cells))
    return lines


def describe_all(registers: Registers, lang: str = "en") -> list[str]:
    """Every register's lines."""
    out: list[str] = []
    for read in registers.reads:
        out += describe(read, lang)
    return out

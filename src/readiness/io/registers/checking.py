"""``readiness sources check``: per register, what maps and what does not, as people read it.

Everything is said in the reader's words: the register's role by its name ("ankiety
satysfakcji", not ``survey``), each column by the register's own header, a choice by its
label in the reader's language. Keys appear only where the sources file must be edited
(the ``[registers.NAME.values.FIELD]`` table to add a word to, a field set under
``[defaults]`` as the file names it).
"""

from __future__ import annotations

from readiness.core.messages import N_, plural, translate, translator
from readiness.core.registers import ROLE_NAMES
from readiness.core.schema import CHOICES, label
from readiness.io.registers.reading import Read, Registers
from readiness.io.registers.roles import EXTRA_CHOICES, EXTRA_LABELS, ROLE_FIELDS

MAX_SHOWN = 80  # characters of a cell shown in a preview
#: the fields a sources file sets under [defaults] (no column), as the workbook names them
DEFAULT_NAMES = {
    "refs": N_("Clauses"),
    "ref": N_("Clause"),
    "kind": N_("Kind"),
    "status": N_("Status"),
    "source": N_("Source"),
    "grade": N_("Grade"),
}


def _short(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


#: each language's quotation marks around a header or a word quoted in running text
QUOTES = {"pl": ("\u201e", "\u201d"), "bg": ("\u201e", "\u201c")}


def quoted(text: str, lang: str) -> str:
    """``text`` in the quotation marks of ``lang`` (English's by default)."""
    opening, closing = QUOTES.get(lang, ("\u201c", "\u201d"))
    return f"{opening}{text}{closing}"


def role_name(role: str, lang: str) -> str:
    """A register role as readers know it, in ``lang`` (the key only for a role we lack)."""
    return translate(lang, ROLE_NAMES[role]) if role in ROLE_NAMES else role


def choice_label(choices: str, key: str, lang: str) -> str:
    """A choice read from a register (its key) as the reader's language names it."""
    if choices in EXTRA_CHOICES:
        return translate(lang, EXTRA_LABELS.get(choices, {}).get(key, key))
    for choice in CHOICES.get(choices, ()):
        if choice.key == key:
            return label(choice, lang)
    return key


def _shown(read: Read, values: dict[str, str], lang: str) -> str:
    """A previewed row: each value under the register's header, a choice in words."""
    fields = {f.key: f for f in ROLE_FIELDS.get(read.spec.role, ())}
    cells = []
    for key, value in values.items():
        column = read.mapped.get(key)
        # no column: a field set under [defaults]
        if column:
            name = column.header
        else:
            name = translate(lang, DEFAULT_NAMES[key]) if key in DEFAULT_NAMES else key
        f = fields.get(key)
        shown = choice_label(f.choices, value, lang) if f and f.choices else value
        cells.append(f"{name}={_short(shown)}")
    return " | ".join(cells)


def describe(read: Read, lang: str = "en") -> list[str]:
    """Lines saying how one register reads: rows mapped, columns and words not, first rows."""
    _ = translator(lang)
    ngettext = plural(lang)
    spec = read.spec
    where = spec.file + (f" [{read.sheet}]" if read.sheet else "")
    lines = [f"{spec.name}: {where} ({role_name(spec.role, lang)})"]
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
        column = read.mapped.get(key)
        lines.append(
            "  "
            + _(
                "words without a mapping in the column {column} (to map under {table}): {words}"
            ).format(
                column=quoted(column.header, lang) if column else key,
                table=f"[registers.{spec.name}.values.{key}]",
                words=", ".join(quoted(w, lang) for w in words),
            )
        )
    if read.preview:
        lines.append("  " + _("first rows as read:"))
        for number, values in read.preview:
            cells = _shown(read, values, lang)
            lines.append("    " + _("row {row}: {cells}").format(row=number, cells=cells))
    return lines


def describe_all(registers: Registers, lang: str = "en") -> list[str]:
    """Every register's lines."""
    out: list[str] = []
    for read in registers.reads:
        out += describe(read, lang)
    return out

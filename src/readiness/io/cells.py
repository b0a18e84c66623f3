"""Parsing single cell values as people type them: dates, levels, choices, clause lists.

Each parser returns the value, or raises :class:`BadValue` with what was expected. The
workbook's reader (:mod:`readiness.io.workbook`) and the registers' reader
(:mod:`readiness.io.registers`) share it; it sits beside both, not inside either package,
so that neither package's ``__init__`` runs when the other reads a cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from readiness.core.catalogue import Catalogue, ref_key
from readiness.core.messages import N_, every_translation
from readiness.core.schema import (
    LEVEL_LABELS,
    NOT_APPLICABLE,
    NOT_APPLICABLE_ALIASES,
    Choice,
    labels,
)


def cell_name(row: int, col: int) -> str:
    """A1-style name of a zero-based (row, column)."""
    return f"{column_letters(col + 1)}{row + 1}"


def column_letters(number: int) -> str:
    """A column's letters from its 1-based number: 1 is A, 27 AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_MAX_SERIAL = 2_958_465  # 9999-12-31
_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), ("y", "m", "d")),
    (
        re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s*(?:r\.|г\.?))?(?:\s.*)?$"),
        ("d", "m", "y"),
    ),
    (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), ("y", "m", "d")),
)
_LEVEL_RE = re.compile(r"^([0-4])(?:[.,]0+)?(?:\s*[-–—:.)]\s*.*|\s+.*)?$")
_REF_SPLIT = re.compile(r"[;,\s]+")
ALL_CLAUSES = frozenset({"all", "wszystkie", "всички", "*"})


class BadValue(ValueError):
    """A cell value that could not be read.

    ``expected`` is an English message id saying what would have been right, with
    ``{named}`` fields filled from ``params`` once translated.
    """

    def __init__(self, expected: str, **params: str) -> None:
        super().__init__(expected.format(**params))
        self.expected = expected
        self.params = params


def norm(value: Any) -> str:
    """Text for comparing labels: trimmed, case-folded, inner white space collapsed."""
    return " ".join(str(value).split()).casefold().rstrip("*: ").strip()


def is_blank(value: Any) -> bool:
    """Whether a cell is empty (None, an empty or white-space string)."""
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious '.0', dates in ISO form."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """A date from a date cell, an Excel serial number, ISO text or dd.mm.yyyy text."""
    expected = N_("a date such as 2026-03-31 or 31.03.2026")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise BadValue(expected)
    if isinstance(value, (int, float)):
        if 1 <= value <= EXCEL_MAX_SERIAL and float(value).is_integer():
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise BadValue(expected)
    raw = text(value)
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise BadValue(expected)


def level_words() -> dict[str, int | None]:
    """Every accepted spelling of a level word, in any language, to its level (None = N/A)."""
    words: dict[str, int | None] = {norm(a): None for a in NOT_APPLICABLE_ALIASES}
    words.update({norm(t): None for t in every_translation(NOT_APPLICABLE)})
    for level, msg in LEVEL_LABELS.items():
        words.update({norm(t): level for t in every_translation(msg)})
    return words


def parse_level(value: Any) -> int | None:
    """A level 0-4 from 3, 3.0, "3", "3 - implemented" or a label; None for N/A."""
    expected = N_("a level 0-4 (0 not addressed ... 4 effective) or N/A")
    if isinstance(value, bool):
        raise BadValue(expected)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 0 <= value <= 4:
            return int(value)
        raise BadValue(expected)
    raw = text(value)
    match = _LEVEL_RE.match(raw)
    if match:
        return int(match.group(1))
    words = level_words()
    key = norm(raw)
    if key in words:
        return words[key]
    raise BadValue(expected)


def parse_choice(value: Any, options: Iterable[Choice]) -> str:
    """The key of the choice whose key or label (in any language) matches the cell."""
    options = tuple(options)
    key = norm(text(value))
    for choice in options:
        if key == norm(choice.key) or key in {norm(lab) for lab in labels(choice)}:
            return choice.key
    shown = ", ".join(sorted({lab for c in options for lab in labels(c)} - {""}))
    raise BadValue(N_("one of: {choices}"), choices=shown)


class RefAsDate(BadValue):
    """A clause ref that a spreadsheet turned into a date, and that cannot be told back."""


def refs_from_date(value: dt.date, catalogue: Catalogue) -> set[str]:
    """The clause refs a spreadsheet may have turned into the date ``value``.

    Excel and LibreOffice in Polish or Bulgarian (and other day.month locales) read "9.2"
    as 9 February of the current year and "9.2.1" as 9 February 2001; in a month.day
    locale "9.2" is 2 September. So a date stands for "D.M" or "M.D", with ".Y" added
    when its year is 2001-2009 (a third number typed as a two-digit year). The answer
    holds only the refs the catalogue knows; more than one means it cannot be told back.
    """
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return set()
    third = value.year - 2000 if 2001 <= value.year <= 2009 else 0
    found = set()
    for first, second in ((value.day, value.month), (value.month, value.day)):
        ref = f"{first}.{second}" + (f".{third}" if third else "")
        if ref in catalogue.clauses:
            found.add(ref)
    return found


def ref_from_date(value: dt.date, catalogue: Catalogue) -> str:
    """The clause ref a date cell stands for, when exactly one ref fits (see refs_from_date)."""
    found = refs_from_date(value, catalogue)
    if len(found) == 1:
        return found.pop()
    raise RefAsDate(
        N_("a clause number typed as text; the spreadsheet turned it into the date {date}"),
        date=text(value),
    )


def parse_ref(value: Any, catalogue: Catalogue) -> str:
    """A clause ref known to the catalogue ('7.1.5.1'; a trailing dot is tolerated).

    A date cell is read back as the ref a spreadsheet turned into that date, when only
    one fits; otherwise :class:`RefAsDate` is raised.
    """
    if isinstance(value, dt.date):
        return ref_from_date(value, catalogue)
    raw = text(value).rstrip(".")
    if raw in catalogue.clauses:
        return raw
    raise BadValue(N_("a clause of ISO 9001:2015 such as 7.1.5.1"))


def parse_refs(value: Any, catalogue: Catalogue) -> tuple[str, ...]:
    """Assessable requirements named by a list of refs; a heading stands for its requirements.

    'all' (or 'wszystkie', 'всички') stands for every requirement.
    """
    if isinstance(value, dt.date):
        return tuple(r.ref for r in catalogue.requirements_under(ref_from_date(value, catalogue)))
    raw = text(value)
    if norm(raw) in ALL_CLAUSES:
        return tuple(c.ref for c in catalogue.requirements)
    out: list[str] = []
    for part in _REF_SPLIT.split(raw):
        if not part:
            continue
        ref = parse_ref(part, catalogue)
        out.extend(r.ref for r in catalogue.requirements_under(ref))
    if not out:
        raise BadValue(N_("clause refs separated by semicolons, such as 9.2.1; 9.2.2"))
    return tuple(sorted(set(out), key=ref_key))


MAX_NUMBER = 1_000_000


def parse_number(value: Any) -> float:
    """A number of zero or more from a number cell or text ('42', '42,5', '42.5', '92 %').

    A percent sign after the number is dropped ('92%' reads as 92, in the unit the column
    names); spaces, also non-breaking ones, are thousands separators.
    """
    expected = N_("a number of 0 or more, such as 42 or 42.5")
    if isinstance(value, bool):
        raise BadValue(expected)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        try:
            raw = "".join(text(value).split()).removesuffix("%")
            number = float(raw.replace(",", "."))
        except ValueError:
            raise BadValue(expected) from None
    if not 0 <= number <= MAX_NUMBER:  # also refuses nan
        raise BadValue(expected)
    return number

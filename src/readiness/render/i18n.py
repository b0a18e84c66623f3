"""Locale formatting for the report: dates and percentages as a reader of the language writes them.

Messages and their translations are in ``readiness.core.messages``.
"""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_format_percent

#: Polish official style for a date in words: the month in the genitive and "r." after the
#: year ("25 maja 2026 r."); CLDR's medium Polish date is "25 maj 2026".
OFFICIAL_PATTERNS = {"pl": {"medium": "d MMMM y 'r.'", "long": "d MMMM y 'r.'"}}

_DOUBLE_STOP = re.compile(r"(?<=\b[rг]\.)\.(?!\.)")


def format_date(value: dt.date | None, lang: str, fmt: str = "medium") -> str:
    """A date as a reader of the language writes it in an official text; empty for None.

    Polish dates in words take the genitive month and "r." ("25 maja 2026 r."), Bulgarian
    ones "г." as CLDR gives them.
    """
    if value is None:
        return ""
    pattern = OFFICIAL_PATTERNS.get(lang, {}).get(fmt, fmt)
    return str(_babel_format_date(value, format=pattern, locale=Locale.parse(lang)))


def single_stop(text: str) -> str:
    """One full stop after "r." or "г." where a sentence ends with a date ("2026 г.." → "г.")."""
    return _DOUBLE_STOP.sub("", text)


#: The largest share shown below 100 % (a whole percentage): what is not complete never
#: reads "100 %", nor does what is under way read "0 %".
ALMOST = 0.99


#: a list item's Latin letter as Bulgarian texts of the standard letter it (а), б), в)...)
_CYRILLIC_ITEMS = dict(zip("abcdefghijk", "абвгдежзийк", strict=True))
_ITEM = re.compile(r"(?<=\d )([a-k])\)")


def clause_ref(ref: str, lang: str) -> str:
    """A clause reference as the language's text of the standard writes it.

    Bulgarian letters a clause's items in Cyrillic: "9.3.2 c) 1)" reads "9.3.2 в) 1)"; other
    languages keep the reference as it is.
    """
    if lang != "bg":
        return ref
    return _ITEM.sub(lambda m: _CYRILLIC_ITEMS[m.group(1)] + ")", ref)


def format_seconds(value: float, lang: str) -> str:
    """A duration in seconds to one decimal, with the language's decimal sign ("8,5" in pl)."""
    return str(format_decimal(round(value, 1), format="0.0", locale=Locale.parse(lang)))


def format_percent(value: float, lang: str) -> str:
    """A share (0.0 to 1.0) as a whole percentage in the language's own (CLDR) style.

    A share short of 1.0 never rounds up to 100 % (99.7 % reads 99 %): a requirement under
    an open nonconformity must not show as complete; above 0.0 never rounds down to 0 %.
    """
    if 0.995 <= value < 1.0:
        value = ALMOST
    elif 0.0 < value < 0.005:
        value = 0.01
    return str(_babel_format_percent(value, locale=Locale.parse(lang)))

"""Locale formatting for the report: dates and percentages as a reader of the language writes them.

Messages and their translations are in ``readiness.core.messages``.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_percent as _babel_format_percent


def format_date(value: dt.date | None, lang: str, fmt: str = "medium") -> str:
    """A date as a reader of the language writes it; empty for None."""
    if value is None:
        return ""
    return str(_babel_format_date(value, format=fmt, locale=Locale.parse(lang)))


#: The largest share shown below 100 % (a whole percentage): what is not complete never
#: reads "100 %", nor does what is under way read "0 %".
ALMOST = 0.99


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

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


def format_percent(value: float, lang: str) -> str:
    """A share (0.0 to 1.0) as a whole percentage in the language's own (CLDR) style."""
    return str(_babel_format_percent(value, locale=Locale.parse(lang)))

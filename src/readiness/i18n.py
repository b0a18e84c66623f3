"""Translations and locale formatting: gettext catalogues (Babel) for en, pl and bg.

The message catalogues are plain ``.po`` files in ``readiness/locale``. They are compiled in
memory when first used, so no compiled ``.mo`` file is kept in the repository.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
from collections.abc import Callable
from functools import cache
from importlib import resources

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent as _babel_format_percent

LANGUAGES: tuple[str, ...] = ("en", "pl", "bg")
DOMAIN = "readiness"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def check_language(lang: str) -> str:
    """Return the language code normalised, or raise ValueError naming the choices."""
    code = (lang or "").strip().lower()
    if code not in LANGUAGES:
        raise ValueError(
            f"language {lang!r} is not supported; choose one of {', '.join(LANGUAGES)}"
        )
    return code


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The gettext translations for a language (English is the source language)."""
    lang = check_language(lang)
    if lang == "en":
        return _gettext.NullTranslations()
    po = resources.files("readiness") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def translator(lang: str) -> Callable[[str], str]:
    """A ``_`` function for one language."""
    return translations(lang).gettext


def every_translation(message: str) -> set[str]:
    """The message in every supported language (used to read headers written in any of them)."""
    return {translations(lang).gettext(message) for lang in LANGUAGES}


def format_date(value: dt.date | None, lang: str, fmt: str = "medium") -> str:
    """A date as a reader of the language writes it; empty for None."""
    if value is None:
        return ""
    return str(_babel_format_date(value, format=fmt, locale=Locale.parse(lang)))


def format_percent(value: float, lang: str) -> str:
    """A share (0.0 to 1.0) as a whole percentage in the language's own (CLDR) style."""
    return str(_babel_format_percent(value, locale=Locale.parse(lang)))

"""Languages and messages: message ids, and the gettext catalogues (Babel) for en, pl and bg.

The message catalogues are plain ``.po`` files in ``readiness/locale``. They are compiled in
memory when first used, so no compiled ``.mo`` file is kept in the repository. The plural
rule of each language (Polish has three forms, Bulgarian two) comes from the locale data,
so it holds even when a ``.po`` file is written without its header. Dates and percentages
in a reader's style are formatted by ``readiness.render.i18n``.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import IO

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("en", "pl", "bg")
DOMAIN = "readiness"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


#: what joins a message's context to its id in a gettext catalogue ("context\x04message")
CONTEXT = "\x04"


def NC_(context: str, message: str) -> str:
    r"""Mark a message with a context (``msgctxt``) for extraction, without translating it now.

    The same English word may need different words in Polish or Bulgarian, for example a
    status that must agree with the noun it describes ("open": a finding is "незакрита", a
    decision "за изпълнение"). Returns ``context + "\x04" + message``, the key gettext files
    the translation under; :func:`translate` and :func:`every_translation` read it.
    """
    return f"{context}{CONTEXT}{message}"


def check_language(lang: str) -> str:
    """Return the language code normalised, or raise ValueError naming the choices."""
    code = (lang or "").strip().lower()
    if code not in LANGUAGES:
        raise ValueError(
            f"language {lang!r} is not supported; choose one of {', '.join(LANGUAGES)}"
        )
    return code


def compile_catalogue(po: IO[bytes], lang: str) -> _gettext.GNUTranslations:
    """Compile a ``.po`` file in memory into gettext translations for ``lang``.

    Parameters
    ----------
    po
        The ``.po`` file, opened for reading bytes.
    lang
        The language code; its CLDR plural rule is used whatever the file's header says.

    Returns
    -------
    gettext.GNUTranslations
        Translations whose ``ngettext`` picks the language's plural form.
    """
    parsed = read_po(po, locale=lang, domain=DOMAIN)
    catalog = Catalog(locale=lang, domain=DOMAIN, fuzzy=False)
    for message in parsed:
        if message.id:
            catalog[message.id] = message
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The gettext translations for a language (English is the source language)."""
    lang = check_language(lang)
    if lang == "en":
        return _gettext.NullTranslations()
    po = resources.files("readiness") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        return compile_catalogue(fh, lang)


def translate(lang: str, message: str) -> str:
    """A message in a language; one marked by :func:`NC_` is looked up in its context."""
    context, separator, text = message.rpartition(CONTEXT)
    if separator:
        return translations(lang).pgettext(context, text)
    return translations(lang).gettext(message)


def translator(lang: str) -> Callable[[str], str]:
    """A ``_`` function for one language."""
    return translations(lang).gettext


def plural(lang: str) -> Callable[[str, str, int], str]:
    """An ``ngettext`` for one language: the form of a message that agrees with a count.

    Bind it to a name ``ngettext`` where it is used, so that ``pybabel extract`` (whose
    default keywords include ``ngettext``) finds the singular and the plural, for example
    ``ngettext = plural(lang)`` then ``ngettext("{n} error", "{n} errors", n).format(n=n)``.
    """
    return translations(lang).ngettext


#: Translations that the glossary (docs/glossary.md) retired, keyed by message id. Reports and
#: templates no longer use them; the reader still accepts them in workbooks written before.
FORMER_TRANSLATIONS: dict[str, tuple[str, ...]] = {
    "Current stage": ("Bieżący etap", "Текущ етап"),
    "Certification body": ("Сертификационен орган",),
    "Reference": ("Референция",),
    "observation": ("наблюдение",),
    "effective": ("ефективно",),
    "open": ("открита",),  # a finding not yet closed: "незакрита" (открита also reads "discovered")
    # a review decision's status shared the finding's words until it had its own (agreeing
    # with "decyzja" and "решение"): templates written before hold these
    NC_("decision status", "open"): ("otwarte", "незакрита"),
    NC_("decision status", "done"): ("wykonane",),
}


def every_translation(message: str) -> set[str]:
    """The message in every supported language (used to read headers written in any of them).

    Earlier translations listed in :data:`FORMER_TRANSLATIONS` are included, so a workbook
    filled in from an older template still reads.
    """
    current = {translate(lang, message) for lang in LANGUAGES}
    return current | set(FORMER_TRANSLATIONS.get(message, ()))

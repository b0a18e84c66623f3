"""What a Polish or Bulgarian report may not contain: English words, internal names.

Used by ``test_scan.py``. English is recognised by vocabulary: a Latin-script word of the
English texts the report is written from (the message catalogue's ids, the English texts
of the data files) that is neither a word of the reader's own texts (the pl or bg
translations), nor a word of the office's own data (names, titles, notes, file names),
nor on the allow-list of tokens every language shares. Titles of cited documents, in
quotation marks, are left out: a source is named as it is published.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "readiness"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
LATIN = re.compile(r"[A-Za-z]+")
QUOTED = re.compile(r"„[^”“\"]*[”“\"]|\"[^\"]*\"|“[^”]*”")

#: tokens a Polish or Bulgarian official text uses as they are: standards, formats, bodies,
#: the tool's own commands and options, Latin abbreviations
ALLOWED = frozenset(
    [
        "iso",
        "iec",
        "en",
        "pn",
        "bds",
        "fdis",
        "dis",
        "amd",
        "pdf",
        "csv",
        "html",
        "xlsx",
        "ods",
        "json",
        "readiness",
        "gaci",
        "iaf",
        "ilac",
        "nsf",
        "bsi",
        "dnv",
        "abs",
        "caf",
        "eupan",
        "eipa",
        "kdz",
        "swot",
        "pest",
        "bip",
        "ezd",
        "it",
        "kpa",
        "rodo",
        "gdpr",
        "uodo",
        "puodo",
        "iod",
        "dlzd",
        "apk",
        "gpk",
        "quality",
        "evaluations",
        "ciso",
        "ok",
        "na",
    ]
)

#: what never reaches a reader: our notes, blogs, the data files and register keys
FORBIDDEN = (
    re.compile(r"DOMAIN"),
    re.compile(r"\bAMD\b"),
    re.compile(r"\bAmd\b"),  # Polish and Bulgarian readers know the amendment as A1
    re.compile(r"(?i)wixsite|blogspot|oxebridge|isto\.ch|sternberg"),
    re.compile(r"(?i)\b[\w-]+\.(?:toml|md|py|ipynb)\b"),
    re.compile(r"\b(?:obucheniya|signali|niezgodnosci)\b(?![.-])"),  # register keys
    re.compile(r"\b[rг]\.\.(?!\.)"),  # "2026 г.." : one stop after a date ends a sentence
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))


def _by_language(value: Any, lang: str) -> Iterator[str]:
    """Every string under a ``lang`` key of a TOML document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == lang and isinstance(item, str):
                yield item
            else:
                yield from _by_language(item, lang)
    elif isinstance(value, list):
        for item in value:
            yield from _by_language(item, lang)


def words(texts: Iterable[str]) -> set[str]:
    """The lower-cased words of some texts."""
    return {w.lower() for text in texts for w in WORD.findall(text)}


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads((PACKAGE / "data" / name).read_text(encoding="utf-8"))


@cache
def english() -> frozenset[str]:
    """Words of the English texts reports are written from."""
    with (PACKAGE / "locale" / "readiness.pot").open("rb") as f:
        catalog = read_po(f)
    ids = [i for m in catalog for i in (m.id if isinstance(m.id, tuple) else (m.id,))]
    base = _toml("iso9001_2015.toml")
    texts = [*ids, *_strings(base["clause"])]
    for name in ("iso9001_2026.toml", "stages.toml", "kz.toml", "sfuk.toml", "caf2020.toml"):
        texts.extend(_by_language(_toml(name), "en"))
    return frozenset(w for w in words(texts) if LATIN.fullmatch(w) and len(w) > 2)


@cache
def native(lang: str) -> frozenset[str]:
    """Words of the reader's own texts: the translations and the translated data."""
    with (PACKAGE / "locale" / lang / "LC_MESSAGES" / "readiness.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    texts = [s for m in catalog for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    texts.extend(_strings(_toml(f"iso9001_2015.{lang}.toml")))
    for name in ("iso9001_2015.toml", "iso9001_2026.toml", "stages.toml", "kz.toml", "sfuk.toml"):
        texts.extend(_by_language(_toml(name), lang))
    texts.extend(_by_language(_toml("caf2020.toml"), lang))
    return frozenset(words(texts))


def english_words(text: str, lang: str, office: set[str]) -> tuple[list[str], int]:
    """English words in ``text`` (a report in ``lang``), and how many words were read."""
    text = QUOTED.sub(" ", text)
    found = list(WORD.findall(text))
    leaks = [
        w
        for w in found
        if w.lower() in english()
        and w.lower() not in native(lang)
        and w.lower() not in office
        and w.lower() not in ALLOWED
    ]
    return leaks, len(found)


def internal_names(text: str) -> list[str]:
    """Internal names in ``text``: our notes, blogs, data files, register keys, AMD."""
    return [m.group(0) for pattern in FORBIDDEN for m in pattern.finditer(text)]


def office_words(workbook: Any, folder: Path) -> set[str]:
    """Words of the office's own data: the workbook's records and its registers' files."""
    keys = re.compile(r"[a-z0-9_-]+")  # kinds, statuses, roles: ours, and translated in reports
    texts = [t for t in _strings(workbook) if not keys.fullmatch(t)]
    for path in folder.rglob("*"):
        texts.append(path.name)
    for register in getattr(workbook, "registers", ()):
        texts.extend([register.file, register.sheet])
        texts.extend(e.label for e in register.entries)
    return words(texts)

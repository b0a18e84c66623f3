"""Every message exists in Polish and Bulgarian, and the catalogue template is current."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from readiness.i18n import format_date, format_percent, translator

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "readiness" / "locale"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s|%%")


def catalogue(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "readiness.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def template_ids() -> set[str]:
    with (LOCALE / "readiness.pot").open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def test_the_template_lists_every_message_in_the_code():
    method_map = [("src/readiness/**.py", "python"), ("src/readiness/templates/**.j2", "jinja2")]
    options = {"src/readiness/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    found = {
        msg[2]
        for msg in extract_from_dir(
            str(ROOT), method_map, options_map=options, keywords={"_": None, "N_": None}
        )
    }
    assert found == template_ids(), "run `make messages` and translate what is new"


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_every_message_is_translated_with_the_same_placeholders(lang):
    ids = template_ids()
    messages = {m.id: m.string for m in catalogue(lang) if m.id}
    assert set(messages) == ids
    for msgid, text in messages.items():
        assert text, f"{lang}: no translation for {msgid!r}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), (
            lang,
            msgid,
        )


def test_translations_are_used_and_locale_formats_follow_the_language():
    assert translator("pl")("Office") == "Urząd"
    assert translator("bg")("Office") == "Администрация"
    assert translator("en")("Office") == "Office"
    day = dt.date(2026, 11, 16)
    assert format_date(day, "pl", "long") == "16 listopada 2026"
    assert format_date(day, "bg", "long").startswith("16 ноември 2026")
    assert format_percent(0.764, "pl") == "76%"
    assert format_percent(0.7651, "en") == "77%"
    assert format_percent(1, "bg") == "100%"

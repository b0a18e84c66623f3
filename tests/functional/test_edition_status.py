"""The transition section's words follow the report's date: before ISO 9001:2026 was
published (16 September 2026) it is expected, from that day it is published; an office
not yet certified can still be certified to the 2015 edition; every source shown is public
and in the reader's language."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from build_sample import city_office_certified

from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import load_workbook
from readiness.render.frameworks import transition
from readiness.render.model import build_model
from readiness.render.view import GapReport

CAT = load_catalogue()
AS_OF = dt.date(2026, 11, 16)


def _section(make_workbook, lang: str, on: dt.date, stage: str | None = None) -> str:  # type: ignore[no-untyped-def]
    book = load_workbook(
        make_workbook(city_office_certified()), as_of=AS_OF, catalogue=load_catalogue()
    )
    if stage:
        book = dataclasses.replace(
            book, office=dataclasses.replace(book.office, current_stage=stage)
        )
    return transition(
        GapReport(
            build_model(
                book, assess(book, on, catalogue=load_catalogue()), lang, CAT, transition=""
            )
        )
    ).html


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        ("en", "publication expected in the autumn of 2026", "published on 16 September 2026"),
        ("pl", "publikacja spodziewana jesienią 2026 r.", "opublikowana 16 września 2026 r."),
        (
            "bg",
            "публикуването се очаква през есента на 2026 г.",
            "публикуван на 16 септември 2026 г.",
        ),
    ],
)
def test_the_status_follows_the_reports_date(make_workbook, lang, before, after) -> None:  # type: ignore[no-untyped-def]
    early = _section(make_workbook, lang, dt.date(2026, 9, 15))
    late = _section(make_workbook, lang, dt.date(2026, 12, 6))
    assert before in early and after not in early
    assert after in late and before not in late
    for text in (early, late):
        assert "DOMAIN" not in text and "wixsite" not in text and "oxebridge" not in text
    if lang != "en":
        assert "according to" not in late and "as summarised" not in late  # sources translated


def test_an_office_not_yet_certified_can_still_be_certified_to_2015(make_workbook) -> None:  # type: ignore[no-untyped-def]
    html = _section(make_workbook, "en", dt.date(2026, 12, 6), stage="readiness")
    assert "can still be certified to ISO 9001:2015 + Amd 1:2024" in html
    assert "edition in force at its stage 1 audit" not in html

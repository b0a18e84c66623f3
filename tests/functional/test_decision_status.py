"""A review decision's status has its own words (agreeing with "decyzja" and "решение"), and
the Review decisions sheet reads both them and the finding's words older templates held."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from conftest import AS_OF
from readiness.core.catalogue import load_catalogue
from readiness.core.messages import translate
from readiness.core.review import COUNTS
from readiness.core.schema import CHOICES, label
from readiness.io.template import LISTS_SHEET
from readiness.io.workbook import load_workbook

NEW = {
    "en": ["open", "in progress", "done"],
    "pl": ["do realizacji", "w realizacji", "zrealizowana"],  # decyzja: feminine
    "bg": ["за изпълнение", "в изпълнение", "изпълнено"],  # решение: neuter
}
#: what templates written before held in the Status column (the finding's words)
OLD = {"otwarte": "open", "незакрита": "open", "wykonane": "done", "изпълнено": "done"}
SHEET = {"en": "Review decisions", "pl": "Decyzje z przeglądów", "bg": "Решения от прегледите"}


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_statuses_words_agree_with_a_decision_not_a_finding(lang):
    words = [label(choice, lang) for choice in CHOICES["decision_status"]]
    assert words == NEW[lang]
    finding = {c.key: label(c, lang) for c in CHOICES["finding_status"]}
    if lang != "en":
        assert finding["open"] not in words  # "otwarte", "незакрита": a finding's
    # the pack's counts of decisions by status: plural, and a decision's words
    counts = [translate(lang, COUNTS[k]) for k in ("open", "in_progress", "done")]
    assert (
        counts
        == {
            "en": ["decisions open", "decisions in progress", "decisions carried out"],
            "pl": ["decyzje do realizacji", "decyzje w realizacji", "decyzje zrealizowane"],
            "bg": ["решения за изпълнение", "решения в изпълнение", "изпълнени решения"],
        }[lang]
    )


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_the_templates_drop_down_offers_the_new_words(make_workbook, lang):
    book = openpyxl.load_workbook(make_workbook(lang=lang))
    lists = book[LISTS_SHEET]
    column = next(c for c in lists[1] if c.value == "decision_status").column
    offered = [
        row[0]
        for row in lists.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
    ]
    assert [w for w in offered if w] == NEW[lang]


def _typed(path, sheet: str, statuses: list[str]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for row, status in enumerate(statuses, start=2):
        ws.cell(row=row, column=1, value=dt.datetime(2026, 10, 20))
        ws.cell(row=row, column=2, value=ws.cell(row=2, column=2).value)
        ws.cell(row=row, column=3, value=f"decyzja {row}")
        ws.cell(row=row, column=6, value=status)
    book.save(path)


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_sheet_reads_the_new_words_and_the_old(make_workbook, sample_content, lang):
    content = dict(sample_content)
    content["reviews"] = [{"date": dt.date(2026, 10, 20), "minutes": "PZ-1/2026"}]
    content["decisions"] = [
        {"review": dt.date(2026, 10, 20), "kind": "improvement", "description": "x"}
    ]
    path = make_workbook(content, lang=lang)
    # new words of every language (people paste across), then the old ones, any case
    typed = [*NEW["en"], *NEW["pl"], *NEW["bg"], *(w.upper() for w in OLD), ""]
    _typed(path, SHEET[lang], typed)
    book = load_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    statuses = [d.status for d in book.decisions]
    assert statuses == [
        *(["open", "in_progress", "done"] * 3),
        *OLD.values(),
        "open",  # blank: open, as before
    ]

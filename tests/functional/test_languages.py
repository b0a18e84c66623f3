"""Reports in Polish and Bulgarian carry no English text from the catalogue."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from build_sample import SAMPLES

from readiness.assess import assess
from readiness.catalogue import LANGUAGES, load_catalogue
from readiness.view import GapReport
from readiness.workbook import load_workbook

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()


def english_catalogue_texts() -> set[str]:
    texts = set()
    for clause in CAT.requirements:
        texts |= {clause.summary, clause.guidance, clause.action, *clause.evidence}
        texts |= {d.what for d in clause.documented}
        if clause.title["en"] not in (clause.title["pl"], clause.title["bg"]):
            texts.add(clause.title["en"])
    for stage in CAT.stages:
        texts.add(stage.name["en"])
        texts |= {c.text["en"] for c in stage.gate}
    texts |= {i.title["en"] for i in CAT.review_inputs}
    return {t for t in texts if len(t) > 12}  # short titles such as "People" may be shared words


def test_every_requirement_has_its_own_polish_and_bulgarian_texts():
    for lang in ("pl", "bg"):
        table = CAT.translations[lang]
        for clause in CAT.requirements:
            for text in (clause.summary, clause.guidance, clause.action, *clause.evidence):
                assert text in table and table[text] != text, (lang, clause.ref, text)
    assert re.search("[ąęłńóśźż]", CAT.tr(CAT.clauses["8.5.3"].summary, "pl"))
    assert re.search("[а-я]", CAT.tr(CAT.clauses["8.5.3"].summary, "bg"))


@pytest.mark.parametrize("lang", ["pl", "bg"])
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_reports_in_pl_and_bg_have_no_english_from_the_catalogue(make_workbook, sample, lang):
    _, build = SAMPLES[sample]
    book = load_workbook(make_workbook(build()), as_of=AS_OF)
    report = GapReport(book, assess(book, AS_OF), lang, CAT)
    sections = [
        report.office, report.ladder, report.chapters, report.progress, report.top_gaps,
        report.clauses, report.documents, report.findings, report.appendix,
        report.verdict_section, report.certification_cycle, report.certified_gates,
    ]  # fmt: skip
    html = "".join(s().html for s in sections)
    html += "".join(report.stage_gate(s.id).html for s in CAT.stages)
    html += " ".join(
        str(v)
        for row in report.action_plan()
        for k, v in row.items()
        if k in ("description", "action")
    )
    text = (
        re.sub(r"<[^>]+>", " ", html)
        .replace("&#39;", "'")
        .replace("&#34;", '"')
        .replace("&amp;", "&")
    )
    leaked = sorted(t for t in english_catalogue_texts() if t in text)
    assert leaked == []


def test_english_report_uses_the_english_catalogue(make_workbook):
    _, build = SAMPLES["starostwo-przykladowo.xlsx"]
    book = load_workbook(make_workbook(build()), as_of=AS_OF)
    report = GapReport(book, assess(book, AS_OF), "en", CAT)
    assert CAT.clauses["8.5.6"].action in report.top_gaps().html
    assert set(LANGUAGES) == {"en", "pl", "bg"}

"""The catalogue's rules as a user meets them: in `readiness check` and in the report."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from readiness.cli import main
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.io.workbook import load_workbook
from readiness.render.model import build_model
from readiness.render.view import GapReport

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()


def clause_row(content, ref):
    return next(c for c in content["clauses"] if c["ref"] == ref)


def check_json(path, capsys):
    code = main(["check", str(path), "--format", "json", "--as-of", AS_OF.isoformat()])
    return code, json.loads(capsys.readouterr().out)


def test_an_office_declaring_post_delivery_activities_not_applicable_gets_an_error(
    make_workbook, sample_content, capsys
):
    clause_row(sample_content, "8.5.5").update(level="na", notes="we issue no appeals")
    code, doc = check_json(make_workbook(sample_content), capsys)
    assert code == 1
    problems = [p for p in doc["problems"] if p["code"] == "na-not-allowed"]
    assert len(problems) == 1
    assert problems[0]["severity"] == "error"
    assert "8.5.5" in problems[0]["message"]


def test_an_exclusion_of_post_delivery_activities_on_the_office_sheet_is_an_error(
    make_workbook, sample_content, capsys
):
    sample_content["office"]["exclusions"] += "\n8.5.5 - nie prowadzimy działań po dostawie"
    code, doc = check_json(make_workbook(sample_content), capsys)
    assert code == 1
    codes = {p["code"] for p in doc["problems"] if p["severity"] == "error"}
    assert "exclusion-not-allowed" in codes


def test_measurement_traceability_may_still_be_excluded(make_workbook, sample_content, capsys):
    row = clause_row(sample_content, "7.1.5.2")
    assert row["level"] == "na"  # the sample excludes it, with a justification
    code, doc = check_json(make_workbook(sample_content), capsys)
    assert code == 0, doc["problems"]


@pytest.fixture
def report(make_workbook, sample_content):
    def make(lang: str, content=None) -> GapReport:
        book = load_workbook(
            make_workbook(content or sample_content), as_of=AS_OF, catalogue=load_catalogue()
        )
        return GapReport(
            build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), lang, CAT)
        )

    return make


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_clause_table_marks_our_own_titles_and_names_the_standard(report, lang):
    html = report(lang).clauses().html
    rows = dict(re.findall(r'data-ref="([\d.]+)">\s*<td>(.*?)</td>', html, re.S))
    assert set(rows) == {r.ref for r in CAT.requirements}
    marked = {ref for ref, cell in rows.items() if "†" in cell}
    assert marked == set(CAT.own_titles)
    assert "4.4.1" in marked and "4.1" not in marked and "7.1.5.2" not in marked
    legend = re.search(r'<p class="small legend own-title-legend">(.*?)</p>', html, re.S)
    assert legend is not None
    assert legend.group(1).startswith("†")
    # the amendment as each reader knows it: ISO's designation in English, the European one
    named = {"en": "ISO 9001:2015 + Amd 1:2024", "pl": "EN ISO 9001:2015 + A1:2024"}
    assert named.get(lang, "EN ISO 9001:2015 + A1:2024") in legend.group(1)
    if lang != "en":
        assert "Amd" not in legend.group(1)
        national = {"pl": "PN-EN ISO 9001", "bg": "БДС EN ISO 9001"}[lang]
        assert national in legend.group(1)


def test_top_gaps_mark_our_own_titles(report, sample_content):
    for ref in CAT.own_titles:
        clause_row(sample_content, ref).update(level=0)
    html = report("en", sample_content).top_gaps().html
    headings = re.findall(r"<h3>(.*?)</h3>", html, re.S)
    assert headings and all("†" in h for h in headings)
    assert "gives this paragraph no title" in html


def test_external_documents_and_calibration_records_are_not_missing_documents(
    report, sample_content
):
    sample_content["evidence"] = [
        e for e in sample_content["evidence"] if "7.5.3.2" not in e["refs"].split("; ")
    ]
    missing = {m.ref for m in report("en", sample_content).assessment.missing_documents}
    assert "7.5.3.2" not in missing
    assert "7.1.5.2" not in missing
    assert "8.5.1" not in missing  # service cards are asked for as applicable

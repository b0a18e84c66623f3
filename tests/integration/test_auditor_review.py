"""What a lead auditor's review of the outputs found, checked through ``readiness report``.

Each condition of the two verdicts cites what it rests on, and the reader sees it; one number
is computed one way (the cover and ``results.json`` agree on the blockers without a dated
action, on the planned audit, on the exclusions); a certified office's ``verdicts`` holds its
next audit's verdict; the action plan proposes due dates on working days only.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import holidays
import pytest

from conftest import ROOT, require_tool

pytestmark = pytest.mark.slow

TODAY = "2026-12-06"
DAY = dt.date.fromisoformat(TODAY)
SAMPLES = sorted((ROOT / "data" / "sample").glob("*.xlsx"))


def visible(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("&#39;", "'").replace("&amp;", "&").split())


def section(html: str, ident: str) -> str:
    start = html.index(">", html.index(f'id="{ident}"')) + 1
    return visible(html[start : html.index("</section>", start)])


@pytest.fixture(scope="module")
def runs(sample_reports: Any) -> dict[str, tuple[dict[str, Any], str, Path]]:
    """Every sample's English report: (results.json, HTML, output folder) by sample name."""
    out = {}
    for sample in SAMPLES:
        dated = sample_reports(sample, "en", DAY).folder  # the session's run (tests/conftest.py)
        results = json.loads((dated / "results.json").read_text(encoding="utf-8"))
        out[sample.stem] = (results, (dated / "gap-report.html").read_text("utf-8"), dated)
    return out


def test_every_condition_cites_what_it_rests_on_and_the_pdf_shows_it(sample_reports):
    require_tool("chromium")
    pdftotext = require_tool("pdftotext")
    sample = ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx"
    dated = sample_reports(sample, "pl", DAY).folder  # html and pdf
    results = json.loads((dated / "results.json").read_text(encoding="utf-8"))
    first = results["verdicts"]["stage1"]["conditions"]
    second = results["verdicts"]["stage2"]["conditions"]
    # 9.3.1.3 says what stage 2 is for, not these rules; 7.5.2 sets no review period
    assert second["audit-cycle"]["source"] == "ISO 9001:2015, 9.2.2"
    assert second["management-review"]["source"] == "ISO 9001:2015, 9.3.2"
    assert "10.2.1" in second["majors-verified"]["source"]
    assert "9.4.9" in second["majors-verified"]["source"]
    assert "10.2.1" in second["minors-planned"]["source"]
    assert second["recent-records"]["source"] == "practice"
    assert first["documents-current"]["source"] == "practice"
    assert not any("9.3.1.3" in c["source"] for c in second.values())
    assert first["key-documents"]["source"] == "ISO/IEC 17021-1:2015, 9.3.1.2.2"
    text = subprocess.run(
        [pdftotext, "-layout", str(dated / "gap-report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(text.split())
    assert "17021-1" in flat
    assert "Źródło: ISO/IEC 17021-1:2015, 9.3.1.2.2." in flat
    assert "Źródło: ISO 9001:2015, 9.2.2." in flat
    assert "Źródło: ISO 9001:2015, 9.3.2." in flat
    assert "Źródło: dobra praktyka: dokument po terminie przeglądu" in flat


def test_the_sources_read_in_the_readers_language(sample_reports):
    sample = ROOT / "data" / "sample" / "obshtina-primerno.xlsx"
    html = (sample_reports(sample, "bg", DAY).folder / "gap-report.html").read_text("utf-8")
    road = section(html, "ladder")
    assert "Източник: ISO 9001:2015, 9.2.2." in road
    assert "Източник: добра практика: на етап 2 органът за сертификация" in road
    assert "Source" not in road and "practice" not in road
    # stage 2 lists its own conditions after the stage 1 ones it includes, each once
    assert road.count("Документираната информация е налична и одобрена") == 1
    assert road.index("Условията за етап 1 по-горе, както и:") < road.index("9.2.2")


@pytest.mark.parametrize("name", [p.stem for p in SAMPLES])
def test_the_cover_and_results_count_undated_blockers_the_same_way(runs, name):
    results, html, _ = runs[name]
    cover = section(html, "office")
    for audit, verdict in results["verdicts"].items():
        groups = verdict["blocker_groups"]
        undated = sum(g["due"] is None for g in groups)
        assert verdict["undated"] == undated, audit  # a dated action iff the group's due is set
        if not verdict["ready"] and undated and name != "urzad-miasta-wzorowo":
            noun = "blocker has" if undated == 1 else "blockers have"
            assert f"{undated} {noun} no dated action" in cover, audit
        if groups and not undated:
            assert verdict["earliest"] == max(TODAY, *(g["due"] for g in groups))
    primary = results["verdict"]
    assert primary["audit_planned"] == primary["planned"]


def test_a_certified_office_has_its_next_audit_in_verdicts(runs):
    results, _, _ = runs["urzad-miasta-wzorowo"]
    primary = results["verdict"]
    assert list(results["verdicts"]) == [primary["audit"]]
    assert primary["audit"] in ("surveillance", "recertification")
    assert results["verdicts"][primary["audit"]]["ready"] == primary["ready"]
    assert primary["planned"] is not None and primary["audit_planned"] == primary["planned"]


@pytest.mark.parametrize("name", [p.stem for p in SAMPLES])
def test_results_list_every_exclusion_the_cover_lists(runs, name):
    results, html, _ = runs[name]
    excluded = [r["ref"] for r in results["requirements"] if r["excluded"]]
    assert list(results["office"]["exclusions"]) == excluded
    assert all(results["office"]["exclusions"].values())
    cover = section(html, "office")
    assert all(ref in cover for ref in excluded)
    if name == "starostwo-przykladowo":
        assert "7.1.5.2" in results["office"]["exclusions"]  # justified in the Clauses notes


@pytest.mark.parametrize("name", [p.stem for p in SAMPLES])
def test_proposed_due_dates_fall_on_working_days(runs, name):
    results, _, dated = runs[name]
    country = results["office"]["country"]
    days_off = holidays.country_holidays(country, years=range(2026, 2029))
    with (dated / "action-plan.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]  # English: commas
    proposed = [dt.date.fromisoformat(r[7]) for r in rows if r and r[0].startswith("AP-")]
    assert proposed or name == "urzad-miasta-wzorowo"
    bad = [d for d in proposed if d.weekday() >= 5 or d in days_off]
    assert bad == []


def test_a_certified_office_sees_only_its_surveillance_and_recertification_time(runs):
    _, html, _ = runs["urzad-miasta-wzorowo"]
    text = visible(html)
    assert "Initial audit" not in text and "stage 1 and stage 2 together" not in text
    assert text.count("Surveillance audit (each year)") == 1  # shown once, in the cycle
    assert text.count("Recertification audit") >= 1
    assert html.count('id="audit-plan"') == 1


def test_unchecked_audit_time_figures_say_so_where_they_appear(runs):
    caveat = (
        "Figures from IAF MD 5, issue 4, version 2 (2019), not yet compared with its current issue."
    )
    for name in ("starostwo-przykladowo", "urzad-miasta-wzorowo"):
        text = visible(runs[name][1])
        assert text.count("Auditor days") == text.count(caveat), name
    assert visible(runs["urzad-miasta-wzorowo"][1]).count(caveat) == 1
    assert "IAF MD 5 (2019), issue 4, version 2:" in visible(runs["urzad-miasta-wzorowo"][1])

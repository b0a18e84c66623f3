"""The verdicts a lead auditor would sign, through ``readiness report`` and ``results.json``.

Stage 1 and stage 2 apart, each blocker once, every finding what it says: a gap is not a
nonconformity, a major closed but not verified is still open, an open nonconformity keeps its
requirement from showing as met; certified offices are told about their next audit, and near
expiry what must happen before it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from build_sample import city_office_certified, content, municipality_bg

from conftest import SAMPLE
from readiness.cli import main
from readiness.io.results import results_record
from readiness.render.dashboard import office_row

pytestmark = pytest.mark.slow


def record(results: dict[str, Any]):
    """The typed record the dashboard reads, from a results.json document."""
    loaded = results_record(results)
    assert loaded is not None
    return loaded


TODAY = "2026-12-06"


def run(tmp_path: Path, make_workbook, data: dict[str, Any] | Path, lang: str, as_of: str = TODAY):
    """``readiness report`` on a workbook of ``data`` (or a workbook): (results.json, HTML)."""
    path = data if isinstance(data, Path) else make_workbook(data, lang=lang)
    out = tmp_path / f"out-{path.stem}"
    args = ["report", str(path), "--out", str(out), "--format", "html", "--as-of", as_of]
    assert main(args) == 0
    [folder] = [p for p in out.glob("*/*") if p.is_dir() and not p.name.startswith(".")]
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return results, (folder / "gap-report.html").read_text(encoding="utf-8")


def visible(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"').split())


def cover(html: str) -> str:
    return section(html, "office")


def section(html: str, ident: str) -> str:
    start = html.index(">", html.index(f'id="{ident}"')) + 1
    return visible(html[start : html.index("</section>", start)])


def assert_each_blocker_once(verdict: dict[str, Any]) -> None:
    groups = verdict["blocker_groups"]
    refs = [g["ref"] for g in groups if g["ref"]]
    assert len(refs) == len(set(refs)), refs  # one requirement, one blocker
    assert verdict["blockers"] == len(groups)
    assert verdict["reasons"] == sum(len(g["reasons"]) for g in groups) >= len(groups)
    assert all(len(set(g["reasons"])) == len(g["reasons"]) for g in groups)
    if groups:
        assert f" {verdict['blockers']} " in f" {verdict['headline']} "


def test_the_municipality_waits_for_stage_2_not_stage_1_for_coverage_reviews_and_its_major(
    tmp_path, make_workbook
):
    results, html = run(tmp_path, make_workbook, municipality_bg(), "bg")
    assert results["schema_version"] == 4
    first, second = results["verdicts"]["stage1"], results["verdicts"]["stage2"]
    assert_each_blocker_once(first)
    assert_each_blocker_once(second)
    stage1_text = " ".join(r for g in first["blocker_groups"] for r in g["reasons"])
    assert "ВО-01" not in stage1_text
    assert "вътрешен одит" not in stage1_text  # coverage is for stage 2
    assert "не обхвана" not in stage1_text  # nor are the review's inputs
    assert "full-audit-cycle" not in first["conditions"]  # the Office sheet says no (default)
    by_ref = {g["ref"]: g["reasons"] for g in second["blocker_groups"]}
    assert any("ВО-01" in r and "закрито, непроверено" in r for r in by_ref["8.5.1"])
    assert any("не обхвана" in r for r in by_ref["9.3.2"])
    assert second["blockers"] > first["blockers"]
    # the certification decision needs majors corrected and verified (not 9.3.1.3)
    assert second["conditions"]["majors-verified"]["source"] == (
        "ISO 9001:2015, 10.2.1; ISO/IEC 17021-1:2015, 9.4.9, 9.5"
    )
    assert first["conditions"]["implemented"]["source"] == "ISO/IEC 17021-1:2015, 9.3.1.2.2"
    # a major closed but not verified is still open: in the counts, the cap, the table
    assert results["open_findings"]["major"] == ["ВО-01"]
    assert results["closed_not_verified"] == ["ВО-01"]
    req = {r["ref"]: r for r in results["requirements"]}
    assert req["8.5.1"]["open_nonconformity"] == "major" and req["8.5.1"]["gap"]
    assert req["8.5.1"]["score"] < 1
    assert "закрито, непроверено" in section(html, "findings")
    row = office_row(record(results), "o", "r.html", "o.xlsx", dt.date(2026, 12, 6), {})
    assert row.majors == 1 and row.blockers == first["blockers"]  # the dashboard agrees
    # the cover: both verdicts, each with its count and its dates
    page = cover(html)
    assert first["headline"] in page and second["headline"] in page
    assert "8 февруари 2027" in page  # the planned stage 1 audit
    assert "1 незакрито несъответствие" not in page and "2 незакрити несъответствия" in page


def test_a_certification_body_that_wants_a_full_cycle_before_stage_1(tmp_path, make_workbook):
    data = municipality_bg()
    data["office"]["full_cycle_before_stage1"] = "yes"
    results, html = run(tmp_path, make_workbook, data, "bg")
    first = results["verdicts"]["stage1"]
    assert_each_blocker_once(first)
    assert first["conditions"]["full-audit-cycle"] == {"holds": False, "source": "practice"}
    by_ref = {g["ref"]: g["reasons"] for g in first["blocker_groups"]}
    assert any("вътрешен одит" in r for r in by_ref["9.2.2"])
    assert any("не обхвана" in r for r in by_ref["9.3.2"])
    assert "ВО-01" not in " ".join(r for rs in by_ref.values() for r in rs)  # still stage 2
    assert "изисква пълен цикъл вътрешни одити и преглед от ръководството преди етап 1 да" in (
        cover(html)
    )


def test_the_county_office_gets_two_honest_verdicts_and_every_exclusion(tmp_path, make_workbook):
    results, html = run(tmp_path, make_workbook, content(), "pl")
    first, second = results["verdicts"]["stage1"], results["verdicts"]["stage2"]
    for verdict in (first, second):
        assert_each_blocker_once(verdict)
        assert not verdict["ready"] and verdict["earliest"] is None and verdict["undated"] > 0
    assert results["verdict"]["blockers"] == first["blockers"]
    assert first["planned"] == "2027-03-15" and second["planned"] is None
    page = cover(html)
    assert "Urząd nie jest gotowy do auditu etapu 1" in page
    assert "Urząd nie jest gotowy do auditu etapu 2" in page
    assert "Audit zaplanowano na 15 marca 2027" in page
    assert f"{first['undated']} braków blokujących nie ma działania z terminem" in page
    # 7.1.5.2 is justified in the Clauses notes, 8.3 on the Office sheet: both are stated
    assert "7.1.5.2: Starostwo nie używa przyrządów pomiarowych" in page
    assert "8.3.1, 8.3.2, 8.3.3, 8.3.4, 8.3.5, 8.3.6: Starostwo nie projektuje" in page
    # a gap is not a nonconformity: GA-02 comes from the gap analysis
    assert "GA-02" in results["open_findings"]["gap"]
    assert "GA-02" not in results["open_findings"]["minor"]


def test_an_open_minor_on_a_level_3_requirement_never_shows_as_met(tmp_path, make_workbook):
    results, html = run(tmp_path, make_workbook, city_office_certified(), "pl")
    req = {r["ref"]: r for r in results["requirements"]}
    assert req["7.1.6"]["level"] == 3 and req["7.1.6"]["open_nonconformity"] == "minor"
    assert req["7.1.6"]["gap"] and req["7.1.6"]["score"] < 1
    assert "7.1.6" in results["gaps"]
    chapter7 = next(c for c in results["chapters"] if c["ref"] == "7")
    assert chapter7["readiness"] < 1
    row = re.search(r'<tr class="status-(\w+)" data-ref="7\.1\.6">(.*?)</tr>', html, re.DOTALL)
    assert row is not None and row.group(1) == "finding"
    assert "otwarte ustalenie" in visible(row.group(2))
    assert "spełnia" not in visible(row.group(2))
    gaps = section(html, "top-gaps")
    assert "Brak luk" not in gaps and "AW-04" in gaps
    # the title follows the stage
    assert cover(html).startswith("Gotowość do auditu nadzoru nr 2")
    # a certified office is past its gap analysis: a readiness report, on the page and its tab
    assert "Raport gotowości na dzień 6 grudnia 2026 r." in cover(html)
    assert "analizy luk" not in cover(html)
    assert "2026-12-06" not in re.search(r"<title>(.*?)</title>", html).group(1)
    assert results["verdict"]["ready"] and results["verdict"]["audit"] == "surveillance"


def test_gap_rows_of_an_earlier_action_plan_pasted_back_are_read_as_gaps(
    tmp_path, make_workbook, capsys
):
    data = copy.deepcopy(city_office_certified())
    data["findings"].append(
        {
            "id": "AP-003",
            "ref": "8.5.4",
            "source": "gap_analysis",
            "grade": "minor",  # how earlier versions graded a gap
            "description": "Poziom 3; krok oczekuje 4.",
            "action": "Ocenić skuteczność.",
            "owner": "Katarzyna Wzorowa",
            "due": dt.date(2027, 3, 1),
            "status": "open",
        }
    )
    path = make_workbook(data, lang="pl")
    assert main(["check", str(path), "--format", "json", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    problems = out["problems"] if isinstance(out, dict) else out
    [warning] = [p for p in problems if p["code"] == "gap-graded-as-finding"]
    assert warning["severity"] == "warning" and "read as a gap" in warning["message"]
    results, html = run(tmp_path, make_workbook, data, "pl")
    assert "AP-003" in results["open_findings"]["gap"]
    assert "AP-003" not in results["open_findings"]["minor"]
    req = {r["ref"]: r for r in results["requirements"]}
    assert req["8.5.4"]["open_nonconformity"] is None  # a gap caps nothing
    assert "1 otwarta niezgodność" in cover(html)  # AW-04 only
    row = office_row(record(results), "o", "r.html", "o.xlsx", dt.date(2026, 12, 6), {})
    assert row.majors == 0 and row.ready  # the dashboard counts no gap as a nonconformity


def test_a_certified_office_35_days_before_expiry(tmp_path, make_workbook):
    data = copy.deepcopy(city_office_certified())
    data["office"]["current_stage"] = "recertification"
    data["audits"] += [
        {"date": dt.date(2027, 6, 10), "refs": "all", "auditor": "FJC",
         "report": "Raport z auditu nadzoru 2", "kind": "surveillance"},
        {"date": dt.date(2028, 2, 10), "refs": "all", "auditor": "Adam Audytor",
         "report": "RA-1/2028"},
    ]  # fmt: skip
    data["reviews"].append(dict(data["reviews"][0], date=dt.date(2028, 3, 1)))
    for e in data["evidence"]:
        e["review_due"] = e.get("review_due") and dt.date(2028, 12, 1)
    for f in data["findings"]:
        f["status"] = "verified"
    results, html = run(tmp_path, make_workbook, data, "pl", as_of="2028-05-11")
    verdict = results["verdict"]
    assert verdict["audit"] == "recertification"
    assert results["cycle"]["days_to_expiry"] == 35
    # not booked, not held: no reason to be unready, but an urgent line
    assert verdict["ready"], verdict["blocker_texts"]
    urgent = verdict["urgent"]
    assert urgent.startswith("Certyfikat wygasa 15 czerwca 2028 r., za 35 dni.")
    assert "audit recertyfikacyjny" in urgent and "niezgodność dużą" in urgent
    assert "do 15 grudnia 2028" in urgent and "co najmniej audit etapu 2" in urgent
    page = cover(html)
    assert page.startswith("Gotowość do auditu recertyfikacyjnego")
    assert urgent in page


def test_the_contents_list_every_section_on_the_page(tmp_path, make_workbook, sample_reports):
    # the county sample's report of TODAY is the session's run (tests/conftest.py)
    county = sample_reports(SAMPLE, "pl", dt.date.fromisoformat(TODAY)).html
    for data, lang in ((SAMPLE, "pl"), (city_office_certified(), "bg")):
        if data == SAMPLE:
            html = county.read_text(encoding="utf-8")
        else:
            _, html = run(tmp_path, make_workbook, data, lang)
        nav = html[html.index('<nav class="toc"') : html.index("</nav>")]
        listed = re.findall(r'<a href="#([^"]+)"', nav)
        body = html[html.index("</nav>") :]
        shown = re.findall(r'<section id="([^"]+)"[^>]*>\s*<h2', body)
        assert listed == shown
        assert "appendix" in listed
        if lang == "pl":  # the county sample reads its registers: their appendix is listed
            assert "registers" in listed
        else:  # the certified office's stage gates
            assert "stage-surveillance" in listed

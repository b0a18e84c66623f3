"""Every gate condition: an office that passes, and one that fails for each reason.

Workbooks are built in the test from the certified sample office, which passes every gate
on AS_OF; each case changes one thing and checks the reason appears in the report section.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest
from build_sample import city_office_certified

from readiness import __version__
from readiness.cli import main
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.gates import Blocker, ngettext
from readiness.io.workbook import load_workbook
from readiness.render.model import build_model, plan_of, results_of
from readiness.render.view import GapReport

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()


def report_for(make_workbook, content, as_of=AS_OF, stage=None):
    book = load_workbook(make_workbook(content, lang="pl"), as_of=as_of, catalogue=load_catalogue())
    return GapReport(
        build_model(book, assess(book, as_of, stage=stage, catalogue=load_catalogue()), "en", CAT)
    )


def clause(content, ref):
    return next(c for c in content["clauses"] if c["ref"] == ref)


def evidence(content, ref):
    return next(e for e in content["evidence"] if ref in e["refs"].split("; "))


def set_level(ref, level):
    return lambda c: clause(c, ref).update(level=level)


def drop_evidence(ref):
    return lambda c: c["evidence"].remove(evidence(c, ref))


def add_finding(**fields):
    base = {
        "id": "T-1",
        "ref": "8.5.1",
        "source": "internal_audit",
        "description": "test",
        "status": "open",
    }
    return lambda c: c["findings"].append(base | fields)


def no_exclusion_justification(c):
    c["office"]["exclusions"] = ""


def old_records(c):
    for e in c["evidence"]:
        if e["kind"] == "retain":
            e["dated"] = dt.date(2025, 6, 1)


def drop_second_audit(c):
    c["audits"] = [a for a in c["audits"] if a["report"] != "RA-2/2026"]


def partial_review(c):
    c["reviews"][0]["input:audits"] = "no"


def no_review(c):
    c["reviews"] = []


def stale_policy(c):
    evidence(c, "5.2.2")["review_due"] = dt.date(2026, 10, 1)


def no_representative(c):
    c["office"]["quality_representative"] = None
    clause(c, "5.3")["level"] = 1


CASES = [
    ("initial", "all-assessed", set_level("4.2", None), "4.2 has not been assessed"),
    (
        "initial",
        "exclusions-justified",
        no_exclusion_justification,
        "8.3.1 is declared not applicable without a justification",
    ),
    ("initial", "responsibilities", no_representative, "5.3 is at level 1; 2 is required"),
    (
        "documentation",
        "key-documents",
        drop_evidence("5.2.2"),
        "No approved evidence of the Quality policy (5.2.2)",
    ),
    (
        "documentation",
        "key-documents",
        drop_evidence("4.4.1"),
        "No approved evidence of the Process map (4.4.1)",
    ),
    (
        "documentation",
        "maintained-documents",
        drop_evidence("5.2.2"),
        "No approved evidence for 5.2.2",
    ),
    ("documentation", "documented-4-7", set_level("6.3", 1), "6.3 is at level 1; 2 is required"),
    ("implementation", "implemented", set_level("8.5.4", 2), "8.5.4 is at level 2; 3 is required"),
    (
        "implementation",
        "recent-records",
        old_records,
        "No record for 7.2 dated in the last 12 months",
    ),
    (
        "evaluation",
        "audit-cycle",
        drop_second_audit,
        "9.2.2 was not covered by an internal audit in the last 12 months",
    ),
    (
        "evaluation",
        "management-review",
        partial_review,
        "The management review did not cover: Audit results",
    ),
    ("evaluation", "management-review", no_review, "No management review in the last 12 months"),
    (
        "evaluation",
        "majors-verified",
        add_finding(grade="major", status="closed", due=dt.date(2026, 12, 1)),
        "Major nonconformity T-1 (8.5.1) is closed, not verified",
    ),
    (
        "evaluation",
        "minors-planned",
        add_finding(grade="minor", action="fix it", owner="Anna"),
        "Minor nonconformity T-1 (8.5.1) has no action, owner or due date",
    ),
    (
        "readiness",
        "no-overdue-actions",
        add_finding(grade="observation", action="x", owner="y", due=dt.date(2026, 10, 1)),
        "Action on T-1 (8.5.1) was due on",
    ),
    (
        "readiness",
        "evidence-current",
        stale_policy,
        "Polityka jakości (5.2.2) was due for review on",
    ),
]


#: Reasons stage 1 does not ask about: the certification audit (stage 2) does. Stage 1 wants
#: internal audits and reviews held; stage 2 full coverage, every input, verified majors.
STAGE2_ONLY = (
    "No record for",
    "was not covered by an internal audit",
    "The management review did not cover",
    "Major nonconformity",
    "Minor nonconformity",
    "Action on",
)


def test_the_certified_sample_passes_every_gate(make_workbook):
    report = report_for(make_workbook, city_office_certified(), stage="readiness")
    assert [g.stage.id for g in report.gates if not g.passed] == []
    assert report.verdict.ready and report.verdict.blockers == ()
    assert report.verdict.audit == "stage1"
    assert "Ready for the stage 1 audit." in report.ladder().html


def ladder_steps(html):
    """(class, name) of each step on the ladder."""
    return re.findall(
        r'<li class="step ([a-z ]+)">\s*<span class="mark">.</span>\s*'
        r"<strong>\d+\. ([^<]+)</strong>",
        html,
    )


def test_the_certified_sample_is_told_about_its_next_surveillance_not_stage_1(make_workbook):
    report = report_for(make_workbook, city_office_certified())
    assert report.stage.id == "surveillance"
    assert report.verdict.ready and report.verdict.audit == "surveillance"
    headline = (
        "Ready for surveillance audit 2: planned for June 16, 2027, "
        "to be held by December 31, 2027 at the latest."
    )
    assert report.headline() == headline
    for section in (report.ladder(), report.verdict_section()):
        assert headline in section.html
        assert "stage 1" not in section.html
    verdict = report.verdict_section().html
    assert "on the anniversary of the certification decision, June 16, 2027" in verdict
    steps = ladder_steps(report.ladder().html)
    assert [state.split()[0] for state, _ in steps] == ["travelled"] * 5 + ["passed", "ahead"]
    assert steps[5] == ("passed current", "Certified: surveillance")
    assert steps[6][1] == "Certified: preparing for recertification"
    assert report.gate("recertification").passed  # its conditions hold today...
    assert "passed" not in steps[6][0]  # ...but it is ahead, so it is not ticked
    results = results_of(report.model, __version__)
    assert results["verdict"]["audit"] == "surveillance"
    assert results["verdict"]["headline"] == headline
    assert results["verdict"]["audit_planned"] == "2027-06-16"
    assert results["gates"]["recertification"]["state"] == "ahead"
    assert results["gates"]["readiness"]["state"] == "travelled"
    assert results["cycle"]["surveillance_planned"] == "2027-06-16"
    assert results["cycle"]["surveillance_limit"] == "2027-12-31"
    assert results["cycle"]["next_surveillance"] == "2027-12-31"  # kept for older readers


def test_an_office_preparing_for_recertification(make_workbook):
    content = copy.deepcopy(city_office_certified())
    content["office"]["current_stage"] = "recertification"
    content["audits"] += [
        {"date": dt.date(2027, 6, 1), "refs": "all", "auditor": "CB", "report": "S2",
         "kind": "surveillance"},
        {"date": dt.date(2027, 9, 1), "refs": "all", "auditor": "AA", "report": "RA-1/2027"},
    ]  # fmt: skip
    content["reviews"].append(dict(content["reviews"][0], date=dt.date(2027, 10, 1)))
    for e in content["evidence"]:
        e["review_due"] = e.get("review_due") and dt.date(2028, 3, 1)
    for f in content["findings"]:
        f["status"] = "verified"
    report = report_for(make_workbook, content, as_of=dt.date(2027, 12, 20))
    assert report.verdict.audit == "recertification"
    assert report.headline() == (
        "Ready for the recertification audit: book it by December 15, 2027; it must be held "
        "by March 15, 2028, before the certificate expires on June 15, 2028."
    )
    verdict = report.verdict_section().html
    assert "the new certificate runs to June 15, 2031" in verdict
    steps = ladder_steps(report.ladder().html)
    assert [state.split()[0] for state, _ in steps] == ["travelled"] * 6 + ["passed"]
    # an audit not yet held is no reason to be unready: an urgent line says what must
    # happen before expiry, and what follows if it does not
    late = report_for(make_workbook, content, as_of=dt.date(2028, 3, 20))
    assert late.verdict.audit == "recertification"
    assert not any("was to be held" in late.blocker_text(b) for b in late.verdict.blockers)
    assert late.urgent().startswith("The certificate expires on June 15, 2028, in 87 days.")
    assert "until December 15, 2028" in late.urgent()
    assert "at least a stage 2 audit" in late.urgent()
    assert late.urgent() in visible(late.verdict_section().html)
    assert results_of(late.model, __version__)["verdict"]["urgent"] == late.urgent()


def test_a_certified_office_is_blocked_by_what_its_next_audit_looks_at(make_workbook):
    content = copy.deepcopy(city_office_certified())
    drop_second_audit(content)
    report = report_for(make_workbook, content)
    assert not report.verdict.ready and report.verdict.audit == "surveillance"
    assert report.verdict.blockers  # every one from the surveillance gate
    assert all(b in report.gate("surveillance").blockers for b in report.verdict.blockers)
    n = len(report.verdict.blockers)
    assert report.headline() == (
        "Not ready for surveillance audit 2 (planned for June 16, 2027, to be held by "
        f"December 31, 2027 at the latest): {n} blockers."
    )
    steps = ladder_steps(report.ladder().html)
    assert [state.split()[0] for state, _ in steps] == ["travelled"] * 5 + ["open", "ahead"]


@pytest.mark.parametrize(
    ("stage", "condition", "change", "reason"),
    CASES,
    ids=[f"{c[0]}/{c[1]}/{c[3][:30]}" for c in CASES],
)
def test_each_reason_closes_its_gate_and_shows_in_the_report(
    make_workbook, stage, condition, change, reason
):
    content = copy.deepcopy(city_office_certified())
    change(content)
    report = report_for(make_workbook, content, stage="readiness")
    gate = report.gate(stage)
    failing = [c.condition.id for c in gate.conditions if not c.holds]
    assert condition in failing
    assert not gate.passed
    texts = [report.blocker_text(b) for b in gate.blockers]
    assert any(reason in t for t in texts), texts
    assert reason in report.stage_gate(stage).html.replace("&#39;", "'")
    # the requirement blocks the certification audit (stage 2), and stage 1 too when it is
    # one of stage 1's conditions (ISO/IEC 17021-1:2015, 9.3.1.2.2)
    first, second = report.verdicts.stage1, report.verdicts.stage2
    assert first is not None and second is not None
    assert not second.ready
    refs = {b.ref for b in gate.blockers if b.ref}
    assert refs <= {g.ref for g in second.groups}
    assert "Not ready for the stage 2 audit" in report.ladder().html
    assert first.ready == any(part in reason for part in STAGE2_ONLY)


def visible(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def test_expired_within_six_months_can_be_restored_never_a_new_initial_certification(
    make_workbook,
):
    report = report_for(make_workbook, city_office_certified(), as_of=dt.date(2028, 12, 15))
    assert report.cycle is not None and report.cycle.restorable
    assert report.verdict.audit == "restoration" and not report.verdict.ready
    texts = [
        report.headline(),
        *(report.blocker_text(b) for b in report.gate("surveillance").blockers),
        visible(report.ladder().html),
        visible(report.verdict_section().html),
        visible(report.certification_cycle().html),
        visible(report.stage_gate("surveillance").html),
    ]
    everything = " ".join(texts)
    assert "restore it until December 15, 2028" in report.headline()
    assert "The certificate expired on Jun 15, 2028; the certification body can restore it" in (
        everything
    )
    assert "possible until December 15, 2028" in everything
    assert "initial certification" not in everything.lower()
    assert "stage 2" not in everything
    assert results_of(report.model, __version__)["cycle"]["restorable"] is True
    assert results_of(report.model, __version__)["verdict"]["audit"] == "restoration"
    rows = [r["description"] for r in plan_of(report.model) if not r["ref"]]
    assert len(rows) == 1 and "can restore it until" in rows[0]  # not again for the stage ahead


def test_expired_more_than_six_months_needs_at_least_a_stage_2_audit(make_workbook):
    report = report_for(make_workbook, city_office_certified(), as_of=dt.date(2028, 12, 16))
    assert report.verdict.audit == "stage2" and not report.verdict.ready
    assert report.headline() == (
        "The certificate expired on June 15, 2028, more than 6 months ago: "
        "certification needs at least a stage 2 audit."
    )
    texts = [report.blocker_text(b) for b in report.gate("surveillance").blockers]
    assert any("it can no longer be restored: certification needs at least a stage 2" in t
               for t in texts)  # fmt: skip
    assert "no longer possible (it was until December 15, 2028)" in visible(
        report.certification_cycle().html
    )


def test_certificate_gates(make_workbook):
    content = copy.deepcopy(city_office_certified())
    content["audits"] = [a for a in content["audits"] if a.get("kind") != "surveillance"]
    late = report_for(make_workbook, content)
    assert "was to be held by" in late.urgent()  # not a blocker: an urgent line
    assert late.urgent() in visible(late.verdict_section().html)
    assert "June 16, 2026" in late.certification_cycle().html
    content["office"]["certificate_issued"] = None
    content["office"]["current_stage"] = "readiness"
    uncertified = report_for(make_workbook, content)
    assert "gives no certificate issue date" in uncertified.stage_gate("surveillance").html


def test_verdict_estimates_the_earliest_date_from_dated_actions(make_workbook):
    content = copy.deepcopy(city_office_certified())
    add_finding(grade="minor", action="fix it", owner="Anna", due=dt.date(2027, 2, 1))(content)
    set_level("8.5.1", 2)(content)  # the blocker's requirement has a dated action: T-1 on 8.5.1
    report = report_for(make_workbook, content, stage="readiness")
    assert not report.verdict.ready
    # the latest due date of the actions on what blocks the audit (T-1), not of every action
    assert report.verdict.earliest == dt.date(2027, 2, 1)
    html = report.verdict_section().html
    assert "readiness can be expected on February 1, 2027" in html
    set_level("9.1.3", 2)(content)  # a blocker with no dated action
    report = report_for(make_workbook, content, stage="readiness")
    assert report.verdict.earliest is None
    assert [b.ref for b in report.verdict.undated] == ["9.1.3"]
    assert "cannot be estimated: 1 blocker has no dated action" in report.verdict_section().html


def test_earliest_date_takes_the_later_of_two_open_actions_on_one_clause(make_workbook):
    content = copy.deepcopy(city_office_certified())
    set_level("8.5.1", 2)(content)
    later, earlier = dt.date(2027, 5, 31), dt.date(2027, 2, 1)
    add_finding(id="T-1", grade="minor", action="a", owner="A", due=later)(content)
    add_finding(id="T-2", grade="minor", action="b", owner="B", due=earlier)(content)
    report = report_for(make_workbook, content, stage="readiness")
    assert report.verdict.earliest == later
    content["findings"].reverse()  # the order of the rows does not matter
    assert report_for(make_workbook, content, stage="readiness").verdict.earliest == later


def test_an_uncovered_clause_gets_the_audit_programme_action(make_workbook):
    content = copy.deepcopy(city_office_certified())
    drop_second_audit(content)
    report = report_for(make_workbook, content, stage="readiness")
    uncovered = [
        b
        for c in report.gate("evaluation").conditions
        if c.condition.id == "audit-cycle"
        for b in c.blockers
    ]
    assert {b.ref for b in uncovered} >= {"8.5.1", "9.2.2", "10.2.1"}
    own = CAT.clauses["9.2.2"].action
    for b in uncovered:
        assert report.action_text(b.action).startswith(
            "Add the requirement to the internal audit programme"
        )
        assert b.action != CAT.clauses[b.ref].action
    rows = {r["ref"]: r for r in plan_of(report.model)}
    assert rows["9.2.2"]["action"].startswith("Add the requirement to the internal audit")
    assert rows["9.2.2"]["action"] != own
    html = report.stage_gate("evaluation").html
    assert "Add the requirement to the internal audit programme" in html


@pytest.mark.parametrize(
    "stage", ["initial", "documentation", "implementation", "evaluation", "readiness"]
)
def test_na_without_justification_is_a_gap_at_every_stage_and_all_outputs_agree(
    make_workbook, stage, capsys
):
    content = copy.deepcopy(city_office_certified())
    no_exclusion_justification(content)  # 8.3.1-8.3.6 are N/A with no justification
    content["office"]["current_stage"] = stage
    path = make_workbook(content, lang="pl")
    assert main(["check", str(path), "--format", "json", "--lang", "en"]) == 0
    problems = json.loads(capsys.readouterr().out)
    warned = {
        p["message"].split()[0]
        for p in (problems["problems"] if isinstance(problems, dict) else problems)
        if p["code"] == "na-unjustified"
    }
    assert all("counts as a gap" in p["message"] for p in (
        problems["problems"] if isinstance(problems, dict) else problems
    ) if p["code"] == "na-unjustified")  # fmt: skip
    expected = {f"8.3.{i}" for i in range(1, 7)}
    assert warned == expected
    book = load_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), "en", CAT)
    )
    assert {g.ref for g in report.assessment.gaps} >= expected
    results = results_of(report.model, __version__)
    assert set(results["gaps"]) >= expected
    flagged = {r["ref"] for r in results["requirements"] if r["unjustified_na"]}
    assert flagged == expected
    assert all(r["gap"] for r in results["requirements"] if r["ref"] in expected)
    # the first gate already blocks on it, so the verdict does too
    assert not report.gate("initial").passed
    assert not report.verdict.ready


def test_readiness_needs_every_earlier_gate_without_counting_blockers_twice(make_workbook):
    content = copy.deepcopy(city_office_certified())
    set_level("6.3", 1)(content)  # fails documentation and implementation
    report = report_for(make_workbook, content, stage="readiness")
    readiness = report.gate("readiness")
    failing = {c.condition.id: c for c in readiness.conditions if not c.holds}
    assert set(failing) == {"earlier-gates"}
    texts = [report.blocker_text(b) for b in failing["earlier-gates"].blockers]
    assert texts == [
        "Step “Documentation development” is not complete: 1 blocker",
        "Step “Implementation” is not complete: 1 blocker",
    ]
    assert [report.blocker_text(b) for b in report.verdict.blockers] == [
        "6.3 is at level 1; 3 is required",
    ]
    assert all("blocker" not in r["description"] for r in plan_of(report.model))
    assert "Not ready for the stage 1 audit: 1 blocker." in report.ladder().html
    set_level("6.2.2", 1)(content)
    two = report_for(make_workbook, content, stage="readiness")
    texts = [two.blocker_text(b) for b in two.gate("readiness").blockers]
    assert texts[0] == "Step “Documentation development” is not complete: 2 blockers"


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("pl", {1: "1 brak blokujący", 2: "2 braki blokujące", 5: "5 braków blokujących"}),
        ("bg", {1: "1 блокиращ пропуск", 2: "2 блокиращи пропуска", 5: "5 блокиращи пропуска"}),
    ],
)
def test_blocker_counts_use_the_languages_plural_forms(make_workbook, lang, counts):
    content = copy.deepcopy(city_office_certified())
    book = load_workbook(make_workbook(content, lang="pl"), as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(
            book, assess(book, AS_OF, stage="readiness", catalogue=load_catalogue()), lang, CAT
        )
    )
    for n, words in counts.items():
        blocker = Blocker(
            **ngettext(
                "Step “{stage}” is not complete: {n} blocker",
                "Step “{stage}” is not complete: {n} blockers",
                n,
            ),
            params={"stage": CAT.stage("documentation").name, "n": n},
        )
        assert words in report.blocker_text(blocker)


def test_cycle_section_says_when_to_book_the_recertification(make_workbook):
    content = copy.deepcopy(city_office_certified())
    content["audits"].append(
        {
            "date": dt.date(2027, 5, 10),
            "refs": "all",
            "auditor": "CB",
            "report": "S2",
            "kind": "surveillance",
        }
    )
    before = report_for(make_workbook, content, as_of=dt.date(2027, 12, 14))
    html = visible(before.certification_cycle().html)
    assert "the window is open" not in html
    assert "by December 15, 2027; hold the audit by March 15, 2028" in html
    assert "June 15, 2031: three years from the current expiry date" in html
    during = report_for(make_workbook, content, as_of=dt.date(2027, 12, 15))
    html = visible(during.certification_cycle().html)
    assert "the window is open: book the audit" in html
    assert "none: every surveillance audit of this cycle is held" in html

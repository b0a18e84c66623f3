"""Every gate condition: an office that passes, and one that fails for each reason.

Workbooks are built in the test from the certified sample office, which passes every gate
on AS_OF; each case changes one thing and checks the reason appears in the report section.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from build_sample import city_office_certified

from readiness.assess import assess
from readiness.catalogue import load_catalogue
from readiness.view import GapReport
from readiness.workbook import load_workbook

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()


def report_for(make_workbook, content, as_of=AS_OF, stage=None):
    book = load_workbook(make_workbook(content, lang="pl"), as_of=as_of)
    return GapReport(book, assess(book, as_of, stage=stage), "en", CAT)


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


CASES = [
    ("initial", "all-assessed", set_level("4.2", None), "4.2 has not been assessed"),
    (
        "initial",
        "representative",
        no_representative,
        "The Office sheet has no value for: Quality representative",
    ),
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
        "exclusions-justified",
        no_exclusion_justification,
        "8.3.1 is declared not applicable without a justification",
    ),
    (
        "documentation",
        "maintained-documents",
        drop_evidence("7.5.3.2"),
        "No approved evidence for 7.5.3.2",
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
        "Major nonconformity T-1 (8.5.1) is not closed and verified",
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


def test_the_certified_sample_passes_every_gate(make_workbook):
    report = report_for(make_workbook, city_office_certified())
    assert [g.stage.id for g in report.gates if not g.passed] == []
    assert report.verdict.ready and report.verdict.blockers == ()
    assert "Ready for the stage 1 audit." in report.ladder().html


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
    report = report_for(make_workbook, content)
    gate = report.gate(stage)
    failing = [c.condition.id for c in gate.conditions if not c.holds]
    assert condition in failing
    assert not gate.passed
    texts = [report.blocker_text(b) for b in gate.blockers]
    assert any(reason in t for t in texts), texts
    assert reason in report.stage_gate(stage).html.replace("&#39;", "'")
    assert not report.verdict.ready
    assert any(reason in report.blocker_text(b) for b in report.verdict.blockers)
    assert "Not ready for the stage 1 audit" in report.ladder().html


def test_certificate_gates(make_workbook):
    content = city_office_certified()
    expired = report_for(make_workbook, content, as_of=dt.date(2028, 7, 1))
    assert not expired.gate("surveillance").passed
    assert "The certificate expired on" in expired.stage_gate("surveillance").html
    assert expired.cycle is not None and expired.cycle.expired
    content = copy.deepcopy(city_office_certified())
    content["audits"] = [a for a in content["audits"] if a.get("kind") != "surveillance"]
    late = report_for(make_workbook, content)
    assert "A surveillance audit was due by" in late.stage_gate("surveillance").html
    assert "June 16, 2026" in late.certification_cycle().html
    content["office"]["certificate_issued"] = None
    content["office"]["current_stage"] = "readiness"
    uncertified = report_for(make_workbook, content)
    assert "gives no certificate issue date" in uncertified.stage_gate("surveillance").html


def test_verdict_estimates_the_earliest_date_from_dated_actions(make_workbook):
    content = copy.deepcopy(city_office_certified())
    add_finding(grade="minor", action="fix it", owner="Anna", due=dt.date(2027, 2, 1))(content)
    set_level("8.5.1", 2)(content)  # the blocker's requirement has a dated action: T-1 on 8.5.1
    report = report_for(make_workbook, content)
    assert not report.verdict.ready
    assert report.verdict.earliest == dt.date(2027, 3, 31)  # the latest due date of any open action
    html = report.verdict_section().html
    assert "readiness can be expected on March 31, 2027" in html
    set_level("9.1.3", 2)(content)  # a blocker with no dated action
    report = report_for(make_workbook, content)
    assert report.verdict.earliest is None
    assert [b.ref for b in report.verdict.undated] == ["9.1.3"]
    assert "cannot be estimated" in report.verdict_section().html


def test_readiness_needs_every_earlier_gate_without_counting_blockers_twice(make_workbook):
    content = copy.deepcopy(city_office_certified())
    set_level("6.3", 1)(content)  # fails documentation and implementation
    report = report_for(make_workbook, content)
    readiness = report.gate("readiness")
    failing = {c.condition.id: c for c in readiness.conditions if not c.holds}
    assert set(failing) == {"earlier-gates"}
    texts = [report.blocker_text(b) for b in failing["earlier-gates"].blockers]
    assert texts == [
        "Documentation development is not complete; blockers: 1",
        "Implementation is not complete; blockers: 1",
    ]
    assert [report.blocker_text(b) for b in report.verdict.blockers] == [
        "6.3 is at level 1; 2 is required",
        "6.3 is at level 1; 3 is required",
    ]
    assert all("blockers:" not in r["description"] for r in report.action_plan())


def test_cycle_section_says_when_the_recertification_window_opens(make_workbook):
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
    before = report_for(make_workbook, content, as_of=dt.date(2028, 3, 1))
    assert "the window is open" not in before.certification_cycle().html
    during = report_for(make_workbook, content, as_of=dt.date(2028, 4, 1))
    html = during.certification_cycle().html
    assert "the window is open: book the audit" in html
    assert "none: every surveillance audit of this cycle is held" in html

"""The readiness rule, gaps, missing documents and findings, on workbooks built in code."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from readiness.core.assess import assess, readiness
from readiness.core.catalogue import load_catalogue
from readiness.core.model import ClauseEntry, Evidence, Finding, Office, Workbook

CAT = load_catalogue()
DAY = dt.date(2026, 11, 16)
OFFICE = Office(
    name="Gmina Testowa",
    kind="municipal_office",
    country="PL",
    language="pl",
    scope="Usługi administracyjne",
    current_stage="implementation",
)


def workbook(levels: dict[str, int | None] | None = None, default: int = 3, **kw) -> Workbook:
    levels = levels or {}
    clauses = {
        r.ref: ClauseEntry(
            ref=r.ref,
            level=levels.get(r.ref, default),
            notes="" if levels.get(r.ref, default) is not None else "no design",
        )
        for r in CAT.requirements
    }
    return Workbook(source="test.xlsx", office=kw.pop("office", OFFICE), clauses=clauses, **kw)


def test_everything_at_target_is_fully_ready():
    targets = {r.ref: CAT.target_level(r.ref) for r in CAT.requirements}
    result = assess(workbook(targets), DAY, catalogue=load_catalogue())
    assert result.overall == 1.0
    assert all(c.readiness == 1.0 for c in result.chapters)


def test_score_is_level_over_target_capped_at_one():
    result = assess(workbook({"5.1.1": 2}, default=4), DAY, catalogue=load_catalogue())
    one = next(r for r in result.requirements if r.ref == "5.1.1")
    assert one.target == 4 and one.score == 0.5
    capped = next(r for r in result.requirements if r.ref == "4.1")
    assert capped.target == 3 and capped.score == 1.0  # level 4 over a target of 3
    chapter5 = next(c for c in result.chapters if c.ref == "5")
    assert chapter5.readiness == (0.5 + 4 * 1.0) / 5


def test_justified_exclusion_is_left_out_and_is_no_gap():
    levels = {f"8.3.{i}": None for i in range(1, 7)}
    result = assess(workbook(levels), DAY, catalogue=load_catalogue())
    chapter8 = next(c for c in result.chapters if c.ref == "8")
    assert chapter8.excluded == 6 and chapter8.applicable == 18
    assert not [g for g in result.gaps if g.ref.startswith("8.3")]


def test_unjustified_not_applicable_counts_as_level_zero_and_a_gap():
    book = workbook({"8.3.1": None})
    book.clauses["8.3.1"] = replace(book.clauses["8.3.1"], notes="")
    result = assess(book, DAY, catalogue=load_catalogue())
    one = next(r for r in result.requirements if r.ref == "8.3.1")
    assert not one.excluded and one.score_level == 0 and one.is_gap


def test_unjustified_not_applicable_is_a_gap_at_every_stage():
    book = workbook({"8.3.1": None})
    book.clauses["8.3.1"] = replace(book.clauses["8.3.1"], notes="")
    for stage in [s.id for s in CAT.stages]:
        result = assess(book, DAY, stage=stage, catalogue=load_catalogue())
        one = next(r for r in result.requirements if r.ref == "8.3.1")
        assert one.unjustified and one.is_gap, stage
        assert "8.3.1" in result.to_dict()["gaps"], stage
    initial = assess(book, DAY, stage="initial", catalogue=load_catalogue())
    one = next(r for r in initial.requirements if r.ref == "8.3.1")
    assert one.expected == 0 and one.shortfall == 0  # a gap although no level is missing yet
    row = next(r for r in initial.to_dict()["requirements"] if r["ref"] == "8.3.1")
    assert row["unjustified_na"] and row["gap"]
    justified = assess(workbook({"8.3.1": None}), DAY, stage="initial", catalogue=load_catalogue())
    assert "8.3.1" not in justified.to_dict()["gaps"]


def test_gaps_follow_the_current_stage():
    book = workbook(default=2)
    documentation = assess(book, DAY, stage="documentation", catalogue=load_catalogue())
    implementation = assess(book, DAY, stage="implementation", catalogue=load_catalogue())
    assert documentation.gaps == ()
    assert len(implementation.gaps) == 65
    assert implementation.top_gaps(3)[0].shortfall == 1


def test_missing_documents_need_approved_evidence_of_the_right_kind():
    evidence = (
        Evidence(refs=("5.2.2",), title="Polityka jakości", kind="maintain", status="approved"),
        Evidence(refs=("6.2.1",), title="Cele", kind="maintain", status="draft"),
        Evidence(
            refs=("7.2",), title="Szkolenia", kind="maintain", status="approved"
        ),  # wrong kind
    )
    result = assess(workbook(evidence=evidence), DAY, catalogue=load_catalogue())
    missing = {(m.ref, m.kind) for m in result.missing_documents}
    assert ("5.2.2", "maintain") not in missing
    assert ("6.2.1", "maintain") in missing
    assert ("7.2", "retain") in missing
    assert ("8.1", "maintain") not in missing  # only as needed: not mandatory


def test_excluded_requirements_need_no_documents():
    levels = {f"8.3.{i}": None for i in range(1, 7)}
    result = assess(workbook(levels), DAY, catalogue=load_catalogue())
    assert not [m for m in result.missing_documents if m.ref.startswith("8.3")]


def test_overdue_evidence_and_findings():
    evidence = (
        Evidence(
            refs=("5.2.2",),
            title="old",
            kind="maintain",
            status="approved",
            review_due=dt.date(2026, 1, 1),
        ),
        Evidence(
            refs=("5.2.2",),
            title="gone",
            kind="maintain",
            status="withdrawn",
            review_due=dt.date(2026, 1, 1),
        ),
        Evidence(
            refs=("5.2.2",),
            title="fresh",
            kind="maintain",
            status="approved",
            review_due=dt.date(2027, 1, 1),
        ),
    )
    findings = (
        Finding(
            id="A",
            ref="9.2.2",
            source="internal_audit",
            grade="major",
            description="x",
            status="open",
            due=dt.date(2026, 10, 1),
        ),
        Finding(
            id="B",
            ref="9.2.2",
            source="internal_audit",
            grade="minor",
            description="x",
            status="closed",
            due=dt.date(2026, 10, 1),
        ),
        Finding(
            id="C",
            ref="9.2.2",
            source="complaint",
            grade="ofi",
            description="x",
            status="in_progress",
        ),
    )
    result = assess(workbook(evidence=evidence, findings=findings), DAY, catalogue=load_catalogue())
    assert [e.title for e in result.overdue_evidence] == ["old"]
    assert [f.id for f in result.overdue_findings] == ["A"]
    by_grade = result.findings_by_grade()
    assert [f.id for f in by_grade["major"]] == ["A"] and by_grade["minor"] == ()
    assert [f.id for f in by_grade["ofi"]] == ["C"]


def test_results_are_json_ready():
    import json

    doc = assess(workbook({"4.1": 1}), DAY, catalogue=load_catalogue()).to_dict()
    text = json.dumps(doc)
    assert doc["gaps"] == ["4.1"] and '"as_of": "2026-11-16"' in text


levels_strategy = st.dictionaries(
    st.sampled_from([r.ref for r in CAT.requirements]), st.integers(0, 4), max_size=65
)


@given(levels=levels_strategy, ref=st.sampled_from([r.ref for r in CAT.requirements]))
def test_raising_one_level_never_lowers_readiness(levels, ref):
    before = assess(workbook(levels, default=0), DAY, catalogue=load_catalogue())
    raised = dict(levels)
    raised[ref] = min(4, raised.get(ref, 0) + 1)
    after = assess(workbook(raised, default=0), DAY, catalogue=load_catalogue())
    assert after.overall >= before.overall
    for b, a in zip(before.chapters, after.chapters, strict=True):
        assert a.readiness >= b.readiness


@given(levels=levels_strategy, stage=st.sampled_from([s.id for s in CAT.stages]))
def test_justified_not_applicable_is_never_a_gap(levels, stage):
    levels = dict(levels) | {f"8.3.{i}": None for i in range(1, 7)}
    result = assess(workbook(levels, default=0), DAY, stage=stage, catalogue=load_catalogue())
    assert not {g.ref for g in result.gaps} & {f"8.3.{i}" for i in range(1, 7)}
    assert 0.0 <= result.overall <= 1.0


def test_readiness_of_nothing_applicable_is_complete():
    assert readiness([]) == 1.0

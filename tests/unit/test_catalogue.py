"""The catalogue is complete and consistent, and agrees with the domain brief."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from readiness.catalogue import LANGUAGES, load_catalogue, ref_key

DOMAIN = Path(__file__).resolve().parents[3] / "shared" / "DOMAIN.md"


def domain_text() -> str:
    if not DOMAIN.exists():
        if os.environ.get("READINESS_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail(f"{DOMAIN} is missing; CI runs with shared/ beside the clone")
        pytest.skip(f"{DOMAIN} not found beside the checkout")
    return DOMAIN.read_text(encoding="utf-8")


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def refs_in(text: str) -> set[str]:
    """Clause refs in prose, with ranges such as 8.3.1-8.3.6 expanded."""
    refs: set[str] = set()
    for a, b in re.findall(r"\b(\d+(?:\.\d+)+)-(\d+(?:\.\d+)+)\b", text):
        head, first = a.rsplit(".", 1)
        last = b.rsplit(".", 1)[1]
        refs.update(f"{head}.{n}" for n in range(int(first), int(last) + 1))
    refs.update(re.findall(r"(?<![\d.])(\d+(?:\.\d+)+)(?![\d.]*\d)", text))
    return refs


def test_sixty_five_assessable_requirements_in_seven_chapters():
    cat = load_catalogue()
    assert len(cat.requirements) == 65
    assert [c.ref for c in cat.chapters] == ["4", "5", "6", "7", "8", "9", "10"]
    deepest = {r.ref for r in cat.requirements if r.depth == 4}
    assert {"7.1.5.1", "7.1.5.2", "7.5.3.1", "7.5.3.2", "8.2.3.1", "8.2.3.2"} == deepest


def test_tree_matches_the_domain_brief():
    text = section(domain_text(), "## ISO 9001:2015 structure", "Polish main titles")
    named = {r for r in refs_in(text) if int(r.split(".")[0]) in range(4, 11)}
    cat = load_catalogue()
    # every clause the brief names is in the catalogue
    assert named - set(cat.clauses) == set()
    # the leaves of the brief's tree are exactly the catalogue's requirements
    leaves = {r for r in named if not any(o.startswith(r + ".") for o in named)}
    assert leaves == {r.ref for r in cat.requirements}
    # every heading of the catalogue is a clause the brief names or an ancestor of one
    ancestors = {a for r in named for a in cat.ancestors(r)}
    assert set(cat.clauses) <= named | ancestors


def test_chapter_titles_match_the_domain_brief():
    text = " ".join(domain_text().split())  # the brief wraps lines inside titles
    cat = load_catalogue()
    for chapter in cat.chapters:
        assert f"{chapter.ref} {chapter.title['en']}" in text
        assert f"{chapter.ref} {chapter.title['pl']}" in text
        assert f"{chapter.ref} {chapter.title['bg']}" in text
        assert not chapter.own, "chapter titles are the commonly cited ones, not our own"


def test_documented_information_matches_the_domain_brief():
    text = section(domain_text(), "## Documented information the standard requires", "## The road")
    maintain_text, retain_text = text.split("Retain (records):")
    cat = load_catalogue()

    def owners(kind: str) -> set[str]:
        return {r.ref for r in cat.requirements for d in r.documented if d.kind == kind}

    for kind, prose in (("maintain", maintain_text), ("retain", retain_text)):
        named = refs_in(prose)
        ours = owners(kind)
        for ref in named:  # the brief may name a parent (7.5.3) of our requirement (7.5.3.2)
            assert any(o == ref or o.startswith(ref + ".") for o in ours), (kind, ref)
        for ref in ours:
            assert any(ref == n or ref.startswith(n + ".") for n in named), (kind, ref)


def test_every_requirement_is_fully_described():
    cat = load_catalogue()
    for r in cat.requirements:
        assert r.summary and r.guidance and r.action and r.evidence, r.ref
        assert all(r.title[lang] for lang in LANGUAGES), r.ref
        assert r.own <= set(LANGUAGES), r.ref


def test_expected_levels_never_fall_along_the_road():
    cat = load_catalogue()
    for r in cat.requirements:
        levels = [cat.expected_level(r.ref, s.id) for s in cat.stages]
        assert levels == sorted(levels), r.ref
        assert cat.target_level(r.ref) >= 3, r.ref


def test_documentation_stage_expects_chapters_four_to_seven_documented():
    cat = load_catalogue()
    for r in cat.requirements:
        if r.chapter in {"4", "5", "6", "7"}:
            assert cat.expected_level(r.ref, "documentation") >= 2, r.ref


def test_design_and_development_may_be_excluded_and_core_clauses_may_not():
    cat = load_catalogue()
    excludable = {r.ref for r in cat.requirements if r.may_exclude}
    assert {f"8.3.{i}" for i in range(1, 7)} <= excludable
    assert not excludable & {"4.3", "5.2.1", "8.5.1", "9.2.2", "9.3.3", "10.2.1"}


def test_refs_sort_numerically():
    assert sorted(["10.1", "4.4.2", "4.10", "4.4.1"], key=ref_key) == [
        "4.4.1",
        "4.4.2",
        "4.10",
        "10.1",
    ]


def test_label_gives_general_subclauses_their_parent():
    cat = load_catalogue()
    assert cat.label("5.1.1") == "5.1.1 Leadership and commitment: General"
    assert cat.label("7.2", "pl") == "7.2 Kompetencje"
    assert cat.label("9.3.1", "bg") == "9.3.1 Преглед от ръководството: Общи положения"

"""Editions and frameworks as data: their structure, crosswalks, and what ISO work gives them."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.core.assess import assess
from readiness.core.catalogue import (
    LANGUAGES,
    CatalogueError,
    load_catalogue,
)
from readiness.core.editions import editions, load_edition, next_edition, transition_plan
from readiness.core.extras import extra_notebooks
from readiness.core.frameworks import (
    RELATIONSHIPS,
    available,
    framework_support,
    load_crosswalk,
    load_framework,
    parse_frameworks,
)
from readiness.core.model import ClauseEntry, Evidence, Office, Workbook

CAT = load_catalogue()
DAY = dt.date(2026, 11, 16)


def office(country: str = "PL", stage: str = "surveillance") -> Office:
    return Office(
        name="Urząd Testowy",
        kind="municipal_office",
        country=country,
        language="pl",
        scope="Usługi administracyjne",
        current_stage=stage,
    )


def workbook(default: int, levels: dict[str, int] | None = None, **kw: object) -> Workbook:
    levels = levels or {}
    clauses = {
        r.ref: ClauseEntry(ref=r.ref, level=levels.get(r.ref, default)) for r in CAT.requirements
    }
    return Workbook(source="t.xlsx", office=office(), clauses=clauses, **kw)  # type: ignore[arg-type]


# -- CAF 2020 ------------------------------------------------------------------------------


def test_caf_2020_has_nine_criteria_and_28_sub_criteria_counted_per_criterion() -> None:
    caf = load_framework("caf2020")
    counts = {c.ref: len(c.children) for c in caf.top}
    assert counts == {"1": 4, "2": 4, "3": 3, "4": 6, "5": 3, "6": 2, "7": 2, "8": 2, "9": 2}
    assert len(caf.elements) == 28
    assert [c.ref for c in caf.top if caf.group_of(c.ref) == "enablers"] == list("12345")
    assert [c.ref for c in caf.top if caf.group_of(c.ref) == "results"] == list("6789")
    assert caf.checked and caf.scored


def test_caf_panels_cover_0_to_100_for_enablers_and_results() -> None:
    caf = load_framework("caf2020")
    assert set(caf.panels) == {"enablers", "results"}
    for ref, score, low in [("1.1", 0, 0), ("1.1", 10, 0), ("1.1", 11, 11), ("6.2", 100, 91)]:
        band = caf.band(ref, score)
        assert band is not None and band.low == low
    assert caf.band("2.3", 45) != caf.band("6.1", 45)  # PDCA panel vs results panel
    assert caf.group_of("6.1") == "results"


# -- management control and СФУК ------------------------------------------------------------


def test_kontrola_zarzadcza_has_22_standards_in_groups_a_to_e() -> None:
    kz = load_framework("kz")
    groups = {g.ref: [int(c) for c in g.children] for g in kz.top}
    assert list(groups) == list("ABCDE")
    assert [len(v) for v in groups.values()] == [4, 5, 6, 3, 4]
    assert [int(e.ref) for e in kz.elements] == list(range(1, 23))
    assert kz.country == "PL" and "23" in kz.provider and "2009" in kz.source["pl"]


def test_sfuk_has_the_five_elements_of_the_law() -> None:
    sfuk = load_framework("sfuk")
    assert [e.ref for e in sfuk.elements] == ["1", "2", "3", "4", "5"]
    assert sfuk.elements[0].name["bg"] == "Контролна среда"
    assert sfuk.country == "BG"
    assert sfuk.checked  # ЗФУКПС чл. 3, ал. 2 names the five elements
    assert "чл. 3, ал. 2" in sfuk.source["bg"]


@pytest.mark.parametrize("name", ["caf2020", "kz", "sfuk"])
def test_every_node_has_a_name_in_three_languages_and_elements_a_description(name: str) -> None:
    framework = load_framework(name)
    for node in framework.nodes.values():
        assert all(node.name[lang].strip() for lang in LANGUAGES), node.ref
        if node.assessable:
            assert all(node.description[lang].strip() for lang in LANGUAGES), node.ref
            assert node.description["pl"] != node.description["en"], node.ref
    for key in ("name", "description", "statement"):
        assert all(getattr(framework, key)[lang] for lang in LANGUAGES)


# -- crosswalks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "unmapped"), [("caf2020", {"7.1", "8.1", "8.2"}), ("kz", {"14"}), ("sfuk", set())]
)
def test_crosswalk_maps_every_element_but_the_ones_iso_cannot_cover(
    name: str, unmapped: set[str]
) -> None:
    framework, crosswalk = load_framework(name), load_crosswalk(name)
    mapped = {m.source for m in crosswalk.mappings}
    assert {e.ref for e in framework.elements} - mapped == unmapped
    assert all(m.target in CAT.clauses for m in crosswalk.mappings)
    assert all(m.relationship in RELATIONSHIPS for m in crosswalk.mappings)
    assert crosswalk.target == "iso9001_2015"


def test_the_crosswalk_targets_exist_in_the_2026_edition_too() -> None:
    assert len(load_crosswalk("kz", "iso9001_2026").mappings) == len(load_crosswalk("kz").mappings)


def test_framework_files_are_named_plainly() -> None:
    assert available() == ["caf2020", "kz", "sfuk"]
    with pytest.raises(CatalogueError):
        load_framework("../iso9001_2015")
    with pytest.raises(CatalogueError):
        load_framework("nosuchframework")


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("", "PL", ("caf2020", "kz")),
        ("", "BG", ("caf2020", "sfuk")),
        ("", "other", ("caf2020",)),
        ("caf,kz", "BG", ("caf2020", "kz")),
        ("caf, sfuk,caf", "PL", ("caf2020", "sfuk")),
        ("none", "PL", ()),
    ],
)
def test_parse_frameworks(text: str, country: str, expected: tuple[str, ...]) -> None:
    assert parse_frameworks(text, country) == expected


def test_an_unknown_framework_is_named() -> None:
    with pytest.raises(ValueError, match="'efqm'"):
        parse_frameworks("caf,efqm")


# -- support from the office's ISO work --------------------------------------------------------


def test_effective_iso_work_supports_what_it_fully_covers_and_names_the_rest() -> None:
    book = workbook(4)
    support = framework_support(
        "kz", book, assess(book, DAY, catalogue=load_catalogue()), load_catalogue()
    )
    by_ref = {e.node.ref: e for e in support.elements}
    assert by_ref["2"].status == "supported"  # competence: 7.2, equal
    assert by_ref["6"].status == "supported"  # objectives: 6.2, equal
    assert by_ref["21"].status == "partial"  # internal audit: intersect only
    assert by_ref["14"].status == "not-covered"  # financial operations: no ISO clause
    assert by_ref["14"] in support.gaps
    assert by_ref["6"].requirements == ("6.2.1", "6.2.2", "9.1.3")


def test_iso_work_not_implemented_gives_weak_support_and_names_the_clauses() -> None:
    book = workbook(4, levels={"7.2": 1})
    support = framework_support(
        "kz", book, assess(book, DAY, catalogue=load_catalogue()), load_catalogue()
    )
    competence = next(e for e in support.elements if e.node.ref == "2")
    assert competence.status == "weak"
    assert competence.weak == ("7.2",)
    assert competence.readiness is not None and competence.readiness < 0.5


def test_only_approved_evidence_is_offered_for_the_annual_statement() -> None:
    evidence = (
        Evidence(refs=("7.2",), title="Training plan 2026", kind="retain", status="approved"),
        Evidence(refs=("7",), title="Whole chapter 7 file", kind="other", status="approved"),
        Evidence(refs=("7.2",), title="Draft competence matrix", kind="retain", status="draft"),
    )
    book = workbook(3, evidence=evidence)
    support = framework_support(
        "kz", book, assess(book, DAY, catalogue=load_catalogue()), load_catalogue()
    )
    competence = next(e for e in support.elements if e.node.ref == "2")
    assert [e.title for e in competence.evidence] == ["Training plan 2026", "Whole chapter 7 file"]


def test_self_assessment_scores_are_carried_beside_the_support() -> None:
    book = workbook(3)
    support = framework_support(
        "caf2020",
        book,
        assess(book, DAY, catalogue=load_catalogue()),
        load_catalogue(),
        scores={"1.1": 45},
    )
    first = support.elements[0]
    assert first.node.ref == "1.1" and first.self_score == 45
    assert support.elements[1].self_score is None


# -- editions -----------------------------------------------------------------------------------


def test_the_catalogue_carries_its_edition_and_reads_any_edition_file() -> None:
    assert CAT.edition == "iso9001_2015"
    newer = load_catalogue("iso9001_2026")
    assert newer.edition == "iso9001_2026"
    assert newer.standard == "ISO 9001:2026" and newer.name("pl") == "ISO 9001:2026"
    assert list(newer.clauses) == list(CAT.clauses)  # clause structure 4-10 unchanged
    assert editions() == ["iso9001_2015", "iso9001_2026"]
    for bad in ("../stages", "ISO9001", "nosuch_edition"):
        with pytest.raises(CatalogueError):
            load_catalogue(bad)


def test_every_2026_change_is_provisional_with_its_clauses_and_source() -> None:
    edition = load_edition("iso9001_2026")
    assert edition.base == "iso9001_2015"
    assert next_edition() == edition
    touched = {ref for c in edition.changes for ref in c.clauses}
    assert {"5.1.1", "7.3", "6.1", "4.1", "4.2", "7.1.6"} <= touched
    for change in edition.changes:
        assert change.provisional, change.id  # nothing is checked against the published text yet
        assert all(change.source[lang].strip() for lang in LANGUAGES), change.id
        assert all(change.what[lang] and change.prepare[lang] for lang in LANGUAGES)
    assert edition.provisional == edition.changes
    transition = edition.transition
    assert transition is not None
    assert isinstance(transition.deadline, dt.date) and not transition.confirmed
    assert transition.source["pl"] and len(transition.steps) >= 4
    assert "GACI" in transition.source["en"]


def test_the_2026_status_follows_the_reports_date() -> None:
    edition = load_edition("iso9001_2026")
    assert edition.published == dt.date(2026, 9, 16)
    before, after = edition.status_on(dt.date(2026, 9, 15)), edition.status_on(dt.date(2026, 12, 6))
    assert "expected" in before["en"] and "spodziewana" in before["pl"]
    assert "published on 16 September 2026" in after["en"]
    assert "opublikowana 16 września 2026 r." in after["pl"]
    assert "публикуван на 16 септември 2026 г." in after["bg"]
    assert not any("expected" in text or "autumn" in text for text in after.values())
    assert "NSF" in edition.source["en"]


def test_a_source_shown_to_readers_is_never_internal_or_a_blog() -> None:
    from readiness.core.editions import _public

    for bad in ("shared DOMAIN.md", "agnessopel.wixsite.com", "oxebridge.com/emma"):
        with pytest.raises(CatalogueError):
            _public({"en": bad}, "test")
    _public({"en": "ISO 9001:2026, 5.1.1"}, "test")


def test_transition_plan_says_what_the_office_has_and_what_to_build() -> None:
    book = workbook(
        4,
        levels={"6.1.1": 1},
        evidence=(
            Evidence(refs=("5.1",), title="Code of ethics", kind="maintain", status="approved"),
        ),
    )
    result = assess(book, DAY, catalogue=load_catalogue())
    plan = transition_plan(load_edition("iso9001_2026"), book, result, DAY)
    states = {s.change.id: s.state for s in plan.statuses}
    assert states["culture-ethics-leadership"] == "build"  # 5.1.1 effective; culture to add
    assert states["climate-in-context"] == "ready"  # wording only, 4.1/4.2 in place
    assert states["risks-opportunities-separate"] == "base-gap"  # 6.1.1 only planned
    assert states["annex-a-guidance"] == "annex"
    leadership = next(s for s in plan.statuses if s.change.id == "culture-ethics-leadership")
    assert [e.title for e in leadership.evidence] == ["Code of ethics"]
    assert plan.days_left == (dt.date(2029, 9, 30) - DAY).days
    assert not plan.confirmed
    assert {s.change.id for s in plan.to_build} >= {
        "culture-ethics-leadership",
        "risks-opportunities-separate",
    }


def test_extra_notebooks_follow_the_stage_the_frameworks_and_the_edition() -> None:
    surveillance, initial = CAT.stage("surveillance"), CAT.stage("initial")
    both = ["07_transition.ipynb", "08_frameworks.ipynb"]
    assert extra_notebooks(surveillance, ("caf2020",)) == both
    assert extra_notebooks(initial, ("caf2020", "kz")) == ["08_frameworks.ipynb"]
    assert extra_notebooks(surveillance, ()) == ["07_transition.ipynb"]
    # assessed against the newest edition already: nothing to move to
    assert extra_notebooks(surveillance, (), "iso9001_2026") == []

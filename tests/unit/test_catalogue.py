"""The catalogue is complete and consistent, and agrees with the domain facts.

The domain facts live in tests/fixtures/domain.toml, transcribed from the project's domain
brief (shared/DOMAIN.md) so that no test reads a file outside the repository.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from readiness.core.catalogue import LANGUAGES, CatalogueError, load_catalogue, ref_key
from readiness.core.schema import labels, reviews_sheet

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "domain.toml"
CAT = load_catalogue()


@pytest.fixture(scope="module")
def domain() -> dict:
    with FIXTURE.open("rb") as f:
        return tomllib.load(f)


def texts(ref: str, lang: str) -> dict[str, list[str]]:
    """A requirement's summary, guidance, questions, action and evidence in a language."""
    clause = CAT.clauses[ref]
    return {
        "summary": [CAT.tr(clause.summary, lang)],
        "guidance": [CAT.tr(clause.guidance, lang)],
        "ask": [CAT.tr(q, lang) for q in clause.ask],
        "action": [CAT.tr(clause.action, lang)],
        "evidence": [CAT.tr(e, lang) for e in clause.evidence],
    }


def every_text(lang: str) -> list[tuple[str, str]]:
    """Every catalogue text shown in a language, named by where it comes from."""
    out: list[tuple[str, str]] = []
    for clause in CAT.clauses.values():
        out.append((f"{clause.ref} title", CAT.title(clause.ref, lang)))
        if not clause.assessable:
            continue
        for name, values in texts(clause.ref, lang).items():
            out.extend((f"{clause.ref} {name}", v) for v in values)
        out.extend((f"{clause.ref} documented", CAT.tr(d.what, lang)) for d in clause.documented)
    out.extend((f"review input {i.id}", i.title[lang]) for i in CAT.review_inputs)
    return out


# -- structure ------------------------------------------------------------------------------
def test_sixty_five_assessable_requirements_in_seven_chapters():
    assert len(CAT.requirements) == 65
    assert [c.ref for c in CAT.chapters] == ["4", "5", "6", "7", "8", "9", "10"]
    deepest = {r.ref for r in CAT.requirements if r.depth == 4}
    assert {"7.1.5.1", "7.1.5.2", "7.5.3.1", "7.5.3.2", "8.2.3.1", "8.2.3.2"} == deepest


def test_tree_matches_the_domain_facts(domain):
    named = set(domain["structure"]["clauses"])
    # every clause the brief names is in the catalogue
    assert named - set(CAT.clauses) == set()
    # the leaves of the brief's tree are exactly the catalogue's requirements
    leaves = {r for r in named if not any(o.startswith(r + ".") for o in named)}
    assert leaves == {r.ref for r in CAT.requirements}
    # every heading of the catalogue is a clause the brief names or an ancestor of one
    ancestors = {a for r in named for a in CAT.ancestors(r)}
    assert set(CAT.clauses) <= named | ancestors


def test_chapter_titles_match_the_domain_facts(domain):
    for chapter in CAT.chapters:
        assert chapter.title == domain["chapters"][chapter.ref]
        assert not chapter.own, "chapter titles are the commonly cited ones, not our own"


# -- documented information -----------------------------------------------------------------
def owners(kind: str) -> set[str]:
    return {r.ref for r in CAT.requirements for d in r.documented if d.kind == kind}


def test_documented_information_matches_the_domain_facts(domain):
    facts = domain["documented"]
    assert owners("maintain") == set(facts["maintain"])
    assert owners("retain") == set(facts["retain"])


def test_a_control_requirement_is_not_a_document_to_maintain(domain):
    for ref in domain["documented"]["not_a_document"]:
        assert ref == "7.5.3.2"
        assert not CAT.clauses[ref].documented, ref


def test_conditional_documented_information_is_not_mandatory(domain):
    conditional = domain["documented"]["conditional"]
    assert set(conditional) == {"7.1.5.2", "8.1", "8.5.1", "8.5.2"}
    for ref in conditional:
        items = CAT.clauses[ref].documented
        assert items, ref
        kinds = {"7.1.5.2": "retain", "8.1": "maintain", "8.5.1": "maintain", "8.5.2": "retain"}
        conditional_items = [d for d in items if d.kind == kinds[ref]]
        assert conditional_items and not any(d.mandatory for d in conditional_items), ref
    # and the unconditional ones stay mandatory
    assert all(d.mandatory for d in CAT.clauses["4.3"].documented)
    assert all(d.mandatory for d in CAT.clauses["7.1.5.1"].documented)


def test_service_definitions_are_maintained_as_applicable_in_every_language():
    (item,) = CAT.clauses["8.5.1"].documented
    assert (item.kind, item.mandatory) == ("maintain", False)
    assert "as applicable" in item.what and "service cards" in item.what
    assert "karty usług" in CAT.tr(item.what, "pl")
    assert "w stosownych przypadkach" in CAT.tr(item.what, "pl")
    assert "карти за услугите" in CAT.tr(item.what, "bg")
    assert "когато е приложимо" in CAT.tr(item.what, "bg")


def test_every_documented_item_names_its_source():
    for r in CAT.requirements:
        for d in r.documented:
            assert d.source.startswith(f"clause {r.ref}"), (r.ref, d.source)
            assert "DOMAIN" not in d.source, r.ref  # a clause of the standard, never our notes


def test_documented_information_only_where_needed_is_not_mandatory():
    # 4.4.2: "to the extent necessary"; 8.2.3.2: "as applicable"
    for ref in ("4.4.2", "8.2.3.2"):
        items = CAT.clauses[ref].documented
        assert items and not any(d.mandatory for d in items), ref


# -- exclusions -----------------------------------------------------------------------------
def test_exclusions_follow_the_domain_facts(domain):
    excludable = {r.ref for r in CAT.requirements if r.may_exclude}
    assert set(domain["exclusions"]["may_exclude"]) <= excludable
    assert not excludable & set(domain["exclusions"]["never"])


def test_post_delivery_activities_may_not_be_excluded():
    assert CAT.clauses["8.5.5"].may_exclude is False
    assert "cannot be declared not applicable" in CAT.clauses["8.5.5"].guidance


# -- the amendment --------------------------------------------------------------------------
CLIMATE = {"en": "climate", "pl": "klimat", "bg": "климат"}


def test_the_standard_is_named_with_its_amendment(domain):
    assert CAT.standard == domain["amendment"]["name"] == "ISO 9001:2015 + Amd 1:2024"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_climate_change_is_in_context_and_interested_parties(domain, lang):
    word = CLIMATE[lang]
    for ref in domain["amendment"]["climate_clauses"]:
        for name, values in texts(ref, lang).items():
            assert any(word in v.lower() for v in values), (ref, name, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_climate_change_is_a_management_review_input(lang):
    issues = next(i for i in CAT.review_inputs if i.id == "issues")
    assert CLIMATE[lang] in issues.title[lang].lower()
    assert CLIMATE[lang] in CAT.tr(CAT.clauses["9.3.2"].summary, lang).lower()


def test_review_inputs_match_the_domain_facts_and_old_headers_still_read(domain):
    assert len(CAT.review_inputs) == domain["review_inputs"]["count"]
    column = next(c for c in reviews_sheet(CAT).columns if c.key == "input:issues")
    read = labels(column)
    issues = next(i for i in CAT.review_inputs if i.id == "issues")
    assert set(issues.title.values()) <= read
    # a workbook made before the amendment names the column without the climate words
    assert {
        "Changes in internal and external issues",
        "Zmiany w kwestiach wewnętrznych i zewnętrznych",
    } <= read


# -- titles ---------------------------------------------------------------------------------
def test_untitled_paragraphs_are_marked_as_ours(domain):
    untitled = set(domain["titles"]["untitled"])
    assert CAT.own_titles == untitled
    for clause in CAT.clauses.values():
        assert CAT.own_title(clause.ref) == (clause.ref in untitled), clause.ref
        if clause.ref in untitled:
            assert clause.own == set(LANGUAGES), clause.ref
        else:
            # an English title of our own exists only where the standard has none
            assert "en" not in clause.own, clause.ref


@pytest.mark.parametrize(
    ("ref", "lang", "title"),
    [
        ("5.3", "pl", "Role, odpowiedzialność i uprawnienia w organizacji"),
        ("6.2", "pl", "Cele jakościowe i planowanie działań prowadzących do ich osiągnięcia"),
        ("7.5.3.2", "pl", "Dystrybucja, przechowywanie, zmiany i zachowywanie"),
        ("4.3", "pl", "Określanie zakresu systemu zarządzania jakością"),
        ("8.5.4", "bg", "Опазване"),
    ],
)
def test_polish_and_bulgarian_title_fixes(ref, lang, title):
    assert CAT.title(ref, lang) == title


# -- terminology and national guidance ------------------------------------------------------
FORBIDDEN = {
    "pl": [
        (r"odstępstw", "a concession is 'koncesja'"),
        (r"za zgodą", "a concession is 'koncesja'"),
        (r"uwzględnion\w* skarg", "8.7.1: complaints are 'uzasadnione skargi'"),
        (r"zatrzymywa", "to retain is 'zachowywać'"),
        (r"odpowiedzialności i uprawnienia", "5.3: 'odpowiedzialność i uprawnienia'"),
    ],
    "bg": [
        (
            r"(?<!енергийна )(?<!енергийната )ефективн",
            "effectiveness and level 4 are 'ефикасн-'; 'ефективност' is efficiency",
        ),
        (r"\bнаблюдения\b", "an observation is 'забележка'; 'наблюдение' is monitoring"),
        (r"разстройв", "misadjustment is 'разрегулиране'"),
        (r"сертифициращ", "the certification body is 'орган за сертификация'"),
        (r"карти(те)? на процесите|карта за (всеки )?процес|картите им", "'описание на процеса'"),
        (r"карт\w* на услуг", "service cards are 'карти за услуги'"),
        (r"одит по закона", "name the act: 'одитите по ЗВОПС'"),
        (r"уважен\w* жалб", "8.7.1: complaints are 'основателни жалби'"),
        (r"Съхраняване", "8.5.4 is 'Опазване'"),
    ],
}


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_no_forbidden_terms_in_catalogue_texts(lang):
    found = [
        (where, pattern, why)
        for where, text in every_text(lang)
        for pattern, why in FORBIDDEN[lang]
        if re.search(pattern, text)
    ]
    assert found == []


def test_the_forbidden_terms_list_catches_what_it_names():
    bg = [p for p, _ in FORBIDDEN["bg"]]
    assert re.search(bg[0], "работи ефективно")
    assert not re.search(bg[0], "задължения за енергийна ефективност")
    assert re.search(bg[1], "несъответствия и наблюдения")
    assert not re.search(bg[1], "резултати от наблюдението")


def test_justified_complaints_are_nonconforming_outputs():
    guidance = CAT.clauses["8.7.1"].guidance
    assert "uzasadnione skargi" in CAT.tr(guidance, "pl")
    assert "основателните жалби" in CAT.tr(guidance, "bg")
    assert "koncesji" in CAT.tr(CAT.clauses["8.7.1"].summary, "pl")


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_national_frameworks_are_named_in_the_guidance(domain, lang):
    guidance = " ".join(CAT.tr(r.guidance, lang) for r in CAT.requirements)
    missing = [term for term in domain["national"][lang] if term not in guidance]
    assert missing == []


def test_polish_guidance_puts_each_national_rule_where_it_applies():
    def pl(ref: str) -> str:
        return CAT.tr(CAT.clauses[ref].guidance, "pl")

    assert "IOD" in pl("8.5.3") and "PUODO" in pl("8.5.3")
    assert all(f"art. {n}" in pl("8.5.1") for n in (35, 36, 37))
    assert "Działu VIII KPA" in pl("8.2.1")
    assert "oświadczenie o stanie kontroli zarządczej" in pl("9.3.2")


def test_bulgarian_guidance_puts_each_national_rule_where_it_applies():
    def bg(ref: str) -> str:
        return CAT.tr(CAT.clauses[ref].guidance, "bg")

    assert "Хартата на клиента" in bg("8.2.1")
    assert "всяка година" in bg("9.1.2")
    assert "ИИСДА" in bg("9.3.2") and "ИИСДА" in bg("8.2.2")
    assert "Закон за администрацията" in bg("4.2")
    assert "ЗВОПС" in bg("9.2.1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_interested_parties_fit_oblast_administrations_too(lang):
    oblast = {"en": "oblast administration", "pl": "powiatu", "bg": "областна администрация"}
    for name in ("summary", "action"):
        text = texts("4.2", lang)[name][0]
        assert oblast[lang] in text, (lang, name)
        if lang == "bg":
            assert "Министерският съвет" in text, name


# -- the catalogue's own API ----------------------------------------------------------------
def test_expected_levels_never_fall_along_the_road():
    for r in CAT.requirements:
        levels = [CAT.expected_level(r.ref, s.id) for s in CAT.stages]
        assert levels == sorted(levels), r.ref
        assert CAT.target_level(r.ref) >= 3, r.ref


def test_every_requirement_is_fully_described():
    for r in CAT.requirements:
        assert r.summary and r.guidance and r.action and r.evidence, r.ref
        assert all(r.title[lang] for lang in LANGUAGES), r.ref
        assert r.own <= set(LANGUAGES), r.ref


def test_documentation_stage_expects_chapters_four_to_seven_documented():
    for r in CAT.requirements:
        if r.chapter in {"4", "5", "6", "7"}:
            assert CAT.expected_level(r.ref, "documentation") >= 2, r.ref


def test_refs_sort_numerically():
    assert sorted(["10.1", "4.4.2", "4.10", "4.4.1"], key=ref_key) == [
        "4.4.1",
        "4.4.2",
        "4.10",
        "10.1",
    ]


def test_label_gives_general_subclauses_their_parent():
    assert CAT.label("5.1.1") == "5.1.1 Leadership and commitment: General"
    assert CAT.label("7.2", "pl") == "7.2 Kompetencje"
    assert CAT.label("9.3.1", "bg") == "9.3.1 Преглед от ръководството: Общи положения"


def test_each_audit_condition_names_its_source():
    """Stage 1 and stage 2 conditions cite ISO/IEC 17021-1, ISO 9001, or practice with a reason."""
    from readiness.core.catalogue import _parse_audits

    cat = load_catalogue()
    first, second = (cat.audit_conditions(a) for a in ("stage1", "stage2"))
    assert first == second[: len(first)]  # stage 2 needs everything stage 1 needs
    for c in second:
        assert c.source.startswith(("ISO/IEC 17021-1:2015, 9.3.1", "ISO 9001:2015, ")) or (
            c.source == "practice" and all(c.reason.get(lang) for lang in ("en", "pl", "bg"))
        ), c.id
    assert {c.source for c in cat.audits[0].conditions} >= {"ISO/IEC 17021-1:2015, 9.3.1.2.2"}
    # 9.3.1.3 says what stage 2 is for, not its conditions: each cites the clause it rests on
    own = {c.id: c.source for c in cat.audits[1].conditions}
    assert not any("9.3.1.3" in s for s in own.values())
    assert own["audit-cycle"] == "ISO 9001:2015, 9.2.2"
    assert own["management-review"] == "ISO 9001:2015, 9.3.2"
    stage1 = {c.id: c.source for c in cat.audits[0].conditions}
    assert stage1["documents-current"] == "practice"  # 7.5.2 sets no review period
    assert {c.check for c in first if not c.when}.isdisjoint(
        {"audit_coverage", "review_inputs", "majors_verified"}
    )  # what stage 2 checks, stage 1 asks only when the certification body wants it
    text = {"en": "x", "pl": "x", "bg": "x"}
    bare = {
        "audit": [{"id": "s", "name": text, "condition": [{"id": "c", "check": "x", "text": text}]}]
    }
    with pytest.raises(CatalogueError, match="names no source"):
        _parse_audits(bare)
    bare["audit"][0]["condition"][0]["source"] = "practice"
    with pytest.raises(CatalogueError, match="practice needs a reason"):
        _parse_audits(bare)

"""The audit programme's guarantees on generated offices, feasible and infeasible.

Offices come from the portfolio's generator (benchmarks/make_offices.py) with a structure
added (benchmarks/make_structure.py); every programme is checked by
``programme_checks.violations``, independently of the solver; every refusal's claim (which
rule cannot be met) is checked too, and so is its fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sys
from pathlib import Path

import pytest

from programme_checks import violations
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.model import Auditor, Workbook
from readiness.core.planner import plan_programme
from readiness.core.programme import (
    Infeasible,
    compact_refs,
    eligible,
    parse_months,
)
from readiness.core.risk import department_risks

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_offices import AS_OF, office_content  # noqa: E402
from make_structure import add_structure, workbook_from_content  # noqa: E402

YEAR = 2027


def plan(book: Workbook, months=tuple(range(1, 13)), limit=6, annual=False):
    assessment = assess(book, AS_OF, catalogue=load_catalogue())
    start = dt.date(YEAR, months[0], 1)
    risks = department_risks(book, assessment, start)
    applicable = {r.ref for r in assessment.requirements if not r.excluded}
    certified = assessment.stage in ("surveillance", "recertification")
    programme = plan_programme(
        book, risks, applicable, YEAR, months, limit=limit, certified=certified, annual=annual
    )
    return programme, assessment


def generated(seed: int, **kwargs) -> Workbook:
    rng = random.Random(seed)
    _lang, content = office_content(seed, rng)
    return workbook_from_content(add_structure(content, rng, **kwargs))


def test_generated_offices_keep_every_rule_or_say_which_rule_cannot_hold():
    outcomes: dict[str, int] = {}
    for seed in range(80):
        rng = random.Random(1000 + seed)
        book = generated(seed, auditors=rng.randint(1, 7))
        months = parse_months(rng.choice(("1-12", "1-12", "2-11", "3-8", "1-4")))
        limit = rng.randint(2, 6)
        try:
            programme, assessment = plan(book, months, limit)
        except Infeasible as exc:
            outcomes[exc.code] = outcomes.get(exc.code, 0) + 1
            check_refusal(exc, book, months, limit)
            continue
        outcomes["planned"] = outcomes.get("planned", 0) + 1
        assert violations(programme, book, assessment) == [], seed
        if programme.certified:
            outcomes["certified"] = outcomes.get("certified", 0) + 1
    # the generator reaches the interesting paths: programmes, certified ones, and refusals
    assert outcomes.get("planned", 0) >= 30, outcomes
    assert outcomes.get("certified", 0) >= 5, outcomes
    refusals = sum(n for code, n in outcomes.items() if code not in ("planned", "certified"))
    assert refusals >= 8, outcomes
    assert {"no-impartial-auditor", "no-lead-auditor", "load"} <= set(outcomes), outcomes


def check_refusal(exc: Infeasible, book: Workbook, months, limit) -> None:
    """The refusal's claim holds, and what it says would fix it does."""
    start = dt.date(YEAR, months[0], 1)
    trained = [a for a in book.auditors if a.trained_on and a.trained_on <= start]
    owners = {ref: e.owner for ref, e in book.clauses.items()}
    assessment = assess(book, AS_OF, catalogue=load_catalogue())
    risks = {r.department.name: r for r in department_risks(book, assessment, start)}
    message = str(exc)
    assert "{" not in message
    if exc.code == "no-impartial-auditor":
        name = exc.params["department"]
        assert not [a for a in trained if eligible(a, risks[name], owners)]
        assert f"Train an auditor outside {name}" in message
        # the fix: an auditor trained outside the department who may lead
        other = next(d.name for d in book.departments if d.name != name)
        fixed = dataclasses.replace(
            book,
            auditors=(*book.auditors, Auditor("New Auditor-1", other, start, may_lead=True)),
        )
        try:
            plan(fixed, months, limit)
            again = None
        except Infeasible as exc_again:  # the next rule may fail, never this department again
            again = exc_again
        assert again is None or again.params.get("department") != name
    elif exc.code == "no-lead-auditor":
        name = exc.params["department"]
        able = [a for a in trained if eligible(a, risks[name], owners)]
        assert able and not any(a.may_lead for a in able)
    elif exc.code == "load":
        least = int(exc.params["least"])
        assert least > limit
        programme, assessment = plan(book, months, least)  # the limit it names is enough
        assert violations(programme, book, assessment) == []
    else:
        assert exc.code in ("months", "no-auditors", "not-carried"), exc.code


def test_a_department_whose_only_auditor_works_in_it_is_named_with_the_fix():
    book = generated(3, departments=6, auditors=2)
    target = book.departments[3]
    auditors = (
        *(
            Auditor(f"Only Auditor-{i}", target.name, dt.date(2025, 1, 10), may_lead=True)
            for i in range(2)
        ),
        Auditor("Elsewhere-1", book.departments[4].name, dt.date(2025, 1, 10), True),
    )
    book = dataclasses.replace(book, auditors=auditors[:2])
    with pytest.raises(Infeasible) as caught:
        plan(book)
    assert caught.value.code == "no-impartial-auditor"
    assert caught.value.params["department"] == target.name
    assert str(caught.value).endswith(f"Train an auditor outside {target.name}.")
    fixed = dataclasses.replace(book, auditors=auditors)
    programme, assessment = plan(fixed)
    assert violations(programme, fixed, assessment) == []


def test_too_low_a_limit_names_the_least_limit_that_works():
    book = generated(5, departments=10, auditors=3, lead_share=1.0)
    with pytest.raises(Infeasible) as caught:
        plan(book, limit=1)
    assert caught.value.code == "load"
    least = int(caught.value.params["least"])
    assert f"--max-audits-per-auditor {least}" in str(caught.value)
    programme, _ = plan(book, limit=least)
    assert max(programme.load.values()) <= least
    with pytest.raises(Infeasible):
        plan(book, limit=least - 1)


def test_without_departments_it_says_what_to_fill_in():
    book = dataclasses.replace(generated(1), departments=(), auditors=())
    with pytest.raises(Infeasible) as caught:
        plan(book)
    assert caught.value.code == "no-departments"
    assert "Departments sheet" in str(caught.value)


def test_a_huge_structure_is_refused_before_any_model_is_built():
    from readiness.core.model import Department

    book = generated(2)
    many = tuple(Department(f"D{i}", refs=("8.1",)) for i in range(201))
    with pytest.raises(Infeasible) as caught:
        plan(dataclasses.replace(book, departments=many))
    assert caught.value.code == "too-large"
    assert "201 departments" in str(caught.value)


def test_the_same_office_gives_the_same_programme():
    book = generated(9, departments=12, auditors=6, lead_share=0.8)
    assert plan(book)[0].audits == plan(book)[0].audits


def test_compact_refs_reads_back_as_the_same_requirements():
    from readiness.io.cells import parse_refs

    catalogue = load_catalogue()
    refs = tuple(parse_refs("8.1; 8.2; 8.5; 9.1.2; 7.1.5.1", catalogue))
    text = compact_refs(refs, catalogue)
    assert text == "7.1.5.1; 8.1; 8.2; 8.5; 9.1.2"
    assert parse_refs(text, catalogue) == refs


@pytest.mark.parametrize(
    ("text", "months"), [("1-12", tuple(range(1, 13))), ("3-5", (3, 4, 5)), ("2,9", (2, 9))]
)
def test_months(text, months):
    assert parse_months(text) == months


@pytest.mark.parametrize("text", ["0-3", "5-2", "13", "x", ""])
def test_bad_months(text):
    with pytest.raises(ValueError, match=r"."):
        parse_months(text)

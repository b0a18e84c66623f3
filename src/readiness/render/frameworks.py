"""Report sections beyond one edition: the transition to the next edition, other frameworks.

Both are called from a notebook with the report ``open_report`` returned::

    from readiness.render.frameworks import other_frameworks, transition
    transition(report, edition)        # 07_transition, for a certified office
    other_frameworks(report, names)    # 08_frameworks: CAF 2020, KZ, СФУК

They render the fragments ``transition.html.j2`` and ``frameworks.html.j2``.
"""

from __future__ import annotations

from typing import Any

from readiness.core.editions import (
    Edition,
    TransitionPlan,
    load_edition,
    next_edition,
    transition_plan,
)
from readiness.core.frameworks import FrameworkSupport, framework_support, parse_frameworks
from readiness.render.view import GapReport, Section

STATUS_SYMBOL = {"supported": "✓", "partial": "◐", "weak": "▲", "not-covered": "✗"}
"""A symbol beside every status word: colour is never the only signal."""
CHANGE_SYMBOL = {"ready": "✓", "build": "▲", "base-gap": "✗", "annex": "ℹ"}


def target_edition(report: GapReport, edition: str = "") -> Edition | None:
    """The edition to move to: ``edition`` when given, else the one after the report's own."""
    if edition and edition != report.catalogue.edition:
        chosen = load_edition(edition)
        return chosen if chosen.base else None
    return next_edition(report.catalogue.edition)


def plan_for(report: GapReport, edition: str = "") -> TransitionPlan | None:
    """The office's transition plan to ``edition`` (the next one by default), or None."""
    target = target_edition(report, edition)
    if target is None:
        return None
    return transition_plan(target, report.workbook, report.assessment, report.assessment.as_of)


def transition(report: GapReport, edition: str = "") -> Section:
    """The transition section: what changes, what the office has, what to prepare, by when.

    A certified office gets every change and step; an office on the road to certification is
    also told it can still be certified to the current edition during the transition. The
    edition's status follows the report's date (expected before publication, then published).
    """
    plan = report.once(("transition", edition), lambda: plan_for(report, edition))
    if plan is None:
        return Section(html="", text="no newer edition to move to")
    return report.render(
        "transition",
        plan=plan,
        edition=plan.edition,
        certified=report.stage.kind == "certified",
        symbols=CHANGE_SYMBOL,
    )


def supports_for(
    report: GapReport, names: str = "", scores: dict[str, int] | None = None
) -> list[FrameworkSupport]:
    """The chosen frameworks' support from the office's ISO work (by country by default).

    ``scores`` are the CAF sheet's self-assessment scores, carried beside CAF 2020.
    """
    chosen = parse_frameworks(names, report.workbook.office.country)
    return [
        framework_support(
            name,
            report.workbook,
            report.assessment,
            report.catalogue,
            scores=scores if name == "caf2020" else None,
        )
        for name in chosen
    ]


def other_frameworks(report: GapReport, names: str = "") -> Section:
    """The "other frameworks" section: per element, support, what to cite, where gaps are.

    Parameters
    ----------
    report
        The office's report.
    names
        ``caf,kz``, ``caf,sfuk``...; empty: the office's country's frameworks (Poland: CAF
        2020 and management control; Bulgaria: CAF 2020 and СФУК; elsewhere CAF 2020);
        ``none``: no section.
    """
    scores = report.workbook.caf_scores  # read with the workbook, in its one read
    supports = report.once(("frameworks", names), lambda: supports_for(report, names, scores))
    if not supports:
        return Section(html="", text="no framework chosen")
    return report.render(
        "frameworks",
        supports=supports,
        symbols=STATUS_SYMBOL,
        caf_problems=report.workbook.caf_problems,
    )


def prepare(report: GapReport, edition: str | None, names: str | None) -> dict[Any, Any]:
    """What ``transition`` and ``other_frameworks`` compute, done ahead by the pipeline.

    The keys are those ``GapReport.once`` looks up: the report pipeline computes the
    transition plan (``edition``; None: no transition section) and the frameworks' support
    (``names``; None: no frameworks section) once, with the assessment, and hands them to
    the notebooks in the report's state, so the kernel renders without loading catalogues.
    """
    done: dict[Any, Any] = {}
    if edition is not None:
        done["transition", edition] = plan_for(report, edition)
    if names is not None:
        scores = report.workbook.caf_scores
        done["frameworks", names] = supports_for(report, names, scores)
    return done

"""The report's model: everything one report shows, computed once, in the command's process.

``ReportModel`` is what the command computed for one office on one date: the workbook, its
assessment, the gates, the certification cycle, the verdicts, the transition plan and the
frameworks' support when the report shows them, the earlier runs and what changed since the
previous one, and the headline, title and urgent line in the report's language. The run
builds it (``build_model``) once; ``results.json`` and the action plan are written from it,
the state handed to the notebooks' kernel is it, and the view only renders it.

It lives in ``render`` because it carries the report's words (``render.wording``), which
the view and ``results.json`` share; ``run`` builds it, from what it read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from readiness.core.assess import Assessment
from readiness.core.catalogue import Catalogue, Stage
from readiness.core.cycle import CyclePlan
from readiness.core.editions import Edition, TransitionPlan, load_edition, next_edition
from readiness.core.editions import transition_plan as plan_transition
from readiness.core.frameworks import FrameworkSupport, framework_support
from readiness.core.gates import GateResult, State, evaluate
from readiness.core.model import Review, Workbook
from readiness.core.objectives import ObjectivesSummary, summarise
from readiness.core.plan import action_plan
from readiness.core.registers import register_summary
from readiness.core.review import last_review
from readiness.core.risk import audit_coverage
from readiness.core.satisfaction import Satisfaction, analyse
from readiness.core.suppliers import Suppliers
from readiness.core.suppliers import evaluate as evaluate_suppliers
from readiness.core.verdict import Verdict, Verdicts, verdicts
from readiness.io.history import Changes, Run, compare
from readiness.io.results import results_document
from readiness.render.wording import Wording


@dataclass(frozen=True)
class Year:
    """The quality representative's year at the report date, each analysed once.

    ``objectives`` judges the Objectives sheet's objectives against their results (6.2,
    9.1.3); ``satisfaction`` analyses the survey answers (9.1.2) and whether satisfaction
    was measured in time; ``suppliers`` judges the external providers' evaluations (8.4.1);
    ``review`` is the last management review held (9.3), None when none was.
    """

    objectives: ObjectivesSummary
    satisfaction: Satisfaction
    suppliers: Suppliers
    review: Review | None

    def supports(self, ref: str) -> tuple[str, ...]:
        """The year's sections (anchors, :data:`SUPPORTS`) with data supporting ``ref``."""
        held = {
            "objectives": bool(self.objectives.progress),
            "satisfaction": bool(self.satisfaction.questions),
            "suppliers": bool(self.suppliers.providers),
        }
        return tuple(a for a, refs in SUPPORTS.items() if held[a] and ref in refs)


#: The requirements each of the year's sections gives evidence for, by the section's anchor:
#: ISO 9001:2015 6.2.1 (objectives established, measurable, monitored) and 6.2.2 (planning
#: how to achieve them), evaluated under 9.1.3 c) (the performance and effectiveness of the
#: system); 9.1.2 (customers' perception monitored) and 9.1.3 b) (satisfaction analysed);
#: 8.4.1 (external providers evaluated and re-evaluated) and 9.1.3 f).
SUPPORTS: dict[str, tuple[str, ...]] = {
    "objectives": ("6.2.1", "6.2.2", "9.1.3"),
    "satisfaction": ("9.1.2", "9.1.3"),
    "suppliers": ("8.4.1", "9.1.3"),
}


def year_of(workbook: Workbook, as_of: dt.date) -> Year:
    """The year's analyses of ``workbook`` at ``as_of`` (the core's rules, computed once)."""
    return Year(
        objectives=summarise(workbook.objectives, workbook.objective_results, as_of),
        satisfaction=analyse(workbook.surveys, as_of, workbook.office.country),
        suppliers=evaluate_suppliers(workbook.suppliers, as_of),
        review=last_review(workbook, as_of),
    )


@dataclass(frozen=True)
class ReportModel:
    """One office's report on one date, computed once; the view renders only this.

    ``transition`` is None when the report shows no transition section (or no newer edition
    follows); ``frameworks`` is empty when it shows no other frameworks. ``changes`` is what
    changed since ``previous`` (None without a previous run).
    """

    workbook: Workbook
    assessment: Assessment
    lang: str
    catalogue: Catalogue
    gates: tuple[GateResult, ...]
    cycle: CyclePlan | None
    verdicts: Verdicts
    history: tuple[Run, ...] = ()
    previous: Run | None = None
    changes: Changes | None = None
    transition: TransitionPlan | None = None
    frameworks: tuple[FrameworkSupport, ...] = ()
    headline: str = ""
    title: str = ""
    urgent: str = ""
    year: Year | None = None

    @property
    def verdict(self) -> Verdict:
        """The headline verdict: stage 1 on the road, the next audit once certified."""
        return self.verdicts.primary

    @property
    def stage(self) -> Stage:
        """The stage the office is assessed at."""
        return self.catalogue.stage(self.assessment.stage)


def target_edition(catalogue: Catalogue, edition: str = "") -> Edition | None:
    """The edition to move to: ``edition`` when given, else the one after ``catalogue``'s."""
    if edition and edition != catalogue.edition:
        chosen = load_edition(edition)
        return chosen if chosen.base else None
    return next_edition(catalogue.edition)


def transition_for(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, edition: str = ""
) -> TransitionPlan | None:
    """The office's transition plan to ``edition`` (the next one by default), or None."""
    target = target_edition(catalogue, edition)
    if target is None:
        return None
    return plan_transition(target, workbook, assessment, assessment.as_of)


def supports_for(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, names: Sequence[str]
) -> tuple[FrameworkSupport, ...]:
    """The frameworks ``names``' support from the office's ISO work.

    The CAF sheet's self-assessment scores, read with the workbook, go beside CAF 2020.
    """
    return tuple(
        framework_support(
            name,
            workbook,
            assessment,
            catalogue,
            scores=workbook.caf_scores if name == "caf2020" else None,
        )
        for name in names
    )


def build_model(
    workbook: Workbook,
    assessment: Assessment,
    lang: str,
    catalogue: Catalogue,
    history: Sequence[Run] = (),
    previous: Run | None = None,
    transition: str | None = None,
    frameworks: Sequence[str] = (),
) -> ReportModel:
    """Compute everything the report shows, once.

    Parameters
    ----------
    workbook, assessment
        The validated workbook and its assessment.
    lang
        Language of the report.
    catalogue
        The catalogue of the edition the assessment used.
    history
        The office's earlier runs, oldest first.
    previous
        The run to compare with; the latest of ``history`` when None.
    transition
        The edition the transition section moves to (``""``: the next one); None: no
        transition section.
    frameworks
        The frameworks the report shows (``core.frameworks.parse_frameworks``'s names).
    """
    words = Wording(lang, catalogue)
    history = tuple(history)
    previous = previous or (history[-1] if history else None)
    gates = evaluate(workbook, assessment, catalogue)
    cycle = State(workbook, assessment, catalogue).cycle()
    stage = catalogue.stage(assessment.stage)
    judged = verdicts(workbook, assessment, catalogue, gates, stage, cycle)
    return ReportModel(
        workbook=workbook,
        assessment=assessment,
        lang=words.lang,
        catalogue=catalogue,
        gates=gates,
        cycle=cycle,
        verdicts=judged,
        history=history,
        previous=previous,
        changes=None if previous is None else compare(previous, assessment.to_dict()),
        transition=None
        if transition is None
        else transition_for(workbook, assessment, catalogue, transition),
        frameworks=supports_for(workbook, assessment, catalogue, frameworks),
        headline=words.verdict_headline(judged.primary),
        title=words.report_title(judged.primary),
        urgent=words.urgent_line(judged.primary, cycle),
        year=year_of(workbook, assessment.as_of),
    )


def results_of(model: ReportModel, version: str) -> dict[str, Any]:
    """The content of ``results.json`` (``readiness.io.results``), from the model's parts."""
    words = Wording(model.lang, model.catalogue)
    book, assessment = model.workbook, model.assessment
    return results_document(
        assessment,
        model.gates,
        model.verdicts,
        model.cycle,
        model.stage,
        lang=model.lang,
        version=version,
        describe=words.blocker_text,
        headline=words.verdict_headline,
        urgent=model.urgent,
        registers=[
            register_summary(r, assessment.as_of, book.office.country) for r in book.registers
        ],
        audit_programme=audit_coverage(book, assessment).to_dict(),
        transition=model.transition,
        frameworks=model.frameworks,
        year=None if model.year is None else year_document(model.year, model.catalogue),
    )


def year_document(year: Year, catalogue: Catalogue) -> dict[str, Any]:
    """The year's figures in ``results.json`` (``year``, schema version 4)."""
    objectives, survey, providers = year.objectives, year.satisfaction, year.suppliers
    overall = survey.overall
    review = year.review
    return {
        "management_review": None
        if review is None
        else {
            "date": review.date.isoformat(),
            "inputs": sorted(review.inputs),
            "inputs_expected": len(catalogue.review_inputs),
        },
        "objectives": {
            "total": objectives.total,
            "met": objectives.met,
            "on_track": objectives.on_track,
            "missed": objectives.missed,
            "no_data": objectives.no_data,
            "incomplete": objectives.incomplete,
        },
        "satisfaction": {
            "responses": survey.responses,
            "last_measured": None
            if survey.measurement.last is None
            else survey.measurement.last.isoformat(),
            "in_time": survey.measurement.in_time,
            "severity": survey.measurement.severity,
            "share": None if overall is None else overall.share,
            "low": None if overall is None else overall.low,
            "high": None if overall is None else overall.high,
            "previous": None if overall is None else overall.previous,
        },
        "suppliers": {
            "providers": providers.total,
            "evaluated": providers.evaluated,
            "overdue": providers.overdue,
            "not_approved_in_use": providers.still_supplying,
        },
    }


def plan_of(model: ReportModel) -> list[dict[str, Any]]:
    """The action plan's rows: blockers first, then the gaps of the current stage."""
    words = Wording(model.lang, model.catalogue)
    return action_plan(model.workbook, model.assessment, model.gates, model.catalogue, words)

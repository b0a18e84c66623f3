"""``results.json`` written: the document of one run, arranged from the report model's parts.

The document is the assessment (``Assessment.to_dict``) with the gates, the verdict and the
certification cycle, plus ``schema_version``; a report that shows the transition to the next
edition or other frameworks adds ``transition`` and ``frameworks`` (keys added in version 2,
absent otherwise). The words in it (a blocker's text, the headline) come from the report
view in the report's language; this module only arranges them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from readiness.core.assess import Assessment
from readiness.core.catalogue import Stage
from readiness.core.cycle import CyclePlan
from readiness.core.editions import TransitionPlan
from readiness.core.frameworks import FrameworkSupport
from readiness.core.gates import Blocker, GateResult, step_state
from readiness.core.verdict import Verdict, Verdicts
from readiness.io.output import write_text

#: The layout of results.json; raised when a key changes meaning or is removed. Files without
#: it were written before the layout was versioned and are read as version 1. Version 3:
#: ``verdict.blockers`` counts distinct blockers (one per requirement or office-wide
#: condition; their reasons are in ``blocker_groups``), a major closed but not verified is
#: in ``open_findings``, ``verdicts`` holds the stage 1 and stage 2 verdicts; everything else
#: is as in version 2, which ``load_results`` still reads. Added since, without a new
#: version: a certified office's ``verdicts`` holds its next audit's verdict (keyed by that
#: audit), ``verdict.audit_planned`` equals ``verdict.planned`` on the road too, and a
#: blocker group's ``due`` includes the open findings on its requirement (``undated``
#: counts the groups without one).
#: Version 4 adds ``year``: the last management review, the quality objectives met, the
#: latest satisfaction measurement and the external providers' re-evaluations (null fields
#: where there is nothing to say); versions 1 to 3 are read with no year.
SCHEMA_VERSION = 4
FILE_NAME = "results.json"


def results_document(
    assessment: Assessment,
    gates: Sequence[GateResult],
    verdicts: Verdicts,
    cycle: CyclePlan | None,
    stage: Stage,
    *,
    lang: str,
    version: str,
    describe: Callable[[Blocker], str],
    headline: Callable[[Verdict], str],
    urgent: str = "",
    registers: Sequence[dict[str, Any]] = (),
    audit_programme: dict[str, Any] | None = None,
    transition: TransitionPlan | None = None,
    frameworks: Sequence[FrameworkSupport] = (),
    year: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The content of ``results.json``, from the report model's parts.

    Parameters
    ----------
    assessment, gates, verdicts, cycle
        What the core computed.
    stage
        The stage the office is assessed at (how each gate is shown depends on it).
    lang
        Language of the texts.
    version
        The tool's version.
    describe
        A blocker's text in ``lang``.
    headline
        A verdict in one sentence, in ``lang``.
    urgent
        A certified office's urgent line (what must happen before expiry), or empty.
    registers
        Where each fact read from a register came from (``core.registers.register_summary``);
        no ``registers`` key when empty.
    audit_programme
        Internal audits held and planned (``core.risk.audit_coverage``), for the dashboard.
    transition, frameworks
        What the transition and frameworks sections show, when the report shows them.
    year
        The year's figures (``render.model.year_document``); no ``year`` key when None.
    """
    verdict = verdicts.primary
    extra: dict[str, Any] = {}
    if registers:
        extra["registers"] = list(registers)
    if audit_programme is not None:
        extra["audit_programme"] = audit_programme
    if transition is not None:
        extra["transition"] = transition_document(transition)
    if frameworks:
        extra["frameworks"] = frameworks_document(frameworks)
    if year is not None:
        extra["year"] = year
    return (
        assessment.to_dict()
        | extra
        | {
            "schema_version": SCHEMA_VERSION,
            "lang": lang,
            "tool_version": version,
            "gates": {
                g.stage.id: {
                    "passed": g.passed,
                    "state": step_state(g, stage),
                    "conditions": {
                        c.condition.id: [describe(b) for b in c.blockers] for c in g.conditions
                    },
                    "warnings": [describe(b) for b in g.warnings],
                }
                for g in gates
            },
            "verdict": _verdict(verdict, describe, headline)
            | {
                # the same date as ``planned`` (kept for readers of earlier files)
                "audit_planned": _iso(verdict.planned),
                "urgent": urgent or None,
            },
            "verdicts": {
                v.audit: _verdict(v, describe, headline) for v in verdicts.road or (verdict,)
            },
            "cycle": None if cycle is None else _cycle(cycle),
        }
    )


def _verdict(
    verdict: Verdict, describe: Callable[[Blocker], str], headline: Callable[[Verdict], str]
) -> dict[str, Any]:
    """One verdict in ``results.json``.

    ``blockers`` is the number of distinct blockers, each in ``blocker_groups`` with its
    requirement (None for an office-wide one) and every reason.
    """
    return {
        "ready": verdict.ready,
        "blockers": verdict.count,
        "reasons": len(verdict.blockers),
        "earliest": _iso(verdict.earliest),
        "undated": len(verdict.undated),
        "planned": _iso(verdict.planned),
        "audit": verdict.audit,
        "headline": headline(verdict),
        "blocker_texts": [describe(b) for b in verdict.blockers],
        "blocker_groups": [
            {"ref": g.ref, "reasons": [describe(b) for b in g.reasons], "due": _iso(g.due)}
            for g in verdict.groups
        ],
        "conditions": {
            c.condition.id: {"holds": c.holds, "source": c.condition.source}
            for c in verdict.conditions
        },
        "warnings": [describe(b) for b in verdict.warnings],
    }


def transition_document(plan: TransitionPlan) -> dict[str, Any]:
    """``results.json``'s ``transition``: the next edition, its deadline, each change's state.

    A change's ``state`` is ``ready``, ``build``, ``base-gap`` or ``annex``
    (``core.editions.ChangeStatus.state``); ``checked`` is false while the change is
    provisional, and ``deadline_confirmed`` false until the accreditation bodies confirm it.
    """
    return {
        "edition": plan.edition.id,
        "deadline": _iso(plan.deadline),
        "deadline_confirmed": plan.confirmed,
        "days_left": plan.days_left,
        "changes": [
            {
                "id": s.change.id,
                "clauses": list(s.change.clauses),
                "state": s.state,
                "checked": s.change.checked,
            }
            for s in plan.statuses
        ],
    }


def frameworks_document(supports: Sequence[FrameworkSupport]) -> list[dict[str, Any]]:
    """``results.json``'s ``frameworks``: each framework's elements and their support.

    An element's ``status`` is ``supported``, ``partial``, ``weak`` or ``not-covered``
    (``core.frameworks.ElementSupport.status``); ``readiness`` is that of the ISO
    requirements behind it (0.0-1.0, None when none applies).
    """
    return [
        {
            "framework": support.framework.id,
            "elements": [
                {
                    "ref": element.node.ref,
                    "status": element.status,
                    "readiness": element.readiness,
                    "requirements": list(element.requirements),
                    "self_score": element.self_score,
                }
                for element in support.elements
            ],
        }
        for support in supports
    ]


def _cycle(cycle: CyclePlan) -> dict[str, Any]:
    return {
        "issued": cycle.issued.isoformat(),
        "expires": cycle.expires.isoformat(),
        "expired": cycle.expired,
        "next_surveillance": _iso(cycle.next_surveillance),
        "days_to_surveillance": cycle.days_to_surveillance,
        "days_to_expiry": cycle.days_to_expiry,
        "next_audit": cycle.next_audit,
        "surveillance_number": cycle.surveillance_number,
        "surveillance_planned": _iso(cycle.surveillance_planned),
        "surveillance_limit": _iso(cycle.next_surveillance),
        "recertification_book_by": cycle.recertification_book_by.isoformat(),
        "recertification_audit_by": cycle.recertification_audit_by.isoformat(),
        "expires_after_recertification": cycle.renewed_expiry.isoformat(),
        "restore_until": cycle.restore_until.isoformat(),
        "restorable": cycle.restorable,
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def write_results(folder: Path, document: dict[str, Any]) -> Path:
    """Write ``results.json`` into ``folder``, atomically."""
    return write_text(
        folder / FILE_NAME, json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    )

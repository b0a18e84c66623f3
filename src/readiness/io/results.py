"""``results.json``: the machine-readable results of one run, and the one loader that reads them.

The document is the assessment (``Assessment.to_dict``) with the gates, the verdict and the
certification cycle, plus ``schema_version``; a report that shows the transition to the next
edition or other frameworks adds ``transition`` and ``frameworks`` (keys added in version 2,
absent otherwise). The words in it (a blocker's text, the
headline) come from the report view in the report's language; this module only arranges
them. ``load_results`` reads a run back for the history, the comparison with earlier
runs and the portfolio dashboard, into typed records (:class:`Results`): every field the
readers need, parsed once with its type, so that no reader walks the JSON itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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


MAX_RESULTS_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class OfficeRecord:
    """The office as an earlier run's ``results.json`` names it (``office``)."""

    name: str = ""
    kind: str = ""
    country: str = ""
    stage1_date: dt.date | None = None
    certificate_expires: dt.date | None = None


@dataclass(frozen=True)
class VerdictRecord:
    """The primary verdict of a run (``verdict``): ready or not, how many blockers, in a line."""

    ready: bool = False
    blockers: int = 0
    headline: str = ""
    audit_planned: dt.date | None = None


@dataclass(frozen=True)
class CycleRecord:
    """A certified office's certificate (``cycle``): when it expires, whether it has."""

    expires: dt.date | None = None
    expired: bool = False


@dataclass(frozen=True)
class YearRecord:
    """The year's figures (``year``, from version 4): what the certification body asks for."""

    last_review: dt.date | None = None
    objectives_met: int = 0
    objectives_total: int = 0
    satisfaction_share: float | None = None  # share satisfied in the last 12 months
    satisfaction_measured: dt.date | None = None
    reevaluations_overdue: int = 0


@dataclass(frozen=True)
class Results:
    """One run's ``results.json``, as the history and the dashboard read it.

    Each field is parsed once, with its type, by :func:`load_results` (or
    :func:`results_record` from a document in memory); the readers never walk the JSON.
    """

    as_of: dt.date
    overall: float
    lang: str | None
    schema_version: int
    path: Path | None = None
    stage: str = ""
    office: OfficeRecord = field(default_factory=OfficeRecord)
    verdict: VerdictRecord = field(default_factory=VerdictRecord)
    cycle: CycleRecord | None = None
    #: the applicable chapters' readiness, by chapter (``"4"`` .. ``"10"``)
    chapters: Mapping[str, float] = field(default_factory=dict)
    #: each requirement's level (excluded requirements left out), by ref
    levels: Mapping[str, int] = field(default_factory=dict)
    #: the ids of the open findings, every grade
    open_findings: frozenset[str] = frozenset()
    majors: int = 0  # open major findings
    gaps: int = 0
    documents_missing: int = 0
    overdue: int = 0  # overdue findings
    coverage: float | None = None  # internal audits held and planned (audit programme)
    year: YearRecord | None = None  # version 4 on; None for earlier files


def load_results(path: Path) -> Results | None:
    """A run's results from its ``results.json`` (or its folder); None when unreadable.

    A file from a later, unknown ``schema_version`` is not read (None): its keys may mean
    something else. Versions 1 to 4 are read alike: the fields read here kept their meaning
    (version 4 adds ``year``).
    """
    path = path / FILE_NAME if path.is_dir() else path
    document = load_document(path)
    try:
        return None if document is None else results_record(document, path)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def load_document(path: Path) -> Any:
    """The JSON of a results file, bounded in size; None when it cannot be read as JSON."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_RESULTS_BYTES:
            return None  # a named pipe would block; a huge file is no results of ours
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None  # RecursionError: JSON nested deeper than the parser's stack


#: The keys of ``results.json`` that :func:`results_record` reads.
RECORD_KEYS = (
    "schema_version",
    "as_of",
    "overall_readiness",
    "lang",
    "stage",
    "office",
    "verdict",
    "cycle",
    "chapters",
    "open_findings",
    "gaps",
    "overdue_findings",
    "audit_programme",
    "year",
)


def digest(document: dict[str, Any]) -> dict[str, Any]:
    """What :func:`results_record` reads of a results document, and nothing more.

    Kept by the records' cache (``io.records``) instead of the whole file: the same record
    is parsed from it. Requirements keep their ref, level and exclusion; missing documents
    are only counted.
    """
    kept = {k: document[k] for k in RECORD_KEYS if k in document}
    for key, fields in _DIGESTED.items():
        if isinstance(kept.get(key), Mapping):
            kept[key] = _pick(kept[key], fields)
    if "chapters" in kept:
        kept["chapters"] = [_pick(c, ("ref", "applicable", "readiness")) for c in kept["chapters"]]
    if "requirements" in document:
        kept["requirements"] = [
            _pick(r, ("ref", "score_level", "excluded")) for r in document["requirements"]
        ]
    if "missing_documents" in document:
        kept["missing_documents"] = [{} for _ in document["missing_documents"]]
    return kept


_DIGESTED = {
    "office": ("name", "kind", "country", "stage1_date", "certificate_expires"),
    "verdict": ("ready", "blockers", "headline", "audit_planned"),
    "cycle": ("expires", "expired"),
    "audit_programme": ("coverage",),
}


def _pick(value: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {k: value[k] for k in keys if k in value}


def results_record(data: Any, path: Path | None = None) -> Results | None:
    """The typed record of a ``results.json`` document; None for a later schema version.

    Raises
    ------
    KeyError, TypeError, ValueError, AttributeError
        The document is not the results of a run (no date or readiness, a field of the
        wrong type).
    """
    version = int(data.get("schema_version", 1))
    if version > SCHEMA_VERSION:
        return None
    lang = data.get("lang")
    office = _mapping(data.get("office"))
    verdict = _mapping(data.get("verdict"))
    cycle = data.get("cycle")
    findings = _mapping(data.get("open_findings"))
    coverage = _mapping(data.get("audit_programme")).get("coverage")
    return Results(
        as_of=dt.date.fromisoformat(data["as_of"]),
        overall=float(data["overall_readiness"]),
        lang=lang if isinstance(lang, str) else None,
        schema_version=version,
        path=path,
        stage=str(data.get("stage", "")),
        office=OfficeRecord(
            name=str(office.get("name", "")),
            kind=str(office.get("kind", "")),
            country=str(office.get("country", "")),
            stage1_date=_date(office.get("stage1_date")),
            certificate_expires=_date(office.get("certificate_expires")),
        ),
        verdict=VerdictRecord(
            ready=bool(verdict.get("ready")),
            blockers=int(verdict.get("blockers", 0)),
            headline=str(verdict.get("headline", "")),
            audit_planned=_date(verdict.get("audit_planned")),
        ),
        cycle=None
        if not cycle
        else CycleRecord(expires=_date(cycle.get("expires")), expired=bool(cycle.get("expired"))),
        chapters={
            str(c["ref"]): float(c.get("readiness", 0.0))
            for c in data.get("chapters", [])
            if c.get("applicable") and "ref" in c
        },
        levels=levels(data),
        open_findings=open_ids(data),
        majors=len(findings.get("major", [])),
        gaps=len(data.get("gaps", [])),
        documents_missing=len(data.get("missing_documents", [])),
        overdue=len(data.get("overdue_findings", [])),
        coverage=float(coverage) if isinstance(coverage, int | float) else None,
        year=_year(data.get("year")),
    )


def _year(value: Any) -> YearRecord | None:
    """The ``year`` of a results document (None before version 4)."""
    if value is None:
        return None
    year = _mapping(value)
    review = _mapping(year.get("management_review"))
    objectives = _mapping(year.get("objectives"))
    survey = _mapping(year.get("satisfaction"))
    share = survey.get("share")
    return YearRecord(
        last_review=_date(review.get("date")),
        objectives_met=int(objectives.get("met", 0)),
        objectives_total=int(objectives.get("total", 0)),
        satisfaction_share=float(share) if isinstance(share, int | float) else None,
        satisfaction_measured=_date(survey.get("last_measured")),
        reevaluations_overdue=int(_mapping(year.get("suppliers")).get("overdue", 0)),
    )


def levels(document: Mapping[str, Any]) -> dict[str, int]:
    """Each requirement's level in a results document, excluded requirements left out."""
    return {
        str(r["ref"]): int(r["score_level"])
        for r in document.get("requirements", [])
        if not r.get("excluded")
    }


def open_ids(document: Mapping[str, Any]) -> frozenset[str]:
    """The ids of a results document's open findings, every grade."""
    return frozenset(
        str(i) for ids in _mapping(document.get("open_findings")).values() for i in ids
    )


def _mapping(value: Any) -> Mapping[str, Any]:
    """A JSON object, or an empty one for null or a missing key (a wrong type raises)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, not {type(value).__name__}")
    return value


def _date(value: Any) -> dt.date | None:
    """An ISO date, None when missing or not a date (as the dashboard always read them)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None

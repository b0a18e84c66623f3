"""``results.json`` read back: the one loader, into typed records.

:func:`load_results` reads a run back for the history, the comparison with earlier runs
and the portfolio dashboard, into :class:`Results`: every field the readers need, parsed
once with its type, so that no reader walks the JSON itself. It reads every layout from
version 1 up to :data:`~readiness.io.results.document.SCHEMA_VERSION`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.io.results.document import FILE_NAME, SCHEMA_VERSION

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

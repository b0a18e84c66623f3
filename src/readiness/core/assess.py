"""The assessment: pure functions from a validated workbook to readiness, gaps and findings.

The readiness rule (also in ARCHITECTURE.md and the report's appendix):

- Each applicable requirement scores ``min(level, target) / target``, where ``target`` is the
  level the catalogue expects by the last stage, readiness for certification.
- A blank level, or a requirement with no row, counts as level 0 (not addressed).
- A requirement declared not applicable with a justification, where the standard allows it,
  is left out, and so are its documents. Declared not applicable without a justification, it
  counts as level 0 and is a gap at every stage, the initial one included; its documents are
  expected.
- The readiness of a chapter is the mean score of its applicable requirements; overall
  readiness is the mean over all applicable requirements (each requirement weighs the same).
- A gap is a requirement below the level the office's current stage expects, or an N/A
  without a justification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from readiness.core.catalogue import Catalogue, DocKind
from readiness.core.model import Evidence, Finding, Office, Workbook

GRADES: tuple[str, ...] = ("major", "minor", "observation", "ofi", "gap")
NONCONFORMITIES: tuple[str, ...] = ("major", "minor")

#: The nonconformity cap (ARCHITECTURE.md, "The readiness rule"): while a major
#: nonconformity on a requirement is open, its level counts as at most 2 (documented: what is
#: done does not meet the requirement); while a major is closed but not verified, or a minor is
#: open, at most 3 (implemented, effectiveness not shown), and the requirement scores at most
#: half a level below its target: it never shows as met or 100% beside an open nonconformity.
OPEN_MAJOR_CAP = 2
OPEN_FINDING_CAP = 3


@dataclass(frozen=True)
class RequirementResult:
    """How one requirement stands.

    Attributes
    ----------
    level
        The level the office gave; None when declared not applicable.
    score_level
        The level used for scoring: 0 for an unjustified N/A.
    excluded
        Declared not applicable, allowed and justified: left out of readiness.
    expected
        Level expected at the office's current stage.
    target
        Level expected for certification.
    """

    ref: str
    chapter: str
    level: int | None
    score_level: int
    excluded: bool
    expected: int
    target: int
    owner: str = ""
    notes: str = ""
    open_nc: str = ""  # "major" or "minor": the gravest unresolved nonconformity on it

    @property
    def score(self) -> float:
        """Share of the certification target reached, 0.0 to 1.0 (below 1.0 with an open NC)."""
        if self.target == 0:
            return 0.5 if self.open_nc else 1.0
        reached: float = min(self.score_level, self.target)
        if self.open_nc:
            reached = min(reached, self.target - 0.5)
        return reached / self.target

    @property
    def unjustified(self) -> bool:
        """Declared not applicable without a justification (or where it is not allowed)."""
        return self.level is None and not self.excluded

    @property
    def shortfall(self) -> int:
        """How many levels below what the current stage expects (0 when none)."""
        return 0 if self.excluded else max(0, self.expected - self.score_level)

    @property
    def is_gap(self) -> bool:
        """A gap: below the stage's level, unjustified N/A, or under an open nonconformity."""
        return self.shortfall > 0 or self.unjustified or (bool(self.open_nc) and not self.excluded)


@dataclass(frozen=True)
class ChapterResult:
    """Readiness of one chapter (4 to 10)."""

    ref: str
    readiness: float
    applicable: int
    excluded: int
    gaps: int


@dataclass(frozen=True)
class MissingDocument:
    """Mandatory documented information with no approved evidence."""

    ref: str
    kind: DocKind
    what: str


@dataclass(frozen=True)
class Assessment:
    """The result of assessing one office on one date."""

    office: Office
    as_of: dt.date
    stage: str
    requirements: tuple[RequirementResult, ...]
    chapters: tuple[ChapterResult, ...]
    overall: float
    missing_documents: tuple[MissingDocument, ...]
    open_findings: tuple[Finding, ...]
    overdue_findings: tuple[Finding, ...]
    overdue_evidence: tuple[Evidence, ...]
    standard: str = "ISO 9001:2015"

    @property
    def gaps(self) -> tuple[RequirementResult, ...]:
        """Requirements below what the current stage expects, in clause order."""
        return tuple(r for r in self.requirements if r.is_gap)

    def findings_by_grade(self) -> dict[str, tuple[Finding, ...]]:
        """Open findings per grade, most severe first; every grade present."""
        return {g: tuple(f for f in self.open_findings if f.grade == g) for g in GRADES}

    def top_gaps(self, limit: int = 10) -> tuple[RequirementResult, ...]:
        """The gaps that matter most: largest shortfall, then missing mandatory documents."""
        missing = {m.ref for m in self.missing_documents}
        order = {r.ref: i for i, r in enumerate(self.requirements)}
        ranked = sorted(self.gaps, key=lambda r: (-r.shortfall, r.ref not in missing, order[r.ref]))
        return tuple(ranked[:limit])

    def exclusions(self) -> dict[str, str]:
        """Every requirement justified as not applied, with its justification.

        The justification may be on the Office sheet or in the Clauses notes (ISO 9001 4.3
        wants each stated in the scope); the Office sheet's wins where both give one.
        """
        office = self.office.exclusions
        return {
            q.ref: office.get(q.ref) or q.notes.strip() for q in self.requirements if q.excluded
        }

    def to_dict(self) -> dict[str, Any]:
        """The assessment in JSON-ready form (``results.json``)."""
        return {
            "standard": self.standard,
            "office": _jsonable(asdict(self.office)) | {"exclusions": self.exclusions()},
            "as_of": self.as_of.isoformat(),
            "stage": self.stage,
            "overall_readiness": round(self.overall, 4),
            "chapters": [
                _jsonable(asdict(c)) | {"readiness": round(c.readiness, 4)} for c in self.chapters
            ],
            "requirements": [
                _jsonable(asdict(r))
                | {
                    "score": round(r.score, 4),
                    "gap": r.is_gap,
                    "shortfall": r.shortfall,
                    "unjustified_na": r.unjustified,
                    "open_nonconformity": r.open_nc or None,
                }
                for r in self.requirements
            ],
            "gaps": [r.ref for r in self.gaps],
            "missing_documents": [_jsonable(asdict(m)) for m in self.missing_documents],
            "open_findings": {g: [f.id for f in fs] for g, fs in self.findings_by_grade().items()},
            "closed_not_verified": [
                f.id for f in self.open_findings if f.grade == "major" and f.status == "closed"
            ],
            "overdue_findings": [f.id for f in self.overdue_findings],
            "overdue_evidence": [_jsonable(asdict(e)) for e in self.overdue_evidence],
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def open_nonconformities(workbook: Workbook) -> dict[str, str]:
    """Per requirement, the gravest unresolved nonconformity.

    ``major-open``, ``major`` (closed, not verified) or ``minor``.
    """
    out: dict[str, str] = {}
    rank = {"minor": 1, "major": 2, "major-open": 3}
    for f in workbook.findings:
        if not (f.nonconformity and f.unresolved):
            continue
        kind = "major-open" if f.grade == "major" and f.is_open else f.grade
        if rank[kind] > rank.get(out.get(f.ref, ""), 0):
            out[f.ref] = kind
    return out


def capped(level: int, open_nc: str) -> int:
    """The level a requirement counts at under an unresolved nonconformity (the NC cap)."""
    if open_nc == "major-open":
        return min(level, OPEN_MAJOR_CAP)
    if open_nc:
        return min(level, OPEN_FINDING_CAP)
    return level


def requirement_results(
    workbook: Workbook, stage: str, catalogue: Catalogue
) -> tuple[RequirementResult, ...]:
    """Each requirement's level, exclusion, expected level and target, with the NC cap."""
    out = []
    ncs = open_nonconformities(workbook)
    for clause in catalogue.requirements:
        entry = workbook.clauses.get(clause.ref)
        level = entry.level if entry is not None else 0
        excluded = level is None and clause.may_exclude and bool(entry and entry.notes.strip())
        nc = "" if excluded else ncs.get(clause.ref, "")
        out.append(
            RequirementResult(
                ref=clause.ref,
                chapter=clause.chapter,
                level=level,
                score_level=capped(level or 0, nc),
                open_nc=nc.removesuffix("-open"),
                excluded=excluded,
                expected=catalogue.expected_level(clause.ref, stage),
                target=catalogue.target_level(clause.ref),
                owner=entry.owner if entry else "",
                notes=entry.notes if entry else "",
            )
        )
    return tuple(out)


def readiness(results: tuple[RequirementResult, ...] | list[RequirementResult]) -> float:
    """Mean score of the applicable requirements (1.0 when none is applicable)."""
    scored = [r.score for r in results if not r.excluded]
    return sum(scored) / len(scored) if scored else 1.0


def chapter_results(
    results: tuple[RequirementResult, ...], catalogue: Catalogue
) -> tuple[ChapterResult, ...]:
    """Readiness, counts and gaps per chapter."""
    out = []
    for chapter in catalogue.chapters:
        mine = [r for r in results if r.chapter == chapter.ref]
        out.append(
            ChapterResult(
                ref=chapter.ref,
                readiness=readiness(mine),
                applicable=sum(not r.excluded for r in mine),
                excluded=sum(r.excluded for r in mine),
                gaps=sum(r.is_gap for r in mine),
            )
        )
    return tuple(out)


def missing_documents(
    workbook: Workbook, results: tuple[RequirementResult, ...], catalogue: Catalogue
) -> tuple[MissingDocument, ...]:
    """Mandatory documented information of applicable requirements with no approved evidence."""
    approved = {
        (ref, e.kind) for e in workbook.evidence if e.status == "approved" for ref in e.refs
    }
    out = []
    for result in results:
        if result.excluded:
            continue
        for item in catalogue.clauses[result.ref].documented:
            if item.mandatory and (result.ref, item.kind) not in approved:
                out.append(MissingDocument(ref=result.ref, kind=item.kind, what=item.what))
    return tuple(out)


def overdue_evidence(workbook: Workbook, as_of: dt.date) -> tuple[Evidence, ...]:
    """Evidence in force (not withdrawn) whose next review date has passed."""
    return tuple(
        e
        for e in workbook.evidence
        if e.status != "withdrawn" and e.review_due is not None and e.review_due < as_of
    )


def assess(
    workbook: Workbook,
    as_of: dt.date,
    stage: str | None = None,
    *,
    catalogue: Catalogue,
) -> Assessment:
    """Assess an office's readiness on a date.

    Parameters
    ----------
    workbook
        The validated evidence workbook.
    as_of
        The date of the assessment: review dates and due dates are judged against it.
    stage
        The stage whose expectations define the gaps; the office's current stage by default.
    catalogue
        The catalogue of the edition assessed against; always passed (no silent default).

    Returns
    -------
    Assessment
        Levels, readiness per chapter and overall, gaps, missing documents and findings.
    """
    stage = stage or workbook.office.current_stage
    results = requirement_results(workbook, stage, catalogue)
    open_findings = tuple(f for f in workbook.findings if f.unresolved)
    return Assessment(
        office=workbook.office,
        as_of=as_of,
        stage=stage,
        requirements=results,
        chapters=chapter_results(results, catalogue),
        overall=readiness(results),
        missing_documents=missing_documents(workbook, results, catalogue),
        open_findings=open_findings,
        # a major closed but not verified has its action done: only verification is pending
        overdue_findings=tuple(
            f for f in open_findings if f.is_open and f.due is not None and f.due < as_of
        ),
        overdue_evidence=overdue_evidence(workbook, as_of),
        standard=catalogue.standard,
    )

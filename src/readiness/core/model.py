"""What an evidence workbook says, once read and validated: plain, typed records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from readiness.core.problems import Problem
from readiness.core.registers import Provenance, Register


@dataclass(frozen=True)
class Office:
    """The office being assessed (the Office sheet)."""

    name: str
    kind: str
    country: str
    language: str
    scope: str
    current_stage: str
    quality_representative: str = ""
    consultant: str = ""
    certification_body: str = ""
    exclusions: dict[str, str] = field(default_factory=dict)
    stage1_date: dt.date | None = None
    certificate_number: str = ""
    certificate_issued: dt.date | None = None
    certificate_expires: dt.date | None = None
    sources: str = ""  # the registers' sources file, relative to the workbook
    # the certification body wants a full internal audit cycle and a management review
    # before stage 1 (the Office sheet's yes/no field; no by default)
    full_cycle_before_stage1: bool = False
    staff: float | None = None  # effective number of staff (IAF MD 5: part-time by hours)
    sites: str = ""  # the sites where the scope is carried out, one a line, main seat first
    # 4.1 as amended (ISO 9001:2015/Amd 1:2024): whether climate change is a relevant issue;
    # None while the Office sheet leaves it blank (not decided)
    climate_relevant: bool | None = None
    climate_recorded_in: str = ""  # the document that records the conclusion

    @property
    def site_list(self) -> tuple[str, ...]:
        """The sites named in the Office sheet, the main seat (central function) first."""
        return tuple(line.strip() for line in self.sites.splitlines() if line.strip())


@dataclass(frozen=True)
class ClauseEntry:
    """The office's own assessment of one requirement (a row of the Clauses sheet).

    ``level`` is None for a requirement declared not applicable.
    """

    ref: str
    level: int | None
    owner: str = ""
    notes: str = ""
    assessed_on: dt.date | None = None
    row: int = 0
    assessed: bool = True  # False when the level was left blank (counted as 0)

    @property
    def not_applicable(self) -> bool:
        """Whether the office declared the requirement not applicable."""
        return self.level is None


@dataclass(frozen=True)
class Evidence:
    """A document or record offered as evidence (a row of the Evidence sheet)."""

    refs: tuple[str, ...]
    title: str
    kind: str
    status: str
    reference: str = ""
    owner: str = ""
    dated: dt.date | None = None
    review_due: dt.date | None = None
    row: int = 0


@dataclass(frozen=True)
class Finding:
    """A finding from a gap analysis, an audit, a review or a complaint (the Findings sheet)."""

    id: str
    ref: str
    source: str
    grade: str
    description: str
    status: str
    action: str = ""
    owner: str = ""
    due: dt.date | None = None
    closed_on: dt.date | None = None
    row: int = 0

    @property
    def is_open(self) -> bool:
        """Open or in progress: not yet closed or verified."""
        return self.status in ("open", "in_progress")

    @property
    def unresolved(self) -> bool:
        """Still open for every count: open, or a major closed without its effectiveness verified.

        A major nonconformity is resolved only when its correction and corrective action are
        done and the action's effectiveness is verified.
        """
        return self.is_open or (self.grade == "major" and self.status == "closed")

    @property
    def nonconformity(self) -> bool:
        """A major or minor nonconformity (a gap, an observation or an OFI is not one)."""
        return self.grade in ("major", "minor")


@dataclass(frozen=True)
class Audit:
    """An audit held (the Audits sheet): internal, or by the certification body."""

    date: dt.date
    refs: tuple[str, ...]
    auditor: str = ""
    report: str = ""
    kind: str = "internal"
    row: int = 0
    status: str = "held"  # or "planned": a row of the audit programme pasted in
    department: str = ""


@dataclass(frozen=True)
class Department:
    """A department of the office (the optional Departments sheet) and what it carries."""

    name: str
    head: str = ""
    refs: tuple[str, ...] = ()
    processes: str = ""
    changes: str = ""
    row: int = 0


@dataclass(frozen=True)
class Auditor:
    """A trained internal auditor (the optional Auditors sheet)."""

    name: str
    department: str = ""
    trained_on: dt.date | None = None
    may_lead: bool = False
    row: int = 0


@dataclass(frozen=True)
class Review:
    """A management review held (the Reviews sheet), with the 9.3.2 inputs it covered."""

    date: dt.date
    inputs: frozenset[str]
    minutes: str = ""
    row: int = 0


@dataclass(frozen=True)
class ReviewDecision:
    """What a management review decided (9.3.3): an output with its owner, date and status.

    ``kind`` is ``improvement``, ``change`` (to the system) or ``resources``; ``review`` is the
    date of the review that took it, so that the next review pack reports its status (9.3.2 a).
    """

    review: dt.date
    kind: str
    description: str
    owner: str = ""
    due: dt.date | None = None
    status: str = "open"  # open, in progress, done
    row: int = 0


@dataclass(frozen=True)
class Objective:
    """A quality objective (6.2) with its 6.2.2 planning items (the optional Objectives sheet).

    ``higher_is_better`` says which way the indicator should move; ``target`` and ``baseline``
    are in ``unit``. Blank planning items stay empty strings: the report names them as missing.
    """

    name: str
    indicator: str = ""
    process: str = ""
    unit: str = ""
    higher_is_better: bool = True
    baseline: float | None = None
    target: float | None = None
    deadline: dt.date | None = None
    period: str = ""  # e.g. "2026", "2026-Q3": the period the target applies to
    owner: str = ""
    actions: str = ""  # what will be done (6.2.2 a)
    resources: str = ""  # 6.2.2 b)
    evaluation: str = ""  # how results are evaluated (6.2.2 e)
    row: int = 0


@dataclass(frozen=True)
class ObjectiveResult:
    """One measured value of an objective's indicator for one period (a sheet or a KPI export)."""

    objective: str  # the objective's name (or its indicator) as in the Objectives sheet
    period: str
    value: float
    measured_on: dt.date | None = None
    row: int = 0
    origin: Provenance | None = None


@dataclass(frozen=True)
class SupplierEvaluation:
    """An external provider's evaluation (8.4.1), from a supplier register."""

    provider: str
    supplies: str = ""
    evaluated_on: dt.date | None = None
    score: float | None = None
    result: str = ""  # approved, conditional, not_approved
    evaluator: str = ""
    next_evaluation: dt.date | None = None
    origin: Provenance | None = None


@dataclass(frozen=True)
class SurveyResponse:
    """One respondent's answers to a satisfaction survey (9.1.2), as numbers 1-5.

    ``answers`` maps the question (the register's column header) to the score, words already
    mapped to numbers by the sources file; a question left blank is absent.
    """

    answers: dict[str, int]
    service: str = ""
    date: dt.date | None = None
    origin: Provenance | None = None


@dataclass(frozen=True)
class Workbook:
    """Everything the assessment needs from one office's evidence workbook."""

    source: str
    office: Office
    clauses: dict[str, ClauseEntry]
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    audits: tuple[Audit, ...] = ()
    reviews: tuple[Review, ...] = ()
    registers: tuple[Register, ...] = ()  # where records read from registers came from
    caf_scores: dict[str, int] = field(default_factory=dict)  # the CAF sheet, by sub-criterion
    caf_problems: tuple[Problem, ...] = ()  # the CAF sheet's warnings (rows left out)
    departments: tuple[Department, ...] = ()  # the optional Departments sheet
    auditors: tuple[Auditor, ...] = ()  # the optional Auditors sheet
    planned_audits: tuple[Audit, ...] = ()  # Audits rows with the status "audit planned"
    decisions: tuple[ReviewDecision, ...] = ()  # what reviews decided (Reviews sheet, 9.3.3)
    objectives: tuple[Objective, ...] = ()  # the optional Objectives sheet (6.2)
    objective_results: tuple[ObjectiveResult, ...] = ()  # their measured values, any source
    suppliers: tuple[SupplierEvaluation, ...] = ()  # from a suppliers register (8.4)
    surveys: tuple[SurveyResponse, ...] = ()  # from survey registers (9.1.2)

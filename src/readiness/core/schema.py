"""The evidence workbook's layout: sheets, columns, value lists.

Labels are English gettext message ids; the template is written in one language and the
reader accepts headers and values in any of en, pl and bg.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from readiness.core.catalogue import Catalogue
from readiness.core.messages import N_, NC_, every_translation, translate

ColumnKind = Literal["text", "ref", "refs", "level", "date", "enum", "yesno", "number"]


@dataclass(frozen=True)
class Choice:
    """One value of a drop-down list: a stable key and its English label.

    ``names`` holds labels per language where they come from the catalogue rather than from
    the gettext catalogues (the stages).
    """

    key: str
    label: str
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Column:
    """One column of a table sheet, or one field of the Office sheet."""

    key: str
    label: str
    kind: ColumnKind = "text"
    required: bool = False
    choices: str = ""
    width: int = 18
    help: str = ""
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook; ``fields`` sheets list one field per row (label, value)."""

    key: str
    name: str
    columns: tuple[Column, ...]
    layout: Literal["table", "fields"] = "table"
    required: bool = True


LEVEL_LABELS: dict[int, str] = {
    0: N_("not addressed"),
    1: N_("planned"),
    2: N_("documented"),
    3: N_("implemented"),
    4: N_("effective"),
}
NOT_APPLICABLE = N_("N/A")
# Other ways people write "not applicable", in any of the three languages.
NOT_APPLICABLE_ALIASES = frozenset(
    {"n/a", "na", "n.a.", "not applicable", "nd", "n/d", "nie dotyczy", "н/п", "неприложимо"}
)

CHOICES: dict[str, tuple[Choice, ...]] = {
    "office_kind": (
        Choice("county_office", N_("county office")),
        Choice("municipal_office", N_("municipal or city office")),
        Choice("oblast_administration", N_("oblast administration")),
        Choice("municipality", N_("municipality")),
        Choice("other", N_("other public office")),
    ),
    "country": (
        Choice("PL", N_("Poland")),
        Choice("BG", N_("Bulgaria")),
        Choice("other", N_("other country")),
    ),
    "language": (
        Choice("en", "en"),
        Choice("pl", "pl"),
        Choice("bg", "bg"),
    ),
    "evidence_kind": (
        Choice("maintain", N_("document maintained")),
        Choice("retain", N_("record retained")),
        Choice("other", N_("other")),
    ),
    "evidence_status": (
        Choice("draft", N_("draft")),
        Choice("approved", N_("approved")),
        Choice("withdrawn", N_("withdrawn")),
    ),
    "finding_source": (
        Choice("gap_analysis", N_("gap analysis")),
        Choice("internal_audit", N_("internal audit")),
        Choice("management_review", N_("management review")),
        Choice("stage1", N_("stage 1 audit")),
        Choice("stage2", N_("stage 2 audit")),
        Choice("surveillance", N_("surveillance audit")),
        Choice("complaint", N_("complaint")),
    ),
    "grade": (
        Choice("major", N_("major nonconformity")),
        Choice("minor", N_("minor nonconformity")),
        Choice("observation", N_("observation")),
        Choice("ofi", N_("opportunity for improvement")),
        Choice("gap", N_("gap")),
    ),
    "finding_status": (
        Choice("open", N_("open")),
        Choice("in_progress", N_("in progress")),
        Choice("closed", N_("closed")),
        Choice("verified", N_("verified")),
    ),
    "audit_kind": (
        Choice("internal", N_("internal audit")),
        Choice("stage1", N_("stage 1 audit")),
        Choice("stage2", N_("stage 2 audit")),
        Choice("surveillance", N_("surveillance audit")),
        Choice("recertification", N_("recertification audit")),
    ),
    "yesno": (
        Choice("yes", N_("yes")),
        Choice("no", N_("no")),
    ),
    # an audit pasted in from `readiness audit-plan` is planned until it is held
    "audit_status": (
        Choice("held", N_("audit held")),
        Choice("planned", N_("audit planned")),
    ),
    # which way a quality objective's indicator should move (the Objectives sheet)
    "direction": (
        Choice("higher", N_("the higher, the better")),
        Choice("lower", N_("the lower, the better")),
    ),
    # what a management review decided (9.3.3 a-c), and where the decision stands: the
    # statuses have their own words (a context), agreeing with "decyzja" and "решение"
    # rather than with a finding; the finding's words of older templates still read
    "decision_kind": (
        Choice("improvement", N_("improvement")),
        Choice("change", N_("change to the system")),
        Choice("resources", N_("resource need")),
    ),
    "decision_status": (
        Choice("open", NC_("decision status", "open")),
        Choice("in_progress", NC_("decision status", "in progress")),
        Choice("done", NC_("decision status", "done")),
    ),
}

OFFICE = Sheet(
    key="office",
    name=N_("Office"),
    layout="fields",
    columns=(
        Column("name", N_("Office name"), required=True, help=N_("Full official name")),
        Column("kind", N_("Kind of office"), "enum", required=True, choices="office_kind"),
        Column("country", N_("Country"), "enum", required=True, choices="country"),
        Column("language", N_("Report language"), "enum", required=True, choices="language"),
        Column("scope", N_("Scope of the quality management system"), required=True),
        Column(
            "exclusions",
            N_("Requirements not applied, with justification"),
            help=N_("One per line: clause, a dash, the justification. Example: 8.3 - ..."),
        ),
        Column("quality_representative", N_("Quality representative")),
        Column("consultant", N_("Consultant")),
        Column("certification_body", N_("Certification body")),
        Column("stage1_date", N_("Planned stage 1 audit"), "date"),
        Column(
            "full_cycle_before_stage1",
            N_(
                "The certification body requires a full internal audit cycle and a management "
                "review before stage 1"
            ),
            "enum",
            choices="yesno",
        ),
        Column("current_stage", N_("Current stage"), "enum", required=True, choices="stage"),
        Column("certificate_number", N_("Certificate number")),
        Column("certificate_issued", N_("Certificate issued on"), "date"),
        Column("certificate_expires", N_("Certificate expires on"), "date"),
        Column(
            "sources",
            N_("Register sources file"),
            help=N_(
                "The sources file named in the Office sheet, relative to the workbook: the "
                "registers the office keeps, read as evidence."
            ),
        ),
        Column(
            "staff",
            N_("Number of staff (effective)"),
            "number",
            help=N_(
                "Everyone working within the scope; part-time staff counted by their hours "
                "(two half-time posts count as one), as IAF MD 5 counts effective personnel."
            ),
        ),
        Column(
            "sites",
            N_("Sites where the scope is carried out"),
            help=N_("One site per line, the main seat (central function) first."),
        ),
        # ISO 9001:2015/Amd 1:2024, 4.1: the office determines whether climate change is a
        # relevant issue; blank while it has not decided (the review pack's 9.3.2 b) says so)
        Column(
            "climate_relevant",
            N_("Climate change is a relevant issue (4.1)"),
            "enum",
            choices="yesno",
            help=N_(
                "Whether the office determined that climate change is a relevant issue for "
                "it (ISO 9001:2015/Amd 1:2024, 4.1). Leave it blank until this is decided."
            ),
        ),
        Column(
            "climate_recorded_in",
            N_("Conclusion on climate change recorded in"),
            help=N_(
                "The document that records the conclusion, such as the analysis of internal "
                "and external issues, with its number or date."
            ),
        ),
    ),
)

CLAUSES = Sheet(
    key="clauses",
    name=N_("Clauses"),
    columns=(
        Column("ref", N_("Clause"), "ref", required=True, width=11),
        Column("title", N_("Title"), width=23),
        Column("level", N_("Level"), "level", required=True, width=16),
        Column("owner", N_("Owner"), width=12),
        Column("notes", N_("Notes"), width=24),
        Column("assessed_on", N_("Assessed on"), "date", width=11),
    ),
)

#: Columns the template writes to the right of the Clauses sheet's own, filled from the
#: catalogue in the workbook's language: a guide for the interview, never read back (the
#: reader finds columns by these sheets' labels only, so whatever is typed here is ignored).
CLAUSE_GUIDE: tuple[Column, ...] = (
    Column("ask", N_("What to ask"), width=30),
    Column("look_for", N_("What an auditor looks for"), width=36),
    Column("evidence", N_("Typical evidence"), width=20),
    Column("documented", N_("Documented information required"), width=16),
)

EVIDENCE = Sheet(
    key="evidence",
    name=N_("Evidence"),
    columns=(
        Column("refs", N_("Clauses"), "refs", required=True, width=14),
        Column("title", N_("Title"), required=True, width=44),
        Column("kind", N_("Kind"), "enum", required=True, choices="evidence_kind", width=22),
        Column("reference", N_("Reference"), width=30),
        Column("owner", N_("Owner"), width=22),
        Column("dated", N_("Dated"), "date", width=14),
        Column("review_due", N_("Next review due"), "date", width=16),
        Column("status", N_("Status"), "enum", required=True, choices="evidence_status"),
    ),
)

FINDINGS = Sheet(
    key="findings",
    name=N_("Findings"),
    columns=(
        Column("id", N_("ID"), required=True, width=10),
        Column("ref", N_("Clause"), "ref", required=True, width=10),
        Column("source", N_("Source"), "enum", required=True, choices="finding_source"),
        Column("grade", N_("Grade"), "enum", required=True, choices="grade", width=26),
        Column("description", N_("Description"), required=True, width=44),
        Column("action", N_("Action"), width=40),
        Column("owner", N_("Owner"), width=22),
        Column("due", N_("Due"), "date", width=14),
        Column("status", N_("Status"), "enum", required=True, choices="finding_status"),
        Column("closed_on", N_("Closed on"), "date", width=14),
    ),
)

AUDITS = Sheet(
    key="audits",
    name=N_("Audits"),
    required=False,
    columns=(
        Column("date", N_("Date"), "date", required=True, width=14),
        Column("refs", N_("Clauses covered"), "refs", required=True, width=40),
        Column("auditor", N_("Auditor"), width=24),
        Column("report", N_("Report reference"), width=24),
        Column("kind", N_("Kind of audit"), "enum", choices="audit_kind", width=22),
        Column("status", N_("Audit status"), "enum", choices="audit_status", width=20),
        Column("department", N_("Department"), width=28),
    ),
)

#: The office's structure (optional): its departments and what each carries, for the
#: internal audit programme (``readiness audit-plan``).
DEPARTMENTS = Sheet(
    key="departments",
    name=N_("Departments"),
    required=False,
    columns=(
        Column("name", N_("Department"), required=True, width=34),
        Column("head", N_("Head of department"), width=26),
        Column("refs", N_("Requirements carried"), "refs", width=40),
        Column("processes", N_("Processes"), width=36),
        Column("changes", N_("Changes recorded"), width=36),
    ),
)

#: The office's trained internal auditors (optional), for ``readiness audit-plan``.
AUDITORS = Sheet(
    key="auditors",
    name=N_("Auditors"),
    required=False,
    columns=(
        Column("name", N_("Auditor"), required=True, width=28),
        Column("department", N_("Department"), width=34),
        Column("trained_on", N_("Trained on"), "date", width=14),
        Column("may_lead", N_("May lead audits"), "yesno", choices="yesno", width=16),
    ),
)


#: Stage names that the glossary (docs/glossary.md) retired, by stage id and language: an
#: implementation step is never called "etap" / "етап", which names an audit stage. Still read
#: in workbooks written before.
FORMER_STAGE_NAMES: dict[str, dict[str, str]] = {
    "initial": {"pl": "Etap wstępny", "bg": "Начален етап"},
}


def stage_choices(catalogue: Catalogue) -> tuple[Choice, ...]:
    """The stages as drop-down values, named in every language by the catalogue.

    Retired names are kept under ``"<lang>:former"`` keys: :func:`label` finds the current
    name by language, and :func:`labels` (what the reader accepts) holds both.
    """
    return tuple(
        Choice(
            s.id,
            s.name["en"],
            names=tuple(sorted(s.name.items()))
            + tuple(
                sorted(
                    (f"{lang}:former", text)
                    for lang, text in FORMER_STAGE_NAMES.get(s.id, {}).items()
                )
            ),
        )
        for s in catalogue.stages
    )


def choices(name: str, catalogue: Catalogue) -> tuple[Choice, ...]:
    """The values of a named drop-down list."""
    return stage_choices(catalogue) if name == "stage" else CHOICES[name]


def reviews_sheet(catalogue: Catalogue) -> Sheet:
    """The Reviews sheet: date, minutes, and a yes/no column per management review input (9.3.2).

    Parameters
    ----------
    catalogue
        Gives the inputs and their titles in every language.
    """
    inputs = tuple(
        Column(
            f"input:{item.id}",
            item.title["en"],
            "yesno",
            choices="yesno",
            width=16,
            names=item.names(),
        )
        for item in catalogue.review_inputs
    )
    return Sheet(
        key="reviews",
        name=N_("Reviews"),
        required=False,
        columns=(
            Column("date", N_("Date"), "date", required=True, width=14),
            Column("minutes", N_("Minutes reference"), width=24),
            *inputs,
        ),
    )


#: What management reviews decided (optional; 9.3.3): one row per decision, tied to its
#: review by the review's date, in the columns the review pack's decisions table prints, so
#: that the table filled in at the review pastes back here.
REVIEW_DECISIONS = Sheet(
    key="decisions",
    name=N_("Review decisions"),
    required=False,
    columns=(
        Column("review", N_("Review date"), "date", required=True, width=14),
        Column(
            "kind", N_("Kind of decision"), "enum", required=True, choices="decision_kind", width=22
        ),
        Column("description", N_("Decision"), required=True, width=48),
        Column("owner", N_("Owner"), width=22),
        Column("due", N_("Due"), "date", width=14),
        Column("status", N_("Status"), "enum", choices="decision_status", width=16),
    ),
)

#: The office's quality objectives (optional; 6.2) with their 6.2.2 planning items.
OBJECTIVES = Sheet(
    key="objectives",
    name=N_("Objectives"),
    required=False,
    columns=(
        Column("name", N_("Quality objective"), required=True, width=36),
        Column("process", N_("Process or service"), width=24),
        Column("indicator", N_("Indicator"), width=30),
        Column("unit", N_("Unit"), width=10),
        Column("direction", N_("Desired direction"), "enum", choices="direction", width=18),
        Column("baseline", N_("Baseline"), "number", width=11),
        Column("target", N_("Target"), "number", width=11),
        Column("period", N_("Period"), width=11),
        Column("deadline", N_("Deadline"), "date", width=14),
        Column("owner", N_("Owner"), width=22),
        Column("actions", N_("What will be done"), width=36),
        Column("resources", N_("Resources"), width=24),
        Column("evaluation", N_("How results are evaluated"), width=30),
    ),
)

#: The objectives' measured values (optional): one row per objective and period.
OBJECTIVE_RESULTS = Sheet(
    key="objective_results",
    name=N_("Objective results"),
    required=False,
    columns=(
        Column("objective", N_("Quality objective"), required=True, width=36),
        Column("period", N_("Period"), required=True, width=11),
        Column("value", N_("Value"), "number", required=True, width=11),
        Column("measured_on", N_("Measured on"), "date", width=14),
    ),
)

INSTRUCTIONS_NAME = N_("Instructions")


def sheets(catalogue: Catalogue) -> tuple[Sheet, ...]:
    """Every data sheet, in workbook order."""
    return (
        *(OFFICE, CLAUSES, EVIDENCE, FINDINGS, AUDITS, reviews_sheet(catalogue)),
        *(DEPARTMENTS, AUDITORS),  # optional: the office's structure, for audit-plan
        *(REVIEW_DECISIONS, OBJECTIVES, OBJECTIVE_RESULTS),  # optional: the year after (9.3.3, 6.2)
    )


def label(item: Column | Choice, lang: str) -> str:
    """The label of a column or a choice in a language."""
    names = dict(item.names)
    if names:
        return names.get(lang) or names["en"]
    return translate(lang, item.label)


def labels(item: Column | Choice) -> set[str]:
    """The label in every language, for reading what any of them wrote."""
    names = dict(item.names)
    if names:
        return set(names.values())
    return every_translation(item.label)

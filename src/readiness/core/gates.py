"""Stage gates: the conditions of stages.toml checked against an office's evidence.

Each check is a pure function from the office's state to the blockers it finds; a
condition holds when it finds none. ``stages.toml`` names the check and its parameters.
Blocker messages are English message ids with ``{named}`` fields; the view translates them.
A message about a count carries its plural message id and the count, so the view can pick
the plural form of the report's language (Polish has three, Bulgarian two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from readiness.core.assess import Assessment, RequirementResult
from readiness.core.catalogue import Catalogue, Condition, Stage
from readiness.core.cycle import CyclePlan, add_months, plan
from readiness.core.messages import LANGUAGES, N_
from readiness.core.model import Workbook
from readiness.core.schema import OFFICE, label


def ngettext(singular: str, plural: str, count: int) -> dict[str, Any]:
    """A blocker message about a count: both message ids and the count, for a ``Blocker``.

    Nothing is translated here (the report's language is not known yet); the name is
    gettext's, so that message extraction collects both forms as one plural entry.
    """
    return {"message": singular, "plural": plural, "count": count}


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps a gate closed, with what would close it.

    ``params`` values may be text, or a mapping of language to text. When ``plural`` is
    given, ``message`` is the singular message id and ``count`` chooses the form.
    """

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    ref: str | None = None
    action: str = ""
    owner: str = ""
    due: dt.date | None = None
    finding: str = ""
    summary: bool = False  # stands for blockers listed elsewhere; not counted twice
    plural: str = ""
    count: int | None = None


@dataclass(frozen=True)
class ConditionResult:
    """A gate condition and what blocks it (nothing when it holds)."""

    condition: Condition
    blockers: tuple[Blocker, ...]

    @property
    def holds(self) -> bool:
        """Whether the condition holds."""
        return not self.blockers


@dataclass(frozen=True)
class GateResult:
    """A stage's gate: every condition, and whether all hold."""

    stage: Stage
    conditions: tuple[ConditionResult, ...]

    @property
    def passed(self) -> bool:
        """All conditions hold (a warning never closes the gate)."""
        return all(c.holds or c.condition.warning for c in self.conditions)

    @property
    def blockers(self) -> tuple[Blocker, ...]:
        """Every blocker of every condition that is not a warning."""
        return tuple(b for c in self.conditions if not c.condition.warning for b in c.blockers)

    @property
    def warnings(self) -> tuple[Blocker, ...]:
        """What the gate's warning conditions found: shown, never counted as blockers."""
        return tuple(b for c in self.conditions if c.condition.warning for b in c.blockers)


@dataclass(frozen=True)
class State:
    """What the checks look at: the workbook, its assessment, the catalogue, the cycle."""

    workbook: Workbook
    assessment: Assessment
    catalogue: Catalogue
    earlier: tuple[GateResult, ...] = ()

    @property
    def as_of(self) -> dt.date:
        """The assessment date."""
        return self.assessment.as_of

    def applicable(self) -> list[RequirementResult]:
        """Requirements not excluded."""
        return [r for r in self.assessment.requirements if not r.excluded]

    def cycle(self) -> CyclePlan | None:
        """The certification cycle, when the office has a certificate."""
        office = self.workbook.office
        if office.certificate_issued is None:
            return None
        audits = self.workbook.audits
        return plan(
            office.certificate_issued,
            office.certificate_expires,
            [a.date for a in audits if a.kind == "surveillance"],
            self.as_of,
            self.catalogue.cycle,
            recertification_held=[a.date for a in audits if a.kind == "recertification"],
        )


def _requirement_blocker(
    state: State, result: RequirementResult, message: str, **params: Any
) -> Blocker:
    clause = state.catalogue.clauses[result.ref]
    return Blocker(
        message,
        dict(params, ref=result.ref),
        ref=result.ref,
        action=clause.action,
        owner=result.owner,
    )


def all_assessed(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Every requirement has a level (blank levels and missing rows are not assessed)."""
    out = []
    for result in state.assessment.requirements:
        entry = state.workbook.clauses.get(result.ref)
        if entry is None or not entry.assessed:
            out.append(_requirement_blocker(state, result, N_("{ref} has not been assessed")))
    return out


def office_field(state: State, params: dict[str, Any]) -> list[Blocker]:
    """A field of the Office sheet is filled."""
    if str(getattr(state.workbook.office, params["field"], "") or "").strip():
        return []
    column = next(c for c in OFFICE.columns if c.key == params["field"])
    names = {lang: label(column, lang) for lang in LANGUAGES}
    return [Blocker(N_("The Office sheet has no value for: {field}"), {"field": names})]


def _approved(state: State, ref: str, kind: str) -> bool:
    return any(
        e.status == "approved" and ref in e.refs and (kind == "any" or e.kind == kind)
        for e in state.workbook.evidence
    )


def approved_evidence(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Named key documents have approved evidence."""
    out = []
    for item in params["items"]:
        if not _approved(state, item["ref"], item["kind"]):
            clause = state.catalogue.clauses[item["ref"]]
            out.append(
                Blocker(
                    N_("No approved evidence of the {what} ({ref})"),
                    {"what": item["what"], "ref": item["ref"]},
                    ref=item["ref"],
                    action=clause.action,
                    owner=_owner(state, item["ref"]),
                )
            )
    return out


def _owner(state: State, ref: str) -> str:
    entry = state.workbook.clauses.get(ref)
    return entry.owner if entry else ""


def exclusions_justified(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Every N/A has a justification."""
    return [
        _requirement_blocker(
            state, r, N_("{ref} is declared not applicable without a justification")
        )
        for r in state.assessment.requirements
        if r.level is None and not r.excluded
    ]


def mandatory_documents(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Mandatory documented information of one kind (or both) has approved evidence."""
    kind = params.get("kind")
    return [
        Blocker(
            N_("No approved evidence for {ref}: {what}"),
            {"ref": m.ref, "what": m.what},
            ref=m.ref,
            action=state.catalogue.clauses[m.ref].action,
            owner=_owner(state, m.ref),
        )
        for m in state.assessment.missing_documents
        if kind is None or m.kind == kind
    ]


def min_level(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Applicable requirements of some chapters reach a level."""
    level = int(params["level"])
    return [
        _requirement_blocker(
            state,
            r,
            N_("{ref} is at level {now}; {level} is required"),
            now=r.score_level,
            level=level,
        )
        for r in state.applicable()
        if (r.chapter in params.get("chapters", ()) or r.ref in params.get("refs", ()))
        and r.score_level < level
    ]


def audit_held(state: State, params: dict[str, Any]) -> list[Blocker]:
    """At least one internal audit was held in the window (stage 1: audits are performed)."""
    since = add_months(state.as_of, -int(params["months"]))
    if any(a.kind == "internal" and since <= a.date <= state.as_of for a in state.workbook.audits):
        return []
    return [
        Blocker(
            N_("No internal audit held in the last {months} months"),
            {"months": params["months"]},
            ref="9.2.1",
            action=N_(
                "Hold an internal audit under the programme and record it in the Audits sheet."
            ),
            owner=_owner(state, "9.2.1"),
        )
    ]


def review_held(state: State, params: dict[str, Any]) -> list[Blocker]:
    """A management review was held in the window (stage 1: reviews are performed)."""
    since = add_months(state.as_of, -int(params["months"]))
    if any(since <= r.date <= state.as_of for r in state.workbook.reviews):
        return []
    return [
        Blocker(
            N_("No management review in the last {months} months"),
            {"months": params["months"]},
            ref="9.3.1",
            action=state.catalogue.clauses["9.3.2"].action,
            owner=_owner(state, "9.3.2"),
        )
    ]


def recent_records(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Mandatory records were produced recently (an approved record dated in the window)."""
    since = add_months(state.as_of, -int(params["months"]))
    out = []
    for result in state.applicable():
        for item in state.catalogue.clauses[result.ref].documented:
            if item.kind != "retain" or not item.mandatory:
                continue
            recent = any(
                e.status == "approved"
                and e.kind == "retain"
                and result.ref in e.refs
                and e.dated is not None
                and since <= e.dated <= state.as_of
                for e in state.workbook.evidence
            )
            if not recent:
                out.append(
                    _requirement_blocker(
                        state,
                        result,
                        N_("No record for {ref} dated in the last {months} months"),
                        months=params["months"],
                    )
                )
    return out


AUDIT_PROGRAMME_ACTION = N_(
    "Add the requirement to the internal audit programme and audit it; record the audit in "
    "the Audits sheet."
)


def audit_coverage(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Internal audits in the window covered every applicable requirement.

    An uncovered requirement's action is to audit it, not the requirement's own improvement
    action: the gap is in the audit programme.
    """
    since = add_months(state.as_of, -int(params["months"]))
    covered = {
        ref
        for audit in state.workbook.audits
        if audit.kind == "internal" and since <= audit.date <= state.as_of
        for ref in audit.refs
    }
    return [
        replace(
            _requirement_blocker(
                state,
                r,
                N_("{ref} was not covered by an internal audit in the last {months} months"),
                months=params["months"],
            ),
            action=AUDIT_PROGRAMME_ACTION,
        )
        for r in state.applicable()
        if r.ref not in covered
    ]


def review_inputs(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Management reviews in the window covered every 9.3.2 input."""
    since = add_months(state.as_of, -int(params["months"]))
    reviews = [r for r in state.workbook.reviews if since <= r.date <= state.as_of]
    action = state.catalogue.clauses["9.3.2"].action
    owner = _owner(state, "9.3.2")
    if not reviews:
        return [
            Blocker(
                N_("No management review in the last {months} months"),
                {"months": params["months"]},
                ref="9.3.1",
                action=action,
                owner=owner,
            )
        ]
    covered = set().union(*(r.inputs for r in reviews))
    return [
        Blocker(
            N_("The management review did not cover: {what}"),
            {"what": item.title},
            ref="9.3.2",
            action=action,
            owner=owner,
        )
        for item in state.catalogue.review_inputs
        if item.id not in covered
    ]


def majors_verified(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Every major nonconformity is closed and its effectiveness verified."""
    return [
        Blocker(
            N_("Major nonconformity {id} ({ref}) is closed, not verified")
            if f.status == "closed"
            else N_("Major nonconformity {id} ({ref}) is open"),
            {"id": f.id, "ref": f.ref},
            ref=f.ref,
            action=f.action,
            owner=f.owner,
            due=f.due,
            finding=f.id,
        )
        for f in state.workbook.findings
        if f.grade == "major" and f.status != "verified"
    ]


def minors_planned(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Every open minor nonconformity has an action, an owner and a due date."""
    return [
        Blocker(
            N_("Minor nonconformity {id} ({ref}) has no action, owner or due date"),
            {"id": f.id, "ref": f.ref},
            ref=f.ref,
            action=f.action or state.catalogue.clauses[f.ref].action,
            owner=f.owner,
            due=f.due,
            finding=f.id,
        )
        for f in state.workbook.findings
        if f.grade == "minor" and f.is_open and not (f.action.strip() and f.owner.strip() and f.due)
    ]


def no_overdue_actions(state: State, params: dict[str, Any]) -> list[Blocker]:
    """No open finding is past its due date."""
    return [
        Blocker(
            N_("Action on {id} ({ref}) was due on {due}"),
            {"id": f.id, "ref": f.ref, "due": f.due},
            ref=f.ref,
            action=f.action,
            owner=f.owner,
            due=f.due,
            finding=f.id,
        )
        for f in state.assessment.overdue_findings
    ]


def mandatory_evidence_current(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Evidence of mandatory documented information is not past its review date."""
    mandatory = {
        (r.ref, d.kind)
        for r in state.applicable()
        for d in state.catalogue.clauses[r.ref].documented
        if d.mandatory
    }
    return [
        Blocker(
            N_("{title} ({ref}) was due for review on {due}"),
            {"title": e.title, "ref": ref, "due": e.review_due},
            ref=ref,
            action=N_("Review the document, approve it again and set the next review date."),
            owner=e.owner,
        )
        for e in state.assessment.overdue_evidence
        for ref in e.refs[:1]
        if any((r, e.kind) in mandatory for r in e.refs)
    ]


def earlier_gates(state: State, params: dict[str, Any]) -> list[Blocker]:
    """Every earlier implementation stage's gate passed."""
    return [
        Blocker(
            **ngettext(
                "Step “{stage}” is not complete: {n} blocker",
                "Step “{stage}” is not complete: {n} blockers",
                len(g.blockers),
            ),
            params={"stage": g.stage.name, "n": len(g.blockers)},
            summary=True,
        )
        for g in state.earlier
        if g.stage.kind == "implementation" and not g.passed
    ]


def certificate_valid(state: State, params: dict[str, Any]) -> list[Blocker]:
    """The office holds a certificate valid on the assessment date.

    An expired certificate can be restored within the restoration period (ISO/IEC 17021-1,
    9.6.3.2.5) if the outstanding recertification activities are completed; only after it
    does certification need at least a stage 2 audit. Never "a new initial certification".
    """
    cycle = state.cycle()
    if cycle is None:
        return [Blocker(N_("The Office sheet gives no certificate issue date"))]
    if cycle.restorable:
        return [
            Blocker(
                N_(
                    "The certificate expired on {due}; the certification body can restore it "
                    "until {until} if the outstanding recertification activities are "
                    "completed by then"
                ),
                {"due": cycle.expires, "until": cycle.restore_until},
                action=N_(
                    "Agree with the certification body at once how to complete the "
                    "recertification audit, close any major nonconformity and obtain its "
                    "decision."
                ),
            )
        ]
    if cycle.expired:
        return [
            Blocker(
                **ngettext(
                    "The certificate expired on {due}, more than {n} month ago; it can no "
                    "longer be restored: certification needs at least a stage 2 audit",
                    "The certificate expired on {due}, more than {n} months ago; it can no "
                    "longer be restored: certification needs at least a stage 2 audit",
                    cycle.restoration_months,
                ),
                params={"due": cycle.expires, "n": cycle.restoration_months},
                action=N_("Agree a stage 2 audit with the certification body."),
            )
        ]
    return []


def next_audit_on_time(state: State, params: dict[str, Any]) -> list[Blocker]:
    """The next certification-body audit is not overdue: surveillance or recertification."""
    cycle = state.cycle()
    if cycle is None or cycle.expired:
        return []
    if cycle.surveillance_overdue:
        return [
            Blocker(
                N_("A surveillance audit was due by {due} and has not been held"),
                {"due": cycle.next_surveillance},
                action=N_("Agree the surveillance audit date with the certification body at once."),
            )
        ]
    if cycle.surveillance_number is None and cycle.recertification_overdue:
        return [
            Blocker(
                N_(
                    "The recertification audit was to be held by {due}, to leave time for a "
                    "decision before the certificate expires on {expires}; it has not been held"
                ),
                {"due": cycle.recertification_audit_by, "expires": cycle.expires},
                action=N_(
                    "Agree the recertification audit date with the certification body at once."
                ),
            )
        ]
    return []


CHECKS: dict[str, Callable[[State, dict[str, Any]], list[Blocker]]] = {
    f.__name__: f
    for f in (
        all_assessed,
        office_field,
        approved_evidence,
        exclusions_justified,
        mandatory_documents,
        min_level,
        audit_held,
        review_held,
        recent_records,
        audit_coverage,
        review_inputs,
        majors_verified,
        minors_planned,
        no_overdue_actions,
        mandatory_evidence_current,
        earlier_gates,
        certificate_valid,
        next_audit_on_time,
    )
}


StepState = Literal["passed", "open", "travelled", "ahead"]


def step_state(gate: GateResult, current: Stage) -> StepState:
    """How the ladder shows a gate for an office at stage ``current``.

    For a certified office, the stages before its current one are the road already
    travelled and the certified stages after it are ahead, never passed; only the current
    stage's gate is judged. On the road to certification every gate is judged.
    """
    if current.kind == "certified" and gate.stage.id != current.id:
        return "travelled" if gate.stage.order < current.order else "ahead"
    return "passed" if gate.passed else "open"


def evaluate_gate(state: State, stage: Stage) -> GateResult:
    """Check every condition of a stage's gate."""
    return GateResult(
        stage=stage,
        conditions=tuple(
            ConditionResult(c, tuple(CHECKS[c.check](state, c.params))) for c in stage.gate
        ),
    )


def evaluate(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue
) -> tuple[GateResult, ...]:
    """Every gate of every stage, in order; each sees the results of the gates before it."""
    results: list[GateResult] = []
    for stage in catalogue.stages:
        state = State(workbook, assessment, catalogue, earlier=tuple(results))
        results.append(evaluate_gate(state, stage))
    return tuple(results)

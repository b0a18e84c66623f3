"""The roles of the quality year's registers: supplier evaluations and objective (KPI) exports.

A supplier register's row is one evaluation of an external provider (8.4.1): a
:class:`~readiness.core.model.SupplierEvaluation` for :mod:`readiness.core.suppliers`; a row
with a provider and no result is kept too (a delivery after the evaluation: the provider is
still used). An objectives or KPI export's row is one measured value of an objective for a
period: an :class:`~readiness.core.model.ObjectiveResult`, joined with the Objective results
sheet's (:mod:`readiness.core.objectives` matches it to its objective by name or indicator).
The survey's answers are read by :mod:`~readiness.io.registers.logs`.
"""

from __future__ import annotations

from readiness.core.model import ObjectiveResult, SupplierEvaluation
from readiness.core.registers import Entry
from readiness.io.registers.role import Context, Field, RegisterRole, Row

_f = Field.of


def supplier(row: Row, context: Context) -> Entry:
    """A provider's evaluation (or a later row naming it): kept for 8.4.1."""
    v = row.values
    ev = SupplierEvaluation(
        provider=v["provider"],
        supplies=v.get("supplies", ""),
        evaluated_on=v.get("evaluated_on"),
        score=v.get("score"),
        result=v.get("result", ""),
        evaluator=v.get("evaluator", ""),
        next_evaluation=v.get("next_evaluation"),
        origin=row.origin,
    )
    refs = context.register_refs(row.spec)
    return Entry(row.origin, "supplier", ev.provider, refs, ev.evaluated_on, ev)


def objective_result(row: Row, context: Context) -> Entry:
    """One objective's (or indicator's) value for one period."""
    v = row.values
    result = ObjectiveResult(
        objective=v["objective"],
        period=v["period"],
        value=v["value"],
        measured_on=v.get("measured_on"),
        row=row.origin.row,
        origin=row.origin,
    )
    label = f"{result.objective}, {result.period}: {result.value:g}"
    refs = context.register_refs(row.spec)
    return Entry(row.origin, "result", label, refs, result.measured_on, result)


SUPPLIERS = RegisterRole(
    "suppliers",
    (
        _f(
            "provider",
            "text",
            True,
            words="dostawca|wykonawca|nazwa dostawcy|kontrahent|supplier|provider|"
            "external provider|vendor|доставчик|изпълнител|наименование на доставчика",
        ),
        _f(
            "supplies",
            words="przedmiot dostaw|zakres dostaw|przedmiot|zakres|supplies|scope|"
            "goods or services|предмет на доставката|предмет|обхват",
        ),
        _f(
            "evaluated_on",
            "date",
            words="data oceny|data|evaluation date|evaluated on|evaluated|date|"
            "дата на оценката|дата на оценка|дата",
        ),
        _f(
            "score",
            "number",
            words="liczba punktów|ocena (pkt)|punkty|ocena punktowa|score|points|точки|брой точки",
        ),
        _f(
            "result",
            "enum",
            choices="supplier_result",
            words="wynik oceny|wynik|decyzja|result|outcome|decision|резултат|решение",
        ),
        _f(
            "evaluator",
            words="oceniający|osoba oceniająca|evaluator|evaluated by|assessed by|оценил|оценител",
        ),
        _f(
            "next_evaluation",
            "date",
            words="następna ocena|termin ponownej oceny|ponowna ocena|next evaluation|"
            "re-evaluation|reevaluation|следваща оценка|повторна оценка",
        ),
    ),
    supplier,
)

OBJECTIVES = RegisterRole(
    "objectives",
    (
        _f(
            "objective",
            "text",
            True,
            words="cel|cel jakości|nazwa celu|wskaźnik|miernik|objective|quality objective|"
            "indicator|kpi|цел|цел по качеството|индикатор|показател",
        ),
        _f(
            "period",
            "text",
            True,
            words="okres|kwartał|miesiąc|rok|period|quarter|month|year|период|тримесечие|"
            "месец|година",
        ),
        _f(
            "value",
            "number",
            True,
            words="wartość|wynik|wykonanie|wartość zmierzona|value|result|actual|"
            "стойност|резултат|изпълнение",
        ),
        _f(
            "measured_on",
            "date",
            words="data pomiaru|data|measured on|measured|date|дата на измерване|дата",
        ),
    ),
    objective_result,
)

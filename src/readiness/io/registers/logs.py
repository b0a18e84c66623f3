"""The roles whose registers are evidence: training, complaints, risks, survey results.

A training row is an evidence record; a complaint is judged against its statutory deadline
(:mod:`readiness.core.registers`); a risk is an entry. A survey register is read one of two
ways: with question columns (one row per respondent, see
:func:`readiness.io.registers.header.question_columns`) each row is a
:class:`~readiness.core.model.SurveyResponse` and the register as a whole one evidence
record; without (one row per survey held: title, respondents, score) each row is an
evidence record, as before. The complaints and risk registers are also evidence as a whole:
``whole`` gives that record's dates. A row naming no clauses supports the register's
(``defaults.refs``, or the role's ``ROLE_REFS``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import PurePath
from typing import Any

from readiness.core.messages import N_
from readiness.core.model import Evidence, SurveyResponse
from readiness.core.registers import Complaint, Entry, next_risk_review
from readiness.io.cells import BadValue, parse_date
from readiness.io.registers.role import (
    OWNER_WORDS,
    REF_NO_WORDS,
    REFS_WORDS,
    Context,
    Field,
    RegisterRole,
    Row,
    Whole,
)
from readiness.io.registers.spec import RegisterSpec

_f = Field.of
N_("complaint")
N_("request")  # the kinds of complaints register entries


def training(row: Row, context: Context) -> Entry:
    """A training held: an evidence record kept (7.2 by default)."""
    v = row.values
    refs = v.get("refs") or context.register_refs(row.spec)
    person = v.get("person", "")
    title = f"{v['topic']} – {person}" if person else v["topic"]
    ev = Evidence(
        refs=refs,
        title=title,
        kind="retain",
        status="approved",
        reference=v.get("reference", ""),
        owner=v.get("unit", "") or person,
        dated=v["date"],
        row=row.origin.row,
    )
    return Entry(row.origin, "evidence", title, refs, ev.dated, ev)


def survey(row: Row, context: Context) -> Entry | None:
    """A respondent's answers (a register with question columns), else a survey's result.

    A survey's result is an evidence record, titled with its score and respondents; a
    respondent's row with no answer gives nothing.
    """
    v = row.values
    spec = row.spec
    refs = v.get("refs") or context.register_refs(spec)
    if row.questions:
        answers = {q: v[f"answer:{q}"] for q in row.questions if f"answer:{q}" in v}
        if not answers:
            return None
        response = SurveyResponse(
            answers=answers, service=v.get("service", ""), date=v["date"], origin=row.origin
        )
        row.keep("responses", response)
        label = response.service or v["date"].isoformat()
        return Entry(row.origin, "response", label, refs, response.date, response)
    parts = [v.get("title", "") or spec.title or PurePath(spec.file).name]
    if v.get("score"):
        parts.append(str(v["score"]))
    if v.get("respondents"):
        parts.append(f"n = {v['respondents']}")
    title = ", ".join(parts)
    ev = Evidence(
        refs=refs,
        title=title,
        kind="retain",
        status="approved",
        reference=spec.file,
        dated=v["date"],
        row=row.origin.row,
    )
    return Entry(row.origin, "evidence", title, refs, ev.dated, ev)


def complaint(row: Row, context: Context) -> Entry:
    """A complaint or request, kept for the register's deadline counts."""
    v = row.values
    refs = v.get("refs") or context.register_refs(row.spec)
    c = Complaint(
        received=v["received"],
        kind=v.get("kind") or "complaint",
        subject=v.get("subject", ""),
        reference=v.get("reference", ""),
        answered=v.get("answered"),
        outcome=v.get("outcome", ""),
        origin=row.origin,
    )
    row.keep("complaints", c)
    return Entry(row.origin, "complaint", c.reference or c.subject, refs, c.received, c)


def risk(row: Row, context: Context) -> Entry:
    """A risk: an entry; its review dates kept for the register's own record."""
    v = row.values
    refs = v.get("refs") or context.register_refs(row.spec)
    if v.get("reviewed"):
        row.keep("reviewed", v["reviewed"])
    if v.get("next_review"):
        row.keep("next_review", v["next_review"])
    return Entry(row.origin, "risk", v["risk"], refs, v.get("reviewed"), None)


def complaints_whole(
    _spec: RegisterSpec, entries: list[Entry], _kept: dict[str, list[Any]]
) -> Whole:
    """The complaints register as evidence: dated by its latest entry."""
    days = [e.date for e in entries if e.date is not None]
    return Whole(max(days) if days else None)


def survey_whole(
    _spec: RegisterSpec, _entries: list[Entry], kept: dict[str, list[Any]]
) -> Whole | None:
    """A register of answers as evidence, dated by its latest answer (none for summary rows)."""
    responses: list[SurveyResponse] = kept.get("responses", [])
    days = [r.date for r in responses if r.date is not None]
    return Whole(max(days)) if days else None


def risks_whole(spec: RegisterSpec, _entries: list[Entry], kept: dict[str, list[Any]]) -> Whole:
    """The risk register as evidence: dated by its latest review, due at its next.

    The next review is the latest the register names, or a year after the latest review
    (:func:`readiness.core.registers.next_risk_review`); with no review date in any row, the
    ``reviewed`` default of the sources file is the review date.
    """
    reviewed: list[dt.date] = list(kept.get("reviewed", ()))
    default = spec.defaults.get("reviewed")
    if default and not reviewed:
        with contextlib.suppress(BadValue):
            reviewed.append(parse_date(default))
    reviewed_on = max(reviewed) if reviewed else None
    nexts: list[dt.date] = kept.get("next_review", [])
    due = max(nexts) if nexts else (next_risk_review(reviewed_on) if reviewed_on else None)
    return Whole(reviewed_on, due, reviewed_on)


TRAINING = RegisterRole(
    "training",
    (
        _f(
            "date",
            "date",
            True,
            words="data szkolenia|data|termin|date|training date|дата|дата на обучението",
        ),
        _f(
            "topic",
            "text",
            True,
            words="temat szkolenia|temat|nazwa szkolenia|szkolenie|topic|"
            "training|course|тема на обучението|тема|обучение",
        ),
        _f(
            "person",
            words="imię i nazwisko|pracownik|uczestnik|osoba|person|employee|"
            "participant|name|служител|име|участник",
        ),
        _f(
            "unit",
            words="komórka organizacyjna|wydział|komórka|unit|department|дирекция|отдел|звено",
        ),
        _f(
            "organiser",
            words="organizator|prowadzący|organiser|organizer|provider|"
            "организатор|обучаваща организация",
        ),
        _f(
            "reference",
            words="nr zaświadczenia|zaświadczenie|certyfikat|certificate|"
            "удостоверение №|удостоверение|сертификат",
        ),
        _f("refs", "refs", words=REFS_WORDS),
    ),
    training,
)

COMPLAINTS = RegisterRole(
    "complaints",
    (
        _f(
            "received",
            "date",
            True,
            words="data wpływu|wpływ / data|wpływ|data|received|"
            "date received|дата на постъпване|постъпил|дата",
        ),
        _f(
            "answered",
            "date",
            words="data odpowiedzi|data załatwienia|załatwienie / data "
            "odpowiedzi|odpowiedź|answered|date answered|reply date|дата на отговора|отговор",
        ),
        _f("kind", "enum", choices="complaint_kind", words="rodzaj|typ|kind|type|вид"),
        _f("subject", words="przedmiot|dotyczy|w sprawie|subject|regarding|относно|предмет"),
        _f("reference", words=REF_NO_WORDS + "|wpływ / znak sprawy"),
        _f(
            "outcome",
            words="sposób załatwienia|załatwienie / sposób załatwienia|wynik|"
            "rozstrzygnięcie|outcome|result|резултат|решение",
        ),
    ),
    complaint,
    whole=complaints_whole,
    kind="retain",
)

RISKS = RegisterRole(
    "risks",
    (
        _f(
            "risk",
            "text",
            True,
            words="ryzyko|opis ryzyka|zagrożenie|risk|risk description|риск|описание на риска",
        ),
        _f("owner", words=OWNER_WORDS + "|właściciel ryzyka|risk owner"),
        _f("level", words="poziom ryzyka|ocena|poziom|level|score|rating|ниво|оценка"),
        _f("action", words="działania|reakcja na ryzyko|action|response|мерки|действия"),
        _f(
            "reviewed",
            "date",
            words="data przeglądu|przegląd|data aktualizacji|reviewed|"
            "review date|last review|дата на преглед|преглед",
        ),
        _f("next_review", "date", words="następny przegląd|next review|следващ преглед"),
        _f("refs", "refs", words=REFS_WORDS),
    ),
    risk,
    whole=risks_whole,
)

SURVEY = RegisterRole(
    "survey",
    (
        _f(
            "date",
            "date",
            True,
            words="data|data badania|data wypełnienia|data wypełnienia ankiety|okres|date|"
            "period|submitted|completed|timestamp|дата|дата на попълване|период",
        ),
        _f(
            "service",
            words="wydział|komórka organizacyjna|komórka|usługa|sprawa|service|department|"
            "unit|звено|звено / услуга|услуга|дирекция|отдел",
        ),
        _f("title", words="badanie|nazwa badania|ankieta|survey|title|проучване|анкета"),
        _f(
            "respondents",
            words="liczba ankiet|respondenci|liczba respondentów|respondents|"
            "responses|брой анкети|респонденти",
        ),
        _f(
            "score",
            words="wynik|ocena|zadowolenie|satysfakcja|score|satisfaction|result|"
            "резултат|удовлетвореност|оценка",
        ),
        _f("refs", "refs", words=REFS_WORDS),
    ),
    survey,
    whole=survey_whole,
    kind="retain",
)

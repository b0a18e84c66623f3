"""The roles whose rows are the workbook's own records: evidence, findings, audits, reviews.

Each role is its fields (our names, what a row needs, the header words offices use in pl,
bg and en) and a builder making one row's values into the record the workbook's sheet of
the same name would hold, with the row's provenance.
"""

from __future__ import annotations

from readiness.core.catalogue import Catalogue
from readiness.core.corrective import derive_status
from readiness.core.messages import N_
from readiness.core.model import Audit, Evidence, Finding, Review
from readiness.core.registers import Entry
from readiness.io.registers.role import (
    OWNER_WORDS,
    REF_NO_WORDS,
    REFS_WORDS,
    Context,
    Field,
    RegisterRole,
    Row,
)

_f = Field.of
UNDERIVABLE = N_(
    'Map the register\'s status column (status = "..." under [registers.{name}.columns]), '
    'or map the word: "{value}" = "effective" (or "in progress", "not effective") under '
    "[registers.{name}.values.effectiveness]."
)


def evidence(row: Row, _context: Context) -> Entry:
    """A document list's row: an evidence record."""
    v = row.values
    ev = Evidence(
        refs=v["refs"],
        title=v["title"],
        kind=v["kind"],
        status=v["status"],
        reference=v.get("reference", ""),
        owner=v.get("owner", ""),
        dated=v.get("dated"),
        review_due=v.get("review_due"),
        row=row.origin.row,
    )
    return Entry(row.origin, "evidence", ev.title, ev.refs, ev.dated, ev)


def finding(row: Row, context: Context) -> Entry | None:
    """A row of the register of nonconformities: a finding.

    With no status in the row (no status column, or its cell blank) the status is derived
    from the effectiveness column and the closing date
    (:func:`readiness.core.corrective.derive_status`), and the entry says so; an
    effectiveness word the rule does not know is an error naming the cell.
    """
    v = row.values
    status, note = v.get("status"), ""
    if status is None:
        derived = derive_status(v.get("closed_on"), v.get("effectiveness", ""))
        if derived.status is None:
            context.refuse(row, "effectiveness", derived.reason, derived.value, UNDERIVABLE)
            return None
        status, note = derived.status, derived.reason
    fi = Finding(
        id=v["id"],
        ref=v["ref"],
        source=v["source"],
        grade=v["grade"],
        description=v["description"],
        status=status,
        action=v.get("action", ""),
        owner=v.get("owner", ""),
        due=v.get("due"),
        closed_on=v.get("closed_on"),
        row=row.origin.row,
    )
    label = f"{fi.id}: {fi.description}"
    return Entry(row.origin, "finding", label, (fi.ref,), fi.due, fi, note)


def audit(row: Row, context: Context) -> Entry | None:
    """An audit held (none when dated after the assessment date: an error)."""
    v = row.values
    if context.after_as_of(row.spec, v["date"], row.sheet, row.cell):
        return None
    au = Audit(
        date=v["date"],
        refs=v["refs"],
        auditor=v.get("auditor", ""),
        report=v.get("report", ""),
        kind=v.get("kind") or "internal",
        row=row.origin.row,
    )
    return Entry(row.origin, "audit", au.report or au.date.isoformat(), au.refs, au.date, au)


def review(row: Row, context: Context) -> Entry | None:
    """A management review held, with the 9.3.2 inputs it answered yes to."""
    v = row.values
    if context.after_as_of(row.spec, v["date"], row.sheet, row.cell):
        return None
    inputs = frozenset(
        k.split(":", 1)[1] for k, x in v.items() if k.startswith("input:") and x == "yes"
    )
    rv = Review(date=v["date"], inputs=inputs, minutes=v.get("minutes", ""), row=row.origin.row)
    return Entry(row.origin, "review", rv.minutes or rv.date.isoformat(), ("9.3.2",), rv.date, rv)


def review_inputs(catalogue: Catalogue) -> tuple[Field, ...]:
    """A review register's yes/no column per 9.3.2 input of the catalogue."""
    return tuple(Field(f"input:{i.id}", "yesno", choices="yesno") for i in catalogue.review_inputs)


EVIDENCE = RegisterRole(
    "evidence",
    (
        _f("refs", "refs", True, words=REFS_WORDS),
        _f(
            "title",
            "text",
            True,
            words="nazwa dokumentu|nazwa|tytuł|dokument|title|document|"
            "name|наименование|заглавие|документ|наименование на документа",
        ),
        _f("kind", "enum", True, "evidence_kind", words="rodzaj|typ|kind|type|вид|тип"),
        _f("status", "enum", True, "evidence_status", words="status|stan|статус|състояние"),
        _f("reference", words=REF_NO_WORDS + "|symbol dokumentu|код|шифър"),
        _f("owner", words=OWNER_WORDS),
        _f(
            "dated",
            "date",
            words="data zatwierdzenia|zatwierdzono|data wydania|data|dated|"
            "approved|issued|date|дата на утвърждаване|утвърден|дата",
        ),
        _f(
            "review_due",
            "date",
            words="następny przegląd|data przeglądu|przegląd do|"
            "next review|review due|review|следващ преглед|преглед до",
        ),
    ),
    evidence,
)

FINDINGS = RegisterRole(
    "findings",
    (
        _f("id", "text", True, words="nr|numer|id|lp.|no|number|№|номер"),
        _f("ref", "ref", True, words=REFS_WORDS),
        _f(
            "source",
            "enum",
            True,
            "finding_source",
            words="źródło|skąd|source|origin|източник|произход",
        ),
        _f(
            "grade",
            "enum",
            True,
            "grade",
            words="kategoria|rodzaj|klasyfikacja|grade|category|type|категория|вид|степен",
        ),
        _f(
            "description",
            "text",
            True,
            words="opis niezgodności|opis|description|finding|"
            "nonconformity|описание|несъответствие",
        ),
        _f("status", "enum", False, "finding_status", words="status|stan|статус|състояние"),
        _f(
            "effectiveness",
            words="ocena skuteczności|skuteczność|skuteczność działań|ocena efektywności|"
            "effectiveness|effectiveness review|effective|оценка на ефективността|"
            "ефективност|оценка на ефикасността|ефикасност",
        ),
        _f(
            "action",
            words="działanie korygujące|działanie|korekcja|action|corrective action|"
            "коригиращо действие|действие",
        ),
        _f("owner", words=OWNER_WORDS),
        _f("due", "date", words="termin|termin realizacji|due|due date|deadline|срок"),
        _f(
            "closed_on",
            "date",
            words="data zamknięcia|zamknięto|closed|closed on|дата на закриване|закрито",
        ),
    ),
    finding,
)

AUDITS = RegisterRole(
    "audits",
    (
        _f("date", "date", True, words="data|data auditu|date|audit date|дата|дата на одита"),
        _f("refs", "refs", True, words=REFS_WORDS + "|zakres|scope|обхват"),
        _f("auditor", words="auditor|audytor|audytorzy|auditors|одитор|одитори"),
        _f("report", words="raport|nr raportu|report|доклад"),
        _f("kind", "enum", choices="audit_kind", words="rodzaj auditu|rodzaj|kind|type|вид"),
    ),
    audit,
)

REVIEWS = RegisterRole(
    "reviews",
    (
        _f("date", "date", True, words="data|data przeglądu|date|дата"),
        _f("minutes", words="protokół|nr protokołu|minutes|протокол"),
    ),
    review,
    more=review_inputs,
)

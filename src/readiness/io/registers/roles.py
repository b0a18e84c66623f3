"""The fields each register role reads, and the words offices use for them in pl, bg and en.

A field is one of our names (``[columns]`` maps it to the register's header). ``words``
are the header words ``sources init`` looks for; ``values`` are the words found in
registers for a choice, per language, that ``sources init`` proposes in ``[values]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["text", "ref", "refs", "date", "enum", "yesno", "int"]


@dataclass(frozen=True)
class Field:
    """One field of a role: its kind, whether a row needs it, the header words that name it."""

    key: str
    kind: FieldKind = "text"
    required: bool = False
    choices: str = ""
    words: tuple[str, ...] = ()


def _f(key: str, kind: FieldKind = "text", required: bool = False, choices: str = "",
       words: str = "") -> Field:  # fmt: skip
    return Field(key, kind, required, choices, tuple(w.strip() for w in words.split("|") if w))


REFS_WORDS = "punkt normy|punkty normy|pkt normy|wymaganie|wymagania|klauzula|clause|clauses|" \
    "iso clause|requirement|точка от стандарта|точки|изискване|клауза"  # fmt: skip
OWNER_WORDS = "właściciel|odpowiedzialny|osoba odpowiedzialna|owner|responsible|отговорник|" \
    "отговорно лице|собственик"  # fmt: skip
REF_NO_WORDS = "symbol|znak|znak sprawy|numer|nr|sygnatura|reference|ref|no|number|номер|" \
    "вх. №|вх №|рег. №|№|референция"  # fmt: skip

ROLE_FIELDS: dict[str, tuple[Field, ...]] = {
    "evidence": (
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
    "findings": (
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
        _f("status", "enum", True, "finding_status", words="status|stan|статус|състояние"),
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
    "audits": (
        _f("date", "date", True, words="data|data auditu|date|audit date|дата|дата на одита"),
        _f("refs", "refs", True, words=REFS_WORDS + "|zakres|scope|обхват"),
        _f("auditor", words="auditor|audytor|audytorzy|auditors|одитор|одитори"),
        _f("report", words="raport|nr raportu|report|доклад"),
        _f("kind", "enum", choices="audit_kind", words="rodzaj auditu|rodzaj|kind|type|вид"),
    ),
    "reviews": (
        _f("date", "date", True, words="data|data przeglądu|date|дата"),
        _f("minutes", words="protokół|nr protokołu|minutes|протокол"),
    ),
    "training": (
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
    "complaints": (
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
    "risks": (
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
    "survey": (
        _f("date", "date", True, words="data|data badania|okres|date|period|дата|период"),
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
}

#: a role's name words, for guessing the role from file, sheet and headers
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "evidence": ("wykaz dokumentów", "dokument", "documents", "документ", "wykaz"),
    "findings": ("niezgodn", "korygując", "nonconformit", "corrective", "несъответств",
                 "коригиращ", "nc"),
    "audits": ("audit", "audyt", "одит"),
    "reviews": ("przegląd zarządzania", "management review", "преглед от ръководството"),
    "training": ("szkoleń", "szkolen", "training", "обучени", "обучение"),
    "complaints": ("skarg", "wniosk", "complaint", "сигнал", "предложени", "жалб"),
    "risks": ("ryzyk", "risk", "риск"),
    "survey": ("ankiet", "satysfakc", "survey", "satisfaction", "удовлетвор", "анкет"),
}  # fmt: skip

#: words found in registers for our choices, per list
VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "evidence_kind": {
        "maintain": ("dokument", "procedura", "instrukcja", "document", "procedure",
                     "документ", "процедура"),
        "retain": ("zapis", "record", "rejestr", "запис", "регистър"),
        "other": ("inny", "other", "друг", "zarządzenie", "regulamin"),
    },
    "evidence_status": {
        "approved": ("obowiązujący", "obowiązuje", "zatwierdzony", "aktualny", "approved",
                     "valid", "current", "в сила", "действащ", "утвърден"),
        "draft": ("projekt", "w opracowaniu", "draft", "проект"),
        "withdrawn": ("wycofany", "nieaktualny", "uchylony", "withdrawn", "obsolete",
                      "отменен", "оттеглен"),
    },
    "finding_source": {
        "internal_audit": ("audit wewnętrzny", "audyt wewnętrzny", "audit", "internal audit",
                           "вътрешен одит", "одит"),
        "complaint": ("skarga", "complaint", "сигнал", "жалба"),
        "management_review": ("przegląd zarządzania", "management review",
                              "преглед от ръководството"),
        "surveillance": ("audit nadzoru", "surveillance", "надзорен одит"),
    },
    "grade": {
        "major": ("niezgodność duża", "duża", "krytyczna", "major", "значително"),
        "minor": ("niezgodność mała", "mała", "drobna", "minor", "незначително"),
        "observation": ("obserwacja", "uwaga", "observation", "наблюдение", "забележка"),
        "ofi": ("możliwość doskonalenia", "szansa doskonalenia", "ofi", "improvement",
                "възможност за подобрение"),
        "gap": ("luka", "gap", "пропуск"),
    },
    "finding_status": {
        "open": ("otwarta", "otwarte", "nowa", "open", "открито", "отворено"),
        "in_progress": ("w realizacji", "w toku", "in progress", "ongoing", "в процес",
                        "в изпълнение"),
        "closed": ("zamknięta", "zamknięte", "zrealizowana", "closed", "done", "закрито",
                   "изпълнено"),
        "verified": ("zweryfikowana", "zweryfikowane", "skuteczna", "verified", "effective",
                     "проверено", "ефективно"),
    },
    "complaint_kind": {
        "complaint": ("skarga", "complaint", "сигнал", "жалба"),
        "request": ("wniosek", "request", "suggestion", "предложение", "искане"),
    },
    "audit_kind": {
        "internal": ("wewnętrzny", "internal", "вътрешен"),
    },
}  # fmt: skip

#: the choices a role reads that the workbook schema does not have
EXTRA_CHOICES: dict[str, tuple[str, ...]] = {"complaint_kind": ("complaint", "request")}

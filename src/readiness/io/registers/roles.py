"""Every register role, and the words offices use for roles and their choices in pl, bg, en.

``REGISTER_ROLES`` holds each role (a :class:`~readiness.io.registers.role.RegisterRole`:
its fields and its row builder), from :mod:`~readiness.io.registers.sheets` (the
workbook's own records) and :mod:`~readiness.io.registers.logs` (registers that are
evidence). A field is one of our
names (``[columns]`` maps it to the register's header). ``words`` are the header words
``sources init`` looks for; ``values`` are the words found in registers for a choice, per
language, that ``sources init`` proposes in ``[values]``.
"""

from __future__ import annotations

from readiness.io.registers.logs import COMPLAINTS, RISKS, SURVEY, TRAINING
from readiness.io.registers.role import Field, RegisterRole
from readiness.io.registers.sheets import AUDITS, EVIDENCE, FINDINGS, REVIEWS

REGISTER_ROLES: dict[str, RegisterRole] = {
    role.name: role
    for role in (EVIDENCE, FINDINGS, AUDITS, REVIEWS, TRAINING, COMPLAINTS, RISKS, SURVEY)
}
"""Each role by its name, in ``readiness.core.registers.ROLES`` order."""

ROLE_FIELDS: dict[str, tuple[Field, ...]] = {n: r.fields for n, r in REGISTER_ROLES.items()}
"""The fields each role reads (without those the catalogue adds)."""

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

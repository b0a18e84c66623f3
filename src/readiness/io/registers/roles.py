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

from readiness.core.suppliers import RESULT_LABELS
from readiness.io.registers.logs import COMPLAINTS, RISKS, SURVEY, TRAINING
from readiness.io.registers.quality import OBJECTIVES, SUPPLIERS
from readiness.io.registers.role import Field, RegisterRole
from readiness.io.registers.sheets import AUDITS, EVIDENCE, FINDINGS, REVIEWS

REGISTER_ROLES: dict[str, RegisterRole] = {
    role.name: role
    for role in (
        EVIDENCE, FINDINGS, AUDITS, REVIEWS, TRAINING, COMPLAINTS, RISKS, SURVEY, SUPPLIERS,
        OBJECTIVES,
    )
}  # fmt: skip
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
    "survey": ("ankiet", "satysfakc", "survey", "satisfaction", "удовлетвор", "анкет",
               "anketa"),
    "suppliers": ("dostawc", "dostawy", "supplier", "provider", "vendor", "доставчи",
                  "изпълнител", "dostavchi"),
    "objectives": ("cele jakości", "celów", "wskaźnik", "kpi", "objective", "indicator",
                   "цели", "индикатор", "показател"),
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
    "supplier_result": {
        "approved": ("zatwierdzony", "zaakceptowany", "pozytywny", "pozytywna", "approved",
                     "accepted", "qualified", "одобрен", "положителна", "приет"),
        "conditional": ("warunkowo", "warunkowy", "zatwierdzony warunkowo", "conditional",
                        "conditionally approved", "условно", "условно одобрен"),
        "not_approved": ("niezatwierdzony", "odrzucony", "negatywny", "negatywna",
                         "not approved", "rejected", "неодобрен", "отхвърлен",
                         "отрицателна"),
    },
    # a survey's word answers, as the score each stands for ("answers" in [values])
    "answers": {
        "5": ("bardzo dobrze", "bardzo dobra", "zdecydowanie tak", "bardzo zadowolony",
              "very good", "very satisfied", "excellent", "strongly agree", "много добре",
              "много добра", "отлично", "много доволен"),
        "4": ("dobrze", "dobra", "raczej tak", "zadowolony", "good", "satisfied", "agree",
              "добре", "добра", "доволен"),
        "3": ("średnio", "przeciętnie", "ani dobrze, ani źle", "trudno powiedzieć",
              "neutral", "average", "fair", "задоволително", "средно", "неутрално"),
        "2": ("źle", "słabo", "raczej nie", "niezadowolony", "poor", "bad", "dissatisfied",
              "disagree", "лошо", "слабо", "недоволен"),
        "1": ("bardzo źle", "bardzo słabo", "zdecydowanie nie", "very poor", "very bad",
              "very dissatisfied", "strongly disagree", "много лошо", "много слабо"),
    },
}  # fmt: skip

#: the choices a role reads that the workbook schema does not have
EXTRA_CHOICES: dict[str, tuple[str, ...]] = {
    "complaint_kind": ("complaint", "request"),
    "supplier_result": ("approved", "conditional", "not_approved"),
}
#: the labels (message ids) of those choices whose keys are not themselves message ids
EXTRA_LABELS: dict[str, dict[str, str]] = {"supplier_result": RESULT_LABELS}

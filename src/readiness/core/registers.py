"""What an office's own registers supplied, and where each fact came from.

A register (a document list, the complaints register, training records, the register of
nonconformities, the risk register, survey results...) is read by :mod:`readiness.io.registers`
into the same records the workbook's sheets hold; :class:`Register` keeps, for each row
used, its provenance (file, sheet, row) and what it became. Complaints are also judged
against the statutory deadline for answering them, moved to the next working day when it
ends on a Saturday, a Sunday or a public holiday (holidays from the ``holidays`` package).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import holidays

from readiness.core.messages import N_

ROLES = (
    "evidence", "findings", "audits", "reviews", "training", "complaints", "risks", "survey",
    "suppliers", "objectives",
)  # fmt: skip
Role = Literal[
    "evidence", "findings", "audits", "reviews", "training", "complaints", "risks", "survey",
    "suppliers", "objectives",
]  # fmt: skip
#: each role as readers know it (message ids): what the report's appendix and
#: ``sources check`` print, never the role's key
ROLE_NAMES: dict[str, str] = {
    "evidence": N_("documents and records"),
    "findings": N_("nonconformities and corrective actions"),
    "audits": N_("internal audits"),
    "reviews": N_("management reviews"),
    "training": N_("training records"),
    "complaints": N_("complaints and requests"),
    "risks": N_("risk register"),
    "survey": N_("satisfaction surveys"),
    "suppliers": N_("supplier evaluations"),
    "objectives": N_("quality objectives' results"),
}

#: months an office has to answer a complaint or request, by country: Poland, KPA art. 237
#: § 1 (a month; requests are held to the same month here); Bulgaria, АПК чл. 118, ал. 1
#: (two months for a proposal; signals are held to the same here). Elsewhere a month,
#: unless the sources file says otherwise.
STATUTORY_MONTHS = {"PL": 1, "BG": 2}
STATUTE = {
    "PL": N_("KPA art. 237 § 1"),
    "BG": N_("APK art. 118(1)"),
}

#: the rule that moves a deadline ending on a day off to the next working day, by country:
#: Poland, KPA art. 57 § 4 (a Saturday or a day off by statute); Bulgaria, ГПК чл. 60,
#: ал. 6 (a term ending on a non-working day ends on the next working day), which the АПК
#: applies to the computing of terms it does not regulate itself. The АПК's explicit
#: referral to the ГПК found is чл. 144 (court proceedings, as courts apply it); for terms
#: before an administrative body the rule is applied as the general one, so the report
#: names the ГПК article and "applied under the АПК", not an АПК article.
NEXT_WORKING_DAY_RULE = {
    "PL": N_("KPA art. 57 § 4"),
    "BG": N_("GPK art. 60(6), applied under the APK"),
}

#: the clauses each role supports when the sources file gives no ``refs`` default
ROLE_REFS: dict[str, tuple[str, ...]] = {
    "training": ("7.2",),
    "complaints": ("9.1.2", "10.2.1"),
    "risks": ("6.1.1", "6.1.2"),
    "survey": ("9.1.2",),
    "suppliers": ("8.4.1",),
    "objectives": ("6.2.1", "9.1.3"),
}

ComplaintState = Literal["on_time", "late", "overdue", "pending"]
"""``late``: answered after the deadline; ``overdue``: not answered and the deadline passed."""


@dataclass(frozen=True)
class Provenance:
    """Where a fact came from: the register, its file, sheet and (1-based) row."""

    register: str
    file: str
    sheet: str
    row: int

    @property
    def place(self) -> str:
        """``file: sheet, row N`` (a CSV has no sheet)."""
        where = f"{self.file}: {self.sheet}" if self.sheet else self.file
        return f"{where}, row {self.row}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"register": self.register, "file": self.file, "sheet": self.sheet, "row": self.row}


@dataclass(frozen=True)
class Entry:
    """One register row used: where it is, what it became, the clauses it supports."""

    origin: Provenance
    became: str  # evidence, finding, audit, review, complaint, risk, response, supplier, result
    label: str
    refs: tuple[str, ...] = ()
    date: dt.date | None = None
    record: Any = field(default=None, compare=False, repr=False)
    note: str = ""  # a message id: how a value the register does not state was derived


@dataclass(frozen=True)
class Complaint:
    """A complaint or request from the complaints register."""

    received: dt.date
    kind: str = "complaint"  # or "request"
    subject: str = ""
    reference: str = ""
    answered: dt.date | None = None
    outcome: str = ""
    origin: Provenance | None = None


@dataclass(frozen=True)
class Register:
    """One register as read: its rows, the ones used, and what they supplied.

    Attributes
    ----------
    name
        The register's name in the sources file (``[registers.NAME]``).
    role
        What it holds: one of :data:`ROLES`.
    file, sheet
        The file (as named in the sources file) and the sheet read (empty for a CSV).
    rows
        Data rows read below the header (blank rows not counted).
    entries
        The rows used, each with its provenance and what it became.
    refs
        The clauses the register as a whole supports (training, complaints, risks, survey).
    complaints
        The complaints and requests (role ``complaints``).
    reviewed_on
        The risk register's latest review date (role ``risks``).
    deadline_months
        Months allowed to answer a complaint (role ``complaints``).
    """

    name: str
    role: str
    file: str
    sheet: str = ""
    rows: int = 0
    entries: tuple[Entry, ...] = ()
    refs: tuple[str, ...] = ()
    complaints: tuple[Complaint, ...] = ()
    reviewed_on: dt.date | None = None
    deadline_months: int = 1

    @property
    def used(self) -> int:
        """Rows that supplied a fact."""
        return len({e.origin.row for e in self.entries})

    @property
    def anchor(self) -> str:
        """The id of the register's appendix in the HTML report."""
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in self.name)
        return f"register-{safe}"

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last date of its entries."""
        days = sorted(e.date for e in self.entries if e.date is not None)
        return (days[0], days[-1]) if days else (None, None)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


#: months between two reviews of the risk register, when it names no next review
RISK_REVIEW_MONTHS = 12


def next_risk_review(reviewed: dt.date) -> dt.date:
    """When the risk register is due for its next review: the last review plus a year.

    Polish public offices identify the risks to their objectives "at least once a year":
    Communication No 23 of the Minister of Finance of 16 December 2009 on the standards of
    management control (Dz. Urz. MF Nr 15, poz. 84), standard 7.1. The same year is applied
    to every office (ISO 9001:2015 clause 6.1 sets no interval), unless the register gives a
    next review date of its own, which wins.

    Parameters
    ----------
    reviewed
        The register's latest review date.
    """
    return add_months(reviewed, RISK_REVIEW_MONTHS)


def statutory_months(country: str) -> int:
    """Months allowed to answer a complaint in the office's country."""
    return STATUTORY_MONTHS.get(country, 1)


@cache
def _days_off(country: str, year: int) -> frozenset[dt.date]:
    """The public holidays of ``country`` in ``year``, moving feasts included."""
    return frozenset(holidays.country_holidays(country, years=year))


def working_day(day: dt.date, country: str) -> bool:
    """Not a Saturday, a Sunday or a public holiday of ``country`` (PL, BG)."""
    return day.weekday() < 5 and day not in _days_off(country, day.year)


def next_working_day(day: dt.date, country: str) -> dt.date:
    """``day`` itself when it is a working day in ``country``, else the next working day.

    Only countries with a rule in :data:`NEXT_WORKING_DAY_RULE` move a deadline; elsewhere
    ``day`` is returned unchanged.
    """
    if country not in NEXT_WORKING_DAY_RULE:
        return day
    while not working_day(day, country):
        day += dt.timedelta(days=1)
    return day


def calendar_deadline(complaint: Complaint, months: int) -> dt.date:
    """The same day ``months`` after the complaint was received (KPA art. 57 § 3)."""
    return add_months(complaint.received, months)


def deadline(complaint: Complaint, months: int, country: str = "") -> dt.date:
    """The last day to answer ``complaint``: moved to the next working day in PL and BG."""
    return next_working_day(calendar_deadline(complaint, months), country)


def complaint_state(
    complaint: Complaint, months: int, as_of: dt.date, country: str = ""
) -> ComplaintState:
    """On time, late (answered after the deadline), overdue (unanswered past it) or pending."""
    due = deadline(complaint, months, country)
    if complaint.answered is not None:
        return "late" if complaint.answered > due else "on_time"
    return "overdue" if as_of > due else "pending"


@dataclass(frozen=True)
class MonthCount:
    """Complaints and requests received in one month: answered late, unanswered past due."""

    month: str  # YYYY-MM
    received: int
    answered_late: int
    overdue: int

    @property
    def late(self) -> int:
        """Answered late or unanswered past the deadline."""
        return self.answered_late + self.overdue


def per_month(register: Register, as_of: dt.date, country: str = "") -> list[MonthCount]:
    """Complaints received per month (by date received): answered late, and overdue."""
    received: Counter[str] = Counter()
    states: Counter[tuple[str, str]] = Counter()
    for c in register.complaints:
        key = c.received.strftime("%Y-%m")
        received[key] += 1
        states[key, complaint_state(c, register.deadline_months, as_of, country)] += 1
    return [
        MonthCount(m, received[m], states[m, "late"], states[m, "overdue"])
        for m in sorted(received)
    ]


def state_counts(register: Register, as_of: dt.date, country: str = "") -> dict[str, int]:
    """How many complaints are on time, answered late, overdue and pending."""
    counts = dict.fromkeys(("on_time", "late", "overdue", "pending"), 0)
    for c in register.complaints:
        counts[complaint_state(c, register.deadline_months, as_of, country)] += 1
    return counts


def late_complaints(
    register: Register, as_of: dt.date, country: str = ""
) -> list[tuple[Complaint, str, dt.date]]:
    """Complaints answered after the deadline or unanswered past it: (complaint, state, due)."""
    out: list[tuple[Complaint, str, dt.date]] = []
    for c in register.complaints:
        state = complaint_state(c, register.deadline_months, as_of, country)
        if state in ("late", "overdue"):
            out.append((c, state, deadline(c, register.deadline_months, country)))
    return out


def register_summary(register: Register, as_of: dt.date, country: str = "") -> dict[str, Any]:
    """A register as ``results.json`` keeps it: provenance of every entry, and the counts.

    For complaints, ``per_month`` keeps ``late`` (answered late or overdue, as before) beside
    ``answered_late`` and ``overdue`` apart; ``counts`` gives each state's total; each late
    complaint's ``deadline`` is moved to the next working day where the country's law says
    so, ``calendar_deadline`` being the date before the move.
    """
    first, last = register.dates()
    doc: dict[str, Any] = {
        "name": register.name,
        "role": register.role,
        "file": register.file,
        "sheet": register.sheet,
        "rows": register.rows,
        "used": register.used,
        "refs": list(register.refs),
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "entries": [
            {
                **e.origin.to_dict(),
                "became": e.became,
                "label": e.label,
                "refs": list(e.refs),
                "date": e.date.isoformat() if e.date else None,
                **({"derived": e.note} if e.note else {}),
            }
            for e in register.entries
        ],
    }
    if register.role == "complaints":
        doc["deadline_months"] = register.deadline_months
        doc["next_working_day"] = country in NEXT_WORKING_DAY_RULE
        doc["counts"] = state_counts(register, as_of, country)
        doc["per_month"] = [
            {
                "month": m.month,
                "received": m.received,
                "late": m.late,
                "answered_late": m.answered_late,
                "overdue": m.overdue,
            }
            for m in per_month(register, as_of, country)
        ]
        doc["late"] = [
            {
                "reference": c.reference,
                "received": c.received.isoformat(),
                "answered": c.answered.isoformat() if c.answered else None,
                "deadline": due.isoformat(),
                "calendar_deadline": calendar_deadline(c, register.deadline_months).isoformat(),
                "state": state,
                **(c.origin.to_dict() if c.origin else {}),
            }
            for c, state, due in late_complaints(register, as_of, country)
        ]
    if register.role == "risks":
        doc["reviewed_on"] = register.reviewed_on.isoformat() if register.reviewed_on else None
    return doc


def registers_by_ref(registers: tuple[Register, ...]) -> dict[str, list[Register]]:
    """For each clause, the registers with an entry that supports it (for the clause table)."""
    out: dict[str, list[Register]] = {}
    for register in registers:
        refs = {r for e in register.entries for r in e.refs} | set(register.refs)
        for ref in refs:
            out.setdefault(ref, []).append(register)
    return out

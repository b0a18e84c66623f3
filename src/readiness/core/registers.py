"""What an office's own registers supplied, and where each fact came from.

A register (a document list, the complaints register, training records, the register of
nonconformities, the risk register, survey results...) is read by :mod:`readiness.io.registers`
into the same records the workbook's sheets hold; :class:`Register` keeps, for each row
used, its provenance (file, sheet, row) and what it became. Complaints are also judged
against the statutory deadline for answering them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from readiness.core.messages import N_

ROLES = ("evidence", "findings", "audits", "reviews", "training", "complaints", "risks", "survey")
Role = Literal[
    "evidence", "findings", "audits", "reviews", "training", "complaints", "risks", "survey"
]

#: months an office has to answer a complaint or request, by country: Poland, KPA art. 237
#: § 1 (a month; requests are held to the same month here); Bulgaria, АПК: сигнали и
#: предложения within two months. Elsewhere a month, unless the sources file says otherwise.
STATUTORY_MONTHS = {"PL": 1, "BG": 2}
STATUTE = {
    "PL": N_("KPA art. 237 § 1"),
    "BG": N_("APK, for signals and proposals"),
}

#: the clauses each role supports when the sources file gives no ``refs`` default
ROLE_REFS: dict[str, tuple[str, ...]] = {
    "training": ("7.2",),
    "complaints": ("9.1.2", "10.2.1"),
    "risks": ("6.1.1", "6.1.2"),
    "survey": ("9.1.2",),
}

ComplaintState = Literal["on_time", "late", "overdue", "pending"]


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
    became: str  # evidence, finding, audit, review, complaint, risk
    label: str
    refs: tuple[str, ...] = ()
    date: dt.date | None = None
    record: Any = field(default=None, compare=False, repr=False)


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


def statutory_months(country: str) -> int:
    """Months allowed to answer a complaint in the office's country."""
    return STATUTORY_MONTHS.get(country, 1)


def deadline(complaint: Complaint, months: int) -> dt.date:
    """The last day to answer ``complaint``."""
    return add_months(complaint.received, months)


def complaint_state(complaint: Complaint, months: int, as_of: dt.date) -> ComplaintState:
    """On time, late (answered after the deadline), overdue (unanswered past it) or pending."""
    due = deadline(complaint, months)
    if complaint.answered is not None:
        return "late" if complaint.answered > due else "on_time"
    return "overdue" if as_of > due else "pending"


@dataclass(frozen=True)
class MonthCount:
    """Complaints and requests received in one month, and how many were handled late."""

    month: str  # YYYY-MM
    received: int
    late: int


def per_month(register: Register, as_of: dt.date) -> list[MonthCount]:
    """Complaints received per month (by date received), with those late or overdue."""
    received: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for c in register.complaints:
        key = c.received.strftime("%Y-%m")
        received[key] += 1
        if complaint_state(c, register.deadline_months, as_of) in ("late", "overdue"):
            late[key] += 1
    return [MonthCount(m, received[m], late[m]) for m in sorted(received)]


def late_complaints(register: Register, as_of: dt.date) -> list[tuple[Complaint, str, dt.date]]:
    """Complaints answered after the deadline or unanswered past it: (complaint, state, due)."""
    out: list[tuple[Complaint, str, dt.date]] = []
    for c in register.complaints:
        state = complaint_state(c, register.deadline_months, as_of)
        if state in ("late", "overdue"):
            out.append((c, state, deadline(c, register.deadline_months)))
    return out


def register_summary(register: Register, as_of: dt.date) -> dict[str, Any]:
    """A register as ``results.json`` keeps it: provenance of every entry, and the counts."""
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
            }
            for e in register.entries
        ],
    }
    if register.role == "complaints":
        doc["deadline_months"] = register.deadline_months
        doc["per_month"] = [
            {"month": m.month, "received": m.received, "late": m.late}
            for m in per_month(register, as_of)
        ]
        doc["late"] = [
            {
                "reference": c.reference,
                "received": c.received.isoformat(),
                "answered": c.answered.isoformat() if c.answered else None,
                "deadline": due.isoformat(),
                "state": state,
                **(c.origin.to_dict() if c.origin else {}),
            }
            for c, state, due in late_complaints(register, as_of)
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

"""The certification cycle: surveillance, recertification and restoration from the certificate.

The rules are written out, with their sources, in ``docs/certification-cycle.md``; the
numbers are data in ``stages.toml``'s ``[cycle]`` table. In short:

- the certificate is valid for three years: without an expiry date on the Office sheet it
  expires three years less a day after the certification decision (the issue date);
- the cycle's anniversaries follow the expiry date (the day after it, three years back),
  because each new expiry runs from the previous one;
- surveillance audit N is planned on the N-th anniversary; its hard limit is 12 months
  after the decision for the first one after a decision that starts the cycle, and the end
  of the calendar year after the previous surveillance for the others; no hard limit runs
  past the date by which the recertification audit must be held;
- recertification: book it about 6 months before expiry; hold the audit at least 3 months
  before expiry, so that any major nonconformity can be closed and verified and the
  certification body can decide before the certificate expires; completed on time, the new
  certificate expires three years after the previous expiry date;
- an expired certificate can be restored by the certification body within 6 months of its
  expiry if the outstanding recertification activities are completed; after that,
  certification needs at least a stage 2 audit.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from readiness.core.catalogue import Cycle

NextAudit = Literal["surveillance", "recertification", "restoration", "stage2"]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def end_of_year(year: int) -> dt.date:
    """31 December of a year: the calendar-year rule's limit."""
    return dt.date(year, 12, 31)


def default_expiry(issued: dt.date, cycle: Cycle) -> dt.date:
    """Three years less a day after the certification decision."""
    return add_months(issued, 12 * cycle.validity_years) - dt.timedelta(days=1)


def renewed_expiry(expires: dt.date, cycle: Cycle | None = None) -> dt.date:
    """The expiry after a recertification completed in time: it runs from the previous expiry.

    ISO/IEC 17021-1 lets the new expiry be based on the expiry of the existing certificate
    when recertification is completed before it; a restored certificate keeps it too.
    """
    cycle = cycle or Cycle()
    return add_months(expires, 12 * cycle.validity_years)


@dataclass(frozen=True)
class CyclePlan:
    """Where an office stands in its certification cycle on a date.

    Attributes
    ----------
    cycle_start
        The day the current three-year cycle's anniversaries count from.
    surveillance_number
        Which surveillance audit of the cycle is next (1 or 2); None when none is left.
    surveillance_planned
        The date the certification body plans it: the anniversary (or its hard limit, if
        that comes first).
    next_surveillance
        Its hard limit: the date by which it must be held.
    recertification_book_by
        When to agree the recertification audit with the certification body.
    recertification_audit_by
        The last date for the recertification audit that leaves time to close any major
        nonconformity and decide before expiry.
    renewed_expiry
        The expiry of the certificate after a recertification completed in time.
    restore_until
        The last day on which an expired certificate can still be restored.
    """

    as_of: dt.date
    issued: dt.date
    expires: dt.date
    surveillance_held: tuple[dt.date, ...]
    next_surveillance: dt.date | None
    cycle_start: dt.date
    surveillance_number: int | None
    surveillance_planned: dt.date | None
    recertification_book_by: dt.date
    recertification_audit_by: dt.date
    renewed_expiry: dt.date
    restore_until: dt.date
    recertification_held: tuple[dt.date, ...] = ()
    restoration_months: int = 6

    @property
    def expired(self) -> bool:
        """The certificate is no longer valid."""
        return self.as_of > self.expires

    @property
    def restorable(self) -> bool:
        """Expired, but the certification body can still restore it."""
        return self.expired and self.as_of <= self.restore_until

    @property
    def days_to_expiry(self) -> int:
        """Days until the certificate expires (negative once expired)."""
        return (self.expires - self.as_of).days

    @property
    def days_to_surveillance(self) -> int | None:
        """Days until the next surveillance audit's hard limit (negative when overdue)."""
        return (
            None if self.next_surveillance is None else (self.next_surveillance - self.as_of).days
        )

    @property
    def surveillance_overdue(self) -> bool:
        """A surveillance audit's hard limit has passed and it has not been held."""
        return self.next_surveillance is not None and self.next_surveillance < self.as_of

    @property
    def recertification_from(self) -> dt.date:
        """When the recertification audit should be booked (kept for older callers)."""
        return self.recertification_book_by

    @property
    def recertification_due(self) -> bool:
        """The time to book the recertification audit has come (and no such audit is held)."""
        return self.as_of >= self.recertification_book_by and not self.recertification_held

    @property
    def recertification_overdue(self) -> bool:
        """The recertification audit should have been held by now and has not been."""
        return (
            not self.expired
            and self.as_of > self.recertification_audit_by
            and not self.recertification_held
        )

    @property
    def next_audit(self) -> NextAudit:
        """What the office's next certification-body audit is."""
        if self.expired:
            return "restoration" if self.restorable else "stage2"
        return "surveillance" if self.surveillance_number is not None else "recertification"

    @property
    def next_audit_date(self) -> dt.date:
        """The date the next audit is planned for, or the last date it can be held."""
        match self.next_audit:
            case "surveillance":
                assert self.surveillance_planned is not None
                return self.surveillance_planned
            case "recertification":
                return self.recertification_audit_by
            case "restoration":
                return self.restore_until
        return self.as_of


def plan(
    issued: dt.date,
    expires: dt.date | None,
    surveillance_held: Iterable[dt.date],
    as_of: dt.date,
    cycle: Cycle | None = None,
    recertification_held: Iterable[dt.date] = (),
) -> CyclePlan:
    """Plan the next surveillance audit, the recertification and, once expired, restoration.

    Parameters
    ----------
    issued
        Date of the certification decision (the certificate's issue date).
    expires
        Expiry date; three years less a day after ``issued`` when None.
    surveillance_held
        Dates of surveillance audits held; those on or before ``issued`` or after ``as_of``
        are ignored.
    as_of
        The assessment date.
    cycle
        The cycle's numbers; the defaults of stages.toml when None.
    recertification_held
        Dates of recertification audits held; only those in the last year before expiry
        (or since it) and not after ``as_of`` count.
    """
    cycle = cycle or Cycle()
    if expires is None:
        expires = default_expiry(issued, cycle)
    start = add_months(expires + dt.timedelta(days=1), -12 * cycle.validity_years)
    starts_cycle = issued >= start  # initial certification (or a restoration) began the cycle
    held = tuple(sorted(d for d in surveillance_held if issued < d <= as_of))
    recert_since = min(add_months(expires, -12), as_of)
    recert = tuple(sorted(d for d in recertification_held if recert_since <= d <= as_of))
    audit_by = add_months(expires, -cycle.recertification_audit_months)
    slots = cycle.validity_years - 1
    number: int | None = len(held) + 1 if len(held) < slots else None
    planned: dt.date | None = None
    limit: dt.date | None = None
    if number is not None:
        anniversary = add_months(start, 12 * number)
        if number == 1:
            limit = (
                add_months(issued, cycle.first_surveillance_months)
                if starts_cycle
                else end_of_year(anniversary.year)
            )
        else:
            limit = end_of_year(held[-1].year + 1)
        limit = min(limit, audit_by)
        planned = min(anniversary, limit)
    return CyclePlan(
        as_of=as_of,
        issued=issued,
        expires=expires,
        surveillance_held=held,
        next_surveillance=limit,
        cycle_start=start,
        surveillance_number=number,
        surveillance_planned=planned,
        recertification_book_by=add_months(expires, -cycle.recertification_booking_months),
        recertification_audit_by=audit_by,
        renewed_expiry=renewed_expiry(expires, cycle),
        restore_until=add_months(expires, cycle.restoration_months),
        recertification_held=recert,
        restoration_months=cycle.restoration_months,
    )

"""The certification cycle: surveillance audits and recertification from the certificate dates.

The rules (ISO/IEC 17021-1, as in DOMAIN.md; numbers from stages.toml):

- the certificate is valid for three years from the certification decision (issue date)
  unless the Office sheet gives the expiry date;
- the first surveillance audit falls within 12 months of the certification decision;
- after that, at least one surveillance audit each calendar year: the next one is due by
  31 December of the year after the previous one was held (or was due, if it was not);
- a three-year cycle holds two surveillance audits; then recertification, which must be
  completed before the certificate expires and is best started three months ahead.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from readiness.catalogue import Cycle


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class CyclePlan:
    """Where an office stands in its certification cycle on a date."""

    as_of: dt.date
    issued: dt.date
    expires: dt.date
    surveillance_held: tuple[dt.date, ...]
    next_surveillance: dt.date | None
    recertification_from: dt.date

    @property
    def expired(self) -> bool:
        """The certificate is no longer valid."""
        return self.as_of > self.expires

    @property
    def days_to_expiry(self) -> int:
        """Days until the certificate expires (negative once expired)."""
        return (self.expires - self.as_of).days

    @property
    def days_to_surveillance(self) -> int | None:
        """Days until the next surveillance audit is due (negative when overdue)."""
        return (
            None if self.next_surveillance is None else (self.next_surveillance - self.as_of).days
        )

    @property
    def surveillance_overdue(self) -> bool:
        """A surveillance audit was due before the assessment date and has not been held."""
        return self.next_surveillance is not None and self.next_surveillance < self.as_of

    @property
    def recertification_due(self) -> bool:
        """The window for recertification has opened."""
        return self.as_of >= self.recertification_from


def plan(
    issued: dt.date,
    expires: dt.date | None,
    surveillance_held: Iterable[dt.date],
    as_of: dt.date,
    cycle: Cycle | None = None,
) -> CyclePlan:
    """Compute the next surveillance audit and the recertification window.

    Parameters
    ----------
    issued
        Date of the certification decision (the certificate's issue date).
    expires
        Expiry date; three years less a day after ``issued`` when None.
    surveillance_held
        Dates of surveillance audits held; those before ``issued`` or after ``as_of`` are
        ignored.
    as_of
        The assessment date.
    cycle
        The cycle's numbers; the defaults of stages.toml when None.
    """
    cycle = cycle or Cycle()
    if expires is None:
        expires = add_months(issued, 12 * cycle.validity_years) - dt.timedelta(days=1)
    held = tuple(sorted(d for d in surveillance_held if issued < d <= as_of))
    slots = cycle.validity_years - 1
    due: dt.date | None = add_months(issued, cycle.first_surveillance_months)
    for index in range(slots):
        if index >= len(held):
            break
        anchor = held[index]
        due = dt.date(anchor.year + 1, 12, 31) if index + 1 < slots else None
    else:
        due = None  # every surveillance of the cycle is held: recertification is next
    if due is not None and due > expires:
        due = None
    return CyclePlan(
        as_of=as_of,
        issued=issued,
        expires=expires,
        surveillance_held=held,
        next_surveillance=due,
        recertification_from=add_months(expires, -cycle.recertification_lead_months),
    )

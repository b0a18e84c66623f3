"""The certification body's audit time (IAF MD 5) and the sample of sites (IAF MD 1).

Pure functions over the table in ``data/audit_time.toml``: the initial audit's auditor
days (stage 1 and stage 2 together) from the effective number of staff, each surveillance
audit (about a third), the recertification (about two thirds), the least time the
documented reductions may leave (at most 30 % off), and, with several sites, how many a
sample visits at each audit. With a day rate, the estimated value of a three-year contract
for a public tender's estimate. An estimate for planning, never a certification body's
quote.
"""

from __future__ import annotations

import itertools
import math
import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from readiness.core.messages import translator

CURRENCIES = ("PLN", "BGN", "EUR")


@dataclass(frozen=True)
class TimeRow:
    """One row of Table QMS 1: effective personnel from ``low`` to ``high``."""

    low: int
    high: int
    days: float


@dataclass(frozen=True)
class TimeTable:
    """Table QMS 1 and the rules around it, with their source."""

    rows: tuple[TimeRow, ...]
    surveillance_share: float
    recertification_share: float
    max_reduction: float
    round_to: float
    day_hours: int
    sample: dict[str, float]
    source: dict[str, Any]

    def citation(self, lang: str = "en") -> str:
        """The documents cited, in a reader's language (their numbers, issues and dates)."""
        _ = translator(lang)
        return " ".join(
            (
                _(
                    "{document} ({date}), issue {issue}, version {version}: Table QMS 1 and "
                    "the rules for surveillance, recertification and reductions; "
                    "{sites_document} ({sites_date}), issue {sites_issue}: the sample of sites."
                ).format(**self.source),
                _(
                    "In 2026 the IAF's documents passed to the Global Accreditation Cooperation "
                    "(GACI)."
                ),
            )
        )

    @property
    def checked(self) -> bool:
        """Whether the figures were compared with the current issue (``checked`` in the toml)."""
        return bool(self.source.get("checked", False))

    def caveat(self, lang: str = "en") -> str:
        """While the figures are not checked, the sentence shown wherever they appear; else ""."""
        if self.checked:
            return ""
        _ = translator(lang)
        return _(
            "Figures from {document}, issue {issue}, version {version} ({date}), not yet "
            "compared with its current issue."
        ).format(**self.source)


@cache
def load_time_table() -> TimeTable:
    """The shipped table (``data/audit_time.toml``)."""
    text = (resources.files("readiness") / "data" / "audit_time.toml").read_text("utf-8")
    doc = tomllib.loads(text)
    rules = doc["rules"]
    rows = tuple(TimeRow(int(r["min"]), int(r["max"]), float(r["days"])) for r in rules["table"])
    for before, after in itertools.pairwise(rows):
        if after.low != before.high + 1 or after.days <= before.days:
            raise ValueError(f"audit_time.toml: row {after} does not follow {before}")
    return TimeTable(
        rows=rows,
        surveillance_share=float(Fraction(rules["surveillance_share"])),
        recertification_share=float(Fraction(rules["recertification_share"])),
        max_reduction=float(rules["max_reduction"]),
        round_to=float(rules["round_to"]),
        day_hours=int(rules["day_hours"]),
        sample={
            "initial": float(rules["sample_initial"]),
            "surveillance": float(rules["sample_surveillance"]),
            "recertification": float(rules["sample_recertification"]),
        },
        source=dict(doc["source"]),
    )


@dataclass(frozen=True)
class AuditTime:
    """The audit time of one office, in auditor days, and the sites each audit visits."""

    staff: int  # effective personnel, rounded up to a whole person
    initial: float  # stage 1 + stage 2, the table's value
    surveillance: float  # each surveillance audit
    recertification: float
    initial_least: float  # after the largest reduction allowed
    surveillance_least: float
    recertification_least: float
    beyond_table: bool  # more staff than the table's last row: its last value is shown
    sites: int
    sample: dict[str, int]  # sites visited per audit kind (the central function included)

    def days(self, kind: str) -> float:
        """The auditor days of an audit kind: initial, surveillance or recertification."""
        return float(getattr(self, kind))

    def least(self, kind: str) -> float:
        """The least auditor days of an audit kind, after the largest reduction allowed."""
        return float(getattr(self, f"{kind}_least"))


def round_up(days: float, step: float) -> float:
    """``days`` rounded up to the next ``step`` (half a day)."""
    return math.ceil(round(days / step, 6)) * step


def site_sample(sites: int, factor: float) -> int:
    """Sites visited at an audit (IAF MD 1): ceil(factor * sqrt(sites)), at least one.

    The central function is always one of them; with one site, that site.
    """
    if sites <= 1:
        return 1
    return max(1, min(sites, math.ceil(round(factor * math.sqrt(sites), 6))))


def audit_time(staff: float, sites: int = 1, table: TimeTable | None = None) -> AuditTime:
    """The audit time for an office with ``staff`` effective personnel on ``sites`` sites.

    Parameters
    ----------
    staff
        Effective number of personnel (part-time staff counted by hours); rounded up to a
        whole person. Must be at least 1.
    sites
        Sites where the scope is carried out; 1 when it is all done in one seat.
    table
        The table; the shipped one by default.
    """
    table = table or load_time_table()
    if staff <= 0:
        raise ValueError("the number of staff must be at least 1")
    people = math.ceil(round(staff, 6))
    row = next((r for r in table.rows if r.low <= people <= r.high), table.rows[-1])
    initial = row.days
    step = table.round_to
    keep = 1 - table.max_reduction
    surveillance = round_up(initial * table.surveillance_share, step)
    recertification = round_up(initial * table.recertification_share, step)
    sites = max(1, sites)
    return AuditTime(
        staff=people,
        initial=initial,
        surveillance=surveillance,
        recertification=recertification,
        initial_least=round_up(initial * keep, step),
        surveillance_least=round_up(surveillance * keep, step),
        recertification_least=round_up(recertification * keep, step),
        beyond_table=people > table.rows[-1].high,
        sites=sites,
        sample={kind: site_sample(sites, f) for kind, f in table.sample.items()},
    )


@dataclass(frozen=True)
class ContractLine:
    """One audit of the three-year contract: its kind, year, days and value."""

    kind: str  # initial, surveillance, recertification
    year: int  # 1, 2 or 3 of the contract
    days: float
    least: float
    value: float
    least_value: float


def contract(time: AuditTime, certified: bool, day_rate: float) -> tuple[ContractLine, ...]:
    """The audits of a three-year certification contract, each valued at ``day_rate``.

    A certified office buys a recertification and two surveillance audits; an office on
    the road to certification the initial audit (stage 1 and stage 2) and two surveillance
    audits.
    """
    first = "recertification" if certified else "initial"
    lines = []
    for year, kind in enumerate((first, "surveillance", "surveillance"), start=1):
        days, least = time.days(kind), time.least(kind)
        lines.append(
            ContractLine(kind, year, days, least, round(days * day_rate, 2), least * day_rate)
        )
    return tuple(lines)

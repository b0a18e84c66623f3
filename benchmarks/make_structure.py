"""Fictional offices' structure (departments, auditors) for the audit programme's tests and
benchmarks, added to :mod:`make_offices`' content; and that content as the validated records
(no workbook written), so that thousands of offices can be planned quickly.

Everything is invented. The same seed gives the same offices.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from readiness.core.catalogue import Catalogue, load_catalogue
from readiness.core.model import Audit, Auditor, ClauseEntry, Department, Finding, Office, Workbook
from readiness.io.cells import parse_refs

SUPPORT = ("4; 6; 9.1.1; 9.1.3; 9.2; 10.1; 10.3", "5; 9.3", "7")
OPERATIONS = "8.1; 8.2; 8.5; 8.7"
EXTRAS = ("8.4", "8.6", "9.1.2", "10.2", "7.1.5", "8.3")
NAMES = ("Anna", "Piotr", "Ewa", "Jan", "Maria", "Tomasz", "Irena", "Marek", "Zofia", "Adam")
SURNAMES = ("Nowak", "Lis", "Wolny", "Sowa", "Kruk", "Dąb", "Bór", "Mak", "Len", "Grab")


def person(rng: random.Random, taken: set[str]) -> str:
    """A fictional person's name not used yet in the office."""
    while True:
        name = f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}-{rng.randint(1, 99)}"
        if name not in taken:
            taken.add(name)
            return name


def add_structure(
    content: dict[str, Any],
    rng: random.Random,
    departments: int | None = None,
    auditors: int | None = None,
    lead_share: float = 0.6,
) -> dict[str, Any]:
    """The content with an Office staff count and sites, departments and auditors added."""
    n_dep = departments or rng.randint(4, 12)
    n_aud = auditors or rng.randint(2, 8)
    taken: set[str] = set()
    rows = []
    for i in range(n_dep):
        refs = SUPPORT[i] if i < len(SUPPORT) else OPERATIONS
        if i >= len(SUPPORT):
            refs += "".join(f"; {e}" for e in EXTRAS if rng.random() < 0.3)
        row = {"name": f"Department {i + 1:02d}", "head": person(rng, taken), "refs": refs}
        if rng.random() < 0.15:
            row["changes"] = "Reorganised this year (fictional)."
        rows.append(row)
    if n_dep > len(SUPPORT):  # every extra requirement carried by an operational department
        last = rows[len(SUPPORT)]
        last["refs"] = OPERATIONS + "".join(f"; {e}" for e in EXTRAS)
    people = [
        {
            "name": person(rng, taken),
            "department": rng.choice(rows)["name"],
            "trained_on": dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
            "may_lead": "yes" if rng.random() < lead_share else "no",
        }
        for _ in range(n_aud)
    ]
    office = {
        **content["office"],
        "staff": round(rng.uniform(8, 600), 1),
        "sites": "\n".join(f"Site {k}" for k in range(1, rng.choice((1, 1, 2, 3, 5)) + 1)),
    }
    return {**content, "office": office, "departments": rows, "auditors": people}


def _exclusions(text: str, catalogue: Catalogue) -> dict[str, str]:
    if not text:
        return {}
    ref, _, why = text.partition(" - ")
    return {r.ref: why for r in catalogue.requirements_under(ref.strip())}


def workbook_from_content(content: dict[str, Any], catalogue: Catalogue | None = None) -> Workbook:
    """The validated records ``content`` would read back as (no workbook is written)."""
    catalogue = catalogue or load_catalogue()
    o = content["office"]
    exclusions = _exclusions(o.get("exclusions", ""), catalogue)
    office = Office(
        name=o["name"],
        kind=o["kind"],
        country=o["country"],
        language=o["language"],
        scope=o["scope"],
        current_stage=o["current_stage"],
        exclusions=exclusions,
        staff=o.get("staff"),
        sites=o.get("sites", ""),
    )
    clauses = {
        c["ref"]: ClauseEntry(
            ref=c["ref"],
            level=None if c["level"] == "na" else int(c["level"]),
            owner=c.get("owner", ""),
            notes=exclusions.get(c["ref"], ""),
        )
        for c in content["clauses"]
    }
    findings = tuple(
        Finding(
            id=f["id"],
            ref=f["ref"],
            source=f["source"],
            grade=f["grade"],
            description=f["description"],
            status=f["status"],
            owner=f.get("owner", ""),
            due=f.get("due"),
        )
        for f in content.get("findings", [])
    )
    audits = tuple(
        Audit(
            date=a["date"],
            refs=parse_refs(a["refs"], catalogue),
            auditor=a.get("auditor", ""),
            kind=a.get("kind", "internal"),
        )
        for a in content.get("audits", [])
    )
    departments = tuple(
        Department(
            name=d["name"],
            head=d.get("head", ""),
            refs=parse_refs(d["refs"], catalogue),
            changes=d.get("changes", ""),
        )
        for d in content.get("departments", [])
    )
    auditors = tuple(
        Auditor(
            name=a["name"],
            department=a.get("department", ""),
            trained_on=a.get("trained_on"),
            may_lead=a.get("may_lead") == "yes",
        )
        for a in content.get("auditors", [])
    )
    return Workbook(
        source="(generated)",
        office=office,
        clauses=clauses,
        findings=findings,
        audits=audits,
        departments=departments,
        auditors=auditors,
    )

"""Synthetic offices' results for the portfolio dashboard's tests (no notebooks run).

Each results document has the keys the dashboard reads from a real ``results.json``; the
values are drawn from a seeded generator, so a test can ask for thousands of them quickly.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from readiness.io.portfolio import Outcome, Source

AS_OF = dt.date(2026, 11, 20)
STAGES = ("initial", "documentation", "implementation", "evaluation", "readiness", "surveillance")


def results(index: int, rng: random.Random, **office: Any) -> dict[str, Any]:
    """One office's results document."""
    stage = rng.choice(STAGES)
    certified = stage == "surveillance"
    readiness = round(rng.random(), 4)
    expires = AS_OF + dt.timedelta(days=rng.randint(-30, 900)) if certified else None
    planned = AS_OF + dt.timedelta(days=rng.randint(-10, 400))
    blockers = rng.randint(0, 30)
    return {
        "schema_version": 2,
        "as_of": AS_OF.isoformat(),
        "lang": "en",
        "tool_version": "test",
        "stage": stage,
        "overall_readiness": readiness,
        "office": {
            "name": f"Office {index:05d}",
            "kind": rng.choice(("county_office", "municipality")),
            "country": rng.choice(("PL", "BG")),
            "stage1_date": None if certified else planned.isoformat(),
            "certificate_expires": expires.isoformat() if expires else None,
        }
        | office,
        "verdict": {
            "ready": blockers == 0,
            "blockers": blockers,
            "headline": "ready" if blockers == 0 else f"{blockers} blockers",
            "audit_planned": planned.isoformat() if certified else None,
        },
        "cycle": {"expires": expires.isoformat(), "expired": expires < AS_OF} if expires else None,
        "chapters": [
            {"ref": str(c), "applicable": 5, "readiness": round(rng.random(), 3)}
            for c in range(4, 11)
        ],
        "gaps": [{"ref": "4.1"}] * rng.randint(0, 20),
        "missing_documents": [{"ref": "5.2.2"}] * rng.randint(0, 5),
        "open_findings": {"major": ["M-1"] * rng.randint(0, 2), "minor": []},
        "overdue_findings": ["F-1"] * rng.randint(0, 3),
    }


def write_offices(
    root: Path, count: int, seed: int = 1, tweak: dict[int, dict[str, Any]] | None = None
) -> list[Outcome]:
    """``count`` offices' results.json under ``root``, and the outcomes a run would give."""
    rng = random.Random(seed)
    outcomes = []
    for index in range(count):
        doc = results(index, rng, **(tweak or {}).get(index, {}))
        identity = f"office-{index:05d}-0000abcd"
        folder = root / identity / AS_OF.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "results.json").write_text(json.dumps(doc), encoding="utf-8")
        (folder / "gap-report.html").write_text("<p>report</p>", encoding="utf-8")
        source = Source(root.parent / "in" / f"o{index}.xlsx", f"o{index}.xlsx")
        outcomes.append(Outcome(source, "ok", identity, f"{identity}/{AS_OF.isoformat()}"))
    return outcomes

"""Time the internal audit programme (readiness audit-plan's solver), printing the figures.

1. One large office: 40 departments and 15 auditors (target: under 2 s for the programme).
2. The portfolio's generated offices (benchmarks/make_offices.py, 3,000 by default), each
   with a structure added (benchmarks/make_structure.py) and planned in memory: offices per
   second, the slowest office, how many got a programme and why the others were refused.

Usage::

    python benchmarks/bench_programme.py [--offices 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_offices import AS_OF, office_content
from make_structure import add_structure, workbook_from_content
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.planner import plan_programme
from readiness.core.programme import Infeasible
from readiness.core.risk import department_risks

YEAR = AS_OF.year + 1


def plan(book, limit):
    assessment = assess(book, AS_OF, catalogue=load_catalogue())
    risks = department_risks(book, assessment, dt.date(YEAR, 1, 1))
    applicable = {r.ref for r in assessment.requirements if not r.excluded}
    certified = assessment.stage in ("surveillance", "recertification")
    return plan_programme(book, risks, applicable, YEAR, limit=limit, certified=certified)


def large_office(runs: int = 5) -> None:
    rng = random.Random(40)
    _lang, content = office_content(1, rng)
    content["office"]["current_stage"] = "implementation"
    book = workbook_from_content(add_structure(content, rng, 40, 15, lead_share=0.7))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        programme = plan(book, limit=14)
        times.append(time.perf_counter() - start)
    at_risk = sum(r.at_risk for r in programme.risks)
    print(
        f"large office: 40 departments ({at_risk} at risk), 15 auditors, "
        f"{len(programme.audits)} audits, largest load {max(programme.load.values())}, "
        f"{'optimal' if programme.optimal else 'feasible (time limit)'}"
    )
    print(
        f"  programme in {statistics.median(times):.2f} s median of {runs} "
        f"(min {min(times):.2f}, max {max(times):.2f}); target < 2 s: "
        f"{'met' if statistics.median(times) < 2 else 'NOT met'}"
    )


def portfolio(count: int, seed: int) -> None:
    load_catalogue()
    rng = random.Random(seed)
    books = []
    for index in range(count):
        _lang, content = office_content(index, rng)
        books.append(workbook_from_content(add_structure(content, rng)))
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    audits = 0
    start = time.perf_counter()
    for book in books:
        one = time.perf_counter()
        try:
            programme = plan(book, limit=6)
            outcomes["planned"] += 1
            audits += len(programme.audits)
        except Infeasible as exc:
            outcomes[exc.code] += 1
        slowest = max(slowest, time.perf_counter() - one)
    total = time.perf_counter() - start
    print(f"{count} generated offices (seed {seed}), assessed, weighed and planned in memory:")
    print(
        f"  {total:.1f} s in all, {total / count * 1000:.0f} ms per office, "
        f"{count / total:.1f} offices/s, slowest office {slowest:.2f} s"
    )
    print(
        f"  {outcomes['planned']} programmes ({audits} audits); refused: "
        + ", ".join(f"{code} {n}" for code, n in sorted(outcomes.items()) if code != "planned")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offices", type=int, default=3000, help="0: the large office only")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    large_office()
    if args.offices:
        portfolio(args.offices, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

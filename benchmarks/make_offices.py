"""Generate N fictional offices' evidence workbooks for the portfolio: ``make_offices.py N``.

Usage::

    python benchmarks/make_offices.py 300 --out /tmp/offices [--seed 7] [--broken 2]

Every office is invented (names built from made-up syllables); the same seed gives the
same workbooks, byte for byte in content. Offices vary in country (PL, BG), language (pl,
bg, en), kind, stage (initial to recertification), levels, evidence, findings of every
grade, audits, management reviews and certificates (valid, expiring soon, expired). Some
offices deliberately share a name (as real ones do: several "Gmina Nowa Wieś"), so that
their folders must be told apart. ``--broken K`` adds K files that are not valid
workbooks (one not a workbook at all, the others with errors), to show that one bad
workbook never stops a run. Workbooks are spread over region sub-folders.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

from readiness.core.catalogue import load_catalogue
from readiness.io.template import write_workbook

AS_OF = dt.date(2026, 11, 20)  # the benchmark's and tests' assessment date
STAGES = (
    "initial",
    "documentation",
    "implementation",
    "evaluation",
    "readiness",
    "surveillance",
    "recertification",
)
STAGE_WEIGHTS = (14, 14, 18, 14, 12, 20, 8)
MEAN_LEVEL = {
    "initial": 1.2,
    "documentation": 1.9,
    "implementation": 2.5,
    "evaluation": 2.9,
    "readiness": 3.1,
    "surveillance": 3.2,
    "recertification": 3.3,
}
SYLLABLES = ("bor", "wie", "gra", "lin", "dol", "kra", "sto", "mir", "rud", "zel", "pol", "nov")
BG_SYLLABLES = ("бор", "вел", "гра", "дол", "кра", "сто", "мир", "руд", "зел", "пол", "нов")
KINDS = {
    "PL": (
        ("county_office", "Starostwo Powiatowe w {place}"),
        ("municipal_office", "Urząd {place}"),
    ),
    "BG": (
        ("oblast_administration", "Областна администрация {place}"),
        ("municipality", "Община {place}"),
    ),
}
GRADES = ("major", "minor", "minor", "observation", "ofi", "ofi")
STATUSES = ("open", "in_progress", "closed", "verified")
SOURCES = ("gap_analysis", "internal_audit", "management_review", "complaint")
REVIEW_INPUTS = (
    "earlier_actions", "issues", "satisfaction", "objectives", "process_performance",
    "nonconformities", "monitoring", "audits", "providers", "resources", "risks", "improvement",
)  # fmt: skip


def _place(rng: random.Random, country: str) -> str:
    pool = BG_SYLLABLES if country == "BG" else SYLLABLES
    word = "".join(rng.choice(pool) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + ("o" if country == "PL" else "")


def _day(rng: random.Random, start: int, end: int) -> dt.date:
    """A day between ``start`` and ``end`` days from AS_OF."""
    return AS_OF + dt.timedelta(days=rng.randint(start, end))


def office_content(index: int, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """One fictional office's language and workbook content."""
    catalogue = load_catalogue()
    refs = [r.ref for r in catalogue.requirements]
    country = "BG" if rng.random() < 0.35 else "PL"
    lang = rng.choice(("bg", "bg", "en")) if country == "BG" else rng.choice(("pl", "pl", "en"))
    kind, pattern = rng.choice(KINDS[country])
    place = _place(rng, country)
    stage = rng.choices(STAGES, STAGE_WEIGHTS)[0]
    certified = stage in ("surveillance", "recertification")
    mean = MEAN_LEVEL[stage]
    levels: dict[str, int | str] = {}
    for ref in refs:
        levels[ref] = max(0, min(4, round(rng.gauss(mean, 0.8))))
    design_excluded = rng.random() < 0.7
    if design_excluded:
        levels.update({r: "na" for r in refs if r.startswith("8.3.")})
    office: dict[str, Any] = {
        "name": pattern.format(place=place),
        "kind": kind,
        "country": country,
        "language": lang,
        "scope": f"Public services of office no. {index} (fictional).",
        "exclusions": "8.3 - The office does not design its services; the law sets them."
        if design_excluded
        else "",
        "quality_representative": f"Representative {index}",
        "consultant": "Fictional Consulting",
        "certification_body": "Fictional Certification Body",
        "current_stage": stage,
    }
    if not certified:
        office["stage1_date"] = _day(rng, 20, 400)
    else:
        issued = _day(rng, -1100, -60)
        office["certificate_number"] = f"QMS-{index:05d} (fictional)"
        office["certificate_issued"] = issued
        office["certificate_expires"] = issued + dt.timedelta(days=3 * 365 - 1)
        office["stage1_date"] = issued - dt.timedelta(days=90)
    findings = []
    for n in range(rng.randint(0, 7)):
        status = rng.choice(STATUSES)
        findings.append(
            {
                "id": f"F-{index}-{n + 1}",
                "ref": rng.choice(refs),
                "source": rng.choice(SOURCES),
                "grade": rng.choice(GRADES),
                "description": f"Finding {n + 1} of office {index} (fictional).",
                "action": "Correct it and check the effect.",
                "owner": f"Owner {n + 1}",
                "due": _day(rng, -120, 200),
                "status": status,
                "closed_on": _day(rng, -100, -1) if status in ("closed", "verified") else None,
            }
        )
    evidence = [
        {
            "refs": ref,
            "title": f"Document for {ref}",
            "kind": rng.choice(("maintain", "retain", "other")),
            "reference": f"DOC-{index}-{i}",
            "owner": "Quality team",
            "dated": _day(rng, -400, -10),
            "review_due": _day(rng, -60, 365),
            "status": rng.choice(("approved", "approved", "approved", "draft")),
        }
        for i, ref in enumerate(rng.sample(refs, rng.randint(3, 25)), start=1)
    ]
    audits = [
        {
            "date": _day(rng, -330, -5),
            "refs": rng.choice(("4; 5; 6", "7; 8", "9; 10", "all", "4; 5; 6; 7; 8; 9; 10")),
            "auditor": "Internal Auditor",
            "report": f"IA-{index}-{i}",
        }
        for i in range(rng.randint(0, 3))
    ]
    if certified:
        audits.append(
            {
                "date": office["certificate_issued"] - dt.timedelta(days=10),
                "refs": "all",
                "auditor": "Fictional Certification Body",
                "report": "Stage 2",
                "kind": "stage2",
            }
        )
    reviews = []
    if stage not in ("initial", "documentation") and rng.random() < 0.8:
        reviews.append(
            {
                "date": _day(rng, -300, -5),
                "minutes": f"MR-{index}",
                **{f"input:{i}": rng.choice(("yes", "yes", "yes", "no")) for i in REVIEW_INPUTS},
            }
        )
    content = {
        "office": office,
        "clauses": [
            {"ref": r, "level": lv, "owner": "Quality team", "assessed_on": _day(rng, -60, -1)}
            for r, lv in levels.items()
        ],
        "evidence": evidence,
        "findings": findings,
        "audits": audits,
        "reviews": reviews,
    }
    return lang, content


def _broken(folder: Path, index: int, rng: random.Random) -> Path:
    """A file that is not a valid workbook: not a workbook at all, or one with errors."""
    if index == 0:
        path = folder / "broken-not-a-workbook.xlsx"
        path.write_bytes(b"This is not a spreadsheet.\n" * 10)
        return path
    lang, content = office_content(100_000 + index, rng)
    content["clauses"][0]["level"] = 9  # not a level: an error with sheet and cell
    content["office"]["name"] = ""  # a required field left empty
    path = folder / f"broken-with-errors-{index}.xlsx"
    write_workbook(path, lang=lang, content=content, catalogue=load_catalogue())
    return path


def make_offices(
    count: int, out: Path, seed: int = 2026, broken: int = 0, duplicates: int = 25
) -> list[Path]:
    """Write ``count`` fictional offices (and ``broken`` bad files) under ``out``.

    Every ``duplicates``-th office takes the name of the office before it (a different
    office with the same name, in another region folder).
    """
    rng = random.Random(seed)
    paths = []
    previous_name = ""
    for index in range(1, count + 1):
        lang, content = office_content(index, rng)
        if duplicates and index % duplicates == 0 and previous_name:
            content["office"]["name"] = previous_name
        previous_name = content["office"]["name"]
        region = out / f"region-{index % 16:02d}"
        region.mkdir(parents=True, exist_ok=True)
        path = region / f"office-{index:05d}.xlsx"
        write_workbook(path, lang=lang, content=content, catalogue=load_catalogue())
        paths.append(path)
    for index in range(broken):
        folder = out / "region-broken"
        folder.mkdir(parents=True, exist_ok=True)
        paths.append(_broken(folder, index, rng))
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``make_offices.py N [--out DIR] [--seed S] [--broken K]``."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("count", type=int, help="how many offices")
    p.add_argument("--out", default="offices", help="folder to write into (default: offices)")
    p.add_argument("--seed", type=int, default=2026, help="random seed (default: 2026)")
    p.add_argument("--broken", type=int, default=0, help="bad workbooks to add (default: 0)")
    args = p.parse_args(argv)
    paths = make_offices(args.count, Path(args.out), seed=args.seed, broken=args.broken)
    print(f"wrote {len(paths)} workbooks under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

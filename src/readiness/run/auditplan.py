"""``readiness audit-plan``: an office's internal audit programme for a year, and the audit time.

Reads the workbook once, assesses it, weighs each department's risk, solves the programme
(:mod:`readiness.core.programme`) and writes, into a staging folder promoted whole to
``<out>/<office>/audit-programme-<year>/``: ``audit-programme.xlsx`` (rows for the Audits
sheet), ``audit-programme.html`` and ``.pdf`` (the calendar), and with a day rate
``tender-estimate.xlsx``. The workbook is only read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from readiness.core.assess import assess
from readiness.core.audittime import AuditTime, ContractLine, audit_time, contract
from readiness.core.catalogue import load_catalogue
from readiness.core.messages import check_language, translator
from readiness.core.model import Workbook
from readiness.core.planner import plan_programme
from readiness.core.problems import Problem, WorkbookError
from readiness.core.programme import Programme
from readiness.core.risk import department_risks
from readiness.io.output import promote, safe_name, staging_dir, write_bytes, write_text
from readiness.io.programme import write_programme_xlsx, write_tender_xlsx
from readiness.render.audittime import audit_time_view
from readiness.render.programme import (
    programme_view,
    reason_text,
    summary,
    to_html,
    to_pdf,
)

FILES = ("audit-programme.xlsx", "audit-programme.html", "audit-programme.pdf")
TENDER = "tender-estimate.xlsx"


@dataclass(frozen=True)
class ProgrammeRun:
    """What ``audit-plan`` wrote, and what it found."""

    folder: Path
    files: tuple[Path, ...]
    programme: Programme
    time: AuditTime | None
    contract: tuple[ContractLine, ...]
    summary: str
    problems: tuple[Problem, ...]


def office_time(book: Workbook) -> AuditTime | None:
    """The office's audit time, when its Office sheet gives the number of staff."""
    staff = book.office.staff
    if not staff or staff <= 0:
        return None
    return audit_time(staff, max(1, len(book.office.site_list)))


def is_certified(book: Workbook, stage: str) -> bool:
    """Whether the office's current stage is one of the certified stages."""
    return load_catalogue().stage(stage).kind == "certified"


def plan_office(
    workbook: Path,
    year: int,
    out: Path,
    months: tuple[int, ...] = tuple(range(1, 13)),
    lang: str | None = None,
    limit: int = 6,
    annual: bool = False,
    day_rate: float | None = None,
    currency: str = "PLN",
    as_of: dt.date | None = None,
    say: Callable[[str], None] = lambda _message: None,
    on_language: Callable[[str], None] | None = None,
) -> ProgrammeRun:
    """Plan an office's audits for ``year`` and write the programme's files.

    ``on_language`` is called with the language of the messages as the workbook's one read
    chooses it (the command line says its errors in it).

    Raises
    ------
    WorkbookError
        The workbook has errors.
    readiness.core.programme.Infeasible
        No programme satisfies the rules (the exception says which and what would fix it).
    ValueError
        A day rate was given but the Office sheet has no number of staff.
    """
    from readiness.io.workbook import read_workbook

    day = as_of or dt.date.today()
    catalogue = load_catalogue()
    book, problems = read_workbook(
        workbook, as_of=day, lang=lang, on_language=on_language, catalogue=catalogue
    )
    if book is None:
        raise WorkbookError(problems)
    lang = check_language(lang or book.office.language)
    _ = translator(lang)
    assessment = assess(book, day, catalogue=catalogue)
    start = dt.date(year, months[0], 1)
    risks = department_risks(book, assessment, start)
    applicable = {r.ref for r in assessment.requirements if not r.excluded}
    say(_("Planning the audits of {year}").format(year=year))
    programme = plan_programme(
        book,
        risks,
        applicable,
        year,
        months,
        limit=limit,
        certified=is_certified(book, assessment.stage),
        annual=annual,
    )
    time = office_time(book)
    lines: tuple[ContractLine, ...] = ()
    if day_rate is not None:
        if time is None:
            raise ValueError(
                _("Fill in the number of staff on the Office sheet to estimate the contract.")
            )
        lines = contract(time, is_certified(book, assessment.stage), day_rate)
    time_view = audit_time_view(time, lang, lines, currency, day_rate or 0.0) if time else None
    view = programme_view(programme, book.office, lang, catalogue, day, time_view)
    office_dir = out.resolve() / safe_name(book.office.name)  # printed paths are absolute
    final = office_dir / f"audit-programme-{year}"
    staging = staging_dir(final)
    names = list(FILES)
    write_programme_xlsx(
        staging / FILES[0],
        programme,
        lang,
        catalogue,
        lambda audit: "; ".join(reason_text(r, lang) for r in audit.risk.reasons),
    )
    write_text(staging / FILES[1], to_html(view))
    write_bytes(staging / FILES[2], to_pdf(view))
    if time is not None and lines:
        write_tender_xlsx(
            staging / TENDER, book.office.name, time, lines, currency, day_rate or 0.0, lang
        )
        names.append(TENDER)
    promote(staging, final)
    return ProgrammeRun(
        folder=final,
        files=tuple(final / name for name in names),
        programme=programme,
        time=time,
        contract=lines,
        summary=summary(programme, lang),
        problems=tuple(problems),
    )

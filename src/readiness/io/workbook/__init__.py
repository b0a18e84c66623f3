"""Read and validate an office's evidence workbook, split by what each step does.

- ``opening``: the guard, then python-calamine (openpyxl for a sheet it cannot read);
- ``headers``: sheets and header rows found in any language;
- ``cells``: one cell parsed as people type it (dates, levels, choices, clause lists);
- ``rules``: each sheet's rules applied and the validated records built.

The workbook is opened once; the language of the messages can be taken from its Office
sheet during that one read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from readiness.core.catalogue import Catalogue, load_catalogue
from readiness.core.messages import check_language, every_translation
from readiness.core.model import Workbook
from readiness.core.problems import Problem, WorkbookError, errors
from readiness.core.schema import OFFICE, choices
from readiness.io.caf import caf_scores, caf_sheet
from readiness.io.cells import BadValue, is_blank, norm, parse_choice
from readiness.io.confine import confined
from readiness.io.registers.attach import attach_registers, sources_path
from readiness.io.workbook.decisions import read_decisions
from readiness.io.workbook.objectives import read_objectives
from readiness.io.workbook.rules import Reader
from readiness.io.workbook.structure import read_structure

__all__ = ["load_workbook", "office_language", "read_workbook"]


def read_workbook(
    path: Path | str,
    *,
    as_of: dt.date | None = None,
    lang: str | None = "en",
    catalogue: Catalogue,
    on_language: Callable[[str], None] | None = None,
    sources: Path | str | None = None,
    trusted: Sequence[Path] = (),
) -> tuple[Workbook | None, list[Problem]]:
    """Read and validate an evidence workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file. It is only read, and opened once.
    as_of
        The assessment date; audits and reviews dated after it are errors.
    lang
        Language of the problem messages; None takes the language the Office sheet asks
        for (English when it cannot be read).
    catalogue
        The catalogue of the edition assessed against; always passed (no silent default).
    on_language
        Called with the language of the messages once it is chosen, before any sheet is
        checked (the command line says what it checks in that language).
    sources
        A sources file naming the office's registers; by default the one the Office sheet
        names (relative to the workbook). Their rows join the sheets' own, with provenance.
        The one the Office sheet names must resolve inside the workbook's folder, and the
        registers inside the sources file's folder (see :mod:`readiness.io.confine`).
    trusted
        Folders trusted besides (``--trust``): paths inside them are read too.

    Returns
    -------
    tuple
        The workbook (None when there are errors) and every problem found.
    """
    reader = Reader(Path(path), catalogue, as_of, lang or "en")
    book = reader.open()
    if book is not None and lang is None:
        reader.speak(_asked_language(reader, book) or "en")
    if on_language is not None:
        on_language(reader.lang)
    if book is None:
        return None, reader.problems
    office = reader.office(book)
    clauses = reader.clauses(book, office)
    evidence, findings, audits, reviews = reader.records(book)
    scores: dict[str, int] = {}
    caf_problems: list[Problem] = []
    if (caf := caf_sheet(book.sheet_names)) is not None:  # the optional CAF sheet
        rows = [row for _number, row in reader.rows(book, caf)]
        scores, caf_problems = caf_scores(rows, caf, Path(path).name, reader.lang)
        reader.problems.extend(caf_problems)
    departments, auditors = read_structure(reader, book)  # the optional structure sheets
    decisions = read_decisions(reader, book, reviews)  # optional: what reviews decided
    objectives, results = read_objectives(reader, book)  # optional: quality objectives
    book.close()
    if office is None or errors(reader.problems):
        return None, reader.problems
    workbook = Workbook(
        source=str(path),
        office=office,
        clauses=clauses,
        evidence=tuple(evidence),
        findings=tuple(findings),
        audits=tuple(a for a in audits if a.status != "planned"),
        reviews=tuple(reviews),
        caf_scores=scores,
        caf_problems=tuple(caf_problems),
        departments=departments,
        auditors=auditors,
        planned_audits=tuple(a for a in audits if a.status == "planned"),
        decisions=decisions,
        objectives=objectives,
        objective_results=results,
    )
    registers = sources_path(path, office.sources, sources)
    if registers is not None and sources is None:  # named inside the workbook: confined
        registers, allowed = confined(Path(path).resolve().parent, office.sources.strip(), trusted)
        if not allowed:
            sheet, _sep, cell = reader.sources_place.partition("!")
            reader.add(
                "path-outside",
                reader._("The sources file lies outside the workbook's folder; it is not read."),
                sheet=sheet,
                cell=cell,
                value=str(registers),
                expected=reader._("a sources file in the workbook's folder or below it"),
                hint=reader._(
                    "Keep each office's registers beside its workbook, or trust the folder "
                    "on purpose with: --trust FOLDER"
                ),
            )
            return None, reader.problems
    if registers is not None:
        workbook, found = attach_registers(
            workbook,
            registers,
            catalogue=reader.catalogue,
            as_of=as_of,
            lang=reader.lang,
            named=sources is None,
            trusted=trusted,
        )
        reader.problems.extend(found)
        if errors(found):
            return None, reader.problems
    return workbook, reader.problems


def _asked_language(reader: Reader, book: CalamineWorkbook) -> str | None:
    """The language the Office sheet asks for, found without recording any problem."""
    wanted = {norm(name) for name in every_translation(OFFICE.name)}
    name = next((str(n) for n in book.sheet_names if norm(n) in wanted), None)
    if name is None:
        return None
    raw = reader.office_cells(book, name).get("language", ("", ""))[0]
    if is_blank(raw):
        return None
    try:
        return check_language(parse_choice(raw, choices("language", reader.catalogue)))
    except (BadValue, ValueError):
        return None


def office_language(path: Path | str) -> str | None:
    """The report language the Office sheet asks for, or None when it cannot be read."""
    reader = Reader(Path(path), load_catalogue(), None, "en")
    book = reader.open()
    if book is None:
        return None
    try:
        return _asked_language(reader, book)
    finally:
        book.close()


def load_workbook(path: Path | str, **kwargs: Any) -> Workbook:
    """Read a workbook, raising :class:`WorkbookError` listing every error when it has any."""
    workbook, problems = read_workbook(path, **kwargs)
    if workbook is None:
        raise WorkbookError(problems)
    return workbook

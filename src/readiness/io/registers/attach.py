"""Registers joined to the workbook: their records beside the sheets' own, with provenance."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from readiness.core.catalogue import Catalogue
from readiness.core.messages import translator
from readiness.core.model import Workbook
from readiness.core.problems import Problem
from readiness.io.cells import norm
from readiness.io.registers.reading import Registers, read_registers
from readiness.io.registers.sources import load_sources


def sources_path(workbook: Path | str, named: str, given: Path | str | None = None) -> Path | None:
    """The sources file: the one given, else the Office sheet's, relative to the workbook."""
    if given:
        return Path(given)
    if not named.strip():
        return None
    path = Path(named.strip())
    return path if path.is_absolute() else Path(workbook).parent / path


def _duplicate_results(
    workbook: Workbook, registers: Registers, _: Callable[[str], str]
) -> list[Problem]:
    """A warning for each register value of an objective and period already measured.

    Both values are kept (the analysis orders them by period); the warning names the
    register's row and where the first value is.
    """
    out: list[Problem] = []
    seen = {
        (norm(r.objective), norm(r.period)): f"{Path(workbook.source).name}, {r.row}"
        for r in workbook.objective_results
    }
    for read in registers.reads:
        for result in read.objective_results:
            key = (norm(result.objective), norm(result.period))
            if key in seen:
                out.append(
                    Problem(
                        "duplicate-result",
                        "warning",
                        _(
                            "The objective {name} has two values for the period {period} "
                            "(first in row {row})."
                        ).format(name=result.objective, period=result.period, row=seen[key]),
                        read.spec.file,
                        read.sheet,
                        f"A{result.row}",
                        result.period,
                        _("one row per objective and period"),
                        _("Keep the value measured for the period and delete the other."),
                    )
                )
            seen.setdefault(key, f"{read.spec.file}, {result.row}")
    return out


def attach_registers(
    workbook: Workbook,
    sources: Path,
    *,
    catalogue: Catalogue,
    as_of: dt.date | None = None,
    lang: str = "en",
    named: bool = False,
    trusted: Sequence[Path] = (),
) -> tuple[Workbook, list[Problem]]:
    """The workbook with the records its registers supply added, and the problems found.

    Parameters
    ----------
    workbook
        The workbook as its sheets give it.
    sources
        The sources file naming the registers.
    catalogue, as_of, lang
        As for reading the workbook.
    named
        The Office sheet names the sources file (rather than the command): when it is not
        there (a workbook copied without its registers), a warning says so and the
        workbook is read alone.
    trusted
        Folders the registers may lie in besides the sources file's own (``--trust``).

    Returns
    -------
    tuple
        The workbook with the registers' evidence, findings, audits, reviews, objective
        results, survey answers and supplier evaluations after its own, and ``registers``
        naming where each came from; every problem found (a finding ID used both in the
        workbook and in a register is an error).
    """
    _ = translator(lang)
    if named and not sources.is_file():
        warning = Problem(
            "sources-missing",
            "warning",
            _(
                "The Office sheet names a sources file that is not there; "
                "the registers are not read."
            ),
            Path(workbook.source).name,
            value=str(sources),
            expected=_("the sources file, relative to the workbook"),
            hint=_("Keep the registers' folder beside the workbook, or correct the path."),
        )
        return workbook, [warning]
    spec, problems = load_sources(sources, lang, trusted)
    if spec is None:
        return workbook, problems
    registers, found = read_registers(
        spec, catalogue=catalogue, as_of=as_of, lang=lang, country=workbook.office.country
    )
    problems += found
    seen = {f.id: f"{Path(workbook.source).name}, {f.row}" for f in workbook.findings}
    for read in registers.reads:
        for finding in read.findings:
            if finding.id in seen:
                problems.append(
                    Problem(
                        "duplicate-finding",
                        "error",
                        _("Finding {id} is listed twice (first in row {row}).").format(
                            id=finding.id, row=seen[finding.id]
                        ),
                        read.spec.file,
                        read.sheet,
                        f"A{finding.row}",
                        finding.id,
                        _("a unique ID per finding"),
                        _("Give each finding its own ID, such as IA-07."),
                    )
                )
            seen.setdefault(finding.id, f"{read.spec.file}, {finding.row}")
    problems += _duplicate_results(workbook, registers, _)
    joined = dataclasses.replace(
        workbook,
        evidence=workbook.evidence + tuple(registers.records("evidence")),
        findings=workbook.findings + tuple(registers.records("findings")),
        audits=workbook.audits + tuple(registers.records("audits")),
        reviews=workbook.reviews + tuple(registers.records("reviews")),
        surveys=workbook.surveys + tuple(registers.records("surveys")),
        suppliers=workbook.suppliers + tuple(registers.records("suppliers")),
        objective_results=workbook.objective_results
        + tuple(registers.records("objective_results")),
        registers=registers.registers,
    )
    return joined, problems

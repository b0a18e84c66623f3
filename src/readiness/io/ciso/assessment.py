"""An office's assessment as the sheet CISO Assistant's data wizard imports.

The layout follows ``backend/data_wizard/views.py`` and ``docs/guide/data-import-wizard.md``
of intuitem/ciso-assistant-community; ``docs/frameworks.md`` documents the level mapping.
Every text is written through :mod:`readiness.io.neutral`: formula-like text is a string
cell with Excel's quote prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlsxWorkbook
from openpyxl import load_workbook

from readiness.core.assess import Assessment, RequirementResult
from readiness.core.catalogue import Catalogue
from readiness.core.messages import translator
from readiness.core.model import Workbook
from readiness.core.schema import LEVEL_LABELS
from readiness.io.ciso.library import node_urn
from readiness.io.neutral import append_row
from readiness.io.output import write_bytes

COLUMNS = (
    "urn",
    "ref_id",
    "assessable",
    "name",
    "compliance_result",
    "requirement_progress",
    "score",
    "observations",
)
"""The compliance-assessment sheet's columns: ``urn`` and ``ref_id`` find the requirement
(ref_id first), ``name`` is an anchor for people, the rest are imported."""
RESULTS = ("not_assessed", "partially_compliant", "non_compliant", "compliant", "not_applicable")
PROGRESS = ("to_do", "in_progress", "in_review", "done")
SCORE_PER_LEVEL = 25
"""Score 0-100 (CISO Assistant's default range) = level 0-4 x 25."""


@dataclass(frozen=True)
class Row:
    """One row of the compliance-assessment sheet."""

    urn: str
    ref_id: str
    name: str
    compliance_result: str
    requirement_progress: str
    score: int | None
    observations: str

    def values(self) -> list[Any]:
        """The row's cells in ``COLUMNS`` order (``assessable`` always true)."""
        return [
            self.urn,
            self.ref_id,
            True,
            self.name,
            self.compliance_result,
            self.requirement_progress,
            self.score,
            self.observations,
        ]


def level_mapping(result: RequirementResult, assessed: bool = True) -> tuple[str, str, int | None]:
    """Our level of one requirement as CISO Assistant's result, progress and score.

    ============================  =====================  ====================  =====
    ours                          compliance_result      requirement_progress  score
    ============================  =====================  ====================  =====
    N/A, allowed and justified    not_applicable         done                  blank
    blank (not assessed)          not_assessed           to_do                 blank
    N/A without justification     non_compliant          to_do                 0
    0 not addressed               non_compliant          to_do                 0
    1 planned                     non_compliant          in_progress           25
    2 documented                  partially_compliant    in_progress           50
    3 or 4, below the target      partially_compliant    in_review             75
    at or above the target        compliant              done                  level x 25
    ============================  =====================  ====================  =====

    The target is the level the catalogue expects for certification (3 or 4); ``assessed``
    is false when the workbook leaves the level blank or has no row for the requirement.
    The level is the one after the nonconformity cap (an open major counts as at most 2, a
    minor or an unverified major as at most 3), and a requirement under an open
    nonconformity is never compliant; a gap or an observation changes nothing.
    """
    if result.excluded:
        return "not_applicable", "done", None
    if result.level is None:
        return "non_compliant", "to_do", 0
    if not assessed:
        return "not_assessed", "to_do", None
    level = result.score_level
    score = level * SCORE_PER_LEVEL
    if level >= result.target and not result.open_nc:
        return "compliant", "done", score
    if level >= 3:
        return "partially_compliant", "in_review", score
    if level == 2:
        return "partially_compliant", "in_progress", score
    if level == 1:
        return "non_compliant", "in_progress", score
    return "non_compliant", "to_do", score


def assessment_rows(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, lang: str = "en"
) -> list[Row]:
    """The assessable requirements of an assessment as compliance-assessment rows."""
    _ = translator(lang)
    rows = []
    for result in assessment.requirements:
        entry = workbook.clauses.get(result.ref)
        assessed = entry is not None and entry.assessed
        outcome, progress, score = level_mapping(result, assessed)
        parts = []
        if result.level is not None and assessed:
            parts.append(
                _("Level %(level)s (%(name)s); target for certification %(target)s")
                % {
                    "level": result.level,
                    "name": _(LEVEL_LABELS[result.level]),
                    "target": result.target,
                }
            )
        if result.owner:
            parts.append(_("Owner: %(owner)s") % {"owner": result.owner})
        if result.notes:
            parts.append(result.notes)
        rows.append(
            Row(
                urn=node_urn(catalogue.edition, result.ref),
                ref_id=result.ref,
                name=catalogue.title(result.ref, lang),
                compliance_result=outcome,
                requirement_progress=progress,
                score=score,
                observations="\n".join(parts),
            )
        )
    return rows


def write_assessment(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, path: Path, lang: str = "en"
) -> Path:
    """Write the compliance-assessment sheet (xlsx, one sheet, ``COLUMNS``) to ``path``."""
    book = XlsxWorkbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "compliance_assessment"
    sheet.append(list(COLUMNS))
    for row in assessment_rows(workbook, assessment, catalogue, lang):
        append_row(sheet, row.values())  # formula-like text: a string, quote-prefixed
    for column, width in zip("ABCDEFGH", (48, 10, 11, 50, 20, 20, 7, 70), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())
    return path


def read_assessment(path: Path) -> list[dict[str, Any]]:
    """The first sheet of an assessment file as dicts keyed by its header (for checks)."""
    book = load_workbook(path, read_only=True)
    try:
        sheet = book.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]

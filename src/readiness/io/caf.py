"""The optional CAF sheet: an office's CAF 2020 self-assessment scores, one per sub-criterion.

The template writes it on request (``readiness template --caf``): each sub-criterion's
number and our short name, a score 0-100 (a whole number, checked by a drop-down rule) and
notes. The reader takes the scores back by number; a workbook without the sheet has no
scores, which is not a problem. Sheet name and headers are read in any of en, pl and bg.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from python_calamine import CalamineWorkbook

from readiness.core.frameworks import load_framework
from readiness.core.messages import N_, every_translation, translator
from readiness.core.problems import Problem

if TYPE_CHECKING:  # openpyxl is loaded only to write the sheet (the template)
    from openpyxl import Workbook as XlWorkbook

SHEET_NAME = N_("CAF 2020")
HEADERS = (N_("Sub-criterion"), N_("Name"), N_("Score (0-100)"), N_("Notes"))
WIDTHS = (14, 60, 14, 50)


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def write_caf_sheet(book: XlWorkbook, lang: str, scores: Mapping[str, Any] | None = None) -> None:
    """Add the CAF sheet to a workbook being written, prefilled with the 28 sub-criteria.

    Parameters
    ----------
    book
        The openpyxl workbook the template is writing.
    lang
        Language of the sheet name, headers and sub-criterion names.
    scores
        Scores to fill in, by sub-criterion (the samples and tests); empty by default.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    _ = translator(lang)
    caf = load_framework("caf2020")
    ws = book.create_sheet(_(SHEET_NAME))
    ws.append([_(h) for h in HEADERS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for node in caf.elements:
        ws.append([node.ref, node.name[lang], (scores or {}).get(node.ref), None])
    for column, width in zip("ABCD", WIDTHS, strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    rule = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    rule.error = _("A score is a whole number from 0 to 100.")
    rule.showErrorMessage = True
    ws.add_data_validation(rule)
    rule.add(f"C2:C{len(caf.elements) + 1}")
    # the sub-criterion numbers are text, so that 1.10 could never become 1.1
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "@"


def read_caf_scores(path: Path | str, lang: str = "en") -> tuple[dict[str, int], list[Problem]]:
    """The CAF self-assessment scores in a workbook, by sub-criterion, and any problems.

    A missing sheet gives no scores and no problem. A score that is not a whole number
    from 0 to 100, or a sub-criterion that CAF 2020 does not have, is a warning naming the
    cell; the row is left out.
    """
    book = CalamineWorkbook.from_path(str(path))
    try:
        sheet = caf_sheet(book.sheet_names)
        if sheet is None:
            return {}, []
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()
    return caf_scores(rows, sheet, Path(path).name, lang)


def caf_sheet(sheet_names: Sequence[Any]) -> str | None:
    """The name of the CAF sheet among a workbook's sheets (in any language), or None."""
    names = {_norm(n) for n in every_translation(SHEET_NAME)}
    return next((str(n) for n in sheet_names if _norm(n) in names), None)


def caf_scores(
    rows: Sequence[Sequence[Any]], sheet: str, file: str, lang: str = "en"
) -> tuple[dict[str, int], list[Problem]]:
    """The scores and problems in the CAF sheet's ``rows`` (from A1; the header first).

    ``read_workbook`` passes the rows of its one read; ``sheet`` and ``file`` name them
    in the problems.
    """
    _ = translator(lang)
    if not rows:
        return {}, []
    header = [_norm(v) for v in rows[0]]
    wanted = {key: {_norm(t) for t in every_translation(key)} for key in HEADERS}
    where = {
        key: next((i for i, h in enumerate(header) if h in names_), None)
        for key, names_ in wanted.items()
    }
    ref_col, score_col = where[HEADERS[0]], where[HEADERS[2]]
    if ref_col is None or score_col is None:
        return {}, [
            Problem(
                code="caf-header",
                severity="warning",
                message=_("The CAF sheet has no sub-criterion or score column; it is not read."),
                file=file,
                sheet=sheet,
            )
        ]
    known = {node.ref for node in load_framework("caf2020").elements}
    scores: dict[str, int] = {}
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        ref = _ref(row[ref_col] if ref_col < len(row) else None)
        raw = row[score_col] if score_col < len(row) else None
        if raw in (None, "") or (isinstance(raw, str) and not raw.strip()):
            continue
        cell = f"{chr(ord('A') + score_col)}{number}"
        score = _score(raw)
        if ref not in known:
            problems.append(
                Problem(
                    code="caf-ref",
                    severity="warning",
                    message=_("This is not a CAF 2020 sub-criterion; the row is left out."),
                    file=file,
                    sheet=sheet,
                    cell=f"{chr(ord('A') + ref_col)}{number}",
                    value=str(ref),
                )
            )
        elif score is None:
            problems.append(
                Problem(
                    code="caf-score",
                    severity="warning",
                    message=_("A score is a whole number from 0 to 100."),
                    file=file,
                    sheet=sheet,
                    cell=cell,
                    value=str(raw),
                )
            )
        else:
            scores[ref] = score
    return scores, problems


def _ref(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value or "").strip()


def _score(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 0 <= value <= 100:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and 0 <= int(value.strip()) <= 100:
        return int(value.strip())
    return None

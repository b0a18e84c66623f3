"""What a stage notebook displays: report sections rendered from Jinja fragments.

Each method of :class:`GapReport` returns a :class:`Section`, which Jupyter shows as HTML and
nbconvert carries into the report. Text from the workbook is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from readiness import charts
from readiness.assess import GRADES, Assessment, RequirementResult, assess
from readiness.catalogue import Catalogue, load_catalogue
from readiness.i18n import check_language, format_date, format_percent, translations, translator
from readiness.model import Workbook
from readiness.output import write_text
from readiness.problems import WorkbookError
from readiness.schema import CHOICES, LEVEL_LABELS, NOT_APPLICABLE, label, stage_choices
from readiness.workbook import read_workbook


@dataclass(frozen=True)
class Section:
    """A piece of the report: HTML for Jupyter and nbconvert, plain text for a terminal."""

    html: str
    text: str = ""

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or "<report section>"


@cache
def environment(lang: str) -> Environment:
    """The Jinja environment of one language: autoescaped, with gettext installed."""
    env = Environment(
        loader=PackageLoader("readiness", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = lambda d, fmt="medium": format_date(d, lang, fmt)
    env.filters["percent"] = lambda v: format_percent(v, lang)
    return env


class GapReport:
    """The gap report of one office on one date, section by section.

    Parameters
    ----------
    workbook
        The validated evidence workbook.
    assessment
        Its assessment.
    lang
        Language of the report.
    catalogue
        The catalogue the assessment used.
    """

    def __init__(
        self, workbook: Workbook, assessment: Assessment, lang: str, catalogue: Catalogue
    ) -> None:
        self.workbook = workbook
        self.assessment = assessment
        self.lang = check_language(lang)
        self.catalogue = catalogue
        self._ = translator(self.lang)

    # -- helpers used by the templates ----------------------------------------------------
    def level_text(self, level: int | None) -> str:
        """'3 – implemented', or 'N/A'."""
        if level is None:
            return self._(NOT_APPLICABLE)
        return f"{level} – {self._(LEVEL_LABELS[level])}"

    def choice_text(self, list_name: str, key: str) -> str:
        """The label of a drop-down value in the report's language."""
        for choice in CHOICES[list_name]:
            if choice.key == key:
                return label(choice, self.lang)
        return key

    def stage_name(self, stage_id: str) -> str:
        """A stage's name in the report's language."""
        for choice in stage_choices(self.catalogue):
            if choice.key == stage_id:
                return label(choice, self.lang)
        return stage_id

    def status(self, result: RequirementResult) -> str:
        """Short status of a requirement: excluded, gap or meets the stage."""
        if result.excluded:
            return "excluded"
        return "gap" if result.is_gap else "ok"

    def render(self, name: str, **extra: Any) -> Section:
        """Render a fragment template with the report's context."""
        template = environment(self.lang).get_template(f"fragments/{name}.html.j2")
        html = template.render(
            r=self,
            a=self.assessment,
            office=self.assessment.office,
            cat=self.catalogue,
            lang=self.lang,
            grades=GRADES,
            **extra,
        )
        return Section(html=html, text=f"[{name}]")

    # -- the sections ---------------------------------------------------------------------
    def office(self) -> Section:
        """Cover: the office, its stage, overall readiness and the headline counts."""
        return self.render("office")

    def chapters(self) -> Section:
        """Readiness by chapter: a chart and a table."""
        _ = self._
        chapters = self.assessment.chapters
        svg = charts.readiness_bars(
            [f"{c.ref} {self.catalogue.title(c.ref, self.lang)}" for c in chapters],
            [c.readiness for c in chapters],
            [format_percent(c.readiness, self.lang) for c in chapters],
            self.assessment.overall,
            _("Readiness for certification (%)"),
            _("overall {value}").format(value=format_percent(self.assessment.overall, self.lang)),
        )
        return self.render("chapters", svg=svg)

    def clauses(self) -> Section:
        """Every requirement: level, what the stage expects, status, owner and notes."""
        return self.render("clauses")

    def documents(self) -> Section:
        """Mandatory documented information with no approved evidence; evidence past review."""
        return self.render("documents")

    def findings(self) -> Section:
        """Open findings by grade, and findings past their due date."""
        return self.render("findings")

    def top_gaps(self, limit: int = 10) -> Section:
        """The gaps that matter most, with the suggested action from the catalogue."""
        return self.render("top_gaps", gaps=self.assessment.top_gaps(limit))

    def appendix(self) -> Section:
        """How levels, readiness and gaps are worked out."""
        return self.render("appendix", levels=sorted(LEVEL_LABELS))

    # -- machine-readable results ---------------------------------------------------------
    def results(self) -> dict[str, Any]:
        """The assessment as ``results.json`` holds it."""
        from readiness import __version__

        return self.assessment.to_dict() | {"lang": self.lang, "tool_version": __version__}

    def save(self, output_dir: str | Path | None) -> Section:
        """Write ``results.json`` into ``output_dir`` (nothing when empty) and show where."""
        results = self.results()
        if not output_dir:
            return Section(html="", text="results not saved (no output_dir)")
        target = write_text(
            Path(output_dir) / "results.json",
            json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True),
        )
        return Section(html="", text=f"results saved to {target}")


def open_report(
    workbook: str | Path,
    as_of: str | dt.date | None = None,
    lang: str | None = None,
    stage: str | None = None,
) -> GapReport:
    """Read, validate and assess a workbook: the first call of every stage notebook.

    Parameters
    ----------
    workbook
        Path of the evidence workbook.
    as_of
        Assessment date (ISO text or a date); today when empty.
    lang
        Report language; the office's language when empty.
    stage
        The stage to assess against; the office's current stage when empty.

    Raises
    ------
    WorkbookError
        Listing every error when the workbook cannot be used.
    """
    catalogue = load_catalogue()
    day = _as_date(as_of)
    book, problems = read_workbook(workbook, as_of=day, lang=check_language(lang or "en"))
    if book is None:
        raise WorkbookError(problems)
    report_lang = check_language(lang or book.office.language)
    assessment = assess(book, day, stage=stage or None, catalogue=catalogue)
    return GapReport(book, assessment, report_lang, catalogue)


def _as_date(value: str | dt.date | None) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not value:
        return dt.date.today()
    return dt.date.fromisoformat(value)

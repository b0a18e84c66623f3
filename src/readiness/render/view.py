"""What the notebooks display: the report's sections, rendered from the model.

``GapReport`` takes the ``ReportModel`` the command computed once and renders each section
from its Jinja fragment (``render.environment``), in the words of ``render.wording``; it
computes nothing. Each section method returns a :class:`Section`, which Jupyter shows as
HTML and nbconvert carries into the report. Text from the workbook is escaped by Jinja's
autoescape.
"""

from __future__ import annotations

from typing import Any, ClassVar

from readiness.core.assess import GRADES, Assessment
from readiness.core.catalogue import Stage
from readiness.core.cycle import CyclePlan
from readiness.core.gates import GateResult, step_state
from readiness.core.messages import N_
from readiness.core.model import Workbook
from readiness.core.schema import LEVEL_LABELS
from readiness.core.verdict import Verdict, Verdicts
from readiness.io.history import Run
from readiness.render.analyses import (
    number,
    objectives_shown,
    satisfaction_shown,
    suppliers_shown,
)
from readiness.render.environment import TOC_KEY, Section, contents_entry, environment
from readiness.render.i18n import format_date, format_percent, single_stop
from readiness.render.model import ReportModel, Year
from readiness.render.registers import APPENDIX_ROWS, RegisterView
from readiness.render.wording import Wording

__all__ = ["TOC_KEY", "GapReport", "ReportModel", "Section"]


class GapReport(Wording):
    """The gap report of one office on one date, section by section.

    Parameters
    ----------
    model
        What the command computed for the report (``render.model.build_model``).
    """

    def __init__(self, model: ReportModel) -> None:
        super().__init__(model.lang, model.catalogue)
        self.model = model

    # -- the model's parts, as the fragments name them --------------------------------------
    @property
    def workbook(self) -> Workbook:
        """The validated evidence workbook."""
        return self.model.workbook

    @property
    def assessment(self) -> Assessment:
        """Its assessment."""
        return self.model.assessment

    @property
    def gates(self) -> tuple[GateResult, ...]:
        """Every stage's gate."""
        return self.model.gates

    @property
    def cycle(self) -> CyclePlan | None:
        """The certification cycle, for a certified office."""
        return self.model.cycle

    @property
    def verdicts(self) -> Verdicts:
        """Both verdicts on the road; the next audit's once certified."""
        return self.model.verdicts

    @property
    def verdict(self) -> Verdict:
        """The headline verdict."""
        return self.model.verdict

    @property
    def history(self) -> tuple[Run, ...]:
        """The office's earlier runs."""
        return self.model.history

    @property
    def previous(self) -> Run | None:
        """The run compared with."""
        return self.model.previous

    @property
    def stage(self) -> Stage:
        """The stage the office is assessed at."""
        return self.model.stage

    def gate(self, stage_id: str) -> GateResult:
        """The gate result of one stage."""
        return next(g for g in self.gates if g.stage.id == stage_id)

    def ladder_gates(self) -> list[GateResult]:
        """The gates on the ladder: implementation stages, and certified ones once certified."""
        certified = self.stage.kind == "certified"
        return [g for g in self.gates if g.stage.kind == "implementation" or certified]

    def step_state(self, gate: GateResult) -> str:
        """How the ladder shows a gate: passed, open, travelled or ahead (see ``step_state``)."""
        return step_state(gate, self.stage)

    def headline(self) -> str:
        """The verdict in one sentence: the next certification-body audit, and readiness for it.

        The cover, the ladder and the verdict section all show it.
        """
        return self.model.headline

    def title(self) -> str:
        """The report's title: certification readiness, or the certified office's next audit."""
        return self.model.title

    def urgent(self) -> str:
        """A certified office's urgent line (``Wording.urgent_line``), or empty."""
        return self.model.urgent

    def exclusions(self) -> list[tuple[list[str], str]]:
        """Every requirement justified as not applied, grouped by justification.

        The justification may be on the Office sheet or in the Clauses notes: the cover's
        "requirements not applied" lists both (ISO 9001 4.3 wants each stated in the scope).
        """
        out: dict[str, list[str]] = {}
        for ref, why in self.assessment.exclusions().items():
            out.setdefault(why, []).append(ref)
        return [(refs, why) for why, refs in out.items()]

    def render(self, name: str, **extra: Any) -> Section:
        """Render a fragment template with the report's context."""
        template = environment(self.lang).get_template(f"fragments/{name}.html.j2")
        rendered = template.make_module(
            dict(
                r=self,
                a=self.assessment,
                office=self.assessment.office,
                cat=self.catalogue,
                lang=self.lang,
                grades=GRADES,
                **extra,
            )
        )
        # a sentence ending with a date: "2026 г." takes no second stop
        html = single_stop(str(rendered))
        return Section(html=html, text=f"[{name}]", toc=contents_entry(rendered))

    # -- the sections ---------------------------------------------------------------------
    def office(self) -> Section:
        """Cover: the office, its stage, overall readiness and the headline counts."""
        return self.render("office")

    def chapters(self) -> Section:
        """Readiness by chapter: a chart and a table."""
        _ = self._
        chapters = self.assessment.chapters
        from readiness.render import charts  # matplotlib: only where a chart is drawn

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
        return self.render("clauses", rv=self.register_view, year_links=self.year_links)

    #: the headings of the year's sections, by anchor (message ids, as the fragments say)
    YEAR_TITLES: ClassVar[dict[str, str]] = {
        "objectives": N_("Quality objectives"),
        "satisfaction": N_("Customer satisfaction"),
        "suppliers": N_("External providers"),
    }

    def year_links(self, ref: str) -> list[tuple[str, str]]:
        """The year's sections with data for ``ref``, as (anchor, heading) for the clause table.

        Only when the report shows them: 04_evaluation.ipynb does, from the evaluation
        stage on.
        """
        if self.model.year is None or "evaluation" not in {
            s.id for s in self.catalogue.stages_up_to(self.stage.id)
        }:
            return []
        return [(a, self._(self.YEAR_TITLES[a])) for a in self.model.year.supports(ref)]

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
        """How levels, readiness and gaps are worked out; then the registers' appendix."""
        section = self.render("appendix", levels=sorted(LEVEL_LABELS))
        registers = self.registers()
        return Section(
            html=section.html + registers.html,
            text=section.text,
            toc=section.toc + registers.toc,
        )

    @property
    def register_view(self) -> RegisterView:
        """Words and figures for the registers the workbook's records came from."""
        return RegisterView(
            self.workbook.registers, self.lang, self.assessment.as_of, self.workbook.office.country
        )

    def registers(self) -> Section:
        """Per register: each row used with its file, sheet and row; complaints handled late."""
        return self.render(
            "registers",
            registers=self.workbook.registers,
            rv=self.register_view,
            limit=APPENDIX_ROWS,
        )

    def frame(self) -> Any:
        """The clause-by-clause assessment as a pandas DataFrame, for exploring in JupyterLab."""
        import pandas as pd

        _ = self._
        rows = [
            {
                _("Requirement"): self.catalogue.label(q.ref, self.lang),
                _("Chapter"): q.chapter,
                _("Level"): q.level,
                _("Expected"): None if q.excluded else q.expected,
                _("Status"): {
                    "gap": _("gap"),
                    "ok": _("meets stage"),
                    "excluded": _("excluded"),
                    "finding": _("open finding"),
                }[self.status(q)],
                _("Owner"): q.owner,
                _("Notes"): q.notes,
            }
            for q in self.assessment.requirements
        ]
        return pd.DataFrame(rows).set_index(_("Requirement"))

    def styled(self) -> Any:
        """The DataFrame styled: gaps marked with a symbol and a colour-blind-safe tint."""
        _ = self._
        frame = self.frame()
        tints = {
            _("gap"): "#fbe3d5",
            _("meets stage"): "#d6efe6",
            _("excluded"): "#eeeeee",
            _("open finding"): "#fbe3d5",
        }
        marks = {
            _("gap"): "▼ ",
            _("meets stage"): "✓ ",
            _("excluded"): "○ ",
            _("open finding"): "● ",
        }
        frame[_("Status")] = [marks[v] + v for v in frame[_("Status")]]
        return (
            frame.style.apply(
                lambda row: [
                    f"background-color: {tints[row[_('Status')][2:]]}" if c == _("Status") else ""
                    for c in row.index
                ],
                axis=1,
            )
            .format({_("Level"): lambda v: self.level_text(None if v != v else int(v))}, na_rep="")
            .format({_("Expected"): lambda v: "" if v != v else self.level_text(int(v))})
        )

    def ladder(self) -> Section:
        """The road to certification: each gate passed or not, and why; the verdict on top."""
        return self.render("ladder", gates=self.ladder_gates(), verdict=self.verdict)

    def stage_gate(self, stage_id: str) -> Section:
        """One stage: what it requires, what holds, what is missing, and the closing actions."""
        gate = self.gate(stage_id)
        return self.render("gate", gate=gate, heading=self.stage_heading(gate.stage))

    def certified_gates(self) -> Section:
        """The gates of the certified stages up to the office's current one."""
        sections = [
            self.stage_gate(s.id)
            for s in self.catalogue.stages_up_to(self.stage.id)
            if s.kind == "certified"
        ]
        return Section(
            html="".join(s.html for s in sections),
            text="[certified gates]",
            toc=tuple(t for s in sections for t in s.toc),
        )

    def verdict_section(self) -> Section:
        """The verdict, its blockers and the earliest date readiness can be expected."""
        return self.render("verdict", verdict=self.verdict, verdicts=self.verdicts)

    def certification_cycle(self) -> Section:
        """Surveillance and recertification dates from the certificate, with days left."""
        return self.render("cycle", cycle=self.cycle)

    def progress(self) -> Section:
        """What changed since the previous run, and readiness over every earlier run."""
        if self.previous is None:
            return self.render("progress", changes=None, svg="")
        runs = [*[r for r in self.history if r.as_of < self.assessment.as_of], None]
        labels = [
            format_date(r.as_of if r else self.assessment.as_of, self.lang, "short") for r in runs
        ]
        values = [r.overall if r else self.assessment.overall for r in runs]
        from readiness.render import charts

        svg = charts.readiness_trend(
            labels, values, [format_percent(v, self.lang) for v in values], self._("Readiness (%)")
        )
        return self.render("progress", changes=self.model.changes, svg=svg)

    # -- the quality representative's year (6.2, 9.1.2, 8.4, 9.3) --------------------------
    @property
    def year(self) -> Year:
        """The year's analyses the command computed (``render.model.year_of``)."""
        assert self.model.year is not None, "the model was built without the year"
        return self.model.year

    def number(self, value: float | None) -> str:
        """A figure in the reader's language, at most two decimals ("" for None)."""
        return number(value, self.lang)

    def objectives(self) -> Section:
        """Quality objectives (6.2): each target against its results, its status and gaps."""
        return self.render("objectives", shown=objectives_shown(self.year.objectives, self.lang))

    def satisfaction(self) -> Section:
        """Customer satisfaction (9.1.2): per question and service; measured in the year."""
        return self.render(
            "satisfaction", shown=satisfaction_shown(self.year.satisfaction, self.lang)
        )

    def suppliers(self) -> Section:
        """External providers (8.4.1): evaluated, re-evaluations overdue, not approved in use."""
        return self.render("suppliers", shown=suppliers_shown(self.year.suppliers, self.lang))

    def next_audit_evidence(self) -> Section:
        """What the certification body will ask for at the next audit, from the year's records."""
        return self.render("next_audit_evidence", year=self.year, num=self.number)

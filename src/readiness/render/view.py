"""What a stage notebook displays: report sections rendered from Jinja fragments.

Each method of :class:`GapReport` returns a :class:`Section`, which Jupyter shows as HTML and
nbconvert carries into the report. Text from the workbook is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from readiness.core.assess import GRADES, Assessment, RequirementResult, assess
from readiness.core.catalogue import DEFAULT_EDITION, Catalogue, Stage, load_catalogue
from readiness.core.cycle import CyclePlan
from readiness.core.gates import Blocker, GateResult, State, evaluate, step_state
from readiness.core.messages import check_language, translations, translator
from readiness.core.model import Workbook
from readiness.core.plan import action_plan
from readiness.core.problems import WorkbookError
from readiness.core.registers import register_summary
from readiness.core.risk import audit_coverage
from readiness.core.schema import CHOICES, LEVEL_LABELS, NOT_APPLICABLE, label, stage_choices
from readiness.core.verdict import BlockerGroup, Verdict, Verdicts, verdicts
from readiness.io.history import Changes, Run, compare, earlier_runs, load_run
from readiness.io.results import results_document
from readiness.render.audittime import report_view as audit_plan_view
from readiness.render.i18n import format_date, format_percent, single_stop
from readiness.render.page import METADATA_KEY
from readiness.render.registers import APPENDIX_ROWS, RegisterView

T = TypeVar("T")


def contents_entry(rendered: Any) -> tuple[tuple[str, str], ...]:
    """A rendered fragment's contents entry: the ``entry`` (section id, heading) it sets.

    Every fragment that is a section of the report sets it beside its ``<h2>``; the cover and
    a section with nothing to show set none.
    """
    entry = getattr(rendered, "entry", None)
    if not entry:
        return ()
    ident, heading = (x.unescape() if isinstance(x, Markup) else str(x) for x in entry)
    return ((ident, " ".join(heading.split())),)


@dataclass(frozen=True)
class Section:
    """A piece of the report: HTML for Jupyter and nbconvert, plain text for a terminal.

    Displayed, it carries its contents entries (section id and heading) in the output's
    metadata under ``readiness``, from which the report's table of contents is built.
    """

    html: str
    text: str = ""
    toc: tuple[tuple[str, str], ...] = ()

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        data = {"text/html": self.html, "text/plain": repr(self)}
        return data, ({METADATA_KEY: {"toc": [list(t) for t in self.toc]}} if self.toc else {})

    def __repr__(self) -> str:
        return self.text or "<report section>"


CACHE_ENV = "READINESS_CACHE"  # a folder for compiled templates; Jinja's per-user one by default


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates on disk; one that cannot be written only costs time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def template_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (a report's kernel is a new process each time).

    Compiling the fragments takes about 0.1 s in every kernel; Jinja's bytecode cache keeps
    them, checked against each template's source, in ``$READINESS_CACHE`` or in Jinja's
    private per-user folder in the system's temporary folder. None when neither is usable.
    """
    folder = os.environ.get(CACHE_ENV) or None
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        return _TemplateCache(folder, "readiness-%s.cache")
    except (OSError, RuntimeError):  # no safe folder: compile every time
        return None


@cache
def environment(lang: str) -> Environment:
    """The Jinja environment of one language: autoescaped, with gettext installed."""
    env = Environment(
        bytecode_cache=template_cache(),
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
    env.globals["audit_plan"] = lambda book, a, certified=False: audit_plan_view(
        book, a, lang, certified=certified
    )  # audit-plan
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
        self,
        workbook: Workbook,
        assessment: Assessment,
        lang: str,
        catalogue: Catalogue,
        history: Sequence[Run] = (),
        previous: Run | None = None,
        computed: Mapping[Any, Any] | None = None,
    ) -> None:
        self.workbook = workbook
        self.assessment = assessment
        self.lang = check_language(lang)
        self.catalogue = catalogue
        self._ = translator(self.lang)
        self.history = tuple(history)
        self.previous = previous or (self.history[-1] if self.history else None)
        self.ngettext = translations(self.lang).ngettext
        self.gates: tuple[GateResult, ...] = evaluate(workbook, assessment, catalogue)
        self.cycle: CyclePlan | None = State(workbook, assessment, catalogue).cycle()
        self.verdicts: Verdicts = verdicts(
            workbook, assessment, catalogue, self.gates, self.stage, self.cycle
        )
        self.verdict: Verdict = self.verdicts.primary
        self.computed: dict[Any, Any] = dict(computed or {})

    def once(self, key: Any, make: Callable[[], T]) -> T:
        """The value computed for ``key`` already (by the pipeline, or earlier), or ``make()``.

        The report pipeline computes what the sections beyond the assessment need (the
        transition plan, the frameworks' support) with the assessment and passes it in the
        state, so a notebook renders it without computing it again.
        """
        if key not in self.computed:
            self.computed[key] = make()
        return cast(T, self.computed[key])

    # -- stages ---------------------------------------------------------------------------
    @property
    def stage(self) -> Stage:
        """The stage the office is assessed at."""
        return self.catalogue.stage(self.assessment.stage)

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

    def stage_heading(self, stage: Stage) -> str:
        """A stage's heading: 'Step 2: Documentation development', or a certified stage's name.

        Implementation steps and the certification body's audit stages never share a word.
        """
        if stage.kind != "implementation":
            return self.text(stage.name)
        number = [s.id for s in self.catalogue.stages].index(stage.id) + 1
        return self._("Step %(n)s: %(name)s") % {"n": number, "name": self.text(stage.name)}

    def headline(self) -> str:
        """The verdict in one sentence: the next certification-body audit, and readiness for it.

        The cover, the ladder and the verdict section all show it.
        """
        return self.verdict_headline(self.verdict)

    def verdict_headline(self, v: Verdict) -> str:
        """One verdict in one sentence: its audit, and readiness for it."""
        n = v.count
        cycle = v.cycle
        if not v.certified:
            if v.audit == "stage2":
                if v.ready:
                    return self._("Ready for the stage 2 audit.")
                return self.ngettext(
                    "Not ready for the stage 2 audit: %(num)d blocker.",
                    "Not ready for the stage 2 audit: %(num)d blockers.",
                    n,
                ) % {"num": n}
            if v.ready:
                return self._("Ready for the stage 1 audit.")
            return self.ngettext(
                "Not ready for the stage 1 audit: %(num)d blocker.",
                "Not ready for the stage 1 audit: %(num)d blockers.",
                n,
            ) % {"num": n}
        if cycle is None:
            return self.ngettext(
                "Certified, but the certificate dates are missing: %(num)d blocker.",
                "Certified, but the certificate dates are missing: %(num)d blockers.",
                n,
            ) % {"num": n}

        def long(day: dt.date | None) -> str:
            return format_date(day, self.lang, "long")

        dates = {
            "number": cycle.surveillance_number,
            "planned": long(cycle.surveillance_planned),
            "limit": long(cycle.next_surveillance),
            "book": long(cycle.recertification_book_by),
            "by": long(cycle.recertification_audit_by),
            "expires": long(cycle.expires),
            "until": long(cycle.restore_until),
            "num": n,
        }
        if v.audit == "restoration":
            return (
                self._(
                    "The certificate expired on %(expires)s. The certification body can restore "
                    "it until %(until)s if the outstanding recertification activities are "
                    "completed by then."
                )
                % dates
            )
        if v.audit == "stage2":
            months = cycle.restoration_months
            return self.ngettext(
                "The certificate expired on %(expires)s, more than %(num)d month ago: "
                "certification needs at least a stage 2 audit.",
                "The certificate expired on %(expires)s, more than %(num)d months ago: "
                "certification needs at least a stage 2 audit.",
                months,
            ) % (dates | {"num": months})
        if v.audit == "surveillance":
            if v.ready:
                return (
                    self._(
                        "Ready for surveillance audit %(number)s: planned for %(planned)s, "
                        "to be held by %(limit)s at the latest."
                    )
                    % dates
                )
            return (
                self.ngettext(
                    "Not ready for surveillance audit %(number)s (planned for %(planned)s, to be "
                    "held by %(limit)s at the latest): %(num)d blocker.",
                    "Not ready for surveillance audit %(number)s (planned for %(planned)s, to be "
                    "held by %(limit)s at the latest): %(num)d blockers.",
                    n,
                )
                % dates
            )
        if v.ready:
            return (
                self._(
                    "Ready for the recertification audit: book it by %(book)s; it must be "
                    "held by %(by)s, before the certificate expires on %(expires)s."
                )
                % dates
            )
        return (
            self.ngettext(
                "Not ready for the recertification audit (book it by %(book)s, hold it by "
                "%(by)s): %(num)d blocker.",
                "Not ready for the recertification audit (book it by %(book)s, hold it by "
                "%(by)s): %(num)d blockers.",
                n,
            )
            % dates
        )

    def title(self) -> str:
        """The report's title: certification readiness, or the certified office's next audit."""
        v, cycle = self.verdict, self.verdict.cycle
        if not v.certified:
            return self._("%(standard)s certification readiness") % {
                "standard": self.catalogue.name(self.lang)
            }
        if v.audit == "surveillance" and cycle is not None and cycle.surveillance_number:
            return self._("Readiness for surveillance audit %(number)s") % {
                "number": cycle.surveillance_number
            }
        if v.audit == "surveillance":
            return self._("Readiness for the surveillance audit")
        if v.audit == "recertification":
            return self._("Readiness for the recertification audit")
        if v.audit == "restoration":
            return self._("Restoring the certificate")
        return self._("Readiness for the stage 2 audit")

    def urgent(self) -> str:
        """A certified office's urgent line: what must happen before the certificate expires.

        Shown when the recertification audit is near (the booking window has opened, the last
        date for the audit has passed) or a surveillance audit is past its limit; empty
        otherwise. An audit not yet held is never a blocker: it is this line.
        """
        cycle = self.cycle
        if cycle is None or not self.verdict.certified or cycle.expired:
            return ""

        def long(day: dt.date | None) -> str:
            return format_date(day, self.lang, "long")

        if self.verdict.audit == "recertification" and cycle.as_of >= cycle.recertification_book_by:
            return self.ngettext(
                "The certificate expires on %(expires)s, in %(num)d day. Before then the "
                "recertification audit must be held, any major nonconformity closed and the "
                "certification body's decision taken. If not, the certification body can "
                "restore the certificate within %(months)d months of expiry, until "
                "%(until)s, once the outstanding activities are completed (ISO/IEC "
                "17021-1:2015, 9.6.3.2.5); after that, at least a stage 2 audit is needed.",
                "The certificate expires on %(expires)s, in %(num)d days. Before then the "
                "recertification audit must be held, any major nonconformity closed and the "
                "certification body's decision taken. If not, the certification body can "
                "restore the certificate within %(months)d months of expiry, until "
                "%(until)s, once the outstanding activities are completed (ISO/IEC "
                "17021-1:2015, 9.6.3.2.5); after that, at least a stage 2 audit is needed.",
                cycle.days_to_expiry,
            ) % {
                "expires": long(cycle.expires),
                "num": cycle.days_to_expiry,
                "months": cycle.restoration_months,
                "until": long(cycle.restore_until),
            }
        if cycle.surveillance_overdue:
            return self._(
                "Surveillance audit %(number)s was to be held by %(limit)s: agree its date with "
                "the certification body at once."
            ) % {"number": cycle.surveillance_number, "limit": long(cycle.next_surveillance)}
        return ""

    def condition_source(self, condition: Any) -> str:
        """What an audit condition rests on, in the report's language.

        A clause, or good practice with its reason (``stages.toml``'s ``source`` and
        ``reason``).
        """
        if condition.source == "practice":
            return self._("good practice: %(reason)s") % {"reason": self.text(condition.reason)}
        return str(condition.source)

    def group_label(self, group: BlockerGroup) -> str:
        """A blocker's heading: its requirement with its title, or empty for an office-wide one."""
        return self.catalogue.label(group.ref, self.lang) if group.ref else ""

    def exclusions(self) -> list[tuple[list[str], str]]:
        """Every requirement justified as not applied, grouped by justification.

        The justification may be on the Office sheet or in the Clauses notes: the cover's
        "requirements not applied" lists both (ISO 9001 4.3 wants each stated in the scope).
        """
        out: dict[str, list[str]] = {}
        for ref, why in self.assessment.exclusions().items():
            out.setdefault(why, []).append(ref)
        return [(refs, why) for why, refs in out.items()]

    def finding_status(self, finding: Any) -> str:
        """A finding's status; a major closed but not verified says so."""
        if finding.grade == "major" and finding.status == "closed":
            return self._("closed, not verified")
        return self.choice_text("finding_status", finding.status)

    def text(self, value: Any) -> str:
        """A value for display: per-language mapping picked, date formatted, text translated."""
        if isinstance(value, dict):
            return str(value.get(self.lang) or value.get("en", ""))
        if isinstance(value, dt.date):
            return format_date(value, self.lang)
        return self.tr(str(value))

    def tr(self, text: str) -> str:
        """A catalogue text (guidance, action, evidence, documented information) translated."""
        return self.catalogue.tr(text, self.lang)

    def blocker_text(self, blocker: Blocker) -> str:
        """A blocker's message in the report's language, in the plural form its count needs."""
        params = {k: self.text(v) for k, v in blocker.params.items()}
        if blocker.plural and blocker.count is not None:
            message = self.ngettext(blocker.message, blocker.plural, blocker.count)
        else:
            message = self._(blocker.message)
        return message.format(**params)

    def action_text(self, text: str) -> str:
        """A suggested action: from the catalogue or one of our messages, translated."""
        if not text:
            return ""
        translated = self.tr(text)
        return translated if translated != text else self._(text)

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
        if result.is_gap and not (result.shortfall or result.unjustified):
            return "finding"  # at the expected level, under an open nonconformity
        return "gap" if result.is_gap else "ok"

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
        html = single_stop(
            str(rendered)
        )  # a sentence ending with a date: "2026 г." takes no second stop
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
        return self.render("clauses", rv=self.register_view)

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
        changes: Changes = compare(self.previous, self.assessment.to_dict())
        runs = [*[r for r in self.history if r.as_of < self.assessment.as_of], None]
        labels = [
            format_date(r.as_of if r else self.assessment.as_of, self.lang, "short") for r in runs
        ]
        values = [r.overall if r else self.assessment.overall for r in runs]
        from readiness.render import charts

        svg = charts.readiness_trend(
            labels, values, [format_percent(v, self.lang) for v in values], self._("Readiness (%)")
        )
        return self.render("progress", changes=changes, svg=svg)

    # -- machine-readable results ---------------------------------------------------------
    def results(self) -> dict[str, Any]:
        """The content of ``results.json`` in the report's language (``readiness.io.results``)."""
        from readiness import __version__

        doc = results_document(
            self.assessment,
            self.gates,
            self.verdicts,
            self.cycle,
            self.stage,
            lang=self.lang,
            version=__version__,
            describe=self.blocker_text,
            headline=self.verdict_headline,
            urgent=self.urgent(),
        )
        if self.workbook.registers:  # where each fact read from a register came from
            doc["registers"] = [
                register_summary(r, self.assessment.as_of, self.workbook.office.country)
                for r in self.workbook.registers
            ]
        # internal audits held and planned (readiness audit-plan), for the dashboard
        doc["audit_programme"] = audit_coverage(self.workbook, self.assessment).to_dict()
        return doc

    def action_plan(self) -> list[dict[str, Any]]:
        """The action plan's rows: blockers first, then the gaps of the current stage."""
        return action_plan(self.workbook, self.assessment, self.gates, self.catalogue, self)


def open_report(
    workbook: str | Path,
    as_of: str | dt.date | None = None,
    lang: str | None = None,
    stage: str | None = None,
    history_dir: str | Path | None = None,
    previous: str | Path | None = None,
    state: str | Path | None = None,
) -> GapReport:
    """The report of a workbook: the first call of every stage notebook.

    ``readiness report`` has read and assessed the workbook already and passes ``state``;
    opened in JupyterLab without it, the notebook reads and assesses ``workbook`` itself.

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
    history_dir
        The office's report folder, holding earlier runs for the trend.
    previous
        An earlier run (its folder or results.json) to compare with; the latest earlier
        run in ``history_dir`` when empty.
    state
        A file ``save_state`` wrote (the report pipeline's); every other argument is then
        ignored.

    Raises
    ------
    WorkbookError
        Listing every error when the workbook cannot be used.
    """
    if state:
        kept = load_state(Path(state))
        return GapReport(
            kept.workbook,
            kept.assessment,
            kept.lang,
            kept.catalogue or load_catalogue(kept.edition),
            history=kept.history,
            previous=kept.previous,
            computed=kept.computed,
        )
    catalogue = load_catalogue()
    day = _as_date(as_of)
    path = Path(workbook).resolve()
    stat = path.stat() if path.is_file() else None
    identity = (stat.st_size, stat.st_mtime_ns) if stat else (0, 0)
    book, assessment = _read_and_assess(str(path), identity, day, lang or "", stage or "")
    report_lang = check_language(lang or book.office.language)
    history = earlier_runs(Path(history_dir), day, report_lang) if history_dir else []
    chosen = load_run(Path(previous)) if previous else None
    return GapReport(book, assessment, report_lang, catalogue, history=history, previous=chosen)


@dataclass(frozen=True)
class ReportState:
    """What a report's notebooks need, computed once by the pipeline: no second read."""

    workbook: Workbook
    assessment: Assessment
    lang: str
    history: tuple[Run, ...] = ()
    previous: Run | None = None
    edition: str = DEFAULT_EDITION
    catalogue: Catalogue | None = None  # the edition's, loaded once by the pipeline
    computed: dict[Any, Any] = field(default_factory=dict)  # see ``GapReport.once``


def state_bytes(state: ReportState) -> bytes:
    """``state`` as the pipeline hands it to the notebooks (a pickle, in the report folder)."""
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


def load_state(path: Path) -> ReportState:
    """The state the pipeline wrote; only ever a file of this run's own staging folder."""
    state = pickle.loads(path.read_bytes())  # our own file, written this run
    if not isinstance(state, ReportState):
        raise TypeError(f"{path} holds no report state")
    return state


@lru_cache(maxsize=8)
def _read_and_assess(
    path: str, identity: tuple[int, int], day: dt.date, lang: str, stage: str
) -> tuple[Workbook, Assessment]:
    """Read and assess once per workbook version: the stage notebooks of a run share a kernel.

    ``identity`` (size and modification time) is part of the key, so an edited workbook is
    read again; the result is immutable, so sharing it is safe.
    """
    from readiness.io.workbook import read_workbook  # JupyterLab only: a report passes state

    book, problems = read_workbook(path, as_of=day, lang=check_language(lang or "en"))
    if book is None:
        raise WorkbookError(problems)
    return book, assess(book, day, stage=stage or None, catalogue=load_catalogue())


def _as_date(value: str | dt.date | None) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not value:
        return dt.date.today()
    return dt.date.fromisoformat(value)

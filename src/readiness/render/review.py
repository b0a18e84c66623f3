"""The management review pack as people read it: HTML, PDF (Typst) and an editable .docx.

:class:`ReviewModel` is the pack computed once (``core.review.assemble``) with the office,
the language and the public-sector statement it feeds (``core.statements``); the command
builds it in its process and hands it to the notebook's kernel, as the report's model.
:func:`review_view` turns it into plain data, the one input of the three outputs: the page
(autoescaped Jinja, loads nothing, runs no script), the PDF (Typst receives the data as
JSON after the shared page rules) and the .docx (``render.docx``'s typed document). The
9.3.3 table has the Review decisions sheet's columns in its order, so what the review fills
in pastes back into the workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal

from readiness import __version__
from readiness.core.climate import Climate
from readiness.core.climate import line as climate_line
from readiness.core.messages import translator
from readiness.core.model import (
    Audit,
    Department,
    Finding,
    Objective,
    ObjectiveResult,
    Office,
    ReviewDecision,
    SupplierEvaluation,
    SurveyResponse,
    Workbook,
)
from readiness.core.objectives import ObjectivesSummary
from readiness.core.registers import Entry
from readiness.core.review import Part, ReviewPack, assemble
from readiness.core.satisfaction import Satisfaction
from readiness.core.schema import CHOICES, REVIEW_DECISIONS, label
from readiness.core.statements import Link, Statement, links, statement
from readiness.core.suppliers import Suppliers
from readiness.render.analyses import (
    Chart,
    chart_png,
    climate_shown,
    objectives_shown,
    satisfaction_shown,
    suppliers_shown,
)
from readiness.render.i18n import clause_ref, format_date, single_stop

if TYPE_CHECKING:
    from readiness.render.docx import Block, Document

TEMPLATES = ("templates", "review")
SHOWN_ROWS = 10  # rows listed per part; the rest counted
BLANK_ROWS = 3  # rows to fill in per kind of decision
CHART_CM = 8.0  # an objective's chart in the .docx: about half the text's width
_DATES = ("date", "review", "received", "dated", "evaluated_on", "measured_on", "trained_on")
_TEXTS = ("description", "title", "label", "subject", "name", "provider", "objective", "minutes")


@dataclass(frozen=True)
class ReviewModel:
    """The review pack, computed once: what every output of ``readiness review`` shows."""

    office: Office
    lang: str
    pack: ReviewPack
    asked_since: bool  # --since was given (else the last review, or 12 months back)
    statement: Statement | None
    links: tuple[Link, ...]


def build_review_model(
    workbook: Workbook, as_of: dt.date, lang: str, since: dt.date | None = None
) -> ReviewModel:
    """Assemble the pack; ValueError when ``since`` is after ``as_of``."""
    country = workbook.office.country
    return ReviewModel(
        office=workbook.office,
        lang=lang,
        pack=assemble(workbook, as_of, since),
        asked_since=since is not None,
        statement=statement(country),
        links=links(country),
    )


def row_text(row: Any, lang: str) -> str:
    """One row an input draws on, as a line: its date and what it says."""
    day = next(
        (getattr(row, a) for a in _DATES if isinstance(getattr(row, a, None), dt.date)), None
    )
    text = next((str(getattr(row, a)) for a in _TEXTS if getattr(row, a, "")), "")
    if getattr(row, "id", ""):
        text = f"{row.id}: {text}"
    if getattr(row, "period", "") and hasattr(row, "value"):
        text = f"{text} ({row.period}: {format_decimal(row.value, locale=lang)})"
    for detail in ("changes", "supplies", "department"):  # what a department changed, ...
        if isinstance(getattr(row, detail, None), str) and getattr(row, detail):
            text = f"{text}: {getattr(row, detail)}" if text else getattr(row, detail)
            break
    if getattr(row, "service", ""):
        text = f"{text} {row.service}".strip()
    when = format_date(day, lang) if day else ""
    return " · ".join(t for t in (when, text, *_standing(row, lang)) if t) or "—"


def _choice(kind: str, value: str, lang: str) -> str:
    """A stored choice (``in_progress`` or ``in progress``) in the sheet's words for it."""
    key = value.strip().replace(" ", "_").casefold()
    found = next((c for c in CHOICES[kind] if c.key == key), None)
    return label(found, lang) if found else value


def _standing(row: Any, lang: str) -> tuple[str, ...]:
    """Where a row stands: a decision's owner, due date and status; a finding's grade, status.

    9.3.2 a) reports the status of earlier decisions, c) 4) which nonconformities are open
    and which closed; an audit reads as its kind, department and report.
    """
    _ = translator(lang)
    if isinstance(row, ReviewDecision):
        due = _("due {date}").format(date=format_date(row.due, lang)) if row.due else ""
        status = _choice("decision_status", row.status or "open", lang)
        return (", ".join(t for t in (row.owner, due, status) if t),)
    if isinstance(row, Finding):
        status = _choice("finding_status", row.status, lang)
        if row.grade == "major" and row.status == "closed":  # still counted open (10.2)
            unverified = _("effectiveness not yet verified")  # outside the f-string: extracted
            status = f"{status}, {unverified}"
        return (_choice("grade", row.grade, lang), status)
    if isinstance(row, Audit):
        return (", ".join(t for t in (_choice("audit_kind", row.kind, lang), row.report) if t),)
    return ()


def analysis(summary: object, lang: str) -> dict[str, Any] | None:
    """A part's analysis as the year's sections show it (``render.analyses``), as plain data."""
    if isinstance(summary, ObjectivesSummary):
        return {"kind": "objectives", **asdict(objectives_shown(summary, lang))}
    if isinstance(summary, Satisfaction):
        return {"kind": "satisfaction", **asdict(satisfaction_shown(summary, lang))}
    if isinstance(summary, Suppliers):
        return {"kind": "suppliers", **asdict(suppliers_shown(summary, lang))}
    if isinstance(summary, Climate):
        return {"kind": "climate", **asdict(climate_shown(summary, lang))}
    return None


#: the rows each analysis shows in its tables, so not listed again one by one
_ANALYSED: dict[str, tuple[type, ...]] = {
    "objectives": (Objective, ObjectiveResult),
    "satisfaction": (SurveyResponse,),
    "suppliers": (SupplierEvaluation,),
}


def _part(part: Part, lang: str, link: Link | None) -> dict[str, Any]:
    _ = translator(lang)
    spec = part.input
    shown = analysis(part.summary, lang)
    tabled = _ANALYSED.get(shown["kind"], ()) if shown else ()
    listed = [r for r in part.rows if not isinstance(r, tabled)]  # not again below its tables
    if isinstance(part.summary, Climate) and part.summary.changes:  # not again below climate's
        listed = [r for r in listed if _change(r) not in part.summary.changes]
    rows = [row_text(r, lang) for r in listed[:SHOWN_ROWS]]
    more = len(listed) - len(rows)
    flag = _("No data: record it before the review.") if part.no_data else ""
    if part.no_data and spec.key == "a" and not any(d.total for d in part.sources):
        flag = _(  # the first review: there is nothing earlier to record, not a gap to fill
            "No earlier management review is recorded: if this is the first one, there are "
            "no actions from earlier reviews to report."
        )
    return {
        "id": f"input-{spec.key}",
        "heading": f"{clause_ref(spec.clause, lang)} {_(spec.title)}",
        "sources": [[_(d.label), str(d.rows), str(d.total)] for d in part.sources],
        "counts": [[_(c.label), str(c.value)] for c in part.counts],
        "no_data": part.no_data,
        "flag": flag,  # what the reader is told of no data
        "analysis": shown,
        "rows": rows,
        "more": _("and {count} more").format(count=more) if more > 0 else "",
        "elements": [f"{ref}. {name.get(lang) or name['en']}" for ref, name in link.elements]
        if link
        else [],
    }


def _change(row: object) -> str:
    """A department's change or a risk's entry as part b)'s climate list words it ("" else)."""
    if isinstance(row, Department):
        return climate_line(row.name, row.changes)
    if isinstance(row, Entry):
        return climate_line("", row.label)
    return ""


def decisions_table(model: ReviewModel) -> dict[str, Any]:
    """The 9.3.3 table: the Review decisions sheet's columns, a few rows per kind to fill in."""
    lang = model.lang
    header = [label(column, lang) for column in REVIEW_DECISIONS.columns]
    kind = header.index(label(REVIEW_DECISIONS.columns[1], lang))
    rows = []
    for choice in CHOICES["decision_kind"]:
        for _i in range(BLANK_ROWS):
            row = [""] * len(header)
            row[kind] = label(choice, lang)
            rows.append(row)
    return {"header": header, "rows": rows}


def missing(pack: ReviewPack, lang: str) -> str:
    """The first page's count of inputs with no data, naming them (9.3.2 a), e)...)."""
    _ = translator(lang)
    count, total = len(pack.no_data), len(pack.parts)
    if not count:
        return _("Inputs with no data: {count} of {total}.").format(count=count, total=total)
    inputs = ", ".join(clause_ref(p.input.clause, lang) for p in pack.no_data)
    return _("{count} of {total} inputs have no data: {inputs}.").format(
        count=count, total=total, inputs=inputs
    )


def review_view(model: ReviewModel) -> dict[str, Any]:
    """Everything the pack's outputs show, as plain data (for Jinja, Typst and the .docx)."""
    lang, pack = model.lang, model.pack
    _ = translator(lang)
    since = format_date(pack.since, lang, "long")
    if model.asked_since:
        period = _("Inputs recorded after {since}.").format(since=since)
    elif pack.last_review is not None:
        period = _("Inputs recorded after the last management review, held on {since}.")
        period = period.format(since=since)
    else:
        period = _(
            "No management review is recorded: the pack covers the 12 months after {since}."
        ).format(since=since)
    period = single_stop(period)
    by_input = {link.input: link for link in model.links}
    title = _("Management review: inputs and decisions")
    view: dict[str, Any] = {
        "lang": lang,
        "title": title,
        "office": model.office.name,
        "date": format_date(pack.as_of, lang, "long"),
        "as_of": pack.as_of.isoformat(),
        "header": f"{model.office.name} · {title}",
        "period": period,
        "missing": missing(pack, lang),
        "labels": {
            "inputs": _("Inputs of the management review (9.3.2)"),
            "source": _("Source"),
            "rows": _("Rows used"),  # dated rows since the start; standing lists whole
            "total": _("Rows in all"),
            "no_data": _("No data: record it before the review."),
            "elements": _("For the annual statement"),
        },
        "parts": [_part(p, lang, by_input.get(p.input.key)) for p in pack.parts],
        "decisions": {
            "heading": _("Outputs of the management review (9.3.3)"),
            "intro": _(
                "To fill in at the review: each decision on improvement, changes to the "
                "system and resource needs, with its owner and due date. The columns are "
                "those of the Review decisions sheet, so the rows can be pasted back into it."
            ),
            **decisions_table(model),
        },
        "statement": None,
        "footer": single_stop(
            _("Generated by readiness {version} on {date}.").format(
                version=__version__, date=format_date(dt.date.today(), lang, "long")
            )
        ),
    }
    if model.statement is not None:
        found = model.statement
        name = found.name.get(lang) or found.name["en"]
        basis = found.basis.get(lang) or found.basis["en"]
        view["statement"] = {
            "heading": _("What the review gives the annual statement"),
            "text": _("The review's inputs are evidence for the {name}.").format(name=name),
            "basis": _("Legal basis: {basis}.").format(basis=basis),
            "unchecked": ""
            if found.checked
            else _("The legal basis is not yet compared with the published text."),
        }
    return view


def review_document(view: dict[str, Any]) -> Document:
    """The pack as an editable .docx document (``render.docx``)."""
    from readiness.render.docx import Document, Heading, Paragraph, Table  # python-docx

    labels = view["labels"]
    blocks: list[Block] = [
        Paragraph(view["period"]),
        Paragraph(view["missing"]),
        Heading(labels["inputs"], 1),
    ]
    for part in view["parts"]:
        blocks.append(Heading(part["heading"], 2))
        blocks.append(
            Table((labels["source"], labels["rows"], labels["total"]), _rows(part["sources"]))
        )
        if part["no_data"]:
            blocks.append(Paragraph(part["flag"]))
        blocks.extend(Paragraph(f"{name}: {value}") for name, value in part["counts"])
        if part["rows"]:  # the part's own rows, then its analysis (never read as its rows)
            blocks.append(
                Paragraph("\n".join(part["rows"] + ([part["more"]] if part["more"] else [])))
            )
        if part["analysis"]:
            blocks.extend(_analysis_blocks(part["analysis"], view["lang"]))
        if part["elements"]:
            blocks.append(Paragraph(f"{labels['elements']}: " + "; ".join(part["elements"])))
    decisions = view["decisions"]
    blocks += [
        Heading(decisions["heading"], 1),
        Paragraph(decisions["intro"]),
        Table(tuple(decisions["header"]), _rows(decisions["rows"])),
    ]
    if view["statement"]:
        shown = view["statement"]
        blocks.append(Heading(shown["heading"], 1))
        blocks += [Paragraph(t) for t in (shown["text"], shown["basis"], shown["unchecked"]) if t]
    blocks.append(Paragraph(view["footer"]))
    day = dt.date.fromisoformat(view["as_of"])
    return Document(view["title"], view["office"], day, view["lang"], tuple(blocks))


def _analysis_blocks(shown: dict[str, Any], lang: str) -> list[Block]:
    """A part's analysis in the .docx: its lines, tables, and each objective's chart (PNG)."""
    from readiness.render.docx import Heading, Paragraph, Picture, Table

    def table(t: dict[str, Any]) -> list[Block]:
        title: list[Block] = [Heading(t["title"], 3)] if t["title"] else []
        return [*title, Table(tuple(t["header"]), _rows(t["rows"]))]

    if shown["kind"] == "climate":
        return [
            Heading(shown["heading"], 3),
            *(Paragraph(line) for line in shown["lines"]),
            *(Paragraph(f"– {change}") for change in shown["changes"]),
        ]
    blocks: list[Block] = [Paragraph(shown["lead"])]
    if shown["kind"] == "satisfaction":
        blocks += [Paragraph(shown["empty"] or shown["intro"])]
        for t in shown["tables"]:
            blocks += table(t)
    elif shown.get("table"):
        blocks += table(shown["table"])
    for o in shown.get("objectives", ()):
        blocks += [Heading(o["name"], 3), Paragraph(o["verdict"])]
        if o["chart"]:
            c = o["chart"]  # the Chart as asdict gave it, drawn again as PNG
            labels, values, shown_values = (
                tuple(c[k]) for k in ("labels", "values", "value_labels")
            )
            chart = Chart(labels, values, shown_values, c["target"], c["target_label"], c["title"])
            blocks.append(Picture(chart_png(chart, lang), CHART_CM))
        if o["missing"]:
            blocks.append(Paragraph(o["missing"]))
    return blocks


def _rows(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(r) for r in rows)


def _template(name: str) -> str:
    return (resources.files("readiness").joinpath(*TEMPLATES) / name).read_text("utf-8")


def to_html(view: dict[str, Any]) -> str:
    """The pack as one HTML page that loads nothing and runs no script (autoescaped Jinja).

    The report's environment, so that the year's analyses share the report's macros.
    """
    from readiness.render.environment import environment

    template = environment(view["lang"]).get_template("/".join((*TEMPLATES[1:], "review.html.j2")))
    return template.render(v=view, css=_template("review.css"))


def to_pdf(view: dict[str, Any]) -> bytes:
    """The pack as an A4 PDF, typeset by Typst from the view's data."""
    from readiness.render.typeset import typeset

    return typeset(_template("review.typ"), view)

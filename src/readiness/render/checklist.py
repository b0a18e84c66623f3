"""The interview checklist: an A4 PDF a consultant takes round the office.

One section per chapter; each requirement with the questions to ask, the evidence to ask
for, boxes for the level (0-4, and N/A where the standard allows an exclusion) and room for
notes. Typeset by Typst with the gap report's page rules (templates/checklist/checklist.typ);
everything shown is passed to Typst as JSON data, so a workbook's text is never read as code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from readiness.core.catalogue import Catalogue
from readiness.core.messages import check_language, translator
from readiness.core.model import Office
from readiness.core.schema import LEVEL_LABELS, NOT_APPLICABLE
from readiness.io.output import atomic_path
from readiness.io.template import documented_text
from readiness.render.i18n import format_date
from readiness.render.page import static
from readiness.render.typeset import typeset

TEMPLATE = "checklist"


def checklist_data(
    lang: str = "en",
    office: Office | None = None,
    on: dt.date | None = None,
    *,
    catalogue: Catalogue,
) -> dict[str, Any]:
    """Everything the checklist shows, in a language, as plain data.

    Parameters
    ----------
    lang
        Language of the labels and of the catalogue's texts.
    office
        The office interviewed, from its workbook: its name, consultant and the requirements
        it does not apply are shown. Without it the lines are left blank to write on.
    on
        The day of the interview, shown with the office; today by default.
    catalogue
        The catalogue (its edition) to use; always passed, never a silent default.

    Returns
    -------
    dict
        Labels, the office lines, the levels and the chapters with their requirements.
    """
    lang = check_language(lang)
    _ = translator(lang)
    exclusions = office.exclusions if office is not None else {}
    chapters = []
    for chapter in catalogue.chapters:
        requirements = []
        for clause in catalogue.requirements_under(chapter.ref):
            documented = (
                documented_text(clause.ref, lang, catalogue).split("\n")
                if clause.documented
                else []
            )
            requirements.append(
                {
                    "ref": clause.ref,
                    "title": catalogue.label(clause.ref, lang).removeprefix(clause.ref + " "),
                    "summary": catalogue.tr(clause.summary, lang),
                    "ask": [catalogue.tr(q, lang) for q in clause.ask],
                    "evidence": [catalogue.tr(e, lang) for e in clause.evidence],
                    "documented": documented,
                    "may_exclude": clause.may_exclude,
                    "excluded": exclusions.get(clause.ref, ""),
                }
            )
        chapters.append(
            {
                "ref": chapter.ref,
                "title": catalogue.title(chapter.ref, lang),
                "requirements": requirements,
            }
        )
    title = _("Interview checklist")
    date = format_date(on or dt.date.today(), lang, "long") if office is not None else ""
    name = office.name if office is not None else ""
    return {
        "lang": lang,
        "title": title,
        "standard": catalogue.name(lang),
        "header": " · ".join(part for part in (name, date, title) if part),
        "office": name,
        "date": date,
        "consultant": office.consultant if office is not None else "",
        "levels": [[str(n), _(LEVEL_LABELS[n])] for n in sorted(LEVEL_LABELS)],
        "na": _(NOT_APPLICABLE),
        "labels": {
            "intro": _(
                "For each requirement: ask the questions, look at the evidence, tick one "
                "level and note what you saw. Then enter the levels in the Clauses sheet of "
                "the workbook."
            ),
            "office": _("Office"),
            "date": _("Date"),
            "consultant": _("Consultant"),
            "interviewed": _("Interviewed"),
            "levels": _("Levels"),
            "na_rule": _(
                "N/A: not applicable; only where the standard allows it, with a justification."
            ),
            "questions": _("What to ask"),
            "evidence": _("Evidence to ask for"),
            "documented": _("Documented information required"),
            "excluded": _("Not applied by the office:"),
            "level": _("Level"),
            "notes": _("Notes"),
        },
        "chapters": chapters,
    }


def checklist_pdf(data: dict[str, Any]) -> bytes:
    """Typeset the checklist's data (see :func:`checklist_data`) as an A4 PDF."""
    return typeset(static(TEMPLATE, "checklist.typ"), data)


def write_checklist(
    target: Path,
    lang: str = "en",
    office: Office | None = None,
    on: dt.date | None = None,
    *,
    catalogue: Catalogue,
) -> Path:
    """Write the interview checklist as an A4 PDF, atomically.

    Parameters
    ----------
    target
        The ``.pdf`` file to write.
    lang, office, on, catalogue
        As :func:`checklist_data` takes them.

    Returns
    -------
    Path
        The path written.
    """
    pdf = checklist_pdf(checklist_data(lang, office, on, catalogue=catalogue))
    with atomic_path(target) as tmp:
        tmp.write_bytes(pdf)
    return target

"""The report's words in one language: headlines, blockers, levels, stages, choices.

``Wording`` holds no office's data: given a language and the catalogue, it words what the
core computed (a verdict, a blocker, a level). The model's builder words the headline, the
title and the urgent line with it once; the view and the action plan use it for the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.core.assess import RequirementResult
from readiness.core.catalogue import Catalogue, Stage
from readiness.core.cycle import CyclePlan
from readiness.core.gates import Blocker
from readiness.core.messages import check_language, translations, translator
from readiness.core.schema import CHOICES, LEVEL_LABELS, NOT_APPLICABLE, label, stage_choices
from readiness.core.verdict import BlockerGroup, Verdict
from readiness.render.i18n import format_date


class Wording:
    """The words of a report in ``lang``, with the ``catalogue``'s texts.

    Parameters
    ----------
    lang
        Language of the report.
    catalogue
        The catalogue of the edition the office is assessed against.
    """

    def __init__(self, lang: str, catalogue: Catalogue) -> None:
        self.lang = check_language(lang)
        self.catalogue = catalogue
        self._ = translator(self.lang)
        self.ngettext = translations(self.lang).ngettext

    def stage_heading(self, stage: Stage) -> str:
        """A stage's heading: 'Step 2: Documentation development', or a certified stage's name.

        Implementation steps and the certification body's audit stages never share a word.
        """
        if stage.kind != "implementation":
            return self.text(stage.name)
        number = [s.id for s in self.catalogue.stages].index(stage.id) + 1
        return self._("Step %(n)s: %(name)s") % {"n": number, "name": self.text(stage.name)}

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

    def report_title(self, verdict: Verdict) -> str:
        """The report's title: certification readiness, or the certified office's next audit."""
        v, cycle = verdict, verdict.cycle
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

    def urgent_line(self, verdict: Verdict, cycle: CyclePlan | None) -> str:
        """A certified office's urgent line: what must happen before the certificate expires.

        Shown when the recertification audit is near (the booking window has opened, the last
        date for the audit has passed) or a surveillance audit is past its limit; empty
        otherwise. An audit not yet held is never a blocker: it is this line.
        """
        if cycle is None or not verdict.certified or cycle.expired:
            return ""

        def long(day: dt.date | None) -> str:
            return format_date(day, self.lang, "long")

        if verdict.audit == "recertification" and cycle.as_of >= cycle.recertification_book_by:
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

"""The report's appendix of registers: what each register supplied, row by row, in words.

:class:`RegisterView` gives the ``registers`` fragment its words (roles, what a row became,
the statutory deadline for complaints) and its figures (complaints per month, those handled
late), in the report's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath

from readiness.core.messages import N_, translations, translator
from readiness.core.registers import (
    NEXT_WORKING_DAY_RULE,
    ROLE_NAMES,
    STATUTE,
    Complaint,
    MonthCount,
    Provenance,
    Register,
    late_complaints,
    per_month,
    registers_by_ref,
    state_counts,
)

BECAME = {
    "evidence": N_("evidence"),
    "finding": N_("finding"),
    "audit": N_("audit"),
    "review": N_("management review"),
    "complaint": N_("complaint or request"),
    "risk": N_("risk"),
    "response": N_("survey answers"),
    "supplier": N_("supplier evaluation"),
    "result": N_("objective's result"),
}
APPENDIX_ROWS = 60  # rows listed per register (the page says the rest are in the register;
# results.json keeps every one, for the tools, never named to the report's readers)


class RegisterView:
    """Words and figures for the registers' appendix.

    Parameters
    ----------
    registers
        The registers the workbook's sources file named.
    lang
        The report's language.
    as_of
        The assessment date: complaints unanswered past their deadline by then are late.
    country
        The office's country, for the statute named beside the deadline.
    """

    def __init__(
        self, registers: Sequence[Register], lang: str, as_of: dt.date, country: str
    ) -> None:
        self.registers = tuple(registers)
        self.lang = lang
        self.as_of = as_of
        self.country = country
        self._ = translator(lang)
        self.ngettext = translations(lang).ngettext
        self.by_ref = registers_by_ref(self.registers)

    @staticmethod
    def title(register: Register) -> str:
        """The register as readers know it: its file's name (the sources file's key is ours)."""
        return PurePath(register.file.replace("\\", "/")).name or register.file

    def role(self, role: str) -> str:
        """A role in words."""
        return self._(ROLE_NAMES.get(role, role))

    def became(self, kind: str) -> str:
        """What a row became, in words."""
        return self._(BECAME.get(kind, kind))

    def origin(self, origin: Provenance | None) -> str:
        """``file: sheet, row N`` in the report's language."""
        if origin is None:
            return ""
        where = f"{origin.file}: {origin.sheet}" if origin.sheet else origin.file
        return self._("%(where)s, row %(row)s") % {"where": where, "row": origin.row}

    def deadline(self, register: Register) -> str:
        """The deadline for answering, with the statute it comes from where one applies."""
        months = register.deadline_months
        text = self.ngettext("%(num)d month", "%(num)d months", months) % {"num": months}
        statute = STATUTE.get(self.country)
        default = {"PL": 1, "BG": 2}.get(self.country)
        if statute and months == default:
            text += f" ({self._(statute)})"
        rule = NEXT_WORKING_DAY_RULE.get(self.country)
        if rule:
            text += "; " + self._(
                "a deadline ending on a Saturday, a Sunday or a public holiday moves to the "
                "next working day (%(rule)s)"
            ) % {"rule": self._(rule)}
        return text

    def late(self, register: Register) -> list[tuple[Complaint, str, dt.date]]:
        """Complaints answered after the deadline, or unanswered past it."""
        return late_complaints(register, self.as_of, self.country)

    def late_count(self, register: Register) -> str:
        """How many complaints were answered late, and how many are unanswered past due."""
        counts = state_counts(register, self.as_of, self.country)
        return self._(
            "Answered late: %(late)d of %(total)d; unanswered past the deadline: %(overdue)d."
        ) % {
            "late": counts["late"],
            "total": len(register.complaints),
            "overdue": counts["overdue"],
        }

    def per_month(self, register: Register) -> list[MonthCount]:
        """Complaints received per month, answered late and unanswered past the deadline."""
        return per_month(register, self.as_of, self.country)

    def for_ref(self, ref: str) -> list[Register]:
        """The registers with a row supporting a requirement (the clause table links them)."""
        return self.by_ref.get(ref, [])

"""Problems found in an evidence workbook: where they are, what was found, what was expected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from readiness.core.messages import translator

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in a workbook, located down to the cell where possible.

    Attributes
    ----------
    code
        Stable identifier of the kind of problem, for example ``missing-column``.
    severity
        ``error`` stops the report; ``warning`` is shown and the report goes on.
    message
        What is wrong, in a sentence.
    file
        The workbook's file name.
    sheet, cell
        Where the problem is (``cell`` in A1 notation), when known.
    value
        The value found, as text.
    expected
        What was expected instead.
    hint
        How to fix it.
    """

    code: str
    severity: Severity
    message: str
    file: str
    sheet: str = ""
    cell: str = ""
    value: str = ""
    expected: str = ""
    hint: str = ""

    @property
    def place(self) -> str:
        """``file``, ``file: sheet`` or ``file: sheet!A1``."""
        where = self.file
        if self.sheet:
            where += f": {self.sheet}"
            if self.cell:
                where += f"!{self.cell}"
        return where

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as one line in ``lang``: the frame (error, found, expected) translated.

        The message, expected value and hint are already in the office's language; only the
        words around them are added here, so a Polish or Bulgarian user reads no English.
        """
        _ = translator(lang)
        severity = _("error") if self.severity == "error" else _("warning")
        message = self.message.rstrip(".") if self.value or self.expected else self.message
        text = f"{self.place}: {severity}: {message}"
        if self.value:
            text += " " + _("(found “{value}”)").format(value=self.value)
        if self.expected:
            text += "; " + _("expected: {expected}").format(expected=self.expected)
        if self.hint:
            text += f". {self.hint}" if not text.endswith(".") else f" {self.hint}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready mapping."""
        return asdict(self)


class WorkbookError(Exception):
    """The workbook cannot be used; ``problems`` lists every error found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"the workbook has {len(self.problems)} error(s):\n{lines}")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the errors."""
    return [p for p in problems if p.severity == "error"]

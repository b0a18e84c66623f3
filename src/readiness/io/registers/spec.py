"""A sources file's tables as read (see :mod:`.sources`), and the problems in its registers.

Apart from the loader, so that the roles, which read a table's defaults, and the loader,
which checks a table's columns against the roles' fields, need not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.core.problems import Problem, Severity
from readiness.io.cells import text


@dataclass
class RegisterSpec:
    """One ``[registers.NAME]`` table of a sources file."""

    name: str
    file: str
    path: Path
    role: str
    sheet: str = ""
    header_row: int | None = None  # 1-based
    encoding: str = ""
    separator: str = ""
    title: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    deadline_months: int | None = None
    questions: tuple[str, ...] | None = None  # a survey's question headers, when named

    @property
    def table(self) -> str:
        """``[registers.NAME]``, as problems name the place in the sources file."""
        return f"[registers.{self.name}]"


@dataclass
class Sources:
    """A sources file read: where it is and its registers."""

    path: Path
    registers: list[RegisterSpec] = field(default_factory=list)


@dataclass
class RegisterProblems:
    """The problems found in register files, in the language of the messages (``_``)."""

    _: Callable[[str], str]
    found: list[Problem] = field(default_factory=list)

    def add(
        self,
        spec: RegisterSpec,
        code: str,
        message: str,
        *,
        severity: Severity = "error",
        sheet: str = "",
        cell: str = "",
        value: Any = "",
        expected: str = "",
        hint: str = "",
    ) -> None:
        """Record a problem in a register file, named by its path in the sources file."""
        self.found.append(
            Problem(
                code, severity, message, spec.file, sheet, cell, text(value)[:200], expected, hint
            )
        )

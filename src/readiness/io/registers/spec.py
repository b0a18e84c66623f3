"""A sources file as read: its ``[registers.NAME]`` tables (see :mod:`.sources`).

Apart from the loader, so that the roles, which read a table's defaults, and the loader,
which checks a table's columns against the roles' fields, need not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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

    @property
    def table(self) -> str:
        """``[registers.NAME]``, as problems name the place in the sources file."""
        return f"[registers.{self.name}]"


@dataclass
class Sources:
    """A sources file read: where it is and its registers."""

    path: Path
    registers: list[RegisterSpec] = field(default_factory=list)

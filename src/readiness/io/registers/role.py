"""What a register role is: its fields, how one row becomes records, what the register adds.

A role (``evidence``, ``complaints``...) is one :class:`RegisterRole`: the fields it reads
(:class:`Field`), a ``build`` that turns one row's parsed values into an :class:`Entry`
(its record inside), and, for a register that is evidence as a whole (complaints, risks),
a ``whole`` giving the dates of the register's own evidence record. Adding a role is adding
one such value, with its fields and its builder, to a role module and to ``ROLES``
(:mod:`readiness.io.registers.roles`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from readiness.core.catalogue import Catalogue
from readiness.core.registers import Entry, Provenance
from readiness.io.cells import cell_name
from readiness.io.registers.spec import RegisterSpec

FieldKind = Literal["text", "ref", "refs", "date", "enum", "yesno", "int", "number", "score"]
"""``number``: a value such as 92,5 or 92 %; ``score``: a survey answer 1-5 (or a word mapped)."""


@dataclass(frozen=True)
class Field:
    """One field of a role: its kind, whether a row needs it, the header words that name it."""

    key: str
    kind: FieldKind = "text"
    required: bool = False
    choices: str = ""
    words: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        key: str,
        kind: FieldKind = "text",
        required: bool = False,
        choices: str = "",
        words: str = "",
    ) -> Field:
        """A field whose header words are given as one ``|``-separated string."""
        return cls(key, kind, required, choices, tuple(w.strip() for w in words.split("|") if w))


REFS_WORDS = "punkt normy|punkty normy|pkt normy|wymaganie|wymagania|klauzula|clause|clauses|" \
    "iso clause|requirement|точка от стандарта|точки|изискване|клауза"  # fmt: skip
OWNER_WORDS = "właściciel|odpowiedzialny|osoba odpowiedzialna|owner|responsible|отговорник|" \
    "отговорно лице|собственик"  # fmt: skip
REF_NO_WORDS = "symbol|znak|znak sprawy|numer|nr|sygnatura|reference|ref|no|number|номер|" \
    "вх. №|вх №|рег. №|№|референция"  # fmt: skip


class Context(Protocol):
    """What a builder may ask of the reader: the register's clauses, the date check."""

    def register_refs(self, spec: RegisterSpec) -> tuple[str, ...]:
        """The clauses the register supports when a row names none."""
        ...

    def after_as_of(self, spec: RegisterSpec, day: dt.date, sheet: str, cell: str) -> bool:
        """True (and an error recorded) when ``day`` is after the assessment date."""
        ...

    def refuse(self, row: Row, key: str, message: str, value: str, hint: str) -> None:
        """Record an error at the row's cell of field ``key``: the row gives no record.

        ``message`` and ``hint`` are message ids, ``{value}`` and ``{name}`` (the register's
        name in the sources file) filled in.
        """
        ...


@dataclass(slots=True)
class Row:
    """One register row to build from: its parsed values and where it is.

    ``kept`` is the register's own store, shared by its rows: a builder keeps there what
    the register as a whole needs (the complaints, the risks' review dates).
    """

    spec: RegisterSpec
    values: dict[str, Any]
    origin: Provenance
    sheet: str
    number: int  # 0-based row in the sheet
    kept: dict[str, list[Any]]
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    questions: tuple[str, ...] = ()  # a survey's question columns (answers as ``answer:Q``)

    @property
    def cell(self) -> str:
        """The row's first cell (A1 style), named only when a problem is recorded there."""
        return cell_name(self.number, 0)

    def cell_of(self, key: str) -> str:
        """The cell of field ``key`` in this row (the first cell when no column gives it)."""
        return cell_name(self.number, self.columns.get(key, 0))

    def keep(self, name: str, value: Any) -> None:
        """Keep ``value`` under ``name`` for the register as a whole."""
        self.kept.setdefault(name, []).append(value)


@dataclass(frozen=True)
class Whole:
    """The dates of the register's own evidence record; ``reviewed_on`` for a risk register."""

    dated: dt.date | None
    due: dt.date | None = None
    reviewed_on: dt.date | None = None


Builder = Callable[[Row, Context], Entry | None]
WholeRule = Callable[[RegisterSpec, list[Entry], dict[str, list[Any]]], Whole | None]


@dataclass(frozen=True)
class RegisterRole:
    """A role: its fields, its row builder, and the rule for the register's own record.

    Attributes
    ----------
    name
        The role's name in the sources file (one of ``readiness.core.registers.ROLES``).
    fields
        What a row is read into.
    build
        One row's values into an :class:`Entry` holding its record (None: the row is not
        used, its problem recorded).
    whole
        For a register that is evidence as a whole: the dates of that evidence record (None:
        this register is not, as a survey's summary rows, each evidence already).
    kind
        That record's kind of evidence, unless the sources file's defaults name one.
    more
        Fields the catalogue adds to the role's own.
    """

    name: str
    fields: tuple[Field, ...]
    build: Builder
    whole: WholeRule | None = None
    kind: str = "other"
    more: Callable[[Catalogue], tuple[Field, ...]] | None = None

    def fields_for(self, catalogue: Catalogue) -> tuple[Field, ...]:
        """The fields, with those the catalogue adds (a review's 9.3.2 inputs)."""
        return self.fields if self.more is None else self.fields + self.more(catalogue)

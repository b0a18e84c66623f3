"""Registers read through their sources file into the workbook's records, with provenance.

Each register's header row is found and its columns mapped by ``[columns]``
(:mod:`~readiness.io.registers.header`), its words by ``[values]``
(:mod:`~readiness.io.registers.values`), and each row turned into the records its role
supplies by the role's builder (:mod:`~readiness.io.registers.roles`). Every
row that cannot be used is reported with file, sheet, row and column: a bad value is an
error (the report is not produced), a row missing what its role needs is a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from readiness.core.catalogue import Catalogue
from readiness.core.messages import translator
from readiness.core.model import (
    Audit,
    Evidence,
    Finding,
    ObjectiveResult,
    Review,
    SupplierEvaluation,
    SurveyResponse,
)
from readiness.core.problems import Problem
from readiness.core.registers import ROLE_REFS, Entry, Provenance, Register, statutory_months
from readiness.io.cells import BadValue, cell_name, is_blank, parse_refs, text
from readiness.io.guard import FileRefused
from readiness.io.registers.files import Grid, read_grid
from readiness.io.registers.header import (
    Column,
    find_header,
    header_names,
    map_columns,
    question_columns,
)
from readiness.io.registers.role import Field, Row
from readiness.io.registers.roles import REGISTER_ROLES
from readiness.io.registers.spec import RegisterProblems, RegisterSpec, Sources
from readiness.io.registers.values import bad_value, field_parser

PREVIEW_ROWS = 5
MAX_REGISTER_ROWS = 100_000
RECORDS: dict[type, str] = {
    Evidence: "evidence",
    Finding: "findings",
    Audit: "audits",
    Review: "reviews",
    SurveyResponse: "surveys",
    SupplierEvaluation: "suppliers",
    ObjectiveResult: "objective_results",
}
"""The list of :class:`Read` each kind of record a row builds goes to."""


@dataclass
class Read:
    """One register as read, for ``sources check`` and for the report."""

    spec: RegisterSpec
    register: Register | None = None
    sheet: str = ""
    encoding: str = ""
    separator: str = ""
    header_row: int = 0  # 1-based; 0 when not found
    headers: list[str] = field(default_factory=list)
    mapped: dict[str, Column] = field(default_factory=dict)
    unmapped_columns: list[str] = field(default_factory=list)
    unmapped_values: dict[str, list[str]] = field(default_factory=dict)
    preview: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    rows: int = 0
    used: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    audits: list[Audit] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    surveys: list[SurveyResponse] = field(default_factory=list)
    suppliers: list[SupplierEvaluation] = field(default_factory=list)
    objective_results: list[ObjectiveResult] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # a survey's question columns


@dataclass
class Registers:
    """Every register of a sources file as read, and the records they supply together."""

    reads: list[Read] = field(default_factory=list)

    @property
    def registers(self) -> tuple[Register, ...]:
        """The registers read without an error that stops them."""
        return tuple(r.register for r in self.reads if r.register is not None)

    def records(self, kind: str) -> list[Any]:
        """Every register's records of one kind (a :data:`RECORDS` value)."""
        return [rec for r in self.reads for rec in getattr(r, kind)]


class RegisterReader:
    """Read the registers of a sources file.

    Parameters
    ----------
    sources
        The sources file, read by :func:`load_sources`.
    catalogue
        Clauses are checked against it.
    as_of
        The assessment date: audits and reviews after it are errors.
    lang
        Language of the problem messages.
    country
        The office's country: the statutory deadline for answering complaints.
    """

    def __init__(
        self,
        sources: Sources,
        catalogue: Catalogue,
        as_of: dt.date | None = None,
        lang: str = "en",
        country: str = "",
    ) -> None:
        self.sources = sources
        self.catalogue = catalogue
        self.as_of = as_of
        self.lang = lang
        self.report = RegisterProblems(translator(lang))
        self._ = self.report._
        self.add = self.report.add
        self.problems: list[Problem] = self.report.found
        self.country = country
        self._refs: dict[str, tuple[str, ...]] = {}

    def read(self) -> Registers:
        """Every register of the sources file."""
        out = Registers()
        for spec in self.sources.registers:
            out.reads.append(self.read_one(spec))
        return out

    # -- one register ---------------------------------------------------------------------
    def read_one(self, spec: RegisterSpec) -> Read:
        """One register: the file guarded and read, the header found, the rows converted."""
        _ = self._
        result = Read(spec=spec)
        try:
            grid = read_grid(spec.path, spec.sheet, spec.encoding, spec.separator)
        except FileRefused as exc:
            r = exc.refusal
            self.add(
                spec,
                r.code,
                _(r.message),
                value=_(r.found) if r.found else "",
                expected=_("an .xlsx, .ods or .csv register"),
                hint=_(r.hint) if r.hint else "",
            )
            return result
        except OSError as exc:
            self.add(
                spec, "cannot-read", _("The file cannot be read."), value=exc.strerror or str(exc)
            )
            return result
        result.sheet, result.encoding, result.separator = grid.sheet, grid.encoding, grid.separator
        sheet = grid.sheet or "CSV"
        index = find_header(self.report, spec, grid, sheet)
        if index is None:
            return result
        result.header_row = index + 1
        names = header_names(grid.rows, index)
        result.headers = [n for n, _w in names if n]
        fields = {f.key: f for f in self.fields(spec)}
        mapped, missing = map_columns(self.report, spec, names, index, fields, sheet)
        if spec.role == "survey":
            asked = question_columns(self.report, spec, names, index, mapped, sheet)
            if asked is None:
                missing = True
            else:
                for header, j in asked:
                    if f"answer:{header}" in fields:  # two questions headed alike: told apart
                        header = f"{header} ({cell_name(index, j)})"
                    key = f"answer:{header}"
                    fields[key] = Field(key, "score")
                    mapped[key] = Column(j, header)
                    result.questions.append(header)
        result.mapped = mapped
        used_cols = {c.index for c in mapped.values()}
        result.unmapped_columns = [n for j, (n, _w) in enumerate(names) if n and j not in used_cols]
        if missing:
            return result
        self.convert(spec, grid, index, result, fields, sheet)
        return result

    def fields(self, spec: RegisterSpec) -> tuple[Field, ...]:
        """The role's fields, with those the catalogue adds (a review's 9.3.2 inputs)."""
        return REGISTER_ROLES[spec.role].fields_for(self.catalogue)

    # -- rows -------------------------------------------------------------------------
    def convert(
        self,
        spec: RegisterSpec,
        grid: Grid,
        index: int,
        result: Read,
        fields: dict[str, Field],
        sheet: str,
    ) -> None:
        """Every data row below the header turned into records."""
        _ = self._
        parsers = {k: field_parser(spec, fields[k], self.catalogue) for k in fields}
        defaults: dict[str, Any] = {}
        for key, value in spec.defaults.items():
            if key not in fields:
                continue
            try:
                defaults[key] = parsers[key](value)
            except BadValue as exc:
                self.add(
                    spec,
                    "bad-default",
                    _("A default cannot be read: {field}.").format(field=key),
                    sheet=f"[registers.{spec.name}.defaults]",
                    value=value,
                    expected=_(exc.expected).format(**exc.params),
                )
                return
        columns = [(k, c.index) for k, c in result.mapped.items()]
        positions = dict(columns)
        questions = tuple(result.questions)
        entries: list[Entry] = []
        build = REGISTER_ROLES[spec.role].build
        kept: dict[str, list[Any]] = {}
        unmapped: dict[str, set[str]] = {}
        rows = grid.rows[index + 1 :]
        for offset, cells in enumerate(rows[:MAX_REGISTER_ROWS]):
            number = index + 1 + offset  # 0-based row in the sheet
            raw = {k: (cells[j] if j < len(cells) else "") for k, j in columns}
            if all(is_blank(v) for v in raw.values()):
                continue
            result.rows += 1
            values: dict[str, Any] = {}
            ok = True
            for key, j in columns:
                value = raw[key]
                if is_blank(value):
                    continue
                try:
                    values[key] = parsers[key](value)
                except BadValue as exc:
                    ok = False
                    bad_value(
                        self.report,
                        spec,
                        sheet,
                        cell_name(number, j),
                        key,
                        value,
                        fields[key],
                        exc,
                        unmapped,
                        result.mapped[key].header,
                    )
            if not ok:
                continue
            for key, value in defaults.items():
                values.setdefault(key, value)
            lacking = [f.key for f in fields.values() if f.required and f.key not in values]
            if lacking:
                key = lacking[0]
                col = result.mapped[key].index if key in result.mapped else 0
                self.add(
                    spec,
                    "row-not-used",
                    _("Row {row} not used: {field} is empty.").format(
                        row=number + 1,
                        field=result.mapped[key].header if key in result.mapped else key,
                    ),
                    severity="warning",
                    sheet=sheet,
                    cell=cell_name(number, col),
                    expected=_("a value"),
                    hint=_(
                        "Fill the cell, or give a default under [registers.{name}.defaults]."
                    ).format(name=spec.name),
                )
                continue
            origin = Provenance(spec.name, spec.file, grid.sheet, number + 1)
            if len(result.preview) < PREVIEW_ROWS:
                result.preview.append(
                    (
                        number + 1,
                        {
                            k: text(v) if not isinstance(v, tuple) else "; ".join(v)
                            for k, v in values.items()
                        },
                    )
                )
            row = Row(spec, values, origin, sheet, number, kept, positions, questions)
            entry = build(row, self)
            if entry is None:
                continue
            entries.append(entry)
            records = RECORDS.get(type(entry.record))
            if records is not None:
                getattr(result, records).append(entry.record)
        else:
            if len(rows) > MAX_REGISTER_ROWS:
                self.add(
                    spec,
                    "too-many-rows",
                    _("The sheet has more rows than the reader accepts."),
                    sheet=sheet,
                    expected=_("at most {n} rows").format(n=MAX_REGISTER_ROWS),
                )
        result.unmapped_values = {k: sorted(v) for k, v in unmapped.items()}
        result.used = len(entries)
        self.finish(spec, result, entries, kept)

    def register_refs(self, spec: RegisterSpec) -> tuple[str, ...]:
        """The clauses the register supports: ``defaults.refs``, or its role's."""
        if spec.name not in self._refs:
            self._refs[spec.name] = self._register_refs(spec)
        return self._refs[spec.name]

    def _register_refs(self, spec: RegisterSpec) -> tuple[str, ...]:
        raw = spec.defaults.get("refs")
        if raw:
            try:
                return parse_refs(raw, self.catalogue)
            except BadValue:
                pass  # reported with the defaults
        out: list[str] = []
        for ref in ROLE_REFS.get(spec.role, ()):
            out += [r.ref for r in self.catalogue.requirements_under(ref)]
        return tuple(out)

    def after_as_of(self, spec: RegisterSpec, day: dt.date, sheet: str, cell: str) -> bool:
        """An error when a held audit or review is dated after the assessment date."""
        if self.as_of is None or day <= self.as_of:
            return False
        self.add(
            spec,
            "date-after-as-of",
            self._("The date is after the assessment date {as_of}.").format(
                as_of=self.as_of.isoformat()
            ),
            sheet=sheet,
            cell=cell,
            value=day,
            expected=self._("a date on or before {as_of}").format(as_of=self.as_of.isoformat()),
        )
        return True

    def refuse(self, row: Row, key: str, message: str, value: str, hint: str) -> None:
        """An error at the row's cell of field ``key``: the row gives no record.

        ``message`` and ``hint`` are message ids; ``{value}`` is filled with the cell's
        text, ``{name}`` with the register's name in the sources file.
        """
        params = {"value": value, "name": row.spec.name}
        self.add(
            row.spec, "underivable-" + key.replace("_", "-"), self._(message).format(**params),
            sheet=row.sheet, cell=row.cell_of(key), value=value,
            hint=self._(hint).format(**params),
        )  # fmt: skip

    def finish(
        self, spec: RegisterSpec, result: Read, entries: list[Entry], kept: dict[str, list[Any]]
    ) -> None:
        """The register as a whole: its own evidence record when its role has one."""
        role = REGISTER_ROLES[spec.role]
        refs = self.register_refs(spec) if spec.role in ROLE_REFS else ()
        reviewed_on = None
        title = spec.title or spec.defaults.get("title") or PurePath(spec.file).name
        whole = role.whole(spec, entries, kept) if role.whole is not None and entries else None
        if whole is not None:
            reviewed_on = whole.reviewed_on
            ev = Evidence(
                refs=refs,
                title=str(title),
                kind=str(spec.defaults.get("kind") or role.kind),
                status=str(spec.defaults.get("status") or "approved"),
                reference=spec.file,
                dated=whole.dated,
                review_due=whole.due,
                row=0,
            )
            result.evidence.append(ev)
        months = spec.deadline_months or statutory_months(self.country)
        result.register = Register(
            name=spec.name,
            role=spec.role,
            file=spec.file,
            sheet=result.sheet,
            rows=result.rows,
            entries=tuple(entries),
            refs=refs,
            complaints=tuple(kept.get("complaints", ())),
            reviewed_on=reviewed_on,
            deadline_months=months,
        )


def read_registers(
    sources: Sources,
    *,
    catalogue: Catalogue,
    as_of: dt.date | None = None,
    lang: str = "en",
    country: str = "",
) -> tuple[Registers, list[Problem]]:
    """Read every register of a sources file.

    Parameters
    ----------
    sources
        From :func:`readiness.io.registers.load_sources`.
    catalogue
        The catalogue of the edition assessed against; always passed (no silent default).
    as_of
        The assessment date; audits and reviews after it are errors.
    lang
        Language of the problem messages.
    country
        The office's country (PL, BG): the statutory deadline for complaints.

    Returns
    -------
    tuple
        The registers as read and every problem found.
    """
    reader = RegisterReader(sources, catalogue, as_of, lang, country)
    return reader.read(), reader.problems

"""Registers read through their sources file into the workbook's records, with provenance.

Each register's header row is found (or taken from ``header_row``; a row of merged group
headings above it is joined as ``Group / column``), its columns mapped by ``[columns]``,
its words by ``[values]``, and each row turned into the records its role supplies. Every
row that cannot be used is reported with file, sheet, row and column: a bad value is an
error (the report is not produced), a row missing what its role needs is a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import Any

from readiness.core.catalogue import Catalogue, load_catalogue
from readiness.core.messages import N_, every_translation, translator
from readiness.core.model import Audit, Evidence, Finding, Review
from readiness.core.problems import Problem, Severity
from readiness.core.registers import (
    ROLE_REFS,
    Complaint,
    Entry,
    Provenance,
    Register,
    add_months,
    statutory_months,
)
from readiness.core.schema import CHOICES, choices, labels
from readiness.io.guard import FileRefused
from readiness.io.registers.files import Grid, read_grid
from readiness.io.registers.roles import EXTRA_CHOICES, ROLE_FIELDS, Field
from readiness.io.registers.sources import RegisterSpec, Sources
from readiness.io.cells import (
    BadValue,
    is_blank,
    norm,
    parse_date,
    parse_ref,
    parse_refs,
    text,
)
from readiness.io.cells import cell_name

HEADER_SCAN_ROWS = 15
PREVIEW_ROWS = 5
MAX_REGISTER_ROWS = 100_000
N_("complaint")
N_("request")  # the kinds of complaints register entries


@dataclass
class Column:
    """A column of the register as found: its index and the header text shown."""

    index: int
    header: str


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


@dataclass
class Registers:
    """Every register of a sources file as read, and the records they supply together."""

    reads: list[Read] = field(default_factory=list)

    @property
    def registers(self) -> tuple[Register, ...]:
        """The registers read without an error that stops them."""
        return tuple(r.register for r in self.reads if r.register is not None)

    def records(self, kind: str) -> list[Any]:
        """Every register's records of one kind: evidence, findings, audits or reviews."""
        return [rec for r in self.reads for rec in getattr(r, kind)]


@cache
def choice_words(name: str) -> dict[str, str]:
    """norm(word) -> key for a list of choices, our labels in every language."""
    if name in EXTRA_CHOICES:
        out = {norm(k): k for k in EXTRA_CHOICES[name]}
        for key in EXTRA_CHOICES[name]:
            out |= {norm(w): key for w in every_translation(key)}
        return out
    options = choices(name, load_catalogue()) if name == "stage" else CHOICES[name]
    out = {}
    for choice in options:
        out[norm(choice.key)] = choice.key
        out |= {norm(w): choice.key for w in labels(choice)}
    return out


def choice_keys(name: str) -> list[str]:
    """The keys of a list of choices."""
    if name in EXTRA_CHOICES:
        return list(EXTRA_CHOICES[name])
    return [c.key for c in CHOICES[name]]


def header_names(rows: list[list[Any]], index: int) -> list[tuple[str, set[str]]]:
    """For each column of header row ``index``: the name shown and the names it answers to.

    A row above with two or more filled cells is a row of group headings (merged cells):
    a column under a group is named ``Group / column`` and also answers to ``column``.
    """
    row = rows[index] if index < len(rows) else []
    above = rows[index - 1] if index > 0 and index - 1 < len(rows) else []
    groups = sum(1 for v in above if not is_blank(v)) >= 2
    out: list[tuple[str, set[str]]] = []
    group = ""
    for j in range(max(len(row), len(above) if groups else 0)):
        cell = text(row[j]) if j < len(row) else ""
        top = text(above[j]) if groups and j < len(above) else ""
        if top:
            group = top
        elif not cell:
            group = ""
        if groups and cell and group:
            shown = f"{group} / {cell}"
            out.append((shown, {norm(shown), norm(cell)}))
        elif cell:
            out.append((cell, {norm(cell)}))
        elif groups and top:
            out.append((top, {norm(top)}))
        else:
            out.append(("", set()))
    return out


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
        catalogue: Catalogue | None = None,
        as_of: dt.date | None = None,
        lang: str = "en",
        country: str = "",
    ) -> None:
        self.sources = sources
        self.catalogue = catalogue or load_catalogue()
        self.as_of = as_of
        self.lang = lang
        self._ = translator(lang)
        self.country = country
        self.problems: list[Problem] = []
        self._refs: dict[str, tuple[str, ...]] = {}

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
        self.problems.append(
            Problem(
                code, severity, message, spec.file, sheet, cell, text(value)[:200], expected, hint
            )
        )

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
        index = self.find_header(spec, grid, sheet)
        if index is None:
            return result
        result.header_row = index + 1
        names = header_names(grid.rows, index)
        result.headers = [n for n, _w in names if n]
        fields = {f.key: f for f in self.fields(spec)}
        mapped: dict[str, Column] = {}
        missing = False
        for key, header in spec.columns.items():
            hits = [j for j, (_n, words) in enumerate(names) if norm(header) in words]
            if len(hits) > 1:
                self.add(
                    spec,
                    "ambiguous-column",
                    _("Several columns are headed {header}.").format(header=header),
                    sheet=sheet,
                    cell=cell_name(index, hits[1]),
                    value=header,
                    expected=", ".join(names[j][0] for j in hits),
                    hint=_("Name the column by its group and header, as shown: Group / column."),
                )
                missing = True
                continue
            if not hits:
                self.add(
                    spec,
                    "missing-column",
                    _("The register has no column {header} (for {field}).").format(
                        header=header, field=key
                    ),
                    sheet=sheet,
                    cell=cell_name(index, 0),
                    value=header,
                    expected=" | ".join(result.headers),
                    hint=_(
                        'Change {field} = "..." under [registers.{name}.columns] to '
                        "one of the headers found, or set header_row if the header "
                        "is another row."
                    ).format(field=key, name=spec.name),
                )
                missing = True
                continue
            mapped[key] = Column(hits[0], names[hits[0]][0])
        for f in fields.values():
            if f.required and f.key not in mapped and f.key not in spec.defaults:
                if f.key in spec.columns:
                    continue  # already reported
                self.add(
                    spec,
                    "unmapped-field",
                    _("Nothing gives {field}, which every row needs.").format(field=f.key),
                    sheet=sheet,
                    expected=f'{f.key} = "..."',
                    hint=_(
                        "Map a column to it under [registers.{name}.columns], or give "
                        "a value under [registers.{name}.defaults]."
                    ).format(name=spec.name),
                )
                missing = True
        result.mapped = mapped
        used_cols = {c.index for c in mapped.values()}
        result.unmapped_columns = [n for j, (n, _w) in enumerate(names) if n and j not in used_cols]
        if missing:
            return result
        self.convert(spec, grid, index, result, fields, sheet)
        return result

    def fields(self, spec: RegisterSpec) -> tuple[Field, ...]:
        """The role's fields; a review register also reads a yes/no column per 9.3.2 input."""
        base = ROLE_FIELDS[spec.role]
        if spec.role != "reviews":
            return base
        inputs = tuple(
            Field(f"input:{i.id}", "yesno", choices="yesno") for i in self.catalogue.review_inputs
        )
        return base + inputs

    def find_header(self, spec: RegisterSpec, grid: Grid, sheet: str) -> int | None:
        """The 0-based header row: ``header_row``, or the row matching most mapped headers."""
        _ = self._
        wanted = {norm(h) for h in spec.columns.values()}

        def score(i: int) -> int:
            words = set().union(*(w for _n, w in header_names(grid.rows, i)))
            return len(wanted & words)

        scan = range(min(HEADER_SCAN_ROWS, len(grid.rows)))
        best = max(scan, key=lambda i: (score(i), -i), default=None)
        if spec.header_row is not None:
            index = spec.header_row - 1
            if index >= len(grid.rows) or (wanted and score(index) == 0):
                found = f"header_row = {best + 1}" if best is not None and score(best) else ""
                self.add(
                    spec,
                    "header-not-found",
                    _("Row {row} does not hold the headers named in [columns].").format(
                        row=spec.header_row
                    ),
                    sheet=sheet,
                    cell=cell_name(index, 0),
                    value=found,
                    expected=", ".join(spec.columns.values()),
                    hint=_(
                        "The header may have moved: set header_row to the row that "
                        "holds it, or leave header_row out to have it found."
                    ),
                )
                return None
            return index
        if best is None or not score(best):
            self.add(
                spec,
                "header-not-found",
                _("No row in the first {n} holds the headers named in [columns].").format(
                    n=HEADER_SCAN_ROWS
                ),
                sheet=sheet,
                expected=", ".join(spec.columns.values()),
                hint=_(
                    "Check [registers.{name}.columns] against the register's header "
                    "row, or set header_row."
                ).format(name=spec.name),
            )
            return None
        return best

    # -- values -----------------------------------------------------------------------
    def parser(self, spec: RegisterSpec, f: Field) -> Callable[[Any], Any]:
        """A parser for one field's cells, remembering the values it has read.

        Registers repeat their words, clauses and dates from row to row; each distinct
        cell value is parsed once (an unreadable one is reported at every cell).
        """
        parse = self.cell_parser(spec, f)
        if f.kind == "text":
            return parse
        memo: dict[Any, Any] = {}

        def remembered(value: Any) -> Any:
            try:
                return memo[value]
            except KeyError:
                memo[value] = parsed = parse(value)
                return parsed
            except TypeError:  # not hashable
                return parse(value)

        return remembered

    def cell_parser(self, spec: RegisterSpec, f: Field) -> Callable[[Any], Any]:
        """A parser for one field's cells: the register's words mapped first."""
        words = {norm(k): v for k, v in spec.values.get(f.key, {}).items()}
        catalogue = self.catalogue
        if f.kind == "date":
            return parse_date
        if f.kind == "ref":
            return lambda v: parse_ref(v, catalogue)
        if f.kind == "refs":
            return lambda v: parse_refs(v, catalogue)
        if f.kind in ("enum", "yesno"):
            ours = choice_words(f.choices)

            def choice(value: Any) -> str:
                key = norm(text(value))
                key = norm(words.get(key, key))
                if key in ours:
                    return ours[key]
                raise BadValue(N_("one of: {choices}"), choices=", ".join(choice_keys(f.choices)))

            return choice
        if words:
            return lambda v: words.get(norm(text(v)), text(v))
        return text

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
        parsers = {k: self.parser(spec, fields[k]) for k in fields}
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
        entries: list[Entry] = []
        complaints: list[Complaint] = []
        register_dates: list[dt.date] = []
        next_reviews: list[dt.date] = []
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
                    self.bad_value(
                        spec, sheet, cell_name(number, j), key, value, fields[key], exc, unmapped
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
            entry = self.row_records(spec, values, origin, result, sheet, cell_name(number, 0))
            if entry is None:
                continue
            entries.append(entry)
            if spec.role == "complaints":
                complaints.append(entry.record)
            if spec.role == "risks":
                if values.get("reviewed"):
                    register_dates.append(values["reviewed"])
                if values.get("next_review"):
                    next_reviews.append(values["next_review"])
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
        self.finish(spec, result, entries, complaints, register_dates, next_reviews)

    def bad_value(
        self,
        spec: RegisterSpec,
        sheet: str,
        cell: str,
        key: str,
        value: Any,
        f: Field,
        exc: BadValue,
        unmapped: dict[str, set[str]],
    ) -> None:
        """An unreadable cell; an unknown word names the mapping to add."""
        _ = self._
        header = key
        if f.kind in ("enum", "yesno"):
            word = text(value)
            unmapped.setdefault(key, set()).add(word)
            keys = choice_keys(f.choices)
            self.add(
                spec,
                "unknown-value",
                _("{field}: the word {word} has no mapping.").format(
                    field=header, word=f'"{word}"'
                ),
                sheet=sheet,
                cell=cell,
                value=word,
                expected=", ".join(keys),
                hint=_(
                    "Add under [registers.{name}.values.{field}] the line: "
                    '"{word}" = "{key}" (or another of: {keys}).'
                ).format(name=spec.name, field=key, word=word, key=keys[0], keys=", ".join(keys)),
            )
            return
        code = "unknown-clause" if f.kind in ("ref", "refs") else f"bad-{f.kind}"
        self.add(
            spec,
            code,
            _("{field}: the value cannot be read.").format(field=header),
            sheet=sheet,
            cell=cell,
            value=value,
            expected=_(exc.expected).format(**exc.params),
        )

    def row_records(
        self,
        spec: RegisterSpec,
        v: dict[str, Any],
        origin: Provenance,
        result: Read,
        sheet: str,
        cell: str,
    ) -> Entry | None:
        """The records one row supplies, added to ``result``; its entry."""
        role = spec.role
        row = origin.row
        if role == "evidence":
            ev = Evidence(
                refs=v["refs"],
                title=v["title"],
                kind=v["kind"],
                status=v["status"],
                reference=v.get("reference", ""),
                owner=v.get("owner", ""),
                dated=v.get("dated"),
                review_due=v.get("review_due"),
                row=row,
            )
            result.evidence.append(ev)
            return Entry(origin, "evidence", ev.title, ev.refs, ev.dated, ev)
        if role == "findings":
            fi = Finding(
                id=v["id"],
                ref=v["ref"],
                source=v["source"],
                grade=v["grade"],
                description=v["description"],
                status=v["status"],
                action=v.get("action", ""),
                owner=v.get("owner", ""),
                due=v.get("due"),
                closed_on=v.get("closed_on"),
                row=row,
            )
            result.findings.append(fi)
            return Entry(origin, "finding", f"{fi.id}: {fi.description}", (fi.ref,), fi.due, fi)
        if role == "audits":
            if self.after_as_of(spec, v["date"], sheet, cell):
                return None
            au = Audit(
                date=v["date"],
                refs=v["refs"],
                auditor=v.get("auditor", ""),
                report=v.get("report", ""),
                kind=v.get("kind") or "internal",
                row=row,
            )
            result.audits.append(au)
            return Entry(origin, "audit", au.report or au.date.isoformat(), au.refs, au.date, au)
        if role == "reviews":
            if self.after_as_of(spec, v["date"], sheet, cell):
                return None
            inputs = frozenset(
                k.split(":", 1)[1] for k, x in v.items() if k.startswith("input:") and x == "yes"
            )
            rv = Review(date=v["date"], inputs=inputs, minutes=v.get("minutes", ""), row=row)
            result.reviews.append(rv)
            return Entry(
                origin, "review", rv.minutes or rv.date.isoformat(), ("9.3.2",), rv.date, rv
            )
        refs = v.get("refs") or self.register_refs(spec)  # remembered per register
        if role == "training":
            person = v.get("person", "")
            title = f"{v['topic']} – {person}" if person else v["topic"]
            ev = Evidence(
                refs=refs,
                title=title,
                kind="retain",
                status="approved",
                reference=v.get("reference", ""),
                owner=v.get("unit", "") or person,
                dated=v["date"],
                row=row,
            )
            result.evidence.append(ev)
            return Entry(origin, "evidence", title, refs, ev.dated, ev)
        if role == "survey":
            parts = [v.get("title", "") or spec.title or PurePath(spec.file).name]
            if v.get("score"):
                parts.append(str(v["score"]))
            if v.get("respondents"):
                parts.append(f"n = {v['respondents']}")
            title = ", ".join(parts)
            ev = Evidence(
                refs=refs,
                title=title,
                kind="retain",
                status="approved",
                reference=spec.file,
                dated=v["date"],
                row=row,
            )
            result.evidence.append(ev)
            return Entry(origin, "evidence", title, refs, ev.dated, ev)
        if role == "complaints":
            c = Complaint(
                received=v["received"],
                kind=v.get("kind") or "complaint",
                subject=v.get("subject", ""),
                reference=v.get("reference", ""),
                answered=v.get("answered"),
                outcome=v.get("outcome", ""),
                origin=origin,
            )
            return Entry(origin, "complaint", c.reference or c.subject, refs, c.received, c)
        # risks
        return Entry(origin, "risk", v["risk"], refs, v.get("reviewed"), None)

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

    def finish(
        self,
        spec: RegisterSpec,
        result: Read,
        entries: list[Entry],
        complaints: list[Complaint],
        reviewed: list[dt.date],
        next_reviews: list[dt.date],
    ) -> None:
        """The register as a whole: its own evidence record for complaints and risks."""
        refs = self.register_refs(spec) if spec.role in ROLE_REFS else ()
        reviewed_on = None
        title = spec.title or spec.defaults.get("title") or PurePath(spec.file).name
        if spec.role in ("complaints", "risks") and entries:
            days = [e.date for e in entries if e.date is not None]
            if spec.role == "risks":
                default = spec.defaults.get("reviewed")
                if default and not reviewed:
                    with contextlib.suppress(BadValue):
                        reviewed.append(parse_date(default))
                reviewed_on = max(reviewed) if reviewed else None
                dated = reviewed_on
                due = (
                    max(next_reviews)
                    if next_reviews
                    else (add_months(reviewed_on, 12) if reviewed_on else None)
                )
            else:
                dated, due = (max(days) if days else None), None
            kind = str(
                spec.defaults.get("kind") or ("retain" if spec.role == "complaints" else "other")
            )
            ev = Evidence(
                refs=refs,
                title=str(title),
                kind=kind,
                status=str(spec.defaults.get("status") or "approved"),
                reference=spec.file,
                dated=dated,
                review_due=due,
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
            complaints=tuple(complaints),
            reviewed_on=reviewed_on,
            deadline_months=months,
        )


def read_registers(
    sources: Sources,
    *,
    catalogue: Catalogue | None = None,
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
        The catalogue; the shipped one by default.
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

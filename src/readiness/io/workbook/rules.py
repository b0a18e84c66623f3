"""The workbook's rules: each sheet's values parsed and checked, and the records built.

Every problem is collected, not just the first: each names the file, sheet, cell, the value
found and what was expected. The workbook is opened read-only and never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from python_calamine import CalamineWorkbook

from readiness.core.messages import N_
from readiness.core.model import Audit, ClauseEntry, Evidence, Finding, Office, Review
from readiness.core.problems import errors
from readiness.core.schema import (
    CLAUSES,
    EVIDENCE,
    FINDINGS,
    OFFICE,
    Column,
    Sheet,
    choices,
    sheets,
)
from readiness.io.cells import (
    BadValue,
    RefAsDate,
    cell_name,
    column_letters,
    is_blank,
    parse_choice,
    parse_date,
    parse_level,
    parse_number,
    parse_ref,
    parse_refs,
    ref_from_date,
    text,
)
from readiness.io.workbook.headers import Headers, Table

# a variable, not a literal, inside self._(): pybabel would take a literal for a message id
REF_AS_DATE = "ref-as-date"
HINTS = {
    "date": N_("Use a date cell, or write the date as 2026-03-31 or 31.03.2026."),
    "level": N_("Choose the level from the list: 0 to 4, or N/A."),
    "ref": N_("Use a clause number as listed in the Clauses sheet, such as 7.1.5.1."),
    "refs": N_("List clause numbers separated by semicolons, such as 9.2.1; 9.2.2."),
    "enum": N_("Choose a value from the list."),
    "number": N_("Write a number, such as 42 or 42.5."),
    REF_AS_DATE: N_(
        "Format the column as Text (Format Cells > Text) and type the clause number again, "
        "or type an apostrophe before it: '9.2."
    ),
}
HEADER_SCAN_ROWS = 15
MAX_DATA_ROWS = 50_000
YES_NO = {"yes": True, "no": False}  # a yes/no field that may stay blank (not decided)
# exclusions are one per line, or separated by a semicolon that is followed by a clause
# number; a semicolon inside a justification stays part of it
EXCLUSION_SPLIT = re.compile(r"\n+|;\s*(?=\d+(?:\.\d+)*\.?\s*[-–—:])")
EXCLUSION_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s*(?:[-–—:]\s*)?(.*)$", re.DOTALL)


class Reader(Headers):
    """Read every sheet of a workbook, apply the rules and build the validated records."""

    def parsed(self, column: Column, value: Any) -> Any:
        """A clause, clause list or choice cell parsed once per distinct value and column.

        Long sheets repeat the same few clause lists and choices; the parse (or the
        ``BadValue`` it raised) is kept for the next cell that holds the same value.
        """
        key = (column.key, column.kind, column.choices, type(value), value)
        try:
            found = self.memo[key]
        except KeyError:
            try:
                if column.kind == "ref":
                    found = parse_ref(value, self.catalogue)
                elif column.kind == "refs":
                    found = parse_refs(value, self.catalogue)
                else:
                    found = parse_choice(value, choices(column.choices, self.catalogue))
            except BadValue as exc:
                found = exc
            self.memo[key] = found
        if isinstance(found, BadValue):
            raise found.with_traceback(None)
        return found

    def parse(self, column: Column, value: Any, sheet: str, cell: str) -> Any:
        """Parse a non-blank cell for a column; on failure record the problem and return None."""
        try:
            if column.kind == "date":
                return parse_date(value)
            if column.kind == "level":
                return parse_level(value)
            if column.kind == "number":
                return parse_number(value)
            if column.kind in ("ref", "refs") and isinstance(value, dt.date):
                self.add(
                    "clause-read-from-date",
                    self._(
                        "{column}: the spreadsheet turned the clause number into a date; "
                        "read as {ref}."
                    ).format(column=self.label(column), ref=ref_from_date(value, self.catalogue)),
                    severity="warning",
                    sheet=sheet,
                    cell=cell,
                    value=value,
                    expected=self._("a clause number stored as text"),
                    hint=self._(HINTS[REF_AS_DATE]),
                )
            if column.kind in ("ref", "refs") or column.choices:
                return self.parsed(column, value)
            return text(value)
        except RefAsDate as exc:
            self.add(
                "clause-as-date",
                self._("{column}: the spreadsheet turned the clause number into a date.").format(
                    column=self.label(column)
                ),
                sheet=sheet,
                cell=cell,
                value=value,
                expected=self._(exc.expected).format(**exc.params),
                hint=self._(HINTS[REF_AS_DATE]),
            )
            return None
        except BadValue as exc:
            code = "unknown-clause" if column.kind in ("ref", "refs") else f"bad-{column.kind}"
            self.add(
                code,
                self._("{column}: the value cannot be read.").format(column=self.label(column)),
                sheet=sheet,
                cell=cell,
                value=value,
                expected=self._(exc.expected).format(**exc.params),
                hint=self._(HINTS.get(column.kind, HINTS["enum"])),
            )
            return None

    # -- table sheets ---------------------------------------------------------------------

    def typed_rows(
        self, table: Table, sheet: Sheet
    ) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
        """Each data row parsed, with its raw values; rows with a bad required cell are skipped.

        A level is the exception: it is parsed but the row is kept, because an unreadable
        or blank level is judged by the Clauses check itself.
        """
        # each cell's name (B7) is its column's letters and its row: the letters once a table
        letters = {key: column_letters(col + 1) for key, col in table.columns.items()}
        present = [column for column in sheet.columns if column.key in table.columns]
        for number, values in table.rows:
            parsed: dict[str, Any] = {}
            ok = True
            row = str(number + 1)
            for column in present:
                cell = letters[column.key] + row
                raw = values[column.key]
                if is_blank(raw):
                    if column.required and column.kind != "level":
                        ok = False
                        self.add(
                            "missing-value",
                            self._("{column} is empty.").format(column=self.label(column)),
                            sheet=table.sheet_name,
                            cell=cell,
                            expected=self._("a value"),
                            hint=self._("Fill the cell, or delete the row if it is not needed."),
                        )
                    parsed[column.key] = None
                    continue
                value = self.parse(column, raw, table.sheet_name, cell)
                if value is None and column.kind != "level":
                    ok = False
                parsed[column.key] = value
            if ok:
                yield number, parsed, values

    # -- the Office sheet -----------------------------------------------------------------

    def office(self, book: CalamineWorkbook) -> Office | None:
        """The Office sheet's record; None when it has errors."""
        name = self.find_sheet(book, OFFICE)
        if name is None:
            return None
        values = self.office_cells(book, name)
        fields: dict[str, Any] = {}
        for col in OFFICE.columns:
            raw, cell = values.get(col.key, ("", ""))
            if is_blank(raw):
                if col.required:
                    self.add(
                        "missing-value",
                        self._("{field} is not filled in.").format(field=self.label(col)),
                        sheet=name,
                        cell=cell,
                        expected=self._("a value"),
                        hint=self._("Fill the Value column of the Office sheet."),
                    )
                continue
            value = self.parse(col, raw, name, cell)
            if value is not None:
                fields[col.key] = value
        exclusions_cell = values.get("exclusions", ("", ""))[1]
        self.exclusions_place = f"{name}!{exclusions_cell}" if exclusions_cell else name
        sources_cell = values.get("sources", ("", ""))[1]
        self.sources_place = f"{name}!{sources_cell}" if sources_cell else name
        exclusions = self.exclusions(fields.pop("exclusions", ""), name, values)
        if errors(self.problems):
            return None
        fields["full_cycle_before_stage1"] = fields.get("full_cycle_before_stage1") == "yes"
        fields["climate_relevant"] = YES_NO.get(fields.get("climate_relevant", ""))  # blank: None
        return Office(exclusions=exclusions, **fields)

    def exclusions(
        self, raw: str, sheet: str, values: dict[str, tuple[Any, str]]
    ) -> dict[str, str]:
        """Requirements declared not applicable in the Office sheet: ref -> justification."""
        cell = values.get("exclusions", ("", ""))[1]
        out: dict[str, str] = {}
        for line in EXCLUSION_SPLIT.split(raw or ""):
            if not line.strip():
                continue
            match = EXCLUSION_RE.match(line)
            ref = match.group(1) if match else ""
            if ref not in self.catalogue.clauses:
                self.add(
                    "unknown-clause",
                    self._("An exclusion does not start with a clause of the standard."),
                    sheet=sheet,
                    cell=cell,
                    value=line,
                    expected=self._("a clause, a dash and the justification: 8.3 - ..."),
                    hint=self._("Write one exclusion per line, starting with its clause number."),
                )
                continue
            covered = self.catalogue.requirements_under(ref)
            if not all(r.may_exclude for r in covered):
                self.add(
                    "exclusion-not-allowed",
                    self._("Requirement {ref} cannot be declared not applicable.").format(ref=ref),
                    sheet=sheet,
                    cell=cell,
                    value=line,
                    expected=self._("only requirements the standard lets an office exclude"),
                    hint=self._(
                        "Remove it from the exclusions and assess it in the Clauses sheet."
                    ),
                )
                continue
            assert match is not None
            justification = match.group(2).strip()
            for r in covered:
                out[r.ref] = justification
        return out

    # -- the Clauses sheet ----------------------------------------------------------------
    def clauses(self, book: CalamineWorkbook, office: Office | None) -> dict[str, ClauseEntry]:
        """The Clauses sheet's entries by requirement, with N/A and its justification checked."""
        table = self.table(book, CLAUSES)
        if table is None:
            return {}
        exclusions = office.exclusions if office else {}
        entries: dict[str, ClauseEntry] = {}
        seen: set[str] = set()
        for number, row, raw in self.typed_rows(table, CLAUSES):
            ref = row["ref"]
            seen.add(ref)
            sheet = table.sheet_name
            ref_cell = cell_name(number, table.columns["ref"])
            level_cell = cell_name(number, table.columns["level"])
            clause = self.catalogue.clauses[ref]
            if not clause.assessable:
                self.add(
                    "not-assessable",
                    self._("{ref} is a heading; assess its sub-clauses instead.").format(ref=ref),
                    sheet=sheet,
                    cell=ref_cell,
                    value=ref,
                    expected=", ".join(clause.children),
                    hint=self._("Delete this row; the template lists the sub-clauses to assess."),
                )
                continue
            raw_level = raw["level"]
            level = row["level"]
            assessed = True
            if is_blank(raw_level) and ref in exclusions:
                level = None  # declared not applied in the Office sheet: N/A, justified there
            elif is_blank(raw_level):
                self.add(
                    "level-blank",
                    self._("No level given; counted as 0, not addressed."),
                    severity="warning",
                    sheet=sheet,
                    cell=level_cell,
                    expected=self._("a level 0-4 or N/A"),
                    hint=self._("Choose the level from the list: 0 to 4, or N/A."),
                )
                level = 0
                assessed = False
            elif level is None and not is_na(raw_level):
                continue  # unreadable level, already reported
            notes = row.get("notes") or ""
            if level is None:
                if not clause.may_exclude:
                    self.add(
                        "na-not-allowed",
                        self._("{ref} cannot be declared not applicable.").format(ref=ref),
                        sheet=sheet,
                        cell=level_cell,
                        value=raw_level,
                        expected=self._("a level 0-4"),
                        hint=self._(
                            "Only design and development (8.3) and a few others may be excluded."
                        ),
                    )
                    continue
                if not (notes.strip() or exclusions.get(ref, "").strip()):
                    self.add(
                        "na-unjustified",
                        self._("{ref} is N/A without a justification; it counts as a gap.").format(
                            ref=ref
                        ),
                        severity="warning",
                        sheet=sheet,
                        cell=level_cell,
                        value=raw_level,
                        expected=self._(
                            "a justification in Notes or in the Office sheet's exclusions"
                        ),
                        hint=self._(
                            "Say in Notes why the requirement does not apply to the office."
                        ),
                    )
            elif ref in exclusions:
                self.add(
                    "exclusion-conflict",
                    self._(
                        "{ref} is listed as not applied in {place}, but its level here is {level}."
                    ).format(ref=ref, place=self.exclusions_place, level=level),
                    sheet=sheet,
                    cell=level_cell,
                    value=raw_level,
                    expected=self._("N/A or a blank level, as the Office sheet declares"),
                    hint=self._(
                        "If the requirement does not apply, set its level to N/A; if it does, "
                        "remove it from the requirements not applied in {place}."
                    ).format(place=self.exclusions_place),
                )
                continue
            entry = ClauseEntry(
                ref=ref,
                level=level,
                owner=row.get("owner") or "",
                notes=notes or exclusions.get(ref, ""),
                assessed_on=row.get("assessed_on"),
                row=number + 1,
                assessed=assessed,
            )
            earlier = entries.get(ref)
            if earlier is not None:
                same = earlier.level == entry.level
                self.add(
                    "duplicate-clause",
                    self._("{ref} is listed twice (first in row {row}).").format(
                        ref=ref, row=earlier.row
                    ),
                    severity="warning" if same else "error",
                    sheet=sheet,
                    cell=ref_cell,
                    value=ref,
                    expected=self._("one row per requirement"),
                    hint=self._("Keep one row for the requirement and delete the other."),
                )
                continue
            entries[ref] = entry
        for clause in self.catalogue.requirements:
            if clause.ref not in seen:
                self.add(
                    "missing-requirement",
                    self._("{ref} has no row; counted as 0, not addressed.").format(ref=clause.ref),
                    severity="warning",
                    sheet=table.sheet_name,
                    expected=self._("one row per requirement"),
                    hint=self._(
                        "Add the row back from a fresh template: readiness template -o FILE"
                    ),
                )
        return entries

    # -- the other sheets -----------------------------------------------------------------
    def not_after_as_of(self, date: dt.date | None, sheet: str, cell: str) -> None:
        """A problem when ``date`` is after the assessment date."""
        if date is not None and self.as_of is not None and date > self.as_of:
            self.add(
                "date-after-as-of",
                self._("The date is after the assessment date {as_of}.").format(
                    as_of=self.as_of.isoformat()
                ),
                sheet=sheet,
                cell=cell,
                value=date,
                expected=self._("a date on or before {as_of}").format(as_of=self.as_of.isoformat()),
                hint=self._(
                    "Record only audits and reviews already held, or report with a later --as-of."
                ),
            )

    def as_gap(self, finding: Finding, sheet: str, cell: str) -> Finding:
        """A gap-analysis row an earlier action plan graded as a nonconformity, read as a gap.

        Earlier versions graded the action plan's gap-analysis rows minor (or observation):
        pasted back into the Findings sheet they would count as nonconformities. A gap
        analysis finds gaps, not nonconformities: a minor from it, or an observation with the
        plan's ``AP-`` number, is read as a gap, with a warning naming the cell.
        """
        plan_row = finding.id.startswith("AP-")
        if finding.source != "gap_analysis" or not (
            finding.grade == "minor" or (finding.grade == "observation" and plan_row)
        ):
            return finding
        self.add(
            "gap-graded-as-finding",
            self._("A gap-analysis row graded “{grade}” is read as a gap.").format(
                grade={
                    "minor": self._("minor nonconformity"),
                    "observation": self._("observation"),
                }[finding.grade]
            ),
            severity="warning",
            sheet=sheet,
            cell=cell,
            value=finding.id,
            expected=self._("the grade “gap” for a row of the gap analysis"),
            hint=self._("Set the grade to “gap”; a gap is not a nonconformity."),
        )
        return dataclasses.replace(finding, grade="gap")

    def records(
        self, book: CalamineWorkbook
    ) -> tuple[list[Evidence], list[Finding], list[Audit], list[Review]]:
        """The Evidence, Findings, Audits and Reviews sheets' records."""
        evidence: list[Evidence] = []
        table = self.table(book, EVIDENCE)
        if table is not None:
            for number, row, _raw in self.typed_rows(table, EVIDENCE):
                evidence.append(Evidence(**record_fields(row, Evidence), row=number + 1))
        findings: list[Finding] = []
        table = self.table(book, FINDINGS)
        if table is not None:
            seen: dict[str, int] = {}
            for number, row, _raw in self.typed_rows(table, FINDINGS):
                finding = self.as_gap(
                    Finding(**record_fields(row, Finding), row=number + 1),
                    table.sheet_name,
                    cell_name(number, table.columns["grade"]),
                )
                if finding.id in seen:
                    self.add(
                        "duplicate-finding",
                        self._("Finding {id} is listed twice (first in row {row}).").format(
                            id=finding.id, row=seen[finding.id]
                        ),
                        sheet=table.sheet_name,
                        cell=cell_name(number, table.columns["id"]),
                        value=finding.id,
                        expected=self._("a unique ID per finding"),
                        hint=self._("Give each finding its own ID, such as IA-07."),
                    )
                seen.setdefault(finding.id, number + 1)
                findings.append(finding)
        audits: list[Audit] = []
        reviews: list[Review] = []
        audits_sheet, reviews_sheet = sheets(self.catalogue)[4:6]
        table = self.table(book, audits_sheet)
        if table is not None:
            for number, row, _raw in self.typed_rows(table, audits_sheet):
                if row.get("status") != "planned":  # a planned audit is dated ahead
                    self.not_after_as_of(
                        row["date"], table.sheet_name, cell_name(number, table.columns["date"])
                    )
                audits.append(Audit(**record_fields(row, Audit), row=number + 1))
        table = self.table(book, reviews_sheet)
        if table is not None:
            for number, row, _raw in self.typed_rows(table, reviews_sheet):
                self.not_after_as_of(
                    row["date"], table.sheet_name, cell_name(number, table.columns["date"])
                )
                covered = frozenset(
                    key.split(":", 1)[1]
                    for key, value in row.items()
                    if key.startswith("input:") and value == "yes"
                )
                reviews.append(
                    Review(
                        date=row["date"],
                        inputs=covered,
                        minutes=row.get("minutes") or "",
                        row=number + 1,
                    )
                )
        return evidence, findings, audits, reviews


def is_na(raw: Any) -> bool:
    """The cell says N/A (not applicable)."""
    try:
        return parse_level(raw) is None
    except BadValue:
        return False


def record_fields(row: dict[str, Any], cls: type) -> dict[str, Any]:
    """The parsed values a record class takes; blank cells are left to the class's defaults."""
    names = _field_names(cls)
    return {k: v for k, v in row.items() if k in names and v is not None}


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))

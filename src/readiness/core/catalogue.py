"""The standard as data: clauses, requirements and stages read from the package's TOML files.

The catalogue is ISO 9001:2015 with its Amendment 1:2024; ``Catalogue.standard`` names the
edition as reports show it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

LANGUAGES: tuple[str, ...] = ("en", "pl", "bg")
LEVEL_MAX = 4
DocKind = Literal["maintain", "retain"]


DEFAULT_EDITION = "iso9001_2015"
EDITION_NAME = re.compile(r"[a-z][a-z0-9_]*")


class CatalogueError(ValueError):
    """The catalogue data file is inconsistent; raised when it is loaded."""


@dataclass(frozen=True)
class Condition:
    """One condition of a stage gate: the check that decides it, its parameters and its text."""

    id: str
    check: str
    text: dict[str, str]
    params: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # a clause of ISO/IEC 17021-1 or ISO 9001, or "practice"
    reason: dict[str, str] = field(default_factory=dict)  # why, when the source is practice
    when: str = ""  # an Office sheet flag the condition applies under ("" always)
    warning: bool = False  # shown beside the gate, never closes it


@dataclass(frozen=True)
class AuditCheck:
    """What one certification-body audit needs before it (stages.toml's ``[[audit]]``).

    ``includes`` names an audit whose conditions come first (stage 2 needs what stage 1
    needs); ``conditions`` are the audit's own.
    """

    id: str
    name: dict[str, str]
    conditions: tuple[Condition, ...]
    includes: str = ""


@dataclass(frozen=True)
class Stage:
    """One stage on the road to certification, or of the certified life after it."""

    id: str
    order: int
    name: dict[str, str]
    kind: str = "implementation"
    gate: tuple[Condition, ...] = ()
    notebook: str = ""


@dataclass(frozen=True)
class Cycle:
    """The certification cycle's numbers (ISO/IEC 17021-1)."""

    validity_years: int = 3
    first_surveillance_months: int = 12
    recertification_booking_months: int = 6
    recertification_audit_months: int = 3
    restoration_months: int = 6


@dataclass(frozen=True)
class DocumentedInfo:
    """One item of documented information a requirement asks for.

    ``mandatory`` is false where the standard asks for it only as needed, as applicable or
    where required; ``source`` names what the item rests on (the clause, the domain brief).
    """

    kind: DocKind
    what: str
    mandatory: bool
    source: str = ""


@dataclass(frozen=True)
class ReviewInput:
    """One input a management review must consider (9.3.2).

    ``former`` holds earlier titles, per language, that a workbook may still carry as the
    input's column header.
    """

    id: str
    title: dict[str, str]
    former: dict[str, str] = field(default_factory=dict)

    def names(self) -> tuple[tuple[str, str], ...]:
        """Every header the input is read under: ``(lang, title)`` pairs, then earlier titles.

        Earlier titles are keyed ``"<lang>:former"``, so a lookup by language finds the
        current title and the set of all values holds both.
        """
        current = tuple(sorted(self.title.items()))
        earlier = tuple(sorted((f"{lang}:former", text) for lang, text in self.former.items()))
        return current + earlier


@dataclass(frozen=True)
class Clause:
    """A clause of the standard: a heading, or an assessable requirement when it has no children."""

    ref: str
    title: dict[str, str]
    own: frozenset[str]
    parent: str | None
    untitled: bool = False
    children: tuple[str, ...] = ()
    summary: str = ""
    guidance: str = ""
    ask: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    action: str = ""
    documented: tuple[DocumentedInfo, ...] = ()
    may_exclude: bool = False
    expected: dict[str, int] = field(default_factory=dict)

    @property
    def assessable(self) -> bool:
        """Whether the clause is a requirement assessed on its own (it has no sub-clauses)."""
        return not self.children

    @property
    def chapter(self) -> str:
        """The chapter (4 to 10) the clause belongs to."""
        return self.ref.split(".")[0]

    @property
    def depth(self) -> int:
        """1 for a chapter, 2 for a section, and so on."""
        return self.ref.count(".") + 1


def ref_key(ref: str) -> tuple[int, ...]:
    """Sort key that orders clause refs numerically (4.4.2 before 4.10)."""
    return tuple(int(part) for part in ref.split("."))


def parent_ref(ref: str) -> str | None:
    """The parent of a clause ref, or None for a chapter."""
    return ref.rsplit(".", 1)[0] if "." in ref else None


@dataclass(frozen=True)
class Catalogue:
    """The clause tree of one standard, with the stages the expected levels refer to."""

    standard: str
    clauses: dict[str, Clause]
    stages: tuple[Stage, ...]
    review_inputs: tuple[ReviewInput, ...]
    cycle: Cycle = field(default_factory=Cycle)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    edition: str = DEFAULT_EDITION
    audits: tuple[AuditCheck, ...] = ()
    names: dict[str, str] = field(default_factory=dict)
    amendment: dict[str, str] = field(default_factory=dict)

    def audit_conditions(self, audit_id: str) -> tuple[Condition, ...]:
        """Every condition of an audit, those of the audit it includes first."""
        audit = next(a for a in self.audits if a.id == audit_id)
        earlier = self.audit_conditions(audit.includes) if audit.includes else ()
        return earlier + audit.conditions

    def name(self, lang: str) -> str:
        """The standard as a reader of ``lang`` knows it (the amendment's designation too)."""
        return self.names.get(lang) or self.standard

    def amendment_name(self, lang: str) -> str:
        """The amendment as a reader of ``lang`` knows it: Amd 1:2024 in English, A1 in EN."""
        return self.amendment.get(lang, "")

    def tr(self, text: str, lang: str) -> str:
        """A catalogue text (summary, guidance, evidence, action, documented) in a language.

        The English text is the key, as a gettext message id is; other text is returned as is.
        """
        return self.translations.get(lang, {}).get(text, text)

    @property
    def chapters(self) -> list[Clause]:
        """The top-level clauses, 4 to 10."""
        return [c for c in self.clauses.values() if c.parent is None]

    @property
    def requirements(self) -> list[Clause]:
        """The assessable requirements, in clause order."""
        return [c for c in self.clauses.values() if c.assessable]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id; KeyError when there is none."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def expected_level(self, ref: str, stage_id: str) -> int:
        """Level the requirement is expected to reach by the given stage.

        Parameters
        ----------
        ref
            An assessable requirement's ref.
        stage_id
            A stage id from the stages file.

        Returns
        -------
        int
            The level of the latest milestone at or before the stage; 0 before the first.
        """
        order = self.stage(stage_id).order
        level = 0
        for stage in self.stages:
            if stage.order <= order and stage.id in self.clauses[ref].expected:
                level = self.clauses[ref].expected[stage.id]
        return level

    @property
    def certification_stage(self) -> Stage:
        """The last implementation stage: readiness for certification."""
        return [s for s in self.stages if s.kind == "implementation"][-1]

    def stages_up_to(self, stage_id: str) -> list[Stage]:
        """The stages from the first up to and including ``stage_id``."""
        order = self.stage(stage_id).order
        return [s for s in self.stages if s.order <= order]

    def target_level(self, ref: str) -> int:
        """Level the requirement is expected to reach for certification."""
        return self.expected_level(ref, self.certification_stage.id)

    def title(self, ref: str, lang: str = "en") -> str:
        """The clause title in a language, falling back to English."""
        titles = self.clauses[ref].title
        return titles.get(lang) or titles["en"]

    def own_title(self, ref: str) -> bool:
        """Whether the clause's title is ours: the standard leaves the paragraph untitled.

        Reports mark such a title so that it is never taken for the standard's.
        """
        return self.clauses[ref].untitled

    @property
    def own_titles(self) -> frozenset[str]:
        """The refs whose title is ours, because the standard leaves the paragraph untitled."""
        return frozenset(ref for ref, clause in self.clauses.items() if clause.untitled)

    def label(self, ref: str, lang: str = "en") -> str:
        """The ref and a title that reads alone: '5.1.1 Leadership and commitment: General'."""
        clause = self.clauses[ref]
        title = self.title(ref, lang)
        if clause.parent and ref.endswith(".1") and clause.title["en"] == "General":
            title = f"{self.title(clause.parent, lang)}: {title}"
        return f"{ref} {title}"

    def requirements_under(self, ref: str) -> list[Clause]:
        """The assessable requirements a ref stands for: itself, or every one below a heading."""
        return [r for r in self.requirements if r.ref == ref or r.ref.startswith(ref + ".")]

    def ancestors(self, ref: str) -> list[str]:
        """The clause's ancestors, nearest first."""
        out: list[str] = []
        parent = self.clauses[ref].parent
        while parent is not None:
            out.append(parent)
            parent = self.clauses[parent].parent
        return out


def _read_toml(name: str) -> dict[str, Any]:
    text = (resources.files("readiness") / "data" / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def stages_table() -> dict[str, Any]:
    """``data/stages.toml`` as parsed, read once a process (stages, gates, audits, extras).

    Shared by ``load_catalogue`` and ``core.extras``; callers only read it.
    """
    return _read_toml("stages.toml")


def _parse_condition(raw: dict[str, Any], stage: str) -> Condition:
    missing = [lang for lang in LANGUAGES if not raw.get("text", {}).get(lang)]
    if missing:
        raise CatalogueError(f"gate {stage}/{raw.get('id')} has no text in {', '.join(missing)}")
    own = ("id", "check", "text", "source", "reason", "when", "warning")
    params = {k: v for k, v in raw.items() if k not in own}
    return Condition(
        id=raw["id"],
        check=raw["check"],
        text=dict(raw["text"]),
        params=params,
        source=str(raw.get("source", "")),
        reason=dict(raw.get("reason", {})),
        when=str(raw.get("when", "")),
        warning=bool(raw.get("warning", False)),
    )


def _parse_audits(raw: dict[str, Any]) -> tuple[AuditCheck, ...]:
    """The certification-body audits' conditions; each names its source (practice: a reason)."""
    audits = []
    for a in raw.get("audit", []):
        conditions = tuple(_parse_condition(c, a["id"]) for c in a.get("condition", []))
        for c in conditions:
            if not c.source:
                raise CatalogueError(f"audit {a['id']}/{c.id} names no source")
            if c.source == "practice" and set(c.reason) != set(LANGUAGES):
                raise CatalogueError(
                    f"audit {a['id']}/{c.id}: practice needs a reason in each language"
                )
        audits.append(
            AuditCheck(
                id=a["id"],
                name=dict(a["name"]),
                conditions=conditions,
                includes=a.get("includes", ""),
            )
        )
    ids = {a.id for a in audits}
    if any(a.includes and a.includes not in ids for a in audits):
        raise CatalogueError("an audit includes an audit that is not listed")
    return tuple(audits)


def _parse_stages(raw: dict[str, Any]) -> tuple[Stage, ...]:
    stages = tuple(
        Stage(
            id=s["id"],
            order=int(s["order"]),
            name=dict(s["name"]),
            kind=s.get("kind", "implementation"),
            gate=tuple(_parse_condition(c, s["id"]) for c in s.get("gate", [])),
            notebook=s.get("notebook", ""),
        )
        for s in raw["stage"]
    )
    if [s.order for s in stages] != sorted({s.order for s in stages}):
        raise CatalogueError("stages must be listed in strictly increasing order")
    if {s.kind for s in stages} - {"implementation", "certified"}:
        raise CatalogueError("a stage's kind is implementation or certified")
    return stages


def _parse_clause(raw: dict[str, Any], stage_ids: set[str]) -> Clause:
    ref = raw["ref"]
    try:
        ref_key(ref)
    except ValueError as exc:
        raise CatalogueError(f"clause ref {ref!r} is not of the form 4.4.1") from exc
    missing = [lang for lang in LANGUAGES if not raw["title"].get(lang)]
    if missing:
        raise CatalogueError(f"clause {ref} has no title in {', '.join(missing)}")
    own = frozenset(raw.get("own", []))
    untitled = bool(raw.get("untitled", False))
    if not own <= set(LANGUAGES):
        raise CatalogueError(f"clause {ref}: own names unknown languages {sorted(own)}")
    if untitled and own != set(LANGUAGES):
        raise CatalogueError(f"clause {ref} is untitled in the standard: its title is own in all")
    if "en" in own and not untitled:
        raise CatalogueError(f"clause {ref}: an English title of our own is for untitled ones")
    if "." not in ref and (own or untitled):
        raise CatalogueError(f"chapter {ref} carries the commonly cited title, not our own")
    expected = {str(k): int(v) for k, v in raw.get("expected", {}).items()}
    unknown = set(expected) - stage_ids
    if unknown:
        raise CatalogueError(f"clause {ref} names unknown stages {sorted(unknown)}")
    if any(not 0 <= v <= LEVEL_MAX for v in expected.values()):
        raise CatalogueError(f"clause {ref} expects a level outside 0-{LEVEL_MAX}")
    documented = []
    for item in raw.get("documented", []):
        if item["kind"] not in ("maintain", "retain"):
            raise CatalogueError(f"clause {ref}: documented kind must be maintain or retain")
        if not item.get("source"):
            raise CatalogueError(f"clause {ref}: documented information needs its source")
        documented.append(
            DocumentedInfo(
                kind=item["kind"],
                what=item["what"],
                mandatory=bool(item["mandatory"]),
                source=item["source"],
            )
        )
    return Clause(
        ref=ref,
        title=dict(raw["title"]),
        own=own,
        parent=parent_ref(ref),
        untitled=untitled,
        summary=raw.get("summary", ""),
        guidance=raw.get("guidance", ""),
        ask=tuple(raw.get("ask", [])),
        evidence=tuple(raw.get("evidence", [])),
        action=raw.get("action", ""),
        documented=tuple(documented),
        may_exclude=bool(raw.get("may_exclude", False)),
        expected=expected,
    )


def _link(clauses: list[Clause]) -> dict[str, Clause]:
    by_ref: dict[str, Clause] = {}
    for clause in clauses:
        if clause.ref in by_ref:
            raise CatalogueError(f"clause {clause.ref} is listed twice")
        if clause.parent is not None and clause.parent not in by_ref:
            raise CatalogueError(f"clause {clause.ref} comes before its parent {clause.parent}")
        by_ref[clause.ref] = clause
    children: dict[str, list[str]] = {ref: [] for ref in by_ref}
    for clause in clauses:
        if clause.parent is not None:
            children[clause.parent].append(clause.ref)
    linked = {
        ref: Clause(**{**clause.__dict__, "children": tuple(children[ref])})
        for ref, clause in sorted(by_ref.items(), key=lambda kv: ref_key(kv[0]))
    }
    for clause in linked.values():
        has_content = bool(clause.summary or clause.expected)
        if clause.assessable and not (clause.summary and clause.guidance and clause.expected):
            raise CatalogueError(f"requirement {clause.ref} needs summary, guidance and expected")
        if not clause.assessable and has_content:
            raise CatalogueError(f"heading {clause.ref} has sub-clauses and cannot be assessed")
    return linked


TEXT_FIELDS = ("summary", "guidance", "action")


def _translations(
    clauses: dict[str, Clause], edition: str = DEFAULT_EDITION
) -> dict[str, dict[str, str]]:
    """English text -> translation, per language, from ``<edition>.<lang>.toml``.

    Every requirement must have every field, with as many evidence items and documented
    information items as the English catalogue.
    """
    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES[1:]:
        raw = _read_toml(f"{edition}.{lang}.toml").get("clause", {})
        table: dict[str, str] = {}
        for clause in clauses.values():
            if not clause.assessable:
                continue
            entry = raw.get(clause.ref)
            if entry is None:
                raise CatalogueError(f"{edition}.{lang}.toml has no clause {clause.ref}")
            for name in TEXT_FIELDS:
                if not entry.get(name):
                    raise CatalogueError(f"{lang}: clause {clause.ref} has no {name}")
                table[getattr(clause, name)] = entry[name]
            pairs = [
                ("ask", list(clause.ask)),
                ("evidence", list(clause.evidence)),
                ("documented", [d.what for d in clause.documented]),
            ]
            for name, english in pairs:
                theirs = entry.get(name, [])
                if len(theirs) != len(english) or not all(theirs):
                    raise CatalogueError(f"{lang}: clause {clause.ref} needs {len(english)} {name}")
                table.update(zip(english, theirs, strict=True))
        extra = set(raw) - {c.ref for c in clauses.values() if c.assessable}
        if extra:
            raise CatalogueError(f"{edition}.{lang}.toml names unknown clauses {sorted(extra)}")
        out[lang] = table
    return out


@cache
def load_catalogue(edition: str = DEFAULT_EDITION) -> Catalogue:
    """Read and check a catalogue shipped with the package: ISO 9001:2015 + Amd 1:2024 by default.

    Parameters
    ----------
    edition
        The edition file's name without ``.toml`` (``data/<edition>.toml``). A full edition
        file lists its clauses; a file whose ``[meta]`` names a ``base`` edition lists only
        its differences (``readiness.core.editions``), and its catalogue is the base's
        clause tree under the new edition's name.

    Returns
    -------
    Catalogue
        The clause tree, the stages and the management review inputs.

    Raises
    ------
    CatalogueError
        When the data files are inconsistent.
    """
    raw_stages = stages_table()
    stages = _parse_stages(raw_stages)
    if not EDITION_NAME.fullmatch(edition):
        raise CatalogueError(f"an edition is named like iso9001_2015, not {edition!r}")
    try:
        raw = _read_toml(f"{edition}.toml")
    except FileNotFoundError as exc:
        raise CatalogueError(f"no edition file {edition}.toml") from exc
    base = raw.get("meta", {}).get("base")
    if base:
        if base == edition:
            raise CatalogueError(f"edition {edition} cannot be its own base")
        older = load_catalogue(base)
        meta = raw["meta"]
        names = dict.fromkeys(LANGUAGES, meta["standard"])
        return replace(older, standard=meta["standard"], edition=edition, names=names)
    stage_ids = {s.id for s in stages}
    clauses = _link([_parse_clause(c, stage_ids) for c in raw["clause"]])
    inputs = tuple(
        ReviewInput(id=r["id"], title=dict(r["title"]), former=dict(r.get("former", {})))
        for r in raw.get("review_input", [])
    )
    for item in inputs:
        missing = [lang for lang in LANGUAGES if not item.title.get(lang)]
        if missing:
            raise CatalogueError(f"review input {item.id} has no title in {', '.join(missing)}")
    return Catalogue(
        standard=raw["meta"]["standard"],
        names=dict(raw["meta"].get("names", {})),
        amendment=dict(raw["meta"].get("amendment", {})),
        clauses=clauses,
        stages=stages,
        review_inputs=inputs,
        cycle=Cycle(**raw_stages.get("cycle", {})),
        translations=_translations(clauses, edition),
        edition=edition,
        audits=_parse_audits(raw_stages),
    )

"""Public-sector frameworks beside ISO 9001, their crosswalks, and what ISO work gives them.

The frameworks are CAF 2020, Polish management control and Bulgarian СФУК, as data.

A framework file (``data/<id>.toml``) lists nodes (criteria, groups, elements) with our own
short names in en/pl/bg; a node without children is assessable. A crosswalk file
(``data/crosswalk_<id>.toml``) maps each assessable node to the ISO 9001 clauses whose
evidence supports it, with a relationship (equal, subset, superset, intersect) named as in
CISO Assistant's ``requirement_mapping_set``. The format is in ``docs/frameworks.md``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from readiness.core.assess import Assessment
from readiness.core.catalogue import (
    DEFAULT_EDITION,
    LANGUAGES,
    Catalogue,
    CatalogueError,
    load_catalogue,
)
from readiness.core.model import Evidence, Workbook

RELATIONSHIPS = ("equal", "subset", "superset", "intersect", "not_related")
"""CISO Assistant's relationships, read "source <relationship> target"."""
FULL = ("equal", "subset")
"""Relationships under which the ISO clause covers the whole framework element."""
RATIONALES = ("syntactic", "semantic", "functional")
FRAMEWORK_NAME = re.compile(r"[a-z][a-z0-9_]*")

SUPPORTED = 0.75
"""Readiness of the mapped requirements from which a fully covered element is supported."""
WEAK = 0.5
"""Readiness below which the ISO work gives an element only weak support."""

COUNTRY_FRAMEWORKS: dict[str, tuple[str, ...]] = {
    "PL": ("caf2020", "kz"),
    "BG": ("caf2020", "sfuk"),
}
"""The frameworks a report shows by default, by the office's country."""
DEFAULT_FRAMEWORKS: tuple[str, ...] = ("caf2020",)


@dataclass(frozen=True)
class Node:
    """A criterion, group or element of a framework; assessable when it has no children."""

    ref: str
    parent: str | None
    name: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    kind: str = ""
    group: str = ""
    children: tuple[str, ...] = ()
    depth: int = 1

    @property
    def assessable(self) -> bool:
        """A node without children is assessed on its own."""
        return not self.children


@dataclass(frozen=True)
class Band:
    """One band of a scoring panel: a score range and what it means."""

    low: int
    high: int
    text: dict[str, str]


@dataclass(frozen=True)
class Framework:
    """A framework's nodes, in file order, and its description."""

    id: str
    ref_id: str
    name: dict[str, str]
    description: dict[str, str]
    statement: dict[str, str]
    nodes: dict[str, Node]
    country: str = ""
    provider: str = ""
    source: dict[str, str] = field(default_factory=dict)  # public, citable; shown to readers
    checked: bool = False
    scored: bool = False
    version: int = 1
    panels: dict[str, tuple[Band, ...]] = field(default_factory=dict)

    @property
    def elements(self) -> list[Node]:
        """The assessable nodes, in file order."""
        return [n for n in self.nodes.values() if n.assessable]

    @property
    def top(self) -> list[Node]:
        """The top-level nodes (criteria, groups)."""
        return [n for n in self.nodes.values() if n.parent is None]

    def group_of(self, ref: str) -> str:
        """The scoring group (enablers, results) of a node: its own or its top node's."""
        node = self.nodes[ref]
        while not node.group and node.parent is not None:
            node = self.nodes[node.parent]
        return node.group

    def band(self, ref: str, score: int) -> Band | None:
        """The panel band a self-assessment score of this node falls in."""
        for band in self.panels.get(self.group_of(ref), ()):
            if band.low <= score <= band.high:
                return band
        return None


@dataclass(frozen=True)
class Mapping:
    """One line of a crosswalk: a framework element, an ISO 9001 clause, their relationship."""

    source: str
    target: str
    relationship: str
    rationale: str = "semantic"
    annotation: str = ""


@dataclass(frozen=True)
class Crosswalk:
    """A framework's mappings to ISO 9001 clauses (CISO Assistant's requirement_mapping_set)."""

    ref_id: str
    source: str
    target: str
    name: str
    description: str
    mappings: tuple[Mapping, ...]

    def of(self, ref: str) -> tuple[Mapping, ...]:
        """The mappings of one framework element."""
        return tuple(m for m in self.mappings if m.source == ref)


def _read(name: str) -> dict[str, Any]:
    if not FRAMEWORK_NAME.fullmatch(name):
        raise CatalogueError(f"a framework is named like caf2020, not {name!r}")
    path = resources.files("readiness") / "data" / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(f"no framework file {name}.toml") from exc


def _texts(raw: dict[str, Any], key: str, where: str, required: bool = True) -> dict[str, str]:
    texts = raw.get(key, {})
    if not texts and not required:
        return {}
    missing = [lang for lang in LANGUAGES if not texts.get(lang)]
    if missing:
        raise CatalogueError(f"{where}: {key} has no text in {', '.join(missing)}")
    return {lang: texts[lang] for lang in LANGUAGES}


def _nodes(raw: list[dict[str, Any]], name: str) -> dict[str, Node]:
    parents: dict[str, str | None] = {}
    for item in raw:
        ref = str(item["ref"])
        if ref in parents:
            raise CatalogueError(f"{name}: node {ref} is listed twice")
        parent = item.get("parent")
        if parent is None and "." in ref:
            parent = ref.rsplit(".", 1)[0]
        if parent is not None and parent not in parents:
            raise CatalogueError(f"{name}: node {ref} comes before its parent {parent}")
        parents[ref] = parent
    children: dict[str, list[str]] = {ref: [] for ref in parents}
    for ref, parent in parents.items():
        if parent is not None:
            children[parent].append(ref)
    nodes: dict[str, Node] = {}
    for item in raw:
        ref = str(item["ref"])
        depth, up = 1, parents[ref]
        while up is not None:
            depth, up = depth + 1, parents[up]
        where = f"{name} node {ref}"
        nodes[ref] = Node(
            ref=ref,
            parent=parents[ref],
            name=_texts(item, "name", where),
            description=_texts(item, "description", where, required=not children[ref]),
            kind=item.get("kind", ""),
            group=item.get("group", ""),
            children=tuple(children[ref]),
            depth=depth,
        )
    return nodes


@cache
def load_framework(name: str) -> Framework:
    """Read and check a framework file, ``data/<name>.toml``.

    Raises
    ------
    CatalogueError
        When the file is missing or inconsistent.
    """
    raw = _read(name)
    meta = raw.get("meta", {})
    if meta.get("id") != name:
        raise CatalogueError(f"{name}.toml: [meta] id must be {name!r}")
    for key in ("ref_id", "source"):
        if not meta.get(key):
            raise CatalogueError(f"{name}.toml: [meta] needs {key}")
    panels: dict[str, tuple[Band, ...]] = {}
    for panel in raw.get("panel", []):
        bands = tuple(
            Band(int(b["low"]), int(b["high"]), {lang: b[lang] for lang in LANGUAGES})
            for b in panel["bands"]
        )
        edges = [(b.low, b.high) for b in bands]
        if (
            edges[0][0] != 0
            or edges[-1][1] != 100
            or any(edges[i][1] + 1 != edges[i + 1][0] for i in range(len(edges) - 1))
        ):
            raise CatalogueError(f"{name}: panel {panel['group']} must cover 0-100 without gaps")
        panels[panel["group"]] = bands
    return Framework(
        id=name,
        ref_id=meta["ref_id"],
        name=_texts(meta, "name", name),
        description=_texts(meta, "description", name),
        statement=_texts(meta, "statement", name),
        nodes=_nodes(raw.get("node", []), name),
        country=meta.get("country", ""),
        provider=meta.get("provider", ""),
        source=_texts(meta, "source", name),
        checked=bool(meta.get("checked", False)),
        scored=bool(meta.get("scored", False)),
        version=int(meta.get("version", 1)),
        panels=panels,
    )


@cache
def load_crosswalk(name: str, edition: str = DEFAULT_EDITION) -> Crosswalk:
    """Read and check ``data/crosswalk_<name>.toml`` against the framework and an edition.

    Every source must be an assessable element of the framework and every target a clause
    of the edition's catalogue; the relationship and rationale are CISO Assistant's values.
    """
    framework = load_framework(name)
    catalogue = load_catalogue(edition)
    raw = _read(f"crosswalk_{name}")
    head = raw.get("requirement_mapping_set", {})
    if head.get("source_framework") != name:
        raise CatalogueError(f"crosswalk_{name}: source_framework must be {name!r}")
    mappings = []
    for item in head.get("requirement_mappings", []):
        mapping = Mapping(
            source=str(item["source_node_id"]),
            target=str(item["target_node_id"]),
            relationship=item["relationship"],
            rationale=item.get("rationale", "semantic"),
            annotation=item.get("annotation", ""),
        )
        where = f"crosswalk_{name} {mapping.source} -> {mapping.target}"
        node = framework.nodes.get(mapping.source)
        if node is None or not node.assessable:
            raise CatalogueError(f"{where}: the source is not an element of {name}")
        if mapping.target not in catalogue.clauses:
            raise CatalogueError(f"{where}: the target is not a clause of the catalogue")
        if mapping.relationship not in RELATIONSHIPS:
            raise CatalogueError(f"{where}: relationship is one of {', '.join(RELATIONSHIPS)}")
        if mapping.rationale not in RATIONALES:
            raise CatalogueError(f"{where}: rationale is one of {', '.join(RATIONALES)}")
        mappings.append(mapping)
    pairs = [(m.source, m.target) for m in mappings]
    if len(set(pairs)) != len(pairs):
        raise CatalogueError(f"crosswalk_{name}: a mapping is listed twice")
    return Crosswalk(
        ref_id=head.get("ref_id", f"{name}-to-iso9001"),
        source=name,
        target=head.get("target_framework", ""),
        name=head.get("name", ""),
        description=head.get("description", ""),
        mappings=tuple(mappings),
    )


def available() -> list[str]:
    """The frameworks shipped with the package (each with a crosswalk)."""
    folder = resources.files("readiness") / "data"
    names = [p.name for p in folder.iterdir()]
    return sorted(
        n.removeprefix("crosswalk_").removesuffix(".toml")
        for n in names
        if n.startswith("crosswalk_") and n.endswith(".toml")
    )


def parse_frameworks(text: str, country: str = "") -> tuple[str, ...]:
    """``"caf,kz"`` -> ``("caf2020", "kz")``; empty text: the default for the country.

    ``caf`` is short for ``caf2020``; ``none`` asks for no framework. ValueError names an
    unknown framework.
    """
    if not text.strip():
        return COUNTRY_FRAMEWORKS.get(country, DEFAULT_FRAMEWORKS)
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if names == ["none"]:
        return ()
    known = available()
    out = []
    for name in names:
        full = "caf2020" if name == "caf" else name
        if full not in known:
            raise ValueError(f"unknown framework {name!r}; choose from caf, {', '.join(known)}")
        if full not in out:
            out.append(full)
    return tuple(out)


# -- what an office's ISO work gives a framework -------------------------------------------


@dataclass(frozen=True)
class ElementSupport:
    """One framework element: the ISO requirements behind it and how far they carry it."""

    node: Node
    mappings: tuple[Mapping, ...]
    requirements: tuple[str, ...]
    readiness: float | None
    evidence: tuple[Evidence, ...]
    weak: tuple[str, ...]
    self_score: int | None = None

    @property
    def coverage(self) -> str:
        """``full`` when a clause covers the whole element, ``partial``, or ``none``."""
        if not self.mappings:
            return "none"
        return "full" if any(m.relationship in FULL for m in self.mappings) else "partial"

    @property
    def status(self) -> str:
        """``supported``, ``partial``, ``weak`` or ``not-covered`` by the office's ISO work."""
        if self.coverage == "none" or self.readiness is None:
            return "not-covered"
        if self.readiness < WEAK:
            return "weak"
        if self.coverage == "full" and self.readiness >= SUPPORTED:
            return "supported"
        return "partial"


@dataclass(frozen=True)
class FrameworkSupport:
    """A framework and the support each of its elements gets from the office's ISO work."""

    framework: Framework
    crosswalk: Crosswalk
    elements: tuple[ElementSupport, ...]

    def count(self, status: str) -> int:
        """How many elements have this status."""
        return sum(1 for e in self.elements if e.status == status)

    @property
    def gaps(self) -> tuple[ElementSupport, ...]:
        """Elements the ISO work leaves uncovered, or supports only weakly."""
        return tuple(e for e in self.elements if e.status in ("not-covered", "weak"))


def framework_support(
    name: str,
    workbook: Workbook,
    assessment: Assessment,
    catalogue: Catalogue,
    scores: dict[str, int] | None = None,
) -> FrameworkSupport:
    """What the office's ISO 9001 evidence and readiness give each element of a framework.

    Parameters
    ----------
    name
        The framework's id (``caf2020``, ``kz``, ``sfuk``).
    workbook, assessment
        The office's workbook and its assessment.
    catalogue
        The catalogue the assessment used (its edition chooses the crosswalk; no default,
        so a report on another edition never silently gets the default one's).
    scores
        The office's own self-assessment scores by element ref (the CAF sheet), if any.

    Returns
    -------
    FrameworkSupport
        Per element: the mapped requirements, their mean readiness (applicable ones only),
        the approved evidence rows naming them (what the office can cite), and the mapped
        requirements below implemented.
    """
    framework = load_framework(name)
    crosswalk = load_crosswalk(name, catalogue.edition)
    results = {r.ref: r for r in assessment.requirements}
    out = []
    for node in framework.elements:
        mappings = crosswalk.of(node.ref)
        refs: list[str] = []
        for m in mappings:
            refs.extend(r.ref for r in catalogue.requirements_under(m.target) if r.ref not in refs)
        applicable = [results[r] for r in refs if r in results and not results[r].excluded]
        readiness = sum(r.score for r in applicable) / len(applicable) if applicable else None
        evidence = tuple(
            ev
            for ev in workbook.evidence
            if ev.status == "approved"
            and any(
                ref == named or ref.startswith(named + ".") for named in ev.refs for ref in refs
            )
        )
        weak = tuple(r.ref for r in applicable if (r.level or 0) < 3)
        out.append(
            ElementSupport(
                node=node,
                mappings=mappings,
                requirements=tuple(refs),
                readiness=readiness,
                evidence=evidence,
                weak=weak,
                self_score=(scores or {}).get(node.ref),
            )
        )
    return FrameworkSupport(framework=framework, crosswalk=crosswalk, elements=tuple(out))


def _covers(named: str, ref: str) -> bool:
    """An evidence row naming ``named`` covers ``ref`` itself or a requirement under it."""
    return ref == named or ref.startswith(named + ".")

"""Format checks from CISO Assistant's importer and documentation.

``library_problems``, ``mapping_problems`` and ``assessment_problems`` say every way a
library or a compliance-assessment sheet breaks the rules of CISO Assistant's
``LibraryImporter``, ``FrameworkImporter``, ``RequirementNodeImporter``,
``RequirementMappingSetImporter`` (``backend/library/utils.py``) and the data wizard
(``backend/data_wizard/views.py``); an empty list means valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from readiness.core.frameworks import RELATIONSHIPS
from readiness.io.ciso.assessment import COLUMNS, PROGRESS, RESULTS

URN_REGEX = re.compile(
    r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:(.+)$"
)
"""CISO Assistant's URN pattern (``backend/library/utils.py``)."""
LIBRARY_REQUIRED = ("ref_id", "urn", "locale", "objects", "version")
"""Top-level fields CISO Assistant's LibraryImporter requires."""
LIBRARY_FIELDS = (*LIBRARY_REQUIRED, "name", "description", "copyright", "provider", "packager")
"""Top-level fields our library always writes (the issue's list)."""
FRAMEWORK_REQUIRED = ("ref_id", "urn")
NODE_FIELDS = ("urn", "ref_id", "name", "description", "assessable", "depth")
"""Fields every requirement node carries; ``parent_urn`` too below the top."""


def first_object(
    doc: Mapping[str, Any], key: str, deprecated: str
) -> tuple[Mapping[str, Any] | None, list[str]]:
    """The library's one object under ``objects.<key>`` (a list), and what is wrong with it.

    CISO Assistant's loader still reads the singular ``deprecated`` key (a mapping) but
    marks it deprecated, and refuses a library holding both; we write the list only.
    """
    objects = doc.get("objects") or {}
    if not isinstance(objects, Mapping):
        return None, [f"objects: no {key}"]
    problems = []
    if deprecated in objects:
        problems.append(f"objects: {deprecated} is deprecated; write {key} (a list)")
    items = objects.get(key)
    if not isinstance(items, list) or not items or not isinstance(items[0], Mapping):
        return None, [*problems, f"objects: no {key}"]
    if len(items) > 1:
        problems.append(f"objects: {key} holds {len(items)}; this tool writes one")
    return items[0], problems


def framework_of(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    """The framework a library of ours holds (``objects.frameworks[0]``)."""
    framework: Mapping[str, Any] = doc["objects"]["frameworks"][0]
    return framework


def library_problems(doc: Mapping[str, Any]) -> list[str]:
    """Every way ``doc`` breaks CISO Assistant's framework-library rules (empty: valid).

    Checks what ``LibraryImporter``, ``FrameworkImporter`` and ``RequirementNodeImporter``
    require, the URN pattern, unique URNs, each ``parent_urn`` naming an earlier node one
    level up, boolean ``assessable`` and integer ``depth``.
    """
    problems = [f"library: missing {key}" for key in LIBRARY_REQUIRED if not doc.get(key)]
    urn = str(doc.get("urn", ""))
    if urn and not URN_REGEX.match(urn):
        problems.append(f"library: urn {urn!r} does not match CISO Assistant's pattern")
    framework, found = first_object(doc, "frameworks", "framework")
    problems += found
    if framework is None:
        return problems
    problems += [f"framework: missing {k}" for k in FRAMEWORK_REQUIRED if not framework.get(k)]
    nodes = framework.get("requirement_nodes") or []
    if not nodes:
        problems.append("framework: no requirement_nodes")
    depth_of: dict[str, int] = {}
    for index, node in enumerate(nodes, start=1):
        where = f"requirement node {index} ({node.get('ref_id', '?')})"
        node_urn_ = str(node.get("urn", ""))
        if not URN_REGEX.match(node_urn_):
            problems.append(f"{where}: urn {node_urn_!r} does not match the pattern")
        if node_urn_.lower() in depth_of:
            problems.append(f"{where}: urn {node_urn_!r} repeats an earlier node")
        if not isinstance(node.get("assessable"), bool):
            problems.append(f"{where}: assessable must be true or false")
        depth = node.get("depth")
        if not isinstance(depth, int) or isinstance(depth, bool) or depth < 1:
            problems.append(f"{where}: depth must be a whole number from 1")
            continue
        parent = node.get("parent_urn")
        if parent is None:
            if depth != 1:
                problems.append(f"{where}: a node without parent_urn has depth 1")
        elif str(parent).lower() not in depth_of:
            problems.append(f"{where}: parent_urn {parent!r} is not an earlier node")
        elif depth_of[str(parent).lower()] != depth - 1:
            problems.append(f"{where}: depth is not its parent's plus one")
        depth_of[node_urn_.lower()] = depth
    return problems


def assessment_problems(
    rows: Iterable[Mapping[str, Any]], doc: Mapping[str, Any] | None = None
) -> list[str]:
    """Every way rows of a compliance-assessment sheet break the data wizard's rules.

    ``rows`` are dicts keyed by column name (as pandas' ``to_dict("records")`` gives them
    to the wizard). With the library ``doc``, each ``ref_id`` must name one of its
    assessable nodes.
    """
    known: set[str] | None = None
    if doc is not None:
        nodes = framework_of(doc)["requirement_nodes"]
        known = {str(n["ref_id"]) for n in nodes if n.get("assessable")}
    problems = []
    for index, row in enumerate(rows, start=2):
        where = f"row {index}"
        missing = [c for c in COLUMNS if c not in row]
        if missing:
            problems.append(f"{where}: missing columns {missing}")
            continue
        if row["assessable"] is not True:
            problems.append(f"{where}: only assessable rows belong in the sheet")
        if not (row["ref_id"] or row["urn"]):
            problems.append(f"{where}: neither ref_id nor urn")
        if known is not None and str(row["ref_id"]) not in known:
            problems.append(f"{where}: ref_id {row['ref_id']!r} is no assessable node")
        if row["compliance_result"] not in RESULTS:
            problems.append(f"{where}: compliance_result {row['compliance_result']!r}")
        if row["requirement_progress"] not in PROGRESS:
            problems.append(f"{where}: requirement_progress {row['requirement_progress']!r}")
        score = row["score"]
        if score not in (None, "") and (
            not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100
        ):
            problems.append(f"{where}: score {score!r} is not a whole number 0-100")
    return problems


def mapping_problems(doc: Mapping[str, Any], *libraries: Mapping[str, Any]) -> list[str]:
    """Every way a mapping library breaks CISO Assistant's rules (empty: valid).

    Checks the library fields, what ``RequirementMappingSetImporter`` (urn, name,
    source_framework_urn, target_framework_urn, at least one mapping) and
    ``RequirementMappingImporter`` (source and target requirement URNs, relationship)
    require, and, with the framework ``libraries`` given, that every URN names one of
    their nodes and each framework URN one of their frameworks.
    """
    problems = [f"library: missing {key}" for key in LIBRARY_REQUIRED if not doc.get(key)]
    head, found = first_object(doc, "requirement_mapping_sets", "requirement_mapping_set")
    problems += found
    if head is None:
        return problems
    required = ("urn", "name", "source_framework_urn", "target_framework_urn")
    problems += [f"mapping set: missing {key}" for key in required if not head.get(key)]
    rows = head.get("requirement_mappings") or []
    if not rows:
        problems.append("mapping set: no requirement_mappings")
    nodes: set[str] = set()
    frameworks: set[str] = set()
    for lib in libraries:
        body = framework_of(lib)
        frameworks.add(str(body["urn"]).lower())
        nodes.update(str(n["urn"]).lower() for n in body["requirement_nodes"])
    if libraries:
        for key in ("source_framework_urn", "target_framework_urn"):
            if str(head.get(key, "")).lower() not in frameworks:
                problems.append(f"mapping set: {key} names no framework given")
    for index, row in enumerate(rows, start=1):
        where = f"mapping {index}"
        for key in ("source_requirement_urn", "target_requirement_urn", "relationship"):
            if not row.get(key):
                problems.append(f"{where}: missing {key}")
        if row.get("relationship") not in RELATIONSHIPS:
            problems.append(f"{where}: relationship {row.get('relationship')!r}")
        for key in ("source_requirement_urn", "target_requirement_urn"):
            urn = str(row.get(key, ""))
            if not URN_REGEX.match(urn):
                problems.append(f"{where}: {key} {urn!r} does not match the pattern")
            elif libraries and urn.lower() not in nodes:
                problems.append(f"{where}: {key} {urn!r} is no node of the libraries given")
    return problems

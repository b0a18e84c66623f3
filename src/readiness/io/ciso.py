"""CISO Assistant interchange: the catalogue as a framework library, an assessment as a sheet.

The library is our catalogue in CISO Assistant's framework-library YAML; the sheet is an
office's assessment in the layout its data wizard imports as a compliance assessment.

The formats follow CISO Assistant's public library files and import code
(intuitem/ciso-assistant-community: ``backend/library/utils.py`` for what a library must
hold, ``backend/data_wizard/views.py`` and ``docs/guide/data-import-wizard.md`` for the
audit sheet). ``library_problems`` and ``assessment_problems`` check a file against those
rules; ``docs/frameworks.md`` documents the level mapping.

The library holds clause numbers, titles and our own descriptions only, never the
standard's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook as XlsxWorkbook
from openpyxl import load_workbook

from readiness.core.assess import Assessment, RequirementResult
from readiness.core.catalogue import LANGUAGES, Catalogue
from readiness.core.editions import Change
from readiness.core.frameworks import RELATIONSHIPS, Crosswalk, Framework
from readiness.core.messages import translator
from readiness.core.model import Workbook
from readiness.core.schema import LEVEL_LABELS
from readiness.io.neutral import mark
from readiness.io.output import write_bytes

PACKAGER = "readiness"
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

COLUMNS = (
    "urn",
    "ref_id",
    "assessable",
    "name",
    "compliance_result",
    "requirement_progress",
    "score",
    "observations",
)
"""The compliance-assessment sheet's columns: ``urn`` and ``ref_id`` find the requirement
(ref_id first), ``name`` is an anchor for people, the rest are imported."""
RESULTS = ("not_assessed", "partially_compliant", "non_compliant", "compliant", "not_applicable")
PROGRESS = ("to_do", "in_progress", "in_review", "done")
SCORE_PER_LEVEL = 25
"""Score 0-100 (CISO Assistant's default range) = level 0-4 x 25."""


def slug(edition: str) -> str:
    """The URN part of an edition: ``iso9001_2015`` -> ``iso9001-2015``."""
    return edition.replace("_", "-").lower()


def framework_urn(edition: str) -> str:
    """The framework's URN in our namespace."""
    return f"urn:{PACKAGER}:risk:framework:{slug(edition)}"


def node_urn(edition: str, ref: str) -> str:
    """A clause's requirement-node URN: ``urn:readiness:risk:req_node:iso9001-2015:4.4.1``."""
    return f"urn:{PACKAGER}:risk:req_node:{slug(edition)}:{ref.lower()}"


def _node(catalogue: Catalogue, ref: str, lang: str) -> dict[str, Any]:
    clause = catalogue.clauses[ref]
    edition = catalogue.edition
    title = catalogue.title(ref, lang)
    if clause.untitled:
        title += " \u2020"  # our own title for a paragraph the standard leaves untitled
    node: dict[str, Any] = {"urn": node_urn(edition, ref)}
    if clause.parent is not None:
        node["parent_urn"] = node_urn(edition, clause.parent)
    node["ref_id"] = ref
    node["name"] = title
    node["description"] = catalogue.tr(clause.summary, lang) if clause.assessable else ""
    node["assessable"] = clause.assessable
    node["depth"] = clause.depth
    if clause.assessable:
        node["annotation"] = catalogue.tr(clause.guidance, lang)
        node["typical_evidence"] = "\n".join(catalogue.tr(e, lang) for e in clause.evidence)
    others: dict[str, dict[str, str]] = {}
    for other in LANGUAGES:
        if other == lang:
            continue
        entry = {"name": catalogue.title(ref, other) + (" \u2020" if clause.untitled else "")}
        if clause.assessable:
            entry["description"] = catalogue.tr(clause.summary, other)
            entry["annotation"] = catalogue.tr(clause.guidance, other)
        others[other] = entry
    node["translations"] = others
    return node


def library(
    catalogue: Catalogue, lang: str = "en", version: int = 1, changes: Sequence[Change] = ()
) -> dict[str, Any]:
    """Our catalogue as a CISO Assistant framework library (a YAML-ready mapping).

    Parameters
    ----------
    catalogue
        The edition to export; its ``edition`` names the URNs.
    lang
        The library's locale; the other two languages go under ``translations``.
    version
        The library version (CISO Assistant upgrades a loaded library to a higher one).
    changes
        A newer edition's changes (``readiness.core.editions``): each is added, marked
        provisional until checked, to the description of the requirements it touches.
    """
    edition = catalogue.edition
    name = f"{catalogue.standard} - readiness catalogue for public offices"
    description = (
        "Clause numbers and titles of the standard as references, with requirement "
        "summaries, audit guidance and typical evidence for public-administration offices "
        "written by the readiness project in its own words. It holds no text of the "
        "standard. Titles marked \u2020 are ours (the standard leaves the paragraph untitled)."
    )
    return {
        "urn": f"urn:{PACKAGER}:risk:library:{slug(edition)}",
        "locale": lang,
        "ref_id": f"{slug(edition)}-readiness",
        "name": name,
        "description": description,
        "copyright": (
            "Clause numbers and titles: ISO (references only). Summaries, guidance and "
            "evidence: the readiness project, Apache-2.0."
        ),
        "version": version,
        "provider": PACKAGER,
        "packager": PACKAGER,
        "objects": {
            "frameworks": [  # a list: CISO Assistant's loader marks "framework:" deprecated
                {
                    "urn": framework_urn(edition),
                    "ref_id": slug(edition),
                    "name": catalogue.standard,
                    "description": description,
                    "min_score": 0,
                    "max_score": 100,
                    "requirement_nodes": [
                        _with_changes(_node(catalogue, ref, lang), catalogue, ref, changes, lang)
                        for ref in catalogue.clauses
                    ],
                }
            ]
        },
    }


def _with_changes(
    node: dict[str, Any], catalogue: Catalogue, ref: str, changes: Sequence[Change], lang: str
) -> dict[str, Any]:
    """Add the changes touching an assessable requirement to its description, per language."""
    if not catalogue.clauses[ref].assessable:
        return node
    touching = [c for c in changes if any(ref == t or ref.startswith(t + ".") for t in c.clauses)]
    for change in touching:
        for code in LANGUAGES:
            _ = translator(code)
            mark = _("provisional") if change.provisional else _("checked")
            line = f"{catalogue.standard} ({mark}): {change.what[code]}"
            where = node if code == lang else node["translations"][code]
            where["description"] = f"{where.get('description', '')}\n\n{line}".strip()
    return node


def write_library(
    catalogue: Catalogue, path: Path, lang: str = "en", changes: Sequence[Change] = ()
) -> Path:
    """Write the library YAML to ``path`` (atomically) and return the path."""
    doc = library(catalogue, lang, changes=changes)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    write_bytes(path, text.encode("utf-8"))
    return path


# -- the other frameworks and their crosswalks ------------------------------------------------


def library_urn(name: str) -> str:
    """A library's URN in our namespace: ``urn:readiness:risk:library:caf2020``."""
    return f"urn:{PACKAGER}:risk:library:{slug(name)}"


def framework_library(framework: Framework, lang: str = "en") -> dict[str, Any]:
    """A framework of ours (CAF 2020, KZ, СФУК) as a CISO Assistant framework library.

    Node names and descriptions are our own short descriptions; the numbers are the
    framework's. The other two languages go under ``translations``.
    """
    nodes = []
    for node in framework.nodes.values():
        item: dict[str, Any] = {"urn": node_urn(framework.id, node.ref)}
        if node.parent is not None:
            item["parent_urn"] = node_urn(framework.id, node.parent)
        item["ref_id"] = node.ref
        item["name"] = node.name[lang]
        item["description"] = node.description.get(lang, "")
        item["assessable"] = node.assessable
        item["depth"] = node.depth
        item["translations"] = {
            other: {"name": node.name[other], "description": node.description.get(other, "")}
            for other in LANGUAGES
            if other != lang
        }
        nodes.append(item)
    body: dict[str, Any] = {
        "urn": framework_urn(framework.id),
        "ref_id": slug(framework.id),
        "name": framework.name[lang],
        "description": framework.description[lang],
    }
    if framework.scored:
        body.update({"min_score": 0, "max_score": 100})
    body["requirement_nodes"] = nodes
    return {
        "urn": library_urn(framework.id),
        "locale": lang,
        "ref_id": f"{slug(framework.id)}-readiness",
        "name": framework.name[lang],
        "description": framework.description[lang],
        "copyright": (
            f"Structure and numbering: {framework.provider}. Names and descriptions: short "
            "descriptions by the readiness project in its own words, Apache-2.0."
        ),
        "version": framework.version,
        "provider": PACKAGER,
        "packager": PACKAGER,
        "objects": {"frameworks": [body]},
    }


def mapping_library(crosswalk: Crosswalk, lang: str = "en", target: str = "") -> dict[str, Any]:
    """A crosswalk as a CISO Assistant library holding a ``requirement_mapping_set``.

    It depends on the framework library of the source (``framework_library``) and on the
    ISO 9001 library of the target edition (``library``); ``target`` names that edition
    (the crosswalk's own by default).
    """
    source, target = crosswalk.source, target or crosswalk.target
    mappings = []
    for m in crosswalk.mappings:
        item: dict[str, Any] = {
            "source_requirement_urn": node_urn(source, m.source),
            "target_requirement_urn": node_urn(target, m.target),
            "relationship": m.relationship,
            "rationale": m.rationale,
        }
        if m.annotation:
            item["annotation"] = m.annotation
        mappings.append(item)
    ref_id = slug(crosswalk.ref_id)
    return {
        "urn": f"urn:{PACKAGER}:risk:library:mapping-{ref_id}",
        "locale": lang,
        "ref_id": f"mapping-{ref_id}",
        "name": crosswalk.name,
        "description": crosswalk.description,
        "copyright": "The readiness project, Apache-2.0 (our reading, not an official mapping).",
        "version": 1,
        "provider": PACKAGER,
        "packager": PACKAGER,
        "dependencies": [library_urn(source), library_urn(target)],
        "objects": {
            "requirement_mapping_sets": [  # a list: "requirement_mapping_set:" is deprecated
                {
                    "urn": f"urn:{PACKAGER}:risk:req_mapping_set:{ref_id}",
                    "ref_id": ref_id,
                    "name": crosswalk.name,
                    "description": crosswalk.description,
                    "source_framework_urn": framework_urn(source),
                    "target_framework_urn": framework_urn(target),
                    "requirement_mappings": mappings,
                }
            ]
        },
    }


def write_yaml(doc: Mapping[str, Any], path: Path) -> Path:
    """Write a library document as YAML (atomically) and return the path."""
    text = yaml.safe_dump(dict(doc), sort_keys=False, allow_unicode=True, width=100)
    write_bytes(path, text.encode("utf-8"))
    return path


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


# -- the assessment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of the compliance-assessment sheet."""

    urn: str
    ref_id: str
    name: str
    compliance_result: str
    requirement_progress: str
    score: int | None
    observations: str

    def values(self) -> list[Any]:
        """The row's cells in ``COLUMNS`` order (``assessable`` always true)."""
        return [
            self.urn,
            self.ref_id,
            True,
            self.name,
            self.compliance_result,
            self.requirement_progress,
            self.score,
            self.observations,
        ]


def level_mapping(result: RequirementResult, assessed: bool = True) -> tuple[str, str, int | None]:
    """Our level of one requirement as CISO Assistant's result, progress and score.

    ============================  =====================  ====================  =====
    ours                          compliance_result      requirement_progress  score
    ============================  =====================  ====================  =====
    N/A, allowed and justified    not_applicable         done                  blank
    blank (not assessed)          not_assessed           to_do                 blank
    N/A without justification     non_compliant          to_do                 0
    0 not addressed               non_compliant          to_do                 0
    1 planned                     non_compliant          in_progress           25
    2 documented                  partially_compliant    in_progress           50
    3 or 4, below the target      partially_compliant    in_review             75
    at or above the target        compliant              done                  level x 25
    ============================  =====================  ====================  =====

    The target is the level the catalogue expects for certification (3 or 4); ``assessed``
    is false when the workbook leaves the level blank or has no row for the requirement.
    The level is the one after the nonconformity cap (an open major counts as at most 2, a
    minor or an unverified major as at most 3), and a requirement under an open
    nonconformity is never compliant; a gap or an observation changes nothing.
    """
    if result.excluded:
        return "not_applicable", "done", None
    if result.level is None:
        return "non_compliant", "to_do", 0
    if not assessed:
        return "not_assessed", "to_do", None
    level = result.score_level
    score = level * SCORE_PER_LEVEL
    if level >= result.target and not result.open_nc:
        return "compliant", "done", score
    if level >= 3:
        return "partially_compliant", "in_review", score
    if level == 2:
        return "partially_compliant", "in_progress", score
    if level == 1:
        return "non_compliant", "in_progress", score
    return "non_compliant", "to_do", score


def assessment_rows(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, lang: str = "en"
) -> list[Row]:
    """The assessable requirements of an assessment as compliance-assessment rows."""
    _ = translator(lang)
    rows = []
    for result in assessment.requirements:
        entry = workbook.clauses.get(result.ref)
        assessed = entry is not None and entry.assessed
        outcome, progress, score = level_mapping(result, assessed)
        parts = []
        if result.level is not None and assessed:
            parts.append(
                _("Level %(level)s (%(name)s); target for certification %(target)s")
                % {
                    "level": result.level,
                    "name": _(LEVEL_LABELS[result.level]),
                    "target": result.target,
                }
            )
        if result.owner:
            parts.append(_("Owner: %(owner)s") % {"owner": result.owner})
        if result.notes:
            parts.append(result.notes)
        rows.append(
            Row(
                urn=node_urn(catalogue.edition, result.ref),
                ref_id=result.ref,
                name=catalogue.title(result.ref, lang),
                compliance_result=outcome,
                requirement_progress=progress,
                score=score,
                observations="\n".join(parts),
            )
        )
    return rows


def write_assessment(
    workbook: Workbook, assessment: Assessment, catalogue: Catalogue, path: Path, lang: str = "en"
) -> Path:
    """Write the compliance-assessment sheet (xlsx, one sheet, ``COLUMNS``) to ``path``."""
    book = XlsxWorkbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "compliance_assessment"
    sheet.append(list(COLUMNS))
    for row in assessment_rows(workbook, assessment, catalogue, lang):
        sheet.append(row.values())
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                mark(cell, cell.value)  # text that looks like a formula: the quote prefix
    for column, width in zip("ABCDEFGH", (48, 10, 11, 50, 20, 20, 7, 70), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())
    return path


# -- format checks (from CISO Assistant's importer and documentation) ------------------------


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


def read_assessment(path: Path) -> list[dict[str, Any]]:
    """The first sheet of an assessment file as dicts keyed by its header (for checks)."""
    book = load_workbook(path, read_only=True)
    try:
        sheet = book.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]

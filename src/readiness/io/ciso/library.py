"""Our catalogue, and our other frameworks and crosswalks, as CISO Assistant libraries (YAML).

The formats follow CISO Assistant's public library files and import code
(intuitem/ciso-assistant-community: ``backend/library/utils.py`` for what a library must
hold). The library holds clause numbers, titles and our own descriptions only, never the
standard's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from readiness.core.catalogue import LANGUAGES, Catalogue
from readiness.core.editions import Change
from readiness.core.frameworks import Crosswalk, Framework
from readiness.core.messages import translator
from readiness.io.output import write_bytes

PACKAGER = "readiness"


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

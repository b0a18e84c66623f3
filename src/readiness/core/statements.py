"""What the management review gives a public office's yearly statement on internal control.

In Poland the head of the unit signs the annual statement on the state of management
control; in Bulgaria the head reports each year on the financial management and control
systems. ``data/review_links.toml`` names each country's statement with its legal basis
(shown with a ``checked`` flag, as the editions' sources) and the ISO 9001 clauses each
review input (``data/review.toml``) brings evidence for; the framework's crosswalk
(:func:`readiness.core.frameworks.load_crosswalk`) carries those clauses to the statement's
elements. Nothing here is code about a law: a country or an input is added in the data.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from readiness.core.frameworks import load_crosswalk, load_framework


@dataclass(frozen=True)
class Statement:
    """A country's yearly statement on internal control, and its legal basis."""

    country: str
    framework: str  # the framework (and crosswalk) id: kz, sfuk
    name: dict[str, str]  # by language
    basis: dict[str, str]  # by language
    checked: bool


@dataclass(frozen=True)
class Link:
    """What one review input gives the statement: the framework's elements it supports."""

    input: str  # the input's key in data/review.toml
    clauses: tuple[str, ...]  # the ISO 9001 clauses the input brings evidence for
    elements: tuple[tuple[str, dict[str, str]], ...]  # (ref, name by language)


@cache
def _data() -> dict[str, object]:
    text = (resources.files("readiness") / "data" / "review_links.toml").read_text("utf-8")
    return tomllib.loads(text)


def statement(country: str) -> Statement | None:
    """The statement of ``country`` (``PL``, ``BG``), or None where the data names none."""
    for raw in _data()["statement"]:  # type: ignore[attr-defined]
        if raw["country"] == country.upper():
            return Statement(
                country=raw["country"],
                framework=raw["framework"],
                name=dict(raw["name"]),
                basis=dict(raw["basis"]),
                checked=bool(raw.get("checked", False)),
            )
    return None


def _related(a: str, b: str) -> bool:
    """One clause is the other or under it (6.1 and 6.1.2, 9.3 and 9.3)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


@cache
def links(country: str) -> tuple[Link, ...]:
    """Each review input's elements of the country's statement, through its crosswalk.

    Empty for a country whose statement the data does not name.
    """
    found = statement(country)
    if found is None:
        return ()
    framework = load_framework(found.framework)
    crosswalk = load_crosswalk(found.framework)
    clauses: dict[str, list[str]] = _data()["clauses"]  # type: ignore[assignment]
    result = []
    for key, refs in clauses.items():
        elements: dict[str, dict[str, str]] = {}
        for mapping in crosswalk.mappings:
            if any(_related(mapping.target, ref) for ref in refs):
                elements.setdefault(mapping.source, framework.nodes[mapping.source].name)
        ordered = sorted(elements.items(), key=lambda item: _order(item[0]))
        result.append(Link(key, tuple(refs), tuple(ordered)))
    return tuple(result)


def _order(ref: str) -> tuple[int, str]:
    return (int(ref), "") if ref.isdigit() else (0, ref)

"""Editions of the standard: the differences a new edition makes, and an office's transition.

An edition file (``data/<edition>.toml``) either lists its clauses in full, as
``iso9001_2015.toml`` does, or names a ``base`` edition and lists only its changes, as
``iso9001_2026.toml`` does. Every change carries the clauses it touches, its source and a
``checked`` flag: until someone compares it with the published text it is provisional, and
reports say so. The transition deadline is a date marked ``confirmed`` or not. Every
``source`` is what readers see (public and citable, in each language); research notes stay
in the file's ``notes`` and never reach a report. An edition's status depends on the day:
before its ``published`` date a report says it is expected, from that day that it is out.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from readiness.core.assess import Assessment
from readiness.core.catalogue import (
    DEFAULT_EDITION,
    EDITION_NAME,
    LANGUAGES,
    Catalogue,
    CatalogueError,
    load_catalogue,
)
from readiness.core.model import Evidence, Workbook

CHANGE_KINDS = ("requirement", "note", "wording", "annex")
"""What a change asks of an office: something new to do, guidance in a note, wording moved
or merged (nothing new), or an informative annex."""

IMPLEMENTED = 3
"""The level from which an office's existing work on a clause counts as in place."""


@dataclass(frozen=True)
class Change:
    """One difference of an edition from its base, in our own words.

    ``clauses`` are refs of the base edition (a heading stands for every requirement under
    it; empty for an annex); ``checked`` is false while the change is provisional.
    """

    id: str
    clauses: tuple[str, ...]
    kind: str
    title: dict[str, str]
    what: dict[str, str]
    prepare: dict[str, str]
    source: dict[str, str]
    checked: bool = False
    evidence: tuple[str, ...] = ()

    @property
    def provisional(self) -> bool:
        """Not yet checked against the published text."""
        return not self.checked


@dataclass(frozen=True)
class Transition:
    """The end of the transition to an edition: a date, confirmed by accreditation or not."""

    deadline: dt.date
    confirmed: bool
    source: dict[str, str]
    note: dict[str, str] = field(default_factory=dict)
    steps: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Edition:
    """An edition of the standard: its catalogue and, for a newer one, what changed."""

    id: str
    standard: str
    catalogue: Catalogue
    base: str = ""
    status: dict[str, str] = field(default_factory=dict)
    status_before: dict[str, str] = field(default_factory=dict)
    published: dt.date | None = None
    source: dict[str, str] = field(default_factory=dict)
    structure_unchanged: bool = True
    changes: tuple[Change, ...] = ()
    transition: Transition | None = None

    def is_published(self, as_of: dt.date) -> bool:
        """Out by ``as_of``: a report dated before the publication says it is expected."""
        return self.published is not None and as_of >= self.published

    def status_on(self, as_of: dt.date) -> dict[str, str]:
        """The status in words as a report dated ``as_of`` gives it."""
        if self.status_before and not self.is_published(as_of):
            return self.status_before
        return self.status

    @property
    def provisional(self) -> tuple[Change, ...]:
        """The changes not yet checked against the published text."""
        return tuple(c for c in self.changes if c.provisional)


def _read(name: str) -> dict[str, Any]:
    if not EDITION_NAME.fullmatch(name):
        raise CatalogueError(f"an edition is named like iso9001_2015, not {name!r}")
    path = resources.files("readiness") / "data" / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(f"no edition file {name}.toml") from exc


def _texts(raw: dict[str, Any], key: str, where: str) -> dict[str, str]:
    texts = raw.get(key, {})
    missing = [lang for lang in LANGUAGES if not texts.get(lang)]
    if missing:
        raise CatalogueError(f"{where}: {key} has no text in {', '.join(missing)}")
    return dict(texts)


#: what a shown source may never name: our own files, and private blogs' hosts
NOT_PUBLIC = ("DOMAIN", ".md", "wixsite", "blogspot", "oxebridge", "wordpress.com", "medium.com")


def _public(source: Any, where: str) -> None:
    """A source shown to readers is public and citable: never an internal file or a blog."""
    texts = source.values() if isinstance(source, dict) else [source]
    for text in texts:
        found = [word for word in NOT_PUBLIC if word.lower() in str(text).lower()]
        if found:
            raise CatalogueError(f"{where}: a source shown to readers names {found[0]!r}")


def _change(raw: dict[str, Any], base: Catalogue, edition: str) -> Change:
    where = f"{edition} change {raw.get('id')}"
    if raw.get("kind") not in CHANGE_KINDS:
        raise CatalogueError(f"{where}: kind is one of {', '.join(CHANGE_KINDS)}")
    clauses = tuple(raw.get("clauses", []))
    unknown = [ref for ref in clauses if ref not in base.clauses]
    if unknown:
        raise CatalogueError(f"{where} names clauses the base edition lacks: {unknown}")
    if not raw.get("source"):
        raise CatalogueError(f"{where} needs its source")
    _public(raw["source"], where)
    if not isinstance(raw.get("checked"), bool):
        raise CatalogueError(f"{where} needs checked = true or false")
    return Change(
        id=raw["id"],
        clauses=clauses,
        kind=raw["kind"],
        title=_texts(raw, "title", where),
        what=_texts(raw, "what", where),
        prepare=_texts(raw, "prepare", where),
        source=_texts(raw, "source", where),
        checked=raw["checked"],
        evidence=tuple(raw.get("evidence", [])),
    )


@cache
def load_edition(name: str = DEFAULT_EDITION) -> Edition:
    """Read an edition file: its catalogue, and its changes when it names a base edition.

    Parameters
    ----------
    name
        The file's name without ``.toml``, e.g. ``iso9001_2026``.

    Raises
    ------
    CatalogueError
        When the file is missing or inconsistent (an unknown clause, a change without its
        source or its ``checked`` flag, a text missing in a language).
    """
    raw = _read(name)
    meta = raw.get("meta", {})
    catalogue = load_catalogue(name)
    base = meta.get("base", "")
    if not base:
        return Edition(id=name, standard=catalogue.standard, catalogue=catalogue)
    older = load_catalogue(base)
    changes = tuple(_change(c, older, name) for c in raw.get("change", []))
    if len({c.id for c in changes}) != len(changes):
        raise CatalogueError(f"{name}: change ids must be unique")
    transition = None
    if "transition" in raw:
        t = raw["transition"]
        if not isinstance(t.get("deadline"), dt.date) or not isinstance(t.get("confirmed"), bool):
            raise CatalogueError(f"{name}: transition needs a deadline date and confirmed")
        if not t.get("source"):
            raise CatalogueError(f"{name}: the transition deadline needs its source")
        _public(t["source"], f"{name} transition")
        transition = Transition(
            deadline=t["deadline"],
            confirmed=t["confirmed"],
            source=_texts(t, "source", f"{name} transition"),
            note=_texts(t, "note", f"{name} transition") if "note" in t else {},
            steps=tuple(
                _texts(step, "text", f"{name} transition step {step.get('id')}")
                for step in t.get("step", [])
            ),
        )
    return Edition(
        id=name,
        standard=meta["standard"],
        catalogue=catalogue,
        base=base,
        status=_texts(meta, "status", name) if "status" in meta else {},
        status_before=_texts(meta, "status_before", name) if "status_before" in meta else {},
        published=meta.get("published"),
        source=_texts(meta, "source", name) if "source" in meta else {},
        structure_unchanged=bool(meta.get("structure_unchanged", True)),
        changes=changes,
        transition=transition,
    )


def editions() -> list[str]:
    """The edition files shipped with the package, oldest first."""
    folder = resources.files("readiness") / "data"
    names = [p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")]
    return sorted(n for n in names if n.startswith("iso") and "." not in n)


def next_edition(current: str = DEFAULT_EDITION) -> Edition | None:
    """The newest edition whose base is ``current``, or None when there is none."""
    newer = [load_edition(n) for n in editions() if n != current]
    followers = [e for e in newer if e.base == current]
    return followers[-1] if followers else None


# -- an office's transition ----------------------------------------------------------------


@dataclass(frozen=True)
class ClauseStanding:
    """Where the office stands on one requirement a change touches."""

    ref: str
    level: int | None
    excluded: bool
    evidence: tuple[Evidence, ...]

    @property
    def in_place(self) -> bool:
        """Implemented or better: the office's existing work on the clause is in place."""
        return self.level is not None and self.level >= IMPLEMENTED


@dataclass(frozen=True)
class ChangeStatus:
    """One change of the new edition, and what the office already has towards it."""

    change: Change
    standing: tuple[ClauseStanding, ...]

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Approved evidence rows naming the touched requirements, each once."""
        seen: dict[int, Evidence] = {}
        for item in self.standing:
            for ev in item.evidence:
                seen.setdefault(id(ev), ev)
        return tuple(seen.values())

    @property
    def base_in_place(self) -> bool:
        """Every touched, applicable requirement is implemented: the change builds on it."""
        applicable = [s for s in self.standing if not s.excluded]
        return bool(applicable) and all(s.in_place for s in applicable)

    @property
    def state(self) -> str:
        """Where the office stands on the change: annex, ready, build or base-gap.

        ``annex``: nothing to assess; ``ready``: the base is in place and nothing new is
        asked; ``build``: the base is in place, the new part is to add; ``base-gap``: the
        touched requirements are not implemented yet.
        """
        if not self.standing:
            return "annex"
        if not self.base_in_place:
            return "base-gap"
        return "build" if self.change.kind == "requirement" else "ready"


@dataclass(frozen=True)
class TransitionPlan:
    """What a certified office must do to move to a new edition, and by when."""

    edition: Edition
    statuses: tuple[ChangeStatus, ...]
    as_of: dt.date
    deadline: dt.date | None
    confirmed: bool

    @property
    def days_left(self) -> int | None:
        """Days from the assessment date to the transition deadline."""
        return (self.deadline - self.as_of).days if self.deadline else None

    @property
    def to_build(self) -> tuple[ChangeStatus, ...]:
        """Changes that ask for something new the office has to add."""
        return tuple(s for s in self.statuses if s.state in ("build", "base-gap"))


def transition_plan(
    edition: Edition, workbook: Workbook, assessment: Assessment, as_of: dt.date
) -> TransitionPlan:
    """Match each change of ``edition`` with the office's levels and approved evidence.

    Parameters
    ----------
    edition
        The edition to move to (it names its base).
    workbook
        The office's workbook (its evidence rows).
    assessment
        The office's assessment against the base edition.
    as_of
        The assessment date, from which the days left are counted.
    """
    results = {r.ref: r for r in assessment.requirements}
    base = load_catalogue(edition.base) if edition.base else edition.catalogue
    statuses = []
    for change in edition.changes:
        refs: list[str] = []
        for ref in change.clauses:
            refs.extend(r.ref for r in base.requirements_under(ref) if r.ref not in refs)
        standing = []
        for ref in refs:
            result = results.get(ref)
            evidence = tuple(
                ev
                for ev in workbook.evidence
                if ev.status == "approved" and any(_covers(name, ref) for name in ev.refs)
            )
            standing.append(
                ClauseStanding(
                    ref=ref,
                    level=result.level if result else None,
                    excluded=bool(result and result.excluded),
                    evidence=evidence,
                )
            )
        statuses.append(ChangeStatus(change=change, standing=tuple(standing)))
    t = edition.transition
    return TransitionPlan(
        edition=edition,
        statuses=tuple(statuses),
        as_of=as_of,
        deadline=t.deadline if t else None,
        confirmed=bool(t and t.confirmed),
    )


def _covers(named: str, ref: str) -> bool:
    """An evidence row naming ``named`` covers ``ref`` itself or a requirement under it."""
    return ref == named or ref.startswith(named + ".")

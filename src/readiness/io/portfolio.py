"""The portfolio's files: finding the offices' workbooks, their identities, and the manifest.

Discovery
    Every ``*.xlsx`` under the folders given (recursively, hidden folders, Excel's ``~$``
    lock files and the output folder left out), or every path listed in a text file (one a
    line; blank lines and ``#`` comments ignored; relative paths are relative to the list).
    A workbook that a sources file under the same folder names as a register is evidence,
    not an office, and is left out too.

Identity
    An office is its Office sheet's name *and* its workbook file: the folder of its reports
    is ``<slug of the name>-<8 hex digits>``, the digits hashing the name (case and spacing
    folded) together with the workbook's path relative to the folder it was found under.
    Two offices with the same name (two "Gmina Nowa Wieś") in different files never share
    a folder or a trend; renaming the office or moving its file under the folder starts a
    new identity (its earlier reports stay where they were).

Manifest
    ``<out>/_portfolio/manifest.json`` remembers, for each workbook, the SHA-256 of its bytes,
    the as-of date, language and tool version of its last report, its identity and outcome.
    A re-run skips a workbook when all four are unchanged and its ``results.json`` is
    still there.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from readiness.io.output import safe_name, write_text
from readiness.io.registers.sources import load_sources

PORTFOLIO_DIR = "_portfolio"
MANIFEST = "manifest.json"
SUFFIXES = (".xlsx",)
#: Failures that depend only on the workbook's bytes: not retried while the bytes are the same.
CONTENT_FAILURES = frozenset({"workbook-errors", "workbook-unreadable"})


@dataclass(frozen=True)
class Source:
    """One workbook found: its absolute path and its path relative to where it was found."""

    path: Path
    relative: str


def _wanted(path: Path, root: Path, skip: Path | None) -> bool:
    parts = path.relative_to(root).parts
    if any(p.startswith(".") for p in parts) or path.name.startswith("~$"):
        return False
    if skip is not None and path != skip and path.is_relative_to(skip):  # under the output
        return False
    return path.suffix.lower() in SUFFIXES and path.is_file()


def registers_named(root: Path, trusted: Sequence[Path] = ()) -> set[Path]:
    """The register files that the sources files under ``root`` name (absolute paths).

    Only registers inside their sources file's folder (or a trusted one) count: a sources
    file cannot hide another office's workbook from the portfolio by naming it.
    """
    named: set[Path] = set()
    for toml in root.rglob("*.toml"):
        sources, _problems = load_sources(toml, trusted=trusted)
        if sources is not None:
            named.update(spec.path.resolve() for spec in sources.registers)
    return named


MAX_LIST_BYTES = 16 * 1024 * 1024


class ListUnreadable(ValueError):
    """A list of workbooks that is not a UTF-8 text file of paths (``path``, ``reason``)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def list_lines(path: Path) -> list[str]:
    """The lines of a list of workbooks; ListUnreadable when it is not UTF-8 text."""
    if path.stat().st_size > MAX_LIST_BYTES:
        raise ListUnreadable(path, "larger than 16 MB")
    data = path.read_bytes()
    if b"\x00" in data or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")):
        raise ListUnreadable(path, "not a text file")
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise ListUnreadable(path, "not UTF-8 text") from None


def find_workbooks(
    places: Sequence[Path | str], skip: Path | str | None = None, trusted: Sequence[Path] = ()
) -> list[Source]:
    """Every office workbook under the folders (or listed in the text files) given.

    Parameters
    ----------
    places
        Folders to search recursively, workbooks, or text files listing workbooks.
    skip
        A folder to leave out (the reports folder, when it lies under a folder searched).

    Returns
    -------
    list of Source
        Sorted by path, each workbook once.

    Raises
    ------
    FileNotFoundError
        When a place given does not exist, or a listed workbook does not.
    ListUnreadable
        When a list of workbooks is not a UTF-8 text file.
    """
    excluded = Path(skip).resolve() if skip is not None else None
    found: dict[Path, Source] = {}
    for place in places:
        root = Path(place).resolve()
        if root.is_dir():
            registers = registers_named(root, trusted)
            for path in sorted(root.rglob("*")):
                if _wanted(path, root, excluded) and path not in registers:
                    found.setdefault(path, Source(path, path.relative_to(root).as_posix()))
        elif root.suffix.lower() in SUFFIXES and root.is_file():
            found.setdefault(root, Source(root, root.name))
        elif root.is_file():
            for line in list_lines(root):
                text = line.strip()
                if not text or text.startswith("#"):
                    continue
                listed = (root.parent / text).resolve()
                if not listed.is_file():
                    raise FileNotFoundError(2, "No such file", str(listed))
                found.setdefault(listed, Source(listed, Path(text).as_posix()))
        else:
            raise FileNotFoundError(2, "No such file or folder", str(root))
    return sorted(found.values(), key=lambda s: str(s.path))


def fold(name: str) -> str:
    """An office name compared case- and spacing-blind."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def office_identity(name: str, relative: str) -> str:
    """The office's report folder name: its name's slug and a hash of name and file."""
    digest = hashlib.sha256(f"{fold(name)}\n{relative}".encode()).hexdigest()[:8]
    return f"{safe_name(name)[:60].rstrip('-')}-{digest}"


def fingerprint(data: bytes) -> str:
    """SHA-256 of a workbook's bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Entry:
    """What the manifest remembers of one workbook's last run."""

    sha256: str
    as_of: str
    lang: str
    version: str
    identity: str = ""
    folder: str = ""  # the report folder, relative to the reports root
    status: str = "ok"  # ok, failed, or pending (sent to a worker, no answer yet)
    code: str = ""
    message: str = ""

    def unchanged(self, sha256: str, as_of: str, lang: str, version: str) -> bool:
        """Same bytes, as-of date, language and tool version, and a settled outcome.

        Settled: it succeeded, or it failed on its own content (as the same bytes would again).
        """
        settled = self.status == "ok" or self.code in CONTENT_FAILURES
        return settled and (self.sha256, self.as_of, self.lang, self.version) == (
            sha256,
            as_of,
            lang,
            version,
        )


@dataclass
class Manifest:
    """Every workbook's last run, keyed by the workbook's absolute path."""

    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Manifest:
        """The manifest under ``root/_portfolio``; empty when missing or unreadable."""
        path = root / PORTFOLIO_DIR / MANIFEST
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls({k: Entry(**v) for k, v in raw["entries"].items()})
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return cls()

    def save(self, root: Path) -> Path:
        """Write the manifest atomically."""
        doc = {"entries": {k: asdict(v) for k, v in sorted(self.entries.items())}}
        return write_text(
            root / PORTFOLIO_DIR / MANIFEST, json.dumps(doc, ensure_ascii=False, indent=1)
        )

    def skippable(
        self, key: str, sha256: str, as_of: str, lang: str, version: str, root: Path
    ) -> Entry | None:
        """The entry when the workbook need not run again (its results.json still there)."""
        entry = self.entries.get(key)
        if entry is None or not entry.unchanged(sha256, as_of, lang, version):
            return None
        if entry.status != "ok":
            return entry
        return entry if (root / entry.folder / "results.json").is_file() else None


@dataclass
class Outcome:
    """What became of one workbook in a run."""

    source: Source
    status: str  # ok, skipped or failed
    identity: str = ""
    folder: str = ""  # the report folder, relative to the reports root
    code: str = ""
    message: str = ""
    seconds: float = 0.0
    pid: int = 0
    peak_rss: int = 0


def iter_sources(paths: Iterable[Path]) -> list[Source]:
    """Sources for workbooks given one by one (their file name as the relative part)."""
    return [Source(Path(p).resolve(), Path(p).name) for p in paths]

"""A cache of the offices' results records, so that a re-run reads unchanged results once.

The dashboard needs one typed record (:class:`readiness.io.results.Results`) per office. A
``results.json`` is 100-150 kB of JSON; parsing 3,000 of them was a third of a re-run's
dashboard. ``<out>/_portfolio/records.json`` keeps, for each office's results file, its
identity on disk (inode, size, modification time in nanoseconds) and the part of it the
record is parsed from (:func:`readiness.io.results.digest`); a file whose identity is
unchanged is not read again. Reports are promoted by renaming a new folder into place, so
a report written again always has a new identity; and, as git does with its index, a file
modified less than a second before it is read is not kept (a rewrite in the same tick of
the file system's clock, of the same size, would otherwise look unchanged). The cache is
only ever a shortcut: a
missing, unreadable or foreign cache is an empty one, and the record is always parsed by
the same :func:`readiness.io.results.results_record`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.io.output import write_text
from readiness.io.results import FILE_NAME, Results, digest, load_document, results_record

CACHE = "records.json"
#: the digests' layout: raised when ``RECORD_KEYS`` changes (2: the year's figures, ``year``)
FORMAT = 2
RACY_NS = 1_000_000_000  # a file modified this recently is read again next time


def _stamp(path: Path) -> list[int] | None:
    """A file's identity on disk: inode, size and modification time (None when missing)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


@dataclass
class RecordCache:
    """The records of the results files under a reports root, by path relative to it."""

    root: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, root: Path, folder: Path) -> RecordCache:
        """The cache in ``folder`` (``<root>/_portfolio``); empty when missing or foreign."""
        try:
            raw = json.loads((folder / CACHE).read_text(encoding="utf-8"))
            if raw.get("tool_version") != __version__ or raw.get("format") != FORMAT:
                return cls(root)  # another version may parse the records otherwise
            entries = raw["entries"]
            if not isinstance(entries, dict):
                return cls(root)
            return cls(root, entries)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return cls(root)

    def results(self, folder: Path) -> Results | None:
        """The record of the results file in ``folder``; read it only when it changed."""
        path = folder / FILE_NAME
        key = path.relative_to(self.root).as_posix()
        stamp = _stamp(path)
        if stamp is None:
            return None
        self.used.add(key)
        entry = self.entries.get(key)
        if isinstance(entry, dict) and entry.get("stamp") == stamp:
            try:
                record = results_record(entry["digest"], path)
            except (KeyError, TypeError, ValueError, AttributeError):
                record = None
            if record is not None:
                return record
        document = load_document(path)
        record = None if document is None else _parse(document, path)
        if record is not None and stamp[2] < time.time_ns() - RACY_NS:
            self.entries[key] = {"stamp": stamp, "digest": digest(document)}
        return record

    def save(self, folder: Path) -> Path:
        """Write the cache into ``folder``, keeping only the files used by this run."""
        kept = {k: v for k, v in sorted(self.entries.items()) if k in self.used}
        doc = {"tool_version": __version__, "format": FORMAT, "entries": kept}
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        return write_text(folder / CACHE, text)


def _parse(document: Any, path: Path) -> Results | None:
    try:
        return results_record(document, path)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None

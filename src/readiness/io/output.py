"""Writing outputs safely: atomic files, a staging folder promoted at the end, safe names."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from slugify import slugify

WINDOWS_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it onto ``target``.

    On an exception the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are for sharing
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> Path:
    """Write text (UTF-8) atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target


def write_bytes(target: Path, data: bytes) -> Path:
    """Write bytes atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


def safe_name(text: str, fallback: str = "office") -> str:
    """A folder name made from free text: ASCII, no separators, no '..', no reserved names.

    Polish and Cyrillic letters are transliterated ('Łódź' -> 'lodz', 'Община' -> 'obshchina').
    """
    name = slugify(text, max_length=80, word_boundary=True) or fallback
    name = re.sub(r"[^a-z0-9-]", "", name).strip("-") or fallback
    if name.split("-")[0] in WINDOWS_RESERVED:
        name = f"{fallback}-{name}"
    return name


def staging_dir(final: Path) -> Path:
    """A new, empty folder beside ``final`` where a run writes before it is promoted."""
    final.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=final.parent))
    os.chmod(path, 0o777 & ~_umask())  # mkdtemp creates 0700
    return path


def promote(staging: Path, final: Path) -> Path:
    """Replace ``final`` with ``staging`` in as few renames as possible.

    The earlier content of ``final`` is moved aside first and deleted only once the new
    folder is in place, so a crash leaves either the old or the new report, never a mix.
    When a rename fails (a file of the earlier report held open by another program, a
    mount point, a full disk), the earlier report is put back and the error is raised;
    ``staging`` is left as it was.
    """
    old: Path | None = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
    aside = False
    try:
        if old is not None:
            os.replace(final, old / final.name)
            aside = True
        os.replace(staging, final)
    except OSError:
        if old is not None:
            if aside:
                os.replace(old / final.name, final)  # the earlier report, back in place
            old.rmdir()  # empty again; if putting back failed, the report stays in it
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final

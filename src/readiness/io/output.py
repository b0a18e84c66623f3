"""Writing outputs safely: atomic files, a staging folder promoted at the end, safe names."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
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
    path = Path(tempfile.mkdtemp(prefix=f".{final.name}{STAGING}", dir=final.parent))
    os.chmod(path, 0o777 & ~_umask())  # mkdtemp creates 0700
    return path


STAGING = ".partial-"  # a staging folder is named .<date>.partial-XXXX


def _lock_of(staging: Path) -> Path:
    return staging.parent / f"{staging.name}.lock"


@contextmanager
def held_staging(final: Path) -> Iterator[Path]:
    """A new staging folder beside ``final``, its lock held for as long as the run uses it.

    The lock (``<staging>.lock``) is taken before the folder exists and released, and its
    file removed, when the block ends: a staging folder whose lock nobody holds was left by
    a run that was killed, and :func:`remove_stale_staging` may remove it.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    while True:
        path = final.parent / f".{final.name}{STAGING}{secrets.token_hex(4)}"
        lock = FileLock(_lock_of(path))
        lock.acquire(timeout=0)
        try:
            path.mkdir(mode=0o777 & ~_umask())
            break
        except FileExistsError:
            lock.release()
    try:
        yield path
    finally:
        lock.release()
        _lock_of(path).unlink(missing_ok=True)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders in ``folder`` that no running run holds; return them.

    A run killed mid-way (SIGKILL, a power cut) leaves its ``.<date>.partial-*`` folder; a
    run still writing holds the folder's lock and its folder is left alone.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.glob(f".*{STAGING}*")):
        if not path.is_dir() or path.is_symlink():
            continue
        lock = FileLock(_lock_of(path))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # a run is writing there now
        try:
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                removed.append(path)
        finally:
            lock.release()
            _lock_of(path).unlink(missing_ok=True)
    return removed


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


LOCK_SECONDS = 120  # another run of the same office and date is promoting its report
LOCK_ENV = "READINESS_LOCK_TIMEOUT"  # seconds; overrides LOCK_SECONDS


def lock_seconds() -> float:
    """How long a run waits for another run of the same office and date to promote."""
    try:
        return float(os.environ.get(LOCK_ENV, LOCK_SECONDS))
    except ValueError:
        return LOCK_SECONDS


class PromoteTimeout(Exception):
    """Another run held the office's lock for longer than ``seconds``."""

    def __init__(self, final: Path, seconds: float) -> None:
        super().__init__(f"{final}: lock held for more than {seconds:.0f} s")
        self.final = final
        self.seconds = seconds


def carry(final: Path, staging: Path, keep: Callable[[str], bool]) -> None:
    """Hard-link (or copy) into ``staging`` the files of ``final`` that ``keep`` names.

    Two commands write one date's folder (the gap report, the management review pack):
    each promotes its own files and carries the other's across, so neither removes the other.
    """
    if not final.is_dir():
        return
    for path in final.iterdir():
        target = staging / path.name
        if path.is_file() and not path.is_symlink() and keep(path.name) and not target.exists():
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)


def promote_locked(
    staging: Path,
    final: Path,
    seconds: float | None = None,
    keep: Callable[[str], bool] | None = None,
) -> Path:
    """``promote`` under the lock of ``final``'s date (``.<date>.lock`` beside it).

    ``keep`` names the earlier folder's files carried into the new one (``carry``) under
    the same lock. Raises PromoteTimeout when another run holds the lock longer than
    ``seconds`` (``lock_seconds()`` by default), and OSError as ``promote`` does.
    """
    wait = lock_seconds() if seconds is None else seconds
    try:
        with FileLock(final.parent / f".{final.name}.lock", timeout=wait):
            if keep is not None:
                carry(final, staging, keep)
            return promote(staging, final)
    except Timeout:
        raise PromoteTimeout(final, wait) from None

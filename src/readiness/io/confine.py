"""Confinement: a path written inside an input file stays inside that file's folder.

An office's workbook names its sources file (the Office sheet), and a sources file names its
registers (``file =``). Each such path is resolved, symlinks followed, and must land inside
the folder of the file that names it: the sources file inside the workbook's folder, the
registers inside the sources file's folder. A path that climbs out (``../office-b/...``),
an absolute path elsewhere, or a symlink pointing out is refused before anything of the
file it names is read, so one office's files never bring another office's data into its
report.

A person widens the rule on purpose, on the command line: ``--trust DIR`` (repeatable)
accepts paths inside DIR too, and a sources file given with ``--sources FILE`` is trusted
for itself (its registers still stay inside its folder or a trusted one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

TRUST_OPTION = "--trust"


def trusted_folders(folders: Iterable[Path | str] | None) -> tuple[Path, ...]:
    """The folders given with ``--trust``, resolved (symlinks followed)."""
    return tuple(Path(f).expanduser().resolve() for f in folders or ())


def resolved(base: Path, written: str | Path) -> Path:
    """``written`` as its file says it, resolved from ``base`` with every symlink followed."""
    return (base / Path(written)).resolve()


def inside(path: Path, base: Path, trusted: Sequence[Path] = ()) -> bool:
    """Whether the resolved ``path`` lies inside ``base`` (resolved) or a trusted folder."""
    return any(path.is_relative_to(folder) for folder in (base.resolve(), *trusted))


def confined(base: Path, written: str | Path, trusted: Sequence[Path] = ()) -> tuple[Path, bool]:
    """The path ``written`` in a file of folder ``base``, resolved, and whether it may be read.

    Parameters
    ----------
    base
        The folder of the file that names the path.
    written
        The path as the file writes it: relative to ``base``, or absolute.
    trusted
        Folders the person running the command trusts as well (``--trust``).

    Returns
    -------
    tuple
        The resolved path (named in the error when it is refused) and True when it lies
        inside ``base`` or a trusted folder.
    """
    path = resolved(base, written)
    return path, inside(path, base, trusted)

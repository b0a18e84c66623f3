"""The registers an office already keeps, read as evidence through a sources file.

- ``sources``: the TOML sources file (one table per register) read and checked; ``spec``
  its tables;
- ``files``: each register file guarded and read as a grid (xlsx, ods, CSV);
- ``role``, ``roles``, ``sheets``, ``logs``: each role's fields, the words offices use for
  them, and its builder turning one row into records;
- ``header``: the header row found and the columns mapped; ``values``: a field's cells read;
- ``reading``: each register's rows turned into records with their provenance;
- ``attach``: the records joined to the workbook's; ``checking``: ``sources check``;
- ``guess``: ``readiness sources init``, a sources file guessed from the registers.

Register files are only ever read.
"""

from __future__ import annotations

from readiness.io.registers.guess import guess_sources
from readiness.io.registers.reading import Read, Registers, read_registers
from readiness.io.registers.sources import load_sources
from readiness.io.registers.spec import RegisterSpec, Sources

__all__ = [
    "Read",
    "RegisterSpec",
    "Registers",
    "Sources",
    "guess_sources",
    "load_sources",
    "read_registers",
]

"""The ``readiness`` command: one module per command group, the options they share declared once.

- ``options``: the shared options (``--lang``, ``--out``, ``--as-of``, ``--sources``,
  ``--trust``, ``--format``, ``--edition``, ``--frameworks``...), one helper each;
- ``console``: exit statuses, messages on stderr, progress, problems;
- ``workbook`` (template, check, checklist), ``report`` (report, demo), ``sources``,
  ``lab``, ``portfolio``, ``export``, ``plan`` (audit-plan): each command's work and parser;
- ``main``: the parser assembled, ``main`` and the console entry point ``run``.
"""

from __future__ import annotations

from readiness.cli.main import main, parser, run

__all__ = ["main", "parser", "run"]

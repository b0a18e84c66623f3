"""``python -m readiness.cli``: the ``readiness`` command."""

from readiness.cli.main import run

run()

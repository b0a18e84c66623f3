"""The ``lab`` command: JupyterLab on the stage notebooks."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from readiness.cli.console import err


def cmd_lab(args: argparse.Namespace) -> int:
    """Open JupyterLab on the stage notebooks, which read the sample office by default."""
    import subprocess

    from readiness.run.locations import notebooks_dir

    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={notebooks_dir()}"]
    command += [f"--port={args.port}"] if args.port else []
    command += ["--no-browser"] if args.no_browser else []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI machines run as root
        err("readiness lab: running as root, so JupyterLab is started with --allow-root")
        command.append("--allow-root")
    extra = args.jupyter_args[1:] if args.jupyter_args[:1] == ["--"] else args.jupyter_args
    return subprocess.call([*command, *extra])


def register(sub: Any) -> None:
    """Add ``lab`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "lab",
        help="open JupyterLab on the stage notebooks (the sample office by default)",
        description="Open JupyterLab on notebooks/. Each stage notebook reads the sample "
        "office unless you change its workbook parameter; arguments after -- go to jupyter lab.",
    )
    p.add_argument("--port", type=int, default=0, help="port to listen on (default: JupyterLab's)")
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help="passed on to jupyter lab")
    p.set_defaults(func=cmd_lab)

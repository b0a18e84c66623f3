"""What the pages share: static files, a page's one script allowed by hash, our metadata key.

The key is the one under which a notebook's outputs and cells say what they are to us.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

METADATA_KEY = "readiness"
"""The key of our metadata in a notebook: a displayed section's contents entries
(``{"toc": [[section id, heading], ...]}`` in its output's metadata) and the stage notebook a
composed cell comes from (``{"notebook": name}`` in the cell's metadata)."""


@cache
def static(*parts: str) -> str:
    """A text file shipped under ``templates/`` (e.g. ``"portfolio", "dashboard.css"``)."""
    return (resources.files("readiness").joinpath("templates", *parts)).read_text(encoding="utf-8")


def script(*parts: str) -> tuple[str, str]:
    """A page's own script and its Content-Security-Policy hash (``sha256-...``)."""
    source = static(*parts)
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"sha256-{digest}"

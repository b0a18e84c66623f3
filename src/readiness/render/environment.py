"""The report's Jinja environment and what a rendered fragment becomes: a ``Section``.

Fragments are autoescaped (text from the workbook is escaped), compiled once and kept in
Jinja's bytecode cache between runs; a ``Section`` carries its contents entries in the
output's metadata, from which the report's table of contents is built.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from readiness.core.messages import translations
from readiness.render.audittime import report_view as audit_plan_view
from readiness.render.i18n import format_date, format_percent
from readiness.render.page import METADATA_KEY

TOC_KEY = METADATA_KEY  # output metadata: {"toc": [[section id, heading], ...]}


def contents_entry(rendered: Any) -> tuple[tuple[str, str], ...]:
    """A rendered fragment's contents entry: the ``entry`` (section id, heading) it sets.

    Every fragment that is a section of the report sets it beside its ``<h2>``; the cover and
    a section with nothing to show set none.
    """
    entry = getattr(rendered, "entry", None)
    if not entry:
        return ()
    ident, heading = (x.unescape() if isinstance(x, Markup) else str(x) for x in entry)
    return ((ident, " ".join(heading.split())),)


@dataclass(frozen=True)
class Section:
    """A piece of the report: HTML for Jupyter and nbconvert, plain text for a terminal.

    Displayed, it carries its contents entries (section id and heading) in the output's
    metadata under ``readiness``, from which the report's table of contents is built.
    """

    html: str
    text: str = ""
    toc: tuple[tuple[str, str], ...] = ()

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        data = {"text/html": self.html, "text/plain": repr(self)}
        return data, ({TOC_KEY: {"toc": [list(t) for t in self.toc]}} if self.toc else {})

    def __repr__(self) -> str:
        return self.text or "<report section>"


CACHE_ENV = "READINESS_CACHE"  # a folder for compiled templates; Jinja's per-user one by default


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates on disk; one that cannot be written only costs time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def template_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (a report's kernel is a new process each time).

    Compiling the fragments takes about 0.1 s in every kernel; Jinja's bytecode cache keeps
    them, checked against each template's source, in ``$READINESS_CACHE`` or in Jinja's
    private per-user folder in the system's temporary folder. None when neither is usable.
    """
    folder = os.environ.get(CACHE_ENV) or None
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        return _TemplateCache(folder, "readiness-%s.cache")
    except (OSError, RuntimeError):  # no safe folder: compile every time
        return None


@cache
def environment(lang: str) -> Environment:
    """The Jinja environment of one language: autoescaped, with gettext installed."""
    env = Environment(
        bytecode_cache=template_cache(),
        loader=PackageLoader("readiness", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = lambda d, fmt="medium": format_date(d, lang, fmt)
    env.filters["percent"] = lambda v: format_percent(v, lang)
    env.globals["audit_plan"] = lambda book, a, certified=False: audit_plan_view(
        book, a, lang, certified=certified
    )  # audit-plan
    return env

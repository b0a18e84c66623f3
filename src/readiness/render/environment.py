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
from html.parser import HTMLParser
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

from readiness.core.messages import translations
from readiness.render.audittime import report_view as audit_plan_view
from readiness.render.i18n import format_date, format_percent

TOC_KEY = "readiness"  # output metadata: {"toc": [[section id, heading], ...]}


class _Headings(HTMLParser):
    """The id and ``<h2>`` heading of every ``<section>`` in a fragment this module rendered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.section = ""
        self.heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.section = dict(attrs).get("id") or ""
        elif tag == "h2" and self.section:
            self.heading = []

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self.heading is not None:
            self.found.append((self.section, " ".join("".join(self.heading).split())))
            self.heading, self.section = None, ""


def headings(html: str) -> tuple[tuple[str, str], ...]:
    """(section id, heading) of each section of a rendered fragment, in order."""
    parser = _Headings()
    parser.feed(html)
    parser.close()
    return tuple(parser.found)


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

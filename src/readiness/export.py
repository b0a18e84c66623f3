"""Convert an executed notebook to the report's HTML (nbconvert) and that HTML to PDF."""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat

TEMPLATE = "gap_report"


_SECTION = re.compile(r'<section id="([\w-]+)"[^>]*>\s*<h2>(.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def contents(node: Any) -> list[tuple[str, str]]:
    """The report's table of contents: (section id, heading) of every section, in order."""
    found = []
    for cell in node.cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html", "")
            found += [
                (i, html.unescape(_TAG.sub("", h)).strip()) for i, h in _SECTION.findall(page)
            ]
    return found


def script() -> tuple[str, str]:
    """The page's own script and its CSP hash (the page runs this and nothing else)."""
    source = (
        resources.files("readiness") / "templates" / TEMPLATE / "static" / "report.js"
    ).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"sha256-{digest}"


@cache
def _exporter() -> Any:
    from nbconvert import HTMLExporter

    templates = resources.files("readiness") / "templates"
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(templates)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def to_html(notebook: Path, meta: dict[str, str]) -> str:
    """The report page for an executed notebook.

    Parameters
    ----------
    notebook
        The executed notebook.
    meta
        ``title``, ``office``, ``as_of``, ``lang``, ``version``, ``footer``, and the labels
        ``toc_title`` and ``table_labels`` (JSON) for the page.

    Returns
    -------
    str
        A self-contained HTML document: styles and our one script inline, charts as inline
        SVG, a table of contents, and a Content-Security-Policy that allows nothing else.
    """
    node = nbformat.read(str(notebook), as_version=4)
    source, digest = script()
    page = dict(meta, toc=contents(node), script=source, script_hash=digest)
    body, _ = _exporter().from_notebook_node(node, resources={"readiness": page})
    return str(body)


WARM_UP_PAGE = '<html lang="pl"><body><p>Zażółć gęślą jaźń — Ещё</p></body></html>'


def warm_up() -> threading.Thread:
    """Load nbconvert's exporter and WeasyPrint with its fonts in a background thread.

    The report's main process mostly waits on the kernel while notebooks run; this moves
    about a second of imports and font loading off the critical path.
    """

    def work() -> None:
        _exporter()
        from weasyprint import HTML

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        HTML(string=WARM_UP_PAGE).write_pdf()

    thread = threading.Thread(target=work, name="readiness-warm-up", daemon=True)
    thread.start()
    return thread


def to_pdf(html: str, target: Path) -> Path:
    """Render the report page to an A4 PDF with WeasyPrint; every resource is inline."""
    from weasyprint import HTML

    # WeasyPrint logs every SVG presentation attribute it maps by itself ("unknown
    # property text-anchor"); the chart renders correctly, so only errors are worth showing.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"the report must not load external resources: {url}")

    HTML(string=html, url_fetcher=no_fetch).write_pdf(str(target))
    return target

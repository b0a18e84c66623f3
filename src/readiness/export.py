"""Convert an executed notebook to the report's HTML (nbconvert) and that HTML to PDF."""

from __future__ import annotations

import logging
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat

TEMPLATE = "gap_report"


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
        ``title``, ``office``, ``as_of``, ``lang``, ``version`` and ``footer`` for the page.

    Returns
    -------
    str
        A self-contained HTML document: styles inline, charts as inline SVG, no scripts.
    """
    node = nbformat.read(str(notebook), as_version=4)
    body, _ = _exporter().from_notebook_node(node, resources={"readiness": meta})
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

"""Convert an executed notebook to the report's HTML (nbconvert) and that HTML to PDF."""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat

from readiness.render.blocks import document
from readiness.render.page import METADATA_KEY, static
from readiness.render.page import script as page_script
from readiness.render.typeset import typeset

TEMPLATE = "gap_report"


def contents(node: Any) -> list[tuple[str, str]]:
    """The report's table of contents: (section id, heading) of every section, in order.

    Each section displayed by a notebook lists its entries in its output's metadata.
    """
    return [
        (str(anchor), str(heading))
        for cell in node.cells
        for output in cell.get("outputs", [])
        for anchor, heading in output.get("metadata", {}).get(METADATA_KEY, {}).get("toc", [])
    ]


def script() -> tuple[str, str]:
    """The page's own script and its CSP hash (the page runs this and nothing else)."""
    return page_script(TEMPLATE, "static", "report.js")


@cache
def _exporter() -> Any:
    # nbconvert's template exporter: HTMLExporter would parse and rewrite the whole page with
    # BeautifulSoup afterwards (alt text for images, tabindex on code cells: the report has
    # neither), which took two thirds of the export's time
    from nbconvert.exporters import TemplateExporter

    templates = resources.files("readiness") / "templates"
    exporter = TemplateExporter(
        template_name=TEMPLATE,
        template_file="index.html.j2",
        extra_template_basedirs=[str(templates)],
    )
    # what reaches the page is decided by nbconvert's own switches: no code, no prompts, no
    # markdown (notes for people in JupyterLab), no raw cells
    exporter.exclude_input = True
    exporter.exclude_markdown = True
    exporter.exclude_raw = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def to_html(notebook: Path | Any, meta: dict[str, str]) -> str:
    """The report page for an executed notebook.

    Parameters
    ----------
    notebook
        The executed notebook: a path, or the notebook node itself.
    meta
        ``title``, ``office``, ``as_of``, ``lang``, ``version``, ``footer``, and the labels
        ``toc_title`` and ``table_labels`` (JSON) for the page.

    Returns
    -------
    str
        A self-contained HTML document: styles and our one script inline, charts as inline
        SVG, a table of contents, and a Content-Security-Policy that allows nothing else.
    """
    node = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, Path) else notebook
    source, digest = script()
    page = dict(
        meta,
        toc=contents(node),
        script=source,
        script_hash=digest,
        css=static(TEMPLATE, "static", "report.css"),
    )
    body, _ = _exporter().from_notebook_node(node, resources={"readiness": page})
    return str(body)


# --- PDF ------------------------------------------------------------------------------------
# The PDF is typeset by Typst (the `typst` wheel: no browser, no system library) from the
# same page the HTML report is: `blocks.document` reads the page's elements as data (JSON),
# which templates/gap_report/report.typ lays out with its functions. WeasyPrint took about 2.3 s for
# the county sample (1.7 s without the contents' multi-column box); Typst takes about 0.15 s.
# benchmarks/bench_pdf.py measures the options side by side.

WARM_UP_META = dict.fromkeys(
    ("title", "office", "as_of", "lang", "version", "footer", "toc_title"), ""
)
WARM_UP_PAGE = '<html lang="pl"><body><p>Zażółć gęślą jaźń — Ещё</p></body></html>'


@cache
def warm_up() -> threading.Thread:
    """Load nbconvert's exporter and Typst with its fonts in a background thread, once.

    The report's main process mostly waits on the kernel while notebooks run; this moves
    the imports, the templates' compiling and the font search off the critical path. A
    process that reports on many offices warms up for the first one only.
    """

    def work() -> None:
        try:
            to_html(nbformat.v4.new_notebook(), WARM_UP_META)  # compiles nbconvert's templates
            _typeset(WARM_UP_PAGE)
        except Exception:  # the export itself fails next, and says why
            return

    thread = threading.Thread(target=work, name="readiness-warm-up", daemon=True)
    thread.start()
    return thread


def _typeset(page: str) -> bytes:
    return typeset(static(TEMPLATE, "report.typ"), document(page))


def to_pdf(html: str, target: Path) -> Path:
    """Typeset the report page as an A4 PDF with Typst; nothing is loaded from outside.

    The PDF has a cover, contents with page numbers, page X / Y, a running header from the
    second page on, and the charts as vector graphics with their text.
    """
    target.write_bytes(_typeset(html))
    return target

"""Convert an executed notebook to the report's HTML (nbconvert) and that HTML to PDF."""

from __future__ import annotations

import html
import re
import threading
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat

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
# same page the HTML report is: `typst_source` reads the page's elements and writes them as
# calls of the functions in templates/gap_report/report.typ. WeasyPrint took about 2.3 s for
# the county sample (1.7 s without the contents' multi-column box); Typst takes about 0.15 s.
# benchmarks/bench_pdf.py measures the options side by side.

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})  # fmt: skip
_HIDDEN = frozenset({"head", "script", "style", "template", "title", "noscript"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "div", "dl", "fieldset",
                    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
                    "svg"})  # fmt: skip
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; not a no-break space
# HTML parsers lowercase names; SVG (an XML language) needs them as the SVG spec spells them
_SVG_CASE = {
    name.lower(): name
    for name in (
        "viewBox", "preserveAspectRatio", "clipPathUnits", "clipPath", "gradientUnits",
        "gradientTransform", "linearGradient", "radialGradient", "patternUnits",
        "patternTransform", "textLength", "lengthAdjust", "markerWidth", "markerHeight",
        "markerUnits", "refX", "refY", "stdDeviation", "foreignObject", "textPath",
    )
}  # fmt: skip
_SVG_NAMES = re.compile(r"(?<=[<\s/])(" + "|".join(_SVG_CASE) + r")(?=[\s=>/])")


class _Element:
    """One element of the page: tag, attributes, children (elements and text)."""

    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Element | str] = []

    def get(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def elements(self) -> list[_Element]:
        return [c for c in self.children if isinstance(c, _Element)]

    def text(self) -> str:
        parts = (c if isinstance(c, str) else c.text() for c in self.children)
        return _SPACE.sub(" ", "".join(parts)).strip()

    def find(self, tag: str) -> list[_Element]:
        found = []
        for child in self.elements():
            if child.tag == tag:
                found.append(child)
            found += child.find(tag)
        return found


class _Tree(HTMLParser):
    """The page as a tree of `_Element`; head, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", {})
        self._open = [self.root]
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif not self._hidden:
            element = _Element(tag, {k: v or "" for k, v in attrs})
            self._open[-1].children.append(element)
            if tag not in _VOID:
                self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN and not self._hidden:
            self._open[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif not self._hidden and tag not in _VOID:
            for depth in range(len(self._open) - 1, 0, -1):
                if self._open[depth].tag == tag:
                    del self._open[depth:]
                    break

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._open[-1].children.append(data)


def _string(text: str) -> str:
    """A Typst string literal: the text is shown as it is, never read as markup or code."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array(items: list[str]) -> str:
    return "(" + ", ".join(items) + ",)" if items else "()"


class _Typesetter:
    """Writes the report page's elements as calls of report.typ's functions."""

    def __init__(self, svgs: list[str], anchors: set[str]) -> None:
        self.svgs = svgs
        self.anchors = anchors
        self.header = ""

    def inline(self, children: list[_Element | str]) -> str:
        """Text and inline elements; whitespace collapsed and trimmed at both ends, as HTML does."""
        parts = []
        last = len(children) - 1
        for index, child in enumerate(children):
            if isinstance(child, str):
                text = _SPACE.sub(" ", child)
                text = text.lstrip(" ") if index == 0 else text
                text = text.rstrip(" ") if index == last else text
                if text:
                    parts.append(_string(text))
            else:
                parts.append(self.element(child))
        return ", ".join(parts)

    def blocks(self, children: list[_Element | str]) -> str:
        if not any(isinstance(c, _Element) and c.tag in _BLOCK for c in children):
            return self.inline(children)
        parts = []
        for child in children:
            if isinstance(child, str):
                if child.strip():
                    parts.append(_string(_SPACE.sub(" ", child).strip()))
            elif code := self.element(child):
                parts.append(code)
        return ", ".join(parts)

    def element(self, node: _Element) -> str:
        tag, cls = node.tag, node.get("class")
        if tag == "svg":
            return f"chart({_string(self.svgs[int(node.get('data-n'))])})"
        if "running-header" in cls.split():
            self.header = node.text()
            return ""
        if tag == "nav" and "toc" in cls.split():
            return self.contents(node)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return f"heading(level: {tag[1]}, join(({self.inline(node.children)},)))"
        if tag == "p":
            return f"para({_string(cls)}, {self.inline(node.children)})"
        if tag == "footer":
            return f'para("generated", {self.inline(node.children)})'
        if tag == "section":
            return self.section(node)
        if tag in ("ol", "ul"):
            items = [self.element(li) for li in node.elements() if li.tag == "li"]
            ordered = "true" if tag == "ol" else "false"
            return f"items({ordered}, {_string(cls)}, {', '.join(items)})"
        if tag == "li":
            body = f"join(({self.blocks(node.children)},))"
            return f"step({_string(cls)}, {body})" if "step" in cls.split() else body
        if tag == "table":
            return self.table(node)
        if tag in ("html", "body", "main"):  # page breaks may not be inside a block
            return f"join(({self.blocks(node.children)},))"
        if tag in ("div", "figure", "article", "aside", "header"):
            name = "chart" if tag == "figure" else cls
            return f"div({_string(name)}, {self.blocks(node.children)})"
        if tag == "span":
            return f"span({_string(cls)}, {self.inline(node.children)})"
        if tag in ("strong", "b"):
            return f"strong(join(({self.inline(node.children)},)))"
        if tag in ("em", "i"):
            return f"emph(join(({self.inline(node.children)},)))"
        if tag == "br":
            return "linebreak()"
        if tag == "a" and node.get("href")[1:] in self.anchors:
            target = _string(node.get("href")[1:])
            return f"link(label({target}), join(({self.inline(node.children)},)))"
        return f"join(({self.blocks(node.children)},))"

    def section(self, node: _Element) -> str:
        ident, parts = node.get("id"), []
        labelled = False
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    parts.append(_string(child.strip()))
                continue
            code = self.element(child)
            if ident and not labelled and child.tag in ("h1", "h2", "h3"):
                code, labelled = f"labelled({code}, {_string(ident)})", True
            if code:
                parts.append(code)
        if ident and not labelled:
            parts.insert(0, f"labelled(metadata(none), {_string(ident)})")
        return f"section({_string(node.get('class'))}, {', '.join(parts)})"

    def contents(self, node: _Element) -> str:
        title = next((h.text() for h in node.elements() if h.tag == "h2"), "")
        entries = [
            f"({_string(a.get('href')[1:])}, {_string(a.text())})"
            for a in node.find("a")
            if a.get("href")[1:] in self.anchors
        ]
        return f"contents({_string(title)}, {_array(entries)})"

    def table(self, node: _Element) -> str:
        parts: dict[str, list[_Element]] = {"thead": [], "tbody": [], "tfoot": []}

        def collect(container: _Element, part: str) -> None:
            for child in container.elements():
                if child.tag == "tr":
                    parts[part].append(child)
                elif child.tag in parts:
                    collect(child, child.tag)

        collect(node, "tbody")
        code = {part: _array([self.row(r) for r in found]) for part, found in parts.items()}
        cls = _string(node.get("class"))
        return f"tbl({cls}, {code['thead']}, {code['tbody']}, {code['tfoot']})"

    def row(self, row: _Element) -> str:
        cells = [
            f"cell({_string(c.get('class'))}, {'true' if c.tag == 'th' else 'false'}, "
            f"{_span(c)}, {_string(c.text())}, {'true' if _boxed(c) else 'false'}, "
            f"{self.inline(c.children)})"
            for c in row.elements()
            if c.tag in ("td", "th")
        ]
        return f"row({_string(row.get('class'))}, {', '.join(cells)})"


def _boxed(cell: _Element) -> bool:
    """Whether a cell holds a badge (a framed word)."""
    return any("badge" in e.get("class").split() for e in _walk(cell))


def _span(cell: _Element) -> int:
    try:
        return max(1, int(cell.get("colspan") or 1))
    except ValueError:
        return 1


def typst_source(page: str) -> str:
    """The Typst document for a report page: report.typ, then the page as calls of it.

    Parameters
    ----------
    page
        The report page as `to_html` writes it.

    Returns
    -------
    str
        Typst source; every text of the page is a string literal in it.
    """
    svgs: list[str] = []

    def keep(found: re.Match[str]) -> str:
        fixed = _SVG_NAMES.sub(lambda m: _SVG_CASE[m.group(1)], found.group(0))
        svgs.append(fixed)
        return f'<svg data-n="{len(svgs) - 1}"></svg>'

    title = _TITLE.search(page)
    tree = _Tree()
    tree.feed(_SVG.sub(keep, page))
    tree.close()
    html_element = next((e for e in tree.root.elements() if e.tag == "html"), tree.root)
    anchors = {e.get("id") for e in _walk(tree.root) if e.get("id")}
    typesetter = _Typesetter(svgs, anchors)
    body = typesetter.element(html_element)
    template = static(TEMPLATE, "report.typ")
    lang = _string(html_element.get("lang") or "en")
    name = _string(html.unescape(title.group(1)).strip() if title else "")
    return f"{template}\n#report({lang}, {name}, {_string(typesetter.header)}, {body})\n"


def _walk(node: _Element) -> list[_Element]:
    found = [node]
    for child in node.elements():
        found += _walk(child)
    return found


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
    return typeset(typst_source(page))


def to_pdf(html: str, target: Path) -> Path:
    """Typeset the report page as an A4 PDF with Typst; nothing is loaded from outside.

    The PDF has a cover, contents with page numbers, page X / Y, a running header from the
    second page on, and the charts as vector graphics with their text.
    """
    target.write_bytes(_typeset(html))
    return target

"""The report page as data for its PDF: what the reader sees, read from the page's HTML.

`document` reads the page `export.to_html` wrote (the executed notebook) into the JSON-ready
structure templates/gap_report/report.typ lays out (passed to Typst in ``sys.inputs.data``):
a workbook's text stays data, never Typst markup or code.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

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


Node = str | dict[str, Any]
"""One piece of the report's data: a text, or ``{"kind": ..., ...}`` (see `document`)."""


class _Reader:
    """Reads the report page's elements as the data report.typ lays out.

    Every element becomes a node by its tag, whatever its class: a section the reader has
    never seen still reaches the PDF as its headings, paragraphs, lists and tables. Classes
    are passed on for report.typ to style (a verdict, a step, a badge); an unknown class is
    laid out plainly.
    """

    def __init__(self, svgs: list[str], anchors: set[str]) -> None:
        self.svgs = svgs
        self.anchors = anchors
        self.header = ""

    def inline(self, children: list[_Element | str]) -> list[Node]:
        """Text and inline elements; whitespace collapsed and trimmed at both ends, as HTML does."""
        parts: list[Node] = []
        last = len(children) - 1
        for index, child in enumerate(children):
            if isinstance(child, str):
                text = _SPACE.sub(" ", child)
                text = text.lstrip(" ") if index == 0 else text
                text = text.rstrip(" ") if index == last else text
                if text:
                    parts.append(text)
            elif (node := self.element(child)) is not None:
                parts.append(node)
        return parts

    def blocks(self, children: list[_Element | str]) -> list[Node]:
        if not any(isinstance(c, _Element) and c.tag in _BLOCK for c in children):
            return self.inline(children)
        parts: list[Node] = []
        for child in children:
            if isinstance(child, str):
                if child.strip():
                    parts.append(_SPACE.sub(" ", child).strip())
            elif (node := self.element(child)) is not None:
                parts.append(node)
        return parts

    def element(self, node: _Element) -> Node | None:
        tag, cls = node.tag, node.get("class")
        if tag == "svg":
            return {"kind": "chart", "svg": self.svgs[int(node.get("data-n"))]}
        if "running-header" in cls.split():
            self.header = node.text()
            return None
        if tag == "nav" and "toc" in cls.split():
            return {"kind": "contents", **self.contents(node)}
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return {"kind": "heading", "level": int(tag[1]), "text": self.inline(node.children)}
        if tag == "p":
            return {"kind": "para", "class": cls, "text": self.inline(node.children)}
        if tag == "footer":
            return {"kind": "para", "class": "generated", "text": self.inline(node.children)}
        if tag == "section":
            return {"kind": "section", **self.section(node)}
        if tag in ("ol", "ul"):
            items = [self.element(li) for li in node.elements() if li.tag == "li"]
            items = [item for item in items if item is not None]
            return {"kind": "list", "ordered": tag == "ol", "class": cls, "items": items}
        if tag == "li":
            body = self.blocks(node.children)
            if "step" in cls.split():
                return {"kind": "step", "class": cls, "blocks": body}
            return {"kind": "group", "blocks": body}
        if tag == "table":
            return self.table(node)
        if tag in ("html", "body", "main"):  # page breaks may not be inside a block
            return {"kind": "group", "blocks": self.blocks(node.children)}
        if tag in ("div", "figure", "article", "aside", "header"):
            name = f"chart {cls}".strip() if tag == "figure" else cls  # small-chart: compact
            return {"kind": "div", "class": name, "blocks": self.blocks(node.children)}
        if tag == "span":
            return {"kind": "span", "class": cls, "text": self.inline(node.children)}
        if tag in ("strong", "b"):
            return {"kind": "strong", "text": self.inline(node.children)}
        if tag in ("em", "i"):
            return {"kind": "emph", "text": self.inline(node.children)}
        if tag == "br":
            return {"kind": "break"}
        if tag == "a" and node.get("href")[1:] in self.anchors:
            return {"kind": "link", "to": node.get("href")[1:], "text": self.inline(node.children)}
        return {"kind": "group", "blocks": self.blocks(node.children)}

    def section(self, node: _Element) -> dict[str, Any]:
        """A section: its id, class, heading (its first h1-h3) and blocks in order."""
        ident, blocks = node.get("id"), list[Node]()
        heading: _Element | None = None
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    blocks.append(child.strip())
                continue
            block = self.element(child)
            if block is None:
                continue
            if ident and heading is None and child.tag in ("h1", "h2", "h3"):
                heading = child
                assert isinstance(block, dict)
                block["label"] = ident  # the contents' links and page numbers point here
            blocks.append(block)
        if ident and heading is None:
            blocks.insert(0, {"kind": "anchor", "label": ident})
        if heading is None:  # a heading inside a box: the section's name, its anchor first
            heading = next((e for e in _walk(node) if e.tag in ("h1", "h2", "h3")), None)
        title = heading.text() if heading is not None else ""
        return {"id": ident, "class": node.get("class"), "heading": title, "blocks": blocks}

    def contents(self, node: _Element) -> dict[str, Any]:
        title = next((h.text() for h in node.elements() if h.tag == "h2"), "")
        entries = [
            [a.get("href")[1:], a.text()]
            for a in node.find("a")
            if a.get("href")[1:] in self.anchors
        ]
        return {"title": title, "entries": entries}

    def table(self, node: _Element) -> dict[str, Any]:
        parts: dict[str, list[_Element]] = {"thead": [], "tbody": [], "tfoot": []}

        def collect(container: _Element, part: str) -> None:
            for child in container.elements():
                if child.tag == "tr":
                    parts[part].append(child)
                elif child.tag in parts:
                    collect(child, child.tag)

        collect(node, "tbody")
        rows = {part: [self.row(r) for r in found] for part, found in parts.items()}
        return {
            "kind": "table",
            "class": node.get("class"),
            "head": rows["thead"],
            "body": rows["tbody"],
            "foot": rows["tfoot"],
        }

    def row(self, row: _Element) -> dict[str, Any]:
        cells = [
            {
                "class": c.get("class"),
                "head": c.tag == "th",
                "colspan": _span(c),
                "plain": c.text(),  # for measuring the column
                "badge": _boxed(c),
                "text": self.inline(c.children),
            }
            for c in row.elements()
            if c.tag in ("td", "th")
        ]
        return {"class": row.get("class"), "cells": cells}


def _boxed(cell: _Element) -> bool:
    """Whether a cell holds a badge (a framed word)."""
    return any("badge" in e.get("class").split() for e in _walk(cell))


def _span(cell: _Element) -> int:
    try:
        return max(1, int(cell.get("colspan") or 1))
    except ValueError:
        return 1


def document(page: str) -> dict[str, Any]:
    """The report page as the data report.typ lays out: what the reader sees, as JSON.

    The PDF is made from the executed notebook's page, as the HTML report is, so that a
    cell added in JupyterLab, or a new section, reaches both; its text is data, never Typst
    markup or code.

    Parameters
    ----------
    page
        The report page as `to_html` writes it.

    Returns
    -------
    dict
        ``lang``, ``title``, ``header`` (the running header), ``cover`` (the section with
        class ``cover``, or None), ``contents`` (``title`` and ``entries``: section id and
        heading, only of sections on the page; None without contents), and ``sections`` in
        page order, each with ``id``, ``class``, ``heading`` and ``blocks``. What stands
        outside any section (a chart, the footer) is a section without id. A block is a text
        or a node ``{"kind": ...}``: ``heading`` (``level``, ``text``, the section's
        ``label``), ``para`` (``class``, ``text``), ``list`` (``ordered``, ``class``,
        ``items``), ``step`` (``class``, ``blocks``), ``table`` (``class``, ``head``,
        ``body``, ``foot``: rows of ``class`` and ``cells`` with ``class``, ``head``,
        ``colspan``, ``plain``, ``badge``, ``text``), ``chart`` (``svg``), ``div``
        (``class``, ``blocks``), ``group`` (``blocks``), ``section``, ``anchor``; inline:
        ``span`` (``class``), ``strong``, ``emph``, ``link`` (``to``), ``break``.
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
    anchors = {e.get("id") for e in _walk(html_element) if e.get("id")}
    reader = _Reader(svgs, anchors)
    cover: dict[str, Any] | None = None
    contents: dict[str, Any] | None = None
    sections: list[dict[str, Any]] = []
    for block in _flatten(reader.blocks(html_element.children)):
        kind = block.get("kind") if isinstance(block, dict) else None
        if isinstance(block, dict) and kind == "section":
            section = {k: v for k, v in block.items() if k != "kind"}
            if cover is None and not sections and "cover" in str(block["class"]).split():
                cover = section
            else:
                sections.append(section)
        elif isinstance(block, dict) and kind == "contents" and contents is None:
            contents = {"title": block["title"], "entries": block["entries"]}
        else:  # outside any section: kept in its place, in a section without id
            if not sections or sections[-1]["id"] or sections[-1]["class"] != "":
                sections.append({"id": "", "class": "", "heading": "", "blocks": []})
            sections[-1]["blocks"].append(block)
    return {
        "lang": html_element.get("lang") or "en",
        "title": html.unescape(title.group(1)).strip() if title else "",
        "header": reader.header,
        "cover": cover,
        "contents": contents,
        "sections": sections,
    }


def _flatten(blocks: list[Node]) -> list[Node]:
    """The page's top-level blocks, the wrappers (html, body, main) opened."""
    found: list[Node] = []
    for block in blocks:
        if isinstance(block, dict) and block.get("kind") == "group":
            found += _flatten(block["blocks"])
        else:
            found.append(block)
    return found


def _walk(node: _Element) -> list[_Element]:
    found = [node]
    for child in node.elements():
        found += _walk(child)
    return found

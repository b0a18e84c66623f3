"""An editable Word document (.docx) from a typed document structure.

The management review's minutes are written from its pack, so the pack is also given as a
``.docx`` that Word and LibreOffice Writer open and edit: a title, the office's name and the
date, then headings, paragraphs, pictures (PNG) and tables (a header row repeated on each
page), and tables to fill in (the header row and empty rows). The structure is plain data
(:class:`Document` of :data:`Block`); :func:`docx_bytes` builds the file with python-docx
and :func:`write_docx` writes it atomically. Text from workbooks is written as text, never
as fields, and characters XML cannot hold (control characters) are dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable

from readiness.io.output import write_bytes
from readiness.render.i18n import format_date

#: Word's language tags for the spelling checker, by the report's language.
LANGUAGE_TAGS = {"en": "en-GB", "pl": "pl-PL", "bg": "bg-BG"}
# C0 controls but tab and newline, and what XML 1.0 cannot hold at all
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MAX_HEADING_LEVEL = 3
# a fill-in table's empty rows are tall enough to write in by hand once printed
FILL_ROW_HEIGHT = Pt(28)


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 for a part, 2 and 3 below it."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text; a newline inside it is a line break."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table with a header row, its rows, and ``blank_rows`` empty rows to fill in after them.

    A table of only a header and blank rows is a form (the review's decisions, written at the
    meeting). Each row has as many cells as the header; a short row is padded with blanks.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    blank_rows: int = 0


@dataclass(frozen=True)
class Picture:
    """A picture (PNG bytes: a .docx takes no SVG) ``width_cm`` wide, its height in proportion."""

    png: bytes
    width_cm: float = 8.0


Block = Heading | Paragraph | Table | Picture


@dataclass(frozen=True)
class Document:
    """A document: its title, the office it is for, its date and language, and its blocks."""

    title: str
    office: str
    date: dt.date
    lang: str
    blocks: tuple[Block, ...] = ()


def clean(text: str) -> str:
    """Text as a .docx can hold it: control characters (but tab and newline) dropped."""
    return _NOT_XML.sub("", text)


def docx_bytes(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    doc = new_document()
    doc.core_properties.title = clean(document.title)
    doc.core_properties.subject = clean(document.office)
    doc.core_properties.language = LANGUAGE_TAGS.get(document.lang, document.lang)
    doc.core_properties.author = ""
    _set_language(doc, LANGUAGE_TAGS.get(document.lang, document.lang))
    for section in doc.sections:  # A4, as offices print (python-docx's own template is Letter)
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    doc.add_heading(clean(document.title), level=0)
    office = doc.add_paragraph()
    office.add_run(clean(document.office)).bold = True
    doc.add_paragraph(format_date(document.date, document.lang, "long"))  # as the page's
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), MAX_HEADING_LEVEL)
            doc.add_heading(clean(block.text), level=level)
        elif isinstance(block, Paragraph):
            doc.add_paragraph(clean(block.text))
        elif isinstance(block, Picture):
            doc.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        else:
            _add_table(doc.add_table(rows=0, cols=max(1, len(block.header))), block)
            doc.add_paragraph()  # a table directly after another would merge with it
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_docx(document: Document, path: Path) -> Path:
    """Write the document to ``path`` atomically (a temporary file renamed onto it)."""
    return write_bytes(Path(path), docx_bytes(document))


def _add_table(table: DocxTable, block: Table) -> None:
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = len(table.columns)
    header = _new_row(table)
    _repeat_as_header(header._tr)
    for cell, text in zip(header.cells, _padded(block.header, width), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
    for values in block.rows:
        row = _new_row(table)
        for cell, text in zip(row.cells, _padded(values, width), strict=True):
            cell.text = clean(text)
    for _ in range(max(0, block.blank_rows)):
        _new_row(table).height = FILL_ROW_HEIGHT


def _new_row(table: DocxTable) -> Any:
    return table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped


def _padded(values: tuple[str, ...], width: int) -> tuple[str, ...]:
    return (tuple(values) + ("",) * width)[:width]


def _repeat_as_header(tr: Any) -> None:
    """Mark a table row as the header row, repeated at the top of each page."""
    properties = tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _set_language(doc: DocxDocument, tag: str) -> None:
    """The default language of the text (spelling and hyphenation in Word and Writer)."""
    rpr = doc.styles.element.find(qn("w:docDefaults"))
    rpr = rpr.find(qn("w:rPrDefault")).find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)

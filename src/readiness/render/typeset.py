"""Typst, once a process: the fonts, the one compiler, and the page rules every PDF shares.

Every PDF (the gap report, the interview checklist, the portfolio dashboard, the audit
programme) is compiled here: a fixed Typst template, after the shared page rules
(``templates/page.typ``: A4, margins, running header, page X / Y, fonts), with what the page
shows passed as JSON in ``sys.inputs.data``, so a workbook's text is data, never Typst markup
or code.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from typing import Any

from readiness.render.page import static


@cache
def fonts() -> Any:
    """The fonts Typst may use: the system's and those the typst wheel embeds; found once."""
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


@cache
def compiler() -> Any:
    """One Typst compiler a process, kept: its fonts and caches serve every later PDF.

    A new compiler for each PDF loaded the fonts again and held about 50 MB more per PDF
    until Typst evicted it (it keeps what the last 10 compilations used): a portfolio
    worker's memory doubled, and each PDF took longer.
    """
    import typst

    return typst.Compiler(font_paths=fonts(), ignore_system_fonts=True)


_TYPESETTING = threading.Lock()  # one compilation at a time on the shared compiler


def page_rules() -> str:
    """The page rules every PDF shares (``templates/page.typ``)."""
    return static("page.typ")


def typeset(source: str, data: Any = None) -> bytes:
    """Compile a Typst document to PDF on the process's one compiler.

    Parameters
    ----------
    source
        The document's template; the shared page rules are put before it.
    data
        What the page shows, passed to Typst as JSON in ``sys.inputs.data``; None for none.

    Returns
    -------
    bytes
        The PDF.
    """
    inputs = {} if data is None else {"data": json.dumps(data, ensure_ascii=False)}
    document = (page_rules() + "\n" + source).encode("utf-8")
    with _TYPESETTING:  # Typst holds the GIL while it works: nothing is lost by waiting
        pdf = compiler().compile(document, format="pdf", sys_inputs=inputs)
    assert isinstance(pdf, bytes)
    return pdf

"""Inspect a workbook file before any parser touches it.

Refuses, in bounded time and memory: files that are not xlsx at all (CSV, PDF, old .xls,
OpenDocument, an empty file), password-protected workbooks, zip bombs (declared and
actual sizes, compression ratios), XML with a DOCTYPE or entities (billion laughs,
external entities), and sheets whose cells reach so far that a parser would allocate the
whole area (the "sparse-cell bomb": one cell at XFD1048576).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import column_index_from_string

from readiness.i18n import N_

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000  # rows x columns a parser may allocate for one sheet
CHUNK = 1024 * 1024
OLE2_HEAD = 1024 * 1024  # an OLE2 directory naming "EncryptedPackage" sits near the start
SUFFIXES = (".xlsx", ".xlsm")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL_REF = re.compile(rb'<(?:c|row)\b[^>]*?\sr="([A-Z]{0,3})(\d{1,9})"')
_DIMENSION = re.compile(rb'<dimension\s+ref="(?:[A-Z]{1,3}\d{1,9}:)?([A-Z]{1,3})(\d{1,9})"')
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


@dataclass(frozen=True)
class Refusal:
    """Why a file is refused: a stable code, a message id, what was found, and a hint."""

    code: str
    message: str
    found: str = ""
    hint: str = ""


class _Refused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def _refuse(code: str, message: str, found: str = "", hint: str = "") -> _Refused:
    return _Refused(Refusal(code, message, found, hint))


SUSPECT = N_(
    "No spreadsheet saved by Excel or LibreOffice looks like this; ask the sender for the "
    "original file and do not open this one elsewhere."
)
SAVE_AS_XLSX = N_("Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx).")


def _sniff(head: bytes, size: int) -> None:
    """Refuse what is plainly not an xlsx, by its first bytes."""
    if size == 0:
        raise _refuse("empty-file", N_("The file is empty."), hint=SAVE_AS_XLSX)
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise _refuse(
                "password-protected",
                N_("The workbook is password-protected."),
                hint=N_("Open it, remove the password (File > Info > Protect Workbook) and save."),
            )
        raise _refuse(
            "old-xls",
            N_("The file is an old Excel 97-2003 (.xls) workbook."),
            hint=SAVE_AS_XLSX,
        )
    if head.startswith(_ZIP):
        return
    if head.startswith(b"%PDF"):
        kind = N_("a PDF document")
    elif head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        kind = N_("an HTML or XML file")
    elif all(b in b"\t\n\r" or 32 <= b < 127 or b >= 128 for b in head[:512]):
        kind = N_("a text file (CSV?)")
    else:
        kind = N_("some other kind of file")
    raise _refuse(
        "not-xlsx", N_("The file is not an Excel workbook."), found=kind, hint=SAVE_AS_XLSX
    )


def _check_members(book: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = book.infolist()
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        found = N_("an OpenDocument spreadsheet") if "mimetype" in names else N_("a zip archive")
        raise _refuse(
            "not-xlsx", N_("The file is not an Excel workbook."), found=found, hint=SAVE_AS_XLSX
        )
    if "EncryptedPackage" in names:
        raise _refuse(
            "password-protected",
            N_("The workbook is password-protected."),
            hint=N_("Open it, remove the password (File > Info > Protect Workbook) and save."),
        )
    if len(infos) > MAX_MEMBERS:
        raise _refuse(
            "too-large", N_("The workbook has too many parts."), found=str(len(infos)), hint=SUSPECT
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            "too-large",
            N_("The workbook expands to more data than the reader accepts."),
            found=f"{total // (1024 * 1024)} MB",
            hint=N_("A workbook of this tool stays far below 64 MB unpacked; check its origin."),
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(
                "zip-bomb",
                N_("A part of the workbook is compressed beyond any real spreadsheet."),
                found=f"{info.filename}: {info.file_size // max(info.compress_size, 1)}:1",
                hint=SUSPECT,
            )
    return infos


def _extent(last_col: bytes, last_row: bytes) -> tuple[int, int]:
    cols = column_index_from_string(last_col.decode()) if last_col else 0
    return int(last_row), cols


def _scan(book: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> None:
    """Stream one part: count real bytes, refuse DTDs, and bound a sheet's extent."""
    is_sheet = bool(_SHEET.match(info.filename))
    is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
    max_row = max_col = 0
    tail = b""
    with book.open(info) as stream:
        while chunk := stream.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise _refuse(
                    "too-large",
                    N_("The workbook expands to more data than the reader accepts."),
                    hint=SUSPECT,
                )
            window = tail + chunk
            if is_xml and _DTD.search(window):
                raise _refuse(
                    "xml-entities",
                    N_("The workbook's XML declares a DOCTYPE or entities; spreadsheets never do."),
                    found=info.filename,
                    hint=N_(
                        "The file may be crafted to attack the reader; do not open it elsewhere."
                    ),
                )
            if is_sheet:
                for pattern in (_DIMENSION, _CELL_REF):
                    for col, row in pattern.findall(window):
                        r, c = _extent(col, row)
                        max_row, max_col = max(max_row, r), max(max_col, c)
                if max_row > MAX_ROWS or max_col > MAX_COLUMNS or max_row * max_col > MAX_CELLS:
                    raise _refuse(
                        "sheet-too-large",
                        N_("A sheet reaches further than the reader accepts."),
                        found=f"{info.filename}: {max_row} rows x {max_col} columns",
                        hint=N_(
                            "Delete stray cells far below or to the right of the data "
                            "(Ctrl+End shows the last used cell), then save again."
                        ),
                    )
            tail = window[-256:]


def inspect(path: Path) -> Refusal | None:
    """Check a file before parsing it; return why it is refused, or None when it looks safe.

    Parameters
    ----------
    path
        The workbook file.

    Returns
    -------
    Refusal or None
        The first reason found to refuse the file.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(
                "too-large",
                N_("The file is larger than the reader accepts."),
                found=f"{size // (1024 * 1024)} MB",
                hint=N_("Remove pictures and unused sheets, then save it again as .xlsx."),
            )
        with path.open("rb") as fh:
            head = fh.read(OLE2_HEAD)
        _sniff(head, size)
        if path.suffix.lower() not in SUFFIXES:
            raise _refuse(
                "not-xlsx",
                N_("The file name does not end in .xlsx or .xlsm."),
                found=path.suffix or "(none)",
                hint=N_(
                    "Rename it only if it really is an Excel workbook; otherwise save it as .xlsx."
                ),
            )
        with zipfile.ZipFile(path) as book:
            infos = _check_members(book)
            budget = [MAX_UNCOMPRESSED_BYTES]
            for info in infos:
                _scan(book, info, budget)
    except _Refused as refused:
        return refused.refusal
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
    ) as exc:
        return Refusal(
            "corrupt",
            N_("The workbook is damaged and cannot be read."),
            found=type(exc).__name__,
            hint=SAVE_AS_XLSX,
        )
    return None

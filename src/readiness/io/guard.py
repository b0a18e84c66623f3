"""Inspect a workbook file before any parser touches it.

Refuses, in bounded time and memory: files that are not xlsx at all (CSV, PDF, old .xls,
OpenDocument, an empty file), password-protected workbooks, zip bombs (declared and
actual sizes, compression ratios), XML with a DOCTYPE or entities (billion laughs,
external entities), and sheets whose cells reach so far that a parser would allocate the
whole area (the "sparse-cell bomb": one cell at XFD1048576).
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote
from xml.parsers import expat

from readiness.core.messages import N_

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

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
DTD_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_CELL_REF = re.compile(rb'<(?:c|row)\b[^>]*?\sr="([A-Z]{0,3})(\d{1,9})"')
_DIMENSION = re.compile(rb'<dimension\s+ref="(?:[A-Z]{1,3}\d{1,9}:)?([A-Z]{1,3})(\d{1,9})"')
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_SHEET_ROOT = re.compile(rb"<(?:\w+:)?(?:worksheet|chartsheet|dialogsheet|macrosheet)\b")
# the parts that say where the sheets are, read (bounded, without a DTD) before any sheet
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
WORKBOOK = "xl/workbook.xml"
MAX_PACKAGE_XML = 8 * 1024 * 1024  # each of those parts
# relationship types and content types of parts a reader parses as a grid of cells
_SHEET_RELATIONSHIPS = ("/worksheet", "/chartsheet", "/dialogsheet", "/xlMacrosheet")
_SHEET_CONTENT_TYPES = ("worksheet+xml", "chartsheet+xml", "dialogsheet+xml", "macrosheet+xml")


@dataclass(frozen=True)
class Refusal:
    """Why a file is refused: a stable code, a message id, what was found, and a hint."""

    code: str
    message: str
    found: str = ""
    hint: str = ""


class FileRefused(Exception):
    """A file refused by a guard (the workbook's, or a register's), or one that cannot be read."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def refuse(code: str, message: str, found: str = "", hint: str = "") -> FileRefused:
    """The ``FileRefused`` to raise for a refusal: code, message id, what was found, hint."""
    return FileRefused(Refusal(code, message, found, hint))


SUSPECT = N_(
    "No spreadsheet saved by Excel or LibreOffice looks like this; ask the sender for the "
    "original file and do not open this one elsewhere."
)
SAVE_AS_XLSX = N_("Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx).")


NEW_WORKBOOK = N_("Check the path, or create a workbook with: readiness template -o FILE")


def not_a_file(path: Path, missing_hint: str = NEW_WORKBOOK) -> None:
    """Refuse a path that is not a regular file, saying what it is (raises FileRefused).

    Checked before the file is opened: opening a named pipe would wait for a writer.
    ``missing_hint`` is the hint when nothing is there.
    """
    if path.is_file():
        return
    if not path.exists():
        raise refuse("file-not-found", N_("The file does not exist."), hint=missing_hint)
    if path.is_dir():
        kind = N_("a folder")
    elif path.is_fifo():
        kind = N_("a named pipe (FIFO)")
    elif path.is_socket():
        kind = N_("a socket")
    elif path.is_block_device() or path.is_char_device():
        kind = N_("a device")
    else:
        kind = N_("not a regular file")
    raise refuse(
        "not-a-file",
        N_("The path names something other than a file."),
        found=kind,
        hint=N_("Give the path of the file itself."),
    )


def _sniff(head: bytes, size: int) -> None:
    """Refuse what is plainly not an xlsx, by its first bytes."""
    if size == 0:
        raise refuse("empty-file", N_("The file is empty."), hint=SAVE_AS_XLSX)
    if head.startswith(OLE2):
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise refuse(
                "password-protected",
                N_("The workbook is password-protected."),
                hint=N_("Open it, remove the password (File > Info > Protect Workbook) and save."),
            )
        raise refuse(
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
    raise refuse(
        "not-xlsx", N_("The file is not an Excel workbook."), found=kind, hint=SAVE_AS_XLSX
    )


def duplicate_refusal(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a package holding two parts of the same name: readers disagree on which counts."""
    seen: set[str] = set()
    for info in infos:
        key = info.filename.replace("\\", "/").casefold()
        if key in seen:
            raise refuse(
                "corrupt",
                N_("The workbook is damaged: two of its parts have the same name."),
                found=info.filename,
                hint=SUSPECT,
            )
        seen.add(key)


def zip_sizes_refusal(infos: list[zipfile.ZipInfo], size_hint: str) -> Refusal | None:
    """Why a zip package is too big to open, from its directory alone; None when it is not.

    Too many parts, more unpacked bytes than the reader accepts, or a part compressed beyond
    any real spreadsheet (a zip bomb). The xlsx guard and the ods guard of the registers share
    it; ``size_hint`` is the hint for the unpacked size.
    """
    if len(infos) > MAX_MEMBERS:
        return Refusal(
            "too-large", N_("The workbook has too many parts."), str(len(infos)), SUSPECT
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        return Refusal(
            "too-large",
            N_("The workbook expands to more data than the reader accepts."),
            f"{total // (1024 * 1024)} MB",
            size_hint,
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return Refusal(
                "zip-bomb",
                N_("A part of the workbook is compressed beyond any real spreadsheet."),
                f"{info.filename}: {info.file_size // max(info.compress_size, 1)}:1",
                SUSPECT,
            )
    return None


#: byte patterns that say how an XML part is encoded before any declaration can be read
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"\x4c\x6f\xa7\x94", "cp500"),  # '<?xm' in EBCDIC
)


def xml_encoding(head: bytes) -> str:
    """The encoding of an XML part, from its first bytes.

    A byte-order mark, the shape of ``<?`` in a wide encoding, or the XML declaration
    (UTF-8 when none says otherwise). Returns a Python codec name (``utf-8``,
    ``utf-16-le``...), or the name declared when Python knows no such codec.
    """
    for mark, name in _BOMS:
        if head.startswith(mark):
            return name
    declared = _DECLARED.match(head)
    if declared is None:
        return "utf-8"
    name = declared.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def foreign_xml(name: str, encoding: str) -> FileRefused:
    """The refusal of an XML part written in another encoding than UTF-8."""
    return refuse(
        "xml-encoding",
        N_("A part of the workbook is not written in UTF-8, as Excel and LibreOffice write it."),
        found=f"{name}: {encoding}",
        hint=SUSPECT,
    )


def scan_foreign_xml(
    name: str, encoding: str, first: bytes, rest: Iterable[bytes], budget: list[int]
) -> FileRefused:
    """Decode a part written in another encoding than UTF-8 and look for a DOCTYPE in its text.

    Returns the refusal to raise: ``xml-entities`` when the text declares a DOCTYPE or an
    entity, else ``xml-encoding`` (no reader of this tool parses such a part).
    """
    try:
        decoder = codecs.getincrementaldecoder(encoding)("replace")
    except LookupError:
        return foreign_xml(name, encoding)
    tail = ""
    for chunk in _chain(first, rest):
        if spent(budget, len(chunk)):
            return expanded()
        window = tail + decoder.decode(chunk)
        if DTD_TEXT.search(window):
            return xml_entities(name)
        tail = window[-64:]
    return foreign_xml(name, encoding)


def spent(budget: list[int], size: int) -> bool:
    """Take ``size`` unpacked bytes from a package's ``budget``; True once it is overdrawn."""
    budget[0] -= size
    return budget[0] < 0


def expanded(found: str = "") -> FileRefused:
    """The refusal of a package that unpacks to more data than the reader accepts."""
    return refuse(
        "too-large",
        N_("The workbook expands to more data than the reader accepts."),
        found=found,
        hint=SUSPECT,
    )


def _chain(first: bytes, rest: Iterable[bytes]) -> Iterable[bytes]:
    yield first
    yield from rest


def chunks(stream: IO[bytes]) -> Iterable[bytes]:
    """A stream's bytes, CHUNK at a time."""
    while chunk := stream.read(CHUNK):
        yield chunk


def _check_members(book: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = book.infolist()
    names = {i.filename for i in infos}
    duplicate_refusal(infos)
    if "xl/workbook.xml" not in names:
        found = N_("an OpenDocument spreadsheet") if "mimetype" in names else N_("a zip archive")
        raise refuse(
            "not-xlsx", N_("The file is not an Excel workbook."), found=found, hint=SAVE_AS_XLSX
        )
    if "EncryptedPackage" in names:
        raise refuse(
            "password-protected",
            N_("The workbook is password-protected."),
            hint=N_("Open it, remove the password (File > Info > Protect Workbook) and save."),
        )
    refusal = zip_sizes_refusal(
        infos, N_("A workbook of this tool stays far below 64 MB unpacked; check its origin.")
    )
    if refusal is not None:
        raise FileRefused(refusal)
    return infos


def column_index(letters: str) -> int:
    """The 1-based number of a column from its letters: A is 1, Z 26, AA 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _column_order(col: bytes) -> tuple[int, bytes]:
    """Column letters in sheet order: shorter first (Z before AA), then alphabetically."""
    return len(col), col.upper()


def _extent(last_col: bytes, last_row: bytes) -> tuple[int, int]:
    cols = column_index(last_col.decode()) if last_col else 0
    return int(last_row), cols


ENTITIES_HINT = N_("The file may be crafted to attack the reader; do not open it elsewhere.")


def xml_entities(name: str) -> FileRefused:
    """The refusal of an XML part (``name``) that declares a DOCTYPE or entities."""
    return refuse(
        "xml-entities",
        N_("The workbook's XML declares a DOCTYPE or entities; spreadsheets never do."),
        found=name,
        hint=ENTITIES_HINT,
    )


def guarded_parser(name: str) -> expat.XMLParserType:
    """An expat parser (namespaces split by a space) that refuses a DOCTYPE or an entity.

    It raises ``xml_entities(name)`` at the declaration, before reading past it, whatever
    the part's encoding; parameter entities are never parsed.
    """

    def declared(*_args: object) -> None:
        raise xml_entities(name)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = declared
    parser.EntityDeclHandler = declared
    return parser


def _part_key(name: str) -> str:
    """A part name as readers match it: no leading slash, '..' resolved, any case."""
    return posixpath.normpath("/" + name.replace("\\", "/")).lstrip("/").casefold()


def _elements(
    book: zipfile.ZipFile, info: zipfile.ZipInfo, wanted: frozenset[str], budget: list[int]
) -> list[tuple[str, dict[str, str]]]:
    """The elements named ``wanted`` in a small package part, as (local name, attributes).

    Parsed by expat, which is told to refuse a DOCTYPE or an entity declaration before it
    reads past it, whatever the part's encoding; the part is read in bounded chunks.
    Attribute names keep only their local name (``r:id`` becomes ``id``).
    """
    found: list[tuple[str, dict[str, str]]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local in wanted:
            found.append((local, {k.rpartition(" ")[2]: v for k, v in attrs.items()}))

    parser = guarded_parser(info.filename)
    parser.StartElementHandler = start
    read = 0
    with book.open(info) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            if spent(budget, len(chunk)) or read > MAX_PACKAGE_XML:
                raise expanded(info.filename)
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return found


def _targets(source: str, target: str) -> set[str]:
    """Every part a relationship target may name, resolved per OPC and as lenient readers do.

    OPC resolves a relative target against the folder of the part holding the relationship
    and an absolute one against the package root; some readers also take a target that
    starts with ``xl/`` as rooted, or prefix ``xl/`` to any relative one.
    """
    keys = set()
    for raw in {target, unquote(target)}:
        if raw.startswith(("/", "\\")):
            keys.add(_part_key(raw))
            continue
        keys.add(_part_key(posixpath.join(posixpath.dirname(source), raw)))
        keys.add(_part_key(raw))
        keys.add(_part_key("xl/" + raw))
    return keys


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def sheet_parts(book: zipfile.ZipFile, infos: Iterable[zipfile.ZipInfo]) -> set[str]:
    """The names of the parts a reader may parse as sheets, wherever they are stored.

    Found through the package itself, not by folder: the content types (an ``Override``
    for a part, or a ``Default`` for an extension, of a worksheet, chart sheet, dialog
    sheet or macro sheet); the workbook's relationships of those types; and every target
    a ``<sheet>`` of the workbook points at, whatever its relationship says it is. Parts
    under ``xl/worksheets/`` count too.
    """
    by_key: dict[str, list[str]] = {}
    for info in infos:
        by_key.setdefault(_part_key(info.filename), []).append(info.filename)
    budget = [MAX_UNCOMPRESSED_BYTES]

    def parse(name: str, wanted: str) -> list[tuple[str, dict[str, str]]]:
        out: list[tuple[str, dict[str, str]]] = []
        for filename in by_key.get(_part_key(name), []):
            out += _elements(book, book.getinfo(filename), frozenset(wanted.split()), budget)
        return out

    keys: set[str] = set()
    defaults: set[str] = set()
    for tag, attrs in parse(CONTENT_TYPES, "Default Override"):
        if attrs.get("ContentType", "").casefold().endswith(_SHEET_CONTENT_TYPES):
            if tag == "Override":
                keys.add(_part_key(attrs.get("PartName", "")))
            else:
                defaults.add("." + attrs.get("Extension", "").casefold())
    workbooks = {WORKBOOK}
    for _tag, attrs in parse(PACKAGE_RELS, "Relationship"):
        if attrs.get("Type", "").endswith("/officeDocument"):
            workbooks |= {k for k in _targets("", attrs.get("Target", "")) if k in by_key}
    for workbook in workbooks:
        listed = {a.get("id", "") for _t, a in parse(workbook, "sheet")}
        for _tag, attrs in parse(_rels_of(workbook), "Relationship"):
            if attrs.get("TargetMode", "").casefold() == "external":
                continue
            if attrs.get("Id") in listed or attrs.get("Type", "").endswith(_SHEET_RELATIONSHIPS):
                keys |= _targets(workbook, attrs.get("Target", ""))
    return {
        name
        for key, names in by_key.items()
        for name in names
        if key in keys or key.endswith(tuple(defaults)) or _SHEET.match(name)
    }


def _too_far(name: str, rows: int, columns: int) -> FileRefused:
    return refuse(
        "sheet-too-large",
        N_("A sheet reaches further than the reader accepts."),
        found=f"{name}: {rows} rows x {columns} columns",
        hint=N_(
            "Delete stray cells far below or to the right of the data "
            "(Ctrl+End shows the last used cell), then save again."
        ),
    )


def _scan(
    book: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], is_sheet: bool = False
) -> None:
    """Stream one part: count real bytes, refuse DTDs, and bound a sheet's extent.

    A part is scanned as a sheet when the package names it one (``is_sheet``) or when its
    first chunk opens a worksheet (or chart, dialog or macro sheet), whatever its name.
    """
    is_xml = is_sheet or info.filename.casefold().endswith((".xml", ".rels", ".vml"))
    max_row = max_col = 0
    tail = b""
    with book.open(info) as stream:
        while chunk := stream.read(CHUNK):
            if not tail:  # any part: an XML part in UTF-16 may hide under any name
                encoding = xml_encoding(chunk[:256])
                if encoding != "utf-8":  # a DOCTYPE in UTF-16 has no '<!DOCTYPE' bytes
                    raise scan_foreign_xml(info.filename, encoding, chunk, chunks(stream), budget)
            if spent(budget, len(chunk)):
                raise expanded()
            window = tail + chunk
            if is_xml and DTD.search(window):
                raise xml_entities(info.filename)
            if not tail and not is_sheet and _SHEET_ROOT.search(window):
                is_sheet = is_xml = True
            if is_sheet:
                for pattern in (_DIMENSION, _CELL_REF):
                    found = pattern.findall(window)
                    if found:  # a chunk holds thousands of cell refs but few column letters
                        c = _extent(max({col for col, _ in found}, key=_column_order), b"0")[1]
                        max_col = max(max_col, c)
                        max_row = max(max_row, max(map(int, (row for _, row in found))))
                if max_row > MAX_ROWS or max_col > MAX_COLUMNS or max_row * max_col > MAX_CELLS:
                    raise _too_far(info.filename, max_row, max_col)
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
        not_a_file(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(
                "too-large",
                N_("The file is larger than the reader accepts."),
                found=f"{size // (1024 * 1024)} MB",
                hint=N_("Remove pictures and unused sheets, then save it again as .xlsx."),
            )
        with path.open("rb") as fh:
            head = fh.read(OLE2_HEAD)
        _sniff(head, size)
        if path.suffix.lower() not in SUFFIXES:
            raise refuse(
                "not-xlsx",
                N_("The file name does not end in .xlsx or .xlsm."),
                found=path.suffix or "(none)",
                hint=N_(
                    "Rename it only if it really is an Excel workbook; otherwise save it as .xlsx."
                ),
            )
        with zipfile.ZipFile(path) as book:
            infos = _check_members(book)
            sheets = sheet_parts(book, infos)
            budget = [MAX_UNCOMPRESSED_BYTES]
            for info in infos:
                _scan(book, info, budget, is_sheet=info.filename in sheets)
    except FileRefused as refused:
        return refused.refusal
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        expat.ExpatError,
    ) as exc:
        return Refusal(
            "corrupt",
            N_("The workbook is damaged and cannot be read."),
            found=type(exc).__name__,
            hint=SAVE_AS_XLSX,
        )
    return None


@contextmanager
def native_stderr_held() -> Iterator[list[bool]]:
    """Hold what native code writes to stderr while a sheet is read.

    A Rust panic in python-calamine prints its message (and, where ``RUST_BACKTRACE`` is
    set, a backtrace) straight to file descriptor 2 before Python sees the exception. That
    output is held in a temporary file and written out afterwards, unless the caller
    appends to the yielded list to say the panic was handled (and is reported as a problem).
    """
    handled: list[bool] = []
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no descriptor 2 to hold
        yield handled
        return
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield handled
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            if not handled:
                held.seek(0)
                if data := held.read():
                    os.write(2, data)

"""Register files read as grids of cells, each behind the same guard as the workbook.

- xlsx: :func:`readiness.io.guard.inspect`, then python-calamine;
- ods: the size, zip and XML checks the workbook gets (members, sizes, compression ratios,
  a password, DOCTYPE or entities in any part), and the extent of every table counted from
  its repeated rows and cells before any parser expands them; then python-calamine;
- CSV: a size limit, a refusal of binary files (a workbook renamed .csv, NUL bytes), the
  encoding (UTF-8 with or without a byte-order mark, cp1250, windows-1251) and the
  separator detected unless given; rows and columns bounded.

Every file is opened read-only and never written.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from python_calamine import CalamineWorkbook

from readiness.core.messages import N_
from readiness.io.guard import (
    CHUNK,
    DTD,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    OLE2,
    SUSPECT,
    FileRefused,
    chunks,
    duplicate_refusal,
    expanded,
    guarded_parser,
    inspect,
    native_stderr_held,
    not_a_file,
    refuse,
    scan_foreign_xml,
    spent,
    xml_encoding,
    xml_entities,
    zip_sizes_refusal,
)

ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
MAX_CSV_BYTES = 20 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "utf-8", "cp1250", "windows-1251")
SEPARATORS = (";", ",", "\t", "|")
KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".csv": "csv", ".txt": "csv"}
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
SAVE_AS = N_("Open it in Excel or LibreOffice and save it again as .xlsx, .ods or CSV.")


@dataclass(frozen=True)
class Grid:
    """A sheet (or a CSV) as rows of cells; ``sheet`` is empty for a CSV."""

    sheet: str
    rows: list[list[Any]]
    encoding: str = ""
    separator: str = ""


def kind_of(path: Path) -> str:
    """xlsx, ods or csv, by the file name."""
    return KINDS.get(path.suffix.lower(), "")


# -- ods ----------------------------------------------------------------------------------


def _ods_members(book: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = book.infolist()
    names = {i.filename for i in infos}
    duplicate_refusal(infos)
    if "mimetype" not in names or "content.xml" not in names:
        raise refuse("not-ods", N_("The file is not an OpenDocument spreadsheet."), hint=SAVE_AS)
    if book.read("mimetype").strip() != ODS_MIME.encode():
        raise refuse(
            "not-ods",
            N_("The file is not an OpenDocument spreadsheet."),
            found=book.read("mimetype")[:80].decode("ascii", "replace"),
            hint=SAVE_AS,
        )
    refusal = zip_sizes_refusal(infos, SUSPECT)
    if refusal is not None:
        raise FileRefused(refusal)
    return infos


class _Extent:
    """Counts how far a table's filled cells reach, expanding repeats arithmetically."""

    def __init__(self) -> None:
        self.row = 0  # rows so far in the current table
        self.col = 0
        self.row_repeat = 1
        self.col_repeat = 1
        self.row_filled = 0  # last filled column of the current row
        self.cell_filled = False
        self.last_row = 0
        self.last_col = 0
        self.table = ""

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if ns == TABLE_NS and local == "table":
            self.row = 0
            self.table = attrs.get(f"{TABLE_NS} name", "")
        elif ns == TABLE_NS and local == "table-row":
            self.col, self.row_filled = 0, 0
            self.row_repeat = _count(attrs.get(f"{TABLE_NS} number-rows-repeated"))
        elif ns == TABLE_NS and local in ("table-cell", "covered-table-cell"):
            self.col_repeat = _count(attrs.get(f"{TABLE_NS} number-columns-repeated"))
            self.cell_filled = f"{OFFICE_NS} value-type" in attrs
        elif ns == TEXT_NS and local == "p":
            self.cell_filled = True

    def end(self, name: str) -> None:
        ns, _, local = name.rpartition(" ")
        if ns == TABLE_NS and local in ("table-cell", "covered-table-cell"):
            self.col += self.col_repeat
            if self.cell_filled:
                self.row_filled = self.col
            self.cell_filled = False
        elif ns == TABLE_NS and local == "table-row":
            self.row += self.row_repeat
            if self.row_filled:
                self.last_row = max(self.last_row, self.row)
                self.last_col = max(self.last_col, self.row_filled)
                if (
                    self.last_row > MAX_ROWS
                    or self.last_col > MAX_COLUMNS
                    or self.last_row * self.last_col > MAX_CELLS
                ):
                    raise refuse(
                        "sheet-too-large",
                        N_("A sheet reaches further than the reader accepts."),
                        found=f"{self.table}: {self.last_row} rows x {self.last_col} columns",
                        hint=N_(
                            "Delete stray cells far below or to the right of the data "
                            "(Ctrl+End shows the last used cell), then save again."
                        ),
                    )
        elif ns == TABLE_NS and local == "table":
            self.last_row = self.last_col = 0


def _count(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _scan_ods_part(book: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> None:
    """Stream one XML part through expat: no DOCTYPE, no entity; tables' extent bounded."""
    extent = _Extent()

    parser = guarded_parser(info.filename)
    if info.filename == "content.xml":
        parser.StartElementHandler = extent.start
        parser.EndElementHandler = extent.end
    with book.open(info) as stream:
        tail = b""
        while chunk := stream.read(CHUNK):
            if not tail and (encoding := xml_encoding(chunk[:256])) != "utf-8":
                raise scan_foreign_xml(info.filename, encoding, chunk, chunks(stream), budget)
            if spent(budget, len(chunk)):
                raise expanded()
            if DTD.search(tail + chunk):
                raise xml_entities(info.filename)
            tail = chunk[-64:]
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def inspect_ods(path: Path) -> None:
    """Refuse a hostile or broken ods before python-calamine opens it (raises FileRefused)."""
    with zipfile.ZipFile(path) as book:
        infos = _ods_members(book)
        manifest = next((i for i in infos if i.filename == "META-INF/manifest.xml"), None)
        if (
            manifest is not None
            and manifest.file_size < 1024 * 1024
            and b"encryption-data" in book.read(manifest)
        ):
            raise refuse(
                "password-protected",
                N_("The workbook is password-protected."),
                hint=N_("Open it, remove the password and save it again."),
            )
        budget = [MAX_UNCOMPRESSED_BYTES]
        for info in infos:
            if info.filename.casefold().endswith((".xml", ".rdf")):
                _scan_ods_part(book, info, budget)


# -- csv ----------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else cp1250 or windows-1251.

    Bulgarian text is mostly letters outside ASCII; Polish text mostly ASCII letters with a
    few diacritics. Bytes a code page does not define rule it out.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data if b >= 0xC0)
    ascii_letters = sum(1 for b in data if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    order = ("windows-1251", "cp1250") if high > ascii_letters else ("cp1250", "windows-1251")
    for encoding in order:
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return order[0]


def detect_separator(text: str) -> str:
    """The separator that splits the first lines into the same number of fields, most often."""
    sample = text.splitlines()[:50]
    best, best_score = ";", (0, 0)
    for sep in SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=sep) if r]
        except csv.Error:
            continue
        if not counts:
            continue
        width, times = Counter(counts).most_common(1)[0]
        score = (times, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_csv(path: Path, encoding: str = "", separator: str = "") -> Grid:
    """A CSV's rows, its encoding and separator detected unless given."""
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise refuse(
            "too-large",
            N_("The file is larger than the reader accepts."),
            found=f"{size // (1024 * 1024)} MB",
            hint=N_("Export only the rows needed, or split the register."),
        )
    data = path.read_bytes()
    if data.startswith((b"PK\x03\x04", OLE2, b"%PDF")):
        raise refuse(
            "not-csv",
            N_("The file is not a CSV text file."),
            found=N_("a workbook or a PDF"),
            hint=N_("Name the file by what it is (.xlsx, .ods), or export it as CSV."),
        )
    if b"\x00" in data[: 64 * 1024] and not data.startswith((codecs.BOM_UTF16_LE, b"\xfe\xff")):
        raise refuse(
            "not-csv",
            N_("The file is not a CSV text file."),
            found=N_("binary data"),
            hint=N_("Export the register again as CSV."),
        )
    chosen = encoding or detect_encoding(data)
    try:
        text = data.decode(chosen)
    except (UnicodeDecodeError, LookupError):
        raise refuse(
            "bad-encoding",
            N_("The file cannot be read in the encoding given."),
            found=chosen,
            hint=N_(
                'Give the right encoding in the sources file (encoding = "cp1250", '
                '"windows-1251" or "utf-8"), or leave it out to have it detected.'
            ),
        ) from None
    text = text.lstrip("\ufeff")
    sep = separator or detect_separator(text)
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            if len(rows) >= MAX_ROWS or len(row) > MAX_COLUMNS:
                raise refuse(
                    "sheet-too-large",
                    N_("A sheet reaches further than the reader accepts."),
                    found=f"{len(rows)} rows x {len(row)} columns",
                    hint=N_("Export only the rows needed, or split the register."),
                )
            rows.append(list(row))
    except csv.Error as exc:
        raise refuse(
            "corrupt", N_("The CSV file cannot be read."), found=str(exc), hint=SAVE_AS
        ) from None
    return Grid(sheet="", rows=rows, encoding=chosen, separator=sep)


# -- any kind -----------------------------------------------------------------------------


def read_grid(path: Path, sheet: str = "", encoding: str = "", separator: str = "") -> Grid:
    """The cells of one register file: a sheet of an xlsx or ods, or a CSV.

    The first sheet is read when none is named. Raises FileRefused when the guard refuses
    the file or it cannot be read.
    """
    kind = kind_of(path)
    not_a_file(path, missing_hint="")  # a missing path, a folder or a named pipe, said as such
    if kind == "csv":
        return read_csv(path, encoding, separator)
    if kind == "xlsx":
        refusal = inspect(path)
        if refusal is not None:
            raise FileRefused(refusal)
    elif kind == "ods":
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(
                "too-large",
                N_("The file is larger than the reader accepts."),
                found=f"{size // (1024 * 1024)} MB",
            )
        try:
            inspect_ods(path)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,  # a member's compression method damaged
            expat.ExpatError,
        ):
            raise refuse(
                "corrupt", N_("The workbook is damaged and cannot be read."), hint=SAVE_AS
            ) from None
    else:
        raise refuse(
            "unknown-file-kind",
            N_("Registers are read from .xlsx, .ods and .csv files."),
            found=path.suffix or "(none)",
            hint=SAVE_AS,
        )
    with native_stderr_held() as panicked:
        try:
            return _calamine_grid(path, sheet)
        except FileRefused:
            raise
        except BaseException as exc:  # a Rust panic is a BaseException: its text stays held
            if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
                raise
            panicked.append(True)
            raise refuse(
                "corrupt", N_("The workbook is damaged and cannot be read."), hint=SAVE_AS
            ) from None


def _calamine_grid(path: Path, sheet: str) -> Grid:
    """A sheet read by python-calamine, after the guard let the file through."""
    book = CalamineWorkbook.from_path(str(path))
    try:
        names = [str(n) for n in book.sheet_names]
        name = sheet or (names[0] if names else "")
        if name not in names:
            raise refuse(
                "missing-sheet",
                N_("The workbook has no sheet of that name."),
                found=f"{name} ({', '.join(names)})",
                hint=N_("Name one of the sheets found in the sources file (sheet = ...)."),
            )
        data = book.get_sheet_by_name(name)
        start = data.start
        pad = [""] * (start[1] if start else 0)
        rows: list[list[Any]] = [pad + list(r) for r in data.iter_rows()]  # from row 1
    finally:
        book.close()
    return Grid(sheet=name, rows=rows)

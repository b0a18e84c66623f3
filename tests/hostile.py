"""Builders of broken and hostile workbooks, shared by the tests and benchmarks/bad_inputs.py."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "starostwo-przykladowo.xlsx"
SHEET = "xl/worksheets/sheet3.xml"  # the Clauses sheet of the template


def _rewrite(target: Path, replace: dict[str, bytes | Callable[[zipfile.ZipFile], None]]) -> Path:
    """Copy the sample into ``target`` with some members replaced (bytes or a writer)."""
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename in replace:
                continue
            out.writestr(info, src.read(info.filename))
        for name, content in replace.items():
            if callable(content):
                content(out)
            else:
                out.writestr(name, content)
    return target


def csv_renamed(folder: Path) -> Path:
    path = folder / "csv-renamed.xlsx"
    path.write_text("Clause;Level\n4.1;3\n4.2;2\n", encoding="utf-8")
    return path


def pdf_renamed(folder: Path) -> Path:
    path = folder / "pdf-renamed.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def password_protected(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    path = folder / "password.xlsx"
    out = io.BytesIO()
    with SAMPLE.open("rb") as src:
        OOXMLFile(src).encrypt("tajne-haslo", out)
    path.write_bytes(out.getvalue())
    return path


def opendocument(folder: Path) -> Path:
    path = folder / "calc.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("content.xml", "<office:document-content/>")
    return path


def truncated(folder: Path) -> Path:
    path = folder / "truncated.xlsx"
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def wrong_suffix(folder: Path) -> Path:
    path = folder / "office.csv"
    shutil.copyfile(SAMPLE, path)
    return path


def ratio_bomb(folder: Path) -> Path:
    """Under the size cap, but compressed a thousand to one: no spreadsheet looks like this."""
    return zip_bomb(folder, megabytes=40, name="ratio-bomb.xlsx")


def old_xls(folder: Path) -> Path:
    """An Excel 97-2003 file: an OLE2 container with a Workbook stream, no encryption."""
    path = folder / "old.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(header + "Workbook".encode("utf-16-le") + b"\0" * 4000)
    return path


def zip_bomb(folder: Path, megabytes: int = 201, name: str = "zip-bomb.xlsx") -> Path:
    """A sheet that expands from under a megabyte to ``megabytes`` MB of rows."""
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"x" * 4000 + b"</t></is></c></row>"

    def write(out: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            chunk = row * 256
            for _ in range(megabytes * 1024 * 1024 // len(chunk)):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")

    return _rewrite(folder / name, {SHEET: write})


SPARSE_SHEET = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Clause</t></is></c></row>'
    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    b"</sheetData></worksheet>"
)
ELSEWHERE = "xl/elsewhere/cells.bin"  # no folder or suffix a sheet is expected to have


def sparse_cell_bomb(folder: Path) -> Path:
    """One cell at XFD1048576 and a dimension over the whole grid: a 5 KB file."""
    return _rewrite(folder / "sparse-bomb.xlsx", {SHEET: SPARSE_SHEET})


def sparse_cell_bomb_elsewhere(folder: Path) -> Path:
    """The sparse-cell bomb stored outside xl/worksheets/, found only through the package.

    The workbook's relationship points at it with a relative target, as OPC allows, and
    the content types declare it a worksheet; its name has neither the folder nor the
    suffix of a worksheet. python-calamine follows the relationship and aborts on it.
    """
    path = folder / "sparse-bomb-elsewhere.xlsx"
    moved = {
        "xl/_rels/workbook.xml.rels": (b"/" + SHEET.encode(), b"elsewhere/cells.bin"),
        "[Content_Types].xml": (b"/" + SHEET.encode(), b"/" + ELSEWHERE.encode()),
    }
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == SHEET:
                continue
            if info.filename in moved:
                old, new = moved[info.filename]
                assert old in data
                data = data.replace(old, new)
            out.writestr(info, data)
        out.writestr(ELSEWHERE, SPARSE_SHEET)
    return path


def doctype_in_utf16_relationships(folder: Path) -> Path:
    """A DOCTYPE in a part encoded as UTF-16, which a byte pattern for '<!DOCTYPE' misses."""
    with zipfile.ZipFile(SAMPLE) as src:
        rels = src.read("xl/_rels/workbook.xml.rels").decode()
    doctype = '<!DOCTYPE r [<!ENTITY lol "lol">]>'
    text = '<?xml version="1.0" encoding="UTF-16"?>' + doctype + rels
    return _rewrite(
        folder / "utf16-doctype.xlsx", {"xl/_rels/workbook.xml.rels": text.encode("utf-16")}
    )


def _shared_strings_with(doctype: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?>'
        + doctype
        + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )


def billion_laughs(folder: Path) -> Path:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    doctype = b"<!DOCTYPE lolz [" + entities + b"]>"
    return _rewrite(
        folder / "billion-laughs.xlsx", {"xl/sharedStrings.xml": _shared_strings_with(doctype)}
    )


def external_entity(folder: Path) -> Path:
    doctype = b'<!DOCTYPE sst [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'
    return _rewrite(
        folder / "external-entity.xlsx", {"xl/sharedStrings.xml": _shared_strings_with(doctype)}
    )


def date_beyond_9999(folder: Path) -> Path:
    """A valid workbook whose date cell holds -1e16: python-calamine panics on it (#139)."""
    import sys

    sys.path.insert(0, str(SAMPLE.parent))
    from build_sample import content

    from readiness.io.template import write_workbook

    filled = content()
    filled["evidence"][2]["dated"] = -1e16  # the template formats the column as dates
    return write_workbook(folder / "date-beyond-9999.xlsx", lang="pl", content=filled)


# passes the guard; the reader names the cell instead of letting the parser abort
BAD_CELLS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "date cell beyond the year 9999": (date_beyond_9999, "date-out-of-range"),
}

# name -> (builder, expected problem code)
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "CSV renamed to .xlsx": (csv_renamed, "not-xlsx"),
    "PDF renamed to .xlsx": (pdf_renamed, "not-xlsx"),
    "empty file": (empty, "empty-file"),
    "password-protected workbook": (password_protected, "password-protected"),
    "old Excel 97-2003 file renamed": (old_xls, "old-xls"),
    "OpenDocument saved as .xlsx": (opendocument, "not-xlsx"),
    "truncated workbook": (truncated, "corrupt"),
    "workbook named .csv": (wrong_suffix, "not-xlsx"),
    "zip bomb (201 MB sheet)": (zip_bomb, "too-large"),
    "ratio bomb (40 MB at 1000:1)": (ratio_bomb, "zip-bomb"),
    "sparse-cell bomb (XFD1048576)": (sparse_cell_bomb, "sheet-too-large"),
    "sparse-cell bomb outside xl/worksheets/": (sparse_cell_bomb_elsewhere, "sheet-too-large"),
    "DOCTYPE in a UTF-16 relationships part": (doctype_in_utf16_relationships, "xml-entities"),
    "billion laughs in sharedStrings": (billion_laughs, "xml-entities"),
    "external entity in sharedStrings": (external_entity, "xml-entities"),
}


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:])\n"
    "sys.stderr.write(f'\\n@@measure {time.perf_counter() - t:.3f} "
    "{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n')\n"
    "sys.exit(r.returncode)\n"
)


def measure(
    cmd: list[str], env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, str, str, float, int]:
    """Run a command; return its exit code, stdout, stderr, seconds and peak memory (KB)."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    err, _, tail = proc.stderr.rpartition("\n@@measure ")
    seconds, rss = tail.split()
    return proc.returncode, proc.stdout, err, float(seconds), int(rss)

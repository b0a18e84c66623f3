"""Builders of broken and hostile workbooks, shared by the tests and benchmarks/bad_inputs.py."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from readiness.core.catalogue import load_catalogue

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
    return write_workbook(
        folder / "date-beyond-9999.xlsx", lang="pl", content=filled, catalogue=load_catalogue()
    )


def utf16_worksheet(folder: Path) -> Path:
    """A worksheet part re-encoded in UTF-16: python-calamine cannot decode it."""
    with zipfile.ZipFile(SAMPLE) as src:
        text = src.read(SHEET).decode("utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    return _rewrite(folder / "utf16-sheet.xlsx", {SHEET: text.encode("utf-16")})


def doctype_in_utf16_shared_strings(folder: Path) -> Path:
    """Billion laughs in a sharedStrings part written in UTF-16: no '<!DOCTYPE' bytes."""
    doctype = '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;">]>'
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        + doctype
        + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    return _rewrite(
        folder / "utf16-doctype-strings.xlsx", {"xl/sharedStrings.xml": text.encode("utf-16")}
    )


def duplicate_entries(folder: Path) -> Path:
    """Two zip entries named like the Clauses sheet: readers disagree on which one counts."""
    import warnings

    path = _rewrite(folder / "duplicate-entries.xlsx", {})
    with zipfile.ZipFile(SAMPLE) as src:
        other = src.read("xl/worksheets/sheet1.xml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it writes
        with zipfile.ZipFile(path, "a") as out:
            out.writestr(SHEET, other)
    return path


def folder_named_xlsx(folder: Path) -> Path:
    path = folder / "folder" / "office.xlsx"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pipe_named_xlsx(folder: Path) -> Path:
    import os

    path = folder / "pipe" / "office.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.mkfifo(path)
    return path


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
    "worksheet part in UTF-16": (utf16_worksheet, "xml-encoding"),
    "DOCTYPE in a UTF-16 sharedStrings part": (doctype_in_utf16_shared_strings, "xml-entities"),
    "two zip entries of the same name": (duplicate_entries, "corrupt"),
    "a folder named office.xlsx": (folder_named_xlsx, "not-a-file"),
    "a named pipe named office.xlsx": (pipe_named_xlsx, "not-a-file"),
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


# -- paths written inside an office's files, and the other readers ----------------------------

REGISTERS = SAMPLE.parent / "registers" / "starostwo"
MARKER = "Zofia Obcabiurowa"  # a person only office B's training register names
TRAINING = "szkolenia-ezd.csv"
CONFINEMENT = (
    "Office sheet names ../office-b/...",
    "Office sheet names an absolute path",
    "sources file names ../../office-b/...",
    "sources file names an absolute path",
    "symlink in the registers folder",
)


def office_folder(folder: Path, sources: str = "registers/sources.toml") -> Path:
    """An office folder: the sample workbook (its Office sheet naming ``sources``) and its
    registers under ``registers/``. Returns the workbook."""
    import sys

    sys.path.insert(0, str(SAMPLE.parent))
    from build_sample import sample_content

    from readiness.io.template import write_workbook

    shutil.copytree(REGISTERS, folder / "registers", dirs_exist_ok=True)
    content = sample_content(SAMPLE.name)
    content["office"] = {**content["office"], "sources": sources}
    return write_workbook(
        folder / "office.xlsx", lang="pl", content=content, catalogue=load_catalogue()
    )


def two_offices(folder: Path, case: str) -> Path:
    """Office A and office B side by side; A's files point at B's register as ``case`` says.

    Office B's training register names ``MARKER``; office A's own does not. Returns A's
    workbook.
    """
    a, b = folder / "office-a", folder / "office-b"
    office_folder(b)
    text = (b / "registers" / TRAINING).read_bytes().decode("cp1250")
    (b / "registers" / TRAINING).write_bytes(text.replace("Anna Fikcyjna", MARKER).encode("cp1250"))
    foreign_sources = b / "registers" / "sources.toml"
    named = {
        CONFINEMENT[0]: "../office-b/registers/sources.toml",
        CONFINEMENT[1]: str(foreign_sources),
    }.get(case, "registers/sources.toml")
    workbook = office_folder(a, named)
    own = a / "registers" / "sources.toml"
    if case == CONFINEMENT[2]:
        own.write_text(
            own.read_text(encoding="utf-8").replace(
                f'file = "{TRAINING}"', f'file = "../../office-b/registers/{TRAINING}"'
            ),
            encoding="utf-8",
        )
    elif case == CONFINEMENT[3]:
        own.write_text(
            own.read_text(encoding="utf-8").replace(
                f'file = "{TRAINING}"', f'file = "{b / "registers" / TRAINING}"'
            ),
            encoding="utf-8",
        )
    elif case == CONFINEMENT[4]:
        (a / "registers" / TRAINING).unlink()
        (a / "registers" / TRAINING).symlink_to(b / "registers" / TRAINING)
    return workbook


def deep_sources(folder: Path) -> Path:
    """A sources file whose one value is an array nested 100,000 deep (tomllib recurses)."""
    path = folder / "deep" / "sources.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    depth = 100_000
    path.write_text(
        '[registers.x]\nfile = "x.csv"\nrole = "training"\ntitle = '
        + "[" * depth
        + "]" * depth
        + "\n",
        encoding="utf-8",
    )
    return path


def deep_results(folder: Path) -> Path:
    """An earlier run's folder whose results.json is an array nested 200,000 deep."""
    path = folder / "deep-run" / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    return path.parent


def register_sources(folder: Path, name: str, data: bytes) -> Path:
    """A sources file naming one training register ``name`` holding ``data``."""
    target = folder / name.replace(".", "-")
    target.mkdir(parents=True, exist_ok=True)
    (target / name).write_bytes(data)
    (target / "sources.toml").write_text(
        f'[registers.x]\nfile = "{name}"\nrole = "training"\n', encoding="utf-8"
    )
    return target / "sources.toml"


def csv_with_nul(folder: Path) -> Path:
    return register_sources(folder, "nul.csv", b"Imie;Temat\n" + b"Anna;\x00\x00x\n" * 100)


def csv_one_line(folder: Path, megabytes: int = 19) -> Path:
    """A CSV of one line, just under the reader's size limit, with no separator."""
    return register_sources(folder, "one-line.csv", b"x" * (megabytes * 1024 * 1024))


def csv_one_line_huge(folder: Path) -> Path:
    """A 200 MB CSV of one line (sparse on disk: the size is what the reader sees first)."""
    path = register_sources(folder, "huge.csv", b"")
    with (path.parent / "huge.csv").open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
        fh.seek(0)
        fh.write(b"x" * 4096)
    return path


def xlsx_register_utf16(folder: Path) -> Path:
    return register_sources(folder, "utf16.xlsx", utf16_worksheet(folder).read_bytes())


def ods_register_mangled(folder: Path) -> Path:
    """The sample's ods register with its content.xml cut in half: damaged."""
    with zipfile.ZipFile(REGISTERS / "wykaz-dokumentow.ods") as src:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "content.xml":
                    data = data[: len(data) // 2]
                out.writestr(info, data)
    return register_sources(folder, "mangled.ods", buffer.getvalue())


def binary_list(folder: Path) -> Path:
    """A 'list of workbooks' that is really a workbook renamed .txt."""
    path = folder / "offices.txt"
    path.write_bytes(SAMPLE.read_bytes())
    return path


# name -> (builder of the argument, the command before it, the code the output names)
READERS: dict[str, tuple[Callable[[Path], Path], tuple[str, ...], str]] = {
    "sources file nested 100,000 deep": (deep_sources, ("sources", "check"), "too-deep"),
    "register CSV with NUL bytes": (csv_with_nul, ("sources", "check"), "not-csv"),
    "register CSV of one 19 MB line": (csv_one_line, ("sources", "check"), "corrupt"),
    "register CSV of one 200 MB line": (csv_one_line_huge, ("sources", "check"), "too-large"),
    "register xlsx with a UTF-16 sheet": (
        xlsx_register_utf16,
        ("sources", "check"),
        "xml-encoding",
    ),
    "register ods cut in half": (ods_register_mangled, ("sources", "check"), "corrupt"),
}

"""Hostile and broken files are refused with a clear error, in bounded time and memory."""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

from hostile import HOSTILE, measure
from readiness.core.catalogue import load_catalogue
from readiness.io.guard import inspect, sheet_parts
from readiness.io.workbook import read_workbook

MEMORY_LIMIT_KB = 500 * 1024


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_refused_in_process_with_its_code(hostile_dir, name):
    build, code = HOSTILE[name]
    path = build(hostile_dir)
    refusal = inspect(path)
    assert refusal is not None and refusal.code == code
    workbook, problems = read_workbook(path, catalogue=load_catalogue())
    assert workbook is None
    assert [p.code for p in problems] == [code]
    assert problems[0].hint
    assert problems[0].file == path.name


@pytest.mark.parametrize("name", list(HOSTILE))
def test_cli_refuses_without_dying_and_within_memory(hostile_dir, name):
    build, code = HOSTILE[name]
    path = build(hostile_dir)
    exe = Path(sys.executable).with_name("readiness")
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    status, out, err, seconds, peak_kb = measure(
        [str(exe), "check", str(path), "--format", "json"], env=env
    )
    assert status == 1, err  # a clean refusal: not a crash, not a signal
    assert json.loads(out)["problems"][0]["code"] == code
    assert peak_kb < MEMORY_LIMIT_KB
    assert seconds < 60, "refusal must be bounded; benchmarks/bad_inputs.py reports the real time"


def test_the_sample_itself_passes_the_guard():
    from conftest import SAMPLE

    assert inspect(SAMPLE) is None


def test_a_sheet_outside_xl_worksheets_is_found_through_the_package(hostile_dir, monkeypatch):
    import readiness.io.workbook
    from hostile import ELSEWHERE, sparse_cell_bomb_elsewhere

    path = sparse_cell_bomb_elsewhere(hostile_dir)
    with zipfile.ZipFile(path) as book:
        assert ELSEWHERE in sheet_parts(book, book.infolist())
        assert "xl/worksheets/sheet3.xml" not in book.namelist()
    refusal = inspect(path)
    assert refusal is not None and refusal.found.startswith(ELSEWHERE + ": 1048576 rows")

    def never(*args, **kwargs):
        raise AssertionError("python-calamine was reached")

    monkeypatch.setattr(readiness.io.workbook.CalamineWorkbook, "from_path", never)
    workbook, problems = read_workbook(path, catalogue=load_catalogue())
    assert workbook is None and [p.code for p in problems] == ["sheet-too-large"]


@pytest.mark.parametrize(
    ("target", "stored"),
    [
        ("/xl/worksheets/sheet3.xml", "xl/worksheets/sheet3.xml"),  # absolute, as openpyxl
        ("worksheets/sheet3.xml", "xl/worksheets/sheet3.xml"),  # relative to xl/, as Excel
        ("../data/grid.xml", "data/grid.xml"),  # relative, outside xl/
        ("sub/../cells%20here.xml", "xl/cells here.xml"),  # dot segments, percent-encoded
        ("xl/odd/place.dat", "xl/odd/place.dat"),  # taken as rooted by lenient readers
    ],
)
def test_sheet_targets_resolve_as_opc_and_lenient_readers_do(tmp_path, target, stored):
    from conftest import SAMPLE

    path = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":
                continue
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"/xl/worksheets/sheet3.xml", target.encode())
            out.writestr(info, data)
        out.writestr(stored, src.read("xl/worksheets/sheet3.xml"))
    with zipfile.ZipFile(path) as book:
        assert stored in sheet_parts(book, book.infolist())
    assert inspect(path) is None  # a real sheet, wherever it is stored, is accepted


def test_parts_are_bounded_by_what_they_hold_not_only_by_what_the_package_says(tmp_path):
    """A worksheet no relationship names is still bounded; cached rows of a link are not."""
    from conftest import SAMPLE
    from hostile import SPARSE_SHEET

    external = (
        b'<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><externalBook><sheetDataSet><sheetData sheetId="0">'
        b'<row r="900000"><cell r="B900000"><v>1</v></cell></row>'
        b"</sheetData></sheetDataSet></externalBook></externalLink>"
    )
    for name, part, refused in (
        ("orphan.xlsx", ("xl/orphan/grid.xml", SPARSE_SHEET), True),
        ("link.xlsx", ("xl/externalLinks/externalLink1.xml", external), False),
    ):
        path = tmp_path / name
        with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w") as out:
            for info in src.infolist():
                out.writestr(info, src.read(info.filename))
            out.writestr(*part)
        refusal = inspect(path)
        assert (refusal is not None and refusal.code == "sheet-too-large") == refused, name

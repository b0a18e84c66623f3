"""Outputs are written atomically, and folder names made from office names are safe."""

from __future__ import annotations

import pytest

from readiness.output import atomic_path, promote, safe_name, staging_dir, write_text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Starostwo Powiatowe w Łodzi", "starostwo-powiatowe-w-lodzi"),
        ("Община Примерно", "obshchina-primerno"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        ("CON", "office-con"),
        ("lpt1 office", "office-lpt1-office"),
        ("...", "office"),
        ("", "office"),
    ],
)
def test_safe_names(name, expected):
    assert safe_name(name) == expected


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "report.html"
    write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_promote_replaces_the_old_folder_whole(tmp_path):
    final = tmp_path / "office" / "2026-11-16"
    first = staging_dir(final)
    (first / "a.txt").write_text("1")
    promote(first, final)
    second = staging_dir(final)
    (second / "b.txt").write_text("2")
    promote(second, final)
    assert sorted(p.name for p in final.iterdir()) == ["b.txt"]
    assert sorted(p.name for p in final.parent.iterdir()) == ["2026-11-16"]

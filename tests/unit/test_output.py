"""Outputs are written atomically, and folder names made from office names are safe."""

from __future__ import annotations

import pytest

from readiness.io.output import atomic_path, promote, safe_name, staging_dir, write_text


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


@pytest.mark.parametrize("failing_call", [1, 2])
def test_promote_that_cannot_rename_keeps_the_earlier_report_and_leaves_no_debris(
    tmp_path, monkeypatch, failing_call
):
    # call 1 moves the earlier report aside, call 2 puts the new one in place; on Linux a
    # busy mount point, on Windows a file held open by another program, makes either fail
    final = tmp_path / "office" / "2026-11-16"
    earlier = staging_dir(final)
    (earlier / "a.txt").write_text("earlier")
    promote(earlier, final)
    new = staging_dir(final)
    (new / "b.txt").write_text("new")

    import readiness.io.output

    real_replace = readiness.io.output.os.replace
    calls = []

    def replace(src, dst):
        calls.append((src, dst))
        if len(calls) == failing_call:
            raise OSError(16, "Device or resource busy")
        return real_replace(src, dst)

    monkeypatch.setattr(readiness.io.output.os, "replace", replace)
    with pytest.raises(OSError, match="busy"):
        promote(new, final)
    monkeypatch.undo()
    assert (final / "a.txt").read_text() == "earlier"
    assert (new / "b.txt").read_text() == "new"
    assert sorted(p.name for p in final.parent.iterdir()) == sorted(["2026-11-16", new.name])


def test_load_results_reads_versions_1_to_4_and_refuses_a_later_one(tmp_path):
    """results.json version 4 (the year's figures) keeps versions 1 to 3 readable."""
    import json

    from readiness.io.results import SCHEMA_VERSION, load_results

    assert SCHEMA_VERSION == 4
    base = {"as_of": "2026-11-16", "overall_readiness": 0.5, "lang": "pl"}
    for version in (None, 2, 3, 4, 5):
        doc = base | ({} if version is None else {"schema_version": version})
        path = tmp_path / f"v{version}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        loaded = load_results(path)
        if version == 5:
            assert loaded is None
        else:
            assert loaded is not None and loaded.schema_version == (version or 1)
            assert loaded.overall == 0.5

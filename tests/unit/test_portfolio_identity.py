"""The portfolio's discovery of workbooks, office identities and the manifest's skip rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.io.portfolio import (
    Entry,
    Manifest,
    find_workbooks,
    fingerprint,
    fold,
    office_identity,
)


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_finds_workbooks_recursively_leaving_out_lock_files_hidden_folders_and_reports(tmp_path):
    a = touch(tmp_path / "in" / "a.xlsx")
    b = touch(tmp_path / "in" / "region" / "B.XLSX")
    touch(tmp_path / "in" / "~$a.xlsx")  # Excel's lock file while a.xlsx is open
    touch(tmp_path / "in" / ".git" / "c.xlsx")
    touch(tmp_path / "in" / "notes.txt")
    touch(tmp_path / "in" / "reports" / "o" / "2026-11-20" / "action-plan.xlsx")
    found = find_workbooks([tmp_path / "in"], skip=tmp_path / "in" / "reports")
    assert [s.path for s in found] == sorted([a.resolve(), b.resolve()], key=str)
    assert {s.relative for s in found} == {"a.xlsx", "region/B.XLSX"}


def test_workbooks_a_sources_file_names_as_registers_are_not_offices(tmp_path):
    office = touch(tmp_path / "in" / "gmina" / "office.xlsx")
    touch(tmp_path / "in" / "gmina" / "registers" / "complaints.xlsx")
    other = touch(tmp_path / "in" / "gmina" / "registers" / "not-named.xlsx")
    (tmp_path / "in" / "gmina" / "registers" / "sources.toml").write_text(
        '[registers.skargi]\nfile = "complaints.xlsx"\nrole = "complaints"\n', encoding="utf-8"
    )
    touch(tmp_path / "in" / "pyproject.toml", b"[project]\nname = 'x'\n")  # not a sources file
    found = find_workbooks([tmp_path / "in"])
    assert [s.path for s in found] == sorted([office.resolve(), other.resolve()], key=str)


def test_a_list_file_names_workbooks_relative_to_itself_and_each_is_found_once(tmp_path):
    a = touch(tmp_path / "x" / "a.xlsx")
    listing = tmp_path / "offices.txt"
    listing.write_text("# our offices\n\nx/a.xlsx\n  x/a.xlsx  \n", encoding="utf-8")
    found = find_workbooks([listing, tmp_path / "x"])
    assert [s.path for s in found] == [a.resolve()]


def test_a_missing_place_or_listed_workbook_is_named(tmp_path):
    with pytest.raises(FileNotFoundError) as missing:
        find_workbooks([tmp_path / "nowhere"])
    assert missing.value.filename == str(tmp_path / "nowhere")
    listing = tmp_path / "list.txt"
    listing.write_text("gone.xlsx\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError) as gone:
        find_workbooks([listing])
    assert gone.value.filename == str(tmp_path / "gone.xlsx")


def test_offices_with_the_same_name_in_different_files_get_different_folders():
    one = office_identity("Gmina Nowa Wieś", "mazowieckie/nowa-wies.xlsx")
    two = office_identity("Gmina Nowa Wieś", "lubelskie/nowa-wies.xlsx")
    assert one != two
    assert one.startswith("gmina-nowa-wies-") and two.startswith("gmina-nowa-wies-")


def test_identity_is_stable_and_blind_to_case_and_spacing_of_the_name():
    assert office_identity("Gmina  Nowa Wieś ", "a.xlsx") == office_identity(
        "gmina nowa wieś", "a.xlsx"
    )
    assert fold(" Община\tПримерно ") == "община примерно"
    # a hash of the content, not Python's salted hash(): the same in every process and run
    suffix = office_identity("Община Примерно", "bg/o.xlsx").rsplit("-", 1)[1]
    assert len(suffix) == 8 and int(suffix, 16) >= 0
    assert office_identity("Община Примерно", "bg/o.xlsx") == office_identity(
        "Община Примерно", "bg/o.xlsx"
    )


def test_identity_is_a_safe_folder_name_even_for_hostile_names():
    name = office_identity("../../etc/passwd", "x.xlsx")
    assert "/" not in name and ".." not in name
    assert office_identity("", "x.xlsx").startswith("office-")


def test_manifest_skips_only_when_bytes_date_language_and_version_are_unchanged(tmp_path):
    root = tmp_path / "reports"
    touch(root / "o-1" / "2026-11-20" / "results.json", b"{}")
    manifest = Manifest({"/w.xlsx": Entry("abc", "2026-11-20", "", "1.0", "o-1", "o-1/2026-11-20")})
    manifest.save(root)
    again = Manifest.load(root)
    assert again.skippable("/w.xlsx", "abc", "2026-11-20", "", "1.0", root) is not None
    for changed in (
        ("abd", "2026-11-20", "", "1.0"),
        ("abc", "2026-11-21", "", "1.0"),
        ("abc", "2026-11-20", "pl", "1.0"),
        ("abc", "2026-11-20", "", "1.1"),
    ):
        assert again.skippable("/w.xlsx", *changed, root) is None
    assert again.skippable("/other.xlsx", "abc", "2026-11-20", "", "1.0", root) is None
    (root / "o-1" / "2026-11-20" / "results.json").unlink()  # its report was deleted
    assert again.skippable("/w.xlsx", "abc", "2026-11-20", "", "1.0", root) is None


def test_a_workbook_that_failed_on_its_content_is_not_retried_but_other_failures_are(tmp_path):
    bad = Entry("abc", "d", "", "v", status="failed", code="workbook-errors", message="B2")
    lost = Entry("abc", "d", "", "v", status="failed", code="kernel-died")
    manifest = Manifest({"/bad.xlsx": bad, "/lost.xlsx": lost})
    assert manifest.skippable("/bad.xlsx", "abc", "d", "", "v", tmp_path) is bad
    assert manifest.skippable("/lost.xlsx", "abc", "d", "", "v", tmp_path) is None


def test_an_unreadable_manifest_is_an_empty_one(tmp_path):
    touch(tmp_path / "_portfolio" / "manifest.json", b"{not json")
    assert Manifest.load(tmp_path).entries == {}
    assert fingerprint(b"a") != fingerprint(b"b")

"""``load_results``: an earlier results.json read once into typed records (history, dashboard)."""

from __future__ import annotations

import datetime as dt
import json
import pickle

from readiness.io.history import compare
from readiness.io.results import CycleRecord, OfficeRecord, load_results, results_record

DOC = {
    "schema_version": 3,
    "as_of": "2026-11-16",
    "overall_readiness": 0.6125,
    "lang": "pl",
    "stage": "surveillance",
    "office": {
        "name": "Urząd Gminy Borowie",
        "kind": "municipal_office",
        "country": "PL",
        "stage1_date": "2027-02-08",
        "certificate_expires": "not a date",
    },
    "verdict": {
        "ready": False,
        "blockers": 2,
        "headline": "Niegotowy: 2 przeszkody.",
        "audit_planned": None,
    },
    "cycle": {"expires": "2027-01-10", "expired": False},
    "chapters": [
        {"ref": "4", "applicable": True, "readiness": 0.5},
        {"ref": "8", "applicable": False, "readiness": 0.9},
    ],
    "requirements": [
        {"ref": "4.1", "score_level": 3},
        {"ref": "8.3", "score_level": 0, "excluded": True},
        {"ref": "9.2", "score_level": 1},
    ],
    "open_findings": {"major": ["NC-1"], "minor": ["NC-2", "NC-3"]},
    "gaps": ["9.2", "4.1"],
    "missing_documents": [{"ref": "7.5"}],
    "overdue_findings": ["NC-2"],
    "audit_programme": {"coverage": 0.75},
}


def write(tmp_path, doc, name="results.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_every_field_the_dashboard_and_history_need_is_parsed_once_with_its_type(tmp_path):
    loaded = load_results(write(tmp_path, DOC))
    assert loaded is not None
    assert loaded.as_of == dt.date(2026, 11, 16) and loaded.overall == 0.6125
    assert loaded.office == OfficeRecord(
        "Urząd Gminy Borowie", "municipal_office", "PL", dt.date(2027, 2, 8), None
    )
    assert (loaded.verdict.ready, loaded.verdict.blockers) == (False, 2)
    assert loaded.verdict.audit_planned is None
    assert loaded.cycle == CycleRecord(dt.date(2027, 1, 10), False)
    assert dict(loaded.chapters) == {"4": 0.5}  # chapter 8 does not apply
    assert dict(loaded.levels) == {"4.1": 3, "9.2": 1}  # 8.3 is excluded
    assert loaded.open_findings == {"NC-1", "NC-2", "NC-3"} and loaded.majors == 1
    assert (loaded.gaps, loaded.documents_missing, loaded.overdue) == (2, 1, 1)
    assert loaded.coverage == 0.75 and loaded.path == tmp_path / "results.json"
    # the pipeline's state carries earlier runs to the kernel
    assert pickle.loads(pickle.dumps(loaded)) == loaded


def test_a_first_version_file_reads_with_empty_defaults(tmp_path):
    loaded = load_results(write(tmp_path, {"as_of": "2025-11-16", "overall_readiness": 0.4}))
    assert loaded is not None and loaded.schema_version == 1
    assert loaded.lang is None and loaded.cycle is None and loaded.coverage is None
    assert not loaded.levels and not loaded.open_findings and loaded.office.name == ""


def test_a_field_of_the_wrong_type_makes_the_file_unreadable_not_a_crash(tmp_path):
    for broken in (
        {"verdict": "ready"},
        {"verdict": {"blockers": "many"}},
        {"open_findings": ["NC-1"]},
        {"requirements": [{"ref": "4.1", "score_level": "high"}]},
        {"as_of": "yesterday"},
    ):
        assert load_results(write(tmp_path, DOC | broken)) is None, broken


def test_what_changed_compares_the_record_with_the_current_results(tmp_path):
    earlier = load_results(write(tmp_path, DOC))
    assert earlier is not None
    now = DOC | {
        "requirements": [{"ref": "4.1", "score_level": 2}, {"ref": "9.2", "score_level": 3}],
        "open_findings": {"major": [], "minor": ["NC-3", "NC-4"]},
    }
    changes = compare(earlier, now)
    assert changes.previous == dt.date(2026, 11, 16)
    assert changes.improved == (("9.2", 1, 3),) and changes.regressed == (("4.1", 3, 2),)
    assert changes.opened == ("NC-4",) and changes.closed == ("NC-1", "NC-2")
    assert results_record(now) is not None


def test_the_records_cache_reads_an_unchanged_results_file_once(tmp_path, monkeypatch):
    import os
    import time

    from readiness.io import records
    from readiness.io.records import RecordCache

    root, portfolio = tmp_path / "reports", tmp_path / "reports" / "_portfolio"
    folders = [root / f"office-{i}" / "2026-11-16" for i in range(3)]
    hour_ago = time.time() - 3600
    for i, folder in enumerate(folders):
        folder.mkdir(parents=True)
        write(folder, DOC | {"overall_readiness": i / 10})
        if i < 2:  # the third was written just now: read again next time (racy)
            os.utime(folder / "results.json", (hour_ago, hour_ago))
    cache = RecordCache.load(root, portfolio)
    first = [cache.results(f) for f in folders]
    assert first == [load_results(f) for f in folders] and None not in first
    cache.save(portfolio)
    reads: list[object] = []
    real = records.load_document
    monkeypatch.setattr(records, "load_document", lambda p: reads.append(p) or real(p))
    again = RecordCache.load(root, portfolio)
    assert [again.results(f) for f in folders] == first
    assert reads == [folders[2] / "results.json"]  # the two older files were not read
    # a report written again (a new file in place of the old) is read again
    (folders[0] / "results.json").unlink()
    write(folders[0], DOC | {"overall_readiness": 0.99})
    os.utime(folders[0] / "results.json", (hour_ago, hour_ago))
    changed = again.results(folders[0])
    assert changed is not None and changed.overall == 0.99
    assert again.results(root / "office-9" / "2026-11-16") is None  # no results there
    # another version's cache, or no JSON at all, is an empty one
    for text in ('{"tool_version": "0.0", "entries": {}}', "not json", '{"entries": []}'):
        (portfolio / "records.json").write_text(text, encoding="utf-8")
        assert RecordCache.load(root, portfolio).entries == {}
    # a cache of this version written before the digests kept the year (no format) is empty
    from readiness import __version__

    stale = {"tool_version": __version__, "entries": {"x/results.json": {"stamp": [1, 2, 3]}}}
    (portfolio / "records.json").write_text(json.dumps(stale), encoding="utf-8")
    assert RecordCache.load(root, portfolio).entries == {}
    assert RecordCache.load(root, portfolio).save(portfolio).is_file()
    saved = json.loads((portfolio / "records.json").read_text(encoding="utf-8"))
    assert saved["format"] == records.FORMAT and saved["entries"] == {}

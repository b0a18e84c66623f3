"""`readiness export ciso-assistant`: the framework library and the data-wizard assessment sheet.

The format checks come from CISO Assistant's own import code and documentation
(intuitem/ciso-assistant-community, AGPL-3.0; read, not copied):
- ``backend/library/utils.py``: ``LibraryImporter.REQUIRED_FIELDS`` (ref_id, urn, locale,
  objects, version), ``FrameworkImporter`` (ref_id, urn), ``RequirementNodeImporter`` (urn);
  the URN pattern of ``backend/core/models.py``;
- ``backend/data_wizard/views.py`` (``_process_compliance_assessment``): the first sheet read
  by ``pandas.read_excel(...).fillna("")``, rows skipped unless ``assessable`` is truthy,
  matched by ``ref_id`` then ``urn``, ``compliance_result``, ``requirement_progress``,
  ``score`` and ``observations`` read by those names;
- ``docs/guide/data-import-wizard.md`` ("Audits"): the allowed result and progress values and
  score 0-100.
``tests/fixtures/ciso_library_minimal.yaml`` is a hand-written library in their format.
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import yaml

from conftest import AS_OF, ROOT, SAMPLE
from readiness.cli import main
from readiness.core.assess import RequirementResult, assess
from readiness.core.catalogue import load_catalogue
from readiness.core.frameworks import load_crosswalk
from readiness.io.ciso import (
    COLUMNS,
    LIBRARY_FIELDS,
    NODE_FIELDS,
    PROGRESS,
    RESULTS,
    URN_REGEX,
    assessment_problems,
    level_mapping,
    library_problems,
    mapping_problems,
    read_assessment,
    write_assessment,
)
from readiness.io.workbook import read_workbook

FIXTURE = ROOT / "tests" / "fixtures" / "ciso_library_minimal.yaml"
CITY = ROOT / "data" / "sample" / "urzad-miasta-wzorowo.xlsx"


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


# -- the checker itself, against a library in their format -------------------------------


def test_the_hand_written_library_in_their_format_passes_the_check() -> None:
    assert library_problems(load(FIXTURE)) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("version"), "library: missing version"),
        (lambda d: d.pop("locale"), "library: missing locale"),
        (lambda d: d.__setitem__("urn", "not-a-urn"), "does not match"),
        (lambda d: d["objects"]["frameworks"][0].pop("ref_id"), "framework: missing ref_id"),
        (
            lambda d: d["objects"]["frameworks"][0]["requirement_nodes"][1].__setitem__("depth", 3),
            "depth is not its parent's plus one",
        ),
        (
            lambda d: d["objects"]["frameworks"][0]["requirement_nodes"].reverse(),
            "is not an earlier node",
        ),
        (
            lambda d: d["objects"]["frameworks"][0]["requirement_nodes"][1].__setitem__(
                "assessable", "yes"
            ),
            "assessable must be true or false",
        ),
        (lambda d: d["objects"].pop("frameworks"), "objects: no frameworks"),
        (
            lambda d: d["objects"].__setitem__("framework", d["objects"].pop("frameworks")[0]),
            "objects: framework is deprecated; write frameworks (a list)",
        ),
    ],
)
def test_the_check_names_what_breaks_the_format(mutate: Any, expected: str) -> None:
    doc = copy.deepcopy(load(FIXTURE))
    mutate(doc)
    problems = library_problems(doc)
    assert any(expected in p for p in problems), problems


# -- the library -------------------------------------------------------------------------


def test_library_export_is_a_valid_ciso_assistant_framework(tmp_path: Path) -> None:
    out = tmp_path / "iso9001.yaml"
    assert main(["export", "ciso-assistant", "--library", str(out)]) == 0
    doc = load(out)
    assert library_problems(doc) == []
    for key in LIBRARY_FIELDS:
        assert doc[key] not in (None, ""), key
    assert doc["locale"] == "en"
    nodes = doc["objects"]["frameworks"][0]["requirement_nodes"]
    catalogue = load_catalogue()
    assert [n["ref_id"] for n in nodes] == list(catalogue.clauses)
    assert sum(n["assessable"] for n in nodes) == len(catalogue.requirements) == 65
    for node in nodes:
        assert all(field in node for field in NODE_FIELDS), node["ref_id"]
        assert URN_REGEX.match(node["urn"])
        assert ("parent_urn" in node) == ("." in node["ref_id"])
    by_ref = {n["ref_id"]: n for n in nodes}
    assert by_ref["4.1"]["name"] == "Understanding the organization and its context"
    assert by_ref["4.1"]["description"] == catalogue.clauses["4.1"].summary
    assert by_ref["4.1"]["translations"]["pl"]["description"] == catalogue.tr(
        catalogue.clauses["4.1"].summary, "pl"
    )
    assert by_ref["4.4.1"]["name"].endswith("\u2020")  # our own title of an untitled paragraph
    assert by_ref["4.4.1"]["depth"] == 3


def test_library_of_the_2026_edition_marks_its_changes_provisional(tmp_path: Path) -> None:
    out = tmp_path / "iso9001-2026.yaml"
    code = main(["export", "ciso-assistant", "--library", str(out), "--edition", "iso9001_2026"])
    assert code == 0
    doc = load(out)
    assert library_problems(doc) == []
    assert doc["urn"] == "urn:readiness:risk:library:iso9001-2026"
    by_ref = {n["ref_id"]: n for n in doc["objects"]["frameworks"][0]["requirement_nodes"]}
    assert "(provisional)" in by_ref["5.1.1"]["description"]
    assert "quality culture" in by_ref["5.1.1"]["description"]
    assert "do potwierdzenia" in by_ref["5.1.1"]["translations"]["pl"]["description"]
    assert "provisional" not in by_ref["8.5.1"]["description"]


def test_an_unknown_edition_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.yaml"
    assert main(["export", "ciso-assistant", "--library", str(out), "--edition", "iso9001_1987"])
    assert "iso9001_1987" in capsys.readouterr().err
    assert not out.exists()


# -- the assessment ----------------------------------------------------------------------


def test_assessment_export_is_what_the_data_wizard_imports(tmp_path: Path) -> None:
    workbook = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, workbook)
    sheet, lib = tmp_path / "assessment.xlsx", tmp_path / "lib.yaml"
    args = ["export", "ciso-assistant", "--library", str(lib), "--as-of", AS_OF.isoformat()]
    assert main([*args, "--assessment", str(sheet), str(workbook)]) == 0
    rows = read_assessment(sheet)
    assert list(rows[0]) == list(COLUMNS)
    assert assessment_problems(rows, load(lib)) == []
    assert len(rows) == 65
    # as the wizard reads it: pandas, first sheet, blanks as ""
    # (cast to object first: pandas now warns on filling a float column with "")
    frame = pd.read_excel(sheet, engine="openpyxl").astype(object)
    records = frame.fillna("").to_dict(orient="records")
    assert all(r["assessable"] for r in records)
    assert {r["compliance_result"] for r in records} <= set(RESULTS)
    assert {r["requirement_progress"] for r in records} <= set(PROGRESS)
    assert all(r["score"] == "" or 0 <= int(r["score"]) <= 100 for r in records)
    # 8.3 is excluded with a justification in the sample: not applicable, no score
    book, _ = read_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
    assert book is not None
    result = assess(book, AS_OF, catalogue=load_catalogue())
    by_ref = {r["ref_id"]: r for r in records}
    for req in result.requirements:
        row = by_ref[req.ref]
        if req.excluded:
            assert (row["compliance_result"], row["score"]) == ("not_applicable", "")
        elif req.level is not None and req.level >= req.target and not req.open_nc:
            assert row["compliance_result"] == "compliant"
            assert row["score"] == req.level * 25
    assert by_ref["8.3.1"]["compliance_result"] == "not_applicable"
    # observations in the office's language (Polish for the county office)
    assert any("Poziom" in str(r["observations"]) for r in records)


def test_a_tab_or_carriage_return_before_a_formula_is_neutralised(tmp_path: Path) -> None:
    """The workbook's reader trims a cell's leading tab or return; notes that keep them
    (written by another tool) still reach the sheet as quote-prefixed text, never a formula."""
    book, _ = read_workbook(SAMPLE, as_of=AS_OF, catalogue=load_catalogue())
    assert book is not None
    result = assess(book, AS_OF, catalogue=load_catalogue())
    hostile = {"4.1": "\t=2+2", "4.2": "\r=3+3", "4.3": "\t@SUM(1,1)"}
    requirements = tuple(
        dataclasses.replace(r, level=None, owner="", notes=hostile[r.ref])
        if r.ref in hostile
        else r
        for r in result.requirements
    )
    result = dataclasses.replace(result, requirements=requirements)
    sheet = write_assessment(book, result, load_catalogue(), tmp_path / "a.xlsx", "pl")
    read = openpyxl.load_workbook(sheet)
    cells = {row[1].value: row[7] for row in read.worksheets[0].iter_rows(min_row=2)}
    for ref, text in hostile.items():
        cell = cells[ref]
        # a raw carriage return reads back as a line feed, unless written as &#13; (lxml)
        assert cell.value in (text, text.replace("\r", "\n")), ref
        assert cell.data_type == "s" and cell.quotePrefix, ref
    with zipfile.ZipFile(sheet) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_an_open_nonconformity_is_never_compliant_and_a_gap_changes_nothing(
    tmp_path: Path, make_workbook
) -> None:
    from build_sample import city_office_certified

    content = copy.deepcopy(city_office_certified())
    level = {c["ref"]: c["level"] for c in content["clauses"]}
    assert level["7.1.6"] == 3 and level["8.2.1"] == 4
    content["findings"].append(
        {"id": "AP-001", "ref": "8.2.1", "source": "gap_analysis", "grade": "gap",
         "description": "x", "status": "open"}
    )  # fmt: skip
    sheet = tmp_path / "assessment.xlsx"
    workbook = make_workbook(content, lang="pl")
    args = ["export", "ciso-assistant", "--as-of", AS_OF.isoformat(), "--assessment", str(sheet)]
    assert main([*args, str(workbook)]) == 0
    rows = {r["ref_id"]: r for r in read_assessment(sheet)}
    # AW-04, a minor nonconformity, is open on 7.1.6 (level 3): implemented, not compliant
    assert (rows["7.1.6"]["compliance_result"], rows["7.1.6"]["score"]) == (
        "partially_compliant",
        75,
    )
    # a gap of the gap analysis is not a nonconformity: 8.2.1 stays compliant at level 4
    assert (rows["8.2.1"]["compliance_result"], rows["8.2.1"]["score"]) == ("compliant", 100)


def test_assessment_rows_break_the_check_when_the_format_is_broken(tmp_path: Path) -> None:
    sheet = tmp_path / "a.xlsx"
    assert main(["export", "ciso-assistant", "--assessment", str(sheet), str(CITY)]) == 0
    rows = read_assessment(sheet)
    assert assessment_problems(rows) == []
    bad = [dict(rows[0], score=130), dict(rows[1], compliance_result="ok"), dict(rows[2])]
    bad[2].pop("urn")
    problems = assessment_problems(bad)
    assert any("score 130" in p for p in problems)
    assert any("compliance_result 'ok'" in p for p in problems)
    assert any("missing columns ['urn']" in p for p in problems)


def test_a_workbook_with_errors_is_not_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    sheet = tmp_path / "a.xlsx"
    assert main(["export", "ciso-assistant", "--assessment", str(sheet), str(broken)]) == 1
    assert not sheet.exists()


def test_export_without_an_output_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "ciso-assistant"]) == 2
    assert "--library" in capsys.readouterr().err


def result(level: int | None, target: int = 3, excluded: bool = False) -> RequirementResult:
    return RequirementResult(
        ref="9.2.1",
        chapter="9",
        level=level,
        score_level=level or 0,
        excluded=excluded,
        expected=target,
        target=target,
    )


@pytest.mark.parametrize(
    ("level", "target", "excluded", "assessed", "expected"),
    [
        (None, 3, True, True, ("not_applicable", "done", None)),
        (None, 3, False, True, ("non_compliant", "to_do", 0)),
        (0, 3, False, False, ("not_assessed", "to_do", None)),
        (0, 3, False, True, ("non_compliant", "to_do", 0)),
        (1, 3, False, True, ("non_compliant", "in_progress", 25)),
        (2, 3, False, True, ("partially_compliant", "in_progress", 50)),
        (3, 4, False, True, ("partially_compliant", "in_review", 75)),
        (3, 3, False, True, ("compliant", "done", 75)),
        (4, 3, False, True, ("compliant", "done", 100)),
    ],
)
def test_level_mapping(
    level: int | None,
    target: int,
    excluded: bool,
    assessed: bool,
    expected: tuple[str, str, int | None],
) -> None:
    assert level_mapping(result(level, target, excluded), assessed) == expected


@pytest.mark.parametrize(
    ("name", "full", "elements"), [("caf", "caf2020", 28), ("kz", "kz", 22), ("sfuk", "sfuk", 5)]
)
def test_other_frameworks_and_their_crosswalks_export_as_ciso_assistant_libraries(
    tmp_path: Path, name: str, full: str, elements: int
) -> None:
    framework, mapping, iso = tmp_path / "f.yaml", tmp_path / "m.yaml", tmp_path / "iso.yaml"
    args = ["--framework", name, str(framework), "--mapping", name, str(mapping)]
    assert main(["export", "ciso-assistant", *args, "--library", str(iso)]) == 0
    lib, crosswalk, target = load(framework), load(mapping), load(iso)
    assert library_problems(lib) == []
    nodes = lib["objects"]["frameworks"][0]["requirement_nodes"]
    assert sum(n["assessable"] for n in nodes) == elements
    assert all(n["translations"]["pl"]["name"] and n["translations"]["bg"]["name"] for n in nodes)
    assert mapping_problems(crosswalk, lib, target) == []
    head = crosswalk["objects"]["requirement_mapping_sets"][0]
    assert len(head["requirement_mappings"]) == len(load_crosswalk(full).mappings)
    assert crosswalk["dependencies"] == [lib["urn"], target["urn"]]
    # the check does find a mapping whose node is in neither library
    head["requirement_mappings"][0]["target_requirement_urn"] += "9"
    assert any("is no node" in p for p in mapping_problems(crosswalk, lib, target))


def test_an_unknown_framework_to_export_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.yaml"
    assert main(["export", "ciso-assistant", "--mapping", "efqm", str(out)]) == 2
    assert "efqm" in capsys.readouterr().err
    assert not out.exists()

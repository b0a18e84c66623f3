"""The optional CAF 2020 sheet: written by the template on request, read back by number."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import AS_OF
from readiness.cli import main
from readiness.core.catalogue import load_catalogue
from readiness.core.frameworks import load_framework
from readiness.io.caf import read_caf_scores
from readiness.io.workbook import read_workbook
from readiness.render.frameworks import other_frameworks
from readiness.render.model import build_model
from readiness.run.state import open_report


@pytest.mark.parametrize(("lang", "sheet", "header"), [("pl", "CAF 2020", "Podkryterium")])
def test_template_with_caf_has_the_28_sub_criteria_and_still_reads(
    tmp_path: Path, lang: str, sheet: str, header: str
) -> None:
    path = tmp_path / "office.xlsx"
    assert main(["template", "-o", str(path), "--lang", lang, "--caf"]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-2:] == [sheet, "_lists"]
    ws = book[sheet]
    assert ws["A1"].value == header
    caf = load_framework("caf2020")
    assert [ws.cell(row=r, column=1).value for r in range(2, 30)] == [e.ref for e in caf.elements]
    assert ws["B2"].value == caf.nodes["1.1"].name[lang]
    assert any(str(dv.sqref) == "C2:C29" for dv in ws.data_validations.dataValidation)
    assert read_caf_scores(path) == ({}, [])


def test_template_without_caf_has_no_caf_sheet(tmp_path: Path) -> None:
    path = tmp_path / "office.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    assert "CAF 2020" not in openpyxl.load_workbook(path).sheetnames
    assert read_caf_scores(path) == ({}, [])


def test_scores_are_read_back_and_bad_rows_named(
    make_workbook: Any, sample_content: dict[str, Any]
) -> None:
    path: Path = make_workbook({**sample_content, "caf": {"1.1": 55, "6.1": 30}}, lang="bg")
    book = openpyxl.load_workbook(path)
    ws = book["CAF 2020"]
    ws["C4"] = "около 50"  # 1.3: not a number
    ws["C5"] = 120  # 1.4: out of range
    ws["A6"], ws["C6"] = "2.9", 10  # no such sub-criterion
    book.save(path)
    scores, problems = read_caf_scores(path, "bg")
    assert scores == {"1.1": 55, "6.1": 30}
    assert [(p.code, p.cell) for p in problems] == [
        ("caf-score", "C4"),
        ("caf-score", "C5"),
        ("caf-ref", "A6"),
    ]
    assert problems[0].message == "Оценката е цяло число от 0 до 100."
    # the workbook's one read takes the optional sheet too: its warnings reach `check` and
    # the report, and the scores travel with the workbook (the kernel opens no file)
    workbook, found = read_workbook(path, as_of=AS_OF, lang="bg", catalogue=load_catalogue())
    assert workbook is not None  # warnings only: the rows are left out
    assert workbook.caf_scores == {"1.1": 55, "6.1": 30}
    assert [(p.code, p.cell) for p in found if p.sheet == "CAF 2020"] == [
        ("caf-score", "C4"),
        ("caf-score", "C5"),
        ("caf-ref", "A6"),
    ]
    assert workbook.caf_problems == tuple(problems)


def test_the_frameworks_section_shows_the_self_assessment_with_its_panel_band(
    make_workbook: Any, sample_content: dict[str, Any]
) -> None:
    path = make_workbook({**sample_content, "caf": {"1.1": 65, "6.1": 40}}, lang="en")
    report = open_report(path, as_of=AS_OF, lang="en", frameworks="caf")
    text = " ".join(re.sub("<[^>]+>", " ", other_frameworks(report).html).split())
    assert "Self-assessment" in text
    assert "65 It is checked and reviewed (Check)" in text  # enablers: PDCA panel, 51-70
    assert "40 Trends flat or a few targets met" in text  # results panel, 31-50


def test_the_notebooks_display_what_the_pipeline_computed_without_opening_the_workbook(
    make_workbook: Any, sample_content: dict[str, Any], tmp_path: Path
) -> None:
    # the pipeline hands the kernel its model, with the workbook read, the catalogue and the
    # frameworks' support computed: the section renders after the workbook is gone, from
    # the model alone (the view has nothing to compute it with)
    from readiness.core.assess import assess
    from readiness.core.catalogue import load_catalogue
    from readiness.run.state import state_bytes

    path = make_workbook({**sample_content, "caf": {"1.1": 65}}, lang="en")
    book, _problems = read_workbook(path, as_of=AS_OF, lang="en", catalogue=load_catalogue())
    assert book is not None
    catalogue = load_catalogue()
    assessment = assess(book, AS_OF, catalogue=catalogue)
    model = build_model(book, assessment, "en", catalogue, frameworks=("caf2020",))
    assert [s.framework.id for s in model.frameworks] == ["caf2020"]
    state = tmp_path / "state.pickle"
    state.write_bytes(state_bytes(model))
    path.unlink()
    shown = open_report("", state=str(state))
    assert shown.model == model and shown.catalogue == catalogue
    assert not hasattr(shown, "once")
    text = " ".join(re.sub("<[^>]+>", " ", other_frameworks(shown).html).split())
    assert "65 It is checked and reviewed (Check)" in text

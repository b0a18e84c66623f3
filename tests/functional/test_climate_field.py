"""4.1's decision on climate change in the Office sheet, read back and summed up in 9.3.2 b).

Real workbooks in tmp_path, written by the template in each language and typed into as
people type; the county sample's review pack states its climate decision and changes.
"""

from __future__ import annotations

import openpyxl
import pytest

from conftest import AS_OF, ROOT
from readiness.core.catalogue import load_catalogue
from readiness.core.climate import Climate
from readiness.core.review import assemble
from readiness.core.schema import OFFICE
from readiness.io.workbook import load_workbook, read_workbook

KEYS = [c.key for c in OFFICE.columns]
ROW = {key: 2 + KEYS.index(key) for key in ("climate_relevant", "climate_recorded_in")}


def _office(content, **fields):
    content["office"] = {
        k: v for k, v in content["office"].items() if not k.startswith("climate_")
    } | fields
    return content


@pytest.mark.parametrize(
    ("lang", "typed", "relevant"),
    [("en", "yes", True), ("pl", "Tak", True), ("bg", "не", False), ("pl", "nie", False)],
)
def test_the_decision_is_read_in_each_language(
    make_workbook, sample_content, lang, typed, relevant
):
    path = make_workbook(_office(sample_content), lang=lang)
    book = openpyxl.load_workbook(path)
    office = book.worksheets[1]
    office[f"B{ROW['climate_relevant']}"] = typed  # typed as people type, not by key
    office[f"B{ROW['climate_recorded_in']}"] = "Analiza kontekstu 2026"
    book.save(path)
    wb = load_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    assert wb.office.climate_relevant is relevant
    assert wb.office.climate_recorded_in == "Analiza kontekstu 2026"


@pytest.mark.parametrize("lang", ["en", "pl", "bg"])
def test_the_template_labels_explains_and_offers_yes_or_no(make_workbook, lang):
    from readiness.core.schema import label

    ws = openpyxl.load_workbook(make_workbook(lang=lang)).worksheets[1]
    row = ROW["climate_relevant"]
    field = next(c for c in OFFICE.columns if c.key == "climate_relevant")
    assert ws[f"A{row}"].value == label(field, lang)
    assert "4.1" in ws[f"A{row}"].value and "2024" in ws[f"C{row}"].value
    if lang != "en":
        assert ws[f"A{row}"].value != field.label  # translated, not left in English
    yesno = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == f"B{row}"]
    full_cycle = 2 + KEYS.index("full_cycle_before_stage1")
    same = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == f"B{full_cycle}"]
    assert len(yesno) == 1 and yesno[0].formula1 == same[0].formula1  # the yes/no list
    recorded = ROW["climate_recorded_in"]
    assert ws[f"A{recorded}"].value and ws[f"C{recorded}"].value


def test_blank_or_an_older_template_without_the_fields_reads_as_not_decided(
    make_workbook, sample_content
):
    path = make_workbook(_office(sample_content))
    assert (
        load_workbook(path, as_of=AS_OF, catalogue=load_catalogue()).office.climate_relevant is None
    )
    book = openpyxl.load_workbook(path)
    book.worksheets[1].delete_rows(ROW["climate_relevant"], 2)  # as a template before them
    book.save(path)
    wb, problems = read_workbook(path, as_of=AS_OF, catalogue=load_catalogue())
    assert wb is not None and not [p for p in problems if p.sheet == "Office"]
    assert wb.office.climate_relevant is None and wb.office.climate_recorded_in == ""


def test_a_bad_value_is_named_by_file_sheet_cell_and_what_was_expected(
    make_workbook, sample_content
):
    path = make_workbook(_office(sample_content, climate_relevant="maybe"), lang="pl")
    wb, problems = read_workbook(path, as_of=AS_OF, catalogue=load_catalogue(), lang="pl")
    assert wb is None
    bad = [p for p in problems if p.code == "bad-enum"]
    assert [(p.sheet, p.cell, p.severity) for p in bad] == [
        ("Urząd", f"B{ROW['climate_relevant']}", "error")
    ]
    assert bad[0].file.endswith(".xlsx") and bad[0].value == "maybe"
    assert "tak" in bad[0].expected and "nie" in bad[0].expected
    assert "Zmiana klimatu" in bad[0].message  # the field is named in the reader's language


def test_the_county_samples_pack_states_climate_as_relevant_with_its_change(sample):
    wb = load_workbook(sample, as_of=AS_OF, catalogue=load_catalogue())
    part = next(p for p in assemble(wb, AS_OF).parts if p.input.key == "b")
    assert isinstance(part.summary, Climate)
    assert part.summary.decided and part.summary.relevant
    assert part.summary.recorded_in.startswith("Analiza kontekstu")
    assert len(part.summary.changes) >= 1
    assert any("upałów" in line for line in part.summary.changes)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # the certified city decided it is not relevant and names the document
        (
            "urzad-miasta-wzorowo.xlsx",
            Climate(True, False, "Analiza kontekstu Urzędu Miasta Wzorowo, przegląd z 2026 r."),
        ),
        ("obshtina-primerno.xlsx", Climate(False, False)),  # undecided: the gap shows
    ],
)
def test_the_other_samples_decided_no_or_left_it_undecided(name, expected):
    wb = load_workbook(ROOT / "data" / "sample" / name, as_of=AS_OF, catalogue=load_catalogue())
    part = next(p for p in assemble(wb, AS_OF).parts if p.input.key == "b")
    assert part.summary == expected

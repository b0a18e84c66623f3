"""One rule for formula-like text in every xlsx and CSV the product writes.

A workbook full of text starting with = + - @, a tab or a carriage return is reported on;
each output is read back: in xlsx the text is exactly as written, a string cell with Excel's
quote prefix; in CSV it has a leading apostrophe. LibreOffice, opening each xlsx headless,
computes none of it.
"""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import AS_OF, require_tool
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.io.actionplan import write_action_plan
from readiness.io.ciso import write_assessment
from readiness.io.neutral import FORMULA_STARTS, formula_like, neutralise
from readiness.io.workbook import read_workbook
from readiness.render.model import build_model, plan_of
from readiness.render.view import GapReport

FORMULAS = ("=1+1", "+48 123 456", "-5+5", "@SUM(1,1)", "\t=2+2", "\r=3+3")


def hostile_content(content):
    """Findings' actions and owners, clauses' notes and the office's name all formula-like."""
    for index, text in enumerate(FORMULAS):
        content["findings"][index % len(content["findings"])]["action"] = text
    content["findings"][0]["owner"] = '=HYPERLINK("http://example.invalid","x")'
    for clause, text in zip(content["clauses"], FORMULAS, strict=False):
        clause.update(level=None, owner="", notes=text, assessed_on=None)
    content["office"]["name"] = "=Starostwo Formułowe"
    return content


@pytest.fixture
def hostile(make_workbook, sample_content):
    workbook = make_workbook(hostile_content(sample_content), lang="pl")
    book, problems = read_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue())
    assert book is not None, [str(p) for p in problems if p.severity == "error"]
    return book


def strings_of(path: Path) -> list[tuple[str, bool]]:
    """Every text cell of an xlsx as openpyxl reads it back: (value, quote prefix)."""
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    for cell in cells:
        assert cell.data_type != "f", cell.coordinate
    return [(c.value, bool(c.quotePrefix)) for c in cells if isinstance(c.value, str)]


def assert_marked(path: Path, expected: set[str]) -> None:
    # XML reads a raw carriage return back as a line feed: compare them as such
    cells = [(v.replace("\r", "\n"), q) for v, q in strings_of(path)]
    found = {value for value, _q in cells}
    assert {e.replace("\r", "\n") for e in expected} <= found
    for value, quoted in cells:
        rule = formula_like(value) or value.startswith("\n=")  # "\r=3+3" as read back
        assert quoted == rule, repr(value)  # the rule, and only where it applies
        assert not value.startswith("'")
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode()


def libreoffice_values(path: Path, tmp_path: Path) -> str:
    """The xlsx as LibreOffice computes it, saved as CSV (first sheet)."""
    office = require_tool("libreoffice")
    out = tmp_path / f"lo-{path.stem}"
    subprocess.run(
        [office, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
         str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return next(out.glob("*.csv")).read_text(encoding="utf-8")


def test_the_rule_covers_every_start():
    assert FORMULA_STARTS == ("=", "+", "-", "@", "\t", "\r")
    for text in FORMULAS:
        assert formula_like(text) and neutralise(text) == "'" + text
    assert neutralise("Plan 2027") == "Plan 2027" and not formula_like("4.1")


def test_action_plan_xlsx_is_quote_prefixed_and_csv_apostrophed(hostile, tmp_path):
    report = GapReport(
        build_model(
            hostile, assess(hostile, AS_OF, catalogue=load_catalogue()), "pl", load_catalogue()
        )
    )
    plan = plan_of(report.model)
    # the reader trims a cell's leading tab or return: rows with them are added as written
    plan += [plan[0] | {"id": f"GA-9{i}", "action": t} for i, t in enumerate(FORMULAS)]
    xlsx, path_csv = write_action_plan(plan, tmp_path, "pl")
    actions = {str(r["action"]) for r in plan if formula_like(str(r.get("action") or ""))}
    assert set(FORMULAS) <= actions
    assert_marked(xlsx, actions)
    text = path_csv.read_bytes().decode("utf-8-sig")  # a carriage return kept as written
    cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for c in row]
    assert {"'" + a for a in actions} <= set(cells)
    assert not any(formula_like(c) for c in cells)
    computed = libreoffice_values(xlsx, tmp_path)
    assert "=1+1" in computed and "@SUM(1,1)" in computed  # shown as text, not computed


def test_ciso_assistant_sheet_is_quote_prefixed(hostile, tmp_path):
    sheet = write_assessment(
        hostile,
        assess(hostile, AS_OF, catalogue=load_catalogue()),
        load_catalogue(),
        tmp_path / "a.xlsx",
        "pl",
    )
    assert_marked(sheet, {t.strip() for t in FORMULAS})
    computed = libreoffice_values(sheet, tmp_path)
    assert "=1+1" in computed and "-5+5" in computed


def test_portfolio_xlsx_is_quote_prefixed(hostile, tmp_path):
    from portfolio_data import AS_OF as PORTFOLIO_DAY
    from portfolio_data import write_offices
    from readiness.io.portfolio import Outcome, Source
    from readiness.render.dashboard import collect, to_xlsx

    root = tmp_path / "reports"
    outcomes = write_offices(root, 2, tweak={0: {"name": hostile.office.name}})
    failed = Outcome(
        Source(tmp_path / "in" / "=broken.xlsx", "=broken.xlsx"),
        "failed",
        code="workbook-errors",
        message="@Office!B2: +the office name is empty",
    )
    portfolio = collect(root, PORTFOLIO_DAY, [*outcomes, failed], "pl")
    target = to_xlsx(portfolio, tmp_path / "portfolio.xlsx")
    assert_marked(target, {"=Starostwo Formułowe", "@Office!B2: +the office name is empty"})
    computed = libreoffice_values(target, tmp_path)
    assert "=Starostwo Formułowe" in computed

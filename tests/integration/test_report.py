"""The gap report as a user gets it: papermill runs the notebook, HTML and PDF are written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import AS_OF, PACK, SAMPLE, require_tool, sha256
from readiness.core.assess import assess
from readiness.core.catalogue import load_catalogue
from readiness.core.problems import WorkbookError
from readiness.io.workbook import load_workbook
from readiness.render.export import script
from readiness.run.errors import NotebookFailed
from readiness.run.locations import notebooks_dir
from readiness.run.pipeline import build_report

pytestmark = pytest.mark.slow
CAT = load_catalogue()
# gaps of the sample office that the report must show by name
SAMPLE_GAPS = [
    "8.5.6 Nadzorowanie zmian",
    "9.3.3 Dane wyjściowe z przeglądu zarządzania",
    "6.3 Planowanie zmian",
]
REVIEW = "management-review.html"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def sample_report(sample_runs):
    paths = sample_runs.report(SAMPLE)  # the session's run (tests/conftest.py)
    workbook, before = sample_runs.source(paths)
    return paths, workbook, before


def test_outputs_land_in_office_and_date_folder(sample_report):
    paths, _, _ = sample_report
    assert paths.folder.parts[-2:] == ("starostwo-powiatowe-w-przykladowie", "2026-11-16")
    names = sorted(p.name for p in paths.folder.iterdir())
    # and the management review pack when the session's run is the demo's
    pack = [f"management-review.{ext}" for ext in PACK] if REVIEW in names else []
    assert names == sorted([
        "action-plan.csv", "action-plan.xlsx", "gap-report.html", "gap-report.ipynb",
        "gap-report.pdf", "results.json", *pack,
    ])  # fmt: skip
    left = [
        p.name for p in paths.folder.parent.iterdir() if ".partial-" in p.name or ".old-" in p.name
    ]
    assert left == [], "staging left behind"


def test_the_input_workbook_is_not_modified(sample_report):
    _, workbook, before = sample_report
    assert sha256(workbook) == before


def test_html_shows_office_chapters_and_the_sample_gaps(sample_report):
    paths, _, _ = sample_report
    html = paths.html.read_text(encoding="utf-8")
    text = visible_text(html)
    assert "Starostwo Powiatowe w Przykładowie" in text
    for chapter in CAT.chapters:
        assert f"{chapter.ref} {chapter.title['pl']}" in text
    for gap in SAMPLE_GAPS:
        assert gap in text
    assert (
        "Gotowość według rozdziałów" in text
        and "Najważniejsze luki i proponowane działania" in text
    )
    assert "76%" in text  # overall readiness


def test_html_is_self_contained_and_shows_no_code(sample_report):
    paths, _, _ = sample_report
    html = paths.html.read_text(encoding="utf-8")
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) == 1 and scripts[0][0].strip() == ""  # our one inline script, no src
    source, digest = script()
    assert scripts[0][1] == source and f"script-src '{digest}'" in html  # CSP allows only it
    assert "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "@import" not in html and "url(http" not in html
    assert html.count("<svg") >= 1
    assert "open_report" not in html and "In&nbsp;[" not in html
    assert '<html lang="pl">' in html


def test_results_json_is_the_assessment(sample_report):
    paths, workbook, _ = sample_report
    results = json.loads(paths.results.read_text(encoding="utf-8"))
    expected = assess(
        load_workbook(workbook, as_of=AS_OF, catalogue=load_catalogue()),
        AS_OF,
        catalogue=load_catalogue(),
    )
    assert results["gaps"] == [g.ref for g in expected.gaps]
    assert results["overall_readiness"] == round(expected.overall, 4)
    assert results["office"]["name"] == "Starostwo Powiatowe w Przykładowie"
    assert results["as_of"] == "2026-11-16" and results["lang"] == "pl"


def test_executed_notebook_has_the_injected_parameters(sample_report):
    paths, workbook, _ = sample_report
    nb = nbformat.read(paths.notebook, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and str(workbook) in injected[0].source
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_pdf_text_shows_office_chapters_and_gaps(sample_report):
    pdftotext = require_tool("pdftotext")
    paths, _, _ = sample_report
    text = subprocess.run(
        [pdftotext, "-layout", str(paths.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Starostwo Powiatowe w Przykładowie" in flat
    for chapter in CAT.chapters:
        assert f"{chapter.ref} {chapter.title['pl']}" in flat
    for gap in SAMPLE_GAPS:
        assert gap in flat
    pages = text.count("\f")
    assert pages >= 4
    assert f"1 / {pages}" in flat and f"{pages} / {pages}" in flat  # page X of Y


def test_pdf_pages_as_images_and_text(sample_report, tmp_path):
    pdftoppm, pdftotext = require_tool("pdftoppm"), require_tool("pdftotext")
    from PIL import Image, ImageStat

    paths, _, _ = sample_report
    prefix = str(tmp_path / "page")
    subprocess.run([pdftoppm, "-r", "40", "-png", str(paths.pdf), prefix], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 8
    for page in pages:
        image = Image.open(page).convert("L")
        assert abs(image.width / image.height - 210 / 297) < 0.01  # A4, portrait
        # a blank page is ~0; a page of plain text without tables is ~4 at 40 dpi
        assert ImageStat.Stat(image).stddev[0] > 2.5, f"{page.name} is blank"

    def text(first: int, last: int) -> str:
        args = [pdftotext, "-f", str(first), "-l", str(last), str(paths.pdf), "-"]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        return " ".join(out.split())

    cover = text(1, 1)
    expected = [
        "Starostwo Powiatowe w Przykładowie", "16 listopada 2026", "Prace wdrożeniowe",
        "Urząd nie jest gotowy do auditu etapu 1", "76%", "Zakres systemu zarządzania jakością",
    ]  # fmt: skip
    for phrase in expected:
        assert phrase in cover
    assert "Starostwo Powiatowe w Przykładowie · 16" not in cover  # no running header on the cover
    contents = text(2, 2)
    assert "Spis treści" in contents
    assert re.search(r"Droga do certyfikacji \.{5,} ?3", contents)  # leader and page number
    assert "Starostwo Powiatowe w Przykładowie · 16 listopada 2026" in contents  # running header
    assert f"2 / {len(pages)}" in contents
    # the chart is vector graphics with real text, not a picture: its labels are in the text
    chart_page = text(3, 4)
    assert "Gotowość do certyfikacji (%)" in chart_page and "ogółem 76%" in chart_page


def test_pdf_is_a4(sample_report):
    pdfinfo = require_tool("pdfinfo")
    paths, _, _ = sample_report
    info = subprocess.run(
        [pdfinfo, str(paths.pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_english_report_on_request(tmp_path, sample):
    paths = build_report(sample, out=tmp_path / "r", as_of=AS_OF, lang="en", formats=["html"])
    assert paths.folder.name == "2026-11-16-en"  # beside, not over, the Polish report
    text = visible_text(paths.html.read_text(encoding="utf-8"))
    assert "Readiness by chapter" in text and "4 Context of the organization" in text
    assert paths.pdf is None and not (paths.folder / "gap-report.pdf").exists()


def test_workbook_errors_stop_before_anything_is_written(tmp_path, make_workbook, sample_content):
    sample_content["clauses"][0]["level"] = "high"
    broken = make_workbook(sample_content)
    with pytest.raises(WorkbookError) as err:
        build_report(broken, out=tmp_path / "reports", as_of=AS_OF)
    assert "Clauses!C2" in str(err.value)
    assert not (tmp_path / "reports").exists()


def test_failed_run_keeps_the_earlier_report_and_names_the_partial_notebook(
    tmp_path, sample, monkeypatch
):
    out = tmp_path / "reports"
    first = build_report(sample, out=out, as_of=AS_OF, formats=["html"])
    before = first.html.read_bytes()

    broken_dir = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), broken_dir)
    nb_path = broken_dir / "01_initial_gap_analysis.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("raise RuntimeError('disk on fire')"))
    nbformat.write(nb, nb_path)
    monkeypatch.setenv("READINESS_NOTEBOOKS", str(broken_dir))

    with pytest.raises(NotebookFailed) as err:
        build_report(sample, out=out, as_of=AS_OF, formats=["html"])
    assert "disk on fire" in str(err.value)
    assert err.value.partial.exists() and str(err.value.partial) in str(err.value)
    partial = nbformat.read(err.value.partial, as_version=4)
    assert any(o.output_type == "error" for c in partial.cells for o in c.get("outputs", []))
    assert first.html.read_bytes() == before


def test_cli_report_through_the_console_script(tmp_path, sample):
    exe = Path(sys.executable).with_name("readiness")
    result = subprocess.run(
        [
            str(exe),
            "report",
            str(sample),
            "--out",
            str(tmp_path / "r"),
            "--as-of",
            "2026-11-16",
            "--format",
            "html",
        ],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONWARNINGS": "ignore"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.split()
    assert printed[0].endswith("gap-report.html") and Path(printed[0]).exists()
    # progress, in Polish: three stage notebooks, then the other frameworks (08_frameworks)
    assert "Notatnik 1/4: 01_initial_gap_analysis.ipynb" in result.stderr


def test_demo_writes_every_sample_and_the_county_office_in_three_languages(demo_run):
    tmp_path = demo_run.out  # `readiness demo --as-of 2026-11-16`, run once (tests/conftest.py)
    county = tmp_path / "starostwo-powiatowe-w-przykladowie"
    languages = {"2026-11-16": "pl", "2026-11-16-en": "en", "2026-11-16-bg": "bg"}
    folders = sorted(p.name for p in county.iterdir() if not p.name.startswith("."))
    assert folders == sorted([*languages, "audit-programme-2027"])  # and next year's programme
    assert (county / "audit-programme-2027" / "audit-programme.pdf").exists()
    for folder, lang in languages.items():
        html = (county / folder / "gap-report.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert (county / folder / "gap-report.pdf").exists()
    assert (tmp_path / "obshchina-primerno" / "2026-11-16" / "gap-report.pdf").exists()
    assert (tmp_path / "urzad-miasta-wzorowo" / "2026-11-16" / "gap-report.pdf").exists()
    # each office's management review pack beside its report, in the office's language
    packs = [p for p in demo_run.printed if p.name.startswith("management-review.")]
    assert len(packs) == 3 * len(PACK)
    for office in (
        "starostwo-powiatowe-w-przykladowie",
        "obshchina-primerno",
        "urzad-miasta-wzorowo",
    ):
        folder = tmp_path / office / "2026-11-16"
        assert [p for p in packs if p.parent == folder] == [
            folder / f"management-review.{e}" for e in PACK
        ]
    # every path printed is there, under --out
    assert demo_run.printed and all(
        p.is_file() and p.is_relative_to(tmp_path) for p in demo_run.printed
    )


def test_a_relative_out_folder_is_where_the_command_runs_not_where_the_kernel_does(
    tmp_path, sample, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    paths = build_report(sample.name, out="reports", as_of=AS_OF, formats=["html"])
    assert paths.folder == tmp_path / "reports" / paths.folder.parent.name / AS_OF.isoformat()
    for path in (paths.html, paths.notebook, paths.results, *paths.action_plan):
        assert path.is_absolute() and path.is_file(), path
    injected = nbformat.read(paths.notebook, as_version=4)
    source = next(c.source for c in injected.cells if "injected-parameters" in c.metadata.tags)
    for name in ("workbook", "history_dir", "state"):
        value = re.search(rf'^{name} = "(.*)"$', source, re.M).group(1)
        assert Path(value).is_absolute(), (name, value)

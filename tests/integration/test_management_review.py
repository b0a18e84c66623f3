"""``readiness review``: the management review pack, run as a user runs it, in tmp_path.

The command is run as a process on copies of the sample workbooks; the .docx is read back by
LibreOffice Writer (headless, a profile of each test's own), the PDF by pdftotext, the page as
text. What each test checks could fail: the parts' headings, the office, the 9.3.3 table's
columns (the Review decisions sheet's, in its order), "no data" where there is none.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from scan_words import english_words, internal_names, office_words

from conftest import ROOT, require_tool, writer_text
from readiness.core.catalogue import load_catalogue
from readiness.core.messages import translator
from readiness.core.review import load_inputs
from readiness.core.schema import REVIEW_DECISIONS, label
from readiness.io.workbook import load_workbook
from readiness.render.i18n import clause_ref, format_date

pytestmark = pytest.mark.slow
SAMPLES = ROOT / "data" / "sample"
CERTIFIED = SAMPLES / "urzad-miasta-wzorowo.xlsx"
BULGARIAN = SAMPLES / "obshtina-primerno.xlsx"
AS_OF = "2026-11-16"
FILES = ("ipynb", "html", "pdf", "docx")


def review(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``readiness review ...`` as a process, its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "readiness.cli", "review", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def copied(sample: Path, folder: Path) -> Path:
    """A copy of a sample workbook (and the registers its Office sheet names) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample, folder / sample.name)
    if (sample.parent / "registers").is_dir():
        shutil.copytree(sample.parent / "registers", folder / "registers", dirs_exist_ok=True)
    return folder / sample.name


def printed(result: subprocess.CompletedProcess[str]) -> list[Path]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [Path(line) for line in result.stdout.splitlines() if line.strip()]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def docx_text(docx: Path, tmp_path: Path) -> str:
    """The .docx as LibreOffice Writer reads it, as text."""
    return flat(writer_text(docx, tmp_path))


def pdf_text(pdf: Path) -> str:
    tool = require_tool("pdftotext")
    done = subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True, check=True)
    # the analyses' tables hyphenate long words (review.typ) with a soft hyphen: read whole
    return flat(done.stdout.replace("\u00ad\n", ""))


def page_text(html: Path) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = False

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.skip = tag in ("style", "script")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html.read_text(encoding="utf-8"))
    return flat(" ".join(parser.parts))


def native_only(text: str, workbook: Path, lang: str) -> None:
    """No English word and no internal name in a Polish or Bulgarian text (``scan_words``)."""
    book = load_workbook(workbook, as_of=dt.date.fromisoformat(AS_OF), catalogue=load_catalogue())
    leaks, scanned = english_words(text, lang, office_words(book, workbook.parent))
    assert scanned > 300, scanned  # a whole pack was read, not an error page
    assert leaks == [], sorted(set(leaks))
    assert internal_names(text) == []


def headings(lang: str) -> list[str]:
    """Each 9.3.2 input's heading as the pack writes it in ``lang``."""
    _ = translator(lang)
    return [f"{clause_ref(spec.clause, lang)} {_(spec.title)}" for spec in load_inputs()[0]]


@pytest.fixture(scope="module")
def certified(sample_packs, demo_run) -> tuple[Path, list[Path]]:
    # the pack `readiness demo --as-of AS_OF` wrote and printed, run once (tests/conftest.py)
    packs = sample_packs(CERTIFIED)
    return demo_run.out, [p for p in demo_run.printed if p in packs]


def test_the_pack_is_written_where_printed(certified):
    out, paths = certified
    folder = out / "urzad-miasta-wzorowo" / AS_OF
    assert paths == [folder / f"management-review.{ext}" for ext in FILES]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    # beside that date's gap report, which the demo wrote first
    pack = sorted(p.name for p in folder.iterdir() if p.name.startswith("management-review."))
    assert pack == sorted(p.name for p in paths) and (folder / "gap-report.html").is_file()
    assert not [
        p for p in folder.parent.iterdir() if p.name.startswith(".") and "partial" in p.name
    ]


def test_the_docx_opens_in_writer_with_the_parts_office_and_decisions_table(certified, tmp_path):
    _out, paths = certified
    text = docx_text(paths[3], tmp_path)
    assert "Urząd Miasta Wzorowo" in text
    for heading in headings("pl"):
        assert flat(heading) in text, heading
    header = [label(column, "pl") for column in REVIEW_DECISIONS.columns]
    assert " ".join(header) in text or all(h in text for h in header)
    assert "Dane wyjściowe z przeglądu zarządzania (9.3.3)" in text
    # the previous review's decisions are reported (9.3.2 a) and the statement it feeds
    assert "Wprowadzić zapisy na wizytę w BOM przez internet." in text
    assert "oświadczenie o stanie kontroli zarządczej" in text
    assert "art. 70 ust. 1 ustawy z dnia 27 sierpnia 2009 r. o finansach publicznych" in text
    year_analyses(text, charts=False)
    from docx import Document

    pictures = Document(str(paths[3])).inline_shapes
    assert len(pictures) == 3  # one chart per objective with results, as PNG


def year_analyses(text: str, charts: bool = True) -> None:
    """The city's objectives, satisfaction and providers, as the report shows them."""
    for shown in (
        "Cele osiągnięte: 2 z 3",  # c) 2): the table and each objective's status
        "≥ 97%",
        "97,9% (2026-Q3)",
        "wartość docelowa 97",  # the chart's target line (text in the SVG; none in the .docx)
        "Ostatni pomiar zadowolenia klienta: 30 października 2026 r.",  # c) 1)
        "Według pytań i usług",
        "Odsetek zadowolonych",
        "Przedział 95%",
        "Dostawcy: 5; ocenieni: 5; zaległe ponowne oceny: 1",  # c) 7)
        "Wymyślone Usługi Porządkowe s.c.",
        "niezatwierdzony",
    ):
        if charts or "docelowa" not in shown:
            assert flat(shown) in text, shown
    assert "r.." not in text  # a date ending a sentence takes one full stop


def test_the_decisions_table_has_the_sheet_columns_in_order(certified):
    from docx import Document

    _out, paths = certified
    tables = Document(str(paths[3])).tables
    header = [label(column, "pl") for column in REVIEW_DECISIONS.columns]
    fill = [t for t in tables if [c.text for c in t.rows[0].cells] == header]
    assert len(fill) == 1
    kinds = {row.cells[1].text for row in fill[0].rows[1:]}
    assert kinds == {"usprawnienie", "zmiana w systemie", "potrzeba zasobów"} or len(kinds) == 3


def test_the_pdf_shows_every_part(certified):
    _out, paths = certified
    text = pdf_text(paths[2])
    for spec in load_inputs()[0]:
        assert spec.clause in text, spec.clause
    assert "Urząd Miasta Wzorowo" in text
    assert "Dane wyjściowe z przeglądu zarządzania (9.3.3)" in text
    # Polish throughout: none of the English labels
    for english in ("Rows in", "No data", "Source", "Inputs of", "annual statement"):
        assert english not in text, english
    native_only(text, CERTIFIED, "pl")
    native_only(page_text(paths[1]), CERTIFIED, "pl")
    year_analyses(text)
    year_analyses(page_text(paths[1]))
    assert paths[1].read_text(encoding="utf-8").count("<svg") == 3


def test_the_executed_notebook_is_kept_with_the_pack(certified):
    import nbformat

    _out, paths = certified
    nb = nbformat.read(paths[0], as_version=4)
    shown = [
        o["data"]["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if "text/html" in o.get("data", {})
    ]
    assert shown and "9.3.2 c) 7)" in shown[-1]
    assert any(
        "state = " in "".join(c.source)
        for c in nb.cells
        if "injected-parameters" in c.metadata.get("tags", [])
    )


def test_an_office_with_no_records_shows_no_data_parts(tmp_path, make_workbook, sample_content):
    content = {
        "office": dict(sample_content["office"], language="en"),
        "clauses": sample_content["clauses"],
    }
    workbook = make_workbook(content)
    paths = printed(review(workbook, "--out", tmp_path / "reports", "--as-of", AS_OF))
    text = page_text(paths[1])
    # every input but b), which states the Office sheet's decision on climate change (4.1),
    # and a), where a first review has no earlier actions: said so, not asked to be filled
    empty = len(load_inputs()[0]) - 2
    assert text.count("No data: record it before the review.") == empty
    assert "No earlier management review is recorded: if this is the first one" in text
    assert "Climate-related changes since the last review: none recorded." in text
    assert "No management review is recorded: the pack covers the 12 months after" in text
    words = docx_text(paths[3], tmp_path)
    assert words.count("No data: record it before the review.") == empty


def test_since_sets_the_period_and_another_language_its_folder(tmp_path):
    workbook = copied(CERTIFIED, tmp_path)
    out = tmp_path / "reports"
    paths = printed(
        review(workbook, "--out", out, "--as-of", AS_OF, "--since", "2026-01-01", "--lang", "en")
    )
    assert paths[1].parent == out / "urzad-miasta-wzorowo" / f"{AS_OF}-en"
    text = page_text(paths[1])
    day = format_date(dt.date(2026, 1, 1), "en", "long")
    assert f"Inputs recorded after {day}." in text
    for heading in headings("en"):
        assert heading in text


def test_a_since_after_the_report_date_is_a_clear_message(tmp_path):
    workbook = copied(CERTIFIED, tmp_path)
    done = review(
        workbook, "--out", tmp_path / "reports", "--as-of", AS_OF, "--since", "2027-01-01"
    )
    assert done.returncode == 2
    assert "jest późniejsza niż data raportu" in done.stderr
    assert "Traceback" not in done.stderr and "ValueError" not in done.stderr
    assert not (tmp_path / "reports").exists()
    bad = review(workbook, "--since", "yesterday")
    assert bad.returncode == 2 and "is not a date; write it as 2026-11-30" in bad.stderr


def test_the_bulgarian_office_gets_its_pack_in_bulgarian(tmp_path):
    workbook = copied(BULGARIAN, tmp_path)
    done = review(workbook, "--out", tmp_path / "reports", "--as-of", AS_OF, "--quiet")
    paths = printed(done)
    assert "Входни данни без записи" not in done.stderr  # --quiet: no summary line
    text = page_text(paths[1])
    assert "Преглед от ръководството: входни данни и решения" in text
    assert "2 от 12 входни данни са без записи: 9.3.2 д), 9.3.2 е)." in text
    for heading in headings("bg"):
        assert heading in text, heading
    assert "Закон за финансовото управление и контрол в публичния сектор, чл. 8" in text
    assert "Правното основание още не е сверено с обнародвания текст." in text
    for english in ("Rows in", "No data", "Source", "Inputs of", "annual statement"):
        assert english not in text, english
    native_only(text, workbook, "bg")
    native_only(pdf_text(paths[2]), workbook, "bg")
    words = docx_text(paths[3], tmp_path)
    assert "Община" in words and "(9.3.3)" in words


def test_the_report_and_the_pack_keep_each_other_in_the_date_folder(tmp_path):
    from readiness.io.output import promote_locked
    from readiness.run.steps import REVIEW_PREFIX

    final = tmp_path / AS_OF
    final.mkdir()
    (final / "gap-report.html").write_text("report")
    (final / "management-review.html").write_text("old pack")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "management-review.html").write_text("new pack")
    promote_locked(staging, final, keep=lambda name: not name.startswith(REVIEW_PREFIX))
    assert (final / "gap-report.html").read_text() == "report"
    assert (final / "management-review.html").read_text() == "new pack"
    again = tmp_path / "again"
    again.mkdir()
    (again / "gap-report.html").write_text("new report")
    promote_locked(again, final, keep=lambda name: name.startswith(REVIEW_PREFIX))
    assert (final / "gap-report.html").read_text() == "new report"
    assert (final / "management-review.html").read_text() == "new pack"

"""The .docx writer (render/docx.py): read back as text by LibreOffice Writer, headless."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from conftest import writer_text
from readiness.render.docx import Document, Heading, Paragraph, Table, docx_bytes, write_docx

PACK = Document(
    title="Przegląd zarządzania – materiały wejściowe",
    office="Urząd Miasta Wzorowo",
    date=dt.date(2026, 11, 16),
    lang="pl",
    blocks=(
        Heading("a) Status działań z poprzednich przeglądów"),
        Paragraph(
            "Źródło: arkusz Decyzje z przeglądów, 2 wiersze.\nDruga linia: zażółć gęślą jaźń."
        ),
        Table(
            header=("Decyzja", "Właściciel", "Termin", "Status"),
            rows=(("Zapisy na wizytę przez internet", "Biuro Obsługi Mieszkańców", "31.03.2027"),),
        ),
        Heading("Цели по качеството", level=2),
        Paragraph("Щастливо ѝ е на Община Примерно\x07 (контролен знак изпуснат)."),
        Heading("9.3.3 Decyzje do wpisania", level=5),
        Table(header=("Rodzaj decyzji", "Decyzja", "Właściciel", "Termin"), blank_rows=4),
    ),
)


def test_writer_reads_the_headings_tables_and_letters(tmp_path):
    path = write_docx(PACK, tmp_path / "management-review.docx")
    text = writer_text(path, tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[:3] == [
        "Przegląd zarządzania – materiały wejściowe",
        "Urząd Miasta Wzorowo",
        "16 listopada 2026 r.",  # the date in the Polish official style
    ]
    for expected in (
        "a) Status działań z poprzednich przeglądów",
        "Druga linia: zażółć gęślą jaźń.",
        "Zapisy na wizytę przez internet",
        "Biuro Obsługi Mieszkańców",
        "Цели по качеството",
        "Щастливо ѝ е на Община Примерно (контролен знак изпуснат).",
        "9.3.3 Decyzje do wpisania",
        "Rodzaj decyzji",
    ):
        assert expected in lines, expected
    # the header cells come before the row's cells, in order
    assert lines.index("Decyzja") < lines.index("Zapisy na wizytę przez internet")
    assert lines.index("Status") < lines.index("Zapisy na wizytę przez internet")


def test_the_structure_becomes_word_headings_and_tables(tmp_path):
    from docx import Document as open_docx

    path = write_docx(PACK, tmp_path / "pack.docx")
    doc = open_docx(str(path))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles[0] == ("Title", PACK.title)
    assert ("Heading 1", "a) Status działań z poprzednich przeglądów") in styles
    assert ("Heading 2", "Цели по качеството") in styles
    assert ("Heading 3", "9.3.3 Decyzje do wpisania") in styles  # deeper levels stop at 3
    first, form = doc.tables
    assert [c.text for c in first.rows[0].cells] == ["Decyzja", "Właściciel", "Termin", "Status"]
    assert [c.text for c in first.rows[1].cells][-1] == ""  # a short row is padded
    assert len(form.rows) == 5 and all(c.text == "" for r in form.rows[1:] for c in r.cells)
    # the header row repeats on every page, in both tables
    for table in (first, form):
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert doc.core_properties.title == PACK.title
    page = doc.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)  # A4
    assert doc.core_properties.language == "pl-PL"
    with zipfile.ZipFile(path) as archive:
        assert 'w:val="pl-PL"' in archive.read("word/styles.xml").decode()


def test_written_atomically_and_nothing_left_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "pack.docx"
    target.write_bytes(b"earlier")
    import readiness.render.docx as module

    def broken(document: Document) -> bytes:
        raise RuntimeError("no")

    monkeypatch.setattr(module, "docx_bytes", broken)
    with pytest.raises(RuntimeError):
        module.write_docx(PACK, target)
    assert target.read_bytes() == b"earlier"
    monkeypatch.undo()
    write_docx(PACK, target)
    assert zipfile.is_zipfile(target) and sorted(p.name for p in tmp_path.iterdir()) == [
        "pack.docx"
    ]
    assert docx_bytes(PACK)[:2] == b"PK"


def test_the_date_is_the_pages_long_date_and_a_picture_is_embedded(tmp_path):
    from docx import Document as open_docx

    from readiness.render.docx import Picture
    from readiness.render.i18n import format_date

    png = _png()
    for lang in ("en", "bg"):
        document = Document("Pack", "Office", dt.date(2026, 11, 16), lang, (Picture(png, 8.0),))
        doc = open_docx(str(write_docx(document, tmp_path / f"{lang}.docx")))
        texts = [p.text for p in doc.paragraphs if p.text]
        assert texts[2] == format_date(dt.date(2026, 11, 16), lang, "long")  # as the page's
        (picture,) = doc.inline_shapes
        assert round(picture.width.cm, 1) == 8.0
    assert texts[2] == "16 ноември 2026\u202fг."  # CLDR: a narrow no-break space before г.


def _png() -> bytes:
    from readiness.render.analyses import Chart, chart_png

    return chart_png(
        Chart(("2026-Q1", "2026-Q2"), (1.0, 2.0), ("1", "2"), 2.0, "target 2", "x"), "en"
    )

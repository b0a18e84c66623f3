"""Build the registers the sample offices keep beside their workbooks, in layouts of their own.

An office keeps its registers in whatever shape grew over the years; these imitate that:

- Starostwo Powiatowe w Przykładowie (``registers/starostwo/``): a list of QMS documents in
  LibreOffice's ods, a complaints register in xlsx with a title row and merged headers, a
  training record exported from the document system (EZD) as a cp1250 CSV with ``;``, and an
  xlsx register of nonconformities and corrective actions;
- Община Примерно (``registers/obshtina/``): a training record as a windows-1251 CSV with
  ``,`` and an xlsx register of сигнали и предложения;
- the quality year (satisfaction surveys, one row per respondent, and supplier evaluations)
  of the three offices: ``registers/wzorowo/`` (Urząd Miasta Wzorowo: surveys of 2025 and
  2026, answers 1-5, with its own sources file), and beside the county's and the
  municipality's other registers (answers in words: "bardzo dobrze", "много добре").

Each folder also holds the ``sources.toml`` that maps the registers for ``readiness``.
Everything is invented: no such office, person or case exists. The files are committed;
running this script again writes the same bytes (fixed timestamps inside the archives), and
needs neither LibreOffice nor any package beyond openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import os

# the same bytes whether or not lxml is installed (python-docx brings it): openpyxl writes
# through lxml when it can, and then spells every non-ASCII letter as a character reference
os.environ.setdefault("OPENPYXL_LXML", "False")
import random
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
ROOT = HERE / "registers"
D = dt.date
STAMP = (2026, 11, 1, 0, 0, 0)  # every archive member carries this time: same bytes each run


# -- writers ------------------------------------------------------------------------------


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's time fixed, ``mimetype`` first and stored."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    order = source.namelist()
    names = sorted(order, key=lambda n: (n != "mimetype", order.index(n)))
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = source.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps the time of saving here
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", data
                )
            target.writestr(info, data)
    return out.getvalue()


def _save_xlsx(book: openpyxl.Workbook, path: Path) -> None:
    when = dt.datetime(*STAMP)
    book.properties.created = when
    book.properties.modified = when
    book.properties.creator = "readiness sample"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        iso = value.isoformat()
        shown = value.strftime("%d.%m.%Y")
        return (
            f'<table:table-cell table:style-name="ce1" office:value-type="date" '
            f'office:date-value="{iso}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if isinstance(value, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'office:version="1.2"'
)


DATE_STYLE = (  # dates shown as 02.04.2026, as a Polish office's LibreOffice shows them
    "<office:automatic-styles>"
    '<number:date-style style:name="N37"><number:day number:style="long"/>'
    '<number:text>.</number:text><number:month number:style="long"/>'
    '<number:text>.</number:text><number:year number:style="long"/></number:date-style>'
    '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N37"/>'
    "</office:automatic-styles>"
)


def write_ods(path: Path, sheet: str, rows: list[list[object]]) -> None:
    """A one-sheet OpenDocument spreadsheet, written by hand: mimetype, manifest, content."""
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {ODS_NS}>{DATE_STYLE}<office:body><office:spreadsheet>"
        f"<table:table table:name={quoteattr(sheet)}>{body}</table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<manifest:manifest {ODS_NS}>"
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", manifest)
        book.writestr("content.xml", content)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def write_csv(path: Path, rows: list[list[object]], separator: str, encoding: str) -> None:
    """A CSV as a document system exports it: dates as dd.mm.yyyy, CRLF, fields quoted."""

    def field(value: object) -> str:
        if isinstance(value, dt.date):
            return value.strftime("%d.%m.%Y")
        text = "" if value is None else str(value)
        if separator in text or '"' in text or separator == ",":
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [separator.join(field(v) for v in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


# -- Starostwo Powiatowe w Przykładowie ---------------------------------------------------

DOCUMENTS = [
    # symbol, name, clauses, kind, owner, approved, review, status
    ("PR-01", "Procedura nadzoru nad dokumentacją i zapisami", "7.5.2; 7.5.3.1", "dokument",
     "Marta Przykładowska", D(2026, 4, 2), D(2027, 12, 1), "obowiązujący"),
    ("PR-02", "Procedura auditu wewnętrznego", "9.2.1", "dokument",
     "Marta Przykładowska", D(2026, 4, 2), D(2027, 12, 1), "obowiązujący"),
    ("PR-03", "Procedura działań korygujących", "10.2.1", "dokument",
     "Marta Przykładowska", D(2026, 4, 2), D(2027, 12, 1), "obowiązujący"),
    ("PR-04", "Procedura przyjmowania i rozpatrywania skarg i wniosków", "8.2.1; 9.1.2",
     "dokument", "Wydział Organizacyjny", D(2026, 5, 4), D(2027, 12, 1), "obowiązujący"),
    ("PR-05", "Procedura nadzoru nad usługą niezgodną", "8.7.1", "dokument",
     "Marta Przykładowska", D(2026, 11, 3), None, "projekt"),
    ("RO-2026", "Regulamin organizacyjny Starostwa", "5.3", "inny",
     "Sekretarz Powiatu", D(2026, 1, 2), D(2027, 12, 31), "obowiązujący"),
    ("IK-EZD", "Instrukcja kancelaryjna (system EZD)", "7.5.3.1; 7.5.3.2", "inny",
     "Wydział Organizacyjny", D(2025, 12, 1), D(2027, 12, 1), "obowiązujący"),
    ("PR-01/2019", "Procedura nadzoru nad dokumentacją (wydanie 2019)", "7.5.3.1", "dokument",
     "Marta Przykładowska", D(2019, 3, 1), None, "wycofany"),
]  # fmt: skip

COMPLAINTS = [
    # no, received, case mark, kind, subject, answered, outcome
    (1, D(2026, 1, 12), "OR.1510.1.2026", "skarga", "Przewlekłość rejestracji pojazdu",
     D(2026, 2, 5), "zasadna"),
    (2, D(2026, 2, 3), "OR.1510.2.2026", "wniosek", "Dłuższe godziny pracy kasy",
     D(2026, 2, 27), "uwzględniony"),
    (3, D(2026, 3, 9), "OR.1510.3.2026", "skarga", "Zachowanie pracownika obsługi",
     D(2026, 4, 20), "niezasadna"),
    (4, D(2026, 4, 14), "OR.1510.4.2026", "skarga", "Brak odpowiedzi na pismo (geodezja)",
     D(2026, 5, 8), "zasadna"),
    (5, D(2026, 5, 6), "OR.1510.5.2026", "wniosek", "Formularze do pobrania w BIP",
     D(2026, 5, 29), "uwzględniony"),
    (6, D(2026, 6, 2), "OR.1510.6.2026", "skarga", "Termin wydania prawa jazdy",
     D(2026, 7, 15), "zasadna"),
    (7, D(2026, 6, 23), "OR.1510.7.2026", "skarga", "Kolejka w wydziale komunikacji",
     D(2026, 7, 10), "niezasadna"),
    (8, D(2026, 8, 18), "OR.1510.8.2026", "wniosek", "Ławki przed wejściem do urzędu",
     D(2026, 9, 11), "nieuwzględniony"),
    (9, D(2026, 9, 7), "OR.1510.9.2026", "skarga", "Opłata za wypis z rejestru gruntów",
     D(2026, 10, 2), "niezasadna"),
    (10, D(2026, 10, 1), "OR.1510.10.2026", "skarga", "Przewlekłość postępowania budowlanego",
     None, "w toku"),
    (11, D(2026, 10, 20), "OR.1510.11.2026", "wniosek", "Numerki kolejkowe przez internet",
     None, "w toku"),
]  # fmt: skip

TRAINING = [
    # person, unit, topic, date, organiser, certificate, form
    ("Anna Fikcyjna", "Wydział Komunikacji", "Kodeks postępowania administracyjnego – terminy",
     D(2026, 2, 17), "Fikcyjna Szkoła Administracji", "ZS/2026/014", "stacjonarne"),
    ("Bogdan Zmyślony", "Wydział Komunikacji", "Kodeks postępowania administracyjnego – terminy",
     D(2026, 2, 17), "Fikcyjna Szkoła Administracji", "ZS/2026/015", "stacjonarne"),
    ("Celina Wymyślona", "Wydział Geodezji", "Obsługa klienta trudnego",
     D(2026, 3, 24), "Szkolenie wewnętrzne", "", "stacjonarne"),
    ("Dariusz Przykładowy", "Wydział Architektury", "Prawo budowlane po nowelizacji",
     D(2026, 4, 9), "Fikcyjne Centrum Szkoleń", "FCS-88/2026", "online"),
    ("Ewa Zmyślona", "Wydział Organizacyjny", "Auditor wewnętrzny ISO 9001",
     D(2026, 5, 12), "Wzorcowe Doradztwo", "WD/AW/2026/07", "stacjonarne"),
    ("Piotr Audytowy", "Wydział Organizacyjny", "Auditor wewnętrzny ISO 9001",
     D(2026, 5, 12), "Wzorcowe Doradztwo", "WD/AW/2026/08", "stacjonarne"),
    ("Marta Przykładowska", "Sekretarz Powiatu", "Zarządzanie ryzykiem w kontroli zarządczej",
     D(2026, 6, 3), "Fikcyjna Szkoła Administracji", "ZS/2026/102", "online"),
    ("Grzegorz Wzorowy", "Wydział Ochrony Środowiska", "Ochrona danych osobowych w urzędzie",
     D(2026, 9, 15), "Szkolenie wewnętrzne", "", "stacjonarne"),
    ("Halina Testowa", "Wydział Gospodarki Nieruchomościami", "Ochrona danych osobowych w urzędzie",
     D(2026, 9, 15), "Szkolenie wewnętrzne", "", "stacjonarne"),
]  # fmt: skip

NONCONFORMITIES = [
    # no, found, source, category, description, clause, action, owner, due, status, closed
    ("NC-2025-01", D(2025, 11, 18), "audit wewnętrzny", "niezgodność mała",
     "Karty usług wydziału geodezji nieaktualne w BIP.", "8.2.1",
     "Przegląd i aktualizacja kart usług.", "Naczelnik Wydziału Geodezji", D(2026, 1, 31),
     "zweryfikowana", D(2026, 1, 20)),
    ("NC-2025-02", D(2025, 11, 19), "audit wewnętrzny", "obserwacja",
     "Brak podpisu na liście obecności ze szkolenia BHP.", "7.2",
     "Uzupełnienie listy obecności.", "Ewa Zmyślona", D(2025, 12, 15),
     "zweryfikowana", D(2025, 12, 10)),
    ("NC-2026-01", D(2026, 2, 5), "skarga", "niezgodność mała",
     "Rejestracja pojazdu po terminie (skarga OR.1510.1.2026).", "8.5.1",
     "Dodatkowe stanowisko w szczycie rejestracji.", "Naczelnik Wydziału Komunikacji",
     D(2026, 4, 30), "zweryfikowana", D(2026, 4, 15)),
    ("NC-2026-02", D(2026, 5, 8), "skarga", "możliwość doskonalenia",
     "Odpowiedzi na pisma geodezyjne bez kontroli terminów w EZD.", "8.2.1",
     "Włączenie przypomnień o terminach w EZD.", "Informatyk", D(2026, 8, 31),
     "zweryfikowana", D(2026, 8, 20)),
]  # fmt: skip

STAROSTWO_SOURCES = """\
# Registers Starostwo Powiatowe w Przykładowie keeps, mapped for readiness.
# The Office sheet of starostwo-przykladowo.xlsx names this file; paths are relative to it.
# [columns]: our field = their header; [values]: their word = ours.

[registers.dokumenty]
file = "wykaz-dokumentow.ods"
sheet = "Wykaz"
role = "evidence"

[registers.dokumenty.columns]
reference = "Symbol"
title = "Nazwa dokumentu"
refs = "Punkty normy"
kind = "Rodzaj"
owner = "Właściciel"
dated = "Zatwierdzono"
review_due = "Następny przegląd"
status = "Status"

[registers.dokumenty.values.kind]
"dokument" = "maintain"
"zapis" = "retain"
"inny" = "other"

[registers.dokumenty.values.status]
"obowiązujący" = "approved"
"projekt" = "draft"
"wycofany" = "withdrawn"

[registers.skargi]
file = "rejestr-skarg-i-wnioskow.xlsx"
title = "Rejestr skarg i wniosków"
sheet = "Rejestr 2026"
role = "complaints"
header_row = 4  # row 3 holds the merged group headings, row 4 the column headings

[registers.skargi.columns]
received = "Wpływ / data"
reference = "Wpływ / znak sprawy"
kind = "Rodzaj"
subject = "Przedmiot"
answered = "Załatwienie / data odpowiedzi"
outcome = "Załatwienie / sposób załatwienia"

[registers.skargi.values.kind]
"skarga" = "complaint"
"wniosek" = "request"

[registers.skargi.defaults]
refs = "9.1.2; 10.2.1"  # complaints are customer feedback and nonconforming outputs

[registers.szkolenia]
file = "szkolenia-ezd.csv"
role = "training"
encoding = "cp1250"  # the EZD export; detected when left out
separator = ";"

[registers.szkolenia.columns]
person = "Imię i nazwisko"
unit = "Komórka organizacyjna"
topic = "Temat szkolenia"
date = "Data szkolenia"
organiser = "Organizator"
reference = "Nr zaświadczenia"

[registers.szkolenia.defaults]
refs = "7.2; 7.3"  # every training supports competence and awareness

[registers.niezgodnosci]
file = "rejestr-niezgodnosci.xlsx"
sheet = "Rejestr NC"
role = "findings"

[registers.niezgodnosci.columns]
id = "Nr"
source = "Źródło"
grade = "Kategoria"
description = "Opis niezgodności"
ref = "Pkt normy"
action = "Działanie korygujące"
owner = "Odpowiedzialny"
due = "Termin"
status = "Status"
closed_on = "Data zamknięcia"

[registers.niezgodnosci.values.source]
"audit wewnętrzny" = "internal_audit"
"skarga" = "complaint"
"przegląd zarządzania" = "management_review"

[registers.niezgodnosci.values.grade]
"niezgodność duża" = "major"
"niezgodność mała" = "minor"
"obserwacja" = "observation"
"możliwość doskonalenia" = "ofi"

[registers.niezgodnosci.values.status]
"otwarta" = "open"
"w realizacji" = "in_progress"
"zamknięta" = "closed"
"zweryfikowana" = "verified"
"""


def starostwo(folder: Path) -> list[Path]:
    """The Polish county office's four registers and their sources file."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    ods = folder / "wykaz-dokumentow.ods"
    header = ["Lp.", "Symbol", "Nazwa dokumentu", "Punkty normy", "Rodzaj", "Właściciel",
              "Zatwierdzono", "Następny przegląd", "Status"]  # fmt: skip
    rows: list[list[object]] = [
        ["Wykaz dokumentów Systemu Zarządzania Jakością – Starostwo Powiatowe w Przykładowie"],
        ["stan na 3.11.2026"],
        header,
    ]
    rows += [[i, *doc] for i, doc in enumerate(DOCUMENTS, start=1)]
    write_ods(ods, "Wykaz", rows)
    written.append(ods)

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Rejestr 2026"
    ws["A1"] = "REJESTR SKARG I WNIOSKÓW – 2026"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    ws["A2"] = "prowadzi: Wydział Organizacyjny"
    top = ["Lp.", "Wpływ", None, "Rodzaj", "Przedmiot", "Załatwienie", None, "Uwagi"]
    sub = [None, "data", "znak sprawy", None, None, "data odpowiedzi", "sposób załatwienia", None]
    for col, value in enumerate(top, start=1):
        if value:
            ws.cell(row=3, column=col, value=value).font = Font(bold=True)
    for col, value in enumerate(sub, start=1):
        if value:
            ws.cell(row=4, column=col, value=value).font = Font(bold=True)
    for span in ("B3:C3", "F3:G3", "A3:A4", "D3:D4", "E3:E4", "H3:H4"):
        ws.merge_cells(span)
    for no, received, mark, kind, subject, answered, outcome in COMPLAINTS:
        ws.append([no, received, mark, kind, subject, answered, outcome, None])
    for row in ws.iter_rows(min_row=5, min_col=2, max_col=6):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    for col, width in zip("ABCDEFGH", (5, 12, 18, 10, 48, 14, 18, 20), strict=True):
        ws.column_dimensions[col].width = width
    ws["A3"].alignment = Alignment(vertical="center")
    path = folder / "rejestr-skarg-i-wnioskow.xlsx"
    _save_xlsx(book, path)
    written.append(path)

    csv = folder / "szkolenia-ezd.csv"
    header = ["Lp.", "Imię i nazwisko", "Komórka organizacyjna", "Temat szkolenia",
              "Data szkolenia", "Organizator", "Nr zaświadczenia", "Forma"]  # fmt: skip
    write_csv(
        csv,
        [header, *([i, *t] for i, t in enumerate(TRAINING, start=1))],
        separator=";",
        encoding="cp1250",
    )
    written.append(csv)

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Rejestr NC"
    ws["A1"] = "Rejestr niezgodności i działań korygujących"
    ws["A1"].font = Font(bold=True)
    header = ["Nr", "Data stwierdzenia", "Źródło", "Kategoria", "Opis niezgodności",
              "Pkt normy", "Działanie korygujące", "Odpowiedzialny", "Termin", "Status",
              "Data zamknięcia"]  # fmt: skip
    ws.append(header)
    for row in NONCONFORMITIES:
        ws.append(list(row))
    for cells in ws.iter_rows(min_row=3):
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "YYYY-MM-DD"
            elif cell.column_letter == "F":
                cell.number_format = "@"  # clause numbers as text
    path = folder / "rejestr-niezgodnosci.xlsx"
    _save_xlsx(book, path)
    written.append(path)

    sources = folder / "sources.toml"
    sources.write_text(STAROSTWO_SOURCES + STAROSTWO_QUALITY, encoding="utf-8")
    written.append(sources)
    return written + starostwo_jakosc(folder)  # the registers its sources file names


# -- Община Примерно ----------------------------------------------------------------------

BG_TRAINING = [
    ("Мария Измислена", "Дирекция АПИО", "Вътрешен одитор по ISO 9001", D(2026, 3, 10),
     "Измислен Учебен Център", "УЦ-118/2026"),
    ("Георги Одитов", "Дирекция АПИО", "Вътрешен одитор по ISO 9001", D(2026, 3, 10),
     "Измислен Учебен Център", "УЦ-119/2026"),
    ("Петър Сроков", "Дирекция УТ", "Срокове по АПК и Закона за устройство на територията",
     D(2026, 5, 21), "Вътрешно обучение", ""),
    ("Елена Примерна", "Дирекция МДТ", "Обслужване на граждани на едно гише", D(2026, 6, 16),
     "Вътрешно обучение", ""),
    ("Стоян Тестов", "Дирекция ГРАО", "Защита на личните данни", D(2026, 9, 29),
     "Измислен Учебен Център", "УЦ-402/2026"),
]  # fmt: skip

BG_SIGNALS = [
    ("94-00-12", D(2026, 1, 20), "сигнал", "Неизвестен подател", "Нерегламентирано сметище",
     D(2026, 3, 5), "основателен"),
    ("94-00-31", D(2026, 2, 24), "предложение", "Гражданин", "Удължено работно време на гишето",
     D(2026, 4, 10), "прието"),
    ("94-00-47", D(2026, 4, 2), "сигнал", "Сдружение", "Забавена преписка по строително разрешение",
     D(2026, 6, 26), "основателен"),
    ("94-00-58", D(2026, 6, 11), "сигнал", "Гражданин", "Грешка в данъчна оценка",
     D(2026, 7, 30), "неоснователен"),
    ("94-00-73", D(2026, 8, 19), "предложение", "Гражданин", "Електронни талони за чакане",
     D(2026, 9, 24), "прието"),
    ("94-00-88", D(2026, 9, 8), "сигнал", "Гражданин", "Неработещо осветление",
     None, "в процес"),
]  # fmt: skip

OBSHTINA_SOURCES = """\
# Registers Община Примерно keeps, mapped for readiness.
# The Office sheet of obshtina-primerno.xlsx names this file; paths are relative to it.

[registers.obucheniya]
file = "obucheniya.csv"
role = "training"
# the encoding (windows-1251) and the separator (,) are detected

[registers.obucheniya.columns]
person = "Служител"
unit = "Дирекция"
topic = "Тема на обучението"
date = "Дата"
organiser = "Организатор"
reference = "Удостоверение №"

[registers.obucheniya.defaults]
refs = "7.2"

[registers.signali]
file = "registar-signali.xlsx"
title = "Регистър на сигналите и предложенията"
sheet = "Сигнали 2026"
role = "complaints"

[registers.signali.columns]
reference = "Вх. №"
received = "Дата на постъпване"
kind = "Вид"
subject = "Относно"
answered = "Дата на отговора"
outcome = "Резултат"

[registers.signali.values.kind]
"сигнал" = "complaint"
"предложение" = "request"

[registers.signali.defaults]
refs = "9.1.2; 10.2.1"
"""


def obshtina(folder: Path) -> list[Path]:
    """The Bulgarian municipality's two registers and their sources file."""
    folder.mkdir(parents=True, exist_ok=True)
    csv = folder / "obucheniya.csv"
    header = ["№", "Служител", "Дирекция", "Тема на обучението", "Дата", "Организатор",
              "Удостоверение №"]  # fmt: skip
    write_csv(
        csv,
        [header, *([i, *t] for i, t in enumerate(BG_TRAINING, start=1))],
        separator=",",
        encoding="windows-1251",
    )
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Сигнали 2026"
    ws.append(["Вх. №", "Дата на постъпване", "Вид", "Подател", "Относно", "Дата на отговора",
               "Резултат"])  # fmt: skip
    for row in BG_SIGNALS:
        ws.append(list(row))
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    xlsx = folder / "registar-signali.xlsx"
    _save_xlsx(book, xlsx)
    sources = folder / "sources.toml"
    sources.write_text(OBSHTINA_SOURCES + OBSHTINA_QUALITY, encoding="utf-8")
    return [csv, xlsx, sources, *obshtina_kachestvo(folder)]


# -- the quality year: satisfaction surveys and supplier evaluations ----------------------
#
# In the folder of each office's sources file (a sources file reads only registers in its own
# folder or below), the city's in ``registers/wzorowo`` with a sources file of its own.
# Answers are drawn from a seeded generator: the same bytes each run. None is an .xlsx:
# `readiness portfolio` takes every .xlsx that no sources file names for an office's
# workbook.

STAROSTWO_QUALITY = """
# The satisfaction survey as the EZD exports it: one row per respondent, a column per
# question (every column besides the date and the department), answers in words.
[registers.ankieta]
file = "ankieta-satysfakcji-2026.csv"
role = "survey"
title = "Ankieta satysfakcji klientów 2026"

[registers.ankieta.columns]
date = "Data"
service = "Wydział"

[registers.ankieta.values.answers]  # their word = the score from 1 to 5
"bardzo dobrze" = 5
"dobrze" = 4
"średnio" = 3
"źle" = 2
"bardzo źle" = 1

[registers.dostawcy]
file = "dostawcy.csv"
role = "suppliers"
title = "Ocena dostawców"

[registers.dostawcy.columns]
provider = "Dostawca"
supplies = "Zakres dostaw"
evaluated_on = "Data oceny"
score = "Ocena (pkt)"
result = "Wynik"
evaluator = "Oceniający"
next_evaluation = "Termin ponownej oceny"

[registers.dostawcy.values.result]
"zatwierdzony" = "approved"
"warunkowo" = "conditional"
"niezatwierdzony" = "not_approved"
"""

OBSHTINA_QUALITY = """
# The satisfaction survey (Наредба за административното обслужване): one row per
# respondent, a column per question, answers in words.
[registers.anketa]
file = "anketa-2026.csv"
role = "survey"
title = "Анкета за удовлетвореността на потребителите 2026"

[registers.anketa.columns]
date = "Дата"
service = "Звено / услуга"

[registers.anketa.values.answers]
"много добре" = 5
"добре" = 4
"задоволително" = 3
"лошо" = 2
"много лошо" = 1

[registers.dostavchitsi]
file = "otsenka-dostavchitsi.ods"
sheet = "Оценка 2026"
role = "suppliers"
title = "Оценка на доставчиците"

[registers.dostavchitsi.columns]
provider = "Доставчик"
supplies = "Предмет на доставката"
evaluated_on = "Дата на оценката"
score = "Точки"
result = "Резултат"
evaluator = "Оценил"
next_evaluation = "Следваща оценка"

[registers.dostavchitsi.values.result]
"одобрен" = "approved"
"условно одобрен" = "conditional"
"неодобрен" = "not_approved"
"""

WZOROWO_SOURCES = """\
# Registers Urząd Miasta Wzorowo keeps for its quality year, mapped for readiness.
# The Office sheet of urzad-miasta-wzorowo.xlsx names this file; paths are relative to it.

[registers.ankieta_2025]
file = "ankieta-2025.ods"
sheet = "Ankieta 2025"
role = "survey"
title = "Badanie satysfakcji klientów 2025"
# one row per respondent: every column besides the date and the department is a question

[registers.ankieta_2025.columns]
date = "Data wypełnienia"
service = "Wydział"

[registers.ankieta_2026]
file = "ankieta-2026.csv"
role = "survey"
title = "Badanie satysfakcji klientów 2026 (e-ankieta)"

[registers.ankieta_2026.columns]
date = "Data wypełnienia"
service = "Wydział"

[registers.dostawcy]
file = "ocena-dostawcow.ods"
sheet = "Ocena dostawców"
role = "suppliers"
title = "Rejestr oceny dostawców"
header_row = 2  # row 1 holds the register's title

[registers.dostawcy.columns]
provider = "Dostawca"
supplies = "Przedmiot dostaw"
evaluated_on = "Data oceny"
score = "Liczba punktów"
result = "Wynik oceny"
evaluator = "Oceniający"
next_evaluation = "Następna ocena"

[registers.dostawcy.values.result]
"zatwierdzony" = "approved"
"warunkowo" = "conditional"
"niezatwierdzony" = "not_approved"
"""

PL_WORDS = ("bardzo źle", "źle", "średnio", "dobrze", "bardzo dobrze")
BG_WORDS = ("много лошо", "лошо", "задоволително", "добре", "много добре")


def _answers(
    seed: int, count: int, questions: int, weights: tuple[int, ...], start: dt.date, days: int
) -> list[tuple[dt.date, int, list[int | None]]]:
    """Respondents: a date, a service index and one answer 1-5 (or None) per question."""
    draw = random.Random(seed)
    out = []
    for _ in range(count):
        when = start + dt.timedelta(days=draw.randrange(days))
        scores: list[int | None] = [
            None if draw.random() < 0.04 else draw.choices(range(1, 6), weights)[0]
            for _q in range(questions)
        ]
        out.append((when, draw.randrange(4), scores))
    return sorted(out, key=lambda r: r[0])


CITY_QUESTIONS = ["Czas oczekiwania na obsługę", "Uprzejmość pracowników",
                  "Jasność przekazanych informacji", "Ogólna ocena wizyty"]  # fmt: skip
CITY_SERVICES = ["Biuro Obsługi Mieszkańców", "Wydział Podatków", "Urząd Stanu Cywilnego",
                 "Wydział Architektury"]  # fmt: skip
CITY_SUPPLIERS = [
    # provider, supplies, evaluated, score, result, evaluator, next evaluation
    ("Fikcyjne Systemy Informatyczne Sp. z o.o.", "system EZD i jego serwis", D(2026, 2, 10),
     86, "zatwierdzony", "Katarzyna Wzorowa", D(2027, 2, 10)),
    ("Przykładowa Drukarnia Miejska", "druki i formularze", D(2025, 3, 4),
     72, "zatwierdzony", "Katarzyna Wzorowa", D(2026, 3, 4)),  # re-evaluation overdue
    ("Wymyślone Usługi Porządkowe s.c.", "sprzątanie budynków urzędu", D(2026, 6, 18),
     48, "niezatwierdzony", "Kierownik Referatu Administracyjnego", D(2026, 12, 18)),
    ("Zmyślona Poczta Kurierska S.A.", "doręczanie korespondencji", D(2026, 9, 1),
     64, "warunkowo", "Kierownik Referatu Administracyjnego", D(2027, 3, 1)),
    ("Fikcyjne Centrum Szkoleń", "szkolenia pracowników", D(2026, 4, 22),
     91, "zatwierdzony", "Sekretarz Miasta", D(2027, 4, 22)),
]  # fmt: skip
BG_QUESTIONS = ["Бързина на обслужването", "Любезност на служителите",
                "Яснота на информацията", "Обща оценка"]  # fmt: skip
BG_SERVICES = ["Център за административно обслужване", "Местни данъци и такси",
               "Гражданска регистрация", "Устройство на територията"]  # fmt: skip
BG_SUPPLIERS = [
    ("Измислени Информационни Системи ЕООД", "деловодна система и поддръжка", D(2026, 3, 12),
     88, "одобрен", "Мария Измислена", D(2027, 3, 12)),
    ("Примерна Печатница ООД", "бланки и формуляри", D(2025, 6, 2),
     70, "одобрен", "Мария Измислена", D(2026, 6, 2)),  # re-evaluation overdue
    ("Фиктивни Куриерски Услуги АД", "куриерски услуги", D(2026, 5, 20),
     45, "неодобрен", "Георги Одитов", D(2026, 11, 20)),
    ("Въображаема Охрана ЕООД", "охрана на сградата", D(2026, 8, 3),
     63, "условно одобрен", "Георги Одитов", D(2027, 2, 3)),
]  # fmt: skip
COUNTY_SUPPLIERS = [
    ("Fikcyjna Wytwórnia Tablic Rejestracyjnych Sp. z o.o.", "tablice rejestracyjne",
     D(2026, 1, 15), 82, "zatwierdzony", "Naczelnik Wydziału Komunikacji", D(2027, 1, 15)),
    ("Wzorcowe Doradztwo", "doradztwo i szkolenia ISO 9001", D(2026, 2, 2),
     90, "zatwierdzony", "Marta Przykładowska", D(2027, 2, 2)),
    ("Zmyślony Serwis Komputerowy", "serwis sprzętu komputerowego", D(2025, 9, 30),
     58, "warunkowo", "Informatyk", D(2026, 9, 30)),  # re-evaluation overdue
]  # fmt: skip


def wzorowo(folder: Path) -> list[Path]:
    """Urząd Miasta Wzorowo: its survey in 2025 (ods) and 2026 (the e-survey's CSV export),
    answers 1-5, and its supplier evaluation register (ods)."""
    folder.mkdir(parents=True, exist_ok=True)
    header = ["Data wypełnienia", "Wydział", *CITY_QUESTIONS]
    y2025 = _answers(2025, 140, 4, (4, 8, 20, 38, 30), D(2025, 9, 1), 60)
    rows: list[list[object]] = [[when, CITY_SERVICES[s], *scores] for when, s, scores in y2025]
    old = folder / "ankieta-2025.ods"
    write_ods(old, "Ankieta 2025", [header, *rows])
    y2026 = _answers(2026, 165, 4, (2, 5, 15, 38, 40), D(2026, 9, 1), 60)
    new = folder / "ankieta-2026.csv"
    write_csv(
        new,
        [header, *([when, CITY_SERVICES[s], *scores] for when, s, scores in y2026)],
        separator=";",
        encoding="utf-8",
    )
    suppliers = folder / "ocena-dostawcow.ods"
    write_ods(
        suppliers,
        "Ocena dostawców",
        [
            ["Rejestr oceny dostawców – Urząd Miasta Wzorowo"],
            [
                "Dostawca",
                "Przedmiot dostaw",
                "Data oceny",
                "Liczba punktów",
                "Wynik oceny",
                "Oceniający",
                "Następna ocena",
            ],
            *(list(supplier) for supplier in CITY_SUPPLIERS),
        ],
    )
    sources = folder / "sources.toml"
    sources.write_text(WZOROWO_SOURCES, encoding="utf-8")
    return [old, new, suppliers, sources]


def starostwo_jakosc(folder: Path) -> list[Path]:
    """The county: its survey as the EZD exports it (cp1250, words), its supplier list."""
    folder.mkdir(parents=True, exist_ok=True)
    services = ["Wydział Komunikacji", "Wydział Geodezji", "Wydział Architektury",
                "Wydział Ochrony Środowiska"]  # fmt: skip
    questions = ["Jak ocenia Pan/Pani czas załatwienia sprawy?",
                 "Jak ocenia Pan/Pani uprzejmość urzędników?",
                 "Jak ocenia Pan/Pani dostępność informacji?"]  # fmt: skip
    answers = _answers(2126, 80, 3, (5, 10, 25, 35, 25), D(2026, 6, 1), 90)
    survey = folder / "ankieta-satysfakcji-2026.csv"
    write_csv(
        survey,
        [
            ["Data", "Wydział", *questions],
            *(
                [when, services[s], *(PL_WORDS[a - 1] if a else "" for a in scores)]
                for when, s, scores in answers
            ),
        ],
        separator=";",
        encoding="cp1250",
    )
    suppliers = folder / "dostawcy.csv"
    write_csv(
        suppliers,
        [
            [
                "Dostawca",
                "Zakres dostaw",
                "Data oceny",
                "Ocena (pkt)",
                "Wynik",
                "Oceniający",
                "Termin ponownej oceny",
            ],
            *(list(s) for s in COUNTY_SUPPLIERS),
        ],
        separator=";",
        encoding="cp1250",
    )
    return [survey, suppliers]


def obshtina_kachestvo(folder: Path) -> list[Path]:
    """The Bulgarian municipality: its survey in words (CSV), its supplier evaluations (ods)."""
    folder.mkdir(parents=True, exist_ok=True)
    answers = _answers(2226, 96, 4, (3, 7, 22, 40, 28), D(2026, 5, 4), 120)
    survey = folder / "anketa-2026.csv"
    write_csv(
        survey,
        [
            ["Дата", "Звено / услуга", *BG_QUESTIONS],
            *(
                [when, BG_SERVICES[s], *(BG_WORDS[a - 1] if a else "" for a in scores)]
                for when, s, scores in answers
            ),
        ],
        separator=",",
        encoding="windows-1251",
    )
    suppliers = folder / "otsenka-dostavchitsi.ods"
    write_ods(
        suppliers,
        "Оценка 2026",
        [
            [
                "Доставчик",
                "Предмет на доставката",
                "Дата на оценката",
                "Точки",
                "Резултат",
                "Оценил",
                "Следваща оценка",
            ],
            *(list(supplier) for supplier in BG_SUPPLIERS),
        ],
    )
    return [survey, suppliers]


def main(argv: list[str]) -> int:
    """Write every sample register under ``registers/`` (or the folder given)."""
    root = Path(argv[0]) if argv else ROOT
    written = starostwo(root / "starostwo") + obshtina(root / "obshtina")
    written += wzorowo(root / "wzorowo")
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Reports in Polish and Bulgarian: no English from the catalogue, counts that agree with
their nouns, and the wording of docs/glossary.md."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from itertools import cycle, islice

import pytest
from build_sample import SAMPLES

from readiness.cli import main
from readiness.core.assess import assess
from readiness.core.catalogue import LANGUAGES, load_catalogue
from readiness.io.history import Changes
from readiness.io.workbook import load_workbook
from readiness.render.model import build_model, plan_of
from readiness.render.view import GapReport

AS_OF = dt.date(2026, 11, 16)
CAT = load_catalogue()
COUNTS = (1, 2, 5, 12, 22, 25)
# which plural form a count takes: Polish 1 / 2-4 (not 12-14) / the rest; Bulgarian 1 / the rest
FORM = {
    "pl": {1: 0, 2: 1, 5: 2, 12: 2, 22: 1, 25: 2},
    "bg": {1: 0, 2: 1, 5: 1, 12: 1, 22: 1, 25: 1},
}


def english_catalogue_texts() -> set[str]:
    texts = set()
    for clause in CAT.requirements:
        texts |= {clause.summary, clause.guidance, clause.action, *clause.evidence}
        texts |= {d.what for d in clause.documented}
        if clause.title["en"] not in (clause.title["pl"], clause.title["bg"]):
            texts.add(clause.title["en"])
    for stage in CAT.stages:
        texts.add(stage.name["en"])
        texts |= {c.text["en"] for c in stage.gate}
    texts |= {i.title["en"] for i in CAT.review_inputs}
    return {t for t in texts if len(t) > 12}  # short titles such as "People" may be shared words


def test_every_requirement_has_its_own_polish_and_bulgarian_texts():
    for lang in ("pl", "bg"):
        table = CAT.translations[lang]
        for clause in CAT.requirements:
            for text in (clause.summary, clause.guidance, clause.action, *clause.evidence):
                assert text in table and table[text] != text, (lang, clause.ref, text)
    assert re.search("[ąęłńóśźż]", CAT.tr(CAT.clauses["8.5.3"].summary, "pl"))
    assert re.search("[а-я]", CAT.tr(CAT.clauses["8.5.3"].summary, "bg"))


def report_text(make_workbook, sample: str, lang: str) -> str:
    """Every section of a sample's report and its action plan, as plain text."""
    _, build = SAMPLES[sample]
    book = load_workbook(make_workbook(build()), as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), lang, CAT)
    )
    sections = [
        report.office, report.ladder, report.chapters, report.progress, report.top_gaps,
        report.clauses, report.documents, report.findings, report.appendix,
        report.verdict_section, report.certification_cycle, report.certified_gates,
    ]  # fmt: skip
    html = "".join(s().html for s in sections)
    html += "".join(report.stage_gate(s.id).html for s in CAT.stages)
    html += " ".join(
        str(v)
        for row in plan_of(report.model)
        for k, v in row.items()
        if k in ("description", "action")
    )
    text = (
        re.sub(r"<[^>]+>", " ", html)
        .replace("&#39;", "'")
        .replace("&#34;", '"')
        .replace("&amp;", "&")
    )
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["pl", "bg"])
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_reports_in_pl_and_bg_have_no_english_from_the_catalogue(make_workbook, sample, lang):
    text = report_text(make_workbook, sample, lang)
    leaked = sorted(t for t in english_catalogue_texts() if t in text)
    assert leaked == []


# Wording the glossary (docs/glossary.md) retires, and counts in the wrong form.
BANNED = {
    "pl": {
        r"\b(?:[2-4]|2[2-4]) otwartych ustaleń": "2-4 take 'otwarte ustalenia'",
        r"\b1 otwart\w* ustale(?:nia|ń)": "1 takes 'otwarte ustalenie'",
        r"\b(?:[2-4]|2[2-4]) (?:braków blokujących|luk|brakujących)\b": "2-4 take the few form",
        r"(?i)\bblockers?\b": "English in a Polish report",
        r"(?i)przeszkod": "a blocker is 'brak blokujący'",
        r"\bEtap \d": "a step is 'Krok', 'etap' is an audit stage",
        r"(?i)bieżąc\w* etap": "the current step is 'bieżący krok'",
        r"Etap wstępny": "the first step is 'Prace wstępne'",
        r"wymaganie po wymaganiu": "'Ocena poszczególnych wymagań'",
        r"(?i)zamów audit": "'uzgodnić termin auditu'",
    },
    "bg": {
        r"\b1 (?:липсващи|открити|блокиращи)": "1 takes the singular",
        r"(?i)\bblockers?\b": "English in a Bulgarian report",
        r"(?i)пречк": "a blocker is 'блокиращ пропуск'",
        r"\d – ефективно": "level 4 is 'ефикасно'",
        r"[Сс]ертификацион\w* орган": "'орган за сертификация'",
        r"\bЕтап \d": "a step is 'Стъпка', 'етап' is an audit stage",
        r"(?i)текущ\w* етап": "the current step is 'текуща стъпка'",
        r"Начален етап": "the first step is 'Подготвителни дейности'",
        r"(?i)референция": "a reference is 'Означение'",
    },
}


@pytest.mark.parametrize("lang", ["pl", "bg"])
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_reports_use_the_glossary_and_agreeing_counts(make_workbook, sample, lang):
    text = report_text(make_workbook, sample, lang)
    found = {
        why: re.search(pattern, text).group(0)  # type: ignore[union-attr]
        for pattern, why in BANNED[lang].items()
        if re.search(pattern, text)
    }
    assert found == {}
    observation = "spostrzeżenie" if lang == "pl" else "забележка"
    assert observation in text  # the grade heads the findings table of every report
    if lang == "bg":
        _, build = SAMPLES[sample]
        book = load_workbook(make_workbook(build()), as_of=AS_OF, catalogue=load_catalogue())
        counts = (
            GapReport(build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), lang, CAT))
            .findings()
            .html
        )
        head = counts[: counts.index("</thead>")]
        assert "наблюдение" not in head  # monitoring, not an observation


TILE = re.compile(r'<span class="kpi-value">(\d+)</span><span class="kpi-label">([^<]*)</span>')
TILE_FORMS = {
    "pl": [
        ("luka w bieżącym kroku", "luki w bieżącym kroku", "luk w bieżącym kroku"),
        (
            "brakujący obowiązkowy dokument lub zapis",
            "brakujące obowiązkowe dokumenty lub zapisy",
            "brakujących obowiązkowych dokumentów lub zapisów",
        ),
        ("otwarta niezgodność", "otwarte niezgodności", "otwartych niezgodności"),
    ],
    "bg": [
        ("пропуск на текущата стъпка", "пропуска на текущата стъпка"),
        ("липсващ задължителен документ или запис", "липсващи задължителни документа или записа"),
        ("незакрито несъответствие", "незакрити несъответствия"),
    ],
}


@pytest.mark.parametrize("lang", ["pl", "bg"])
def test_cover_tiles_agree_with_their_numbers(make_workbook, lang):
    """1, 2, 5, 12, 22 and 25 gaps, missing documents and open nonconformities on the cover."""
    _, build = SAMPLES["starostwo-przykladowo.xlsx"]
    book = load_workbook(make_workbook(build()), as_of=AS_OF, catalogue=load_catalogue())
    base = assess(book, AS_OF, catalogue=load_catalogue())
    gaps = [r for r in base.requirements if r.is_gap]
    others = [r for r in base.requirements if not r.is_gap]
    assert len(gaps) >= max(COUNTS) and base.open_findings and base.missing_documents
    for n in COUNTS:
        findings = [
            dataclasses.replace(f, id=f"T-{i:02d}")
            # the tile counts nonconformities: never a gap, an observation or an OFI
            for i, f in enumerate(
                islice(cycle([f for f in base.open_findings if f.nonconformity]), n)
            )
        ]
        assessment = dataclasses.replace(
            base,
            requirements=tuple(others + gaps[:n]),
            missing_documents=tuple(islice(cycle(base.missing_documents), n)),
            open_findings=tuple(findings),
        )
        html = GapReport(build_model(book, assessment, lang, CAT)).office().html
        tiles = TILE.findall(html)
        assert [int(v) for v, _ in tiles] == [n, n, n], (lang, n)
        labels = [label for _, label in tiles]
        assert labels == [forms[FORM[lang][n]] for forms in TILE_FORMS[lang]], (lang, n)


CLI_SAYS = {
    "pl": (("błąd", "błędy", "błędów"), ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń")),
    "bg": (("грешка", "грешки"), ("предупреждение", "предупреждения")),
    "en": (("error", "errors"), ("warning", "warnings")),
}


@pytest.mark.parametrize("n", COUNTS)
def test_check_counts_errors_and_warnings_in_each_language(
    make_workbook, sample_content, n, capsys
):
    assessed = [row for row in sample_content["clauses"] if isinstance(row["level"], int)]
    for row in assessed[:n]:
        row["level"] = 9  # an error each
    for row in assessed[n : 2 * n]:
        row["level"] = None  # a warning each: no level given
    path = make_workbook(sample_content)
    for lang in ("pl", "bg", "en"):
        assert main(["check", str(path), "--lang", lang, "--as-of", AS_OF.isoformat()]) == 1
        last = capsys.readouterr().err.strip().splitlines()[-1]
        errors, warnings = CLI_SAYS[lang]
        form = FORM.get(lang, {1: 0}).get(n, 1)
        assert last == f"{path}: {n} {errors[form]}, {n} {warnings[form]}.", (lang, n)


def test_english_report_uses_the_english_catalogue(make_workbook):
    _, build = SAMPLES["starostwo-przykladowo.xlsx"]
    book = load_workbook(make_workbook(build()), as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), "en", CAT)
    )
    assert CAT.clauses["8.5.6"].action in report.top_gaps().html
    assert set(LANGUAGES) == {"en", "pl", "bg"}


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        (
            "pl",
            "Nowe ustalenie od poprzedniej oceny: T-0",
            "Nowe ustalenia od poprzedniej oceny: T-0, T-1",
        ),
        ("bg", "Нова констатация оттогава: T-0", "Нови констатации оттогава: T-0, T-1"),
    ],
)
def test_progress_names_one_finding_in_the_singular(make_workbook, lang, one, many):
    _, build = SAMPLES["starostwo-przykladowo.xlsx"]
    book = load_workbook(make_workbook(build()), as_of=AS_OF, catalogue=load_catalogue())
    report = GapReport(
        build_model(book, assess(book, AS_OF, catalogue=load_catalogue()), lang, CAT)
    )
    for ids, said in (("T-0",), one), (("T-0", "T-1"), many):
        changes = Changes(dt.date(2026, 6, 1), improved=(), regressed=(), opened=ids, closed=())
        assert said in report.render("progress", changes=changes, svg="").html

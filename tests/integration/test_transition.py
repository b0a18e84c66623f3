"""Reports of the three sample offices: the transition section for the certified one, each
office's country's frameworks, in the three languages; --frameworks and --edition."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT
from readiness.cli import main

SAMPLES = ROOT / "data" / "sample"


def report_text(out: Path, office: str, args: list[str]) -> str:
    code = main(
        [
            "report",
            str(SAMPLES / office),
            "--out",
            str(out),
            "--format",
            "html",
            "-q",
            "--as-of",
            AS_OF.isoformat(),
            *args,
        ]
    )
    assert code == 0
    [html] = sorted(out.glob("*/*/gap-report.html"))
    return " ".join(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")).split())


@pytest.mark.slow
def test_certified_city_office_in_polish_shows_the_transition_and_its_frameworks(
    tmp_path: Path,
) -> None:
    text = report_text(tmp_path, "urzad-miasta-wzorowo.xlsx", [])
    assert "Przejście na ISO 9001:2026" in text and "final draft" not in text
    assert "opublikowana 16 września 2026 r." in text and "spodziewana" not in text
    assert "GACI" in text and "DOMAIN" not in text and "wixsite" not in text
    assert "Termin przejścia 30 września 2029" in text
    assert "niepotwierdzony" in text  # the deadline is not confirmed
    assert "do potwierdzenia" in text  # every change is provisional
    assert "Kultura jakości i postępowanie etyczne" in text
    assert "Kroki przejścia" in text and "Źródła" in text
    assert "Inne modele i standardy" in text
    assert "CAF 2020 (Wspólna Metoda Oceny)" in text
    assert "Standardy kontroli zarządczej" in text
    assert "oświadczenie o stanie kontroli zarządczej" in text
    assert "СФУК" not in text
    # results.json carries what the two sections show, for the consultant's own analysis
    [found] = sorted(tmp_path.glob("*/*/results.json"))
    results = json.loads(found.read_text(encoding="utf-8"))
    transition = results["transition"]
    assert transition["edition"] == "iso9001_2026"
    assert (transition["deadline"], transition["deadline_confirmed"]) == ("2029-09-30", False)
    assert transition["days_left"] == (dt.date(2029, 9, 30) - AS_OF).days
    changes = {c["id"]: c for c in transition["changes"]}
    assert changes["culture-ethics-leadership"]["clauses"] == ["5.1.1"]
    assert {c["state"] for c in changes.values()} <= {"ready", "build", "base-gap", "annex"}
    assert not any(c["checked"] for c in changes.values())  # every change is provisional
    frameworks = {f["framework"]: f["elements"] for f in results["frameworks"]}
    assert sorted(frameworks) == ["caf2020", "kz"]
    assert (len(frameworks["caf2020"]), len(frameworks["kz"])) == (28, 22)
    statuses = {"supported", "partial", "weak", "not-covered"}
    assert all(e["status"] in statuses for f in frameworks.values() for e in f)


@pytest.mark.slow
def test_bulgarian_municipality_shows_sfuk_in_bulgarian_and_no_transition(tmp_path: Path) -> None:
    text = report_text(tmp_path, "obshtina-primerno.xlsx", [])
    assert "Други модели и стандарти" in text
    assert "Финансово управление и контрол (СФУК)" in text
    assert "Контролна среда" in text
    assert "Standardy kontroli" not in text and "Стандарти за управленски контрол" not in text
    assert "Преход към ISO 9001:2026" not in text  # on the road to certification
    [found] = sorted(tmp_path.glob("*/*/results.json"))
    results = json.loads(found.read_text(encoding="utf-8"))
    assert "transition" not in results
    assert [f["framework"] for f in results["frameworks"]] == ["caf2020", "sfuk"]


@pytest.mark.slow
def test_county_office_in_english_with_chosen_frameworks_and_none(tmp_path: Path) -> None:
    text = report_text(tmp_path / "a", "starostwo-przykladowo.xlsx", ["--lang", "en"])
    assert "Other frameworks" in text
    assert "Management control standards (Poland)" in text
    assert "Transition to" not in text
    chosen = report_text(
        tmp_path / "b", "starostwo-przykladowo.xlsx", ["--lang", "en", "--frameworks", "caf,sfuk"]
    )
    assert "Financial management and control (Bulgaria)" in chosen
    assert "Management control standards (Poland)" not in chosen
    none = report_text(
        tmp_path / "c", "starostwo-przykladowo.xlsx", ["--lang", "en", "--frameworks", "none"]
    )
    assert "Other frameworks" not in none
    [found] = sorted((tmp_path / "c").glob("*/*/results.json"))
    assert "frameworks" not in json.loads(found.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_edition_option_assesses_against_the_2026_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--edition", "iso9001_2026", "--frameworks", "none"]
    text = report_text(tmp_path, "urzad-miasta-wzorowo.xlsx", args)
    assert "ISO 9001:2026" in text
    assert "Przejście na" not in text  # no newer edition to move to
    assert "Inne modele i standardy" not in text
    unknown = ["report", str(SAMPLES / "urzad-miasta-wzorowo.xlsx"), "--edition", "iso9001_1987"]
    assert main([*unknown, "--out", str(tmp_path / "x")]) == 2
    assert "iso9001_1987" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()

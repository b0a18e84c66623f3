"""Complaint deadlines that follow the law, through the ``readiness report`` command.

A deadline ending on a Saturday, a Sunday or a public holiday moves to the next working day:
KPA art. 57 § 4 in Poland, ГПК чл. 60, ал. 6 as the АПК applies it in Bulgaria. Each
sample office's complaints register is rewritten in ``tmp_path`` with complaints due on a
Sunday and on a holiday; ``results.json`` and the report say when each was due, and count
"answered late" and "unanswered past the deadline" apart.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import build_registers  # data/sample, on sys.path by conftest
import pytest
from test_report import visible_text

from conftest import ROOT
from readiness.cli import main

pytestmark = pytest.mark.slow
D = dt.date
SAMPLES = ROOT / "data" / "sample"

# no, received, case mark, kind, subject, answered, outcome
PL_COMPLAINTS = [
    # 1 Nov 2026 is a Sunday and All Saints' Day: due on Monday 2 Nov, never answered
    (1, D(2026, 10, 1), "OR.1510.10.2026", "skarga", "Przewlekłość postępowania", None, "w toku"),
    # 11 Nov 2026 (a Wednesday) is Independence Day: answered on the 12th, on time
    (2, D(2026, 10, 11), "OR.1510.12.2026", "skarga", "Obsługa w wydziale", D(2026, 11, 12), "zasadna"),  # noqa: E501
    # 8 Nov 2026 is a plain Sunday: answered on Monday the 9th, on time
    (3, D(2026, 10, 8), "OR.1510.13.2026", "wniosek", "Godziny pracy kasy", D(2026, 11, 9), "uwzględniony"),  # noqa: E501
    # due on Friday 2 Oct, answered on the 5th: late
    (4, D(2026, 9, 2), "OR.1510.14.2026", "skarga", "Opłata za wypis", D(2026, 10, 5), "niezasadna"),  # noqa: E501
    # due on Monday 16 Nov, the report's day: pending
    (5, D(2026, 10, 16), "OR.1510.15.2026", "wniosek", "Numerki kolejkowe", None, "w toku"),
]  # fmt: skip

BG_SIGNALS = [
    # 8 Nov 2026 is a Sunday: due on Monday 9 Nov, answered then, on time
    ("94-01-01", D(2026, 9, 8), "сигнал", "Гражданин", "Неработещо осветление", D(2026, 11, 9), "основателен"),  # noqa: E501
    # 3 Mar 2026 (a Tuesday) is Liberation Day: due on the 4th, answered then, on time
    ("94-01-02", D(2026, 1, 3), "предложение", "Гражданин", "Електронни талони", D(2026, 3, 4), "прието"),  # noqa: E501
    # 6 Sep 2026 is a Sunday and Unification Day, the 7th its day off: due on the 8th, unanswered
    ("94-01-03", D(2026, 7, 6), "сигнал", "Сдружение", "Забавена преписка", None, "в процес"),
    # due on Thursday 2 Jul, answered on the 3rd: late
    ("94-01-04", D(2026, 5, 2), "сигнал", "Гражданин", "Грешка в данъчна оценка", D(2026, 7, 3), "неоснователен"),  # noqa: E501
]  # fmt: skip


def _report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbook: str, folder: str
) -> tuple[dict[str, Any], str]:
    """Run ``readiness report`` on a sample whose complaints register was rewritten."""
    monkeypatch.setattr(build_registers, "COMPLAINTS", PL_COMPLAINTS)
    monkeypatch.setattr(build_registers, "BG_SIGNALS", BG_SIGNALS)
    shutil.copyfile(SAMPLES / workbook, tmp_path / workbook)
    getattr(build_registers, folder)(tmp_path / "registers" / folder)
    out = tmp_path / "reports"
    args = ["--out", str(out), "--as-of", "2026-11-16", "--format", "html"]
    code = main(["report", str(tmp_path / workbook), *args])
    assert code == 0
    (results,) = out.glob("*/2026-11-16/results.json")
    html = results.with_name("gap-report.html").read_text(encoding="utf-8")
    return json.loads(results.read_text(encoding="utf-8")), visible_text(html)


def _complaints(results: dict[str, Any]) -> dict[str, Any]:
    (register,) = [r for r in results["registers"] if r["role"] == "complaints"]
    return register


def test_polish_deadlines_move_past_sundays_and_holidays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results, text = _report(tmp_path, monkeypatch, "starostwo-przykladowo.xlsx", "starostwo")
    register = _complaints(results)
    assert register["next_working_day"] is True
    late = {c["reference"]: c for c in register["late"]}
    assert set(late) == {"OR.1510.10.2026", "OR.1510.14.2026"}
    assert late["OR.1510.10.2026"]["deadline"] == "2026-11-02"
    assert late["OR.1510.10.2026"]["calendar_deadline"] == "2026-11-01"
    assert late["OR.1510.10.2026"]["state"] == "overdue"
    assert late["OR.1510.14.2026"]["state"] == "late"
    assert late["OR.1510.14.2026"]["deadline"] == "2026-10-02"
    # answered on the day after a holiday and after a Sunday: on time
    assert register["counts"] == {"on_time": 2, "late": 1, "overdue": 1, "pending": 1}
    months = {m["month"]: m for m in register["per_month"]}
    assert months["2026-10"] == {
        "month": "2026-10", "received": 4, "late": 1, "answered_late": 0, "overdue": 1
    }  # fmt: skip
    assert months["2026-09"]["answered_late"] == 1 and months["2026-09"]["overdue"] == 0
    # the report counts the two apart and names the rule
    assert "Odpowiedź po terminie: 1 z 5; bez odpowiedzi po upływie terminu: 1." in text
    assert "KPA art. 57 § 4" in text and "KPA art. 237 § 1" in text
    assert "2 listopada 2026 r." in text


def test_bulgarian_deadlines_move_past_sundays_and_holidays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results, text = _report(tmp_path, monkeypatch, "obshtina-primerno.xlsx", "obshtina")
    register = _complaints(results)
    assert register["deadline_months"] == 2 and register["next_working_day"] is True
    late = {c["reference"]: c for c in register["late"]}
    assert set(late) == {"94-01-03", "94-01-04"}
    assert late["94-01-03"]["calendar_deadline"] == "2026-09-06"
    assert late["94-01-03"]["deadline"] == "2026-09-08"
    assert late["94-01-03"]["state"] == "overdue"
    assert late["94-01-04"]["state"] == "late" and late["94-01-04"]["deadline"] == "2026-07-02"
    assert register["counts"] == {"on_time": 2, "late": 1, "overdue": 1, "pending": 0}
    assert "С отговор след срока: 1 от 4; без отговор след изтичане на срока: 1." in text
    assert "АПК, чл. 118, ал. 1" in text and "ГПК, чл. 60, ал. 6" in text

"""Registers, the pure parts: statutory deadlines, complaints per month, encodings, separators,
merged header rows, the guessed sources file's text."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from readiness.core.registers import (
    ROLES,
    Complaint,
    Entry,
    Provenance,
    Register,
    add_months,
    complaint_state,
    deadline,
    late_complaints,
    next_risk_review,
    next_working_day,
    per_month,
    register_summary,
    registers_by_ref,
    statutory_months,
)
from readiness.io.registers.files import detect_encoding, detect_separator
from readiness.io.registers.guess import Guess, render
from readiness.io.registers.header import header_names
from readiness.io.registers.role import Row
from readiness.io.registers.roles import REGISTER_ROLES, ROLE_FIELDS
from readiness.io.registers.spec import RegisterSpec

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 12), 1, D(2026, 2, 12)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 11, 30), 2, D(2027, 1, 30)),
        (D(2028, 12, 31), 2, D(2029, 2, 28)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("reviewed", "expected"),
    [
        (D(2026, 3, 10), D(2027, 3, 10)),
        (D(2028, 2, 29), D(2029, 2, 28)),  # no 29 February next year: the month's last day
    ],
)
def test_the_risk_register_is_due_a_year_after_its_review(
    reviewed: dt.date, expected: dt.date
) -> None:
    assert next_risk_review(reviewed) == expected


def test_every_role_has_its_fields_and_a_builder() -> None:
    """A role named in core.registers.ROLES is read by one builder, with its fields."""
    assert tuple(REGISTER_ROLES) == ROLES
    for name, role in REGISTER_ROLES.items():
        assert role.name == name and ROLE_FIELDS[name] == role.fields
        assert any(f.required for f in role.fields), name
        assert len({f.key for f in role.fields}) == len(role.fields), name


class Nothing:
    """A context whose assessment date lets every row through."""

    def register_refs(self, spec: RegisterSpec) -> tuple[str, ...]:
        return ("9.1.2",)

    def after_as_of(self, spec: RegisterSpec, day: dt.date, sheet: str, cell: str) -> bool:
        return False


def test_the_risk_register_as_a_whole_is_due_at_its_next_review() -> None:
    spec = RegisterSpec("ryzyka", "ryzyka.xlsx", Path("ryzyka.xlsx"), "risks")
    role = REGISTER_ROLES["risks"]
    kept: dict[str, list[object]] = {}
    origin = Provenance("ryzyka", "ryzyka.xlsx", "Arkusz1", 2)
    entries = [
        role.build(Row(spec, values, origin, "Arkusz1", 1, kept), Nothing())
        for values in ({"risk": "a", "reviewed": D(2026, 3, 1)}, {"risk": "b"})
    ]
    assert role.whole is not None
    whole = role.whole(spec, [e for e in entries if e is not None], kept)
    assert (whole.dated, whole.due, whole.reviewed_on) == (
        D(2026, 3, 1),
        D(2027, 3, 1),
        D(2026, 3, 1),
    )
    kept["next_review"] = [D(2026, 9, 1)]  # a next review the register names wins
    assert role.whole(spec, [], kept).due == D(2026, 9, 1)


def test_statutory_months_by_country() -> None:
    assert statutory_months("PL") == 1  # KPA art. 237 § 1
    assert statutory_months("BG") == 2  # АПК: сигнали и предложения
    assert statutory_months("other") == 1


def _complaint(received: dt.date, answered: dt.date | None, row: int = 5) -> Complaint:
    return Complaint(
        received=received,
        answered=answered,
        reference=f"OR.{row}",
        origin=Provenance("skargi", "skargi.xlsx", "2026", row),
    )


def test_complaint_state_against_the_deadline() -> None:
    as_of = D(2026, 11, 16)
    assert complaint_state(_complaint(D(2026, 3, 9), D(2026, 4, 9)), 1, as_of) == "on_time"
    assert complaint_state(_complaint(D(2026, 3, 9), D(2026, 4, 10)), 1, as_of) == "late"
    assert complaint_state(_complaint(D(2026, 3, 9), D(2026, 4, 10)), 2, as_of) == "on_time"
    assert complaint_state(_complaint(D(2026, 10, 1), None), 1, as_of) == "overdue"
    assert complaint_state(_complaint(D(2026, 10, 20), None), 1, as_of) == "pending"


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (D(2026, 11, 1), "PL", D(2026, 11, 2)),  # a Sunday and All Saints' Day
        (D(2026, 11, 11), "PL", D(2026, 11, 12)),  # Independence Day, a Wednesday
        (D(2026, 11, 7), "PL", D(2026, 11, 9)),  # a Saturday (KPA art. 57 § 4)
        (D(2027, 3, 28), "PL", D(2027, 3, 30)),  # Easter Sunday and Monday: a moving feast
        (D(2026, 12, 24), "PL", D(2026, 12, 28)),  # Christmas Eve, a day off since 2025
        (D(2026, 11, 10), "PL", D(2026, 11, 10)),  # a working Tuesday stays
        (D(2026, 3, 3), "BG", D(2026, 3, 4)),  # Liberation Day
        (D(2026, 9, 6), "BG", D(2026, 9, 8)),  # Unification Day on a Sunday, its day off the 7th
        (D(2026, 4, 10), "BG", D(2026, 4, 14)),  # Orthodox Good Friday to Easter Monday
        (D(2026, 11, 8), "BG", D(2026, 11, 9)),  # a Sunday
        (D(2026, 11, 8), "DE", D(2026, 11, 8)),  # no rule cited for the country: unchanged
    ],
)
def test_next_working_day_follows_the_countrys_holidays(
    day: dt.date, country: str, expected: dt.date
) -> None:
    assert next_working_day(day, country) == expected


def test_a_deadline_on_a_holiday_moves_and_an_answer_the_day_after_is_on_time() -> None:
    complaint = _complaint(D(2026, 10, 1), D(2026, 11, 2))
    assert deadline(complaint, 1) == D(2026, 11, 1)
    assert deadline(complaint, 1, "PL") == D(2026, 11, 2)
    assert complaint_state(complaint, 1, D(2026, 11, 16), "PL") == "on_time"
    assert complaint_state(complaint, 1, D(2026, 11, 16)) == "late"
    unanswered = _complaint(D(2026, 10, 1), None)
    assert complaint_state(unanswered, 1, D(2026, 11, 2), "PL") == "pending"
    assert complaint_state(unanswered, 1, D(2026, 11, 3), "PL") == "overdue"


def _register(complaints: list[Complaint], months: int = 1) -> Register:
    entries = tuple(
        Entry(c.origin, "complaint", c.reference, ("9.1.2",), c.received, c)
        for c in complaints
        if c.origin
    )
    return Register(
        name="skargi",
        role="complaints",
        file="skargi.xlsx",
        sheet="2026",
        rows=len(complaints),
        entries=entries,
        refs=("9.1.2", "10.2.1"),
        complaints=tuple(complaints),
        deadline_months=months,
    )


def test_complaints_per_month_and_late_with_provenance() -> None:
    register = _register(
        [
            _complaint(D(2026, 1, 12), D(2026, 2, 5), 5),
            _complaint(D(2026, 1, 20), D(2026, 3, 1), 6),  # late
            _complaint(D(2026, 3, 9), None, 7),  # overdue on the day
        ]
    )
    as_of = D(2026, 11, 16)
    counts = [(m.month, m.received, m.late) for m in per_month(register, as_of)]
    assert counts == [("2026-01", 2, 1), ("2026-03", 1, 1)]
    late = late_complaints(register, as_of)
    assert [(c.reference, state, due) for c, state, due in late] == [
        ("OR.6", "late", D(2026, 2, 20)),
        ("OR.7", "overdue", D(2026, 4, 9)),
    ]
    summary = register_summary(register, as_of)
    assert summary["late"][0]["row"] == 6 and summary["late"][0]["file"] == "skargi.xlsx"
    assert [e["row"] for e in summary["entries"]] == [5, 6, 7]
    assert summary["first"] == "2026-01-12" and summary["last"] == "2026-03-09"
    # under the Bulgarian two months, the January complaint answered on 1 March is on time
    bg = per_month(_register(list(register.complaints), months=2), as_of)
    assert [(m.month, m.late) for m in bg] == [("2026-01", 0), ("2026-03", 1)]


def test_registers_by_ref_links_clauses_to_registers() -> None:
    register = _register([_complaint(D(2026, 1, 12), None)])
    linked = registers_by_ref((register,))
    assert set(linked) == {"9.1.2", "10.2.1"}
    assert linked["10.2.1"][0].anchor == "register-skargi"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Imię i nazwisko;Temat szkolenia\nAnna Żółć;Obsługa\n", "utf-8", "utf-8"),
        ("Imię i nazwisko;Temat szkolenia\nAnna Żółć;Obsługa\n", "utf-8-sig", "utf-8-sig"),
        ("Imię i nazwisko;Temat szkolenia\nŁukasz Źdźbło;Ochrona danych\n", "cp1250", "cp1250"),
        ("Служител,Тема на обучението\nМария Измислена,Защита\n", "windows-1251", "windows-1251"),
    ],
)
def test_detect_encoding(text: str, encoding: str, expected: str) -> None:
    assert detect_encoding(text.encode(encoding)) == expected


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_detect_separator(sep: str) -> None:
    rows = [["Lp.", "Data", "Temat, opis", "Nr"], ["1", "17.02.2026", "KPA", "ZS/1"]] * 3
    lines = [sep.join(f'"{c}"' if sep in c or "," in c else c for c in r) for r in rows]
    assert detect_separator("\n".join(lines)) == sep


def test_header_names_join_merged_group_headings() -> None:
    rows: list[list[object]] = [
        ["REJESTR SKARG I WNIOSKÓW – 2026", "", "", ""],
        ["Lp.", "Wpływ", "", "Rodzaj", "Załatwienie", ""],
        ["", "data", "znak sprawy", "", "data odpowiedzi", "sposób"],
    ]
    names = header_names(rows, 2)
    shown = [n for n, _words in names]
    assert shown == [
        "Lp.",
        "Wpływ / data",
        "Wpływ / znak sprawy",
        "Rodzaj",
        "Załatwienie / data odpowiedzi",
        "Załatwienie / sposób",
    ]
    assert "data" in names[1][1] and "wpływ / data" in names[1][1]
    # a title row of one cell is not a row of group headings
    assert [n for n, _w in header_names(rows, 1)][:2] == ["Lp.", "Wpływ"]


def test_rendered_guess_is_toml_with_every_guess_marked() -> None:
    guess = Guess(path=__import__("pathlib").Path("x.csv"), name="szkolenia", file="x.csv")
    guess.role, guess.role_confidence = "training", "high"
    guess.encoding, guess.separator = "cp1250", ";"
    guess.columns = {"date": ("Data", "high"), "topic": ('Temat "A"', "medium")}
    guess.values = {}
    guess.defaults = {"refs": ("7.2", "medium")}
    text = render([guess])
    doc = tomllib.loads(text)
    table = doc["registers"]["szkolenia"]
    assert table["role"] == "training" and table["encoding"] == "cp1250"
    assert table["columns"] == {"date": "Data", "topic": 'Temat "A"'}
    assert table["defaults"] == {"refs": "7.2"}
    assert 'topic = "Temat \\"A\\""  # guess: medium' in text
    assert 'role = "training"  # guess: high' in text

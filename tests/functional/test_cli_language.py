"""Each command reads an office's workbook once: its messages' language comes from that read.

Without ``--lang`` a command speaks the language the Office sheet asks for. It learns it
while the workbook is read for the work itself (``read_workbook``'s ``on_language``, passed
on by ``build_report`` and ``plan_office``), also on the paths where the workbook has errors,
instead of opening the file a second time to look at its Office sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from readiness.cli import main
from readiness.io.workbook import rules

POLISH_ERROR = "błąd:"
NOT_PRODUCED = {
    "report": "raportu nie utworzono",
    "audit-plan": "program nie powstał",
}


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every workbook opened (``io.workbook``'s reader), in order."""
    calls: list[str] = []
    original = rules.Reader.open

    def counting(self: rules.Reader) -> Any:
        calls.append(self.path.name)
        return original(self)

    monkeypatch.setattr(rules.Reader, "open", counting)
    return calls


class IdleSession:
    """A kernel session that is never asked to run: the workbook stops the report first."""

    failure = None

    def close(self) -> None:
        pass


@pytest.fixture
def broken(make_workbook: Any, sample_content: dict[str, Any]) -> Path:
    """The Polish sample office with one error: its Office sheet names no office."""
    sample_content["office"]["name"] = None
    return Path(make_workbook(sample_content, lang="pl", name="urzad.xlsx"))


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{path}"],
        ["checklist", "--office", "{path}", "-o", "{tmp}/checklist.pdf"],
        ["export", "ciso-assistant", "--assessment", "{tmp}/out.xlsx", "{path}"],
        ["report", "{path}", "--out", "{tmp}/reports"],
        ["audit-plan", "{path}", "--year", "2027", "--out", "{tmp}/reports"],
    ],
    ids=lambda words: words[0],
)
def test_a_workbook_with_errors_is_opened_once_and_its_errors_told_in_its_language(
    command: list[str],
    broken: Path,
    tmp_path: Path,
    opened: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("readiness.cli.kernel.launch", IdleSession)  # no kernel needed
    words = [w.format(path=broken, tmp=tmp_path) for w in command]
    assert main(words) == 1
    said = capsys.readouterr().err
    assert POLISH_ERROR in said, said
    assert " error:" not in said
    if command[0] in NOT_PRODUCED:
        assert NOT_PRODUCED[command[0]] in said, said
    assert opened == [broken.name]  # once, for the work and the language together


def test_the_language_asked_for_wins_and_the_workbook_is_still_opened_once(
    broken: Path, opened: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(broken), "--lang", "bg"]) == 1
    said = capsys.readouterr().err
    assert "грешка:" in said and POLISH_ERROR not in said
    assert opened == [broken.name]

"""Small parts of the report pipeline: formats, the template cache, the early kernel."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.cli import main
from readiness.cli.kernel import early_kernel
from readiness.run.pipeline import parse_formats


def test_formats_are_parsed_and_none_only_where_allowed() -> None:
    assert parse_formats("HTML, pdf,html") == ("html", "pdf")
    assert parse_formats("none", allow_none=True) == ()
    assert parse_formats("", allow_none=True) == ()
    with pytest.raises(ValueError, match=r"choose from html, pdf$"):
        parse_formats("none")
    with pytest.raises(ValueError, match="unknown format docx; choose from html, pdf, none"):
        parse_formats("html,docx", allow_none=True)


def test_compiled_templates_are_kept_in_the_cache_folder_and_used_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.render import environment as view

    monkeypatch.setenv(view.CACHE_ENV, str(tmp_path / "cache"))
    view.template_cache.cache_clear()
    view.environment.cache_clear()
    try:
        env = view.environment("pl")
        assert env.bytecode_cache is not None
        first = env.get_template("fragments/office.html.j2")
        kept = sorted((tmp_path / "cache").iterdir())
        assert kept and all(p.name.startswith("readiness-") for p in kept)
        view.environment.cache_clear()
        again = view.environment("pl").get_template("fragments/office.html.j2")
        assert again is not first  # a new environment, loaded from the cache
        assert sorted((tmp_path / "cache").iterdir()) == kept
    finally:
        view.template_cache.cache_clear()
        view.environment.cache_clear()


def test_a_cache_folder_that_cannot_be_made_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.render import environment as view

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(view.CACHE_ENV, str(blocker / "cache"))
    view.template_cache.cache_clear()
    try:
        assert view.template_cache() is None
    finally:
        view.template_cache.cache_clear()


@pytest.mark.parametrize(
    ("argv", "launched"),
    [
        (["report", "office.xlsx"], True),
        (["demo"], True),
        (["report", "--help"], False),
        (["check", "office.xlsx"], False),
        ([], False),
    ],
)
def test_the_kernel_is_launched_before_parsing_only_for_commands_that_run_notebooks(
    argv: list[str], launched: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []

    class Session:
        def __init__(self, folder: Path) -> None:
            self.folder = folder

        def start(self) -> Session:
            started.append(True)
            return self

    monkeypatch.setattr("readiness.run.session.KernelSession", Session)
    session = early_kernel(argv)
    assert (session is not None) is launched
    assert started == ([True] if launched else [])


def test_an_early_kernel_is_closed_when_the_arguments_are_wrong(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed: list[bool] = []

    class Session:
        def __init__(self, folder: Path) -> None:
            pass

        def start(self) -> Session:
            return self

        def close(self) -> None:
            closed.append(True)

    monkeypatch.setattr("readiness.run.session.KernelSession", Session)
    with pytest.raises(SystemExit):
        main(["report"])  # the workbook is missing: argparse stops
    assert closed == [True]

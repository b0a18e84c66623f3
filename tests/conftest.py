"""Shared fixtures: the sample office, workbook factories, and system tools the tests need."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from readiness.core.catalogue import load_catalogue

# CI runs a quick profile; `HYPOTHESIS_PROFILE=deep make pytest` fuzzes for longer.
settings.register_profile(
    "default", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "starostwo-przykladowo.xlsx"
AS_OF = dt.date(2026, 11, 16)  # the sample's dates are chosen around this day

sys.path.insert(0, str(ROOT / "data" / "sample"))


@pytest.fixture(scope="session", autouse=True)
def template_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Compiled templates go to this run's own folder, never a shared one; kernels inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READINESS_CACHE", str(tmp_path_factory.mktemp("template-cache")))
        yield


def require_tool(name: str) -> str:
    """The path of a system tool; skip when it is missing, fail instead where CI requires it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian: see .ci/run, which installs it)"
    if os.environ.get("READINESS_REQUIRE_SYSTEM_TOOLS"):
        pytest.fail(f"{message}; READINESS_REQUIRE_SYSTEM_TOOLS is set, so this must not skip")
    pytest.skip(message)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample workbook in tmp_path."""
    target = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, target)
    shutil.copytree(SAMPLE.parent / "registers", tmp_path / "registers")  # named in its Office
    return target


@pytest.fixture
def sample_content() -> dict[str, Any]:
    """The sample office's content as ``write_workbook`` takes it (fresh copy per test)."""
    from build_sample import content

    return content()


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """Write a workbook from content into tmp_path and return its path."""
    from readiness.io.template import write_workbook

    counter = iter(range(1000))

    def make(content: dict[str, Any] | None = None, lang: str = "en", name: str = "") -> Path:
        path = tmp_path / (name or f"office-{next(counter)}.xlsx")
        return write_workbook(path, lang=lang, content=content, catalogue=load_catalogue())

    return make

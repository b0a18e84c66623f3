"""Hostile and broken files are refused with a clear error, in bounded time and memory."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from hostile import HOSTILE, measure
from readiness.guard import inspect
from readiness.workbook import read_workbook

MEMORY_LIMIT_KB = 500 * 1024


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_refused_in_process_with_its_code(hostile_dir, name):
    build, code = HOSTILE[name]
    path = build(hostile_dir)
    refusal = inspect(path)
    assert refusal is not None and refusal.code == code
    workbook, problems = read_workbook(path)
    assert workbook is None
    assert [p.code for p in problems] == [code]
    assert problems[0].hint
    assert problems[0].file == path.name


@pytest.mark.parametrize("name", list(HOSTILE))
def test_cli_refuses_without_dying_and_within_memory(hostile_dir, name):
    build, code = HOSTILE[name]
    path = build(hostile_dir)
    exe = Path(sys.executable).with_name("readiness")
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    status, out, err, seconds, peak_kb = measure(
        [str(exe), "check", str(path), "--format", "json"], env=env
    )
    assert status == 1, err  # a clean refusal: not a crash, not a signal
    assert json.loads(out)["problems"][0]["code"] == code
    assert peak_kb < MEMORY_LIMIT_KB
    assert seconds < 60, "refusal must be bounded; benchmarks/bad_inputs.py reports the real time"


def test_the_sample_itself_passes_the_guard():
    from conftest import SAMPLE

    assert inspect(SAMPLE) is None

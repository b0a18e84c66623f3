"""The portfolio's progress line: done, failed, left and the time left, in the user's language."""

from __future__ import annotations

from readiness.run.portfolio import Progress


def test_progress_counts_done_failed_left_and_estimates_the_time_left():
    lines: list[str] = []
    progress = Progress(4, lines.append, "en", every=0.0)
    progress.started -= 10.0  # as if the first office took 10 s
    progress.tick(failed=False)
    assert lines[-1].startswith("1 done, 0 failed, 3 left; about ")
    seconds = int(lines[-1].split("about ")[1].split()[0])
    assert 29 <= seconds <= 31  # 3 left at 10 s each
    progress.tick(failed=True)
    assert lines[-1].startswith("1 done, 1 failed, 2 left")


def test_progress_speaks_at_most_once_a_second_but_always_at_the_end():
    lines: list[str] = []
    progress = Progress(3, lines.append, "pl", every=3600.0)
    progress.last = progress.started  # just spoken
    progress.tick(failed=False)
    progress.tick(failed=False)
    assert lines == []
    progress.tick(failed=False)
    assert lines == ["gotowe: 3, błędy: 0, pozostało: 0; jeszcze około 0 s"]

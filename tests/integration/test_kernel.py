"""A session's kernel through papermill's stock engine: kept alive across runs, reset between them.

papermill passes ``km`` on to nbclient's ``NotebookClient``; a client given a manager
whose kernel is running neither starts another kernel nor shuts that one down.
"""

from __future__ import annotations

import nbformat
import pytest
from jupyter_core.utils import run_sync

from readiness.run.kernel import KernelSession, notebooks_dir

pytestmark = pytest.mark.slow


def notebook(*sources: str) -> nbformat.NotebookNode:
    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return node


def outputs(path) -> list[str]:
    node = nbformat.read(str(path), as_version=4)
    return [o.get("text", "") for c in node.cells if c.cell_type == "code" for o in c.outputs]


def test_runs_share_one_kernel_and_start_with_a_fresh_namespace(tmp_path):
    with KernelSession(notebooks_dir()) as session:
        first = session.run(
            notebook("import os\nleft = 1\nprint(os.getpid())", "print(os.getcwd())"),
            tmp_path / "first.ipynb",
            {},
            cwd=tmp_path,
        )
        assert run_sync(session.km.is_alive)()  # nbclient did not shut the kernel down
        second = session.run(
            notebook("import os\nprint(os.getpid())", "print('left' in globals())"),
            tmp_path / "second.ipynb",
            {},
        )
        assert run_sync(session.km.is_alive)()
    pid, cwd = (text.strip() for text in outputs(first))
    again, kept = (text.strip() for text in outputs(second))
    assert pid == again  # the same kernel process ran both
    assert cwd == str(tmp_path)
    assert kept == "False"  # %reset -f removed the first run's names
    assert not run_sync(session.km.is_alive)()  # closing the session shut it down


def test_a_kernel_whose_last_folder_was_deleted_runs_the_next_office(tmp_path):
    # demo and the portfolio reuse a kernel after the previous office's folder was promoted
    # (renamed) or removed; %reset asks for the current folder, so the reset must move first
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    with KernelSession(notebooks_dir()) as session:
        session.run(notebook("x = 1"), tmp_path / "first.ipynb", {}, cwd=first_dir)
        first_dir.rmdir()
        second = session.run(
            notebook("import os\nprint(os.getcwd())"), tmp_path / "second.ipynb", {}, cwd=second_dir
        )
    assert [text.strip() for text in outputs(second)] == [str(second_dir)]

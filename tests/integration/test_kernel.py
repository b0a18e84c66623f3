"""A session's kernel through papermill's stock engine: kept alive across runs, reset between them.

papermill passes ``km`` on to nbclient's ``NotebookClient``; a client given a manager
whose kernel is running neither starts another kernel nor shuts that one down.
"""

from __future__ import annotations

import nbformat
import pytest
from jupyter_core.utils import run_sync

from readiness.run.locations import notebooks_dir
from readiness.run.session import KernelSession

pytestmark = pytest.mark.slow


def notebook(*sources: str) -> nbformat.NotebookNode:
    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return node


def outputs(node) -> list[str]:  # the executed notebook, as session.run returns it
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


def test_a_client_is_ready_once_the_kernel_answered_and_no_output_is_lost(tmp_path):
    # ReportKernelClient.wait_for_ready returns on the kernel's reply and its idle status,
    # not after jupyter_client's fixed 0.2 s of listening; the first cell's output, printed
    # at once, must still arrive on IOPub
    with KernelSession(notebooks_dir()) as session:
        session.ready()
        client = session.km.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=30)
            said: list[str] = []
            reply = run_sync(client.execute_interactive)(
                "print('first words')",
                output_hook=lambda msg: said.append(msg["content"].get("text", "")),
                timeout=30,
            )
        finally:
            client.stop_channels()
        assert reply["content"]["status"] == "ok"
        assert "".join(said) == "first words\n"
        for index in range(3):  # and every notebook run's client, made by nbclient, too
            out = session.run(notebook(f"print({index})"), tmp_path / f"{index}.ipynb", {})
            assert [text.strip() for text in outputs(out)] == [str(index)]


def test_waiting_for_a_dead_kernel_fails_instead_of_hanging():
    with KernelSession(notebooks_dir()) as session:
        session.ready()
        client = session.km.client()
        client.start_channels()
        try:
            session.stop()  # the kernel is killed; its manager sees the process gone
            with pytest.raises(RuntimeError, match="died"):
                run_sync(client.wait_for_ready)(timeout=20)
        finally:
            client.stop_channels()


def test_stop_ends_the_kernel_at_once_and_close_still_cleans_up(tmp_path):
    session = KernelSession(notebooks_dir()).start()
    session.run(notebook("x = 1"), tmp_path / "one.ipynb", {})
    process = session.km.provisioner.process  # type: ignore[union-attr]
    session.stop()
    process.wait(timeout=10)  # killed, without waiting for a shutdown request
    session.close()
    assert not session.km.has_kernel


def test_the_first_notebook_on_a_kernel_skips_the_reset_and_later_ones_reset(tmp_path):
    with KernelSession(notebooks_dir()) as session:
        first = session.run(notebook("y = 2"), tmp_path / "a.ipynb", {}, cwd=tmp_path)
        second = session.run(notebook("print('y' in globals())"), tmp_path / "b.ipynb", {})
    cells = [nbformat.read(tmp_path / n, as_version=4).cells[0] for n in ("a.ipynb", "b.ipynb")]
    assert [nb.cells[0].source for nb in (first, second)] == [c.source for c in cells]
    assert "run_line_magic('reset'" not in cells[0].source  # a fresh kernel: nothing to forget
    assert "run_line_magic('reset', '-f')" in cells[1].source
    assert outputs(second)[-1].strip() == "False"

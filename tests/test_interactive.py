"""On a terminal: ``apply --interactive`` under a pseudo-terminal, the progress bar, the summary table."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migrate.report import LARGE_RUN, Reporter, Tally

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")

GOOD = 'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=os.environ["E{n}"], api_key="k", api_version="2024-10-21")\n'
KEY = "8f14e45fceea167a5a36dedd4bea2543"
QUESTION = "Apply this change?"


class Terminal:
    """``python -m migrate ...`` with stdin, stdout and stderr on a pseudo-terminal."""

    def __init__(self, *args: str, cwd: Path) -> None:
        master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", COLUMNS="200", LINES="50")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "migrate", args[0], "-j", "1", *args[1:]], cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True
        )
        os.close(slave)
        self.master = master
        self.screen = ""

    def read_until(self, text: str, count: int = 1, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while self.screen.count(text) < count:
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"{text!r} x{count} never came; screen:\n{self.screen}")
        return self.screen

    def _read(self, timeout: float) -> bool:
        if timeout <= 0:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.screen += ANSI.sub("", data.decode("utf-8", "replace"))
        return True

    def answer(self, text: str) -> None:
        os.write(self.master, text.encode() + b"\n")

    def finish(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while self._read(deadline - time.monotonic()):
            pass
        code = self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        os.close(self.master)
        return code


def tree(tmp_path: Path, count: int = 3) -> list[Path]:
    files = []
    for n in range(count):
        path = tmp_path / f"m{n}.py"
        path.write_text(GOOD.format(n=n))
        files.append(path)
    return files


def migrated(path: Path) -> bool:
    return "OpenAI(base_url=" in path.read_text()


# --------------------------------------------------------------------------- apply --interactive


def test_interactive_apply_writes_only_the_files_the_reviewer_accepts(tmp_path):
    a, b, c = tree(tmp_path)
    term = Terminal("apply", "--interactive", ".", cwd=tmp_path)
    screen = term.read_until(QUESTION)
    assert "m0.py" in screen and "+client = OpenAI(base_url=" in screen and "-from openai import AzureOpenAI" in screen
    term.answer("y")
    term.read_until(QUESTION, 2)
    term.answer("n")
    term.read_until(QUESTION, 3)
    term.answer("yes")
    code = term.finish()
    assert (migrated(a), migrated(b), migrated(c)) == (True, False, True)
    assert code == 1  # a declined change is still pending
    assert "2 files changed, 0 unchanged, 0 failed, 1 declined" in term.screen


def test_interactive_all_applies_the_rest_without_asking_again(tmp_path):
    files = tree(tmp_path)
    term = Terminal("apply", "-i", ".", cwd=tmp_path)
    term.read_until(QUESTION)
    term.answer("a")
    code = term.finish()
    assert code == 0
    assert all(migrated(path) for path in files)
    assert term.screen.count(QUESTION) == 1
    assert "3 files changed" in term.screen


def test_interactive_quit_leaves_this_and_every_later_file_untouched(tmp_path):
    a, b, c = tree(tmp_path)
    term = Terminal("apply", "--interactive", ".", cwd=tmp_path)
    term.read_until(QUESTION)
    term.answer("y")
    term.read_until(QUESTION, 2)
    term.answer("q")
    code = term.finish()
    assert code == 1
    assert (migrated(a), migrated(b), migrated(c)) == (True, False, False)


def test_interactive_asks_again_after_an_answer_it_does_not_know(tmp_path):
    (a,) = tree(tmp_path, 1)
    term = Terminal("apply", "--interactive", ".", cwd=tmp_path)
    term.read_until(QUESTION)
    term.answer("maybe")
    term.read_until("Answer y, n, a or q.")
    term.read_until(QUESTION, 2)
    term.answer("y")
    assert term.finish() == 0
    assert migrated(a)


def test_interactive_diff_masks_a_key_literal(tmp_path):
    (tmp_path / "app.py").write_text(GOOD.format(n=0).replace('"k"', f'"{KEY}"'))
    term = Terminal("apply", "--interactive", ".", cwd=tmp_path)
    screen = term.read_until(QUESTION)
    assert "8f14********" in screen and KEY not in screen
    term.answer("n")
    term.finish()


def test_interactive_refuses_when_stdin_is_not_a_terminal(tmp_path):
    (a,) = tree(tmp_path, 1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "migrate", "apply", "--interactive", "."], cwd=tmp_path, env=env, input=b"y\n", capture_output=True, timeout=60
    )
    assert result.returncode == 2
    assert b"--interactive needs a terminal on stdin" in result.stderr
    assert not migrated(a)


def test_interactive_refuses_a_file_changed_while_the_reviewer_read_its_diff(tmp_path):
    (a,) = tree(tmp_path, 1)
    term = Terminal("apply", "--interactive", ".", cwd=tmp_path)
    term.read_until(QUESTION)
    a.write_text(GOOD.format(n=0) + "# edited meanwhile\n")
    term.answer("y")
    assert term.finish() == 2
    assert "modified since it was read; not overwritten" in term.screen
    assert a.read_text().endswith("# edited meanwhile\n")


# --------------------------------------------------------------------------- large runs on a terminal


def test_a_large_run_on_a_terminal_ends_with_a_summary_table(tmp_path):
    for n in range(LARGE_RUN + 20):
        (tmp_path / f"clean{n:03}.py").write_text("print('nothing to migrate')\n")
    tree(tmp_path, 1)
    term = Terminal("check", ".", cwd=tmp_path)
    assert term.finish() == 1
    screen = term.screen
    assert re.search(r"files scanned\s+221", screen)
    assert re.search(r"would change\s+1", screen) and re.search(r"unchanged\s+220", screen)
    assert re.search(r"time\s+\d+\.\d s", screen)
    assert "aoai-migrate: 1 file would change, 220 unchanged, 0 failed, 0 follow-ups" in screen


def test_a_small_quick_run_prints_only_the_summary_line(tmp_path):
    for n in range(5):
        (tmp_path / f"clean{n}.py").write_text("print('nothing to migrate')\n")
    term = Terminal("check", ".", cwd=tmp_path)
    assert term.finish() == 0
    assert "files scanned" not in term.screen
    assert "aoai-migrate: 0 files would change, 5 unchanged" in term.screen


def terminal_reporter() -> tuple[Reporter, io.StringIO]:
    from rich.console import Console

    buffer = io.StringIO()
    reporter = Reporter(stderr=buffer, color=True)
    reporter._console = Console(file=buffer, force_terminal=True, soft_wrap=True, width=120)
    return reporter, buffer


def test_the_progress_bar_starts_only_past_the_large_run_threshold():
    reporter, _ = terminal_reporter()
    tally = Tally()
    with reporter.progress() as progress:
        tally.unchanged = LARGE_RUN
        progress.update(tally)
        assert not progress.shown
        tally.unchanged = LARGE_RUN + 1
        progress.update(tally)
        assert progress.shown
    assert progress._progress is None  # stopped (transient: it leaves nothing behind)


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    reporter = Reporter(stderr=io.StringIO(), color=False)
    tally = Tally(unchanged=10 * LARGE_RUN)
    with reporter.progress() as progress:
        progress.update(tally)
    assert not progress.shown


@pytest.mark.parametrize("declined", [0, 2])
def test_the_summary_table_lists_follow_ups_by_rule(declined):
    reporter, buffer = terminal_reporter()
    tally = Tally(changed=3, unchanged=5, failed=1, declined=declined)
    tally.by_rule.update({"AOAI102": 2, "AOAI301": 1})
    reporter.table(tally, "changed", 1.25)
    text = ANSI.sub("", buffer.getvalue())
    assert re.search(rf"files scanned\s+{9 + declined}", text)
    assert re.search(r"AOAI102\s+2", text) and re.search(r"AOAI301\s+1", text)
    assert re.search(r"follow-ups\s+3", text) and "1.2 s" in text
    assert ("declined" in text) == bool(declined)


def test_the_progress_bar_also_starts_when_few_files_take_long():
    reporter, _ = terminal_reporter()
    with reporter.progress() as progress:
        progress._clock = lambda: progress._started + 1
        progress.update(Tally(unchanged=3))
        assert not progress.shown
        progress._clock = lambda: progress._started + 60
        progress.update(Tally(unchanged=3))
        assert progress.shown

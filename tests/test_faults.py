"""Faults during ``apply``: whatever happens, every file is fully old or fully new, no temp file
is left behind, a file someone else changed is never overwritten, and mode and owner are kept.

Faults are injected into the real CLI process and its workers through ``sitecustomize`` hooks
(see ``tests/faultkit.py``); a ``# FAULT: ...`` comment in a file says which fault hits it.
"""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest

from migrate import runner, sources
from migrate.session import Mode, run
from migrate.sources import read_source, write_atomic
from tests.faultkit import azure_module, cli, cli_here, migrated, start, temp_files, write

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and process groups")

HOOKS = """
import errno, os, signal, stat, time
import migrate.runner as _runner

_migrate_source = _runner.migrate_source

def _faulty_migrate_source(text, select=None):
    delay = float(os.environ.get("AOAI_TEST_DELAY", "0"))
    if delay:
        time.sleep(delay)
    if "FAULT: exit" in text:
        os._exit(7)
    if "FAULT: segfault" in text:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "FAULT: raise" in text:
        raise RuntimeError("injected failure")
    if "FAULT: edited" in text:
        with open(os.environ["AOAI_TEST_EDITED"], "ab") as handle:
            handle.write(b"# a colleague's change\\n")
    if "FAULT: deleted" in text:
        os.unlink(os.environ["AOAI_TEST_DELETED"])
    return _migrate_source(text, select)

_runner.migrate_source = _faulty_migrate_source

_fsync, _write = os.fsync, os.write

def _faulty_fsync(fd):
    head = os.pread(fd, 200, 0)
    if b"FAULT: kill-mid-write" in head:
        os.kill(os.getpid(), signal.SIGKILL)
    if b"FAULT: signal-mid-write" in head:
        os.killpg(os.getpgrp(), getattr(signal, os.environ["AOAI_TEST_SIGNAL"]))
        time.sleep(0.5)  # the signal is pending now; the write must still complete or be undone
    return _fsync(fd)

def _faulty_write(fd, data):
    if b"FAULT: disk-full" in bytes(data[:200]) and stat.S_ISREG(os.fstat(fd).st_mode):
        raise OSError(errno.ENOSPC, "No space left on device")
    return _write(fd, data)

os.fsync, os.write = _faulty_fsync, _faulty_write
"""

GOOD = azure_module()


def faulty(tmp_path: Path, name: str, fault: str) -> Path:
    return write(tmp_path / name, azure_module(name, f"FAULT: {fault}"))


def wait_for_change(files: dict[Path, bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(path.read_bytes() != data for path, data in files.items()):
            return
        time.sleep(0.01)
    raise AssertionError("no file changed in time")


def assert_each_file_old_or_new(files: dict[Path, bytes]) -> tuple[int, int]:
    """(old, new) counts; fails on any file that is neither."""
    old = new = 0
    for path, before in files.items():
        now = path.read_bytes()
        if now == before:
            old += 1
        elif now == migrated(before):
            new += 1
        else:
            raise AssertionError(f"{path.name} is neither its old nor its new content:\n{now!r}")
    return old, new


# --------------------------------------------------------------------------- crashes


@posix_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashing_worker_costs_only_the_file_it_crashed_on(tmp_path: Path, jobs: str) -> None:
    files = {write(tmp_path / f"m{n:02}.py", azure_module(n)): azure_module(n) for n in range(20)}
    exits = faulty(tmp_path, "m05_exit.py", "exit")
    segfaults = faulty(tmp_path, "m12_segfault.py", "segfault")
    raises = faulty(tmp_path, "m20_raise.py", "raise")
    bad = {p: p.read_bytes() for p in (exits, segfaults, raises)}

    result = cli("apply", "-j", jobs, ".", cwd=tmp_path, hooks=HOOKS)

    assert result.returncode == 2, result.stderr
    assert "m05_exit.py: error: the worker process crashed on this file (exit code 7); file left unchanged" in result.stderr
    assert "m12_segfault.py: error: the worker process crashed on this file (SIGSEGV); file left unchanged" in result.stderr
    assert "m20_raise.py: error: internal error (RuntimeError: injected failure); file left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert "3 failed" in result.stderr
    for path, data in bad.items():
        assert path.read_bytes() == data
    assert assert_each_file_old_or_new(files) == (0, 20), "every other file must be migrated"
    assert temp_files(tmp_path) == []


@posix_only
def test_a_worker_killed_in_the_middle_of_a_write_leaves_no_temp_file(tmp_path: Path) -> None:
    files = {write(tmp_path / f"m{n:02}.py", azure_module(n)): azure_module(n) for n in range(10)}
    victim = faulty(tmp_path, "m05_victim.py", "kill-mid-write")
    before = victim.read_bytes()

    result = cli("apply", "-j", "2", ".", cwd=tmp_path, hooks=HOOKS)

    assert result.returncode == 2, result.stderr
    assert "m05_victim.py: error: the worker process crashed on this file (SIGKILL); file left unchanged" in result.stderr
    assert victim.read_bytes() == before
    assert temp_files(tmp_path) == [], "the dead worker's temp file was not cleaned up"
    assert assert_each_file_old_or_new(files) == (0, 10)


def test_a_file_whose_write_fails_is_left_as_it_was(tmp_path: Path) -> None:
    files = {write(tmp_path / f"m{n}.py", azure_module(n)): azure_module(n) for n in range(3)}
    full = faulty(tmp_path, "m1_full.py", "disk-full")
    before = full.read_bytes()
    result = cli("apply", ".", cwd=tmp_path, hooks=HOOKS)
    assert result.returncode == 2, result.stderr
    assert "m1_full.py: error: no space left on device" in result.stderr
    assert full.read_bytes() == before
    assert temp_files(tmp_path) == []
    assert assert_each_file_old_or_new(files) == (0, 3)


def test_an_exception_in_the_pipeline_is_one_failed_file_even_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.py", GOOD)
    write(tmp_path / "b.py", GOOD)
    real = runner.migrate_source

    def explode(text: str, select: frozenset[str] | None = None) -> runner.Outcome:
        if "r0" in text and not explode.done:  # type: ignore[attr-defined]
            explode.done = True  # type: ignore[attr-defined]
            raise MemoryError("injected")
        return real(text, select)

    explode.done = False  # type: ignore[attr-defined]
    monkeypatch.setattr(runner, "migrate_source", explode)
    results = list(run([tmp_path], Mode.APPLY, jobs=0))
    assert [r.error for r in results] == ["internal error (MemoryError: injected); file left unchanged", None]
    assert (tmp_path / "a.py").read_bytes() == GOOD
    assert results[1].changed


# --------------------------------------------------------------------------- someone else edits


def test_a_file_edited_by_someone_else_during_the_run_is_not_overwritten(tmp_path: Path) -> None:
    write(tmp_path / "a.py", GOOD)
    edited = faulty(tmp_path, "edited.py", "edited")
    original = edited.read_bytes()
    write(tmp_path / "z.py", GOOD)

    result = cli("apply", ".", cwd=tmp_path, hooks=HOOKS.replace('os.environ["AOAI_TEST_EDITED"]', repr(str(edited))))

    assert result.returncode == 2, result.stderr
    assert "edited.py: error: modified since it was read; not overwritten" in result.stderr
    assert edited.read_bytes() == original + b"# a colleague's change\n"
    assert (tmp_path / "a.py").read_bytes() == migrated(GOOD)
    assert (tmp_path / "z.py").read_bytes() == migrated(GOOD)
    assert temp_files(tmp_path) == []


def test_a_file_deleted_during_the_run_is_not_recreated(tmp_path: Path) -> None:
    deleted = faulty(tmp_path, "gone.py", "deleted")
    write(tmp_path / "z.py", GOOD)
    result = cli("apply", ".", cwd=tmp_path, hooks=HOOKS.replace('os.environ["AOAI_TEST_DELETED"]', repr(str(deleted))))
    assert result.returncode == 2, result.stderr
    assert "gone.py: error: deleted since it was read; not written" in result.stderr
    assert not deleted.exists()
    assert (tmp_path / "z.py").read_bytes() == migrated(GOOD)
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda p: p.write_bytes(p.read_bytes() + b"x = 2\n"), id="appended"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes().replace(b"k", b"K")), id="same-size"),
        pytest.param(lambda p: (p.with_suffix(".new").write_bytes(GOOD), os.replace(p.with_suffix(".new"), p)), id="replaced"),
    ],
)
def test_any_change_between_read_and_write_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit) -> None:  # noqa: ANN001
    path = write(tmp_path / "m.py", GOOD)
    real = runner.migrate_source

    def colleague(text: str, select: frozenset[str] | None = None) -> runner.Outcome:
        stat_before = path.stat()
        edit(path)
        os.utime(path, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))  # even with the old mtime
        return real(text, select)

    monkeypatch.setattr(runner, "migrate_source", colleague)
    (result,) = run([path], Mode.APPLY, jobs=0)
    assert result.error == "modified since it was read; not overwritten"
    assert path.read_bytes() != migrated(GOOD)
    assert temp_files(tmp_path) == []


# --------------------------------------------------------------------------- interruptions


@posix_only
@pytest.mark.parametrize(
    ("signum", "to_group", "jobs"),
    [
        pytest.param(signal.SIGINT, True, "2", id="ctrl-c-2-workers"),
        pytest.param(signal.SIGTERM, False, "2", id="kill-main-process"),
        pytest.param(signal.SIGTERM, True, "2", id="kill-process-group"),
    ],
)
def test_an_interrupted_apply_leaves_every_file_old_or_new_and_no_temp_file(
    tmp_path: Path, signum: int, to_group: bool, jobs: str
) -> None:
    files = {write(tmp_path / f"m{n:03}.py", azure_module(n)): azure_module(n) for n in range(80)}
    process = start("apply", "-j", jobs, ".", cwd=tmp_path, hooks=HOOKS, env={"AOAI_TEST_DELAY": "0.03"})
    try:
        wait_for_change(files)
        time.sleep(0.1)
        (os.killpg if to_group else os.kill)(process.pid, signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert b"interrupted; every file is either fully migrated or untouched" in stderr
    assert b"Traceback" not in stderr
    old, new = assert_each_file_old_or_new(files)
    assert new >= 1 and old >= 1, f"the run was not interrupted in the middle ({old} old, {new} new)"
    assert temp_files(tmp_path) == []

    again = cli_here("apply", ".", cwd=tmp_path)  # and the job can simply be run again
    assert again.returncode == 0, again.stderr
    assert assert_each_file_old_or_new(files) == (0, 80)


@posix_only
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_in_the_middle_of_a_write_lets_that_write_finish_cleanly(tmp_path: Path, signame: str) -> None:
    files = {write(tmp_path / f"m{n:02}.py", azure_module(n)): azure_module(n) for n in range(20)}
    victim = faulty(tmp_path, "m00_victim.py", "signal-mid-write")
    files[victim] = victim.read_bytes()
    process = start("apply", "-j", "2", ".", cwd=tmp_path, hooks=HOOKS, env={"AOAI_TEST_SIGNAL": signame})
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert temp_files(tmp_path) == [], "a temp file was left by the interrupted write"
    assert_each_file_old_or_new(files)


@posix_only
def test_write_atomic_holds_a_signal_back_until_the_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "m.py", b"old\n")
    real_fsync = os.fsync

    def interrupted_fsync(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C lands while the temp file is being written
        real_fsync(fd)

    monkeypatch.setattr(sources.os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new\n", expected=read_source(path))
    assert path.read_bytes() == b"new\n", "the write that had started did not complete"
    assert temp_files(tmp_path) == []


# --------------------------------------------------------------------------- metadata


def test_apply_keeps_each_file_mode(tmp_path: Path) -> None:
    modes = {"script.py": 0o755, "private.py": 0o600, "group.py": 0o640, "sticky.py": 0o1644}
    for name, mode in modes.items():
        write(tmp_path / name, GOOD).chmod(mode)
    result = cli_here("apply", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name, mode in modes.items():
        path = tmp_path / name
        assert path.read_bytes() == migrated(GOOD)
        assert stat.S_IMODE(path.stat().st_mode) == mode, name


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_apply_as_root_keeps_each_file_owner_and_group(tmp_path: Path) -> None:
    owned = write(tmp_path / "owned.py", GOOD)
    os.chown(owned, 1234, 4321)
    setgid = write(tmp_path / "setgid.py", GOOD)
    os.chown(setgid, 0, 4321)
    setgid.chmod(0o2755)
    result = cli_here("apply", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert owned.read_bytes() == migrated(GOOD)
    assert (owned.stat().st_uid, owned.stat().st_gid) == (1234, 4321)
    assert (setgid.stat().st_uid, setgid.stat().st_gid) == (0, 4321)
    assert stat.S_IMODE(setgid.stat().st_mode) == 0o2755


def test_an_interrupted_check_says_nothing_was_written(tmp_path: Path) -> None:
    # (a trial: diff and check said "every file is either fully migrated or untouched")
    files = {write(tmp_path / f"m{n:03}.py", azure_module(n)): azure_module(n) for n in range(80)}
    process = start("check", "-j", "1", ".", cwd=tmp_path, hooks=HOOKS, env={"AOAI_TEST_DELAY": "0.03"})
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # the run is under way once it reports its first file
        os.kill(process.pid, signal.SIGINT)
        _, rest = process.communicate(timeout=60)
        stderr = first + rest
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert b"interrupted; nothing was written" in stderr and b"fully migrated" not in stderr
    assert all(path.read_bytes() == data for path, data in files.items())

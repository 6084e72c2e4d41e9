"""Past a run's first files the byte pre-filter runs in the workers, in batches: nothing about the
results may tell the difference (order, errors, findings, writes), and a worker that dies on a
batch costs nothing: the main process redoes that batch itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import migrate.session as session
from migrate.session import Mode, run
from tests.faultkit import azure_module

MAIN = os.getpid()


def summary(results: list[session.FileResult]) -> list[tuple]:
    return [(r.path.name, r.changed, r.error, tuple(f.rule for f in r.findings), r.new_text) for r in results]


def tree(root: Path) -> Path:
    """40 files: Azure client code in every fifth, binary, empty and plain files between."""
    for n in range(40):
        path = root / f"pkg{n // 10}" / f"m{n:02}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        if n % 5 == 0:
            path.write_bytes(azure_module(n))
        elif n == 17:
            path.write_bytes(b"x = 1\0\n")
        elif n == 23:
            path.write_bytes(b"")
        else:
            path.write_text(f"import os\nVALUE_{n} = os.getcwd()\n", encoding="utf-8")
    return root


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session, "INLINE_PREFILTER", 3)
    monkeypatch.setattr(session, "BATCH", 4)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_as_when_every_file_is_prefiltered_in_the_main_process(
    tmp_path: Path, small_batches: None, jobs: int
) -> None:
    root = tree(tmp_path)
    inline = list(run([root], Mode.CHECK, jobs=0))
    batched = list(run([root], Mode.CHECK, jobs=jobs))
    assert len(inline) == 40
    assert sum(r.changed for r in inline) == 8
    assert [r.error for r in inline if r.error] == ["binary file (contains NUL bytes)"]
    assert summary(batched) == summary(inline)


def test_apply_with_batches_writes_every_file_that_needs_it(tmp_path: Path, small_batches: None) -> None:
    root = tree(tmp_path)
    results = list(run([root], Mode.APPLY, jobs=2))
    changed = [r for r in results if r.changed]
    assert len(changed) == 8
    for result in changed:
        assert result.path.read_text(encoding="utf-8") == result.new_text
        assert "AzureOpenAI" not in result.new_text


def _dies_in_a_worker(files: list[tuple[str, bool]], max_file_size: int | None) -> list:
    if os.getpid() != MAIN:
        os._exit(9)
    return _REAL(files, max_file_size)


_REAL = session.prefilter_many


def test_a_worker_that_dies_on_a_batch_costs_nothing(tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tree(tmp_path)
    inline = list(run([root], Mode.CHECK, jobs=0))
    monkeypatch.setattr(session, "prefilter_many", _dies_in_a_worker)
    batched = list(run([root], Mode.CHECK, jobs=2))
    assert summary(batched) == summary(inline)


def test_a_small_run_with_nothing_to_migrate_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(20):
        (tmp_path / f"m{n}.py").write_text("x = 1\n", encoding="utf-8")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(session._Workers, "_submit", no_pool)
    results = list(run([tmp_path], Mode.CHECK, jobs=2))
    assert len(results) == 20 and not any(r.error or r.changed for r in results)


def test_without_a_process_pool_files_with_nothing_to_do_still_pass(tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    for n in range(20):
        (tmp_path / f"m{n}.py").write_text("import os\n", encoding="utf-8")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise NotImplementedError("This platform lacks a functioning sem_open implementation")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    results = list(run([tmp_path], Mode.CHECK, jobs=2))
    assert [r.path.name for r in results] == sorted((f"m{n}.py" for n in range(20)), key=lambda n: n)
    assert not any(r.error or r.changed for r in results)

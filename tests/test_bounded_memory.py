"""A run's memory does not grow with the number of files it goes through.

Results are handed on as they come, in discovery order, with a bounded number in flight, and the
command line keeps counts, not results (``migrate.report.Tally``). Measured here with
``tracemalloc`` in the main process (where results would pile up if anything kept them): the peak
over a tree and over one four times its size must be about the same, once the bounded caches are
warm. ``benchmarks/bench.py
--many 100000`` measures the same for the whole command, workers included.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

import migrate.session as session
from migrate.report import Tally
from migrate.session import Mode, run
from tests.faultkit import azure_module


def tree(root: Path, files: int) -> Path:
    """``files`` files, 100 to a folder; every 25th holds Azure client code, the others not."""
    for n in range(files):
        path = root / f"pkg{n // 100:03}" / f"m{n:04}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        if n % 25 == 0:
            path.write_bytes(azure_module(n))
        else:
            path.write_text(f"import os\n\nVALUE_{n} = os.getcwd()  # {'x' * 200}\n", encoding="utf-8")
    return root


def peak_of(root: Path, mode: Mode, jobs: int) -> tuple[int, Tally]:
    """The peak of traced memory while ``run`` goes through ``root``, consumed as the CLI does."""
    tally = Tally()
    tracemalloc.start()
    try:
        for result in run([root], mode, jobs=jobs):
            tally.add(result)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, tally


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("trees")
    return tree(base / "small", 600), tree(base / "large", 2400)


@pytest.mark.parametrize(
    ("mode", "jobs"),
    [(Mode.CHECK, 0), (Mode.CHECK, 1), (Mode.DIFF, 2)],
    ids=["check-in-process", "check-one-worker", "diff-two-workers"],
)
def test_the_peak_does_not_grow_with_the_tree(
    trees: tuple[Path, Path], mode: Mode, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # batches from the 65th file on, so the workers' pre-filter and its hand-over are in the run
    monkeypatch.setattr(session, "INLINE_PREFILTER", 64)
    monkeypatch.setattr(session, "BATCH", 32)
    small, large = trees
    # imports, and the bounded caches (string literals evaluated, URLs split...) filled with every
    # file's contents: the small tree's files are the large one's first 600
    peak_of(large, mode, jobs)
    small_peak, small_tally = peak_of(small, mode, jobs)
    large_peak, large_tally = peak_of(large, mode, jobs)
    assert (small_tally.changed, small_tally.unchanged, small_tally.failed) == (24, 576, 0)
    assert (large_tally.changed, large_tally.unchanged, large_tally.failed) == (96, 2304, 0)
    # 1,800 more files, 72 of them changed: keeping a few hundred bytes per file, or each
    # changed file's texts, would add about half a megabyte or more
    assert large_peak - small_peak < 200_000, (small_peak, large_peak)

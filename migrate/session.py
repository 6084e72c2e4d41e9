"""One run over many files: discover, read, pre-filter, migrate, and (for ``apply``) write.

Yields a :class:`FileResult` per file, in discovery order, streaming: memory stays bounded by a
window of in-flight files, not by the size of the tree. The main process reads each file's bytes
and drops those that contain no trigger (most of a monorepo) without decoding or parsing them;
the rest are parsed and transformed in worker processes when ``jobs > 1``. Knows nothing about
printing or exit codes; a file that cannot be processed is a result with ``error`` set.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from migrate.discover import DiscoveryError, discover
from migrate.sources import SourceError, os_error_reason
from transforms import might_need_migration


class Mode(enum.Enum):
    DIFF = "diff"
    APPLY = "apply"
    CHECK = "check"


@dataclasses.dataclass(frozen=True)
class FileResult:
    """What happened to one file. Texts are only carried for files that changed."""

    path: Path
    old_text: str = ""
    new_text: str = ""
    encoding: str = "utf-8"
    findings: tuple = ()
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.new_text != self.old_text

    @property
    def follow_ups(self) -> tuple:
        return tuple(f for f in self.findings if not f.fixed)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_file(path: Path, mode: Mode, select: frozenset[str] | None = None) -> FileResult:
    """Read, migrate and (for ``apply``) atomically write one file. Never raises."""
    from migrate.runner import migrate_source
    from migrate.sources import encode_source, read_source, write_atomic

    try:
        source = read_source(path)
    except SourceError as error:
        return FileResult(path, error=error.reason)
    outcome = migrate_source(source.text, select)
    if outcome.error is not None:
        return FileResult(path, error=outcome.error)
    if outcome.code == source.text:
        return FileResult(path, encoding=source.encoding, findings=outcome.findings)
    result = FileResult(path, source.text, outcome.code, source.encoding, outcome.findings)
    if mode is Mode.APPLY:
        try:
            write_atomic(path, encode_source(outcome.code, source.encoding), expected=source)
        except SourceError as error:
            return FileResult(path, findings=outcome.findings, error=error.reason)
    return result


def _prefilter(path: Path) -> FileResult | None:
    """A result for a file that cannot need migration; None when it must be parsed."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return FileResult(path, error=os_error_reason(error))
    if b"\0" in data:
        return FileResult(path, error="binary file (contains NUL bytes)")
    return None if might_need_migration(data) else FileResult(path)


def run(
    paths: Sequence[Path], mode: Mode, select: frozenset[str] | None = None, jobs: int = 1
) -> Iterator[FileResult]:
    """Process every file under ``paths``; results come back in discovery order."""
    pending: collections.deque[tuple[Path, FileResult | Future[FileResult]]] = collections.deque()
    window = max(1, jobs) * 16
    pool: ProcessPoolExecutor | None = None
    try:
        for item in discover(paths):
            if isinstance(item, DiscoveryError):
                pending.append((item.path, FileResult(item.path, error=item.reason)))
            elif (skipped := _prefilter(item)) is not None:
                pending.append((item, skipped))
            elif jobs <= 1:
                pending.append((item, process_file(item, mode, select)))
            else:
                if pool is None:
                    pool = ProcessPoolExecutor(max_workers=jobs)
                pending.append((item, pool.submit(process_file, item, mode, select)))
            while pending and (len(pending) > window or _ready(pending[0][1])):
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _ready(item: FileResult | Future[FileResult]) -> bool:
    return not isinstance(item, Future) or item.done()


def _result(path: Path, item: FileResult | Future[FileResult]) -> FileResult:
    if isinstance(item, FileResult):
        return item
    try:
        return item.result()
    except Exception as error:  # noqa: BLE001 - a crashed worker is one failed file, not a crashed run
        return FileResult(path, error=f"worker failed ({type(error).__name__}: {error}); file left unchanged")

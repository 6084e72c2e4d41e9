"""One run over many files: discover, read, migrate, and (for ``apply``) write.

Yields a :class:`FileResult` per file in a stable order; knows nothing about printing or exit
codes. A file that cannot be processed is a result with ``error`` set; the run goes on.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator, Sequence
from pathlib import Path

from migrate.discover import DiscoveryError, discover
from migrate.runner import migrate_source
from migrate.sources import SourceError, encode_source, read_source, write_atomic


class Mode(enum.Enum):
    DIFF = "diff"
    APPLY = "apply"
    CHECK = "check"


@dataclasses.dataclass(frozen=True)
class FileResult:
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


def process_file(path: Path, mode: Mode, select: frozenset[str] | None = None) -> FileResult:
    try:
        source = read_source(path)
    except SourceError as error:
        return FileResult(path, error=error.reason)
    outcome = migrate_source(source.text, select)
    if outcome.error is not None:
        return FileResult(path, source.text, source.text, source.encoding, error=outcome.error)
    result = FileResult(path, source.text, outcome.code, source.encoding, outcome.findings)
    if mode is Mode.APPLY and result.changed:
        try:
            write_atomic(path, encode_source(outcome.code, source.encoding), expected=source)
        except SourceError as error:
            return dataclasses.replace(result, new_text=source.text, error=error.reason)
    return result


def run(paths: Sequence[Path], mode: Mode, select: frozenset[str] | None = None) -> Iterator[FileResult]:
    for item in discover(paths):
        if isinstance(item, DiscoveryError):
            yield FileResult(item.path, error=item.reason)
        else:
            yield process_file(item, mode, select)

"""One run over many files: discover, read, pre-filter, migrate, and (for ``apply``) write.

Yields a :class:`FileResult` per file, in discovery order, streaming: memory stays bounded by a
window of in-flight files, not by the size of the tree. Each file's bytes are read and a file
that contains no trigger (most of a monorepo) is dropped without being decoded or parsed: by the
main process for a run's first :data:`INLINE_PREFILTER` files, then by the workers, in batches,
while the main process goes on walking. The rest are parsed and transformed in worker
processes. Knows nothing about printing or exit codes; a file that cannot be processed is a
result with ``error`` set.

Faults are contained, never spread:

* parsing happens in worker processes (even with ``jobs=1``), so a crash in LibCST's native
  parser (a segfault on pathological nesting) or a killed worker costs one file, not the run: the
  files that were in flight are retried one at a time in a fresh process, and the one that
  crashes again is reported (``the worker process crashed on this file (SIGSEGV)...``);
  orphaned temp files of the dead worker are removed;
* workers ignore SIGINT: on Ctrl-C the main process stops handing out files and waits for the
  files being written, so each file is either fully old or fully new (``write_atomic`` also holds
  SIGINT/SIGTERM back while it writes);
* a file over ``max_file_size`` bytes that could need migration is skipped with a reason; one
  that cannot (no trigger in its bytes, read in chunks) is simply unchanged.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import functools
import importlib
import mmap
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING
from pathlib import Path
from types import ModuleType

from migrate.discover import SUFFIXES, DiscoveryError, discover
from migrate.sources import SourceError, os_error_reason, remove_orphaned_temp_files, too_large_reason

if TYPE_CHECKING:  # the pool is imported only when a file needs a worker or a large run batches its pre-filter
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.connection import Connection

#: Files larger than this (bytes) that could need migration are skipped with a reason.
DEFAULT_MAX_FILE_SIZE = 10_000_000

#: The kinds of file other than Python, tried in order. Each is a module with ``KIND`` (a short
#: name, kept in :attr:`FileResult.kind`), ``handles(name) -> bool`` (by file name),
#: ``TRIGGERS: tuple[bytes, ...]`` (the byte pre-filter: a file containing none of them cannot need
#: migration and is never decoded) and ``migrate_text(name, text, select) -> migrate.runner.Outcome``
#: (``code`` is the whole new file text; it writes nothing, and reads nothing but the requirements
#: files pip reads with a requirements file, which the dependency kind compares a floor raise
#: against). Their text is UTF-8 (a BOM is kept).
#: A module may also offer ``diff_parts(old, new) -> [(label, old, new)]`` (how
#: :mod:`migrate.report` shows a change), ``code_sources(text) -> [str]`` (the Python in it,
#: searched for secret literals to mask), ``prefilter(data, name) -> bool`` (a pre-filter finer
#: than its triggers), ``includes(name, text) -> [path]`` (files it pulls in, processed as
#: requirements files) and ``is_python(name)`` (decode as Python source). Every other file is
#: Python: :mod:`migrate.runner`. Importing these modules must stay cheap (no LibCST): the main
#: process needs their names and triggers for every file it sees.
FILE_KINDS: tuple[str, ...] = ("migrate.notebooks", "migrate.dependency_files", "migrate.config_files")
PYTHON_KIND = "migrate.runner"


@functools.lru_cache(maxsize=None)
def _kinds() -> tuple[tuple[ModuleType, ...], ModuleType]:
    """The file-kind modules (imported once: this runs for every file a walk meets) and Python's."""
    return tuple(importlib.import_module(name) for name in FILE_KINDS), importlib.import_module(PYTHON_KIND)


def kind_of(path: Path | str) -> ModuleType:
    """The file-kind module for ``path`` (by its name and folder); Python when no other kind claims it."""
    name = os.fspath(path).replace(os.sep, "/")
    others, python = _kinds()
    base = max(name.rfind("/"), name.rfind("\\")) + 1  # the kinds read a backslash as a separator too
    if name.endswith((".py", ".pyi")) and name[base] not in _OTHER_KINDS_PY_INITIALS:
        return python  # most files of a tree: no other kind's rules need asking
    for module in others:
        if module.handles(name):
            return module
    return python


#: The first characters of the ``.py``/``.pyi`` file names another kind may claim (``setup.py``,
#: ``.env.py``, ``Dockerfile.py``): a Python file whose name starts otherwise is Python without
#: asking each kind (``tests/test_project_files.py`` checks this against every kind's rules).
_OTHER_KINDS_PY_INITIALS = frozenset(".dDsS")


def kind_named(kind: str) -> ModuleType:
    """The file-kind module whose ``KIND`` is ``kind``."""
    others, python = _kinds()
    for module in (*others, python):
        if module.KIND == kind:
            return module
    raise LookupError(kind)


def decoder_of(module: ModuleType, path: Path | str = "") -> Callable[[bytes, Path | None], tuple[str, str]]:
    """How a file of this kind is decoded: as Python source (PEP 263) or as UTF-8 text.

    A kind whose files may be Python (``setup.py`` among the dependency files) says so with
    ``is_python(name)``.
    """
    from migrate.sources import decode_source, decode_utf8

    if module.__name__ == PYTHON_KIND or getattr(module, "is_python", lambda _: False)(os.fspath(path)):
        return decode_source
    return decode_utf8


def wanted(path: str) -> bool:
    """Whether a walk yields the file at ``path``: Python files, notebooks, and every other kind's files."""
    if path.endswith(SUFFIXES):
        return True
    return any(module.handles(path) for module in _kinds()[0])


def might_need_migration(data: bytes | _Mapped, kind: ModuleType, name: str = "") -> bool:
    """The byte pre-filter of ``kind``: its own ``prefilter(data, name)`` if it has a finer one
    (Python: trigger words, then each transform's requirement), else any of its ``TRIGGERS``."""
    finer = getattr(kind, "prefilter", None)
    if finer is not None:
        return finer(data, name)
    return any(trigger in data for trigger in kind.TRIGGERS)


class _Mapped:
    """A file too large to read at once, searched in place (``needle in mapped``) through mmap."""

    def __init__(self, mapped: mmap.mmap) -> None:
        self.mapped = mapped

    def __contains__(self, needle: bytes) -> bool:
        return self.mapped.find(needle) != -1


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
    kind: str = "python"  # the KIND of its file-kind module ("notebook": texts are the notebook's JSON)
    locations: dict[int, tuple[int, ...]] | None = None  # see migrate.runner.Outcome.locations
    includes: tuple[str, ...] = ()  # files this dependency file pulls in (-r, -c, file:), relative to its path

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


def process_file(
    path: Path,
    mode: Mode,
    select: frozenset[str] | None = None,
    max_file_size: int | None = None,
    as_requirements: bool = False,
) -> FileResult:
    """Read, migrate and (for ``apply``) atomically write one file. Never raises an ``Exception``.

    ``as_requirements``: the file was named by another's ``-r`` line, so it is a pip requirements
    file whatever its name.
    """
    try:
        return _process_file(path, mode, select, max_file_size, as_requirements)
    except Exception as error:  # noqa: BLE001 - a bug is one failed file, not a crashed run
        return FileResult(path, error=f"internal error ({type(error).__name__}: {error}); file left unchanged")


def _kind_for(path: Path, as_requirements: bool) -> ModuleType:
    return importlib.import_module("migrate.dependency_files") if as_requirements else kind_of(path)


def _process_file(
    path: Path, mode: Mode, select: frozenset[str] | None, max_file_size: int | None, as_requirements: bool
) -> FileResult:
    from migrate import project_modules
    from migrate.sources import encode_source, read_source, write_atomic

    kind = _kind_for(path, as_requirements)
    try:
        source = read_source(path, max_file_size, decoder_of(kind, path))
    except SourceError as error:
        return FileResult(path, error=error.reason, kind=kind.KIND)
    name = os.fspath(path)
    if as_requirements:
        outcome = kind.migrate_text(name, source.text, select, requirements_file=True)
    else:
        with project_modules.migrating(path):  # a transform may read the modules this one imports from
            outcome = kind.migrate_text(name, source.text, select)
    includes = tuple(kind.includes(name, source.text)) if hasattr(kind, "includes") else ()
    if outcome.error is not None:
        return FileResult(path, error=outcome.error, kind=kind.KIND, includes=includes)
    extra = {"kind": kind.KIND, "locations": outcome.locations, "includes": includes}
    if outcome.code == source.text:
        return FileResult(path, encoding=source.encoding, findings=outcome.findings, **extra)
    result = FileResult(path, source.text, outcome.code, source.encoding, outcome.findings, **extra)
    if mode is Mode.APPLY:
        try:
            write_atomic(path, encode_source(outcome.code, source.encoding), expected=source)
        except SourceError as error:
            return FileResult(path, findings=outcome.findings, error=error.reason, kind=kind.KIND, includes=includes)
    return result


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def _prefilter(
    path: Path, max_file_size: int | None, as_requirements: bool = False, kind: ModuleType | None = None
) -> FileResult | None:
    """A result for a file that cannot need migration (or cannot be read); None when it must be parsed.

    ``kind``: the file's kind when the caller has worked it out already. This runs for every file
    of a tree, so it reads through the descriptor itself (no file object) in one read.
    """
    if kind is None:
        kind = _kind_for(path, as_requirements)
    name = os.fspath(path)
    try:
        fd = os.open(name, _READ_FLAGS)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return FileResult(path, error="is a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file")
            if max_file_size is None or st.st_size <= max_file_size or st.st_size == 0:
                data = _read_all(fd, st.st_size)
                binary = b"\0" in data
                hit = not binary and might_need_migration(data, kind, name)
            else:  # searched in place, never read into memory
                with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as mapped:
                    binary = mapped.find(b"\0") != -1
                    hit = not binary and might_need_migration(_Mapped(mapped), kind, name)
        finally:
            os.close(fd)
    except OSError as error:
        return FileResult(path, error=os_error_reason(error))
    except ValueError:  # mmap of a file that shrank to nothing after fstat
        return FileResult(path, error="changed while it was read; file left unchanged")
    if binary:
        return FileResult(path, error="binary file (contains NUL bytes)")
    if not hit:
        return FileResult(path)
    if max_file_size is not None and st.st_size > max_file_size:
        return FileResult(path, error=too_large_reason(st.st_size, max_file_size))
    return None


def _read_all(fd: int, size: int) -> bytes:
    """The bytes of the open file ``fd`` whose size was ``size``: one read, unless it has grown since
    (or the system returned less than asked), then until end of file."""
    data = os.read(fd, size + 1)
    if len(data) == size:
        return data
    chunks = [data]
    while chunk := os.read(fd, max(size, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


def run(
    paths: Iterable[Path],
    mode: Mode,
    select: frozenset[str] | None = None,
    jobs: int = 1,
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
) -> Iterator[FileResult]:
    """Process every file under ``paths``; results come back in discovery order.

    ``jobs`` worker processes parse and transform (``jobs=0``: everything in this process, for
    tests and debugging; a crash there is not contained). ``max_file_size`` is in bytes (None: no
    limit).
    """
    pending: collections.deque[tuple[Path, FileResult | _Submitted | _Slot]] = collections.deque()
    window = max(1, jobs) * 16  # files handed to workers and not yet yielded
    slots_window = window + (jobs + 2) * BATCH  # every file not yet yielded, when batches are on
    submitted = 0
    workers = _Workers(jobs, mode, select, max_file_size) if jobs > 0 else None
    included = _Includes()
    if not isinstance(paths, Sequence):
        paths = included.noting_roots(paths)
    else:
        included.note_roots(paths)
    batch: list[_Slot] = []  # files whose pre-filter waits to go to a worker with others
    batches: collections.deque[tuple[_Submitted, list[_Slot]]] = collections.deque()
    seen = 0
    batching = True

    def start(item: Path | DiscoveryError, as_requirements: bool = False) -> None:
        nonlocal seen, submitted
        if isinstance(item, DiscoveryError):
            pending.append((item.path, FileResult(item.path, error=item.reason)))
            return
        kind = _kind_for(item, as_requirements)
        if kind.KIND == "dependencies" and not included.claim(item):
            return  # a dependency file already processed because another one includes it
        seen += 1
        if workers is not None and batching and seen > INLINE_PREFILTER:
            slot = _Slot(item, as_requirements)
            pending.append((item, slot))
            batch.append(slot)
            if len(batch) >= BATCH:
                send_batch()
        elif (skipped := _prefilter(item, max_file_size, as_requirements, kind)) is not None:
            pending.append((item, skipped))
        elif workers is None:
            pending.append((item, process_file(item, mode, select, max_file_size, as_requirements)))
        else:
            pending.append((item, workers.submit(item, as_requirements)))
            submitted += 1

    def send_batch() -> None:
        nonlocal batching
        assert workers is not None
        slots = batch[:]
        batch.clear()
        try:
            batches.append((workers.prefilter([(os.fspath(s.path), s.as_requirements) for s in slots]), slots))
        except (OSError, ImportError, NotImplementedError):  # no process pool here (no sem_open...)
            batching = False  # pre-filter in this process, as for a small run: files with nothing to do still pass
            for slot in slots:
                place(slot, _prefilter(slot.path, max_file_size, slot.as_requirements))

    def place(slot: _Slot, skipped: FileResult | None) -> None:
        """A pre-filtered file: its result, or (None) its submission to a worker."""
        nonlocal submitted
        assert workers is not None
        if skipped is None:
            slot.item = workers.submit(slot.path, slot.as_requirements)
            submitted += 1
        else:
            slot.item = skipped

    def settle(wait: bool) -> None:
        """Hand the files of pre-filtered batches that need migrating to workers, in order."""
        assert workers is not None
        while batches and (wait or batches[0][0].future.done()):
            sent, slots = batches.popleft()
            found = workers.prefiltered(sent, [(os.fspath(s.path), s.as_requirements) for s in slots])
            for slot, result in zip(slots, found):
                if isinstance(result, FileResult):
                    place(slot, dataclasses.replace(result, path=slot.path))
                else:
                    place(slot, None if result else FileResult(slot.path))
            wait = False

    def head_ready() -> bool:
        item = pending[0][1]
        if isinstance(item, _Slot):
            if item.item is None:
                settle(wait=False)
            item = item.item
            if item is None:
                return False
        return _ready(item)

    def finished() -> FileResult:
        nonlocal submitted
        path, item = pending.popleft()
        if isinstance(item, _Slot):
            if item.item is None:
                if item in batch:
                    send_batch()
                settle(wait=True)
            assert item.item is not None
            item = item.item
        if isinstance(item, _Submitted):
            submitted -= 1
        result = _result(workers, path, item)
        for path in included.new_includes(result):
            start(path, as_requirements=not wanted(_posix_path(path)))
        return result

    try:
        for item in discover(paths, report_symlinks=True, wanted=wanted):
            start(item)
            while pending and (submitted > window or len(pending) > slots_window or head_ready()):
                yield finished()
        while pending:
            yield finished()
    finally:
        if workers is not None:
            workers.close()


#: Files a run pre-filters in the main process before it hands the pre-filter to the workers in
#: batches of ``BATCH``. Starting a pool costs about 70 ms (importing ``multiprocessing`` and
#: forking), the time this process takes to pre-filter some 700 files, and the main process
#: still walks and yields every file; on two cores the workers gain back about 50 µs a file.
#: Measured on such a machine: a 1,790-file tree with nothing to migrate is checked about 15%
#: faster without a pool than with batches from file 257 on; at 5,400 files the two are within
#: a few percent, and the batches keep the run's wall time growing more slowly beyond. A run that
#: meets files to migrate starts the pool for them anyway.
INLINE_PREFILTER = 2048
BATCH = 128


class _Slot:
    """A file in a batch sent to be pre-filtered: its result, or its submission, once known."""

    __slots__ = ("path", "as_requirements", "item")

    def __init__(self, path: Path, as_requirements: bool) -> None:
        self.path = path
        self.as_requirements = as_requirements
        self.item: FileResult | _Submitted | None = None


def prefilter_many(files: list[tuple[str, bool]], max_file_size: int | None) -> list[FileResult | bool]:
    """:func:`_prefilter` of each file (``(path, as_requirements)``), in a worker: True where the
    file must be migrated, False where it needs nothing (kept small: it is sent back), else the
    file's result (one that could not be read)."""
    found: list[FileResult | bool] = []
    for name, as_requirements in files:
        result = _prefilter(Path(name), max_file_size, as_requirements)
        found.append(result is None or (result if result.error is not None or result.findings else False))
    return found


def _posix_path(path: Path) -> str:
    return os.path.realpath(path).replace(os.sep, "/")


class _Includes:
    """Files that dependency files name with ``-r``/``-c`` (or ``file:``): read as requirements.

    Such a file is followed when it lies inside a directory named on the command line or inside
    the including file's own folder (never elsewhere: the run edits only the tree it was given),
    and every dependency file is processed once, whether discovery or an include found it first.
    """

    def __init__(self) -> None:
        self.roots: list[str] = []
        self.claimed: set[str] = set()

    def note_roots(self, paths: Iterable[Path]) -> None:
        for path in paths:
            if os.path.isdir(path):
                self.roots.append(_posix_path(path).rstrip("/") + "/")

    def noting_roots(self, paths: Iterable[Path]) -> Iterator[Path]:
        for path in paths:
            self.note_roots([path])
            yield path

    def claim(self, path: Path) -> bool:
        key = _posix_path(path)
        if key in self.claimed:
            return False
        self.claimed.add(key)
        return True

    def new_includes(self, result: FileResult) -> Iterator[Path]:
        if not result.includes:
            return
        folder = os.path.dirname(_posix_path(result.path)) + "/"
        for name in result.includes:
            path = Path(name)
            key = _posix_path(path)
            if key in self.claimed or not any(key.startswith(root) for root in (*self.roots, folder)):
                continue
            if os.path.isfile(path):
                yield path


@dataclasses.dataclass(frozen=True)
class _Submitted:
    future: Future[FileResult]
    generation: int  # which pool it went to
    as_requirements: bool = False


def _ready(item: FileResult | _Submitted) -> bool:
    return not isinstance(item, _Submitted) or item.future.done()


def _result(workers: _Workers | None, path: Path, item: FileResult | _Submitted) -> FileResult:
    if isinstance(item, FileResult):
        return item
    assert workers is not None
    return workers.result(path, item)


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process, which lets them finish the file in hand.

    SIGTERM kills a worker at once (not the handler a forked worker inherits from the CLI), but
    never in the middle of a write: ``write_atomic`` holds it back until the file is replaced.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _Workers:
    """A process pool that survives its workers: a crash costs the file that caused it, no more."""

    def __init__(self, jobs: int, mode: Mode, select: frozenset[str] | None, max_file_size: int | None) -> None:
        self.jobs = jobs
        self.args = (mode, select, max_file_size)
        self.pool: ProcessPoolExecutor | None = None
        self.generation = 0
        self.solo = _Solo()

    def _submit(self, function: Callable[..., object], *args: object) -> tuple[Future, int]:
        """``function(*args)`` in a worker, on a new pool if the last one broke; (future, generation)."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        for _ in range(2):
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_init)
                self.generation += 1
            try:
                return self.pool.submit(function, *args), self.generation
            except BrokenProcessPool:
                self._discard()
        raise AssertionError("unreachable: a new pool cannot be broken before it is used")  # pragma: no cover

    def submit(self, path: Path, as_requirements: bool = False) -> _Submitted:
        future, generation = self._submit(process_file, path, *self.args, as_requirements)
        return _Submitted(future, generation, as_requirements)

    def prefilter(self, files: list[tuple[str, bool]]) -> _Submitted:
        """Pre-filter ``files`` (``(path, as_requirements)``) in a worker; see :func:`prefilter_many`."""
        future, generation = self._submit(prefilter_many, files, self.args[2])
        return _Submitted(future, generation)

    def prefiltered(self, batch: _Submitted, files: list[tuple[str, bool]]) -> list[FileResult | bool]:
        """What :meth:`prefilter` found; worked out here instead if the worker could not send it."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return batch.future.result()
        except BrokenProcessPool:
            if batch.generation == self.generation:
                self._discard()
        except Exception:  # noqa: BLE001, S110 - e.g. a result that could not be sent back: redo it here
            pass
        return prefilter_many(files, self.args[2])

    def result(self, path: Path, item: _Submitted) -> FileResult:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return item.future.result()
        except BrokenProcessPool:
            # A worker died (a crash in native code, the OOM killer, kill -9). Every file that was
            # in flight lands here; each is retried alone in one separate process, so the file
            # at fault crashes that process again and is reported, and the others go through.
            if item.generation == self.generation:
                self._discard()
            remove_orphaned_temp_files(_directory_of(path))
            return self.solo.run_file(path, *self.args, item.as_requirements)
        except Exception as error:  # noqa: BLE001 - e.g. a result that could not be sent back
            return FileResult(path, error=f"worker failed ({type(error).__name__}: {error}); file left unchanged")

    def _discard(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        self._discard()
        self.solo.close()


class _Solo:
    """One worker process that takes one file at a time: a crash there is that file's."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None

    def run_file(self, path: Path, *args: object) -> FileResult:
        if self.process is None:
            import multiprocessing

            context = multiprocessing.get_context()
            self.connection, theirs = context.Pipe()
            self.process = context.Process(target=_solo_main, args=(theirs,), daemon=True)
            self.process.start()
            theirs.close()
        assert self.connection is not None
        try:
            self.connection.send((path, *args))
            return self.connection.recv()
        except (EOFError, OSError):  # it died on this file
            self.process.join()
            reason = _exit_reason(self.process.exitcode)
            self._forget()
            remove_orphaned_temp_files(_directory_of(path))
            return FileResult(path, error=f"the worker process crashed on this file ({reason}); file left unchanged")

    def close(self) -> None:
        if self.process is None:
            return
        try:
            self.connection.send(None)  # type: ignore[union-attr]
        except OSError:
            pass
        self.process.join()
        self._forget()

    def _forget(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None


def _solo_main(connection: Connection) -> None:
    _worker_init()
    try:
        while (request := connection.recv()) is not None:
            connection.send(process_file(*request))
    except EOFError:  # the main process is gone
        pass


def _directory_of(path: Path) -> Path:
    """Where ``write_atomic`` puts the temp file for ``path`` (next to the symlink's target)."""
    return Path(os.path.realpath(path)).parent


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"

"""Reading, decoding, encoding and atomically writing Python source files.

Bytes in, bytes out: a file is decoded exactly as the interpreter would
(PEP 263 coding cookie, UTF-8 BOM, UTF-8 by default), newlines are *not*
translated, and re-encoding an unmodified text gives back the exact bytes that
were read.  Problems are raised as :class:`SourceError`, whose ``reason`` is a
short human-readable sentence fragment; nothing here prints.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import signal
import stat
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SourceError",
    "SourceFile",
    "decode_source",
    "decode_utf8",
    "encode_source",
    "os_error_reason",
    "read_source",
    "remove_orphaned_temp_files",
    "too_large_reason",
    "write_atomic",
]

TEMP_PREFIX = ".aoai-migrate-"
TEMP_SUFFIX = ".tmp"
# The writer's pid follows the prefix, so a temp file whose writer was killed can be recognised.
_TEMP_NAME_RE = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-.*{re.escape(TEMP_SUFFIX)}$")
# Delivered only after a write is complete (or undone): the temp file is never left behind.
_DEFERRED_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

# Same expression the tokenizer uses for PEP 263 cookies (tokenize.cookie_re).
_COOKIE_RE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_BOM = b"\xef\xbb\xbf"

_ERRNO_REASONS: dict[int, str] = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "not a directory",
    errno.ELOOP: "symlink loop",
    errno.ENAMETOOLONG: "file name too long",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on device",
    errno.EXDEV: "cross-device link",
}


class SourceError(Exception):
    """A file that cannot be read, decoded, encoded or written.

    ``str(err)`` and ``err.reason`` are the same human-readable sentence, e.g.
    ``"binary file (contains NUL bytes)"`` or ``"permission denied"``; the path
    (when known) is kept separately in ``err.path`` so callers can format it.
    """

    reason: str
    path: Path | None

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class SourceFile:
    """A source file as read from disk.

    ``text`` is decoded without newline translation and without a BOM;
    ``encode_source(text, encoding) == raw``.  ``stat`` is taken from the
    open file descriptor, so it describes exactly the bytes in ``raw`` and can
    be handed back to :func:`write_atomic` as ``expected``.
    """

    path: Path
    raw: bytes
    text: str
    encoding: str
    stat: os.stat_result


def os_error_reason(exc: OSError) -> str:
    """Turn an ``OSError`` into a short lowercase reason ("permission denied")."""
    if exc.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[exc.errno]
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def _line_of(data: bytes | str, offset: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def _has_cookie(raw: bytes) -> bool:
    return any(_COOKIE_RE.match(line) for line in raw.splitlines()[:2])


def decode_source(raw: bytes, path: Path | None = None) -> tuple[str, str]:
    """Decode source bytes the way Python does; return ``(text, encoding)``.

    The encoding comes from :func:`tokenize.detect_encoding` (a UTF-8 BOM gives
    ``"utf-8-sig"``, otherwise the PEP 263 cookie, otherwise ``"utf-8"``).
    Newlines are left alone and the BOM is removed from ``text``.

    Raises :class:`SourceError` for files with NUL bytes (binary), unknown or
    conflicting encoding declarations, undecodable bytes, and for the rare
    codec that would not reproduce ``raw`` byte-for-byte when re-encoded (so
    that an unmodified file can always be written back unchanged).
    """
    if b"\x00" in raw:
        raise SourceError("binary file (contains NUL bytes)", path)

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        message = exc.msg if exc.msg else str(exc)
        if message != "invalid or missing encoding declaration":
            raise SourceError(f"cannot determine encoding: {message}", path) from None
        # The first line is not UTF-8 and there is no cookie: report the byte.
        encoding = "utf-8-sig" if raw.startswith(_BOM) else "utf-8"

    if encoding == "utf-8-sig":
        codec, body, base, origin = "utf-8", raw[len(_BOM) :], len(_BOM), "BOM"
    else:
        codec, body, base = encoding, raw, 0
        origin = "declared by coding cookie" if _has_cookie(raw) else "the default"

    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        offset = base + exc.start
        raise SourceError(
            f"cannot decode as {codec} ({origin}): byte 0x{raw[offset]:02x} "
            f"at offset {offset} (line {_line_of(raw, offset)})",
            path,
        ) from None
    except LookupError:  # pragma: no cover - detect_encoding validated it
        raise SourceError(f"unknown encoding {encoding!r}", path) from None

    try:
        round_trips = text.encode(encoding) == raw
    except UnicodeError:
        round_trips = False
    if not round_trips:
        raise SourceError(
            f"encoding {encoding} does not round-trip this file byte-for-byte", path
        )
    return text, encoding


def decode_utf8(raw: bytes, path: Path | None = None) -> tuple[str, str]:
    """Decode a UTF-8 text file that is not Python (a notebook's JSON); return ``(text, encoding)``.

    A UTF-8 BOM gives ``"utf-8-sig"`` (removed from ``text``, restored by :func:`encode_source`);
    a coding cookie means nothing here. NUL bytes and undecodable bytes are a :class:`SourceError`.
    """
    if b"\x00" in raw:
        raise SourceError("binary file (contains NUL bytes)", path)
    encoding, body, base = ("utf-8-sig", raw[len(_BOM) :], len(_BOM)) if raw.startswith(_BOM) else ("utf-8", raw, 0)
    try:
        return body.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        offset = base + exc.start
        raise SourceError(
            f"cannot decode as utf-8: byte 0x{raw[offset]:02x} at offset {offset} (line {_line_of(raw, offset)})", path
        ) from None


def encode_source(text: str, encoding: str) -> bytes:
    """Encode ``text`` with ``encoding`` (the inverse of :func:`decode_source`).

    ``"utf-8-sig"`` restores the BOM.  Raises :class:`SourceError` naming the
    first character that the encoding cannot represent.
    """
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise SourceError(
            f"cannot encode character {char!r} (U+{ord(char):04X}) at line "
            f"{_line_of(exc.object, exc.start)} as {encoding}"
        ) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}") from None


def _size(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n:.0f} bytes"


def too_large_reason(size: int, limit: int) -> str:
    """``"skipped: 12.3 MB is over the 10 MB limit per file"`` (1 MB = 10**6 bytes)."""
    if limit % 1_000_000 == 0 and limit:
        shown = f"{limit // 1_000_000} MB"
    elif limit % 1_000 == 0 and limit:
        shown = f"{limit // 1_000} kB"
    else:
        shown = f"{limit} bytes"
    return f"skipped: {_size(size)} is over the {shown} limit per file"


def read_source(
    path: Path, max_size: int | None = None, decode: Callable[[bytes, Path | None], tuple[str, str]] = decode_source
) -> SourceFile:
    """Read and decode ``path`` (with ``decode``: Python source by default); raise
    :class:`SourceError` if that is impossible.

    Only regular files are read (a FIFO or device is refused without blocking).
    A file larger than ``max_size`` bytes is refused before it is read, with
    :func:`too_large_reason`.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SourceError(os_error_reason(exc), path) from None
    try:
        with open(fd, "rb", closefd=True) as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise SourceError("is a directory", path)
            if not stat.S_ISREG(st.st_mode):
                raise SourceError("not a regular file", path)
            if max_size is not None and st.st_size > max_size:
                raise SourceError(too_large_reason(st.st_size, max_size), path)
            raw = handle.read()
    except OSError as exc:
        raise SourceError(os_error_reason(exc), path) from None
    text, encoding = decode(raw, path)
    return SourceFile(path=path, raw=raw, text=text, encoding=encoding, stat=st)


def _check_unchanged(target: Path, expected: SourceFile) -> None:
    """Raise unless ``target`` still holds exactly what ``expected`` read."""
    reason = "modified since it was read; not overwritten"
    try:
        current = os.stat(target)
        if (
            current.st_size != expected.stat.st_size
            or current.st_mtime_ns != expected.stat.st_mtime_ns
            or current.st_ino != expected.stat.st_ino
        ):
            raise SourceError(reason, expected.path)
        with open(target, "rb") as handle:
            if handle.read() != expected.raw:
                raise SourceError(reason, expected.path)
    except FileNotFoundError:
        raise SourceError("deleted since it was read; not written", expected.path) from None


def write_atomic(path: Path, data: bytes, *, expected: SourceFile | None = None) -> None:
    """Atomically replace the contents of ``path`` with ``data``.

    Symlinks are resolved first, so the link's target is updated and the link
    itself stays a link.  ``data`` goes to ``.aoai-migrate-<pid>-*.tmp`` in the
    target's directory, is fsynced, gets the original file's permission bits
    (and, where allowed, owner/group), and is then ``os.replace``-d over the
    target: readers see either the old or the new file, never a partial one.

    Decisions:

    * A file without the owner write bit is refused with
      ``"read-only file; not modified"`` (``os.replace`` would otherwise
      silently succeed, since it needs only directory permissions); the user
      can ``chmod u+w`` to opt in.
    * With ``expected``, the file must be unchanged since it was read (same
      size, mtime_ns, inode *and* content), checked after the temp file is
      written to keep the race window small; otherwise
      ``"modified since it was read; not overwritten"``.
    * A file with several hard links ends up with its own new inode: the
      other names keep the old contents (this avoids rewriting, e.g., a
      package cache that the file is hard-linked from).
    * Only existing regular files are replaced; this never creates files.
    * SIGINT, SIGTERM and SIGHUP are held back from the creation of the temp
      file until it has replaced the target (or been removed), then delivered:
      Ctrl-C or a ``kill`` never leaves a temp file, even in a process that
      has no handler for them (a worker), and a write is never half done.

    On any failure the temp file is removed, the original is untouched, and
    :class:`SourceError` is raised.
    """
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if expected is not None:
            raise SourceError("deleted since it was read; not written", path) from None
        raise SourceError("no such file or directory", path) from None
    except OSError as exc:
        raise SourceError(os_error_reason(exc), path) from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError("is a directory", path)
    if not stat.S_ISREG(st.st_mode):
        raise SourceError("not a regular file", path)
    if not st.st_mode & stat.S_IWUSR:
        raise SourceError("read-only file; not modified", path)
    with _signals_deferred():
        _replace(path, target, data, st, expected)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back :data:`_DEFERRED_SIGNALS` in this thread; deliver them on exit."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace(path: Path, target: Path, data: bytes, st: os.stat_result, expected: SourceFile | None) -> None:
    import tempfile  # here, not at import (it pulls in shutil, random...): a check never writes

    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise SourceError(os_error_reason(exc), path) from None

    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            _copy_metadata(fd, tmp_name, st)
            os.fsync(fd)
        finally:
            os.close(fd)
        if expected is not None:
            _check_unchanged(target, expected)
        os.replace(tmp_name, target)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, SourceError) or not isinstance(exc, Exception):
            raise
        if isinstance(exc, OSError):
            raise SourceError(os_error_reason(exc), path) from exc
        raise SourceError(f"write failed: {exc}", path) from exc


def remove_orphaned_temp_files(directory: Path) -> list[Path]:
    """Remove the temp files in ``directory`` whose writer process no longer exists.

    :func:`write_atomic` cleans up after itself on every error and signal it
    can catch; only a writer killed outright (SIGKILL, a crash) leaves its
    temp file. The writer's pid is part of the name, so a file is removed only
    when that process is gone. Returns what was removed. POSIX only (elsewhere
    nothing is removed); never raises.
    """
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would terminate the process on Windows
        return []
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        match = _TEMP_NAME_RE.match(name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            os.unlink(os.path.join(directory, name))
        except OSError:
            continue
        removed.append(Path(directory) / name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or not a pid: leave the file alone
    return True


def _copy_metadata(fd: int, tmp_name: str, st: os.stat_result) -> None:
    """Give the temp file ``st``'s owner/group (best effort) and mode bits."""
    if hasattr(os, "fchown"):
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except OSError:
                pass  # not root / not in the group: the file becomes ours
    mode = stat.S_IMODE(st.st_mode)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)  # after chown, which may clear set-id bits
    else:  # pragma: no cover - Windows before 3.13
        os.chmod(tmp_name, mode)

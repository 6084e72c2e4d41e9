"""The file kind of a project's dependency declarations (see :data:`migrate.session.FILE_KINDS`).

``requirements*.txt``/``.in``, ``constraints*.txt``, ``requirements/*.txt``, ``pyproject.toml``,
``setup.cfg``, ``setup.py`` and ``Pipfile``: :mod:`transforms.dependency_floor` raises the
``openai`` and ``langchain-openai`` floors in them. A file named by a ``-r``/``-c`` line (or a
``file:`` entry) of one of them is read as a requirements file whatever its name
(:func:`includes`). ``setup.py`` is Python too: the floors are raised first (they edit only the
characters of a requirement string, so lines stay where they were), then the Python rules run.

A requirements file is checked against the requirements files pip reads with it, read from
disk here (:class:`_Disk`): this is the one file kind whose :func:`migrate_text` reads other
files (it never writes them).

Importing this module is cheap (no LibCST, no ``packaging``): the main process needs its name
rules and triggers for every file it sees.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from migrate.runner import TRIGGERS as PYTHON_TRIGGERS
from migrate.runner import prefilter as _python_prefilter
from migrate.runner import Outcome

KIND = "dependencies"

#: Every package with a floor is spelled with ``openai`` in one of these cases. (Requirement
#: names are case-insensitive; a name cased any other way, ``oPenAI``, is not seen.)
FLOOR_TRIGGERS: tuple[bytes, ...] = (b"openai", b"OpenAI", b"Openai", b"OPENAI", b"openAI")
#: How a file names another requirements file (``-r``/``-c`` lines, ``file:`` in ``setup.cfg``,
#: ``{file = ...}`` in ``pyproject.toml``): such a file is read for its includes even when it
#: names no floored package itself. (``setup.py`` and ``Pipfile`` include nothing.)
INCLUDE_TRIGGERS: tuple[bytes, ...] = (b"-r", b"--requirement", b"-c", b"--constraint", b"file")
#: Every byte that can matter in a file of this kind (``setup.py`` may also hold code for the
#: Python rules); :func:`prefilter` is the finer test by format.
TRIGGERS: tuple[bytes, ...] = (*FLOOR_TRIGGERS, *INCLUDE_TRIGGERS, *PYTHON_TRIGGERS)


def prefilter(data: bytes, name: str) -> bool:
    """False only when no rule can act on this file and it includes no other file."""
    if any(trigger in data for trigger in FLOOR_TRIGGERS):
        return True
    kind = format_of(name)
    if kind == "setup.py":
        return _python_prefilter(data)
    return kind != "pipfile" and any(trigger in data for trigger in INCLUDE_TRIGGERS)


def format_of(name: str) -> str | None:
    """``"requirements"``, ``"pyproject"``, ``"pipfile"``, ``"setup.cfg"``, ``"setup.py"``; None: not read."""
    posix = name.replace("\\", "/")
    base = posixpath.basename(posix)
    lower = base.lower()
    parent = posixpath.basename(posixpath.dirname(posix)).lower()
    if base == "pyproject.toml":
        return "pyproject"
    if base == "Pipfile":
        return "pipfile"
    if base == "setup.cfg":
        return "setup.cfg"
    if base == "setup.py":
        return "setup.py"
    if lower.endswith((".txt", ".in")) and (
        lower.startswith(("requirements", "constraints"))
        or lower.rsplit(".", 1)[0].endswith(("-requirements", "_requirements", "-constraints", "_constraints"))
        or parent in ("requirements", "constraints")
    ):
        return "requirements"  # also dev-requirements.txt, test_requirements.in
    return None


def handles(name: str) -> bool:
    return format_of(name) is not None


def is_python(name: str) -> bool:
    """``setup.py`` is decoded as Python source (its coding cookie counts)."""
    return format_of(name) == "setup.py"


def includes(name: str, text: str) -> list[str]:
    """The files ``name`` pulls in as requirements (``-r``/``-c``, ``file:``), spelled like ``name``.

    A file with a name of no known format (one that was itself included) is read as a requirements file.
    """
    from transforms.dependency_floor import includes as found

    return found(name, text)


#: The largest requirements file read as installed together with another (bytes): a raise
#: that larger one could contradict is reported instead.
TOGETHER_MAX_SIZE = 1_000_000


class _Disk:
    """The requirements files installed together with one, read from disk (see
    :class:`transforms.dependency_floor.Files`).

    Only regular files are read (a FIFO or device is refused without blocking), UTF-8, at most
    :data:`TOGETHER_MAX_SIZE` bytes; nothing is written. Which files: those a requirements file
    names with a relative ``-r``/``-c`` path (what pip reads, wherever it lies: a checkout's
    layout is the same on every machine), and the files named like requirements in the file's
    own folder, its parent and their ``requirements``/``constraints`` folders that include it.
    An include by an absolute path, ``~``, an environment variable or a URL is not followed:
    which file it names depends on the machine, so a raise it could contradict is reported.
    """

    def key(self, path: str) -> str:
        return os.path.realpath(path).replace(os.sep, "/")

    def read(self, path: str) -> str:
        from migrate.sources import SourceError, decode_utf8, read_source
        from transforms.dependency_floor import Unreadable

        try:
            return read_source(Path(path), TOGETHER_MAX_SIZE, decode_utf8).text
        except SourceError as error:
            if error.reason.startswith("skipped: "):  # too large
                raise Unreadable(f"is larger than the {TOGETHER_MAX_SIZE // 1_000_000} MB this check reads of a file") from None
            raise Unreadable(f"cannot be read ({error.reason})") from None

    def names(self, folder: str) -> list[str]:
        try:
            return os.listdir(folder)
        except OSError:
            return []


DISK = _Disk()


def migrate_text(
    name: str, text: str, select: frozenset[str] | None = None, *, requirements_file: bool = False
) -> Outcome:
    """:func:`transforms.dependency_floor.migrate_text`, checking a requirements file against the
    ones pip reads with it from disk (:class:`_Disk`), relative to ``name``; then the Python rules
    on ``setup.py``."""
    from transforms import dependency_floor

    floors = dependency_floor.migrate_text(name, text, select, requirements_file=requirements_file, files=DISK)
    if requirements_file or format_of(name) != "setup.py" or floors.error is not None:
        return floors
    from migrate.runner import migrate_source

    python = migrate_source(floors.code, select)
    if python.error is not None:
        return Outcome(text, error=python.error)
    return Outcome(python.code, tuple(sorted((*floors.findings, *python.findings))))

"""Turn command-line paths into the files to process (Python files and Jupyter notebooks).

Rules (see :func:`discover`):

* an explicitly named file is always yielded, whatever its suffix and even if
  it is ignored or excluded; an explicitly named directory is always walked;
* walks are recursive, sorted, and yield ``*.py`` / ``*.pyi`` / ``*.ipynb`` files only, or
  the files a ``wanted(path)`` predicate chooses (the session adds dependency and
  configuration files);
* directories in :data:`DEFAULT_EXCLUDES` and virtual environments (a
  directory holding ``pyvenv.cfg``, or a conda env holding ``conda-meta``)
  are skipped;
* ``.gitignore`` files are honoured the way git does: each applies below its
  directory, deeper files override shallower ones, the enclosing repository's
  ``.gitignore`` files above the starting directory and its
  ``.git/info/exclude`` apply too, and nothing inside an ignored directory can
  be re-included.  Outside a repository the ``.gitignore`` files of the
  walked tree still apply.  A nested repository (a directory with ``.git``)
  starts afresh with its own rules.  The global ``core.excludesFile`` is not
  consulted;
* symlinks found during a walk are not followed, neither to directories
  (loops, escaping the tree) nor to files (writing through them would modify
  files elsewhere).  With ``report_symlinks=True`` the ones that hide
  something are reported as errors: a symlink loop, and a link to a
  directory or a ``.py``/``.pyi`` file outside every directory being walked
  (its target would otherwise be silently left out).  Links whose target is
  inside a walked directory (it is processed where it lives), dangling links
  and links to other files stay silent;
* every file is yielded at most once, spelled relative to the argument it was
  found under (``discover([Path(".")])`` yields ``a/b.py``).

Problems are yielded in-line as :class:`DiscoveryError` values and the walk
goes on; nothing is raised for file-system errors and nothing is printed.
"""

from __future__ import annotations

import errno
import operator
import os
import stat
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from migrate.sources import os_error_reason

if TYPE_CHECKING:
    import pathspec

__all__ = ["DEFAULT_EXCLUDES", "SUFFIXES", "DiscoveryError", "discover"]

DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    "site-packages",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".eggs",
    "*.egg-info",
    ".ipynb_checkpoints",  # Jupyter's autosaved copies of the notebooks next to it
)
"""Directory names never descended into during a walk.

``env`` / ``.env`` are deliberately absent: ``env`` is a common package name
and ``.env`` is usually a dotenv *file*; virtual environments of any name are
recognised by their ``pyvenv.cfg`` instead.
"""

SUFFIXES: tuple[str, ...] = (".py", ".pyi", ".ipynb")


def _has_suffix(path: str) -> bool:
    """The default choice of a walk: Python files and notebooks."""
    return path.endswith(SUFFIXES)

_EXCLUDED_NAMES = frozenset(n for n in DEFAULT_EXCLUDES if not n.startswith("*"))
_EXCLUDED_NAME_ENDINGS = tuple(n[1:] for n in DEFAULT_EXCLUDES if n.startswith("*"))
_VENV_MARKERS = ("pyvenv.cfg", "conda-meta")


@dataclass(frozen=True)
class DiscoveryError:
    """A path that could not be examined, and why (e.g. "permission denied")."""

    path: Path
    reason: str


@dataclass(frozen=True)
class _Rules:
    """The patterns of one ignore file, anchored at directory ``base``.

    ``files`` is the spec as written; ``dirs`` is the same spec with trailing
    ``/**`` rewritten to ``/*/**``: in git, ``foo/**`` matches everything
    *inside* ``foo`` but not ``foo`` itself, whereas pathspec matches
    ``foo/`` too, which would wrongly prune ``foo`` and hide ``!foo/x.py``.
    """

    base: str  # absolute, "/"-separated, always ending in "/"
    files: pathspec.GitIgnoreSpec
    dirs: pathspec.GitIgnoreSpec


@dataclass(frozen=True)
class _Dir:
    """A directory to walk: its spelling for output and its ignore rules."""

    shown: str  # as derived from the user's argument, for yielded paths
    real: str  # absolute, resolved, "/"-separated, ending in "/"
    rules: tuple[_Rules, ...]  # outermost first


def _posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def _dir_line(line: str) -> str:
    stripped = line.rstrip()
    body = stripped[1:] if stripped.startswith("!") else stripped
    if body.endswith("/**") and body.strip("/*"):
        return stripped[:-3] + "/*/**"
    return line


def _load_rules(base: str, file: str) -> tuple[_Rules | None, DiscoveryError | None]:
    """Parse ignore file ``file`` whose patterns are relative to directory ``base``.

    Returns ``(None, None)`` for a missing or empty file, and an error value
    (the file then counts as empty) if it exists but cannot be read.
    """
    try:
        with open(file, "rb") as handle:
            lines = handle.read().decode("utf-8", "replace").splitlines()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None, None
    except OSError as exc:
        return None, DiscoveryError(Path(file), f"cannot read ignore file: {os_error_reason(exc)}")
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        return None, None
    import pathspec  # only once an ignore file has rules: a tree without any never pays for it

    rules = _Rules(
        base=_posix(base).rstrip("/") + "/",
        files=pathspec.GitIgnoreSpec.from_lines(lines),
        dirs=pathspec.GitIgnoreSpec.from_lines([_dir_line(line) for line in lines]),
    )
    return rules, None


def _repo_root(real_dir: str) -> str | None:
    """The nearest directory at or above ``real_dir`` that contains ``.git``."""
    current = real_dir
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _repo_rules(root: str) -> list[_Rules]:
    """The rules of ``root/.git/info/exclude`` (lowest precedence in a repo)."""
    rules, _ = _load_rules(root, os.path.join(root, ".git", "info", "exclude"))
    return [rules] if rules else []


def _inherited_rules(real_dir: str) -> tuple[list[_Rules], list[DiscoveryError]]:
    """Rules from the enclosing repository that apply below ``real_dir``.

    That is ``.git/info/exclude`` plus every ``.gitignore`` from the repository
    root down to the *parent* of ``real_dir`` (its own is read by the walk).
    If ``real_dir`` or one of those ancestors is itself ignored, the user
    explicitly asked for an ignored directory: the rules gathered so far are
    dropped (pathspec would otherwise match every file below it) and only
    the ignore files from there on down apply.
    """
    root = _repo_root(real_dir)
    if root is None:
        return [], []
    rules = _repo_rules(root)
    errors: list[DiscoveryError] = []
    directory = root
    below = os.path.relpath(real_dir, root)
    parts = [] if below == os.curdir else below.split(os.sep)
    for part in parts:
        found, error = _load_rules(directory, os.path.join(directory, ".gitignore"))
        if found:
            rules.append(found)
        if error:
            errors.append(error)
        directory = os.path.join(directory, part)
        if _ignored(tuple(rules), _posix(directory), is_dir=True):
            rules = []
    return rules, errors


def _ignored(rules: tuple[_Rules, ...], real: str, is_dir: bool) -> bool:
    """Whether ``real`` (absolute, "/"-separated) is ignored by ``rules``."""
    for rule in reversed(rules):  # deeper ignore files take precedence
        if not real.startswith(rule.base):
            continue
        relative = real[len(rule.base) :]
        if is_dir:
            result = rule.dirs.check_file(relative + "/")
        else:
            result = rule.files.check_file(relative)
        if result.include is not None:
            return result.include
    return False


def _excluded_name(name: str) -> bool:
    return name in _EXCLUDED_NAMES or name.endswith(_EXCLUDED_NAME_ENDINGS)


def _scan(path: str) -> list[os.DirEntry[str]]:
    with os.scandir(path) as entries:
        return sorted(entries, key=_name)


_name = operator.attrgetter("name")

#: ``Path(folder)._make_child_relpath(name)`` is ``Path(os.path.join(folder, name))`` without
#: parsing the folder again for every file in it (pathlib's own ``iterdir`` and ``glob`` use it);
#: where a Python version lacks it, each path is parsed whole.
_child_of: Callable[[Path, str], Path] | None = getattr(Path, "_make_child_relpath", None)


def _file_path(folder: Path | None, shown: str, name: str) -> tuple[Path, Path | None]:
    """The yielded path of file ``name`` in the folder spelled ``shown``; and that folder's Path
    (made on the first file, reused for the others)."""
    if _child_of is None:
        return Path(os.path.join(shown, name)), None
    if folder is None:
        folder = Path(shown)
    return _child_of(folder, name), folder


_Listing = Generator[DiscoveryError, None, tuple[_Dir, list[os.DirEntry[str]]] | None]


class _Walker:
    """State shared by the walks of one :func:`discover` call."""

    def __init__(
        self, report_symlinks: bool = False, roots: Iterable[str] = (), wanted: Callable[[str], bool] | None = None
    ) -> None:
        self.wanted = wanted or _has_suffix  # which files a walk yields, by path
        #: resolved files named as arguments and yielded. The files a walk yields are not kept
        #: (memory would grow with the tree): no directory is listed twice, so a walk meets each
        #: file once, and a file named after a walk has yielded it is known by its folder.
        self.named_files: set[str] = set()
        #: resolved dirs already listed -> the rules their entries were walked with
        self.walked_dirs: dict[str, tuple[_Rules, ...]] = {}
        self.report_symlinks = report_symlinks
        self.roots: set[str] = set(roots)  # directory arguments: absolute, resolved, ending in "/"
        self.named_targets: set[str] = set()  # file arguments (of a sequence), resolved

    def claim_named(self, real: str) -> bool:
        """True if the file named as an argument (resolved: ``real``) is yielded for the first time."""
        if real in self.named_files:
            return False
        folder = real.rpartition("/")[0] + "/"
        rules = self.walked_dirs.get(folder)
        if rules is not None and self.wanted(real) and not _ignored(rules, real, is_dir=False):
            return False  # a walk of its folder yielded it
        self.named_files.add(real)
        return True

    def walk(self, top: _Dir) -> Iterator[Path | DiscoveryError]:
        """Depth-first, name-sorted walk below the explicitly named ``top``."""
        if top.real in self.walked_dirs:
            return
        entered = yield from self._enter(top, explicit=True)
        if entered is None:
            return
        stack = [(entered[0], iter(entered[1]))]
        while stack:
            directory, entries = stack[-1]
            folder = None  # Path(directory.shown), once a file in it is yielded
            for entry in entries:
                name = entry.name
                real = directory.real + name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    is_file = not is_dir and entry.is_file(follow_symlinks=False)
                except OSError:  # pragma: no cover - no d_type and lstat failed
                    continue
                if is_file:
                    if (
                        self.wanted(real)
                        and not _ignored(directory.rules, real, is_dir=False)
                        and real not in self.named_files
                    ):
                        path, folder = _file_path(folder, directory.shown, name)
                        yield path
                    continue
                if not is_dir and self.report_symlinks and entry.is_symlink():
                    problem = self._symlink_problem(entry, real, directory.rules)
                    if problem is not None:
                        yield problem
                    continue
                if (
                    not is_dir  # symlink, socket, fifo, ...
                    or _excluded_name(name)
                    or real + "/" in self.walked_dirs
                    or _ignored(directory.rules, real, is_dir=True)
                ):
                    continue
                child = _Dir(shown=entry.path, real=real + "/", rules=directory.rules)
                entered = yield from self._enter(child, explicit=False)
                if entered is not None:
                    stack.append((entered[0], iter(entered[1])))
                    break  # descend now; resume this directory afterwards
            else:
                stack.pop()

    def _symlink_problem(self, entry: os.DirEntry[str], real: str, rules: tuple[_Rules, ...]) -> DiscoveryError | None:
        """An error for a symlink met in a walk whose target is left out; None if nothing is lost."""
        name = entry.name
        if _excluded_name(name) or _ignored(rules, real, is_dir=False) or _ignored(rules, real, is_dir=True):
            return None
        try:
            target = os.path.realpath(entry.path, strict=True)
            is_dir = stat.S_ISDIR(os.stat(target).st_mode)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return DiscoveryError(Path(entry.path), "symlink loop; not followed")
            return None  # dangling, or unreadable: nothing that could be migrated
        if not is_dir and not (self.wanted(real) or self.wanted(_posix(target))):
            return None
        posix = _posix(target) + ("/" if is_dir else "")
        if any(posix.startswith(root) for root in self.roots) or posix in self.named_targets:
            return None  # inside a directory argument, or a file argument itself: processed there
        kind = "a directory" if is_dir else "a file"
        return DiscoveryError(
            Path(entry.path),
            f"symlink to {kind} outside the scanned directories ({target}); not followed "
            "(name it explicitly to migrate what it points to, or exclude it)",
        )

    def _enter(self, directory: _Dir, *, explicit: bool) -> _Listing:
        """List ``directory``; return it with its own rules added, and its entries.

        Returns None (after yielding an error, if any) when the directory
        cannot be listed or, unless ``explicit``, is a virtual environment.
        """
        try:
            listing = _scan(directory.shown)
        except OSError as exc:
            yield DiscoveryError(Path(directory.shown), os_error_reason(exc))
            return None
        names = {entry.name for entry in listing}
        if not explicit and not names.isdisjoint(_VENV_MARKERS):
            return None  # not marked as walked: it may still be named explicitly
        rules = directory.rules
        if ".git" in names and not explicit:  # a nested repository: start afresh
            rules = tuple(_repo_rules(directory.real))
        if ".gitignore" in names:
            found, error = _load_rules(directory.real, directory.real + ".gitignore")
            if error:
                yield error
            if found:
                rules = (*rules, found)
        self.walked_dirs[directory.real] = rules
        return _Dir(directory.shown, directory.real, rules), listing


def discover(
    paths: Iterable[Path], *, report_symlinks: bool = False, wanted: Callable[[str], bool] | None = None
) -> Iterator[Path | DiscoveryError]:
    """Yield the files to process for ``paths``, and errors for bad paths.

    See the module docstring for the rules.  Output is deterministic: the
    arguments in the order given, each directory walked depth-first in name
    order.  Only directories are listed; files inside a walk are never stat-ed
    (symlinks are, when ``report_symlinks``).  When ``paths`` is a sequence,
    a symlink into any of its directories counts as inside; an iterator is
    read lazily, so only the directories named so far count.
    """
    roots = _directory_roots(paths) if report_symlinks and isinstance(paths, Sequence) else ()
    walker = _Walker(report_symlinks, roots, wanted)
    if report_symlinks and isinstance(paths, Sequence):  # ``check . util.py``: the link is named too
        walker.named_targets = {_posix(os.path.realpath(path)) for path in paths if os.path.isfile(path)}
    for path in paths:
        shown = os.fspath(path)
        try:
            st = os.stat(shown)
        except OSError as exc:
            reason = os_error_reason(exc)
            if reason == "no such file or directory" and os.path.islink(shown):
                reason = "broken symbolic link"
            yield DiscoveryError(path, reason)
            continue
        real = os.path.realpath(shown)
        if stat.S_ISREG(st.st_mode):
            if walker.claim_named(_posix(real)):
                yield path
        elif stat.S_ISDIR(st.st_mode):
            inherited, errors = _inherited_rules(real)
            yield from errors
            top = _Dir(shown, _posix(real).rstrip("/") + "/", tuple(inherited))
            walker.roots.add(top.real)
            yield from walker.walk(top)
        else:
            yield DiscoveryError(path, "not a regular file or directory")


def _directory_roots(paths: Sequence[Path]) -> list[str]:
    roots = []
    for path in paths:
        if os.path.isdir(path):
            roots.append(_posix(os.path.realpath(path)).rstrip("/") + "/")
    return roots

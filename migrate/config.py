"""``[tool.aoai-migrate]`` in the scanned project's ``pyproject.toml``, and command-line overrides.

The table is found by walking up from each path on the command line (a file's directory, or the
directory itself) to the first ``pyproject.toml`` that has one; the walk stops at the root of
the git repository holding the path, so a stray file above the project never applies::

    [tool.aoai-migrate]
    include = ["src/**/*.py"]          # only these files (gitignore-style globs, relative to
    exclude = ["tests/fixtures/"]      #   the pyproject.toml's directory); exclude wins
    select = ["AOAI001", "AOAI002"]    # only these rules (default: all)
    ignore = ["AOAI102"]               # minus these
    unsafe-fixes = false               # allow rewrites marked unsafe

A flag on the command line replaces the value of its key (``--select``, ``--ignore``,
``--include``, ``--exclude``, ``--unsafe-fixes/--no-unsafe-fixes``). Unlike ``.gitignore``,
``include``/``exclude`` also apply to files named explicitly: pre-commit names every file it
checks. An unknown key, a value of the wrong type or an unknown rule id is a
:class:`ConfigError` that names it (a usage error, exit 2).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

TABLE = "tool.aoai-migrate"
KEYS = ("include", "exclude", "select", "ignore", "unsafe-fixes")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclasses.dataclass(frozen=True)
class Config:
    """The settings for the files under one ``pyproject.toml`` (or the defaults: ``path`` None)."""

    path: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False

    @property
    def root(self) -> Path | None:
        """The directory the globs are relative to."""
        return self.path.parent if self.path is not None else None

    @property
    def filters(self) -> bool:
        return bool(self.include or self.exclude)

    def override(self, **flags: Any) -> Config:
        """The command line wins: every flag that was given (not None) replaces its key."""
        given = {key: value for key, value in flags.items() if value is not None}
        return dataclasses.replace(self, **given)

    def selection(self, rules: dict[str, Any]) -> frozenset[str] | None:
        """The rule ids to run (None: all of them). Raises :class:`ConfigError` for an unknown id."""
        chosen = set(rule_ids(self.select, rules, "select", self.path)) if self.select is not None else set(rules)
        chosen -= set(rule_ids(self.ignore, rules, "ignore", self.path))
        if not self.unsafe_fixes:
            chosen -= {code for code, rule in rules.items() if getattr(rule, "unsafe", False)}
        return None if chosen == set(rules) else frozenset(chosen)

    def accepts(self, path: Path) -> bool:
        """Whether ``path`` passes ``include``/``exclude`` (paths outside the project always do).

        With no ``pyproject.toml`` table, globs given on the command line are relative to the
        current directory.
        """
        if not self.filters:
            return True
        root = self.root if self.root is not None else Path(os.getcwd())
        relative = os.path.relpath(os.path.abspath(path), root)
        if relative.startswith(".."):
            return True
        relative = relative.replace(os.sep, "/")
        if self.exclude and _spec(self.exclude).match_file(relative):
            return False
        return not self.include or _spec(self.include).match_file(relative)


_SPECS: dict[tuple[str, ...], Any] = {}


def _spec(patterns: tuple[str, ...]):  # noqa: ANN202
    if patterns not in _SPECS:
        import pathspec

        _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(patterns)
    return _SPECS[patterns]


def rule_ids(values: Iterable[str], rules: dict[str, Any], key: str = "select", source: Path | None = None) -> list[str]:
    """Rule ids (or rule names) as given, checked; ``"AOAI001,AOAI002"`` counts as two."""
    by_name = {rule.name: code for code, rule in rules.items()}
    ids: list[str] = []
    unknown: list[str] = []
    for value in values:
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            code = item.upper() if item.upper() in rules else by_name.get(item.lower())
            if code is None:
                unknown.append(item)
            elif code not in ids:
                ids.append(code)
    if unknown:
        where = f"{source}: [{TABLE}] {key}: " if source is not None else ""
        raise ConfigError(f"{where}unknown rule id {', '.join(unknown)}; valid ids: {', '.join(sorted(rules))}")
    return ids


# --------------------------------------------------------------------------- finding and loading


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.aoai-migrate]`` table at or above ``start``."""
    directory = Path(os.path.abspath(start))
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None  # the repository root: look no further up
    return None


def _read(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: a run with no pyproject.toml to read never needs it
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None


@functools.lru_cache(maxsize=256)
def _has_table(path: Path) -> bool:
    with open(path, "rb") as handle:
        if b"aoai-migrate" not in handle.read():
            return False  # cheap: most pyproject.toml files are never parsed
    return isinstance(_read(path).get("tool", {}).get("aoai-migrate"), dict)


def load_config(path: Path) -> Config:
    """Read and check the ``[tool.aoai-migrate]`` table of ``path`` (defaults when it has none)."""
    table = _read(path).get("tool", {}).get("aoai-migrate", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{TABLE}] must be a table")
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        raise ConfigError(
            f"{path}: [{TABLE}] unknown key {', '.join(repr(k) for k in unknown)}; valid keys: {', '.join(KEYS)}"
        )
    values: dict[str, Any] = {}
    for key in ("include", "exclude", "select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ConfigError(f"{path}: [{TABLE}] {key} must be a list of strings, not {value!r}")
            values[key] = tuple(value)
    if "unsafe-fixes" in table:
        if not isinstance(table["unsafe-fixes"], bool):
            raise ConfigError(f"{path}: [{TABLE}] unsafe-fixes must be true or false, not {table['unsafe-fixes']!r}")
        values["unsafe_fixes"] = table["unsafe-fixes"]
    return Config(path=path, **values)


def configs_for(paths: Sequence[Path], explicit: Path | None = None) -> list[tuple[Config, list[Path]]]:
    """Group ``paths`` by the configuration that applies to them, in the order they were given.

    ``explicit`` (``--config FILE``) applies to every path instead of the walk.
    """
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such file")
        return [(load_config(explicit), list(paths))]
    loaded: dict[Path | None, Config] = {}
    groups: dict[Path | None, list[Path]] = {}
    by_directory: dict[str, Path | None] = {}
    for path in paths:
        start = os.path.abspath(path)
        directory = start if os.path.isdir(start) else os.path.dirname(start)
        if directory not in by_directory:
            by_directory[directory] = find_config(Path(directory))
        found = by_directory[directory]
        if found not in loaded:
            loaded[found] = load_config(found) if found is not None else Config()
        groups.setdefault(found, []).append(path)
    return [(loaded[key], members) for key, members in groups.items()]

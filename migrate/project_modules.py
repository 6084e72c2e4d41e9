"""What another module of the project holds under a name, read with ``ast``: never imported, never run.

A transform that sees ``from pkg.provider import AzureOpenAI`` cannot tell from this module alone
whether the name is openai's class re-exported there or the project's own class of that name
(trulens-eval's feedback provider). :func:`origin` finds that module next to the file being
migrated and answers from its syntax tree:

- a relative import (``.provider``, ``..llm``) is resolved from the file's folder;
- an absolute one (``pkg.provider``) against the nearest folder above the file that holds ``pkg``
  (``pkg/`` or ``pkg.py``): the scanned root or one of its parents, as ``sys.path`` would have it.

The file being migrated is set by :func:`migrating` (``migrate.session`` does it around each file,
in the worker that migrates it); with none (stdin, a test's text) nothing is found.
"""

from __future__ import annotations

import ast
import contextlib
import contextvars
import functools
import os
import warnings
from collections.abc import Iterator
from typing import Literal

Origin = Literal["own", "openai"]

_FILE: contextvars.ContextVar[str | None] = contextvars.ContextVar("aoai_migrate_file", default=None)
#: A module larger than this is not read (a generated file): its answer is "not found".
_MAX_BYTES = 2_000_000
#: How many re-exports (``from .x import AzureOpenAI`` in the module found) are followed.
_MAX_HOPS = 8


@contextlib.contextmanager
def migrating(path: str | os.PathLike[str]) -> Iterator[None]:
    """While this runs, :func:`origin` resolves imports from the file at ``path``."""
    token = _FILE.set(os.path.abspath(path))
    try:
        yield
    finally:
        _FILE.reset(token)


def in_project(qualified: str) -> bool:
    """Whether the top-level package or module of ``qualified`` (``autogen`` of
    ``autogen.oai.openai_utils``) is a folder or file of the project, found from the file being
    migrated as imports are resolved (a namespace package without ``__init__.py`` included); a
    relative name always is. False when no file is being migrated."""
    file = _FILE.get()
    if file is None:
        return False
    if qualified.startswith("."):
        return True
    return _holding(os.path.dirname(file), qualified.partition(".")[0]) is not None


def origin(qualified: str) -> Origin | None:
    """What the name ``qualified`` (``pkg.provider.AzureOpenAI``, ``.enums.LLMType.AzureOpenAI``:
    a module, then attributes) is in the module it is taken from: ``"own"`` when that module was
    found and defines the first attribute itself (a class, a function, an assignment from
    anything but openai) and imports no name of that spelling from openai; ``"openai"`` when it
    takes the name from openai; None when the module was not found or its code does not tell
    (a star import, no binding, a syntax error)."""
    file = _FILE.get()
    if file is None:
        return None
    try:
        return _origin_from(os.path.dirname(file), qualified, 0)
    except (OSError, ValueError, RecursionError, MemoryError):
        return None


def module_tree(qualified: str) -> tuple[str, ast.Module | None] | None:
    """The file of the module of the project that ``qualified`` (``pkg.versioning.with_version``,
    ``.versioning.f``) is taken from, resolved as :func:`origin` resolves it, and its syntax tree
    (None when it cannot be read or parsed); None when no file is being migrated or none is found."""
    file = _FILE.get()
    if file is None:
        return None
    try:
        found = _module_of(os.path.dirname(file), qualified)
        if found is None:
            return None
        return found[0], _parsed(*_key(found[0]))
    except (OSError, ValueError):
        return None


def _origin_from(folder: str, qualified: str, hops: int) -> Origin | None:
    found = _module_of(folder, qualified)
    if found is None or hops > _MAX_HOPS:
        return None
    path, attributes = found
    return _origin_in(path, attributes, hops)


def _module_of(folder: str, qualified: str) -> tuple[str, list[str]] | None:
    """The file of the deepest module ``qualified`` names and the attributes after it, or None."""
    level = len(qualified) - len(qualified.lstrip("."))
    parts = [p for p in qualified[level:].split(".") if p]
    if not parts:
        return None
    if level:
        base = folder
        for _ in range(level - 1):
            base = os.path.dirname(base)
    else:
        base = _holding(folder, parts[0])
        if base is None:
            return None
    found: tuple[str, int] | None = None
    if level and os.path.isfile(init := os.path.join(base, "__init__.py")):
        found = (init, 0)
    current = base
    for i, part in enumerate(parts[:-1]):  # the last part is the name itself, never a module here
        if os.path.isdir(os.path.join(current, part)):
            current = os.path.join(current, part)
            if os.path.isfile(init := os.path.join(current, "__init__.py")):
                found = (init, i + 1)
            continue
        if os.path.isfile(module := os.path.join(current, part + ".py")):
            found = (module, i + 1)
        break
    if found is None:
        return None
    return found[0], parts[found[1] :]


def _holding(folder: str, package: str) -> str | None:
    """The nearest of ``folder`` and its parents that holds ``package`` (``package/`` or ``package.py``)."""
    current = folder
    while True:
        if os.path.isdir(os.path.join(current, package)) or os.path.isfile(os.path.join(current, package + ".py")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _origin_in(path: str, attributes: list[str], hops: int) -> Origin | None:
    tree = _parsed(*_key(path))
    if tree is None:
        return None
    name = attributes[0]
    openai_names: set[str] = set()
    for node in ast.walk(tree):  # anywhere, even in a function or ``try``: "does not import it from openai"
        if isinstance(node, ast.ImportFrom) and not node.level and _is_openai(node.module):
            if any(a.name == "*" for a in node.names):
                return None  # ``from openai import *``: may hold the name
            openai_names |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            openai_names |= {a.asname or a.name.partition(".")[0] for a in node.names if _is_openai(a.name)}
    assignments = [s for s in tree.body if isinstance(s, ast.Assign)]
    while True:  # ``sdk = importlib.import_module("openai")``, ``Client = sdk.AzureOpenAI``: names of openai too
        more = {t.id for s in assignments if _mentions_openai(s.value, openai_names) for t in s.targets if isinstance(t, ast.Name)}
        more -= openai_names
        if not more:
            break
        openai_names |= more
    if len(attributes) == 1 and name in openai_names:
        return "openai"
    origins: set[Origin | None] = set()
    for binding in _module_bindings(tree, name):
        if isinstance(binding, ast.ClassDef) and len(attributes) > 1:  # ``LLMType.AzureOpenAI``: its body says
            values = [v for v in _class_values(binding, attributes[1]) if v is not None]
            origins.add("openai" if any(_mentions_openai(v, openai_names) for v in values) else "own")
        elif isinstance(binding, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            origins.add("own")
        elif isinstance(binding, (ast.Assign, ast.AnnAssign)):
            if binding.value is None:
                origins.add(None)  # ``AzureOpenAI: type``: declared, not bound
            else:
                origins.add("openai" if _mentions_openai(binding.value, openai_names) else "own")
        elif isinstance(binding, ast.ImportFrom):
            origins.add(_through_import(path, binding, name, attributes, hops))
        elif isinstance(binding, ast.Import):
            alias = next(a for a in binding.names if (a.asname or a.name.partition(".")[0]) == name)
            if _is_openai(alias.name):
                origins.add("openai")
            elif len(attributes) > 1 and alias.asname is not None:  # ``import pkg.enums as e``; ``e.LLMType.X``
                origins.add(_origin_from(os.path.dirname(path), f"{alias.name}.{'.'.join(attributes[1:])}", hops + 1))
            else:
                origins.add(None)
        else:
            origins.add(None)  # a loop target, a ``with`` target, a walrus: cannot tell
    if not origins or None in origins:
        return None
    return "openai" if "openai" in origins else "own"


def _through_import(path: str, statement: ast.ImportFrom, name: str, attributes: list[str], hops: int) -> Origin | None:
    """``from x import name`` in the module found: follow it to ``x`` (a re-export of a re-export)."""
    if not statement.level and _is_openai(statement.module):
        return "openai"
    alias = next(a for a in statement.names if (a.asname or a.name) == name)
    module = "." * statement.level + (f"{statement.module}." if statement.module else "")
    return _origin_from(os.path.dirname(path), module + ".".join([alias.name, *attributes[1:]]), hops + 1)


def _module_bindings(tree: ast.Module, name: str) -> Iterator[ast.stmt]:
    """The statements that bind ``name`` at module level (in ``if``/``try``/``with``/loops too, not
    in a function or class body)."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop(0)
        if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.name == name:
                yield statement
            continue
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            if any((a.asname or a.name.partition(".")[0]) == name for a in statement.names):
                yield statement
            continue
        if isinstance(statement, ast.Assign):
            if any(_binds(t, name) for t in statement.targets):
                yield statement
        elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
            if _binds(statement.target, name):
                yield statement if isinstance(statement, ast.AnnAssign) else ast.Pass()  # ``+=``: cannot tell
        elif isinstance(statement, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
            if isinstance(statement, (ast.For, ast.AsyncFor)):
                targets = [statement.target]
            else:
                targets = [item.optional_vars for item in statement.items if item.optional_vars is not None]
            if any(_binds(t, name) for t in targets):
                yield ast.Pass()
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(statement, field, ()):
                if isinstance(child, ast.ExceptHandler) or type(child).__name__ == "match_case":
                    pending.extend(child.body)
                else:
                    pending.append(child)


def _class_values(klass: ast.ClassDef, name: str) -> Iterator[ast.expr | None]:
    """The values the body of ``klass`` assigns to ``name`` (``AzureOpenAI = "azure_openai"``)."""
    for statement in klass.body:
        if isinstance(statement, ast.Assign) and any(_binds(t, name) for t in statement.targets):
            yield statement.value
        elif isinstance(statement, ast.AnnAssign) and _binds(statement.target, name):
            yield statement.value


def _binds(target: ast.expr, name: str) -> bool:
    if isinstance(target, ast.Name):
        return target.id == name
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_binds(t, name) for t in target.elts)
    if isinstance(target, ast.Starred):
        return _binds(target.value, name)
    return False


def _mentions_openai(value: ast.expr, openai_names: set[str]) -> bool:
    """Whether ``value`` may be openai's class: it names something imported from openai, or a
    string that looks like openai (``import_module("openai")``, ``getattr(m, "AzureOpenAI")``)."""
    for node in ast.walk(value):
        if isinstance(node, ast.Name) and (node.id in openai_names or node.id in ("AzureOpenAI", "AsyncAzureOpenAI")):
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _is_openai(node.value) or node.value in ("AzureOpenAI", "AsyncAzureOpenAI"):
                return True
    return False


def _is_openai(module: str | None) -> bool:
    return module is not None and (module == "openai" or module.startswith("openai."))


def _key(path: str) -> tuple[str, int, int]:
    st = os.stat(path)
    return path, st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=256)
def _parsed(path: str, mtime_ns: int, size: int) -> ast.Module | None:
    """The syntax tree of the file at ``path`` (keyed by its time and size: ``apply`` rewrites files)."""
    if size > _MAX_BYTES:
        return None
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_BYTES + 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(data, path)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None

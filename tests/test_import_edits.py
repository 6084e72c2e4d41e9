"""The import edits give what LibCST's own codemod visitors give, on every sample and on modules
generated from import-heavy fragments (``transforms/_imports.py`` repeats their rules without
their passes over the whole tree)."""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor

from migrate.sources import decode_source
from transforms._base import code_of
from transforms._imports import _alphabetical, _by_type, _lone_import, _skip_first, add_imports

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").rglob("*.py") if p.is_file())

#: Lines a module's top may hold, each a statement (or a comment or blank line before one).
FRAGMENTS = [
    '"""Docstring."""',
    "'single'",
    "__strict__ = True",
    "__strict__: bool = True",
    "from __future__ import annotations",
    "import os",
    "import os.path",
    "import openai",
    "import openai as oa",
    "import typing, os",
    "from openai import AzureOpenAI",
    "from openai import OpenAI",
    "from openai import AzureOpenAI as Azure",
    "from openai import *",
    "from openai import (\n    AzureOpenAI,  # the client\n)",
    "from openai.lib.azure import AzureADTokenProvider",
    "from typing import Callable, Union",
    "from typing import Optional",
    "from typing import TYPE_CHECKING, Any, cast",
    "from typing import TypeVar, Any",
    "from typing import Any, cast, Dict",
    "from typing import (\n    Any,  # any\n    TypeVar\n)",
    "from openai import AzureOpenAI, NotFoundError",
    "from . import sibling",
    "from .local import OpenAI",
    "from os import path; import sys",
    "# a comment",
    "",
    "x = 1",
    "def f():\n    from openai import OpenAI\n    return OpenAI",
    "if TYPE_CHECKING:\n    from openai import OpenAI",
    "class C:\n    pass",
    "print('hi')",
]
REQUESTS = [
    ("openai", "OpenAI"),
    ("openai", "AsyncOpenAI"),
    ("typing", "Callable"),
    ("typing", "Awaitable"),
    ("langchain_openai", "ChatOpenAI"),
    ("openai.lib.azure", "AzureADTokenProvider"),
]
MODULES = ["os", "inspect", "openai", "typing"]


def libcst_adds(module: cst.Module, modules: list[str], objects: list[tuple[str, str]]) -> str:
    context = CodemodContext()
    for name in modules:
        AddImportsVisitor.add_needed_import(context, name)
    for name, obj in objects:
        AddImportsVisitor.add_needed_import(context, name, obj)
    return AddImportsVisitor(context).transform_module(module).code


def unordered(code: str) -> list[str]:
    """The module's top-level statements, each lone ``from`` import as its module, its names
    sorted, and the comments in it: how a module reads if the place of a name in its import
    does not count."""
    module = cst.parse_module(code)
    lines = []
    for statement in module.body:
        small = _lone_import(statement)
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            assert isinstance(statement, cst.SimpleStatementLine)
            names = sorted(code_of(a.with_changes(comma=cst.MaybeSentinel.DEFAULT)) for a in small.names)
            head = "".join(code_of(line) for line in statement.leading_lines)
            module_name = "." * len(small.relative) + (code_of(small.module) if small.module else "")
            lines.append(f"{head}from {module_name} import {names} {sorted(re.findall(r'#.*', code_of(statement)))}")
        else:
            lines.append(module.code_for_node(statement))
    return lines


def names_of(statement: cst.CSTNode) -> list[str] | None:
    """The names a line's lone ``from`` import imports, in their order (None for any other line)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
        return None
    return [code_of(a.name) for a in small.names]


def assert_adds_as_libcst(source: str, modules: list[str], objects: list[tuple[str, str]]) -> None:
    """What ``AddImportsVisitor`` adds, and where, but for the place of a new name in an existing
    ``from`` import: ours keeps the names there in their order, and a sorted import sorted."""
    module = cst.parse_module(source)
    ours = add_imports(module, modules, objects)
    assert unordered(ours.code) == unordered(libcst_adds(module, modules, objects))
    start = 1 if _skip_first(list(module.body)) else 0
    for before, after in zip(module.body[start:], ours.body[start:]):
        if _lone_import(before) is None:
            break  # past the imports at the top (new lines go after them)
        old, new = names_of(before), names_of(after)
        if old is None or old == new:
            continue
        assert new is not None and [n for n in new if n in old] == old  # the user's names keep their order
        if old == sorted(old, key=_by_type):
            assert new == sorted(new, key=_by_type)
        elif old != sorted(old, key=_alphabetical):
            assert new[: len(old)] == old  # an unsorted import: the new names go after its last


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_adding_imports_matches_libcst_on_every_sample(path: Path) -> None:
    source = decode_source(path.read_bytes())[0]
    assert_adds_as_libcst(source, [], [("openai", "OpenAI")])
    assert_adds_as_libcst(source, ["os"], [("openai", "AsyncOpenAI"), ("typing", "Callable"), ("openai", "OpenAI")])


@pytest.mark.parametrize(
    "source",
    [
        "",
        "\n\n# only a comment\n",
        '"""Doc."""\n',
        '"""Doc."""\nimport os\n\n\nclient = 1\n',
        "from openai import AzureOpenAI\nfrom openai import OpenAI\nx = 1\n",
        "from openai import *\n",
        "import os\r\nfrom typing import Optional\r\nx: Optional[int] = None\r\n",
        "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport os\n# about x\nx = 1\n",
        "def f():\n\tpass\n",
    ],
)
def test_adding_imports_matches_libcst_on_awkward_modules(source: str) -> None:
    assert_adds_as_libcst(source, ["os", "inspect"], [("openai", "OpenAI"), ("typing", "Callable")])
    assert_adds_as_libcst(source, [], [("openai", "AsyncOpenAI")])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.sampled_from(FRAGMENTS), max_size=9),
    modules=st.lists(st.sampled_from(MODULES), max_size=2, unique=True),
    objects=st.lists(st.sampled_from(REQUESTS), max_size=3, unique=True),
)
def test_adding_imports_matches_libcst_on_generated_modules(
    lines: list[str], modules: list[str], objects: list[tuple[str, str]]
) -> None:
    assert_adds_as_libcst("\n".join(lines) + "\n", modules, objects)


@pytest.mark.parametrize(
    ("source", "added", "expected"),
    [
        # (a trial on haystack 3.4.1 and semantic-kernel 1.45.0: ``from typing import Callable, Any`` and
        # ``from typing import Awaitable, Callable, Union, Any, TypeVar``, which isort and ruff's I001 reject)
        ("from typing import Any\n", ["Callable"], "from typing import Any, Callable\n"),
        ("from typing import Any, TypeVar\n", ["Awaitable", "Callable", "Union"], "from typing import Any, Awaitable, Callable, TypeVar, Union\n"),
        # isort's default order: CONSTANTS, Classes, the rest; numbers compare as numbers
        ("from typing import TYPE_CHECKING, Any, cast\n", ["Callable"], "from typing import TYPE_CHECKING, Any, Callable, cast\n"),
        ("from m import V2, V10\n", ["V3"], "from m import V2, V3, V10\n"),
        # sorted without order_by_type (ignoring case): the same order
        ("from typing import Any, cast, Dict\n", ["Callable"], "from typing import Any, Callable, cast, Dict\n"),
        # not sorted: the user's order stays, the new names go last, sorted
        ("from typing import TypeVar, Any\n", ["Union", "Callable"], "from typing import TypeVar, Any, Callable, Union\n"),
        ("from typing import (Any, TypeVar,)\n", ["Callable"], "from typing import (Any, Callable, TypeVar,)\n"),
        # one name a line: new lines, indented as the others; comments stay on their names
        (
            "from typing import (\n    Any,  # any\n    TypeVar,  # tv\n    # the end\n)\n",
            ["Awaitable", "Union"],
            "from typing import (\n    Any,  # any\n    Awaitable,\n    TypeVar,  # tv\n    Union,\n    # the end\n)\n",
        ),
        ("from typing import (\n    Any\n)\n", ["Callable"], "from typing import (\n    Any,\n    Callable\n)\n"),
        ("from typing import (  # types\n    TypeVar,\n)\n", ["Any"], "from typing import (  # types\n    Any,\n    TypeVar,\n)\n"),
    ],
)
def test_a_new_name_takes_its_sorted_place_in_a_sorted_import(source: str, added: list[str], expected: str) -> None:
    module_name = source.split()[1]
    assert add_imports(cst.parse_module(source), objects=[(module_name, name) for name in added]).code == expected


def test_adding_imports_changes_only_the_statements_it_must() -> None:
    module = cst.parse_module("import os\nfrom openai import AzureOpenAI\n\n\ndef f():\n    return os\n")
    new = add_imports(module, objects=[("openai", "OpenAI")])
    assert new.code == "import os\nfrom openai import AzureOpenAI, OpenAI\n\n\ndef f():\n    return os\n"
    assert new.body[0] is module.body[0] and new.body[2] is module.body[2]  # no copy of the rest


# ------------------------------------------------------------------ removing unused imports

REMOVALS = [("typing", "Union"), ("openai", "ChatCompletion"), ("openai", "Embedding"), ("openai.lib.azure", "AzureADTokenProvider")]
USES = [
    "from typing import Union",
    "from typing import Optional, Union",
    "from typing import Union, Optional",
    "from typing import (\n    Optional,  # maybe\n    Union,  # either\n)",
    "from typing import (\n    Union,  # either\n    Optional,\n)",
    "from typing import (\n    Optional,\n    Union,\n    # the rest\n    Callable,\n)",
    "from typing import (  # types\n    Union,\n    # the rest\n\n    Callable,\n)",
    "from typing import Union as U",
    "from typing import *",
    "from openai import ChatCompletion, Embedding",
    "from openai import Embedding; import os",
    "import os; from openai import ChatCompletion",
    "from openai.lib.azure import AzureADTokenProvider, AzureOpenAI",
    "from .typing import Union",
    "# Union of two types",
    "x: Union[int, str] = 1",
    "y: 'Union[int, str]' = 1",
    "z = typing.Union",
    "__all__ = ['Union']",
    "Embedding.create()",
    "def f():\n    from typing import Union\n    return 1",
    "def g():\n    from openai import ChatCompletion",
    "if x: from typing import Union",
    "class C:\n    from openai import Embedding\n    e = Embedding",
    "s = f'{Union}'",
    "t = 'Embedding'",
    "",
]


def assert_removes_as_libcst(source: str, named: set[tuple[str, str]]) -> None:
    from transforms._imports import libcst_removes_unused_imports, remove_unused_imports

    from transforms._imports import _first_without_blank

    module = cst.parse_module(source)
    # (ours also drops the blank lines a dropped first statement leaves at the top of the file)
    assert remove_unused_imports(module, set(named)).code == _first_without_blank(module, libcst_removes_unused_imports(module, named)).code


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_removing_imports_matches_libcst_on_every_sample(path: Path) -> None:
    assert_removes_as_libcst(decode_source(path.read_bytes())[0], set(REMOVALS) | {("os", "path"), ("openai", "AzureOpenAI")})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.sampled_from(USES), max_size=7),
    named=st.sets(st.sampled_from(REMOVALS), min_size=1),
)
def test_removing_imports_matches_libcst_on_generated_modules(lines: list[str], named: set[tuple[str, str]]) -> None:
    assert_removes_as_libcst("\n".join(lines) + "\n", named)


def test_removing_an_unused_import_needs_no_libcst_visitor(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms._imports as imports

    def refuse(*args: object) -> cst.Module:
        raise AssertionError("RemoveImportsVisitor was asked")

    monkeypatch.setattr(imports, "libcst_removes_unused_imports", refuse)
    source = "from typing import Optional, Union\n\nx: Optional[int] = None\n"
    assert imports.remove_unused_imports(cst.parse_module(source), {("typing", "Union")}).code == (
        "from typing import Optional\n\nx: Optional[int] = None\n"
    )
    kept = "from typing import Union\n\nx: Union[int, str] = 1\n"
    assert imports.remove_unused_imports(cst.parse_module(kept), {("typing", "Union")}).code == kept


#: What a module may hold besides its ``import openai`` line, for the removal of that line: uses,
#: rebindings and mere spellings of the name, in every place a scope pass looks.
MENTIONS = [
    "x = 1",
    "openai.api_key = 'k'",
    "client.openai = 1",
    "value = client.openai",
    "from openai import OpenAI",
    "from openai.lib import azure",
    "import openai",
    "import openai as oa",
    "import os, openai",
    "import openai.error",
    "openai = None",
    "del openai",
    "label = 'openai'",
    "label = f'uses openai'",
    "url = base + '/openai/v1/'",
    "note: 'openai.OpenAI' = None",
    "note: '\\x6fpenai.OpenAI' = None",
    "note: 'ope' 'nai.OpenAI' = None",
    "note: Optional['openai.OpenAI'] = None",
    "note: \"'\\\\x6fpenai.OpenAI'\" = None",
    "note: b'openai.OpenAI' = None",
    "__all__ = ['x']",
    "def f(openai):\n    return openai",
    "def f():\n    import openai\n    return openai",
    "def f():\n    global openai\n    openai = 1",
    "if ready:\n    import openai",
    "class C:\n    openai = 1",
    "for openai in range(3):\n    pass",
    "print(openai)",
    "try:\n    pass\nexcept openai.OpenAIError:\n    pass",
]


def _plain_removal(source: str, fast: bool) -> str:
    from unittest import mock

    import transforms._imports as imports

    module = cst.parse_module(source)
    if fast:
        return imports._remove_unused_plain_imports(module, {"openai"}, set()).code
    with mock.patch.object(imports, "_unmentioned", lambda module, names: set()):  # the scope pass for every name
        return imports._remove_unused_plain_imports(module, {"openai"}, set()).code


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(st.sampled_from(MENTIONS), max_size=3), after=st.lists(st.sampled_from(MENTIONS), max_size=3))
def test_an_import_nothing_mentions_is_dropped_as_the_scope_pass_drops_it(before: list[str], after: list[str]) -> None:
    source = "\n".join([*before, "import openai", *after]) + "\n"
    assert _plain_removal(source, fast=True) == _plain_removal(source, fast=False)


def test_an_import_nothing_mentions_is_dropped_without_a_scope_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms._imports as imports

    def no_scopes(*args: object, **kwargs: object) -> None:
        raise AssertionError("a scope pass was made")

    monkeypatch.setattr("transforms._metadata.scopes", no_scopes)
    source = "import os\nimport openai\n\nclient = make(os.environ['X'])\n"
    assert imports._remove_unused_plain_imports(cst.parse_module(source), {"openai"}, set()).code == (
        "import os\n\nclient = make(os.environ['X'])\n"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # (a trial on public code: ``import inspect`` went above ``import asyncio``)
        ("import asyncio\nimport os\n\nfrom x import y\n", "import asyncio\nimport inspect\nimport os\n\nfrom x import y\n"),
        ("import abc\nimport asyncio\n\nfrom x import y\n", "import abc\nimport asyncio\nimport inspect\n\nfrom x import y\n"),
        ("# header\n\nimport os\nimport sys\n", "# header\n\nimport inspect\nimport os\nimport sys\n"),
        ('"""Doc."""\nimport json\nx = 1\n', '"""Doc."""\nimport inspect\nimport json\nx = 1\n'),
        # a dotted name sorts by its whole name (a trial on pyrit 0.2.1: ``inspect`` went above ``concurrent.futures``)
        ("import asyncio\nimport concurrent.futures\nimport logging\n", "import asyncio\nimport concurrent.futures\nimport inspect\nimport logging\n"),
        ("import asyncio\nimport os.path\n", "import asyncio\nimport inspect\nimport os.path\n"),
        ("import os.path\nimport asyncio\n", "import inspect\nimport os.path\nimport asyncio\n"),  # not sorted
        # not sorted, or not a run of plain imports: before the first import, as before
        ("import sys\nimport asyncio\n", "import inspect\nimport sys\nimport asyncio\n"),
        ("from x import y\nimport asyncio\n", "import inspect\nfrom x import y\nimport asyncio\n"),
        ("import asyncio  # loop\nimport os\n", "import inspect\nimport asyncio  # loop\nimport os\n"),
        ("import inspect as i\nimport asyncio\n", "import inspect\nimport inspect as i\nimport asyncio\n"),
    ],
)
def test_a_plain_import_takes_its_sorted_place_among_the_first_imports(source: str, expected: str) -> None:
    from transforms._imports import add_needed_imports

    assert add_needed_imports(cst.parse_module(source), {("inspect", None)}).code == expected


def test_the_migration_puts_a_typing_name_in_its_sorted_place() -> None:
    from tests.helpers import migrate

    # (a trial on haystack 3.4.1, azure_text_embedder.py: ``from typing import Callable, Any``)
    source = (
        "import os\nfrom typing import Any\n\nfrom openai.lib.azure import AzureADTokenProvider, AzureOpenAI\n\n\n"
        "def make(provider: AzureADTokenProvider, **kwargs: Any) -> AzureOpenAI:\n"
        '    return AzureOpenAI(azure_endpoint=os.environ["E"], azure_ad_token_provider=provider, api_version="2024-10-21")\n'
    )
    code = migrate(source).code
    assert code.startswith("import os\nfrom typing import Any, Callable\n")
    assert "def make(provider: Callable[[], str], **kwargs: Any) -> OpenAI:" in code


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # (a trial on semantic-kernel: the rename in place gave ``OpenAI, NotFoundError``, which isort rejects)
        ("from openai import AzureOpenAI, NotFoundError", "from openai import NotFoundError, OpenAI"),
        ("from openai import APIError, AzureOpenAI, NotFoundError", "from openai import APIError, NotFoundError, OpenAI"),
        ("from openai import NotFoundError, AzureOpenAI", "from openai import NotFoundError, OpenAI"),  # unsorted: in place
        ("from openai import AzureOpenAI, BadRequestError", "from openai import BadRequestError, OpenAI"),
        ("from openai import AzureOpenAI, NotFoundError  # sdk", "from openai import NotFoundError, OpenAI  # sdk"),
        # a comment among the names could move to another name: in place
        ("from openai import (AzureOpenAI,  # sdk\n    NotFoundError)", "from openai import (OpenAI,  # sdk"),
    ],
)
def test_a_renamed_name_keeps_a_sorted_import_sorted(before, after):
    uses = "\n\nclient = AzureOpenAI(azure_endpoint=\"https://r.openai.azure.com\", api_key=\"k\", api_version=\"2024-10-21\")\n"
    errors = "E = (" + ", ".join(n for n in ("APIError", "NotFoundError", "BadRequestError") if n in before) + ",)\n"
    from migrate.runner import migrate_source

    outcome = migrate_source(before + uses + errors)
    assert outcome.error is None
    assert outcome.code.splitlines()[0] == after

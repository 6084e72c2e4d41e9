"""AOAI002 on unions: every member stays, in order, except the duplicates the rename makes.

``Union[OpenAI, AsyncOpenAI, AzureOpenAI, AsyncAzureOpenAI, None]`` is a common shape (mirascope,
graphrag). Renaming its Azure members makes two of them name a class an earlier member names:
those two go, and only those (a trial found ``None`` dropped instead, which pydantic's
``validate_call`` then rejected, and an IndexError on the same union without ``None``).
"""

from __future__ import annotations

import ast
import itertools
import types
import typing

import openai
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.helpers import migrate

MEMBERS = ("OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "None", "str")
TWIN = {"AzureOpenAI": "OpenAI", "AsyncAzureOpenAI": "AsyncOpenAI"}
HEADER = "import typing\nfrom typing import Optional, Union\n\nimport openai\nfrom openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI\n\n"


def expected_members(members: list[str], spelling: str = "Union") -> list[str]:
    """The members after the rename: each Azure class names its stock twin, and every later
    occurrence of a class an Azure member now names goes; everything else stays, in order.

    One exception: a nested ``|`` chain (``members[1:]`` in two spellings) that would then start
    ``None | None`` (which raises where it is evaluated) stays whole."""
    renamed = {TWIN[m] for m in members if m in TWIN}
    mapped = [TWIN.get(m, m) for m in members]
    kept: list[int] = []
    for position, member in enumerate(mapped):
        if member in renamed and member in (mapped[k] for k in kept):
            continue
        kept.append(position)
    if spelling in NESTED_CHAINS and len(members) > 2:
        inner = [k for k in kept if k >= 1]
        if len(inner) > 1 and inner[:2] != [1, 2] and [mapped[k] for k in inner[:2]] == ["None", "None"]:
            return mapped
    return [mapped[k] for k in kept]


NESTED_CHAINS = {"pep604 nested", "Union of pep604", "string pep604 nested"}


def _flat(node: ast.expr) -> list[str]:
    """The members of a union expression, read flat as ``typing`` reads them."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flat(node.left) + _flat(node.right)
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) in {"Union", "typing.Union"}:
        elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return [m for e in elements for m in _flat(e)]
    return [ast.unparse(node)]


# How a list of members is written; each reads the members of the output back, flat.
SPELLINGS = {
    "Union": lambda ms: f"Union[{', '.join(ms)}]",
    "typing.Union": lambda ms: f"typing.Union[{', '.join(ms)}]",
    "Optional[Union]": lambda ms: f"Optional[Union[{', '.join(ms)}]]",
    "pep604": lambda ms: " | ".join(ms),
    "pep604 nested": lambda ms: " | ".join(ms[:1] + [f"({' | '.join(ms[1:])})"] if len(ms) > 2 else ms),
    "Union nested": lambda ms: f"Union[{ms[0]}, Union[{', '.join(ms[1:])}]]" if len(ms) > 2 else f"Union[{', '.join(ms)}]",
    "Union of pep604": lambda ms: f"Union[{ms[0]}, {' | '.join(ms[1:])}]" if len(ms) > 2 else f"Union[{', '.join(ms)}]",
    "string Union": lambda ms: repr(f"Union[{', '.join(ms)}]"),
    "string pep604": lambda ms: repr(" | ".join(ms)),
    "string pep604 nested": lambda ms: repr(" | ".join(ms[:1] + [f"({' | '.join(ms[1:])})"] if len(ms) > 2 else ms)),
}


def _annotation_members(code: str, spelling: str) -> list[str]:
    tree = ast.parse(code)
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    annotation = function.args.args[0].annotation
    assert annotation is not None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):  # a string annotation
        annotation = ast.parse(annotation.value, mode="eval").body
    if spelling == "Optional[Union]":
        assert isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Optional", ast.unparse(annotation)
        annotation = annotation.slice
    return _flat(annotation)


def _run_time_members(code: str) -> set[object]:
    """The classes the annotation stands for at run time (``typing`` flattens and dedups)."""
    namespace: dict[str, object] = {}
    exec(compile(code, "<migrated>", "exec"), namespace)  # noqa: S102 - our own generated module
    hint = typing.get_type_hints(namespace["setup_call"])["client"]
    return set(typing.get_args(hint)) if typing.get_origin(hint) in (typing.Union, types.UnionType) else {hint}


def check_union(members: list[str], spelling: str, *, prefix: str = "") -> None:
    classes = sorted({m for m in members if m in TWIN or m in TWIN.values()})
    written = [f"{prefix}{m}" if m in classes else m for m in members]
    imports = "import openai\n" if prefix else f"from openai import {', '.join(classes)}\n" if classes else ""
    source = f"import typing\nfrom typing import Optional, Union\n\n{imports}\n" + f"def setup_call(client: {SPELLINGS[spelling](written)} = None):\n    return client\n"
    outcome = migrate(source)
    code = outcome.code
    ast.parse(code)
    assert "AzureOpenAI" not in code, code
    want = [f"{prefix}{m}" if m in TWIN.values() else m for m in expected_members(members, spelling)]
    assert _annotation_members(code, spelling) == want, code
    # what the program sees: the classes it saw, each Azure class read as its stock twin
    try:
        seen = _run_time_members(source)
    except TypeError:  # ``None | None``: the program never ran
        return
    twins = {openai.AzureOpenAI: openai.OpenAI, openai.AsyncAzureOpenAI: openai.AsyncOpenAI}
    assert _run_time_members(code) == {twins.get(c, c) for c in seen}, code


@pytest.mark.parametrize("spelling", ["Union", "pep604"])
def test_every_order_of_the_members_keeps_all_but_the_duplicates(spelling):
    """Every order of every selection of two or more of the six members (1,950 unions)."""
    for length in range(2, len(MEMBERS) + 1):
        for members in itertools.permutations(MEMBERS, length):
            check_union(list(members), spelling)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    members=st.lists(st.sampled_from(MEMBERS), min_size=1, max_size=7),
    spelling=st.sampled_from(sorted(SPELLINGS)),
    prefix=st.sampled_from(["", "openai."]),
)
@example(members=["OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "None"], spelling="Union", prefix="")
@example(members=["OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"], spelling="Union", prefix="")
@example(members=["OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "None"], spelling="pep604", prefix="")
@example(members=["AzureOpenAI", "str", "OpenAI", "OpenAI", "None"], spelling="Union nested", prefix="")
@example(members=["AzureOpenAI", "AsyncAzureOpenAI", "None"], spelling=sorted(s for s in SPELLINGS if s.startswith("string"))[0], prefix="")
def test_union_members_after_the_rename(members, spelling, prefix):
    check_union(members, spelling, prefix=prefix)  # strings naming both Azure classes too (a round-2 trial)


def test_union_drops_none_no_more():
    """The trial's reproducer: ``None`` stays, so ``validate_call`` still accepts it."""
    code = migrate(HEADER + "def setup_call(client: Union[OpenAI, AsyncOpenAI, AzureOpenAI, AsyncAzureOpenAI, None] = None): ...\n").code
    assert "def setup_call(client: Union[OpenAI, AsyncOpenAI, None] = None): ..." in code


def test_union_of_both_azure_classes_without_none_no_internal_error():
    outcome = migrate(HEADER + "def setup_call(client: Union[OpenAI, AsyncOpenAI, AzureOpenAI, AsyncAzureOpenAI]): ...\n")
    assert "def setup_call(client: Union[OpenAI, AsyncOpenAI]): ..." in outcome.code


def test_pep604_union_drops_duplicates_that_are_not_adjacent():
    code = migrate(HEADER + "def setup_call(*, client: OpenAI | AsyncOpenAI | AzureOpenAI | AsyncAzureOpenAI | None): ...\n").code
    assert "def setup_call(*, client: OpenAI | AsyncOpenAI | None): ..." in code


def test_dropped_members_take_their_comments_with_them():
    source = """\
        from typing import Union
        from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI

        def f(
            a: Union[
                OpenAI,  # sync
                AzureOpenAI,  # azure
                AsyncAzureOpenAI,  # azure async
                AsyncOpenAI,  # async
                None,  # none
            ] = None,
            b: (
                OpenAI  # sync
                | AzureOpenAI  # azure
                | None  # none
            ) = None,
        ): ...
        """
    assert migrate(source).code == (
        "from typing import Union\n"
        "from openai import AsyncOpenAI, OpenAI\n"
        "\n"
        "def f(\n"
        "    a: Union[\n"
        "        OpenAI,  # sync\n"
        "        AsyncOpenAI,  # azure async\n"
        "        None,  # none\n"
        "    ] = None,\n"
        "    b: (\n"
        "        OpenAI  # sync\n"
        "        | None  # none\n"
        "    ) = None,\n"
        "): ...\n"
    )


def test_collapsed_string_union_drops_the_union_import():
    code = migrate(
        'from typing import Union\nfrom openai import AzureOpenAI, OpenAI\n\ndef f(c: "Union[AzureOpenAI, OpenAI]"): ...\n'
    ).code
    assert code == 'from openai import OpenAI\n\ndef f(c: "OpenAI"): ...\n'


def test_duplicates_the_user_wrote_beside_no_azure_class_stay():
    code = migrate(HEADER + "def f(c: Union[str, str, AzureOpenAI], d: Union[None, None, OpenAI]): ...\n").code
    assert "def f(c: Union[str, str, OpenAI], d: Union[None, None, OpenAI]): ..." in code


def test_union_inside_optional_keeps_optional():
    code = migrate(HEADER + "def f(c: Optional[Union[AzureOpenAI, OpenAI]], d: Optional[AzureOpenAI | OpenAI]): ...\n").code
    assert "def f(c: Optional[OpenAI], d: Optional[OpenAI]): ..." in code


def test_nested_chain_that_would_start_none_or_none_stays_whole():
    """``None | None`` raises where the annotation is evaluated: the duplicate stays instead."""
    outcome = migrate(HEADER + "def setup_call(client: Union[OpenAI, None | AzureOpenAI | None]): ...\n")
    assert "def setup_call(client: Union[OpenAI, None | OpenAI | None]): ..." in outcome.code
    namespace: dict[str, object] = {}
    exec(compile(outcome.code, "<migrated>", "exec"), namespace)  # noqa: S102 - our own generated module


# --------------------------------------------------------------------------- trial r6a

_CONFIG_BASE = (
    "from openai import AsyncAzureOpenAI\n\n\n"
    "class ConfigBase:\n"
    "    def __init__(self, endpoint: str, client: AsyncAzureOpenAI | None = None) -> None:\n"
    "        self.client = client or AsyncAzureOpenAI(**settings)\n"
)
_SERVICE = (
    "from openai import AsyncAzureOpenAI\n\n"
    "from config_base import ConfigBase\n\n\n"
    "class ChatService(ConfigBase):\n"
    "    def __init__(self, endpoint: str, async_client: AsyncAzureOpenAI | None = None) -> None:\n"
    "        super().__init__(endpoint=endpoint, client=async_client)\n"
)


def _migrate_beside(tmp_path, files: dict[str, str], main: str):
    from migrate import project_modules
    from migrate.runner import migrate_source

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with project_modules.migrating(tmp_path / main):
        return migrate_source(files[main])


def test_a_parameter_passed_on_to_an_azure_annotated_parameter_of_another_module_keeps_its_annotation(tmp_path):
    # semantic-kernel 1.45.0: renamed, mypy rejected the call and pydantic's validate_call the client
    outcome = _migrate_beside(tmp_path, {"config_base.py": _CONFIG_BASE, "service.py": _SERVICE}, "service.py")
    assert outcome.error is None
    assert outcome.code == _SERVICE
    assert [(f.rule, f.fixed, f.line) for f in outcome.findings] == [("AOAI002", False, 7)]
    assert (
        "this annotation stays AsyncAzureOpenAI: `async_client` is passed on to `client` of config_base.ConfigBase.__init__"
    ) in outcome.findings[0].message
    assert "migrate both together, or widen that parameter's annotation to AsyncOpenAI" in outcome.findings[0].message


def test_the_overloads_of_a_parameter_passed_on_keep_their_annotation_too(tmp_path):
    # semantic-kernel 0.9.6b1: the implementation's annotation stayed and an @overload's was renamed,
    # which a type checker rejects (the overload admits what the implementation does not)
    service = (
        "from typing import overload\n\nfrom openai import AsyncAzureOpenAI\n\n"
        "from config_base import ConfigBase\n\n\n"
        "class ChatService(ConfigBase):\n"
        "    @overload\n    def __init__(self, endpoint: str, async_client: AsyncAzureOpenAI) -> None: ...\n\n"
        "    @overload\n    def __init__(self, endpoint: str) -> None: ...\n\n"
        "    def __init__(self, endpoint: str, async_client: AsyncAzureOpenAI | None = None) -> None:\n"
        "        super().__init__(endpoint=endpoint, client=async_client)\n"
    )
    outcome = _migrate_beside(tmp_path, {"config_base.py": _CONFIG_BASE, "service.py": service}, "service.py")
    assert outcome.error is None
    assert outcome.code == service
    assert [(f.rule, f.fixed, f.line) for f in outcome.findings] == [("AOAI002", False, 10), ("AOAI002", False, 15)]


def test_a_parameter_passed_on_to_a_parameter_of_another_module_without_the_azure_class_is_renamed(tmp_path):
    widened = _CONFIG_BASE.replace("client: AsyncAzureOpenAI | None", "client: AsyncOpenAI | None").replace(
        "import AsyncAzureOpenAI", "import AsyncAzureOpenAI, AsyncOpenAI"
    )
    outcome = _migrate_beside(tmp_path, {"config_base.py": widened, "service.py": _SERVICE}, "service.py")
    assert outcome.error is None
    assert "async_client: AsyncOpenAI | None" in outcome.code
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI002", True)]


def test_a_parameter_passed_on_within_the_module_follows_the_callee():
    kept = migrate(
        "from openai import AsyncAzureOpenAI\n\n"
        "def configure(client: AsyncAzureOpenAI) -> None: ...\n\n"
        "def make(c: AsyncAzureOpenAI):\n"
        "    configure(c)\n\n"
        "def build() -> AsyncAzureOpenAI:\n"
        "    return AsyncAzureOpenAI(**settings)\n"
    )
    assert [f.rule for f in kept.findings] == ["AOAI103"]  # the module still builds the Azure class: all stay
    assert "def make(c: AsyncAzureOpenAI)" in kept.code
    moved = migrate(
        "from openai import AsyncAzureOpenAI\n\n"
        "def configure(client: AsyncAzureOpenAI) -> None: ...\n\n"
        "def make(c: AsyncAzureOpenAI):\n"
        "    configure(client=c)\n"
    )
    assert "def configure(client: AsyncOpenAI)" in moved.code and "def make(c: AsyncOpenAI)" in moved.code


def test_an_attribute_passed_on_to_an_azure_annotated_parameter_of_another_module_keeps_its_annotation(tmp_path):
    service = (
        "from openai import AsyncAzureOpenAI\n\n"
        "import config_base\n\n\n"
        "class Service:\n"
        "    client: AsyncAzureOpenAI\n\n"
        "    def start(self) -> None:\n"
        "        config_base.ConfigBase(\"e\", self.client)\n\n"
        "    async def ask(self) -> None:\n"
        "        await self.client.models.list()\n"
    )
    outcome = _migrate_beside(tmp_path, {"config_base.py": _CONFIG_BASE, "service.py": service}, "service.py")
    assert outcome.error is None
    assert outcome.code == service
    assert "`self.client` is passed on to `client` of config_base.ConfigBase.__init__" in outcome.findings[0].message


def test_a_parameter_only_used_for_calls_on_the_client_is_renamed(tmp_path):
    service = (
        "from openai import AsyncAzureOpenAI\n\n"
        "from config_base import ConfigBase\n\n\n"
        "async def ask(client: AsyncAzureOpenAI, base: ConfigBase) -> None:\n"
        "    await client.models.list()\n"
        "    print(base, client.api_key)\n"
    )
    outcome = _migrate_beside(tmp_path, {"config_base.py": _CONFIG_BASE, "service.py": service}, "service.py")
    assert outcome.error is None
    assert "client: AsyncOpenAI" in outcome.code
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI002", True)]


def test_an_aliased_type_checking_import_collapsed_into_an_aliased_stock_class_just_goes():
    # outlines 1.3.3: renamed to ``OpenAI`` in place, the import bound a name nothing used (pyflakes)
    outcome = migrate(
        "from typing import TYPE_CHECKING, Union\n\n"
        "if TYPE_CHECKING:\n"
        "    from openai import (\n"
        "        OpenAI as OpenAIClient,\n"
        "        AzureOpenAI as AzureOpenAIClient,\n"
        "    )\n\n\n"
        'def from_openai(client: Union["OpenAIClient", "AzureOpenAIClient"]):\n'
        "    return client\n"
    )
    assert outcome.code == (
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n"
        "    from openai import (\n"
        "        OpenAI as OpenAIClient,\n"
        "    )\n\n\n"
        'def from_openai(client: "OpenAIClient"):\n'
        "    return client\n"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from typing import Union\n\nfrom openai import AzureOpenAI, OpenAI\n\n\ndef f(c: Union[OpenAI, AzureOpenAI]): ...\n",
            "from openai import OpenAI\n\n\ndef f(c: OpenAI): ...\n",
        ),
        (
            "from openai import AzureOpenAI\n\nfrom openai import OpenAI\n\n\ndef f(c: AzureOpenAI): ...\n",
            "from openai import OpenAI\n\n\ndef f(c: OpenAI): ...\n",
        ),
        (  # the header's own spacing stays, and so does the comment of the next statement
            "#!/usr/bin/env python\nfrom typing import Union\n\n# the client\nfrom openai import AzureOpenAI, OpenAI\n\n\ndef f(c: Union[OpenAI, AzureOpenAI]): ...\n",
            "#!/usr/bin/env python\n# the client\nfrom openai import OpenAI\n\n\ndef f(c: OpenAI): ...\n",
        ),
        (  # a docstring's blank line stays
            '"""Doc."""\n\nfrom typing import Union\n\nfrom openai import AzureOpenAI, OpenAI\n\n\ndef f(c: Union[OpenAI, AzureOpenAI]): ...\n',
            '"""Doc."""\n\nfrom openai import OpenAI\n\n\ndef f(c: OpenAI): ...\n',
        ),
    ],
    ids=["typing import first", "openai import first", "after a header", "after a docstring"],
)
def test_a_dropped_first_import_leaves_no_blank_first_line(before, after):
    assert migrate(before).code == after

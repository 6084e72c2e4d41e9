"""``AzureADTokenProvider`` / ``AsyncAzureADTokenProvider`` from ``openai.lib.azure`` become ``typing`` types.

**Why**: the aliases live in the Azure client's module; once the code builds ``OpenAI``, spelling
them out removes the last dependency on ``openai.lib.azure`` and says what the v1 client takes.

**What changes**: ``AzureADTokenProvider`` becomes ``Callable[[], str]`` and
``AsyncAzureADTokenProvider`` becomes ``Callable[[], Union[str, Awaitable[str]]]``, exactly the
SDK's definitions; the ``typing`` names are imported and the ``openai.lib.azure`` import goes when
nothing else uses it.

**Fix safety**: safe: the same types, written out. Left alone when ``Callable``, ``Union`` or
``Awaitable`` already mean something else in the module, and, as annotations naming the Azure
classes are (AOAI002), in a module that still uses the Azure class and migrated none of its
constructors (all were left for a person): there the alias still names what its
``azure_ad_token_provider=`` takes, and spelling it out would only change a file whose migration
is held back. It follows once the constructors are migrated.

**Manual follow-up**: none.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from transforms._base import Edits, Example, Rule, Transform
from transforms._index import FOLLOWERS, ModuleIndex

#: Qualified name -> (its replacement, the typing names it needs); the SDK's own definitions.
TYPES = {
    "openai.lib.azure.AzureADTokenProvider": ("Callable[[], str]", ("Callable",)),
    "openai.lib.azure.AsyncAzureADTokenProvider": (
        "Callable[[], Union[str, Awaitable[str]]]",
        ("Awaitable", "Callable", "Union"),
    ),
}


class TokenProviderTypes(Transform):
    RULES: ClassVar = (
        Rule("AOAI005", "azure-token-provider-type", "openai.lib.azure token provider aliases -> typing.Callable[...]", fix=True),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="provider factories",
            before=(
                "from openai.lib.azure import AsyncAzureADTokenProvider, AzureADTokenProvider\n\n"
                "def sync_provider() -> AzureADTokenProvider: ...\n"
                "def async_provider() -> AsyncAzureADTokenProvider: ...\n"
            ),
            after=(
                "from typing import Awaitable, Callable, Union\n\n"
                "def sync_provider() -> Callable[[], str]: ...\n"
                "def async_provider() -> Callable[[], Union[str, Awaitable[str]]]: ...\n"
            ),
        ),
    )
    UNCHANGED: ClassVar = (
        "from collections.abc import Callable\nfrom openai.lib.azure import AzureADTokenProvider\n\np: AzureADTokenProvider\n",
        # The module still builds the Azure class (left for a person), so the alias stays with it.
        (
            "from openai.lib.azure import AzureADTokenProvider, AzureOpenAI\n\n"
            "def make(provider: AzureADTokenProvider, **settings) -> AzureOpenAI:\n"
            "    return AzureOpenAI(azure_ad_token_provider=provider, **settings)\n"
        ),
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        # (a trial on haystack 3.4.1: a module whose AzureOpenAI(**kwargs) was left alone (AOAI103)
        # still had its provider types spelled out, a change with nothing to gain)
        migrated = any(r.kind == "call" and r.node in edits.rewritten for r in index.references)
        left = any(r.kind not in ("annotation", *FOLLOWERS) and r.node not in edits.rewritten for r in index.references)
        if left and not migrated:
            return
        found: list[tuple[cst.CSTNode, str]] = []
        for kind in (cst.Name, cst.Attribute):
            for node in index.nodes(kind):
                parent = index.parent(node)
                if isinstance(parent, cst.Attribute) and parent.value is node:
                    continue
                if isinstance(parent, cst.ImportAlias):
                    continue
                qualified = index.qualified_names(node) & TYPES.keys()
                if len(qualified) == 1 and len(index.qualified_names(node)) == 1:
                    found.append((node, qualified.pop()))
        for node, qualified in found:
            replacement, names = TYPES[qualified]
            if not all(index.free_or_bound_to(n, f"typing.{n}") for n in names):
                continue
            if not edits.allows(index, node, "AOAI005"):
                continue
            edits.replace(node, lambda _updated, r=replacement: cst.parse_expression(r))
            edits.needed_imports.update(("typing", n) for n in names)
            edits.unused_candidates.add(("openai.lib.azure", qualified.rsplit(".", 1)[1]))
            edits.report(index, node, "AOAI005", f"{qualified.rsplit('.', 1)[1]} -> {replacement}", fixed=True)

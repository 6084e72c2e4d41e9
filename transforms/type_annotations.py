"""Annotations naming ``AzureOpenAI`` / ``AsyncAzureOpenAI`` follow the constructor to ``OpenAI`` / ``AsyncOpenAI``.

**Why**: once the module builds ``OpenAI``, an annotation that still says ``AzureOpenAI`` is wrong
for a type checker and keeps an import alive for nothing. ``AzureOpenAI`` subclasses ``OpenAI``,
so the new annotation also accepts any Azure client still passed in from elsewhere.

**What changes**: parameter, return and variable annotations, including ``Optional[...]``,
``X | None``, ``list[...]`` and ``typing.cast`` targets, and the type argument of a generic base
class (``class Adapter(Base[AzureOpenAI])``, which is no subclass of it).

**Fix safety**: safe: the annotation only widens, so an Azure client still built elsewhere type-checks
against it. A module that migrated none of its constructors of that class (all were left for a
person) keeps its annotations, so they still match what it builds.

**Manual follow-up**: none. String annotations (``"AzureOpenAI"``, ``"Optional[openai.AzureOpenAI]"``)
and ``TYPE_CHECKING`` imports follow too. A ``typing`` name that a collapsed union no longer
uses (``Union``) is removed when nothing else uses it.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from transforms._base import Edits, Example, Rule, Transform, drop_items
from transforms._index import ModuleIndex, Reference

_UNIONS = {"typing.Union", "typing_extensions.Union"}


class Annotations(Transform):
    RULES: ClassVar = (
        Rule("AOAI002", "azure-annotation", "annotations naming AzureOpenAI/AsyncAzureOpenAI follow the constructor's rename", fix=True),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="return and parameter annotations",
            before=(
                "from typing import Optional\n"
                "from openai import AzureOpenAI\n\n"
                "def make() -> AzureOpenAI:\n"
                '    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-10-21")\n\n'
                "def use(client: Optional[AzureOpenAI] = None) -> None: ...\n"
            ),
            after=(
                "from typing import Optional\n"
                "from openai import OpenAI\n\n"
                "def make() -> OpenAI:\n"
                '    return OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n\n'
                "def use(client: Optional[OpenAI] = None) -> None: ...\n"
            ),
        ),
        Example(
            title="a union with OpenAI collapses",
            before=(
                "from typing import Union\n"
                "from openai import AzureOpenAI, OpenAI\n\n"
                "def pick(azure: bool) -> Union[AzureOpenAI, OpenAI]: ...\n"
                "def other() -> AzureOpenAI | OpenAI | None: ...\n"
            ),
            after=(
                "from openai import OpenAI\n\n"
                "def pick(azure: bool) -> OpenAI: ...\n"
                "def other() -> OpenAI | None: ...\n"
            ),
        ),
        Example(
            title="a module that only annotates",
            before="import openai\n\ndef ask(client: openai.AsyncAzureOpenAI) -> str: ...\n",
            after="import openai\n\ndef ask(client: openai.AsyncOpenAI) -> str: ...\n",
        ),
    )
    UNCHANGED: ClassVar = (
        # The module still builds the Azure class (left for a person), so its annotations stay.
        "from openai import AzureOpenAI\n\ndef make() -> AzureOpenAI:\n    return AzureOpenAI(**settings)\n",
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        if not edits.enabled("AOAI002"):
            return
        for azure in ("AzureOpenAI", "AsyncAzureOpenAI"):
            refs = [r for r in index.references if r.azure == azure]
            migrated = any(r.kind == "call" and r.node in edits.rewritten for r in refs)
            left = any(r.kind != "annotation" and r.node not in edits.rewritten for r in refs)
            if left and not migrated:
                continue  # the module still only builds the Azure class: its annotations stay true
            for ref in refs:
                if ref.kind != "annotation" or ref.ambiguous or not edits.allows(index, ref.node, "AOAI002"):
                    continue
                replacement = index.retarget(ref)
                if replacement is None:
                    continue
                edits.replace(ref.node, lambda _updated, new=replacement: new)
                edits.rewritten.add(ref.node)
                self._drop_duplicate_member(index, ref, edits)
                edits.report(index, ref.node, "AOAI002", f"annotation {azure} -> {ref.target}", fixed=True)

    @staticmethod
    def _drop_duplicate_member(index: ModuleIndex, ref: Reference, edits: Edits) -> None:
        """``Union[AzureOpenAI, OpenAI]`` -> ``OpenAI``, ``AzureOpenAI | OpenAI`` -> ``OpenAI``."""
        target = f"openai.{ref.target}"
        parent = index.parent(ref.node)
        if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.BitOr):
            other = parent.right if parent.left is ref.node else parent.left
            if index.qualified_names(other) == {target}:
                keep_left = other is parent.left
                edits.replace(parent, lambda updated: updated.left if keep_left else updated.right)
            return
        element = index.parent(parent) if isinstance(parent, cst.Index) else None
        union = index.parent(element) if isinstance(element, cst.SubscriptElement) else None
        if not isinstance(union, cst.Subscript) or not index.qualified_names(union.value) & _UNIONS:
            return
        position = union.slice.index(element)
        others = [e for e in union.slice if e is not element]
        if not any(isinstance(e.slice, cst.Index) and index.qualified_names(e.slice.value) == {target} for e in others):
            return

        if isinstance(union.value, cst.Name) and union.value.value == "Union":
            edits.unused_candidates.add(("typing", "Union"))

        def drop(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Subscript)
            kept = drop_items(updated.slice, lambda e: e is updated.slice[position])
            if len(kept) == 1 and isinstance(kept[0].slice, cst.Index):
                return kept[0].slice.value
            return updated.with_changes(slice=kept)

        edits.replace(union, drop)

"""The pipeline: the transforms in the order they plan, and the registry of their rule ids.

Each transform module holds one rewrite (or one family of findings); its docstring is the
catalogue entry and its ``EXAMPLES``/``UNCHANGED`` are tests and documentation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import ModuleType

import libcst as cst

from transforms import (
    class_references,
    client_constructor,
    deployments,
    openai_base_url,
    token_provider_types,
    type_annotations,
)
from transforms import literal_secrets
from transforms import dependency_floor, stale_config
from transforms import legacy_openai
from transforms import langchain
from transforms import rest_calls
from transforms import suppressions
from transforms import requirement_holds
from transforms._base import Edits, Finding, Rule, Transform
from transforms._imports import add_helpers, add_needed_imports, drop_dead_tries, plan_imports, remove_unused_imports
from transforms._index import ModuleIndex

#: Order matters: annotations follow only the constructors that were rewritten.
PIPELINE: tuple[tuple[ModuleType, type[Transform]], ...] = (
    (client_constructor, client_constructor.ClientConstructor),
    (deployments, deployments.Deployments),
    (openai_base_url, openai_base_url.OpenAIBaseUrl),
    (token_provider_types, token_provider_types.TokenProviderTypes),
    (type_annotations, type_annotations.Annotations),
    (class_references, class_references.ClassReferences),
    (langchain, langchain.LangChainAzure),
    (literal_secrets, literal_secrets.LiteralSecrets),
    (legacy_openai, legacy_openai.LegacyOpenAI),
    (rest_calls, rest_calls.RestCalls),
    (suppressions, suppressions.Suppressions),
)

#: The rules for files other than Python source (dependency declarations, configuration), run
#: through the file kinds of :mod:`migrate.session`. Each module holds its ``RULES``,
#: ``EXAMPLES`` and ``UNCHANGED`` itself (its examples are whole files, with a file name).
FILE_RULES: tuple[ModuleType, ...] = (dependency_floor, stale_config)

#: Every catalogue entry: (module, the object holding its ``RULES`` and ``EXAMPLES``).
CATALOGUE: tuple[tuple[ModuleType, object], ...] = (*PIPELINE, *((module, module) for module in FILE_RULES))

RULES: dict[str, Rule] = {rule.code: rule for _, t in CATALOGUE for rule in t.RULES}  # type: ignore[attr-defined]


def transform_of(code: str) -> ModuleType:
    for module, transform in CATALOGUE:
        if any(rule.code == code for rule in transform.RULES):  # type: ignore[attr-defined]
            return module
    raise KeyError(code)


@dataclasses.dataclass(frozen=True)
class Result:
    module: cst.Module
    findings: tuple[Finding, ...]
    #: How LibCST prints the module that went in (a print the analysis made anyway, when it did).
    printed_input: Callable[[], str] = dataclasses.field(compare=False)
    #: ``module.code`` with the statements it shares with the module that went in copied from the
    #: text, or None where that cannot be shown right (see :mod:`transforms._regions`).
    spliced: Callable[[], str | None] = dataclasses.field(compare=False)


def run_pipeline(
    module: cst.Module, select: frozenset[str] | None = None, code: str | None = None, used_elsewhere: frozenset[str] = frozenset()
) -> Result:
    """Plan every transform on ``module``, apply the edits in one pass, fix up imports.

    A transform whose requirement (:data:`transforms.REQUIRES`) the source does not meet is not
    run: it could not act. ``code`` is ``module.code`` when the caller has it (saves printing it).
    """
    edits = Edits(frozenset(RULES) if select is None else select)
    index = ModuleIndex(module, code)
    for transform_module, transform in PIPELINE:
        if requirement_holds(transform_module.__name__.rpartition(".")[2], index.code):
            transform().plan(index, edits)
    plan_imports(index, edits)
    new = edits.apply(index.module, index)
    new = remove_unused_imports(new, edits.unused_candidates, edits.needed_imports, keep=used_elsewhere)
    new = drop_dead_tries(new, index.code)
    new = add_helpers(new, edits.helpers)
    new = add_needed_imports(new, edits.needed_imports)
    return Result(new, tuple(sorted(edits.findings)), index.printed_module, lambda: index.regions.code_for(new))


__all__ = ["CATALOGUE", "FILE_RULES", "PIPELINE", "RULES", "Finding", "Result", "Rule", "run_pipeline", "transform_of"]

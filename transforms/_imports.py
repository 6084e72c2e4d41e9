"""Import bookkeeping after the transforms have planned: rename, drop or add imports.

An ``from openai import AzureOpenAI [as X]`` whose every use was rewritten is renamed in place
to ``OpenAI`` (so a function-local or ``try:`` import keeps its place), or dropped when the module
already imports ``OpenAI``. Names that are still needed and not imported are added once, merged
into an existing ``from openai import`` by LibCST's ``AddImportsVisitor``.
"""

from __future__ import annotations

from collections import defaultdict

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor

from transforms._base import Edits, drop_items
from transforms._index import ModuleIndex, Reference


def plan_imports(index: ModuleIndex, edits: Edits) -> None:
    """Decide every import edit from which Azure references the transforms rewrote."""
    refs_by_alias: dict[cst.ImportAlias, list[Reference]] = defaultdict(list)
    for ref in index.references:
        if ref.binding is not None:
            refs_by_alias[ref.binding.alias].append(ref)
    by_statement: dict[cst.ImportFrom, dict[cst.ImportAlias, str | None]] = defaultdict(dict)
    for alias, refs in refs_by_alias.items():
        if all(r.node in edits.rewritten for r in refs):
            binding = refs[0].binding
            assert binding is not None
            by_statement[binding.statement][alias] = refs[0].target
    renamed: set[cst.ImportAlias] = set()
    for statement, wanted in by_statement.items():
        renamed |= _plan_statement(index, statement, wanted, edits)
    for ref in index.references:
        if ref.node not in edits.rewritten or not index.needs_import(ref):
            continue
        if ref.binding is None or ref.binding.alias not in renamed:
            edits.needed_imports.add(("openai", ref.target))


def _plan_statement(
    index: ModuleIndex, statement: cst.ImportFrom, wanted: dict[cst.ImportAlias, str], edits: Edits
) -> set[cst.ImportAlias]:
    """Rename (or drop) the Azure aliases of one import.

    Returns the aliases whose uses are covered by this statement afterwards (renamed in place,
    or dropped beside a plain import of the same target).
    """
    assert not isinstance(statement.names, cst.ImportStar)
    names = list(statement.names)
    module_name = cst.Module(body=[]).code_for_node(statement.module) if statement.module else ""
    untouched = [a for a in names if a not in wanted]
    # ``from openai.lib.azure import AzureOpenAI`` moves to ``from openai`` when nothing else stays.
    movable = module_name == "openai" or not untouched
    present = {a.evaluated_name for a in untouched if a.asname is None}
    renames: dict[int, str] = {}
    renamed: set[cst.ImportAlias] = set()
    for position, alias in enumerate(names):
        target = wanted.get(alias)
        if target is None:
            continue
        provided = index.module_import_of(f"openai.{target}") is not None
        if target in present:
            renamed.add(alias)  # the same statement already imports it: the alias just goes
        elif movable and not provided:
            renames[position] = target
            renamed.add(alias)
            present.add(target)

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode | cst.RemovalSentinel:
        assert isinstance(updated, cst.ImportFrom) and not isinstance(updated.names, cst.ImportStar)
        current = list(updated.names)
        dropped = {id(current[i]) for i, a in enumerate(names) if a in wanted and i not in renames}
        for position, target in renames.items():
            current[position] = current[position].with_changes(name=cst.Name(target), asname=None)
        kept = drop_items(current, lambda a: id(a) in dropped)
        if not kept:
            return cst.RemovalSentinel.REMOVE
        if updated.rpar is None:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        if module_name != "openai" and not untouched:
            return updated.with_changes(names=kept, module=cst.Name("openai"))
        return updated.with_changes(names=kept)

    edits.replace(statement, rewrite)
    return renamed


def remove_unused_imports(module: cst.Module, candidates: set[tuple[str, str]]) -> cst.Module:
    """Drop imports the rewrite made unused (``Union`` after a collapsed union); a second scope pass."""
    if not candidates:
        return module
    from libcst.codemod.visitors import RemoveImportsVisitor
    from libcst.metadata import MetadataWrapper

    wrapper = MetadataWrapper(module)
    context = CodemodContext(wrapper=wrapper)
    for module_name, obj in sorted(candidates):
        RemoveImportsVisitor.remove_unused_import(context, module_name, obj)
    return wrapper.visit(RemoveImportsVisitor(context))


def add_needed_imports(module: cst.Module, needed: set[tuple[str, str | None]]) -> cst.Module:
    """Add imports the rewrite needs; ``import os``/``import inspect`` go before the first import, as isort would."""
    for name in sorted({m for m, o in needed if o is None}, reverse=True):
        module = _add_plain_import(module, name)
    rest = sorted((m, o) for m, o in needed if o is not None)
    if not rest:
        return module
    context = CodemodContext()
    for module_name, obj in rest:
        AddImportsVisitor.add_needed_import(context, module_name, obj)
    return AddImportsVisitor(context).transform_module(module)


def _is_future(statement: cst.BaseSmallStatement) -> bool:
    return isinstance(statement, cst.ImportFrom) and statement.module is not None and (
        cst.Module(body=[]).code_for_node(statement.module) == "__future__"
    )


def _add_plain_import(module: cst.Module, name: str) -> cst.Module:
    """``import name`` before the module's first (non-``__future__``) top-level import."""
    body = list(module.body)
    first_import = None
    for position, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import) and any(
                a.asname is None and cst.Module(body=[]).code_for_node(a.name) == name for a in small.names
            ):
                return module
            if isinstance(small, (cst.Import, cst.ImportFrom)) and first_import is None and not _is_future(small):
                first_import = position
    if first_import is None:
        context = CodemodContext()
        AddImportsVisitor.add_needed_import(context, name)
        return AddImportsVisitor(context).transform_module(module)
    anchor = body[first_import]
    statement = cst.SimpleStatementLine(
        body=[cst.Import(names=[cst.ImportAlias(name=cst.Name(name))])],
        leading_lines=anchor.leading_lines,
    )
    body[first_import] = anchor.with_changes(leading_lines=())
    return module.with_changes(body=[*body[:first_import], statement, *body[first_import:]])


def add_helpers(module: cst.Module, helpers: dict[str, str]) -> cst.Module:
    """Module-level helper functions the rewrite needs, after the leading imports (two blank lines around)."""
    if not helpers:
        return module
    body = list(module.body)
    position = 0
    for index, statement in enumerate(body):
        is_import = isinstance(statement, cst.SimpleStatementLine) and all(
            isinstance(s, (cst.Import, cst.ImportFrom)) or (index == 0 and isinstance(s, cst.Expr)) for s in statement.body
        )
        if not is_import:
            break
        position = index + 1
    blank = cst.EmptyLine()
    new = [
        cst.parse_statement(code).with_changes(leading_lines=[blank, blank] if position else [])
        for _, code in sorted(helpers.items())
    ]
    if position < len(body):
        following = body[position]
        lines = list(following.leading_lines)
        blanks = 0
        for line in lines:
            if line.comment is not None:
                break
            blanks += 1
        body[position] = following.with_changes(leading_lines=[blank] * max(0, 2 - blanks) + lines)
    return module.with_changes(body=[*body[:position], *new, *body[position:]])

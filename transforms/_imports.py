"""Import bookkeeping after the transforms have planned: rename, drop or add imports.

An ``from openai import AzureOpenAI [as X]`` whose every use was rewritten is renamed in place
to ``OpenAI`` (so a function-local or ``try:`` import keeps its place), or dropped when the module
already imports ``OpenAI``. Names that are still needed and not imported are added once, merged
into an existing ``from openai import`` as LibCST's ``AddImportsVisitor`` does (:func:`add_imports`
gives its result without its passes over the whole tree; the tests compare the two), but in the
sorted place where that import is sorted, not in front. A ``try`` whose body the drops emptied gives
way to what of it runs (:func:`drop_dead_tries`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.helpers import get_full_name_for_node

from transforms._base import Edits, _Applier, _evaluated, code_of, drop_items
from transforms._index import FOLLOWERS, ModuleIndex, Reference, _absolute_module


def plan_imports(index: ModuleIndex, edits: Edits) -> None:
    """Decide every import edit from which Azure references the transforms rewrote."""
    refs_by_alias: dict[cst.ImportAlias, list[Reference]] = defaultdict(list)
    for ref in index.references:
        if ref.binding is not None:
            refs_by_alias[ref.binding.alias].append(ref)
    by_statement: dict[cst.ImportFrom, dict[cst.ImportAlias, str | None]] = defaultdict(dict)
    for alias, refs in refs_by_alias.items():
        leaders = [r for r in refs if r.kind not in FOLLOWERS]
        if leaders and all(edits.rewrote(r) for r in leaders) and not _exported_fallback(index, refs):
            binding = refs[0].binding
            assert binding is not None
            by_statement[binding.statement][alias] = refs[0].target
    # an alias whose every use a collapsed union dropped (``Union["OpenAIClient", "AzureOpenAIClient"]``
    # -> ``"OpenAIClient"``) just goes: renamed, it would import a name nothing uses (a trial on outlines)
    vanishing = {alias for alias, refs in refs_by_alias.items() if all(r.node in edits.vanished for r in refs)}
    renamed: set[cst.ImportAlias] = set()
    for statement, wanted in by_statement.items():
        renamed |= _plan_statement(index, statement, wanted, edits, vanishing)
    for alias, refs in refs_by_alias.items():
        if alias in renamed:
            _rename_followers(index, refs, edits)
        elif any(r.kind == "fallback" for r in refs) and any(edits.rewrote(r) for r in refs if r.kind not in FOLLOWERS):
            _import_beside_fallback(index, refs, edits)
            renamed.add(alias)
    for ref in index.references:
        if not edits.rewrote(ref) or ref.node in edits.vanished or not index.needs_import(ref):
            continue
        if ref.binding is None or ref.binding.alias not in renamed:
            edits.needed_imports.add(("openai", ref.target))


def _exported_fallback(index: ModuleIndex, refs: list[Reference]) -> bool:
    """Whether the import has a None fallback at module level: other modules may import the name
    from this one to ask whether openai is there (``from pkg.compat import AzureOpenAI``; a round-4
    trial: renamed, it was gone, an ImportError). It stays, with the stock class beside it
    (:func:`_import_beside_fallback`)."""
    binding = refs[0].binding
    return binding is not None and binding.scope is index.module_scope and any(r.kind == "fallback" for r in refs)


def _rename_followers(index: ModuleIndex, refs: list[Reference], edits: Edits) -> None:
    """The fallback ``AzureOpenAI = None`` and the checks ``AzureOpenAI is None`` of an import just
    renamed name the stock class, as the import does now. (A fallback is renamed only inside a
    function, where the stock name is free: :func:`_exported_fallback`.)"""
    for ref in refs:
        if ref.kind == "fallback" and isinstance(ref.node, cst.Name):
            edits.replace(ref.node, lambda updated, name=ref.target: updated.with_changes(value=name))  # type: ignore[attr-defined]
            edits.rewritten.add(ref.node)
    _rename_checks(refs, edits)


def _import_beside_fallback(index: ModuleIndex, refs: list[Reference], edits: Edits) -> None:
    """An import with a None fallback that stays (some use of the Azure class is left) while other
    uses now name the stock class: the stock class is imported in the same statement, and set to
    None beside it where the import failed (``AzureOpenAI = OpenAI = None``), so each name is None
    exactly where it was, or would have been, before. An import of it elsewhere would raise
    ImportError where the module caught it."""
    binding = refs[0].binding
    assert binding is not None
    target = refs[0].target
    assert not isinstance(binding.statement.names, cst.ImportStar)
    if any(a.asname is None and a.evaluated_name == target for a in binding.statement.names):
        _rename_checks(refs, edits)
        return  # imported and set to None with it already (``AzureOpenAI = OpenAI = None``)
    edits.replace(binding.statement, lambda updated: _with_names(updated, [target]))  # type: ignore[arg-type]
    name = binding.alias.evaluated_alias or binding.alias.evaluated_name
    for ref in refs:
        if ref.kind == "fallback":
            assign = index.parent(index.parent(ref.node))  # Name -> AssignTarget -> Assign
            assert isinstance(assign, cst.Assign)
            edits.replace(assign, lambda updated, n=name: _set_beside(updated, n, target))  # type: ignore[arg-type]
    _rename_checks(refs, edits)


def _rename_checks(refs: list[Reference], edits: Edits) -> None:
    """``AzureOpenAI is None`` -> ``OpenAI is None`` where both are None at the same times: the
    module's own code then names the class it builds."""
    for ref in refs:
        if ref.kind == "check" and isinstance(ref.node, cst.Name):
            edits.replace(ref.node, lambda updated, name=ref.target: updated.with_changes(value=name))  # type: ignore[attr-defined]
            edits.rewritten.add(ref.node)


def _set_beside(assign: cst.Assign, name: str, target: str) -> cst.Assign:
    """``name = None`` -> ``name = target = None`` (each of several targets keeps its place)."""
    targets = list(assign.targets)
    position = next(i for i, t in enumerate(targets) if isinstance(t.target, cst.Name) and t.target.value == name)
    targets.insert(position + 1, targets[position].with_changes(target=cst.Name(target)))
    return assign.with_changes(targets=targets)


def _plan_statement(
    index: ModuleIndex,
    statement: cst.ImportFrom,
    wanted: dict[cst.ImportAlias, str],
    edits: Edits,
    vanishing: Collection[cst.ImportAlias] = (),
) -> set[cst.ImportAlias]:
    """Rename (or drop) the Azure aliases of one import (those of ``vanishing``, no longer used
    anywhere, are dropped).

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
    at_module_level = index.runs_with_module(statement, unconditional=False)
    for position, alias in enumerate(names):
        target = wanted.get(alias)
        if target is None:
            continue
        # a function's own import gives way only to one that is there whenever the module is
        provided = index.module_import_of(f"openai.{target}", unconditional=not at_module_level) is not None
        if target in present or alias in vanishing:
            renamed.add(alias)  # the same statement already imports it (or nothing uses it now): the alias just goes
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
        return _keep_sorted(updated.with_changes(names=kept), {id(current[p]) for p in renames}, set(renames.values()))

    def _keep_sorted(new: cst.ImportFrom, renamed_ids: set[int], targets: set[str]) -> cst.ImportFrom:
        """A sorted import stays sorted: ``from openai import AzureOpenAI, NotFoundError`` becomes
        ``NotFoundError, OpenAI``, not ``OpenAI, NotFoundError``, which isort and ruff reject (a
        trial on semantic-kernel). Only where the names were sorted, the renamed names stand out
        of order now, and no comment could move with them."""
        assert not isinstance(new.names, cst.ImportStar)
        if not targets or "#" in code_of(new):
            return new
        before = [get_full_name_for_node(a.name) or "" for a in names]
        after = [get_full_name_for_node(a.name) or "" for a in new.names]
        key = next((k for k in (_by_type, _alphabetical) if [k(n) for n in before] == sorted(map(k, before))), None)
        if key is None or [key(n) for n in after] == sorted(map(key, after)):
            return new
        others = [a for a in new.names if (get_full_name_for_node(a.name) or "") not in targets]
        if not others:
            return new
        others[-1] = others[-1].with_changes(comma=new.names[-1].comma)
        return _with_names(new.with_changes(names=others), targets)

    edits.replace(statement, rewrite)
    if all(a in wanted and i not in renames for i, a in enumerate(names)):  # the statement goes
        line = index.parent(statement)
        body = index.module.body
        if len(body) > 1 and body[0] is line and isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
            edits.replace(body[1], _without_leading_blanks)  # it was the first: the file starts with no blank line
    return renamed


def remove_unused_imports(
    module: cst.Module,
    candidates: set[tuple[str, str | None]],
    needed: set[tuple[str, str | None]] = frozenset(),  # type: ignore[assignment]
    keep: frozenset[str] = frozenset(),
) -> cst.Module:
    """Drop imports the rewrite made unused: ``from m import obj`` (``Union`` after a collapsed
    union) through LibCST's ``RemoveImportsVisitor``; a top-level ``import m`` (``(m, None)``:
    ``import openai`` after the legacy module API became a client) here. That one becomes the
    ``from m import ...`` of ``needed`` in its place when the module has no other; else it goes,
    its blank lines kept for the next statement. Both need a scope pass over the new module.
    An import that binds a name of ``keep`` (used where no parser sees it) is never dropped.
    """
    candidates = {(m, obj) for m, obj in candidates if (obj or m) not in keep}
    before = module
    plain = {m for m, obj in candidates if obj is None}
    if plain:
        module = _remove_unused_plain_imports(module, plain, needed, keep)
    named = {(m, obj) for m, obj in candidates if obj is not None}
    if named:
        quick = _remove_unused_named_imports(module, named)
        module = quick if quick is not None else libcst_removes_unused_imports(module, named)
    return _first_without_blank(before, module)


def _first_without_blank(before: cst.Module, after: cst.Module) -> cst.Module:
    """``after`` (``before`` with imports dropped) without the blank lines that now open its first
    statement when ``before``'s first statement had none: that one was dropped, and the blank lines
    that separated it from the next would start the file (a trial). The header's comments and their
    spacing stay. Told from the statements' leading lines, without printing them."""
    if not before.body or not after.body or len(after.body) >= len(before.body):
        return after
    was, now = before.body[0].leading_lines, after.body[0].leading_lines
    if (was and was[0].comment is None) or not now or now[0].comment is not None:
        return after
    return after.with_changes(body=[_without_leading_blanks(after.body[0]), *after.body[1:]])


def _without_leading_blanks(statement: cst.BaseStatement) -> cst.BaseStatement:
    """``statement`` without the empty lines (no comment) it starts with."""
    lines = list(statement.leading_lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return statement.with_changes(leading_lines=lines)


def libcst_removes_unused_imports(module: cst.Module, named: Iterable[tuple[str, str]]) -> cst.Module:
    """LibCST's ``RemoveImportsVisitor`` asked to drop each unaliased ``from m import obj`` of
    ``named`` that nothing uses (a use, an ``__all__`` entry, a string annotation)."""
    from libcst.codemod.visitors import RemoveImportsVisitor
    from libcst.metadata import MetadataWrapper

    wrapper = MetadataWrapper(module)
    context = CodemodContext(wrapper=wrapper)
    for module_name, obj in sorted(named):
        RemoveImportsVisitor.remove_unused_import(context, module_name, obj)
    return wrapper.visit(RemoveImportsVisitor(context))


def _remove_unused_named_imports(module: cst.Module, named: set[tuple[str, str]]) -> cst.Module | None:
    """What :func:`libcst_removes_unused_imports` gives, when it can be told without its copy of
    the module, its metadata passes and its matchers (about 100 ms a file); None when it cannot.

    An import it would drop binds a name with no reference in its scope (LibCST's own scope
    analysis, :func:`transforms._metadata.scopes`), that no ``__all__`` exports and no string
    annotation names. The last two live in strings, so they are settled only where every
    occurrence of the name in the module's code is a ``Name`` node (no string, no comment holds
    it); anything else is left to ``RemoveImportsVisitor``. The drop itself follows its
    ``leave_ImportFrom``: comments after a dropped name's comma move to the name before it (or
    the opening parenthesis), the last name kept loses its comma, an import left with no names
    goes, and so does a line left with no statement (both by the transforms' own edit pass).
    """
    from libcst.metadata.scope_provider import ImportAssignment

    from transforms._index import _Collector, _value
    from transforms._metadata import scopes

    wanted: dict[str, set[str]] = defaultdict(set)
    for name, obj in named:
        wanted[name].add(obj)
    collector = _Collector().collect(module)
    targets: dict[cst.ImportFrom, list[cst.ImportAlias]] = {}
    for statement in collector.by_kind[cst.ImportFrom]:
        assert isinstance(statement, cst.ImportFrom)
        name = _absolute_module(statement)
        if name is None or name not in wanted or isinstance(statement.names, cst.ImportStar):
            continue
        aliases = [a for a in statement.names if a.asname is None and a.evaluated_name in wanted[name]]
        if aliases:
            targets[statement] = aliases
    if not targets:
        return module
    found = scopes(module, collector.parents)
    code: str | None = None
    names = collector.by_kind[cst.Name]
    drop: dict[cst.ImportFrom, set[int]] = {}
    for statement, aliases in targets.items():
        scope = _value(found.get(statement))
        if scope is None:
            continue  # RemoveImportsVisitor keeps what it cannot place
        for alias in aliases:
            bound = alias.evaluated_name
            if any(isinstance(a, ImportAssignment) and a.references for a in scope[bound]):
                continue  # in use
            if code is None:
                code = module.code
            spelled = len(re.findall(rf"(?<!\w){re.escape(bound)}(?!\w)", code))
            if spelled != sum(1 for n in names if n.value == bound):  # type: ignore[attr-defined]
                return None  # a string or a comment holds it: an export or annotation, maybe
            drop.setdefault(statement, set()).add(id(alias))
    if not drop:
        return module
    on_path: set[int] = set()
    for statement in drop:
        node = collector.parents.get(statement)
        while node is not None and id(node) not in on_path:
            on_path.add(id(node))
            node = collector.parents.get(node)
    # the edit pass of the transforms: an import left with no names is removed from its parent,
    # and LibCST's visit drops a line that is left with no statement, as for RemoveImportsVisitor
    replacements = {
        statement: [lambda _updated, s=statement, i=ids: _without_aliases(s, i) or cst.RemoveFromParent()]
        for statement, ids in drop.items()
    }
    return module.visit(_Applier(replacements, on_path))  # type: ignore[arg-type, return-value]


def _without_aliases(statement: cst.ImportFrom, drop: set[int]) -> cst.ImportFrom | None:
    """``RemoveImportsVisitor.leave_ImportFrom`` for the aliases of ``statement`` with ids in ``drop``."""
    from libcst.codemod.visitors._remove_imports import _merge_whitespace_after

    assert not isinstance(statement.names, cst.ImportStar)
    updates: dict[str, object] = {}
    keep: list[cst.ImportAlias] = []
    for alias in statement.names:
        if id(alias) not in drop:
            keep.append(alias)
            continue
        comma = alias.comma
        if not isinstance(comma, cst.Comma):
            continue
        if keep:
            previous = keep[-1]
            if isinstance(previous.comma, cst.Comma):
                previous = previous.with_deep_changes(
                    previous.comma,
                    whitespace_after=_merge_whitespace_after(previous.comma.whitespace_after, comma.whitespace_after),
                )
            else:
                previous = previous.with_changes(comma=comma)
            keep[-1] = previous
        elif isinstance(statement.lpar, cst.LeftParen):
            updates["lpar"] = statement.lpar.with_changes(
                whitespace_after=_merge_whitespace_after(statement.lpar.whitespace_after, comma.whitespace_after)
            )
    if not keep:
        return None
    if keep[-1] is not statement.names[-1]:
        keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return statement.with_changes(names=keep, **updates)


def _remove_unused_plain_imports(
    module: cst.Module, names: set[str], needed: set[tuple[str, str | None]], keep: Collection[str] = frozenset()
) -> cst.Module:
    """Replace or drop each top-level ``import name`` or ``import name as alias`` line (alone on its
    line, no comment on it or above it) when nothing in the module uses or rebinds the name it binds,
    and ``keep`` does not hold it (see :func:`remove_unused_imports`)."""
    from transforms._metadata import scopes

    def imports_from(name: str) -> bool:
        return any(
            isinstance(small, cst.ImportFrom) and small.module is not None and code_of(small.module) == name
            for statement in module.body
            if isinstance(statement, cst.SimpleStatementLine)
            for small in statement.body
        )

    def plain_import(statement: cst.CSTNode) -> tuple[str, str] | None:
        """(module, the name it binds) for an ``import m`` or ``import m as n`` line of ``names``."""
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if not isinstance(small, cst.Import) or len(small.names) != 1:
            return None
        alias = small.names[0]
        if not isinstance(alias.name, cst.Name) or alias.name.value not in names:
            return None
        if alias.asname is not None and not isinstance(alias.asname.name, cst.Name):
            return None
        if statement.trailing_whitespace.comment is not None or any(line.comment for line in statement.leading_lines):
            return None
        return alias.name.value, alias.evaluated_alias or alias.name.value

    found = {position: f for position, f in enumerate(map(plain_import, module.body)) if f is not None}
    if not found:
        return module
    bound_names = {bound for _, bound in found.values()}
    unused = _unmentioned(module, bound_names)
    global_scope = None
    if unused != bound_names:  # some name is still spelt somewhere: the scope pass tells whether it is used
        global_scope = scopes(module).get(module)
        if global_scope is None or global_scope.assignments["__all__"] or global_scope.accesses["__all__"]:
            return module  # ``__all__`` may export the module name, which no scope analysis counts as a use
    body = list(module.body)
    for position in sorted(found, reverse=True):  # from the end: an edit moves only the lines past it
        name, bound = found[position]
        if bound in keep:
            continue
        if bound not in unused:
            assert global_scope is not None
            assignments = list(global_scope.assignments[bound])
            if len(assignments) != 1 or assignments[0].references or global_scope.accesses[bound]:
                continue  # still used, or also bound some other way
        objects = sorted(obj for m, obj in needed if m == name and obj is not None)
        if objects and not imports_from(name):
            statement = body[position]
            assert isinstance(statement, cst.SimpleStatementLine)
            new = cst.ImportFrom(
                module=cst.Name(name),
                names=[cst.ImportAlias(name=cst.Name(obj)) for obj in objects],
            )
            body[position] = statement.with_changes(body=[new])
            # isort's order: past the ``from`` imports right below it that sort before it
            while position + 1 < len(body) and _sorts_before(body[position + 1], name):
                ours, theirs = body[position], body[position + 1]
                body[position] = theirs.with_changes(leading_lines=ours.leading_lines)
                body[position + 1] = ours.with_changes(leading_lines=theirs.leading_lines)
                position += 1
            continue
        removed = body.pop(position)
        if position < len(body):
            following = body[position]
            lines = list(following.leading_lines)
            blanks = next((i for i, line in enumerate(lines) if line.comment is not None), len(lines))
            extra = len(removed.leading_lines) - blanks
            if extra > 0:
                body[position] = following.with_changes(leading_lines=[*removed.leading_lines[:extra], *lines])
    return module.with_changes(body=body)


#: The statements a ``try`` may stand among, and the clauses below them that hold statements.
_BLOCKS = (cst.BaseCompoundStatement, cst.BaseSuite, cst.ExceptHandler, cst.ExceptStarHandler, cst.Else, cst.Finally, cst.MatchCase)


_TRY_LINE = re.compile(r"^[ \t\f]*try\b", re.MULTILINE)


def drop_dead_tries(module: cst.Module, code: str | None = None) -> cst.Module:
    """A ``try`` whose body the rewrite emptied (the import it guarded went; LibCST would print
    ``pass``) cannot raise, so its ``except`` clauses can never run: the statement goes, and what
    of it does run takes its place: its ``else`` body, its ``finally`` body, or both as
    ``try: <else> finally: <finally>``. (A trial on pydantic-ai: ``try: pass`` / ``except
    ImportError: raise ...`` was left behind.) A body written as ``pass`` is not empty: it is never
    touched. The ``try`` stays as it is when a comment would go with it (above ``try:``, on it, in
    the emptied body, on an ``else:``/``finally:`` that does not stay) or when the dead clauses mean
    something without running: an annotation (``x: int``, which makes ``__annotations__``), a
    ``del`` or ``match`` (whose bindings are not followed here); in a function, ``global``/``nonlocal``,
    ``yield`` (it makes the function a generator), or a name bound there, bound nowhere else in the
    function (or a class body in it) and read elsewhere (it makes the name local).
    ``code``, the text the module was parsed from, saves the walk where no line starts a ``try``.
    """
    if code is not None and not _TRY_LINE.search(code):
        return module
    for _ in range(8):  # a ``try`` left empty by the drop of the one inside it goes in the next round
        found: list[tuple[list[cst.CSTNode], int, bool]] = []  # (path to the body's owner, position, in a function)
        _find_emptied_tries(module, [module], False, found)
        function_scopes = None
        replacements: dict[cst.CSTNode, set[int]] = {}
        for path, position, in_function in found:
            owner = path[-1]
            statement = owner.body[position]  # type: ignore[attr-defined]
            if in_function and function_scopes is None:
                from transforms._metadata import scopes

                function_scopes = scopes(module)
            if _inert(statement, function_scopes if in_function else None):
                replacements.setdefault(owner, set()).add(position)
        if not replacements:
            return module
        on_path = {id(node) for path, _, _ in found for node in path}
        edits = {owner: [lambda updated, p=positions: _without_tries(updated, p)] for owner, positions in replacements.items()}
        module = module.visit(_Applier(edits, on_path))  # type: ignore[arg-type, assignment]
    return module


def _find_emptied_tries(node: cst.CSTNode, path: list[cst.CSTNode], in_function: bool, found: list) -> None:  # noqa: ANN001
    """Every ``try`` with an emptied body below ``node``, going through statements only."""
    from transforms._metadata import fields_of

    body = getattr(node, "body", None) if isinstance(node, (cst.Module, cst.IndentedBlock)) else None
    if isinstance(body, (tuple, list)):
        for position, statement in enumerate(body):
            if isinstance(statement, (cst.Try, cst.TryStar)) and _emptied(statement.body):
                found.append((path, position, in_function))
    for field in fields_of(node):
        value = getattr(node, field)
        for child in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(child, _BLOCKS):
                # (a class body in a function binds names that its reads would otherwise take from
                # the function: it is checked as a function is; one at module level is not)
                _find_emptied_tries(child, [*path, child], in_function or isinstance(child, cst.FunctionDef), found)


def _emptied(suite: cst.BaseSuite) -> bool:
    return not suite.body


def _commented(lines: Iterable[cst.EmptyLine]) -> bool:
    return any(line.comment is not None for line in lines)


def _suite_commented(suite: cst.BaseSuite) -> bool:
    """A comment after the colon of ``suite``'s clause, or below its last statement."""
    if isinstance(suite, cst.SimpleStatementSuite):
        return suite.trailing_whitespace.comment is not None
    assert isinstance(suite, cst.IndentedBlock)
    return suite.header.comment is not None or _commented(suite.footer)


def _inert(statement: cst.Try | cst.TryStar, function_scopes: object) -> bool:
    """Whether the dead clauses of ``statement`` (emptied) can go with nothing else changing: no
    comment goes with what stays, and they mean nothing without running (see :func:`drop_dead_tries`);
    ``function_scopes`` is the module's scopes when the statement is in a function."""
    if _commented(statement.leading_lines) or _suite_commented(statement.body):
        return False
    orelse, final = statement.orelse, statement.finalbody
    if orelse is not None and (_commented(orelse.leading_lines) or _suite_commented(orelse.body)):
        return False
    if final is not None and orelse is None and (_commented(final.leading_lines) or _suite_commented(final.body)):
        return False  # the ``finally:`` goes, its body stays
    dead: set[int] = set()
    declarations: list[cst.CSTNode] = []

    class Dead(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0  # inside a def, lambda or class of the dead clauses

        def on_visit(self, node: cst.CSTNode) -> bool:
            dead.add(id(node))
            if isinstance(node, (cst.AnnAssign, cst.Del, cst.Match)) or (
                self.depth == 0 and isinstance(node, (cst.Global, cst.Nonlocal, cst.Yield))
            ):
                declarations.append(node)
            if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                self.depth += 1
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            if isinstance(original_node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                self.depth -= 1

    for handler in statement.handlers:
        handler.visit(Dead())
    if declarations:
        return False
    if function_scopes is None:
        return True
    from transforms._index import _value

    scope = _value(function_scopes.get(statement))  # type: ignore[attr-defined]
    if scope is None:
        return False
    for assignment in scope.assignments:
        node = getattr(assignment, "node", None)
        if id(node) not in dead:
            continue
        if any(id(getattr(other, "node", None)) not in dead for other in scope.assignments[assignment.name]):
            continue  # bound elsewhere in the function too: it stays a local
        if any(id(access.node) not in dead for access in assignment.references):
            return False  # read elsewhere: without this binding it would be looked up outside
    return True


def _without_tries(updated: cst.CSTNode, positions: set[int]) -> cst.CSTNode:
    """``updated`` (a module or block) with the ``try`` at each of ``positions`` replaced by what
    of it runs; a ``try`` that leaves nothing goes, its blank lines given to the next statement."""
    body = list(updated.body)  # type: ignore[attr-defined]
    for position in sorted(positions, reverse=True):
        statement = body[position]
        assert isinstance(statement, (cst.Try, cst.TryStar))
        runs: list[cst.BaseStatement]
        if statement.orelse is not None and statement.finalbody is not None:
            runs = [cst.Try(body=statement.orelse.body, finalbody=statement.finalbody, leading_lines=statement.leading_lines)]
        else:
            kept = statement.orelse or statement.finalbody
            runs = _statements(kept.body) if kept is not None else []
            if runs:
                runs[0] = runs[0].with_changes(leading_lines=[*statement.leading_lines, *runs[0].leading_lines])
        if runs:
            body[position : position + 1] = runs
            continue
        del body[position]
        if position < len(body):  # the blank lines above the ``try``, where the next statement has fewer
            following = body[position]
            blanks = next((i for i, line in enumerate(following.leading_lines) if line.comment is not None), len(following.leading_lines))
            extra = len(statement.leading_lines) - blanks
            if extra > 0:
                body[position] = following.with_changes(leading_lines=[*statement.leading_lines[:extra], *following.leading_lines])
    return updated.with_changes(body=body)


def _statements(suite: cst.BaseSuite) -> list[cst.BaseStatement]:
    if isinstance(suite, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(body=suite.body, trailing_whitespace=suite.trailing_whitespace)] if suite.body else []
    return list(suite.body)


def _unmentioned(module: cst.Module, names: set[str]) -> set[str]:
    """The ``names`` that nothing in ``module`` could bind or use but one top-level ``import name``:
    no other ``Name`` spells one (past an attribute's dot or in a ``from`` import's module name,
    which bind and use nothing), no string could be read as code that does, and nothing spells
    ``__all__``. For such a name the scope pass could only find that import, unused, so it is not
    needed."""
    from transforms._metadata import _NODE_TYPES, fields_of, is_node

    spelt: set[str] = set()
    words = {*names, "__all__"}
    node_types = _NODE_TYPES

    def walk(node: cst.CSTNode) -> None:
        kind = type(node)
        if kind is cst.Name:
            if node.value in words:  # type: ignore[attr-defined]
                spelt.add(node.value)  # type: ignore[attr-defined]
            return
        if kind is cst.SimpleString or kind is cst.ConcatenatedString:
            spelt.update(_read_as_code(node, words))  # (a concatenation's parts are gone through too)
        for field in fields_of(node):
            if (kind is cst.Attribute and field == "attr") or (kind is cst.ImportFrom and field == "module"):
                continue
            value = getattr(node, field)
            if isinstance(value, (tuple, list)):
                for child in value:
                    walk(child)
            elif node_types.get(type(value)) or is_node(value):
                walk(value)

    imports = dict.fromkeys(names, 0)
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            walk(statement)
            continue
        for small in statement.body:  # the line's comments spell nothing a scope pass reads
            name = _plain_import_of(small)
            if name in imports:
                imports[name] += 1
            else:
                walk(small)
    if "__all__" in spelt:
        return set()
    return {name for name, count in imports.items() if count == 1 and name not in spelt}


def _read_as_code(node: cst.SimpleString | cst.ConcatenatedString, words: set[str], depth: int = 0) -> set[str]:
    """The ``words`` that LibCST's scope pass could find in ``node`` read as a string annotation:
    it takes the string's value (escapes resolved, parts joined), parses it as a module and reads
    that the same way, strings in it included. Any word in a value that parses counts, wherever
    the string stands (over-counting only sends the name to the scope pass)."""
    try:
        value = _evaluated(node.value) if isinstance(node, cst.SimpleString) else node.evaluated_value
    except (SyntaxError, ValueError):  # pragma: no cover - a parsed literal evaluates
        return set(words)
    if not value:
        return set()
    if isinstance(value, bytes):
        found = {word for word in words if word.encode("utf-8") in value}
        quoted = b"'" in value or b'"' in value
    else:
        found = {word for word in words if word in value}
        quoted = "'" in value or '"' in value
    if not found and not quoted:  # no word, and no string inside that could spell one
        return found
    try:
        parsed = cst.parse_module(value)
    except cst.ParserSyntaxError:  # what the scope pass does with it too: nothing
        return set()
    except Exception:  # noqa: BLE001 - anything else: count every word
        return set(words)
    if quoted:
        if depth > 20:
            return set(words)

        class Strings(cst.CSTVisitor):
            def visit_SimpleString(self, string: cst.SimpleString) -> None:
                found.update(_read_as_code(string, words, depth + 1))

            def visit_ConcatenatedString(self, string: cst.ConcatenatedString) -> None:
                found.update(_read_as_code(string, words, depth + 1))

        parsed.visit(Strings())
    return found


def _plain_import_of(small: cst.BaseSmallStatement) -> str | None:
    """``name`` for an ``import name`` (one name, no alias, no dots), else None."""
    if isinstance(small, cst.Import) and len(small.names) == 1:
        alias = small.names[0]
        if alias.asname is None and isinstance(alias.name, cst.Name):
            return alias.name.value
    return None


def _sorts_before(statement: cst.CSTNode, name: str) -> bool:
    """A ``from m import ...`` line with no blank line above it and ``m`` before ``name`` in isort's order."""
    if not isinstance(statement, cst.SimpleStatementLine) or statement.leading_lines or len(statement.body) != 1:
        return False
    small = statement.body[0]
    if not isinstance(small, cst.ImportFrom) or small.module is None or small.relative:
        return False
    return code_of(small.module).lower() < name.lower()


def add_needed_imports(module: cst.Module, needed: set[tuple[str, str | None]]) -> cst.Module:
    """Add imports the rewrite needs; ``import os``/``import inspect`` go where isort would put them
    among the first imports (see :func:`_add_plain_import`)."""
    for name in sorted({m for m, o in needed if o is None}, reverse=True):
        module = _add_plain_import(module, name)
    rest = sorted((m, o) for m, o in needed if o is not None)
    if not rest:
        return module
    return add_imports(module, objects=rest)


def add_imports(
    module: cst.Module, modules: Iterable[str] = (), objects: Iterable[tuple[str, str]] = ()
) -> cst.Module:
    """What ``AddImportsVisitor`` makes of ``module`` asked for ``import m`` for each of
    ``modules`` and ``from m import obj`` for each of ``objects`` (absolute, without ``as``).

    Its rules: only the imports at the top of the module count (the statements, after a
    docstring or a ``__strict__`` flag, that are one ``import``/``from`` each); a name one of them
    already imports is not added again, nor is anything from a module imported with ``*``; new
    names from a module go into that module's first ``from`` import there (in one respect not as
    ``AddImportsVisitor`` puts them, in front: see :func:`_with_names`); the rest
    become new lines after those imports (``import`` lines, then ``from`` lines, by module name),
    with an empty line before the first statement that follows. ``AddImportsVisitor`` gets there
    through a copy of the module, two passes over it and the set-up of its matchers, which cost
    more than migrating the rest of a file; this changes only the statements it must.
    """
    body = list(module.body)
    start = 1 if _skip_first(body) else 0
    end = start
    while end < len(body) and _lone_import(body[end]) is not None:
        end += 1
    wanted_modules = set(modules)
    wanted: dict[str, set[str]] = {}
    for name, obj in sorted(objects):
        wanted.setdefault(name, set()).add(obj)
    present: dict[str, set[str]] = {}  # module -> names its top ``from`` imports bind unaliased ("*": all)
    for position in range(start, end):
        statement = _lone_import(body[position])
        if isinstance(statement, cst.Import):
            wanted_modules -= {alias.evaluated_name for alias in statement.names if alias.asname is None}
            continue
        name = _absolute_module(statement)
        if name is None:
            continue
        if isinstance(statement.names, cst.ImportStar):
            present[name] = {"*"}
            continue
        names = {alias.evaluated_name for alias in statement.names if alias.asname is None}
        if "*" not in present.setdefault(name, set()):
            present[name] |= names
    for name, names in present.items():
        if name in wanted:
            wanted[name] = set() if "*" in names else wanted[name] - names
            if not wanted[name]:
                del wanted[name]
    for position in range(start, end):  # new names join the first ``from`` import of their module
        statement = _lone_import(body[position])
        if not isinstance(statement, cst.ImportFrom) or isinstance(statement.names, cst.ImportStar):
            continue
        name = _absolute_module(statement)
        if name is None or name not in wanted:
            continue
        line = body[position]
        assert isinstance(line, cst.SimpleStatementLine)
        body[position] = line.with_changes(body=[_with_names(statement, wanted.pop(name))])
    if not wanted_modules and not wanted:
        return module.with_changes(body=body)
    config = module.config_for_parsing
    new = [cst.parse_statement(f"import {name}", config=config) for name in sorted(wanted_modules)]
    new += [
        cst.parse_statement(f"from {name} import " + ", ".join(sorted(names)), config=config)
        for name, names in wanted.items()
    ]
    after = body[end:]
    if after:
        first = after[0]
        if not first.leading_lines:
            after[0] = first.with_changes(leading_lines=(cst.EmptyLine(),))
        elif first.leading_lines[0].comment is not None:
            after[0] = first.with_changes(leading_lines=(cst.EmptyLine(), *first.leading_lines))
    return module.with_changes(body=[*body[:end], *new, *after])


def _natural(text: str) -> tuple[str | int, ...]:
    """isort's and ruff's natural order: the digits in a name compare as numbers (``v2`` < ``v10``)."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", text)))


def _by_type(name: str) -> tuple[int, tuple[str | int, ...], str]:
    """isort's and ruff's default order of the names of a ``from`` import (``order_by_type``, not
    ``case_sensitive``): CONSTANTS, then Classes, then the rest, each ignoring case."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return kind, _natural(name.lower()), name


def _alphabetical(name: str) -> tuple[tuple[str | int, ...], str]:
    """The order with ``order_by_type`` off (``force_sort_within_sections``-style profiles): by name, ignoring case."""
    return _natural(name.lower()), name


def _with_names(statement: cst.ImportFrom, new: Collection[str]) -> cst.ImportFrom:
    """``statement`` importing the ``new`` names too. Where its names are sorted (the order isort
    and ruff's I001 keep by default, or the plain one without ``order_by_type``), each goes in its
    sorted place; else they go after the last one, sorted. The names already there keep their
    order, and every comment stays on the name it was written beside. (``AddImportsVisitor`` puts
    them in front, ``from typing import Callable, Any``, which isort and ruff reject: a trial on
    haystack and semantic-kernel.) A parenthesized import written one name a line gets the new
    names on lines of their own, indented as the others."""
    assert not isinstance(statement.names, cst.ImportStar)
    names = list(statement.names)
    spelled = [get_full_name_for_node(a.name) or "" for a in names]
    key = next((k for k in (_by_type, _alphabetical) if [k(n) for n in spelled] == sorted(map(k, spelled))), None)
    separator, lines = _separator(statement)
    for obj in sorted(new, key=key or _by_type):
        alias = cst.ImportAlias(name=cst.Name(obj))
        position = len(names)
        if key is not None:
            position = next((i for i, n in enumerate(spelled) if key(n) > key(obj)), len(names))
        if position < len(names):  # before a name: the separator before that name now comes before this one
            names.insert(position, alias.with_changes(comma=separator))
        else:  # after the last: it takes the last one's comma (a trailing one, the line break before ")")
            last = names[-1]
            comma = last.comma
            if lines and isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
                after = comma.whitespace_after
                assert isinstance(separator, cst.Comma) and isinstance(separator.whitespace_after, cst.ParenthesizedWhitespace)
                # the last name keeps its comment, and the new line opens where the others do
                names[-1] = last.with_changes(
                    comma=comma.with_changes(
                        whitespace_after=after.with_changes(empty_lines=(), last_line=separator.whitespace_after.last_line)
                    )
                )
                comma = comma.with_changes(whitespace_after=after.with_changes(first_line=cst.TrailingWhitespace()))
            else:
                names[-1] = last.with_changes(comma=separator)
            names.append(alias.with_changes(comma=comma))
        spelled.insert(position, obj)
    return statement.with_changes(names=names)


def _separator(statement: cst.ImportFrom) -> tuple[cst.Comma | cst.MaybeSentinel, bool]:
    """The comma to put between two names of ``statement`` and whether its names stand one a line:
    a comma with a line break and the indentation of the first name on a line of its own, without
    any comment; else LibCST's default, ``", "``."""
    assert not isinstance(statement.names, cst.ImportStar)
    breaks = [statement.lpar.whitespace_after] if isinstance(statement.lpar, cst.LeftParen) else []
    breaks += [a.comma.whitespace_after for a in statement.names[:-1] if isinstance(a.comma, cst.Comma)]
    for whitespace in breaks:
        if isinstance(whitespace, cst.ParenthesizedWhitespace):
            line = cst.ParenthesizedWhitespace(indent=whitespace.indent, last_line=whitespace.last_line)
            return cst.Comma(whitespace_after=line), True
    return cst.MaybeSentinel.DEFAULT, False


def _skip_first(body: list[cst.BaseStatement]) -> bool:
    """``AddImportsVisitor``'s rule: nothing goes above a first docstring or ``__strict__`` flag."""
    if not body or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
        return False
    first = body[0].body[0]
    if isinstance(first, cst.Expr):
        return isinstance(first.value, cst.SimpleString)
    return (
        isinstance(first, cst.Assign)
        and len(first.targets) == 1
        and isinstance(first.targets[0].target, cst.Name)
        and first.targets[0].target.value == "__strict__"
    )


def _lone_import(statement: cst.BaseStatement) -> cst.Import | cst.ImportFrom | None:
    """The import a line holds, when it holds only that."""
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, (cst.Import, cst.ImportFrom)):
            return small
    return None


def _is_future(statement: cst.BaseSmallStatement) -> bool:
    return isinstance(statement, cst.ImportFrom) and statement.module is not None and (
        cst.Module(body=[]).code_for_node(statement.module) == "__future__"
    )


def _add_plain_import(module: cst.Module, name: str) -> cst.Module:
    """``import name`` before the module's first (non-``__future__``) top-level import, or in its
    sorted place among the ``import x`` lines that open the imports when they are sorted."""
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
        return add_imports(module, modules=[name])
    # among the ``import x`` lines that open the imports, in sorted order, it takes its sorted place
    names: list[str] = []
    while first_import + len(names) < len(body):
        found = _plain_import_name(body[first_import + len(names)], first=not names)
        if found is None:
            break
        names.append(found)
    position = first_import
    if names and names == sorted(names):
        position += sum(1 for other in names if other < name)
    statement = cst.SimpleStatementLine(body=[cst.Import(names=[cst.ImportAlias(name=cst.Name(name))])])
    if position == first_import:  # first of the imports: it takes their leading lines
        anchor = body[first_import]
        statement = statement.with_changes(leading_lines=anchor.leading_lines)
        body[first_import] = anchor.with_changes(leading_lines=())
    return module.with_changes(body=[*body[:position], statement, *body[position:]])


def _plain_import_name(statement: cst.CSTNode, first: bool) -> str | None:
    """``x`` for a line that is only ``import x`` (a single name, dotted or not: ``import
    concurrent.futures`` sorts as ``concurrent.futures``, a trial on pyrit; no alias, no comment,
    no blank line above it unless it is the ``first`` of the run); None for any other line."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.Import) or len(small.names) != 1:
        return None
    alias = small.names[0]
    if alias.asname is not None or statement.trailing_whitespace.comment is not None:
        return None
    if not first and statement.leading_lines:
        return None
    return cst.Module(body=[]).code_for_node(alias.name)


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

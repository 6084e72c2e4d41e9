"""LibCST's scope and position metadata, computed with fewer passes over the tree.

``MetadataWrapper.resolve(ScopeProvider)`` walks the module four times: a batched pass that
only starts :class:`ExpressionContextProvider`'s own full visit, then another batched pass
that only starts the :class:`ScopeVisitor`; each batch also inspects its visitors' methods
anew. :func:`scopes` runs the same two visitors directly, so the result is LibCST's own
analysis, node for node (``tests/test_metadata.py`` compares them on every sample).

:class:`Positions` gives what ``PositionProvider`` gives a node (the start of its syntactic
range) from one print of the module that notes only the nodes asked about, instead of recording
a range for every node of the module; that print is also the module's code.

:func:`parse_module` is ``libcst.parse_module`` without the check LibCST makes of every node the
parser builds (the parser's own output passes it: the tests compare the trees).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext

import libcst as cst
from libcst._nodes.base import CSTNode
from libcst._nodes.internal import CodegenState
from libcst.metadata import ExpressionContext, ExpressionContextProvider, MetadataWrapper, ScopeProvider
from libcst.metadata.expression_context_provider import ExpressionContextVisitor
from libcst.metadata.scope_provider import _ASSIGNMENT_LIKE_NODES, ScopeVisitor

#: ``CSTNode.__post_init__``: it validates each node built (``tests/test_metadata.py`` pins it).
_VALIDATING = CSTNode.__dict__["__post_init__"]


def _not_validated(self: CSTNode) -> None:
    pass


def parse_module(text: str) -> cst.Module:
    """``libcst.parse_module(text)``, without validating each node as the parser builds it.

    LibCST checks every node it constructs (``CSTNode.__post_init__`` calls ``_validate``, about
    a sixth of a parse): a guard against trees built by hand, which the parser's own output
    passes. Its source says as much ("avoid validating the tree when parsing a file"). The check
    is off only while the parser runs, so every node a transform builds is still validated. The
    tool runs one file at a time in each process (no thread parses while another transforms).
    """
    if CSTNode.__dict__.get("__post_init__") is not _VALIDATING:  # a LibCST that differs: its own way
        return cst.parse_module(text)
    CSTNode.__post_init__ = _not_validated  # type: ignore[method-assign]
    try:
        return cst.parse_module(text)
    finally:
        CSTNode.__post_init__ = _VALIDATING  # type: ignore[method-assign]


def parse_error(text: str, error: cst.ParserSyntaxError) -> str:
    """What to tell a user of a text LibCST could not parse: where Python itself finds the syntax
    error (LibCST's parser often gives up lines later, at the token it expected: ``def f(:`` is
    "error at 3:0"); or, when Python accepts the text, that it is LibCST that cannot read it (a
    construct it does not support, such as ``(x): int = 1``), which is no syntax error of the file.
    """
    import ast

    try:
        ast.parse(text)
    except SyntaxError as found:
        if found.lineno:
            column = f", column {found.offset}" if found.offset else ""
            return f"syntax error at line {found.lineno}{column}: {found.msg}"
    except (ValueError, MemoryError, RecursionError):  # not Python's verdict to give: LibCST's stands
        pass
    else:
        return (
            f"Python accepts this file, but LibCST, which the rewrite is built on, cannot parse it (it stops at "
            f"line {error.raw_line}); the file is left unchanged: migrate it by hand"
        )
    return f"syntax error at line {error.raw_line}, column {error.raw_column + 1}: {error.message}"


_NEWLINE = re.compile(r"\r\n?|\n")  # what LibCST's printer and position provider count as a line break


_Hook = Callable[[cst.CSTVisitor, cst.CSTNode], object] | None


@functools.lru_cache(maxsize=None)
def _hook(visitor: type, name: str) -> _Hook:
    return getattr(visitor, name, None)


class _Recorder(cst.CSTVisitor):
    """Notes the fields a node's ``_visit_and_replace_children`` visits, in order, without descending."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        pass

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.fields.append(attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


#: Node type -> (the fields LibCST visits, in its order; the other fields, which a node of the
#: type may still fill: ``FormattedStringExpression.format_spec`` is visited only when set).
_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


#: Type -> whether its instances are LibCST nodes. ``isinstance(value, cst.CSTNode)`` goes through
#: ``ABCMeta.__instancecheck__`` (a Python call) every time; LibCST registers no virtual
#: subclasses, so the answer depends on the type alone and is worked out once per type.
_NODE_TYPES: dict[type, bool] = {}


def is_node(value: object) -> bool:
    """``isinstance(value, cst.CSTNode)``, answered from the value's type."""
    kind = type(value)
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = isinstance(value, cst.CSTNode)
    return known


def _holds_nodes(value: object) -> bool:
    return is_node(value) or (isinstance(value, (tuple, list)) and bool(value))


def fields_of(node: cst.CSTNode) -> tuple[str, ...]:
    """The fields of ``node`` that hold its children, in the order LibCST's visit goes through them.

    Learnt from ``_visit_and_replace_children`` itself, once per node type (and again for a node
    that fills a field the nodes seen so far left out).
    """
    kind = type(node)
    known = _FIELDS.get(kind)
    if known is None or (known[1] and any(_holds_nodes(getattr(node, f, None)) for f in known[1])):
        recorder = _Recorder()
        node._visit_and_replace_children(recorder)
        seen = tuple(dict.fromkeys(recorder.fields))
        if known is not None:  # keep fields only earlier nodes filled, where they were
            seen = tuple(dict.fromkeys([*seen, *known[0]]))
        others = tuple(  # fields typed to hold nodes that this node left unvisited
            f.name for f in dataclasses.fields(node) if f.name not in seen and "libcst." in repr(f.type)
        )
        known = _FIELDS[kind] = (seen, others)
    return known[0]


_Plan = tuple[_Hook, tuple[tuple[str, _Hook, _Hook], ...], tuple[str, ...]]
#: (visitor class, node type) -> the node's hook, each field with the hooks around it, and the
#: fields as :func:`fields_of` gave them.
_PLANS: dict[tuple[type, type], _Plan] = {}
#: Node types with a field LibCST visits only when it is set (their plan is made per node).
_LATE: set[type] = set()


def _plan(visitor: type, node: cst.CSTNode) -> _Plan:
    kind = type(node)
    name = kind.__name__
    order = fields_of(node)
    fields = tuple((f, _hook(visitor, f"visit_{name}_{f}"), _hook(visitor, f"leave_{name}_{f}")) for f in order)
    if _FIELDS[kind][1]:
        _LATE.add(kind)  # it may still learn a field: ask fields_of() again at each node
    plan = _PLANS[visitor, kind] = (_hook(visitor, f"visit_{name}"), fields, order)
    return plan


class FastDispatch(cst.CSTVisitor):
    """A read-only ``CSTVisitor`` that goes through the tree without rebuilding it.

    ``CSTNode.visit`` rebuilds every node it passes (``_visit_and_replace_children`` constructs and
    validates a copy, which a visitor throws away) and looks up ``visit_<Node>``, ``leave_<Node>``
    and ``visit_<Node>_<field>`` hooks by name at every node and field. Here ``on_visit`` calls
    the node's hook (looked up once per visitor class and node type), visits the children itself
    when the hook lets it, with the per-field hooks around each field, and tells LibCST not to.

    Mix in after the visitor class: ``class V(SomeVisitor, FastDispatch)``, so that
    ``SomeVisitor``'s own ``super().on_leave`` also lands here. The visitor must not rely on
    nodes being copies (none that only reads does).
    """

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        plan = _PLANS.get((type(self), kind))
        if plan is None or (kind in _LATE and fields_of(node) is not plan[2]):
            plan = _plan(type(self), node)
        hook, fields, _ = plan
        if hook is not None and hook(self, node) is False:
            return False
        # ``child.visit(self)`` would call on_visit (which visits the child's children, here, and
        # returns False), then on_leave, then check on_leave's result through ABCMeta: only the
        # two calls are made
        node_types, on_visit, on_leave = _NODE_TYPES, self.on_visit, self.on_leave
        for field, before, after in fields:
            if before is not None:
                before(self, node)
            value = getattr(node, field)
            if isinstance(value, (tuple, list)):
                for item in value:
                    on_visit(item)
                    on_leave(item)
            elif node_types.get(type(value)) or is_node(value):
                on_visit(value)
                on_leave(value)
            if after is not None:
                after(self, node)
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        key = (type(self), type(original_node))
        hook = _LEAVES.get(key, _MISSING)
        if hook is _MISSING:
            hook = _LEAVES[key] = _hook(key[0], f"leave_{key[1].__name__}")
        if hook is not None:
            hook(self, original_node)


#: (visitor class, node type) -> the visitor's ``leave_<Node>`` hook, or None.
_LEAVES: dict[tuple[type, type], _Hook] = {}


class _Context(ExpressionContextVisitor, FastDispatch):
    pass


class _Scopes(ScopeVisitor, FastDispatch):
    def on_leave(self, original_node: cst.CSTNode) -> None:
        """``ScopeVisitor.on_leave`` with its ``isinstance`` against a tuple of node classes (a
        Python call through ``ABCMeta`` per class, at every node) answered once per node type."""
        self.provider.set_metadata(original_node, self.scope)
        kind = type(original_node)
        assignment_like = _ASSIGNMENT_LIKE.get(kind)
        if assignment_like is None:
            assignment_like = _ASSIGNMENT_LIKE[kind] = isinstance(original_node, _ASSIGNMENT_LIKE_NODES)
        if assignment_like:
            self.scope._assignment_count += 1
        FastDispatch.on_leave(self, original_node)


_ASSIGNMENT_LIKE: dict[type, bool] = {}


#: Where ``ExpressionContextVisitor`` starts a child's subtree in a context of its own: the
#: (parent type, field) pairs whose subtree is a store, a load or a delete whatever the parent
#: is in. ``None``: a field it never visits, whose names get no context at all.
_FIELD_CONTEXT: dict[tuple[type[cst.CSTNode], str], ExpressionContext | None] = {
    (cst.AssignTarget, "target"): ExpressionContext.STORE,
    (cst.AnnAssign, "target"): ExpressionContext.STORE,
    (cst.AugAssign, "target"): ExpressionContext.STORE,
    (cst.NamedExpr, "target"): ExpressionContext.STORE,
    (cst.AsName, "name"): ExpressionContext.STORE,
    (cst.CompFor, "target"): ExpressionContext.STORE,
    (cst.For, "target"): ExpressionContext.STORE,
    (cst.Del, "target"): ExpressionContext.DEL,
    (cst.Attribute, "value"): ExpressionContext.LOAD,
    (cst.Attribute, "attr"): None,
    (cst.Subscript, "value"): ExpressionContext.LOAD,
    (cst.Subscript, "slice"): ExpressionContext.LOAD,
    (cst.ClassDef, "name"): ExpressionContext.STORE,
    (cst.ClassDef, "type_parameters"): None,
    (cst.FunctionDef, "name"): ExpressionContext.STORE,
    (cst.FunctionDef, "type_parameters"): None,
    (cst.Param, "name"): ExpressionContext.STORE,
}
_SETS_CONTEXT = frozenset(kind for kind, _ in _FIELD_CONTEXT)


class _Contexts:
    """The ``ExpressionContextProvider`` result for a ``Name``, worked out from its ancestors.

    ``ScopeVisitor`` asks it about each name it meets (``.get(node, default)``); a pass of
    ``ExpressionContextVisitor`` over every node would answer all of them before any is asked.
    A node is in the context the nearest ancestor that sets one gives the field holding it
    (see :data:`_FIELD_CONTEXT`), and in a load at the top of the module. A node outside the
    module (a name in a parsed string annotation) has none, as with LibCST.
    """

    def __init__(self, parents: Mapping[cst.CSTNode, cst.CSTNode]) -> None:
        self._parents = parents

    def get(self, node: cst.CSTNode, default: object = None) -> object:
        parents = self._parents
        child = node
        parent = parents.get(child)
        if parent is None:
            return default
        found: ExpressionContext | None = None  # the nearest ancestor's context decides...
        while parent is not None:
            kind = type(parent)
            if kind in _SETS_CONTEXT:
                field = _field_holding(parent, child)
                if field is not None and (kind, field) in _FIELD_CONTEXT:
                    context = _FIELD_CONTEXT[kind, field]
                    if context is None:
                        return default  # ...unless a subtree the visitor never enters holds it
                    if found is None:
                        found = context
            child, parent = parent, parents.get(parent)
        return ExpressionContext.LOAD if found is None else found

    def __getitem__(self, node: cst.CSTNode) -> object:
        found = self.get(node, _MISSING)
        if found is _MISSING:
            raise KeyError(node)
        return found

    def __contains__(self, node: object) -> bool:
        return self.get(node, _MISSING) is not _MISSING  # type: ignore[arg-type]


_MISSING = object()


def _field_holding(parent: cst.CSTNode, child: cst.CSTNode) -> str | None:
    """The field of ``parent`` that holds ``child`` (itself, or in a sequence), of those that matter."""
    for field in ("target", "name", "value", "attr", "slice", "type_parameters"):
        value = getattr(parent, field, None)
        if value is child or (isinstance(value, (tuple, list)) and any(item is child for item in value)):
            return field
    return None


def scopes(module: cst.Module, parents: Mapping[cst.CSTNode, cst.CSTNode] | None = None) -> Mapping[cst.CSTNode, object]:
    """``MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)``, in one or two passes.

    ``parents`` (every node's parent, from a pass the caller made anyway) saves the pass that
    works out each expression's context.
    """
    try:
        provider = ScopeProvider()
        if parents is None:
            context = ExpressionContextProvider()
            module.visit(_Context(context, ExpressionContext.LOAD))
            provider.metadata = {ExpressionContextProvider: context._computed}
        else:
            provider.metadata = {ExpressionContextProvider: _Contexts(parents)}
        visitor = _Scopes(provider)
    except (AttributeError, TypeError):  # a LibCST whose internals differ: its public way
        return MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    module.visit(visitor)
    visitor.infer_accesses()
    return provider._computed


class _Stop(Exception):
    """Raised by :class:`_Printer` once the node it must stop at has been placed."""


class _Printer(CodegenState):
    """Prints a module, noting where each node of ``wanted`` starts; stops after ``stop_at``.

    What ``PositionProvidingCodegenState`` records for a node's start: where its syntactic
    part begins (or where ``start_node``'s does), else where its code begins. A start is noted
    as the number of tokens printed before it; :meth:`positions` turns them into lines and
    columns once, at the end.
    """

    def __init__(self, module: cst.Module, wanted: set[cst.CSTNode], stop_at: cst.CSTNode | None) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        # by id: a node's own __hash__ is a Python call, and this is asked at every node printed
        self.wanted = {id(node) for node in wanted}
        self.stop_at = stop_at
        self.starts: dict[cst.CSTNode, int] = {}  # node -> tokens printed before it
        self._pending: dict[cst.CSTNode, int] = {}

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            self._pending[node] = len(self.tokens)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.wanted:
            self.starts.setdefault(node, self._pending.pop(node))
            if node is self.stop_at:
                raise _Stop

    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ):  # noqa: ANN201 - a context manager
        if id(node) not in self.wanted:
            return _NOTHING
        return self._syntactic(node, start_node)

    def _syntactic(self, node: cst.CSTNode, start_node: cst.CSTNode | None) -> _Syntactic:
        if start_node is not None:
            self.wanted.add(id(start_node))
        return _Syntactic(self, node, start_node)

    def positions(self) -> dict[cst.CSTNode, tuple[int, int]]:
        """Each noted start as (line, zero-based column), lines counted as LibCST counts them."""
        return {node: place for node, place in zip(self.starts, _places(self.tokens, self.starts.values()))}


class _Syntactic:
    """The context manager of :meth:`_Printer.record_syntactic_position` for a wanted node (a
    class, not a ``contextmanager`` generator: this runs at most nodes findings are about)."""

    __slots__ = ("node", "printer", "start", "start_node")

    def __init__(self, printer: _Printer, node: cst.CSTNode, start_node: cst.CSTNode | None) -> None:
        self.printer, self.node, self.start_node = printer, node, start_node
        self.start = len(printer.tokens)

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: object, traceback: object) -> bool:
        if kind is None:  # as LibCST's own: nothing is noted when printing stopped inside
            starts = self.printer.starts
            starts[self.node] = starts[self.start_node] if self.start_node is not None else self.start
        return False


def _places(tokens: list[str], counts: Iterable[int]) -> list[tuple[int, int]]:
    """(line, zero-based column) after the first ``count`` tokens, for each of ``counts``; line
    breaks counted in each token by itself, as LibCST's position provider counts them."""
    counts = list(counts)
    at: dict[int, tuple[int, int]] = {}
    line, column = 1, 0
    wanted = sorted(set(counts))
    done = 0
    for count in wanted:
        for token in tokens[done:count]:
            if "\n" not in token and "\r" not in token:
                column += len(token)
                continue
            segments = _NEWLINE.split(token)
            line += len(segments) - 1
            column = len(segments[-1])
        done = count
        at[count] = (line, column)
    return [at[count] for count in counts]


_NOTHING = nullcontext()


def statement_positions(
    module: cst.Module,
    statement: cst.CSTNode,
    indents: Iterable[str],
    wanted: set[cst.CSTNode],
    common: set[int],
    stop_at: cst.CSTNode | None = None,
) -> tuple[dict[cst.CSTNode, tuple[int, int]], str]:
    """Where each node of ``wanted`` and of ``common`` (ids) starts in a print of ``statement`` alone
    (a statement of a body, or the module), at ``indents`` (lines counted from the print's first,
    line 1), and the print itself: all of it, or (``stop_at``) as far as the end of that node."""
    printer = _Printer(module, wanted, stop_at)
    printer.wanted |= common
    printer.indent_tokens.extend(indents)
    try:
        statement._codegen(printer)
    except _Stop:
        pass
    return printer.positions(), "".join(printer.tokens)


class Positions:
    """Start positions (line, zero-based column) of nodes of ``module``, as ``PositionProvider``.

    The first question prints the module once, noting the start of every node of ``common``
    (the nodes findings are usually about) and of the node asked about; a node outside those
    costs a print that stops at it.
    """

    def __init__(self, module: cst.Module, common: Iterable[cst.CSTNode] = ()) -> None:
        self.module = module
        self._common = common
        self._starts: dict[cst.CSTNode, tuple[int, int]] | None = None
        self.printed: str | None = None  # the module's code, once a print went to the end

    def _print(self, wanted: set[cst.CSTNode], stop_at: cst.CSTNode | None) -> dict[cst.CSTNode, tuple[int, int]]:
        """Where each node of ``wanted`` starts; a print to the end (``stop_at`` None) also keeps the code."""
        starts, printed = statement_positions(self.module, self.module, (), wanted, set(), stop_at)
        if stop_at is None:
            self.printed = printed
        return starts

    def start(self, node: cst.CSTNode) -> tuple[int, int]:
        if self._starts is None:
            self._starts = self._print({node, *self._common}, None)
        found = self._starts.get(node)
        if found is None:
            self._starts.update(self._print({node}, node))
            found = self._starts.get(node)
            if found is None:
                raise KeyError(node)
        return found

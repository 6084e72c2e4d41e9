"""LibCST's scope and position metadata, computed with fewer passes over the tree.

``MetadataWrapper.resolve(ScopeProvider)`` walks the module four times: a batched pass that
only starts :class:`ExpressionContextProvider`'s own full visit, then another batched pass
that only starts the :class:`ScopeVisitor`; each batch also inspects its visitors' methods
anew. :func:`scopes` runs the same two visitors directly, so the result is LibCST's own
analysis, node for node (``tests/test_metadata.py`` compares them on every sample).

:class:`Positions` gives what ``PositionProvider`` gives a node (the start of its syntactic
range) from a print of the module that stops at that node, instead of recording a range for
every node of the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import ExpressionContext, ExpressionContextProvider, MetadataWrapper, ScopeProvider
from libcst.metadata.expression_context_provider import ExpressionContextVisitor
from libcst.metadata.scope_provider import ScopeVisitor

_NEWLINE = re.compile(r"\r\n?|\n")  # what LibCST's position provider counts as a line break


def scopes(module: cst.Module) -> Mapping[cst.CSTNode, object]:
    """``MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)``, in two passes."""
    try:
        context = ExpressionContextProvider()
        module.visit(ExpressionContextVisitor(context, ExpressionContext.LOAD))
        provider = ScopeProvider()
        provider.metadata = {ExpressionContextProvider: context._computed}
        visitor = ScopeVisitor(provider)
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
    part begins (or where ``start_node``'s does), else where its code begins. Lines are
    counted only when a wanted node is reached.
    """

    def __init__(self, module: cst.Module, wanted: set[cst.CSTNode], stop_at: cst.CSTNode | None) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.wanted = wanted
        self.stop_at = stop_at
        self.starts: dict[cst.CSTNode, tuple[int, int]] = {}
        self._pending: dict[cst.CSTNode, tuple[int, int]] = {}
        self._counted = 0
        self._line = 1
        self._column = 0

    def _here(self) -> tuple[int, int]:
        tokens = self.tokens
        for i in range(self._counted, len(tokens)):
            token = tokens[i]
            if "\n" not in token and "\r" not in token:
                self._column += len(token)
                continue
            segments = _NEWLINE.split(token)
            self._line += len(segments) - 1
            self._column = len(segments[-1])
        self._counted = len(tokens)
        return self._line, self._column

    def before_codegen(self, node: cst.CSTNode) -> None:
        if node in self.wanted:
            self._pending[node] = self._here()

    def after_codegen(self, node: cst.CSTNode) -> None:
        if node in self.wanted:
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
        if node not in self.wanted:
            return _NOTHING
        return self._syntactic(node, start_node)

    @contextmanager
    def _syntactic(self, node: cst.CSTNode, start_node: cst.CSTNode | None) -> Iterator[None]:
        start = self._here()
        if start_node is not None:
            self.wanted.add(start_node)
        yield
        self.starts[node] = self.starts[start_node] if start_node is not None else start


_NOTHING = nullcontext()


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

    def _print(self, wanted: set[cst.CSTNode], stop_at: cst.CSTNode | None) -> dict[cst.CSTNode, tuple[int, int]]:
        printer = _Printer(self.module, wanted, stop_at)
        try:
            self.module._codegen(printer)
        except _Stop:
            pass
        return printer.starts

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

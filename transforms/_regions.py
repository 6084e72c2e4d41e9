"""Print only what changed: the text of the statements a migration leaves alone is copied.

A migrated module used to be printed twice in full: the module as read (to place findings and to
check that LibCST prints it back byte for byte) and the module as rewritten. Most of a real
module is untouched by the migration, and printing is a third of what a bare LibCST round trip
costs. Here the text is cut into the regions LibCST prints each statement as:

* every statement of a body (the module's, an indented block's) prints as whole lines, so its
  region is a range of lines of the text, found from the line breaks printed before it and
  within it (counted in the pass that indexes the module, :class:`transforms._index._Collector`);
* a statement that the rewritten module still holds, at the same indentation, is copied from the
  text instead of printed (:class:`_Verbatim`);
* the rest of the rewritten module is printed by LibCST as usual.

What makes the copy safe is checked, not assumed. The regions must account for every line break
of the text, and every part of the module as read that is not copied (each top-level statement
that is not copied whole, with its copied statements stood in for by their text; the header and
the footer) must print back to its region exactly. The output is then the text as read with the
changed statements replaced by their new print. Where any of that fails the caller prints the
whole module as before (:func:`migrate.runner.migrate_source`).

Positions work the same way: a node's start is found by printing only the innermost statement of
a body that holds it, from the line its region starts at, once that print matches its region.

One thing the check cannot see: a node of an untouched statement that a transform reuses in a
new one is printed there without its own statement being printed back. LibCST prints the
expressions transforms reuse (names, strings, calls) back exactly; the known cases where it does
not are whitespace in statements and at the end of a file, which the check covers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import libcst as cst
from libcst._nodes.internal import CodegenState

from transforms._metadata import _NEWLINE  # what LibCST's printer and position provider count as a line break


class _Misplaced(Exception):
    """A copied statement would be printed at another indentation than it was read at."""


_NO_BLOCK = cst.IndentedBlock(body=())


@dataclasses.dataclass(frozen=True)
class _Verbatim(cst.BaseCompoundStatement):
    """Stands in for a statement of the module as read: prints its text, at its indentation only.

    (A compound statement by type so that an indented block takes it as a statement; it is only
    ever printed, never visited or validated as a real one.)
    """

    text: str
    indents: tuple[str, ...]
    body: cst.BaseSuite = _NO_BLOCK  # what every compound statement has; never printed
    leading_lines: Sequence[cst.EmptyLine] = ()

    def _visit_and_replace_children(self, visitor: cst.CSTVisitorT) -> _Verbatim:  # type: ignore[override]
        return self

    def _codegen_impl(self, state: CodegenState) -> None:
        if tuple(state.indent_tokens) != self.indents:
            raise _Misplaced
        state.add_token(self.text)


def _compound_body(node: cst.CSTNode) -> cst.IndentedBlock | None:
    """The indented block a compound statement runs (``class``, ``def``, ``if``...), if it has one."""
    body = getattr(node, "body", None)
    return body if isinstance(body, cst.IndentedBlock) and isinstance(node, cst.BaseCompoundStatement) else None


class Regions:
    """The regions of ``text`` that the statements of ``module`` (parsed from it) print as.

    ``statements`` and ``breaks`` are what :class:`transforms._index._Collector` counted.
    """

    def __init__(self, module: cst.Module, text: str, statements: dict[int, tuple[int, int, tuple[str, ...]]], breaks: int) -> None:
        self.module = module
        self.text = text
        self._statements = statements
        self._breaks = breaks
        self._line_starts: list[int] | None = None
        self._usable: bool | None = None
        self._checked: dict[int, bool] = {}  # id of a statement -> whether it prints back to its region

    # ---------------------------------------------------------------- the regions

    @property
    def usable(self) -> bool:
        """Whether the counted line breaks are the text's own (else nothing here is used)."""
        if self._usable is None:
            self._usable = self.module.has_trailing_newline and self._breaks == len(self._starts()) - 1
        return self._usable

    def _starts(self) -> list[int]:
        """The offset in the text where each line starts (and one past the text's last line break)."""
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        return self._line_starts

    def line_of(self, statement: cst.CSTNode) -> int:
        """The 0-based line where ``statement``'s region starts (its leading lines included)."""
        return self._statements[id(statement)][0]

    def _region(self, first: int, end: int) -> str:
        starts = self._starts()
        return self.text[starts[first] : starts[end]]

    def text_of(self, statement: cst.CSTNode) -> str:
        first, end, _ = self._statements[id(statement)]
        return self._region(first, end)

    def indents_of(self, statement: cst.CSTNode) -> tuple[str, ...]:
        return self._statements[id(statement)][2]

    def _state(self, indents: Iterable[str] = ()) -> CodegenState:
        module = self.module
        state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
        state.indent_tokens.extend(indents)
        return state

    def note_print(self, statement: cst.CSTNode, printed: str) -> bool:
        """Note how ``statement`` alone printed (a caller printed it anyway, at its indentation):
        whether that is its region. A statement that does is not printed again to check it."""
        known = self._checked[id(statement)] = printed == self.text_of(statement)
        return known

    # ---------------------------------------------------------------- the rewritten module

    def code_for(self, new: cst.Module) -> str | None:
        """``new.code``, with the statements it shares with the module as read copied from the text.

        None when that cannot be shown to give what printing all of ``new`` would, given a module
        as read that LibCST prints back exactly (the caller then prints and checks it all).
        """
        old = self.module
        if not self.usable or not new.has_trailing_newline or (new.default_indent, new.default_newline) != (
            old.default_indent,
            old.default_newline,
        ):
            return None
        copied: set[int] = set()
        body = self._substituted(new.body, (), copied)
        checked = self._checked
        for statement in old.body:  # everything read that is printed again must print as it was read
            if id(statement) in copied or checked.get(id(statement)):
                continue
            state = self._state()
            self._stand_in(statement, copied)._codegen(state)  # stand-ins at their own indentation
            if "".join(state.tokens) != self.text_of(statement):
                return None
        if not self._edges_print_back():
            return None
        try:
            return new.with_changes(body=body).code
        except _Misplaced:
            return None

    def _edges_print_back(self) -> bool:
        """Whether the module's header and footer (comment and blank lines) print as their text."""
        old = self.module
        if not old.body:  # no statements: header and footer are the whole text
            return old.code == self.text
        end = self._statements[id(old.body[-1])][1]
        for lines, first, last in ((old.header, 0, self.line_of(old.body[0])), (old.footer, end, self._breaks)):
            state = self._state()
            for line in lines:
                line._codegen(state)
            if "".join(state.tokens) != self._region(first, last):
                return False
        return True

    def _substituted(self, body: Sequence[cst.BaseStatement], indents: tuple[str, ...], copied: set[int]) -> list:
        """``body`` with each statement read at these ``indents`` replaced by its text; the bodies
        of the others are gone through the same way."""
        out: list = []
        statements = self._statements
        for statement in body:
            found = statements.get(id(statement))
            if found is not None and found[2] == indents:
                copied.add(id(statement))
                out.append(_Verbatim(self._region(found[0], found[1]), indents))
                continue
            block = _compound_body(statement)
            if block is not None and block.body:
                inner = (*indents, self.module.default_indent if block.indent is None else block.indent)
                new_body = self._substituted(block.body, inner, copied)
                if any(a is not b for a, b in zip(new_body, block.body)):
                    statement = statement.with_changes(body=block.with_changes(body=new_body))
            out.append(statement)
        return out

    def _stand_in(self, statement: cst.BaseStatement, copied: set[int]) -> cst.BaseStatement:
        """A statement as read, with those of its nested statements that are copied, or known to
        print back as read (:meth:`note_print`), standing in as their text."""
        block = _compound_body(statement)
        if block is None or not block.body:
            return statement
        changed = False
        body: list = []
        checked = self._checked
        for inner in block.body:
            if id(inner) in copied or checked.get(id(inner)):
                body.append(_Verbatim(self.text_of(inner), self.indents_of(inner)))
                changed = True
            else:
                replaced = self._stand_in(inner, copied)
                changed = changed or replaced is not inner
                body.append(replaced)
        return statement.with_changes(body=block.with_changes(body=body)) if changed else statement


__all__ = ["Regions"]

"""Shared base of every transform: rules, findings, examples, edits, small CST helpers.

A transform is a *planner*: it reads the original tree (with metadata) and records edits
and findings in an :class:`Edits`. The engine applies all edits in one traversal, so every
transform sees the same original tree and every position refers to the file as it was read.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, TypeVar

import libcst as cst

if TYPE_CHECKING:
    from transforms._index import ModuleIndex, Reference


@dataclasses.dataclass(frozen=True)
class Rule:
    """A stable rule id with its catalogue line.

    ``fix`` is True for rules that rewrite code, False for rules that only report a manual
    follow-up.
    """

    code: str
    name: str
    summary: str
    fix: bool


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """Something a rule found at a position of the original file (1-based line and column)."""

    line: int
    column: int
    rule: str
    message: str
    fixed: bool = False
    cell: int | None = None  # notebooks: the 1-based cell number; line and column are then within that cell


@dataclasses.dataclass(frozen=True)
class Example:
    """An inline example: ``after`` is None when the code is left alone with ``findings``."""

    before: str
    after: str | None = None
    findings: tuple[str, ...] = ()
    title: str = ""


_T = TypeVar("_T", bound=cst.CSTNode)

Replacement = Callable[[cst.CSTNode], cst.CSTNode | cst.RemovalSentinel]


class Edits:
    """Everything the transforms of one module want done, collected before anything is applied."""

    def __init__(self, select: frozenset[str]) -> None:
        self.select = select
        self.findings: list[Finding] = []
        self._replacements: dict[cst.CSTNode, list[Replacement]] = {}
        self.rewritten: set[cst.CSTNode] = set()  # Azure class references that were rewritten
        #: a rewritten string annotation -> the Azure classes whose names in it were renamed (one
        #: string may name both, and keep one of them: ``"Union[OpenAI, AsyncAzureOpenAI]"``)
        self.string_classes: dict[cst.CSTNode, frozenset[str]] = {}
        self.needed_imports: set[tuple[str, str | None]] = set()  # (module, obj)
        self.unused_candidates: set[tuple[str, str | None]] = set()  # imports to drop if nothing uses them now (obj None: ``import module``)
        self.helpers: dict[str, str] = {}  # module-level helper functions to add: name -> source
        self.vanished: set[cst.CSTNode] = set()  # renamed references a collapsed union dropped: they need no import

    def rewrote(self, ref: Reference) -> bool:
        """Whether the transforms rewrote ``ref`` (for a string annotation: its class's names in it)."""
        classes = self.string_classes.get(ref.node)
        return ref.node in self.rewritten and (classes is None or ref.azure in classes)

    def enabled(self, code: str) -> bool:
        return code in self.select

    def allows(self, index: ModuleIndex, node: cst.CSTNode, code: str) -> bool:
        """Whether ``code`` is selected and not suppressed on the line where ``node`` starts."""
        return self.enabled(code) and not index.suppressed(index.position(node)[0], code)

    def replace(self, original: cst.CSTNode, replacement: Replacement) -> None:
        """Schedule ``replacement(updated_node)`` for ``original``; several compose in order."""
        self._replacements.setdefault(original, []).append(replacement)

    def report(self, index: ModuleIndex, node: cst.CSTNode, code: str, message: str, *, fixed: bool = False) -> None:
        line, column = index.position(node)
        if not self.enabled(code) or index.suppressed(line, code):
            return
        self.findings.append(Finding(line, column, code, message, fixed))

    def apply(self, module: cst.Module, index: ModuleIndex) -> cst.Module:
        """Apply every replacement in one traversal that only enters subtrees holding an edit."""
        if not self._replacements:
            return module
        on_path = {id(a) for node in self._replacements for a in index.ancestors(node)}
        return module.visit(_Applier(self._replacements, on_path))


class _Applier(cst.CSTTransformer):
    """Nodes are looked up by id (their own ``__hash__`` is a Python call, made at every node the
    traversal passes); the original module, alive for the whole pass, keeps the ids unique."""

    def __init__(self, replacements: dict[cst.CSTNode, list[Replacement]], on_path: set[int]) -> None:
        super().__init__()
        self._replacements = {id(node): found for node, found in replacements.items()}
        self._on_path = on_path

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self._on_path

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        for replacement in self._replacements.get(id(original_node), ()):
            if isinstance(updated_node, cst.RemovalSentinel):
                break
            updated_node = replacement(updated_node)
        return updated_node


class Transform:
    """Base of a transform module's planner class.

    Subclasses set ``RULES`` (the rule ids they may emit, the first being the rewrite itself
    when the transform rewrites), ``EXAMPLES`` and ``UNCHANGED``, and implement :meth:`plan`.
    The module docstring is the catalogue entry.
    """

    RULES: ClassVar[tuple[Rule, ...]] = ()
    EXAMPLES: ClassVar[tuple[Example, ...]] = ()
    UNCHANGED: ClassVar[tuple[str, ...]] = ()

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        raise NotImplementedError


# --------------------------------------------------------------------------- CST helpers


def code_of(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


@functools.lru_cache(maxsize=4096)
def _evaluated(literal: str) -> str | bytes:
    """``SimpleString.evaluated_value`` (``ast.literal_eval`` of its text), once per text: the
    transforms ask about the same few literals over and over, and each asking compiles it."""
    return ast.literal_eval(literal)


def nodes_within(node: cst.CSTNode, kind: type[_T]) -> list[_T]:
    """Every node of ``kind`` in ``node`` (``node`` itself included), in LibCST's visiting order."""
    found: list[_T] = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, visited: cst.CSTNode) -> bool:
            if isinstance(visited, kind):
                found.append(visited)
            return True

    node.visit(Collect())
    return found


def literal_string(node: cst.BaseExpression) -> str | None:
    """The value of a plain (non-bytes, non-f) string literal, else None."""
    if isinstance(node, cst.SimpleString):
        value = _evaluated(node.value)
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def needs_parentheses_as_primary(node: cst.BaseExpression) -> bool:
    """Whether ``node.attr`` would bind wrongly without parentheses around ``node``."""
    if node.lpar:
        return False
    primaries = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.FormattedString)
    return not isinstance(node, primaries)


def method_call(receiver: cst.BaseExpression, method: str, *args: cst.BaseExpression) -> cst.Call:
    if needs_parentheses_as_primary(receiver):
        receiver = receiver.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.Call(
        func=cst.Attribute(value=receiver, attr=cst.Name(method)),
        args=[cst.Arg(a) for a in args],
    )


def string(value: str, quote: str = '"') -> cst.SimpleString:
    """A string literal for ``value`` (ASCII-safe, valid on every Python 3)."""
    text = repr(value)
    if quote == '"' and text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    node = cst.SimpleString(text)
    assert ast.literal_eval(text) == value
    return node


def with_string_body(node: cst.SimpleString, body: str) -> cst.SimpleString | None:
    """``node`` with its body replaced, keeping prefix and quotes; None if that is not exact."""
    prefix, quote = node.prefix, node.quote
    text = f"{prefix}{quote}{body}{quote}"
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        return None
    return node.with_changes(value=text) if isinstance(value, str) else None


def string_body(node: cst.SimpleString) -> str:
    return node.value[len(node.prefix) + len(node.quote) : -len(node.quote)]


# --------------------------------------------------------------------------- call arguments


def _middle_comma(call: cst.Call) -> cst.Comma:
    """A comma laid out like the ones between this call's arguments."""
    args = call.args
    for arg in args[:-1]:
        if isinstance(arg.comma, cst.Comma):
            return arg.comma
    if isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        return cst.Comma(whitespace_after=call.whitespace_before_args)
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def drop_items(items: Iterable[_T], drop: Callable[[_T], bool], leading: list[cst.EmptyLine] | None = None) -> list[_T]:
    """Remove items of a comma-separated list (arguments, dict elements, import names).

    When the last item goes, the new last item takes its comma, so a trailing comma and the
    closing bracket's layout survive. Comment lines standing right above a removed item go
    with it (its own trailing comment already does); those standing right below it, above the
    next item, stay there. Below a removed first item, they are put in ``leading`` for the
    caller (they go after the opening bracket), or dropped when it passes none.
    """
    kept: list = []
    items = list(items)
    for position, item in enumerate(items):
        if not drop(item):
            kept.append(item)
            continue
        if kept:
            kept[-1] = _without_comment_lines_below(kept[-1])
        if position < len(items) - 1:
            below = _comment_lines_below(item)
            if kept:
                kept[-1] = _with_lines_below(kept[-1], below, item)
            elif leading is not None:
                leading[:] = below
        if position == len(items) - 1 and kept:
            layout = {"comma": item.comma}  # type: ignore[attr-defined]
            if isinstance(item, cst.Arg):
                layout["whitespace_after_arg"] = item.whitespace_after_arg
            kept[-1] = kept[-1].with_changes(**layout)
    return kept


def _without_comment_lines_below(item: _T) -> _T:
    """Drop the comment-only lines at the end of ``item``'s comma (they precede the next item)."""
    comma = getattr(item, "comma", None)
    space = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    if not isinstance(space, cst.ParenthesizedWhitespace) or not space.empty_lines:
        return item
    lines = list(space.empty_lines)
    while lines and lines[-1].comment is not None:
        lines.pop()
    return item.with_changes(comma=comma.with_changes(whitespace_after=space.with_changes(empty_lines=lines)))


def _comment_lines_below(item: object) -> list[cst.EmptyLine]:
    """The comment-only lines at the end of ``item``'s comma: they stand above the next item."""
    comma = getattr(item, "comma", None)
    space = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    if not isinstance(space, cst.ParenthesizedWhitespace):
        return []
    lines = list(space.empty_lines)
    start = len(lines)
    while start and lines[start - 1].comment is not None:
        start -= 1
    return lines[start:]


def _with_lines_below(item: _T, lines: list[cst.EmptyLine], removed: object) -> _T:
    """``item`` with ``lines`` added at the end of its comma, where the ``removed`` item's were; and
    with the removed item's line break when the two stood on one line and a break followed it, so
    that the next item stays on its own line."""
    comma = getattr(item, "comma", None)
    theirs = getattr(getattr(removed, "comma", None), "whitespace_after", None)
    if not isinstance(comma, cst.Comma):
        return item
    space = comma.whitespace_after
    if isinstance(space, cst.ParenthesizedWhitespace):
        if not lines:
            return item
        space = space.with_changes(empty_lines=[*space.empty_lines, *lines])
    elif isinstance(theirs, cst.ParenthesizedWhitespace):
        space = cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(), empty_lines=lines, indent=theirs.indent, last_line=theirs.last_line
        )
    else:
        return item
    return item.with_changes(comma=comma.with_changes(whitespace_after=space))


def _uncommented(comma: cst.Comma) -> cst.Comma:
    """``comma``'s layout without the comments it carries (a new argument must not copy one)."""
    space = comma.whitespace_after
    if isinstance(space, cst.ParenthesizedWhitespace):
        space = space.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return comma.with_changes(whitespace_after=space)


def remove_args(call: cst.Call, drop: Callable[[cst.Arg], bool]) -> cst.Call:
    """Remove arguments; a removed last argument's comment goes with it, the new last keeps its own.

    ``drop_items`` gives the new last argument the removed one's comma (for the trailing comma and
    the closing bracket's layout), and with it the removed argument's end-of-line comment.
    """
    args = list(call.args)
    leading: list[cst.EmptyLine] = []
    kept = drop_items(args, drop, leading)
    if not kept and isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        return call.with_changes(args=[], whitespace_before_args=cst.SimpleWhitespace(""))
    new = call.with_changes(args=kept)
    opening = call.whitespace_before_args
    if leading and isinstance(opening, cst.ParenthesizedWhitespace):  # comments above the new first argument
        new = new.with_changes(whitespace_before_args=opening.with_changes(empty_lines=[*opening.empty_lines, *leading]))
    if not args or not drop(args[-1]) or not kept:
        return new
    own = [a for a in args if not drop(a)][-1].comma
    comma = kept[-1].comma
    space = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    if not isinstance(space, cst.ParenthesizedWhitespace):
        if (
            isinstance(own, cst.Comma)
            and isinstance(own.whitespace_after, cst.ParenthesizedWhitespace)
            and own.whitespace_after.first_line.comment is not None
            and not isinstance(kept[-1].whitespace_after_arg, cst.ParenthesizedWhitespace)
        ):
            # the new last argument's comment stood after its comma, and the closing bracket
            # followed the removed one: the comment stays on its line, the bracket goes below
            closing = cst.ParenthesizedWhitespace(
                first_line=own.whitespace_after.first_line, indent=True, last_line=cst.SimpleWhitespace("")
            )
            return new.with_changes(args=[*kept[:-1], kept[-1].with_changes(whitespace_after_arg=closing)])
        return new
    first = (
        own.whitespace_after.first_line
        if isinstance(own, cst.Comma) and isinstance(own.whitespace_after, cst.ParenthesizedWhitespace)
        else cst.TrailingWhitespace()
    )
    last = kept[-1].with_changes(comma=comma.with_changes(whitespace_after=space.with_changes(first_line=first)))
    return new.with_changes(args=[*kept[:-1], last])


def insert_args(call: cst.Call, position: int, new: Iterable[cst.Arg], layout: cst.Call | None = None) -> cst.Call:
    """Insert keyword arguments at ``position`` using the call's own layout.

    A new argument copies no comment (the layout comes from the first argument's comma, without
    its end-of-line comment), and every existing argument keeps its own comment, the last one too.
    ``layout``: the call to take the commas' layout from instead, such as ``call`` before arguments
    were removed from it (with one argument left, ``call`` itself no longer shows whether its
    arguments shared a line).
    """
    new = list(new)
    if not new:
        return call
    args = list(call.args)
    middle = _uncommented(_middle_comma(layout if layout is not None and len(layout.args) > 1 else call))
    if position < len(args):
        return call.with_changes(args=[*args[:position], *(a.with_changes(comma=middle) for a in new), *args[position:]])
    if not args:
        return call.with_changes(args=[*(a.with_changes(comma=middle) for a in new[:-1]), new[-1]])
    comma = args[-1].comma
    space = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    step = middle.whitespace_after
    after = args[-1].whitespace_after_arg
    if not isinstance(step, cst.ParenthesizedWhitespace):
        # the arguments share a line (``(\n    a=1, b=2\n)``): the new ones join them on it, before
        # the line break that precedes the closing bracket; after a comment at the end of the last
        # one's line they start the next line, indented like the arguments' line
        end = space if isinstance(space, cst.ParenthesizedWhitespace) else after if space is None else None
        if isinstance(end, cst.ParenthesizedWhitespace) and end.first_line.comment is not None:
            opening = call.whitespace_before_args
            step = opening if isinstance(opening, cst.ParenthesizedWhitespace) else end
        elif space is None and isinstance(after, cst.ParenthesizedWhitespace):
            laid = [a.with_changes(comma=middle) for a in new[:-1]] + [new[-1].with_changes(whitespace_after_arg=after)]
            last = args[-1].with_changes(comma=middle, whitespace_after_arg=cst.SimpleWhitespace(""))
            return call.with_changes(args=[*args[:-1], last, *laid])
    if space is None and isinstance(after, cst.ParenthesizedWhitespace) and isinstance(step, cst.ParenthesizedWhitespace):
        # the closing bracket on its own line after a last argument with no comma: that argument
        # takes one, its comment stays on its line, and the new last one ends the same way
        args[-1] = args[-1].with_changes(
            comma=cst.Comma(whitespace_after=after.with_changes(indent=step.indent, last_line=step.last_line)),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        closing = after.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
        laid = [a.with_changes(comma=middle) for a in new[:-1]] + [new[-1].with_changes(whitespace_after_arg=closing)]
        return call.with_changes(args=args + laid)
    if not isinstance(space, cst.ParenthesizedWhitespace) or not isinstance(step, cst.ParenthesizedWhitespace):
        laid = [a.with_changes(comma=middle) for a in new[:-1]] + [new[-1].with_changes(comma=args[-1].comma)]
        return call.with_changes(args=[*args[:-1], args[-1].with_changes(comma=middle), *laid])
    # the closing bracket on its own line: the old last argument keeps its comment and the lines below it
    args[-1] = args[-1].with_changes(
        comma=comma.with_changes(whitespace_after=space.with_changes(indent=step.indent, last_line=step.last_line))
    )
    closing = cst.Comma(whitespace_after=space.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[]))
    laid = [a.with_changes(comma=middle) for a in new[:-1]] + [new[-1].with_changes(comma=closing)]
    return call.with_changes(args=args + laid)


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
    )


# --------------------------------------------------------------------------- endpoints

V1_SUFFIX = "/openai/v1/"


def environ_lookup(variable: str) -> cst.Subscript:
    """``os.environ["VARIABLE"]``: fails loudly when unset, like AzureOpenAI did."""
    return cst.Subscript(
        value=cst.parse_expression("os.environ"),
        slice=[cst.SubscriptElement(cst.Index(string(variable)))],
    )


def v1_base_url(endpoint: cst.BaseExpression, *, suffix: str = V1_SUFFIX) -> cst.BaseExpression:
    """``base_url`` for an ``azure_endpoint`` expression, as AzureOpenAI built it.

    AzureOpenAI computed ``f"{azure_endpoint.rstrip('/')}/openai"``. A literal is normalised
    now; an f-string ending in literal text is extended in place; anything else becomes
    ``E.rstrip("/") + "/openai/v1/"``, which runs on every Python 3 and handles a value with or
    without a trailing slash at run time.
    """
    if isinstance(endpoint, cst.SimpleString) and literal_string(endpoint) is not None:
        body = string_body(endpoint)
        stripped = body.rstrip("/")
        if stripped:
            replaced = with_string_body(endpoint, stripped + suffix)
            value = literal_string(endpoint)
            if replaced is not None and value is not None and literal_string(replaced) == value.rstrip("/") + suffix:
                return replaced
    if isinstance(endpoint, cst.FormattedString) and endpoint.parts:
        last = endpoint.parts[-1]
        if isinstance(last, cst.FormattedStringText) and last.value.rstrip("/"):
            if "\\" not in last.value[len(last.value.rstrip("/")) :]:
                text = last.value.rstrip("/") + suffix
                return endpoint.with_changes(parts=[*endpoint.parts[:-1], last.with_changes(value=text)])
    return cst.BinaryOperation(
        left=method_call(endpoint, "rstrip", string("/")),
        operator=cst.Add(),
        right=string(suffix),
    )


LINE_LENGTH = 88


def _newline_then(indent: str, relative: bool = True) -> cst.ParenthesizedWhitespace:
    """A line break, then ``indent`` after the block's indentation (``relative``) or alone."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=relative, last_line=cst.SimpleWhitespace(indent)
    )


def fit_call(
    call: cst.Call, column: int, step: str, before: int | cst.Call, line: tuple[str, bool, str] = ("", True, "")
) -> cst.Call:
    """Put one argument per line (black's style) when a one-line call grew past the line length.

    ``column`` is where the call starts on its line, ``before`` the length of the call as it
    was (or the call as it was); ``step`` is the module's indentation unit. A call that already
    spans lines keeps its own layout, and so does one that did not grow. The arguments go one
    ``step`` deeper than the line the call starts on, and the closing bracket at that line's
    indentation: ``line`` is that line's indentation as :func:`line_indent` gives it (for a call
    inside a bracket of its statement, ``params=[\n\t\tAzureChatOpenAI(...)``, deeper than the
    statement's); the default is the statement's own.

    A call that spans lines with all its arguments on one line of their own (black's layout of a
    call that does not fit on one line: ``f(\n    a=1, b=2\n)``) gets one argument per line, at
    that line's indentation, when that line grew past the line length (a trial on pyrit: the
    environment fallback made it 159 columns).
    """
    if not call.args:
        return call
    if _spans_lines(call):
        return _fit_argument_line(call, before, line[2])
    text = code_of(call)
    if "\n" in text or column + len(text) <= LINE_LENGTH:
        return call
    if isinstance(before, cst.Call):
        before = len(code_of(before))
    if column + len(text) <= column + before:
        return call
    indent, relative, _ = line
    step = _unit_like(indent, step)
    middle = cst.Comma(whitespace_after=_newline_then(indent + step, relative))
    last = cst.Comma(whitespace_after=_newline_then(indent, relative))
    args = [a.with_changes(comma=middle) for a in call.args[:-1]] + [call.args[-1].with_changes(comma=last)]
    return call.with_changes(args=args, whitespace_before_args=_newline_then(indent + step, relative))


def line_indent(index: ModuleIndex, call: cst.Call) -> tuple[str, bool, str]:
    """The indentation of the line where ``call`` (a node of ``index``'s module) starts, for
    :func:`fit_call`: what it has beyond the indentation of its block, and True; or, for a line
    that does not start with the block's indentation (a continuation line less deep than the
    block), all of it, and False; then the block's indentation."""
    line = index.line_text(index.position(call)[0])
    own = line[: len(line) - len(line.lstrip(" \t"))]
    default = index.module.default_indent
    blocks = [  # a ``match`` indents its ``case`` lines by its own unit (a trial on magentic)
        b.indent if b.indent is not None else default for b in index.ancestors(call) if isinstance(b, (cst.IndentedBlock, cst.Match))
    ]
    block = "".join(reversed(blocks))
    return (own[len(block) :], True, block) if own.startswith(block) else (own, False, block)


def _fit_argument_line(call: cst.Call, before: int | cst.Call, block: str) -> cst.Call:
    """``call`` (which spans lines) with one argument per line when its arguments sit on lines of
    their own, several to a line (``f(\n    a=1, b=2,\n    c=3\n)``), and the longest of those
    lines grew past the line length; ``block``: the indentation of the block the call is in. Any
    other layout stays."""
    found = _argument_lines(call)
    if found is None:
        return call
    opening, closing, width = found
    if width + (len(block) if opening.indent else 0) <= LINE_LENGTH:
        return call
    if isinstance(before, cst.Call):
        was = _argument_lines(before)
        if was is None or was[2] >= width:
            return call  # laid out otherwise before, or it did not grow
    middle = cst.Comma(whitespace_after=opening)
    last = cst.Comma(whitespace_after=closing)
    args = [a.with_changes(comma=middle) for a in call.args[:-1]]
    args.append(call.args[-1].with_changes(comma=last, whitespace_after_arg=cst.SimpleWhitespace("")))
    return call.with_changes(args=args)


def _argument_lines(call: cst.Call) -> tuple[cst.ParenthesizedWhitespace, cst.BaseParenthesizableWhitespace, int] | None:
    """For ``f(\n    a=1, b=2,\n    c=3\n)``: the line break before the arguments, the one before
    the closing bracket, and the printed width of the longest line of arguments (its indentation
    beyond the block's included); None for a call laid out any other way (a comment, a blank line,
    an argument that spans lines, a line of arguments at another indentation)."""
    opening = call.whitespace_before_args
    if not isinstance(opening, cst.ParenthesizedWhitespace) or opening.empty_lines or opening.first_line.comment is not None:
        return None

    def same_line_break(space: cst.BaseParenthesizableWhitespace) -> bool:
        return (
            isinstance(space, cst.ParenthesizedWhitespace)
            and not space.empty_lines
            and space.first_line.comment is None
            and space.indent == opening.indent
            and space.last_line.value == opening.last_line.value
        )

    *rest, final = call.args
    if any(isinstance(a.whitespace_after_arg, cst.ParenthesizedWhitespace) or not isinstance(a.comma, cst.Comma) for a in rest):
        return None
    closing: cst.BaseParenthesizableWhitespace = final.whitespace_after_arg
    if isinstance(final.comma, cst.Comma):
        if not isinstance(final.whitespace_after_arg, cst.SimpleWhitespace) or final.whitespace_after_arg.value:
            return None
        closing = final.comma.whitespace_after
    if not isinstance(closing, cst.ParenthesizedWhitespace):
        return None
    # a line holds two arguments or more (else one per line already: it stays), told before printing any
    if all(isinstance(a.comma, cst.Comma) and isinstance(a.comma.whitespace_after, cst.ParenthesizedWhitespace) for a in rest):
        return None
    printer = cst.Module(body=[])
    widest, line = 0, opening.last_line.value
    crowded = False
    for arg in call.args:
        text = printer.code_for_node(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=cst.SimpleWhitespace("")))
        if "\n" in text or "\r" in text:
            return None
        line += text
        space = arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) else None
        if arg is final:
            widest = max(widest, len(line) + (1 if isinstance(arg.comma, cst.Comma) else 0))
        elif isinstance(space, cst.ParenthesizedWhitespace):
            if not same_line_break(space):
                return None
            widest, line = max(widest, len(line) + 1), opening.last_line.value
        else:
            line += ", "
            crowded = True
    return (opening, closing, widest) if crowded else None


def _unit_like(indent: str, step: str) -> str:
    """``step``, or a unit of the character ``indent`` is made of when ``step`` is of the other one
    (a line indented with spaces in a module that indents its blocks with tabs, or the reverse)."""
    if indent and indent.strip(" ") == "" and "\t" in step:
        return "    "
    if indent and indent.strip("\t") == "" and " " in step:
        return "\t"
    return step


def _spans_lines(call: cst.Call) -> bool:
    """Whether ``call`` surely prints over several lines: a line break right after its bracket or
    one of its commas (what a print of it would show, found without printing it)."""
    if isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        return True
    for arg in call.args:
        comma = arg.comma
        if isinstance(arg.whitespace_after_arg, cst.ParenthesizedWhitespace) or (
            isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace)
        ):
            return True
    return False


def visual_indent(index: ModuleIndex, call: cst.Call) -> tuple[int, int] | None:
    """For a call whose arguments are aligned under its first one (``f(a,\n  b)``, the first on the
    line of the bracket): the column they are aligned at, and how much of it the block's own
    indentation gives (the rest is each line's spaces). None for any other layout."""
    args = call.args
    if len(args) < 2 or not isinstance(call.whitespace_before_args, cst.SimpleWhitespace):
        return None
    start = index.position(args[0])
    if start[0] != index.position(call)[0]:
        return None
    for previous, arg in zip(args, args[1:]):
        space = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
        if isinstance(space, cst.ParenthesizedWhitespace) and space.indent:
            line, column = index.position(arg)
            if line > start[0] and column == start[1] and len(space.last_line.value) <= column - 1:
                return start[1] - 1, column - 1 - len(space.last_line.value)
            return None
    return None


def realign(call: cst.Call, layout: tuple[int, int] | None, shift: int) -> cst.Call:
    """Move the lines of arguments aligned under the first one (``layout``, from
    :func:`visual_indent`) ``shift`` columns left: the callee's name got that much shorter (right,
    for a negative ``shift``: it got longer)."""
    if layout is None or shift == 0:
        return call
    aligned, base = layout
    args = []
    for arg in call.args:
        comma = arg.comma
        space = comma.whitespace_after if isinstance(comma, cst.Comma) else None
        if (
            isinstance(space, cst.ParenthesizedWhitespace)
            and space.indent
            and base + len(space.last_line.value) == aligned
            and space.last_line.value.endswith(" " * max(shift, 0))
        ):
            value = space.last_line.value[:-shift] if shift > 0 else space.last_line.value + " " * -shift
            arg = arg.with_changes(
                comma=comma.with_changes(  # type: ignore[union-attr]
                    whitespace_after=space.with_changes(last_line=cst.SimpleWhitespace(value))
                )
            )
        args.append(arg)
    return call.with_changes(args=args)


def preview_clause(index: ModuleIndex, version: cst.BaseExpression) -> str | None:
    """How a note names the dropped api version ``version`` when it is, or may be, a dated preview one.

    ``'2024-08-01-preview' was a preview version`` (a literal), ``API_VERSION ('...') was a preview
    version`` (a name bound to one), ``os.getenv(...) may be the preview version '...'`` (a default,
    or one side of ``or``); None for a GA version, for ``"preview"`` (kept as a query) and for
    anything whose value this module does not show.
    """
    value, values = index.string_values(version)
    if value is not None:
        if not value.endswith("-preview"):
            return None
        shown = repr(value) if literal_string(version) is not None else f"{snippet(version)} ({value!r})"
        return f"{shown} was a preview version"
    previews = sorted({v for v in values if v.endswith("-preview") or v == "preview"})
    if not previews:
        return None
    return f"{snippet(version)} may be the preview version {' or '.join(map(repr, previews))}"


def snippet(node: cst.CSTNode, limit: int = 60) -> str:
    """One line of source for a message: comments dropped (on one line, a ``#`` would comment out
    the rest), whitespace folded, long code shortened."""
    code = code_of(node)
    if "#" in code:
        code = _without_comments(code)
    text = " ".join(code.split())
    if len(text) <= limit:
        return text
    cut = limit - 3
    while cut > limit // 2 and _word(text[cut - 1]) and _word(text[cut]):  # never in the middle of a name
        cut -= 1
    if _word(text[cut - 1]) and _word(text[cut]):
        cut = limit - 3  # one long name: cut it where it must be
    return text[:cut].rstrip() + "..."


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _without_comments(code: str) -> str:
    """``code`` (an expression or statement) without its comments; as it is if it does not tokenize."""
    import io
    import tokenize

    lines = code.split("\n")
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("(" + code + "\n)").readline))
    except (tokenize.TokenError, SyntaxError):
        return code
    for token in reversed([t for t in tokens if t.type == tokenize.COMMENT]):
        row, column = token.start[0] - 1, token.start[1] - (1 if token.start[0] == 1 else 0)
        lines[row] = lines[row][:column] + lines[row][column + len(token.string) :]
    return "\n".join(lines)

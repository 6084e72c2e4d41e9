"""Annotations naming ``AzureOpenAI`` / ``AsyncAzureOpenAI`` follow the constructor to ``OpenAI`` / ``AsyncOpenAI``.

**Why**: once the module builds ``OpenAI``, an annotation that still says ``AzureOpenAI`` is wrong
for a type checker and keeps an import alive for nothing. ``AzureOpenAI`` subclasses ``OpenAI``,
so the new annotation also accepts any Azure client still passed in from elsewhere.

**What changes**: parameter, return and variable annotations, including ``Optional[...]``,
``X | None``, ``list[...]`` and ``typing.cast`` targets, and the type argument of a generic base
class (``class Adapter(Base[AzureOpenAI])``, which is no subclass of it).

**Fix safety**: safe: the annotation only widens, so an Azure client still built elsewhere type-checks
against it. A module that migrated none of its constructors of that class (all were left for a
person) keeps its annotations, so they still match what it builds. A parameter or attribute
passed on to a parameter annotated with the Azure class that stays so (a function of this module,
or of another module of the project, read: ``super().__init__(client=async_client)``) keeps its
annotation, in its ``@overload`` signatures too, reported: renamed, it would admit a stock client that parameter rejects (a type
checker's arg-type error; pydantic's ``validate_call`` raises). A module that builds no client and
reads what only the Azure client has (``self.client._azure_ad_token``, ``client.default_query["api-version"]``:
AOAI111, reported on every run) keeps its annotations, so ``check`` stays red until the read goes.

**Manual follow-up**: none. String annotations (``"AzureOpenAI"``, ``"Optional[openai.AzureOpenAI]"``)
and ``TYPE_CHECKING`` imports follow too. A ``typing`` name that a collapsed union no longer
uses (``Union``) is removed when nothing else uses it. In a union, a renamed member that names
a class an earlier member names goes, wherever it stands; every other member stays, in order
(``None`` too). A nested ``|`` chain that would then begin ``None | None`` (an error where it is
evaluated) keeps its duplicate.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from collections.abc import Callable, Iterator
from typing import ClassVar

import libcst as cst

from transforms._base import Edits, Example, Rule, Transform, code_of, drop_items, literal_string, with_string_body
from transforms._index import FOLLOWERS, ModuleIndex, Reference
from transforms.class_references import checks_stock_twin
from transforms.client_constructor import azure_only_read

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
            title="a union of both Azure classes and their twins keeps every other member",
            before=(
                "from typing import Union\n"
                "from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI\n\n"
                "def setup(client: Union[OpenAI, AsyncOpenAI, AzureOpenAI, AsyncAzureOpenAI, None] = None): ...\n"
                "def other(client: OpenAI | AzureOpenAI | AsyncOpenAI | AsyncAzureOpenAI | None): ...\n"
            ),
            after=(
                "from typing import Union\n"
                "from openai import AsyncOpenAI, OpenAI\n\n"
                "def setup(client: Union[OpenAI, AsyncOpenAI, None] = None): ...\n"
                "def other(client: OpenAI | AsyncOpenAI | None): ...\n"
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
        renamed: dict[cst.CSTNode, str] = {}  # annotation node -> the class it names now
        if not any(r.kind == "call" for r in index.references) and azure_only_read(index) is not None:
            return  # its AOAI111 stays until the read goes (a trial on semantic-kernel's realtime connector:
            # renamed, the annotation left no trace, and the next ``check`` passed over ``_azure_ad_token``)
        allowed = set()
        for azure in ("AzureOpenAI", "AsyncAzureOpenAI"):
            refs = [r for r in index.references if r.azure == azure]
            migrated = any(r.kind == "call" and r.node in edits.rewritten for r in refs)
            left = any(
                r.kind not in ("annotation", *FOLLOWERS) and r.node not in edits.rewritten and not checks_stock_twin(index, r) for r in refs
            )  # (an isinstance check naming the stock class too stays true, and loses its Azure member: a
            # round-2 trial on litellm needed a second run for the annotations then)
            if not (left and not migrated):  # else the module still only builds the Azure class: its annotations stay true
                allowed.add(azure)
        classes = frozenset(allowed)  # a string naming both classes renames those of them that go
        for azure in sorted(allowed):
            refs = [r for r in index.references if r.azure == azure]
            for ref in refs:
                if ref.kind != "annotation" or ref.ambiguous or not edits.allows(index, ref.node, "AOAI002"):
                    continue
                passed = forwarded_to_azure(index, ref, classes)
                if passed is not None:
                    value, parameter, callee = passed
                    edits.report(
                        index,
                        ref.node,
                        "AOAI002",
                        f"this annotation stays {azure}: `{value}` is passed on to `{parameter}` of {callee}, which "
                        f"is annotated {azure} and stays so, and would reject the {ref.target} this annotation then "
                        f"admits; migrate both together, or widen that parameter's annotation to {ref.target}, then re-run",
                    )
                    continue
                replacement = index.retarget(ref, classes)
                if replacement is None:
                    continue
                if isinstance(replacement, cst.SimpleString):
                    replacement = _string_without_duplicates(index, ref, replacement, edits)
                    edits.string_classes[ref.node] = classes
                edits.replace(ref.node, lambda _updated, new=replacement: new)
                edits.rewritten.add(ref.node)
                renamed[ref.node] = ref.target
                edits.report(index, ref.node, "AOAI002", f"annotation {azure} -> {ref.target}", fixed=True)
        drop_duplicate_members(index, renamed, edits)


# --------------------------------------------------------------------------- unions
#
# A union is a ``Union[...]`` subscript or a chain of ``|``. Its members are read flat, as
# ``typing`` reads them: a member that is itself a union (``Union[A, Union[B, C]]``,
# ``A | (B | C)``) gives its own members. Each renamed member that now names a class an earlier
# member of the same union already names is dropped; every other member stays, in order. The
# members that go are worked out together on the tree as it was read, and one edit of the
# outermost union removes them all, so no removal shifts the position of another.

_STOCK = frozenset({"openai.OpenAI", "openai.AsyncOpenAI"})


class _Shape:
    """Where the members of a union are: ``kind`` "subscript" or "chain", one entry per direct
    member, a nested :class:`_Shape` for a member that is a union itself, None for a leaf."""

    __slots__ = ("kind", "members")

    def __init__(self, kind: str, members: list[_Shape | None]) -> None:
        self.kind = kind
        self.members = members


class _Mismatch(Exception):
    """The tree an edit receives is not shaped like the one the drops were planned on."""


def _chain(node: cst.BaseExpression) -> tuple[list[cst.BaseExpression], list[cst.BitOr]]:
    """The operands of a ``|`` chain, in order, and the operators between them; a parenthesised
    operand is one operand (a union of its own)."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        operands, operators = [], []
        for side in (node.left, node.right):
            if isinstance(side, cst.BinaryOperation) and isinstance(side.operator, cst.BitOr) and not side.lpar:
                inner, between = _chain(side)
            else:
                inner, between = [side], []
            if operands:
                operators.append(node.operator)
            operands += inner
            operators += between
        return operands, operators
    return [node], []


def _is_or(node: cst.CSTNode | None) -> bool:
    return isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr)


def _subscript_members(node: cst.Subscript) -> list[cst.BaseExpression] | None:
    if not node.slice or not all(isinstance(e.slice, cst.Index) for e in node.slice):
        return None
    return [e.slice.value for e in node.slice]  # type: ignore[union-attr]


def _union_of(index: ModuleIndex, node: cst.CSTNode) -> cst.BaseExpression | None:
    """The union ``node`` is a direct member of, or None."""
    parent = index.parent(node)
    if isinstance(parent, cst.Index):
        element = index.parent(parent)
        union = index.parent(element) if isinstance(element, cst.SubscriptElement) else None
        if (
            isinstance(union, cst.Subscript)
            and index.qualified_names(union.value) & _UNIONS
            and _subscript_members(union) is not None
        ):
            return union
        return None
    if not _is_or(parent):
        return None
    root = parent
    while not root.lpar and _is_or(index.parent(root)):  # type: ignore[union-attr]
        root = index.parent(root)
    return root  # type: ignore[return-value]


def _shape(node: cst.BaseExpression, is_union: Callable[[cst.Subscript], bool]) -> _Shape | None:
    """The shape of ``node`` read as a union (None: a leaf). ``is_union`` says which subscripts
    are ``Union[...]``; a ``|`` chain always is one (it stands in an annotation)."""
    if _is_or(node):
        return _Shape("chain", [_shape(m, is_union) for m in _chain(node)[0]])
    if isinstance(node, cst.Subscript) and is_union(node):
        members = _subscript_members(node)
        if members is not None:
            return _Shape("subscript", [_shape(m, is_union) for m in members])
    return None


def _leaves(node: cst.BaseExpression, shape: _Shape | None) -> Iterator[cst.BaseExpression]:
    if shape is None:
        yield node
        return
    members = _chain(node)[0] if shape.kind == "chain" else _subscript_members(node)  # type: ignore[arg-type]
    for member, inner in zip(members or (), shape.members):
        yield from _leaves(member, inner)


def _duplicates(identities: list[str | None], renamed: list[bool]) -> set[int]:
    """The positions of the members to drop: every occurrence but the first of a stock class
    that a renamed member names (a duplicate the user wrote beside no renamed member stays)."""
    named = {identity for identity, new in zip(identities, renamed) if new and identity is not None}
    seen: set[str] = set()
    drop: set[int] = set()
    for position, identity in enumerate(identities):
        if identity in named:
            if identity in seen:
                drop.add(position)
            seen.add(identity)
    return drop


def _can_start_a_chain(first: cst.BaseExpression, second: cst.BaseExpression) -> bool:
    """Whether ``first | second`` surely runs: a ``|`` chain is evaluated where it stands, and
    ``None | None`` or ``"A" | B`` raise. A class (a name, an attribute, a subscript, a union) has
    its ``|``; ``None`` takes one from a class after it."""

    def is_class(node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Name):
            return node.value != "None"
        return isinstance(node, (cst.Attribute, cst.Subscript)) or _is_or(node)

    return is_class(first) or (isinstance(first, cst.Name) and first.value == "None" and is_class(second))


def _without(node: cst.BaseExpression, shape: _Shape | None, drop: set[int], counter: list[int]) -> cst.BaseExpression | None:
    """``node`` without the leaves at the positions ``drop`` (counted in ``counter``); None when
    none of its leaves stays. A union left with one member becomes that member."""
    if shape is None:
        position = counter[0]
        counter[0] += 1
        return None if position in drop else node
    if shape.kind == "chain":
        operands, operators = _chain(node)
        if len(operands) != len(shape.members):
            raise _Mismatch
        kept = [(i, new) for i, m in enumerate(operands) if (new := _without(m, shape.members[i], drop, counter)) is not None]
        if len(kept) <= 1:
            return kept[0][1] if kept else None
        if [i for i, _ in kept[:2]] != [0, 1] and not _can_start_a_chain(kept[0][1], kept[1][1]):
            return node  # ``None | None`` would raise where the annotation is read: the chain stays whole
        (previous, chain) = kept[0]
        for i, operand in kept[1:]:
            # the operator keeps the layout after the member before it and the layout before its
            # own member: a dropped member's end-of-line comment goes with it
            operator = operators[previous].with_changes(whitespace_after=operators[i - 1].whitespace_after)
            chain = cst.BinaryOperation(left=chain, operator=operator, right=operand)
            previous = i
        return chain.with_changes(lpar=node.lpar, rpar=node.rpar)
    assert isinstance(node, cst.Subscript)
    members = _subscript_members(node)
    if members is None or len(members) != len(shape.members):
        raise _Mismatch
    elements, gone = [], set()
    for element, member, inner in zip(node.slice, members, shape.members):
        new = _without(member, inner, drop, counter)
        if new is None:
            gone.add(id(element))
        elif new is not member:
            element = element.with_changes(slice=element.slice.with_changes(value=new))
        elements.append(element)
    if gone:
        doomed = {id(e) for e, old in zip(elements, node.slice) if id(old) in gone}
        elements = drop_items(elements, lambda e: id(e) in doomed)
    if len(elements) <= 1:
        return elements[0].slice.value if elements else None  # type: ignore[attr-defined]
    return node.with_changes(slice=elements)


def _drops_union_name(node: cst.BaseExpression, shape: _Shape | None, drop: set[int]) -> bool:
    """Whether a ``Union[...]`` spelled with the bare name ``Union`` loses members."""
    if shape is None or not drop:
        return False
    return any(
        isinstance(n, cst.Subscript) and isinstance(n.value, cst.Name) and n.value.value == "Union"
        for n in _unions_in(node, shape)
    )


def _unions_in(node: cst.BaseExpression, shape: _Shape) -> Iterator[cst.BaseExpression]:
    yield node
    members = _chain(node)[0] if shape.kind == "chain" else _subscript_members(node)  # type: ignore[arg-type]
    for member, inner in zip(members or (), shape.members):
        if inner is not None:
            yield from _unions_in(member, inner)


def drop_duplicate_members(
    index: ModuleIndex,
    renamed: dict[cst.CSTNode, str],
    edits: Edits,
    identity: Callable[[cst.CSTNode], str | None] | None = None,
) -> None:
    """``Union[AzureOpenAI, OpenAI]`` -> ``OpenAI``, ``OpenAI | AzureOpenAI | None`` -> ``OpenAI | None``:
    a renamed member that names a class an earlier member names goes. ``identity`` tells which class
    a member names (after the rename), None for none it knows: :func:`_identity` by default, for the
    SDK classes; the LangChain rule gives its own."""
    if identity is None:
        identity = functools.partial(_identity, index, renamed=renamed)
    outermost: dict[int, cst.BaseExpression] = {}
    for node in renamed:
        union, above = None, _union_of(index, node)
        while above is not None:
            union, above = above, _union_of(index, above)
        if union is not None:
            outermost.setdefault(id(union), union)

    def is_union(node: cst.Subscript) -> bool:
        return bool(index.qualified_names(node.value) & _UNIONS)

    for union in outermost.values():
        shape = _shape(union, is_union)
        leaves = list(_leaves(union, shape))
        identities = [identity(leaf) for leaf in leaves]
        drop = _duplicates(identities, [leaf in renamed for leaf in leaves])
        if not drop:
            continue
        if _drops_union_name(union, shape, drop):
            edits.unused_candidates.add(("typing", "Union"))
        edits.vanished.update(leaf for position, leaf in enumerate(leaves) if position in drop and leaf in renamed)

        def without(updated: cst.CSTNode, shape: _Shape | None = shape, drop: set[int] = drop) -> cst.CSTNode:
            try:
                new = _without(updated, shape, drop, [0])  # type: ignore[arg-type]
            except _Mismatch:  # another edit reshaped the union: it keeps its members
                return updated
            return updated if new is None else new

        edits.replace(union, without)


def _identity(index: ModuleIndex, leaf: cst.CSTNode, renamed: dict[cst.CSTNode, str]) -> str | None:
    """``openai.OpenAI`` / ``openai.AsyncOpenAI`` when the member names that class (after the
    rename), else None."""
    if leaf in renamed:
        if isinstance(leaf, cst.SimpleString):  # "AzureOpenAI" -> "OpenAI", not "Optional[...]"
            try:
                parsed = cst.parse_expression(literal_string(leaf) or "")
            except cst.ParserSyntaxError:
                return None
            return f"openai.{renamed[leaf]}" if isinstance(parsed, (cst.Name, cst.Attribute)) else None
        return f"openai.{renamed[leaf]}"
    return _stock(index.qualified_names(leaf))


def _string_without_duplicates(index: ModuleIndex, ref: Reference, renamed: cst.SimpleString, edits: Edits) -> cst.SimpleString:
    """The renamed string annotation ``renamed`` without the members that became duplicates:
    ``"Union[AzureOpenAI, OpenAI]"`` -> ``"OpenAI"``. The drops are worked out on the string as it
    was written (where the names resolve) and made on the renamed one, which has the same shape."""
    scope = index.scope(ref.node)
    before, after = literal_string(ref.node), literal_string(renamed)  # type: ignore[arg-type]
    if scope is None or before is None or after is None:
        return renamed
    try:
        original, new = cst.parse_expression(before), cst.parse_expression(after)
    except cst.ParserSyntaxError:
        return renamed

    def names(node: cst.CSTNode) -> set[str]:
        if not isinstance(node, (cst.Name, cst.Attribute)):
            return set()
        return {q.name for q in scope.get_qualified_names_for(code_of(node))}

    def is_union(node: cst.Subscript) -> bool:
        return bool(names(node.value) & _UNIONS)

    def identify(leaves: list[cst.BaseExpression]) -> tuple[list[str | None], list[bool]]:
        # a member the rename rewrote now names ref.target; any other names what it resolves to
        azure = [code_of(leaf) != code_of(_same_place(original, leaf, new) or leaf) for leaf in leaves]
        identities = [
            f"openai.{code_of(_same_place(original, leaf, new) or leaf).rpartition('.')[2]}" if a else _stock(names(leaf))
            for leaf, a in zip(leaves, azure)
        ]
        return identities, azure

    deduplicated = without_duplicate_members(original, new, is_union, identify, edits, all_or_nothing=True)
    if deduplicated is None or deduplicated is new:
        return renamed
    body = code_of(deduplicated)
    result = with_string_body(renamed, body)
    return result if result is not None and literal_string(result) == body else renamed


def without_duplicate_members(
    original: cst.BaseExpression,
    new: cst.BaseExpression,
    is_union: Callable[[cst.Subscript], bool],
    identify: Callable[[list[cst.BaseExpression]], tuple[list[str | None], list[bool]]],
    edits: Edits,
    *,
    all_or_nothing: bool,
) -> cst.BaseExpression | None:
    """``new`` (a string annotation's expression after a rename, with the shape of ``original``,
    as it was written, where the names resolve) without the members of a union that then name a
    class an earlier member names. ``identify`` gives, for a union's members in ``original``, the
    class each names after the rename (None: none known) and whether the rename made it. A union
    whose members cannot be dropped keeps them; with ``all_or_nothing``, None is returned instead.
    ``new`` itself when nothing is dropped."""
    swaps: list[tuple[cst.CSTNode, cst.BaseExpression]] = []
    for union in _outermost_unions(original, is_union):
        shape = _shape(union, is_union)
        identities, renamed = identify(list(_leaves(union, shape)))
        drop = _duplicates(identities, renamed)
        if not drop:
            continue
        target = _same_place(original, union, new)
        try:
            replaced = None if target is None else _without(target, shape, drop, [0])  # type: ignore[arg-type]
        except _Mismatch:
            replaced = None
        if target is None or replaced is None:
            if all_or_nothing:
                return None
            continue  # the duplicate stays: harmless
        if _drops_union_name(union, shape, drop):
            edits.unused_candidates.add(("typing", "Union"))
        swaps.append((target, replaced))
    for target, replaced in swaps:  # disjoint subtrees of ``new``: each is still there by identity
        new = replaced if new is target else new.deep_replace(target, replaced)  # type: ignore[assignment]
    return new


def _stock(names: set[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 and names <= _STOCK else None


def _outermost_unions(expression: cst.BaseExpression, is_union: Callable[[cst.Subscript], bool]) -> list[cst.BaseExpression]:
    """The unions of ``expression`` that are no member of another union, outermost first."""
    found: list[cst.BaseExpression] = []

    class Finder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if _is_or(node) or (isinstance(node, cst.Subscript) and is_union(node) and _subscript_members(node) is not None):
                found.append(node)  # type: ignore[arg-type]
                return False  # its nested unions are read with it
            return True

    expression.visit(Finder())
    return found


def _same_place(original: cst.CSTNode, node: cst.CSTNode, renamed: cst.CSTNode) -> cst.CSTNode | None:
    """The node of ``renamed`` at the place ``node`` has in ``original`` (the two trees have the
    same shape: only names differ)."""
    path: list[int] = []

    def find(current: cst.CSTNode) -> bool:
        if current is node:
            return True
        for position, child in enumerate(current.children):
            path.append(position)
            if find(child):
                return True
            path.pop()
        return False

    if not find(original):
        return None
    current = renamed
    for position in path:
        children = current.children
        if position >= len(children):
            return None
        current = children[position]
    return current



# --------------------------------------------------------------------------- values passed on
#
# ``def __init__(self, async_client: AsyncAzureOpenAI | None = None): super().__init__(client=async_client)``
# where the callee says ``client: AsyncAzureOpenAI | None`` (semantic-kernel 1.45.0: its base class,
# in another module, is left Azure and is ``@validate_call``): renamed, the annotation invites the
# stock class, which the callee then rejects (mypy's arg-type error; pydantic's ValidationError).
# Such an annotation stays, reported. A parameter or attribute only used for calls on the client
# is no argument anywhere, and is renamed as before.

_AZURE = frozenset({"AzureOpenAI", "AsyncAzureOpenAI"})
_AZURE_WORD = re.compile(r"\b(?:Async)?AzureOpenAI\b")


class _Callee:
    """A function this run can read: its positional and keyword-only parameters (name, whether
    the annotation names an Azure class and stays so), and how it is shown in a finding."""

    __slots__ = ("keyword_only", "label", "positional")

    def __init__(self, label: str, positional: list[tuple[str, bool]], keyword_only: list[tuple[str, bool]]) -> None:
        self.label = label
        self.positional = positional
        self.keyword_only = keyword_only

    def parameter(self, argument: cst.Arg, position: int, bound: bool) -> tuple[str, bool] | None:
        if argument.star:
            return None
        if argument.keyword is not None:
            name = argument.keyword.value
            return next((p for p in (*self.positional, *self.keyword_only) if p[0] == name), None)
        position += 1 if bound else 0
        return self.positional[position] if position < len(self.positional) else None


def forwarded_to_azure(index: ModuleIndex, ref: Reference, renames: frozenset[str]) -> tuple[str, str, str] | None:
    """``(value, parameter, callee)`` when the parameter or attribute ``ref`` annotates is passed on
    to a parameter of a function this run can read (of this module, or of another module of the
    project) that is annotated with an Azure class and keeps it (``renames``: the classes this
    module renames), else None."""
    annotation = next((a for a in index.ancestors(ref.node) if isinstance(a, cst.Annotation)), None)
    owner = index.parent(annotation) if annotation is not None else None
    holders = [a for a in index.ancestors(ref.node) if isinstance(a, (cst.FunctionDef, cst.ClassDef))]
    if isinstance(owner, cst.Param) and holders and isinstance(holders[0], cst.FunctionDef):
        spelled, within = owner.name.value, _overloads(index, holders[0])

        def matches(value: cst.BaseExpression) -> bool:
            return isinstance(value, cst.Name) and value.value == spelled

    elif isinstance(owner, cst.AnnAssign) and (klass := next((h for h in holders if isinstance(h, cst.ClassDef)), None)):
        target = owner.target
        if isinstance(target, cst.Name) and holders[0] is klass:  # a class attribute or field
            attribute = target.value
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            attribute = target.attr.value
        else:
            return None
        spelled, within = f"self.{attribute}", [klass]

        def matches(value: cst.BaseExpression) -> bool:  # ``self.<attribute>``, told without printing it
            return (
                isinstance(value, cst.Attribute)
                and value.attr.value == attribute
                and isinstance(value.value, cst.Name)
                and value.value.value == "self"
            )

    else:
        return None
    for call in index.nodes(cst.Call):
        assert isinstance(call, cst.Call)
        arguments = [(i, a) for i, a in enumerate(call.args) if matches(a.value)]
        if not arguments or not any(holder in within for holder in index.ancestors(call)):
            continue
        found = _callee(index, call, renames)
        if found is None:
            continue
        callee, bound = found
        for position, argument in arguments:
            parameter = callee.parameter(argument, position, bound)
            if parameter is not None and parameter[1]:
                return spelled, parameter[0], callee.label
    return None


def _overloads(index: ModuleIndex, function: cst.FunctionDef) -> list[cst.FunctionDef]:
    """``function`` and, when it is one of a set of ``@overload`` signatures or their implementation,
    the others of that set (its namesakes in the same body): a parameter that one of them passes on
    is the same parameter in each (a trial on semantic-kernel 0.9.6b1: the implementation's
    annotation stayed Azure and an overload's was renamed, which a type checker rejects)."""
    body = getattr(index.parent(function), "body", None)
    if not isinstance(body, (list, tuple)):
        return [function]
    family = [s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == function.name.value]

    def overload(f: cst.FunctionDef) -> bool:
        return any(code_of(d.decorator) in ("overload", "typing.overload", "typing_extensions.overload") for d in f.decorators)

    return family if len(family) > 1 and any(overload(f) for f in family) else [function]


def _callee(index: ModuleIndex, call: cst.Call, renames: frozenset[str]) -> tuple[_Callee, bool] | None:
    """What ``call`` calls, when this run can read it, and whether its first parameter is bound
    (a method through ``super()``, a class's ``__init__``)."""
    func = call.func
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Call)
        and isinstance(func.value.func, cst.Name)
        and func.value.func.value == "super"
    ):
        klass = next((a for a in index.ancestors(call) if isinstance(a, cst.ClassDef)), None)
        if klass is None:
            return None
        for base in klass.bases:
            if base.keyword is None:
                found = _function(index, base.value, func.attr.value, renames)
                if found is not None:
                    return found, True
        return None
    if isinstance(func, (cst.Name, cst.Attribute)):
        found = _function(index, func, None, renames)
        return None if found is None else (found, found.label.endswith(".__init__"))
    return None


def _function(index: ModuleIndex, node: cst.BaseExpression, method: str | None, renames: frozenset[str]) -> _Callee | None:
    """The function ``node`` names (with ``method``: that method of the class it names; a class
    called: its ``__init__``), defined in this module or read from another module of the project."""
    for qualified in sorted(index.qualified_names(node)):
        if qualified.startswith(("openai.", "builtins.")):
            continue
        if "." not in qualified.lstrip("."):  # defined here
            found = _local(index, qualified, method, renames)
        else:
            found = _elsewhere(qualified, method)
        if found is not None:
            return found
    return None


def _local(index: ModuleIndex, name: str, method: str | None, renames: frozenset[str]) -> _Callee | None:
    for statement in index.module.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and statement.name.value == name:
            break
    else:
        return None
    label = name
    if isinstance(statement, cst.ClassDef):
        wanted = method or "__init__"
        body = statement.body.body if isinstance(statement.body, cst.IndentedBlock) else ()
        statement = next((s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == wanted), None)
        if statement is None:
            return None
        label = f"{name}.{wanted}"
    elif method is not None:
        return None

    def kept(param: cst.Param) -> bool:
        if param.annotation is None:
            return False
        inside = {id(n) for n in _walk(param.annotation)}
        refs = [r for r in index.references if id(r.node) in inside]
        return bool(refs) and any(r.azure not in renames for r in refs)

    params = statement.params
    return _Callee(
        label,
        [(p.name.value, kept(p)) for p in (*params.posonly_params, *params.params)],
        [(p.name.value, kept(p)) for p in params.kwonly_params],
    )


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _elsewhere(qualified: str, method: str | None) -> _Callee | None:
    """The function ``qualified`` names in another module of the project (read with ``ast``:
    its annotations are taken to stay, as this run cannot tell whether it migrates that module)."""
    from migrate import project_modules

    found = project_modules.module_tree(qualified)
    if found is None or found[1] is None:
        return None
    path, tree = found
    name = qualified.rpartition(".")[2]
    spellings = set(_AZURE)
    for statement in ast.walk(tree):
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").startswith("openai"):
            spellings |= {a.asname for a in statement.names if a.name in _AZURE and a.asname}
    definition = next((s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and s.name == name), None)
    label = f"{os.path.splitext(os.path.basename(path))[0]}.{name}"
    if isinstance(definition, ast.ClassDef):
        wanted = method or "__init__"
        definition = next((s for s in definition.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == wanted), None)
        label = f"{label}.{wanted}"
    elif method is not None:
        return None
    if definition is None:
        return None

    def azure(argument: ast.arg) -> bool:
        if argument.annotation is None:
            return False
        for node in ast.walk(argument.annotation):
            if isinstance(node, ast.Name) and node.id in spellings or isinstance(node, ast.Attribute) and node.attr in _AZURE:
                return True
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                _AZURE_WORD.search(node.value) or any(re.search(rf"\b{re.escape(s)}\b", node.value) for s in spellings)
            ):
                return True
        return False

    arguments = definition.args
    return _Callee(
        label,
        [(a.arg, azure(a)) for a in (*arguments.posonlyargs, *arguments.args)],
        [(a.arg, azure(a)) for a in arguments.kwonlyargs],
    )

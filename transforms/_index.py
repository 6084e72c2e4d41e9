"""One analysis of a module, shared by every transform: where the Azure client classes are used.

Every reference is found by *qualified name* (``import openai as oa; oa.AzureOpenAI`` matches,
a project's own ``class AzureOpenAI`` does not) and classified by the place it stands in:
a constructor call, an annotation, an ``isinstance`` check, a base class, or any other value.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Literal

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import QualifiedName, QualifiedNameSource
from libcst.metadata.base_provider import LazyValue
from libcst.metadata.scope_provider import ImportAssignment, Scope

from transforms._base import literal_string, nodes_within, with_string_body
from transforms._metadata import _NEWLINE, _NODE_TYPES, Positions, fields_of, is_node, scopes, statement_positions
from transforms._regions import Regions
from transforms._suppression import silences


def _names_and_attributes(expression: cst.BaseExpression) -> list[cst.CSTNode]:
    """Top-most Name and Attribute nodes of an expression (``a.b.c`` once, not ``a``/``a.b``)."""
    found: list[cst.CSTNode] = []

    class Collect(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            found.append(node)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.append(node)

    expression.visit(Collect())
    return found


def _dotted(node: cst.CSTNode | None) -> bool:
    """Whether ``node`` is a name or a chain of attributes of one (``a``, ``a.b.c``)."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _loaded_name(node: cst.CSTNode | None) -> str | None:
    """The top-level package a call given a dotted name first loads, as what imports a module by
    name does (``importlib.import_module``, ``__import__``, ``lazy_loader.load``, a project's
    ``import_optional_dependency``): ``openai`` for ``f("openai.lib.azure")``, ``llama_index`` for
    ``f(f"llama_index.llms.{provider}")`` (an f-string whose fixed start names the package, a
    trial); None for any other node, or a first argument that is no such dotted name."""
    if not isinstance(node, cst.Call) or not node.args or node.args[0].keyword is not None or node.args[0].star:
        return None
    first = node.args[0].value
    if isinstance(first, cst.FormattedString) and first.parts and isinstance(first.parts[0], cst.FormattedStringText):
        head, dot, _ = first.parts[0].value.partition(".")
        return head if dot and head.isidentifier() else None
    name = literal_string(first)
    if not name or not all(part.isidentifier() for part in name.split(".")):
        return None
    return name.partition(".")[0]


def _loads_openai(node: cst.CSTNode | None) -> bool:
    """A call given ``"openai"`` (or ``"openai.lib.azure"``) first (:func:`_loaded_name`)."""
    return _loaded_name(node) == "openai"


def _names_set_to_none(statement: cst.CSTNode | None) -> bool:
    """``a = None``, ``a = b = None``: an assignment of None to names only."""
    return (
        isinstance(statement, cst.Assign)
        and all(isinstance(t.target, cst.Name) for t in statement.targets)
        and isinstance(statement.value, cst.Name)
        and statement.value.value == "None"
    )


def _only_import_and_nones(statement: cst.CSTNode, nones: list[cst.Name], assignments) -> bool:  # noqa: ANN001
    """Whether every one of ``assignments`` is the import ``statement`` or one of its None fallbacks."""
    allowed = {id(statement), *map(id, nones)}
    return all(id(a.node) in allowed for a in assignments)


def azure_only_keywords(call: cst.Call) -> list[str]:
    """The keywords of ``call`` that only the Azure clients take (:data:`AZURE_ONLY_KEYWORDS`), in order."""
    return [a.keyword.value for a in call.args if a.keyword is not None and a.keyword.value in AZURE_ONLY_KEYWORDS]


def _absolute_module(statement: cst.ImportFrom) -> str | None:
    """The module a ``from`` import names; None for a relative one (LibCST's ``AddImportsVisitor``
    knows no package to resolve it against, so it leaves those alone)."""
    if statement.relative or statement.module is None:
        return None
    return get_full_name_for_node(statement.module)


def _strings_in(node: cst.CSTNode, index: ModuleIndex) -> list[cst.SimpleString]:
    """The string literals of the statement that binds ``__all__`` (list, tuple, ``+=``)."""
    statement: cst.CSTNode | None = node
    while statement is not None and not isinstance(statement, cst.SimpleStatementLine):
        statement = index.parent(statement)
    if statement is None:
        return []
    return nodes_within(statement, cst.SimpleString)


def _joined(pieces: list[list[tuple[str | None, ...]]]) -> list[tuple[str | None, ...]]:
    """Every pattern of :meth:`ModuleIndex._text_patterns` that one pattern of each of ``pieces``, in
    turn, makes (at most 32)."""
    found: list[tuple[str | None, ...]] = [()]
    for options in pieces:
        found = [(*head, *tail) for head in found for tail in options][:32]
    return found


def _matches(pattern: tuple[str | None, ...], text: str) -> bool:
    """Whether ``text`` is a string of :meth:`ModuleIndex._text_patterns`' ``pattern`` (None: any text)."""
    regex = "".join(".*" if part is None else re.escape(part) for part in pattern)
    return re.fullmatch(regex, text, re.DOTALL) is not None


_COLLECTED = (cst.SimpleString, cst.Call, cst.ImportFrom, cst.Name, cst.Attribute, cst.ImportAlias)


class _Collector:
    """One walk for the parent of every node and the nodes transforms look for, in source order.

    It goes through the children itself, in LibCST's own visiting order
    (:func:`transforms._metadata.fields_of`), instead of through ``CSTNode.visit``, which rebuilds
    every node it passes.
    """

    def __init__(self) -> None:
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.by_kind: dict[type[cst.CSTNode], list[cst.CSTNode]] = {kind: [] for kind in _COLLECTED}
        self.names_and_attributes: list[cst.Name | cst.Attribute] = []  # both kinds, in visiting order
        #: id of each statement of a body (the module's, an indented block's) -> (line breaks printed
        #: before it, line breaks printed to its end, the indentation it is printed at); see
        #: :class:`transforms._regions.Regions`, which checks every use against the text
        self.statements: dict[int, tuple[int, int, tuple[str, ...]]] = {}
        self.breaks = 0  # line breaks in the whole print, counted as LibCST's printer makes them

    def collect(self, node: cst.CSTNode) -> _Collector:
        parents, by_kind, names, statements = self.parents, self.by_kind, self.names_and_attributes, self.statements
        name_kinds = (cst.Name, cst.Attribute)
        default_indent = node.default_indent if isinstance(node, cst.Module) else "    "
        breaks = 0
        indents: tuple[str, ...] = ()

        node_types = _NODE_TYPES

        def walk(node: cst.CSTNode) -> None:  # children(node), inlined: this runs at every node
            nonlocal breaks, indents
            kind = type(node)
            found = by_kind.get(kind)
            if found is not None:
                found.append(node)
                if kind in name_kinds:
                    names.append(node)  # type: ignore[arg-type]
            text = _TEXT_FIELDS.get(kind)
            if text is not None:
                if text:
                    value = getattr(node, text)
                    if "\n" in value or "\r" in value:
                        breaks += len(_NEWLINE.findall(value))
                else:  # a Newline: one line break, whatever its value
                    breaks += 1
            bodies = kind is cst.Module or kind is cst.IndentedBlock
            for field in fields_of(node):
                value = getattr(node, field)
                if isinstance(value, (tuple, list)):
                    if bodies and field == "body":
                        outer = indents
                        if kind is cst.IndentedBlock:
                            indents = (*indents, default_indent if node.indent is None else node.indent)  # type: ignore[attr-defined]
                        for child in value:
                            parents[child] = node
                            start = breaks
                            walk(child)
                            statements[id(child)] = (start, breaks, indents)
                        indents = outer
                        continue
                    for child in value:
                        parents[child] = node
                        walk(child)
                elif node_types.get(type(value)) or is_node(value):
                    parents[value] = node
                    walk(value)

        walk(node)
        self.breaks = breaks
        return self


#: Leaf node types whose printed text may hold line breaks -> the field holding that text ("": a
#: ``Newline``, always exactly one). What the line counts of :class:`_Collector` rest on.
_TEXT_FIELDS: dict[type[cst.CSTNode], str] = {
    cst.Newline: "",
    cst.SimpleWhitespace: "value",  # a backslash continuation
    cst.SimpleString: "value",
    cst.FormattedStringText: "value",
    **({cst.TemplatedStringText: "value"} if hasattr(cst, "TemplatedStringText") else {}),
}


def _value(value):  # noqa: ANN001, ANN202 - metadata values may be computed on first use
    return value() if isinstance(value, LazyValue) else value

#: Qualified name of an Azure client class -> (its short name, the class it becomes).
AZURE_CLASSES: dict[str, tuple[str, str]] = {
    "openai.AzureOpenAI": ("AzureOpenAI", "OpenAI"),
    "openai.lib.azure.AzureOpenAI": ("AzureOpenAI", "OpenAI"),
    "openai.AsyncAzureOpenAI": ("AsyncAzureOpenAI", "AsyncOpenAI"),
    "openai.lib.azure.AsyncAzureOpenAI": ("AsyncAzureOpenAI", "AsyncOpenAI"),
}
OPENAI_MODULES = ("openai", "openai.lib.azure")
#: The last part of every Azure class's qualified name.
_AZURE_SHORT = frozenset(name.rsplit(".", 1)[1] for name in AZURE_CLASSES)

Kind = Literal["call", "annotation", "isinstance", "base", "value", "export", "patched", "fallback", "check"]
#: Kinds that follow the import: renamed with it when it is renamed, left with it when it stays.
#: ``fallback``: the ``AzureOpenAI = None`` of ``try: from openai import AzureOpenAI / except
#: ImportError:``; ``check``: ``AzureOpenAI is None``, ``if AzureOpenAI:`` (neither builds nor
#: names a client, so either name answers the same).
FOLLOWERS = frozenset({"fallback", "check"})

_TYPE_CONSTRUCTORS = {"type", "list", "dict", "tuple", "set", "frozenset"}

#: Keywords only the Azure clients take (another library's look-alike class may take them too).
AZURE_ONLY_KEYWORDS = ("azure_endpoint", "azure_deployment", "api_version", "azure_ad_token", "azure_ad_token_provider")
#: What imports a module by its dotted name (class_references' AOAI204 follows these into ``getattr``).
_MODULE_LOADERS = frozenset({"importlib.import_module", "builtins.__import__"})
#: The keywords openai's AzureOpenAI / AsyncAzureOpenAI take (openai 3.63).
_AZURE_CLIENT_KEYWORDS = frozenset({
    *AZURE_ONLY_KEYWORDS, "api_key", "admin_api_key", "base_url", "organization", "project", "webhook_secret",
    "websocket_base_url", "workload_identity", "timeout", "max_retries", "default_headers", "default_query",
    "http_client", "_strict_response_validation", "_enforce_credentials",
})
#: Why a call that no qualified name follows to openai may still build the Azure client
#: (:meth:`ModuleIndex._untraced`): ``module``, through a name the module assigns the openai
#: module (``oai = openai``, ``self._openai = openai``); ``loader``, through what a call given
#: ``"openai"`` returns (``importlib.import_module("openai")``, ``import_optional_dependency("openai")``);
#: ``spelled``, through a name ``openai`` bound by something other than an import;
#: ``class``, a name bound to the class reached one of those ways; ``lookup``, the class that
#: ``getattr`` reads from the openai module by a name the module computes (``"AzureOpenAI" if
#: azure else "OpenAI"``); ``arguments``, through any other name, with an argument only the Azure
#: client takes, in a module that imports openai (or, for what a call returns, ``api_version`` and
#: an endpoint or Entra argument, in any module).
UNTRACED = ("module", "loader", "spelled", "class", "lookup", "arguments")

#: The calls that read an environment variable, with a default when given one.
ENVIRONMENT_LOOKUPS = frozenset({"os.getenv", "os.environ.get"})


def lookup_default(call: cst.Call) -> cst.BaseExpression | None:
    """The default of an environment lookup ``call`` (``os.getenv("V", D)``, ``os.environ.get("V",
    default=D)``), or None when it gives none."""
    default = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "default"), None)
    if default is None and len(call.args) == 2 and call.args[1].keyword is None:
        default = call.args[1].value
    return default


#: ``str`` methods that :meth:`ModuleIndex.string_values` follows (a version read and tidied).
_SAME_VERSION_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower"})


@dataclasses.dataclass(frozen=True)
class Binding:
    """An ``from openai import AzureOpenAI [as X]`` that a Name reference resolves to."""

    statement: cst.ImportFrom
    alias: cst.ImportAlias
    scope: Scope


@dataclasses.dataclass(frozen=True)
class Reference:
    node: cst.Name | cst.Attribute | cst.SimpleString | cst.Call | cst.Subscript  # a string: a string annotation; a call: ``getattr(m, "AzureOpenAI")`` called; a subscript: ``vars(m)["AzureOpenAI"]`` called
    azure: str  # AzureOpenAI | AsyncAzureOpenAI
    target: str  # OpenAI | AsyncOpenAI
    kind: Kind
    binding: Binding | None  # None for module attributes (``openai.AzureOpenAI``)
    ambiguous: bool  # the name may also be bound to something else (try/except fallback...)
    #: For a constructor call no qualified name follows to openai (:meth:`ModuleIndex._untraced`),
    #: why it may build the Azure client: one of :data:`UNTRACED`; "" for every other reference.
    untraced: str = ""


class ModuleIndex:
    """The analysis of ``module``. ``code`` is ``module.code`` when the caller already has it.

    Metadata is computed as it is needed: scopes once, qualified names per node on first use
    (what LibCST's ``QualifiedNameProvider`` gives, without its pass over every node), positions
    on the first :meth:`position`.
    """

    def __init__(self, module: cst.Module, code: str | None = None) -> None:
        self.module = module
        self._code = code
        self._qualified: dict[cst.CSTNode, set[str]] = {}
        #: answers about the module's names, asked again by each reference and transform
        self._imported_as: dict[tuple[str, bool], str | None] = {}
        self._bindings: dict[str, frozenset[str]] = {}
        self._positions = None
        self._fallbacks: dict[tuple[Scope, str], tuple[Binding, list[cst.Name]]] | None = None
        self._lookup_calls: dict[cst.CSTNode, str] | None = None
        self._open_lookup_nodes: set[cst.CSTNode] = set()
        collector = _Collector().collect(self.module)
        self._parents = collector.parents
        self._by_kind = collector.by_kind
        self._names_and_attributes = collector.names_and_attributes
        self._statements, self._breaks = collector.statements, collector.breaks
        self._regions: Regions | None = None
        self._local: dict[int, dict[cst.CSTNode, tuple[int, int]] | None] = {}  # see _local_position
        self._common: set[int] | None = None
        self._heads: dict[cst.CSTNode, tuple[int, int]] = {}  # see _head_position
        self._scopes = scopes(module, self._parents)
        self._all_scopes: set[Scope] | None = None
        self._lines: list[str] | None = None
        self.references: list[Reference] = [
            *self._find_references(),
            *self._find_string_annotations(),
            *self._find_exports(),
        ]
        # An annotation naming a class that a constructor the tool cannot follow may build stays
        # (a trial on griptape: ``-> openai.OpenAI`` above the ``openai.AzureOpenAI(...)`` it returns
        # hid the Azure client, and ``check`` passed once ``apply`` had renamed it)
        untraced = {r.azure for r in self.references if r.untraced}
        if untraced:
            self.references = [
                dataclasses.replace(r, ambiguous=True) if r.kind == "annotation" and r.azure in untraced else r
                for r in self.references
            ]
        self.calls: dict[cst.Name | cst.Attribute, cst.Call] = {}
        for ref in self.references:
            if ref.kind == "call":
                parent = self.parent(ref.node)
                assert isinstance(parent, cst.Call)
                self.calls[ref.node] = parent

    # ---------------------------------------------------------------- metadata access

    @property
    def code(self) -> str:
        """The module's source text (printed once, on first use, unless given)."""
        if self._code is None:
            self._code = self.module.code
        return self._code

    def printed_module(self) -> str:
        """``module.code``: from the print that placed the nodes for :meth:`position`, if there was one."""
        printed = self._positions.printed if self._positions is not None else None
        return printed if printed is not None else self.module.code

    @property
    def regions(self) -> Regions:
        """The regions of the text each statement prints as (see :mod:`transforms._regions`)."""
        if self._regions is None:
            self._regions = Regions(self.module, self.code, self._statements, self._breaks)
        return self._regions

    def position(self, node: cst.CSTNode) -> tuple[int, int]:
        found = self._local_position(node)
        if found is None:
            if self._positions is None:
                self._positions = Positions(self.module, (n for nodes in self._by_kind.values() for n in nodes))
            found = self._positions.start(node)
        line, column = found
        return line, column + 1

    def _local_position(self, node: cst.CSTNode) -> tuple[int, int] | None:
        """Where ``node`` starts, from a print of the innermost statement holding it alone (noting
        the nodes findings are usually about), once that print matches the statement's region."""
        statements = self._statements
        statement: cst.CSTNode | None = node
        below: cst.CSTNode | None = None  # the child of ``statement`` that holds the node
        while statement is not None and id(statement) not in statements:
            below, statement = statement, self._parents.get(statement)
        if statement is None or not self.regions.usable:
            return None
        if below is not None and isinstance(statement, cst.BaseCompoundStatement) and below is not getattr(statement, "body", below):
            # (a ``match`` has cases, no body: a round-3 trial crashed on ``case AzureOpenAI():``)
            return self._head_position(node, statement)
        key = id(statement)
        if key not in self._local:
            places, printed = self._placed(statement, {node}, self._common_ids())
            self._local[key] = places if self.regions.note_print(statement, printed) else None
        local = self._local[key]
        if local is None:
            return None
        found = local.get(node)
        if found is None:  # not one of the common nodes: a print of the statement noting it and its siblings
            places, _ = self._placed(statement, self._siblings(node), set())
            if node not in places:
                return None
            local.update(places)
            found = local[node]
        return found

    def _head_position(self, node: cst.CSTNode, statement: cst.CSTNode) -> tuple[int, int] | None:
        """Where ``node``, in a compound statement but outside its first block (a decorator, a
        ``def``'s parameters and return annotation, an ``if``'s test, an ``except`` clause), starts:
        from a print of the statement that stops there, once that much matches the start of its
        region."""
        found = self._heads.get(node)
        if found is None:
            places, printed = self._placed(statement, self._siblings(node), self._common_ids(), stop_at=node)
            if node not in places or not self.regions.text_of(statement).startswith(printed):
                return None
            self._heads.update(places)
            found = self._heads[node]
        return found

    def _placed(
        self, statement: cst.CSTNode, wanted: set[cst.CSTNode], common: set[int], stop_at: cst.CSTNode | None = None
    ) -> tuple[dict[cst.CSTNode, tuple[int, int]], str]:
        """:func:`statement_positions` of a statement of a body, its lines counted in the file (from
        where its region starts), and the print."""
        regions = self.regions
        places, printed = statement_positions(self.module, statement, regions.indents_of(statement), wanted, common, stop_at)
        line = regions.line_of(statement)
        return {n: (line + row, column) for n, (row, column) in places.items()}, printed

    def _common_ids(self) -> set[int]:
        """The ids of the nodes findings are usually about (every collected node): each print for
        positions notes them all."""
        if self._common is None:
            self._common = {id(n) for nodes in self._by_kind.values() for n in nodes}
        return self._common

    def _siblings(self, node: cst.CSTNode) -> set[cst.CSTNode]:
        """``node`` and the nodes beside it in its parent's field (a call's arguments: asked in turn)."""
        parent = self._parents.get(node)
        if parent is not None:
            for field in fields_of(parent):
                value = getattr(parent, field)
                if isinstance(value, (tuple, list)) and any(item is node for item in value):
                    return {*value}
        return {node}

    def suppressed(self, line: int, code: str) -> bool:
        """``# aoai-migrate: ignore`` or ``# aoai-migrate: ignore[AOAI101, AOAI203]`` on ``line``."""
        return silences(self.line_text(line), code)

    def line_text(self, line: int) -> str:
        """The text of the 1-based ``line`` of the module ("" past its end)."""
        if self._lines is None:
            self._lines = self.code.split("\n")
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self._parents.get(node)

    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        names = self._qualified.get(node)
        if names is None:
            names = self._qualified[node] = {q.name for q in self._qualified_names(node)}
        return set(names)

    def _qualified_names(self, node: cst.CSTNode) -> set[QualifiedName]:
        """What ``QualifiedNameProvider`` gives ``node``: its scope's qualified names for it."""
        scope = self.scope(node)
        return set(scope.get_qualified_names_for(node)) if scope else set()

    def scope(self, node: cst.CSTNode) -> Scope | None:
        return _value(self._scopes.get(node))

    def all_scopes(self) -> set[Scope]:
        if self._all_scopes is None:
            self._all_scopes = {s for s in map(_value, self._scopes.values()) if s is not None}
        return set(self._all_scopes)

    def nodes(self, kind: type[cst.CSTNode]) -> Iterator[cst.CSTNode]:
        """Every node of ``kind`` (one of :data:`_COLLECTED`), in source order."""
        return iter(self._by_kind[kind])

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        parent = self._parents.get(node)
        while parent is not None:
            yield parent
            parent = self._parents.get(parent)

    # ---------------------------------------------------------------- names

    def binding_names(self, name: str) -> set[str]:
        """Qualified names of everything bound to ``name`` anywhere in the module."""
        found = self._bindings.get(name)
        if found is None:
            names: set[str] = set()
            for scope in self.all_scopes():
                if scope.assignments[name]:
                    names |= {q.name for q in scope.get_qualified_names_for(name)}
            found = self._bindings[name] = frozenset(names)
        return set(found)

    def module_import_of(self, qualified: str, *, unconditional: bool = False) -> str | None:
        """The local name under which the module imports ``qualified`` (``from a import b``) in a
        statement that runs whenever the module does: one of its body, or of a ``try`` there (the
        optional import, whose ``except ImportError: OpenAI = None`` :data:`FOLLOWERS` account for).
        One under an ``if`` (``if TYPE_CHECKING:``, a version test) does not count (a trial on
        azure-ai-projects: ``-> "OpenAI"`` under ``if TYPE_CHECKING:`` made the tool drop a
        function's ``from openai import AzureOpenAI`` and call ``OpenAI(...)``, a NameError).
        ``unconditional``: nor one in a ``try``, for code that imported the Azure class for sure
        (a function's own guarded import must not give way to a module-level name that may be None)."""
        key = (qualified, unconditional)
        if key in self._imported_as:
            return self._imported_as[key]
        found = None
        scope = self.module_scope
        for assignment in scope.assignments:
            if isinstance(assignment, ImportAssignment) and isinstance(assignment.node, cst.ImportFrom):
                if not self.runs_with_module(assignment.node, unconditional):
                    continue
                if any(q.name == qualified for q in scope.get_qualified_names_for(assignment.name)):
                    found = assignment.name
                    break
        self._imported_as[key] = found
        return found

    def runs_with_module(self, statement: cst.CSTNode, unconditional: bool) -> bool:
        """Whether the module-level ``statement`` is in the module's body (or, unless
        ``unconditional``, in the body of a ``try`` there)."""
        line = self.parent(statement)
        holder = self.parent(line) if line is not None else None
        if holder is self.module:
            return True
        if unconditional or not isinstance(holder, cst.IndentedBlock):
            return False
        block = self.parent(holder)
        return isinstance(block, cst.Try) and block.body is holder and self.parent(block) is self.module

    @property
    def module_scope(self) -> Scope:
        scope = _value(self._scopes[self.module])
        assert scope is not None
        return scope

    def free_or_bound_to(self, name: str, qualified: str) -> bool:
        """Whether ``name`` is unbound in the module or only ever bound by importing ``qualified``."""
        for scope in self.all_scopes():
            for assignment in scope.assignments[name]:
                if not isinstance(assignment, ImportAssignment):
                    return False
        return self.binding_names(name) <= {qualified}

    # ---------------------------------------------------------------- references

    def _reference_candidates(self) -> Iterator[cst.Name | cst.Attribute]:
        """The Name and Attribute nodes whose qualified names can include an Azure class, in order.

        A qualified name of ``a.b.C`` ends in ``C`` (the root is replaced by what binds it); one
        of a Name is what an import binds to it (``from m import C as N``, ``import m.C as N``:
        the imported name ends in ``C``) or the name itself behind a scope prefix. So a node is a
        candidate when its last part is an Azure class name or a name an import alias binds to
        something whose name holds one; no other node can resolve to an Azure class.
        """
        aliased = {
            alias.evaluated_alias
            for alias in self._by_kind[cst.ImportAlias]
            if alias.asname is not None and any(short in alias.evaluated_name for short in _AZURE_SHORT)  # type: ignore[attr-defined]
        }
        classes, attributes = self._class_names()
        for node in self._names_and_attributes:
            if isinstance(node, cst.Attribute):
                if node.attr.value in _AZURE_SHORT:
                    yield node
                elif node.attr.value in attributes and self._called(node):
                    yield node  # ``self.client_cls(...)`` of ``self.client_cls = sdk.AzureOpenAI`` (a trial)
            elif node.value in _AZURE_SHORT or node.value in aliased:
                yield node
            elif node.value in classes and self._called(node):
                yield node  # ``Client(...)`` of ``Client = sdk.AzureOpenAI``: :meth:`_untraced` (a trial)

    def _called(self, node: cst.CSTNode) -> bool:
        call = self.parent(node)
        return isinstance(call, cst.Call) and call.func is node

    def _class_names(self) -> tuple[set[str], set[str]]:
        """The names and the attribute names (``self.x``) that a plain assignment binds to
        ``<x>.AzureOpenAI`` (``AsyncAzureOpenAI``), to a ``getattr`` naming one
        (:meth:`_lookups`), or to a name bound so (``Factory = Client``)."""
        names: set[str] = set()
        attributes: set[str] = set()
        work: list[cst.CSTNode] = [
            *(n for n in self._by_kind[cst.Attribute] if n.attr.value in _AZURE_SHORT),  # type: ignore[attr-defined]
            *self._lookups(),
        ]
        while work:
            node = work.pop()
            statement = self.parent(node)
            if not (isinstance(statement, (cst.Assign, cst.AnnAssign)) and statement.value is node):
                continue
            targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, cst.Attribute):
                    attributes.add(target.attr.value)
                elif isinstance(target, cst.Name) and target.value not in names:
                    names.add(target.value)
                    work += [n for n in self._by_kind[cst.Name] if n.value == target.value and n is not target]  # type: ignore[attr-defined]
        return names, attributes

    def _lookups(self) -> dict[cst.CSTNode, str]:
        """Each lookup of an attribute by a name the module computes (:meth:`_lookup_parts`) whose
        name may be ``"AzureOpenAI"`` (or ``"AsyncAzureOpenAI"``) as far as the module shows
        (:meth:`_text_patterns`: ``"AzureOpenAI" if azure else "OpenAI"``, a trial; a name bound to
        that, ``CLASSES[provider]`` of a dict of class names, ``prefix + "OpenAI"``,
        ``f"{'Azure' if azure else ''}OpenAI"``, trials) -> that class name. A lookup on the openai
        module by a name the module does not show at all goes to :attr:`_open_lookup_nodes`."""
        if self._lookup_calls is None:
            self._lookup_calls = {}
            self._open_lookup_nodes = set()
            for node in self._lookup_sites():
                parts = self._lookup_parts(node)
                if parts is None:
                    continue
                receiver, name = parts
                patterns = self._text_patterns(name)
                known = [p for p in patterns if any(part is not None for part in p)]
                short = next((c for c in ("AzureOpenAI", "AsyncAzureOpenAI") if any(_matches(p, c) for p in known)), None)
                if short is not None:
                    self._lookup_calls.setdefault(node, short)
                elif len(known) < len(patterns) and self._openai_receiver(receiver):
                    self._open_lookup_nodes.add(node)
        return self._lookup_calls

    def _open_lookups(self) -> set[cst.CSTNode]:
        """The lookups on the openai module by a name the module does not show (``getattr(openai,
        name)`` of a parameter ``name``): they may read the Azure class, so a call of one that passes
        an argument only the Azure client takes is reported (:meth:`_azure_arguments`)."""
        self._lookups()
        return self._open_lookup_nodes

    def _lookup_sites(self) -> Iterator[cst.CSTNode]:
        """The nodes that may read an attribute by a computed name: ``getattr(...)`` calls,
        ``vars(X)[...]`` and ``X.__dict__[...]``."""
        for call in self._by_kind[cst.Call]:
            func = call.func  # type: ignore[attr-defined]
            spelled = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if spelled == "getattr":
                yield call
            elif spelled == "vars" and isinstance(self.parent(call), cst.Subscript) and self.parent(call).value is call:  # type: ignore[union-attr]
                yield self.parent(call)  # type: ignore[misc]
        for attribute in self._by_kind[cst.Attribute]:
            parent = self.parent(attribute)
            if attribute.attr.value == "__dict__" and isinstance(parent, cst.Subscript) and parent.value is attribute:  # type: ignore[attr-defined]
                yield parent

    def _lookup_parts(self, node: cst.CSTNode | None) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
        """(what is read from, the attribute name) of ``getattr(X, name)``, ``vars(X)[name]`` and
        ``X.__dict__[name]`` (trials: each read openai's AzureOpenAI); None for any other node."""
        if isinstance(node, cst.Call):
            args = node.args
            if len(args) < 2 or any(a.keyword is not None or a.star for a in args[:2]):
                return None
            if "builtins.getattr" not in self.qualified_names(node.func):
                return None
            return args[0].value, args[1].value
        if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return None
        name = node.slice[0].slice.value
        mapping = node.value
        if isinstance(mapping, cst.Attribute) and mapping.attr.value == "__dict__":
            return mapping.value, name
        if isinstance(mapping, cst.Call) and len(mapping.args) == 1 and mapping.args[0].keyword is None and not mapping.args[0].star:
            if "builtins.vars" in self.qualified_names(mapping.func):
                return mapping.args[0].value, name
        return None

    def _openai_receiver(self, receiver: cst.BaseExpression) -> bool:
        """Whether the module shows ``receiver`` holds the openai module (its import, or :meth:`holds_openai_module`)."""
        return self.qualified_names(receiver) == {"openai"} or bool(self.holds_openai_module(receiver))

    def _text_patterns(self, node: cst.BaseExpression | None, depth: int = 0) -> list[tuple[str | None, ...]]:
        """What the string expression ``node`` may evaluate to, as far as the module shows: patterns
        of literal pieces and None for a piece it does not show (a parameter, a call). A literal; a
        name, what each of its bindings in reach assigns; ``a if c else b`` and ``a or b``, either
        side; ``a + b`` and an f-string, their pieces joined; ``D[k]`` of a name bound once to a dict
        (list, tuple) display, any of its values. At most 32 patterns; deeper than 8 is unknown."""
        unknown: list[tuple[str | None, ...]] = [(None,)]
        if node is None or depth > 8:
            return unknown
        value = literal_string(node)
        if value is not None:
            return [(value,)]
        depth += 1
        found: list[tuple[str | None, ...]] = []
        if isinstance(node, cst.Name):
            values = self.assigned_values(node)
            for value in values or (None,):
                found += self._text_patterns(value, depth) if value is not None else unknown
        elif isinstance(node, cst.IfExp):
            found = self._text_patterns(node.body, depth) + self._text_patterns(node.orelse, depth)
        elif isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            found = self._text_patterns(node.left, depth) + self._text_patterns(node.right, depth)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            found = _joined([self._text_patterns(node.left, depth), self._text_patterns(node.right, depth)])
        elif isinstance(node, cst.FormattedString):
            pieces = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    pieces.append([(part.value,)])
                elif isinstance(part, cst.FormattedStringExpression) and part.format_spec is None and part.conversion in (None, "s"):
                    pieces.append(self._text_patterns(part.expression, depth))
                else:
                    pieces.append(unknown)
            found = _joined(pieces)
        elif isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name):
            display = self.bound_value(node.value)
            if isinstance(display, cst.Dict):
                items = [e.value for e in display.elements if isinstance(e, cst.DictElement)]
                found = [p for item in items for p in self._text_patterns(item, depth)]
                if len(items) < len(display.elements):
                    found += unknown  # ``**other``
            elif isinstance(display, (cst.List, cst.Tuple)):
                items = [e.value for e in display.elements if not isinstance(e, cst.StarredElement)]
                found = [p for item in items for p in self._text_patterns(item, depth)]
                if len(items) < len(display.elements):
                    found += unknown
        return found[:32] if found else unknown

    def _lookup_why(self, node: cst.CSTNode | None) -> str | None:
        """For a lookup of :meth:`_lookups`: ``lookup`` when what it reads from holds the openai
        module, "" when not, or when AOAI204 already reports it (``getattr`` given the plain literal
        on the module itself); None for any other node."""
        short = self._lookups().get(node) if node is not None else None
        parts = self._lookup_parts(node) if short is not None else None
        if parts is None:
            return None
        receiver, name = parts
        module = self.qualified_names(receiver) == {"openai"}
        loaded = isinstance(receiver, cst.Call) and bool(self.qualified_names(receiver.func) & _MODULE_LOADERS) and self._loads_openai(receiver)
        if isinstance(node, cst.Call) and (module or loaded or self._reads_sys_modules(receiver, follow=False)) and literal_string(name) == short:
            return ""  # ``getattr(openai, "AzureOpenAI")``: class_references' AOAI204
        return "lookup" if module or self.holds_openai_module(receiver) else ""

    def _find_references(self) -> Iterator[Reference]:
        for lookup, short in self._lookups().items():  # ``getattr(mod, "AsyncAzureOpenAI")(...)`` (a trial)
            if self._called(lookup) and self._lookup_why(lookup):
                yield Reference(lookup, short, short.replace("Azure", ""), "call", None, ambiguous=True, untraced="lookup")
        for lookup in self._open_lookups():  # ``getattr(openai, name)(azure_endpoint=...)``
            call = self.parent(lookup)
            if self._called(lookup) and self._azure_arguments(call):  # type: ignore[arg-type]
                yield Reference(lookup, "AzureOpenAI", "OpenAI", "call", None, ambiguous=True, untraced="lookup")
        fallbacks = self._none_fallbacks()
        targets = {target: binding for binding, found in fallbacks.values() for target in found}
        for node in self._reference_candidates():
            if node in targets:
                binding = targets[node]
                short, target = AZURE_CLASSES[f"{_absolute_module(binding.statement)}.{binding.alias.evaluated_name}"]
                yield Reference(node, short, target, "fallback", binding, ambiguous=False)
                continue
            qualified = self.qualified_names(node)
            azure = qualified & AZURE_CLASSES.keys()
            if not azure:
                why = self._untraced(node)
                if why:
                    short = self._class_read(node)
                    yield Reference(node, short, short.replace("Azure", ""), "call", None, ambiguous=True, untraced=why)
                continue
            parent = self.parent(node)
            if isinstance(parent, cst.Attribute) and parent.value is node and self.qualified_names(parent) & AZURE_CLASSES.keys():
                # ``openai.lib`` inside ``openai.lib.azure.AzureOpenAI``: only the full chain counts.
                # (``AzureOpenAI.__init__`` is a use of the class itself: a trial on pyautogen saw
                # its import dropped, a NameError)
                continue
            patched = self._is_assignment_target(node)
            if patched and isinstance(node, cst.Name):
                continue  # ``AzureOpenAI = None``: a rebinding, seen as ambiguity at the uses
            short, target = AZURE_CLASSES[sorted(azure)[0]]
            fallback = self._falls_back(node, fallbacks) if isinstance(node, cst.Name) else None
            local = qualified - AZURE_CLASSES.keys()
            if fallback is not None:
                local = set()  # the import, or None where it failed: one name the rename follows
            ambiguous = bool(local) or len({AZURE_CLASSES[a] for a in azure}) > 1
            binding = fallback or (self._binding(node) if isinstance(node, cst.Name) else None)
            if isinstance(node, cst.Name) and binding is None:
                ambiguous = True
            kind = "patched" if patched else self._kind(node)
            why = ""
            if isinstance(node, cst.Attribute) and self._bound_locally(node):
                ambiguous = True  # ``openai = backends.get("openai")``: a local name spelled like the module (a trial)
                why = (self.holds_openai_module(node.value) or "spelled") if kind == "call" else ""
            yield Reference(node, short, target, kind, binding, ambiguous, untraced=why)

    def _none_fallbacks(self) -> dict[tuple[Scope, str], tuple[Binding, list[cst.Name]]]:
        """The names an ``from openai import AzureOpenAI [as X]`` binds that are otherwise only set
        to None, with the ``X = None`` targets: ``try: from openai import AzureOpenAI / except
        ImportError: AzureOpenAI = None``, the optional dependency of many libraries (trials on
        public code: AOAI105 held every such client back).

        Renaming every binding and use of such a name to the stock class's, the import and the
        None alike, changes nothing but the class: where the import failed the new name is None
        just where the old one was. So it is followed only where that name is free (bound and
        spelled nowhere in the module), or is imported and set to None with it
        (:meth:`_set_together`); else the uses stay AOAI105.
        """
        if self._fallbacks is not None:
            return self._fallbacks
        found: dict[tuple[Scope, str], tuple[Binding, list[cst.Name]]] = {}
        self._fallbacks = found
        targets = self._azure_aliases()
        for statement in self._by_kind[cst.ImportFrom]:
            assert isinstance(statement, cst.ImportFrom)
            if isinstance(statement.names, cst.ImportStar) or _absolute_module(statement) not in OPENAI_MODULES:
                continue
            scope = self.scope(statement)
            if scope is None:
                continue
            for alias in statement.names:
                qualified = f"{_absolute_module(statement)}.{alias.evaluated_name}"
                if qualified not in AZURE_CLASSES:
                    continue
                name = alias.evaluated_alias or alias.evaluated_name
                imports = [a for a in scope.assignments[name] if isinstance(a, ImportAssignment)]
                nones = [a.node for a in scope.assignments[name] if not isinstance(a, ImportAssignment)]
                if len(imports) != 1 or imports[0].node is not statement or not nones:
                    continue
                if not all(isinstance(n, cst.Name) and self._set_to_none(n) for n in nones):
                    continue
                target = AZURE_CLASSES[qualified][1]
                if not (self._free(target) or self._set_together(scope, statement, nones, target)):
                    continue
                if targets.get((scope, target), 0) > 1 or self._declared_or_deleted(name):
                    continue
                found[(scope, name)] = (Binding(statement, alias, scope), nones)
        return found

    def _azure_aliases(self) -> dict[tuple[Scope, str], int]:
        """How many import aliases of each scope import an Azure class whose stock twin is the
        given name. Two (``AzureOpenAI as ExtraClient`` and ``AzureOpenAI as PlainClient``, each
        with a None of its own) would both become ``OpenAI``, one name where there were two
        (a round-4 trial: the second try's None overwrote the first's)."""
        counts: dict[tuple[Scope, str], int] = {}
        for statement in self._by_kind[cst.ImportFrom]:
            assert isinstance(statement, cst.ImportFrom)
            module = _absolute_module(statement)
            scope = self.scope(statement)
            if isinstance(statement.names, cst.ImportStar) or module not in OPENAI_MODULES or scope is None:
                continue
            for alias in statement.names:
                twin = AZURE_CLASSES.get(f"{module}.{alias.evaluated_name}")
                if twin is not None:
                    counts[(scope, twin[1])] = counts.get((scope, twin[1]), 0) + 1
        return counts

    def _declared_or_deleted(self, name: str) -> bool:
        """Whether a ``global``/``nonlocal`` statement names ``name`` (a function then rebinds the
        module's or its enclosing function's name, which the rename would have to follow into the
        statement: a round-4 trial got a local instead, or a SyntaxError), or a ``del`` deletes it."""
        for node in self._by_kind[cst.Name]:
            if node.value != name:  # type: ignore[attr-defined]
                continue
            parent = self.parent(node)
            if isinstance(parent, cst.NameItem) or any(isinstance(a, cst.Del) for a in self._up_to_statement(node)):
                return True
        return False

    def _up_to_statement(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        for ancestor in self.ancestors(node):
            yield ancestor
            if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
                return

    def _set_to_none(self, node: cst.Name) -> bool:
        """``node = None`` (``a = b = None`` too), the whole statement."""
        target = self.parent(node)
        return isinstance(target, cst.AssignTarget) and _names_set_to_none(self.parent(target))

    def _set_together(self, scope: Scope, statement: cst.ImportFrom, nones: list[cst.CSTNode], target: str) -> bool:
        """Whether ``target`` is imported by ``statement`` too (unaliased), set to None where the Azure
        name is (``AzureOpenAI = OpenAI = None``, or on the lines next to it: :meth:`_none_run`), and
        bound nowhere else: the two names are None at the same times, so one can stand for the other."""
        if any(s.assignments[target] for s in self.all_scopes() if s is not scope):
            return False
        assert not isinstance(statement.names, cst.ImportStar)
        if not any(a.asname is None and a.evaluated_name == target for a in statement.names):
            return False
        imports = [a for a in scope.assignments[target] if isinstance(a, ImportAssignment)]
        others = [a.node for a in scope.assignments[target] if not isinstance(a, ImportAssignment)]
        if len(imports) != 1 or imports[0].node is not statement:
            return False
        if not all(isinstance(n, cst.Name) and self._set_to_none(n) for n in others):
            return False
        runs = [self._none_run(n) for n in [*others, *nones]]  # type: ignore[arg-type]
        if None in runs:
            return False
        return {runs[i] for i in range(len(others))} == {runs[i] for i in range(len(others), len(runs))}

    def _none_run(self, node: cst.Name) -> tuple[int, int] | None:
        """Where the ``node = None`` statement stands among the lines next to it that only set names
        to None (``AzureOpenAI = None`` / ``OpenAI = None`` in one ``except`` clause): no code runs
        between them, so the names they set are None at the same times. (the block, the run's first line)"""
        assign = self.parent(self.parent(node))  # Name -> AssignTarget -> Assign
        line = self.parent(assign) if assign is not None else None
        block = self.parent(line) if isinstance(line, cst.SimpleStatementLine) else None
        if not isinstance(block, (cst.IndentedBlock, cst.Module)):
            return None
        body = list(block.body)
        position = next(i for i, statement in enumerate(body) if statement is line)
        while position > 0 and self._sets_only_none(body[position - 1]):
            position -= 1
        return id(block), position

    def _sets_only_none(self, statement: cst.CSTNode) -> bool:
        return isinstance(statement, cst.SimpleStatementLine) and all(map(_names_set_to_none, statement.body))

    def _free(self, name: str) -> bool:
        """Whether no scope binds ``name`` and no Name node spells it."""
        return not any(scope.assignments[name] for scope in self.all_scopes()) and not any(
            n.value == name for n in self._by_kind[cst.Name]  # type: ignore[attr-defined]
        )

    def _falls_back(self, node: cst.Name, fallbacks: dict[tuple[Scope, str], tuple[Binding, list[cst.Name]]]) -> Binding | None:
        """The import of :meth:`_none_fallbacks` that ``node`` reads, when all it may read is that
        import and its None."""
        if not fallbacks:
            return None
        scope = self.scope(node)
        if scope is None:
            return None
        for access in scope.accesses[node.value]:
            if access.node is not node:
                continue
            referents = access.referents
            if not referents:
                return None
            owners = {(a.scope, a.name) for a in referents}
            if len(owners) != 1 or (key := next(iter(owners))) not in fallbacks:
                return None
            binding, nones = fallbacks[key]
            return binding if _only_import_and_nones(binding.statement, nones, referents) else None
        return None

    def _bound_locally(self, node: cst.Attribute) -> bool:
        """Whether the root of ``openai.AzureOpenAI`` is also bound by something other than an
        import: ``openai = backends.get("openai")``. ``openai = None`` (the fallback of ``try:
        import openai / except ImportError:``) is not: the call fails on None before and after
        (a round-2 trial on presidio: AOAI105 held back a safe rewrite)."""
        if not any(q.source is not QualifiedNameSource.IMPORT for q in self._qualified_names(node)):
            return False
        root: cst.BaseExpression = node
        while isinstance(root, cst.Attribute):
            root = root.value
        scope = self.scope(root) if isinstance(root, cst.Name) else None
        if scope is None:
            return True
        for assignment in scope[root.value]:  # type: ignore[attr-defined]
            if isinstance(assignment, ImportAssignment):
                continue
            value = self._assigned_value(assignment)
            if not (isinstance(value, cst.Name) and value.value == "None"):
                return True
        return False

    def _untraced(self, node: cst.Name | cst.Attribute) -> str:
        """Why ``node(...)``, a call of a name or attribute spelled ``AzureOpenAI`` /
        ``AsyncAzureOpenAI`` that no qualified name follows to openai, may build the Azure client
        (one of :data:`UNTRACED`); "" when it is no such call, or names what the module shows
        to be something else: another library's import, a class or function of its own.

        A trial on griptape (``openai = import_optional_dependency("openai")`` in a method, then
        ``openai.AzureOpenAI(...)``) and one on gptme (``AzureOpenAI = _lazy_client_factory(...)``)
        passed ``check`` with the Azure client left: the names are the function's own, which
        qualified names do not follow to the module."""
        call = self.parent(node)
        if not (isinstance(call, cst.Call) and call.func is node):
            return ""
        if isinstance(node, cst.Attribute) and node.attr.value not in _AZURE_SHORT:
            # ``self.client_cls(...)`` of ``self.client_cls = sdk.AzureOpenAI`` (a trial)
            for value in self._held_values(node):
                why = self._class_value_why(value)
                if why is not None:
                    return why
            return self._azure_arguments(call)
        if isinstance(node, cst.Attribute):
            receiver = node.value
            if _dotted(receiver) and any(q.source is QualifiedNameSource.IMPORT for q in self._qualified_names(node)):
                return ""  # that import's class: openai's is a reference, another library's is theirs
            if isinstance(receiver, cst.Name) and receiver.value == "openai" and not self._referents(receiver):
                return ""  # the unbound name: ``client_constructor._report_unimported``
            if self._loads_other_package(receiver):
                return ""  # ``importlib.import_module("llama_index.llms").AzureOpenAI``: that package's class
            cls = self._class_of(receiver) if isinstance(receiver, cst.Name) else None
            if cls is not None and isinstance(cls.body, cst.IndentedBlock) and any(
                isinstance(s, (cst.ClassDef, cst.FunctionDef)) and s.name.value == node.attr.value for s in cls.body.body
            ):
                return ""  # ``class Providers: class AzureOpenAI: ...``: the module's own class (a trial)
            return self.holds_openai_module(receiver) or self._unset_openai(receiver) or self._azure_arguments(call, receiver)
        if node.value not in _AZURE_SHORT and not self._class_read(node, alias=True):
            return ""
        referents = self._referents(node)
        if referents is None or any(isinstance(a, ImportAssignment) for a in referents):
            return ""
        if not referents and any(isinstance(s.names, cst.ImportStar) for s in self._by_kind[cst.ImportFrom]):  # type: ignore[attr-defined]
            return ""  # from openai import *: AOAI205; from another library: theirs
        for assignment in referents:
            if isinstance(getattr(assignment, "node", None), (cst.ClassDef, cst.FunctionDef)):
                return ""  # the module's own class or factory
            why = self._class_value_why(self._assigned_value(assignment))
            if why is not None:
                return why
        return self._azure_arguments(call)

    def _unset_openai(self, receiver: cst.BaseExpression) -> str:
        """``spelled`` for ``self.openai`` (``self._openai``, ``cls.openai``) that the module never
        assigns: the class it reads is set elsewhere (neo4j-graphrag's ``self.openai = openai`` in a
        base class of another module, a trial), so ``self.openai.AzureOpenAI`` may be openai's; ""
        for any other receiver, and one the module assigns (:meth:`_held_values` tells what)."""
        if not (isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name)):
            return ""
        if receiver.attr.value.lstrip("_") != "openai" or receiver.value.value not in ("self", "cls"):
            return ""
        return "" if self._held_values(receiver) else "spelled"

    def _class_value_why(self, value: cst.BaseExpression | None) -> str | None:
        """What a name (or ``self.x``) bound to ``value`` and then called builds, as :meth:`_untraced`
        answers it: ``class`` for ``<module a call returns>.AzureOpenAI``, ``lookup`` for a
        ``getattr`` naming the class on the openai module (:meth:`_lookup_why`), "" for a class the
        module shows to be openai's (followed there) or another library's; None when it does not
        tell. A name bound once to another name is followed (``Factory = Client``, a trial)."""
        seen: set[int] = set()
        while value is not None and id(value) not in seen:
            seen.add(id(value))
            if _dotted(value) and (
                self.qualified_names(value) & AZURE_CLASSES.keys()  # ``C = openai.AzureOpenAI``: AOAI203 there
                or any(q.source is QualifiedNameSource.IMPORT for q in self._qualified_names(value))
            ):
                return ""
            if isinstance(value, cst.Attribute) and value.attr.value in _AZURE_SHORT:
                if self.holds_openai_module(value.value):
                    return "class"  # ``AzureOpenAI = import_optional_dependency("openai").AzureOpenAI``
                if self._loads_other_package(value.value):
                    return ""
                return None
            why = self._lookup_why(value)
            if why is not None:
                return why
            value = self.bound_value(value) if isinstance(value, cst.Name) else None
        return None

    def _class_read(self, node: cst.Name | cst.Attribute, alias: bool = False) -> str:
        """The Azure class name ``node`` is spelled or bound to (``Client = sdk.AzureOpenAI``,
        ``Factory = Client``, ``cls = getattr(openai, "AzureOpenAI" if a else "OpenAI")``,
        ``self.client_cls = sdk.AzureOpenAI``); with ``alias``, only a name spelled otherwise and
        bound to one, "" for any other."""
        spelled = node.attr.value if isinstance(node, cst.Attribute) else node.value
        if not alias and spelled in _AZURE_SHORT:
            return spelled
        work: list[cst.BaseExpression | None] = (
            [*self._held_values(node)] if isinstance(node, cst.Attribute) else [*self.assigned_values(node)]
        )
        seen: set[int] = set()
        while work:
            value = work.pop(0)
            if value is None or id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, cst.Attribute) and value.attr.value in _AZURE_SHORT:
                return value.attr.value
            if value in self._lookups():
                return self._lookups()[value]
            if value in self._open_lookups():
                return "AzureOpenAI"  # ``cls = getattr(openai, name)``: reported with Azure arguments
            if isinstance(value, cst.Name):
                work += self.assigned_values(value)
        return "" if alias else spelled

    def holds_openai_module(self, receiver: cst.BaseExpression) -> str:
        """How the module shows ``receiver`` (``X`` of ``X.AzureOpenAI``) holds the openai module,
        as one of :data:`UNTRACED` ("" when it does not): a name bound once to it (``oai =
        openai``) or ``self.x`` that the module assigns it (``module``); a call given ``"openai"``,
        or a name bound once to one (``loader``); a name ``openai`` bound by anything but an import
        (``spelled``)."""
        values = self._sources(receiver)
        for value in values[1:]:
            if isinstance(value, (cst.Name, cst.Attribute)) and self.qualified_names(value) == {"openai"}:
                return "module"
        if any(self._loads_openai(value) or self._reads_sys_modules(value) for value in values):
            return "loader"
        if isinstance(receiver, cst.Name) and receiver.value == "openai" and any(
            not isinstance(a, ImportAssignment) and not isinstance(getattr(a, "node", None), cst.Param)
            for a in self._referents(receiver) or ()
        ):  # (a parameter ``openai`` is the caller's: reported only with Azure arguments, as any name)
            return "spelled"
        return ""

    def _sources(self, expression: cst.BaseExpression) -> list[cst.BaseExpression]:
        """``expression`` first, then what the module shows it may be: the value of a name bound once
        (through other names: ``oai = sdk``, a trial), what the module assigns ``self.x``
        (:meth:`_held_values`), what a function, method or lambda of the module returns
        (:meth:`_returned_values`). Each expression is followed once."""
        found: list[cst.BaseExpression] = []
        work: list[cst.BaseExpression | None] = [expression]
        seen: set[int] = set()
        while work and len(found) < 64:
            value = work.pop(0)
            if value is None or id(value) in seen:
                continue
            seen.add(id(value))
            found.append(value)
            if isinstance(value, cst.Name):
                work.append(self.bound_value(value))
            elif isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
                work += self._held_values(value)  # (a trial: ``class Driver: openai = load("openai")``)
            work += self._returned_values(value)
        return found

    def _returned_values(self, value: cst.BaseExpression | None) -> list[cst.BaseExpression]:
        """For ``f()`` where ``f`` is bound only to a function of the module, what its ``return``
        statements return (``def _openai(): return importlib.import_module("openai")``, a trial);
        the same for a lambda bound once to ``f`` and for ``self.f()`` / ``cls.f()`` of a method of
        the class (or of a class it derives from or that derives from it, in the module: trials);
        [] for any other value."""
        if not isinstance(value, cst.Call):
            return []
        function = self._function_of(value.func)
        if isinstance(function, cst.Lambda):
            return [function.body]
        if function is None:
            return []
        returned: list[cst.BaseExpression] = []

        class Returns(cst.CSTVisitor):
            def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
                return node is function  # not the returns of a nested function

            def visit_Lambda(self, node: cst.Lambda) -> bool:
                return False

            def visit_Return(self, node: cst.Return) -> None:
                if node.value is not None:
                    returned.append(node.value)

        function.visit(Returns())
        return returned

    def _function_of(self, func: cst.BaseExpression) -> cst.FunctionDef | cst.Lambda | None:
        """The module's ``def`` (or lambda) that calling ``func`` runs, when the module shows one:
        a name bound only to it, or ``self.m`` / ``cls.m`` of a method of the class's family."""
        if isinstance(func, cst.Name):
            nodes = [getattr(a, "node", None) for a in self._referents(func) or []]
            if len(nodes) == 1 and isinstance(nodes[0], cst.FunctionDef):
                return nodes[0]
            bound = self.bound_value(func)
            return bound if isinstance(bound, cst.Lambda) else None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
            cls = self._class_of(func.value)
            for member in self._class_family(cls) if cls is not None else ():
                for statement in member.body.body if isinstance(member.body, cst.IndentedBlock) else ():
                    if isinstance(statement, cst.FunctionDef) and statement.name.value == func.attr.value:
                        return statement
        return None

    def _class_family(self, cls: cst.ClassDef) -> list[cst.ClassDef]:
        """``cls`` first, then the module-level classes it derives from and those deriving from it
        (by name, transitively): ``self.x`` in one may be set in another (neo4j-graphrag's
        ``self.openai = openai`` in a base class, a trial)."""
        classes = {s.name.value: s for s in self.module.body if isinstance(s, cst.ClassDef)}
        if classes.get(cls.name.value) is not cls:
            return [cls]

        def bases(c: cst.ClassDef) -> set[str]:
            return {a.value.value for a in c.bases if isinstance(a.value, cst.Name) and a.value.value in classes}

        family = [cls]
        changed = True
        while changed:
            changed = False
            for name, other in classes.items():
                if other in family:
                    continue
                if name in set().union(*map(bases, family)) or bases(other) & {c.name.value for c in family}:
                    family.append(other)
                    changed = True
        return family

    def _loads_openai(self, value: cst.BaseExpression | None) -> bool:
        """:func:`_loads_openai`, or :meth:`_loaded_package` is openai."""
        return _loads_openai(value) or self._loaded_package(value) == "openai"

    def _loaded_package(self, value: cst.BaseExpression | None) -> str | None:
        """:func:`_loaded_name`, and for a module loader (``importlib.import_module``, ``__import__``,
        a callee named for importing or loading) given a name or f-string the module shows is always
        one dotted name (``PKG = "openai"; import_module(PKG)``, ``import_module(f"{PKG}")``, a
        trial), that name's package."""
        found = _loaded_name(value)
        if found is not None or not isinstance(value, cst.Call) or not value.args:
            return found
        if value.args[0].keyword is not None or value.args[0].star:
            return None
        callee = (get_full_name_for_node(value.func) or "").rpartition(".")[2].lower()
        if not (self.qualified_names(value.func) & _MODULE_LOADERS or any(w in callee for w in ("import", "require", "load", "dependency"))):
            return None
        patterns = self._text_patterns(value.args[0].value)
        if len(patterns) != 1 or None in patterns[0]:
            return None
        name = "".join(patterns[0])  # type: ignore[arg-type]
        return name.partition(".")[0] if name and all(part.isidentifier() for part in name.split(".")) else None

    def _reads_sys_modules(self, value: cst.BaseExpression | None, follow: bool = True) -> bool:
        """``sys.modules["openai"]`` (or ``sys.modules.get("openai")``): the loaded openai module (a
        trial); with ``follow``, also through a name bound to ``sys.modules`` (``mods = sys.modules``)."""

        def modules(mapping: cst.BaseExpression) -> bool:
            values = self._sources(mapping) if follow else [mapping]
            return any("sys.modules" in self.qualified_names(v) for v in values if isinstance(v, (cst.Name, cst.Attribute)))

        if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
            return self._string_value(value.slice[0].slice.value) == "openai" and modules(value.value)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "get":
            return _loads_openai(value) and modules(value.func.value)
        return False

    def _loads_other_package(self, receiver: cst.BaseExpression) -> bool:
        """Whether ``receiver`` is (a name bound once to, or ``self.x`` / a class attribute that the
        module only assigns) a call that imports a package other than openai by name:
        ``importlib.import_module("llama_index.llms")``, ``__import__(...)``,
        ``import_optional_dependency(...)``, ``lazy_loader.load(...)``, a project's
        ``require("llama_index.llms.azure_openai")`` (any callee given a dotted package path)."""
        if isinstance(receiver, cst.Call):
            loaded: list[cst.BaseExpression | None] = [receiver]
        elif isinstance(receiver, cst.Name):
            loaded = [self.bound_value(receiver)]
        elif isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name):
            loaded = self._held_values(receiver)  # (a trial: ``self.llms = import_module("llama_index...")``)
        else:
            return False
        return bool(loaded) and all(self._imports_other(value) for value in loaded)

    def _imports_other(self, loaded: cst.BaseExpression | None) -> bool:
        """:meth:`_loads_other_package` of one value."""
        if not isinstance(loaded, cst.Call) or self._loaded_package(loaded) in (None, "openai"):
            return False
        callee = (get_full_name_for_node(loaded.func) or "").rpartition(".")[2].lower()
        return (
            any(word in callee for word in ("import", "require", "load", "dependency"))
            or "." in (literal_string(loaded.args[0].value) or "")  # a package path: ``get("llama_index.llms")``
            or bool(self.qualified_names(loaded.func) & {"importlib.import_module", "builtins.__import__"})
        )

    def _held_values(self, attribute: cst.Attribute) -> list[cst.BaseExpression]:
        """What the module assigns ``r.x`` (:meth:`_attribute_values`), and for ``self.x`` /
        ``cls.x`` / ``C.x`` what the class body binds ``x`` to (``class D: openai = load("openai")``)."""
        values = self._attribute_values(attribute)
        cls = self._class_of(attribute.value)  # type: ignore[arg-type]
        family = self._class_family(cls) if cls is not None else []
        if family and attribute.value.value in ("self", "cls"):  # type: ignore[attr-defined]
            values += self._attribute_values(attribute, family[1:])  # set in a base class or a subclass (a trial)
        for cls in family:
            for statement in cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ():
                for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                    if isinstance(small, cst.Assign) and any(
                        isinstance(t.target, cst.Name) and t.target.value == attribute.attr.value for t in small.targets
                    ):
                        values.append(small.value)
                    elif isinstance(small, cst.AnnAssign) and small.value is not None and isinstance(small.target, cst.Name):
                        if small.target.value == attribute.attr.value:
                            values.append(small.value)
        return values

    def _class_of(self, receiver: cst.Name) -> cst.ClassDef | None:
        """The module's class ``receiver`` stands for: ``self`` / ``cls`` in its methods, or a name
        bound only to a ``class`` statement."""
        if receiver.value in ("self", "cls"):
            return next((a for a in self.ancestors(receiver) if isinstance(a, cst.ClassDef)), None)
        referents = self._referents(receiver) or []
        nodes = [getattr(a, "node", None) for a in referents]
        if len(nodes) == 1 and isinstance(nodes[0], cst.ClassDef):
            return nodes[0]
        return None

    def _azure_arguments(self, call: cst.Call, receiver: cst.BaseExpression | None = None) -> str:
        """``arguments`` when ``call`` passes an argument only the Azure client takes, in a module
        that imports openai; also in any module for ``<receiver>.AzureOpenAI(...)`` with ``receiver``
        what a call returns (``require_openai().AzureOpenAI``: a helper of another module, a trial)
        given api_version and an endpoint or Entra argument, as only the Azure client is built; else ""."""
        given = azure_only_keywords(call)
        if not given:
            return ""
        if receiver is not None and "api_version" in given and len(given) > 1:
            taken = all(a.keyword is None or a.keyword.value in _AZURE_CLIENT_KEYWORDS for a in call.args)
            if taken and any(isinstance(v, cst.Call) for v in self._sources(receiver)):
                return "arguments"  # (``engine=``, llama_index's, is no keyword of openai's class)
        imports_openai = any(
            isinstance(self.parent(alias), cst.Import) and alias.evaluated_name.partition(".")[0] == "openai"  # type: ignore[attr-defined]
            for alias in self._by_kind[cst.ImportAlias]
        ) or any(
            (_absolute_module(node) or "").partition(".")[0] == "openai"  # type: ignore[arg-type]
            for node in self._by_kind[cst.ImportFrom]
        )
        return "arguments" if imports_openai else ""

    def _referents(self, node: cst.Name) -> list | None:
        """The bindings the name ``node`` may read ([] for a name nothing binds; None when the
        scope analysis has no record of the read)."""
        scope = self.scope(node)
        if scope is None:
            return None
        for access in scope.accesses[node.value]:
            if access.node is node:
                return list(access.referents)
        return None

    def _find_string_annotations(self) -> Iterator[Reference]:
        """``"AzureOpenAI"`` / ``"Optional[openai.AzureOpenAI]"`` used as annotations."""
        for node in self.nodes(cst.SimpleString):
            value = literal_string(node)  # type: ignore[arg-type]
            if not value or self._kind(node) != "annotation":
                continue
            try:
                expression = cst.parse_expression(value)
            except Exception:  # noqa: BLE001 - not an expression: not ours to touch
                continue
            scope = self.scope(node)
            if scope is None:
                continue
            found = {self._resolve_in_string(scope, n) for n in _names_and_attributes(expression)} - {None}
            # A string naming both Azure classes gets a reference for each (a trial: with none, its
            # imports were dropped and typing.get_type_hints raised NameError); each class's names in
            # it are renamed when that class's annotations are (:meth:`retarget`).
            for qualified, binding in sorted(found, key=lambda item: item[0]):  # type: ignore[misc]
                short, target = AZURE_CLASSES[qualified]
                yield Reference(node, short, target, "annotation", binding, ambiguous=False)

    def _find_exports(self) -> Iterator[Reference]:
        """``__all__ = ["AzureOpenAI", ...]``: the module re-exports the Azure class."""
        scope = self.module_scope
        for assignment in scope.assignments["__all__"]:
            for node in _strings_in(assignment.node, self):
                resolved = self._resolve_in_string(scope, cst.Name(literal_string(node) or "_"))
                if resolved is not None and literal_string(node):
                    qualified, binding = resolved
                    short, target = AZURE_CLASSES[qualified]
                    yield Reference(node, short, target, "export", binding, ambiguous=False)

    def _resolve_in_string(self, scope: Scope, node: cst.CSTNode) -> tuple[str, Binding | None] | None:
        """The Azure class a Name/Attribute inside a string annotation names, resolved in ``scope``."""
        dotted = cst.Module(body=[]).code_for_node(node)
        root, _, rest = dotted.partition(".")
        assignments = scope[root]
        imports = [a for a in assignments if isinstance(a, ImportAssignment)]
        if len(imports) != 1:
            return None
        assignment = imports[0]
        if len(assignments) > 1:  # only the import's None fallback may bind it too
            fallback = self._none_fallbacks().get((assignment.scope, assignment.name))
            if fallback is None or not _only_import_and_nones(assignment.node, fallback[1], assignments):
                return None
        for qualified in assignment.scope.get_qualified_names_for(root):
            full = f"{qualified.name}.{rest}" if rest else qualified.name
            if full not in AZURE_CLASSES:
                continue
            if rest:
                return (full, None) if qualified.name == "openai" else None
            statement = assignment.node
            if isinstance(statement, cst.ImportFrom) and not isinstance(statement.names, cst.ImportStar):
                for alias in statement.names:
                    if (alias.evaluated_alias or alias.evaluated_name) == root:
                        return full, Binding(statement, alias, assignment.scope)
        return None

    def _is_assignment_target(self, node: cst.CSTNode) -> bool:
        parent = self.parent(node)
        return isinstance(parent, (cst.AssignTarget, cst.AnnAssign)) and getattr(parent, "target", None) is node

    def _from_imports(self, node: cst.Name) -> list[ImportAssignment] | None:
        """The ``from ... import`` bindings the name ``node`` reads; None when anything else may bind it."""
        scope = self.scope(node)
        if scope is None:
            return None
        found: list[ImportAssignment] = []
        for access in scope.accesses[node.value]:
            if access.node is not node:
                continue
            for referent in access.referents:
                if not isinstance(referent, ImportAssignment) or not isinstance(referent.node, cst.ImportFrom):
                    return None
                found.append(referent)
        return found

    def _binding(self, node: cst.Name) -> Binding | None:
        bindings: list[Binding] = []
        for referent in self._from_imports(node) or ():
            statement = referent.node
            aliases = () if isinstance(statement.names, cst.ImportStar) else statement.names
            for alias in aliases:
                if (alias.evaluated_alias or alias.evaluated_name) == referent.name:
                    bindings.append(Binding(statement, alias, referent.scope))
        return bindings[0] if len(bindings) == 1 else None

    def repeated_imports(self, node: cst.Name) -> list[cst.ImportFrom]:
        """The ``from openai import AzureOpenAI`` statements, two or more, that all bind the name
        ``node`` reads to the same class (an import written twice); empty otherwise."""
        statements = [referent.node for referent in self._from_imports(node) or ()]
        return statements if len(statements) > 1 and len(self.qualified_names(node)) == 1 else []  # type: ignore[return-value]

    def _kind(self, node: cst.CSTNode) -> Kind:
        child: cst.CSTNode = node
        parent = self.parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            return "call"
        if isinstance(parent, cst.MatchClass) and parent.cls is node:
            return "isinstance"  # ``case AzureOpenAI():`` is an isinstance check (a round-3 trial)
        if self._dispatched_on(node):
            return "isinstance"
        if self._presence_check(node):
            return "check"
        type_argument = False  # below a subscript's slice: ``Base[AzureOpenAI]``
        while parent is not None:
            if isinstance(parent, cst.Annotation):
                return "annotation"
            if isinstance(parent, cst.SubscriptElement) or isinstance(parent, cst.Index):
                pass
            elif isinstance(parent, cst.Subscript) and child is not parent.value:
                value_names = self.qualified_names(parent.value)
                if any(n.startswith(("typing.", "typing_extensions.", "collections.abc.")) for n in value_names) or (
                    value_names & {f"builtins.{t}" for t in _TYPE_CONSTRUCTORS}
                ):
                    return "annotation"
                type_argument = True
            elif isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.BitOr):
                pass  # ``AzureOpenAI | None``: keep climbing
            elif isinstance(parent, (cst.Element, cst.Tuple)):
                pass
            elif isinstance(parent, cst.Arg):
                call = self.parent(parent)
                if isinstance(call, cst.ClassDef):
                    # ``class A(Base[AzureOpenAI])`` is no subclass: the class is the type argument of a
                    # generic base, which follows the constructor like an annotation (a trial: AOAI202)
                    return "annotation" if type_argument else "base"
                if isinstance(call, cst.Call):
                    names = self.qualified_names(call.func)
                    if names & {"builtins.isinstance", "builtins.issubclass"}:
                        return "isinstance"
                    if names & {"typing.cast", "typing_extensions.cast"} and call.args and call.args[0] is parent:
                        return "annotation"
                return "value"
            else:
                return "value"
            child, parent = parent, self.parent(parent)
        return "value"

    def _presence_check(self, node: cst.CSTNode) -> bool:
        """``X is None``, ``X is not None``, ``if X:``, ``if not X and Y:`` (also ``while``,
        ``assert``, ``a if X else b``): whether the import of ``X`` worked, true or false alike for
        either class."""
        parent = self.parent(node)
        if isinstance(parent, cst.Comparison):
            target = parent.comparisons[0] if parent.left is node and len(parent.comparisons) == 1 else None
            other = target.comparator if target is not None else None
        elif isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
            comparison = self.parent(parent)
            target = parent if isinstance(comparison, cst.Comparison) and len(comparison.comparisons) == 1 else None
            other = comparison.left if target is not None else None  # type: ignore[union-attr]
        else:
            while (isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)) or isinstance(
                parent, cst.BooleanOperation
            ):  # ``not X``, ``X and Y``: still only the truth of X is asked
                node, parent = parent, self.parent(parent)
            return isinstance(parent, (cst.If, cst.While, cst.Assert, cst.IfExp)) and parent.test is node
        return (
            target is not None
            and isinstance(target.operator, (cst.Is, cst.IsNot))
            and isinstance(other, cst.Name)
            and other.value == "None"
        )

    def _dispatched_on(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` is (in) the annotation of the first parameter of a function registered
        with ``@f.register`` (``functools.singledispatch``): the handler is chosen by
        ``isinstance``, so renaming the class there merges two handlers (a round-3 trial: an
        openai.com client took the Azure branch)."""
        annotation = next((a for a in self.ancestors(node) if isinstance(a, cst.Annotation)), None)
        param = self.parent(annotation) if annotation is not None else None
        if not isinstance(param, cst.Param):
            return False
        params = self.parent(param)
        function = self.parent(params) if isinstance(params, cst.Parameters) else None
        if not isinstance(function, cst.FunctionDef):
            return False
        def target(decorator: cst.Decorator) -> cst.BaseExpression:
            return decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        registered = any(
            isinstance(target(d), cst.Attribute) and target(d).attr.value == "register" for d in function.decorators  # type: ignore[attr-defined]
        )
        first = [p for p in (*function.params.posonly_params, *function.params.params)]
        return registered and bool(first) and (first[0] is param or (first[0].name.value in ("self", "cls") and len(first) > 1 and first[1] is param))

    def _single_assignment(self, name: cst.Name):  # noqa: ANN202
        scope = self.scope(name)
        if scope is None:
            return None
        assignments = scope[name.value]
        return next(iter(assignments)) if len(assignments) == 1 else None

    def bound_value(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value of ``name = <value>`` when that is the name's only binding in reach."""
        assignment = self._single_assignment(name)
        return None if assignment is None else self._assigned_value(assignment)

    def assigned_values(self, name: cst.Name) -> list[cst.BaseExpression | None]:
        """The value of each binding of ``name`` in reach (None for one that is not a plain
        ``name = <value>``: a parameter, an import, a loop target...)."""
        scope = self.scope(name)
        return [self._assigned_value(a) for a in scope[name.value]] if scope is not None else []

    def _assigned_value(self, assignment) -> cst.BaseExpression | None:  # noqa: ANN001
        """``<value>`` when ``assignment`` is a plain ``name = <value>`` (or ``name: T = <value>``)."""
        if isinstance(assignment, ImportAssignment):
            return None
        node = getattr(assignment, "node", None)
        target = self.parent(node) if node is not None else None
        statement = self.parent(target) if isinstance(target, cst.AssignTarget) else target
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            return statement.value
        if isinstance(statement, cst.AnnAssign) and statement.value is not None:
            return statement.value
        return None

    def fetched_token(self, value: cst.BaseExpression) -> cst.BaseExpression | None:
        """``C`` of ``C.get_token(...).token`` (one Entra token, which expires), written here or as
        the only value of the name given."""
        if isinstance(value, cst.Name):
            value = self.bound_value(value)
        if isinstance(value, cst.Attribute) and value.attr.value == "token" and isinstance(value.value, cst.Call):
            func = value.value.func
            if isinstance(func, cst.Attribute) and func.attr.value == "get_token":
                return func.value
        return None

    def string_values(self, node: cst.BaseExpression) -> tuple[str | None, tuple[str, ...]]:
        """What the string expression ``node`` evaluates to, as far as this module shows.

        ``(value, values)``: ``value`` when it is always the same string (a literal, or a name whose
        only binding in reach is one); ``values``, the literals it may evaluate to: a name bound
        several times may hold the value of any of its bindings, a parameter its default, an
        environment lookup its default (``os.getenv("V", "2024-08-01-preview")``), ``self.x``
        what the class assigns it (``settings.x``: what the module does), ``a or b`` and
        ``a if c else b`` either side, ``x.strip()`` what ``x`` may be, stripped. Anything else
        adds nothing (another module's constant). Each expression is followed once, so names
        bound to each other end.
        """
        value = self._string_value(node)
        if value is not None:
            return value, (value,)
        values: list[str] = []
        seen: set[int] = set()
        work: list[tuple[cst.BaseExpression, tuple[str, ...]]] = [(node, ())]  # (expression, str methods called on it)
        while work:
            node, methods = work.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            value = literal_string(node)
            if value is not None:
                for method in reversed(methods):
                    value = getattr(value, method)()
                values.append(value)
            elif isinstance(node, cst.Name):
                scope = self.scope(node)
                for assignment in scope[node.value] if scope is not None else ():
                    bound = getattr(assignment, "node", None)
                    value = bound.default if isinstance(bound, cst.Param) else self._assigned_value(assignment)
                    work.extend(() if value is None else ((value, methods),))
            elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
                work.extend((value, methods) for value in self._attribute_values(node))
            elif isinstance(node, cst.Call) and self.qualified_names(node.func) & ENVIRONMENT_LOOKUPS:
                default = lookup_default(node)
                work.extend(() if default is None else ((default, methods),))
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
                if node.func.attr.value in _SAME_VERSION_METHODS:  # os.getenv("V", "...").strip()
                    work.append((node.func.value, (*methods, node.func.attr.value)))
            elif isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
                work.extend(((node.right, methods), (node.left, methods)))
            elif isinstance(node, cst.IfExp):
                work.extend(((node.orelse, methods), (node.body, methods)))
        return None, tuple(values)

    def _attribute_values(self, attribute: cst.Attribute, owners: list[cst.ClassDef] | None = None) -> list[cst.BaseExpression]:
        """What ``r.x = <value>`` statements assign ``r.x`` (``attribute``): those of the class that
        reads it (``self.x``), or those outside any class for a module's object (``settings.x``);
        with ``owners``, those of these classes instead."""
        receiver, name = attribute.value, attribute.attr.value
        assert isinstance(receiver, cst.Name)

        def owner(node: cst.CSTNode) -> cst.ClassDef | None:
            return next((a for a in self.ancestors(node) if isinstance(a, cst.ClassDef)), None)

        cls = owner(attribute)
        wanted = [cls] if owners is None else owners
        values = []
        for other in self.nodes(cst.Attribute):
            assert isinstance(other, cst.Attribute)
            if other.attr.value != name or not (isinstance(other.value, cst.Name) and other.value.value == receiver.value):
                continue
            parent = self.parent(other)
            if isinstance(parent, cst.AssignTarget):
                statement = self.parent(parent)
                value = statement.value if isinstance(statement, cst.Assign) else None
            else:
                value = parent.value if isinstance(parent, cst.AnnAssign) and parent.target is other else None
            if value is not None and any(owner(other) is c for c in wanted):
                values.append(value)
        return values

    def _string_value(self, node: cst.BaseExpression | None) -> str | None:
        """The string ``node`` always is: a literal, or a name bound once to one (through other names)."""
        seen: set[int] = set()
        while isinstance(node, cst.Name) and id(node) not in seen:
            seen.add(id(node))
            node = self.bound_value(node)
        return literal_string(node) if node is not None else None

    def module_function(self, name: str) -> cst.FunctionDef | None:
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
                return statement
        return None

    def bound_function(self, name: cst.Name) -> cst.FunctionDef | None:
        """The ``def`` that binds ``name`` when that is its only binding in reach."""
        assignment = self._single_assignment(name)
        node = getattr(assignment, "node", None)
        return node if isinstance(node, cst.FunctionDef) else None

    # ---------------------------------------------------------------- retargeting

    def target_name(self, target: str) -> str | None:
        """The local name to use for ``openai.<target>``; None when that name means something else."""
        qualified = f"openai.{target}"
        existing = self.module_import_of(qualified)
        if existing is not None:
            return existing
        return target if self.free_or_bound_to(target, qualified) else None

    def retarget(self, ref: Reference, classes: frozenset[str] | None = None) -> cst.BaseExpression | None:
        """The expression that names ``ref.target`` where ``ref`` named the Azure class.

        ``openai.AzureOpenAI`` -> ``openai.OpenAI`` (same module alias); a bare name ->
        the module's name for ``OpenAI``. None when no such name can be had safely. In a string
        annotation each Azure class of ``classes`` (default: every one) it names is renamed to its
        own stock twin, the others stay.
        """
        if isinstance(ref.node, cst.SimpleString):
            return self._retarget_string(ref, classes)
        if isinstance(ref.node, cst.Attribute):
            root: cst.BaseExpression = ref.node
            while isinstance(root, cst.Attribute):
                root = root.value
            if isinstance(root, cst.Name) and self.qualified_names(root) == {"openai"}:
                return ref.node.with_changes(value=root, attr=cst.Name(ref.target))
        name = self.target_name(ref.target)
        return None if name is None else cst.Name(name)

    def _retarget_string(self, ref: Reference, classes: frozenset[str] | None = None) -> cst.SimpleString | None:
        assert isinstance(ref.node, cst.SimpleString)
        scope = self.scope(ref.node)
        value = literal_string(ref.node)
        if scope is None or value is None:
            return None
        index = self
        names = {target: self.target_name(target) for target in ("OpenAI", "AsyncOpenAI")}
        missing = []

        def renamed(node: cst.CSTNode) -> str | None:
            """The stock class ``node`` names once renamed, if it names an Azure class to rename."""
            found = index._resolve_in_string(scope, node)
            if found is None:
                return None
            azure, target = AZURE_CLASSES[found[0]]
            return target if classes is None or azure in classes else None

        class Rename(cst.CSTTransformer):
            def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
                target = renamed(original)
                if target is None:
                    return updated
                if names[target] is None:
                    missing.append(target)
                    return updated
                return cst.Name(names[target])  # type: ignore[arg-type]

            def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
                target = renamed(original)
                return updated if target is None else updated.with_changes(attr=cst.Name(target))

        new_value = cst.Module(body=[]).code_for_node(cst.parse_expression(value).visit(Rename()))
        if missing:  # the name the stock class would take means something else here
            return None
        new = with_string_body(ref.node, new_value)
        return new if new is not None and literal_string(new) == new_value else None

    def needs_import(self, ref: Reference) -> bool:
        """Whether the expression from :meth:`retarget` needs ``from openai import <target>``."""
        if isinstance(ref.node, cst.SimpleString) and ref.binding is None:
            return False  # "openai.AzureOpenAI" -> "openai.OpenAI"
        if isinstance(ref.node, cst.Attribute):
            retargeted = self.retarget(ref)
            if isinstance(retargeted, cst.Attribute):
                return False
        return self.module_import_of(f"openai.{ref.target}") is None

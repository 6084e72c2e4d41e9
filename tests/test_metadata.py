"""``transforms._metadata`` gives what LibCST's own providers give, node for node.

The index takes its scopes and positions from there (fewer passes over the tree than
``MetadataWrapper.resolve``), so every transform's view of a module rests on these being equal
to LibCST's: on every sample, on the test corpus and on modules generated from the grammar.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from libcst.metadata import ExpressionContextProvider, MetadataWrapper, PositionProvider, ScopeProvider

from transforms._index import _COLLECTED, _Collector
from transforms._metadata import Positions, _Contexts, scopes

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code calls 1() and the like

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    p for p in [*(ROOT / "samples").rglob("*.py"), *(ROOT / "tests" / "data").rglob("*.py")] if p.is_file()
)


class _All(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


class _ReferenceCollector(cst.CSTVisitor):
    """What ``transforms._index._Collector`` finds, found through LibCST's own visit."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.by_kind: dict[type[cst.CSTNode], list[cst.CSTNode]] = {kind: [] for kind in _COLLECTED}
        self.names_and_attributes: list[cst.CSTNode] = []
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parents[node] = self._stack[-1]
        if type(node) in self.by_kind:
            self.by_kind[type(node)].append(node)
            if isinstance(node, (cst.Name, cst.Attribute)):
                self.names_and_attributes.append(node)
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


def all_nodes(module: cst.Module) -> list[cst.CSTNode]:
    collector = _All()
    module.visit(collector)
    return collector.nodes


def describe(scope, own: set[int]) -> tuple:  # noqa: ANN001 - a LibCST Scope
    """A scope as plain data: its kind, its node, and every assignment and access in it.

    A node of the module is named by identity. String annotations are parsed anew by each
    analysis, so a node of one of those is named by its kind and code.
    """

    def key(node: object) -> object:
        if id(node) in own or not isinstance(node, cst.CSTNode):
            return repr(id(node))
        return f"{type(node).__name__}:{cst.Module(body=[]).code_for_node(node)}"

    if scope is None:
        return (None,)
    assignments = sorted((a.name, key(getattr(a, "node", None)), type(a).__name__) for a in scope.assignments)
    accesses = sorted(
        (key(access.node), tuple(sorted(key(r.node) for r in access.referents if hasattr(r, "node"))))
        for access in scope.accesses
    )
    return (type(scope).__name__, key(getattr(scope, "node", None)), assignments, accesses)


def assert_same_metadata(module: cst.Module) -> None:
    nodes = all_nodes(module)
    own = {id(n) for n in nodes}
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    expected_scopes = wrapper.resolve(ScopeProvider)
    collector = _Collector().collect(module)
    reference = _ReferenceCollector()
    module.visit(reference)
    assert collector.parents == reference.parents
    assert collector.by_kind == reference.by_kind
    assert collector.names_and_attributes == reference.names_and_attributes
    for ours in (scopes(module), scopes(module, collector.parents)):
        assert {id(n) for n in ours} & own == {id(n) for n in expected_scopes} & own
        for node, scope in expected_scopes.items():
            if id(node) in own:
                assert describe(ours[node], own) == describe(scope, own), node

    expected_contexts = wrapper.resolve(ExpressionContextProvider)
    contexts = _Contexts(collector.parents)
    names = [node for node in nodes if isinstance(node, cst.Name)]  # what ScopeVisitor asks about
    for node in names:
        assert contexts.get(node) == expected_contexts.get(node), node

    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = [n for n in nodes if n in expected]  # a few whitespace nodes are never printed
    assert len(nodes) > len(own) // 2
    together = Positions(module, nodes)  # one print noting every node
    for node in nodes:
        start = expected[node].start
        assert together.start(node) == (start.line, start.column), node
    assert together.printed == module.code  # the runner's byte-for-byte check reads this print
    for node in nodes[:: max(1, len(nodes) // 40)]:  # a print that stops at the node asked about
        start = expected[node].start
        assert Positions(module).start(node) == (start.line, start.column), node


def test_the_corpus_is_not_empty() -> None:
    assert len(SOURCES) > 50


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scopes_and_positions_match_libcst_on_every_sample(path: Path) -> None:
    assert_same_metadata(cst.parse_module(path.read_bytes()))


@pytest.mark.parametrize(
    "source",
    [
        "x = 1\r\ny = (\r\n    2)\r\n",
        "if x:\n\tdef f(a, /, b=lambda: c, *d, **e):\n\t\treturn [g for g in d if (h := g)]\n",
        "@deco\nclass C(B, metaclass=M):\n    x: int = 1\n    def m(self): global y; y = self.x\n",
        "s = f'{a!r:>{w}} and {b}'\nt = '''multi\nline''' + \"x\"\n",
        "try:\n    pass\nexcept* (A, B) as e:\n    del e\n",
        "match p:\n    case [1, *rest] | {'k': v} if v:\n        pass\n    case Point(x=0) as q:\n        pass\n",
        "x = 1 \\\n    + 2\n# trailing comment",
        # names inside type parameters get no context, whatever is inside (PEP 695/696 syntax)
        "def f[T: [x for x in y]](): pass\n",
        "class C[T: (lambda a: a)]: pass\n",
        "def g[T = (lambda a: a)](): pass\n",
        "type Alias[T: (z := 1)] = list[T]\n",
    ],
)
def test_scopes_and_positions_match_libcst_on_awkward_syntax(source: str) -> None:
    assert_same_metadata(cst.parse_module(source))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=hypothesmith.from_grammar())
def test_scopes_and_positions_match_libcst_on_generated_modules(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            module = cst.parse_module(source)
        except Exception:  # noqa: BLE001 - the grammar allows what LibCST cannot parse
            return
    assert_same_metadata(module)


def test_a_libcst_without_the_internals_falls_back_to_its_public_api(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms._metadata as metadata

    def broken(*args: object, **kwargs: object) -> None:
        raise AttributeError("no such internal")

    monkeypatch.setattr(metadata, "_Scopes", broken)
    module = cst.parse_module("import openai\nclient = openai.AzureOpenAI()\n")
    ours = scopes(module)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    assert {type(s).__name__ for s in ours.values()} == {"GlobalScope"}
    own = {id(n) for n in all_nodes(module)}
    for node, scope in expected.items():
        assert describe(ours[node], own) == describe(scope, own)


def test_the_scope_visitors_on_leave_is_still_the_one_it_replaces():
    # _Scopes.on_leave repeats ScopeVisitor.on_leave (answering its isinstance once per node
    # type); a LibCST release that changes the original must be looked at before it is trusted
    import inspect

    from libcst.metadata.scope_provider import ScopeVisitor

    body = [line.strip() for line in inspect.getsource(ScopeVisitor.on_leave).splitlines()[1:] if line.strip()]
    assert body == [
        "self.provider.set_metadata(original_node, self.scope)",
        "if isinstance(original_node, _ASSIGNMENT_LIKE_NODES):",
        "self.scope._assignment_count += 1",
        "super().on_leave(original_node)",
    ]


def test_node_checks_by_type_agree_with_isinstance():
    from transforms._metadata import is_node

    module = cst.parse_module("x: int = f(a, *b)\n")
    for value in [module, module.body[0], cst.Name("x"), cst.MaybeSentinel.DEFAULT, None, "x", (), [cst.Name("y")]]:
        assert is_node(value) is isinstance(value, cst.CSTNode), value


# ------------------------------------------------------------------ parsing without validation


def _assert_parses_the_same(source: str) -> None:
    from transforms._metadata import parse_module

    try:
        expected = cst.parse_module(source)
    except Exception as error:  # noqa: BLE001 - then ours must fail the same way
        with pytest.raises(type(error)):
            parse_module(source)
        return
    ours = parse_module(source)
    assert ours.deep_equals(expected)
    assert ours.code == expected.code  # (not always the source: a whitespace-only last line is not kept)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_parsing_without_validation_builds_the_same_tree_on_every_sample(path: Path) -> None:
    from migrate.sources import decode_source

    _assert_parses_the_same(decode_source(path.read_bytes())[0])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=hypothesmith.from_grammar())
def test_parsing_without_validation_builds_the_same_tree_on_generated_modules(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _assert_parses_the_same(source)


def test_parsing_skips_validation_and_puts_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from transforms._metadata import parse_module

    checked: list[str] = []
    original = cst.Name._validate
    monkeypatch.setattr(cst.Name, "_validate", lambda self: (checked.append(self.value), original(self))[1])
    source = "import openai\nclient = openai.AzureOpenAI(api_version='2024-10-21')\n"
    cst.parse_module(source)
    assert "openai" in checked  # LibCST's own parse validates every Name it builds...
    checked.clear()
    module = parse_module(source)
    assert checked == []  # ...ours builds none it validates
    assert module.code == source
    with pytest.raises(cst.CSTValidationError):  # and a node built afterwards is checked again
        cst.Name("not a name")
    assert checked == ["not a name"]
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("def (:\n")
    with pytest.raises(cst.CSTValidationError):  # also after a parse that failed
        cst.Name("1x")


def test_the_only_post_init_of_a_node_is_the_validation_it_skips() -> None:
    # parse_module swaps CSTNode.__post_init__ while the parser runs; a LibCST release that gives
    # it more to do, or gives a node class its own, must be looked at before the swap is trusted
    import inspect

    from libcst._nodes.base import CSTNode

    body = [line.strip() for line in inspect.getsource(CSTNode.__post_init__).splitlines()[1:] if line.strip()]
    assert [line for line in body if not line.startswith("#")] == ["self._validate()"]

    def subclasses(kind: type) -> set[type]:
        found = set(kind.__subclasses__())
        return found.union(*(subclasses(k) for k in list(found)))

    every = subclasses(CSTNode)
    assert cst.Name in every and len(every) > 100
    assert [k for k in every if "__post_init__" in k.__dict__] == []

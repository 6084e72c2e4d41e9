"""Printing only what changed (``transforms._regions``) gives what printing everything gives.

The runner writes ``Regions.code_for(new)`` instead of ``new.code`` and places findings from
prints of single statements instead of a print of the whole module, so both must agree with
LibCST's own whole-module print and ``PositionProvider`` wherever LibCST prints the module back,
and must refuse (``None``) rather than guess wherever it does not.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from libcst.metadata import MetadataWrapper, PositionProvider

from migrate.runner import migrate_source
from migrate.sources import decode_source
from transforms._base import Edits
from transforms._index import ModuleIndex
from transforms._regions import Regions
from transforms.pipeline import run_pipeline

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code calls 1() and the like

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for p in [*(ROOT / "samples").rglob("*.py"), *(ROOT / "tests" / "data").rglob("*.py")] if p.is_file())
CONSTRUCTOR = 'AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_key="k", api_version="2024-10-21")'
CLIENT = f"from openai import AzureOpenAI\nclient = {CONSTRUCTOR}\n"


def body_statements(module: cst.Module) -> list[cst.BaseStatement]:
    """Every statement of every body (the module's, each indented block's), in source order."""
    found: list[cst.BaseStatement] = []

    class Collect(cst.CSTVisitor):
        def visit_Module(self, node: cst.Module) -> None:
            found.extend(node.body)

        def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
            found.extend(node.body)

    module.visit(Collect())
    return found


def rebuilt(module: cst.Module, index: ModuleIndex, chosen: list[cst.BaseStatement], mark: bool) -> cst.Module:
    """``module`` with the ``chosen`` statements built anew (with a comment line above each when
    ``mark``) through the transforms' own edit pass, which keeps every other node as it is."""
    edits = Edits(frozenset())

    def again(node: cst.CSTNode) -> cst.CSTNode:
        if not mark:
            return node.with_changes()
        comment = cst.EmptyLine(comment=cst.Comment("# changed"))
        return node.with_changes(leading_lines=[*node.leading_lines, comment])  # type: ignore[attr-defined]

    for statement in chosen:
        edits.replace(statement, again)
    return edits.apply(module, index)


@contextlib.contextmanager
def noting_splices() -> Iterator[list[str | None]]:
    """Every ``Regions.code_for`` result while the block runs (None: refused, all printed)."""
    spliced: list[str | None] = []
    code_for = Regions.code_for

    def noted(self: Regions, new: cst.Module) -> str | None:
        spliced.append(code_for(self, new))
        return spliced[-1]

    with mock.patch.object(Regions, "code_for", noted):
        yield spliced


def whole_print() -> contextlib.AbstractContextManager:
    """The runner as before: the rewritten module printed whole, after the whole round-trip check."""
    return mock.patch.object(Regions, "code_for", lambda self, new: None)


def round_trips(source: str) -> bool:
    return cst.parse_module(source).code == source


def test_every_changed_sample_is_printed_from_its_regions_as_libcst_prints_it() -> None:
    spliced = 0
    for path in SOURCES:
        text, _ = decode_source(path.read_bytes())
        module = cst.parse_module(text)
        result = run_pipeline(module, code=text)
        if result.module is module:
            continue
        code = result.spliced()
        assert code is not None, path  # every sample round-trips through LibCST
        assert code == result.module.code, path
        spliced += 1
    assert spliced > 40


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_positions_from_single_statements_are_libcst_positions(path: Path) -> None:
    text, _ = decode_source(path.read_bytes())
    module = cst.parse_module(text)
    index = ModuleIndex(module, text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = [n for nodes in index._by_kind.values() for n in nodes if n in expected]
    local = 0
    for node in nodes:
        start = expected[node].start
        assert index.position(node) == (start.line, start.column + 1), node
        local += index._local_position(node) is not None
    assert local == len(nodes)  # none went to the whole-module print


def test_a_statement_left_alone_keeps_bytes_libcst_would_change() -> None:
    """LibCST prints ``except ValueError :`` without its space: outside the changed statements the
    file now migrates with the space kept (the whole-module print refused the file)."""
    source = CLIENT + "try:\n    pass\nexcept ValueError :\n    pass\n"
    assert not round_trips(source)
    outcome = migrate_source(source)
    assert outcome.error is None
    assert "client = OpenAI(" in outcome.code
    assert outcome.code.endswith("except ValueError :\n    pass\n")


def test_a_changed_statement_libcst_would_print_differently_is_refused() -> None:
    source = (
        "from openai import AzureOpenAI\n"
        "try:\n"
        '    client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
        "except ValueError :\n"
        "    pass\n"
    )
    outcome = migrate_source(source)
    assert outcome.code == source
    assert outcome.error is not None and outcome.error.startswith("LibCST does not reproduce this file byte for byte")


@pytest.mark.parametrize(
    "source",
    [
        CLIENT + "x = 1\n\n    \n",  # LibCST drops the blank line before the whitespace-only one
        CLIENT + "PATH = 'C:/data'  # was C:\\data\\",  # no final line break
    ],
)
def test_regions_are_not_used_when_the_line_breaks_do_not_add_up(source: str) -> None:
    module = cst.parse_module(source)
    index = ModuleIndex(module, source)
    assert not index.regions.usable
    assert index.regions.code_for(module.with_changes(body=module.body[1:])) is None


def test_a_statement_moved_to_another_indentation_is_printed_not_copied() -> None:
    source = "class C:\n    x = 1  # kept\n\ny = 2\n"
    module = cst.parse_module(source)
    index = ModuleIndex(module, source)
    inner = module.body[0].body.body[0]  # type: ignore[attr-defined]
    moved = module.with_changes(body=[*module.body, inner])
    assert index.regions.code_for(moved) == moved.code == source + "x = 1  # kept\n"


def test_a_copied_statement_placed_at_another_indentation_refuses_to_print() -> None:
    from transforms._regions import _Misplaced, _Verbatim

    stand_in = _Verbatim("    x = 1\n", ("    ",))
    with pytest.raises(_Misplaced):
        cst.Module(body=[stand_in]).code


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(
    source=hypothesmith.from_grammar(),
    picks=st.lists(st.integers(0, 10**6), min_size=1, max_size=4),
    mark=st.booleans(),
    insert=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_any_module_with_any_statements_rebuilt_prints_as_libcst_prints_it(
    source: str, picks: list[int], mark: bool, insert: int | None
) -> None:
    source += "" if source.endswith(("\n", "\r")) else "\n"  # without a final line break: not used, tested above
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            module = cst.parse_module(source)
        except Exception:  # noqa: BLE001 - the grammar allows what LibCST cannot parse
            assume(False)
    assume(round_trips(source) and module.body)
    index = ModuleIndex(module, source)
    statements = body_statements(module)
    new = rebuilt(module, index, [statements[p % len(statements)] for p in picks], mark)
    if insert is not None:
        body = list(new.body)
        body.insert(insert % (len(body) + 1), cst.parse_statement("inserted = 1\n"))
        new = new.with_changes(body=body)
    assume(new is not module)
    code = index.regions.code_for(new)
    assert code is not None
    assert code == new.code


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=hypothesmith.from_grammar())
def test_positions_from_single_statements_are_libcst_positions_on_generated_modules(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            module = cst.parse_module(source)
        except Exception:  # noqa: BLE001
            assume(False)
    assume(round_trips(source))  # else LibCST's positions are those of its own print, not of the text
    index = ModuleIndex(module, source)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node in [n for nodes in index._by_kind.values() for n in nodes if n in expected]:
        start = expected[node].start
        assert index.position(node) == (start.line, start.column + 1), node


def test_line_breaks_are_counted_as_libcst_prints_them() -> None:
    source = 'x = """a\r\nb\rc\nd"""\r\ny = 1 + \\\n    2\nz = f"""{x}\n"""\n'
    module = cst.parse_module(source)
    index = ModuleIndex(module, source)
    assert index.regions.usable
    assert [index.regions.text_of(s) for s in module.body] == ['x = """a\r\nb\rc\nd"""\r\n', "y = 1 + \\\n    2\n", 'z = f"""{x}\n"""\n']


LEGACY_CLIENT = (
    'import openai\nopenai.api_type = "azure"\nopenai.api_base = "https://contoso.openai.azure.com"\n'
    'openai.api_version = "2023-05-15"\nopenai.api_key = "k"\nr = openai.ChatCompletion.create(engine="d", messages=[])\n'
)


def _stdlib_sample() -> list[Path]:
    """Standard-library modules, in an order fixed by their names: 12 in CI, 300 nightly."""
    import hashlib
    import os
    import sysconfig

    root = Path(sysconfig.get_paths()["stdlib"])
    modules = [p for p in root.rglob("*.py") if not {"site-packages", "dist-packages", "test", "tests"} & set(p.parts)]
    modules = [p for p in modules if p.stat().st_size <= 40_000]
    modules.sort(key=lambda p: hashlib.sha1(p.relative_to(root).as_posix().encode()).hexdigest())
    return modules[: 300 if os.environ.get("AOAI_MIGRATE_NIGHTLY") == "1" else 12]


@pytest.mark.parametrize("path", _stdlib_sample(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_modules_with_client_code_spliced_in_migrate_as_with_the_whole_print(path: Path) -> None:
    """The same output, findings and refusals as printing the whole module (``code_for`` off), for
    each client snippet at three places of a real module (top level, a class or function body...)."""
    from tests.test_properties import splice

    text, _ = decode_source(path.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:  # reported, never touched (the corpus test has the known cases)
            outcome = migrate_source(text + "\n" + CLIENT)
            assert outcome.error is not None and outcome.error.startswith(("syntax error", "Python accepts this file, but LibCST")), outcome.error
            return
    compared = 0
    spliced: list[str | None] = []
    for snippet in (CLIENT, LEGACY_CLIENT):
        for where in (0, 3, 17):
            source = splice(module, snippet, where, where * 7)
            with noting_splices() as noted:
                ours = migrate_source(source)
            spliced += noted
            with whole_print():
                whole = migrate_source(source)
            if whole.error is not None and whole.error.startswith("LibCST does not reproduce"):
                continue  # the whole print refuses what copying can do: tested above
            assert (ours.error, ours.findings) == (whole.error, whole.findings)
            assert ours.code == whole.code
            compared += ours.code != source
    assert compared
    assert any(code is not None for code in spliced)  # the copy was made, not always refused


AWKWARD = {
    "crlf": f"from openai import AzureOpenAI\r\n\r\nx = 1\r\nclient = {CONSTRUCTOR}\r\ny = 2\r\n",
    "tabs": f"from openai import AzureOpenAI\nclass A:\n\tdef f(self):\n\t\tself.c = {CONSTRUCTOR}\n\tdef g(self):\n\t\treturn 1\n",
    "form-feed": f"from openai import AzureOpenAI\n\x0c\nx = 1\n\x0c\nclient = {CONSTRUCTOR}\n",
    "continuations": f"from openai import AzureOpenAI\nx = 1 + \\\n    2\nclient = {CONSTRUCTOR}\nz = \\\n  3\n",
    "semicolons": f"from openai import AzureOpenAI; import os\nx = 1; client = {CONSTRUCTOR}; y = 2\n",
    "decorators": f"from openai import AzureOpenAI\n@a\n# between\n@b\ndef f():\n    return {CONSTRUCTOR}\n\n@c\nclass K:\n    pass\n",
    "else-branch": f"from openai import AzureOpenAI\nif x:\n    pass\nelse:\n    client = {CONSTRUCTOR}\n    other = 1\n",
    "try": f"from openai import AzureOpenAI\ntry:\n    client = {CONSTRUCTOR}\nexcept ValueError as e:\n    raise\nfinally:\n    done = 1\n",
    "nested": f"from openai import AzureOpenAI\nclass A:\n    class B:\n        def f(self):\n            # c\n            return {CONSTRUCTOR}\n        def g(self):\n            pass\n    # trailing\n# end\n",
    "comments-at-end": f"from openai import AzureOpenAI\nclient = {CONSTRUCTOR}\n# a\n\n# b\n",
    "multi-line-strings": f'from openai import AzureOpenAI\nS = """a\nb\r\nc"""\nclient = {CONSTRUCTOR}\nT = f"""{{x}}\n"""\n',
    "mixed-indents": f"from openai import AzureOpenAI\nif a:\n  if b:\n      client = {CONSTRUCTOR}\n  z = 1\n",
    "one-line-suite": f"from openai import AzureOpenAI\nif a: client = {CONSTRUCTOR}\nwhile b: pass\n",
    "async": f"from openai import AsyncAzureOpenAI\nasync def f():\n    async with x:\n        c = Async{CONSTRUCTOR}\n",
    "no-final-line-break": f"from openai import AzureOpenAI\nclient = {CONSTRUCTOR}",
}


@pytest.mark.parametrize("name", AWKWARD)
def test_awkward_layouts_migrate_as_with_the_whole_print(name: str) -> None:
    source = AWKWARD[name]
    with noting_splices() as spliced:
        ours = migrate_source(source)
    with whole_print():
        whole = migrate_source(source)
    assert ours.error is None
    assert ours.code != source
    assert (ours.code, ours.findings) == (whole.code, whole.findings)
    # the copy was made, except where the text has no final line break (then all is printed)
    assert (spliced == [None]) if name == "no-final-line-break" else (spliced == [ours.code])

"""Property tests: arbitrary valid modules, with and without Azure client code spliced in.

For every module ``hypothesmith`` generates from Python's grammar, and for the same module with
Azure client code inserted at a random place (top level, a function body, a class body, a loop...):

* the tool never raises and reports no error,
* its output always compiles,
* a module with nothing to migrate comes out byte-identical (checked on the full LibCST pipeline:
  the byte pre-filter is switched off, so a pass proves more than "the trigger was absent"),
* the generated code around the Azure snippet survives line for line, and
* a second run changes nothing and fixes nothing.

CI runs a small budget (about 20 s). The nightly budget is ~50x larger::

    AOAI_MIGRATE_NIGHTLY=1 python -m pytest tests/test_properties.py tests/test_corpus.py -q

``AOAI_MIGRATE_EXAMPLES=N`` sets the number of examples per property directly.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import migrate.runner
from migrate.runner import migrate_source
from migrate.session import Mode, process_file
from migrate.sources import decode_source, encode_source
from tests.faultkit import assert_nothing_lost
from transforms.pipeline import PIPELINE

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code calls 1() and the like

ROOT = Path(__file__).resolve().parent.parent
NIGHTLY = os.environ.get("AOAI_MIGRATE_NIGHTLY") == "1"


def budget(ci: int) -> settings:
    """``ci`` examples in CI, 50x that nightly, or ``AOAI_MIGRATE_EXAMPLES``."""
    examples = int(os.environ.get("AOAI_MIGRATE_EXAMPLES") or (ci * 50 if NIGHTLY else ci))
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


@contextlib.contextmanager
def prefilter_off() -> Iterator[None]:
    """Make ``migrate_source`` parse and transform every text, trigger or not."""
    with mock.patch.object(migrate.runner, "might_need_migration", lambda _data: True):
        yield


def compiles(code: str) -> bool:
    try:
        assert_compiles(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def libcst_parses(code: str) -> bool:
    try:
        cst.parse_module(code)
    except cst.ParserSyntaxError:
        return False
    return True


def assert_compiles(code: str) -> None:
    """Compile (never run) ``code``; raises with the position on failure."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # generated code calls 1() and the like
        compile(code, "<code>", "exec", dont_inherit=True)


def libcst_round_trips(code: str) -> bool:
    """Whether LibCST prints ``code`` back byte for byte (parse errors count as yes: nothing to print).

    LibCST 1.9 does not, for shapes these properties found: blank lines before a whitespace-only
    line at the end of a module are dropped (``"x = 1\\n\\n    \\n"`` -> ``"x = 1\\n    \\n"``), a
    comment ending in a backslash on the last line loses the final newline, ``except X :`` loses
    its space. The runner guards against it: a file it rewrites must round-trip, or it is left
    unchanged with an error; a file it does not rewrite is never printed by LibCST at all.
    """
    try:
        return cst.parse_module(code).code == code
    except cst.ParserSyntaxError:
        return True


# --------------------------------------------------------------------------- Azure snippets

ENDPOINTS = (
    '"https://contoso.openai.azure.com"',
    '"https://contoso.openai.azure.com/"',
    'os.environ["AZURE_OPENAI_ENDPOINT"]',
    'os.getenv("AZURE_OPENAI_ENDPOINT")',
    'os.environ.get("AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com")',
    'f"https://{resource}.openai.azure.com"',
    "endpoint",
    "settings.endpoint",
    "get_endpoint()",
    'endpoint or "https://fallback.openai.azure.com/"',
)
KEYS = ('"key"', 'os.environ["AZURE_OPENAI_API_KEY"]', 'os.getenv("AZURE_OPENAI_API_KEY")', "key", "settings.key")
VERSIONS = ('"2024-10-21"', '"preview"', '"2025-04-01-preview"', "api_version", 'os.environ["OPENAI_API_VERSION"]')
PROVIDERS = (
    "token_provider",
    'get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")',
)
EXTRAS = ("max_retries=3", "timeout=30.0", 'default_headers={"x-app": "demo"}', 'organization="org"')


@st.composite
def azure_constructors(draw: st.DrawFn) -> str:
    """A module that builds an Azure client, in one of many shapes (most are migrated, some reported)."""
    cls = draw(st.sampled_from(["AzureOpenAI", "AsyncAzureOpenAI"]))
    alias = draw(st.sampled_from(["", "Client", "_Azure"]))
    style = draw(st.sampled_from(["from", "module", "module_as", "lib"]))
    if style == "from":
        imports, ref = (f"from openai import {cls} as {alias}", alias) if alias else (f"from openai import {cls}", cls)
    elif style == "module":
        imports, ref = "import openai", f"openai.{cls}"
    elif style == "module_as":
        imports, ref = "import openai as oa", f"oa.{cls}"
    else:
        imports, ref = f"from openai.lib.azure import {cls}", cls
    args: list[str] = []
    if draw(st.booleans()):
        args.append(f"azure_endpoint={draw(st.sampled_from(ENDPOINTS))}")
    credential = draw(st.sampled_from(["key", "provider", "token", "none", "two"]))
    if credential in ("key", "two"):
        args.append(f"api_key={draw(st.sampled_from(KEYS))}")
    if credential in ("provider", "two"):
        args.append(f"azure_ad_token_provider={draw(st.sampled_from(PROVIDERS))}")
    if credential == "token":
        args.append('azure_ad_token="token"')
    if draw(st.booleans()):
        args.append(f"api_version={draw(st.sampled_from(VERSIONS))}")
    if draw(st.integers(0, 9)) == 0:
        args.append('azure_deployment="gpt-4o"')
    if draw(st.integers(0, 9)) == 0:
        args.append(draw(st.sampled_from(["**options", 'websocket_base_url="wss://x"'])))
    args.extend(draw(st.lists(st.sampled_from(EXTRAS), max_size=2, unique=True)))
    args = draw(st.permutations(args))
    if draw(st.integers(0, 9)) == 0:
        args.insert(0, '"https://positional.openai.azure.com"')
    if draw(st.booleans()):
        call = f"{ref}(" + ", ".join(args) + ")"
    else:  # one argument per line, a trailing comma and a comment
        inner = "".join(f"    {a},  # {n}\n" for n, a in enumerate(args))
        call = f"{ref}(\n{inner})"
    use = draw(st.sampled_from(["assign", "annotated", "function", "method", "return_options"]))
    header = "import os\n" if draw(st.booleans()) else ""
    header += "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
    header += imports + "\n\n"
    if use == "assign":
        body = f"client = {call}\n"
    elif use == "annotated":
        body = f"client: {ref} = {call}\n"
    elif use == "function":
        body = f"def make(endpoint, key) -> {ref}:\n" + textwrap.indent(f"return {call}\n", "    ")
    elif use == "method":
        body = "class Service:\n    def __init__(self, endpoint, key):\n" + textwrap.indent(
            f"self.client = {call}\n", "        "
        )
    else:
        body = f"client = {call}\npreview = client.with_options(max_retries=1)\n"
    return header + body


def _example_snippets() -> list[str]:
    snippets = []
    for _, transform in PIPELINE:
        snippets.extend(example.before for example in transform.EXAMPLES)
        snippets.extend(transform.UNCHANGED)
    snippets.extend(decode_source(p.read_bytes())[0] for p in sorted(ROOT.glob("samples/*/before.py")))
    return [s for s in snippets if compiles(s)]


EXAMPLE_SNIPPETS = _example_snippets()
azure_snippets = st.one_of(azure_constructors(), st.sampled_from(EXAMPLE_SNIPPETS))
generated_modules = hypothesmith.from_grammar()


class _Blocks(cst.CSTVisitor):
    """Every statement list a snippet can go into, outermost first."""

    def __init__(self) -> None:
        self.blocks: list[cst.IndentedBlock] = []

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.blocks.append(node)


def splice(module: cst.Module, snippet: str, where: int, position: int) -> str:
    """``snippet``'s statements inserted into one of ``module``'s blocks (``where``) at ``position``."""
    statements = list(cst.parse_module(snippet).body)
    collector = _Blocks()
    module.visit(collector)
    targets: list[cst.Module | cst.IndentedBlock] = [module, *collector.blocks]
    target = targets[where % len(targets)]
    body = list(target.body)
    at = position % (len(body) + 1)
    new_body = body[:at] + statements + body[at:]
    if isinstance(target, cst.Module):
        return module.with_changes(body=new_body).code
    return module.deep_replace(target, target.with_changes(body=new_body)).code


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(any(line == candidate for candidate in rest) for line in needles)


# --------------------------------------------------------------------------- properties


@budget(ci=60)
@given(source=generated_modules)
@example(source="")
@example(source="x = 1\r\ny = 2\r\n")
@example(source="if x:\n\tpass\n")
@example(source="def f(a, /, b, *, c): ...\n")
def test_any_module_without_azure_code_comes_out_byte_identical(source: str) -> None:
    with prefilter_off():
        outcome = migrate_source(source)
    assert outcome.code == source
    assert outcome.findings == ()
    if outcome.error is not None:  # a valid program LibCST cannot parse: reported as that, never touched
        assert outcome.error.startswith("Python accepts this file, but LibCST"), outcome.error
        assert not libcst_parses(source)


@budget(ci=60)
@given(source=generated_modules, snippet=azure_snippets, where=st.integers(0, 50), position=st.integers(0, 50))
def test_azure_code_spliced_into_any_module_migrates_to_code_that_compiles(
    source: str, snippet: str, where: int, position: int
) -> None:
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError:
        assume(False)  # LibCST rejects a few valid programs; the no-op property covers those
    assume(libcst_round_trips(source))  # the splice is printed by LibCST: it must keep every line
    spliced = splice(module, snippet, where, position)
    assume(compiles(spliced))  # e.g. `from openai import *` inside a function
    outcome = migrate_source(spliced)
    if not libcst_round_trips(spliced) and outcome.error is not None:  # the runner's guard
        assert outcome.code == spliced
        assert outcome.error.startswith("LibCST does not reproduce this file byte for byte"), outcome.error
        return
    assert outcome.error is None
    assert_compiles(outcome.code)
    # the generated code around the snippet is all still there, in order
    assert is_subsequence(source.splitlines(), outcome.code.splitlines())
    again = migrate_source(outcome.code)
    assert again.error is None
    assert again.code == outcome.code, "a second run changed the migrated code"
    assert not [f for f in again.findings if f.fixed], "a second run found more to fix"


@budget(ci=100)
@given(snippet=azure_snippets)
def test_azure_client_code_migrates_once_and_for_all(snippet: str) -> None:
    outcome = migrate_source(snippet)
    assert outcome.error is None
    assert_compiles(outcome.code)
    again = migrate_source(outcome.code)
    assert again.error is None
    assert again.code == outcome.code
    assert not [f for f in again.findings if f.fixed]
    if outcome.code != snippet:
        assert any(f.fixed for f in outcome.findings), "code changed without a fixed finding"


@budget(ci=25)
@given(
    source=st.one_of(generated_modules, azure_snippets),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_apply_writes_exactly_the_migrated_text_or_leaves_the_bytes_alone(source: str, newline: str, bom: bool) -> None:
    if re.search(r"coding[:=]", "\n".join(source.splitlines()[:2])):
        bom = False  # a BOM next to a coding cookie other than utf-8 is an error, tested elsewhere
    raw = (b"\xef\xbb\xbf" if bom else b"") + source.replace("\n", newline).encode("utf-8")
    text, encoding = decode_source(raw)
    expected = migrate_source(text)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "module.py"
        path.write_bytes(raw)
        result = process_file(path, Mode.APPLY)
        written = path.read_bytes()
        assert sorted(os.listdir(tmp)) == ["module.py"], "a temp file was left behind"
    assert result.error == expected.error
    if expected.error is None and expected.code != text:
        assert written == encode_source(expected.code, encoding)
        assert result.changed
    else:
        assert written == raw
        assert not result.changed


# --------------------------------------------------------------------------- known bugs


def test_whitespace_only_lines_at_the_end_of_a_file_with_nothing_to_migrate_are_kept() -> None:
    source = "# uses AzureOpenAI elsewhere\nx = 1\n\n    \n"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source  # actual: "# uses AzureOpenAI elsewhere\nx = 1\n    \n"


def test_whitespace_only_lines_at_the_end_of_a_migrated_file_are_kept() -> None:
    source = (
        "from openai import AzureOpenAI\n\n"
        'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
        "\n  \n"
    )
    outcome = migrate_source(source)
    assert_nothing_lost(source, outcome, kept=")\n\n  \n")  # actual: migrated, ending in ")\n  \n"


def test_final_newline_after_a_comment_ending_in_a_backslash_is_kept() -> None:
    source = "# uses AzureOpenAI elsewhere\nPATH = 'C:/data'  # was C:\\data\\\n"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source  # actual: the file loses its last "\n"

"""The check every rewrite passes before it is kept: the output must compile, not only parse.

A rewrite that leaves a ``nonlocal`` with no binding (an earlier defect) parses with ``ast`` but
fails when Python compiles the module, at import time; the file must be left as it was instead.
The pipeline is replaced by one that returns a given output, as no transform is known to produce
such code any more.
"""

from __future__ import annotations

import warnings

import pytest

import transforms.pipeline
from migrate.runner import migrate_source

AZURE = "from openai import AzureOpenAI\n\nclient = AzureOpenAI()\n"


class _Result:
    def __init__(self, code: str) -> None:
        self.code, self.module, self.findings = code, object(), ()

    def spliced(self) -> str:
        return self.code


def _rewriting_to(monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    monkeypatch.setattr(transforms.pipeline, "run_pipeline", lambda *args, **kwargs: _Result(output))


@pytest.mark.parametrize(
    "output",
    [
        "def f():\n    nonlocal client\n    client = AzureOpenAI()\n",  # no enclosing binding
        "def f():\n    print(client)\n    global client\n",  # used before its global
        "from openai import OpenAI\n\nreturn OpenAI()\n",  # return outside a function
        "def f():\n    x = 1\n    yield x\n    return 2\n\nclass C:\n    yield 1\n",  # yield outside a function
    ],
)
def test_an_output_that_parses_but_does_not_compile_leaves_the_file_unchanged(
    monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    _rewriting_to(monkeypatch, output)
    outcome = migrate_source(AZURE)
    assert outcome.error is not None and outcome.error.startswith("internal error: the migrated code is not valid Python")
    assert outcome.code == AZURE


def test_an_output_that_compiles_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    output = "from openai import OpenAI\n\nclient = OpenAI()\n"
    _rewriting_to(monkeypatch, output)
    outcome = migrate_source(AZURE)
    assert outcome.error is None
    assert outcome.code == output


def test_an_input_that_does_not_compile_holds_the_output_to_a_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """A snippet file with ``return`` at module level (it is exec'd by a framework) still migrates."""
    original = AZURE + "return client\n"
    output = "from openai import OpenAI\n\nclient = OpenAI()\nreturn client\n"
    _rewriting_to(monkeypatch, output)
    outcome = migrate_source(original)
    assert outcome.error is None
    assert outcome.code == output
    _rewriting_to(monkeypatch, output + "def broken(:\n")
    assert migrate_source(original).error is not None  # the parse is still checked


def test_top_level_await_of_a_notebook_compiles(monkeypatch: pytest.MonkeyPatch) -> None:
    original = "from openai import AsyncAzureOpenAI\n\nclient = AsyncAzureOpenAI()\nawait client.models.list()\n"
    output = "from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\nawait client.models.list()\n"
    _rewriting_to(monkeypatch, output)
    outcome = migrate_source(original)
    assert outcome.error is None
    assert outcome.code == output


def test_the_compiler_warnings_of_the_file_are_not_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    output = 'from openai import OpenAI\n\nclient = OpenAI()\nif client is "x":\n    pattern = "\\d"\n'
    with warnings.catch_warnings(record=True) as direct:
        warnings.simplefilter("always")
        compile(output, "x", "exec", dont_inherit=True)
    assert {type(w.message) for w in direct} >= {SyntaxWarning}  # the output does warn...
    _rewriting_to(monkeypatch, output)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = migrate_source(AZURE)
    assert outcome.error is None
    assert outcome.code == output
    assert caught == []  # ...but the check does not pass it on

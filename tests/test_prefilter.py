"""The pre-filter is conservative: nothing a rule acts on is ever filtered out.

It has two stages: ``TRIGGERS`` (bytes the main process looks for in every file) and the
per-transform requirements ``REQUIRES`` (checked exactly before parsing; ``run_pipeline`` also
skips a transform whose requirement fails). The requirements are argued from each transform's
matching logic; here every sample and example, with the requirements switched off, shows that
none of them ever hides what a transform does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import libcst

from migrate.runner import migrate_source
from migrate.sources import decode_source
import transforms.pipeline
from transforms import REQUIRES, TRIGGERS, might_need_migration, requirement_holds
from transforms.pipeline import PIPELINE, run_pipeline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXAMPLES = [
    pytest.param(example, id=f"{module.__name__.split('.')[-1]}: {example.title}")
    for module, transform in PIPELINE
    for example in transform.EXAMPLES
]


def pipeline_without_filter(text: str) -> tuple[str, tuple]:
    """What the rules do to ``text`` when the pre-filter is bypassed."""
    result = run_pipeline(libcst.parse_module(text))
    return result.module.code, result.findings


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*/before.py")), ids=lambda p: p.parent.name)
def test_every_sample_that_a_rule_touches_passes_the_filter(path):
    raw = path.read_bytes()
    text, _ = decode_source(raw)
    code, findings = pipeline_without_filter(text)
    touched = code != text or bool(findings)
    assert touched or path.parent.name.startswith("noop_")
    if touched:
        assert might_need_migration(raw)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_rule_example_passes_the_filter(example):
    code, findings = pipeline_without_filter(example.before)
    assert code != example.before or findings, "the example exercises its rule"
    assert might_need_migration(example.before)
    assert might_need_migration(example.before.encode())


def test_a_file_without_triggers_is_returned_untouched_without_parsing():
    text = "def f(:\n    broken syntax, but nothing here can need migration\n"
    outcome = migrate_source(text)
    assert outcome.error is None and outcome.code == text and outcome.findings == ()


def test_triggers_are_plain_ascii_bytes():
    assert all(isinstance(t, bytes) and t.isascii() for t in TRIGGERS)


def corpus() -> list[str]:
    """Every sample, rule example (before and after) and unchanged example."""
    texts = [decode_source(p.read_bytes())[0] for p in sorted(SAMPLES.glob("*/before.py"))]
    for _, transform in PIPELINE:
        for example in transform.EXAMPLES:
            texts.append(example.before)
            if example.after is not None:
                texts.append(example.after)
        texts.extend(transform.UNCHANGED)
    return texts


def test_triggers_are_implied_by_every_requirement():
    """A file meeting a requirement always holds a trigger, so stage one never drops it."""
    for name, groups in REQUIRES.items():
        assert any(all(any(t.decode() in s for t in TRIGGERS) for s in group) for group in groups), name


def test_every_transform_but_literal_secrets_and_suppressions_has_a_requirement():
    names = {module.__name__.rpartition(".")[2] for module, _ in PIPELINE}
    assert set(REQUIRES) <= names
    assert names - set(REQUIRES) == {"literal_secrets", "suppressions"}  # they run on whatever reaches the pipeline


def test_requirements_never_change_what_the_pipeline_does(monkeypatch):
    """Each transform's requirement is a true precondition: ungated, no transform does more."""
    texts = corpus()
    gated = [pipeline_without_filter(text) for text in texts]
    monkeypatch.setattr(transforms.pipeline, "requirement_holds", lambda name, text: True)
    ungated = [pipeline_without_filter(text) for text in texts]
    assert len(texts) > 100
    for text, with_gate, without in zip(texts, gated, ungated):
        assert with_gate == without, text
    skipped = [t for t in texts if not all(requirement_holds(n, t) for n in REQUIRES)]
    assert len(skipped) > 50, "the gates are exercised"


def test_each_requirement_holds_on_its_own_examples():
    for module, transform in PIPELINE:
        name = module.__name__.rpartition(".")[2]
        for example in transform.EXAMPLES:
            assert requirement_holds(name, example.before), (name, example.title)


@pytest.mark.parametrize(
    "text",
    [
        # the standard library's asyncio/events.py, idlelib, test_embed: the words, not the SDK
        "class Completion:\n    pass\n\nclass Embedding:\n    api_type = 'azure'\n",
        "from mylib import ChatCompletion\n\nChatCompletion.create(engine='gpt', messages=[])\n",
        "import requests\n\nrequests.get('https://example.com/status')\n",
        "from openai import OpenAI\n\nclient = OpenAI()\nclient.chat.completions.create(model='m', messages=[])\n",
    ],
)
def test_words_without_their_module_are_filtered_out(text):
    """Trigger words alone are not enough: the stage-two requirements name the module too."""
    assert not might_need_migration(text) and not might_need_migration(text.encode())
    monkeypatch = pytest.MonkeyPatch()
    with monkeypatch.context() as m:
        m.setattr(transforms.pipeline, "requirement_holds", lambda name, text: True)
        code, findings = pipeline_without_filter(text)
    assert code == text and findings == ()


def test_legacy_and_rest_code_passes_both_stages():
    legacy = 'import openai\n\nopenai.api_type = "azure"\nr = openai.Completion.create(engine="d", prompt="hi")\n'
    rest = 'import httpx\n\nhttpx.post(f"{e}/openai/deployments/{d}/embeddings?api-version=2024-10-21", json={})\n'
    for text in (legacy, rest):
        assert any(t in text.encode() for t in TRIGGERS)
        assert might_need_migration(text) and might_need_migration(text.encode())
        assert pipeline_without_filter(text)[1], "a rule acts on it"

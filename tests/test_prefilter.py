"""The byte-level pre-filter is conservative: nothing a rule acts on is ever filtered out."""

from __future__ import annotations

from pathlib import Path

import pytest

import libcst

from migrate.runner import migrate_source
from migrate.sources import decode_source
from transforms import TRIGGERS, might_need_migration
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

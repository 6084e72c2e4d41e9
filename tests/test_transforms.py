"""Generic harness: every transform's inline EXAMPLES and UNCHANGED snippets, plus the catalogue."""

from __future__ import annotations

import ast
import re

import pytest

from migrate.runner import migrate_source
from transforms.pipeline import CATALOGUE, PIPELINE, RULES

EXAMPLES = [
    pytest.param(example, id=f"{module.__name__.split('.')[-1]}: {example.title}")
    for module, transform in PIPELINE
    for example in transform.EXAMPLES
]
UNCHANGED = [
    pytest.param(code, id=f"{module.__name__.split('.')[-1]} #{n}")
    for module, transform in PIPELINE
    for n, code in enumerate(transform.UNCHANGED)
]


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_is_rewritten_as_documented(example):
    outcome = migrate_source(example.before)
    assert outcome.error is None
    expected = example.before if example.after is None else example.after
    assert outcome.code == expected
    ast.parse(outcome.code)
    follow_ups = tuple(f.rule for f in outcome.findings if not f.fixed)
    assert follow_ups == example.findings
    if example.after is not None:
        assert any(f.fixed for f in outcome.findings), "a rewrite must be reported as a fixed finding"


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_output_is_stable_on_a_second_run(example):
    first = migrate_source(example.before)
    second = migrate_source(first.code)
    assert second.error is None
    assert second.code == first.code
    assert not [f for f in second.findings if f.fixed]


@pytest.mark.parametrize("code", UNCHANGED)
def test_unchanged_snippet_is_left_alone(code):
    outcome = migrate_source(code)
    assert outcome.error is None
    assert outcome.code == code


def test_rule_ids_are_unique_and_well_formed():
    codes = [rule.code for _, t in CATALOGUE for rule in t.RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"AOAI\d{3}", code) for code in codes)
    assert set(codes) == set(RULES)


def test_every_transform_module_documents_itself():
    for module, transform in CATALOGUE:
        doc = module.__doc__ or ""
        for heading in ("**Why**", "**Fix safety**", "**Manual follow-up**"):
            assert heading in doc, f"{module.__name__} lacks {heading}"
        assert transform.EXAMPLES, f"{module.__name__} has no examples"


def test_every_reporting_rule_has_an_example_that_triggers_it():
    triggered = {rule for _, t in CATALOGUE for ex in t.EXAMPLES for rule in ex.findings}
    fixes = {code for code, rule in RULES.items() if rule.fix}
    untested = set(RULES) - triggered - fixes
    # AOAI104/AOAI105 are covered by tests/test_client_constructor.py with many shapes; AOAI207
    # (class_references) is only ever reported in notebooks: tests/test_notebooks.py.
    assert untested <= {"AOAI104", "AOAI105", "AOAI207"}


def test_readme_catalogue_is_up_to_date():
    from pathlib import Path

    from transforms.catalogue import splice

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert splice(readme) == readme, "run: python -m transforms.catalogue README.md"

"""``aoai-migrate rules`` and ``aoai-migrate explain RULE``: the catalogue on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.report import explain_text
from transforms.pipeline import CATALOGUE, RULES, transform_of

ROOT = Path(__file__).resolve().parent.parent



def single_process(args: tuple[str, ...]) -> tuple[str, ...]:
    """One worker: a subprocess per test is enough parallelism (the default pool is tested in test_cli)."""
    return (args[0], "-j", "1", *args[1:]) if args and args[0] in ("diff", "apply", "check") else args

def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "migrate", *single_process(args)], cwd=cwd, env=env, capture_output=True, timeout=120)


def test_explain_prints_the_catalogue_entry_of_a_report_rule(tmp_path):
    result = run("explain", "AOAI103", cwd=tmp_path)
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith("# AOAI103 opaque-arguments (report)\n")
    for heading in ("**Why**", "**Fix safety**", "**Manual follow-up**"):
        assert heading in text
    assert "AzureOpenAI(**settings)" in text  # its example
    assert "left alone, reported as AOAI103" in text


def test_explain_of_a_fix_rule_shows_before_and_after(tmp_path):
    text = run("explain", "aoai001", cwd=tmp_path).stdout.decode()
    assert "# before" in text and "# after" in text
    assert 'base_url="https://contoso.openai.azure.com/openai/v1/"' in text


def test_explain_accepts_a_rule_name(tmp_path):
    assert run("explain", "opaque-arguments", cwd=tmp_path).stdout.startswith(b"# AOAI103 ")


def test_explain_of_an_unknown_rule_is_a_usage_error_listing_valid_ids(tmp_path):
    result = run("explain", "AOAI999", cwd=tmp_path)
    assert result.returncode == 2
    assert b"AOAI999" in result.stderr
    for code in RULES:
        assert code.encode() in result.stderr


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_an_entry_with_its_transforms_headings(code):
    module = transform_of(code)
    transform = next(t for m, t in CATALOGUE if m is module)
    text = explain_text(RULES[code], module, transform)
    assert text.startswith(f"# {code} {RULES[code].name} ")
    assert "**Why**" in text and "**Fix safety**" in text and "**Manual follow-up**" in text
    examples_for_rule = [e for e in transform.EXAMPLES if code in e.findings or (RULES[code].fix and e.after)]
    assert ("\n```" in text) == bool(examples_for_rule)
    if examples_for_rule and hasattr(examples_for_rule[0], "name"):  # a file example shows its file name
        assert f"`{examples_for_rule[0].name}`" in text


def test_rules_lists_the_secret_rule(tmp_path):
    result = run("rules", cwd=tmp_path)
    assert result.returncode == 0
    assert b"AOAI301  report  hardcoded-secret" in result.stdout


def test_rules_are_listed_in_id_order(tmp_path):
    # (a trial: AOAI003 came after AOAI111, in the order of the transforms)
    lines = run("rules", cwd=tmp_path).stdout.decode().splitlines()
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(RULES) and len(codes) == len(RULES)


def test_explain_shows_the_rules_examples_before_its_transforms_text(tmp_path):
    # (a trial: `explain AOAI102` opened with the whole transform's text, whose follow-ups are other rules')
    text = run("explain", "AOAI102", cwd=tmp_path).stdout.decode()
    example = text.index("left alone, reported as AOAI102")
    about = text.index("## About `client_constructor`, the transform behind AOAI102")
    assert example < about < text.index("**Why**")

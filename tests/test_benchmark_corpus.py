"""The benchmark's generated files migrate cleanly: a timing of files that fail, or that the
tool leaves alone, would measure the wrong path."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from migrate.runner import migrate_source

ROOT = Path(__file__).resolve().parent.parent


def _bench():  # noqa: ANN202 - the benchmark script, which is not a package
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("template", ["TEMPLATE", "LEGACY_TEMPLATE", "large_file"])
def test_every_generated_file_is_migrated_with_nothing_left_to_do(template: str) -> None:
    bench = _bench()
    text = bench.large_file(7) if template == "large_file" else getattr(bench, template).format(n=7)
    outcome = migrate_source(text)
    assert outcome.error is None
    assert outcome.code != text
    assert "AzureOpenAI" not in outcome.code and "api_version" not in outcome.code
    assert "openai.api_type" not in outcome.code
    assert outcome.findings and all(f.fixed for f in outcome.findings)  # fixes only, no follow-up
    assert migrate_source(outcome.code).code == outcome.code  # and a second run has nothing to do


def test_the_larger_files_are_the_first_workload_among_code_with_nothing_to_migrate() -> None:
    bench = _bench()
    text, head = bench.large_file(7), bench.TEMPLATE.format(n=7)
    assert text.startswith(head)
    assert text.count("\n") > 6 * head.count("\n")
    assert migrate_source(text).code.endswith(text[len(head) :])  # the rest is left as it is


def test_the_floor_breakdown_times_a_migration_that_happens(tmp_path: Path) -> None:
    bench = _bench()
    texts = [bench.TEMPLATE.format(n=n) for n in range(3)]
    floor = bench.floor_of(texts, 1, tmp_path)
    assert set(floor) == {"bare", "migration", "parse", "print", "check", "write", "ast", "ast_calls"}
    assert all(ms > 0 for ms in floor.values())
    # (no comparison of the times: one round over three files is noise, and a clean-clone CI run
    # once saw the parse step take 53 ms against the whole migration's 8; speed is the script's to show)
    written = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.py"))
    assert written == sorted(migrate_source(text).code for text in texts)  # the write is of the real output


def test_the_floor_breakdown_refuses_files_that_are_not_migrated(tmp_path: Path) -> None:
    bench = _bench()
    with pytest.raises(SystemExit, match="not migrated"):
        bench.floor_of([bench.TEMPLATE.format(n=1), "import os\n"], 1, tmp_path)

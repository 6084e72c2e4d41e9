"""Byte-exact snapshots of every sample: ``samples/<case>/before.py`` -> ``after.py`` + ``findings.txt``.

Regenerate after an intended change with ``pytest tests/test_samples.py --snapshot-update`` and
review the diff of ``samples/`` like any other code change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.runner import migrate_source
from migrate.sources import decode_source, encode_source

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CASES = sorted(p.parent.name for p in SAMPLES.glob("*/before.py"))


def migrate_bytes(raw: bytes) -> tuple[bytes, tuple]:
    text, encoding = decode_source(raw)
    outcome = migrate_source(text)
    assert outcome.error is None, outcome.error
    return encode_source(outcome.code, encoding), outcome.findings


def render_findings(findings: tuple) -> str:
    return "".join(f"{f.line}:{f.column} {f.rule}{' [fixed]' if f.fixed else ''} {f.message}\n" for f in findings)


def test_there_are_enough_samples():
    assert len(CASES) >= 12
    assert any(case.startswith("noop_") for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_sample_migrates_to_its_snapshot(case, snapshot):
    before = (SAMPLES / case / "before.py").read_bytes()
    after, findings = migrate_bytes(before)
    snapshot.snapshot_dir = SAMPLES / case
    snapshot.assert_match(after, "after.py")
    snapshot.assert_match(render_findings(findings), "findings.txt")


@pytest.mark.parametrize("case", CASES)
def test_second_run_changes_nothing(case):
    after_path = SAMPLES / case / "after.py"
    after = after_path.read_bytes()
    again, findings = migrate_bytes(after)
    assert again == after
    assert not [f for f in findings if f.fixed]


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("noop_")])
def test_noop_sample_is_byte_identical(case):
    before = (SAMPLES / case / "before.py").read_bytes()
    after, findings = migrate_bytes(before)
    assert after == before
    assert findings == ()


@pytest.mark.parametrize("case", [c for c in CASES if not c.startswith("noop_") and not c.endswith("_left_alone")])
def test_migrating_sample_really_changes(case):
    before = (SAMPLES / case / "before.py").read_bytes()
    after, findings = migrate_bytes(before)
    assert after != before
    assert b"/openai/v1/" in after
    assert [f for f in findings if f.fixed], "a rewrite was reported"
    # follow-ups that the rewrite itself raises (openai and langchain-openai floors, preview, a legacy
    # error class that catches more)
    notes = {"AOAI107", "AOAI108", "AOAI502", "AOAI607", "AOAI609"}
    assert not [f for f in findings if not f.fixed and f.rule not in notes], "nothing is left unmigrated"

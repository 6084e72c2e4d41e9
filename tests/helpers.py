"""Small helpers shared by the tests."""

from __future__ import annotations

import ast
import textwrap

from migrate.runner import Outcome, migrate_source


def migrate(code: str) -> Outcome:
    """Migrate dedented ``code``; fail loudly when the tool reported an error."""
    outcome = migrate_source(textwrap.dedent(code))
    assert outcome.error is None, outcome.error
    return outcome


def rules_of(outcome: Outcome, *, fixed: bool | None = None) -> list[str]:
    return [f.rule for f in outcome.findings if fixed is None or f.fixed == fixed]


def assert_runs_on_py38(code: str) -> None:
    ast.parse(code, feature_version=(3, 8))

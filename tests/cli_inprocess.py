"""Run the command line in this process (click's CliRunner): the same code path as the console
script minus interpreter start-up and a worker pool, for tests that make many runs.

tests/test_cli.py keeps running real processes; this is for the option matrix around it.
"""

from __future__ import annotations

import dataclasses
import os
import signal
from pathlib import Path

from click.testing import CliRunner

from migrate.cli import main


@dataclasses.dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: bytes
    stderr: bytes


def invoke(*args: str, cwd: Path) -> Ran:
    """``aoai-migrate ARGS`` in ``cwd`` with one worker; stdout and stderr kept apart, as bytes."""
    if args and args[0] in ("diff", "apply", "check"):
        args = (args[0], "-j", "1", *args[1:])
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    previous_dir = os.getcwd()
    previous_term = signal.getsignal(signal.SIGTERM)
    os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), catch_exceptions=False, env={"NO_COLOR": "1"})
    finally:
        os.chdir(previous_dir)
        signal.signal(signal.SIGTERM, previous_term)
    return Ran(result.exit_code, result.stdout_bytes, result.stderr_bytes or b"")

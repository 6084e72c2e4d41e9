"""Helpers for the bad-input, fault and no-execution tests: run the real CLI in a subprocess.

The CLI is started the way the installed ``aoai-migrate`` script starts it: from a launcher
script that lives outside the tree being migrated (so the tree is *not* on ``sys.path``).
``hooks`` is Python code put in a ``sitecustomize.py`` that every process of the run executes
first (the main process and its workers, whatever the start method): it is how a test makes a
worker crash, a disk fill up or a colleague edit a file at exactly the wrong moment.
"""

from __future__ import annotations

import ctypes
import dataclasses
import functools
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

from migrate.runner import Outcome, migrate_source
from migrate.sources import TEMP_PREFIX

ROOT = Path(__file__).resolve().parent.parent

LAUNCHER = """\
import sys
sys.argv[0] = "aoai-migrate"
from migrate.cli import main
main()
"""

ENDPOINT = "https://contoso.openai.azure.com"


def azure_module(n: int | str = 0, extra: str = "") -> bytes:
    """A small module that needs migration (``extra`` goes in as a comment marker)."""
    marker = f"# {extra}\n" if extra else ""
    host = "".join(c if c.isalnum() else "-" for c in str(n).lower())  # n may be a file name: a valid host
    return (
        f"{marker}from openai import AzureOpenAI\n\n"
        f'client = AzureOpenAI(azure_endpoint="https://r{host}.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
    ).encode()


def migrated(data: bytes) -> bytes:
    """What ``apply`` must turn the UTF-8 module ``data`` into."""
    outcome = migrate_source(data.decode())
    assert outcome.error is None and outcome.code != data.decode(), outcome
    return outcome.code.encode()


def assert_nothing_lost(source: str, outcome: Outcome, kept: str) -> None:
    """Either migrated with ``kept`` intact, or left exactly as it was with an error: never lost."""
    if outcome.error is not None:
        assert outcome.code == source
    else:
        assert outcome.code.startswith("from openai import OpenAI\n"), outcome.code
        assert kept in outcome.code, f"{kept!r} was lost:\n{outcome.code}"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(f"{TEMP_PREFIX}*"))


_TOOLS = tempfile.TemporaryDirectory(prefix="aoai-migrate-launchers-")  # removed when the tests end


def _tool_dir(hooks: str | None) -> Path:
    """A directory with the launcher (and the hooks as ``sitecustomize.py``), one per hooks text."""
    key = hashlib.sha256((hooks or "").encode()).hexdigest()[:16]
    directory = Path(_TOOLS.name) / key
    if not directory.exists():
        directory.mkdir()
        (directory / "launcher.py").write_text(LAUNCHER)
        if hooks:
            (directory / "sitecustomize.py").write_text(textwrap.dedent(hooks))
    return directory


def command(*args: str, hooks: str | None = None, env: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    tool = _tool_dir(hooks)
    env = {**os.environ, **(env or {}), "PYTHONPATH": os.pathsep.join([str(tool), str(ROOT)]), "NO_COLOR": "1"}
    env.pop("PYTHONSTARTUP", None)
    return [sys.executable, str(tool / "launcher.py"), *args], env


def cli(
    *args: str,
    cwd: Path,
    hooks: str | None = None,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``aoai-migrate ARGS`` in ``cwd``; text output (stdout and stderr) for the assertions."""
    argv, env = command(*args, hooks=hooks, env=env)
    return subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=without_permission_override if unprivileged else None,
    )


@dataclasses.dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli_here(*args: str, cwd: Path) -> Ran:
    """``aoai-migrate ARGS`` in this process (click's runner): the same code, no interpreter start.

    Workers are forked from the test process, which has LibCST loaded already, so a run costs
    milliseconds instead of a second. Use :func:`cli` where the process itself matters.
    """
    from click.testing import CliRunner

    from migrate.cli import main

    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    handler = signal.getsignal(signal.SIGTERM)  # the CLI turns SIGTERM into KeyboardInterrupt
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), env={"NO_COLOR": "1"}, catch_exceptions=False)
    finally:
        os.chdir(previous)
        signal.signal(signal.SIGTERM, handler)
    return Ran(result.exit_code, result.stdout, result.stderr)


def start(*args: str, cwd: Path, hooks: str | None = None, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start ``aoai-migrate ARGS`` in a process group of its own (to signal it like a terminal does)."""
    argv, env = command(*args, hooks=hooks, env=env)
    return subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


# --------------------------------------------------------------------------- permissions as root

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def without_permission_override() -> None:
    """(preexec) Let file permissions bind even for root: drop CAP_DAC_OVERRIDE/READ_SEARCH.

    Root ignores ``chmod 000``; without these two capabilities (dropped from the bounding set,
    so they are gone after ``exec``) it is checked like any owner. A no-op for other users.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@functools.cache
def permissions_bind() -> bool:
    """Whether a process started with ``unprivileged=True`` is refused a ``chmod 000`` file."""
    if os.name != "posix":
        return False
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            result = subprocess.run(
                [sys.executable, "-c", f"open({str(probe)!r}).read()"],
                capture_output=True,
                preexec_fn=without_permission_override,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        finally:
            probe.chmod(0o600)
        return result.returncode != 0 and b"PermissionError" in result.stderr


def snapshot(root: Path, keep: Callable[[Path], bool] = lambda p: True) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and keep(p)}

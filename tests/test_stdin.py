"""``diff -`` / ``apply -`` / ``check -``: one source from stdin, for editor integrations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

GOOD = b'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=os.environ["E"], api_key="k", api_version="2024-10-21")\n'
LEFT_ALONE = b"from openai import AzureOpenAI\n\nclient = AzureOpenAI(**settings)\n"
CLEAN = b"from openai import OpenAI\n\nclient = OpenAI()\n"
BROKEN = b"from openai import AzureOpenAI\ndef (:\n"



def single_process(args: tuple[str, ...]) -> tuple[str, ...]:
    """One worker: a subprocess per test is enough parallelism (the default pool is tested in test_cli)."""
    return (args[0], "-j", "1", *args[1:]) if args and args[0] in ("diff", "apply", "check") else args

def run(*args: str, cwd: Path, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "migrate", *single_process(args)], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120
    )


def test_apply_dash_writes_the_migrated_file_to_stdout_and_touches_no_file(tmp_path):
    result = run("apply", "-", cwd=tmp_path, stdin=GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"import os\nfrom openai import OpenAI\n")
    assert b"OpenAI(base_url=" in result.stdout
    assert b"1 file changed" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_apply_dash_matches_the_snapshot_byte_for_byte_for_crlf_latin1_and_bom():
    for case in ("crlf_line_endings", "latin1_encoding", "utf8_bom"):
        before = (SAMPLES / case / "before.py").read_bytes()
        result = run("apply", "-", cwd=SAMPLES / case, stdin=before)
        assert result.stdout == (SAMPLES / case / "after.py").read_bytes(), case


def test_diff_dash_prints_a_patch_named_after_stdin_filename_that_git_applies(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "client.py").write_bytes(GOOD)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run("diff", "-", "--stdin-filename", "pkg/client.py", cwd=tmp_path, stdin=GOOD)
    assert result.returncode == 1
    assert result.stdout.startswith(b"--- a/pkg/client.py\n+++ b/pkg/client.py\n@@ ")
    applied = subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=result.stdout, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "pkg" / "client.py").read_bytes() == run("apply", "-", cwd=tmp_path, stdin=GOOD).stdout


def test_check_dash_reports_findings_under_the_stdin_filename(tmp_path):
    result = run("check", "-", "--stdin-filename", "app/b.py", cwd=tmp_path, stdin=LEFT_ALONE)
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"app/b.py:3:10: AOAI103" in result.stderr


def test_apply_dash_on_clean_code_echoes_it_and_exits_0(tmp_path):
    result = run("apply", "-", cwd=tmp_path, stdin=CLEAN)
    assert result.returncode == 0
    assert result.stdout == CLEAN


def test_apply_dash_with_a_follow_up_exits_1_and_still_prints_the_file(tmp_path):
    result = run("apply", "-", cwd=tmp_path, stdin=LEFT_ALONE)
    assert result.returncode == 1
    assert result.stdout == LEFT_ALONE
    assert b"-:3:10: AOAI103" in result.stderr


def test_apply_dash_echoes_input_that_cannot_be_parsed_and_exits_2(tmp_path):
    """An editor filter (``:%!aoai-migrate apply -``) must never lose the buffer."""
    result = run("apply", "-", cwd=tmp_path, stdin=BROKEN)
    assert result.returncode == 2
    assert result.stdout == BROKEN
    assert b"error: syntax error at line 2" in result.stderr


def test_binary_input_is_an_error(tmp_path):
    result = run("diff", "-", cwd=tmp_path, stdin=b"AzureOpenAI\x00\x01")
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"binary input" in result.stderr


def test_dash_with_other_paths_is_a_usage_error(tmp_path):
    result = run("diff", "-", "a.py", cwd=tmp_path, stdin=GOOD)
    assert result.returncode == 2
    assert b"cannot be combined" in result.stderr


def test_stdin_filename_without_dash_is_a_usage_error(tmp_path):
    result = run("diff", "--stdin-filename", "a.py", ".", cwd=tmp_path, stdin=b"")
    assert result.returncode == 2


def test_stdin_filename_excluded_by_the_configuration_is_passed_through(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.aoai-migrate]\nexclude = ["vendored/"]\n')
    result = run("apply", "-", "--stdin-filename", "vendored/x.py", cwd=tmp_path, stdin=GOOD)
    assert result.returncode == 0
    assert result.stdout == GOOD
    migrated = run("apply", "-", "--stdin-filename", "src/x.py", cwd=tmp_path, stdin=GOOD)
    assert b"OpenAI(base_url=" in migrated.stdout


def test_stdin_uses_the_configuration_of_the_current_directory(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.aoai-migrate]\nignore = ["AOAI103"]\n')
    assert run("check", "-", cwd=tmp_path, stdin=LEFT_ALONE).returncode == 0

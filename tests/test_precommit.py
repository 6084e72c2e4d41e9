"""The pre-commit hooks in .pre-commit-hooks.yaml, run by pre-commit itself, offline.

Real users point ``repo:`` at this repository and pre-commit installs it with ``language:
python`` (which needs the package index). Here the same hooks are mirrored into a ``repo: local``
configuration with ``language: system`` and the console script of this environment, so
pre-commit runs them in a throwaway git repository without any network.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from pre_commit import clientlib as pre_commit_clientlib

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

GOOD = b'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=os.environ["E"], api_key="k", api_version="2024-10-21")\n'
LEFT_ALONE = b"from openai import AzureOpenAI\n\nclient = AzureOpenAI(**settings)\n"
CLEAN = b"from openai import OpenAI\n\nclient = OpenAI()\n"


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "aoai-migrate"
    if script.exists():
        return [str(script)]
    found = shutil.which("aoai-migrate")
    return [found] if found else [sys.executable, "-m", "migrate"]


def local_config(hook_ids: list[str]) -> dict:
    """The manifest's hooks as ``repo: local`` / ``language: system`` hooks, otherwise unchanged."""
    hooks = []
    for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")):
        if hook["id"] not in hook_ids:
            continue
        command = shlex.split(hook["entry"])
        assert command[0] == "aoai-migrate"
        mirrored = {**hook, "language": "system", "entry": shlex.join(console_script() + command[1:])}
        mirrored.pop("minimum_pre_commit_version", None)
        hooks.append(mirrored)
    return {"repos": [{"repo": "local", "hooks": hooks}]}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def make_repo(tmp_path: Path, hook_ids: list[str], files: dict[str, bytes]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local_config(hook_ids), sort_keys=False))
    for name, data in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    git("add", "-A", cwd=repo)
    return repo


def test_the_hooks_manifest_is_valid_for_pre_commit():
    hooks = pre_commit_clientlib.load_manifest(str(MANIFEST))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"aoai-migrate-check", "aoai-migrate-apply"}
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "aoai-migrate"  # the console script pip installs
        assert set(hook["types_or"]) == {"python", "pyi"}
        assert hook["require_serial"] is True
    assert by_id["aoai-migrate-check"]["entry"] == "aoai-migrate check"
    assert by_id["aoai-migrate-apply"]["entry"] == "aoai-migrate apply"


def test_the_check_hook_fails_on_legacy_code_and_passes_on_clean_code(tmp_path):
    repo = make_repo(tmp_path, ["aoai-migrate-check"], {"app/client.py": GOOD, "app/clean.py": CLEAN, "README.md": b"# x\n"})
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "aoai-migrate check" in result.stdout and "Failed" in result.stdout
    assert "app/client.py: would be migrated" in result.stdout
    assert (repo / "app" / "client.py").read_bytes() == GOOD  # check writes nothing
    (repo / "app" / "client.py").write_bytes(CLEAN)
    git("add", "-A", cwd=repo)
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_the_apply_hook_rewrites_staged_files_and_stops_the_commit_for_review(tmp_path):
    repo = make_repo(tmp_path, ["aoai-migrate-apply"], {"client.py": GOOD, "other.py": LEFT_ALONE})
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert "other.py:3:10: AOAI103" in result.stdout
    assert b"OpenAI(base_url=" in (repo / "client.py").read_bytes()
    assert (repo / "other.py").read_bytes() == LEFT_ALONE


def test_the_check_hook_on_commit_sees_only_staged_python_files_and_honours_the_configuration(tmp_path):
    files = {
        "pyproject.toml": b'[tool.aoai-migrate]\nexclude = ["legacy/"]\n',
        "legacy/old.py": GOOD,
        "new.py": CLEAN,
    }
    repo = make_repo(tmp_path, ["aoai-migrate-check"], files)
    result = pre_commit(repo, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    git("commit", "-q", "-m", "start", cwd=repo)
    pre_commit(repo, "install")
    (repo / "new.py").write_bytes(GOOD)
    git("add", "new.py", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    commit = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-m", "legacy again"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert commit.returncode != 0, commit.stdout + commit.stderr
    assert "new.py: would be migrated" in commit.stdout + commit.stderr

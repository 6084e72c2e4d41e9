"""The tool never imports or runs the code it migrates.

The tree below is full of modules whose import has side effects (they write a marker file and
exit 99), including ones named like the tool's own dependencies and like files Python runs by
itself (``sitecustomize``, ``conftest``, ``setup``, ``__main__``). Every one of them also holds
Azure client code, so the tool reads, parses and rewrites all of them. None may run. An audit
hook in every process of the run also records any code object executed from the tree, any
program started (importing a module runs its code object: an ``exec`` event).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faultkit import ROOT, azure_module, cli, migrated, write

SHADOWS = (
    "click.py",  # the CLI framework
    "libcst/__init__.py",  # the parser
    "pathspec.py",
    "rich.py",
    "transforms.py",  # the tool's own package names
    "migrate/__init__.py",
    "openai/__init__.py",
    "typing_extensions.py",
    "yaml.py",
    "tomli.py",
    "sitecustomize.py",  # files Python or pytest run on their own
    "usercustomize.py",
    "conftest.py",
    "setup.py",
    "__main__.py",
    "__init__.py",
    "app.py",
)

AUDIT = """
import json, os, sys
_tree = os.environ["AOAI_TEST_TREE"].rstrip(os.sep) + os.sep
_log = os.environ["AOAI_TEST_AUDIT_LOG"]
_spawners = {"os.exec", "os.posix_spawn", "os.spawn", "os.system", "subprocess.Popen", "os.startfile"}

def _record(event, detail):
    with open(_log, "a") as handle:
        handle.write(json.dumps([os.getpid(), event, detail]) + "\\n")

def _hook(event, args):
    if event == "exec" and args and getattr(args[0], "co_filename", "").startswith(_tree):
        _record(event, args[0].co_filename)
    elif event in _spawners:
        _record(event, repr(args)[:300])

sys.addaudithook(_hook)
"""


def side_effect_module(name: str, markers: Path) -> bytes:
    return (
        f"import os, sys\n"
        f"open(os.path.join({str(markers)!r}, {name.replace('/', '_')!r}), 'w').close()\n"
        "sys.exit(99)\n"
    ).encode() + azure_module(name)


@pytest.fixture
def booby_trapped_tree(tmp_path: Path) -> tuple[Path, Path, dict[Path, bytes]]:
    tree, markers = tmp_path / "tree", tmp_path / "markers"
    markers.mkdir()
    files = {write(tree / name, side_effect_module(name, markers)): b"" for name in SHADOWS}
    for path in files:
        files[path] = path.read_bytes()
    return tree, markers, files


def markers_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_migrating_modules_with_import_side_effects_runs_none_of_them(booby_trapped_tree, tmp_path: Path) -> None:  # noqa: ANN001
    tree, markers, files = booby_trapped_tree
    log = tmp_path / "audit.jsonl"
    env = {"AOAI_TEST_TREE": str(tree), "AOAI_TEST_AUDIT_LOG": str(log)}
    for command, jobs in (("check", "1"), ("diff", "2")):
        result = cli(command, "-j", jobs, ".", cwd=tree, hooks=AUDIT, env=env)
        assert result.returncode == 1, result.stderr
    result = cli("apply", "-j", "2", ".", cwd=tree, hooks=AUDIT, env=env)
    assert result.returncode == 0, result.stderr
    assert f"{len(SHADOWS)} files changed, 0 unchanged, 0 failed" in result.stderr
    assert markers_in(markers) == [], "a migrated module was imported or run"
    for path, before in files.items():
        assert path.read_bytes() == migrated(before), f"{path} was not migrated"
    events = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    assert events == [], f"code from the tree was run or imported, or a program was started: {events}"


def test_the_audit_hook_would_see_an_import_from_the_tree(booby_trapped_tree, tmp_path: Path) -> None:
    """The harness itself: importing one of the modules is seen (so an empty log means something)."""
    tree, markers, _ = booby_trapped_tree
    log = tmp_path / "audit.jsonl"
    sitecustomize_dir = tmp_path / "hook"
    write(sitecustomize_dir / "sitecustomize.py", AUDIT.encode())
    env = {**os.environ, "PYTHONPATH": str(sitecustomize_dir), "AOAI_TEST_TREE": str(tree), "AOAI_TEST_AUDIT_LOG": str(log)}
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(tree)!r}); import app"], env=env, timeout=60)
    assert markers_in(markers) == ["app.py"]
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(event, detail) for _, event, detail in events] == [("exec", str(tree / "app.py"))]


def test_python_dash_m_in_a_tree_with_a_module_named_like_a_dependency_runs_none_of_it(booby_trapped_tree) -> None:  # noqa: ANN001
    tree, markers, _ = booby_trapped_tree
    (tree / "migrate").rename(tree.parent / "not_the_tool")  # `python -m migrate` would run the tree's own package
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "migrate", "check", "."], cwd=tree, env=env, capture_output=True, timeout=120)
    assert markers_in(markers) == [], f"ran: {markers_in(markers)}"  # actual: ['click.py']
    assert result.returncode == 1, result.stderr

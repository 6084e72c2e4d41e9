"""Tests for migrate.discover: which files a run touches, and in which form."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from migrate import discover as discover_module
from migrate.discover import DEFAULT_EXCLUDES, DiscoveryError, discover

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


def make(root: Path, files: Mapping[str, str] | Iterable[str]) -> None:
    """Create files below ``root``; a mapping gives their contents."""
    items = files.items() if isinstance(files, Mapping) else ((name, "") for name in files)
    for name, content in items:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def found(*paths: Path | str) -> list[str]:
    """The files discovered for ``paths``, as posix strings; errors fail the test."""
    out: list[str] = []
    for item in discover([Path(p) for p in paths]):
        assert not isinstance(item, DiscoveryError), item
        out.append(item.as_posix())
    return out


def errors(*paths: Path | str) -> list[DiscoveryError]:
    return [item for item in discover([Path(p) for p in paths]) if isinstance(item, DiscoveryError)]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from inside ``tmp_path`` (paths can then be relative)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- basics -----------------------------------------------------------------


def test_walk_yields_py_and_pyi_files_in_sorted_order(in_tmp: Path) -> None:
    make(in_tmp, ["b.py", "a.pyi", "c/z.py", "c/a.py", "notes.txt", "setup.cfg", "x.pyc", "y.py.bak"])
    assert found(".") == ["a.pyi", "b.py", "c/a.py", "c/z.py"]


def test_relative_argument_yields_relative_paths_in_given_form(in_tmp: Path) -> None:
    make(in_tmp, ["src/pkg/m.py"])
    assert found(".") == ["src/pkg/m.py"]
    assert found("src") == ["src/pkg/m.py"]
    assert found("./src/") == ["src/pkg/m.py"]
    assert found("src/pkg/../pkg") == ["src/pkg/../pkg/m.py"]


def test_absolute_argument_yields_absolute_paths(tmp_path: Path) -> None:
    make(tmp_path, ["m.py"])
    assert found(tmp_path) == [(tmp_path / "m.py").as_posix()]


def test_yielded_items_are_paths(in_tmp: Path) -> None:
    make(in_tmp, ["m.py"])
    assert list(discover([Path(".")])) == [Path("m.py")]


@pytest.mark.parametrize("folder", [".", "./", "src", "src/", "./src//pkg", "src/pkg/..", "/abs/src", "//net/share", ""])
@pytest.mark.parametrize("fast", [True, False])
def test_a_walked_file_path_is_the_path_of_its_scandir_spelling(folder: str, fast: bool, monkeypatch) -> None:
    # the walk builds each file's Path from its folder's Path; it must equal Path(entry.path)
    if not fast:
        monkeypatch.setattr(discover_module, "_child_of", None)
    path, reused = discover_module._file_path(None, folder, "m.py")
    again, _ = discover_module._file_path(reused, folder, "n.py")
    assert (path, again) == (Path(os.path.join(folder, "m.py")), Path(os.path.join(folder, "n.py")))
    assert (str(path), str(again)) == (str(Path(os.path.join(folder, "m.py"))), str(Path(os.path.join(folder, "n.py"))))
    assert type(path) is type(Path(folder or "."))


def test_explicit_file_is_processed_whatever_its_suffix(in_tmp: Path) -> None:
    make(in_tmp, ["bin/tool", "script.txt"])
    assert found("bin/tool", "script.txt") == ["bin/tool", "script.txt"]


def test_nonexistent_path_yields_error_and_discovery_continues(in_tmp: Path) -> None:
    make(in_tmp, ["m.py"])
    items = list(discover([Path("missing.py"), Path("m.py")]))
    assert items == [DiscoveryError(Path("missing.py"), "no such file or directory"), Path("m.py")]


@needs_symlinks
def test_broken_symlink_argument_yields_error(in_tmp: Path) -> None:
    Path("dangling.py").symlink_to("nowhere.py")
    assert errors("dangling.py") == [DiscoveryError(Path("dangling.py"), "broken symbolic link")]


@needs_symlinks
def test_symlink_loop_argument_yields_error(in_tmp: Path) -> None:
    Path("a").symlink_to("b")
    Path("b").symlink_to("a")
    assert errors("a") == [DiscoveryError(Path("a"), "symlink loop")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_explicit_fifo_yields_error(in_tmp: Path) -> None:
    os.mkfifo("pipe.py")
    assert errors("pipe.py") == [DiscoveryError(Path("pipe.py"), "not a regular file or directory")]


# --- duplicates ---------------------------------------------------------------


def test_path_given_twice_yields_each_file_once(in_tmp: Path) -> None:
    make(in_tmp, ["a.py", "src/b.py"])
    assert found(".", ".") == ["a.py", "src/b.py"]


def test_nested_arguments_yield_each_file_once(in_tmp: Path) -> None:
    make(in_tmp, ["a.py", "src/b.py", "src/c/d.py"])
    assert found(".", "src") == ["a.py", "src/b.py", "src/c/d.py"]
    assert found("src", ".") == ["src/b.py", "src/c/d.py", "a.py"]


def test_explicit_file_inside_walked_directory_is_yielded_once(in_tmp: Path) -> None:
    make(in_tmp, ["src/b.py"])
    assert found("src", "src/b.py") == ["src/b.py"]
    assert found("src/b.py", "src") == ["src/b.py"]


def test_a_file_named_after_a_walk_skipped_it_is_yielded(in_tmp: Path) -> None:
    # the walk does not keep the files it yields; a file named after it is judged by its folder's
    # walk: yielded there (skip it now) only if that walk wanted it and did not ignore it
    make(in_tmp, {".gitignore": "*_pb2.py\n", "src/api_pb2.py": "", "src/tool": "", "src/b.py": ""})
    assert found(".", "src/api_pb2.py", "src/tool", "src/b.py", "src/api_pb2.py") == [
        "src/b.py",
        "src/api_pb2.py",
        "src/tool",
    ]


def test_a_file_named_after_a_walk_of_a_nested_repository_is_judged_by_its_rules(in_tmp: Path) -> None:
    # a nested repository starts its rules afresh: the outer ignore does not apply inside it
    make(in_tmp, {".git/HEAD": "", ".gitignore": "*_pb2.py\n", "vendor/.git/HEAD": "", "vendor/x_pb2.py": ""})
    assert found(".", "vendor/x_pb2.py") == ["vendor/x_pb2.py"]


def test_a_walk_keeps_no_file_it_yields(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(in_tmp, [f"pkg{n}/m{k}.py" for n in range(3) for k in range(20)] + ["named.py"])
    walkers: list = []
    real = discover_module._Walker

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        walkers.append(real(*args, **kwargs))
        return walkers[-1]

    monkeypatch.setattr(discover_module, "_Walker", spy)
    assert len(found(".", "named.py")) == 61
    assert walkers[0].named_files == set()  # named.py was yielded by the walk: not kept either
    assert len(walkers[0].walked_dirs) == 4  # what it keeps grows with the folders, not the files


def test_relative_and_absolute_spelling_of_same_file_yields_once(in_tmp: Path) -> None:
    make(in_tmp, ["m.py"])
    assert found("m.py", in_tmp / "m.py") == ["m.py"]


@needs_symlinks
def test_directory_reached_through_symlinked_argument_is_yielded_once(in_tmp: Path) -> None:
    make(in_tmp, ["real/m.py"])
    Path("alias").symlink_to("real", target_is_directory=True)
    assert found("real", "alias") == ["real/m.py"]


# --- default excludes and virtual environments ----------------------------------


@pytest.mark.parametrize(
    "name",
    [".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", "build", "dist",
     ".tox", ".nox", ".mypy_cache", "site-packages", "pkg.egg-info"],
)
def test_default_excluded_directory_is_skipped(in_tmp: Path, name: str) -> None:
    make(in_tmp, [f"{name}/m.py", f"src/{name}/m.py", "keep.py"])
    assert found(".") == ["keep.py"]


def test_default_excludes_cover_the_documented_names() -> None:
    assert {".git", ".venv", "venv", "node_modules", "__pycache__", "*.egg-info"} <= set(DEFAULT_EXCLUDES)
    assert "env" not in DEFAULT_EXCLUDES  # virtualenvs are found by pyvenv.cfg instead


def test_virtualenv_is_detected_by_pyvenv_cfg_whatever_its_name(in_tmp: Path) -> None:
    make(in_tmp, ["myenv/pyvenv.cfg", "myenv/lib/python3.12/x.py", "app.py"])
    assert found(".") == ["app.py"]


def test_conda_environment_is_skipped(in_tmp: Path) -> None:
    make(in_tmp, ["conda/conda-meta/history", "conda/lib/x.py", "app.py"])
    assert found(".") == ["app.py"]


def test_directory_named_env_without_pyvenv_cfg_is_walked(in_tmp: Path) -> None:
    make(in_tmp, ["app/env/settings.py", "env/__init__.py"])
    assert found(".") == ["app/env/settings.py", "env/__init__.py"]


def test_explicitly_named_excluded_directory_is_walked(in_tmp: Path) -> None:
    make(in_tmp, ["build/gen.py", "build/__pycache__/gen.py", "myenv/pyvenv.cfg", "myenv/x.py"])
    assert found("build") == ["build/gen.py"]
    assert found("myenv") == ["myenv/x.py"]
    assert found(".", "myenv", "build") == ["myenv/x.py", "build/gen.py"]


# --- .gitignore -------------------------------------------------------------------


def test_gitignored_directory_is_skipped(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "generated/\n", "generated/a.py": "", "src/generated/b.py": "", "m.py": ""})
    assert found(".") == ["m.py"]


def test_gitignored_file_pattern_is_skipped(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "*_pb2.py\n# comment\n\n", "api_pb2.py": "", "pkg/x_pb2.py": "", "api.py": ""})
    assert found(".") == ["api.py"]


def test_explicit_file_is_processed_even_if_ignored(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "*_pb2.py\ngenerated/\n", "api_pb2.py": "", "generated/g.py": ""})
    assert found(".") == []
    assert found("api_pb2.py", "generated/g.py") == ["api_pb2.py", "generated/g.py"]


def test_explicitly_named_ignored_directory_is_walked(in_tmp: Path) -> None:
    make(in_tmp, {".git/HEAD": "", ".gitignore": "generated/\n", "generated/sub/g.py": "",
                  "generated/.gitignore": "skip.py\n", "generated/skip.py": ""})
    assert found("generated") == ["generated/sub/g.py"]
    assert found("generated/sub") == ["generated/sub/g.py"]


def test_directory_only_pattern_does_not_match_a_file(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "tools/\n", "tools": "", "pkg/tools/t.py": "", "tools.py": ""})
    # "tools" here is a file at the top, so only the directory pkg/tools is ignored.
    assert found(".") == ["tools.py"]


def test_anchored_pattern_only_matches_next_to_its_gitignore(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "/conf.py\n", "conf.py": "", "docs/conf.py": "",
                  "pkg/.gitignore": "/local.py\n", "pkg/local.py": "", "pkg/sub/local.py": ""})
    assert found(".") == ["docs/conf.py", "pkg/sub/local.py"]


def test_nested_gitignore_with_negation_overrides_parent(in_tmp: Path) -> None:
    make(in_tmp, {
        ".gitignore": "*_gen.py\n",
        "a_gen.py": "",
        "pkg/.gitignore": "!keep_gen.py\nlocal.py\n",
        "pkg/keep_gen.py": "",
        "pkg/other_gen.py": "",
        "pkg/local.py": "",
        "pkg/sub/keep_gen.py": "",
        "pkg/sub/local.py": "",
        "local.py": "",
    })
    assert found(".") == ["local.py", "pkg/keep_gen.py", "pkg/sub/keep_gen.py"]


def test_negation_in_same_gitignore_last_match_wins(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "*.py\n!main.py\n", "main.py": "", "util.py": "", "sub/main.py": ""})
    assert found(".") == ["main.py", "sub/main.py"]


def test_file_in_ignored_directory_cannot_be_reincluded(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "vendor/\n!vendor/keep.py\n", "vendor/keep.py": "", "vendor/x.py": ""})
    assert found(".") == []


def test_star_star_pattern_ignores_contents_but_not_the_directory_itself(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "logs/**\n!logs/keep.py\n", "logs/keep.py": "", "logs/x.py": "",
                  "logs/deeper/keep.py": ""})
    assert found(".") == ["logs/keep.py"]


def test_reincluded_subdirectory_of_star_pattern_is_walked(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "out/*\n!out/sub/\n", "out/x.py": "", "out/sub/y.py": ""})
    assert found(".") == ["out/sub/y.py"]


def test_gitignore_outside_a_repository_is_honoured(in_tmp: Path) -> None:
    assert discover_module._repo_root(str(in_tmp)) is None or pytest.skip("tmp dir is inside a git repo")
    make(in_tmp, {"proj/.gitignore": "ignored.py\n", "proj/ignored.py": "", "proj/m.py": ""})
    assert found("proj") == ["proj/m.py"]


def test_parent_gitignore_in_repository_applies_to_subdirectory_argument(in_tmp: Path) -> None:
    make(in_tmp, {".git/HEAD": "", ".gitignore": "*_gen.py\n", "src/.gitignore": "private/\n",
                  "src/pkg/a_gen.py": "", "src/pkg/private/p.py": "", "src/pkg/m.py": ""})
    assert found("src/pkg") == ["src/pkg/m.py"]


def test_gitignore_above_the_repository_root_is_not_used(in_tmp: Path) -> None:
    make(in_tmp, {".gitignore": "*.py\n", "repo/.git/HEAD": "", "repo/src/m.py": ""})
    assert found("repo/src") == ["repo/src/m.py"]


def test_git_info_exclude_is_honoured_with_lowest_precedence(in_tmp: Path) -> None:
    make(in_tmp, {".git/info/exclude": "scratch.py\nlocal_*.py\n", ".gitignore": "!local_keep.py\n",
                  "scratch.py": "", "sub/scratch.py": "", "local_x.py": "", "local_keep.py": "", "m.py": ""})
    assert found(".") == ["local_keep.py", "m.py"]
    assert found("sub") == []


def test_nested_repository_starts_with_fresh_rules(in_tmp: Path) -> None:
    make(in_tmp, {".git/HEAD": "", ".gitignore": "*_gen.py\n", "a_gen.py": "",
                  "vendored/.git/HEAD": "", "vendored/.git/info/exclude": "tmp.py\n",
                  "vendored/b_gen.py": "", "vendored/tmp.py": ""})
    assert found(".") == ["vendored/b_gen.py"]


def test_unreadable_gitignore_yields_error_and_walk_continues(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(in_tmp, {"pkg/.gitignore": "x.py\n", "pkg/x.py": "", "pkg/y.py": ""})
    real_open = open

    def guarded_open(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(file).endswith(".gitignore"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", guarded_open)
    items = list(discover([Path(".")]))
    assert items[0] == DiscoveryError(
        Path((in_tmp / "pkg" / ".gitignore").as_posix()), "cannot read ignore file: permission denied"
    )
    assert items[1:] == [Path("pkg/x.py"), Path("pkg/y.py")]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_selection_matches_git_for_a_tricky_tree(in_tmp: Path) -> None:
    subprocess.run(["git", "init", "-q", "."], check=True)
    make(in_tmp, {
        ".gitignore": "\n".join([
            "*.gen.py", "/top_only.py", "docs/", "logs/**", "!logs/keep.py", "out/*", "!out/sub/",
            "secret*", "!secret_ok.py", "**/deep/skip.py", "a/**/b.py", "trailing.py   ", "\\#hash.py",
        ]) + "\n",
        ".git/info/exclude": "by_info.py\n",
        "pkg/.gitignore": "!important.gen.py\nlocal.py\n/anch.py\nsub/\n",
    })
    files = [
        "m.py", "x.gen.py", "top_only.py", "pkg/top_only.py", "docs/d.py", "pkg/docs/d.py",
        "logs/keep.py", "logs/x.py", "logs/deeper/keep.py", "out/o.py", "out/sub/o.py",
        "secret.py", "secret_ok.py", "pkg/secret_ok.py", "q/deep/skip.py", "q/deep/ok.py",
        "a/b.py", "a/x/y/b.py", "a/c.py", "trailing.py", "#hash.py", "by_info.py", "pkg/by_info.py",
        "pkg/important.gen.py", "pkg/other.gen.py", "pkg/local.py", "pkg/q/local.py", "pkg/anch.py",
        "pkg/q/anch.py", "pkg/sub/s.py", "pkg/q/sub/s.py", "sub/s.py", "stub.pyi",
    ]
    make(in_tmp, files)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "-z"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\0")
    expected = sorted(p for p in listed if p.endswith((".py", ".pyi")))
    assert sorted(found(".")) == expected
    assert 10 < len(expected) < len(files)  # the tree really exercises both outcomes


# --- symlinks and unreadable directories ---------------------------------------------


@needs_symlinks
def test_symlinked_directory_inside_walk_is_not_followed(in_tmp: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    make(outside, ["evil.py"])
    make(in_tmp, ["src/m.py"])
    Path("src/link").symlink_to(outside, target_is_directory=True)
    assert found(".") == ["src/m.py"]


@needs_symlinks
def test_symlink_loop_inside_walk_terminates(in_tmp: Path) -> None:
    make(in_tmp, ["a/m.py"])
    Path("a/loop").symlink_to("..", target_is_directory=True)
    Path("a/self").symlink_to("self")
    assert found(".") == ["a/m.py"]


@needs_symlinks
def test_symlinked_file_inside_walk_is_skipped(in_tmp: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    make(outside, ["evil.py"])
    make(in_tmp, ["m.py"])
    Path("alias.py").symlink_to(outside / "evil.py")
    assert found(".") == ["m.py"]
    assert found("alias.py") == ["alias.py"]  # but naming it explicitly is honoured


def test_unlistable_directory_yields_error_and_walk_continues(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI runs as root, which can list a chmod-000 directory; simulate EACCES instead.
    make(in_tmp, ["a/m.py", "locked/secret.py", "z/n.py"])
    real_scandir = os.scandir

    def scandir(path: str = ".") -> object:
        if os.path.basename(os.path.normpath(path)) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert list(discover([Path(".")])) == [
        Path("a/m.py"),
        DiscoveryError(Path("locked"), "permission denied"),
        Path("z/n.py"),
    ]


def test_unlistable_argument_directory_yields_error(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(in_tmp, ["locked/secret.py"])

    def scandir(path: str = ".") -> object:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert errors("locked") == [DiscoveryError(Path("locked"), "permission denied")]


# --- cost ------------------------------------------------------------------------------


def test_walk_does_not_stat_individual_files(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(in_tmp, [f"pkg{i}/m{j}.py" for i in range(5) for j in range(20)])
    stat_calls: list[str] = []
    real_stat, real_lstat = os.stat, os.lstat

    def spy_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        stat_calls.append(str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def spy_lstat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        stat_calls.append(str(path))
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", spy_stat)
    monkeypatch.setattr(os, "lstat", spy_lstat)
    assert len(found(".")) == 100
    assert not [call for call in stat_calls if call.endswith(".py")]

"""Bad input: each problem file gets a clear message and exit code 2, and every other file is
still processed and migrated. Bad files are never modified.

A file whose bytes do not contain ``AzureOpenAI`` is never decoded or parsed (the pre-filter), so
the files below carry the trigger wherever decoding or parsing is the point. An empty file is
valid Python: it is simply unchanged (exit 0).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrate.session import DEFAULT_MAX_FILE_SIZE, Mode, run
from tests.faultkit import azure_module, cli, cli_here, migrated, permissions_bind, snapshot, temp_files, write

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
needs_permissions = pytest.mark.skipif(
    not permissions_bind(), reason="file permissions cannot be made to bind here (not POSIX, or root without CAP_SETPCAP)"
)

GOOD = azure_module()
HUGE_SIZE = DEFAULT_MAX_FILE_SIZE + 500_000  # 10.5 MB


def huge(trigger: bool) -> bytes:
    head = b"from openai import AzureOpenAI\n" if trigger else b"from openai import OpenAI\n"
    line = b"x = 1  # padding ......................................................................\n"
    return head + line * ((HUGE_SIZE - len(head)) // len(line) + 1)


def assert_good_files_migrated(tree: Path, *names: str) -> None:
    for name in names:
        assert (tree / name).read_bytes() == migrated(GOOD), f"{name} was not migrated"


def assert_reported(result, path: str, reason: str) -> None:  # noqa: ANN001
    line = f"{path}: error: {reason}"
    assert line in result.stderr, f"expected {line!r} in:\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr


# --------------------------------------------------------------------------- one tree with everything


def make_bad_tree(tree: Path, outside: Path) -> dict[str, str]:
    """Every kind of bad input next to good files; returns path -> expected reason (start of it)."""
    write(tree / "a_good.py", GOOD)
    write(tree / "syntax_error.py", b"from openai import AzureOpenAI\ndef broken(:\n")
    write(tree / "undecodable.py", b"from openai import AzureOpenAI\nname = '\xff\xfe caf\xe9'\n")
    write(tree / "binary.py", b"\x7fELF\x02\x01\x01\x00\x00\x00AzureOpenAI\x00\x00")
    write(tree / "bad_cookie.py", b"# -*- coding: klingon -*-\nfrom openai import AzureOpenAI\n")
    write(tree / "empty.py", b"")
    write(tree / "huge.py", huge(trigger=True))
    write(tree / "read_only.py", GOOD).chmod(0o444)
    write(outside / "elsewhere.py", GOOD)
    (tree / "link_outside.py").symlink_to(outside / "elsewhere.py")
    (tree / "linked_dir").symlink_to(outside, target_is_directory=True)
    (tree / "loop_a.py").symlink_to("loop_b.py")
    (tree / "loop_b.py").symlink_to("loop_a.py")
    write(tree / "sub" / "deeper" / "z_good.py", GOOD)
    return {
        "syntax_error.py": "syntax error at line 2",
        "undecodable.py": "cannot decode as utf-8 (the default): byte 0xff at offset 39 (line 2)",
        "binary.py": "binary file (contains NUL bytes)",
        "bad_cookie.py": "cannot determine encoding: unknown encoding: klingon",
        "huge.py": f"skipped: {HUGE_SIZE / 1e6:.1f} MB is over the 10 MB limit per file",
        "read_only.py": "read-only file; not modified",
        "link_outside.py": f"symlink to a file outside the scanned directories ({outside / 'elsewhere.py'}); not followed",
        "linked_dir": f"symlink to a directory outside the scanned directories ({outside}); not followed",
        "loop_a.py": "symlink loop; not followed",
        "loop_b.py": "symlink loop; not followed",
        "does_not_exist.py": "no such file or directory",
    }


@needs_symlinks
def test_a_tree_full_of_bad_input_reports_each_file_and_migrates_the_rest(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    expected = make_bad_tree(tree, outside)
    before = snapshot(tree)
    outside_before = snapshot(outside)

    result = cli("apply", ".", "does_not_exist.py", cwd=tree)

    assert result.returncode == 2, result.stderr
    for path, reason in expected.items():
        assert_reported(result, path, reason)
    assert_good_files_migrated(tree, "a_good.py", "sub/deeper/z_good.py")
    after = snapshot(tree)
    for name in before:
        if name not in ("a_good.py", "sub/deeper/z_good.py"):
            assert after[name] == before[name], f"{name} was modified"
    assert snapshot(outside) == outside_before, "a file outside the tree was modified through a symlink"
    assert "2 files changed, 1 unchanged, 11 failed" in result.stderr
    assert temp_files(tree) == []


# --------------------------------------------------------------------------- one situation at a time


UNPARSEABLE = {
    "syntax_error.py": (b"from openai import AzureOpenAI\nclient = AzureOpenAI(\n", "syntax error at line"),
    "tab_error.py": (b"from openai import AzureOpenAI\nif x:\n\ty = 1\n        z = 2\n", "syntax error at line"),
    "undecodable.py": (b"from openai import AzureOpenAI\n# \xc3\x28\n", "cannot decode as utf-8 (the default): byte 0xc3 at offset 33 (line 2)"),
    "latin1_without_cookie.py": (b"# caf\xe9\nfrom openai import AzureOpenAI\n", "cannot decode as utf-8 (the default): byte 0xe9 at offset 5 (line 1)"),
    "lying_cookie.py": (b"# coding: ascii\nfrom openai import AzureOpenAI  # caf\xc3\xa9\n", "cannot decode as ascii (declared by coding cookie): byte 0xc3"),
    "binary.py": (b"AzureOpenAI\x00\x01\x02\x03", "binary file (contains NUL bytes)"),
    "png.py": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR AzureOpenAI", "binary file (contains NUL bytes)"),
    "utf16.py": ("from openai import AzureOpenAI\n".encode("utf-16"), "binary file (contains NUL bytes)"),
}


@pytest.mark.parametrize("command", ["check", "apply"])
def test_files_that_cannot_be_decoded_or_parsed_are_reported_with_exit_2_and_left_alone(
    tmp_path: Path, command: str
) -> None:
    write(tmp_path / "a.py", GOOD)
    for name, (data, _) in UNPARSEABLE.items():
        write(tmp_path / name, data)
    write(tmp_path / "z.py", GOOD)
    result = cli_here(command, ".", cwd=tmp_path)
    assert result.returncode == 2
    for name, (data, reason) in UNPARSEABLE.items():
        assert_reported(result, name, reason)
        assert (tmp_path / name).read_bytes() == data
    assert f"0 unchanged, {len(UNPARSEABLE)} failed" in result.stderr
    if command == "apply":
        assert_good_files_migrated(tmp_path, "a.py", "z.py")
    else:
        assert "a.py: would be migrated" in result.stderr and "z.py: would be migrated" in result.stderr


def test_empty_file_is_valid_python_and_is_not_an_error(tmp_path: Path) -> None:
    write(tmp_path / "empty.py", b"")
    write(tmp_path / "__init__.py", b"")
    for command in ("diff", "check", "apply"):
        result = cli_here(command, ".", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "0 files" in result.stderr and "2 unchanged, 0 failed" in result.stderr
    assert (tmp_path / "empty.py").read_bytes() == b""


def test_empty_file_next_to_azure_code_is_unchanged_and_the_rest_migrates(tmp_path: Path) -> None:
    write(tmp_path / "empty.py", b"")
    write(tmp_path / "app.py", GOOD)
    result = cli_here("apply", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 file changed, 1 unchanged, 0 failed" in result.stderr
    assert (tmp_path / "empty.py").read_bytes() == b""
    assert_good_files_migrated(tmp_path, "app.py")


def test_file_over_the_size_limit_is_skipped_with_its_size_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "generated.py", huge(trigger=True))
    write(tmp_path / "app.py", GOOD)
    result = cli_here("apply", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert_reported(result, "generated.py", "skipped: 10.5 MB is over the 10 MB limit per file")
    assert (tmp_path / "generated.py").read_bytes() == huge(trigger=True)
    assert_good_files_migrated(tmp_path, "app.py")


def test_file_over_the_size_limit_without_azure_code_is_simply_unchanged(tmp_path: Path) -> None:
    write(tmp_path / "generated.py", huge(trigger=False))
    result = cli_here("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 unchanged, 0 failed" in result.stderr


def test_size_limit_is_a_parameter_of_the_session(tmp_path: Path) -> None:
    big = write(tmp_path / "big.py", GOOD + b"# padding\n" * 100)
    small = write(tmp_path / "small.py", GOOD)
    limit = len(GOOD) + 10
    results = {r.path.name: r for r in run([tmp_path], Mode.CHECK, jobs=0, max_file_size=limit)}
    assert results["big.py"].error == f"skipped: {big.stat().st_size / 1000:.1f} kB is over the {limit} bytes limit per file"
    assert results["small.py"].changed
    unlimited = {r.path.name: r for r in run([tmp_path], Mode.CHECK, jobs=0, max_file_size=None)}
    assert unlimited["big.py"].changed and unlimited["big.py"].error is None
    assert small.read_bytes() == GOOD


def test_trigger_straddling_a_read_chunk_of_a_huge_file_is_still_seen(tmp_path: Path) -> None:
    """Huge files are scanned in 1 MiB chunks; the name split across two of them must count."""
    chunk = 1 << 20
    data = b"#" * (chunk - 5) + b" AzureOpenAI\n" + b"x = 1\n" * 1000
    assert data[chunk - 5 : chunk + 7] == b" AzureOpenAI"
    write(tmp_path / "split.py", data)
    (result,) = run([tmp_path / "split.py"], Mode.CHECK, jobs=0, max_file_size=chunk)
    assert result.error == "skipped: 1.1 MB is over the 1048576 bytes limit per file"


def test_undecodable_file_without_azure_code_is_never_decoded(tmp_path: Path) -> None:
    """The pre-filter: bytes without the trigger are not the tool's business (and stay untouched)."""
    write(tmp_path / "latin1.py", b"name = 'caf\xe9'\n")
    result = cli_here("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "latin1.py").read_bytes() == b"name = 'caf\xe9'\n"


def test_path_that_does_not_exist_is_reported_and_the_others_processed(tmp_path: Path) -> None:
    write(tmp_path / "app.py", GOOD)
    result = cli_here("apply", "missing.py", "app.py", "no/such/dir", cwd=tmp_path)
    assert result.returncode == 2
    assert_reported(result, "missing.py", "no such file or directory")
    assert_reported(result, "no/such/dir", "no such file or directory")
    assert_good_files_migrated(tmp_path, "app.py")


def test_read_only_file_is_not_modified_and_the_others_are(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.py", GOOD)
    locked.chmod(0o444)
    write(tmp_path / "open.py", GOOD)
    result = cli_here("apply", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert_reported(result, "locked.py", "read-only file; not modified")
    assert locked.read_bytes() == GOOD
    assert locked.stat().st_mode & 0o777 == 0o444
    assert_good_files_migrated(tmp_path, "open.py")
    check = cli_here("check", ".", cwd=tmp_path)  # a dry run reads it fine: only writing is refused
    assert check.returncode == 1 and "locked.py: would be migrated" in check.stderr


@needs_permissions
def test_directory_without_read_permission_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "a.py", GOOD)
    write(tmp_path / "locked" / "secret.py", GOOD)
    write(tmp_path / "z" / "b.py", GOOD)
    (tmp_path / "locked").chmod(0)
    try:
        result = cli("apply", ".", cwd=tmp_path, unprivileged=True)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.returncode == 2
    assert_reported(result, "locked", "permission denied")
    assert_good_files_migrated(tmp_path, "a.py", "z/b.py")
    assert (tmp_path / "locked" / "secret.py").read_bytes() == GOOD


@needs_permissions
def test_file_without_read_permission_is_reported_and_the_others_processed(tmp_path: Path) -> None:
    write(tmp_path / "a.py", GOOD)
    secret = write(tmp_path / "secret.py", GOOD)
    secret.chmod(0)
    try:
        result = cli("apply", ".", cwd=tmp_path, unprivileged=True)
    finally:
        secret.chmod(0o644)
    assert result.returncode == 2
    assert_reported(result, "secret.py", "permission denied")
    assert_good_files_migrated(tmp_path, "a.py")
    assert secret.read_bytes() == GOOD


@needs_permissions
def test_directory_where_no_temp_file_can_be_created_is_reported_and_left_alone(tmp_path: Path) -> None:
    write(tmp_path / "a.py", GOOD)
    frozen = write(tmp_path / "frozen" / "app.py", GOOD)
    frozen.parent.chmod(0o555)
    try:
        result = cli("apply", ".", cwd=tmp_path, unprivileged=True)
    finally:
        frozen.parent.chmod(0o755)
    assert result.returncode == 2
    assert_reported(result, "frozen/app.py", "permission denied")
    assert frozen.read_bytes() == GOOD
    assert_good_files_migrated(tmp_path, "a.py")


@needs_symlinks
def test_symlink_loop_in_the_tree_is_reported_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "app.py", GOOD)
    (tmp_path / "self.py").symlink_to("self.py")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "up").symlink_to("..", target_is_directory=True)  # a cycle, not an ELOOP
    result = cli_here("apply", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert_reported(result, "self.py", "symlink loop; not followed")
    assert "pkg/up" not in result.stderr  # points inside the tree: its files are processed anyway
    assert_good_files_migrated(tmp_path, "app.py")


@needs_symlinks
def test_symlink_loop_named_on_the_command_line_is_reported(tmp_path: Path) -> None:
    (tmp_path / "self.py").symlink_to("self.py")
    write(tmp_path / "app.py", GOOD)
    result = cli_here("apply", "self.py", "app.py", cwd=tmp_path)
    assert result.returncode == 2
    assert_reported(result, "self.py", "symlink loop")
    assert_good_files_migrated(tmp_path, "app.py")


@needs_symlinks
def test_symlink_pointing_outside_the_tree_is_not_followed_and_its_target_is_untouched(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    target = write(outside / "shared.py", GOOD)
    write(outside / "pkg" / "module.py", GOOD)
    write(tree / "app.py", GOOD)
    (tree / "shared.py").symlink_to(target)
    (tree / "vendored").symlink_to(outside / "pkg", target_is_directory=True)
    result = cli_here("apply", ".", cwd=tree)
    assert result.returncode == 2
    assert_reported(result, "shared.py", f"symlink to a file outside the scanned directories ({target}); not followed")
    assert_reported(result, "vendored", "symlink to a directory outside the scanned directories")
    assert target.read_bytes() == GOOD
    assert (outside / "pkg" / "module.py").read_bytes() == GOOD
    assert (tree / "shared.py").is_symlink()
    assert_good_files_migrated(tree, "app.py")


@needs_symlinks
def test_symlinks_that_lose_nothing_stay_silent(tmp_path: Path) -> None:
    """Inside the tree (processed where it lives), dangling, or not Python: no message, exit 0."""
    write(tmp_path / "real.py", b"x = 1\n")
    write(tmp_path / "notes.txt", b"hello\n")
    (tmp_path / "alias.py").symlink_to("real.py")
    (tmp_path / "dangling.py").symlink_to("gone.py")
    (tmp_path / "notes.py.txt").symlink_to(tmp_path / "notes.txt")
    (tmp_path / "etc").symlink_to("/etc", target_is_directory=True)
    write(tmp_path / ".gitignore", b"etc\n")
    result = cli_here("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


@needs_symlinks
def test_symlink_into_another_scanned_directory_is_not_an_error(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "shared.py", GOOD)
    write(tmp_path / "src" / "app.py", GOOD)
    (tmp_path / "src" / "shared.py").symlink_to(tmp_path / "lib" / "shared.py")
    result = cli_here("apply", "src", "lib", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_good_files_migrated(tmp_path, "src/app.py", "lib/shared.py")
    assert (tmp_path / "src" / "shared.py").is_symlink()


@needs_symlinks
def test_symlink_named_on_the_command_line_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = write(tmp_path / "outside" / "shared.py", GOOD)
    link = tmp_path / "tree" / "shared.py"
    link.parent.mkdir()
    link.symlink_to(target)
    result = cli_here("apply", "shared.py", cwd=link.parent)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert target.read_bytes() == migrated(GOOD)


def test_syntax_error_message_points_at_the_offending_character(tmp_path: Path) -> None:
    # LibCST gives up at the token it expected ("error at 3:0"); the message is Python's own
    write(tmp_path / "broken.py", b"from openai import AzureOpenAI\ndef broken(:\n")
    write(tmp_path / "twice.py", b'from openai import AzureOpenAI\nc = AzureOpenAI(\n  azure_endpoint = = "x"\n)\n')
    result = cli_here("check", "broken.py", "twice.py", cwd=tmp_path)
    assert result.returncode == 2
    assert_reported(result, "broken.py", "syntax error at line 2, column 12: invalid syntax")
    assert_reported(result, "twice.py", "syntax error at line 3, column 20: invalid syntax")


def test_max_file_size_flag_skips_a_large_candidate_as_failed(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    big = tmp_path / "big.py"
    big.write_text("from openai import AzureOpenAI\nc = AzureOpenAI()\n# " + "x" * 3000 + "\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(root)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "migrate", "check", *a, str(big)], env=env, capture_output=True, cwd=tmp_path)  # noqa: E731
    limited = run("--max-file-size", "0.001")
    assert limited.returncode == 2 and b"over the" in limited.stderr
    assert run().returncode == 1

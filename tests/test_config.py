"""[tool.aoai-migrate] in the scanned project's pyproject.toml, and the flags that override it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from migrate.config import Config, ConfigError, configs_for, find_config, load_config, rule_ids
from tests.cli_inprocess import Ran, invoke

GOOD = b'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=os.environ["E"], api_key="k", api_version="2024-10-21")\n'
LEFT_ALONE = b"from openai import AzureOpenAI\n\nclient = AzureOpenAI(**settings)\n"


def run(*args: str, cwd: Path) -> Ran:
    return invoke(*args, cwd=cwd)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def project(root: Path, table: str) -> Path:
    write(root / ".git" / "HEAD", "ref: refs/heads/main\n")  # a repository root: the search stops here
    return write(root / "pyproject.toml", f'[project]\nname = "x"\n\n[tool.aoai-migrate]\n{table}\n')


# --------------------------------------------------------------------------- finding the file


def test_config_is_found_by_walking_up_from_a_file_argument(tmp_path):
    pyproject = project(tmp_path, 'ignore = ["AOAI103"]')
    write(tmp_path / "pkg" / "sub" / "b.py", LEFT_ALONE)
    assert find_config(tmp_path / "pkg" / "sub" / "b.py") == pyproject
    assert run("check", "pkg/sub/b.py", cwd=tmp_path).returncode == 0
    assert run("check", "b.py", cwd=tmp_path / "pkg" / "sub").returncode == 0


def test_a_nearer_pyproject_without_the_table_is_passed_over(tmp_path):
    pyproject = project(tmp_path, 'ignore = ["AOAI103"]')
    write(tmp_path / "libs" / "one" / "pyproject.toml", '[project]\nname = "one"\n')
    write(tmp_path / "libs" / "one" / "b.py", LEFT_ALONE)
    assert find_config(tmp_path / "libs" / "one") == pyproject
    assert run("check", "libs/one", cwd=tmp_path).returncode == 0


def test_the_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.aoai-migrate]\nignore = ["AOAI103"]\n')
    repo = tmp_path / "repo"
    write(repo / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(repo / "b.py", LEFT_ALONE)
    assert find_config(repo) is None
    assert run("check", ".", cwd=repo).returncode == 1


def test_paths_under_different_projects_each_get_their_own_settings(tmp_path):
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(tmp_path / "a" / "pyproject.toml", '[tool.aoai-migrate]\nignore = ["AOAI103"]\n')
    write(tmp_path / "b" / "pyproject.toml", '[tool.aoai-migrate]\nselect = ["AOAI001"]\n')
    write(tmp_path / "a" / "x.py", LEFT_ALONE)
    write(tmp_path / "b" / "y.py", LEFT_ALONE)
    write(tmp_path / "c" / "z.py", LEFT_ALONE)
    groups = configs_for([tmp_path / "a" / "x.py", tmp_path / "b", tmp_path / "c" / "z.py"])
    assert [(c.ignore, c.select, len(members)) for c, members in groups] == [
        (("AOAI103",), None, 1),
        ((), ("AOAI001",), 1),
        ((), None, 1),
    ]
    result = run("check", "a", "b", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert run("check", "a", "b", "c", cwd=tmp_path).returncode == 1


def test_explicit_config_file_replaces_the_search(tmp_path):
    project(tmp_path, 'ignore = ["AOAI103"]')
    write(tmp_path / "b.py", LEFT_ALONE)
    write(tmp_path / "ci" / "strict.toml", "[tool.aoai-migrate]\n")
    assert run("check", ".", cwd=tmp_path).returncode == 0
    assert run("check", "--config", "ci/strict.toml", ".", cwd=tmp_path).returncode == 1


# --------------------------------------------------------------------------- include / exclude


def test_exclude_glob_skips_files_in_a_walk_and_when_named_explicitly(tmp_path):
    project(tmp_path, 'exclude = ["legacy/", "*_generated.py"]')
    write(tmp_path / "legacy" / "old.py", GOOD)
    write(tmp_path / "api_generated.py", GOOD)
    write(tmp_path / "app.py", b"print('clean')\n")
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"2 unchanged" in result.stderr  # only app.py and the pyproject.toml (a dependency file) were scanned
    # pre-commit names every staged file: the exclusion still holds
    assert run("check", "legacy/old.py", "api_generated.py", cwd=tmp_path).returncode == 0


def test_include_glob_limits_what_is_scanned(tmp_path):
    project(tmp_path, 'include = ["src/**/*.py"]')
    write(tmp_path / "src" / "pkg" / "client.py", GOOD)
    write(tmp_path / "scripts" / "one_off.py", GOOD)
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert b"src/pkg/client.py: would be migrated" in result.stderr
    assert b"one_off" not in result.stderr
    assert b"1 file would change, 0 unchanged" in result.stderr


def test_command_line_exclude_replaces_the_configured_one(tmp_path):
    project(tmp_path, 'exclude = ["legacy/"]')
    write(tmp_path / "legacy" / "old.py", GOOD)
    write(tmp_path / "new.py", GOOD)
    result = run("check", "--exclude", "new.py", ".", cwd=tmp_path)
    assert b"legacy/old.py: would be migrated" in result.stderr
    assert b"new.py: would be migrated" not in result.stderr


def test_missing_path_is_still_reported_when_filters_apply(tmp_path):
    project(tmp_path, 'exclude = ["legacy/"]')
    write(tmp_path / "ok.py", b"print(1)\n")
    result = run("check", "ok.py", "nope.py", cwd=tmp_path)
    assert result.returncode == 2
    assert b"nope.py: error: no such file or directory" in result.stderr


# --------------------------------------------------------------------------- rules


def test_configured_ignore_and_the_flag_that_overrides_it(tmp_path):
    project(tmp_path, 'ignore = ["AOAI103"]')
    write(tmp_path / "b.py", LEFT_ALONE)
    assert run("check", cwd=tmp_path).returncode == 0
    assert run("check", "--ignore", "AOAI102", cwd=tmp_path).returncode == 1


def test_configured_select_and_the_flag_that_overrides_it(tmp_path):
    project(tmp_path, 'select = ["AOAI001"]')
    write(tmp_path / "b.py", LEFT_ALONE)
    assert run("check", cwd=tmp_path).returncode == 0
    result = run("check", "--select", "AOAI103", cwd=tmp_path)
    assert result.returncode == 1
    assert b"AOAI103" in result.stderr


def test_rule_names_are_accepted_where_ids_are(tmp_path):
    write(tmp_path / "b.py", LEFT_ALONE)
    assert run("check", "--ignore", "opaque-arguments", cwd=tmp_path).returncode == 0


def test_unknown_rule_in_the_configuration_is_exit_2_naming_file_and_valid_ids(tmp_path):
    project(tmp_path, 'ignore = ["AOAI999"]')
    write(tmp_path / "b.py", LEFT_ALONE)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "pyproject.toml" in err and "ignore" in err and "AOAI999" in err and "AOAI001" in err
    assert "Traceback" not in err


def test_unknown_rule_on_the_command_line_names_the_flag(tmp_path):
    result = run("check", "--ignore", "AOAI999", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert b"--ignore" in result.stderr and b"AOAI999" in result.stderr and b"AOAI103" in result.stderr


# --------------------------------------------------------------------------- bad configuration


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('selct = ["AOAI001"]', ["unknown key 'selct'", "valid keys: include, exclude, select, ignore, unsafe-fixes"]),
        ('select = "AOAI001"', ["select must be a list of strings"]),
        ("exclude = [1]", ["exclude must be a list of strings"]),
        ('unsafe-fixes = "yes"', ["unsafe-fixes must be true or false"]),
    ],
    ids=["unknown-key", "string-not-list", "number-glob", "unsafe-not-bool"],
)
def test_a_bad_table_is_exit_2_naming_the_key(tmp_path, table, words):
    project(tmp_path, table)
    write(tmp_path / "a.py", GOOD)
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    for word in words:
        assert word in err
    assert "pyproject.toml" in err
    assert (tmp_path / "a.py").read_bytes() == GOOD


def test_invalid_toml_is_exit_2(tmp_path):
    write(tmp_path / ".git" / "HEAD", "x\n")
    write(tmp_path / "pyproject.toml", "[tool.aoai-migrate]\nselect = [\n")
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert b"invalid TOML" in result.stderr


def test_load_config_reads_every_key(tmp_path):
    path = project(
        tmp_path,
        'include = ["src/"]\nexclude = ["src/gen/"]\nselect = ["AOAI001"]\nignore = ["AOAI102"]\nunsafe-fixes = true',
    )
    assert load_config(path) == Config(path, ("src/",), ("src/gen/",), ("AOAI001",), ("AOAI102",), True)


# --------------------------------------------------------------------------- selection (pure)


@dataclasses.dataclass(frozen=True)
class FakeRule:
    code: str
    name: str
    unsafe: bool = False


RULES = {"AOAI001": FakeRule("AOAI001", "safe-fix"), "AOAI002": FakeRule("AOAI002", "risky-fix", unsafe=True), "AOAI101": FakeRule("AOAI101", "note")}


def test_unsafe_rules_run_only_when_allowed():
    assert Config(ignore=("AOAI101",)).selection(RULES) == frozenset({"AOAI001"})
    assert Config(ignore=("AOAI101",), unsafe_fixes=True).selection(RULES) == frozenset({"AOAI001", "AOAI002"})
    assert Config(unsafe_fixes=True).selection(RULES) is None  # everything


def test_flags_override_only_the_keys_they_name():
    base = Config(select=("AOAI001",), ignore=("AOAI101",), unsafe_fixes=True)
    assert base.override(select=("AOAI002",), ignore=None, unsafe_fixes=None) == dataclasses.replace(base, select=("AOAI002",))


def test_rule_ids_split_commas_and_reject_unknown_ids_listing_the_valid_ones():
    assert rule_ids(["aoai001, AOAI101", "risky-fix"], RULES) == ["AOAI001", "AOAI101", "AOAI002"]
    with pytest.raises(ConfigError, match="unknown rule id AOAI9; valid ids: AOAI001, AOAI002, AOAI101"):
        rule_ids(["AOAI9"], RULES)


def test_paths_outside_the_project_are_not_filtered(tmp_path):
    config = Config(path=tmp_path / "proj" / "pyproject.toml", exclude=("*.py",))
    assert not config.accepts(tmp_path / "proj" / "a.py")
    assert config.accepts(tmp_path / "elsewhere" / "a.py")

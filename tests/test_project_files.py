"""Dependency and configuration files through the whole tool: discovery, the pre-filter, -r
includes, setup.py (both kinds of rule), diff/apply/check and exit codes.

The rules themselves are tested in tests/test_dependency_floor.py and tests/test_stale_config.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from migrate import session
from migrate.session import Mode, kind_of, run, wanted
from tests.cli_inprocess import invoke

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "project_files"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_apply_turns_the_sample_folder_into_its_after_folder(tmp_path):
    work = tmp_path / "project"
    shutil.copytree(SAMPLE / "before", work)
    result = invoke("apply", ".", cwd=work)
    assert result.returncode == 1, result.stderr  # follow-ups remain (AOAI402, AOAI411)
    assert tree(work) == tree(SAMPLE / "after")
    assert b"2 files changed" in result.stderr  # setup.cfg keeps its floor (its legacy extra pins openai==0.28.1), the requirements files theirs (constraints.txt: openai<1.100)
    again = invoke("apply", ".", cwd=work)
    assert tree(work) == tree(SAMPLE / "after")
    assert b"0 files changed" in again.stderr


def test_diff_of_dependency_files_is_a_patch_git_applies(tmp_path):
    work = tmp_path / "project"
    shutil.copytree(SAMPLE / "before", work)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    result = invoke("diff", ".", cwd=work)
    assert result.returncode == 1
    assert b"cell by cell" not in result.stderr  # only notebooks are shown cell by cell
    (tmp_path / "fix.patch").write_bytes(result.stdout)
    subprocess.run(["git", "apply", str(tmp_path / "fix.patch")], cwd=work, check=True)
    assert tree(work) == {**tree(SAMPLE / "after"), **{k: v for k, v in tree(work).items() if k.startswith(".git/")}}


def test_check_reports_dead_configuration_and_old_floors_with_exit_1(tmp_path):
    (tmp_path / ".env").write_text("AZURE_OPENAI_API_VERSION=2024-10-21\n")
    (tmp_path / "requirements.txt").write_text("openai>=1.0\n")
    result = invoke("check", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert b".env:1:1: AOAI411" in result.stderr
    assert b"requirements.txt: would be migrated" in result.stderr
    assert b"requirements.txt:1:1: AOAI401 [*] raised openai>=1.0 to openai>=1.108.1" in result.stderr
    assert (tmp_path / "requirements.txt").read_text() == "openai>=1.0\n"  # check never writes


def test_a_file_named_only_by_a_dash_r_line_is_followed_and_raised(tmp_path):
    (tmp_path / "deps").mkdir()
    (tmp_path / "deps" / "common.txt").write_text("openai>=1.0  # shared\n")
    (tmp_path / "requirements.txt").write_text("-r deps/common.txt\nrequests\n")  # names no openai itself
    (tmp_path / "notes.txt").write_text("openai>=1.0\n")  # not a requirements file, not included
    result = invoke("apply", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "deps" / "common.txt").read_text() == "openai>=1.108.1  # shared\n"
    assert (tmp_path / "notes.txt").read_text() == "openai>=1.0\n"
    assert b"1 file changed" in result.stderr


def test_an_include_outside_the_scanned_tree_is_not_touched(tmp_path):
    (tmp_path / "shared.txt").write_text("openai>=1.0\n")
    svc = tmp_path / "svc"
    svc.mkdir()
    (svc / "requirements.txt").write_text("-r ../shared.txt\n")
    result = invoke("apply", "svc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shared.txt").read_text() == "openai>=1.0\n"


def test_a_file_both_found_and_included_is_processed_once(tmp_path):
    (tmp_path / "requirements-base.txt").write_text("openai>=1.0\n")
    (tmp_path / "requirements.txt").write_text("-r requirements-base.txt\n")
    results = list(run([tmp_path], Mode.CHECK, jobs=0))
    names = [r.path.name for r in results]
    assert sorted(names) == ["requirements-base.txt", "requirements.txt"]
    (base,) = [r for r in results if r.path.name == "requirements-base.txt"]
    assert base.error is None and base.changed


def test_apply_leaves_requirements_files_pip_reads_together_resolvable(tmp_path):
    # requirements.txt -c constraints.txt (openai<1.50): raising its openai>=1.0 made the install impossible
    (tmp_path / "requirements.txt").write_text("-c constraints.txt\nopenai>=1.0\nazure-identity\n")
    (tmp_path / "constraints.txt").write_text("openai<1.50\n")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "base.txt").write_text("openai>=1.0\n")  # included by the file below, not raised either
    (tmp_path / "requirements" / "prod.txt").write_text("-r base.txt\nopenai==1.30.0 --hash=sha256:" + "0" * 64 + "\n")
    (tmp_path / "requirements" / "dev.txt").write_text("-c ../constraints.txt\nlangchain-openai>=0.3\n")
    before = {p: p.read_text() for p in tmp_path.rglob("*.txt")}
    result = invoke("apply", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert {p: p.read_text() for p in tmp_path.rglob("*.txt")} == {
        **before, tmp_path / "requirements" / "dev.txt": "-c ../constraints.txt\nlangchain-openai>=1.0.1\n"
    }
    reported = [line for line in result.stderr.decode().splitlines() if " AOAI402 " in line]
    assert "requirements.txt:2:1: AOAI402 openai>=1.0 is not raised to openai>=1.108.1, which admits no version that openai<1.50 on line 1 of constraints.txt admits (pip install -r requirements.txt reads both files): make the two agree, both allowing openai 1.108.1 or newer, then change this one to openai>=1.108.1" in reported
    assert "requirements/base.txt:1:1: AOAI402 openai>=1.0 is not raised to openai>=1.108.1, which admits no version that openai==1.30.0 on line 2 of prod.txt admits (pip install -r prod.txt reads both files): make the two agree, both allowing openai 1.108.1 or newer, then change this one to openai>=1.108.1" in reported
    again = invoke("check", ".", cwd=tmp_path)
    assert b"0 files would change" in again.stderr
    assert [line for line in again.stderr.decode().splitlines() if " AOAI402 " in line] == reported


def test_the_files_read_with_a_requirements_file_are_regular_and_small(tmp_path):
    import os

    from migrate.dependency_files import DISK, TOGETHER_MAX_SIZE
    from transforms.dependency_floor import Unreadable

    (tmp_path / "big.txt").write_bytes(b"#" * (TOGETHER_MAX_SIZE + 1))
    (tmp_path / "latin.txt").write_bytes(b"openai<1.50  # caf\xe9\n")
    os.mkfifo(tmp_path / "fifo.txt")  # reading it would block forever
    for name, reason in [
        ("big.txt", "is larger than the 1 MB this check reads of a file"),
        ("missing.txt", "cannot be read (no such file or directory)"),
        ("fifo.txt", "cannot be read (not a regular file)"),
        ("latin.txt", "cannot be read (cannot decode as utf-8: byte 0xe9 at offset 18 (line 1))"),
    ]:
        with pytest.raises(Unreadable) as raised:
            DISK.read(str(tmp_path / name))
        assert str(raised.value) == reason
    (tmp_path / "requirements.txt").write_text("-c fifo.txt\nopenai>=1.0\n")
    result = invoke("check", ".", cwd=tmp_path)
    assert b"also reads fifo.txt (`-c fifo.txt` on line 1 of requirements.txt), which cannot be read (not a regular file)" in result.stderr


def test_setup_py_gets_its_floor_raised_and_its_azure_client_migrated(tmp_path):
    setup = tmp_path / "setup.py"
    setup.write_text(
        "from setuptools import setup\n"
        "from openai import AzureOpenAI\n\n"
        "client = AzureOpenAI(azure_endpoint='https://r.openai.azure.com', api_key=KEY, api_version='2024-10-21')\n"
        "setup(name='svc', install_requires=['openai>=1.0'])\n"
    )
    result = invoke("apply", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = setup.read_text()
    assert "install_requires=['openai>=1.108.1']" in text
    assert "OpenAI(base_url='https://r.openai.azure.com/openai/v1/'" in text
    assert "api_version" not in text


def test_config_files_are_discovered_and_everything_else_is_not():
    for name in ("a/.env", "a/.env.local", "deploy.yaml", "infra/main.bicep", "main.tf", "appsettings.json",
                 "requirements-dev.txt", "requirements/base.txt", "pyproject.toml", "setup.cfg", "Pipfile"):
        assert wanted(name), name
        assert kind_of(name).KIND in ("dependencies", "config"), name
    for name in ("README.md", "notes.txt", "package-lock.json", "image.png", "Makefile"):
        assert not wanted(name), name
    assert kind_of("nb.ipynb").KIND == "notebook"
    assert kind_of("setup.py").KIND == "dependencies"
    assert kind_of("app.py").KIND == "python"


def _kind_by_asking_every_kind(name: str):
    others, python = session._kinds()
    return next((module for module in others if module.handles(name)), python)


@pytest.mark.parametrize(
    "name", ["setup.py", "pkg/setup.py", ".env.py", "a/.env.local.py", "Dockerfile.py", "dockerfile.dev.pyi", "app.py",
             "sub/app.pyi", "requirements.py", "constraints/x.py", "deploy.yaml.py", "Setup.py", "pkg\\setup.py",
             "app\\.env.py", "a\\Dockerfile.dev.py", "a\\b/c.py"],
)
def test_kind_of_answers_python_names_as_every_kind_would(name):
    assert kind_of(name) is _kind_by_asking_every_kind(name)


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    folder=st.sampled_from(["", "a/", "requirements/", "constraints/", ".env/", "pkg\\", "a\\b/"]),
    stem=st.text(alphabet="._-dDsSeEvnrtupckfiloaxy0", min_size=1, max_size=14),
    suffix=st.sampled_from([".py", ".pyi"]),
)
def test_kind_of_fast_path_for_python_names_agrees_with_every_kinds_rules(folder, stem, suffix):
    # kind_of answers "Python" for a .py/.pyi name whose initial no other kind claims, without asking them
    name = folder + stem + suffix
    assert kind_of(name) is _kind_by_asking_every_kind(name), name


def test_a_no_hit_check_with_dependency_and_config_files_imports_neither_libcst_nor_rich(tmp_path):
    (tmp_path / "requirements.txt").write_text("requests==2.32.3\n")
    (tmp_path / ".env").write_text("LOG_LEVEL=info\n")
    (tmp_path / "config.yaml").write_text("replicas: 2\n")
    (tmp_path / "app.py").write_text("print('hi')\n")
    code = (
        "import sys\n"
        "from migrate.cli import main\n"
        "try:\n"
        "    main(['check', '-j', '1', '.'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "assert 'libcst' not in sys.modules and 'rich' not in sys.modules, sorted(m for m in sys.modules if m.startswith(('libcst', 'rich')))\n"
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, env={"PYTHONPATH": str(root), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr.decode()


def test_invalid_toml_is_an_error_with_exit_2_and_the_file_is_untouched(tmp_path):
    bad = tmp_path / "pyproject.toml"
    bad.write_bytes(b'[project]\ndependencies = ["openai>=1.0"\n')
    result = invoke("apply", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert b"pyproject.toml" in result.stderr and b"invalid TOML" in result.stderr
    assert bad.read_bytes() == b'[project]\ndependencies = ["openai>=1.0"\n'


def test_include_exclude_filters_keep_project_files_and_report_symlink_loops(tmp_path):
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "requirements.txt").write_text("openai>=1.0\n")
    (tmp_path / "svc" / "loop").symlink_to(tmp_path / "svc" / "loop")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "requirements.txt").write_text("openai>=1.0\n")
    result = invoke("apply", "--exclude", "legacy", ".", cwd=tmp_path)
    assert (tmp_path / "svc" / "requirements.txt").read_text() == "openai>=1.108.1\n"
    assert (tmp_path / "legacy" / "requirements.txt").read_text() == "openai>=1.0\n"
    assert b"symlink loop" in result.stderr  # a filtered walk reports what it cannot follow, like any walk
    assert result.returncode == 2


def test_the_prefilter_reads_dependency_files_by_their_format(tmp_path):
    from migrate.session import _prefilter

    def passes(name: str, text: str) -> bool:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return _prefilter(path, None) is None

    assert passes("requirements-dev.txt", "-r base.txt\n")  # names no openai, but may include one that does
    assert passes("setup.cfg", "[options]\ninstall_requires = file: requirements.in\n")
    assert passes("a/setup.py", "setup(install_requires=['openai>=1.0'])\n")
    assert passes("b/setup.py", "from openai import AzureOpenAI\n")  # the Python rules may act
    assert not passes("c/setup.py", "import subprocess\nsubprocess.run(['python', '-c', 'print(1)'])  # file\n")
    assert not passes("Pipfile", "[packages]\nrequests = '*'  # -r nothing\n")
    assert not passes("requirements.txt", "requests==2.32.3\n")

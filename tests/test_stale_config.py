"""Stale API-version configuration (AOAI411-413): reported where it is, never rewritten, comments skipped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import stale_config
from transforms.stale_config import EXAMPLES, UNCHANGED, handles, migrate_text


def run(name: str, text: str, select: frozenset[str] | None = None):
    outcome = migrate_text(name, text, select)
    assert outcome.error is None, outcome.error
    assert outcome.code == text  # report only
    return outcome


def positions(outcome) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in outcome.findings]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.title)
def test_example_is_reported_as_documented(example):
    assert example.after is None
    outcome = run(example.name, example.before)
    assert tuple(f.rule for f in outcome.findings) == example.findings
    assert not any(f.fixed for f in outcome.findings)
    assert run(example.name, outcome.code).findings == outcome.findings  # a second run: same, still unfixed


@pytest.mark.parametrize("example", UNCHANGED, ids=lambda e: e.title or e.name)
def test_unchanged_example_has_no_finding(example):
    assert run(example.name, example.before).findings == ()


def test_docstring_is_a_catalogue_entry_and_every_rule_has_an_example():
    doc = stale_config.__doc__ or ""
    for heading in ("**Why**", "**Fix safety**", "**Manual follow-up**"):
        assert heading in doc
    assert {rule.code for rule in stale_config.RULES} == {r for e in EXAMPLES for r in e.findings}
    assert all(any(t.decode() in e.before for t in stale_config.TRIGGERS) for e in EXAMPLES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".env", True),
        (".env.example", True),
        ("svc/.env.local", True),
        ("prod.env", True),
        ("deploy/app.yaml", True),
        (".github/workflows/ci.yml", True),
        ("local.settings.json", True),
        (".vscode/launch.json", True),
        ("infra/main.bicep", True),
        ("infra/main.bicepparam", True),
        ("main.tf", True),
        ("prod.tfvars", True),
        ("Dockerfile", True),
        ("package-lock.json", False),
        ("web/npm-shrinkwrap.json", False),
        ("pnpm-lock.yaml", False),
        ("pyproject.toml", False),
        ("requirements.txt", False),
        ("app.py", False),
        ("environment", False),
    ],
)
def test_handles(name, expected):
    assert handles(name) is expected


# --------------------------------------------------------------------------- real-world shapes

SHAPES = [
    pytest.param(
        ".env",
        "AZURE_OPENAI_ENDPOINT=https://r.openai.azure.com/\nexport OPENAI_API_VERSION='2024-02-01'  # sdk\n",
        [(2, 8, "AOAI411")],
        id="dotenv-export",
    ),
    pytest.param(
        "k8s/deployment.yaml",
        "spec:\n  containers:\n    - name: api\n      env:\n        - name: AZURE_OPENAI_API_VERSION\n"
        "          value: \"2024-02-01\"\n        - name: AZURE_OPENAI_ENDPOINT\n          valueFrom:\n"
        "            secretKeyRef: {name: aoai, key: endpoint}\n",
        [(5, 17, "AOAI411")],
        id="k8s-env-list",
    ),
    pytest.param(
        ".github/workflows/test.yml",
        "jobs:\n  test:\n    env:\n      AZURE_OPENAI_API_VERSION: ${{ vars.AZURE_OPENAI_API_VERSION }}\n"
        "    steps:\n      - run: pytest  # OPENAI_API_VERSION is read by the tests\n",
        [(4, 7, "AOAI411"), (4, 42, "AOAI411")],
        id="github-actions",
    ),
    pytest.param(
        "docker-compose.yaml",
        "services:\n  app:\n    environment:\n      OPENAI_API_VERSION: \"2024-06-01\"\n      OTHER: x\n",
        [(4, 7, "AOAI411")],
        id="compose-map",
    ),
    pytest.param(
        ".vscode/launch.json",
        '{\n  // debug\n  "configurations": [{\n    "env": {"OPENAI_API_VERSION": "2024-02-01"}\n  }]\n}\n',
        [(4, 14, "AOAI411")],
        id="launch-json",
    ),
    pytest.param(
        "appsettings.json",
        '{"AzureOpenAI": {"Endpoint": "https://r.openai.azure.com/", "api-version": "2024-02-01"}}\n',
        [(1, 62, "AOAI412")],
        id="appsettings-key",
    ),
    pytest.param(
        "main.bicep",
        "/* AZURE_OPENAI_API_VERSION was\n   needed by the old SDK */\nresource app 'Microsoft.Web/sites@2022-09-01' = {\n"
        "  properties: { siteConfig: { appSettings: [\n    { name: 'AZURE_OPENAI_API_VERSION', value: apiVersion }\n"
        "  ] } }\n}\n",
        [(5, 14, "AOAI411")],
        id="bicep-block-comment",
    ),
    pytest.param(
        "main.tf",
        '# OPENAI_API_VERSION\nresource "azurerm_linux_web_app" "app" {\n  app_settings = {\n'
        '    AZURE_OPENAI_API_VERSION = var.api_version // pinned\n  }\n}\n',
        [(4, 5, "AOAI411")],
        id="terraform",
    ),
    pytest.param(
        "Dockerfile",
        "FROM python:3.12\n# ENV OPENAI_API_VERSION=old\nENV AZURE_OPENAI_API_VERSION=2024-02-01\n",
        [(3, 5, "AOAI411")],
        id="dockerfile",
    ),
    pytest.param(
        "apim.yaml",
        "backend: https://r.openai.azure.com/openai/deployments/gpt/chat/completions?x=1&api-version=2024-02-01\n",
        [(1, 81, "AOAI413")],
        id="url-second-parameter",
    ),
    pytest.param(
        "probe.yaml",
        "url: \"https://r.openai.azure.com/openai/models?api-version=2024-10-21#frag\"  # health probe\n",
        [(1, 48, "AOAI413")],
        id="quoted-url-with-fragment",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), SHAPES)
def test_real_world_shapes(name, text, expected):
    assert positions(run(name, text)) == expected


@pytest.mark.parametrize(("name", "text", "expected"), SHAPES)
def test_crlf_gives_the_same_positions(name, text, expected):
    assert positions(run(name, text.replace("\n", "\r\n"))) == expected


NOT_REPORTED = [
    pytest.param(".env", "# OPENAI_API_VERSION=2024-02-01\n   # AZURE_OPENAI_API_VERSION\n", id="env-comments"),
    pytest.param(".env", "MY_OPENAI_API_VERSION_NOTE=1\nOPENAI_API_VERSIONS=2\nXAZURE_OPENAI_API_VERSION=3\n", id="longer-names"),
    pytest.param("a.yaml", "key: value # OPENAI_API_VERSION\n", id="yaml-trailing-comment"),
    pytest.param("a.json", '{"url": "https://management.azure.com/x?api-version=2023-01-01"}\n', id="arm-url"),
    pytest.param("a.yaml", "x-api-version: 3\napi-versions: 2\n", id="other-keys"),
    pytest.param("a.yaml", "api-version: 2024-02-01\n", id="key-in-a-file-that-never-mentions-openai"),
    pytest.param("a.yaml", "openai: {api-version: preview}\n", id="preview-key"),
    pytest.param("main.bicep", "// { name: 'AZURE_OPENAI_API_VERSION' }\n", id="bicep-line-comment"),
    pytest.param("main.tf", "/* AZURE_OPENAI_API_VERSION */\n", id="terraform-block-comment"),
    # (a trial on public code: other Azure services' api-versions, in files that also mention OpenAI)
    pytest.param(
        "monitor.yaml",
        "urls:\n"
        "  search: https://contoso-search.search.windows.net/indexes/openai-docs/docs/search?api-version=2024-07-01\n"
        "  arm: https://management.azure.com/subscriptions/0/providers/Microsoft.CognitiveServices/accounts/my-openai/openai/x?api-version=2023-05-01\n"
        "  kv: https://my-openai-kv.vault.azure.net/secrets/key?api-version=7.4\n",
        id="urls-of-services-named-openai",
    ),
    pytest.param(
        "config.yaml",
        "openai:\n  endpoint: https://contoso.openai.azure.com/openai/v1/\nsearch:\n  endpoint: https://s.search.windows.net\n  api-version: 2024-07-01\n",
        id="another-services-key-beside-openai",
    ),
    pytest.param(
        "appsettings.json",
        '{\n  "OpenAI": {\n    "Endpoint": "https://r.openai.azure.com/"\n  },\n  "Search": {\n    "api-version": "2024-07-01"\n  }\n}\n',
        id="json-sections",
    ),
]


@pytest.mark.parametrize(("name", "text"), NOT_REPORTED)
def test_no_false_positive(name, text):
    assert run(name, text).findings == ()


def test_hash_inside_a_quoted_value_does_not_start_a_comment():
    text = 'PROMPT="use # sparingly" OPENAI_API_VERSION=1\n'
    assert positions(run(".env", text)) == [(1, 26, "AOAI411")]


def test_invalid_yaml_and_json_are_still_scanned():
    assert positions(run("bad.yaml", "env: [\n  OPENAI_API_VERSION: : :\n")) == [(2, 3, "AOAI411")]
    assert positions(run("bad.json", '{"OPENAI_API_VERSION": \n')) == [(1, 3, "AOAI411")]


def test_suppression_and_select():
    text = "OPENAI_API_VERSION=1  # aoai-migrate: ignore[AOAI411]\nAZURE_OPENAI_API_VERSION=2\n"
    assert positions(run(".env", text)) == [(2, 1, "AOAI411")]
    assert run(".env", text, frozenset({"AOAI412"})).findings == ()


def test_byte_order_mark_does_not_shift_columns():
    outcome = run(".env", "\ufeffOPENAI_API_VERSION=1\n")
    assert positions(outcome) == [(1, 1, "AOAI411")]


def test_file_it_does_not_handle_is_left_alone():
    assert run("README.md", "OPENAI_API_VERSION=1\n").findings == ()


def test_message_says_what_to_do():
    finding = run(".env", "OPENAI_API_VERSION=1\n").findings[0]
    assert "remove it after migrating" in finding.message and "AzureChatOpenAI" in finding.message


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([".env", "a.yaml", "a.json", "main.bicep", "main.tf", "Dockerfile"]),
    st.text(alphabet="AZURE_OPENAI_API_VERSION api-version?&=:#/*'\"\n\r\t{}[],\\x", max_size=120),
)
def test_arbitrary_text_never_crashes_and_is_never_changed(name, text):
    outcome = migrate_text(name, text)
    assert outcome.error is None
    assert outcome.code == text
    for finding in outcome.findings:
        line = text.split("\n")[finding.line - 1]
        token = "api-version" if finding.rule != "AOAI411" else "OPENAI_API_VERSION"
        assert token in line[finding.column - 1 :][: len("AZURE_OPENAI_API_VERSION")]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("config.yaml", "search:\n  api-version: 1\nopenai:\n  deployment: gpt-4o\n  api-version: 2024-10-21\n", 5),
        ("appsettings.json", '{\n  "AzureOpenAI": {\n    "api-version": "2024-10-21"\n  }\n}\n', 3),
        ("config.yaml", "endpoint: https://r.openai.azure.com/\napi-version: 2024-10-21\n", 2),  # top level: the whole file
    ],
)
def test_an_api_version_key_in_the_openai_block_is_reported(name, text, line):
    findings = run(name, text).findings
    assert [(f.line, f.rule) for f in findings] == [(line, "AOAI412")]
    keep = "to keep it, add AOAI412" if name.endswith(".json") else "to keep it, put a line # aoai-migrate: ignore[AOAI412] just above it, or add AOAI412"
    assert keep in findings[0].message


@pytest.mark.parametrize(
    ("name", "line", "keep"),
    [
        (".env", "OPENAI_API_VERSION=2024-10-21", "# aoai-migrate: ignore[AOAI411] just above it, or add"),
        ("Dockerfile", "ENV OPENAI_API_VERSION=2024-10-21", "# aoai-migrate: ignore[AOAI411] just above it, or add"),
        ("main.bicep", "{ name: 'OPENAI_API_VERSION', value: '2024-10-21' }", "// aoai-migrate: ignore[AOAI411] just above it, or add"),
        ("local.settings.json", '{"Values": {"OPENAI_API_VERSION": "2024-10-21"}}', "to keep it, add AOAI411 to ignore"),
    ],
)
def test_the_way_to_keep_a_line_fits_the_format_and_works(name, line, keep):
    (finding,) = run(name, line + "\n").findings
    assert keep in finding.message
    if "ignore[" in keep:  # the comment the message gives silences it, on the line above the setting
        # (a trial: the trailing comment it used to advise becomes part of the value in docker's
        # --env-file and in a Dockerfile's ENV)
        marker = keep.split(" aoai-migrate")[0]
        assert run(name, f"{marker} aoai-migrate: ignore[AOAI411]\n{line}\n").findings == ()
        assert run(name, f"{line}  {marker} aoai-migrate: ignore[AOAI411]\n").findings == ()  # still honoured
        assert len(run(name, f"{marker} aoai-migrate: ignore[AOAI411]\n\n{line}\n").findings) == 1  # not two lines up
        assert len(run(name, f"{marker} aoai-migrate: ignore[AOAI412]\n{line}\n").findings) == 1  # another rule


def test_the_advice_names_the_libraries_that_still_read_the_variable():
    (finding,) = run(".env", "OPENAI_API_VERSION=2024-10-21\n").findings
    assert "Semantic Kernel, llama_index" in finding.message
    assert "# aoai-migrate: ignore[AOAI411] just above it, or add AOAI411 to ignore in [tool.aoai-migrate]" in finding.message

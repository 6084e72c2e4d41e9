"""The stock client pointed at an Azure deployment route (AOAI109), whatever spells the URL."""

from __future__ import annotations

import pytest

from migrate.runner import migrate_source


@pytest.mark.parametrize(
    "base_url",
    [
        'f"{endpoint}/openai/deployments/{deployment}"',  # (a trial on public code: check passed)
        'endpoint + "/openai/deployments/" + deployment',
        '"https://gateway.contoso.com/openai/deployments/gpt-4o"',
        "'{}/openai/deployments/{}'.format(endpoint, deployment)",
        'f"{endpoint}openai/deployments/{deployment}"',
    ],
)
def test_a_deployment_route_on_the_stock_client_is_reported(base_url):
    source = f"from openai import OpenAI\n\nclient = OpenAI(base_url={base_url}, api_key=K)\n"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source
    assert [(f.rule, f.line) for f in outcome.findings] == [("AOAI109", 3)]
    assert "names one deployment" in outcome.findings[0].message


@pytest.mark.parametrize(
    "base_url",
    ['f"{endpoint}/openai/v1/"', "settings.base_url", 'f"{endpoint}/openai_deployments/"', "openai_deployments_url"],
)
def test_other_base_urls_of_the_stock_client_are_not_reported(base_url):
    source = f"from openai import OpenAI\n\nclient = OpenAI(base_url={base_url}, api_key=K)\n"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source
    assert outcome.findings == ()


# --------------------------------------------------------------------------- a client that may send an api-version
# (a trial, r4b: OpenAI(base_url=".../openai", default_query={"api-version": "2025-03-01-preview"}) worked, as
# AzureOpenAI sends /openai/files?api-version=...; AOAI004 moved it to /openai/v1/ and kept the dated version)

HALF = 'base_url="https://contoso.openai.azure.com/openai"'
ROOT_ONLY = 'base_url="https://contoso.openai.azure.com"'


@pytest.mark.parametrize(
    ("before", "arguments", "after", "said"),
    [
        ("", f'{HALF}, api_key=K, default_query={{"api-version": "2025-03-01-preview"}}', "",
         'default_query sends api-version=2025-03-01-preview (Azure\'s classic /openai routes take it: /openai/files, '
         '/openai/responses); the v1 endpoint (/openai/v1/) takes no dated api-version, so make base_url end in '
         '/openai/v1/ and drop that api-version in one change (send "preview" where a call needs a preview feature)'),
        ("", f'{ROOT_ONLY}, api_key=K, default_query={{"api-version": "2024-10-21"}}', "",
         "default_query sends api-version=2024-10-21; the v1 endpoint (/openai/v1/) takes no dated api-version, so "
         "make base_url end in /openai/v1/ and drop that api-version in one change"),
        ("import os\n", f'{HALF}, api_key=K, default_query={{"api-version": os.getenv("AZURE_OPENAI_API_VERSION")}}', "",
         'default_query sends api-version=os.getenv("AZURE_OPENAI_API_VERSION"), a value this module does not show'),
        ('VERSION = "2024-10-21"\n', f'{HALF}, api_key=K, default_query={{"api-version": VERSION}}', "",
         "default_query sends api-version=2024-10-21 (Azure's"),
        ('QUERY = {"api-version": "2024-10-21"}\n', f"{HALF}, api_key=K, default_query=QUERY", "",
         "default_query=QUERY sends api-version=2024-10-21 from the dict on line 2 (Azure's"),
        ("", f"{HALF}, api_key=K, default_query=settings.query", "",
         "default_query=settings.query may hold an api-version (Azure's"),
        ("", f'{HALF}, api_key=K, default_query={{**BASE_QUERY, "x": "1"}}', "",
         "default_query may hold an api-version (Azure's"),
        ("", f"{HALF}, api_key=K, **options", "", "**options may pass a default_query with an api-version (Azure's"),
        ("", f"{HALF}, api_key=K", 'preview = client.with_options(default_query={"api-version": "2025-04-01-preview"})\n',
         "default_query on line 4 sends api-version=2025-04-01-preview"),
        ("", f"{HALF}, api_key=K",
         'client.files.list(extra_query={"api-version": "2024-10-21"})\n',
         "extra_query on line 4 sends api-version=2024-10-21 (Azure's"),
        ("", f"{HALF}, api_key=K", "client.files.list(extra_query=query)\n", "extra_query=query on line 4 may hold an api-version (Azure's"),
        # (a trial, r4d: each of these sent the dated version to /openai/v1/ after AOAI004)
        ("import httpx\n", f'{HALF}, api_key=K, http_client=httpx.Client(params={{"api-version": "2025-03-01-preview"}})', "",
         'http_client=httpx.Client(params={"api-version": "2025-03-01-preview"}) may add an api-version to each '
         "request (params=, event_hooks=, a transport; this module does not show it adds none) (Azure's"),
        ("import httpx\n", f'{HALF}, api_key=K, http_client=httpx.Client(event_hooks={{"request": [add_version]}})', "",
         "may add an api-version to each request"),
        ("", f"{HALF}, api_key=K, http_client=make_http_client()", "", "http_client=make_http_client() may add an api-version"),
        ('AZURE = {"extra_query": {"api-version": "2025-03-01-preview"}}\n', f"{HALF}, api_key=K",
         "client.files.list(**AZURE)\n", "**AZURE on line 5 may pass an extra_query or default_query with an api-version (Azure's"),
        ("", f"{HALF}, api_key=K", "client.files.list(**with_version())\n", "**with_version() on line 4 may pass an extra_query"),
        ("", f"{HALF}, api_key=K", "def ask(**options):\n    return client.files.list(**options)\n", "**options on line 5 may pass"),
        ("", f"{HALF}, api_key=K", 'client._custom_query = {"api-version": "2024-10-21"}\n',
         '"api-version" on line 4 may reach its requests (this module does not show where it goes) (Azure\'s'),
        ('import os\nAPI_VERSION = os.environ["V"]\n', f"{HALF}, api_key=K", "", "API_VERSION on line 3 may reach its requests"),
        ("", f"{HALF}, api_key=K", 'url = f"{client.base_url}files?api-version={v}"\n',
         "the api-version in the f-string on line 4 may reach its requests"),
    ],
)
def test_a_client_that_may_send_an_api_version_is_left_alone_with_a_finding(before, arguments, after, said):
    source = f"from openai import OpenAI\n{before}\nclient = OpenAI({arguments})\n{after}"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source
    found = [f for f in outcome.findings if f.rule == "AOAI113"]
    assert [(f.line, f.column, f.fixed) for f in found] == [(source.splitlines().index(f"client = OpenAI({arguments})") + 1, 17, False)]
    assert found[0].message.startswith(f"base_url={arguments.split(', ')[0].split('=', 1)[1]} is not on the v1 path and ")
    assert said in found[0].message
    assert "AOAI004" not in [f.rule for f in outcome.findings]
    if "2024-10-21" in said:
        assert "preview" not in found[0].message


@pytest.mark.parametrize(
    ("before", "arguments", "after"),
    [
        ("", f'{HALF}, api_key=K, default_query={{"api-version": "preview"}}', ""),
        ('VERSION = "preview"\n', f'{HALF}, api_key=K, default_query={{"api-version": VERSION}}', ""),
        ("", f'{HALF}, api_key=K, default_query={{"x-ms-tenant": "t"}}', ""),
        ('QUERY = {"x-ms-tenant": "t"}\n', f"{HALF}, api_key=K, default_query=QUERY", ""),
        ("", f"{HALF}, api_key=K, default_query=None", ""),
        ("", f"{ROOT_ONLY}, api_key=K", 'client.files.list(extra_query={"purpose": "batch"})\n'),
        # an Azure client's own default_query is its transform's (dropped where it is migrated), not this client's
        ("from openai import AzureOpenAI\n", f"{HALF}, api_key=K",
         'other = AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-10-21", default_query={"api-version": "2024-10-21"})\n'),
        # an HTTP client built with keywords that add no query, splats that cannot carry a query, words that send nothing
        ("import httpx\n", f"{HALF}, api_key=K, http_client=httpx.Client(timeout=30, verify=False)", ""),
        ("import httpx\nHTTP = httpx.AsyncClient(http2=True)\n", f"{HALF}, api_key=K, http_client=HTTP", ""),
        ("", f"{HALF}, api_key=K, http_client=None", ""),
        ('OPTIONS = {"timeout": 5}\n', f"{HALF}, api_key=K", "client.files.list(**OPTIONS)\n"),
        ("", f"{HALF}, api_key=K", 'merged = dict(**a)\nlabel = "{x}".format(**values)\n'),
        ('"""Sends no api-version (a docstring)."""\n# api-version: a comment\n', f"{HALF}, api_key=K", ""),
    ],
)
def test_a_client_that_sends_no_dated_api_version_moves_to_v1(before, arguments, after):
    source = f"from openai import OpenAI\n{before}\nclient = OpenAI({arguments})\n{after}"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert 'base_url="https://contoso.openai.azure.com/openai/v1/"' in outcome.code
    assert f"client = OpenAI({arguments})" not in outcome.code
    rules = [f.rule for f in outcome.findings]
    assert "AOAI004" in rules
    assert "AOAI113" not in rules


# --------------------------------------------------------------------------- behaviour, recorded

CLASSIC = '''import os

from openai import OpenAI

client = OpenAI(
    base_url="https://res.openai.azure.com/openai",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    default_query={"api-version": "2025-03-01-preview"},
    default_headers={"api-key": os.environ["AZURE_OPENAI_API_KEY"]},
)

if __name__ == "__main__":
    client.files.list()
    client.responses.create(model="gpt-4o", input="hi")
'''


def _sent(tmp_path, name: str, code: str) -> list[tuple]:
    """(method, path, query, body, api-key header, Authorization) of each request ``code`` makes."""
    from tests.test_behaviour import assert_ran_and_called_the_api, record, sample_env

    script = tmp_path / f"{name}.py"
    script.write_text(code, encoding="utf-8")
    recording = record(name, name, script, tmp_path / f"{name}.json", env=sample_env(name), cwd=tmp_path)
    assert_ran_and_called_the_api(recording)
    return [
        (r["method"], r["path"], r["query"], r["json"], r["headers"].get("api-key"), r["headers"].get("authorization"))
        for r in recording.requests
    ]


def test_the_classic_root_with_a_dated_api_version_keeps_its_requests_and_the_advice_reaches_v1(tmp_path):
    outcome = migrate_source(CLASSIC)
    assert outcome.error is None
    assert outcome.code == CLASSIC
    assert [f.rule for f in outcome.findings] == ["AOAI113", "AOAI705"]
    key = "azure-key-123"
    before = _sent(tmp_path, "before", CLASSIC)
    assert before == [
        ("GET", "/openai/files", {"api-version": ["2025-03-01-preview"]}, None, key, f"Bearer {key}"),
        ("POST", "/openai/responses", {"api-version": ["2025-03-01-preview"]}, {"model": "gpt-4o", "input": "hi"}, key, f"Bearer {key}"),
    ]
    assert _sent(tmp_path, "after", outcome.code) == before
    # What the finding asks for, done by hand: the same operations, bodies and credential on v1, no dated version.
    advised = CLASSIC.replace('/openai",', '/openai/v1/",').replace('    default_query={"api-version": "2025-03-01-preview"},\n', "")
    assert _sent(tmp_path, "advised", advised) == [
        ("GET", "/openai/v1/files", {}, None, key, f"Bearer {key}"),
        ("POST", "/openai/v1/responses", {}, {"model": "gpt-4o", "input": "hi"}, key, f"Bearer {key}"),
    ]
    advised_outcome = migrate_source(advised)
    assert (advised_outcome.error, advised_outcome.code, advised_outcome.findings) == (None, advised, ())


def test_the_classic_root_without_an_api_version_moves_to_v1_with_the_same_operations(tmp_path):
    source = CLASSIC.replace('    default_query={"api-version": "2025-03-01-preview"},\n', "")
    outcome = migrate_source(source)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]
    before = _sent(tmp_path, "before", source)
    assert [(method, path, query) for method, path, query, *_ in before] == [
        ("GET", "/openai/files", {}),
        ("POST", "/openai/responses", {}),
    ]
    after = _sent(tmp_path, "after", outcome.code)
    assert after == [(m, path.replace("/openai/", "/openai/v1/"), *rest) for m, path, *rest in before]


@pytest.mark.parametrize(
    "script",
    [
        # (a trial, r4d: both were moved to /openai/v1/ and kept sending the dated version)
        """import httpx
from openai import OpenAI

client = OpenAI(
    base_url="https://res.openai.azure.com/openai",
    api_key="KEY",
    default_headers={"api-key": "KEY"},
    http_client=httpx.Client(params={"api-version": "2025-03-01-preview"}),
)

if __name__ == "__main__":
    client.files.list()
    client.responses.create(model="gpt-4o", input="hi")
""",
        """from openai import OpenAI

AZURE = {"extra_query": {"api-version": "2025-03-01-preview"}}
client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY", default_headers={"api-key": "KEY"})

if __name__ == "__main__":
    client.files.list(**AZURE)
    client.responses.create(model="gpt-4o", input="hi", **AZURE)
""",
    ],
    ids=["http_client_params", "splat_extra_query"],
)
def test_a_dated_api_version_from_the_http_client_or_a_splat_keeps_the_classic_root(tmp_path, script):
    outcome = migrate_source(script)
    assert outcome.error is None
    assert outcome.code == script
    assert [f.rule for f in outcome.findings] == ["AOAI113"]
    sent = _sent(tmp_path, "before", script)
    # The classic routes with the dated version, exactly what AzureOpenAI sends there: it worked.
    assert [(method, path, query) for method, path, query, *_ in sent] == [
        ("GET", "/openai/files", {"api-version": ["2025-03-01-preview"]}),
        ("POST", "/openai/responses", {"api-version": ["2025-03-01-preview"]}),
    ]

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


# --------------------------------------------------------------------------- a version that another module holds
# (a trial, r5c #2: each of these sent AZURE_QUERY's dated version from settings.py; AOAI004 moved the client to
# /openai/v1/ and it kept sending the version. Nothing here spells "api-version".)

SETTINGS = 'AZURE_QUERY = {"api-version": "2025-03-01-preview"}\n'
_MAIN = '\nif __name__ == "__main__":\n    {call}\n'

LATER_VERSIONS = {
    "set_default_query": (
        'from openai import OpenAI\n\nimport settings\n\n'
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        "azure = client.copy(set_default_query=settings.AZURE_QUERY)\n" + _MAIN.format(call="azure.files.list()"),
        "set_default_query=settings.AZURE_QUERY on line 6 may hold an api-version",
    ),
    "kwargs_item_assign": (
        'from openai import OpenAI\n\nimport settings\n\n'
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n\n\n'
        "def list_files():\n    kwargs = {}\n    kwargs[\"extra_query\"] = settings.AZURE_QUERY\n"
        "    return client.files.list(**kwargs)\n" + _MAIN.format(call="list_files()"),
        "**kwargs on line 11 may pass an extra_query or default_query with an api-version",
    ),
    "kwargs_update": (
        'from openai import OpenAI\n\nimport settings\n\n'
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        'OPTS = {"timeout": 30}\nOPTS.update({"extra_query": settings.AZURE_QUERY})\n'
        + _MAIN.format(call="client.files.list(**OPTS)"),
        "**OPTS on line 10 may pass an extra_query or default_query with an api-version",
    ),
    "with_options_item_assign": (
        'from openai import OpenAI\n\nimport settings\n\n'
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        'OPTIONS = {}\nOPTIONS["default_query"] = settings.AZURE_QUERY\nazure = client.with_options(**OPTIONS)\n'
        + _MAIN.format(call="azure.files.list()"),
        "**OPTIONS on line 8 may pass an extra_query or default_query with an api-version",
    ),
    "http_params_after": (
        "import httpx\nfrom openai import OpenAI\n\nimport settings\n\n"
        "http = httpx.Client(timeout=30)\nhttp.params = settings.AZURE_QUERY\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY", http_client=http)\n'
        + _MAIN.format(call="client.files.list()"),
        "http_client=http may add an api-version to each request (http.params = settings.AZURE_QUERY on line 7 may "
        "change its query)",
    ),
    "http_hook_after": (
        "import httpx\nfrom openai import OpenAI\n\nfrom settings import AZURE_QUERY\n\n\n"
        "def add_version(request):\n    request.url = request.url.copy_merge_params(AZURE_QUERY)\n\n\n"
        'http = httpx.Client(timeout=30)\nhttp.event_hooks["request"].append(add_version)\n'
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY", http_client=http)\n'
        + _MAIN.format(call="client.files.list()"),
        'http_client=http may add an api-version to each request (http.event_hooks["request"].append(add_version) '
        "on line 12 may change its query)",
    ),
    "custom_query_update": (
        "from openai import OpenAI\n\nimport settings\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        "client._custom_query.update(settings.AZURE_QUERY)\n" + _MAIN.format(call="client.files.list()"),
        "client._custom_query.update(settings.AZURE_QUERY) on line 6 may add an api-version to each request",
    ),
    "setattr_custom_query": (
        "from openai import OpenAI\nimport settings\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        'setattr(client, "_custom_query", settings.AZURE_QUERY)\n' + _MAIN.format(call="client.files.list()"),
        'setattr(client, "_custom_query", settings.AZURE_QUERY) on line 4 may add an api-version to each request',
    ),
    "inner_http_client_params": (
        "from openai import OpenAI\n\nimport settings\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        "client._client.params = settings.AZURE_QUERY\n" + _MAIN.format(call="client.files.list()"),
        "client._client.params = settings.AZURE_QUERY on line 6 may add an api-version to each request",
    ),
}


@pytest.mark.parametrize(("script", "said"), LATER_VERSIONS.values(), ids=LATER_VERSIONS.keys())
def test_a_dated_api_version_added_later_from_another_module_keeps_the_classic_root(tmp_path, script, said):
    outcome = migrate_source(script)
    assert outcome.error is None
    assert outcome.code == script
    assert [f.rule for f in outcome.findings] == ["AOAI113"]
    assert f"is not on the v1 path and {said} (Azure's classic /openai routes take it" in outcome.findings[0].message
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    # It worked: the request AzureOpenAI sends for /files.
    assert [(m, path, query) for m, path, query, *_ in _sent(tmp_path, "before", script)] == [
        ("GET", "/openai/files", {"api-version": ["2025-03-01-preview"]}),
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the dict is changed with a key this module does not show, or handed to code that may change it
        ('OPTIONS = {"timeout": 5}\nOPTIONS[key] = value\n', "client.files.list(**OPTIONS)\n"),
        ('OPTIONS = {"timeout": 5}\nOPTIONS.update(more)\n', "client.files.list(**OPTIONS)\n"),
        ('OPTIONS = {"timeout": 5}\nOPTIONS.setdefault("extra_query", q)\n', "client.files.list(**OPTIONS)\n"),
        ('OPTIONS = {"timeout": 5}\nOPTIONS.update(extra_query=q)\n', "client.files.list(**OPTIONS)\n"),
        ('OPTIONS = {"timeout": 5}\nfill(OPTIONS)\n', "client.files.list(**OPTIONS)\n"),
        ('OPTIONS = {"timeout": 5}\nOPTIONS |= more\n', "client.files.list(**OPTIONS)\n"),
        ('QUERY = {"x-ms-tenant": "t"}\nQUERY.update(more)\n', "client.files.list(extra_query=QUERY)\n"),
        # an httpx client handed to code that may change it, or built twice
        ("import httpx\nHTTP = httpx.Client(timeout=30)\nconfigure(HTTP)\n", ""),
        ("import httpx\nHTTP = httpx.Client(timeout=30)\nHTTP.auth = VersionAuth()\n", ""),
        # a splat into code this module does not show all of
        ("from base import Base\nclass Message(Base):\n    pass\n", "Message(**row)\n"),
        ("def ask(extra_query=None):\n    pass\n", "ask(**options)\n"),
        ("import functools\n@functools.lru_cache\ndef ask(**kw):\n    pass\n", "ask(**options)\n"),
        ("from base import Base\nclass Tool(Base):\n    def __init__(self, **kw):\n        super().__init__(**kw)\n", ""),
    ],
)
def test_a_query_that_may_be_added_later_keeps_the_classic_root(before, after):
    http = "HTTP" in before
    arguments = f"{HALF}, api_key=K" + (", http_client=HTTP" if http else "")
    source = f"from openai import OpenAI\n{before}\nclient = OpenAI({arguments})\n{after}"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source
    assert "AOAI113" in [f.rule for f in outcome.findings]
    assert "AOAI004" not in [f.rule for f in outcome.findings]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a dict changed only with keys shown to be no query, and read
        ('OPTIONS = {"timeout": 5}\nOPTIONS["max_retries"] = 2\nOPTIONS.update(timeout=9)\n',
         'client.files.list(**OPTIONS)\nif "timeout" in OPTIONS and len(OPTIONS):\n    print(OPTIONS.get("timeout"))\n'),
        ('QUERY = {"x-ms-tenant": "t"}\nQUERY["x-ms-region"] = "w"\n', "client.files.list(extra_query=QUERY)\n"),
        # an httpx client used only through its methods, and closed
        ("import httpx\nHTTP = httpx.Client(timeout=30)\n", 'HTTP.get("https://example.com/health")\nHTTP.close()\n'),
    ],
)
def test_a_dict_or_http_client_used_in_ways_that_add_no_query_moves_to_v1(before, after):
    http = "HTTP" in before
    arguments = f"{HALF}, api_key=K" + (", http_client=HTTP" if http else "")
    source = f"from openai import OpenAI\n{before}\nclient = OpenAI({arguments})\n{after}"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert 'base_url="https://contoso.openai.azure.com/openai/v1/"' in outcome.code
    assert [f.rule for f in outcome.findings] == ["AOAI004"]


# --------------------------------------------------------------------------- no query in reach: not held back
# (a trial, r5c #7: each of these got AOAI113, with no api-version anywhere to drop)

NO_QUERY = {
    "own_dataclass_splat": (
        "from dataclasses import dataclass\n\nfrom openai import OpenAI\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n\n\n'
        "@dataclass\nclass Message:\n    role: str\n    content: str\n\n\n"
        "def parse(rows):\n    return [Message(**row) for row in rows]\n"
        + _MAIN.format(call='client.files.list(); parse([{"role": "user", "content": "hi"}])')
    ),
    "super_init_splat": (
        "from openai import OpenAI\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n\n\n'
        "class Tool:\n    def __init__(self, name, **kwargs):\n        self.name = name\n        self.options = dict(**kwargs)\n\n\n"
        'class SearchTool(Tool):\n    def __init__(self, **kwargs):\n        super().__init__("search", **kwargs)\n'
        + _MAIN.format(call="SearchTool(depth=2); client.files.list()")
    ),
    "retry_transport": (
        "import httpx\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
        '    base_url="https://res.openai.azure.com/openai",\n    api_key="KEY",\n'
        "    http_client=httpx.Client(transport=httpx.HTTPTransport(retries=3)),\n)\n"
        + _MAIN.format(call="client.files.list()")
    ),
    "response_hook": (
        "import logging\n\nimport httpx\nfrom openai import OpenAI\n\n\n"
        'def log_response(response):\n    logging.info("%s %s", response.request.url, response.status_code)\n\n\n'
        "client = OpenAI(\n"
        '    base_url="https://res.openai.azure.com/openai",\n    api_key="KEY",\n'
        '    http_client=httpx.Client(event_hooks={"response": [log_response]}),\n)\n'
        + _MAIN.format(call="client.files.list()")
    ),
}


@pytest.mark.parametrize("script", NO_QUERY.values(), ids=NO_QUERY.keys())
def test_a_splat_or_http_option_that_adds_no_query_does_not_hold_the_client_back(tmp_path, script):
    outcome = migrate_source(script)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]
    assert outcome.code == script.replace("/openai\"", "/openai/v1/\"")
    before = _sent(tmp_path, "before", script)
    assert [(m, path, query) for m, path, query, *_ in before] == [("GET", "/openai/files", {})]
    after = _sent(tmp_path, "after", outcome.code)
    assert after == [(m, path.replace("/openai/", "/openai/v1/"), *rest) for m, path, *rest in before]


# --------------------------------------------------------------------------- request options and helper modules
# (a trial, r5d #5: each of these sent settings.AZURE_QUERY's dated version; AOAI004 moved the client to /openai/v1/
# and it kept sending the version, with check green after apply)

_RAW = 'import httpx\nfrom openai import OpenAI\n\nimport settings\n\nclient = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
OPTIONS_VERSIONS = {
    "get_options_params": (
        _RAW + _MAIN.format(call='client.get("/files", cast_to=httpx.Response, options={"params": settings.AZURE_QUERY})'),
        "options on line 9 may hold an api-version",
    ),
    "options_name": (
        _RAW + 'OPTIONS = {"params": settings.AZURE_QUERY}\n'
        + _MAIN.format(call='client.get("/files", cast_to=httpx.Response, options=OPTIONS)'),
        "options=OPTIONS on line 10 may hold an api-version",
    ),
    "own_function_forwards_options": (
        _RAW + '\n\ndef list_files(**kw):\n    return client.get("/files", cast_to=httpx.Response, options={"params": kw.get("query")})\n'
        + _MAIN.format(call='list_files(**{"query": settings.AZURE_QUERY})'),
        "options on line 10 may hold an api-version",
    ),
    "request_positional_options": (
        _RAW + "from openai._models import FinalRequestOptions\n"
        + _MAIN.format(
            call='client.request(httpx.Response, FinalRequestOptions.construct(method="get", url="/files", params=settings.AZURE_QUERY))'
        ),
        "options=FinalRequestOptions.construct",
    ),
}


@pytest.mark.parametrize(("script", "said"), OPTIONS_VERSIONS.values(), ids=OPTIONS_VERSIONS.keys())
def test_a_dated_api_version_in_request_options_keeps_the_classic_root(tmp_path, script, said):
    outcome = migrate_source(script)
    assert outcome.error is None
    assert outcome.code == script
    assert [f.rule for f in outcome.findings] == ["AOAI113"]
    assert f"is not on the v1 path and {said}" in outcome.findings[0].message
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    assert [(m, path, query) for m, path, query, *_ in _sent(tmp_path, "before", script)] == [
        ("GET", "/openai/files", {"api-version": ["2025-03-01-preview"]}),
    ]


@pytest.mark.parametrize(
    "call",
    [
        'client.get("/files", cast_to=httpx.Response, options={"headers": {"x-ms-client": "me"}, "max_retries": 2})',
        'client.get("/files", cast_to=httpx.Response, options={"params": {"x-ms-tenant": "t"}})',
        'client.get("/files", cast_to=httpx.Response)',
        'httpx.Client().request("GET", "https://example.com/health")',
    ],
)
def test_request_options_that_add_no_query_move_to_v1(call):
    source = _RAW.replace("\nimport settings\n", "") + f"{call}\n"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]


VERSIONING = "import settings\n\n\ndef with_version(client):\n    return client.with_options(default_query=settings.AZURE_QUERY)\n"
PLAIN_HELPER = "def with_version(client):\n    return client.with_options(timeout=30)\n"
_HANDED = (
    'from openai import OpenAI\n\nimport versioning\n\nclient = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
    "azure = versioning.with_version(client)\n" + _MAIN.format(call="azure.files.list()")
)


def _migrate_in(tmp_path, script: str, helper: str):
    from migrate import project_modules

    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "versioning.py").write_text(helper, encoding="utf-8")
    (tmp_path / "main.py").write_text(script, encoding="utf-8")
    with project_modules.migrating(tmp_path / "main.py"):
        return migrate_source(script)


def test_a_client_handed_to_a_module_of_the_project_that_adds_a_query_keeps_the_classic_root(tmp_path):
    outcome = _migrate_in(tmp_path, _HANDED, VERSIONING)
    assert outcome.error is None
    assert outcome.code == _HANDED
    assert [f.rule for f in outcome.findings] == ["AOAI113"]
    assert (
        "client is passed to versioning.with_version on line 6, and versioning.py spells default_query= on line 5, "
        "so it may add an api-version to the client's requests"
    ) in outcome.findings[0].message
    assert [(m, path, query) for m, path, query, *_ in _sent(tmp_path, "before", _HANDED)] == [
        ("GET", "/openai/files", {"api-version": ["2025-03-01-preview"]}),
    ]


def test_a_client_handed_to_a_module_of_the_project_that_adds_no_query_moves_to_v1(tmp_path):
    outcome = _migrate_in(tmp_path, _HANDED, PLAIN_HELPER)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]
    before = _sent(tmp_path, "before", _HANDED)
    assert [(m, path, query) for m, path, query, *_ in before] == [("GET", "/openai/files", {})]
    after = _sent(tmp_path, "after", outcome.code)
    assert after == [(m, path.replace("/openai/", "/openai/v1/"), *rest) for m, path, *rest in before]


def test_a_client_handed_to_a_relative_module_this_run_cannot_read_keeps_the_classic_root():
    source = _HANDED.replace("import versioning\n", "from . import versioning\n")
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI113"]
    assert "versioning.with_version on line 6, and this run cannot read .versioning, a module of the project, so" in outcome.findings[0].message


# --------------------------------------------------------------------------- a splat into a data class
# (a trial, r5d #9: each got AOAI113, with no api-version anywhere to drop)

DATA_CLASS_SPLATS = {
    "pydantic_model_splat": (
        "from pydantic import BaseModel\nfrom openai import OpenAI\n\n\n"
        "class Message(BaseModel):\n    role: str\n    content: str\n\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n\n\n'
        "def parse(rows):\n    return [Message(**row) for row in rows]\n"
        + _MAIN.format(call='client.files.list(); parse([{"role": "user", "content": "hi"}])')
    ),
    "pydantic_super_init": (
        "import pydantic\nfrom openai import OpenAI\n\n\n"
        "class Config(pydantic.BaseModel):\n    temperature: float = 0.0\n\n"
        "    def __init__(self, **data):\n        super().__init__(**data)\n\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        + _MAIN.format(call="Config(temperature=0.5); client.files.list()")
    ),
    "typed_dict_and_named_tuple": (
        "from typing import NamedTuple, TypedDict\n\nfrom openai import OpenAI\n\n\n"
        "class Row(TypedDict):\n    role: str\n\n\nclass Pair(NamedTuple):\n    role: str\n\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n'
        "\n\ndef parse(row):\n    return Row(**row), Pair(**row)\n"
        + _MAIN.format(call='parse({"role": "user"}); client.files.list()')
    ),
}


@pytest.mark.parametrize("script", DATA_CLASS_SPLATS.values(), ids=DATA_CLASS_SPLATS.keys())
def test_a_splat_into_a_data_class_of_this_module_does_not_hold_the_client_back(tmp_path, script):
    outcome = migrate_source(script)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]
    assert outcome.code == script.replace("/openai\"", "/openai/v1/\"")
    before = _sent(tmp_path, "before", script)
    assert [(m, path, query) for m, path, query, *_ in before] == [("GET", "/openai/files", {})]
    after = _sent(tmp_path, "after", outcome.code)
    assert after == [(m, path.replace("/openai/", "/openai/v1/"), *rest) for m, path, *rest in before]


def test_a_splat_into_a_pydantic_model_with_a_query_field_keeps_the_classic_root():
    source = (
        "from pydantic import BaseModel\nfrom openai import OpenAI\n\n\n"
        "class Call(BaseModel):\n    extra_query: dict = {}\n\n\n"
        'client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\nCall(**row)\n'
    )
    outcome = migrate_source(source)
    assert outcome.error is None
    assert outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI113"]


_HANDED_SELF = (
    'from openai import OpenAI\n\nimport versioning\n\n\nclass Service:\n    def __init__(self):\n'
    '        self.client = OpenAI(base_url="https://res.openai.azure.com/openai", api_key="KEY")\n\n'
    "    def files(self):\n        return versioning.with_version(self.client).files.list()\n"
    + _MAIN.format(call="Service().files()")
)


def test_a_client_on_self_handed_to_a_module_of_the_project_that_adds_a_query_keeps_the_classic_root(tmp_path):
    """The helper-module check followed only ``client = OpenAI(...)``; ``self.client`` handed on in
    another method sent the dated version to v1 with no word."""
    outcome = _migrate_in(tmp_path, _HANDED_SELF, VERSIONING)
    assert outcome.error is None
    assert outcome.code == _HANDED_SELF
    assert [f.rule for f in outcome.findings] == ["AOAI113"]
    assert "self.client is passed to versioning.with_version on line 11, and versioning.py spells default_query= on line 5" in (
        outcome.findings[0].message
    )
    assert [(m, path, query) for m, path, query, *_ in _sent(tmp_path, "before", _HANDED_SELF)] == [
        ("GET", "/openai/files", {"api-version": ["2025-03-01-preview"]}),
    ]


def test_a_client_on_self_handed_to_a_module_that_adds_no_query_moves_to_v1(tmp_path):
    outcome = _migrate_in(tmp_path, _HANDED_SELF, PLAIN_HELPER)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]
    before = _sent(tmp_path, "before", _HANDED_SELF)
    after = _sent(tmp_path, "after", outcome.code)
    assert after == [(m, path.replace("/openai/", "/openai/v1/"), *rest) for m, path, *rest in before]


def test_another_class_s_attribute_of_the_same_name_is_not_the_client_handed_on(tmp_path):
    script = _HANDED_SELF.replace(
        "    def files(self):\n        return versioning.with_version(self.client).files.list()\n",
        "    def files(self):\n        return self.client.files.list()\n\n\n"
        "class Other:\n    def go(self):\n        return versioning.with_version(self.client)\n",
    )
    outcome = _migrate_in(tmp_path, script, VERSIONING)
    assert outcome.error is None
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI004", True)]

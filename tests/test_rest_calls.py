"""REST calls to Azure OpenAI URLs (transforms/rest_calls.py): the shapes a snapshot cannot all show."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrate.runner import migrate_source

E = "https://contoso.openai.azure.com"


def migrate(code: str):
    outcome = migrate_source(code)
    assert outcome.error is None, outcome.error
    ast.parse(outcome.code)
    again = migrate_source(outcome.code)
    assert again.error is None and again.code == outcome.code, "a second run must change nothing"
    return outcome


def rules(outcome, fixed: bool | None = None) -> list[str]:
    return [f.rule for f in outcome.findings if fixed is None or f.fixed == fixed]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            f'import requests\nr = requests.post("{E}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", json={{"messages": []}})\n',
            f'import requests\nr = requests.post("{E}/openai/v1/chat/completions", json={{"messages": [], "model": "gpt-4o"}})\n',
            id="literal-url",
        ),
        pytest.param(
            'import requests\ndef f(e, d):\n    return requests.post(url=e + "/openai/deployments/" + d + "/embeddings?api-version=2024-10-21", json={"input": "x"})\n',
            'import requests\ndef f(e, d):\n    return requests.post(url=e + "/openai/v1/embeddings", json={"input": "x", "model": d})\n',
            id="concatenation-and-url-keyword",
        ),
        pytest.param(
            'import requests as rq\ndef f(e, d, v):\n    s = rq.Session()\n    return s.post(f"{e}/openai/deployments/{d}/chat/completions?api-version={v}", json={})\n',
            'import requests as rq\ndef f(e, d, v):\n    s = rq.Session()\n    return s.post(f"{e}/openai/v1/chat/completions", json={"model": d})\n',
            id="session-variable-and-empty-body",
        ),
        pytest.param(
            'from httpx import Client\ndef f(e, cfg):\n    with Client() as c:\n        return c.request("POST", f"{e}/openai/deployments/{cfg.deployment}/completions?api-version=2024-10-21", json={"prompt": "p"})\n',
            'from httpx import Client\ndef f(e, cfg):\n    with Client() as c:\n        return c.request("POST", f"{e}/openai/v1/completions", json={"prompt": "p", "model": cfg.deployment})\n',
            id="httpx-client-request-method-url",
        ),
        pytest.param(
            'import aiohttp\nasync def f(e, d):\n    async with aiohttp.ClientSession().post(f"{e}/openai/deployments/{d}/chat/completions", params={"api-version": "2024-10-21", "x": "1"}, json={"messages": []}) as r:\n        return await r.json()\n',
            'import aiohttp\nasync def f(e, d):\n    async with aiohttp.ClientSession().post(f"{e}/openai/v1/chat/completions", params={"x": "1"}, json={"messages": [], "model": d}) as r:\n        return await r.json()\n',
            id="aiohttp-params-keeps-other-keys",
        ),
        pytest.param(
            f'import requests\nrequests.post("{E}/openai/deployments/whisper/audio/transcriptions?api-version=2024-06-01", files={{"file": open("a.wav", "rb")}})\n',
            f'import requests\nrequests.post("{E}/openai/v1/audio/transcriptions", files={{"file": open("a.wav", "rb")}}, data={{"model": "whisper"}})\n',
            id="multipart-gets-a-form-field",
        ),
        pytest.param(
            f'import httpx\nhttpx.post("{E}/openai/deployments/whisper/audio/translations?api-version=2024-06-01", files={{"file": b""}}, data={{"prompt": "p"}})\n',
            f'import httpx\nhttpx.post("{E}/openai/v1/audio/translations", files={{"file": b""}}, data={{"prompt": "p", "model": "whisper"}})\n',
            id="multipart-form-dict",
        ),
        pytest.param(
            f'import requests\nrequests.get("{E}/openai/files?api-version=2024-10-21&purpose=batch")\n',
            f'import requests\nrequests.get("{E}/openai/v1/files?purpose=batch")\n',
            id="files-route-keeps-other-query",
        ),
        pytest.param(
            f'import requests\nrequests.post("{E}/openai/responses?api-version=preview", json={{"model": "m"}})\n',
            f'import requests\nrequests.post("{E}/openai/v1/responses?api-version=preview", json={{"model": "m"}})\n',
            id="preview-is-kept",
        ),
        pytest.param(
            f'import requests\nrequests.post("{E}/openai/deployments/d/embeddings?api-version=1", json={{"model": "d", "input": "x"}})\n',
            f'import requests\nrequests.post("{E}/openai/v1/embeddings", json={{"model": "d", "input": "x"}})\n',
            id="body-already-names-the-deployment",
        ),
        pytest.param(
            'import requests\ndef f(e, body):\n    return requests.post(f"{e}/openai/deployments/d/chat/completions?api-version=1", json={**body})\n',
            'import requests\ndef f(e, body):\n    return requests.post(f"{e}/openai/v1/chat/completions", json={**body, "model": "d"})\n',
            id="model-last-wins-over-a-splat",
        ),
        pytest.param(
            'import requests\ndef f(e):\n    return requests.post(f"https://{e}.openai.azure.com/openai/deployments/d/chat/completions?api-version=1", json={})\n',
            'import requests\ndef f(e):\n    return requests.post("https://{e}.openai.azure.com/openai/v1/chat/completions", json={"model": "d"})\n'.replace(
                '"https://{e}', 'f"https://{e}'
            ),
            id="fstring-host",
        ),
        pytest.param(
            'import requests\ndef f(d):\n    return requests.post(f"https://r.openai.azure.com/openai/deployments/{d}/chat/completions?api-version=1", json={})\n',
            'import requests\ndef f(d):\n    return requests.post("https://r.openai.azure.com/openai/v1/chat/completions", json={"model": d})\n',
            id="fstring-without-placeholders-left-becomes-plain",
        ),
    ],
)
def test_rest_call_is_rewritten(before: str, after: str) -> None:
    outcome = migrate(before)
    assert outcome.code == after
    assert rules(outcome, fixed=True) == ["AOAI701"]
    assert rules(outcome, fixed=False) == []


def test_url_in_a_local_name_used_once_is_rewritten_where_it_is_assigned() -> None:
    before = (
        "import requests\n"
        "def f(endpoint, deployment, key):\n"
        '    url = f"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21"\n'
        '    return requests.post(url, headers={"api-key": key}, json={"messages": []})\n'
    )
    outcome = migrate(before)
    assert outcome.code == (
        "import requests\n"
        "def f(endpoint, deployment, key):\n"
        '    url = f"{endpoint}/openai/v1/chat/completions"\n'
        '    return requests.post(url, headers={"api-key": key}, json={"messages": [], "model": deployment})\n'
    )


@pytest.mark.parametrize(
    ("code", "rule", "words"),
    [
        pytest.param(
            'import requests\ndef f(e, body):\n    return requests.post(f"{e}/openai/deployments/d/chat/completions?api-version=1", json=body)\n',
            "AOAI702", 'not a dict literal; add "model": "d" to it', id="body-variable",
        ),
        pytest.param(
            'import requests\ndef f(e):\n    return requests.post(f"{e}/openai/deployments/d/chat/completions?api-version=1", json={"model": "gpt-4o"})\n',
            "AOAI702", "already names \"model\": \"gpt-4o\"", id="other-model",
        ),
        pytest.param(
            'import requests\ndef f(e, b):\n    return requests.post(f"{e}/openai/deployments/d/chat/completions?api-version=1", data=b)\n',
            "AOAI702", "the body is data=, not a json= dict", id="data-body",
        ),
        pytest.param(
            'import requests\nurl = "https://r.openai.azure.com/openai/deployments/d/embeddings?api-version=1"\ndef f():\n    return requests.post(url, json={})\n',
            "AOAI702", "a module-level name, which other modules may import", id="module-level-url",
        ),
        pytest.param(
            'import requests\ndef f(e):\n    url = f"{e}/openai/deployments/d/embeddings?api-version=1"\n    print(url)\n    return requests.post(url, json={})\n',
            "AOAI702", "used more than once", id="url-used-twice",
        ),
        pytest.param(
            'import requests\ndef f(e):\n    return requests.post(f"{e}/openai/deployments/{pick()}/embeddings?api-version=1", json={})\n',
            "AOAI702", "cannot move", id="deployment-is-a-call",
        ),
        pytest.param(
            'import requests\ndef f(d):\n    return requests.post(f"https://gw.contoso.com/openai/deployments/{d}/embeddings?api-version=1", json={})\n',
            "AOAI702", "not an Azure OpenAI host", id="gateway-host",
        ),
        pytest.param(
            'import aiohttp\nasync def f(e, form):\n    async with aiohttp.ClientSession() as s:\n        await s.post(f"{e}/openai/deployments/w/audio/transcriptions?api-version=1", data=form)\n',
            "AOAI702", "FormData", id="aiohttp-upload",
        ),
        pytest.param(
            'import requests\ndef f(e, p):\n    return requests.post(f"{e}/openai/deployments/d/embeddings", params=p, json={})\n',
            "AOAI702", "may carry api-version", id="params-variable",
        ),
        pytest.param(
            'import requests\ndef f(e, op):\n    return requests.post(f"{e}/openai/deployments/d/{op}?api-version=1", json={})\n',
            "AOAI702", "is computed", id="computed-operation",
        ),
        pytest.param(
            'import requests\ndef f(e, b):\n    return requests.post(f"{e}/openai/deployments/d/extensions/chat/completions?api-version=1", json=b)\n',
            "AOAI703", "On Your Data", id="on-your-data",
        ),
        pytest.param(
            'import requests\ndef f(e):\n    return requests.post(f"{e}/openai/assistants?api-version=2024-05-01-preview", json={})\n',
            "AOAI703", "not a route this tool knows", id="unknown-route",
        ),
    ],
)
def test_rest_call_left_alone_with_a_finding(code: str, rule: str, words: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    findings = [f for f in outcome.findings if f.rule == rule]
    assert len(findings) == 1, outcome.findings
    assert words in findings[0].message, findings[0].message
    assert "AOAI701" not in rules(outcome)


def test_dated_preview_version_is_dropped_with_a_note() -> None:
    code = 'import requests\ndef f(e):\n    return requests.post(f"{e}/openai/responses?api-version=2025-04-01-preview", json={"model": "m"})\n'
    outcome = migrate(code)
    assert outcome.code == code.replace("/openai/responses?api-version=2025-04-01-preview", "/openai/v1/responses")
    assert sorted(rules(outcome)) == ["AOAI701", "AOAI704"]


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            '"""Call https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=1"""\n'
            "# requests.post(url) with /openai/deployments/{d}/chat/completions?api-version=...\n",
            id="docs-and-comments",
        ),
        pytest.param(
            'import requests\nrequests.post("https://r.openai.azure.com/openai/v1/chat/completions", json={"model": "m"})\n',
            id="already-v1",
        ),
        pytest.param(
            'import requests\nrequests.post("https://r.openai.azure.com/openai/deployments/d/embeddings", json={})\n',
            id="no-api-version-anywhere",
        ),
        pytest.param(
            'import requests\nlog = requests.get("https://status.example.com/api-version/openai/x")\n',
            id="lookalike-path",
        ),
        pytest.param(
            'import requests\nrequests.post("https://r.openai.azure.com/openai/deployments/d/embeddings?api-version=1", json={})  # aoai-migrate: ignore[AOAI701]\n',
            id="suppressed",
        ),
    ],
)
def test_unrelated_or_suppressed_code_is_left_alone_silently(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert outcome.findings == ()


def test_a_call_on_a_projects_own_class_is_not_rewritten_but_its_dated_url_is_reported() -> None:
    code = 'class Api:\n    def post(self, url, json): ...\nApi().post("https://r.openai.azure.com/openai/deployments/d/embeddings?api-version=1", json={})\n'
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(3, "AOAI702")]
    assert "this module calls no HTTP library with it" in outcome.findings[0].message


def test_multi_line_body_gets_model_on_its_own_line() -> None:
    before = (
        "import requests\n"
        "def f(e, d):\n"
        "    return requests.post(\n"
        '        f"{e}/openai/deployments/{d}/chat/completions?api-version=2024-10-21",\n'
        "        json={\n"
        '            "messages": [],\n'
        '            "temperature": 0,\n'
        "        },\n"
        "    )\n"
    )
    outcome = migrate(before)
    assert outcome.code == (
        "import requests\n"
        "def f(e, d):\n"
        "    return requests.post(\n"
        '        f"{e}/openai/v1/chat/completions",\n'
        "        json={\n"
        '            "messages": [],\n'
        '            "temperature": 0,\n'
        '            "model": d,\n'
        "        },\n"
        "    )\n"
    )


def test_crlf_file_keeps_its_line_endings() -> None:
    before = 'import requests\r\ndef f(e, d):\r\n    return requests.post(f"{e}/openai/deployments/{d}/embeddings?api-version=1", json={"input": "x"})\r\n'
    outcome = migrate(before)
    assert outcome.code == before.replace("/openai/deployments/{d}/embeddings?api-version=1", "/openai/v1/embeddings").replace(
        '"input": "x"}', '"input": "x", "model": d}'
    )


# ---- behaviour: an api-key header stays, and v1 gets the same request ------------------------- #
# samples/rest_requests_key_header runs before and after under the recorder in tests/test_behaviour.py;
# this pins down what that comparison cannot see: the header itself stays, and no Bearer is added.
KEY_HEADER_SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "rest_requests_key_header"


def test_requests_program_with_a_key_header_keeps_it_on_v1(tmp_path: Path) -> None:
    from tests.test_behaviour import Recordings

    outcome = migrate((KEY_HEADER_SAMPLE / "before.py").read_text(encoding="utf-8"))
    assert outcome.error is None
    assert rules(outcome) == ["AOAI701"]
    assert outcome.code == (KEY_HEADER_SAMPLE / "after.py").read_text(encoding="utf-8")
    recordings = Recordings(tmp_path)
    try:
        before, after = (recordings.get("rest_requests_key_header", p).requests for p in ("before.py", "after.py"))
    finally:
        recordings.close()
    assert [r["headers"]["api-key"] for r in before] == ["azure-key-123"]
    (request,) = after
    assert request["transport"] == "requests"
    assert request["path"] == "/openai/v1/chat/completions" and request["query"] == {}
    assert request["headers"]["api-key"] == "azure-key-123"
    assert "authorization" not in request["headers"]
    assert request["json"]["model"] == "gpt-4o-mini"


def test_deployment_formatted_with_a_conversion_is_reported_not_moved() -> None:
    code = 'import requests\ndef f(e, d):\n    return requests.post(f"{e}/openai/deployments/{d!s}/embeddings?api-version=1", json={})\n'
    outcome = migrate(code)
    assert outcome.code == code
    assert rules(outcome) == ["AOAI702"]
    assert "conversion or format spec" in outcome.findings[0].message


# ---- /openai/ must follow the endpoint directly --------------------------------------------- #
@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            'import requests\nrequests.get("https://api.github.com/repos/openai/openai-python", params={"api-version": "3"})\n',
            id="github-repo-named-openai",
        ),
        pytest.param(
            'import requests\nrequests.get("https://example.com/openai/responses?api-version=1")\n',
            id="literal-non-azure-host-without-deployment",
        ),
        pytest.param(
            'import requests\ndef f(e):\n    return requests.get(f"{e}/api/openai/files?api-version=1")\n',
            id="openai-after-a-path",
        ),
    ],
)
def test_openai_segment_not_right_after_the_endpoint_is_not_an_azure_call(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert outcome.findings == ()


def test_computed_resource_name_in_an_azure_host_is_an_azure_endpoint() -> None:
    code = 'import requests\ndef f(r):\n    return requests.get(f"https://{r}.openai.azure.com/openai/files?api-version=1")\n'
    outcome = migrate(code)
    assert outcome.code == code.replace("/openai/files?api-version=1", "/openai/v1/files")
    assert rules(outcome) == ["AOAI701"]


# ---- implicit concatenation is rewritten; every other dated URL string gets a finding ----------- #
@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            'import requests\ndef f(e, d, v):\n    return requests.post(f"{e}/openai/deployments/{d}" f"/chat/completions?api-version={v}", json={"messages": []})\n',
            'import requests\ndef f(e, d, v):\n    return requests.post(f"{e}/openai/v1/chat/completions", json={"messages": [], "model": d})\n',
            id="one-line",
        ),
        pytest.param(
            "import requests\ndef f(e, d, v):\n    return requests.post(\n"
            '        (f"{e}/openai/deployments/{d}"\n         f"/chat/completions?api-version={v}"),\n'
            '        json={"messages": []},\n    )\n',
            "import requests\ndef f(e, d, v):\n    return requests.post(\n"
            '        (f"{e}/openai/v1/chat/completions"),\n'
            '        json={"messages": [], "model": d},\n    )\n',
            id="parenthesised-two-lines",
        ),
        pytest.param(
            "import requests\ndef f(e, d):\n    return requests.post(\n"
            '        (f"{e}"  # base\n         "/openai/deployments/"\n         f"{d}/embeddings?api-version=2024-10-21"),\n'
            '        json={"input": "x"},\n    )\n',
            "import requests\ndef f(e, d):\n    return requests.post(\n"
            '        (f"{e}"  # base\n         "/openai/v1/embeddings"),\n'
            '        json={"input": "x", "model": d},\n    )\n',
            id="path-in-a-later-piece-keeps-the-earlier-ones",
        ),
    ],
)
def test_implicitly_concatenated_url_is_rewritten(before: str, after: str) -> None:
    outcome = migrate(before)
    assert outcome.code == after
    assert rules(outcome) == ["AOAI701"]


def test_comment_between_dropped_url_pieces_is_reported_not_lost() -> None:
    code = (
        "import requests\ndef f(e, d):\n    return requests.post(\n"
        '        (f"{e}/openai/deployments/{d}"  # the deployment\n         "/embeddings?api-version=2024-10-21"),\n'
        '        json={"input": "x"},\n    )\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.column, f.rule) for f in outcome.findings] == [(4, 9, "AOAI702")]
    assert "a comment stands between the pieces of the URL" in outcome.findings[0].message


LEFT = (
    "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (the call that uses it is not one it "
    "can follow); change it to {endpoint}/openai/v1/chat/completions without api-version and put \"model\": "
    "<deployment> in the JSON body"
)


@pytest.mark.parametrize(
    ("code", "where"),
    [
        pytest.param(
            "import requests\nclass Chat:\n    def __init__(self):\n        self.session = requests.Session()\n"
            "    def ask(self, e, d):\n"
            '        return self.session.post(f"{e}/openai/deployments/{d}/chat/completions?api-version=2024-10-21", json={"messages": []})\n',
            (6, 34), id="session-on-self",
        ),
        pytest.param(
            'import requests\ndef f(e, d, v):\n    return requests.post("{}/openai/deployments/{}/chat/completions?api-version={}".format(e, d, v), json={})\n',
            (3, 26), id="format",
        ),
        pytest.param(
            'import requests\ndef f(e, d):\n    return requests.post("%s/openai/deployments/%s/chat/completions?api-version=2024-10-21" % (e, d), json={})\n',
            (3, 26), id="percent",
        ),
        pytest.param(
            'import requests\ndef build(e, d):\n    return f"{e}/openai/deployments/{d}/chat/completions?api-version=2024-10-21"\n'
            "def f(e, d):\n    return requests.post(build(e, d), json={})\n",
            (3, 12), id="returned-by-a-helper",
        ),
        pytest.param(
            'import httpx\ndef build(e, d):\n    return (e + "/openai/deployments/" + d\n            + "/chat/completions" "?api-version=2024-10-21")\n',
            (3, 13), id="concatenation-read-as-one-text",
        ),
        pytest.param(
            'import requests\ndef f(e, d, v):\n    url = f"{e}/openai/deployments/{d}/chat/completions?api-version={v}"\n'
            "    if not d:\n        url = None\n    return requests.post(url, json={})\n",
            (3, 11), id="url-name-assigned-twice",
        ),
    ],
)
def test_dated_url_the_transform_cannot_follow_gets_a_finding(code: str, where: tuple[int, int]) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    # (a trial on public code: a template's reason named the call, which the tool does follow)
    why = "it is a %-template" if '" % (' in code else "it is a str.format() template" if '".format(' in code else None
    message = LEFT if why is None else LEFT.replace("the call that uses it is not one it can follow", f"{why}, which this tool does not fill in")
    assert [(f.line, f.column, f.rule, f.message) for f in outcome.findings] == [(*where, "AOAI702", message)]


def test_dated_url_of_a_route_v1_does_not_serve_gets_aoai703() -> None:
    code = 'import requests\nURL = "https://r.openai.azure.com/openai/assistants?api-version=2024-05-01-preview"\n'
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.column, f.rule) for f in outcome.findings] == [(2, 7, "AOAI703")]
    assert "assistants, which is not a route this tool knows v1 to serve" in outcome.findings[0].message


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            'import requests\n"""Docs: https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=1"""\n',
            id="docstring",
        ),
        pytest.param(
            'import requests\nrequests.post("https://r.openai.azure.com/openai/v1/chat/completions?api-version=preview", json={"model": "m"})\n',
            id="v1-with-preview",
        ),
        pytest.param(
            'import requests\nrequests.get("https://r.openai.azure.com/openai/v1/models?api-version=preview")\n',
            id="v1-without-deployment",
        ),
        pytest.param(
            'import requests\nrequests.post("https://r.openai.azure.com/openai/deployments/d/embeddings", json={})\n',
            id="no-api-version",
        ),
        pytest.param(
            'import requests\nU = "https://example.com/openai/files?api-version=1"\n',
            id="other-host-without-deployment",
        ),
        pytest.param(
            'import requests\nU = "https://r.openai.azure.com/openai/deployments/d/embeddings?api-version=1"  # aoai-migrate: ignore[AOAI702]\n',
            id="suppressed",
        ),
    ],
)
def test_strings_that_are_not_dated_urls_left_behind_get_no_finding(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert outcome.findings == ()


@pytest.mark.parametrize(
    "code",
    [
        'HOST = "https://r.openai.azure.com/openai/deployments/d/embeddings?api-version=1"\n',
        'import os\nCHAT = f"{os.environ[\'E\']}/openai/deployments/{os.environ[\'D\']}/chat/completions?api-version=2024-10-21"\n',
    ],
    ids=["literal", "f-string"],
)
def test_a_module_of_url_constants_without_an_http_library_is_searched_too(code: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert rules(outcome) == ["AOAI702"]
    assert "this module calls no HTTP library with it" in outcome.findings[0].message


@pytest.mark.parametrize(
    "code",
    [
        'from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://r.openai.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-02-01", api_key="k", api_version="2024-02-01")\n',
        'from langchain_openai import AzureChatOpenAI\nllm = AzureChatOpenAI(azure_endpoint="https://r.openai.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-02-01", api_key="k", api_version="2024-02-01")\n',
    ],
    ids=["sdk", "langchain"],
)
def test_a_dated_url_given_to_an_sdk_or_langchain_client_is_left_to_their_rules(code: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert "AOAI702" not in rules(outcome) and rules(outcome)  # the client's own rule reports it


def test_a_reported_call_is_not_reported_again_by_the_safety_net() -> None:
    code = 'import requests\ndef f(e, body):\n    return requests.post(f"{e}/openai/deployments/d/chat/completions?api-version=1", json=body)\n'
    outcome = migrate(code)
    assert rules(outcome) == ["AOAI702"]
    assert "not a dict literal" in outcome.findings[0].message


def test_params_variable_with_api_version_in_the_url_is_reported() -> None:
    code = 'import requests\ndef f(e, p):\n    return requests.post(f"{e}/openai/deployments/d/embeddings?api-version=1", params=p, json={})\n'
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.rule, f.message) for f in outcome.findings] == [
        ("AOAI702", 'params=p may carry api-version: drop it, use /openai/v1/embeddings and put "model" in the body by hand')
    ]


# ---- a body in a local dict used once gets the model ---------------------------------------------- #
ASK = "import requests\ndef ask(endpoint, key, deployment, question):\n"
CHAT = 'f"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21"'


@pytest.mark.parametrize(
    ("body", "after"),
    [
        pytest.param(
            f'    payload = {{"messages": [{{"role": "user", "content": question}}]}}\n'
            f'    r = requests.post({CHAT}, headers={{"api-key": key}}, json=payload)\n    return r.json()\n',
            '    payload = {"messages": [{"role": "user", "content": question}], "model": deployment}\n'
            '    r = requests.post(f"{endpoint}/openai/v1/chat/completions", headers={"api-key": key}, json=payload)\n'
            "    return r.json()\n",
            id="the-common-shape",
        ),
        pytest.param(
            f'    payload: dict = {{\n        "messages": [],\n    }}\n    url = {CHAT}\n'
            "    with requests.Session() as s:\n        return s.post(url, json=payload)\n",
            '    payload: dict = {\n        "messages": [],\n        "model": deployment,\n    }\n'
            '    url = f"{endpoint}/openai/v1/chat/completions"\n'
            "    with requests.Session() as s:\n        return s.post(url, json=payload)\n",
            id="annotated-multi-line-with-url-name-and-session",
        ),
        pytest.param(
            f'    name = deployment.strip()\n    payload = {{"messages": []}}\n'
            f'    return requests.post(f"{{endpoint}}/openai/deployments/{{name}}/chat/completions?api-version=1", json=payload)\n',
            '    name = deployment.strip()\n    payload = {"messages": [], "model": name}\n'
            '    return requests.post(f"{endpoint}/openai/v1/chat/completions", json=payload)\n',
            id="deployment-assigned-before-the-dict",
        ),
    ],
)
def test_body_in_a_local_dict_used_once_gets_the_model(body: str, after: str) -> None:
    outcome = migrate(ASK + body)
    assert outcome.code == ASK + after
    assert rules(outcome) == ["AOAI701"]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        pytest.param(
            f'    payload = {{"messages": []}}\n    payload["temperature"] = 0\n    return requests.post({CHAT}, json=payload)\n',
            "the body `payload` is used elsewhere too", id="mutated",
        ),
        pytest.param(
            f'    payload = {{"messages": []}}\n    log(payload)\n    return requests.post({CHAT}, json=payload)\n',
            "the body `payload` is used elsewhere too", id="passed-elsewhere",
        ),
        pytest.param(
            f'    if question:\n        payload = {{"messages": []}}\n    return requests.post({CHAT}, json=payload)\n',
            "`payload = {...}` is not in the block of this call, before it", id="other-block",
        ),
        pytest.param(
            f'    payload = {{"messages": []}}\n    deployment = deployment.strip()\n    return requests.post({CHAT}, json=payload)\n',
            "`deployment` may change between `payload = {...}` and the call", id="deployment-reassigned",
        ),
        pytest.param(
            f'    payload = {{"messages": []}}\n    name = deployment.strip()\n'
            '    return requests.post(f"{endpoint}/openai/deployments/{name}/chat/completions?api-version=1", json=payload)\n',
            "`name` may not have its value yet at `payload = {...}`", id="deployment-assigned-after-the-dict",
        ),
        pytest.param(
            f'    payload = {{"messages": []}}\n    return requests.post(f"{{endpoint}}/openai/deployments/{{key.d}}/chat/completions?api-version=1", json=payload)\n',
            "the deployment `key.d` would be read at `payload = {...}` instead of at the call", id="attribute-deployment",
        ),
        pytest.param(
            f'    payload = {{"messages": []}}\n    def send():\n        return requests.post({CHAT}, json=payload)\n    return send()\n',
            "the body `payload` is not a local of this function", id="closure",
        ),
    ],
)
def test_body_in_a_local_dict_that_cannot_take_the_model_is_reported(body: str, why: str) -> None:
    code = ASK + body
    outcome = migrate(code)
    assert outcome.code == code
    assert rules(outcome) == ["AOAI702"]
    assert outcome.findings[0].message.startswith(f"{why}; add \"model\": ")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        pytest.param(
            'import json, requests\ndef f(e, body):\n    return requests.post(f"{e}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", data=json.dumps(body))\n',
            'the body is data=, not a json= dict; add "model": "gpt-4o" to the request body, use /openai/v1/chat/completions and drop api-version by hand',
            id="json-dumps-body",
        ),
        pytest.param(
            'import requests\ndef f(e, kw):\n    return requests.post(f"{e}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", **kw)\n',
            'the call passes *args/**kwargs, which may carry the body; put "model": "gpt-4o" in it by hand',
            id="kwargs",
        ),
        pytest.param(
            'import requests\ndef f(e, b):\n    return requests.post(f"{e}/openai/deployments/whisper/audio/transcriptions?api-version=2024-10-21", data=b)\n',
            'no files= upload found; send model="whisper" as a form field, use /openai/v1/audio/transcriptions and drop api-version by hand',
            id="upload-without-files",
        ),
    ],
)
def test_literal_deployment_in_a_message_is_written_in_double_quotes(code: str, message: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.rule, f.message) for f in outcome.findings] == [("AOAI702", message)]


# ---- safety net: a deployment route whose operation or api-version is in another literal ---------- #
# The v1 API has no /openai/deployments/ path, so a string spelling one is a dated URL even when its
# api-version (or its operation) is added by another literal, a params= dict or a session. It is
# reported when the module shows a sign of an api-version (``api-version``, ``api_version``,
# ``API_VERSION``...), and only then: a module with none is not treated as Azure OpenAI code (see
# test_a_deployment_route_in_a_module_with_no_sign_of_an_api_version_is_not_reported).
APPENDED = (
    "this string is the start of a dated Azure OpenAI URL that aoai-migrate did not rewrite (the operation is "
    "appended elsewhere); change it to {endpoint}/openai/v1, so the full URL is {endpoint}/openai/v1/<op> without "
    'api-version, and put "model": <deployment> in the JSON body (the form data for an upload)'
)
VERSION_APART = (
    "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (the api-version is not in this "
    "string); change it to {endpoint}/openai/v1/chat/completions without api-version and put \"model\": "
    "<deployment> in the JSON body"
)


@pytest.mark.parametrize(
    ("code", "line"),
    [
        pytest.param(
            "import requests\n"
            'base = f"{ENDPOINT}/openai/deployments/{deployment}"\n'
            'requests.post(base + "/chat/completions?api-version=2024-02-01", headers={"api-key": KEY}, json={"messages": []})\n',
            2, id="base-plus-operation-and-version",
        ),
        pytest.param(
            "import httpx\n"
            'client = httpx.Client(base_url=f"{E}/openai/deployments/{d}")\n'
            'client.post("/chat/completions", params={"api-version": "2024-02-01"}, json={})\n',
            2, id="httpx-base-url-and-params",
        ),
        pytest.param(
            "class C:\n"
            "    def __init__(self, base_url):\n"
            '        self.openai_endpoint = f"{base_url}/chat/completions?api-version={self.version}"\n'
            "\n"
            "def make(host, dep):\n"
            '    base_url = f"{host}/openai/deployments/{dep}"\n'
            "    return C(base_url)\n",
            6, id="base-url-passed-to-a-class",
        ),
        pytest.param(
            "import requests\n"
            "def f(e, d):\n"
            '    return requests.post(e + "/openai/deployments/" + d + "/", json={})\n'
            'API_VERSION = "2024-02-01"\n',
            3, id="concatenation-ending-at-the-deployment",
        ),
        pytest.param(
            "import requests\n"
            "def base(e, d, api_version):\n"
            '    return "{}/openai/deployments/{}".format(e, d), "%s/openai/deployments/%s/" % (e, d)\n',
            3, id="format-and-percent-templates",
        ),
    ],
)
def test_deployment_url_whose_operation_is_appended_elsewhere_gets_a_finding(code: str, line: int) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    count = 2 if "% (e, d)" in code else 1  # the .format and the % template
    assert [(f.line, f.rule) for f in outcome.findings] == [(line, "AOAI702")] * count
    for finding in outcome.findings:
        if "requests" in code or "httpx" in code:
            # the version sent in a call's params= is named with its line
            params = ' (drop the "api-version" key of the params= on line 3)' if "params=" in code else ""
            assert finding.message == APPENDED.replace("without api-version", "without api-version" + params)
        else:
            assert finding.message == APPENDED.replace("elsewhere)", "elsewhere, and this module calls no HTTP library with it)")


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            "import httpx\nclass Chat:\n    def __init__(self):\n        self.client = httpx.Client()\n"
            "    def ask(self, e, d):\n"
            '        return self.client.post(f"{e}/openai/deployments/{d}/chat/completions", params={"api-version": "2024-02-01"}, json={})\n',
            id="params-on-a-client-attribute",
        ),
        pytest.param(
            'import requests\nVERSION = {"api-version": "2024-02-01"}\ns = requests.Session()\ns.params = VERSION\n'
            "def ask(e, d):\n"
            '    return s.post(f"{e}/openai/deployments/{d}/chat/completions", json={})\n',
            id="version-set-on-the-session",
        ),
    ],
)
def test_deployment_url_with_its_api_version_passed_apart_gets_a_finding(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    params = ' (drop the "api-version" key of the params= on line 6)' if "params=" in code else ""
    message = VERSION_APART.replace("without api-version", "without api-version" + params)
    assert [(f.line, f.rule, f.message) for f in outcome.findings] == [(6, "AOAI702", message)]


@pytest.mark.parametrize(
    ("url", "root"),
    [
        # (a trial on public code: urljoin's relative path, with no leading slash, passed check with exit 0)
        pytest.param('urljoin(endpoint, f"openai/deployments/{d}/embeddings?api-version=2023-05-15")', "", id="urljoin-relative-path"),
        pytest.param('urljoin(endpoint, "openai/deployments/" + d + "/embeddings?api-version=2023-05-15")', "", id="urljoin-concatenation"),
        pytest.param('"%sopenai/deployments/%s/embeddings?api-version=2023-05-15" % (endpoint, d)', "{endpoint}/", id="percent-endpoint-with-its-slash"),
    ],
)
def test_deployment_path_without_a_leading_slash_gets_a_finding(url: str, root: str) -> None:
    code = (
        "from urllib.parse import urljoin\n\nimport requests\n\n"
        "def embed(endpoint, d, texts):\n"
        f"    url = {url}\n"
        '    return requests.post(url, json={"input": texts}).json()\n'
    )
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(6, "AOAI702")]
    assert f'change it to {root}openai/v1/embeddings without api-version and put "model": <deployment>' in outcome.findings[0].message


def test_a_relative_deployment_path_whose_operation_is_appended_elsewhere_gets_a_finding() -> None:
    code = 'import requests\nPATH = "openai/deployments/gpt"\nAPI_VERSION = "2024-02-01"\n'
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI702")]
    assert "change it to openai/v1, so the full URL is {endpoint}/openai/v1/<op>" in outcome.findings[0].message


def test_deployment_url_with_a_computed_operation_gets_aoai702_not_aoai703() -> None:
    code = 'import requests\ndef f(e, d, op, v):\n    return requests.post("{}/openai/deployments/{}/{}?api-version={}".format(e, d, op, v), json={})\n'
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(3, "AOAI702")]
    assert outcome.findings[0].message == (
        "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (its operation is computed); change "
        'it to {endpoint}/openai/v1/<op> without api-version and put "model": <deployment> in the JSON body (the form '
        "data for an upload)"
    )


def test_url_constants_split_from_their_api_version_in_a_module_without_http_are_reported() -> None:
    code = (
        "import os\n"
        'API_VERSION = os.environ["AZURE_OPENAI_API_VERSION"]\n'
        "BASE = f\"{os.environ['AZURE_OPENAI_ENDPOINT']}/openai/deployments/{os.environ['DEPLOYMENT']}\"\n"
        'CHAT = BASE + "/chat/completions"\n'
    )
    # no ``api-version`` in the file: ``openai/deployments/`` is what lets it through both pre-filter stages
    from transforms import might_need_migration

    assert "api-version" not in code
    assert might_need_migration(code.encode()) and might_need_migration(code)
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(3, "AOAI702")]
    assert "(the operation is appended elsewhere, and this module calls no HTTP library with it)" in outcome.findings[0].message


def test_docstrings_mentioning_a_deployment_route_are_not_reported() -> None:
    code = (
        '"""Calls {endpoint}/openai/deployments/{deployment}/chat/completions with an api-version."""\n'
        "import requests\n"
        "def f(e, d, v):\n"
        '    """POST to /openai/deployments/<d>/embeddings; api_version is the query."""\n'
        '    "/openai/deployments/{d}/chat/completions"\n'
        '    base = f"{e}/openai/deployments/{d}"\n'
        '    return requests.post(base + "/embeddings", params={"api-version": v}, json={})\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(6, "AOAI702")]


@pytest.mark.parametrize(
    "sign",
    ['API_VERSION = "2024-02-01"\n', 'params = {"api-version": "2024-02-01"}\n', "def f(api_version): ...\n"],
    ids=["API_VERSION", "api-version", "api_version"],
)
def test_a_deployment_route_in_a_module_with_no_sign_of_an_api_version_is_not_reported(sign: str) -> None:
    """Decided: without any api-version in the module the string is not treated as Azure OpenAI code.

    Every /openai/deployments/ request needs an api-version; a module that never spells one is
    documentation, a proxy's own routes or code sent by a module this run reports instead.
    """
    code = 'import httpx\nclient = httpx.Client(base_url=f"{E}/openai/deployments/{d}")\nclient.post("/embeddings", json={})\n'
    silent = migrate(code)
    assert silent.code == code and silent.findings == ()
    outcome = migrate(code + sign)
    assert outcome.code == code + sign
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI702")]


def test_a_v1_url_is_not_reported_next_to_a_dated_deployment_route() -> None:
    code = (
        "import requests\n"
        "API_VERSION = None  # no api-version on v1\n"
        'V1 = f"{ENDPOINT}/openai/v1"\n'
        'CHAT = f"{ENDPOINT}/openai/v1/chat/completions"\n'
        'OLD = f"{ENDPOINT}/openai/deployments/{DEPLOYMENT}"\n'
        "def f(body):\n"
        '    return requests.post(V1 + "/embeddings", json=body)\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(5, "AOAI702")]


def test_a_rewritten_url_with_its_api_version_in_params_is_not_reported_again() -> None:
    before = (
        "import requests\n"
        "def f(e, d, cfg):\n"
        '    requests.post(f"{e}/openai/deployments/{d}/chat/completions", params={"api-version": "2024-10-21"}, json={})\n'
        '    return cfg.session.post(f"{e}/openai/deployments/{d}/embeddings", params={"api-version": "2024-10-21"}, json={})\n'
    )
    outcome = migrate(before)
    assert outcome.code == before.replace(
        '(f"{e}/openai/deployments/{d}/chat/completions", params={"api-version": "2024-10-21"}, json={})',
        '(f"{e}/openai/v1/chat/completions", json={"model": d})',
    )
    assert [(f.line, f.rule) for f in outcome.findings] == [(3, "AOAI701"), (4, "AOAI702")]
    again = migrate(outcome.code)
    assert [(f.line, f.rule) for f in again.findings] == [(4, "AOAI702")]


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(
            "from openai import AzureOpenAI\n"
            "import httpx\n"
            'ENDPOINT = "https://r.openai.azure.com/openai/deployments/gpt"\n'
            'client = AzureOpenAI(base_url=ENDPOINT, api_key="k", api_version="2024-02-01")\n'
            "# the upstream a proxy calls with httpx: reported\n"
            'BASE = f"{UPSTREAM}/openai/deployments/{DEPLOYMENT}"\n',
            id="sdk-base-url-in-a-constant",
        ),
        pytest.param(
            "from fastapi import FastAPI, Query\nimport httpx\napp = FastAPI()\n"
            '@app.post("/openai/deployments/{deployment}/chat/completions")\n'
            'async def chat(deployment: str, api_version: str = Query(alias="api-version")): ...\n'
            'BASE = f"{UPSTREAM}/openai/deployments/{DEPLOYMENT}"\n',
            id="route-a-proxy-serves",
        ),
    ],
)
def test_a_deployment_route_given_to_an_sdk_client_or_served_by_a_decorator_is_not_reported_here(code: str) -> None:
    """The SDK client's own rule reports its base_url (AOAI104); a route a proxy serves is not a URL it sends."""
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings if f.rule.startswith("AOAI70")] == [(6, "AOAI702")]
    assert ("AOAI104" in rules(outcome)) == ("AzureOpenAI" in code)


def test_a_bare_deployments_path_prefix_or_a_message_naming_the_route_is_not_reported() -> None:
    """``"/openai/deployments/"`` with no deployment is a path test (a proxy's), not the start of a URL;
    words before the route make a message about it. Neither holds api-version, so neither is reported."""
    code = (
        "import httpx, logging\n"
        "def route(path, api_version):\n"
        '    if path.startswith("/openai/deployments/"):\n'
        '        logging.info(f"forwarding to {UPSTREAM}/openai/deployments/{path}")\n'
        '        return httpx.Client(base_url=f"{UPSTREAM}/openai/deployments/{path.split(\'/\')[3]}")\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(5, "AOAI702")]


@pytest.mark.parametrize(
    ("code", "line", "fragment"),
    [
        # (a trial on public code: both were still sent to /openai/v1/ after apply, and check passed)
        pytest.param(
            'client.chat.completions.create(model="m", messages=[], extra_query={"api-version": "2025-01-01-preview"})\n',
            1, 'extra_query sends api-version=2025-01-01-preview with this request, and the v1 endpoint (/openai/v1/) takes no dated api-version: drop this key (or set it to "preview"',
            id="per-call-extra-query",
        ),
        pytest.param(
            'client.with_options(default_query={"api-version": "2024-10-21"}).embeddings.create(model="e", input="x")\n',
            1, "default_query sends api-version=2024-10-21 with these options, and the v1 endpoint (/openai/v1/) takes no dated api-version: drop this key when",
            id="with-options-default-query",
        ),
        pytest.param(
            'from openai import OpenAI\nc = OpenAI(base_url=B, api_key=K,\n    default_query={"api-version": "2024-10-21"})\n',
            3, "default_query sends api-version=2024-10-21", id="stock-client-left-with-a-dated-query",
        ),
    ],
)
def test_a_dated_api_version_query_on_an_sdk_call_is_reported(code: str, line: int, fragment: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(line, "AOAI705")]
    assert outcome.findings[0].message.startswith(fragment)


@pytest.mark.parametrize(
    ("code", "line", "fragment"),
    [
        # (a trial on public code: a stock client on Azure's dated route with the version from the
        # environment passed check)
        pytest.param(
            'import os\nfrom openai import OpenAI\nv = os.getenv("AZURE_OPENAI_API_VERSION")\n'
            'c = OpenAI(base_url=B, api_key=K, default_query={"api-version": v})\n',
            4, "default_query sends api-version=v with these options, a value this module does not show, so it may be a dated version",
            id="from-the-environment",
        ),
        pytest.param(
            'client.chat.completions.create(model="m", messages=[], extra_query={"api-version": VERSION})\n',
            1, "extra_query sends api-version=VERSION with this request, a value this module does not show", id="unknown-name",
        ),
        pytest.param(
            'V = "2024-10-21"\nclient.with_options(default_query={"api-version": V})\n',
            2, "default_query sends api-version=2024-10-21 with these options", id="a-name-bound-to-a-dated-version",
        ),
    ],
)
def test_an_api_version_query_whose_value_is_not_a_literal_is_reported(code: str, line: int, fragment: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(line, "AOAI705")]
    assert outcome.findings[0].message.startswith(fragment)


@pytest.mark.parametrize(
    "code",
    [
        'client.chat.completions.create(model="m", messages=[], extra_query={"api-version": "preview"})\n',
        'VERSION = "preview"\nclient.chat.completions.create(model="m", messages=[], extra_query={"api-version": VERSION, "x": "2024-10-21"})\n',
    ],
)
def test_an_undated_api_version_query_is_not_reported(code: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert outcome.findings == ()


@pytest.mark.parametrize(
    ("binding", "clause"),
    [
        # (a trial on public code: the preview default was dropped with no note; the legacy rule gave AOAI609)
        ('API_VERSION = os.getenv("AZURE_OPENAI_API_VERSION", "2025-04-01-preview")', "API_VERSION may be the preview version '2025-04-01-preview'"),
        ('API_VERSION = "2024-08-01-preview"', "API_VERSION ('2024-08-01-preview') was a preview version"),
    ],
)
def test_a_preview_version_through_a_name_gets_the_note(binding: str, clause: str) -> None:
    code = (
        f"import os\nimport requests\n\n{binding}\n\n"
        "def ask(endpoint, key, q):\n"
        '    return requests.post(f"{endpoint}/openai/deployments/gpt-4o/chat/completions?api-version={API_VERSION}",\n'
        '                         headers={"api-key": key}, json={"messages": [q]})\n'
    )
    outcome = migrate(code)
    assert outcome.error is None
    assert '"{endpoint}/openai/v1/chat/completions"' in outcome.code.replace("f\"", "\"")
    notes = [f for f in outcome.findings if not f.fixed]
    assert [(f.line, f.rule) for f in notes] == [(7, "AOAI704")]
    assert notes[0].message.startswith(f"api-version={clause}; v1 serves GA features without one")


@pytest.mark.parametrize(
    ("code", "library"),
    [
        # (a trial on public code: the advice to put "model" in a JSON body fits no library that builds its own requests)
        pytest.param(
            "from azure.ai.inference import ChatCompletionsClient\n"
            'client = ChatCompletionsClient(endpoint="https://r.openai.azure.com/openai/deployments/gpt-4o", credential=C, api_version="2024-06-01")\n',
            "azure.ai.inference.ChatCompletionsClient", id="azure-ai-inference",
        ),
        pytest.param(
            "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion\n"
            'URL = "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01"\n'
            "service = AzureChatCompletion(endpoint=URL, api_key=K)\n",
            "semantic_kernel.connectors.ai.open_ai.AzureChatCompletion", id="semantic-kernel-through-a-name",
        ),
        # (a round-4 trial on edsl: through a second name, built with urlunparse; AOAI702 said to put
        # "model" in a body the SDK builds, and to drop an api-version the SDK adds itself)
        pytest.param(
            "from azure.ai.inference import ChatCompletionsClient\n"
            'base_path = f"/openai/deployments/{deployment}"  # the SDK adds its api-version\n'
            'endpoint = urlunparse((parsed.scheme, parsed.netloc, base_path, "", "", ""))\n'
            "client = ChatCompletionsClient(endpoint=endpoint, credential=C)\n",
            "azure.ai.inference.ChatCompletionsClient", id="azure-ai-inference-through-two-names",
        ),
    ],
)
def test_a_dated_url_given_to_another_sdk_gets_advice_for_that_library(code: str, library: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI702")]
    assert outcome.findings[0].message.startswith(f"this string is a dated Azure OpenAI URL given to {library}, which builds its own requests")
    assert '"model": <deployment> in the JSON body' not in outcome.findings[0].message


@pytest.mark.parametrize(
    ("code", "mock"),
    [
        ('import responses\n\nresponses.post(\n    "{url}",\n    json={{"choices": []}},\n)\n', "responses.post"),
        ('import responses\n\nresponses.add(\n    responses.POST,\n    "{url}",\n    json={{}},\n)\n', "responses.add"),
        ('import respx\n\nroute = respx.post(\n    "{url}",\n)\n', "respx.post"),
        ('def test_x(httpx_mock):\n    httpx_mock.add_response(\n        url="{url}",\n        json={{}},\n    )\n', "httpx_mock.add_response"),
        ('def test_x(requests_mock):\n    requests_mock.post(\n        "{url}",\n        json={{}},\n    )\n', "requests_mock.post"),
    ],
)
def test_a_url_a_test_mock_matches_gets_advice_for_the_matcher(code, mock):
    # (a trial on public tests: "put model in the JSON body" pointed at the mocked response)
    url = "https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"
    outcome = migrate(code.format(url=url))
    assert outcome.error is None
    assert [f.rule for f in outcome.findings] == ["AOAI702"]
    message = outcome.findings[0].message
    assert message.startswith(f"this string is a dated Azure OpenAI URL that a test mock matches ({mock}); ")
    assert "{endpoint}/openai/v1/chat/completions without api-version" in message and "match that URL instead" in message


def test_a_module_level_body_is_called_what_it_is():
    # (a trial on notebooks: "is not a local of this function" where there is no function)
    code = (
        "import requests\n\n"
        'url = f"{base}/openai/deployments/{name}/embeddings?api-version=2024-02-01"\n'
        'json_data = {"input": "x"}\n'
        "response = requests.post(url, json=json_data)\n"
    )
    outcome = migrate(code)
    assert outcome.code == code and rules(outcome) == ["AOAI702"]
    assert outcome.findings[0].message.startswith("the body `json_data` is a module-level name, which other code may read or change; ")


def test_a_path_the_program_may_serve_is_reported_with_that_way_out():
    """(a round-2 trial on litellm: the routes its proxy serves were told to change, which would
    drop the proxy's Azure-compatible route)"""
    source = 'API_VERSION = "2024-10-21"\nROUTES = ["/openai/deployments/{model}/chat/completions", "/v1/chat/completions"]\n'
    outcome = migrate_source(source)
    assert outcome.error is None and outcome.code == source
    [finding] = [f for f in outcome.findings if f.rule == "AOAI702"]
    assert finding.message.endswith("if this program serves this path (a route of a proxy or a mock server) rather than "
                                    "calling it, it is no URL to change: keep it and suppress this finding")
    called = 'import requests\n\nrequests.post("https://r.openai.azure.com/openai/deployments/d/chat/completions", json={})\n'
    assert "serves this path" not in " ".join(f.message for f in migrate_source(called).findings)


@pytest.mark.parametrize(
    "code",
    [
        # the URL also goes to requests.post through a helper; only its endpoint reaches the client
        pytest.param(
            "import requests\nfrom openai import AzureOpenAI\n\n\ndef _post(url, body):\n    return requests.post(url, json=body)\n\n\n"
            "def ask(endpoint, body):\n"
            '    url = f"{endpoint}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"\n'
            "    raw = _post(url, body).json()\n"
            '    base = url.split("/openai/")[0]\n'
            '    return raw, AzureOpenAI(azure_endpoint=base, api_key=K, api_version="2024-10-21")\n',
            id="one-read-to-the-sdk-one-to-a-helper",
        ),
        # the name is bound again before the client reads it: the client gets the other value
        pytest.param(
            "import os\n\nimport requests\nfrom openai import OpenAI\n\n\ndef ask(endpoint, body):\n"
            '    url = f"{endpoint}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"\n'
            "    reply = requests.post(url, json=body)\n"
            '    url = "https://api.openai.com/v1"\n'
            '    return reply, OpenAI(base_url=url, api_key=os.environ["OPENAI_API_KEY"])\n',
            id="name-bound-again",
        ),
    ],
)
def test_a_dated_url_that_does_not_only_reach_an_sdk_client_stays_reported(code: str) -> None:
    """A round-4 trial: both passed ``check`` (before or after ``apply``) with the dated request sent."""
    outcome = migrate(code)
    assert outcome.error is None
    assert "AOAI702" in [f.rule for f in outcome.findings if not f.fixed]


_REBOUND_ENDPOINT = (
    "from urllib.parse import urlparse, urlunparse\n"
    "import requests\n"
    "from azure.ai.inference import ChatCompletionsClient\n"
    "def call(endpoint, deployment, deployments):\n"
    "    parsed = urlparse(endpoint)\n"
    '    base_path = f"/openai/deployments/{deployment}"  # the SDK adds its api-version\n'
    '    endpoint = urlunparse((parsed.scheme, parsed.netloc, base_path, "", "", ""))\n'
    "    return ChatCompletionsClient(endpoint=endpoint, credential=C)\n"
)


def test_a_rebound_parameter_given_to_the_inference_sdk_gets_advice_for_that_sdk() -> None:
    """(a round-5 trial on edsl: ``endpoint`` is a parameter, read by ``urlparse`` and then rebound to
    the deployment URL that only ``ChatCompletionsClient`` reads; the advice to use /openai/v1 and put
    "model" in the body, applied by hand, still sent the SDK's dated api-version and no model)"""
    outcome = migrate(_REBOUND_ENDPOINT)
    assert outcome.code == _REBOUND_ENDPOINT
    assert [(f.line, f.rule) for f in outcome.findings] == [(6, "AOAI702")]
    message = outcome.findings[0].message
    assert message.startswith("this string is a dated Azure OpenAI URL given to azure.ai.inference.ChatCompletionsClient, which builds its own requests")
    assert "keep it as it is" in message and '"model": <deployment> in the JSON body' not in message


@pytest.mark.parametrize(
    "code",
    [
        # the rebound URL is also sent with requests after it
        pytest.param(
            _REBOUND_ENDPOINT.replace("    return ChatCompletionsClient", "    requests.post(endpoint, json={})\n    return ChatCompletionsClient"),
            id="also-sent-after",
        ),
        # in a loop, the read above the rebinding sees it on the next round
        pytest.param(
            _REBOUND_ENDPOINT.replace("    parsed = urlparse(endpoint)\n", "  for deployment in deployments:\n    requests.post(endpoint, json={})\n    parsed = urlparse(endpoint)\n")
            .replace("\n    ", "\n      ").replace("\n  for", "\n    for"),
            id="rebound-in-a-loop",
        ),
    ],
)
def test_a_rebound_url_that_may_also_reach_an_http_call_gets_no_sdk_advice(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert "AOAI702" in rules(outcome)
    assert not any("given to azure.ai.inference" in f.message for f in outcome.findings)


@pytest.mark.parametrize(
    "served",
    [
        pytest.param('app.router.add_post("/openai/deployments/{deployment}/chat/completions", chat_completions)\n', id="aiohttp-add-post"),
        pytest.param('app.router.add_route("POST", "/openai/deployments/{deployment}/embeddings", chat_completions)\n', id="aiohttp-add-route"),
        pytest.param('app.add_routes([web.post("/openai/deployments/{deployment}/chat/completions", chat_completions)])\n', id="aiohttp-route-def"),
        pytest.param('fastapi_app.add_api_route("/openai/deployments/{deployment}/chat/completions", chat_completions, methods=["POST"])\n', id="fastapi-add-api-route"),
    ],
)
def test_a_route_a_server_registers_is_not_a_url_it_calls(served: str) -> None:
    """(a round-5 trial on cognee: a test's fake Azure OpenAI server registered this route with
    aiohttp, and an unrelated api_version= in the module made it a "dated URL" to change, which
    would break the test: the code under test still calls the deployment route)"""
    code = (
        "from aiohttp import web\n\n"
        "async def chat_completions(request):\n"
        '    return web.json_response({"choices": []})\n\n'
        "app = web.Application()\n"
        "{line}"
        '\ndef make_adapter(endpoint):\n    return Adapter(endpoint=endpoint, api_version="2024-12-01-preview")\n'
    )
    outcome = migrate(code.replace("{line}", served))
    assert outcome.code == code.replace("{line}", served)
    assert list(outcome.findings) == []
    # the same path sent with a client is still reported
    called = code.replace("{line}", 'session.post("/openai/deployments/{deployment}/chat/completions", json=body)\n')
    assert rules(migrate(called)) == ["AOAI702"]


_ROUTE = '"/openai/deployments/{deployment}/chat/completions"'


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(f"from flask import Flask\napp = Flask(__name__)\n@app.route({_ROUTE}, methods=['POST'])\ndef f(deployment): ...\n", id="flask"),
        pytest.param(f"from flask import Blueprint\nbp = Blueprint('x', __name__)\n@bp.post({_ROUTE})\ndef f(deployment): ...\n", id="flask-blueprint"),
        pytest.param(f"from fastapi import APIRouter\nrouter = APIRouter(prefix='')\n@router.post({_ROUTE})\nasync def f(deployment: str): ...\n", id="fastapi-router"),
        pytest.param(f"from litestar import post\n@post({_ROUTE})\nasync def f(deployment: str) -> dict: ...\n", id="litestar-by-qualified-name"),
        pytest.param(f"import bottle\n@bottle.post({_ROUTE})\ndef f(deployment): ...\n", id="bottle-by-qualified-name"),
        pytest.param(f"from sanic import Sanic\napp = Sanic('x')\n@app.post({_ROUTE})\nasync def f(request, deployment): ...\n", id="sanic"),
        pytest.param(f"from aiohttp import web\nroutes = web.RouteTableDef()\n@routes.post({_ROUTE})\nasync def f(request): ...\n", id="aiohttp-route-table"),
        pytest.param(
            f"from fastapi import FastAPI\nclass Server:\n    def __init__(self):\n        self.app = FastAPI()\n"
            f"        @self.app.post({_ROUTE})\n        async def f(deployment: str): ...\n",
            id="fastapi-app-on-self",
        ),
        pytest.param(f"from fastapi import FastAPI\ndef register(app: FastAPI):\n    @app.post({_ROUTE})\n    async def f(deployment: str): ...\n", id="annotated-parameter"),
        pytest.param(f"from aiohttp import web\ndef make():\n    app = web.Application()\n    app.router.add_post({_ROUTE}, None)\n    return app\n", id="aiohttp-app-in-a-function"),
    ],
)
def test_a_route_a_web_framework_registers_is_not_reported(code: str) -> None:
    """A route is exempt when a server framework registers it: by qualified name, or a method of an
    app or router this module builds from one (or a parameter annotated as one)."""
    code = 'API_VERSION = "2024-06-01"\n' + code
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert list(outcome.findings) == []


@pytest.mark.parametrize(
    "code",
    [
        # (a round-5 trial: uplink, "a declarative HTTP client", sent this dated deployment route, and check passed)
        pytest.param(
            "from uplink import Body, Consumer, Path, Query, post\nclass AzureChat(Consumer):\n"
            f"    @post({_ROUTE[:1] + _ROUTE[2:]})\n"
            '    def complete(self, deployment: Path, body: Body, version: Query("api-version") = "2024-06-01"): ...\n',
            id="uplink",
        ),
        pytest.param(f"import uplink\nclass C(uplink.Consumer):\n    @uplink.post({_ROUTE})\n    def f(self, deployment): ...\n", id="uplink-qualified"),
        # a decorator or registration on an object this module does not show to be a server's: kept
        pytest.param(f"from .main import app\n@app.post({_ROUTE})\nasync def f(deployment: str): ...\n", id="app-from-another-module"),
        pytest.param(f"def register(app):\n    @app.post({_ROUTE})\n    async def f(deployment: str): ...\n", id="unannotated-parameter"),
        pytest.param(f"from some_client import router\nrouter.add_post({_ROUTE}, None)\n", id="add-post-on-an-unknown-object"),
    ],
)
def test_a_decorator_or_registration_not_known_to_be_a_servers_keeps_its_finding(code: str) -> None:
    code = 'API_VERSION = "2024-06-01"\n' + code
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert rules(outcome) == ["AOAI702"]


_INFERENCE_HELPER = (
    "import os\n"
    "from azure.ai.inference import ChatCompletionsClient as CCC\n"
    "from azure.core.credentials import AzureKeyCredential\n"
    'API_VERSION = "2024-05-01-preview"\n'
    "def endpoint_for(deployment):\n"
    "    return f\"{os.environ['AZURE_OPENAI_ENDPOINT']}/openai/deployments/{deployment}\"\n"
    "def client(deployment):\n"
    '    return CCC(endpoint=endpoint_for(deployment), credential=AzureKeyCredential(os.environ["KEY"]), api_version=API_VERSION)\n'
)


@pytest.mark.parametrize(
    "code",
    [
        # (a round-5 trial: the generic advice, followed by hand, made the Inference SDK send its own
        # dated version to /openai/v1/chat/completions with no model)
        pytest.param(_INFERENCE_HELPER, id="returned-by-a-helper"),
        pytest.param(
            _INFERENCE_HELPER.replace("    return f\"", "    url = f\"").replace("{deployment}\"\n", "{deployment}\"\n    return url\n", 1),
            id="through-a-name-it-returns",
        ),
        pytest.param(
            _INFERENCE_HELPER.replace("def client(", "def base(d):\n    return endpoint_for(d)\ndef client(").replace("endpoint=endpoint_for(", "endpoint=base("),
            id="through-a-second-helper",
        ),
    ],
)
def test_a_url_a_helper_returns_to_the_inference_sdk_gets_the_sdk_advice(code: str) -> None:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert rules(outcome) == ["AOAI702"]
    assert "given to azure.ai.inference.ChatCompletionsClient, which builds its own requests" in outcome.findings[0].message


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(_INFERENCE_HELPER + "HELPERS = {'endpoint': endpoint_for}\n", id="helper-also-passed-on"),
        pytest.param(
            _INFERENCE_HELPER.replace("import os\n", "import os, requests\n")
            + 'def raw(d, body):\n    return requests.post(endpoint_for(d) + "/chat/completions", params={"api-version": API_VERSION}, json=body)\n',
            id="helper-also-sent-with-requests",
        ),
    ],
)
def test_a_helper_url_that_may_go_elsewhere_gets_both_advices(code: str) -> None:
    """When the helper's URL may also reach something else, the generic advice stays, with the
    Inference SDK's exception, since the module imports it."""
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == code
    assert rules(outcome) == ["AOAI702"]
    message = outcome.findings[0].message
    assert "change it to {endpoint}/openai/v1" in message
    assert message.endswith(
        "; if azure.ai.inference (which this module imports) takes it, that library builds its own requests "
        "and api-version from it: keep it as it is there"
    )


# (a round-6 trial on letta: the models and deployments lists, built by helpers with a computed
# endpoint, passed check, while the same URLs called directly were rewritten or reported)
_LIST_HELPERS = (
    "import requests\n"
    "def models_url(base_url, api_version):\n"
    '    return f"{base_url}/openai/models?api-version={api_version}"\n'
    "def deployments_url(base_url):\n"
    '    return f"{base_url}/openai/deployments?api-version=2023-03-15-preview"\n'
    "def deployed(base_url, key, v):\n"
    '    models = requests.get(models_url(base_url, v), headers={"api-key": key}).json()["data"]\n'
    '    names = {m["id"] for m in requests.get(deployments_url(base_url), headers={"api-key": key}).json()["data"]}\n'
    '    return [m for m in models if m["id"] in names]\n'
)


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(_LIST_HELPERS, id="f-strings-returned-by-helpers"),
        pytest.param(
            _LIST_HELPERS.replace('f"{base_url}/openai/models?api-version={api_version}"', '"{}/openai/models?api-version={}".format(base_url, api_version)')
            .replace('f"{base_url}/openai/deployments?api-version=2023-03-15-preview"', 'base_url + "/openai/deployments?api-version=2023-03-15-preview"'),
            id="format-template-and-concatenation",
        ),
        pytest.param(_LIST_HELPERS.replace("import requests\n", "import os\n").split("def deployed")[0], id="module-without-http"),
        pytest.param(  # an endpoint that ends in "/", as the portal gives it (a recheck, r6d)
            _LIST_HELPERS.replace("{base_url}/openai/models", "{base_url}openai/models").replace(
                'f"{base_url}/openai/deployments?api-version=2023-03-15-preview"', 'base_url + "openai/deployments?api-version=2023-03-15-preview"'
            ),
            id="endpoint-ending-in-a-slash",
        ),
    ],
)
def test_a_dated_models_or_deployments_list_url_after_a_computed_endpoint_is_reported(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule) for f in outcome.findings] == [(3, "AOAI702"), (5, "AOAI703")]
    models, deployments = (f.message for f in outcome.findings)
    assert models.startswith("this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (")
    assert models.endswith("); change it to {endpoint}/openai/v1/models without api-version")
    assert deployments == (
        "this string is a dated Azure OpenAI URL for deployments, which is not a route this tool knows v1 to serve; "
        "keep the dated api-version route or move to a v1 feature"
    )


@pytest.mark.parametrize(
    "code",
    [
        pytest.param('import requests\ndef f(e, v):\n    log(f"listing {e}/openai/models?api-version={v}")\n', id="words-before-the-endpoint"),
        pytest.param('import requests\nU = "https://gateway.example.com/openai/models?api-version=2024-10-21"\n', id="literal-host-not-azure"),
        pytest.param('import requests\ndef f(e, v):\n    return f"{e}/openai/models?limit=1", {"api-version": v}\n', id="no-api-version-in-its-query"),
        pytest.param('import requests\ndef f(e, v):\n    return f"{e}/v2/openai/models?api-version={v}"\n', id="a-path-before-openai"),
    ],
)
def test_an_openai_route_not_right_after_a_computed_endpoint_with_its_api_version_is_not_reported(code: str) -> None:
    outcome = migrate(code)
    assert outcome.code == code
    assert outcome.findings == ()


# (a round-6 trial on pyautogen 0.2.0: autogen/oai/client.py appends /openai/deployments/{model} to the
# stock client's base_url; AOAI702 called autogen, the package under migration, a library to keep the URL for)
_OWN_CLIENT = (
    "import os\n"
    "from openai import OpenAI\n"
    "from autogen.oai.openai_utils import get_key\n"
    "def make_client(config, model, api_version):\n"
    '    config["default_query"] = {"api-version": api_version}\n'
    '    suffix = f"/openai/deployments/{model}"\n'
    '    if not config["base_url"].endswith(suffix):\n'
    '        config["base_url"] += suffix\n'
    "    get_key(config)\n"
    "    return OpenAI(**config)\n"
)
_BASE_URL_ADVICE = (
    "this string is the start of a dated Azure OpenAI URL that aoai-migrate did not rewrite (a deployment path: the "
    "operation is appended elsewhere); if it becomes the base_url of the OpenAI(...) this module builds, make that "
    "base_url <endpoint>/openai/v1/, pass the deployment as model= at each call and drop the api-version query (default_query)"
)


def _migrate_file(root: Path, relative: str, code: str, others: dict[str, str]):
    from migrate import project_modules

    for name, text in {**others, relative: code}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    with project_modules.migrating(root / relative):
        outcome = migrate_source(code)
    assert outcome.error is None
    assert outcome.code == code
    return outcome


_AUTOGEN = {"autogen/__init__.py": "", "autogen/oai/__init__.py": "", "autogen/oai/openai_utils.py": "def get_key(c):\n    return c\n"}


def test_a_deployment_base_url_in_the_files_own_package_gets_base_url_advice_not_the_librarys(tmp_path: Path) -> None:
    outcome = _migrate_file(tmp_path, "autogen/oai/client.py", _OWN_CLIENT, _AUTOGEN)
    assert [(f.line, f.column, f.rule, f.message) for f in outcome.findings] == [(6, 14, "AOAI702", _BASE_URL_ADVICE)]


def test_an_installed_library_of_that_name_keeps_its_clause(tmp_path: Path) -> None:
    """``autogen`` is not the file's package here (nor in the project): a library that may take the URL."""
    outcome = _migrate_file(tmp_path, "app/client.py", _OWN_CLIENT, {"app/__init__.py": ""})
    assert [f.rule for f in outcome.findings] == ["AOAI702"]
    assert outcome.findings[0].message == _BASE_URL_ADVICE + (
        "; if autogen (which this module imports) takes it, that library builds its own requests and api-version "
        "from it: keep it as it is there"
    )


def test_a_dated_url_given_to_a_function_of_the_files_own_package_is_no_librarys(tmp_path: Path) -> None:
    code = (
        "from autogen.oai.wrapper import send\n"
        'URL = "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01"\n'
        "send(url=URL)\n"
    )
    others = {**_AUTOGEN, "autogen/oai/wrapper.py": "import requests\ndef send(url):\n    return requests.post(url)\n"}
    outcome = _migrate_file(tmp_path, "autogen/oai/client.py", code, others)
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI702")]
    assert outcome.findings[0].message == (
        "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (this module calls no HTTP library "
        'with it); change it to {endpoint}/openai/v1/chat/completions without api-version and put "model": '
        "<deployment> in the JSON body"
    )


def test_a_file_in_a_folder_without_init_inside_its_package_is_of_that_package(tmp_path: Path) -> None:
    # (semantic-kernel 0.9.6b1: services/ has no __init__.py, and its own kernel_pydantic.HttpsUrl was
    # called a library that "builds its own requests": keep the URL as it is)
    code = (
        "from autogen.oai.wrapper import send\n"
        'URL = "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01"\n'
        "send(url=URL)\n"
    )
    others = {**_AUTOGEN, "autogen/oai/wrapper.py": "import requests\ndef send(url):\n    return requests.post(url)\n"}
    outcome = _migrate_file(tmp_path, "autogen/oai/services/client.py", code, others)
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI702")]
    assert "builds its own requests" not in outcome.findings[0].message
    assert "keep it as it is" not in outcome.findings[0].message


@pytest.mark.parametrize(
    ("relative", "others"),
    [
        pytest.param("samples/client.py", _AUTOGEN, id="a script beside the package"),
        pytest.param("app/client.py", {"autogen/oai/openai_utils.py": "def get_key(c):\n    return c\n"}, id="no __init__.py anywhere"),
    ],
)
def test_a_module_of_the_project_is_no_library_wherever_the_file_is(tmp_path: Path, relative: str, others: dict) -> None:
    # (a recheck, r6d: a samples/ script importing the repository's own package, and a tree of
    # namespace packages, were still told that library "builds its own requests: keep it as it is")
    outcome = _migrate_file(tmp_path, relative, _OWN_CLIENT, others)
    assert [f.rule for f in outcome.findings] == ["AOAI702"]
    assert outcome.findings[0].message == _BASE_URL_ADVICE


def test_a_deployment_path_that_an_http_call_may_also_send_gets_both_advices() -> None:
    code = _OWN_CLIENT.replace("import os\n", "import os\nimport httpx\n").replace("from autogen.oai.openai_utils import get_key\n", "")
    outcome = migrate(code)
    assert [f.rule for f in outcome.findings] == ["AOAI702"]
    assert outcome.findings[0].message == _BASE_URL_ADVICE + (
        '; if an HTTP call sends it, change it to {endpoint}/openai/v1 and put "model": <deployment> in the JSON body '
        "(the form data for an upload)"
    )


# ---- responses under a deployment, and one finding per computed URL (round-6 trial r6e) ---------- #


def test_responses_under_a_deployment_moves_to_v1_responses_with_the_deployment_as_model() -> None:
    """open-webui 0.12.4 posts to ``{url}/openai/deployments/{model}/responses?api-version=...``: v1
    serves it at /openai/v1/responses with the deployment as the body's model (as the SDK sends
    ``responses.create``), not a route without a v1 counterpart (AOAI703, before)."""
    before = (
        "import requests\n"
        'def ask(url, key, model, question, api_version="2024-10-21"):\n'
        '    request_url = f"{url}/openai/deployments/{model}/responses?api-version={api_version}"\n'
        '    return requests.post(request_url, headers={"api-key": key}, json={"input": question})\n'
    )
    outcome = migrate(before)
    assert outcome.code == before.replace(
        "/openai/deployments/{model}/responses?api-version={api_version}", "/openai/v1/responses"
    ).replace('json={"input": question}', 'json={"input": question, "model": model}')
    assert [(f.rule, f.message) for f in outcome.findings] == [
        ("AOAI701", 'REST call moved to /openai/v1/responses, "model": model in the body')
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            "json=payload",
            'the body json=payload is not a dict literal; add "model": model to it, use /openai/v1/responses and drop api-version by hand',
            id="body-in-a-parameter",
        ),
        pytest.param(
            'json={"model": "other", "input": "x"}',
            'the body already names "model": "other", which Azure ignored for this deployment URL; set it to model, '
            "use /openai/v1/responses and drop api-version by hand",
            id="body-names-another-model",
        ),
    ],
)
def test_responses_under_a_deployment_with_a_body_it_cannot_prove_gets_the_v1_advice(body: str, message: str) -> None:
    code = (
        "import requests\n"
        "def ask(url, key, model, payload):\n"
        f'    return requests.post(f"{{url}}/openai/deployments/{{model}}/responses?api-version=2024-10-21", {body})\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.rule, f.message) for f in outcome.findings] == [("AOAI702", message)]


def test_a_responses_url_under_a_deployment_that_no_call_follows_gets_the_v1_advice() -> None:
    """The open-webui shape itself: the URL is chosen in an if/else and sent by ``session.request``."""
    code = (
        "def url_for(url, model, api_version, v1):\n"
        "    if v1:\n"
        '        return f"{url}/responses"\n'
        '    return f"{url}/openai/deployments/{model}/responses?api-version={api_version}"\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    assert [(f.line, f.rule, f.message) for f in outcome.findings] == [
        (
            4, "AOAI702",
            "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (this module calls no HTTP "
            'library with it); change it to {endpoint}/openai/v1/responses without api-version and put "model": '
            "<deployment> in the JSON body",
        )
    ]


SPACY = (
    "import requests\n"
    "class AzureModel:\n"
    "    @property\n"
    "    def endpoint(self):\n"
    "        return (\n"
    "            self._endpoint\n"
    '            + ("" if self._endpoint.endswith("/") else "/")\n'
    "            + f\"openai/deployments/{self._deployment_name}/{'chat/' if self._chat else ''}\"\n"
    '            f"completions"\n'
    "        )\n"
    "    def __call__(self, prompt):\n"
    "        return requests.post(\n"
    "            self.endpoint,\n"
    '            json={"messages": [{"role": "user", "content": prompt}]},\n'
    '            params={"api-version": self._api_version},\n'
    "        ).json()\n"
)


def test_a_computed_url_ending_in_an_implicit_concatenation_gets_one_finding_that_names_its_params() -> None:
    """spacy-llm 0.7.4: ``endpoint + "/" + f"openai/deployments/{d}/..." f"completions"`` is one URL.
    Its implicit concatenation was read again as a URL of its own (a second AOAI702, whose advice lost
    the endpoint), and neither said that the version goes in the call's params=."""
    outcome = migrate(SPACY)
    assert outcome.code == SPACY
    assert [(f.line, f.column, f.rule, f.message) for f in outcome.findings] == [
        (
            6, 13, "AOAI702",
            "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite (its operation is computed); "
            'change it to {endpoint}/openai/v1/<op> without api-version (drop the "api-version" key of the params= '
            'on line 15) and put "model": <deployment> in the JSON body (the form data for an upload)',
        )
    ]


def test_the_params_lines_leave_out_a_rewritten_call_and_preview_and_follow_a_local_dict() -> None:
    code = (
        "import requests\n"
        'BASE = "{e}/openai/deployments/{d}"\n'
        "def f(e, d, v, cfg):\n"
        '    requests.post(f"{e}/openai/deployments/{d}/embeddings", params={"api-version": v}, json={})\n'
        '    cfg.session.post(BASE + "/x", params={"api-version": "preview"})\n'
        '    query = {"api-version": v}\n'
        '    cfg.session.post(BASE + "/y", params=query)\n'
        '    return cfg.session.post(BASE + "/z", params={"api-version": v, "a": "1"})\n'
    )
    outcome = migrate(code)
    assert [(f.line, f.rule) for f in outcome.findings] == [(2, "AOAI702"), (4, "AOAI701")]
    assert '(drop the "api-version" key of the params= on lines 6 and 8)' in outcome.findings[0].message

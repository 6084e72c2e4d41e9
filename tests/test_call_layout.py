"""The layout of a call laid out one argument per line because the rewrite made it too long."""

from __future__ import annotations

import ast

import pytest

from migrate.runner import migrate_source

KEY = 'api_key=os.getenv("AZURE_OPENAI_KEY_FOR_THE_PRIMARY_REGION")'
AZURE = f'AzureOpenAI({KEY}, api_version="2024-10-21")'
BASE_URL = 'base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",'
API_KEY = f'{KEY} or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],'
HEAD = "import os\nfrom openai import AzureOpenAI\n\n"
NEW_HEAD = "import os\nfrom openai import OpenAI\n\n"


def migrated(source: str) -> str:
    outcome = migrate_source(source)
    assert outcome.error is None, outcome.error
    ast.parse(outcome.code)
    assert migrate_source(outcome.code).code == outcome.code  # and stable
    return outcome.code


# (a trial on public code, browser-use's tests: a client inside a list inside a call's argument had its
# arguments one unit deeper than the statement, under the list's bracket, and its ")" at column 0)
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            f"CLIENTS = dict(\n    primary=[\n        OpenAI(api_key='x'),\n        {AZURE},\n    ],\n)\n",
            f"CLIENTS = dict(\n    primary=[\n        OpenAI(api_key='x'),\n        OpenAI(\n"
            f"            {BASE_URL}\n            {API_KEY}\n        ),\n    ],\n)\n",
            id="in a list in a dict(...) argument",
        ),
        pytest.param(
            f"CLIENTS = dict(\n    primary={AZURE},\n)\n",
            f"CLIENTS = dict(\n    primary=OpenAI(\n        {BASE_URL}\n        {API_KEY}\n    ),\n)\n",
            id="a keyword value on a continuation line",
        ),
        pytest.param(
            f"def make():\n    clients = dict(\n        primary=[\n            {AZURE},\n        ],\n    )\n    return clients\n",
            f"def make():\n    clients = dict(\n        primary=[\n            OpenAI(\n                {BASE_URL}\n"
            f"                {API_KEY}\n            ),\n        ],\n    )\n    return clients\n",
            id="in a function",
        ),
        pytest.param(
            f"def make():\n\tif True:\n\t\tclients = [\n\t\t\t{AZURE},\n\t\t]\n\treturn clients\n",
            f"def make():\n\tif True:\n\t\tclients = [\n\t\t\tOpenAI(\n\t\t\t\t{BASE_URL}\n\t\t\t\t{API_KEY}\n\t\t\t),\n\t\t]\n"
            "\treturn clients\n",
            id="tabs",
        ),
        pytest.param(
            f"def make():\n\treturn 1\n\nCLIENTS = [\n    {AZURE},\n]\n",
            f"def make():\n\treturn 1\n\nCLIENTS = [\n    OpenAI(\n        {BASE_URL}\n        {API_KEY}\n    ),\n]\n",
            id="a line indented with spaces in a module that indents with tabs",
        ),
        pytest.param(
            f"def make():\n    x = foo(\n  {AZURE})\n",
            f"def make():\n    x = foo(\n  OpenAI(\n      {BASE_URL}\n      {API_KEY}\n  ))\n",
            id="a continuation line less deep than its block",
        ),
        pytest.param(
            f"def make():\n    client = {AZURE}\n    return client\n",
            f"def make():\n    client = OpenAI(\n        {BASE_URL}\n        {API_KEY}\n    )\n    return client\n",
            id="on the statement's line, as before",
        ),
    ],
)
def test_the_arguments_are_indented_from_the_line_where_the_call_starts(body, expected):
    assert migrated(HEAD + "\n" + body) == NEW_HEAD + "\n" + expected


def test_a_langchain_client_in_a_tab_indented_fixture_list():
    source = (
        "import pytest\nfrom langchain_openai import AzureChatOpenAI, ChatOpenAI\n\n\n"
        "@pytest.fixture(\n\tparams=[\n\t\tChatOpenAI(model=\"gpt-4o-mini\"),\n"
        "\t\tAzureChatOpenAI(model=\"gpt-4o\", api_version=\"2024-06-01\", api_key=K),\n\t],\n)\n"
        "def llm(request):\n\treturn request.param\n"
    )
    code = migrated(source)
    start = code.index("\t\tChatOpenAI(\n")
    lines = code[start:].split("\n")
    closing = lines.index("\t\t),")
    assert closing > 2
    assert all(line.startswith("\t\t\t") and not line.startswith("\t\t\t\t") for line in lines[1:closing])
    assert lines[closing + 1] == "\t],"


# (the previous LangChain fixer's notes: arguments that share one indented line, with ")" on its own
# line, got a trailing ", " and the added argument under-indented before the bracket:
# `api_key=K, \nstream_usage=True)`)
LC_HEAD = "from langchain_openai import AzureChatOpenAI\n\n"
LC_NEW_HEAD = "from langchain_openai import ChatOpenAI\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            'llm = AzureChatOpenAI(\n    azure_endpoint=E, azure_deployment="d", api_key=K\n)\n',
            'llm = ChatOpenAI(\n    base_url=E.rstrip("/") + "/openai/v1/", model="d", api_key=K, stream_usage=True\n)\n',
            id="no trailing comma",
        ),
        pytest.param(
            'llm = AzureChatOpenAI(\n    azure_endpoint=E, azure_deployment="d", api_key=K,\n)\n',
            'llm = ChatOpenAI(\n    base_url=E.rstrip("/") + "/openai/v1/", model="d", api_key=K, stream_usage=True,\n)\n',
            id="a trailing comma",
        ),
        pytest.param(
            'def make():\n    return AzureChatOpenAI(\n        azure_endpoint=E, azure_deployment="d", api_key=K  # key\n    )\n',
            'def make():\n    return ChatOpenAI(\n        base_url=E.rstrip("/") + "/openai/v1/", model="d", api_key=K,  # key\n'
            "        stream_usage=True\n    )\n",
            id="a comment after the last argument: the new one starts the next line",
        ),
        pytest.param(
            'llm = AzureChatOpenAI(\n    azure_endpoint=E, azure_deployment="d", api_key=K,  # key\n)\n',
            'llm = ChatOpenAI(\n    base_url=E.rstrip("/") + "/openai/v1/", model="d", api_key=K,  # key\n'
            "    stream_usage=True,\n)\n",
            id="a comment after a trailing comma",
        ),
        pytest.param(
            'llm = AzureChatOpenAI(\n    azure_deployment="d", api_version="2024-10-21", api_key=K\n)\n',
            'llm = ChatOpenAI(\n    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",\n'
            '    model="d",\n    api_key=K,\n    stream_usage=True,\n)\n',
            id="arguments left after api_version go, on a line grown past 88 columns: one per line",
        ),
    ],
)
def test_added_langchain_arguments_join_the_line_the_arguments_share(body, expected):
    code = migrated(LC_HEAD + body)
    assert code.replace("import os\n", "", 1) == LC_NEW_HEAD + expected


def test_an_added_client_argument_after_a_commented_last_one_starts_the_next_line():
    code = migrated(HEAD + 'client = AzureOpenAI(\n    azure_endpoint=E, api_version="preview", api_key=K  # key\n)\n')
    assert code == NEW_HEAD + (
        'client = OpenAI(\n    base_url=E.rstrip("/") + "/openai/v1/", api_key=K,  # key\n'
        '    default_query={"api-version": "preview"}\n)\n'
    )


# (a trial on pyrit 0.2.1: black lays a call that does not fit on one line out with all its
# arguments on one line of their own; the environment fallback made that line 159 columns)
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "def f(e, key=None):\n    return AzureOpenAI(\n        api_key=key, api_version=V, azure_endpoint=e, timeout=5\n    )\n",
            "def f(e, key=None):\n    return OpenAI(\n"
            '        api_key=key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],\n'
            '        base_url=e.rstrip("/") + "/openai/v1/",\n        timeout=5,\n    )\n',
            id="in a function",
        ),
        pytest.param(
            "c = AzureOpenAI(\n    api_key=K, api_version=V, azure_endpoint=os.environ['AZURE_OPENAI_ENDPOINT_FOR_THE_REGION'],\n)\n",
            "c = OpenAI(\n    api_key=K,\n"
            "    base_url=os.environ['AZURE_OPENAI_ENDPOINT_FOR_THE_REGION'].rstrip(\"/\") + \"/openai/v1/\",\n)\n",
            id="with a trailing comma",
        ),
        pytest.param(  # a line that still fits stays as it is
            "def f(e, key):\n    return AzureOpenAI(\n        api_key=key, api_version=V, azure_endpoint=e\n    )\n",
            'def f(e, key):\n    return OpenAI(\n        api_key=key, base_url=e.rstrip("/") + "/openai/v1/"\n    )\n',
            id="fits",
        ),
        pytest.param(  # several lines of arguments, one of them grown too long (a recheck, r6d)
            "def f(e, key=None):\n    return AzureOpenAI(\n        api_key=key, api_version=V, azure_endpoint=e,\n"
            "        max_retries=3,\n    )\n",
            "def f(e, key=None):\n    return OpenAI(\n"
            '        api_key=key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],\n'
            '        base_url=e.rstrip("/") + "/openai/v1/",\n        max_retries=3,\n    )\n',
            id="lines of arguments",
        ),
        pytest.param(  # one argument per line, no trailing comma: its own layout, a line past 88 columns or not
            "def f(e, key=None):\n    return AzureOpenAI(\n        api_key=key,\n        api_version=V,\n        azure_endpoint=e\n    )\n",
            "def f(e, key=None):\n    return OpenAI(\n"
            '        api_key=key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],\n'
            '        base_url=e.rstrip("/") + "/openai/v1/"\n    )\n',
            id="one per line without a trailing comma",
        ),
        pytest.param(  # one argument per line already: its own layout
            "def f(e, key=None):\n    return AzureOpenAI(\n        api_key=key,\n        api_version=V,\n        azure_endpoint=e,\n    )\n",
            "def f(e, key=None):\n    return OpenAI(\n"
            '        api_key=key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],\n'
            '        base_url=e.rstrip("/") + "/openai/v1/",\n    )\n',
            id="one per line",
        ),
    ],
)
def test_arguments_that_share_a_line_of_their_own_go_one_per_line_when_it_grows_too_long(body, expected):
    assert migrated(HEAD + body) == NEW_HEAD + expected


def test_a_call_in_a_match_case_is_indented_from_its_own_line():
    """(a trial on magentic 0.41.1: ``match`` indents its ``case`` lines by a unit of its own, which the
    layout left out: the arguments went 8 columns deeper than the statement and ``)`` 4)"""
    body = (
        "def make(kind, key):\n    match kind:\n        case 'azure':\n"
        "            client = AzureOpenAI(api_key=os.environ['AZURE_OPENAI_KEY_FOR_THE_REGION'], api_version=V)\n"
        "    return client\n"
    )
    assert migrated(HEAD + body) == NEW_HEAD + (
        "def make(kind, key):\n    match kind:\n        case 'azure':\n            client = OpenAI(\n"
        '                base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",\n'
        "                api_key=os.environ['AZURE_OPENAI_KEY_FOR_THE_REGION'],\n            )\n    return client\n"
    )

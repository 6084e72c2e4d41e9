"""The constructor rewrite on the shapes real code uses; what a snapshot of one sample cannot show."""

from __future__ import annotations

import pytest

from tests.helpers import assert_runs_on_py38, migrate, rules_of


def call_line(code: str) -> str:
    """The migrated constructor call, joined onto one line for easy comparison."""
    start = code.index("OpenAI(")
    joined = " ".join(part.strip() for part in code[start:].strip().split("\n"))
    return joined.replace("( ", "(").replace(", )", ")")


def left_alone(source: str, rule: str) -> str:
    """The message of the one finding, ``rule``, that leaves ``source`` unchanged and without error."""
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert rules_of(outcome) == [rule]
    return outcome.findings[0].message


@pytest.mark.parametrize(
    ("endpoint", "base_url"),
    [
        ('"https://x.openai.azure.com/"', '"https://x.openai.azure.com/openai/v1/"'),
        ('"https://x.openai.azure.com"', '"https://x.openai.azure.com/openai/v1/"'),
        ("'https://x.openai.azure.com//'", "'https://x.openai.azure.com/openai/v1/'"),
        ('f"https://{name}.openai.azure.com"', 'f"https://{name}.openai.azure.com/openai/v1/"'),
        ('f"https://{name}.openai.azure.com/"', 'f"https://{name}.openai.azure.com/openai/v1/"'),
        ('f"https://{host}"', 'f"https://{host}".rstrip("/") + "/openai/v1/"'),
        ("endpoint", 'endpoint.rstrip("/") + "/openai/v1/"'),
        ("settings.azure.endpoint", 'settings.azure.endpoint.rstrip("/") + "/openai/v1/"'),
        ('os.getenv("AZURE_OPENAI_ENDPOINT")', 'os.getenv("AZURE_OPENAI_ENDPOINT").rstrip("/") + "/openai/v1/"'),
        ('os.environ["ENDPOINT"]', 'os.environ["ENDPOINT"].rstrip("/") + "/openai/v1/"'),
        ('cfg["azure"]["endpoint"]', 'cfg["azure"]["endpoint"].rstrip("/") + "/openai/v1/"'),
        ("get_endpoint()", 'get_endpoint().rstrip("/") + "/openai/v1/"'),
        ('os.getenv("E") or DEFAULT', '(os.getenv("E") or DEFAULT).rstrip("/") + "/openai/v1/"'),
        ("a if prod else b", '(a if prod else b).rstrip("/") + "/openai/v1/"'),
        ("'https://x' '.openai.azure.com'", "('https://x' '.openai.azure.com').rstrip(\"/\") + \"/openai/v1/\""),
    ],
)
def test_endpoint_expression_becomes_v1_base_url(endpoint, base_url):
    outcome = migrate(f"from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint={endpoint}, api_key=k, api_version=V)\n")
    assert call_line(outcome.code) == f"OpenAI(base_url={base_url}, api_key=k)"
    assert rules_of(outcome) == ["AOAI001"]
    assert_runs_on_py38(outcome.code)


def test_endpoint_from_env_var_gets_rstrip_so_trailing_slash_works_at_run_time():
    outcome = migrate('from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=os.environ["E"], api_key=k, api_version=V)\n')
    expression = call_line(outcome.code).split("base_url=")[1].split(", api_key")[0]
    for value in ("https://r.openai.azure.com", "https://r.openai.azure.com/"):
        assert eval(expression, {"os": type("os", (), {"environ": {"E": value}})}) == "https://r.openai.azure.com/openai/v1/"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("azure_endpoint=E, azure_ad_token_provider=p, api_version=V", 'base_url=E.rstrip("/") + "/openai/v1/", api_key=p'),
        ("azure_endpoint=E, azure_ad_token=tok, api_version=V", 'base_url=E.rstrip("/") + "/openai/v1/", api_key=tok'),
        ("azure_endpoint=E, api_key=k, api_version=V, max_retries=5, timeout=3", 'base_url=E.rstrip("/") + "/openai/v1/", api_key=k, max_retries=5, timeout=3'),
        ('azure_endpoint=E, api_key=k, api_version=V, default_query={"api-version": V, "x": "1"}', 'base_url=E.rstrip("/") + "/openai/v1/", api_key=k, default_query={"x": "1"}'),
        ('azure_endpoint=E, api_key=k, api_version=V, default_query={"api-version": V}', 'base_url=E.rstrip("/") + "/openai/v1/", api_key=k'),
        ("azure_endpoint=E, api_key=k, default_headers={**h}, api_version=V", 'base_url=E.rstrip("/") + "/openai/v1/", api_key=k, default_headers={**h}'),
        ('base_url="https://x.openai.azure.com/openai", api_key=k, api_version=V', 'base_url="https://x.openai.azure.com/openai/v1/", api_key=k'),
        ('base_url="https://x.openai.azure.com/openai/v1", api_key=k, api_version=V', 'base_url="https://x.openai.azure.com/openai/v1/", api_key=k'),
        ('base_url=f"{E}/openai/", api_key=k', 'base_url=f"{E}/openai/v1/", api_key=k'),
    ],
)
def test_arguments_map_to_the_openai_client(arguments, expected):
    outcome = migrate(f"from openai import AzureOpenAI\nc = AzureOpenAI({arguments})\n")
    assert call_line(outcome.code) == f"OpenAI({expected})"


def test_no_arguments_reads_the_same_environment_explicitly():
    outcome = migrate("from openai import AzureOpenAI\nclient = AzureOpenAI()\n")
    assert outcome.code == (
        "import os\n"
        "from openai import OpenAI\n"
        "client = OpenAI(\n"
        '    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",\n'
        '    api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],\n'
        ")\n"
    )
    assert "OPENAI_API_KEY\"]" not in outcome.code.replace("AZURE_OPENAI_API_KEY", "")


def test_missing_endpoint_only_adds_base_url_and_keeps_the_key():
    outcome = migrate('import os\nfrom openai import AzureOpenAI\nc = AzureOpenAI(api_key=k, api_version="v")\n')
    assert call_line(outcome.code) == 'OpenAI(base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/", api_key=k)'
    assert outcome.code.count("import os") == 1


def test_import_os_goes_after_docstring_and_future_imports():
    outcome = migrate('"""Doc."""\nfrom __future__ import annotations\n\nfrom openai import AzureOpenAI\nc = AzureOpenAI()\n')
    assert outcome.code.startswith('"""Doc."""\nfrom __future__ import annotations\n\nimport os\nfrom openai import OpenAI\n')


def test_comments_and_trailing_comma_survive_and_the_removed_arguments_comments_go_with_it():
    outcome = migrate(
        """\
        from openai import AzureOpenAI
        c = AzureOpenAI(
            azure_endpoint=E,  # the endpoint
            # the version goes
            api_version="2024-02-01",  # pinned
            api_key=k,  # key
        )
        """
    )
    assert outcome.code == (
        "from openai import OpenAI\n"
        "c = OpenAI(\n"
        '    base_url=E.rstrip("/") + "/openai/v1/",  # the endpoint\n'
        "    api_key=k,  # key\n"
        ")\n"
    )


def test_removing_the_last_argument_keeps_the_closing_paren_layout():
    outcome = migrate('from openai import AzureOpenAI\nc = AzureOpenAI(\n    azure_endpoint=E,\n    api_key=k,\n    api_version="v"\n)\n')
    assert outcome.code.endswith('    api_key=k\n)\n')


@pytest.mark.parametrize(
    ("source", "expected_import", "expected_call"),
    [
        ("from openai import AzureOpenAI as AOAI\nc = AOAI(azure_endpoint=E, api_key=k, api_version=V)\n", "from openai import OpenAI\n", "c = OpenAI("),
        ("import openai as oa\nc = oa.AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "import openai as oa\n", "c = oa.OpenAI("),
        ("import openai.lib.azure\nc = openai.lib.azure.AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "import openai.lib.azure\n", "c = openai.OpenAI("),
        ("from openai.lib.azure import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "from openai import OpenAI\n", "c = OpenAI("),
        ("from openai import AzureOpenAI, OpenAI as OAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "from openai import OpenAI as OAI\n", "c = OAI("),
        ("from openai import AzureOpenAI, AsyncAzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\nd = AsyncAzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "from openai import OpenAI, AsyncOpenAI\n", "d = AsyncOpenAI("),
        ("from openai import (\n    AzureOpenAI,\n    OpenAI,\n)\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "from openai import (\n    OpenAI,\n)\n", "c = OpenAI("),
    ],
)
def test_imports_follow_the_rename_and_respect_aliases(source, expected_import, expected_call):
    outcome = migrate(source)
    assert outcome.code.startswith(expected_import)
    assert expected_call in outcome.code
    assert "AzureOpenAI" not in outcome.code


def test_import_inside_a_function_is_renamed_in_place():
    outcome = migrate("def make():\n    from openai import AzureOpenAI\n    return AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n")
    assert outcome.code.startswith("def make():\n    from openai import OpenAI\n    return OpenAI(")


def test_mixed_lib_azure_import_keeps_the_other_names():
    outcome = migrate(
        "from openai.lib.azure import AzureOpenAI, AzureDeploymentHelper\n"
        "def f(p: AzureDeploymentHelper):\n    return AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\n"
    )
    assert outcome.code.startswith("from openai.lib.azure import AzureDeploymentHelper\nfrom openai import OpenAI\n")


def test_lib_azure_import_of_the_client_and_its_provider_type_goes_entirely():
    outcome = migrate(
        "from openai.lib.azure import AzureOpenAI, AzureADTokenProvider\n"
        "def f(p: AzureADTokenProvider):\n    return AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\n"
    )
    assert "openai.lib.azure" not in outcome.code
    assert outcome.code.startswith("from openai import OpenAI\nfrom typing import Callable\n")
    assert "def f(p: Callable[[], str]):" in outcome.code


def test_azure_import_stays_while_something_still_uses_it():
    outcome = migrate("from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\nd = AzureOpenAI(**kw)\n")
    assert outcome.code.startswith("from openai import AzureOpenAI, OpenAI\n")
    assert rules_of(outcome) == ["AOAI001", "AOAI103"]


def test_project_class_named_azureopenai_is_never_touched():
    source = "class AzureOpenAI:\n    def __init__(self, **kw): ...\n\nc = AzureOpenAI(azure_endpoint=E, api_version=V)\nassert isinstance(c, AzureOpenAI)\n"
    outcome = migrate(source)
    assert outcome.code == source and outcome.findings == ()


def test_other_library_class_named_azureopenai_is_never_touched():
    source = "from llama_index.llms.azure_openai import AzureOpenAI\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n"
    outcome = migrate(source)
    assert outcome.code == source and outcome.findings == ()


def test_patch_target_in_another_library_named_azureopenai_is_not_reported():
    source = (
        "from unittest import mock\n\n"
        'with mock.patch("langchain_openai.AzureOpenAI"), mock.patch("llama_index.llms.azure_openai.AzureOpenAI"):\n'
        "    pass\n"
        'with mock.patch("myapp.clients.AzureOpenAI"):\n'
        "    pass\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert [(f.line, f.rule) for f in outcome.findings] == [(5, "AOAI204")]  # a re-export of the SDK class may be


@pytest.mark.parametrize(
    ("source", "rule", "words"),
    [
        ("from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, azure_deployment='gpt-4o', api_key=k, api_version=V)\n", "AOAI102", "model='gpt-4o'"),
        ('from openai import AzureOpenAI\nc = AzureOpenAI(base_url=f"{E}/openai/deployments/{D}", api_key=k, api_version=V)\n', "AOAI102", "model="),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(**settings)\n", "AOAI103", "**settings"),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(E, k)\n", "AOAI103", "keyword arguments only"),
        ("from openai import AsyncAzureOpenAI\n_async_token_provider = _aoai_async_token_provider = 1\nc = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\n", "AOAI101", "azure.identity.aio"),
        # (a trial on public code: a later ``from sqlalchemy import inspect`` replaced the helper's inspect)
        ("from openai import AsyncAzureOpenAI\nc = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\nfrom sqlalchemy import inspect\n", "AOAI101", "needs `inspect`, which this module binds to something else"),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=cred.get_token, api_version=V)\n", "AOAI104", "AccessToken"),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, azure_ad_token=t, api_version=V)\n", "AOAI104", "one credential"),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V, websocket_base_url=W)\n", "AOAI104", "/openai/v1"),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(base_url=B, api_key=k, api_version=V)\n", "AOAI104", "base_url=B"),
        ("from openai import AzureOpenAI\nc = AzureOpenAI(base_url=B, azure_endpoint=E, api_key=k)\n", "AOAI104", "azure_endpoint"),
        # (a None fallback is followed: tests/test_import_fallbacks.py; a stand-in class is not)
        ("try:\n    from openai import AzureOpenAI\nexcept ImportError:\n    AzureOpenAI = object\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "AOAI105", "fallback"),
        ("from langchain.llms import OpenAI\nfrom openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n", "AOAI105", "OpenAI already means"),
        ("from openai import AzureOpenAI\nos = None\nc = AzureOpenAI()\n", "AOAI105", "the name os"),
    ],
)
def test_unsafe_shapes_are_left_alone_with_an_actionable_finding(source, rule, words):
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == [rule]
    assert words in outcome.findings[0].message


def test_finding_position_is_the_call_in_the_original_file():
    outcome = migrate("import os\n\n\nfrom openai import AzureOpenAI\nx = 1\nclient =  AzureOpenAI(**kw)\n")
    (finding,) = outcome.findings
    assert (finding.line, finding.column) == (6, 11)


def test_async_client_with_inline_aio_provider_is_migrated():
    outcome = migrate(
        "from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider\n"
        "from openai import AsyncAzureOpenAI\n"
        "c = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), S), api_version=V)\n"
    )
    assert "AsyncOpenAI(" in outcome.code and "api_key=get_bearer_token_provider(DefaultAzureCredential(), S)" in outcome.code


def test_crlf_file_gets_crlf_in_inserted_lines():
    outcome = migrate("from openai import AzureOpenAI\r\nc = AzureOpenAI()\r\n")
    assert "\n" not in outcome.code.replace("\r\n", "")
    assert outcome.code.startswith("import os\r\nfrom openai import OpenAI\r\n")


def test_tab_indented_file_keeps_tabs():
    outcome = migrate("def f():\n\treturn AzureOpenAI()\nfrom openai import AzureOpenAI\n")
    assert "\n\treturn OpenAI(\n\t\tbase_url=" in outcome.code


def test_credential_object_passed_as_provider_is_reported_not_sent_as_text():
    source = (
        "from azure.identity import DefaultAzureCredential\nfrom openai import AzureOpenAI\n"
        "credential = DefaultAzureCredential()\n"
        "c = AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=credential, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI104"]
    assert "get_bearer_token_provider" in outcome.findings[0].message


def test_async_def_provider_on_the_async_client_is_migrated():
    outcome = migrate(
        "from openai import AsyncAzureOpenAI\nasync def token() -> str:\n    return 't'\n"
        "c = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=token, api_version=V)\n"
    )
    assert 'c = AsyncOpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=token)' in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI107"]


def test_sync_or_unknown_provider_on_the_async_client_is_awaited_through_the_helper():
    outcome = migrate(
        "from openai import AsyncAzureOpenAI\ndef token() -> str:\n    return 't'\n"
        "c = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=token, api_version=V)\n"
        "def make(p):\n    return AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\n"
    )
    assert outcome.code.count("def _async_token_provider(provider):") == 1
    assert "api_key=_async_token_provider(token)" in outcome.code
    assert "api_key=_async_token_provider(p)" in outcome.code
    assert outcome.code.startswith("import inspect\n")


def test_async_token_helper_awaits_async_and_calls_sync_providers():
    import asyncio
    import inspect

    from transforms.client_constructor import ASYNC_TOKEN_HELPER

    namespace: dict = {"inspect": inspect}
    exec(ASYNC_TOKEN_HELPER.format(name="wrap"), namespace)

    async def async_provider() -> str:
        return "async-token"

    assert asyncio.run(namespace["wrap"](lambda: "sync-token")()) == "sync-token"
    assert asyncio.run(namespace["wrap"](async_provider)()) == "async-token"


def test_second_async_client_reuses_the_helper_added_by_an_earlier_run():
    first = migrate("from openai import AsyncAzureOpenAI\nc = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\n")
    later = first.code + "from openai import AsyncAzureOpenAI\nd = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=q, api_version=V)\n"
    outcome = migrate(later)
    assert outcome.code.count("def _async_token_provider(") == 1
    assert "api_key=_async_token_provider(q)" in outcome.code


def test_isinstance_check_in_the_module_holds_the_constructor_back():
    source = (
        "from openai import AzureOpenAI\n"
        "def deployment(c):\n    return 'azure-dep' if isinstance(c, AzureOpenAI) else 'gpt-4o'\n"
        "c = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.code == source
    assert [(f.rule, f.line) for f in outcome.findings] == [("AOAI201", 3), ("AOAI201", 4)]
    assert "line 3" in outcome.findings[1].message


def test_reexported_class_keeps_its_import():
    outcome = migrate('from openai import AzureOpenAI\n__all__ = ["AzureOpenAI", "c"]\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n')
    assert outcome.code.startswith("from openai import AzureOpenAI, OpenAI\n")
    assert rules_of(outcome, fixed=False) == ["AOAI206"]


def test_monkeypatching_the_sdk_class_is_reported():
    outcome = migrate('import openai\nopenai.AzureOpenAI = Fake\nmonkeypatch.setattr(openai, "AsyncAzureOpenAI", Fake)\n')
    assert rules_of(outcome) == ["AOAI203", "AOAI204"]
    assert "openai.OpenAI" in outcome.findings[0].message


def test_with_options_on_the_migrated_client_follows_it():
    outcome = migrate(
        "from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n"
        "d = c.copy(azure_ad_token=t)\ne = c.with_options(api_version=V2, timeout=3)\nf = c.with_options(timeout=3)\n"
    )
    assert "d = c.copy(api_key=t)\ne = c.with_options(timeout=3)\nf = c.with_options(timeout=3)\n" in outcome.code
    assert rules_of(outcome, fixed=False) == []


@pytest.mark.parametrize(
    "options",
    [
        "d = get_client().copy(azure_ad_token=t)",
        'd = CLIENTS["chat"].with_options(api_version="2024-06-01")',
        'd = self.client.with_options(api_version="2024-06-01")',
        "d = c.with_options(azure_endpoint=E2)",
        "d = c.with_options(api_key=k2, azure_ad_token=t)",
    ],
)
def test_with_options_the_tool_cannot_follow_keep_the_modules_azure_clients(options):
    # (a trial on public code: the client was migrated and these calls raised TypeError)
    source = f"from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n{options}\n"
    message = left_alone(source, "AOAI106")
    assert message.startswith(f"`{options[4:]}` at line 3 passes ") and "this module's Azure clients stay" in message


def test_with_options_in_a_module_that_only_annotates_the_client_is_reported():
    source = (
        "from openai import AzureOpenAI\n\ndef ask(client: AzureOpenAI):\n"
        '    return client.with_options(api_version="2024-06-01")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert [(f.rule, f.line) for f in outcome.findings if not f.fixed] == [("AOAI106", 4)]
    assert outcome.findings[-1].message.endswith("which this module only names; drop api_version")  # no token given: no word of one


@pytest.mark.parametrize("attribute", ["_api_version", "_azure_deployment", "_azure_ad_token_provider", "_azure_endpoint"])
def test_a_read_of_an_attribute_only_the_azure_client_has_keeps_the_clients(attribute):
    # (a trial on public code: `assert client._api_version == V` raised AttributeError once migrated)
    source = f"from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\nassert client.{attribute}\n"
    message = left_alone(source, "AOAI111")
    assert message.startswith(f"`client.{attribute}` at line 3 reads an attribute only the Azure client has")


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ('azure_endpoint=os.getenv("MY_ENDPOINT")', 'base_url=(os.getenv("MY_ENDPOINT") or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + "/openai/v1/"'),
        ('azure_endpoint=os.environ.get("MY_ENDPOINT")', 'base_url=(os.environ.get("MY_ENDPOINT") or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + "/openai/v1/"'),
        ('azure_endpoint=os.getenv("MY_ENDPOINT", "https://x.openai.azure.com/")', 'base_url=os.getenv("MY_ENDPOINT", "https://x.openai.azure.com/").rstrip("/") + "/openai/v1/"'),
    ],
)
def test_endpoint_that_may_be_none_keeps_azureopenais_fallback(argument, expected):
    outcome = migrate(f"import os\nfrom openai import AzureOpenAI\nc = AzureOpenAI({argument}, api_key=k)\n")
    assert expected in call_line(outcome.code)


def test_key_that_may_be_none_never_falls_back_to_openai_api_key():
    outcome = migrate('import os\nfrom openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=os.getenv("K"))\n')
    expression = call_line(outcome.code).split("api_key=")[1].rstrip(")").rstrip(",")

    def evaluate(environ: dict[str, str]) -> str:
        fake_os = type("os", (), {"getenv": staticmethod(environ.get), "environ": environ})
        return eval(expression, {"os": fake_os})

    assert evaluate({"K": "key", "AZURE_OPENAI_API_KEY": "other"}) == "key"
    assert evaluate({"AZURE_OPENAI_AD_TOKEN": "tok", "AZURE_OPENAI_API_KEY": "k2"}) == "tok"
    assert evaluate({"AZURE_OPENAI_API_KEY": "k2"}) == "k2"
    with pytest.raises(KeyError):
        evaluate({"OPENAI_API_KEY": "sk-must-not-be-used"})


def test_inserted_api_key_goes_after_base_url():
    outcome = migrate("from openai import AzureOpenAI\nc = AzureOpenAI(max_retries=2, azure_endpoint=E)\n")
    assert call_line(outcome.code).startswith('OpenAI(max_retries=2, base_url=E.rstrip("/") + "/openai/v1/", api_key=os.environ')


def test_suppression_comment_silences_a_finding_on_its_line():
    source = "from openai import AzureOpenAI\nc = AzureOpenAI(**settings)  # aoai-migrate: ignore[AOAI103]\nd = AzureOpenAI(**other)\n"
    outcome = migrate(source)
    assert outcome.code == source
    assert [(f.rule, f.line) for f in outcome.findings] == [("AOAI103", 3)]


def test_suppression_of_another_rule_does_not_silence():
    outcome = migrate("from openai import AzureOpenAI\nc = AzureOpenAI(**settings)  # aoai-migrate: ignore[AOAI101]\n")
    assert rules_of(outcome) == ["AOAI103"]


def test_bare_suppression_comment_also_keeps_the_call_unrewritten():
    source = "from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)  # aoai-migrate: ignore\n"
    outcome = migrate(source)
    assert outcome.code == source and outcome.findings == ()


def test_suppressing_the_fix_rule_keeps_one_call_and_migrates_the_other():
    outcome = migrate(
        "from openai import AzureOpenAI\n"
        "a = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)  # aoai-migrate: ignore[AOAI001]\n"
        "b = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n"
    )
    assert outcome.code.startswith("from openai import AzureOpenAI, OpenAI\na = AzureOpenAI(")
    assert "b = OpenAI(" in outcome.code


def test_source_using_newer_grammar_than_the_running_python_still_migrates():
    outcome = migrate('from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=f"https://{cfg["name"]}.openai.azure.com/", api_key=k)\n')
    assert 'base_url=f"https://{cfg["name"]}.openai.azure.com/openai/v1/"' in outcome.code


def test_comments_stay_on_their_own_arguments_when_arguments_come_and_go():
    source = (
        "from openai import AzureOpenAI\n\nclient = AzureOpenAI(\n"
        "    azure_endpoint=E,  # the resource\n    api_key=K,  # from vault\n"
        '    api_version="{version}",  # GA\n)\n'
    )
    preview = migrate(source.format(version="preview"))
    assert preview.error is None
    assert preview.code == (
        "from openai import OpenAI\n\nclient = OpenAI(\n"
        '    base_url=E.rstrip("/") + "/openai/v1/",  # the resource\n    api_key=K,  # from vault\n'
        '    default_query={"api-version": "preview"},\n)\n'
    )  # the added argument copies no comment; the removed one's comment goes with it
    dated = migrate(source.format(version="2024-10-21"))
    assert dated.error is None
    assert dated.code == (
        "from openai import OpenAI\n\nclient = OpenAI(\n"
        '    base_url=E.rstrip("/") + "/openai/v1/",  # the resource\n    api_key=K,  # from vault\n)\n'
    )  # the new last argument keeps its own comment, not the removed last one's


def test_the_comment_of_the_argument_before_a_dropped_last_one_stays_on_its_line():
    # (found in a trial on public code: the comment went with api_version)
    outcome = migrate(
        "from openai import AzureOpenAI\n\n"
        "client = AzureOpenAI(azure_endpoint=ENDPOINT,\n"
        "                     api_key=KEY,  # rotated monthly, see runbook\n"
        '                     api_version="2024-10-21")\n'
    )
    assert outcome.error is None
    assert outcome.code == (
        "from openai import OpenAI\n\n"
        'client = OpenAI(base_url=ENDPOINT.rstrip("/") + "/openai/v1/",\n'
        "                api_key=KEY  # rotated monthly, see runbook\n"
        ")\n"
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        # (found in a trial on public code: the comment went with api_version)
        (
            '    azure_endpoint=E,\n    api_version="2024-10-21",  # pinned\n    # ------- auth --------\n    azure_ad_token_provider=tp,\n',
            '    base_url=E.rstrip("/") + "/openai/v1/",\n    # ------- auth --------\n    api_key=tp,\n',
        ),
        (  # below a removed first argument: after the opening bracket
            '    api_version="2024-10-21",\n    # the endpoint\n    azure_endpoint=E,\n    api_key=K,\n',
            '    # the endpoint\n    base_url=E.rstrip("/") + "/openai/v1/",\n    api_key=K,\n',
        ),
    ],
)
def test_comment_lines_above_a_kept_argument_stay_when_the_one_before_goes(arguments, expected):
    outcome = migrate(f"from openai import AzureOpenAI\n\nclient = AzureOpenAI(\n{arguments})\n")
    assert outcome.error is None
    assert outcome.code == f"from openai import OpenAI\n\nclient = OpenAI(\n{expected})\n"


def test_comment_lines_below_a_removed_argument_on_the_line_of_a_kept_one_stay():
    outcome = migrate('from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_version="v",\n    # key below\n    api_key=K)\n')
    assert outcome.error is None
    assert outcome.code == 'from openai import OpenAI\nc = OpenAI(base_url=E.rstrip("/") + "/openai/v1/",\n    # key below\n    api_key=K)\n'


@pytest.mark.parametrize(
    ("setup", "query", "message"),
    [
        # (found in a trial on public code: the dated api-version was sent to /openai/v1/)
        ('QUERY = {"api-version": "2024-10-21"}\n', "QUERY", "`QUERY` (line 3) holds an 'api-version' key, which would still be sent on v1"),
        ('QUERY = {**BASE, "x": "1"}\n', "QUERY", "default_query=QUERY may hold an 'api-version' key"),
        ("", "load_query()", "default_query=load_query() may hold an 'api-version' key"),
    ],
)
def test_a_default_query_that_may_hold_an_api_version_is_left_with_the_reason(setup, query, message):
    source = f"from openai import AzureOpenAI\n\n{setup}client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V, default_query={query})\n"
    assert message in left_alone(source, "AOAI104")


def test_a_default_query_name_bound_to_a_dict_without_api_version_is_kept():
    outcome = migrate('from openai import AzureOpenAI\n\nQUERY = {"subscription": "s1"}\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V, default_query=QUERY)\n')
    assert outcome.error is None
    assert 'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K, default_query=QUERY)' in outcome.code
    assert rules_of(outcome, fixed=False) == []


def test_options_with_a_sync_provider_on_a_migrated_async_client_go_through_the_helper():
    # (found in a trial on public code: the call was left as it was, and raised TypeError)
    outcome = migrate(
        "from openai import AsyncAzureOpenAI\n\n"
        "client = AsyncAzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
        "entra = client.with_options(azure_ad_token_provider=provider)\n"
    )
    assert outcome.error is None
    assert "entra = client.with_options(api_key=_async_token_provider(provider))\n" in outcome.code
    assert "def _async_token_provider(provider):" in outcome.code and "import inspect" in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI107"]


def test_options_with_a_provider_name_the_callable_api_key_floor():
    outcome = migrate(
        "from openai import AzureOpenAI\n\n"
        "client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
        "entra = client.copy(azure_ad_token_provider=provider)\n"
    )
    assert "entra = client.copy(api_key=provider)\n" in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI107"]


@pytest.mark.parametrize(
    ("binding", "chained"),
    [
        ('    key = os.getenv("MY_KEY")\n', True),
        ('    key: str | None = os.environ.get("MY_KEY")\n', True),
        ('    key = os.getenv("MY_KEY", "fallback")\n', False),  # never None
        ('    key = os.getenv("MY_KEY")\n    key = key.strip()\n', False),  # bound twice: not followed
    ],
)
def test_a_key_read_into_a_name_keeps_the_azure_fallback(binding, chained):
    # (found in a trial on public code: with MY_KEY unset, AzureOpenAI read AZURE_OPENAI_API_KEY
    # and the migrated client read OPENAI_API_KEY)
    outcome = migrate(
        "import os\nfrom openai import AzureOpenAI\n\ndef make():\n"
        + binding
        + "    return AzureOpenAI(azure_endpoint=E, api_key=key, api_version=V)\n"
    )
    assert outcome.error is None
    fallback = 'key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]'
    assert (fallback in outcome.code) is chained


@pytest.mark.parametrize(
    ("endpoint", "reason"),
    [
        ("https://contoso-apim.azure-api.net/", "contoso-apim.azure-api.net is not an Azure OpenAI resource host"),
        ("https://r.openai.azure.us", "r.openai.azure.us is not an Azure OpenAI resource host"),
        ("http://localhost:8080/", "localhost is not an Azure OpenAI resource host"),
        ("https://r.openai.azure.com/openai/", "already ends in /openai"),
    ],
)
def test_a_literal_endpoint_that_may_not_serve_v1_is_left_with_the_reason(endpoint, reason):
    # (found in a trial on public code: a gateway's host became base_url=<host>/openai/v1/ silently)
    source = f'from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint="{endpoint}", api_key=K, api_version=V)\n'
    assert reason in left_alone(source, "AOAI104")


@pytest.mark.parametrize(
    "endpoint", ["https://r.openai.azure.com", "https://R.OpenAI.Azure.com/", "https://r.cognitiveservices.azure.com/", "https://p.services.ai.azure.com"]
)
def test_a_literal_resource_endpoint_is_migrated(endpoint):
    outcome = migrate(f'from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint="{endpoint}", api_key=K, api_version=V)\n')
    assert f'base_url="{endpoint.rstrip("/")}/openai/v1/"' in outcome.code
    assert rules_of(outcome, fixed=False) == []


def test_options_with_a_dated_preview_version_note_it_as_the_constructor_does():
    # (found in a trial on public code: with_options(api_version="2025-04-01-preview") lost it silently)
    outcome = migrate(
        "from openai import AzureOpenAI\n\n"
        "client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
        'preview = client.with_options(api_version="2025-04-01-preview", timeout=5)\n'
    )
    assert "preview = client.with_options(timeout=5)\n" in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI108"]


@pytest.mark.parametrize(
    ("setup", "version", "noted"),
    [
        ("", '"2024-10-21"', None),
        ('V = "2024-08-01-preview"\n', "V", "V ('2024-08-01-preview') was a preview version"),
        ('A = "2024-08-01-preview"\nV = A\n', "V", "V ('2024-08-01-preview') was a preview version"),
        ('V = "2024-10-21"\n', "V", None),
        ("", 'os.getenv("V", "2025-01-01-preview")', "may be the preview version '2025-01-01-preview'"),
        ("", 'os.getenv("V", default="2025-01-01-preview")', "may be the preview version '2025-01-01-preview'"),
        ("", 'os.environ.get("V", "2025-01-01-preview")', "may be the preview version '2025-01-01-preview'"),
        ('D = "2025-01-01-preview"\n', 'os.getenv("V", D)', "may be the preview version '2025-01-01-preview'"),
        ("", 'os.getenv("V", "2024-10-21")', None),
        ("", 'os.getenv("V") or "preview"', "may be the preview version 'preview'"),
        ("", '"2024-10-21" if prod else "2025-01-01-preview"', "may be the preview version '2025-01-01-preview'"),
        ('V = os.getenv("V")\nif not V:\n    V = "2025-01-01-preview"\n', "V", "may be the preview version '2025-01-01-preview'"),
        ('V = "2024-10-21"\nif x:\n    V = "2024-06-01"\n', "V", None),
        ("A = B\nB = A\n", "A", None),  # a cycle ends
        ("def getenv(name, default):\n    return name\n", 'getenv("V", "2025-01-01-preview")', None),  # not os.getenv
        ("import config\n", "config.API_VERSION", None),  # another module's value is not known here
        ('def make(v="2024-12-01-preview"):\n', "v", "may be the preview version '2024-12-01-preview'"),  # a caller may pass another
        ('def make(v: str = "2024-10-21"):\n', "v", "api_version=v comes from the caller of make()"),  # who may pass one
        ("def make(v):\n", "v", "api_version=v comes from the caller of make()"),
        ('V = os.getenv("V", " 2025-01-01-preview ").strip()\n', "V", "may be the preview version '2025-01-01-preview'"),
        ('V = os.getenv("V", "2025-01-01-PREVIEW").strip().lower()\n', "V", "may be the preview version '2025-01-01-preview'"),
        ('V = os.getenv("V", "2025-01-01-preview").upper()\n', "V", None),  # not a method that keeps the version
        ('V = os.getenv("V", "x")\nV = V.strip()\n', "V", None),  # a name bound to itself ends
    ],
)
def test_a_preview_version_is_noted_wherever_this_module_shows_it(setup, version, noted):
    indent = "    " if setup.startswith("def ") else ""
    outcome = migrate(
        f"import os\nfrom openai import AzureOpenAI\n{setup}\n{indent}c = AzureOpenAI(azure_endpoint=E, api_key=K, api_version={version})\n"
    )
    assert f'{indent}c = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n' in outcome.code
    notes = [f.message for f in outcome.findings if not f.fixed]
    if noted is None:
        assert notes == []
    else:
        assert len(notes) == 1 and rules_of(outcome, fixed=False) == ["AOAI108"]
        assert f"api_version={version if 'may be' in noted else ''}" in notes[0] and noted in notes[0]


@pytest.mark.parametrize("setup", ['PREVIEW = "preview"\n', 'P = "preview"\nPREVIEW = P\n'])
def test_preview_through_a_name_is_kept_as_a_query_like_the_literal(setup):
    outcome = migrate(
        f"from openai import AzureOpenAI\n{setup}\n"
        "c = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=PREVIEW)\n"
        "d = c.with_options(api_version=PREVIEW)\n"
    )
    assert '    default_query={"api-version": "preview"},\n)\n' in outcome.code
    assert 'd = c.with_options(default_query={"api-version": "preview"})\n' in outcome.code
    assert rules_of(outcome, fixed=False) == []


def test_preview_from_a_name_bound_twice_is_not_kept_as_a_query():
    # the second binding may change it: only a note, never a query the program did not always send
    outcome = migrate(
        'from openai import AzureOpenAI\nPREVIEW = "preview"\nif x:\n    PREVIEW = "2024-10-21"\n\n'
        "c = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=PREVIEW)\n"
    )
    assert "default_query" not in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI108"]
    assert "api_version=PREVIEW may be the preview version 'preview'" in [f.message for f in outcome.findings if not f.fixed][0]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "client = AzureOpenAI(api_key=KEY,\n                     api_version=V,\n                     azure_endpoint=E)\n",
            'client = OpenAI(api_key=KEY,\n                base_url=E.rstrip("/") + "/openai/v1/")\n',
        ),
        (  # in a block: its indentation is part of the column
            "def f():\n    return AzureOpenAI(api_key=KEY,\n                       azure_endpoint=E,\n                       timeout=5)\n",
            'def f():\n    return OpenAI(api_key=KEY,\n                  base_url=E.rstrip("/") + "/openai/v1/",\n                  timeout=5)\n',
        ),
        (  # a hanging indent is no alignment: it stays
            "client = AzureOpenAI(\n    api_key=KEY,\n    azure_endpoint=E,\n)\n",
            'client = OpenAI(\n    api_key=KEY,\n    base_url=E.rstrip("/") + "/openai/v1/",\n)\n',
        ),
        (  # lines not aligned under the first argument stay
            "client = AzureOpenAI(api_key=KEY,\n        azure_endpoint=E, timeout=5)\n",
            'client = OpenAI(api_key=KEY,\n        base_url=E.rstrip("/") + "/openai/v1/", timeout=5)\n',
        ),
    ],
)
def test_arguments_aligned_under_the_first_follow_the_shorter_name(before, after):
    # (found in a trial on public code: they kept the column of AzureOpenAI's bracket)
    outcome = migrate("from openai import AzureOpenAI\n\n" + before)
    assert outcome.error is None
    assert outcome.code == "from openai import OpenAI\n\n" + after


def test_an_on_your_data_base_url_is_left_with_the_reason():
    # (found in a trial on public code: the advice was to use /openai/v1/, which has no such route)
    source = (
        "import openai\n\n"
        'client = openai.AzureOpenAI(base_url=f"{endpoint}/openai/deployments/{deployment}/extensions", api_key=K, '
        'api_version="2023-08-01-preview")\n'
    )
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI104"] and "does not serve" in outcome.findings[0].message


def test_names_bound_to_each_other_many_times_are_followed_once_each():
    # each of 40 names bound to every other one: following every path would never end (or overflow the stack)
    names = [f"N{i}" for i in range(40)]
    setup = "".join(f"{a} = {b}\n" for a in names for b in names if a != b) + 'N0 = "2025-01-01-preview"\n'
    outcome = migrate(f"from openai import AzureOpenAI\n{setup}\nc = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=N39)\n")
    assert rules_of(outcome, fixed=False) == ["AOAI108"]


@pytest.mark.parametrize(
    ("init", "noted"),
    [
        ('self.api_version = os.getenv("AZURE_OPENAI_API_VERSION", "2025-01-01-preview")', True),
        ('self.api_version: str = "2025-01-01-preview"', True),
        ('self.api_version = os.getenv("AZURE_OPENAI_API_VERSION", "2024-10-21")', False),
        ('other = "2025-01-01-preview"; copy = self.api_version', False),  # read, not assigned
        ('me.api_version = "2025-01-01-preview"', False),  # another object
    ],
)
def test_an_attribute_the_class_assigns_is_followed(init, noted):
    # the shape of many wrappers: __init__ reads the settings into self, then builds the client
    outcome = migrate(
        "import os\nfrom openai import AzureOpenAI\n\n"
        "class Analyzer:\n"
        "    def __init__(self):\n"
        f"        {init}\n"
        "        self.client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=self.api_version)\n"
    )
    assert 'self.client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n' in outcome.code
    assert rules_of(outcome, fixed=False) == (["AOAI108"] if noted else [])
    if noted:
        notes = [f.message for f in outcome.findings if not f.fixed]
        assert "api_version=self.api_version may be the preview version '2025-01-01-preview'" in notes[0]


@pytest.mark.parametrize(("assigned", "noted"), [('config.api_version = "2025-01-01-preview"\n', True), ("", False)])
def test_an_attribute_of_a_module_object_is_followed_where_this_module_assigns_it(assigned, noted):
    outcome = migrate(
        f"import config\nfrom openai import AzureOpenAI\n{assigned}\n"
        "c = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=config.api_version)\n"
    )
    assert 'c = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n' in outcome.code
    assert rules_of(outcome, fixed=False) == (["AOAI108"] if noted else [])


def test_a_one_time_entra_token_is_kept_as_the_key_with_a_note():
    # (found in a trial on public code: it was rewritten silently; LangChain already noted it)
    outcome = migrate(
        "from openai import AzureOpenAI\n\n"
        "def make(credential):\n"
        '    token = credential.get_token("https://cognitiveservices.azure.com/.default").token\n'
        "    return AzureOpenAI(azure_endpoint=E, azure_ad_token=token, api_version=V)\n"
    )
    assert outcome.error is None
    assert 'return OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=token)' in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI110"]
    assert "api_key=get_bearer_token_provider(credential, " in outcome.findings[-1].message


@pytest.mark.parametrize(
    "credentials",
    [
        "api_key=K if K else None, azure_ad_token_provider=p if not K else None",
        # (sample-app-aoai-chatGPT: a provider name set to None, then to a provider when there is no key)
        "api_key=key, azure_ad_token_provider=provider",
    ],
)
def test_conditional_credentials_get_advice_that_can_be_followed(credentials):
    source = (
        "import os\nfrom openai import AzureOpenAI\n\nkey = os.environ.get('KEY')\n"
        "def make():\n    provider = None\n    if not key:\n        provider = get_provider()\n"
        f"    return AzureOpenAI(azure_endpoint=E, {credentials}, api_version=V)\n"
    )
    assert "each only in some cases; AzureOpenAI used the one that was not None" in left_alone(source, "AOAI104")
    message = left_alone(source.replace("AzureOpenAI", "AsyncAzureOpenAI"), "AOAI104")
    # (a trial, microsoft/graphrag's factory: the advice followed with the sync provider failed on the first request)
    assert message.endswith("so that provider must be async (azure.identity.aio.get_bearer_token_provider over an azure.identity.aio credential)")


def test_two_credentials_that_are_always_set_are_told_to_keep_one():
    source = 'from openai import AzureOpenAI\n\nc = AzureOpenAI(azure_endpoint=E, api_key="k", azure_ad_token_provider=p, api_version=V)\n'
    assert "are both given; the client accepts one credential: keep the one that is meant" in left_alone(source, "AOAI104")


@pytest.mark.parametrize(
    ("alias", "advice"),
    [
        ("AsyncOpenAI | AsyncAzureOpenAI", "drop it: the migrated client is an AsyncOpenAI, which the union names already"),
        ("AsyncAzureOpenAI | None", "name AsyncOpenAI instead"),
    ],
)
def test_the_azure_class_in_a_type_union_gets_union_advice(alias, advice):
    source = f"from openai import AsyncOpenAI, AsyncAzureOpenAI\n\nClientTypes = {alias}\n"
    assert "is part of a type union here (a type alias?); " + advice in left_alone(source, "AOAI203")


def test_an_isinstance_finding_says_what_to_do_when_the_check_tells_azure_from_openai():
    source = "from openai import AzureOpenAI\n\ndef kind(client):\n    return 'azure' if isinstance(client, AzureOpenAI) else 'openai'\n"
    assert "test what the client was built with instead (its base_url host)" in left_alone(source, "AOAI201")


# (trials on public code: both were rewritten with no finding, and the migrated program failed)
SK_CLIENT = (
    "import os\n"
    "from openai import AsyncAzureOpenAI\n"
    "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion\n\n"
    "def make():\n"
    '    client = AsyncAzureOpenAI(azure_endpoint=os.environ["E"], api_key=os.environ["K"], api_version="2024-10-21")\n'
    '    return AzureChatCompletion(deployment_name="gpt-4o", async_client=client)\n'
)


def test_a_client_module_that_feeds_a_semantic_kernel_azure_connector_is_left_alone():
    message = left_alone(SK_CLIENT, "AOAI111")
    assert message.startswith("AzureChatCompletion(...) at line 7 takes `async_client=`, which Semantic Kernel checks")
    assert "semantic_kernel.connectors.ai.open_ai.OpenAIChatCompletion(ai_model_id=<deployment>, async_client=...)" in message


def test_semantic_kernel_openai_connectors_take_the_migrated_client():
    source = SK_CLIENT.replace("AzureChatCompletion", "OpenAIChatCompletion").replace("deployment_name=", "ai_model_id=")
    outcome = migrate(source)
    assert outcome.error is None
    assert rules_of(outcome, fixed=False) == []
    assert "client = AsyncOpenAI(" in outcome.code


@pytest.mark.parametrize("use", ["client.beta.assistants.create(model=D)", "client.beta.threads.runs.create(thread_id=T, assistant_id=A)"])
def test_a_client_module_that_calls_the_assistants_api_is_left_alone(use):
    source = f'from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-05-01-preview")\n{use}\n'
    message = left_alone(source, "AOAI111")
    assert message.startswith(f"`{use.rsplit('.', 2 if 'runs' in use else 1)[0]}` at line 4 calls the Assistants API")


def test_a_with_options_provider_stays_when_inspect_is_taken():
    source = (
        "from openai import AsyncAzureOpenAI\nfrom azure.identity.aio import get_bearer_token_provider as g\n"
        "c = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=g(cred, S), api_version=V)\n"
        "other = c.with_options(azure_ad_token_provider=sync_provider)\n"
        "inspect = None\n"
    )
    # (it used to migrate the client and report the options call, which then raised TypeError)
    message = left_alone(source, "AOAI106")
    assert message.startswith("`c.with_options(azure_ad_token_provider=sync_provider)` at line 4 passes")


@pytest.mark.parametrize(
    "target",
    ["dspy.AzureOpenAI", "guidance.models.AzureOpenAI", "haystack.components.generators.azure.AzureOpenAI"],
)
def test_patch_targets_of_other_libraries_a_trial_met_are_not_reported(target):
    # (a trial on public code: AOAI204 told a haystack test to patch OpenAI, which would break it)
    source = f'from unittest import mock\n\n@mock.patch("{target}")\ndef test_x(m):\n    pass\n'
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert outcome.findings == ()


@pytest.mark.parametrize(
    "source",
    [
        "from langfuse.openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n",
        "import langfuse.openai as lf\n\nclient = lf.AsyncAzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n",
    ],
)
def test_a_tracing_librarys_drop_in_azure_client_is_reported(source):
    # (a trial on public code: langfuse's AzureOpenAI is openai's, patched; check passed on it)
    message = left_alone(source, "AOAI112")
    assert "wrapped for tracing: it still sends the dated Azure routes; migrate it by hand to langfuse.openai." in message


def test_a_tracing_librarys_stock_client_is_not_reported():
    source = "from langfuse.openai import OpenAI\n\nclient = OpenAI(base_url=B, api_key=K)\n"
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source and outcome.findings == ()


def test_the_azure_class_read_through_an_openai_the_module_never_binds_is_reported():
    # (a trial: a notebook cell saved as a file; check passed on it)
    source = 'client = openai.AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key=K, api_version=V)\n'
    message = left_alone(source, "AOAI105")
    assert message.startswith("`openai.AzureOpenAI` reads a name `openai` this module never binds")
    bound = "def make(openai):\n    return openai.AzureOpenAI(azure_endpoint=E)\n"  # a parameter: something else
    outcome = migrate(bound)
    assert outcome.error is None and outcome.code == bound and outcome.findings == ()


def test_the_class_as_the_type_argument_of_a_generic_base_follows_the_constructor():
    # (a trial, gao-hongnan/omniadapters: `class Adapter(BaseAdapter[..., AsyncAzureOpenAI])` was
    # called a subclass (AOAI202), and the finding came back on every run)
    source = (
        "from typing import Generic, TypeVar\nfrom openai import AsyncAzureOpenAI\n\nT = TypeVar('T')\n\n"
        "class Base(Generic[T]):\n    pass\n\n"
        "class Adapter(Base[AsyncAzureOpenAI]):\n"
        "    def make(self):\n        return AsyncAzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "class Adapter(Base[AsyncOpenAI]):" in outcome.code and "return AsyncOpenAI(" in outcome.code
    assert rules_of(outcome, fixed=False) == []
    kept = source.replace("api_key=K, api_version=V", "**settings")  # a constructor left alone: the argument stays
    outcome = migrate(kept)
    assert outcome.error is None and outcome.code == kept and rules_of(outcome) == ["AOAI103"]
    real = "from openai import AzureOpenAI\n\nclass Client(AzureOpenAI):\n    pass\n"  # a real subclass still is one
    assert rules_of(migrate(real)) == ["AOAI202"]


@pytest.mark.parametrize(
    ("target", "arguments"),
    [
        ("openai.AsyncAzureOpenAI.__init__", True),  # (a trial on public tests: not reported, and the patch
        ("app.llm.AzureOpenAI.__init__", True),  # intercepted nothing once the code built AsyncOpenAI)
        ("openai.AsyncAzureOpenAI.chat", False),
        ("app.llm.AzureOpenAI", True),
    ],
)
def test_a_patch_target_below_the_azure_class_is_reported(target, arguments):
    source = f'from unittest import mock\n\nwith mock.patch("{target}") as init:\n    pass\n'
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI204"]
    message = outcome.findings[0].message
    assert message.startswith(f"'{target}' names the Azure class")
    assert ("must then expect base_url=<endpoint>/openai/v1/ and api_key=, not azure_endpoint= or api_version=" in message) is arguments


def test_an_import_written_twice_is_named_as_such():
    # (a trial on public code: "may be bound to something other than openai.AzureOpenAI" for a repeated import)
    source = "from openai import AzureOpenAI\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
    assert left_alone(source, "AOAI105") == "`AzureOpenAI` is imported more than once (lines 1, 2); remove the repeated import and re-run"
    other = "from openai import AzureOpenAI\nfrom other import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
    assert left_alone(other, "AOAI105").startswith("`AzureOpenAI` may be bound to something other than openai.AzureOpenAI")


@pytest.mark.parametrize(
    ("handler", "kept"),
    [
        ("openai.OpenAIError", True),
        ("(openai.OpenAIError, ValueError)", True),
        ("(openai.OpenAIError, KeyError)", False),
        ("Exception", False),
        ("LookupError", False),
    ],
)
def test_a_client_whose_missing_settings_are_caught_as_openai_error_is_kept(handler, kept):
    # (a trial on public code: `except openai.OpenAIError: client = None` became an uncaught KeyError)
    source = (
        "import os\nimport openai\nfrom openai import AzureOpenAI\n\n"
        f'try:\n    client = AzureOpenAI(api_version="2024-10-21")\nexcept {handler}:\n    client = None\n'
    )
    if kept:
        message = left_alone(source, "AOAI104")
        assert message.startswith(f"this client is built in a try that catches {handler}, which AzureOpenAI raised")
        assert "catch KeyError there too" in message
    else:
        outcome = migrate(source)
        assert outcome.error is None and 'os.environ["AZURE_OPENAI_ENDPOINT"]' in outcome.code


def test_a_client_given_its_settings_in_such_a_try_is_migrated():
    source = (
        "import openai\nfrom openai import AzureOpenAI\n\n"
        "try:\n    client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\nexcept openai.OpenAIError:\n    client = None\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and "client = OpenAI(" in outcome.code


@pytest.mark.parametrize(
    ("source", "line"),
    [
        # (two trials on public tests: the test imported the class from the module it tested, which
        # the migration renamed: ImportError at collection, and check passed)
        ("from pkg.client import AzureOpenAI, get_client\n\nassert isinstance(get_client(), AzureOpenAI)\n", 3),
        ("import pkg.client as c\n\nassert isinstance(c.get_client(), c.AzureOpenAI)\n", 3),
        ('from .client import AzureOpenAI\n\nclient = AzureOpenAI(**settings)\n', 3),
        ("from app import llm\n\nassert isinstance(c, llm.AsyncAzureOpenAI)\nassert issubclass(C, llm.AsyncAzureOpenAI)\n", 3),
    ],
)
def test_the_azure_class_taken_from_another_module_of_the_project_is_reported(source, line):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [(f.rule, f.line) for f in outcome.findings] == [("AOAI206", line)]  # once per module it comes from
    assert "not from openai: if that module imports it from openai, migrating it drops the name" in outcome.findings[0].message


@pytest.mark.parametrize(
    "source",
    [
        'from pandas_gpt import AzureOpenAI\n\nmodel = AzureOpenAI(model="x")\n',  # a library's own class, used as such
        "from somelib import AzureOpenAI\n\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n",  # (pandasai's takes these)
        "from pandasai.llm import AzureOpenAI\n\nassert isinstance(llm, AzureOpenAI)\n",
        "from langchain_openai import AzureOpenAI\n\nassert isinstance(llm, AzureOpenAI)\n",  # LangChain's: its own rules
    ],
)
def test_another_librarys_class_of_that_name_is_not_reported_as_taken(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert "AOAI206" not in [f.rule for f in outcome.findings]


def test_a_decorated_async_def_provider_goes_through_the_awaiting_helper():
    # (a trial: a decorator that ran the coroutine to a str; AsyncOpenAI awaited that str and failed)
    source = (
        "from openai import AsyncAzureOpenAI\n\n@blocking\nasync def get_token():\n    return 'tok'\n\n"
        "client = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=get_token, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "api_key=_async_token_provider(get_token)" in outcome.code
    plain = source.replace("@blocking\n", "")  # an undecorated async def is awaited as it is
    assert "api_key=get_token)" in migrate(plain).code


@pytest.mark.parametrize(
    ("provider", "reported"),
    [
        ("credential.get_token", True),
        ("self._cred.get_token", True),
        ("DefaultAzureCredential().get_token", True),
        ("self.get_token", False),  # (a trial: a method of the class returning `.token`, a str)
        ("connection.get_token", False),  # (a trial: promptflow's AzureOpenAIConnection.get_token returns a str)
    ],
)
def test_only_a_credentials_get_token_is_called_wrong_shaped(provider, reported):
    source = (
        "from azure.identity import DefaultAzureCredential\nfrom openai import AzureOpenAI\n\n"
        f"client = AzureOpenAI(azure_endpoint=E, azure_ad_token_provider={provider}, api_version=V)\n"
    )
    if reported:
        assert left_alone(source, "AOAI104").endswith("returns an AccessToken, not a string; pass get_bearer_token_provider(credential, scope) instead")
    else:
        outcome = migrate(source)
        assert outcome.error is None and f"api_key={provider})" in outcome.code


@pytest.mark.parametrize(
    "read",
    ["self._api_version", "settings._azure_endpoint", "self._azure_deployment = d"],
)
def test_a_wrappers_own_field_of_that_name_does_not_keep_the_clients(read):
    # (read once more: a wrapper class's own `self._api_version` is no read of the client's)
    source = f"from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n{read}\n"
    outcome = migrate(source)
    assert outcome.error is None and "client = OpenAI(" in outcome.code


@pytest.mark.parametrize("receiver", ["c", "self.client", "self._openai_client"])
def test_a_clients_azure_attribute_keeps_the_clients(receiver):
    bound = "c = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n"
    source = f"from openai import AzureOpenAI\n{bound}print({receiver}._api_version)\n"
    assert left_alone(source, "AOAI111").startswith(f"`{receiver}._api_version` at line 3 reads an attribute only the Azure client has")


FALLBACK = 'or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]'


@pytest.mark.parametrize(
    ("source", "key", "endpoint"),
    [
        # (trials on chromadb, browser-use, magentic, pydantic-ai, camel-ai: with the value None,
        # AzureOpenAI read AZURE_OPENAI_*; the migrated client sent OPENAI_API_KEY to Azure, or
        # crashed on None.rstrip)
        ("def make(endpoint, api_key=None):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n", True, False),
        ("def make(endpoint, api_key: Optional[str]):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n", True, False),
        ("def make(endpoint, api_key: str | None):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n", True, False),
        ("def make(api_key: str, endpoint: Union[str, None] = None):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n", False, True),
        (
            "@dataclass\nclass S:\n    api_key: Optional[str] = None\n    azure_endpoint: str | None = None\n\n"
            "    def client(self):\n        return AzureOpenAI(api_key=self.api_key, azure_endpoint=self.azure_endpoint, api_version=V)\n",
            True,
            True,
        ),
        (
            "class S(BaseModel):\n    api_key: Optional[str] = Field(default=None)\n\n"
            "    def client(self):\n        return AzureOpenAI(api_key=self.api_key, azure_endpoint=E, api_version=V)\n",
            True,
            False,
        ),
        (
            "class S:\n    def __init__(self, key=None):\n        self.key = key\n\n"
            "    def client(self):\n        return AzureOpenAI(api_key=self.key, azure_endpoint=E, api_version=V)\n",
            True,
            False,
        ),
        (
            'def make(endpoint, api_key=None):\n    return AzureOpenAI(api_key=api_key or os.environ.get("MY_KEY"), azure_endpoint=endpoint, api_version=V)\n',
            True,
            False,
        ),
        # (a round-2 trial: lookups that give None for a missing key, and a settings instance)
        ('def make(config):\n    return AzureOpenAI(api_key=config.get("api_key"), azure_endpoint=E, api_version=V)\n', True, False),
        ('def make(config):\n    return AzureOpenAI(api_key=config.get("api_key", None), azure_endpoint=E, api_version=V)\n', True, False),
        ('def make(**kw):\n    return AzureOpenAI(api_key=K, azure_endpoint=kw.get("endpoint"), api_version=V)\n', False, True),
        ('def make(cfg):\n    return AzureOpenAI(api_key=getattr(cfg, "api_key", None), azure_endpoint=E, api_version=V)\n', True, False),
        (
            "class Settings(BaseModel):\n    key: Optional[str] = None\n    endpoint: str = 'https://r.openai.azure.com'\n\n\n"
            "settings = Settings()\nclient = AzureOpenAI(api_key=settings.key, azure_endpoint=settings.endpoint, api_version=V)\n",
            True,
            False,
        ),
        # never None, or not shown to be: no fallback
        ('def make(config):\n    return AzureOpenAI(api_key=config.get("api_key", "k"), azure_endpoint=E, api_version=V)\n', False, False),
        ('def make(cfg):\n    return AzureOpenAI(api_key=getattr(cfg, "api_key"), azure_endpoint=E, api_version=V)\n', False, False),
        ("def make(endpoint, api_key):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n", False, False),
        ("def make(endpoint, api_key: str = 'k'):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n", False, False),
        (
            "def make(endpoint, api_key=None):\n    if api_key is None:\n        api_key = load_key()\n"
            "    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n",
            False,
            False,
        ),
        (
            "class S:\n    api_key: str = 'k'\n\n    def client(self):\n        return AzureOpenAI(api_key=self.api_key, azure_endpoint=E, api_version=V)\n",
            False,
            False,
        ),
    ],
)
def test_a_credential_or_endpoint_that_may_be_none_keeps_the_azure_fallback(source, key, endpoint):
    header = "import os\nfrom dataclasses import dataclass\nfrom typing import Optional, Union\n\nfrom pydantic import BaseModel, Field\nfrom openai import AzureOpenAI\n\n"
    outcome = migrate(header + source)
    assert outcome.error is None
    assert "AzureOpenAI(" not in outcome.code, outcome.findings
    assert (FALLBACK in outcome.code) is key
    assert ('or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/")' in outcome.code) is endpoint
    compile(outcome.code, "<migrated>", "exec")


def test_a_token_provider_that_may_be_none_keeps_the_fallback_or_is_left_alone():
    sync = (
        "from openai import AzureOpenAI\n\n"
        "def make(endpoint, provider=None):\n"
        "    return AzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=provider, api_version=V)\n"
    )
    outcome = migrate(sync)
    assert outcome.error is None
    assert f"api_key=provider {FALLBACK}," in outcome.code
    assert outcome.code.startswith("import os\n")
    wrapped = sync.replace("AzureOpenAI", "AsyncAzureOpenAI")
    outcome = migrate(wrapped)
    assert outcome.error is None and outcome.code == wrapped
    assert [f.rule for f in outcome.findings] == ["AOAI104"]
    assert "the token provider `provider` may be None here" in outcome.findings[0].message


def test_a_fallback_that_needs_os_where_os_means_something_else_is_left_alone():
    source = (
        "from openai import AzureOpenAI\nimport ossettings as os\n\n"
        "def make(endpoint, api_key=None):\n    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]


def test_an_attribute_of_the_azure_class_keeps_its_import():
    """``AzureOpenAI.__init__`` read for introspection (a trial on pyautogen): the import was dropped
    once the constructor was migrated, a NameError at import time."""
    source = (
        "import inspect\nfrom openai import AzureOpenAI, OpenAI\n\n"
        "AZURE_KWARGS = set(inspect.getfullargspec(AzureOpenAI.__init__).kwonlyargs)\n"
        'client = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "from openai import AzureOpenAI, OpenAI\n" in outcome.code
    assert 'client = OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k")' in outcome.code
    assert [f.rule for f in outcome.findings if not f.fixed] == ["AOAI203"]
    compile(outcome.code, "<migrated>", "exec")


@pytest.mark.parametrize(
    "source",
    [
        # (a trial on arize-phoenix-evals: the module kept on self, and check passed)
        'class M:\n    def __init__(self, key):\n        import openai\n\n        self._openai = openai\n'
        '        self._client = self._openai.AzureOpenAI(azure_endpoint=E, api_version="2024-02-01", api_key=key)\n',
        'import openai\noai = openai\nclient = oai.AsyncAzureOpenAI(azure_endpoint=E, api_version="2024-02-01", api_key=K)\n',
    ],
)
def test_the_azure_client_reached_through_an_assigned_name_is_reported(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]
    assert "which holds the openai module" in outcome.findings[0].message


def test_the_azure_client_reached_through_an_untraced_name_is_reported_by_its_arguments():
    source = "import openai\n\nclient = make_sdk().AzureOpenAI(azure_endpoint=E, api_version=V, api_key=K)\n"
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]
    assert "a name this tool cannot follow to the openai module" in outcome.findings[0].message


def test_a_local_name_spelled_openai_is_not_taken_for_the_module():
    """``openai = backends.get("openai")`` (a trial): ``openai.AzureOpenAI`` is whatever that returns."""
    source = 'from mylib import backends\n\nopenai = backends.get("openai")\nclient = openai.AzureOpenAI(azure_endpoint=E, api_version=V, api_key=K)\n'
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]


@pytest.mark.parametrize(
    "source",
    [
        "import openai\nfrom llama_index import llms\n\nllm = llms.AzureOpenAI(azure_endpoint=E, api_version=V, engine=D)\n",
        "from mylib import backends\n\nllm = backends.AzureOpenAI(azure_endpoint=E, api_version=V)\n",  # no openai import
        "import openai\nimport mylib\n\nllm = mylib.AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        "import openai\nb = get()\nllm = b.AzureOpenAI(model=M)\n",  # no Azure-only argument
    ],
)
def test_another_librarys_azure_class_is_not_reported_as_untraced(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert "AOAI105" not in {f.rule for f in outcome.findings}


def test_a_dict_assigned_twice_is_reported_with_its_lines():
    """(a trial on semantic-kernel: "`args` is not bound once in reach" said nothing to the reader)"""
    source = (
        "from openai import AsyncAzureOpenAI\n\n\ndef build(endpoint, key, version, deployment):\n"
        '    args = {"azure_endpoint": endpoint, "api_key": key, "api_version": version}\n'
        "    client = AsyncAzureOpenAI(**args)\n"
        '    args = {"ai_model_id": deployment, "client": client}\n'
        "    return args\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI103"]
    assert "(`args` is assigned at lines 5 and 7, so this tool does not follow it to the call)" in outcome.findings[0].message


def test_a_string_annotation_naming_both_azure_classes_keeps_their_imports():
    """(a trial: the string was left as it was and its imports dropped: NameError in get_type_hints)"""
    source = (
        "from typing import Union\n\nfrom openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI\n\n"
        'client = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n\n\n'
        'def use(c: "Union[OpenAI, AsyncOpenAI, AzureOpenAI, AsyncAzureOpenAI]") -> None:\n    pass\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert 'client = OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k")' in outcome.code
    namespace: dict = {}
    exec(compile(outcome.code, "<migrated>", "exec"), namespace)
    import typing

    import openai

    # (a round-2 trial: left as it was, the string rejected the migrated client in a pydantic model)
    assert typing.get_type_hints(namespace["use"])["c"] == typing.Union[openai.OpenAI, openai.AsyncOpenAI]
    assert "from openai import AsyncOpenAI, OpenAI\n" in outcome.code


def test_a_string_annotation_renames_only_the_azure_class_whose_clients_were_migrated():
    source = (
        "from typing import Union\n\nfrom openai import AsyncAzureOpenAI, AzureOpenAI\n\n"
        'sync = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
        "aio = AsyncAzureOpenAI(**settings)\n\n\n"
        'def use(c: "Union[AzureOpenAI, AsyncAzureOpenAI]") -> None:\n    pass\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert 'def use(c: "Union[OpenAI, AsyncAzureOpenAI]") -> None:' in outcome.code
    assert "from openai import AsyncAzureOpenAI, OpenAI\n" in outcome.code, "no unused AsyncOpenAI import"
    namespace: dict = {}
    exec(compile(outcome.code.replace("aio = AsyncAzureOpenAI(**settings)", ""), "<migrated>", "exec"), namespace)
    import typing

    import openai

    assert typing.get_type_hints(namespace["use"])["c"] == typing.Union[openai.OpenAI, openai.AsyncAzureOpenAI]


def test_the_openai_module_kept_on_self_is_reported_whatever_the_arguments():
    """(a round-2 trial: ``self._openai.AzureOpenAI()`` with no Azure-only argument passed check)"""
    source = (
        "class Model:\n    def __init__(self):\n        import openai\n\n        self._openai = openai\n"
        "        self._client = self._openai.AzureOpenAI()\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]
    assert "which holds the openai module" in outcome.findings[0].message


def test_two_credentials_that_may_each_be_none_are_alternatives():
    """(a round-2 trial: "are both given; keep the one that is meant" for api_key=None / provider=None)"""
    source = (
        "from openai import AzureOpenAI\n\n"
        "def make(endpoint, api_key=None, token_provider=None):\n"
        "    return AzureOpenAI(azure_endpoint=endpoint, api_key=api_key, azure_ad_token_provider=token_provider, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI104"]
    assert "each only in some cases" in outcome.findings[0].message


def test_the_import_fallback_openai_none_does_not_hold_the_rewrite_back():
    """``try: import openai / except ImportError: openai = None`` (a round-2 trial on presidio):
    the call fails on None before and after, so the module's name is still the SDK's."""
    source = (
        "import os\n\ntry:\n    import openai\nexcept ImportError:\n    openai = None\n\n\n"
        'def make():\n    return openai.AzureOpenAI(api_key=os.environ["K"], azure_endpoint=os.environ["E"], api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert 'return openai.OpenAI(api_key=os.environ["K"], base_url=os.environ["E"].rstrip("/") + "/openai/v1/")' in outcome.code
    assert not [f for f in outcome.findings if not f.fixed]


def test_three_credentials_are_all_given():
    source = (
        "import openai\n\n\ndef make(endpoint, api_key=None, azure_ad_token=None, azure_ad_token_provider=None):\n"
        "    return openai.AzureOpenAI(azure_endpoint=endpoint, api_version=V, api_key=api_key, "
        "azure_ad_token=azure_ad_token, azure_ad_token_provider=azure_ad_token_provider)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert outcome.findings[0].message.startswith(
        "api_key, azure_ad_token and azure_ad_token_provider are all given, each only in some cases;"
    )


# ------------------------------------------------------------------ constructors no qualified name follows
# (trial r4a on griptape 1.13.0 and gptme 0.35.1: ``openai`` or the class bound inside a function by
# something other than an import; ``check`` passed, and ``apply`` renamed only the annotation above a
# constructor that stayed Azure)

GRIPTAPE = (
    "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
    "from griptape.utils import import_optional_dependency\n\n"
    "if TYPE_CHECKING:\n    import openai\n\n\n"
    "class Driver:\n"
    "    def client(self) -> openai.AzureOpenAI:\n"
    '        openai = import_optional_dependency("openai")\n'
    "        return openai.AzureOpenAI(api_key=self.api_key, api_version=self.api_version, azure_endpoint=self.azure_endpoint)\n"
)


@pytest.mark.parametrize(
    ("source", "bound"),
    [
        (
            'from griptape.utils import import_optional_dependency\n\n\ndef make(endpoint, key):\n'
            '    openai = import_optional_dependency("openai")\n'
            '    return openai.AzureOpenAI(api_key=key, api_version="2024-10-21", azure_endpoint=endpoint)\n',
            'import_optional_dependency("openai")',
        ),
        (
            'import importlib\n\n\ndef make(endpoint, key):\n    openai = importlib.import_module("openai")\n'
            '    return openai.AzureOpenAI(api_key=key, api_version="2024-10-21", azure_endpoint=endpoint)\n',
            'importlib.import_module("openai")',
        ),
        (
            'def make(endpoint, key):\n    openai = __import__("openai")\n'
            '    return openai.AsyncAzureOpenAI(api_key=key, api_version="2024-10-21", azure_endpoint=endpoint)\n',
            '__import__("openai")',
        ),
        (
            'import lazy_loader\n\n\ndef make():\n    openai = lazy_loader.load("openai")\n'
            '    return openai.AzureOpenAI(api_key="k", api_version="2024-10-21", azure_endpoint="https://r.openai.azure.com")\n',
            'lazy_loader.load("openai")',
        ),
        (  # a module that imports openai too: the function's own name is what the call reads
            'import openai\n\n\ndef make():\n    openai = load("openai")\n'
            '    return openai.AzureOpenAI(api_key="k", api_version="2024-10-21", azure_endpoint="https://r.openai.azure.com")\n',
            'load("openai")',
        ),
        (  # no Azure-only argument: the name spelled openai is enough
            'def make():\n    openai = get_backend()\n    return openai.AzureOpenAI()\n',
            "get_backend()",
        ),
    ],
)
def test_openai_bound_in_a_function_by_anything_but_an_import_is_reported(source, bound):
    message = left_alone(source, "AOAI105")
    assert f"through `openai` (bound by `{bound}` at line " in message
    assert "not through an import, so this tool cannot follow it to the openai module" in message
    assert "migrate it by hand to openai." in message and "OpenAI(base_url=<endpoint>/openai/v1/" in message


def test_openai_assigned_the_imported_module_in_a_function_says_which_name_to_call_it_through():
    source = (
        "import openai as _openai_module\n\n\ndef make(endpoint, key):\n    openai = _openai_module\n"
        '    return openai.AzureOpenAI(api_key=key, api_version="2024-10-21", azure_endpoint=endpoint)\n'
    )
    message = left_alone(source, "AOAI105")
    assert "which holds the openai module" in message
    assert "call it as _openai_module.AzureOpenAI and re-run" in message


def test_the_annotation_above_a_constructor_the_tool_cannot_follow_is_not_renamed():
    """griptape 1.13.0: ``-> openai.OpenAI`` above ``return openai.AzureOpenAI(...)`` hid the Azure client."""
    message = left_alone(GRIPTAPE, "AOAI105")
    assert message.startswith("`openai.AzureOpenAI(...)` reaches AzureOpenAI through `openai`")


def test_no_annotation_of_the_class_is_renamed_while_an_untraced_constructor_of_it_stays():
    """Another constructor of the module is migrated; the annotation may describe the one left."""
    source = GRIPTAPE + (
        "\n\ndef other(endpoint, key):\n    from openai import AzureOpenAI\n\n"
        '    return AzureOpenAI(api_key=key, api_version="2024-10-21", azure_endpoint=endpoint)\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "def client(self) -> openai.AzureOpenAI:\n" in outcome.code
    assert "return openai.AzureOpenAI(api_key=self.api_key" in outcome.code
    assert 'return OpenAI(api_key=key, base_url=endpoint.rstrip("/") + "/openai/v1/")' in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI105"]
    assert "AOAI002" not in rules_of(outcome)
    compile(outcome.code, "<migrated>", "exec")


def test_an_annotation_of_the_other_azure_class_still_follows_its_constructor():
    source = GRIPTAPE + (
        "\n\ndef other(endpoint, key) -> openai.AsyncAzureOpenAI:\n    import openai\n\n"
        '    return openai.AsyncAzureOpenAI(api_key=key, api_version="2024-10-21", azure_endpoint=endpoint)\n'
    )
    outcome = migrate(source)
    assert "def other(endpoint, key) -> openai.AsyncOpenAI:\n" in outcome.code
    assert "def client(self) -> openai.AzureOpenAI:\n" in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI105"]


def test_check_keeps_failing_after_apply_on_a_constructor_the_tool_cannot_follow(tmp_path):
    from tests.cli_inprocess import invoke

    (tmp_path / "driver.py").write_text(GRIPTAPE)
    assert invoke("apply", ".", cwd=tmp_path).returncode == 1
    assert (tmp_path / "driver.py").read_text() == GRIPTAPE
    checked = invoke("check", ".", cwd=tmp_path)
    assert checked.returncode == 1
    assert b"AOAI105" in checked.stdout + checked.stderr


def test_the_class_read_from_a_module_a_call_returns_is_reported():
    source = (
        "from griptape.utils import import_optional_dependency\n\n"
        'AzureOpenAI = import_optional_dependency("openai").AzureOpenAI\n'
        'client = AzureOpenAI(api_key="k", api_version="2024-10-21", azure_endpoint="https://r.openai.azure.com")\n'
    )
    message = left_alone(source, "AOAI105")
    assert message.startswith(
        "`AzureOpenAI(...)` builds the AzureOpenAI of a module that a call returns (bound by "
        '`import_optional_dependency("openai").AzureOpenAI` at line 3)'
    )
    bare = source.replace('api_key="k", api_version="2024-10-21", azure_endpoint="https://r.openai.azure.com"', "")
    assert left_alone(bare, "AOAI105")  # the class is openai's whatever the arguments


def test_a_factory_bound_to_the_azure_class_name_is_reported_by_its_arguments():
    """gptme 0.35.1: ``AzureOpenAI = _lazy_client_factory("AzureOpenAI")``, whose client does
    ``getattr(openai, name)(**kwargs)`` later."""
    source = (
        "class _LazyClient:\n    def __init__(self, cls_name, kwargs):\n        self._cls_name = cls_name\n"
        "        self._kwargs = kwargs\n\n    def materialize(self):\n        import openai\n\n"
        "        return getattr(openai, self._cls_name)(**self._kwargs)\n\n\n"
        "def _lazy_client_factory(cls_name):\n    def factory(**kwargs):\n        return _LazyClient(cls_name, kwargs)\n\n"
        "    return factory\n\n\n"
        "def init(api_key, azure_endpoint):\n"
        '    AzureOpenAI = _lazy_client_factory("AzureOpenAI")\n'
        '    return AzureOpenAI(api_key=api_key, api_version="2023-07-01-preview", azure_endpoint=azure_endpoint)\n'
    )
    message = left_alone(source, "AOAI105")
    assert message.startswith(
        "`AzureOpenAI(...)` passes api_version and azure_endpoint, arguments of the Azure client, to `AzureOpenAI` "
        '(bound by `_lazy_client_factory("AzureOpenAI")` at line 20), which this tool cannot follow to the openai module'
    )
    assert message.endswith("if it is another library's class, suppress this finding (`# aoai-migrate: ignore[AOAI105]`)")


@pytest.mark.parametrize(
    "source",
    [
        # the module's own class or factory
        "import openai\n\nclass AzureOpenAI:\n    pass\n\nclient = AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        "import openai\n\ndef AzureOpenAI(**kw):\n    return kw\n\nclient = AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        # another library's class, imported, aliased or loaded by name
        "import openai\nfrom llama_index.llms.azure_openai import AzureOpenAI\n\nllm = AzureOpenAI(azure_endpoint=E, api_version=V, engine=D)\n",
        "import openai\nimport langchain_openai\n\nAzureOpenAI = langchain_openai.AzureOpenAI\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        "import openai\nfrom pandasai.llm import AzureOpenAI as _Llm\n\nAzureOpenAI = _Llm\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        'import importlib\nimport openai\n\nllms = importlib.import_module("llama_index.llms")\nllm = llms.AzureOpenAI(azure_endpoint=E, api_version=V)\n',
        'import openai\n\nAzureOpenAI = import_optional_dependency("langchain_openai").AzureOpenAI\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n',
        "from langchain.llms import *\nimport openai\n\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        # a name without an Azure-only argument, or in a module that imports no openai
        "import openai\n\ndef make(AzureOpenAI):\n    return AzureOpenAI(model=M)\n",
        'def make(factory):\n    AzureOpenAI = factory("AzureOpenAI")\n    return AzureOpenAI(azure_endpoint=E, api_version=V)\n',
        # a parameter spelled openai is the caller's
        "def make(openai):\n    return openai.AzureOpenAI(model=M)\n",
    ],
)
def test_a_look_alike_or_the_modules_own_azure_class_is_not_reported_as_untraced(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert "AOAI105" not in rules_of(outcome)


# ---------------------------------------------------------------- None fallbacks the module shows
# (a trial, r4b: fast-graphrag's ``api_key: Optional[str] = field(default=None)`` on a base class
# and uptrain's ``settings.azure_api_base`` lost AzureOpenAI's AZURE_OPENAI_* fallback: the
# openai.com key went to the Azure host, or ``None.rstrip`` crashed)

AZURE_ENV = {
    "AZURE_OPENAI_API_KEY": "azure-key-from-env",
    "AZURE_OPENAI_ENDPOINT": "https://env.openai.azure.com",
    "OPENAI_API_KEY": "sk-openai-com-key",
    "OPENAI_API_VERSION": "2024-10-21",
}


def _client_built(code: str, expression: str, monkeypatch, modules: dict | None = None):
    """The client ``expression`` builds once ``code`` ran, under :data:`AZURE_ENV` (no network:
    constructing a client sends nothing): ``(api_key, host)``, or the exception it raised."""
    import sys
    import types

    for name, value in AZURE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AZURE_OPENAI_AD_TOKEN", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    for name, source in (modules or {}).items():
        module = types.ModuleType(name)
        monkeypatch.setitem(sys.modules, name, module)
        exec(compile(source, name, "exec"), module.__dict__)
    namespace: dict = {"__name__": "migrated_module"}
    try:
        exec(compile(code, "<module>", "exec"), namespace)
        client = eval(expression, namespace)
    except Exception as error:  # noqa: BLE001 - what the old rewrite did: None.rstrip
        return type(error).__name__
    return client.api_key, client.base_url.host


def _same_client_after_migration(source: str, expression: str, monkeypatch, modules: dict | None = None) -> str:
    outcome = migrate(source)
    assert outcome.error is None
    assert "AzureOpenAI(" not in outcome.code, outcome.findings
    before = _client_built(source, expression, monkeypatch, modules)
    after = _client_built(outcome.code, expression, monkeypatch, modules)
    assert before == after, outcome.code
    assert before[0] != AZURE_ENV["OPENAI_API_KEY"]
    return outcome.code


NONEABLE_HEAD = "from dataclasses import dataclass, field\nfrom typing import Optional\n\nfrom openai import AzureOpenAI\n\n"


@pytest.mark.parametrize(
    "classes",
    [
        "@dataclass\nclass Base:\n    api_key: Optional[str] = None\n\n\n@dataclass\nclass Svc(Base):\n",
        # two levels up, declared with field(default=None)
        "@dataclass\nclass Root:\n    api_key: Optional[str] = field(default=None)\n\n\n@dataclass\nclass Mid(Root):\n"
        "    name: str = 'm'\n\n\n@dataclass\nclass Svc(Mid):\n",
        # the second base in method resolution order
        "class Mixin:\n    pass\n\n\nclass Base:\n    api_key: Optional[str] = None\n\n\nclass Svc(Mixin, Base):\n",
        # a base that sets it from an Optional parameter in its __init__
        "class Base:\n    def __init__(self, api_key=None):\n        self.api_key = api_key\n\n\nclass Svc(Base):\n",
    ],
)
def test_a_key_a_base_class_of_the_module_declares_optional_keeps_the_azure_fallback(classes, monkeypatch):
    source = NONEABLE_HEAD + classes + (
        '    def make(self):\n        return AzureOpenAI(azure_endpoint="https://res.openai.azure.com", api_key=self.api_key, api_version="2024-10-21")\n'
    )
    code = _same_client_after_migration(source, "Svc().make()", monkeypatch)
    assert f"api_key=self.api_key {FALLBACK}" in code


def test_a_subclass_that_declares_the_field_again_decides_it():
    source = NONEABLE_HEAD + (
        "@dataclass\nclass Base:\n    api_key: Optional[str] = None\n\n\n@dataclass\nclass Svc(Base):\n    api_key: str = 'k'\n\n"
        '    def make(self):\n        return AzureOpenAI(azure_endpoint="https://res.openai.azure.com", api_key=self.api_key, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "api_key=self.api_key)" in outcome.code and FALLBACK not in outcome.code


IMPORTED_BASE = (
    "from dataclasses import dataclass, field\nfrom typing import Optional\n\n\n"
    "@dataclass\nclass BaseLLMService:\n    base_url: Optional[str] = field(default=None)\n    api_key: Optional[str] = field(default=None)\n"
)


def test_a_field_of_a_base_class_from_another_module_is_taken_as_may_be_none(monkeypatch):
    """The fast-graphrag shape: nothing here declares ``api_key``, the imported base may (it does)."""
    source = (
        "from dataclasses import dataclass, field\nfrom typing import Optional\n\nfrom openai import AzureOpenAI\n\n"
        "from llm_base import BaseLLMService\n\n\n@dataclass\nclass Service(BaseLLMService):\n"
        "    api_version: Optional[str] = field(default=None)\n\n"
        "    def make(self):\n"
        "        return AzureOpenAI(azure_endpoint=self.base_url, api_key=self.api_key, api_version=self.api_version)\n"
    )
    expression = "Service(base_url='https://res.openai.azure.com', api_version='2024-10-21').make()"
    code = _same_client_after_migration(source, expression, monkeypatch, {"llm_base": IMPORTED_BASE})
    assert f"api_key=self.api_key {FALLBACK}" in code
    assert 'base_url=(self.base_url or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/")' in code
    assert code.startswith("import os\n")


@pytest.mark.parametrize(
    "body",
    [
        "    api_key: str = 'k'\n\n",  # declared here, never None
        "    def __init__(self, api_key):\n        super().__init__()\n        self.api_key = api_key\n\n",  # assigned here
    ],
)
def test_a_field_the_module_declares_on_a_class_with_an_imported_base_is_judged_here(body):
    source = (
        "from openai import AzureOpenAI\n\nfrom llm_base import BaseLLMService\n\n\nclass Service(BaseLLMService):\n" + body
        + '    def make(self):\n        return AzureOpenAI(azure_endpoint="https://res.openai.azure.com", api_key=self.api_key, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "api_key=self.api_key)" in outcome.code and FALLBACK not in outcome.code


SETTINGS_MODULE = (
    "from typing import Optional\n\n\nclass Settings:\n    azure_api_key: Optional[str] = 'azure-key'\n"
    "    azure_api_base: Optional[str] = None\n    azure_api_version: Optional[str] = '2024-10-21'\n"
)


def test_an_endpoint_of_a_parameter_annotated_with_a_module_class_keeps_the_azure_fallback(monkeypatch):
    """The uptrain shape with the settings class in the module: ``None.rstrip`` once migrated."""
    source = "from typing import Optional\n\nfrom openai import AzureOpenAI\n\n\n" + SETTINGS_MODULE.split("\n\n\n", 1)[1] + (
        "\n\ndef build(settings: Settings):\n    return AzureOpenAI(\n        api_key=settings.azure_api_key,\n"
        "        api_version=settings.azure_api_version,\n        azure_endpoint=settings.azure_api_base,\n    )\n"
    )
    code = _same_client_after_migration(source, "build(Settings())", monkeypatch)
    assert 'base_url=(settings.azure_api_base or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/")' in code


def test_an_endpoint_of_a_parameter_annotated_with_a_class_of_another_module_keeps_the_azure_fallback(monkeypatch):
    """The uptrain shape itself: what ``Settings`` declares is not in this module, so it may be None."""
    source = (
        "from openai import AzureOpenAI\n\nfrom settings_mod import Settings\n\n\n"
        "def build(settings: Settings):\n    return AzureOpenAI(\n        api_key=settings.azure_api_key,\n"
        "        api_version=settings.azure_api_version,\n        azure_endpoint=settings.azure_api_base,\n    )\n"
    )
    expression = "build(__import__('settings_mod').Settings())"
    code = _same_client_after_migration(source, expression, monkeypatch, {"settings_mod": SETTINGS_MODULE})
    assert 'base_url=(settings.azure_api_base or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/")' in code


@pytest.mark.parametrize(
    "annotation",
    [
        "Settings",  # a module class whose fields are never None
        "Optional[Settings]",  # not followed: settings.x would fail on None itself
        "str",  # a builtin declares no such field
        "",  # not annotated: nothing is known, as before
    ],
)
def test_an_attribute_of_a_parameter_not_shown_to_be_none_gets_no_fallback(annotation):
    source = (
        "from typing import Optional\n\nfrom openai import AzureOpenAI\n\n\nclass Settings:\n    key: str = 'k'\n    endpoint: str = E\n\n\n"
        f"def build(settings{': ' + annotation if annotation else ''}):\n"
        "    return AzureOpenAI(api_key=settings.key, azure_endpoint=settings.endpoint, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert call_line(outcome.code) == 'OpenAI(api_key=settings.key, base_url=settings.endpoint.rstrip("/") + "/openai/v1/")'


# ---------------------------------------------------------------- names narrowed to not None
# (a trial, r4b: an async provider after ``if token_provider is None: raise`` was "may be None"
# (AOAI104); a sync one under ``if token_provider is not None:`` got a dead env fallback)


@pytest.mark.parametrize(
    "guarded",
    [
        "    if token_provider is None:\n        raise ValueError('no credential')\n    {call}\n",
        "    if not token_provider:\n        return None\n    {call}\n",
        "    if token_provider is None: raise ValueError('no credential')\n    {call}\n",
        "    if token_provider is None or endpoint is None:\n        raise ValueError('no credential')\n    with log():\n        {call}\n",
        "    if token_provider is not None:\n        {call}\n    raise ValueError('no credential')\n",
        "    if token_provider:\n        {call}\n",
        "    if endpoint and token_provider is not None:\n        {call}\n",
        "    if token_provider is None:\n        raise ValueError('no credential')\n    else:\n        {call}\n",
        "    if token_provider is None:\n        log('none')\n    else:\n        {call}\n",
    ],
)
def test_a_token_provider_narrowed_to_not_none_is_migrated_without_fallback_or_finding(guarded):
    call = "return AsyncAzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=token_provider, api_version=V)"
    source = "from openai import AsyncAzureOpenAI\n\n\ndef make(endpoint, token_provider=None):\n" + guarded.format(call=call)
    outcome = migrate(source)
    assert outcome.error is None
    assert rules_of(outcome, fixed=False) == ["AOAI107"], [f.message for f in outcome.findings]
    assert call_line(outcome.code.split("return token\n", 1)[1]).startswith(
        'OpenAI(base_url=endpoint.rstrip("/") + "/openai/v1/", api_key=_async_token_provider(token_provider))'
    )
    synchronous = migrate(source.replace("AsyncAzureOpenAI", "AzureOpenAI"))
    assert synchronous.error is None
    assert call_line(synchronous.code).startswith('OpenAI(base_url=endpoint.rstrip("/") + "/openai/v1/", api_key=token_provider)')
    assert "AZURE_OPENAI" not in synchronous.code


@pytest.mark.parametrize(
    "guarded",
    [
        "    if token_provider is None:\n        log('none')\n    {call}\n",  # the guard does not leave
        "    if token_provider is not None:\n        pass\n    else:\n        {call}\n",  # the None branch
        "    if token_provider or endpoint:\n        {call}\n",  # either may be set
        "    for _ in range(2):\n        if token_provider is None:\n            raise ValueError\n    {call}\n",  # not a block of the call
        "    {call}\n    if token_provider is None:\n        raise ValueError\n",  # after the call
        "    if token_provider is None:\n        raise ValueError\n\n    def later():\n        {call}\n\n    return later\n",  # another function
    ],
)
def test_a_token_provider_not_provably_narrowed_is_still_reported(guarded):
    call = "return AsyncAzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=token_provider, api_version=V)"
    source = "from openai import AsyncAzureOpenAI\n\n\ndef make(endpoint, token_provider=None):\n" + guarded.format(call=call)
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI104"]
    assert "the token provider `token_provider` may be None here" in outcome.findings[0].message


def test_a_key_read_from_the_environment_and_checked_gets_no_dead_fallback():
    source = (
        "import os\n\nfrom openai import AzureOpenAI\n\n\ndef make():\n    key = os.getenv('MY_KEY')\n"
        "    if key:\n        return AzureOpenAI(azure_endpoint=E, api_key=key, api_version=V)\n"
        "    return AzureOpenAI(azure_endpoint=E, api_key=key, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    lines = [line.strip() for line in outcome.code.splitlines() if "OpenAI(" in line]
    assert lines[0] == 'return OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=key)'
    assert FALLBACK in outcome.code.split("    return OpenAI(", 1)[1]  # the unguarded one keeps it


def test_a_narrowed_key_counts_as_one_credential_beside_an_optional_provider():
    source = (
        "from openai import AzureOpenAI\n\n\ndef make(key=None, provider=None):\n    if key is None:\n        raise ValueError\n"
        "    return AzureOpenAI(azure_endpoint=E, api_key=key, azure_ad_token_provider=provider, api_version=V)\n"
    )
    message = left_alone(source, "AOAI104")
    assert "each only in some cases" in message  # the provider still may be None


# ---------------------------------------------------------------- AOAI102: what to write at the calls
# (trials r4a, r4b: "(`or` the call's own model, which is where an unset pin sent it)" was hard to
# read and came with a required parameter that is never None; distilabel's pin, a parameter of
# __init__, was advised as model=deployment at calls in another method, a NameError there)


def test_a_pin_from_a_parameter_of_init_is_kept_on_the_instance_for_the_other_methods():
    source = (
        "from openai import AzureOpenAI\n\n\nclass Svc:\n    def __init__(self, deployment):\n"
        '        self.client = AzureOpenAI(azure_endpoint="https://res.openai.azure.com", api_key="k", api_version="2024-10-21", azure_deployment=deployment)\n\n'
        '    def ask(self, q):\n        return self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n'
    )
    message = left_alone(source, "AOAI102")
    assert message.endswith(
        "on v1 keep it on the instance (`self.deployment = deployment`) and pass `model=self.deployment` at each of its "
        "chat/completions/embeddings/audio/images calls, then drop the pin and re-run"
    )
    assert " or " not in message, "a required parameter is not shown to be None"


def test_a_pin_the_method_already_keeps_on_the_instance_is_named_so():
    source = (
        "from openai import AzureOpenAI\n\n\nclass Svc:\n    def __init__(self, dep=None):\n        self.model_name = dep\n"
        "        self.client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V, azure_deployment=dep)\n"
    )
    message = left_alone(source, "AOAI102")
    assert "on v1 pass `model=self.model_name or <the call's model>` at each of its" in message
    assert message.endswith("calls (a pin of None pinned nothing: each call went to its own model), then drop the pin and re-run")


@pytest.mark.parametrize(
    ("pin", "model"),
    [
        ("self.azure_deployment", "`model=self.azure_deployment`"),  # griptape: azure_deployment or model, never None
        ("'gpt-4o'", "`model='gpt-4o'`"),
        ("os.getenv('DEP')", "`model=os.getenv('DEP') or <the call's model>`"),
    ],
)
def test_the_pin_advice_spells_the_none_case_as_code_only_when_the_pin_may_be_none(pin, model):
    source = (
        "import os\n\nimport openai\n\n\nclass Driver:\n    def __init__(self, model, endpoint, key, azure_deployment=None):\n"
        "        self.model = model\n        self.azure_deployment = azure_deployment or model\n"
        f"        self.client = openai.AzureOpenAI(api_key=key, api_version=V, azure_endpoint=endpoint, azure_deployment={pin})\n"
    )
    message = left_alone(source, "AOAI102")
    assert f"on v1 pass {model} at each of its chat/completions/embeddings/audio/images calls" in message
    assert ("pinned nothing" in message) is (" or " in model)
    assert "(`or`" not in message


def test_a_returned_client_whose_pin_may_be_none_is_told_both_as_code():
    source = "from openai import AzureOpenAI\n\n\ndef make(dep=None):\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V, azure_deployment=dep)\n"
    message = left_alone(source, "AOAI102")
    assert "on v1 pass `model=<what dep holds here> or <the call's model>` at each of its" in message


# r4d defect 3: the openai module reached through a class alias under another name, a helper
# function, a class attribute or ``sys.modules`` passed ``check`` (each builds the Azure client:
# the trial recorded it); they are held back with AOAI105.
@pytest.mark.parametrize(
    "source",
    [
        'from griptape.utils import import_optional_dependency\n\nClient = import_optional_dependency("openai").AzureOpenAI\n\n\n'
        'def make(endpoint, key):\n    return Client(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n',
        'import importlib\n\n\ndef _openai():\n    return importlib.import_module("openai")\n\n\n'
        'def make(endpoint, key):\n    return _openai().AzureOpenAI(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n',
        'from griptape.utils import import_optional_dependency\n\n\nclass Driver:\n    openai = import_optional_dependency("openai")\n\n'
        '    def client(self):\n        return self.openai.AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-10-21")\n',
        'import sys\n\n\ndef make(endpoint, key):\n'
        '    return sys.modules["openai"].AzureOpenAI(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n',
    ],
    ids=["alias_name", "helper_loader", "class_attr", "sys_modules_inline"],
)
def test_the_openai_module_reached_through_a_helper_class_attribute_or_alias_is_reported(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]
    message = outcome.findings[0].message
    assert "not through an import" in message or "a module that a call returns" in message


def test_an_annotation_above_a_class_alias_of_the_loaded_module_is_not_renamed():
    """The annotation said OpenAI while the function returned an AzureOpenAI (r4d defect 3)."""
    source = (
        "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
        "from griptape.utils import import_optional_dependency\n\nif TYPE_CHECKING:\n    from openai import AzureOpenAI\n\n\n"
        "def client(endpoint: str, key: str) -> AzureOpenAI:\n"
        '    sdk = import_optional_dependency("openai")\n    Client = sdk.AzureOpenAI\n'
        '    return Client(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]
    assert outcome.findings[0].message.startswith("`Client(...)` builds the AzureOpenAI of a module that a call returns")


# r4d defect 6: llama_index look-alikes and the module's own class got AOAI105 "call it as
# openai.AzureOpenAI", which would swap libraries.
@pytest.mark.parametrize(
    "source",
    [
        "import importlib\n\nimport openai\n\n\nclass Index:\n    def __init__(self):\n"
        '        self.llms = importlib.import_module("llama_index.llms.azure_openai")\n\n    def llm(self):\n'
        '        return self.llms.AzureOpenAI(engine="gpt-4o", azure_endpoint=E, api_key=K, api_version="2024-10-21")\n',
        'import openai\nfrom mypkg.deps import require\n\nllms = require("llama_index.llms.azure_openai")\n\n\n'
        'def llm():\n    return llms.AzureOpenAI(engine="gpt-4o", azure_endpoint=E, api_key=K, api_version="2024-10-21")\n',
        "import openai\n\n\nclass Providers:\n    class AzureOpenAI:\n        def __init__(self, azure_endpoint, api_version, api_key):\n"
        "            pass\n\n\n"
        'def make():\n    return Providers.AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-10-21")\n',
    ],
    ids=["self_attr", "require_loader", "nested_class"],
)
def test_another_packages_or_the_modules_own_azure_class_is_left_alone_without_a_finding(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert not outcome.findings


def test_the_untraced_arguments_finding_also_tells_how_to_silence_another_librarys_class():
    source = "import openai\n\nclient = make_sdk().AzureOpenAI(azure_endpoint=E, api_version=V, api_key=K)\n"
    message = migrate(source).findings[0].message
    assert "call it as openai.AzureOpenAI and re-run, or migrate it by hand" in message
    assert message.endswith("if it is another library's class, suppress this finding (`# aoai-migrate: ignore[AOAI105]`)")


def test_a_class_alias_of_the_imported_module_is_still_followed():
    """``Client = openai.AzureOpenAI`` is openai's class: not an untraced call (control)."""
    source = 'import openai\n\nClient = openai.AzureOpenAI\nclient = Client(azure_endpoint=E, api_key=K, api_version="2024-10-21")\n'
    assert all(f.rule != "AOAI105" or "cannot follow" not in f.message for f in migrate(source).findings)


def _evaluate(expression: str, environ: dict[str, str], **names: object) -> object:
    """``expression`` (a migrated argument) evaluated against a fake ``os`` holding ``environ``."""
    fake_os = type("os", (), {"getenv": staticmethod(environ.get), "environ": environ})
    return eval(expression, {"os": fake_os, **names})


@pytest.mark.parametrize(
    "value",
    [
        'kwargs.pop("api_key", None)',
        'kwargs.setdefault("api_key", None)',
        'kwargs.setdefault("api_key")',
        'kwargs.pop("api_key", default)',
        'kwargs.get("api_key", default)',
    ],
)
def test_key_popped_or_set_by_default_to_none_keeps_the_azure_environment_fallback(value):
    # (a trial on promptlayer's shape: api_key=kwargs.pop("api_key", None) sent OPENAI_API_KEY to the Azure host)
    source = f"import os\nfrom openai import AzureOpenAI\n\ndef make(default=None, **kwargs):\n    return AzureOpenAI(azure_endpoint=E, api_key={value}, api_version=V)\n"
    expression = call_line(migrate(source).code).split("api_key=")[1].rstrip(")").rstrip(",")
    assert expression.startswith(f"{value} or ")
    assert _evaluate(expression, {"AZURE_OPENAI_API_KEY": "azure-key", "OPENAI_API_KEY": "sk-no"}, kwargs={}, default=None) == "azure-key"
    assert _evaluate(expression, {"AZURE_OPENAI_AD_TOKEN": "tok", "AZURE_OPENAI_API_KEY": "k"}, kwargs={}, default=None) == "tok"
    assert _evaluate(expression, {"AZURE_OPENAI_API_KEY": "azure-key"}, kwargs={"api_key": "given"}, default=None) == "given"
    with pytest.raises(KeyError):
        _evaluate(expression, {"OPENAI_API_KEY": "sk-must-not-be-used"}, kwargs={}, default=None)


@pytest.mark.parametrize("value", ['kwargs.pop("base_url", None)', 'kwargs.setdefault("base_url", None)'])
def test_endpoint_popped_or_set_by_default_to_none_falls_back_to_azure_openai_endpoint(value):
    # (a trial on promptlayer: azure_endpoint=kwargs.pop("base_url", None) became None.rstrip(...), an AttributeError)
    source = f"from openai import AzureOpenAI\n\ndef make(**kwargs):\n    return AzureOpenAI(azure_endpoint={value})\n"
    line = call_line(migrate(source).code)
    expected = f'base_url=({value} or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + "/openai/v1/"'
    assert expected in line
    expression = expected.removeprefix("base_url=")
    assert _evaluate(expression, {"AZURE_OPENAI_ENDPOINT": "https://r.openai.azure.com/"}, kwargs={}) == "https://r.openai.azure.com/openai/v1/"


@pytest.mark.parametrize(
    "value",
    ['kw.pop("base_url")', 'kw.pop("base_url", "https://r.openai.azure.com")', 'kw.setdefault("base_url", "https://r.openai.azure.com")'],
)
def test_endpoint_popped_without_a_none_default_gets_no_fallback(value):
    source = f"from openai import AzureOpenAI\n\ndef make(**kw):\n    return AzureOpenAI(azure_endpoint={value}, api_key=K)\n"
    assert f'base_url={value}.rstrip("/") + "/openai/v1/"' in call_line(migrate(source).code)


REBOUND = """\
import os
from openai import AzureOpenAI


def make(api_key=None, endpoint=None):
{body}
    return AzureOpenAI(api_key=api_key, api_version="2024-02-01", azure_endpoint={endpoint})
"""


@pytest.mark.parametrize(
    "rebinding",
    [
        '    api_key = api_key or os.environ.get("AZURE_OPENAI_API_KEY")',
        '    api_key = os.getenv("MY_KEY") or api_key',
        '    if not endpoint:\n        raise ValueError("no endpoint")\n    api_key = api_key or os.getenv("MY_KEY")',
    ],
)
def test_parameter_rebound_to_a_value_that_may_be_none_keeps_the_azure_key_fallback(rebinding):
    # (a trial on instructor: api_key = api_key or os.environ.get(...) was taken as never None, and the
    # migrated client sent OPENAI_API_KEY to the Azure host)
    source = REBOUND.format(body=rebinding, endpoint='"https://r.openai.azure.com"')
    line = call_line(migrate(source).code)
    assert 'api_key=api_key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]' in line


@pytest.mark.parametrize(
    "rebinding",
    [
        '    api_key = api_key or "fallback-key"',
        '    api_key = api_key or os.environ["AZURE_OPENAI_API_KEY"]',
        '    api_key = api_key or os.getenv("MY_KEY")\n    if not api_key:\n        raise ValueError("no key")',
        '    if api_key is None:\n        api_key = os.environ["AZURE_OPENAI_API_KEY"]',
    ],
)
def test_parameter_rebound_to_a_set_value_gets_no_fallback(rebinding):
    source = REBOUND.format(body=rebinding, endpoint='"https://r.openai.azure.com"')
    assert 'OpenAI(api_key=api_key, base_url="https://r.openai.azure.com/openai/v1/")' in call_line(migrate(source).code)


def test_rebinding_earlier_on_the_same_line_is_the_one_that_reaches_the_call():
    source = (
        "import os\nfrom openai import AzureOpenAI\n\n\n"
        'def make(api_key="k"):\n    api_key = os.getenv("MY_KEY"); c = AzureOpenAI(api_key=api_key, azure_endpoint=E, api_version=V)\n'
        "    return c\n"
    )
    line = call_line(migrate(source).code)
    assert 'api_key=api_key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]' in line


def test_endpoint_parameter_rebound_to_a_value_that_may_be_none_falls_back_to_azure_openai_endpoint():
    source = REBOUND.format(body='    api_key = "k"\n    endpoint = endpoint or os.getenv("MY_ENDPOINT")', endpoint="endpoint")
    line = call_line(migrate(source).code)
    assert 'base_url=(endpoint or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + "/openai/v1/"' in line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("key if key else None", 'api_key=key if key else os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]'),
        ("key if use_key else None", 'api_key=(key if use_key else None) or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]'),
    ],
)
def test_conditional_key_that_may_be_none_gets_a_fallback_that_reads_right(value, expected):
    # (a trial on quivr: "key if key else None or os.environ..." was right but read as a mistake)
    source = f"import os\nfrom openai import AzureOpenAI\n\ndef make(key, use_key):\n    return AzureOpenAI(azure_endpoint=E, api_key={value}, api_version=V)\n"
    line = call_line(migrate(source).code)
    assert expected in line
    expression = expected.removeprefix("api_key=")
    environ = {"AZURE_OPENAI_API_KEY": "azure-key", "OPENAI_API_KEY": "sk-no"}
    for key in ("given", None):
        for use_key in (True, False):
            given = eval(value, {"key": key, "use_key": use_key})  # AzureOpenAI read AZURE_OPENAI_API_KEY for None
            assert _evaluate(expression, environ, key=key, use_key=use_key) == (given if given is not None else "azure-key")


def test_conditional_endpoint_that_may_be_none_gets_its_fallback_in_the_none_arm():
    source = "from openai import AzureOpenAI\n\ndef make(endpoint):\n    return AzureOpenAI(azure_endpoint=endpoint if endpoint else None, api_key=K)\n"
    line = call_line(migrate(source).code)
    assert 'base_url=(endpoint if endpoint else os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + "/openai/v1/"' in line


def test_pinned_deployment_finding_also_names_the_credential_blocker_of_the_same_call():
    # (a trial on graphrag: AOAI102 said "drop the pin and re-run", and the re-run refused with AOAI104)
    source = (
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
        "from openai import AsyncAzureOpenAI\n\n\n"
        "def create(configuration):\n"
        "    return AsyncAzureOpenAI(\n"
        "        api_key=configuration.api_key if configuration.api_key else None,\n"
        "        azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), SCOPE)\n"
        "        if not configuration.api_key\n"
        "        else None,\n"
        "        api_version=configuration.api_version,\n"
        "        azure_endpoint=configuration.api_base,\n"
        "        azure_deployment=configuration.deployment_name,\n"
        "    )\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI102", "AOAI104"]
    pin, credential = outcome.findings
    assert (pin.line, pin.column) == (credential.line, credential.column)
    assert pin.message.endswith("then drop the pin, do what AOAI104 on this call says, and re-run")
    assert credential.message.startswith("api_key and azure_ad_token_provider are both given, each only in some cases")


def test_pinned_deployment_alone_still_says_drop_the_pin_and_re_run():
    source = "from openai import AzureOpenAI\n\n\ndef create(c):\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V, azure_deployment=c.deployment)\n"
    message = left_alone(source, "AOAI102")
    assert message.endswith("then drop the pin and re-run")


# r5c defect 3 and r5a defect 2: the Azure class reached through a getattr with a computed name,
# an alias chain, a class kept on self, a method or lambda helper, a helper of another module,
# ``mods = sys.modules``, or ``self.openai = openai`` set in a base class passed ``check`` (each
# builds the Azure client and sends the dated api-version, as the trial recorded).
_LOADER = "from griptape.utils import import_optional_dependency\n\n"
_ARGS = 'azure_endpoint=endpoint, api_key=key, api_version="2024-10-21"'


@pytest.mark.parametrize(
    "source",
    [
        'import os\n\nimport openai\n\n\ndef make_client(is_azure):\n    cls = getattr(openai, "AzureOpenAI" if is_azure else "OpenAI")\n'
        '    kwargs = {"api_key": os.environ["KEY"]}\n    if is_azure:\n'
        '        kwargs.update(azure_endpoint=os.environ["ENDPOINT"], api_version="2024-10-21")\n    return cls(**kwargs)\n',
        'import importlib\n\n\ndef make_client(endpoint, key):\n    mod = importlib.import_module("openai")\n'
        f'    return getattr(mod, "AsyncAzureOpenAI")({_ARGS})\n',
        f'{_LOADER}\nclass Driver:\n    def __init__(self):\n        self.client_cls = import_optional_dependency("openai").AzureOpenAI\n\n'
        f'    def client(self, endpoint, key):\n        return self.client_cls({_ARGS})\n',
        'import importlib\n\n\nclass Driver:\n    def _sdk(self):\n        return importlib.import_module("openai")\n\n'
        f'    def client(self, endpoint, key):\n        return self._sdk().AzureOpenAI({_ARGS})\n',
        f'from proj.deps import require_openai\n\n\ndef make_client(endpoint, key):\n    return require_openai().AzureOpenAI({_ARGS})\n',
        f'import importlib\n\nsdk = lambda: importlib.import_module("openai")\n\n\ndef make_client(endpoint, key):\n    return sdk().AzureOpenAI({_ARGS})\n',
        f'{_LOADER}\ndef make_client(endpoint, key):\n    sdk = import_optional_dependency("openai")\n    oai = sdk\n    return oai.AzureOpenAI({_ARGS})\n',
        f'{_LOADER}sdk = import_optional_dependency("openai")\nClient = sdk.AzureOpenAI\nFactory = Client\n\n\n'
        f'def make_client(endpoint, key):\n    return Factory({_ARGS})\n',
        f'import sys\n\n\ndef make_client(endpoint, key):\n    mods = sys.modules\n    return mods["openai"].AzureOpenAI({_ARGS})\n',
        "class BaseOpenAIEmbeddings:\n    def __init__(self, **kwargs):\n        import openai\n\n        self.openai = openai\n"
        "        self.client = self._initialize_client(**kwargs)\n\n\n"
        "class AzureOpenAIEmbeddings(BaseOpenAIEmbeddings):\n    def _initialize_client(self, **kwargs):\n"
        "        return self.openai.AzureOpenAI(**kwargs)\n",
    ],
    ids=["getattr_conditional", "getattr_async", "class_on_self", "method_helper", "helper_of_another_module",
         "lambda_helper", "alias_chain_of_the_module", "alias_chain_of_the_class", "sys_modules_in_a_name", "module_set_in_a_base_class"],
)
def test_the_azure_class_reached_through_a_lookup_chain_helper_or_base_class_is_reported(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [f.rule for f in outcome.findings] == ["AOAI105"]


def test_a_class_looked_up_by_a_computed_name_says_so_and_keeps_its_annotation():
    """r5c u15: ``-> AzureOpenAI | OpenAI`` was renamed to OpenAI above the Azure client it returns."""
    source = (
        "from __future__ import annotations\n\nimport os\nfrom typing import TYPE_CHECKING\n\nimport openai\n\n"
        "if TYPE_CHECKING:\n    from openai import AzureOpenAI, OpenAI\n\n\n"
        "def make_client(is_azure: bool) -> AzureOpenAI | OpenAI:\n"
        '    cls = getattr(openai, "AzureOpenAI" if is_azure else "OpenAI")\n    kwargs = {"api_key": os.environ["KEY"]}\n'
        '    if is_azure:\n        kwargs.update(azure_endpoint=os.environ["ENDPOINT"], api_version="2024-10-21")\n    return cls(**kwargs)\n'
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI105"]
    assert outcome.findings[0].message.startswith(
        '`cls(...)` builds the AzureOpenAI that getattr looks up by name (bound by `getattr(openai, "AzureOpenAI" '
        'if is_azure else "OpenAI")` at line 13), which this tool cannot follow the way it follows an import; '
        "if it is openai's AzureOpenAI, migrate it by hand to OpenAI(base_url=<endpoint>/openai/v1/"
    )


def test_a_class_kept_on_self_is_reported_as_the_class_of_a_loaded_module():
    source = (
        f'{_LOADER}\nclass Driver:\n    def __init__(self):\n        self.client_cls = import_optional_dependency("openai").AzureOpenAI\n\n'
        f'    def client(self, endpoint, key):\n        return self.client_cls({_ARGS})\n'
    )
    assert left_alone(source, "AOAI105").startswith(
        "`self.client_cls(...)` builds the AzureOpenAI of a module that a call returns, which this tool cannot follow"
    )


@pytest.mark.parametrize(
    "source",
    [
        # r5c defect 8: llama_index loaded with an f-string module name
        'import importlib\n\nimport openai\n\n\ndef load_llm(provider, **kwargs):\n'
        '    module = importlib.import_module(f"llama_index.llms.{provider}")\n'
        '    return module.AzureOpenAI(engine=kwargs["engine"], azure_endpoint=kwargs["endpoint"], api_version="2024-10-21")\n\n\n'
        "def raw_client():\n    return openai.OpenAI()\n",
        # another package kept on self by a base class
        'import importlib\n\n\nclass Base:\n    def __init__(self):\n        self.llms = importlib.import_module("llama_index.llms.azure_openai")\n\n\n'
        'class Sub(Base):\n    def llm(self):\n        return self.llms.AzureOpenAI(engine="gpt-4o", azure_endpoint=E, api_key=K, api_version="2024-10-21")\n',
        # what another module's call returns, given a keyword openai's class does not take
        "from x import get_llms\n\n\ndef make():\n    return get_llms().AzureOpenAI(engine=D, azure_endpoint=E, api_version=V)\n",
        # a getattr with a computed name on something the module does not show to be openai
        'import openai\n\n\ndef make(backend, azure):\n    return getattr(backend, "AzureOpenAI" if azure else "OpenAI")(model=M)\n',
    ],
    ids=["llama_fstring", "llama_on_a_base_class", "engine_keyword", "getattr_on_another_object"],
)
def test_another_librarys_class_reached_those_ways_is_not_reported_as_untraced(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert not outcome.findings


def test_a_plain_getattr_on_openai_is_reported_once():
    """AOAI204 (class_references) already names the class there; no second finding on the call."""
    source = 'import openai\n\nclient = getattr(openai, "AzureOpenAI")(azure_endpoint=E, api_key=K, api_version=V)\n'
    assert rules_of(migrate(source)) == ["AOAI204"]
    loaded = source.replace("import openai\n", "from u import load\n").replace("(openai,", '(load("openai"),')
    assert rules_of(migrate(loaded)) == ["AOAI105"]  # no AOAI204 there: this one keeps check red


@pytest.mark.parametrize(
    ("code", "function", "unread"),
    [
        ("def get_client(api_version):\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=api_version)\n", "get_client", True),
        (
            'def get_client(v: str = "2024-10-21"):\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=v)\n',
            "get_client",
            True,
        ),
        (
            "class Service:\n    def __init__(self, v):\n        self.v = v\n"
            "        self.client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=v)\n",
            "Service.__init__",
            False,
        ),
        (  # read in a nested function: still read
            "def get_client(v):\n    def show():\n        return v\n"
            "    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=v), show\n",
            "get_client",
            False,
        ),
    ],
)
def test_a_version_the_caller_passes_is_noted_as_no_longer_sent(code, function, unread):
    """azure-ai-projects' ``get_openai_client(api_version=...)``: after the migration the parameter
    silently did nothing, so a caller that asked for a preview version lost it with no word."""
    outcome = migrate(f"from openai import AzureOpenAI\n\n\n{code}")
    assert outcome.error is None and "AzureOpenAI" not in outcome.code and ", api_version=" not in outcome.code
    notes = [f.message for f in outcome.findings if not f.fixed]
    assert rules_of(outcome, fixed=False) == ["AOAI108"]
    assert f"comes from the caller of {function}()" in notes[0]
    assert ("nothing else reads" in notes[0]) is unread


@pytest.mark.parametrize(
    "code",
    [
        'v = "2024-10-21"\nc = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=v)\n',  # the module chose it
        "def f(v):\n    v = str(v)\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=v)\n",  # rebound
    ],
)
def test_a_version_that_is_not_a_parameter_alone_gets_no_caller_note(code):
    outcome = migrate(f"from openai import AzureOpenAI\n{code}")
    assert outcome.error is None and "OpenAI(base_url=" in outcome.code
    assert rules_of(outcome, fixed=False) == []


# (a trial on semantic-kernel 1.45.0, azure_config_base.py `to_dict()`: the api-version read back
# from the client's query raised KeyError once the client was migrated, and `check` then passed)
@pytest.mark.parametrize(
    ("read", "outcome"),
    [
        ('c._custom_query["api-version"]', "raises KeyError"),
        ("c.default_query['api-version']", "raises KeyError"),
        ('c.default_query.get("api-version")', "gives None (or its default) there"),
        ('self.client._custom_query.get("api-version", "2024-10-21")', "gives None (or its default) there"),
    ],
)
def test_reading_the_api_version_back_from_the_clients_query_keeps_the_clients(read, outcome):
    source = f"from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\nprint({read})\n"
    assert left_alone(source, "AOAI111") == (
        f"`{read}` at line 3 reads the api-version the Azure client keeps in its query, which the stock one does "
        f"not have (the read {outcome}); keep this module's Azure clients, or drop that read by hand and re-run"
    )


@pytest.mark.parametrize(
    "read",
    ['c.default_query["x-trace"]', "dict(c.default_query)", 'settings._custom_query["api-version"]', 'c.default_query.get("region")'],
)
def test_other_reads_of_a_query_do_not_keep_the_clients(read):
    source = f"from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\nprint({read})\n"
    outcome = migrate(source)
    assert "c = OpenAI(" in outcome.code and "AOAI111" not in rules_of(outcome)


def test_the_sdk_keeps_the_api_version_only_in_the_azure_clients_query():
    # What the finding above says, on the installed SDK: the read works on AzureOpenAI and fails on
    # the client the tool would have built.
    from openai import AzureOpenAI, OpenAI

    azure = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")
    stock = OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k")
    assert azure._custom_query["api-version"] == azure.default_query["api-version"] == "2024-10-21"
    assert stock.default_query.get("api-version") is None
    with pytest.raises(KeyError):
        stock._custom_query["api-version"]  # noqa: B018
    assert hasattr(azure, "_get_azure_ad_token") and not hasattr(stock, "_get_azure_ad_token")


def test_getting_the_azure_token_from_a_client_keeps_the_clients():
    # (semantic-kernel's azure_realtime.py: `await self.client._get_azure_ad_token()`)
    source = "from openai import AsyncAzureOpenAI\nc = AsyncAzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\nasync def f():\n    return await c._get_azure_ad_token()\n"
    assert left_alone(source, "AOAI111").startswith("`c._get_azure_ad_token` at line 4 reads an attribute only the Azure client has")


REALTIME = (
    "from openai import AsyncAzureOpenAI\n\n"
    "class Realtime(Base):\n"
    "    def __init__(self, async_client: AsyncAzureOpenAI | None = None) -> None:\n"
    "        super().__init__(client=async_client)\n\n"
    "    async def headers(self):\n"
    "{read}"
)


@pytest.mark.parametrize(
    ("read", "shown"),
    [
        ("        token = await self.client._get_azure_ad_token()\n        return token\n", "self.client._get_azure_ad_token"),
        ('        return {"Authorization": f"Bearer {self.client._azure_ad_token}"}\n', "self.client._azure_ad_token"),
        ('        return self.client.default_query["api-version"]\n', 'self.client.default_query["api-version"]'),
    ],
)
def test_an_azure_only_read_in_a_module_that_only_annotates_the_client_is_reported(read, shown):
    # (a trial on semantic-kernel 1.45.0 azure_realtime.py: the module builds no client, its
    # annotation was widened and nothing said the reads fail on a client migrated elsewhere)
    source = REALTIME.format(read=read)
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source  # the annotation stays: the next check is red too
    reported = [f for f in outcome.findings if f.rule == "AOAI111"]
    assert len(reported) == 1 and not reported[0].fixed and reported[0].line == 8
    assert reported[0].message.startswith(f"`{shown}` at line 8 reads ")
    assert reported[0].message.endswith(
        ", and this module only names the Azure class, so a client migrated in another module fails here; keep the "
        "Azure clients that reach this code, or drop that read by hand and re-run"
    )


def test_a_module_that_only_annotates_the_client_and_reads_nothing_azure_only_gets_no_finding():
    outcome = migrate(REALTIME.format(read="        return self.client.api_key\n"))
    assert rules_of(outcome) == ["AOAI002"]


# (a trial on camel-ai 0.2.90: `AzureOpenAI(azure_deployment=..., **kwargs)`: AOAI103 did not name
# the pin, and dropping "the Azure-only keys" by hand sent every call to its own model=)
def test_opaque_kwargs_beside_a_pinned_deployment_name_the_pin():
    source = (
        "from openai import AzureOpenAI\n\n"
        "class Model:\n"
        "    def __init__(self, url, api_key, api_version, azure_deployment_name, **kwargs):\n"
        "        self._client = AzureOpenAI(azure_endpoint=str(url), azure_deployment=azure_deployment_name,\n"
        "                                   api_version=api_version, api_key=api_key, **kwargs)\n\n"
        "    def run(self, messages):\n"
        "        return self._client.chat.completions.create(messages=messages, model='gpt-4o')\n"
    )
    assert left_alone(source, "AOAI103").endswith(
        "explicitly and drop the Azure-only keys; this client also pins every call to the deployment "
        "`azure_deployment_name`: on v1 keep it on the instance (`self.azure_deployment_name = azure_deployment_name`) "
        "and pass `model=self.azure_deployment_name` at each of its chat/completions/embeddings/audio/images calls, "
        "then drop the pin"
    )


@pytest.mark.parametrize(
    ("pin", "clause"),
    [
        ('azure_deployment="gpt-4o", ', '; this client also pins every call to the deployment `"gpt-4o"`: on v1 pass `model="gpt-4o"`'),
        ('base_url=f"{E}/openai/deployments/{D}", ', "; this client also pins every call to one deployment through an expression"),
        ("", None),
    ],
)
def test_opaque_kwargs_name_a_pin_only_where_the_call_has_one(pin, clause):
    message = left_alone(f"from openai import AzureOpenAI\nc = AzureOpenAI({pin}api_key=k, **settings)\n", "AOAI103")
    if clause is None:
        assert message.endswith("explicitly and drop the Azure-only keys")
    else:
        assert "drop the Azure-only keys" + clause in message


# (a recheck, r6d: the AOAI111 reads were told only on receivers named like a client)
@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "from openai import AzureOpenAI\n\n\nclass Service:\n    def __init__(self):\n"
            "        self.llm = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n\n"
            '    def to_dict(self):\n        return {"api_version": self.llm._custom_query["api-version"]}\n',
            id="self.llm set to the Azure constructor",
        ),
        pytest.param(
            "from openai import AzureOpenAI\n\n\ndef endpoint_of(llm: AzureOpenAI) -> str:\n    return llm._azure_endpoint\n",
            id="a parameter annotated with the Azure class",
        ),
        pytest.param(
            'from openai import AzureOpenAI\n\nKEY = "api-version"\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n'
            "print(client.default_query[KEY])\n",
            id="the key through a constant",
        ),
        pytest.param(
            "from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
            'print(getattr(client, "_api_version", None))\n',
            id="getattr",
        ),
        pytest.param(
            "from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
            'q = client.default_query\nprint(q["api-version"])\n',
            id="the query through a name",
        ),
        pytest.param(
            "from openai import AzureOpenAI\n\n\nclass Holder:\n    openai: AzureOpenAI\n\n"
            '    def describe(self) -> dict:\n        return {"api_version": self.openai.default_query["api-version"]}\n',
            id="an attribute the class annotates with the Azure class",
        ),
    ],
)
def test_an_azure_only_read_on_a_client_by_any_name_keeps_the_module_as_it_is(source):
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI111", False)]


def test_a_query_read_on_a_stock_client_does_not_hold_back_the_azure_one():
    source = (
        "from openai import AzureOpenAI, OpenAI\n\n"
        "azure = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
        'other_client = OpenAI(api_key=K, default_query={"api-version": "custom"})\n'
        'print(other_client.default_query["api-version"])\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert 'azure = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n' in outcome.code
    assert rules_of(outcome, fixed=False) == []


@pytest.mark.parametrize(
    ("lines", "endpoint", "spelled", "line"),
    [  # (a trial on lmms-eval 0.7.3 and fschat 0.2.36: each was moved to /openai/v1/ with no finding,
        # where the same literal at the call was reported)
        ('ENDPOINT = "https://trapi.research.microsoft.com/gcr/shared"\n', "ENDPOINT", '"https://trapi.research.microsoft.com/gcr/shared"', 3),
        ('instance = os.getenv("I", "gcr/shared")\nendpoint = f"https://trapi.research.microsoft.com/{instance}"\n', "endpoint", 'f"https://trapi.research.microsoft.com/{instance}"', 4),
        ('URL = os.getenv("AZURE_ENDPOINT", "https://api.cognitive.microsoft.com/sts/v1.0/issueToken")\n', "URL", '"https://api.cognitive.microsoft.com/sts/v1.0/issueToken"', 3),
        ("", 'api_base or "https://api.openai.com/v1"', '"https://api.openai.com/v1"',3),
        ("", 'os.getenv("E", "http://localhost:8080/")', '"http://localhost:8080/"',3),
        ('BASE = "https://gateway.example.com/"\n', 'BASE + "aoai"', '"https://gateway.example.com/"', 3),
        ("", 'E if prod else "https://proxy.corp.example/aoai"', '"https://proxy.corp.example/aoai"',3),
    ],
)
def test_a_non_azure_host_that_reaches_the_endpoint_indirectly_is_reported_as_the_literal_is(lines, endpoint, spelled, line):
    source = f"import os\nfrom openai import AzureOpenAI\n{lines}c = AzureOpenAI(azure_endpoint={endpoint}, api_key=k, api_version=V)\n"
    message = left_alone(source, "AOAI104")
    host = spelled.split("//")[1].split("/")[0].split(":")[0]
    assert message.startswith(f"the endpoint `{endpoint}` may be `{spelled}` (line {line}): {host} is not an Azure OpenAI resource host")
    assert "check that it serves /openai/v1/" in message


def test_a_non_azure_literal_named_by_a_name_gives_the_base_url_to_write():
    source = 'from openai import AzureOpenAI\nE = "https://gw.example.com/aoai/"\nc = AzureOpenAI(azure_endpoint=E, api_key=k, api_version=V)\n'
    assert "then use base_url=https://gw.example.com/aoai/openai/v1/ without api_version by hand" in left_alone(source, "AOAI104")


def test_an_f_string_on_a_non_azure_host_at_the_call_is_reported():
    source = 'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=f"https://gw.example.com/{path}", api_key=k, api_version=V)\n'
    message = left_alone(source, "AOAI104")
    assert message.startswith('the endpoint `f"https://gw.example.com/{path}"`: gw.example.com is not an Azure OpenAI resource host')
    assert "then use base_url=<that endpoint>/openai/v1/ without api_version by hand" in message


def test_a_non_azure_endpoint_in_a_splatted_dict_is_reported():
    source = (
        'from openai import AzureOpenAI\nE = "https://gw.example.com/aoai"\n'
        "args = {\"azure_endpoint\": E, \"api_key\": k, \"api_version\": V}\nc = AzureOpenAI(**args)\n"
    )
    assert left_alone(source, "AOAI104").startswith("the endpoint `E` may be `\"https://gw.example.com/aoai\"` (line 2): gw.example.com is not")


@pytest.mark.parametrize(
    ("lines", "endpoint"),
    [
        ('E = "https://res.openai.azure.com/"\n', "E"),
        ('E = os.getenv("AZURE_OPENAI_ENDPOINT", "https://res.cognitiveservices.azure.com")\n', "E"),
        ("", 'f"https://{name}.openai.azure.com/"'),
        ("", 'f"https://{name}.example.com/"'),  # the host is not known: nothing to say
        ("", 'f"https://api.{region}.example.com/"'),
        ("", '"https://" + host'),
        ("", 'api_base or "https://res.services.ai.azure.com"'),
        ('E = os.getenv("AZURE_OPENAI_ENDPOINT", "")\n', "E"),
        ("def make(endpoint=None):\n    return AzureOpenAI(azure_endpoint=endpoint, api_key=k, api_version=V)\n", "E"),
    ],
)
def test_an_azure_host_or_an_unknown_one_reaching_the_endpoint_still_migrates(lines, endpoint):
    outcome = migrate(f"import os\nfrom openai import AzureOpenAI\n{lines}c = AzureOpenAI(azure_endpoint={endpoint}, api_key=k, api_version=V)\n")
    assert outcome.error is None
    assert "AOAI104" not in rules_of(outcome)
    assert "AzureOpenAI(" not in outcome.code


def test_a_non_azure_url_bound_in_another_branch_of_the_if_does_not_hold_the_client_back():
    # (lmms-eval 0.7.3 tasks/tomato: the api.openai.com URL is bound under `if API_TYPE == "openai":`,
    # the Azure client built under `elif`, where its own Azure default is bound)
    source = (
        "import os\nfrom openai import AzureOpenAI, OpenAI\n\ndef make(kind):\n"
        '    if kind == "openai":\n        endpoint = os.getenv("U", "https://api.openai.com/v1/chat/completions")\n'
        "        return OpenAI(base_url=endpoint)\n"
        '    elif kind == "azure":\n        endpoint = os.getenv("E", "https://res.openai.azure.com/")\n'
        "        return AzureOpenAI(azure_endpoint=endpoint, api_key=k, api_version=V)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "AOAI104" not in rules_of(outcome)
    assert "AzureOpenAI(" not in outcome.code


def test_a_non_azure_url_bound_in_an_if_before_the_call_is_reported():
    source = (
        "import os\nfrom openai import AzureOpenAI\n\ndef make(kind):\n"
        '    endpoint = "https://res.openai.azure.com/"\n'
        '    if kind == "gateway":\n        endpoint = "https://gw.example.com/aoai"\n'
        "    return AzureOpenAI(azure_endpoint=endpoint, api_key=k, api_version=V)\n"
    )
    assert left_alone(source, "AOAI104").startswith('the endpoint `endpoint` may be `"https://gw.example.com/aoai"` (line 7)')

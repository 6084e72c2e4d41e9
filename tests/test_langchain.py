"""LangChain's Azure classes: the shapes a snapshot cannot show (import forms, hold-backs, defaults)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from migrate.runner import migrate_source
from tests.helpers import migrate, rules_of


def unchanged_with(code: str, *rules: str) -> None:
    outcome = migrate(code)
    assert outcome.code == textwrap.dedent(code)
    assert rules_of(outcome, fixed=False) == list(rules), outcome.findings


def rewritten(code: str) -> str:
    outcome = migrate(code)
    assert outcome.code != textwrap.dedent(code)
    assert "AOAI501" in rules_of(outcome, fixed=True)
    ast.parse(outcome.code)
    again = migrate_source(outcome.code)
    assert again.error is None and again.code == outcome.code, "a second run changes nothing"
    return outcome.code


# ---------------------------------------------------------------- import forms


def test_module_path_import_moves_to_the_package_that_exports_chat_openai():
    code = rewritten(
        """\
        from langchain_openai.chat_models.azure import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        """
    )
    assert code.startswith("from langchain_openai import ChatOpenAI\n")
    assert "AzureChatOpenAI" not in code


def test_dotted_module_reference_is_retargeted_on_its_package():
    code = rewritten(
        """\
        import langchain_openai.chat_models.azure

        llm = langchain_openai.chat_models.azure.AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        """
    )
    assert "llm = langchain_openai.chat_models.ChatOpenAI(" in code
    assert "from langchain_openai import" not in code


def test_alias_of_the_azure_module_gets_the_stock_class_imported():
    code = rewritten(
        """\
        import langchain_openai.chat_models.azure as az

        llm = az.AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        """
    )
    assert "from langchain_openai import ChatOpenAI" in code
    assert "llm = ChatOpenAI(" in code


def test_existing_stock_import_absorbs_the_azure_one():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI, ChatOpenAI

        a = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        b = ChatOpenAI(model="gpt-4o")
        """
    )
    assert code.startswith("from langchain_openai import ChatOpenAI\n")
    assert code.count("ChatOpenAI(") == 2


def test_aliased_import_is_renamed_with_its_uses():
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings as Emb

        e = Emb(azure_endpoint=E, api_key=K, model="text-embedding-3-small")
        """
    )
    assert code.startswith("from langchain_openai import OpenAIEmbeddings\n")
    assert 'e = OpenAIEmbeddings(' in code and "Emb(" not in code.replace("OpenAIEmbeddings(", "")


def test_held_back_call_keeps_the_azure_import_and_adds_the_stock_one():
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        a = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        b = AzureChatOpenAI(**settings)
        """
    )
    assert outcome.code.startswith("from langchain_openai import AzureChatOpenAI, ChatOpenAI\n")
    assert "b = AzureChatOpenAI(**settings)" in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI502", "AOAI503"]


def test_function_local_import_is_renamed_in_place():
    code = rewritten(
        """\
        def make():
            from langchain_openai import AzureChatOpenAI
            return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        """
    )
    assert "    from langchain_openai import ChatOpenAI\n" in code


# ---------------------------------------------------------------- arguments


def test_chat_without_deployment_keeps_model_as_the_deployment():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, model="gpt-4o", api_key=K, api_version=V)
        """
    )
    assert 'model="gpt-4o"' in code and "api_version" not in code


def test_azure_only_settings_are_dropped_and_default_query_loses_api_version():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, openai_api_type="azure",
                              validate_base_url=False, default_query={"api-version": V, "x": 1})
        """
    )
    assert "openai_api_type" not in code and "validate_base_url" not in code
    assert 'default_query={"x": 1}' in code


def test_openai_api_key_alias_and_static_token_become_api_key():
    key = rewritten(
        'from langchain_openai import AzureChatOpenAI\n\nl = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", openai_api_key=K)\n'
    )
    token = rewritten(
        'from langchain_openai import AzureChatOpenAI\n\nl = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", azure_ad_token=T)\n'
    )
    assert "api_key=K" in key and "openai_api_key" not in key
    assert "api_key=T" in token


def test_getenv_key_keeps_the_azure_environment_fallback():
    code = rewritten(
        """\
        import os
        from langchain_openai import AzureOpenAIEmbeddings

        emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="d", api_key=os.getenv("MY_KEY"))
        """
    )
    assert 'api_key=os.getenv("MY_KEY") or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]' in code


def test_stream_usage_is_only_added_where_azure_chat_openai_enabled_it():
    with_client = rewritten(
        "import httpx\nfrom langchain_openai import AzureChatOpenAI\n\n"
        'l = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, http_client=httpx.Client(timeout=5))\n'
    )
    explicit = rewritten(
        'from langchain_openai import AzureChatOpenAI\n\nl = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, stream_usage=False)\n'
    )
    assert "stream_usage" not in with_client
    assert "stream_usage=False" in explicit and "stream_usage=True" not in explicit


def test_stream_usage_follows_an_http_client_that_may_be_none():
    # AzureChatOpenAI tested the values (http_client=None left stream_usage on), not the keywords
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        def get_answer(http_client=None, http_async_client=None):
            return AzureChatOpenAI(azure_endpoint=E, deployment_name="d", api_key=K, http_client=http_client, http_async_client=http_async_client)
        """
    )
    assert "        stream_usage=True if http_client is None and http_async_client is None else None,\n" in code


def test_an_http_client_of_none_leaves_stream_usage_on():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        client = None
        a = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, http_client=None)
        b = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, http_client=client, stream_usage=None)
        """
    )
    assert "    http_client=None,\n    stream_usage=True,\n)" in code
    assert "    http_client=client,\n    stream_usage=True,\n)" in code


def test_a_stream_usage_that_may_be_none_is_turned_on_where_azure_did():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        def make(usage, client):
            return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, stream_usage=usage, http_client=client)
        """
    )
    assert "stream_usage=True if usage is None and client is None else usage," in code
    assert code.count("stream_usage") == 1


def test_an_http_client_built_by_a_call_that_may_return_none_is_reported():
    outcome = migrate(
        'from langchain_openai import AzureChatOpenAI\n\nl = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, http_client=make_client())\n'
    )
    assert "ChatOpenAI(base_url" not in outcome.code
    assert rules_of(outcome) == ["AOAI504"]
    assert "http_client=make_client() may be None" in outcome.findings[0].message


# ---------------------------------------------------------------- a deployment that may be None


def test_embeddings_deployment_that_may_be_none_falls_back_to_the_default_model():
    # embedchain: config.deployment_name is Optional[str] = None; AzureOpenAIEmbeddings then called
    # the deployment named by its model, text-embedding-ada-002, and OpenAIEmbeddings(model=None) fails
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings

        class Embedder:
            def __init__(self, config):
                self.config = config
                self.embeddings = AzureOpenAIEmbeddings(deployment=self.config.deployment_name, check_embedding_ctx_length=False)
        """
    )
    assert '            model=self.config.deployment_name or "text-embedding-ada-002",\n' in code


def test_embeddings_deployment_that_may_be_none_falls_back_to_the_given_model_and_keeps_its_tokeniser():
    code = rewritten(
        "import os\nfrom langchain_openai import AzureOpenAIEmbeddings\n\n"
        'e = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment=os.getenv("EMBED_DEPLOYMENT"), model="text-embedding-3-small", api_key=K)\n'
    )
    assert '    model=os.getenv("EMBED_DEPLOYMENT") or "text-embedding-3-small",\n' in code
    assert '    tiktoken_model_name="text-embedding-3-small",\n' in code


def test_chat_deployment_that_may_be_none_falls_back_to_its_model():
    code = rewritten(
        "from langchain_openai import AzureChatOpenAI\n\n"
        "def make(cfg):\n    return AzureChatOpenAI(azure_endpoint=E, azure_deployment=cfg.deployment, model=cfg.model, api_key=K)\n"
    )
    assert "        model=cfg.deployment or cfg.model,\n" in code
    assert "        tiktoken_model_name=cfg.model,\n" in code


@pytest.mark.parametrize(
    ("deployment", "model"),
    [
        ('"gpt-4o-prod"', 'model="gpt-4o-prod"'),
        ('os.environ["CHAT_DEPLOYMENT"]', 'model=os.environ["CHAT_DEPLOYMENT"]'),
        ("None", 'model="gpt-4o"'),
        ("d if d else None", 'model=(d if d else None) or "gpt-4o"'),
    ],
)
def test_only_a_deployment_that_may_be_none_gets_the_fallback(deployment, model):
    code = rewritten(
        "import os\nfrom langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment={deployment}, model="gpt-4o", api_key=K)\n'
    )
    assert f"    {model},\n" in code


@pytest.mark.parametrize(
    "source",
    [
        "def make(deployment=None):\n    return AzureChatOpenAI(azure_endpoint=E, azure_deployment=deployment, api_key=K)\n",
        'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment=os.getenv("CHAT_DEPLOYMENT"), api_key=K)\n',
        "class Bot:\n    deployment: Optional[str] = None\n\n"
        "    def llm(self):\n        return AzureChatOpenAI(azure_endpoint=E, deployment_name=self.deployment, api_key=K)\n",
    ],
)
def test_chat_deployment_shown_to_be_none_with_no_model_is_reported(source):
    outcome = migrate("import os\nfrom typing import Optional\nfrom langchain_openai import AzureChatOpenAI\n\n" + source)
    assert "ChatOpenAI(base_url" not in outcome.code
    assert rules_of(outcome) == ["AOAI504"]
    assert "may be None here" in outcome.findings[0].message and "add model=" in outcome.findings[0].message


def test_chat_deployment_from_a_parameter_without_a_default_is_migrated():
    code = rewritten(
        "from langchain_openai import AzureChatOpenAI\n\n"
        "def make(deployment):\n    return AzureChatOpenAI(azure_endpoint=E, azure_deployment=deployment, api_key=K)\n"
    )
    assert "        model=deployment,\n" in code


def test_embeddings_with_a_deployment_only_tokenise_like_the_default_model():
    code = rewritten(
        'from langchain_openai import AzureOpenAIEmbeddings\n\ne = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="emb", api_key=K)\n'
    )
    assert 'tiktoken_model_name="text-embedding-ada-002"' in code and "chunk_size=2048" in code


def test_embeddings_without_local_tokenisation_or_with_their_own_settings_get_no_extras():
    raw = rewritten(
        "from langchain_openai import AzureOpenAIEmbeddings\n\n"
        'e = AzureOpenAIEmbeddings(azure_endpoint=E, deployment="emb", model="m", api_key=K, check_embedding_ctx_length=False)\n'
    )
    own = rewritten(
        "from langchain_openai import AzureOpenAIEmbeddings\n\n"
        'e = AzureOpenAIEmbeddings(azure_endpoint=E, model="m", api_key=K, chunk_size=16)\n'
    )
    assert "tiktoken_model_name" not in raw and 'model="emb"' in raw and 'model="m"' not in raw
    assert "chunk_size=16" in own and "chunk_size=2048" not in own and "tiktoken_model_name" not in own


def test_a_comment_after_the_last_argument_stays_on_its_line():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(
            azure_endpoint=E,
            azure_deployment="d",
            api_key=K,  # from the vault
        )
        """
    )
    assert "    api_key=K,  # from the vault\n    stream_usage=True,\n)\n" in code


def test_crlf_line_endings_survive():
    source = 'from langchain_openai import AzureChatOpenAI\r\n\r\nl = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)\r\n'
    outcome = migrate_source(source)
    assert outcome.error is None
    assert "ChatOpenAI(" in outcome.code and "\n" not in outcome.code.replace("\r\n", "")


# ---------------------------------------------------------------- providers


def test_async_def_provider_becomes_api_key():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        async def token() -> str:
            return "t"

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", azure_ad_async_token_provider=token)
        """
    )
    assert "api_key=token" in code


@pytest.mark.parametrize(
    ("argument", "phrase"),
    [
        ("azure_ad_async_token_provider=provider", "async def"),
        ("azure_ad_token_provider=credential.get_token", "AccessToken"),
        ("azure_ad_token_provider=DefaultAzureCredential()", "credential object"),
        ("api_key=K, azure_ad_token=T", "both given"),
        ("api_key=K, base_url=B", "azure_endpoint="),
        ("api_key=K, client=c", "prebuilt"),
        ("api_key=K, openai_proxy=P", "ignored openai_proxy"),
        ("api_key=K, model_version='0613'", "model_version"),
        ("api_key=K, default_query=q", "api-version"),
    ],
)
def test_shapes_that_cannot_be_proven_are_reported(argument, phrase):
    outcome = migrate(
        "from azure.identity import DefaultAzureCredential\nfrom langchain_openai import AzureChatOpenAI\n\n"
        f'def make(provider, credential):\n    return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", {argument})\n'
    )
    assert "AzureChatOpenAI(" in outcome.code and "ChatOpenAI(base_url" not in outcome.code
    assert rules_of(outcome) == ["AOAI504"]
    assert phrase in outcome.findings[0].message


def test_chat_model_without_any_deployment_is_reported():
    unchanged_with("from langchain_openai import AzureChatOpenAI\n\nllm = AzureChatOpenAI(azure_endpoint=E, api_key=K)\n", "AOAI504")


# ---------------------------------------------------------------- references and look-alikes


def test_positional_argument_is_reported():
    unchanged_with("from langchain_openai import AzureChatOpenAI\n\nllm = AzureChatOpenAI(config)\n", "AOAI503")
    outcome = migrate("from langchain_openai import AzureChatOpenAI\n\nllm = AzureChatOpenAI(config)\n")
    assert "the positional `config` raises TypeError today" in outcome.findings[0].message


def test_a_starred_sequence_is_reported_as_failing_only_when_it_is_not_empty():
    # deepeval: *self.args is () by default, and AzureChatOpenAI(*(), ...) runs
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        class GPTModel:
            def load_model(self):
                return AzureChatOpenAI(azure_deployment="gpt-4o", *self.args, **self.kwargs)
        """
    )
    assert rules_of(outcome) == ["AOAI503"]
    message = outcome.findings[0].message
    assert "fails today" not in message
    assert "`*self.args` raises TypeError whenever it is not empty; remove `*self.args`" in message
    assert "`**self.kwargs` may carry azure_endpoint" in message


def test_subclass_and_value_uses_are_reported():
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        class Mine(AzureChatOpenAI):
            pass

        FACTORIES = {"azure": AzureChatOpenAI}
        """
    )
    assert outcome.code == textwrap.dedent(
        """\
        from langchain_openai import AzureChatOpenAI

        class Mine(AzureChatOpenAI):
            pass

        FACTORIES = {"azure": AzureChatOpenAI}
        """
    )
    assert rules_of(outcome) == ["AOAI507", "AOAI507"]
    assert "subclass" in outcome.findings[0].message and "value" in outcome.findings[1].message


def test_old_package_attribute_call_is_reported():
    unchanged_with(
        "import langchain_community.chat_models\n\nllm = langchain_community.chat_models.AzureChatOpenAI(deployment_name='d')\n",
        "AOAI506",
    )


def test_legacy_llm_is_not_taken_for_the_openai_client():
    outcome = migrate("import langchain_openai\n\nllm = langchain_openai.AzureOpenAI(azure_endpoint=E, api_version=V)\n")
    assert rules_of(outcome) == ["AOAI508"]
    assert "langchain_openai.AzureOpenAI(" in outcome.code


@pytest.mark.parametrize("package", ["langchain_community.llms", "langchain.llms"])
def test_old_package_legacy_llm_is_reported(package):
    # (a trial on public code: no finding at all, while the chat class of the same package got AOAI506)
    source = f'from {package} import AzureOpenAI\n\nllm = AzureOpenAI(deployment_name="davinci", openai_api_version="2023-05-15")\n'
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI508"]
    assert outcome.findings[0].message.startswith(f"{package}.AzureOpenAI (legacy completions) is not migrated automatically")


def test_openai_transforms_leave_langchain_classes_alone():
    outcome = migrate(
        'from langchain_openai import AzureOpenAIEmbeddings\n\ne = AzureOpenAIEmbeddings(azure_endpoint=E, api_key=K, model="m")\n'
    )
    assert not [r for r in rules_of(outcome) if r.startswith(("AOAI0", "AOAI1", "AOAI2"))]


def test_rebound_name_is_ambiguous():
    unchanged_with(
        """\
        try:
            from langchain_openai import AzureChatOpenAI
        except ImportError:
            AzureChatOpenAI = None

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        """,
        "AOAI505",
    )


def test_shadowed_os_blocks_environment_lookups():
    unchanged_with(
        'from langchain_openai import AzureOpenAIEmbeddings\n\nos = None\nemb = AzureOpenAIEmbeddings(azure_deployment="d")\n', "AOAI505"
    )


def test_suppression_comment_keeps_the_call():
    unchanged_with(
        'from langchain_openai import AzureChatOpenAI\n\nllm = AzureChatOpenAI(azure_deployment="d", api_key=K)  # aoai-migrate: ignore[AOAI501]\n'
    )


def test_a_project_class_of_the_same_name_is_not_touched():
    unchanged_with(
        'class AzureOpenAIEmbeddings:\n    def __init__(self, **kw): ...\n\ne = AzureOpenAIEmbeddings(azure_deployment="d")\n'
    )


# ---------------------------------------------------------------- comments


def test_added_arguments_copy_no_comment_and_kept_comments_stay():
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings
        e = AzureOpenAIEmbeddings(
            azure_endpoint=E,  # the resource
            azure_deployment="emb",
            api_key=K,  # key
        )
        """
    )
    assert code == (
        "from langchain_openai import OpenAIEmbeddings\n"
        "e = OpenAIEmbeddings(\n"
        '    base_url=E.rstrip("/") + "/openai/v1/",  # the resource\n'
        '    model="emb",\n'
        "    api_key=K,  # key\n"
        "    chunk_size=2048,\n"
        '    tiktoken_model_name="text-embedding-ada-002",\n'
        ")\n"
    )


@pytest.mark.parametrize("version_last", [False, True])
def test_a_removed_arguments_comment_goes_with_it_and_lands_on_no_other(version_last):
    middle = '    api_version="2024-10-21",  # GA\n'
    code = rewritten(
        "from langchain_openai import AzureChatOpenAI\n"
        "llm = AzureChatOpenAI(\n"
        '    azure_endpoint="https://res.openai.azure.com/",  # e.g. https://res.openai.azure.com/\n'
        '    azure_deployment="gpt",\n'
        + ("" if version_last else middle)
        + "    api_key=K,\n"
        + (middle if version_last else "")
        + ")\n"
    )
    assert code == (
        "from langchain_openai import ChatOpenAI\n"
        "llm = ChatOpenAI(\n"
        '    base_url="https://res.openai.azure.com/openai/v1/",  # e.g. https://res.openai.azure.com/\n'
        '    model="gpt",\n'
        "    api_key=K,\n"
        "    stream_usage=True,\n"
        ")\n"
    )


def test_a_kept_last_arguments_comment_survives_the_removal_after_it():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI
        llm = AzureChatOpenAI(
            azure_deployment="gpt",  # dep
            api_key=K,  # key
            api_version=V,  # version
        )
        """
    )
    assert code.count("#") == 2 and '    model="gpt",  # dep\n' in code and "    api_key=K,  # key\n" in code


def test_arguments_added_in_front_copy_no_comment():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI
        llm = AzureChatOpenAI(  # opening
            azure_deployment="gpt",  # dep
            api_key=K,
        )
        """
    )
    assert code.count("# opening") == 1 and code.count("# dep") == 1
    assert '    model="gpt",  # dep\n    api_key=K,\n    stream_usage=True,\n)\n' in code


# ---------------------------------------------------------------- preview api-versions


def test_preview_api_version_is_kept_as_a_default_query_that_chat_openai_sends():
    code = rewritten(
        'from langchain_openai import AzureChatOpenAI\n'
        'a = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, api_version="preview")\n'
    )
    assert code == (
        "from langchain_openai import ChatOpenAI\n"
        "a = ChatOpenAI(\n"
        '    base_url=E.rstrip("/") + "/openai/v1/",\n'
        '    model="d",\n'
        "    api_key=K,\n"
        '    default_query={"api-version": "preview"},\n'
        "    stream_usage=True,\n"
        ")\n"
    )
    import openai

    namespace = {"E": "https://r.openai.azure.com/", "K": "k"}
    exec(code, namespace)  # noqa: S102 - the migrated code, offline: building a request sends nothing
    options = openai._models.FinalRequestOptions.construct(method="post", url="/chat/completions", json_data={})
    request = namespace["a"].root_client._build_request(options)
    assert str(request.url) == "https://r.openai.azure.com/openai/v1/chat/completions?api-version=preview"


def test_preview_joins_a_literal_default_query_without_its_old_api_version():
    code = rewritten(
        "from langchain_openai import AzureOpenAIEmbeddings\n"
        'e = AzureOpenAIEmbeddings(azure_endpoint=E, model="m", api_key=K, openai_api_version="preview", '
        'default_query={"x": "1", "api-version": "v"})\n'
    )
    assert 'default_query={"x": "1", "api-version": "preview"}' in code and code.count("default_query") == 1


def test_a_dated_preview_version_goes_with_a_finding_at_the_argument():
    outcome = migrate(
        'from langchain_openai import AzureChatOpenAI\n'
        'b = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, api_version="2025-04-01-preview")\n'
    )
    assert outcome.code == (
        "from langchain_openai import ChatOpenAI\n"
        'b = ChatOpenAI(base_url=E.rstrip("/") + "/openai/v1/", model="d", api_key=K, stream_usage=True)\n'
    )
    [note] = [f for f in outcome.findings if f.rule == "AOAI509"]
    assert (note.line, note.column, note.fixed) == (2, 72, False)
    assert "api_version='2025-04-01-preview'" in note.message and "default_query={'api-version': 'preview'}" in note.message


# ---------------------------------------------------------------- literal keys (AOAI301)


@pytest.mark.parametrize(
    ("call", "prefix"),
    [
        ('AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key="5f3c9a8b7e6d4c2b1a0f9e8d7c6b5a4f")', 'api_key="5f3c'),
        ('AzureOpenAIEmbeddings(azure_endpoint=E, model="m", openai_api_key="5f3c9a8b7e6d4c2b1a0f9e8d7c6b5a4f")', 'openai_api_key="5f3c'),
        ('AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", azure_ad_token="5f3c9a8b7e6d4c2b1a0f9e8d7c6b5a4f")', 'azure_ad_token="5f3c'),
        ('ChatOpenAI(model="m", api_key="5f3c9a8b7e6d4c2b1a0f9e8d7c6b5a4f")', 'api_key="5f3c'),
    ],
)
def test_a_literal_key_in_a_langchain_class_is_reported(call, prefix):
    outcome = migrate(f"from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings, ChatOpenAI\n\nx = {call}\n")
    [finding] = [f for f in outcome.findings if f.rule == "AOAI301"]
    assert (finding.line, finding.column) == (3, 5 + call.index('"5f3c'))
    assert finding.message.startswith(prefix + "********") and not finding.fixed
    assert "5f3c9a8b7e6d4c2b1a0f9e8d7c6b5a4f" not in finding.message


def test_a_placeholder_key_in_a_langchain_class_is_not_reported():
    outcome = migrate('from langchain_openai import ChatOpenAI\n\nx = ChatOpenAI(model="m", api_key="<your-key>")\n')
    assert "AOAI301" not in rules_of(outcome)


# ---------------------------------------------------------------- endpoints


@pytest.mark.parametrize(
    "endpoint",
    ['"https://r.openai.azure.com/openai/"', '"https://r.openai.azure.com/openai"', 'f"https://{name}.openai.azure.com/openai/"'],
)
def test_an_endpoint_already_ending_in_openai_is_reported_not_doubled(endpoint):
    code = f'from langchain_openai import AzureChatOpenAI\n\na = AzureChatOpenAI(azure_endpoint={endpoint}, azure_deployment="d", api_key=K)\n'
    outcome = migrate(code)
    assert outcome.code == code
    [finding] = [f for f in outcome.findings if f.rule == "AOAI504"]
    assert (finding.line, finding.column, finding.fixed) == (3, 5, False)
    assert "ends in /openai" in finding.message and "/openai/openai/deployments/" in finding.message
    assert rules_of(outcome) == ["AOAI504"]


def test_an_endpoint_with_openai_in_the_host_only_is_migrated():
    code = rewritten(
        'from langchain_openai import AzureChatOpenAI\n\na = AzureChatOpenAI(azure_endpoint="https://openai.openai.azure.com/", azure_deployment="d", api_key=K)\n'
    )
    assert 'base_url="https://openai.openai.azure.com/openai/v1/"' in code


# ---------------------------------------------------------------- a token fetched once (AOAI510)


def test_a_token_fetched_once_migrates_with_a_note_to_use_a_provider():
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        def make(credential, scope):
            token = credential.get_token(scope).token
            return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", azure_ad_token=token)
        """
    )
    assert "        api_key=token,\n" in outcome.code and "azure_ad_token" not in outcome.code
    [note] = [f for f in outcome.findings if f.rule == "AOAI510"]
    assert (note.line, note.column, note.fixed) == (5, 68, False)
    assert "expires" in note.message and "api_key=get_bearer_token_provider(credential, " in note.message


@pytest.mark.parametrize(
    "setup",
    ["token = fetch()\n", "token = credential.get_token(s)\n", "token = credential.get_token(s).token\ntoken = other\n"],
)
def test_a_token_not_provably_fetched_once_gets_no_note(setup):
    outcome = migrate(
        "from langchain_openai import AzureChatOpenAI\n\n" + setup
        + 'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", azure_ad_token=token)\n'
    )
    assert "AOAI501" in rules_of(outcome, fixed=True) and "AOAI510" not in rules_of(outcome)


def test_a_token_fetched_inline_gets_the_note():
    outcome = migrate(
        'from langchain_openai import AzureOpenAIEmbeddings\n\ne = AzureOpenAIEmbeddings(azure_endpoint=E, model="m", '
        "azure_ad_token=cred.get_token(S).token)\n"
    )
    assert rules_of(outcome, fixed=False) == ["AOAI502", "AOAI510"]


def test_an_argument_added_after_a_last_one_without_a_comma_gets_its_own_line():
    # (found in a trial on public code: the new argument landed at column 0, the comment alone)
    outcome = migrate(
        "from langchain_openai import AzureChatOpenAI\n\n"
        "llm = AzureChatOpenAI(\n"
        '    azure_deployment="gpt-4o",\n'
        "    api_key=K,  # the key\n"
        "    azure_endpoint=E  # endpoint\n"
        ")\n"
    )
    assert outcome.error is None
    assert outcome.code == (
        "from langchain_openai import ChatOpenAI\n\n"
        "llm = ChatOpenAI(\n"
        '    model="gpt-4o",\n'
        "    api_key=K,  # the key\n"
        '    base_url=E.rstrip("/") + "/openai/v1/",  # endpoint\n'
        "    stream_usage=True\n"
        ")\n"
    )


def test_a_gateway_endpoint_is_left_with_the_reason():
    source = 'from langchain_openai import AzureChatOpenAI\n\na = AzureChatOpenAI(azure_endpoint="https://contoso-apim.azure-api.net/", azure_deployment="d", api_key=K)\n'
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI504"] and "check that it serves /openai/v1/" in outcome.findings[0].message


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        ('model="gpt-4o"', True),
        ('model_name="gpt-4o"', True),
        ('model="chat-dep"', False),  # the same name: nothing to keep
        ('model="gpt-4o", tiktoken_model_name="gpt-4"', False),  # already chosen
    ],
)
def test_a_chat_model_name_beside_the_deployment_stays_for_token_counting(extra, kept):
    # (found in a trial on public code: get_num_tokens_from_messages and trim_messages counted for
    # model=, and the migrated class would count for the deployment's name, or raise for it)
    outcome = migrate(
        "from langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="chat-dep", {extra}, api_key=K, api_version=V)\n'
    )
    assert outcome.error is None
    assert 'model="chat-dep"' in outcome.code
    assert ('tiktoken_model_name="gpt-4o"' in outcome.code) is kept


def test_arguments_aligned_under_the_first_follow_the_shorter_class_name():
    outcome = migrate(
        "from langchain_openai import AzureChatOpenAI\n\n"
        'llm = AzureChatOpenAI(azure_deployment="d",\n'
        "                      azure_endpoint=E,\n"
        "                      api_key=K)\n"
    )
    assert outcome.code == (
        "from langchain_openai import ChatOpenAI\n\n"
        'llm = ChatOpenAI(model="d",\n'
        '                 base_url=E.rstrip("/") + "/openai/v1/",\n'
        "                 api_key=K,\n"
        "                 stream_usage=True)\n"
    )


@pytest.mark.parametrize(
    ("setup", "version", "query", "noted"),
    [
        ('V = "preview"\n', "V", True, None),
        ('V = "2025-04-01-preview"\n', "V", False, "api_version=V ('2025-04-01-preview') was a preview version"),
        ("", 'os.getenv("AZURE_OPENAI_API_VERSION", "2025-04-01-preview")', False, "may be the preview version '2025-04-01-preview'"),
        ("", 'os.getenv("AZURE_OPENAI_API_VERSION", "2024-10-21")', False, None),
    ],
)
def test_the_version_is_followed_through_names_and_environment_defaults(setup, version, query, noted):
    outcome = migrate(
        f"import os\nfrom langchain_openai import AzureChatOpenAI\n{setup}\n"
        f'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K, api_version={version})\n'
    )
    assert "api_version" not in outcome.code.split("llm = ")[1]
    assert ('default_query={"api-version": "preview"}' in outcome.code) is query
    notes = [f for f in outcome.findings if f.rule == "AOAI509"]
    assert [noted in f.message for f in notes] == ([True] if noted else [])


def test_a_key_parameter_defaulting_to_none_keeps_the_azure_fallback():
    """AzureOpenAIEmbeddings(api_key=None) handed None to openai.AzureOpenAI, which read AZURE_OPENAI_*;
    OpenAIEmbeddings(api_key=None) reads OPENAI_API_KEY (trials on chromadb and browser-use, SDK side).
    (AzureChatOpenAI also fell back to workload identity then: it waits, see the AOAI504 tests.)"""
    source = (
        "from typing import Optional\n\nfrom langchain_openai import AzureOpenAIEmbeddings\n\n\n"
        "def make(endpoint: str, api_key: Optional[str] = None):\n"
        '    return AzureOpenAIEmbeddings(azure_endpoint=endpoint, api_key=api_key, azure_deployment="emb", api_version="2024-10-21")\n'
    )
    outcome = migrate_source(source)
    assert outcome.error is None
    assert 'api_key=api_key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],' in outcome.code
    assert outcome.code.startswith("import os\n")


# ---------------------------------------------------------------- the old packages' Azure recipes
# (a trial on public code: langchain 0.0.150/0.0.190's own Azure recipe for OpenAIEmbeddings/ChatOpenAI
# passed `check` with no finding, while the sibling AzureChatOpenAI got AOAI506)


def test_langchain_0_0_azure_recipe_is_reported():
    source = textwrap.dedent(
        """\
        import os

        from langchain.embeddings.openai import OpenAIEmbeddings
        from langchain.chat_models import ChatOpenAI

        os.environ["OPENAI_API_TYPE"] = "azure"
        os.environ["OPENAI_API_BASE"] = "https://res.openai.azure.com/"
        os.environ["OPENAI_API_VERSION"] = "2023-05-15"
        embeddings = OpenAIEmbeddings(deployment="text-embedding-ada-002", chunk_size=1)

        embeddings2 = OpenAIEmbeddings(
            deployment="text-embedding-ada-002",
            openai_api_base="https://res.openai.azure.com/",
            openai_api_type="azure",
            openai_api_version="2023-05-15",
            chunk_size=1,
        )

        chat = ChatOpenAI(
            model_kwargs={"engine": "gpt35"},
            openai_api_base="https://res.openai.azure.com/",
            openai_api_type="azure",
            openai_api_version="2023-05-15",
        )
        """
    )
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI506", "AOAI506", "AOAI506"]
    assert [(f.line, f.column) for f in outcome.findings] == [(9, 14), (11, 15), (19, 8)]
    first, second, third = (f.message for f in outcome.findings)
    assert first.startswith(
        'langchain.embeddings.openai.OpenAIEmbeddings set up for Azure (os.environ["OPENAI_API_TYPE"] = "azure" at line 6) '
        "is the pre-langchain-openai Azure recipe; switch to langchain_openai.AzureOpenAIEmbeddings("
    )
    assert "langchain_openai.OpenAIEmbeddings(model=<deployment>, base_url=<endpoint>/openai/v1/" in first
    assert second.startswith('langchain.embeddings.openai.OpenAIEmbeddings set up for Azure (openai_api_type="azure") ')
    assert third.startswith('langchain.chat_models.ChatOpenAI set up for Azure (openai_api_type="azure") ')
    assert "switch to langchain_openai.AzureChatOpenAI(" in third


@pytest.mark.parametrize(
    ("setup", "call", "how"),
    [
        pytest.param("", 'ChatOpenAI(model_kwargs={"engine": "gpt35"})', 'model_kwargs={"engine": "gpt35"}', id="engine in model_kwargs"),
        pytest.param("", 'ChatOpenAI(engine="gpt35", temperature=0)', 'engine="gpt35"', id="engine keyword"),
        pytest.param("", 'OpenAIEmbeddings(deployment="emb")', 'deployment="emb"', id="embeddings deployment"),
        pytest.param(
            "", 'OpenAIEmbeddings(openai_api_base="https://res.openai.azure.com/")',
            'openai_api_base="https://res.openai.azure.com/"', id="an Azure resource host",
        ),
        pytest.param("", 'ChatOpenAI(openai_api_type="azure_ad")', 'openai_api_type="azure_ad"', id="azure_ad"),
        pytest.param(
            'TYPE = "Azure"\n', "OpenAIEmbeddings(openai_api_type=TYPE)", "openai_api_type=TYPE", id="through a name, any case",
        ),
        pytest.param(
            "", 'OpenAIEmbeddings(openai_api_type=os.getenv("OPENAI_API_TYPE", "azure"))',
            'openai_api_type=os.getenv("OPENAI_API_TYPE", "azure") may be Azure', id="a default",
        ),
        pytest.param(
            'os.environ.setdefault("OPENAI_API_TYPE", "azure")\n', "ChatOpenAI(temperature=0)",
            'os.environ.setdefault("OPENAI_API_TYPE", "azure") at line 6', id="setdefault",
        ),
        pytest.param(
            'openai.api_type = "azure"\n', "ChatOpenAI(temperature=0)", 'openai.api_type = "azure" at line 6',
            id="openai.api_type, read by the old classes",
        ),
        pytest.param(
            'def configure():\n    environ.update({"OPENAI_API_TYPE": "azure"})\n', "OpenAIEmbeddings()",
            'environ.update({"OPENAI_API_TYPE": "azure"}) at line 7', id="os.environ.update in a function",
        ),
    ],
)
def test_old_stock_class_set_up_for_azure_is_reported(setup, call, how):
    source = (
        "import os\nimport openai\nfrom os import environ\n"
        "from langchain_community.chat_models import ChatOpenAI\nfrom langchain_community.embeddings import OpenAIEmbeddings\n"
    )
    source = f"{source}{setup}x = {call}\n"
    outcome = migrate(source)
    assert outcome.code == source
    langchain = [f for f in outcome.findings if f.rule.startswith("AOAI5")]
    assert [f.rule for f in langchain] == ["AOAI506"]
    assert f"set up for Azure ({how}) is the pre-langchain-openai Azure recipe" in langchain[0].message


@pytest.mark.parametrize("package", ["langchain.llms", "langchain_community.llms", "langchain"])
def test_old_completions_class_set_up_for_azure_is_legacy_completions(package):
    source = f'import os\nfrom {package} import OpenAI\n\nos.environ["OPENAI_API_TYPE"] = "azure"\nllm = OpenAI(engine="davinci")\n'
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI508"]
    assert outcome.findings[0].message.startswith(
        f'{package}.OpenAI set up for Azure (os.environ["OPENAI_API_TYPE"] = "azure" at line 4) is legacy completions'
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('from langchain.chat_models import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4", temperature=0)\n', id="chat"),
        pytest.param('from langchain.llms import OpenAI\n\nllm = OpenAI(model_name="text-davinci-003")\n', id="completions"),
        pytest.param(
            'from langchain_community.embeddings import OpenAIEmbeddings\n\ne = OpenAIEmbeddings(model="text-embedding-3-small")\n',
            id="embeddings",
        ),
        pytest.param(
            'import os\nfrom langchain.embeddings import OpenAIEmbeddings\n\nos.environ["OPENAI_API_TYPE"] = "azure"\n'
            'e = OpenAIEmbeddings(deployment="d", openai_api_type="open_ai")\n',
            id="its own api type wins over the environment",
        ),
        pytest.param(
            'import os\nfrom langchain.chat_models import ChatOpenAI\n\nos.environ["OPENAI_API_TYPE"] = "open_ai"\nllm = ChatOpenAI()\n',
            id="the environment says openai.com",
        ),
        pytest.param(
            'from langchain.embeddings import OpenAIEmbeddings\n\ne = OpenAIEmbeddings(openai_api_base="https://api.openai.com/v1")\n',
            id="openai.com's URL",
        ),
        pytest.param(
            'from langchain.chat_models import ChatOpenAI\n\nllm = ChatOpenAI(model_kwargs={"api_type": openai.api_type})\n',
            id="an api type the module does not show",
        ),
        pytest.param(
            'import os\nfrom langchain_openai import ChatOpenAI\n\nos.environ["OPENAI_API_TYPE"] = "azure"\nllm = ChatOpenAI(model="gpt-4o")\n',
            id="langchain_openai's class does not read OPENAI_API_TYPE",
        ),
        pytest.param('class ChatOpenAI:\n    pass\n\nllm = ChatOpenAI(openai_api_type="azure")\n', id="a project class"),
    ],
)
def test_old_stock_class_for_openai_com_gets_no_finding(source):
    outcome = migrate(source)
    assert outcome.code == source
    assert not [f for f in outcome.findings if f.rule.startswith("AOAI5")], outcome.findings


# (a trial on public code, swarms 5.0.0: a subclass of langchain_community's AzureChatOpenAI passed
# `check`, while the same subclass of langchain_openai's class got AOAI507)
@pytest.mark.parametrize(
    "module", ["langchain_community.chat_models.azure_openai", "langchain_community.chat_models", "langchain.chat_models"]
)
def test_subclass_of_an_old_package_azure_class_is_reported(module):
    source = f"from {module} import AzureChatOpenAI\n\n\nclass AzureOpenAILLM(AzureChatOpenAI):\n    def __call__(self, *args, **kwargs):\n        return self.invoke(*args, **kwargs)\n"
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI507"]
    assert (outcome.findings[0].line, outcome.findings[0].column) == (4, 22)  # 1-based, on the base
    assert outcome.findings[0].message == (
        f"a subclass of {module}.AzureChatOpenAI (the pre-langchain-openai class) keeps the Azure routes and api-version; "
        "derive it from langchain_openai.ChatOpenAI and pass model=<deployment>, base_url=.../openai/v1/ by hand"
    )


def test_isinstance_and_value_uses_of_an_old_package_azure_class_are_reported():
    source = (
        "from langchain_community.embeddings import AzureOpenAIEmbeddings\n\n"
        "def embedder(x) -> AzureOpenAIEmbeddings:\n"
        "    assert isinstance(x, AzureOpenAIEmbeddings)\n"
        '    return {"azure": AzureOpenAIEmbeddings}\n'
    )
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI507", "AOAI507"]  # the annotation is no behaviour
    isinstance_, value = (f.message for f in outcome.findings)
    assert isinstance_.startswith("isinstance/issubclass against langchain_community.embeddings.AzureOpenAIEmbeddings")
    assert "test for langchain_openai.OpenAIEmbeddings instead" in isinstance_
    assert value.startswith("langchain_community.embeddings.AzureOpenAIEmbeddings (the pre-langchain-openai class) used as a value")


# ---------------------------------------------------------------- a call-time model= (trial r4a, pr-agent 0.2.4)
# langchain_openai merges a call's keyword arguments over the model's own (``{**self._default_params,
# **kwargs}``): ``invoke(msgs, model=X)`` puts X in the body. With azure_deployment=D the Azure class
# called /deployments/D/ and Azure ignored X; on v1 X is the deployment.


def test_invoke_model_override_on_a_module_level_model_goes_with_the_pin():
    code = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(api_key="KEY", api_version="2024-10-21", azure_deployment="my-deployment", azure_endpoint=E)

        def ask(text):
            return llm.invoke(text, model="gpt-4o", temperature=0).content
        """
    )
    assert 'model="my-deployment"' in code
    assert "return llm.invoke(text, temperature=0).content" in code
    assert "gpt-4o" not in code


@pytest.mark.parametrize(
    "call",
    [
        'await llm.ainvoke(m, model="gpt-4o")',
        'llm.stream(m, model="gpt-4o")',
        'llm.astream(m, model="gpt-4o")',
        'llm.batch([m], model="gpt-4o")',
        'await llm.abatch([m], model="gpt-4o")',
        'llm.bind(model="gpt-4o")',
        'llm.bind_tools(tools, model="gpt-4o")',
        'llm.with_structured_output(Schema, model="gpt-4o")',
        'llm.generate([m], model="gpt-4o")',
        'await llm.agenerate([m], model="gpt-4o")',
    ],
)
def test_every_method_that_passes_model_on_loses_it_in_a_function(call):
    code = rewritten(
        f"""\
        from langchain_openai import AzureChatOpenAI

        async def run(m, tools, Schema):
            llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
            return {call}
        """
    )
    assert "gpt-4o" not in code
    assert call.replace(', model="gpt-4o"', "").replace('model="gpt-4o"', "") in code


def test_the_dropped_model_is_reported_at_the_call():
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        answer = llm.invoke("hi", model="gpt-4o")
        """
    )
    [note] = [f for f in outcome.findings if f.line == 4]
    assert note.rule == "AOAI501" and note.fixed
    assert 'model="gpt-4o" goes' in note.message and '`"d"`' in note.message


def test_embeddings_calls_lose_their_model_too():
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings

        emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="embed", api_key=K)
        vectors = emb.embed_documents(texts, model="text-embedding-3-large")
        query = emb.embed_query("q", model="text-embedding-3-large")
        """
    )
    assert "vectors = emb.embed_documents(texts)\n" in code and 'query = emb.embed_query("q")\n' in code


def test_a_model_returned_by_a_factory_waits_with_the_call_that_overrides_it():
    # pr-agent 0.2.4 langchain_ai_handler.py: _create_chat(deployment_id) ... chat.invoke(input=..., model=model)
    unchanged_with(
        """\
        from langchain_openai import AzureChatOpenAI

        def create_chat(deployment_id: str):
            return AzureChatOpenAI(openai_api_key=K, openai_api_version=V, azure_deployment=deployment_id, azure_endpoint=E)

        def chat(messages, model: str, temperature: float):
            chat = create_chat("my-deployment")
            return chat.invoke(input=messages, model=model, temperature=temperature)
        """,
        "AOAI504",
    )
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        class Handler:
            def __init__(self):
                self.llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)

            def ask(self, m):
                return self.llm.invoke(m, model="gpt-4o")
        """
    )
    [finding] = outcome.findings
    assert finding.rule == "AOAI504" and finding.line == 5
    assert "line 8: `self.llm.invoke(m, model=\"gpt-4o\")` passes model=\"gpt-4o\"" in finding.message
    assert "on v1 a call's model= is the deployment" in finding.message and "drop that model=" in finding.message


def test_a_deployment_that_may_be_none_keeps_the_model_with_its_override():
    # a pin of None pinned nothing: then the call's model= was the deployment, which dropping it would lose
    unchanged_with(
        """\
        import os
        from langchain_openai import AzureChatOpenAI

        def ask(m):
            llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment=os.getenv("DEPLOYMENT"), model="gpt-4o", api_key=K)
            return llm.invoke(m, model="gpt-4o-mini")
        """,
        "AOAI504",
    )


def test_kwargs_at_a_call_may_carry_model():
    outcome = migrate(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)

        def ask(m, **options):
            return llm.invoke(m, **options)
        """
    )
    assert rules_of(outcome) == ["AOAI504"] and "`**options`, which may carry model=" in outcome.findings[0].message


def test_a_configurable_model_name_holds_the_model_back():
    unchanged_with(
        """\
        from langchain_core.runnables import ConfigurableField
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        configurable = llm.configurable_fields(model_name=ConfigurableField(id="model"))
        """,
        "AOAI504",
    )


def test_a_model_that_runs_code_is_not_dropped():
    unchanged_with(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        llm.invoke("hi", model=pick_model())
        """,
        "AOAI504",
    )


@pytest.mark.parametrize(
    "code",
    [
        # no pin: the call's model= named the deployment before, as it does on v1
        'from langchain_openai import AzureChatOpenAI\n\nllm = AzureChatOpenAI(azure_endpoint=E, model="gpt-4o", api_key=K)\n'
        'llm.invoke("hi", model="gpt-4o-mini")\n',
        # the openai SDK's own stream(model=)/generate(model=), an imported module's generate(model=)
        "from langchain_openai import AzureChatOpenAI\nimport ollama\n\n"
        'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)\n'
        'client.chat.completions.stream(model="gpt-4o", messages=[])\n'
        'client.images.generate(model="dall-e-3", prompt="p")\n'
        'ollama.generate(model="llama3", prompt="p")\n',
        # a stock ChatOpenAI talks to openai.com; its model= is its own
        "from langchain_openai import AzureChatOpenAI, ChatOpenAI\n\n"
        'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)\n'
        'other = ChatOpenAI(model="gpt-4o")\nother.invoke("hi", model="gpt-4o-mini")\n',
        # the embeddings model is not told apart from an invoke(model=) on a chat model it does not own
        "from langchain_openai import AzureOpenAIEmbeddings\n\n"
        'emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="e", api_key=K)\n'
        'chain.invoke("hi", model="gpt-4o")\n',
    ],
    ids=["no-pin", "sdk-and-modules", "stock-model", "other-family"],
)
def test_model_overrides_that_are_not_this_models_do_not_hold_it_back(code):
    outcome = migrate(code)
    assert "AOAI504" not in rules_of(outcome), outcome.findings
    assert "AOAI501" in rules_of(outcome, fixed=True)
    calls = [line for line in code.splitlines() if "model=" in line and "AzureChatOpenAI(" not in line and "Embeddings(" not in line]
    assert calls and all(line in outcome.code.splitlines() for line in calls), outcome.code


# ---------------------------------------------------------------- other ways to change the model (trial r4d)


@pytest.mark.parametrize(
    "use, shown",
    [
        ('ask = functools.partial(llm.invoke, model="gpt-4o")\nask("hi")\n', "`llm.invoke` takes the model's bound method"),
        ('run = llm.invoke\nrun("hi", model="gpt-4o")\n', "`llm.invoke` takes the model's bound method"),
        ('run = getattr(llm, "invoke")\nrun("hi", model="gpt-4o")\n', "through getattr()"),
        ('llm.model_copy(update={"model_name": "gpt-4o"}).invoke("hi")\n', "copies the model with an update"),
        ('llm.copy(update=changes).invoke("hi")\n', "copies the model with an update"),
        ('llm.model_name = "gpt-4o"\nllm.invoke("hi")\n', "changes the model's model_name after construction"),
        ('setattr(llm, "model_name", "gpt-4o")\nllm.invoke("hi")\n', "through setattr()"),
        ('llm.model_kwargs["model"] = "gpt-4o"\nllm.invoke("hi")\n', "changes the model's model_kwargs"),
    ],
    ids=["partial", "bound-method", "getattr", "model-copy", "copy-opaque", "store", "setattr", "model-kwargs"],
)
def test_a_pinned_model_changed_another_way_is_held_back(use, shown):
    # Azure sent each of these to /deployments/my-deployment/ whatever model name the request carried;
    # on v1 the model name (gpt-4o) would be the deployment: recorded in trial r4d (rec/lc01, lc02, lc06, lc07)
    code = (
        "import functools\nfrom langchain_openai import AzureChatOpenAI\n\n"
        'llm = AzureChatOpenAI(api_key="KEY", api_version="2024-10-21", azure_deployment="my-deployment", azure_endpoint=E)\n'
        + use
    )
    outcome = migrate(code)
    assert outcome.code == code
    [finding] = [f for f in outcome.findings if f.rule == "AOAI504"]
    assert finding.line == 4 and shown in finding.message, finding.message
    assert "build one model per deployment" in finding.message


@pytest.mark.parametrize(
    "use",
    [
        'llm.model_copy(update={"temperature": 0}).invoke("hi")\n',
        "print(llm.model_name, llm.deployment_name)\n",
        'getattr(llm, "model_name")\n',
        "llm.temperature = 0\n",
    ],
    ids=["copy-without-model", "read-model-name", "getattr-field", "store-other-field"],
)
def test_uses_that_leave_the_model_alone_do_not_hold_it_back(use):
    code = (
        "from langchain_openai import AzureChatOpenAI\n\n"
        'llm = AzureChatOpenAI(api_key="KEY", azure_deployment="my-deployment", azure_endpoint=E)\n' + use
    )
    outcome = migrate(code)
    assert "AOAI504" not in rules_of(outcome), outcome.findings
    assert "AOAI501" in rules_of(outcome, fixed=True)


def test_another_providers_model_calls_do_not_hold_the_model_back():
    # r4d lc_other_provider_false_holdback.py: ollama's generate(model=) and Anthropic's messages.stream(model=)
    outcome = migrate(
        """\
        import anthropic
        import ollama
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(api_key="KEY", azure_deployment="my-deployment", azure_endpoint=E)
        claude = anthropic.Anthropic()
        local = ollama.Client(host="http://localhost:11434")

        def ask(text):
            local.generate(model="llama3", prompt=text)
            with claude.messages.stream(model="claude-3-5-sonnet-latest", max_tokens=100, messages=[]) as s:
                return llm.invoke(text)
        """
    )
    assert "AOAI504" not in rules_of(outcome), outcome.findings
    assert 'local.generate(model="llama3", prompt=text)' in outcome.code
    assert 'claude.messages.stream(model="claude-3-5-sonnet-latest"' in outcome.code
    assert "ChatOpenAI(" in outcome.code


def test_an_object_of_another_library_built_from_the_model_may_still_be_it():
    unchanged_with(
        """\
        import wrappers
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(api_key="KEY", azure_deployment="my-deployment", azure_endpoint=E)
        agent = wrappers.Agent(llm)
        agent.invoke("hi", model="gpt-4o")
        """,
        "AOAI504",
    )


def test_a_call_on_a_prompt_pipe_does_not_reach_the_model():
    # RunnableSequence.invoke hands **kwargs to its first step only (langchain_core runnables/base.py);
    # recorded in r4d (rec/lc04_pipe_orig.json): the body had no model=gpt-4o
    code = rewritten(
        """\
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(api_key="KEY", azure_deployment="my-deployment", azure_endpoint=E)
        chain = ChatPromptTemplate.from_messages([("user", "{q}")]) | llm
        chain.invoke({"q": "hi"}, model="gpt-4o")
        """
    )
    assert 'chain.invoke({"q": "hi"}, model="gpt-4o")' in code and 'model="my-deployment"' in code
    unchanged_with(
        """\
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(api_key="KEY", azure_deployment="my-deployment", azure_endpoint=E)
        chain = llm | parser
        chain.invoke("hi", model="gpt-4o")
        """,
        "AOAI504",
    )


# ---------------------------------------------------------------- workload identity (trial r5a #3, embedchain)
# AzureChatOpenAI (langchain-openai>=1.6.7) with no key, token or provider, given or in the environment,
# fell back to WorkloadIdentityCredential when AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_FEDERATED_TOKEN_FILE
# were set (AKS); ChatOpenAI has no such fallback, so the rewrite raised KeyError('OPENAI_API_KEY') there.


def _workload_identity_finding(code: str) -> str:
    outcome = migrate(code)
    assert outcome.error is None
    assert outcome.code == textwrap.dedent(code)
    assert rules_of(outcome, fixed=False) == ["AOAI504"], outcome.findings
    message = outcome.findings[0].message
    assert "workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE" in message
    assert "WorkloadIdentityCredential()" in message and message.endswith("and re-run")
    return message


def test_chat_model_with_no_credential_waits_for_workload_identity():
    message = _workload_identity_finding(
        """\
        from langchain_openai import AzureChatOpenAI

        def answer(prompt, config):
            chat = AzureChatOpenAI(
                deployment_name=config.deployment_name,
                openai_api_version="2024-02-01",
                model_name=config.model or "gpt-4o-mini",
                http_client=config.http_client,
            )
            return chat.invoke([("user", prompt)]).content
        """
    )
    assert message.startswith("AzureChatOpenAI has no credential here")


@pytest.mark.parametrize(
    ("argument", "shown"),
    [
        ('api_key=os.getenv("MY_KEY")', 'api_key=os.getenv("MY_KEY")'),
        ('openai_api_key=os.environ.get("AZURE_OPENAI_API_KEY")', 'openai_api_key=os.environ.get("AZURE_OPENAI_API_KEY")'),
        ("azure_ad_token_provider=provider", "azure_ad_token_provider=provider"),
        ("api_key=key", "api_key=key"),
    ],
)
def test_chat_model_with_a_credential_that_may_be_none_waits_for_workload_identity(argument, shown):
    message = _workload_identity_finding(
        "import os\n"
        "from langchain_openai import AzureChatOpenAI\n\n"
        "def make(provider=None, key=None):\n"
        f'    return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", {argument})\n'
    )
    assert message.startswith(f"{shown} may be None here")


def test_chat_model_with_a_key_that_may_be_empty_waits_for_workload_identity():
    # an empty key is no key to AzureChatOpenAI (it tested its truth): the same fallback
    message = _workload_identity_finding(
        "import os\n"
        "from langchain_openai import AzureChatOpenAI\n\n"
        'key = os.getenv("AZURE_OPENAI_API_KEY", "")\n'
        'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=key)\n'
    )
    assert message.startswith("api_key=key may be empty here")


def test_chat_model_with_a_key_defaulting_to_another_is_still_migrated():
    code = rewritten(
        """\
        import os
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=os.getenv("MY_KEY", K))
        """
    )
    assert 'api_key=os.getenv("MY_KEY", K),' in code


def test_chat_model_with_a_key_checked_before_is_still_migrated():
    code = rewritten(
        """\
        import os
        from langchain_openai import AzureChatOpenAI

        key = os.getenv("MY_KEY")
        if key:
            llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=key)
        """
    )
    assert "api_key=key," in code


def test_embeddings_with_no_credential_are_still_migrated():
    # AzureOpenAIEmbeddings has no workload-identity fallback: the environment's keys are all it read
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings

        emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="emb")
        """
    )
    assert 'api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ.get("AZURE_OPENAI_API_KEY") or os.environ["OPENAI_API_KEY"],' in code


def _api_key_under(code: str, environ: dict[str, str], provider: object) -> object:
    """The value the migrated ``api_key=`` expression takes with ``environ`` and the provider given."""
    call = next(n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "OpenAIEmbeddings")
    expression = next(k.value for k in call.keywords if k.arg == "api_key")

    class _Os:
        pass

    fake = _Os()
    fake.environ = environ  # type: ignore[attr-defined]
    try:
        return eval(compile(ast.Expression(expression), "<api_key>", "eval"), {"os": fake, "token_provider": provider})
    except KeyError as missing:
        return f"KeyError: {missing}"


def test_embeddings_with_a_provider_that_may_be_none_keep_the_environment_keys() -> None:
    """A trial: ``AzureOpenAIEmbeddings(azure_ad_token_provider=None)`` read AZURE_OPENAI_AD_TOKEN, then
    AZURE_OPENAI_API_KEY, then OPENAI_API_KEY (``secret_from_env``); ``OpenAIEmbeddings(api_key=None)``
    does not (recorded with AZURE_OPENAI_API_KEY set: langchain-openai 1.8.1 raised ValueError)."""
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings

        def make(token_provider=None):
            return AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="emb", azure_ad_token_provider=token_provider)
        """
    )
    both = {"AZURE_OPENAI_API_KEY": "azkey", "OPENAI_API_KEY": "sk-openai"}
    assert _api_key_under(code, both, None) == "azkey"
    assert _api_key_under(code, {**both, "AZURE_OPENAI_AD_TOKEN": "adtok"}, None) == "adtok"
    assert _api_key_under(code, {"OPENAI_API_KEY": "sk-openai"}, None) == "sk-openai"  # as langchain's own fallback
    assert _api_key_under(code, {}, None) == "KeyError: 'OPENAI_API_KEY'"
    provider = lambda: "t"  # noqa: E731
    assert _api_key_under(code, both, provider) is provider  # a given provider is kept


def test_embeddings_with_a_provider_that_is_set_get_no_fallback() -> None:
    code = rewritten(
        """\
        from langchain_openai import AzureOpenAIEmbeddings
        from azure.identity import DefaultAzureCredential, get_bearer_token_provider

        token_provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")
        emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="emb", azure_ad_token_provider=token_provider)
        """
    )
    assert "api_key=token_provider," in code
    assert "os.environ" not in code


# ---------------------------------------------------------------- annotations (trial r5b #5, quivr-core)


def test_a_union_with_the_stock_class_drops_the_duplicate_and_its_union_import():
    code = rewritten(
        """\
        from typing import Union

        from langchain_openai import AzureChatOpenAI, ChatOpenAI

        def build(key, endpoint, deployment, azure: bool) -> Union[AzureChatOpenAI, ChatOpenAI]:
            if azure:
                return AzureChatOpenAI(azure_deployment=deployment, api_version="2024-06-01", api_key=key, azure_endpoint=endpoint)
            return ChatOpenAI(model="gpt-4o", api_key=key)
        """
    )
    assert "-> ChatOpenAI:" in code
    assert "Union" not in code


def test_a_union_keeps_its_other_members_in_order():
    code = rewritten(
        """\
        from typing import Optional, Union

        from langchain_anthropic import ChatAnthropic
        from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings, ChatOpenAI, OpenAIEmbeddings

        _llm: Union[ChatOpenAI, AzureChatOpenAI, ChatAnthropic]
        _llm = AzureChatOpenAI(azure_deployment="d", api_key=K, azure_endpoint=E)
        y: Optional[Union[AzureChatOpenAI, ChatOpenAI]] = None
        e: AzureOpenAIEmbeddings | OpenAIEmbeddings | None = AzureOpenAIEmbeddings(azure_deployment="e", api_key=K, azure_endpoint=E)
        """
    )
    assert "_llm: Union[ChatOpenAI, ChatAnthropic]\n" in code
    assert "y: Optional[ChatOpenAI] = None\n" in code
    assert "e: OpenAIEmbeddings | None = OpenAIEmbeddings(" in code


def test_chat_annotations_stay_while_the_module_still_builds_the_azure_class():
    # AzureChatOpenAI derives from BaseChatOpenAI, not ChatOpenAI: a field annotated ChatOpenAI
    # rejects it (pydantic), so the annotation waits with the constructor
    source = (
        "from pydantic import BaseModel\n"
        "from langchain_openai import AzureChatOpenAI, ChatOpenAI\n\n\n"
        "class Holder(BaseModel):\n"
        "    llm: AzureChatOpenAI\n\n\n"
        "def make(key=None):\n"
        '    return Holder(llm=AzureChatOpenAI(azure_deployment="d", azure_endpoint=E, api_key=key))\n'
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI504"]


def test_chat_annotations_stay_when_one_of_two_constructors_waits():
    outcome = migrate(
        "from langchain_openai import AzureChatOpenAI\n\n"
        "def pick(fast: bool, key=None) -> AzureChatOpenAI:\n"
        "    if fast:\n"
        '        return AzureChatOpenAI(azure_deployment="mini", azure_endpoint=E, api_key=K)\n'
        '    return AzureChatOpenAI(azure_deployment="big", azure_endpoint=E, api_key=key)\n'
    )
    assert outcome.error is None
    assert "-> AzureChatOpenAI:" in outcome.code and "return ChatOpenAI(" in outcome.code
    assert "from langchain_openai import AzureChatOpenAI, ChatOpenAI\n" in outcome.code
    assert "AOAI504" in rules_of(outcome, fixed=False)


def test_embeddings_annotations_follow_a_migrated_constructor_while_another_waits():
    # AzureOpenAIEmbeddings is an OpenAIEmbeddings: the renamed annotation still takes the one left
    outcome = migrate(
        "from langchain_openai import AzureOpenAIEmbeddings\n\n"
        "def pick(small: bool, **settings) -> AzureOpenAIEmbeddings:\n"
        "    if small:\n"
        '        return AzureOpenAIEmbeddings(azure_deployment="small", azure_endpoint=E, api_key=K)\n'
        "    return AzureOpenAIEmbeddings(**settings)\n"
    )
    assert outcome.error is None
    assert "-> OpenAIEmbeddings:" in outcome.code and "return AzureOpenAIEmbeddings(**settings)" in outcome.code


# (a round-5 trial on controlflow 0.12.1: ``isinstance(model, (ChatOpenAI, AzureChatOpenAI))`` was said to be
# False for a migrated ChatOpenAI, and held the module's constructors back, though the tuple names ChatOpenAI)
def test_an_isinstance_check_that_names_chat_openai_too_is_said_to_stay_true():
    code = """\
        from langchain_openai import AzureChatOpenAI, ChatOpenAI

        def is_openai_model(model) -> bool:
            return isinstance(model, (ChatOpenAI, AzureChatOpenAI))
        """
    outcome = migrate(code)
    assert outcome.code == textwrap.dedent(code)  # the member stays: Azure models built elsewhere still pass
    (finding,) = outcome.findings
    assert finding.rule == "AOAI507"
    assert finding.message == (
        "this check names ChatOpenAI too, so it stays True for a migrated ChatOpenAI; "
        "AzureChatOpenAI can go from it once nothing builds one"
    )


def test_an_isinstance_check_that_names_chat_openai_too_does_not_hold_the_constructor_back():
    new = rewritten(
        """\
        from langchain_openai import AzureChatOpenAI, ChatOpenAI

        def is_openai_model(model) -> bool:
            return isinstance(model, ChatOpenAI | AzureChatOpenAI)

        llm = AzureChatOpenAI(azure_endpoint="https://r.openai.azure.com/", azure_deployment="d", api_key=K)
        """
    )
    assert new.endswith(
        'llm = ChatOpenAI(\n    base_url="https://r.openai.azure.com/openai/v1/",\n    model="d",\n    api_key=K,\n'
        "    stream_usage=True,\n)\n"
    )
    assert "isinstance(model, ChatOpenAI | AzureChatOpenAI)" in new  # still True for the migrated model


def test_an_isinstance_check_on_the_azure_class_alone_still_holds_the_constructor_back():
    unchanged_with(
        """\
        from langchain_openai import AzureChatOpenAI, ChatOpenAI

        def is_azure(model) -> bool:
            return isinstance(model, (AzureChatOpenAI, str))

        llm = AzureChatOpenAI(azure_endpoint="https://r.openai.azure.com/", azure_deployment="d", api_key=K)
        """,
        "AOAI507",
        "AOAI507",
    )


# ---------------------------------------------------------------- string annotations (trial r5d #8)


def test_a_string_annotation_follows_the_constructor_and_its_import_goes():
    code = rewritten(
        """\
        import os
        from langchain_openai import AzureChatOpenAI


        def make() -> "AzureChatOpenAI":
            return AzureChatOpenAI(azure_endpoint="https://res.openai.azure.com", azure_deployment="dep1", api_version="2024-06-01", api_key=os.environ["K"])
        """
    )
    assert 'def make() -> "ChatOpenAI":' in code
    assert "from langchain_openai import ChatOpenAI\n" in code
    assert "AzureChatOpenAI" not in code


def test_string_annotations_in_a_union_optional_or_through_the_module_are_renamed():
    code = rewritten(
        """\
        from typing import Optional, TYPE_CHECKING

        import langchain_openai as lo
        from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings, ChatOpenAI

        if TYPE_CHECKING:
            from langchain_openai.chat_models.azure import AzureChatOpenAI as Azure

        def make() -> "Optional[AzureChatOpenAI]":
            return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)

        def other() -> "lo.AzureChatOpenAI":
            return lo.AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)

        def either(llm: "AzureChatOpenAI | ChatOpenAI | None", typed: "Azure") -> "lo.AzureOpenAIEmbeddings":
            return AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="e", api_key=K)
        """
    )
    assert 'def make() -> "Optional[ChatOpenAI]":' in code
    assert 'def other() -> "lo.ChatOpenAI":' in code
    assert 'def either(llm: "ChatOpenAI | None", typed: "ChatOpenAI") -> "lo.OpenAIEmbeddings":' in code
    # the other names a string reads stay imported; the TYPE_CHECKING alias goes for the module's ChatOpenAI
    assert "from typing import Optional, TYPE_CHECKING\n" in code
    assert "from langchain_openai import OpenAIEmbeddings, ChatOpenAI\n" in code
    assert "Azure" not in code


def test_chat_string_annotations_stay_while_the_module_still_builds_the_azure_class():
    outcome = migrate(
        "from langchain_openai import AzureChatOpenAI\n\n"
        'def pick(fast: bool, key=None) -> "AzureChatOpenAI":\n'
        "    if fast:\n"
        '        return AzureChatOpenAI(azure_deployment="mini", azure_endpoint=E, api_key=K)\n'
        '    return AzureChatOpenAI(azure_deployment="big", azure_endpoint=E, api_key=key)\n'
    )
    assert outcome.error is None
    assert '-> "AzureChatOpenAI":' in outcome.code and "return ChatOpenAI(" in outcome.code
    assert "from langchain_openai import AzureChatOpenAI, ChatOpenAI\n" in outcome.code


def test_a_string_annotation_whose_stock_name_is_taken_is_reported():
    outcome = migrate(
        "import langchain_openai as lo\n"
        "from langchain_openai import AzureChatOpenAI\n\n"
        "ChatOpenAI = object\n\n"
        'def make() -> "AzureChatOpenAI":\n'
        '    return lo.AzureChatOpenAI(azure_deployment="d", azure_endpoint=E, api_key=K)\n'
    )
    assert outcome.error is None
    assert '-> "AzureChatOpenAI":' in outcome.code and "return lo.ChatOpenAI(" in outcome.code
    assert "from langchain_openai import AzureChatOpenAI\n" in outcome.code
    assert any(f.rule == "AOAI501" and not f.fixed and "string annotation" in f.message for f in outcome.findings), outcome.findings


def test_a_string_naming_an_sdk_and_a_langchain_azure_class_gets_both_renames():
    code = rewritten(
        """\
        from typing import Union
        from openai import AzureOpenAI
        from langchain_openai import AzureChatOpenAI

        def make(x) -> "Union[AzureOpenAI, AzureChatOpenAI]":
            if x:
                return AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-10-21")
            return AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=K)
        """
    )
    assert 'def make(x) -> "Union[OpenAI, ChatOpenAI]":' in code
    assert "from openai import OpenAI\n" in code and "from langchain_openai import ChatOpenAI\n" in code


# (a round-6 trial on browser-use 0.1.40: ``api_key=SecretStr(os.getenv(X, ''))`` was taken as always set, and
# with X unset ChatOpenAI raised "Missing credentials" where AzureChatOpenAI read AZURE_OPENAI_API_KEY)
@pytest.mark.parametrize(
    ("wrapper", "imported"),
    [
        ("SecretStr", "from pydantic import SecretStr"),
        ("pydantic.SecretStr", "import pydantic"),
        ("convert_to_secret_str", "from langchain_core.utils import convert_to_secret_str"),
    ],
)
@pytest.mark.parametrize("credential", ["api_key", "azure_ad_token"])
def test_chat_model_with_a_secret_str_that_may_be_empty_waits_for_workload_identity(wrapper, imported, credential):
    message = _workload_identity_finding(
        f"import os\n{imported}\n"
        "from langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", {credential}={wrapper}(os.getenv("K", "")))\n'
    )
    assert message.startswith(f'{credential}={wrapper}(os.getenv("K", "")) may be empty here')


def test_chat_model_with_a_name_bound_to_a_secret_str_that_may_be_empty_is_not_migrated():
    message = _workload_identity_finding(
        "import os\nfrom pydantic import SecretStr\n"
        "from langchain_openai import AzureChatOpenAI\n\n"
        'key = SecretStr(os.getenv("K", ""))\n'
        'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=key)\n'
    )
    assert message.startswith("api_key=key may be empty here")


@pytest.mark.parametrize("cls", ["AzureChatOpenAI", "AzureOpenAIEmbeddings"])
def test_a_secret_str_of_a_lookup_that_may_be_none_is_not_migrated(cls):
    # SecretStr(None): the Azure classes failed on it when built (TypeError), the stock ones build without a key
    code = (
        "import os\nfrom pydantic import SecretStr\n"
        f"from langchain_openai import {cls}\n\n"
        f'm = {cls}(azure_endpoint=E, azure_deployment="d", api_key=SecretStr(os.getenv("K")))\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    (finding,) = outcome.findings
    assert finding.rule == "AOAI504"
    assert finding.message.startswith(
        f'api_key=SecretStr(os.getenv("K")) is SecretStr(None) where os.getenv("K") is None, on which {cls} failed '
        "when it was built (TypeError)"
    )


def test_a_secret_str_that_is_always_set_is_still_migrated():
    code = rewritten(
        """\
        import os
        from pydantic import SecretStr
        from langchain_openai import AzureChatOpenAI

        llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=SecretStr(os.environ["K"]))
        """
    )
    assert 'api_key=SecretStr(os.environ["K"])' in code


@pytest.mark.parametrize("key", ['os.getenv("K", "")', 'SecretStr(os.getenv("K", ""))'])
def test_embeddings_with_a_key_that_may_be_empty_fall_back_to_the_azure_variables(key):
    # an empty key is no key to AzureOpenAIEmbeddings (it tested its truth): the SDK then read
    # AZURE_OPENAI_AD_TOKEN or AZURE_OPENAI_API_KEY, where OpenAIEmbeddings passes "" on ("Missing credentials")
    code = rewritten(
        "import os\nfrom pydantic import SecretStr\n"
        "from langchain_openai import AzureOpenAIEmbeddings\n\n"
        f'emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="d", api_key={key})\n'
    )
    assert f'api_key={key} or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]' in code


def test_embeddings_with_an_ad_token_that_may_be_empty_are_not_migrated():
    code = (
        "import os\nfrom pydantic import SecretStr\n"
        "from langchain_openai import AzureOpenAIEmbeddings\n\n"
        'emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="d", azure_ad_token=SecretStr(os.getenv("T", "")))\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    (finding,) = outcome.findings
    assert finding.rule == "AOAI504"
    assert finding.message.startswith(
        'azure_ad_token=SecretStr(os.getenv("T", "")) may be empty here, and then AzureOpenAIEmbeddings took a key '
        "from AZURE_OPENAI_API_KEY or OPENAI_API_KEY"
    )


# (a recheck, r6d, of the browser-use shape: ``api_key=SecretStr(os.getenv(X) or "")``, the plain
# ``os.getenv(X) or ""`` and ``pydantic.SecretStr(...)`` were taken as always set; with X unset ChatOpenAI
# raised "Missing credentials" where AzureChatOpenAI read AZURE_OPENAI_API_KEY)
EMPTY_LAST_ARM = [
    'os.getenv("K") or ""',
    "os.getenv('K') or ''",
    'os.environ.get("K") or os.getenv("J") or ""',
    '(os.getenv("K") or "")',
    'os.environ["K"] or ""',
    'SecretStr(os.getenv("K") or "")',
    'pydantic.SecretStr(os.getenv("K") or "")',
    '"" if x else os.environ["K"]',
    'os.environ["K"] if x else ""',
]
SECRET_IMPORTS = "import os\nimport pydantic\nfrom pydantic import SecretStr\n"


@pytest.mark.parametrize("key", EMPTY_LAST_ARM)
def test_chat_model_with_a_key_whose_last_arm_is_empty_waits_for_workload_identity(key):
    message = _workload_identity_finding(
        f"{SECRET_IMPORTS}from langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key={key})\n'
    )
    assert message.startswith(f"api_key={key} may be empty here")


def test_chat_model_with_a_secret_str_of_a_name_bound_to_an_or_empty_lookup_is_not_migrated():
    message = _workload_identity_finding(
        f"{SECRET_IMPORTS}from langchain_openai import AzureChatOpenAI\n\n"
        'key = os.getenv("K") or ""\n'
        'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key=SecretStr(key))\n'
    )
    assert message.startswith("api_key=SecretStr(key) may be empty here")


@pytest.mark.parametrize(
    ("key", "kept"),
    [
        ('os.getenv("K") or ""', 'os.getenv("K")'),  # ``or ""`` before the fallback would read as a mistake
        ("os.getenv('K') or ''", "os.getenv('K')"),
        ('os.getenv("K") or None', 'os.getenv("K")'),
        ('os.environ.get("K") or os.getenv("J") or ""', 'os.environ.get("K") or os.getenv("J")'),
        ('(os.getenv("K") or "")', '(os.getenv("K") or "")'),
        ('SecretStr(os.getenv("K") or "")', 'SecretStr(os.getenv("K") or "")'),
        ('pydantic.SecretStr(os.getenv("K") or "")', 'pydantic.SecretStr(os.getenv("K") or "")'),
        ('"" if x else os.environ["K"]', '("" if x else os.environ["K"])'),
    ],
)
def test_embeddings_with_a_key_whose_last_arm_is_empty_fall_back_to_the_azure_variables(key, kept):
    code = rewritten(
        f"{SECRET_IMPORTS}from langchain_openai import AzureOpenAIEmbeddings\n\n"
        f'emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="d", api_key={key})\n'
    )
    assert f'api_key={kept} or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],' in code


def test_embeddings_with_an_ad_token_whose_last_arm_is_empty_are_not_migrated():
    code = (
        f"{SECRET_IMPORTS}from langchain_openai import AzureOpenAIEmbeddings\n\n"
        'emb = AzureOpenAIEmbeddings(azure_endpoint=E, azure_deployment="d", azure_ad_token=SecretStr(os.getenv("T") or ""))\n'
    )
    outcome = migrate(code)
    assert outcome.code == code
    (finding,) = outcome.findings
    assert finding.rule == "AOAI504"
    assert finding.message.startswith('azure_ad_token=SecretStr(os.getenv("T") or "") may be empty here')


@pytest.mark.parametrize("key", ['os.getenv("K") or "key"', 'SecretStr(os.getenv("K") or "key")', 'os.environ["K"] if x else "key"'])
def test_a_key_whose_every_arm_is_set_is_still_migrated_as_is(key):
    code = rewritten(
        f"{SECRET_IMPORTS}from langchain_openai import AzureChatOpenAI\n\n"
        f'llm = AzureChatOpenAI(azure_endpoint=E, azure_deployment="d", api_key={key})\n'
    )
    assert f"    api_key={key},\n" in code


EMBED_WITH_OR_EMPTY = """\
import os
from pydantic import SecretStr
from langchain_openai import AzureOpenAIEmbeddings

emb = AzureOpenAIEmbeddings(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="emb",
    api_version="2024-10-21",
    check_embedding_ctx_length=False,
    api_key=KEY,
)
print(len(emb.embed_query("hi")))
"""


@pytest.mark.parametrize("key", ['os.getenv("AZURE_OPENAI_KEY") or ""', 'SecretStr(os.getenv("AZURE_OPENAI_KEY") or "")'])
@pytest.mark.parametrize("own", [None, "", "own-key"])
def test_embeddings_with_an_or_empty_key_send_the_same_key_after_migration(tmp_path, key, own):
    # recorded: with AZURE_OPENAI_KEY unset or empty the Azure class sent AZURE_OPENAI_API_KEY's key, and
    # so must the migrated one (it raised "Missing credentials" before the fix); with it set, its own key
    from tests.test_behaviour import assert_ran_and_called_the_api, record, sample_env

    source = EMBED_WITH_OR_EMPTY.replace("KEY", key, 1)
    migrated = rewritten(source)
    env = sample_env("or_empty")
    if own is not None:
        env["AZURE_OPENAI_KEY"] = own
    sent = []
    for name, code in (("before", source), ("after", migrated)):
        script = tmp_path / f"{name}.py"
        script.write_text(code, encoding="utf-8")
        recording = record(name, name, script, tmp_path / f"{name}.json", env=env, cwd=tmp_path)
        assert_ran_and_called_the_api(recording)
        sent.append([(r["path"], r["query"], r["headers"].get("api-key") or r["headers"]["authorization"]) for r in recording.requests])
    expected_key = own or "azure-key-123"
    assert sent == [
        [("/openai/deployments/emb/embeddings", {"api-version": ["2024-10-21"]}, expected_key)],
        [("/openai/v1/embeddings", {}, f"Bearer {expected_key}")],
    ]


# (a round-6 trial on ragas 0.4.3: a list of recognised classes fed to isinstance was said to be
# "constructed elsewhere with Azure arguments", though nothing built one and the list names ChatOpenAI too)
@pytest.mark.parametrize(("display", "shown"), [("[ChatOpenAI, AzureChatOpenAI]", "list"), ("(AzureChatOpenAI, ChatOpenAI)", "tuple")])
def test_a_collection_of_classes_that_names_chat_openai_too_is_said_to_still_match(display, shown):
    code = f"""\
        from langchain_openai.chat_models import AzureChatOpenAI, ChatOpenAI

        SUPPORTED = {display}

        def supported(llm) -> bool:
            return any(isinstance(llm, t) for t in SUPPORTED)
        """
    outcome = migrate(code)
    assert outcome.code == textwrap.dedent(code)
    (finding,) = outcome.findings
    assert finding.rule == "AOAI507" and not finding.fixed  # as the isinstance tuple: check still lists it
    assert finding.message == (
        f"this {shown} names ChatOpenAI too, so isinstance checks against its members still match a migrated "
        "ChatOpenAI; AzureChatOpenAI can go from it once nothing builds one"
    )


def test_a_list_of_azure_classes_alone_is_still_said_to_be_constructed_elsewhere():
    outcome = migrate("from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings\n\nAZURE = [AzureChatOpenAI, AzureOpenAIEmbeddings]\n")
    assert [f.message.split(" used as a value")[0] for f in outcome.findings] == ["AzureChatOpenAI", "AzureOpenAIEmbeddings"]

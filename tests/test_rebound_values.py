"""A key or endpoint bound more than once, where the binding that reaches the client cannot be
told without running the code (one in an ``if``, a ``try``, a loop, a ``with``, a ``global``
rebinding, a walrus): it may be None when any of its bindings may be, and then the migrated client
keeps AzureOpenAI's environment fallback (a trial on lightrag: ``if not api_key: api_key =
os.environ.get(...)`` after ``api_key=None`` lost it, and OPENAI_API_KEY went to the Azure host; an
endpoint rebound in a branch became ``None.rstrip``).

Each migrated function is run against a stand-in ``openai`` with a fake environment: the key it
sends must be the one AzureOpenAI would have read, never OPENAI_API_KEY.
"""

from __future__ import annotations

import os
import sys
import textwrap
import types

import pytest

from tests.helpers import migrate

HEAD = "import os\nfrom openai import AzureOpenAI\n\n"

KEYS = {
    "if": """
        def make(api_key=None):
            if not api_key:
                api_key = os.environ.get("MY_KEY")
            return AzureOpenAI(api_key=api_key, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
    "else": """
        def make(flag=False):
            if flag:
                api_key = "given"
            else:
                api_key = os.environ.get("MY_KEY")
            return AzureOpenAI(api_key=api_key, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
    "try": """
        def make():
            key = None
            try:
                key = os.environ["MY_KEY"]
            except KeyError:
                pass
            return AzureOpenAI(api_key=key, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
    "loop": """
        def make(names=("A", "B")):
            key = None
            for name in names:
                key = key or os.environ.get(name)
            return AzureOpenAI(api_key=key, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
    "global": """
        API_KEY = None


        def configure(key):
            global API_KEY
            API_KEY = key


        def make():
            return AzureOpenAI(api_key=API_KEY, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
    "walrus": """
        def make(**kwargs):
            return AzureOpenAI(api_key=(key := kwargs.get("api_key")), azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
    "walrus earlier": """
        def make(**kwargs):
            if (key := kwargs.get("api_key")) is not None:
                print("given")
            return AzureOpenAI(api_key=key, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """,
}


class _OpenAI:
    def __init__(self, **kwargs: object) -> None:
        self.kwargs = kwargs


def _made(code: str, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch, *args: object) -> dict[str, object]:
    fake = types.ModuleType("openai")
    fake.OpenAI = _OpenAI  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "openai", fake)
    monkeypatch.setattr(os, "environ", dict(environ))
    namespace: dict[str, object] = {"__name__": "migrated"}
    exec(compile(code, "migrated.py", "exec"), namespace)
    return namespace["make"](*args).kwargs  # type: ignore[operator, attr-defined]


@pytest.mark.parametrize("shape", list(KEYS))
def test_a_rebound_key_that_may_be_none_keeps_the_azure_fallback(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = migrate(HEAD + textwrap.dedent(KEYS[shape]))
    assert outcome.error is None
    assert not [f for f in outcome.findings if not f.fixed]
    assert "AzureOpenAI" not in outcome.code
    unset = {"AZURE_OPENAI_API_KEY": "azure-key", "OPENAI_API_KEY": "sk-openai-com"}
    assert _made(outcome.code, unset, monkeypatch)["api_key"] == "azure-key"
    with_token = {**unset, "AZURE_OPENAI_AD_TOKEN": "entra"}
    assert _made(outcome.code, with_token, monkeypatch)["api_key"] == "entra"


def test_a_key_set_in_one_arm_is_still_the_one_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = migrate(HEAD + textwrap.dedent(KEYS["else"]))
    environ = {"AZURE_OPENAI_API_KEY": "azure-key", "OPENAI_API_KEY": "sk-openai-com"}
    assert _made(outcome.code, environ, monkeypatch, True)["api_key"] == "given"
    assert _made(outcome.code, {**environ, "MY_KEY": "mine"}, monkeypatch)["api_key"] == "mine"


def test_an_endpoint_rebound_in_a_branch_falls_back_to_azure_openai_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    source = HEAD + textwrap.dedent(
        """
        def make(endpoint=None):
            if endpoint is None:
                endpoint = os.getenv("MY_ENDPOINT")
            return AzureOpenAI(api_key="k", azure_endpoint=endpoint, api_version="2024-06-01")
        """
    )
    outcome = migrate(source)
    assert outcome.error is None
    made = _made(outcome.code, {"AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com"}, monkeypatch)
    assert made["base_url"] == "https://res.openai.azure.com/openai/v1/"
    made = _made(outcome.code, {"MY_ENDPOINT": "https://mine.openai.azure.com/"}, monkeypatch)
    assert made["base_url"] == "https://mine.openai.azure.com/openai/v1/"


def test_a_name_rebound_only_to_values_that_are_set_gets_no_fallback() -> None:
    source = HEAD + textwrap.dedent(
        """
        def make(flag: bool):
            if flag:
                key = os.environ["A"]
            else:
                key = "literal"
            return AzureOpenAI(api_key=key, azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")
        """
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "api_key=key," in outcome.code
    assert "AZURE_OPENAI_AD_TOKEN" not in outcome.code


def test_langchain_a_rebound_chat_key_waits_and_a_rebound_embeddings_key_keeps_the_fallback() -> None:
    """The same for LangChain (the trial recorded OPENAI_API_KEY sent by the chat model, and the
    embeddings' ValueError): the chat model waits (AOAI504, its workload-identity fallback), the
    embeddings keep the environment keys."""
    chat = textwrap.dedent(
        """\
        import os
        from langchain_openai import AzureChatOpenAI

        def make(api_key=None):
            if not api_key:
                api_key = os.getenv("MY_AZURE_KEY")
            return AzureChatOpenAI(api_key=api_key, azure_endpoint="https://res.openai.azure.com", azure_deployment="d", api_version="2024-06-01")
        """
    )
    outcome = migrate(chat)
    assert outcome.error is None
    assert outcome.code == chat
    assert [f.rule for f in outcome.findings if not f.fixed] == ["AOAI504"]
    embeddings = chat.replace("AzureChatOpenAI", "AzureOpenAIEmbeddings")
    outcome = migrate(embeddings)
    assert outcome.error is None
    assert 'api_key=api_key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"]' in outcome.code

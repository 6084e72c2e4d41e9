"""AOAI005: the token provider aliases follow the constructors, as annotations do (AOAI002)."""

from __future__ import annotations

import openai.lib.azure
import pytest

from tests.helpers import migrate, rules_of

HEAD = "from openai.lib.azure import AzureADTokenProvider, AzureOpenAI\n\n"


def test_the_spelled_out_type_is_the_sdks_own():
    from typing import Callable

    assert openai.lib.azure.AzureADTokenProvider == Callable[[], str]


@pytest.mark.parametrize(
    "body",
    [
        # (a trial on haystack 3.4.1: AzureOpenAI(**kwargs) left alone (AOAI103), and the provider type
        # beside it spelled out all the same: a changed file, and nothing gained)
        "def make(provider: AzureADTokenProvider, **kwargs) -> AzureOpenAI:\n    return AzureOpenAI(**kwargs)\n",
        "def make(provider: AzureADTokenProvider):\n    return AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=provider, api_version=V)  # aoai-migrate: ignore[AOAI001]\n",
        "class Client(AzureOpenAI):\n    def __init__(self, provider: AzureADTokenProvider):\n        super().__init__(azure_ad_token_provider=provider)\n",
    ],
)
def test_a_module_that_still_builds_only_the_azure_client_keeps_the_alias(body):
    outcome = migrate(HEAD + body)
    assert "AOAI005" not in rules_of(outcome)
    assert "AzureADTokenProvider" in outcome.code and "Callable" not in outcome.code


def test_the_alias_follows_a_migrated_constructor():
    source = HEAD + "def make(provider: AzureADTokenProvider):\n    return AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=provider, api_version=V)\n"
    outcome = migrate(source)
    assert sorted(rules_of(outcome, fixed=True)) == ["AOAI001", "AOAI005"]
    assert outcome.code.startswith("from openai import OpenAI\nfrom typing import Callable\n")
    assert "def make(provider: Callable[[], str]):" in outcome.code
    # one constructor migrated and one left alone: the module builds OpenAI too, the types follow it
    both = source + "def other(**kwargs):\n    return AzureOpenAI(**kwargs)\n"
    outcome = migrate(both)
    assert "AOAI005" in rules_of(outcome, fixed=True) and "def make(provider: Callable[[], str]):" in outcome.code


def test_a_module_without_the_azure_class_still_spells_the_alias_out():
    source = "from openai.lib.azure import AzureADTokenProvider\n\ndef provider() -> AzureADTokenProvider: ...\n"
    outcome = migrate(source)
    assert rules_of(outcome) == ["AOAI005"]
    assert outcome.code == "from typing import Callable\n\ndef provider() -> Callable[[], str]: ...\n"

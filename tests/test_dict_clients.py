"""Clients built from a dict of arguments: rewritten key by key when the dict can be followed."""

from __future__ import annotations

import pytest

from tests.helpers import migrate, rules_of


def test_dict_literal_with_branch_credentials_is_rewritten_key_by_key():
    outcome = migrate(
        """\
        from openai import AzureOpenAI
        def make(use_key):
            args = {"azure_endpoint": E, "api_version": V, "timeout": 5}
            if use_key:
                args["api_key"] = K
            else:
                args["azure_ad_token_provider"] = provider
            return AzureOpenAI(**args)
        """
    )
    assert 'args = {"base_url": E.rstrip("/") + "/openai/v1/", "timeout": 5}' in outcome.code
    assert 'args["api_key"] = K' in outcome.code and 'args["api_key"] = provider' in outcome.code
    assert "return OpenAI(**args)" in outcome.code
    assert rules_of(outcome, fixed=False) == ["AOAI107"]


def test_dict_call_and_store_of_api_version_are_removed():
    outcome = migrate(
        "from openai import AzureOpenAI\ndef make():\n    args = dict(azure_endpoint=E, api_key=K)\n"
        "    args['api_version'] = V\n    return AzureOpenAI(**args)\n"
    )
    assert outcome.code == (
        "from openai import OpenAI\ndef make():\n"
        '    args = dict(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
        "    return OpenAI(**args)\n"
    )


def test_dict_without_endpoint_or_key_gets_them_as_keywords():
    outcome = migrate("from openai import AzureOpenAI\ndef make():\n    args = {'api_version': V}\n    return AzureOpenAI(**args)\n")
    assert 'base_url=os.environ["AZURE_OPENAI_ENDPOINT"]' in outcome.code and "**args" in outcome.code
    assert "args = {}" in outcome.code


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("    args = {'azure_endpoint': E}\n    args.update(extra)\n    return AzureOpenAI(**args)\n", "also used"),
        ("    args = {'azure_endpoint': E, 'api_key': K}\n    log(args)\n    return AzureOpenAI(**args)\n", "also used"),
        ("    args = load()\n    return AzureOpenAI(**args)\n", "not a dict literal"),
        ("    args = {key: E}\n    return AzureOpenAI(**args)\n", "cannot read"),
        ("    args = {'api_key': K}\n    if x:\n        args['azure_endpoint'] = E\n    return AzureOpenAI(**args)\n", "only in some branches"),
        ("    return AzureOpenAI(**a, **b)\n", "several"),
    ],
)
def test_dict_that_cannot_be_followed_is_reported(body, reason):
    source = "from openai import AzureOpenAI\ndef make(extra, x, key, a, b):\n" + body
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI103"]
    assert reason in outcome.findings[0].message


def test_dict_shared_with_another_call_is_fine_while_no_key_changes():
    outcome = migrate(
        "from openai import AsyncAzureOpenAI, AsyncOpenAI\ndef make(azure):\n"
        "    kwargs = dict(api_key=K, max_retries=2)\n"
        "    if azure:\n        return AsyncAzureOpenAI(azure_endpoint=E, api_version=V, **kwargs)\n"
        "    return AsyncOpenAI(**kwargs)\n"
    )
    assert 'return AsyncOpenAI(base_url=E.rstrip("/") + "/openai/v1/", **kwargs)' in outcome.code
    assert "kwargs = dict(api_key=K, max_retries=2)" in outcome.code


def test_dict_shared_with_another_call_is_reported_when_its_keys_would_change():
    source = (
        "from openai import AzureOpenAI\ndef make():\n"
        "    kwargs = dict(azure_endpoint=E, api_key=K, api_version=V)\n"
        "    other(**kwargs)\n    return AzureOpenAI(**kwargs)\n"
    )
    outcome = migrate(source)
    assert outcome.code == source
    assert "also splatted at line 4" in outcome.findings[0].message


def test_a_deployment_pinned_in_a_followed_dict_is_named():
    # (a trial on public code: the finding did not say which deployment the dict pins)
    source = (
        "from openai import AzureOpenAI\n\n"
        'settings = dict(azure_endpoint=E, api_key=K, api_version="2024-10-21", azure_deployment="dep-kw")\n'
        "client = AzureOpenAI(**settings)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI102"]
    assert outcome.findings[0].message.startswith('`settings` pins the deployment `"dep-kw"`; pass it as model= at each call site')

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

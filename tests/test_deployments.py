"""A pinned deployment moves to model= at the calls that used it, or stays with the reason."""

from __future__ import annotations

import pytest

from tests.helpers import migrate, rules_of

HEAD = "from openai import AzureOpenAI\nDEP = 'gpt-4o-prod'\n"


def test_local_client_calls_get_the_pinned_deployment_as_model():
    outcome = migrate(
        HEAD + "def main():\n"
        "    client = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n"
        "    client.chat.completions.create(model='ignored', messages=m)\n"
        "    client.embeddings.with_raw_response.create(input='x')\n"
        "    client.images.generate(prompt='p')\n"
        "    client.responses.create(model='gpt-4.1', input='hi')\n"
    )
    code = outcome.code
    assert "azure_deployment" not in code
    assert "client.chat.completions.create(model=DEP, messages=m)" in code
    assert "client.embeddings.with_raw_response.create(model=DEP, input='x')" in code
    assert "client.images.generate(model=DEP, prompt='p')" in code
    assert "client.responses.create(model='gpt-4.1', input='hi')" in code, "non-deployment routes keep their model"
    assert rules_of(outcome, fixed=True) == ["AOAI001", "AOAI003", "AOAI003", "AOAI003"]


def test_deployment_base_url_is_split_into_base_url_and_model():
    outcome = migrate(
        "from openai import AzureOpenAI\ndef main():\n"
        "    with AzureOpenAI(base_url='https://r.openai.azure.com/openai/deployments/dep1', api_key=K, api_version=V) as c:\n"
        "        c.chat.completions.create(model='m', messages=m)\n"
    )
    assert "OpenAI(base_url='https://r.openai.azure.com/openai/v1/', api_key=K) as c:" in outcome.code
    assert "c.chat.completions.create(model='dep1', messages=m)" in outcome.code


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("client = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n", "module-level name"),
        ("def make():\n    return AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n", "returned"),
        ("def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n    use(c)\n", "escapes"),
        ("def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n    c.chat.completions.create(**kw)\n", "passes `**kw`"),
        ("def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n    d = c.with_options(timeout=1)\n", "another client"),
        ("def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n    chat = c.chat\n", "cannot be followed"),
        ("def f(dep):\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=pick(dep, 1), api_key=K, api_version=V)\n    c.chat.completions.create(messages=m)\n", "cannot be repeated"),
        ("def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n    c = None\n", "more than once"),
        # the deployment read at a call would not be the one the client was built with
        (
            "def f(dep, prompts):\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=dep, api_key=K, api_version=V)\n"
            "    for dep in prompts:\n        c.chat.completions.create(messages=[dep])\n",
            "`dep` is bound more than once",
        ),
        (
            "def f(cfg):\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=cfg['dep'], api_key=K, api_version=V)\n"
            "    cfg['dep'] = 'other'\n    c.chat.completions.create(messages=m)\n",
            "`cfg['dep']` is assigned again at line 5",
        ),
        (
            "def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=next_deployment(), api_key=K, api_version=V)\n"
            "    c.chat.completions.create(messages=m)\n",
            "`next_deployment()` would run again at each call",
        ),
    ],
)
def test_pinned_client_that_cannot_be_followed_is_left_with_the_reason(body, reason):
    source = HEAD + body
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI102"]
    assert reason in outcome.findings[0].message


def test_deployment_name_shadowed_at_a_call_site_is_not_repeated_there():
    source = HEAD + (
        "def f():\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment=DEP, api_key=K, api_version=V)\n"
        "    def g(DEP):\n        c.chat.completions.create(messages=m)\n"
    )
    outcome = migrate(source)
    assert outcome.code == source and rules_of(outcome) == ["AOAI102"]


@pytest.mark.parametrize(
    ("deployment", "fallback"),
    [("os.getenv('DEPLOYMENT')", " or 'x'"), ("os.environ['DEPLOYMENT']", ""), ("settings.DEPLOYMENT", " or 'x'"), ("cfg['dep']", " or 'x'")],
)
def test_a_deployment_read_the_same_way_at_each_call_is_repeated_there(deployment, fallback):
    outcome = migrate(
        "import os\nimport settings\nfrom openai import AzureOpenAI\n"
        f"def f(cfg):\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment={deployment}, api_key=K, api_version=V)\n"
        "    c.chat.completions.create(model='x', messages=m)\n"
    )
    assert outcome.error is None
    assert f"c.chat.completions.create(model={deployment}{fallback}, messages=m)" in outcome.code
    assert rules_of(outcome, fixed=False) == []


@pytest.mark.parametrize(
    ("setup", "deployment", "model", "expected"),
    [
        # azure_deployment=None pinned nothing: the call went to its own model=
        ("", "os.getenv('DEP')", "'gpt-4o'", "os.getenv('DEP') or 'gpt-4o'"),
        ("", "os.environ.get('DEP')", "'gpt-4o'", "os.environ.get('DEP') or 'gpt-4o'"),
        ("", "param.deployment", "'gpt-4o'", "param.deployment or 'gpt-4o'"),  # may be None: not known
        ("    dep = os.environ.get('DEP')\n", "dep", "'gpt-4o'", "dep or 'gpt-4o'"),
        ("", "param", "pick if fast else slow", "param or (pick if fast else slow)"),
        # always a string: no fallback
        ("", "os.getenv('DEP', 'gpt-4o-prod')", "'gpt-4o'", "os.getenv('DEP', 'gpt-4o-prod')"),
        ("", "os.environ['DEP']", "'gpt-4o'", "os.environ['DEP']"),
        ("", "DEP", "'gpt-4o'", "DEP"),
    ],
)
def test_a_deployment_that_may_be_unset_falls_back_to_the_calls_own_model(setup, deployment, model, expected):
    outcome = migrate(
        "import os\n" + HEAD + f"def f(param=None):\n{setup}"
        f"    c = AzureOpenAI(azure_endpoint=E, azure_deployment={deployment}, api_key=K, api_version=V)\n"
        f"    c.chat.completions.create(model={model}, messages=m)\n"
        "    c.embeddings.create(input='x')\n"
    )
    assert outcome.error is None
    assert f"c.chat.completions.create(model={expected}, messages=m)" in outcome.code
    assert f"c.embeddings.create(model={deployment}, input='x')" in outcome.code, "no model= of its own to fall back to"
    assert rules_of(outcome, fixed=False) == []


@pytest.mark.parametrize(
    ("deployment", "between", "shown"),
    [
        ("cfg['dep']", "    cfg.update(dep='other')\n", "line 5 (`cfg.update(dep='other')`)"),
        ("settings.dep", "    settings.reload()\n", "line 5 (`settings.reload()`)"),
        ("self.cfg.dep", "    self.cfg.load()\n", "line 5 (`self.cfg.load()`)"),
        ("self.cfg.dep", "    refresh(self.cfg)\n", "line 5 (`self.cfg`)"),
        ("cfg['dep']", "    other = cfg\n", "line 5 (`cfg`)"),
    ],
)
def test_an_attribute_or_item_the_function_may_change_is_not_read_again_at_each_call(deployment, between, shown):
    source = HEAD + (
        f"def f(self, cfg, settings):\n    c = AzureOpenAI(azure_endpoint=E, azure_deployment={deployment}, api_key=K, api_version=V)\n"
        f"{between}    c.chat.completions.create(model='x', messages=m)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI102"]
    assert f"{shown} may change `{deployment}` after the client is built" in outcome.findings[0].message


@pytest.mark.parametrize(
    "between",
    [
        "    log(cfg['other'], settings.timeout)\n",  # other items and attributes are only read
        "    log(cfg['dep'].upper())\n",  # a method of the deployment itself (a str)
        "    cfg['other'] = 1\n",
    ],
)
def test_reads_of_other_attributes_and_items_do_not_stop_the_move(between):
    outcome = migrate(
        HEAD + "def f(cfg, settings):\n    c = AzureOpenAI(azure_endpoint=settings.endpoint, azure_deployment=cfg['dep'], api_key=K, api_version=V)\n"
        f"{between}    c.chat.completions.create(model='x', messages=m)\n"
    )
    assert outcome.error is None
    assert "c.chat.completions.create(model=cfg['dep'] or 'x', messages=m)" in outcome.code
    assert rules_of(outcome, fixed=False) == []


def test_the_module_level_advice_for_a_deployment_that_may_be_unset_keeps_the_fallback():
    source = "import os\n" + HEAD + "client = AzureOpenAI(azure_endpoint=E, azure_deployment=os.getenv('DEP'), api_key=K, api_version=V)\n"
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI102"]
    assert "pass `model=os.getenv('DEP') or <the call's model>` at each of its" in outcome.findings[0].message
    assert "(a pin of None pinned nothing: each call went to its own model)" in outcome.findings[0].message


def test_a_pinned_client_set_in_branches_and_returned_is_told_its_calls_are_elsewhere():
    # (a trial, Azure-Samples/rag-postgres-openai-python: "assigned more than once; pass
    # model=azure_deployment at each of its calls" pointed at calls in other modules)
    source = (
        "import os\nimport openai\n\n"
        "def make(key):\n"
        '    azure_deployment = os.environ["DEPLOYMENT"]\n'
        "    if key:\n"
        "        client = openai.AzureOpenAI(azure_endpoint=E, api_key=key, azure_deployment=azure_deployment, api_version=V)\n"
        "    else:\n"
        "        client = openai.AzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, azure_deployment=azure_deployment, api_version=V)\n"
        "    return client\n"
    )
    outcome = migrate(source)
    assert outcome.error is None and outcome.code == source
    messages = [f.message for f in outcome.findings if f.rule == "AOAI102"]
    assert len(messages) == 2
    for message in messages:
        assert "`client` is returned at line 10, so the calls that use it are elsewhere" in message
        assert "pass model= with the deployment that `azure_deployment` holds here at each of its" in message

"""r5d defect 3: the Azure class reached through a name the module computes, a module name held in a
constant, the module's attribute dict, or ``self.openai`` set by a base class of another module.

Each shape below built openai's AzureOpenAI under the recorder (r5d ``repro/aoai105_missed``,
``drive_u.py``: ``POST /openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01``), and
``check`` passed on it with no finding. Now each is AOAI105 and left alone; look-alike libraries that
take ``azure_endpoint=`` stay without a finding.
"""

from __future__ import annotations

import pytest

from tests.helpers import migrate, rules_of

_ARGS = 'azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01", api_key="k"'

REACHED = {
    "dict_of_class_names": (
        'import openai\n\nCLASSES = {"azure": "AzureOpenAI", "openai": "OpenAI"}\n\n\n'
        "def make(provider, **kwargs):\n    cls = getattr(openai, CLASSES[provider])\n"
        '    if provider == "azure":\n'
        '        kwargs.update(azure_endpoint="https://res.openai.azure.com", api_version="2024-06-01")\n'
        "    return cls(**kwargs)\n"
    ),
    "concatenated_name": (
        f'import openai\n\n\ndef make(prefix, **kwargs):\n    cls = getattr(openai, prefix + "OpenAI")\n    return cls({_ARGS})\n'
    ),
    "name_bound_to_a_conditional": (
        'import openai\n\n\ndef make(is_azure, **kwargs):\n    name = "AzureOpenAI" if is_azure else "OpenAI"\n'
        "    cls = getattr(openai, name)\n    return cls(**kwargs)\n"
    ),
    "fstring_name": (
        "import openai\n\n\ndef make(is_azure, **kwargs):\n"
        "    cls = getattr(openai, f\"{'Azure' if is_azure else ''}OpenAI\")\n    return cls(**kwargs)\n"
    ),
    "module_name_in_an_fstring_of_a_constant": (
        'import importlib\n\nPKG = "openai"\n\n\ndef make(**kw):\n    mod = importlib.import_module(f"{PKG}")\n'
        "    return mod.AzureOpenAI(**kw)\n"
    ),
    "module_name_in_a_constant": (
        'import importlib\n\nPKG = "openai"\n\n\ndef make(**kw):\n    mod = importlib.import_module(PKG)\n'
        "    return mod.AzureOpenAI(**kw)\n"
    ),
    "vars_of_the_module": 'import openai\n\ndef make(**kw):\n    return vars(openai)["AzureOpenAI"](**kw)\n',
    "dict_of_the_module": 'import openai\n\ndef make(**kw):\n    return openai.__dict__["AzureOpenAI"](**kw)\n',
    "self_openai_set_by_a_base_class_of_another_module": (
        "from base import Base\n\n\nclass AzureLLM(Base):\n    def client(self, **kw):\n"
        "        return self.openai.AzureOpenAI(**kw)\n"
    ),
    "unknown_name_given_azure_arguments": (
        f"import openai\n\n\ndef make(name):\n    return getattr(openai, name)({_ARGS})\n"
    ),
}


@pytest.mark.parametrize("source", REACHED.values(), ids=REACHED.keys())
def test_the_azure_class_reached_by_a_computed_name_or_an_unset_attribute_is_reported(source):
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI105"]


def test_a_concatenated_name_says_getattr_looks_it_up():
    message = migrate(REACHED["concatenated_name"]).findings[0].message
    assert message.startswith(
        '`cls(...)` builds the AzureOpenAI that getattr looks up by name (bound by `getattr(openai, prefix + "OpenAI")` '
        "at line 5), which this tool cannot follow the way it follows an import; if it is openai's AzureOpenAI, "
        "migrate it by hand to OpenAI(base_url=<endpoint>/openai/v1/"
    )


def test_the_modules_attribute_dict_is_named_as_such():
    message = migrate(REACHED["vars_of_the_module"]).findings[0].message
    assert message.startswith(
        '`vars(openai)["AzureOpenAI"](...)` builds the AzureOpenAI that the module\'s attribute dict gives by name, '
        "which this tool cannot follow"
    )


def test_a_constant_module_name_is_followed_to_the_loader():
    message = migrate(REACHED["module_name_in_a_constant"]).findings[0].message
    assert message.startswith(
        "`mod.AzureOpenAI(...)` reaches AzureOpenAI through `mod` (bound by `importlib.import_module(PKG)` at line 7), "
        "not through an import, so this tool cannot follow it to the openai module; if it is openai's AzureOpenAI, "
        "migrate it by hand to mod.OpenAI("
    )


def test_self_openai_that_the_module_never_sets_says_how_to_migrate():
    message = migrate(REACHED["self_openai_set_by_a_base_class_of_another_module"]).findings[0].message
    assert message.startswith(
        "`self.openai.AzureOpenAI(...)` reaches AzureOpenAI through `self.openai`, not through an import, so this "
        "tool cannot follow it to the openai module; if it is openai's AzureOpenAI, migrate it by hand to "
        "self.openai.OpenAI("
    )


LOOKALIKES = {
    "llama_index_module_name_in_a_constant": (
        'import importlib\n\nPKG = "llama_index.llms.azure_openai"\n\n\ndef make(endpoint):\n'
        "    mod = importlib.import_module(PKG)\n"
        '    return mod.AzureOpenAI(engine="gpt-4o", azure_endpoint=endpoint, api_version="2024-06-01")\n'
    ),
    "llama_index_getattr_by_a_computed_name": (
        "import openai\nfrom llama_index import llms\n\n\ndef make(provider, endpoint):\n"
        '    return getattr(llms, provider + "OpenAI")(engine="gpt-4o", azure_endpoint=endpoint, api_version="2024-06-01")\n'
    ),
    "langchain_getattr_by_an_unknown_name": (
        "import openai\nimport langchain_openai\n\n\ndef make(name, endpoint):\n"
        '    return getattr(langchain_openai, name)(azure_endpoint=endpoint, api_version="2024-06-01")\n'
    ),
    "pandasai_class": (
        "import openai\nfrom pandasai.llm import AzureOpenAI\n\n\ndef make(endpoint):\n"
        '    return AzureOpenAI(azure_endpoint=endpoint, api_version="2024-06-01", deployment_name="gpt-4o")\n'
    ),
    "promptflow_connection_by_name": (
        "import openai\nfrom promptflow import connections\n\n\ndef make(kind, endpoint):\n"
        '    return getattr(connections, kind + "Connection")(api_base=endpoint, api_version="2024-06-01")\n'
    ),
    "self_openai_set_to_another_library": (
        "import importlib\n\n\nclass Base:\n    def __init__(self):\n"
        '        self.openai = importlib.import_module("llama_index.llms.azure_openai")\n\n\n'
        "class Sub(Base):\n    def llm(self, endpoint):\n"
        '        return self.openai.AzureOpenAI(engine="gpt-4o", azure_endpoint=endpoint, api_version="2024-06-01")\n'
    ),
    "vars_of_another_object": 'import openai\n\ndef make(registry, **kw):\n    return vars(registry)["AzureOpenAI"](**kw)\n',
}


@pytest.mark.parametrize("source", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_look_alike_libraries_reached_those_ways_are_not_reported(source):
    outcome = migrate(source)
    assert outcome.code == source
    assert not outcome.findings


SAFE = {
    "only_stock_class_names": (
        'import openai\n\n\ndef make(aio):\n    return getattr(openai, ("Async" if aio else "") + "OpenAI")(api_key="k")\n'
    ),
    "an_error_class_by_name": 'import openai\n\n\ndef error(kind):\n    return getattr(openai, kind + "Error")("boom")\n',
    "unknown_name_without_azure_arguments": 'import openai\n\n\ndef make(name, **kw):\n    return getattr(openai, name)(**kw)\n',
    "stock_class_from_a_constant_module_name": (
        'import importlib\n\nPKG = "openai"\n\n\ndef make():\n    return importlib.import_module(PKG).OpenAI(api_key="k")\n'
    ),
}


@pytest.mark.parametrize("source", SAFE.values(), ids=SAFE.keys())
def test_lookups_that_cannot_read_the_azure_class_are_not_reported(source):
    outcome = migrate(source)
    assert outcome.code == source
    assert not outcome.findings

"""The Azure class in isinstance/issubclass checks: what flips is reported, what cannot flip is tidied."""

from __future__ import annotations

import libcst as cst
import openai
import pytest

from migrate.runner import migrate_source
from tests.helpers import migrate, rules_of
from transforms._index import ModuleIndex
from transforms.class_references import checks_stock_twin

# (a trial on public code, trulens endpoint.py: ``isinstance(client, (openai.OpenAI, openai.AzureOpenAI))``
# was reported as AOAI201, "this check is False once the client is OpenAI", and it is not)
TWIN_CHECKS = [
    (
        "import openai\n\nok = isinstance(c, (openai.OpenAI, openai.AzureOpenAI))\n",
        "import openai\n\nok = isinstance(c, openai.OpenAI)\n",
    ),
    (
        "from openai import AzureOpenAI, OpenAI\n\nok = isinstance(c, (AzureOpenAI, OpenAI,))\n",
        "from openai import OpenAI\n\nok = isinstance(c, OpenAI)\n",
    ),
    (
        "from openai import AzureOpenAI, OpenAI\n\nok = isinstance(c, OpenAI | AzureOpenAI)\n",
        "from openai import OpenAI\n\nok = isinstance(c, OpenAI)\n",
    ),
    (
        "from openai import AsyncAzureOpenAI, AsyncOpenAI\n\nok = issubclass(k, (str, AsyncAzureOpenAI | AsyncOpenAI))\n",
        "from openai import AsyncOpenAI\n\nok = issubclass(k, (str, AsyncOpenAI))\n",
    ),
    (
        "import openai\n\nok = isinstance(c, (openai.OpenAI, openai.AzureOpenAI, openai.AsyncOpenAI, openai.AsyncAzureOpenAI))\n",
        "import openai\n\nok = isinstance(c, (openai.OpenAI, openai.AsyncOpenAI))\n",
    ),
    (
        "from openai import AzureOpenAI, OpenAI\n\nok = isinstance(c, (\n    OpenAI,\n    AzureOpenAI,\n    str,\n))\n",
        "from openai import OpenAI\n\nok = isinstance(c, (\n    OpenAI,\n    str,\n))\n",
    ),
]


@pytest.mark.parametrize(("source", "expected"), TWIN_CHECKS)
def test_a_check_that_names_the_stock_class_too_is_not_reported_and_drops_the_azure_class(source, expected):
    outcome = migrate(source)
    assert outcome.code == expected
    assert set(rules_of(outcome)) == {"AOAI208"}
    assert all(f.fixed for f in outcome.findings)


def _instances() -> list[object]:
    return [
        openai.OpenAI(api_key="k", base_url="http://127.0.0.1:9/openai/v1/"),
        openai.AzureOpenAI(api_key="k", azure_endpoint="https://r.openai.azure.com", api_version="2024-10-21"),
        openai.AsyncOpenAI(api_key="k", base_url="http://127.0.0.1:9/openai/v1/"),
        openai.AsyncAzureOpenAI(api_key="k", azure_endpoint="https://r.openai.azure.com", api_version="2024-10-21"),
        "not a client",
    ]


@pytest.mark.parametrize(("source", "expected"), TWIN_CHECKS)
def test_the_check_without_the_azure_class_accepts_the_same_clients(source, expected):
    after = migrate(source).code
    for client in _instances():
        before_ns, after_ns = {"c": client, "k": type(client)}, {"c": client, "k": type(client)}
        exec(source, before_ns)  # noqa: S102 - the snippets above, with the real SDK classes
        exec(after, after_ns)  # noqa: S102
        assert after_ns["ok"] is before_ns["ok"], type(client).__name__


@pytest.mark.parametrize(
    "source",
    [
        "from openai import AzureOpenAI\n\nok = isinstance(c, AzureOpenAI)\n",
        "from openai import AzureOpenAI\n\nok = isinstance(c, (str, AzureOpenAI))\n",
        # AsyncOpenAI is no base class of AzureOpenAI: the check flips
        "from openai import AsyncOpenAI, AzureOpenAI\n\nok = isinstance(c, (AsyncOpenAI, AzureOpenAI))\n",
        # the class is what is checked, not what it is checked against
        "from openai import AzureOpenAI, OpenAI\n\nok = isinstance(AzureOpenAI, (type, OpenAI))\n",
    ],
)
def test_a_check_that_flips_is_still_reported(source):
    outcome = migrate(source)
    assert outcome.code == source
    assert rules_of(outcome) == ["AOAI201"]


@pytest.mark.parametrize(
    "source",
    [
        # a comment would move to another class, or go: the member stays, and the check keeps its meaning
        "from openai import AzureOpenAI, OpenAI\n\nok = isinstance(c, (\n    OpenAI,  # stock\n    AzureOpenAI,  # azure\n))\n",
        "from openai import AzureOpenAI, OpenAI\n\nok = isinstance(c, (OpenAI, AzureOpenAI))  # aoai-migrate: ignore[AOAI208]\n",
    ],
)
def test_a_member_that_stays_is_reported_neither_way(source):
    outcome = migrate(source)
    assert outcome.code == source
    assert outcome.findings == ()


def test_the_azure_import_goes_without_an_unused_import_of_the_stock_class():
    outcome = migrate("import openai\nfrom openai import AzureOpenAI\n\nok = isinstance(c, (openai.OpenAI, AzureOpenAI))\n")
    assert outcome.code == "import openai\n\nok = isinstance(c, openai.OpenAI)\n"


def test_a_tuple_of_azure_classes_inside_the_check_is_not_emptied():
    source = (
        "from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI\n\n"
        "ok = isinstance(c, (OpenAI, AsyncOpenAI, (AzureOpenAI, AsyncAzureOpenAI)))\n"
    )
    outcome = migrate(source)
    assert "ok = isinstance(c, (OpenAI, AsyncOpenAI, AzureOpenAI))\n" in outcome.code
    assert rules_of(outcome) == ["AOAI208"]


def test_the_twin_check_is_what_a_constructor_need_not_wait_for():
    """``checks_stock_twin`` is the test the constructor rewrite can use to tell a check that flips
    (it holds the constructors of the module back, AOAI201) from one that cannot."""
    code = (
        "import openai\nfrom openai import AzureOpenAI\n\n"
        "a = isinstance(c, (openai.OpenAI, openai.AzureOpenAI))\n"
        "b = isinstance(c, AzureOpenAI)\n"
        "d = isinstance(c, (openai.AsyncOpenAI, AzureOpenAI))\n"
    )
    index = ModuleIndex(cst.parse_module(code))
    checks = [r for r in index.references if r.kind == "isinstance"]
    assert [checks_stock_twin(index, r) for r in checks] == [True, False, False]


def test_a_constructor_beside_a_check_that_names_the_stock_twin_is_migrated():
    """The check stays true for the migrated client, so it no longer holds the constructor back
    (a trial on trulens: every constructor of the module was left on Azure)."""
    source = (
        "import openai\n\n"
        'client = openai.AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n\n\n'
        "def usable(c):\n    return isinstance(c, (openai.OpenAI, openai.AzureOpenAI))\n"
    )
    outcome = migrate_source(source)
    assert outcome.error is None
    assert 'client = openai.OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k")' in outcome.code
    assert "isinstance(c, openai.OpenAI)" in outcome.code
    assert not [f for f in outcome.findings if not f.fixed]
    held = source.replace("(openai.OpenAI, openai.AzureOpenAI)", "openai.AzureOpenAI")
    kept = migrate_source(held)
    assert kept.error is None and kept.code == held
    assert {f.rule for f in kept.findings} == {"AOAI201"}


def test_a_check_naming_the_stock_twin_is_migrated_in_one_run_with_the_annotations():
    """(a round-2 trial on litellm: the first run dropped AsyncAzureOpenAI from the check, and only a
    second run renamed the annotations and the import)"""
    source = (
        "from openai import AsyncAzureOpenAI, AsyncOpenAI\n\n\n"
        "def create_file(client: AsyncAzureOpenAI | AsyncOpenAI | None):\n"
        "    if not isinstance(client, (AsyncAzureOpenAI, AsyncOpenAI)):\n"
        '        raise ValueError("not async")\n'
        "    return client\n"
    )
    first = migrate_source(source)
    assert first.error is None
    assert "def create_file(client: AsyncOpenAI | None):" in first.code
    assert "isinstance(client, AsyncOpenAI)" in first.code and "from openai import AsyncOpenAI\n" in first.code
    second = migrate_source(first.code)
    assert second.error is None and second.code == first.code


# (a trial on agno 3.1.10: 9 AOAI204 findings on provider labels, ``first_embedding(data, "AzureOpenAI")``,
# ``raise_embedding_error(e, provider="AzureOpenAI")``, and check stayed red after the migration)
LABELS = [
    'from openai import AzureOpenAI\n\ndef get(data):\n    return first_embedding(data, "AzureOpenAI")\n',
    'raise_embedding_error(e, provider="AzureOpenAI")\n',
    'log.info("%s: %s", "AsyncAzureOpenAI", error)\n',
    'import openai\n\nsection = getattr(config, "AzureOpenAI", None)\n',  # not the openai module
    'import openai\n\nname = getattr("AzureOpenAI", "upper")\n',  # the string is the object, not the name
    'import openai\n\nsetattr(settings, "AzureOpenAI", {"endpoint": E})\n',
    'import importlib\n\nmodel = getattr(importlib.import_module("agno.models.azure"), "AzureOpenAI")\n',
    'import langchain_openai\nfrom unittest import mock\n\nmock.patch.object(langchain_openai, "AzureOpenAI")\n',
    'mock.patch.object("AzureOpenAI", "chat")\n',  # the string is the target object
]


@pytest.mark.parametrize("source", LABELS)
def test_a_label_string_is_not_a_reference_to_the_class(source):
    outcome = migrate_source(source)
    assert outcome.error is None
    assert "AOAI204" not in rules_of(outcome)


# a bare "AzureOpenAI" that the runtime resolves to openai's class, by the call it is given to
LOOKUPS = [
    'import openai\n\ncls = getattr(openai, "AzureOpenAI")\n',
    'import openai as oa\n\ncls = getattr(oa, "AsyncAzureOpenAI", None)\n',
    'from openai.lib import azure\n\ncls = getattr(azure, "AzureOpenAI")\n',
    'import importlib\n\ncls = getattr(importlib.import_module("openai"), "AzureOpenAI")\n',
    'cls = getattr(__import__("openai"), "AzureOpenAI")\n',
    'import sys\nimport openai\n\ncls = getattr(sys.modules["openai"], "AzureOpenAI")\n',
]


@pytest.mark.parametrize("source", LOOKUPS)
def test_getattr_on_the_openai_module_reads_the_azure_class_and_is_reported(source):
    namespace: dict = {}
    exec(source, namespace)  # what the string names for the runtime: the SDK's Azure class
    assert namespace["cls"] in (openai.AzureOpenAI, openai.AsyncAzureOpenAI)
    outcome = migrate_source(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI204"]
    message = outcome.findings[0].message
    assert "names the Azure class here (the attribute of openai that getattr reads)" in message
    assert message.endswith("and build it with base_url=<endpoint>/openai/v1/ and api_key=, not azure_endpoint= or api_version=")


def test_hasattr_on_the_openai_module_is_reported():
    outcome = migrate_source('import openai\n\nHAS_AZURE = hasattr(openai, "AzureOpenAI")\n')
    assert outcome.error is None and rules_of(outcome) == ["AOAI204"]
    assert "(the attribute of openai that hasattr tests); once the code builds OpenAI" in outcome.findings[0].message


BUILDS = 'import openai\n\ndef make():\n    return openai.AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n'


def _loaded(code: str):
    import types

    module = types.ModuleType("app_llm")
    exec(code, module.__dict__)
    return module


# each receiving call patches the attribute the string names: before the migration the patch
# intercepts the client the module builds, after it no longer does, so the test is stale
PATCHES = [
    ('mock.patch.object(openai, "AzureOpenAI")', "that mock.patch.object replaces"),
    ('mock.patch.object(target=openai, attribute="AzureOpenAI")', "that mock.patch.object replaces"),
    ('mocker.patch.object(openai, "AzureOpenAI")', "that mocker.patch.object replaces"),
    ('monkeypatch.setattr(openai, "AzureOpenAI", fake)', "that monkeypatch.setattr replaces"),
    ('setattr(openai, "AzureOpenAI", fake)', "of openai that setattr sets"),
]


@pytest.mark.parametrize(("patch", "words"), PATCHES)
def test_a_patch_of_the_attribute_is_reported(patch, words):
    source = f"import openai\nfrom unittest import mock\n\ndef test_make(mocker, monkeypatch, fake):\n    {patch}\n"
    outcome = migrate_source(source)
    assert outcome.error is None and outcome.code == source
    assert rules_of(outcome) == ["AOAI204"]
    assert f"names the Azure class here (the attribute {words}); once the code builds OpenAI" in outcome.findings[0].message


def test_patching_the_attribute_on_openai_stops_intercepting_once_the_module_is_migrated():
    from unittest import mock

    migrated = migrate_source(BUILDS)
    assert migrated.error is None and "openai.OpenAI(" in migrated.code
    for code, intercepted in ((BUILDS, True), (migrated.code, False)):
        module = _loaded(code)
        with mock.patch.object(openai, "AzureOpenAI") as fake:
            module.make()
        assert fake.called is intercepted
        with pytest.MonkeyPatch.context() as monkeypatch:
            calls = []
            monkeypatch.setattr(openai, "AzureOpenAI", lambda **kwargs: calls.append(kwargs))
            module.make()
        assert bool(calls) is intercepted


def test_patching_the_attribute_on_a_project_module_fails_once_that_module_is_migrated():
    from unittest import mock

    imported = BUILDS.replace("import openai\n", "from openai import AzureOpenAI\n").replace("openai.AzureOpenAI(", "AzureOpenAI(")
    migrated = migrate_source(imported)
    assert migrated.error is None and "AzureOpenAI" not in migrated.code
    with mock.patch.object(_loaded(imported), "AzureOpenAI"):
        pass
    with pytest.raises(AttributeError), mock.patch.object(_loaded(migrated.code), "AzureOpenAI"):
        pass
    source = 'from unittest import mock\nfrom app import llm\n\nwith mock.patch.object(llm, "AzureOpenAI"):\n    pass\n'
    outcome = migrate_source(source)
    assert outcome.error is None and rules_of(outcome) == ["AOAI204"]


@pytest.mark.parametrize(
    "check",
    [
        # (round-3 trials: a class pattern crashed the tool; a singledispatch handler registered on
        # the Azure class was merged with the OpenAI one, and an openai.com client took the Azure branch)
        "def kind(c):\n    match c:\n        case AzureOpenAI():\n            return 'azure'\n    return 'other'\n",
        "@describe.register\ndef _(c: AzureOpenAI) -> str:\n    return 'azure'\n",
        "class D:\n    @describe.register\n    def _(self, c: AzureOpenAI) -> str:\n        return 'azure'\n",
    ],
)
def test_a_class_pattern_or_a_dispatch_on_the_azure_class_is_a_check_that_would_flip(check):
    source = (
        "from openai import AzureOpenAI\n\n"
        'client = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n\n\n'
        + check
    )
    outcome = migrate_source(source)
    assert outcome.error is None and outcome.code == source
    assert {f.rule for f in outcome.findings} == {"AOAI201"}


def test_an_annotation_of_a_function_that_is_not_registered_is_still_renamed():
    source = (
        "from openai import AzureOpenAI\n\n"
        'client = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n\n\n'
        "@cache\ndef _(c: AzureOpenAI) -> str:\n    return 'x'\n"
    )
    outcome = migrate_source(source)
    assert outcome.error is None and "def _(c: OpenAI) -> str:" in outcome.code


# (a trial on promptlayer 1.5.16: "openai.AzureOpenAI.chat.completions.create" is a label it sends to
# its request-tracking API; AOAI204 told the user to repoint it, which would regroup their dashboard)
PAST_A_RESOURCE = [
    '"function_name": "openai.AzureOpenAI.chat.completions.create"',
    '"openai.AsyncAzureOpenAI.embeddings.create"',
    '"openai.lib.azure.AzureOpenAI.with_raw_response.chat"',
    '"app.llm.AzureOpenAI.responses.create"',
]


@pytest.mark.parametrize("string", PAST_A_RESOURCE)
def test_a_dotted_string_past_a_client_resource_names_nothing_and_is_not_reported(string):
    from unittest import mock

    target = string.rpartition(" ")[2].strip('"')
    if target.startswith("openai."):  # no patch can resolve it: the resource on the class has no attributes
        with pytest.raises(AttributeError), mock.patch(target):
            pass
    source = f"from openai import AzureOpenAI\n\nCONFIG = {{{string}}}\n" if ":" in string else f"NAME = {string}\n"
    outcome = migrate_source(source)
    assert outcome.error is None
    assert "AOAI204" not in rules_of(outcome)


@pytest.mark.parametrize(
    "target", ["openai.AzureOpenAI", "openai.AzureOpenAI.__init__", "openai.lib.azure.AzureOpenAI.chat", "openai.AsyncAzureOpenAI.copy"]
)
def test_a_dotted_target_that_resolves_is_still_reported(target):
    from unittest import mock

    with mock.patch(target):  # each one is a real patch target
        pass
    outcome = migrate_source(f'from unittest import mock\n\nwith mock.patch("{target}"):\n    pass\n')
    assert outcome.error is None and rules_of(outcome) == ["AOAI204"]


def _project(root, files: dict[str, str]):
    for name, code in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code)
    return root


def _checked(root, jobs: int = 0) -> list:
    from migrate.session import Mode, run

    results = list(run([root], Mode.CHECK, jobs=jobs))
    assert all(r.error is None or r.path.name == "broken.py" for r in results), [r.error for r in results]
    return [f for r in results for f in r.findings]


_PROVIDER = (
    "import sys\n\n"
    "open(sys.argv[0] + '.ran', 'w').close()  # must never run: the tool reads this module, it does not import it\n\n"
    "class OpenAI:\n    pass\n\n\nclass AzureOpenAI(OpenAI):\n    deployment_id: str = ''\n"
)
# (trials on trulens-eval 0.18.0 and graphrag 0.3.6: AOAI206 on the project's own class, or on its
# enum member, taken from a module of the same run; its advice would have swapped in openai's class)
OWN_NAMES = {
    "absolute import, own class": {
        "pkg/__init__.py": "",
        "pkg/provider.py": _PROVIDER,
        "pkg/groundedness.py": "from pkg.provider import AzureOpenAI, OpenAI\n\n\ndef score(p):\n    return 1.0 if isinstance(p, (AzureOpenAI, OpenAI)) else 0.0\n",
    },
    "relative import, own class called with Azure-like arguments": {
        "app/__init__.py": "",
        "app/llm.py": "class AzureOpenAI:\n    def __init__(self, azure_endpoint, api_version, deployment):\n        pass\n",
        "app/main.py": 'from .llm import AzureOpenAI\n\n\ndef build():\n    return AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_version="2024-10-21", deployment="d")\n',
    },
    "relative import, enum member": {
        "pkg/__init__.py": "",
        "pkg/enums.py": 'from enum import Enum\n\n\nclass LLMType(str, Enum):\n    OpenAI = "openai"\n    AzureOpenAI = "azure_openai"\n',
        "pkg/config.py": "from .enums import LLMType\n\n\ndef is_azure(t):\n    return t == LLMType.AzureOpenAI\n",
    },
    "re-exported by the package, defined in a submodule": {
        "pkg/__init__.py": "from .provider import AzureOpenAI\n",
        "pkg/provider.py": _PROVIDER,
        "tests/test_score.py": "from pkg import AzureOpenAI\n\n\ndef test_kind(p):\n    assert isinstance(p, AzureOpenAI)\n",
    },
    "a module two levels up": {
        "pkg/__init__.py": "",
        "pkg/providers.py": "AzureOpenAI = make_provider('azure')\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/use.py": "from ..providers import AzureOpenAI\n\nassert isinstance(AzureOpenAI, object)\n",
    },
}


@pytest.mark.parametrize("jobs", [0, 2])
@pytest.mark.parametrize("files", OWN_NAMES.values(), ids=OWN_NAMES.keys())
def test_the_projects_own_name_read_from_the_module_it_comes_from_is_not_reported(tmp_path, files, jobs):
    root = _project(tmp_path / "proj", files)
    assert "AOAI206" not in [f.rule for f in _checked(root, jobs)]
    assert not list(tmp_path.rglob("*.ran"))  # the other module was read, never run


def test_the_advice_to_import_the_class_from_openai_would_have_broken_the_projects_own_check(tmp_path, monkeypatch):
    import importlib

    root = _project(tmp_path / "proj", OWN_NAMES["absolute import, own class"])
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr("sys.argv", [str(tmp_path / "script")])
    groundedness = importlib.import_module("pkg.groundedness")
    provider = importlib.import_module("pkg.provider")
    assert groundedness.score(provider.AzureOpenAI()) == 1.0
    monkeypatch.setattr(groundedness, "AzureOpenAI", openai.AzureOpenAI)  # what the old advice said to do
    monkeypatch.setattr(groundedness, "OpenAI", openai.OpenAI)
    assert groundedness.score(provider.AzureOpenAI()) == 0.0


REEXPORTS_FROM_OPENAI = {
    "absolute": ("pkg/client.py", "from openai import AzureOpenAI\n", "from pkg.client import AzureOpenAI\n\nassert isinstance(c, AzureOpenAI)\n"),
    "relative": ("pkg/client.py", "from openai.lib.azure import AzureOpenAI as AzureOpenAI\n", "from .client import AzureOpenAI\n\nc = AzureOpenAI(**settings)\n"),
    "guarded import with a fallback class": (
        "pkg/client.py",
        "try:\n    from openai import AzureOpenAI\nexcept ImportError:\n    class AzureOpenAI:\n        pass\n",
        "from .client import AzureOpenAI\n\nc = AzureOpenAI(**settings)\n",
    ),
    "assigned from openai": ("pkg/client.py", "import openai as sdk\n\nAzureOpenAI = sdk.AzureOpenAI\n", "from .client import AzureOpenAI\n\nc = AzureOpenAI(**settings)\n"),
    "class attribute holding openai's class": (
        "pkg/client.py",
        "import openai\n\nclass Clients:\n    AzureOpenAI = openai.AzureOpenAI\n",
        "from .client import Clients\n\nassert isinstance(c, Clients.AzureOpenAI)\n",
    ),
}


@pytest.mark.parametrize(("module", "code", "use"), REEXPORTS_FROM_OPENAI.values(), ids=REEXPORTS_FROM_OPENAI.keys())
def test_a_name_the_other_module_takes_from_openai_is_reported_as_such(tmp_path, module, code, use):
    root = _project(tmp_path / "proj", {"pkg/__init__.py": "", module: code, "pkg/use.py": use})
    findings = [f for f in _checked(root) if f.rule == "AOAI206"]
    assert len(findings) == 1
    assert "not from openai, and that module imports it from openai: migrating it drops the name" in findings[0].message
    assert findings[0].message.endswith("import AzureOpenAI from openai in this module instead, and re-run")


UNFOUND = {
    "no such module in the tree": {"pkg/__init__.py": "", "pkg/use.py": "from .client import AzureOpenAI\n\nc = AzureOpenAI(**settings)\n"},
    "a star import there": {
        "pkg/__init__.py": "",
        "pkg/client.py": "from openai.lib.azure import *\n",
        "pkg/use.py": "from .client import AzureOpenAI\n\nc = AzureOpenAI(**settings)\n",
    },
    "a syntax error there": {
        "pkg/__init__.py": "",
        "pkg/broken.py": "class AzureOpenAI(:\n",
        "pkg/use.py": "from .broken import AzureOpenAI\n\nc = AzureOpenAI(**settings)\n",
    },
}


@pytest.mark.parametrize("files", UNFOUND.values(), ids=UNFOUND.keys())
def test_a_module_that_cannot_be_read_keeps_the_finding_with_advice_for_either_case(tmp_path, files):
    findings = [f for f in _checked(_project(tmp_path / "proj", files)) if f.rule == "AOAI206"]
    assert len(findings) == 1
    message = findings[0].message
    assert message.startswith("AzureOpenAI is taken from .") and "not from openai: if that module imports it from openai," in message
    assert message.endswith(
        "if it defines an AzureOpenAI of its own (a class of the project, an enum member), suppress this finding "
        "(`# aoai-migrate: ignore[AOAI206]`)"
    )


def test_stdin_has_no_file_to_resolve_from_and_keeps_the_finding(tmp_path):
    from pathlib import Path

    from migrate.stdin import migrate_stdin

    root = _project(tmp_path / "proj", OWN_NAMES["relative import, enum member"])
    result = migrate_stdin((root / "pkg/config.py").read_bytes(), Path("-"), None)
    assert result.error is None
    assert [f.rule for f in result.findings] == ["AOAI206"]
    assert "suppress this finding (`# aoai-migrate: ignore[AOAI206]`)" in result.findings[0].message

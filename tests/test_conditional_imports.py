"""A stock class imported under an ``if`` (``if TYPE_CHECKING:``, a version test) or in an optional
``try`` is not there whenever the code runs: the Azure import the code relies on is renamed, never
dropped in its favour (a trial on azure-ai-projects: the function's guarded ``from openai import
AzureOpenAI`` was dropped for the ``if TYPE_CHECKING:`` one, and ``get_openai_client()`` raised
NameError with ``check`` green).

Each migrated module is run against a stand-in ``openai`` whose ``OpenAI`` records what it was given.
"""

from __future__ import annotations

import sys
import textwrap
import types

import pytest

from tests.helpers import migrate

TYPE_CHECKING_ONLY = """\
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openai import OpenAI


def make(endpoint: str, key: str) -> "OpenAI":
    try:
        from openai import AzureOpenAI
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError("pip install openai") from e
    return AzureOpenAI(api_key=key, azure_endpoint=endpoint, api_version="2024-10-21")
"""

TYPE_CHECKING_BESIDE_MODULE_IMPORT = """\
from typing import TYPE_CHECKING
from openai import AzureOpenAI

if TYPE_CHECKING:
    from openai import OpenAI


def make(endpoint: str, key: str) -> "OpenAI":
    return AzureOpenAI(api_key=key, azure_endpoint=endpoint, api_version="2024-10-21")
"""

UNDER_A_RUNTIME_TEST = """\
import sys
from openai import AzureOpenAI

if sys.version_info >= (3, 99):
    from openai import OpenAI


def make(endpoint, key):
    return AzureOpenAI(api_key=key, azure_endpoint=endpoint, api_version="2024-10-21")
"""

OPTIONAL_AT_MODULE_LEVEL = """\
try:
    from openai import OpenAI
except ImportError:
    OpenAI = None


def make(endpoint, key):
    try:
        from openai import AzureOpenAI
    except ImportError as e:
        raise ImportError("pip install openai to use Azure") from e
    return AzureOpenAI(api_key=key, azure_endpoint=endpoint, api_version="2024-10-21")
"""


class _OpenAI:
    def __init__(self, **kwargs: object) -> None:
        self.kwargs = kwargs


def _run(code: str, monkeypatch: pytest.MonkeyPatch, installed: bool = True) -> object:
    fake = types.ModuleType("openai")
    fake.OpenAI = _OpenAI  # type: ignore[attr-defined]
    if installed:
        monkeypatch.setitem(sys.modules, "openai", fake)
    else:
        monkeypatch.setitem(sys.modules, "openai", None)  # an import of it raises ImportError
    namespace: dict[str, object] = {"__name__": "migrated"}
    exec(compile(code, "migrated.py", "exec"), namespace)
    return namespace["make"]("https://res.openai.azure.com", "k")  # type: ignore[operator]


@pytest.mark.parametrize(
    "source",
    [TYPE_CHECKING_ONLY, TYPE_CHECKING_BESIDE_MODULE_IMPORT, UNDER_A_RUNTIME_TEST, OPTIONAL_AT_MODULE_LEVEL],
    ids=["type-checking only", "type-checking beside the import", "runtime test", "optional at module level"],
)
def test_the_migrated_function_builds_the_stock_client(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = migrate(source)
    assert outcome.error is None
    assert not [f for f in outcome.findings if not f.fixed]
    assert "AzureOpenAI" not in outcome.code
    client = _run(outcome.code, monkeypatch)
    assert isinstance(client, _OpenAI)
    assert client.kwargs == {"api_key": "k", "base_url": "https://res.openai.azure.com/openai/v1/"}


@pytest.mark.parametrize("source", [TYPE_CHECKING_ONLY, OPTIONAL_AT_MODULE_LEVEL], ids=["type-checking only", "optional"])
def test_the_functions_own_guard_still_tells_openai_is_missing(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = migrate(source)
    assert outcome.error is None
    assert "from openai import OpenAI\n    except" in outcome.code  # renamed where it was, in its try
    with pytest.raises(ImportError, match="pip install openai"):
        _run(outcome.code, monkeypatch, installed=False)


def test_the_optional_module_level_import_of_both_names_still_stands_for_the_class() -> None:
    """The ``try`` at module level that imports both names (and sets both to None) still counts:
    the two are None at the same times (see ``tests/test_import_fallbacks.py``)."""
    source = textwrap.dedent(
        """\
        try:
            from openai import AzureOpenAI, OpenAI
        except ImportError:
            AzureOpenAI = OpenAI = None

        client = AzureOpenAI(api_key="k", azure_endpoint="https://res.openai.azure.com", api_version="2024-10-21")
        """
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert 'client = OpenAI(api_key="k", base_url="https://res.openai.azure.com/openai/v1/")' in outcome.code


def test_a_langchain_functions_guarded_import_is_renamed_not_dropped_for_an_optional_one() -> None:
    source = textwrap.dedent(
        """\
        try:
            from langchain_openai import ChatOpenAI
        except ImportError:
            ChatOpenAI = None


        def make(endpoint: str, key: str):
            try:
                from langchain_openai import AzureChatOpenAI
            except ImportError as e:
                raise ImportError("pip install langchain-openai") from e
            return AzureChatOpenAI(api_key=key, azure_endpoint=endpoint, azure_deployment="d", api_version="2024-10-21")
        """
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "    try:\n        from langchain_openai import ChatOpenAI\n    except ImportError as e:\n" in outcome.code
    assert "return ChatOpenAI(" in outcome.code

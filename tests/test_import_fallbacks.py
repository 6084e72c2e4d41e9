"""``try: from openai import AzureOpenAI / except ImportError: AzureOpenAI = None``: the optional
dependency of many libraries. The rename follows the import into its None fallback and its
``is None`` checks; each migrated module is run with openai missing and with it installed."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import migrate, rules_of

OPTIONAL = (
    "try:\n"
    "    from openai import AzureOpenAI\n"
    "except ImportError:\n"
    "    AzureOpenAI = None\n"
    "\n"
    "\n"
    'def make(endpoint, key) -> "AzureOpenAI":\n'
    "    if AzureOpenAI is None:\n"
    '        raise RuntimeError("pip install openai")\n'
    '    return AzureOpenAI(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n'
)


def run(code: str, *, openai_missing: bool, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The module's globals after running ``code``, with ``import openai`` failing or not."""
    if openai_missing:
        monkeypatch.setitem(sys.modules, "openai", None)  # ``from openai import X`` raises ImportError
    namespace: dict = {"__name__": "migrated"}
    exec(compile(code, "migrated.py", "exec"), namespace)  # noqa: S102 - the test's own source
    return namespace


def test_a_module_level_optional_import_keeps_the_azure_name_for_importers(monkeypatch):
    """The module's own code moves to the stock class; the Azure name stays importable and None
    where it was, since other modules may import it to ask whether openai is there (a round-4
    trial: ``from pkg.compat import AzureOpenAI`` raised ImportError once it was renamed)."""
    outcome = migrate(OPTIONAL)
    assert outcome.error is None
    assert outcome.code == (
        "try:\n"
        "    from openai import AzureOpenAI, OpenAI\n"
        "except ImportError:\n"
        "    AzureOpenAI = OpenAI = None\n"
        "\n"
        "\n"
        'def make(endpoint, key) -> "OpenAI":\n'
        "    if OpenAI is None:\n"
        '        raise RuntimeError("pip install openai")\n'
        '    return OpenAI(base_url=endpoint.rstrip("/") + "/openai/v1/", api_key=key)\n'
    )
    assert not [f for f in outcome.findings if not f.fixed]
    missing = run(outcome.code, openai_missing=True, monkeypatch=monkeypatch)
    assert missing["OpenAI"] is None and missing["AzureOpenAI"] is None
    with pytest.raises(RuntimeError, match="pip install openai"):
        missing["make"]("https://r.openai.azure.com", "k")
    monkeypatch.undo()
    installed = run(outcome.code, openai_missing=False, monkeypatch=monkeypatch)
    assert installed["AzureOpenAI"].__name__ == "AzureOpenAI"  # what an importer asks for is still there
    client = installed["make"]("https://r.openai.azure.com", "k")
    assert type(client).__name__ == "OpenAI" and str(client.base_url) == "https://r.openai.azure.com/openai/v1/"
    assert migrate(outcome.code).code == outcome.code  # nothing left for a second run


def test_a_function_local_optional_import_is_renamed_whole(monkeypatch):
    """Inside a function no other module can import the name: import, None and checks are renamed."""
    source = (
        "def make(endpoint, key):\n"
        "    try:\n"
        "        from openai import AzureOpenAI\n"
        "    except ImportError:\n"
        "        AzureOpenAI = None\n"
        "    if AzureOpenAI is None:\n"
        '        raise RuntimeError("pip install openai")\n'
        '    return AzureOpenAI(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None, source
    assert not [f for f in outcome.findings if not f.fixed]
    assert "AzureOpenAI" not in outcome.code
    assert "        from openai import OpenAI\n    except ImportError:\n        OpenAI = None\n    if OpenAI is None:\n" in outcome.code
    missing = run(outcome.code, openai_missing=True, monkeypatch=monkeypatch)
    with pytest.raises(RuntimeError, match="pip install openai"):
        missing["make"]("https://r.openai.azure.com", "k")
    monkeypatch.undo()
    client = run(outcome.code, openai_missing=False, monkeypatch=monkeypatch)["make"]("https://r.openai.azure.com", "k")
    assert str(client.base_url) == "https://r.openai.azure.com/openai/v1/"


def test_a_use_left_azure_keeps_the_import_and_sets_the_stock_class_to_none_beside_it(monkeypatch):
    """Some use stays Azure (``**settings``): the stock class is imported in the same statement and
    is None where the import failed, so the module still imports without openai."""
    source = OPTIONAL.replace("from openai import AzureOpenAI", "from openai import AzureOpenAI, NotFoundError") + (
        "\n\ndef make_other(settings):\n    return AzureOpenAI(**settings)\n"
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert [f.rule for f in outcome.findings if not f.fixed] == ["AOAI103"]
    assert outcome.code.startswith(
        "try:\n"
        "    from openai import AzureOpenAI, NotFoundError, OpenAI\n"
        "except ImportError:\n"
        "    AzureOpenAI = OpenAI = None\n"
    )
    assert "    if OpenAI is None:\n" in outcome.code  # None exactly where AzureOpenAI is
    assert '    return OpenAI(base_url=endpoint.rstrip("/") + "/openai/v1/", api_key=key)\n' in outcome.code
    missing = run(outcome.code, openai_missing=True, monkeypatch=monkeypatch)
    assert missing["OpenAI"] is None and missing["AzureOpenAI"] is None
    with pytest.raises(RuntimeError, match="pip install openai"):
        missing["make"]("https://r.openai.azure.com", "k")
    monkeypatch.undo()
    namespace = run(outcome.code, openai_missing=False, monkeypatch=monkeypatch)
    assert type(namespace["make"]("https://r.openai.azure.com", "k")).__name__ == "OpenAI"


def test_several_names_set_to_none_at_once_and_an_alias():
    source = (
        "try:\n"
        "    from openai import AsyncAzureOpenAI as AsyncClient, AzureOpenAI\n"
        "except ImportError:  # optional\n"
        "    AzureOpenAI = AsyncClient = None\n"
        "\n"
        "def make(e, k):\n"
        "    assert AzureOpenAI is not None and AsyncClient\n"
        '    return AzureOpenAI(azure_endpoint=e, api_key=k, api_version="2024-10-21"), AsyncClient(azure_endpoint=e, api_key=k, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert not [f for f in outcome.findings if not f.fixed]
    assert outcome.code.startswith(
        "try:\n"
        "    from openai import AsyncAzureOpenAI as AsyncClient, AsyncOpenAI, AzureOpenAI, OpenAI\n"
        "except ImportError:  # optional\n"
        "    AzureOpenAI = OpenAI = AsyncClient = AsyncOpenAI = None\n"
        "\n"
        "def make(e, k):\n"
        "    assert OpenAI is not None and AsyncOpenAI\n"
    )


def test_a_function_local_optional_import():
    source = (
        "def make(e, k):\n"
        "    try:\n"
        "        from openai import AzureOpenAI\n"
        "    except ImportError:\n"
        "        AzureOpenAI = None\n"
        "    if not AzureOpenAI:\n"
        "        return None\n"
        '    return AzureOpenAI(azure_endpoint=e, api_key=k, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert "        from openai import OpenAI\n    except ImportError:\n        OpenAI = None\n    if not OpenAI:\n" in outcome.code


def test_a_presence_check_on_a_plain_import_is_no_use_as_a_value():
    """``assert AzureOpenAI is not None`` neither builds nor passes a client (it was AOAI203)."""
    source = (
        "from openai import AzureOpenAI\n\nassert AzureOpenAI is not None\n"
        'c = AzureOpenAI(azure_endpoint=E, api_key=k, api_version="2024-10-21")\n'
    )
    outcome = migrate(source)
    assert outcome.error is None
    assert not [f for f in outcome.findings if not f.fixed]
    assert "from openai import OpenAI\n\nassert OpenAI is not None\n" in outcome.code


@pytest.mark.parametrize(
    ("source", "why"),
    [
        # the stock name is taken, so the rename would not be one name for another
        (OPTIONAL.replace("AzureOpenAI = None", "AzureOpenAI = OpenAI = None"), "OpenAI bound"),
        (OPTIONAL + "\nOpenAI = object\n", "OpenAI bound elsewhere"),
        # the fallback is not None: a stand-in class builds something else
        (OPTIONAL.replace("AzureOpenAI = None", "AzureOpenAI = object"), "a stand-in"),
        (OPTIONAL.replace("AzureOpenAI = None", "AzureOpenAI: type | None = None"), "annotated"),
    ],
)
def test_other_fallbacks_stay_ambiguous(source, why):
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source, why
    assert "AOAI105" in rules_of(outcome), why


BOTH = (
    "try:\n"
    "    from openai import AzureOpenAI, OpenAI\n"
    "except ImportError:\n"
    "    AzureOpenAI = OpenAI = None\n"
    "\n"
    "\n"
    "def make(endpoint, key):\n"
    "    if AzureOpenAI is None:\n"
    '        raise RuntimeError("pip install openai")\n'
    '    return AzureOpenAI(azure_endpoint=endpoint, api_key=key, api_version="2024-10-21")\n'
)


def test_the_stock_class_imported_and_set_to_none_with_it_stands_for_it(monkeypatch):
    """``AzureOpenAI = OpenAI = None``: the two names are None at the same times, so its uses name
    the stock class (the module-level names stay for importers)."""
    outcome = migrate(BOTH)
    assert outcome.error is None
    assert not [f for f in outcome.findings if not f.fixed]
    assert outcome.code.startswith(BOTH.split("\n\n\n")[0] + "\n\n\ndef make(endpoint, key):\n    if OpenAI is None:\n")
    missing = run(outcome.code, openai_missing=True, monkeypatch=monkeypatch)
    with pytest.raises(RuntimeError, match="pip install openai"):
        missing["make"]("https://r.openai.azure.com", "k")


def test_the_stock_class_set_with_it_and_a_use_left_azure():
    source = BOTH + "\n\ndef other(settings):\n    return AzureOpenAI(**settings)\n"
    outcome = migrate(source)
    assert outcome.error is None
    assert [f.rule for f in outcome.findings if not f.fixed] == ["AOAI103"]
    assert outcome.code.startswith(BOTH.split("\n\n\n")[0])  # import and fallback as they were
    assert '    return OpenAI(base_url=endpoint.rstrip("/") + "/openai/v1/", api_key=key)\n' in outcome.code


@pytest.mark.parametrize(
    "source",
    [
        # set to None apart: code runs while one is None and the other is not
        BOTH.replace("    AzureOpenAI = OpenAI = None\n", "    AzureOpenAI = None\n    log()\n    OpenAI = None\n"),
        BOTH + "\nOpenAI = None\n",
        # imported apart
        BOTH.replace("    from openai import AzureOpenAI, OpenAI\n", "    from openai import AzureOpenAI\n    from openai import OpenAI\n"),
    ],
)
def test_the_stock_class_set_apart_stays_ambiguous(source):
    outcome = migrate(source)
    assert outcome.error is None
    assert outcome.code == source
    assert "AOAI105" in rules_of(outcome)


def test_the_stock_class_set_to_none_on_the_next_line():
    """``OpenAI = None`` / ``AzureOpenAI = None`` in one except clause: nothing runs between them, so
    its uses name the stock class."""
    source = BOTH.replace("    AzureOpenAI = OpenAI = None\n", "    OpenAI = None\n    AzureOpenAI = None  # type: ignore\n")
    outcome = migrate(source)
    assert outcome.error is None
    assert not [f for f in outcome.findings if not f.fixed]
    assert outcome.code.startswith(source.split("\n\n\n")[0] + "\n\n\ndef make(endpoint, key):\n    if OpenAI is None:\n")


@pytest.mark.parametrize(
    ("source", "why"),
    [
        # two aliases would become one name: the second try's None would overwrite the first's
        (
            "try:\n    import extra\n    from openai import AzureOpenAI as ExtraClient\nexcept ImportError:\n    ExtraClient = None\n"
            "try:\n    from openai import AzureOpenAI as PlainClient\nexcept ImportError:\n    PlainClient = None\n"
            "def make(e, k):\n    return ExtraClient(azure_endpoint=e, api_key=k, api_version=V), PlainClient(azure_endpoint=e, api_key=k, api_version=V)\n",
            "two aliases",
        ),
        # a function rebinds the module's name: the rename would have to follow into ``global``
        (OPTIONAL + "\n\ndef disable():\n    global AzureOpenAI\n    AzureOpenAI = None\n", "global"),
        (
            "def outer(e, k):\n    try:\n        from openai import AzureOpenAI\n    except ImportError:\n        AzureOpenAI = None\n"
            "    def off():\n        nonlocal AzureOpenAI\n        AzureOpenAI = None\n"
            "    return AzureOpenAI(azure_endpoint=e, api_key=k, api_version=V)\n",
            "nonlocal",
        ),
        (OPTIONAL + "\n\ndel AzureOpenAI\n", "del"),
    ],
)
def test_fallbacks_the_rename_cannot_follow_stay_ambiguous(source, why):
    """Round-4 trial: each of these was renamed into a program that behaved differently, or did
    not compile (``no binding for nonlocal``)."""
    outcome = migrate(source)
    assert outcome.error is None, why
    assert outcome.code == source, why
    assert "AOAI105" in rules_of(outcome), why

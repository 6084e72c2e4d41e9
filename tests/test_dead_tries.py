"""A ``try`` whose body the migration emptied (the import it guarded went) cannot raise: its
``except`` clauses are dead, and the statement gives way to what of it runs."""

from __future__ import annotations

import pytest

import transforms.pipeline
from tests.helpers import migrate

STOCK = "from openai import OpenAI\n\n"
GUARDED = "try:\n    from openai import AzureOpenAI\n"
CLIENT = '\nclient = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
MIGRATED = '\nclient = OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k")\n'

CASES = [
    # (a trial on pydantic-ai-slim 0.1.0, providers/azure.py: ``try: pass`` / ``except ImportError: raise``)
    (
        "except ImportError as _import_error:  # pragma: no cover\n    raise ImportError('install openai') from _import_error\n",
        "",
    ),
    ("except ImportError:\n    AVAILABLE = False\nelse:\n    AVAILABLE = True\n", "AVAILABLE = True\n"),
    ("except ImportError:\n    log.append('missing')\nfinally:\n    log.append('checked')\n", "log.append('checked')\n"),
    (
        "except ImportError:\n    AVAILABLE = False\nelse:\n    AVAILABLE = True\nfinally:\n    log.append('checked')\n",
        "try:\n    AVAILABLE = True\nfinally:\n    log.append('checked')\n",
    ),
    ("except ImportError:\n    raise\nelse: AVAILABLE = True; log.append('ok')\n", "AVAILABLE = True; log.append('ok')\n"),
    ("except* ImportError:\n    raise\n", ""),
]


@pytest.mark.parametrize(("handlers", "runs"), CASES)
def test_a_try_whose_import_went_gives_way_to_what_of_it_runs(handlers, runs):
    outcome = migrate(STOCK + GUARDED + handlers + CLIENT)
    assert outcome.code == STOCK + runs + (MIGRATED if runs else MIGRATED.lstrip("\n"))


def _without_the_drop(source: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patched:
        patched.setattr(transforms.pipeline, "drop_dead_tries", lambda module, code=None: module)
        return migrate(source).code


@pytest.mark.parametrize(("handlers", "runs"), CASES[:5])
def test_the_module_does_what_it_did_with_the_try_pass(handlers, runs, monkeypatch):
    source = STOCK + GUARDED + handlers + CLIENT
    kept = _without_the_drop(source, monkeypatch)
    assert "try:\n    pass\n" in kept  # what the migration wrote before: the handlers cannot run
    dropped = migrate(source).code
    results = []
    for code in (kept, dropped):
        namespace: dict = {"log": []}
        exec(compile(code, "<migrated>", "exec"), namespace)
        results.append((namespace["log"], namespace.get("AVAILABLE"), str(namespace["client"].base_url)))
    assert results[0] == results[1]


def test_a_guard_in_a_function_goes_too():
    source = (
        STOCK + "def make():\n    try:\n        from openai import AzureOpenAI\n    except ImportError as e:\n"
        "        raise RuntimeError('install openai') from e\n"
        '    return AzureOpenAI(azure_endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-10-21")\n'
    )
    assert migrate(source).code == (
        STOCK + 'def make():\n    return OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k")\n'
    )


def test_a_try_left_empty_by_the_drop_of_the_one_inside_it_goes_too():
    source = STOCK + "try:\n    " + GUARDED.replace("\n    ", "\n        ") + "    except ImportError:\n        raise\nexcept Exception:\n    raise\n" + CLIENT
    assert migrate(source).code == STOCK + MIGRATED.lstrip("\n")


@pytest.mark.parametrize(
    "source",
    [
        # a name bound only in the dead clause and read elsewhere: it is a local of the function
        # (UnboundLocalError when read); without the clause it would be read from the module
        STOCK + "fallback = 1\n\ndef make():\n    try:\n        from openai import AzureOpenAI\n    except ImportError:\n"
        "        fallback = None\n    print(fallback)\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n",
        # the name of ``except ... as e`` is a local too
        STOCK + "def make():\n    try:\n        from openai import AzureOpenAI\n    except ImportError as e:\n        raise\n"
        "    print(e)\n    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n",
        # a class body in a function: bound in it, the name is no longer read from the function
        STOCK + "def make():\n    name = 'a'\n    class C:\n        try:\n            from openai import AzureOpenAI\n"
        "        except ImportError:\n            name = 'b'\n        label = name\n"
        "        client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n    return C\n",
        # ``yield`` makes the function a generator, run or not
        STOCK + "def make():\n    try:\n        from openai import AzureOpenAI\n    except ImportError:\n        yield None\n"
        "    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n",
        # so does ``global`` a global
        STOCK + "def make():\n    try:\n        from openai import AzureOpenAI\n    except ImportError:\n        global client\n"
        "    client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n",
        # an annotation makes __annotations__, run or not
        STOCK + GUARDED + "except ImportError:\n    AVAILABLE: bool = False\n" + CLIENT,
        # a comment would go with it
        STOCK + "# openai is optional\n" + GUARDED + "except ImportError:\n    raise\n" + CLIENT,
        STOCK + GUARDED.replace("try:", "try:  # optional") + "except ImportError:\n    raise\n" + CLIENT,
        STOCK + GUARDED + "    # more to come\nexcept ImportError:\n    raise\n" + CLIENT,
        STOCK + GUARDED + "except ImportError:\n    raise\nelse:  # found\n    AVAILABLE = True\n" + CLIENT,
    ],
)
def test_a_try_whose_dead_clauses_mean_something_stays(source):
    code = migrate(source).code
    assert "try:" in code and "pass\n" in code and "AzureOpenAI" not in code


def test_a_try_pass_the_user_wrote_is_not_touched():
    source = "from openai import AzureOpenAI\n\ntry:\n    pass\nexcept ImportError:\n    raise\n" + CLIENT
    assert migrate(source).code == "from openai import OpenAI\n\ntry:\n    pass\nexcept ImportError:\n    raise\n" + MIGRATED

"""The original legacy samples, run with the real openai 0.28.1, send exactly their expected requests.

Run in a virtualenv holding ``openai==0.28.1`` (with ``requests``, ``aiohttp``, ``numpy`` for its
embedding decoding, ``azure-identity`` for the Entra sample, and ``pytest``)::

    python -m pytest -q -p no:cacheprovider legacy_tests

``.ci/run`` builds that virtualenv. Together with ``tests/test_behaviour_legacy.py`` (``after.py``
against the same ``expected_requests.json`` with openai>=1) this proves before == expectation ==
after. Regenerate the expectations with ``python legacy_tests/regenerate_expected.py`` in the same
virtualenv, and review the diff.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from tests import test_behaviour_legacy as legacy

OPENAI_028 = "0.28.1"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("legacy-028-recordings")


def test_this_interpreter_has_openai_028() -> None:
    installed = importlib.metadata.version("openai")
    assert installed == OPENAI_028, f"legacy_tests must run with openai {OPENAI_028}, not {installed}"


def test_there_are_legacy_samples_to_run() -> None:
    assert len(legacy.ALL_CASES) >= 8, legacy.ALL_CASES


@pytest.mark.parametrize("case", legacy.ALL_CASES)
def test_original_legacy_sample_sends_the_expected_requests_with_openai_028(out_dir: Path, case: str) -> None:
    rec = legacy.run_legacy(case, "before.py", out_dir)
    legacy.check_against_expectation(rec)
    assert rec.data["versions"].get("openai") == OPENAI_028, rec.data["versions"]
    transports = {r["transport"].split(".")[0] for r in rec.requests}
    assert transports <= {"requests", "aiohttp"}, f"openai 0.28 is expected to use requests/aiohttp, not {transports}"
    for req in rec.requests:
        assert "/openai/deployments/" in req["path"] and req["query"].get("api-version"), req["url"]

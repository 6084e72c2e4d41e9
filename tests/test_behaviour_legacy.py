"""Behaviour tests for the legacy openai<1.0 samples (``samples/legacy_*``): before == expectation == after.

``before.py`` is openai 0.28 code and cannot run with the openai>=1 this suite uses, so the proof
comes in two halves that meet at a committed expectation,
``samples/legacy_<case>/expected_requests.json`` (the normalised ``(method, host, operation,
deployment, credential)`` of every request, see :func:`tests.test_behaviour.normalise`):

* here, with openai>=1: every migrated ``after.py`` runs under ``tests/behaviour/recorder.py`` and
  must send exactly the expected requests, on ``/openai/v1/`` without ``api-version`` or ``api-key``;
* ``legacy_tests/test_before_028.py``, in a virtualenv with openai 0.28.1 (``.ci/run`` builds it):
  every ``before.py`` must send exactly the same expected requests through openai 0.28's
  ``requests``/``aiohttp`` transports. ``legacy_tests/regenerate_expected.py`` rewrites the
  expectations from such a run.

Samples the tool leaves alone (``*_left_alone``) only have the 0.28 half: their ``after.py`` is
their ``before.py``, and their findings say why.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_behaviour import (
    SAMPLES_DIR,
    Recording,
    _case_dirs,
    _format,
    _is_left_alone,
    assert_ran_and_called_the_api,
    normalise,
    record,
    sample_env,
)

FAMILY = ("legacy_",)
EXPECTED = "expected_requests.json"
ALL_CASES = _case_dirs("before.py", families=FAMILY)
PAIRED_CASES = _case_dirs("before.py", "after.py", families=FAMILY)
MIGRATED_CASES = [c for c in PAIRED_CASES if not _is_left_alone(c)]
LEFT_ALONE_CASES = [c for c in PAIRED_CASES if _is_left_alone(c)]

#: openai 0.28 read OPENAI_API_BASE and OPENAI_API_KEY by itself; this case relies on that. The key
#: differs from tests.test_behaviour's OPENAI_API_KEY fallback, which must never be sent.
LEGACY_CASE_ENV = {
    "legacy_env_implicit": {
        "OPENAI_API_BASE": "https://sample-res.openai.azure.com",
        "OPENAI_API_KEY": "azure-key-from-OPENAI_API_KEY",
    },
}


def legacy_env(case: str) -> dict[str, str]:
    env = sample_env(case)
    env.update(LEGACY_CASE_ENV.get(case, {}))
    return env


def run_legacy(case: str, program: str, out_dir: Path, python: str = sys.executable) -> Recording:
    """Run ``samples/<case>/<program>`` under the recorder with ``python``, from the sample's folder."""
    sample = SAMPLES_DIR / case / program
    return record(case, program, sample, out_dir / f"{case}.{program}.json", env=legacy_env(case), python=python)


def normalise_legacy(request: dict[str, Any]) -> list[Any]:
    """:func:`normalise`, after folding ``//`` in the path: openai 0.28 joined ``api_base`` and
    ``/openai/deployments/...`` as they were, so an endpoint with a trailing slash (as the Azure
    portal shows it) gave ``https://r.openai.azure.com//openai/...``, which Azure serves alike."""
    return list(normalise(dict(request, path=re.sub("/{2,}", "/", request["path"]))))


def expected_requests(case: str) -> list[list[Any]]:
    path = SAMPLES_DIR / case / EXPECTED
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list) and all(isinstance(r, list) and len(r) == 5 for r in data), f"{path} is malformed"
    return data


def write_expected(case: str, requests: list[list[Any]]) -> Path:
    path = SAMPLES_DIR / case / EXPECTED
    lines = ",\n".join("  " + json.dumps(r) for r in requests)
    path.write_text("[\n" + lines + "\n]\n", encoding="utf-8")
    return path


def check_against_expectation(rec: Recording) -> None:
    assert_ran_and_called_the_api(rec)
    actual = [normalise_legacy(r) for r in rec.requests]
    expected = expected_requests(rec.case)
    assert actual == expected, (
        f"{rec.case}/{rec.program} does not send the requests of {EXPECTED}\n"
        f"expected (method, host, operation, deployment, credential):\n{_format([tuple(r) for r in expected])}\n"
        f"{rec.program}:\n{_format([tuple(r) for r in actual])}"
    )


# --------------------------------------------------------------------------- #
# tests (openai>=1)
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def after_runs(tmp_path_factory: pytest.TempPathFactory):
    """One recorder run of each migrated ``after.py``, shared by the tests of this module."""
    out_dir = tmp_path_factory.mktemp("legacy-recordings")
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="legacy-recorder")
    runs = {case: pool.submit(run_legacy, case, "after.py", out_dir) for case in MIGRATED_CASES}  # overlap the runs
    yield lambda case: runs[case].result()
    pool.shutdown(wait=True, cancel_futures=True)


def test_the_legacy_family_has_its_samples_and_expectations() -> None:
    assert len(MIGRATED_CASES) >= 6, MIGRATED_CASES
    assert len(LEFT_ALONE_CASES) >= 2, LEFT_ALONE_CASES
    assert set(ALL_CASES) == set(PAIRED_CASES), "every legacy sample has its after.py snapshot"
    assert all(c.endswith("_left_alone") for c in LEFT_ALONE_CASES), LEFT_ALONE_CASES
    for case in ALL_CASES:
        assert expected_requests(case), f"{case}/{EXPECTED} expects no request: nothing would be compared"


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_legacy_sample_sends_the_expected_requests(after_runs, case: str) -> None:  # noqa: ANN001
    check_against_expectation(after_runs(case))


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_legacy_sample_uses_v1_paths_without_api_version(after_runs, case: str) -> None:  # noqa: ANN001
    rec = after_runs(case)
    assert_ran_and_called_the_api(rec)
    for req in rec.requests:
        assert req["path"].startswith("/openai/v1/"), f"{case}/after.py still calls a legacy path: {req['url']}"
        assert "api-version" not in req["query"], f"{case}/after.py still sends api-version: {req['url']}"
        assert "api-key" not in req["headers"], f"{case}/after.py still sends an api-key header: {req['url']}"
        assert req["transport"].startswith(("httpx", "httpx2")), req["transport"]


@pytest.mark.parametrize("case", LEFT_ALONE_CASES)
def test_left_alone_legacy_sample_is_unchanged_and_says_why(case: str) -> None:
    assert (SAMPLES_DIR / case / "after.py").read_bytes() == (SAMPLES_DIR / case / "before.py").read_bytes()
    findings = (SAMPLES_DIR / case / "findings.txt").read_text(encoding="utf-8")
    assert re.search(r"\bAOAI60[2-8]\b", findings), f"{case} is left alone without a finding saying why"
    assert "[fixed]" not in findings


def test_legacy_paths_with_a_doubled_slash_normalise_like_single_ones() -> None:
    request = {
        "method": "POST",
        "host": "h",
        "path": "//openai/deployments/gpt-4o/chat/completions",
        "json": {"messages": []},
        "headers": {"api-key": "k"},
    }
    assert normalise_legacy(request) == ["POST", "h", "chat/completions", "gpt-4o", "k"]


def test_a_missing_expected_request_is_a_failure(tmp_path: Path) -> None:
    """The comparison is not vacuous: one request fewer than expected fails."""
    case = MIGRATED_CASES[0]
    expected = expected_requests(case)
    request = {"method": expected[0][0], "host": expected[0][1], "path": "/openai/v1/" + expected[0][2],
               "json": {"model": expected[0][3]}, "headers": {"authorization": f"Bearer {expected[0][4]}"},
               "url": "u", "query": {}}  # fmt: skip
    rec = Recording(case, "after.py", 0, "", "", {"requests": [request] * (len(expected) - 1) or [], "blocked_network": []})
    with pytest.raises(AssertionError):
        check_against_expectation(rec)

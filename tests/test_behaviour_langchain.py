"""Behaviour tests for the LangChain samples (``samples/langchain_*``): before and after send the same requests.

Same machinery as ``tests/test_behaviour.py`` (the local recorder, the clean environment, the
normalisation to ``(method, host, operation, deployment, credential)``), run over the sample
family that needs ``langchain-openai``. On top of what that module checks, the request bodies
must match apart from ``model``: the Azure class left ``model`` out (the deployment was in the
path), the migrated one names the deployment there. That catches defaults the two LangChain
classes do not share (``stream_options`` in streams, batch sizes of embeddings, ...).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_behaviour import (
    SAMPLES_DIR,
    Recordings,
    _case_dirs,
    _is_left_alone,
    assert_ran_and_called_the_api,
    assert_same_requests,
    normalise,
)

FAMILY = ("langchain_",)
ALL_CASES = _case_dirs("before.py", families=FAMILY)
PAIRED_CASES = _case_dirs("before.py", "after.py", families=FAMILY)
MIGRATED_CASES = [c for c in PAIRED_CASES if not _is_left_alone(c)]
FAKE_SCOPE_TOKEN = "fake-entra-token-for:https://cognitiveservices.azure.com/.default"


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory):
    recs = Recordings(tmp_path_factory.mktemp("langchain-recordings"))
    for case in ALL_CASES:  # start every run at once so they overlap
        recs.submit(case, "before.py")
        if case in MIGRATED_CASES:
            recs.submit(case, "after.py")
    yield recs
    recs.close()


def _body_without_model(request: dict[str, Any]) -> Any:
    body = request.get("json")
    if isinstance(body, dict):
        return {k: v for k, v in body.items() if k != "model"}
    return body if body is not None else request.get("body_text")


def test_the_langchain_family_has_its_samples() -> None:
    assert len(ALL_CASES) >= 5, ALL_CASES
    assert set(ALL_CASES) == set(MIGRATED_CASES), "every LangChain sample has a migrated after.py"
    assert not (SAMPLES_DIR / "noop_langchain_lookalike").name.startswith(FAMILY)


@pytest.mark.parametrize("case", ALL_CASES)
def test_original_langchain_sample_runs_offline_and_calls_the_api(recordings: Recordings, case: str) -> None:
    before = recordings.get(case, "before.py")
    assert_ran_and_called_the_api(before)
    assert all("/deployments/" in r["path"] for r in before.requests), "the original talks to the Azure routes"


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_langchain_sample_sends_the_same_requests(recordings: Recordings, case: str) -> None:
    before = recordings.get(case, "before.py")
    after = recordings.get(case, "after.py")
    assert_same_requests(before, after)


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_langchain_sample_sends_the_same_bodies_apart_from_model(recordings: Recordings, case: str) -> None:
    before = recordings.get(case, "before.py")
    after = recordings.get(case, "after.py")
    assert_ran_and_called_the_api(after)
    assert [_body_without_model(r) for r in after.requests] == [_body_without_model(r) for r in before.requests]
    for request in after.requests:
        assert request["json"]["model"] == normalise(request)[3] and request["json"]["model"], request["json"]


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_langchain_sample_uses_v1_paths_without_api_version(recordings: Recordings, case: str) -> None:
    after = recordings.get(case, "after.py")
    assert_ran_and_called_the_api(after)
    for req in after.requests:
        assert req["path"].startswith("/openai/v1/"), f"{case}/after.py still calls a legacy path: {req['url']}"
        assert req["query"].get("api-version", []) == [], f"{case}/after.py still sends an api-version: {req['url']}"
        assert "api-key" not in req["headers"], f"{case}/after.py still sends an api-key header: {req['url']}"


@pytest.mark.parametrize(
    "case", [c for c in MIGRATED_CASES if "provider" in c], ids=lambda c: c
)
def test_token_provider_samples_authenticate_with_entra_tokens_in_sync_and_async_calls(
    recordings: Recordings, case: str
) -> None:
    after = recordings.get(case, "after.py")
    assert_ran_and_called_the_api(after)
    assert {normalise(r)[4] for r in after.requests} == {FAKE_SCOPE_TOKEN}
    assert after.data["token_requests"], "the provider was called"


def test_the_sync_provider_sample_exercises_invoke_and_ainvoke() -> None:
    source = (SAMPLES_DIR / "langchain_entra_sync_provider" / "after.py").read_text(encoding="utf-8")
    assert ".invoke(" in source and ".ainvoke(" in source and "api_key=token_provider" in source


def test_langchain_openai_is_new_enough_for_the_v1_endpoint() -> None:
    from importlib.metadata import version

    major, minor, patch = (int(p) for p in version("langchain-openai").split(".")[:3])
    assert (major, minor, patch) >= (1, 0, 1)


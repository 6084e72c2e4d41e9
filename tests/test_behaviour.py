"""Behaviour tests: a migrated sample must send the same requests as the original.

Every ``samples/<case>/before.py`` is run under ``tests/behaviour/recorder.py``, which
answers all HTTP calls locally and fakes azure-identity tokens, so nothing reaches the
network. Where ``samples/<case>/after.py`` (the tool's output snapshot) exists, it is run
the same way and the two request lists are compared after normalising each request to
``(method, host, operation, deployment, credential)``:

* legacy ``/openai/deployments/{dep}/{op}``  -> ``(op, dep)``
* legacy ``/openai/{op}`` (responses, files…) -> ``(op, body["model"])``
* v1 ``/openai/v1/{op}``                       -> ``(op, body["model"])``
* credential: the ``api-key`` header if present, else the ``Authorization: Bearer`` token.

Set ``AOAI_MIGRATE_SAMPLES_DIR`` to run the suite against another samples folder.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = Path(os.environ.get("AOAI_MIGRATE_SAMPLES_DIR", str(ROOT / "samples"))).resolve()
RECORDER = ROOT / "tests" / "behaviour" / "recorder.py"
PYTHON = sys.executable
RUN_TIMEOUT = 120  # seconds per sample run; a run normally takes ~1.5 s

FALLBACK_OPENAI_KEY = "sk-openai-fallback-must-not-be-used"
STATIC_AD_TOKEN = "static-entra-token-for-azure-ad-token-case"
BASE_ENV = {
    "AZURE_OPENAI_ENDPOINT": "https://sample-res.openai.azure.com/",
    "AZURE_OPENAI_API_KEY": "azure-key-123",
    "OPENAI_API_VERSION": "2024-10-21",
    "AZURE_OPENAI_RESOURCE": "sample-res",
    # If a migrated client forgets its credential, OpenAI() falls back to this key:
    # the tests fail loudly when it shows up in any request.
    "OPENAI_API_KEY": FALLBACK_OPENAI_KEY,
    # Belt and braces: anything that slips past the recorder's patches hits a dead proxy.
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
}
# AzureOpenAI reads AZURE_OPENAI_AD_TOKEN implicitly (and prefers it over the key), so it
# is only set for the case that is about a static token.
CASE_ENV = {
    "azure_ad_token": {"AZURE_OPENAI_AD_TOKEN": STATIC_AD_TOKEN},
    # Both AZURE_OPENAI_AD_TOKEN and AZURE_OPENAI_API_KEY set: AzureOpenAI() prefers the token.
    "env_only_ad_token": {"AZURE_OPENAI_AD_TOKEN": STATIC_AD_TOKEN},
}
_DROPPED_ENV_PREFIXES = ("AZURE_", "OPENAI_", "MSI_", "IDENTITY_")
_DROPPED_ENV_NAMES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "pythonpath", "pythonstartup"}


def sample_env(case: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith(_DROPPED_ENV_PREFIXES) and name.lower() not in _DROPPED_ENV_NAMES
    }
    env.update(BASE_ENV)
    env.update(CASE_ENV.get(case, {}))
    return env


# --------------------------------------------------------------------------- #
# case discovery
# --------------------------------------------------------------------------- #
#: Sample families whose programs need another library (LangChain) or another openai (0.x) to
#: run: their own test modules (tests/test_behaviour_<family>.py) run them with this machinery,
#: so this module, which .ci/run also runs against the oldest supported openai, stays on openai.
OTHER_FAMILIES = ("langchain_", "legacy_")


def _case_dirs(*required: str, families: tuple[str, ...] | None = None) -> list[str]:
    """Sample folders holding every ``required`` file: the openai ones, or those of ``families``."""
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(
        d.name
        for d in SAMPLES_DIR.iterdir()
        if d.is_dir()
        and all((d / name).is_file() for name in required)
        and (d.name.startswith(families) if families else not d.name.startswith(OTHER_FAMILIES))
    )


def _is_left_alone(case: str) -> bool:
    return (SAMPLES_DIR / case / "before.py").read_bytes() == (SAMPLES_DIR / case / "after.py").read_bytes()


ALL_CASES = _case_dirs("before.py")
PAIRED_CASES = _case_dirs("before.py", "after.py")
MIGRATED_CASES = [c for c in PAIRED_CASES if not _is_left_alone(c)]
LEFT_ALONE_CASES = [c for c in PAIRED_CASES if _is_left_alone(c)]


# --------------------------------------------------------------------------- #
# running samples under the recorder
# --------------------------------------------------------------------------- #
@dataclass
class Recording:
    case: str
    program: str  # "before.py" or "after.py"
    returncode: int
    stdout: str
    stderr: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def requests(self) -> list[dict[str, Any]]:
        return list(self.data.get("requests") or [])

    def describe(self) -> str:
        exc = self.data.get("exception")
        lines = [f"{self.case}/{self.program}: exit code {self.returncode}"]
        if exc:
            lines.append(f"raised {exc.get('qualname')}: {exc.get('message')}")
        if self.stderr.strip():
            lines.append("stderr (tail):\n" + self.stderr[-3000:])
        if self.stdout.strip():
            lines.append("stdout (tail):\n" + self.stdout[-1000:])
        return "\n".join(lines)


def record(
    case: str,
    program: str,
    script: Path,
    out_json: Path,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    python: str = PYTHON,
) -> Recording:
    """Run ``script`` under the recorder with ``python`` (from the sample's folder, in the sample's
    clean environment unless given) and read what it recorded into ``out_json``."""
    if out_json.exists():
        out_json.unlink()
    proc = subprocess.run(
        [python, str(RECORDER), str(script), str(out_json)],
        env=sample_env(case) if env is None else env,
        cwd=str(SAMPLES_DIR / case if cwd is None else cwd),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )
    data: dict[str, Any] = {}
    if out_json.exists():
        data = json.loads(out_json.read_text(encoding="utf-8"))
    return Recording(
        case=case,
        program=program,
        returncode=proc.returncode,
        stdout=proc.stdout.decode("utf-8", "replace"),
        stderr=proc.stderr.decode("utf-8", "replace"),
        data=data,
    )


def run_under_recorder(case: str, program: str, out_dir: Path) -> Recording:
    return record(case, program, SAMPLES_DIR / case / program, out_dir / f"{case}.{program}.json")


class Recordings:
    """Caches one recorder run per (case, program, file content); prefetches in parallel."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._futures: dict[tuple[str, str, str], concurrent.futures.Future[Recording]] = {}
        workers = max(2, os.cpu_count() or 2)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="recorder")

    def _key(self, case: str, program: str) -> tuple[str, str, str]:
        digest = hashlib.sha256((SAMPLES_DIR / case / program).read_bytes()).hexdigest()
        return case, program, digest

    def submit(self, case: str, program: str) -> concurrent.futures.Future[Recording]:
        key = self._key(case, program)
        with self._lock:
            fut = self._futures.get(key)
            if fut is None:
                fut = self._pool.submit(run_under_recorder, case, program, self.out_dir)
                self._futures[key] = fut
            return fut

    def get(self, case: str, program: str) -> Recording:
        return self.submit(case, program).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _runs_needed(case: str) -> list[str]:
    if case in MIGRATED_CASES:
        return ["before.py", "after.py"]
    return ["before.py"]


@pytest.fixture(scope="module")
def recordings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    recs = Recordings(tmp_path_factory.mktemp("behaviour-recordings"))
    # Start every run the selected tests of this module will need, so they overlap.
    selected = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if getattr(item, "module", None) is request.module and callspec is not None:
            case = callspec.params.get("case")
            if isinstance(case, str) and case in ALL_CASES:  # an empty parameter set carries a NOTSET marker
                selected.append(case)
    for case in dict.fromkeys(selected):
        for program in _runs_needed(case):
            recs.submit(case, program)
    yield recs
    recs.close()


# --------------------------------------------------------------------------- #
# normalisation and checks
# --------------------------------------------------------------------------- #
_V1 = re.compile(r"/openai/v1/(?P<op>.+)")
_DEPLOYMENT = re.compile(r"/openai/deployments/(?P<dep>[^/]+)/(?P<op>.+)")
_LEGACY = re.compile(r"/openai/(?P<op>.+)")

Normalised = tuple  # (method, host, operation, deployment, credential)


def credential_of(headers: dict[str, str]) -> Optional[str]:
    if "api-key" in headers:
        return headers["api-key"]
    auth = headers.get("authorization")
    if auth is None:
        return None
    return auth[len("Bearer ") :] if auth.lower().startswith("bearer ") else auth


def normalise(request: dict[str, Any]) -> Normalised:
    path = request["path"]
    body = request.get("json") if isinstance(request.get("json"), dict) else {}
    model = body.get("model")
    for pattern in (_V1, _DEPLOYMENT, _LEGACY):
        match = pattern.fullmatch(path)
        if match:
            op = match["op"].rstrip("/")
            deployment = unquote(match["dep"]) if "dep" in pattern.groupindex else model
            break
    else:
        op, deployment = path, model
    return (request["method"], request["host"], op, deployment, credential_of(request["headers"]))


def assert_ran_and_called_the_api(rec: Recording) -> None:
    assert rec.data, f"recorder wrote no output\n{rec.describe()}"
    assert rec.returncode == 0, rec.describe()
    assert rec.data.get("exception") is None, rec.describe()
    assert rec.requests, f"{rec.case}/{rec.program} made no API request: nothing to compare\n{rec.describe()}"
    assert not rec.data.get("blocked_network"), (
        f"{rec.case}/{rec.program} tried to reach the network past the recorder: {rec.data['blocked_network']}"
    )
    for req in rec.requests:
        assert FALLBACK_OPENAI_KEY not in json.dumps(req), (
            f"{rec.case}/{rec.program} sent the OPENAI_API_KEY fallback key: "
            f"{req['method']} {req['url']} headers={req['headers']}"
        )


def assert_same_requests(before: Recording, after: Recording) -> None:
    """Both programs ran, called the API, and sent the same normalised requests in the same order."""
    assert_ran_and_called_the_api(before)
    assert_ran_and_called_the_api(after)
    expected = [normalise(r) for r in before.requests]
    actual = [normalise(r) for r in after.requests]
    assert actual == expected, (
        f"{before.case}: the migrated program's requests differ from the original's\n"
        f"{before.program} (method, host, operation, deployment, credential):\n{_format(expected)}\n"
        f"{after.program}:\n{_format(actual)}"
    )


def _format(requests: list[Normalised]) -> str:
    return "\n".join(f"  {r}" for r in requests) or "  (none)"


# --------------------------------------------------------------------------- #
# tests
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("case", ALL_CASES)
def test_original_sample_runs_offline_and_calls_the_api(recordings: Recordings, case: str) -> None:
    assert_ran_and_called_the_api(recordings.get(case, "before.py"))


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_sample_sends_the_same_requests_as_the_original(recordings: Recordings, case: str) -> None:
    before = recordings.get(case, "before.py")
    after = recordings.get(case, "after.py")
    assert_same_requests(before, after)


def _sent_by_the_sdk(request: dict[str, Any]) -> bool:
    """The openai SDK (any version >= 1) stamps every request with its x-stainless-* headers."""
    return any(name.startswith("x-stainless-") for name in request["headers"])


@pytest.mark.parametrize("case", MIGRATED_CASES)
def test_migrated_sample_uses_v1_paths_without_api_version(recordings: Recordings, case: str) -> None:
    after = recordings.get(case, "after.py")
    assert_ran_and_called_the_api(after)
    for req in after.requests:
        assert req["path"].startswith("/openai/v1/"), f"{case}/after.py still calls a legacy path: {req['url']}"
        # v1 takes no dated api-version; "preview" is the one value v1 preview features ask for.
        versions = req["query"].get("api-version", [])
        assert versions in ([], ["preview"]), f"{case}/after.py still sends a dated api-version: {req['url']}"
        if _sent_by_the_sdk(req):  # hand-written REST code keeps its api-key header: v1 takes it too
            assert "api-key" not in req["headers"], f"{case}/after.py still sends an api-key header: {req['url']}"


@pytest.mark.parametrize("case", LEFT_ALONE_CASES)
def test_left_alone_sample_is_unchanged_and_still_runs(recordings: Recordings, case: str) -> None:
    assert _is_left_alone(case)
    assert_ran_and_called_the_api(recordings.get(case, "before.py"))


# ---- the harness itself ---------------------------------------------------- #
def test_every_sample_case_has_a_before_program() -> None:
    assert len(ALL_CASES) >= 18, f"expected at least 18 sample cases in {SAMPLES_DIR}, found {ALL_CASES}"
    stray = _case_dirs("after.py")
    assert set(stray) <= set(ALL_CASES), f"after.py without before.py: {sorted(set(stray) - set(ALL_CASES))}"


@pytest.mark.parametrize(
    ("path", "body", "headers", "expected"),
    [
        (
            "/openai/deployments/gpt-4o/chat/completions",
            {"model": "ignored"},
            {"api-key": "k"},
            ("POST", "h", "chat/completions", "gpt-4o", "k"),
        ),
        (
            "/openai/responses",
            {"model": "gpt-4.1-mini"},
            {"api-key": "k", "authorization": "Bearer t"},
            ("POST", "h", "responses", "gpt-4.1-mini", "k"),
        ),
        (
            "/openai/v1/chat/completions",
            {"model": "gpt-4o"},
            {"authorization": "Bearer k"},
            ("POST", "h", "chat/completions", "gpt-4o", "k"),
        ),
        (
            "/openai/v1/embeddings",
            {"model": "text-embedding-3-small"},
            {"authorization": "Bearer tok"},
            ("POST", "h", "embeddings", "text-embedding-3-small", "tok"),
        ),
    ],
    ids=["legacy-deployment-path", "legacy-non-deployment-path", "v1-chat", "v1-embeddings"],
)
def test_requests_normalise_to_operation_deployment_and_credential(path, body, headers, expected) -> None:
    request = {"method": "POST", "host": "h", "path": path, "json": body, "headers": headers}
    assert normalise(request) == expected


def test_clean_environment_drops_inherited_azure_and_openai_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_OPENAI_AD_TOKEN", "leaked")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.openai.com/v1")
    monkeypatch.setenv("no_proxy", "*")
    env = sample_env("key_auth")
    assert "AZURE_OPENAI_AD_TOKEN" not in env
    assert "OPENAI_BASE_URL" not in env
    assert "no_proxy" not in env
    assert env["OPENAI_API_KEY"] == FALLBACK_OPENAI_KEY
    assert sample_env("azure_ad_token")["AZURE_OPENAI_AD_TOKEN"] == STATIC_AD_TOKEN


RECORDER_SELF_TEST = r'''
import asyncio
try:
    import httpx2
except ImportError:  # openai 1.x/2.x environments use httpx
    import httpx as httpx2
from azure.identity import ClientSecretCredential, ManagedIdentityCredential, get_bearer_token_provider
from azure.identity import aio as identity_aio

sync_provider = get_bearer_token_provider(ClientSecretCredential("tenant", "client", "secret"), "scope/.default")
assert sync_provider() == "fake-entra-token-for:scope/.default", sync_provider()
assert ManagedIdentityCredential().get_token("a", "b").token == "fake-entra-token-for:a,b"
r = httpx2.post("https://res.openai.azure.com/openai/v1/chat/completions", json={"model": "m"})
assert r.json()["choices"][0]["message"]["content"], r.text

async def main():
    async with identity_aio.DefaultAzureCredential() as cred:
        provider = identity_aio.get_bearer_token_provider(cred, "scope/.default")
        assert await provider() == "fake-entra-token-for:scope/.default"
    async with httpx2.AsyncClient() as client:
        r = await client.post("https://res.openai.azure.com/openai/v1/embeddings",
                              json={"model": "e", "input": ["x", "y"]})
        assert len(r.json()["data"]) == 2, r.text
        r = await client.get("https://res.openai.azure.com/openai/v1/models")
        assert r.json()["object"] == "list"

asyncio.run(main())
raise SystemExit(3)
'''


def test_recorder_answers_http_and_fakes_entra_tokens_without_network(tmp_path: Path) -> None:
    program = tmp_path / "self_test.py"
    program.write_text(RECORDER_SELF_TEST, encoding="utf-8")
    out_json = tmp_path / "out.json"
    proc = subprocess.run(
        [PYTHON, str(RECORDER), str(program), str(out_json)],
        env=sample_env("recorder_self_test"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert proc.returncode == 3, proc.stderr.decode(errors="replace")
    assert data["exit_code"] == 3
    assert data["exception"]["type"] == "SystemExit"
    assert [(r["method"], r["path"]) for r in data["requests"]] == [
        ("POST", "/openai/v1/chat/completions"),
        ("POST", "/openai/v1/embeddings"),
        ("GET", "/openai/v1/models"),
    ]
    assert data["blocked_network"] == []
    assert {(c["class"], c["async"]) for c in data["credentials"]} == {
        ("ClientSecretCredential", False),
        ("ManagedIdentityCredential", False),
        ("DefaultAzureCredential", True),
    }

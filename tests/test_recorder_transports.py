"""The behaviour recorder answers ``requests`` and ``aiohttp`` calls as it answers httpx ones.

Each test runs a small program under ``tests/behaviour/recorder.py`` (in a subprocess, as the
behaviour tests do) and checks both sides: what the program got back (asserted inside the
program, which exits non-zero otherwise) and what the recorder wrote down. The programs call
the libraries the ways openai 0.28.1's ``api_requestor`` does (``requests.Session.request``
with ``data=`` bytes and ``stream=``; ``await aiohttp.ClientSession.request(...)``, then
``status``/``headers``/``read()``/``async for line in content``/``release()``), and the ways
hand-written REST code does (``requests.post(json=...)``, ``async with session.post(...)``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
RECORDER = ROOT / "tests" / "behaviour" / "recorder.py"
ENDPOINT = "https://res.openai.azure.com"
CLEAN_ENV_KEYS = ("PATH", "SYSTEMROOT", "HOME", "LANG")


def run_program(tmp_path: Path, source: str) -> dict[str, Any]:
    program = tmp_path / "program.py"
    program.write_text(source, encoding="utf-8")
    out_json = tmp_path / "out.json"
    env = {k: v for k, v in __import__("os").environ.items() if k in CLEAN_ENV_KEYS}
    # Anything that slipped past the patches would meet a dead proxy, not the network.
    env.update({"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.run(
        [sys.executable, str(RECORDER), str(program), str(out_json)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert out_json.exists(), proc.stderr.decode(errors="replace")
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert data["exception"] is None, data["exception"]
    assert data["blocked_network"] == []
    return data


REQUESTS_PROGRAM = f'''
import json
import requests

ENDPOINT = "{ENDPOINT}"
r = requests.post(ENDPOINT + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                  headers={{"api-key": "key-1"}}, json={{"messages": [{{"role": "user", "content": "hi"}}]}})
r.raise_for_status()
assert r.status_code == 200 and r.ok, r.status_code
assert r.headers["Content-Type"] == "application/json", r.headers
assert r.json()["choices"][0]["message"]["content"] == "Recorded reply.", r.text

# openai 0.28.1's api_requestor: Session.request with data= bytes, stream=, proxies=, then
# result.content / result.iter_lines() / result.headers.get("Content-Type") / status_code
session = requests.Session()
session.mount("https://", requests.adapters.HTTPAdapter(max_retries=2))
body = json.dumps({{"messages": [], "stream": True}}).encode()
result = session.request("post", ENDPOINT + "/openai/deployments/gpt-4o/chat/completions?api-version=2023-05-15",
                         headers={{"api-key": "key-2", "Content-Type": "application/json"}}, data=body, files=None,
                         stream=True, timeout=600, proxies=session.proxies)
assert result.status_code == 200
assert "text/event-stream" in result.headers.get("Content-Type", "")
events = [line for line in result.iter_lines() if line]
assert events[-1] == b"data: [DONE]", events
assert json.loads(events[1][len(b"data: "):])["choices"][0]["delta"]["content"] == "Recorded ", events

result = session.request("post", ENDPOINT + "/openai/v1/embeddings",
                         headers={{"Authorization": "Bearer tok"}}, data=json.dumps({{"model": "emb", "input": ["a", "b"]}}),
                         stream=False)
assert len(json.loads(result.content.decode("utf-8"))["data"]) == 2, result.content

r = requests.post(ENDPOINT + "/openai/v1/audio/transcriptions", headers={{"api-key": "key-3"}},
                  files={{"file": ("a.wav", b"RIFF0000")}}, data={{"model": "whisper"}})
assert r.json() == {{"text": "Recorded reply."}}, r.text
r = requests.get(ENDPOINT + "/openai/models", params={{"api-version": "2024-10-21"}})
assert r.json()["object"] == "list", r.text
'''


def test_requests_calls_are_recorded_and_answered_with_real_responses(tmp_path: Path) -> None:
    data = run_program(tmp_path, REQUESTS_PROGRAM)
    assert "requests" in data["patched"]["transports"]
    reqs = data["requests"]
    assert [(r["transport"], r["method"], r["path"]) for r in reqs] == [
        ("requests", "POST", "/openai/deployments/gpt-4o/chat/completions"),
        ("requests", "POST", "/openai/deployments/gpt-4o/chat/completions"),
        ("requests", "POST", "/openai/v1/embeddings"),
        ("requests", "POST", "/openai/v1/audio/transcriptions"),
        ("requests", "GET", "/openai/models"),
    ]
    first, stream, embeddings, audio, models = reqs
    assert first["host"] == "res.openai.azure.com"
    assert first["scheme"] == "https" and first["port"] is None
    assert first["url"] == ENDPOINT + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"
    assert first["query"] == {"api-version": ["2024-10-21"]}
    assert first["headers"]["api-key"] == "key-1"
    assert first["headers"]["content-type"] == "application/json"
    assert first["json"] == {"messages": [{"role": "user", "content": "hi"}]}
    assert first["response_kind"] == "chat.completion"
    assert stream["json"] == {"messages": [], "stream": True}
    assert stream["response_kind"] == "chat.completion.chunk"
    assert stream["query"] == {"api-version": ["2023-05-15"]}
    assert embeddings["headers"]["authorization"] == "Bearer tok"
    assert embeddings["json"] == {"model": "emb", "input": ["a", "b"]}
    assert audio["json"] is None
    assert audio["form"] == {"model": "whisper", "file": "<file a.wav, 8 bytes>"}
    assert audio["headers"]["content-type"].startswith("multipart/form-data; boundary=")
    assert models["query"] == {"api-version": ["2024-10-21"]}
    assert models["json"] is None and models["body_text"] is None


AIOHTTP_PROGRAM = f'''
import asyncio
import json
import aiohttp

ENDPOINT = "{ENDPOINT}"

async def main():
    async with aiohttp.ClientSession(headers={{"api-key": "session-key"}}) as session:
        async with session.post(ENDPOINT + "/openai/deployments/gpt-4o/chat/completions",
                                params={{"api-version": "2024-10-21"}},
                                json={{"messages": [{{"role": "user", "content": "hi"}}]}}) as resp:
            resp.raise_for_status()
            assert resp.status == 200 and resp.ok
            assert resp.content_type == "application/json"
            body = await resp.json()
            assert body["choices"][0]["message"]["content"] == "Recorded reply.", body
            assert (await resp.text()).startswith("{{")

        async with session.post(ENDPOINT + "/openai/v1/chat/completions", headers={{"Authorization": "Bearer tok"}},
                                json={{"model": "gpt-4o", "messages": [], "stream": True}}) as resp:
            lines = [line async for line in resp.content]
            events = [line.strip() for line in lines if line.strip()]
            assert events[-1] == b"data: [DONE]", events

        form = aiohttp.FormData()
        form.add_field("model", "whisper")
        form.add_field("file", b"RIFF", filename="a.wav")
        async with session.post(ENDPOINT + "/openai/v1/audio/transcriptions", data=form) as resp:
            assert await resp.json() == {{"text": "Recorded reply."}}

    # openai 0.28.1's api_requestor: await session.request(**kwargs), then status, headers,
    # read() or async iteration of content, and release().
    session = aiohttp.ClientSession()
    try:
        result = await session.request(
            method="post",
            url=ENDPOINT + "/openai/deployments/emb/embeddings?api-version=2023-05-15",
            headers={{"api-key": "key-0", "Content-Type": "application/json"}},
            data=json.dumps({{"input": ["a", "b", "c"]}}).encode(),
            proxy=None,
            timeout=aiohttp.ClientTimeout(total=600),
        )
        assert result.status == 200
        assert "text/event-stream" not in result.headers.get("Content-Type", "")
        assert len(json.loads((await result.read()).decode("utf-8"))["data"]) == 3
        result.release()
        result = await session.request(
            method="post",
            url=ENDPOINT + "/openai/deployments/gpt-4o/completions?api-version=2023-05-15",
            headers={{"api-key": "key-0"}},
            data=json.dumps({{"prompt": "x", "stream": True}}).encode(),
        )
        assert "text/event-stream" in result.headers.get("Content-Type", "")
        chunks = [line async for line in result.content if line.startswith(b"data: ")]
        assert chunks[-1].strip() == b"data: [DONE]" and len(chunks) == 3, chunks
        await result.release()  # release() is awaitable in older aiohttp and a no-op result in newer
    finally:
        await session.close()

asyncio.run(main())
'''


def test_aiohttp_calls_are_recorded_and_answered(tmp_path: Path) -> None:
    data = run_program(tmp_path, AIOHTTP_PROGRAM)
    assert "aiohttp" in data["patched"]["transports"]
    reqs = data["requests"]
    assert [(r["transport"], r["method"], r["path"]) for r in reqs] == [
        ("aiohttp", "POST", "/openai/deployments/gpt-4o/chat/completions"),
        ("aiohttp", "POST", "/openai/v1/chat/completions"),
        ("aiohttp", "POST", "/openai/v1/audio/transcriptions"),
        ("aiohttp", "POST", "/openai/deployments/emb/embeddings"),
        ("aiohttp", "POST", "/openai/deployments/gpt-4o/completions"),
    ]
    chat, stream, audio, legacy_embeddings, legacy_stream = reqs
    assert chat["url"] == ENDPOINT + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"
    assert chat["query"] == {"api-version": ["2024-10-21"]}
    assert chat["host"] == "res.openai.azure.com"
    assert chat["headers"]["api-key"] == "session-key"
    assert chat["headers"]["content-type"] == "application/json"
    assert chat["json"] == {"messages": [{"role": "user", "content": "hi"}]}
    assert stream["headers"]["authorization"] == "Bearer tok"
    assert stream["headers"]["api-key"] == "session-key"  # session headers are sent with every request
    assert stream["response_kind"] == "chat.completion.chunk"
    assert audio["form"] == {"model": "whisper", "file": "<file a.wav, 4 bytes>"}
    assert legacy_embeddings["json"] == {"input": ["a", "b", "c"]}
    assert legacy_embeddings["headers"]["api-key"] == "key-0"
    assert legacy_embeddings["query"] == {"api-version": ["2023-05-15"]}
    assert legacy_stream["response_kind"] == "text_completion.stream"


def test_httpx_recording_keeps_its_shape_next_to_the_new_transports(tmp_path: Path) -> None:
    program = f'''
try:
    import httpx2 as httpx
except ImportError:
    import httpx
r = httpx.post("{ENDPOINT}/openai/deployments/d%20x/embeddings?api-version=1", headers={{"API-Key": "k"}},
               json={{"input": "a"}})
assert len(r.json()["data"]) == 1
'''
    data = run_program(tmp_path, program)
    (req,) = data["requests"]
    assert req["transport"].endswith(".HTTPTransport")
    assert req["path"] == "/openai/deployments/d x/embeddings"  # decoded, as httpx's URL.path is
    assert req["headers"]["api-key"] == "k"
    assert req["json"] == {"input": "a"} and req["form"] is None


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("application/x-www-form-urlencoded", b"model=whisper&language=en", {"model": "whisper", "language": "en"}),
        (
            "multipart/form-data; boundary=XX",
            b'--XX\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper\r\n'
            b'--XX\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF\r\n--XX--\r\n',
            {"model": "whisper", "file": "<file a.wav, 4 bytes>"},
        ),
        ("application/octet-stream", b"\x00\x01", None),
    ],
    ids=["urlencoded", "multipart", "binary"],
)
def test_form_bodies_are_recorded_field_by_field(content_type: str, body: bytes, expected: Any) -> None:
    sys.path.insert(0, str(RECORDER.parent))
    try:
        import recorder
    finally:
        sys.path.remove(str(RECORDER.parent))
    assert recorder._parse_form(content_type, body) == expected

"""Run a sample program with every outbound HTTP call recorded and answered locally.

Usage::

    python tests/behaviour/recorder.py SAMPLE.py OUT.json

Before the sample runs, this script installs patches so that nothing reaches the
network. The module patches are applied the moment the module is imported (an import
hook; already-imported modules are patched at once), so samples that never touch
azure-identity do not pay for importing it:

* ``httpx2`` and ``httpx`` (whichever can be imported): ``HTTPTransport.handle_request``
  and ``AsyncHTTPTransport.handle_async_request`` record each request and return a
  canned ``200`` JSON answer shaped for the path (chat completion, completion,
  embeddings list, responses object, list; a generic object otherwise). Chat
  completions and completions with ``"stream": true`` get a short SSE stream.
* ``requests``: ``requests.adapters.HTTPAdapter.send`` records the request and returns a
  real ``requests.Response`` (built by the adapter's ``build_response`` over a ``urllib3``
  response holding the canned bytes), so ``.content``, ``.json()``, ``stream=True`` and
  ``iter_lines()`` over SSE work, as openai 0.x's ``requests.Session.request`` expects.
* ``aiohttp``: ``aiohttp.ClientSession._request`` (behind ``request``, ``get``, ``post``...)
  records the request (session headers merged, ``params=`` added to the URL, ``json=``/
  ``data=``/``FormData`` bodies) and returns a ``RecordedAiohttpResponse``: ``status``,
  ``headers``, ``await read()/text()/json()``, ``async for line in r.content``,
  ``release()`` and ``async with`` work; nothing connects.
* ``azure.identity`` and ``azure.identity.aio`` credential classes: construction does
  no I/O, and ``get_token`` / ``get_token_info`` return the deterministic token
  ``fake-entra-token-for:<scopes joined by ",">`` (awaitable for the aio classes).
  ``close`` and the (async) context-manager methods are harmless.
* Belt and braces: ``socket.getaddrinfo`` for any non-loopback host and
  ``socket.connect`` to any non-loopback address raise ``OSError``; each such attempt
  is recorded under ``blocked_network``.

Then the sample runs with ``runpy.run_path(SAMPLE, run_name="__main__")`` (``sys.argv``
is ``[SAMPLE]`` and the sample's folder is ``sys.path[0]``, as with ``python SAMPLE``).
OUT.json is written even if the sample raised. Its shape::

    {
      "sample": "<absolute path>",
      "python": "3.11.7",
      "versions": {"openai": "3.57.0", "httpx2": "...", ...},
      "patched": {"transports": ["httpx2"], "credentials": ["azure.identity.DefaultAzureCredential", ...]},
      "requests": [
        {"transport": "httpx2.HTTPTransport", "method": "POST",   # or "requests", "aiohttp"
         "url": "https://h/openai/v1/chat/completions", "scheme": "https",
         "host": "h", "port": null, "path": "/openai/v1/chat/completions",
         "query": {"api-version": ["2024-10-21"]},      # name -> list of values
         "headers": {"authorization": "Bearer ...", ...},  # names lower-cased
         "json": {...} | null, "body_text": "..." | null,  # body_text only if not JSON
         "form": {"model": "whisper", "file": "<file a.wav, 4 bytes>"} | null,  # form bodies
         "response_kind": "chat.completion"}
      ],
      "credentials": [{"class": "DefaultAzureCredential", "module": "azure.identity", "async": false}],
      "token_requests": [{"class": "DefaultAzureCredential", "method": "get_token_info",
                          "scopes": ["https://cognitiveservices.azure.com/.default"], "async": false}],
      "blocked_network": [{"call": "getaddrinfo", "target": "..."}],
      "exception": null | {"type": "TypeError", "qualname": "builtins.TypeError",
                           "message": "...", "traceback": "..."},
      "exit_code": 0
    }

The recorder exits with the sample's exit status: 0 when it finished (or called
``sys.exit(0)``), the ``SystemExit`` code when it called ``sys.exit(n)``, and 1 when it
raised. Works on Python 3.10+ with openai 1.x/2.x (httpx), 3.x (httpx2) and 0.x (requests,
aiohttp: tried with openai 0.28.1 on requests 2.31/urllib3 1.26/aiohttp 3.8.6 and on the newest).
"""

from __future__ import annotations

import base64
import importlib.abc
import json
import os
import runpy
import socket
import struct
import sys
import time
import traceback
from typing import Any, Optional
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

FAKE_TOKEN_PREFIX = "fake-entra-token-for:"
CANNED_TEXT = "Recorded reply."
CREATED = 1_700_000_000

PATCHED: dict[str, list[str]] = {"transports": [], "credentials": []}
STATE: dict[str, Any] = {
    "requests": [],
    "credentials": [],
    "token_requests": [],
    "blocked_network": [],
}


# --------------------------------------------------------------------------- #
# canned responses
# --------------------------------------------------------------------------- #
def _op(path: str) -> str:
    """Operation part of an OpenAI/Azure path, e.g. 'chat/completions'."""
    parts = [p for p in path.split("/") if p]
    if parts[:1] == ["openai"]:
        parts = parts[1:]
        if parts[:1] == ["v1"]:
            parts = parts[1:]
        elif parts[:1] == ["deployments"] and len(parts) >= 2:
            parts = parts[2:]
    elif parts[:1] == ["v1"]:
        parts = parts[1:]
    return "/".join(parts)


def _usage(n: int = 5) -> dict[str, int]:
    return {"prompt_tokens": n, "completion_tokens": 3, "total_tokens": n + 3}


def _chat(body: dict[str, Any]) -> dict[str, Any]:
    n = body.get("n") or 1
    return {
        "id": "chatcmpl-recorded",
        "object": "chat.completion",
        "created": CREATED,
        "model": body.get("model") or "recorded-model",
        "choices": [
            {
                "index": i,
                "message": {"role": "assistant", "content": CANNED_TEXT, "refusal": None},
                "finish_reason": "stop",
                "logprobs": None,
            }
            for i in range(n)
        ],
        "usage": _usage(),
    }


def _chat_stream(body: dict[str, Any]) -> bytes:
    base = {
        "id": "chatcmpl-recorded",
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": body.get("model") or "recorded-model",
    }
    deltas = [
        ({"role": "assistant", "content": ""}, None),
        ({"content": "Recorded "}, None),
        ({"content": "reply."}, None),
        ({}, "stop"),
    ]
    out = []
    for delta, finish in deltas:
        chunk = dict(base, choices=[{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}])
        out.append("data: " + json.dumps(chunk) + "\n\n")
    out.append("data: [DONE]\n\n")
    return "".join(out).encode()


def _completion(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "cmpl-recorded",
        "object": "text_completion",
        "created": CREATED,
        "model": body.get("model") or "recorded-model",
        "choices": [{"index": 0, "text": CANNED_TEXT, "finish_reason": "stop", "logprobs": None}],
        "usage": _usage(),
    }


def _completion_stream(body: dict[str, Any]) -> bytes:
    base = {
        "id": "cmpl-recorded",
        "object": "text_completion",
        "created": CREATED,
        "model": body.get("model") or "recorded-model",
    }
    out = []
    for text, finish in (("Recorded ", None), ("reply.", "stop")):
        chunk = dict(base, choices=[{"index": 0, "text": text, "finish_reason": finish, "logprobs": None}])
        out.append("data: " + json.dumps(chunk) + "\n\n")
    out.append("data: [DONE]\n\n")
    return "".join(out).encode()


def _embeddings(body: dict[str, Any]) -> dict[str, Any]:
    inputs = body.get("input")
    if isinstance(inputs, list) and inputs and not isinstance(inputs[0], int):
        count = len(inputs)
    else:
        count = 1
    dims = body.get("dimensions") or 8
    data = []
    for i in range(count):
        vector = [round(0.01 * (i + 1) * (j + 1), 4) for j in range(dims)]
        if body.get("encoding_format") == "base64":
            emb: Any = base64.b64encode(struct.pack("<%df" % dims, *vector)).decode()
        else:
            emb = vector
        data.append({"object": "embedding", "index": i, "embedding": emb})
    return {
        "object": "list",
        "data": data,
        "model": body.get("model") or "recorded-model",
        "usage": {"prompt_tokens": 4 * count, "total_tokens": 4 * count},
    }


def _responses(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "resp_recorded",
        "object": "response",
        "created_at": CREATED,
        "status": "completed",
        "model": body.get("model") or "recorded-model",
        "output": [
            {
                "type": "message",
                "id": "msg_recorded",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": CANNED_TEXT, "annotations": []}],
            }
        ],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
        "temperature": 1.0,
        "top_p": 1.0,
        "usage": {
            "input_tokens": 5,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 3,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 8,
        },
    }


def canned_response(method: str, path: str, body: Any) -> tuple[str, str, bytes]:
    """Return (kind, content_type, payload) for a request."""
    body = body if isinstance(body, dict) else {}
    op = _op(path)
    stream = bool(body.get("stream"))
    if method == "POST" and op == "chat/completions":
        if stream:
            return "chat.completion.chunk", "text/event-stream", _chat_stream(body)
        return "chat.completion", "application/json", json.dumps(_chat(body)).encode()
    if method == "POST" and op == "completions":
        if stream:
            return "text_completion.stream", "text/event-stream", _completion_stream(body)
        return "text_completion", "application/json", json.dumps(_completion(body)).encode()
    if method == "POST" and op == "embeddings":
        return "embeddings", "application/json", json.dumps(_embeddings(body)).encode()
    if method == "POST" and op == "responses":
        return "response", "application/json", json.dumps(_responses(body)).encode()
    if method == "POST" and op in ("audio/transcriptions", "audio/translations"):
        return "audio.transcription", "application/json", json.dumps({"text": CANNED_TEXT}).encode()
    if method == "GET" and op == "models":
        payload = {
            "object": "list",
            "data": [{"id": "gpt-4o", "object": "model", "created": CREATED, "owned_by": "system"}],
        }
        return "list", "application/json", json.dumps(payload).encode()
    payload = {"id": "recorded", "object": "recorded", "created": CREATED, "data": [], "status": "completed"}
    return "generic", "application/json", json.dumps(payload).encode()


# --------------------------------------------------------------------------- #
# transport patches
# --------------------------------------------------------------------------- #
def _parse_form(content_type: str, content: bytes) -> Any:
    """Form fields of a urlencoded or multipart body: {name: value}; files as "<file NAME, N bytes>"."""
    ctype = content_type.lower()
    if ctype.startswith("application/x-www-form-urlencoded"):
        try:
            return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(content.decode("utf-8"), keep_blank_values=True).items()}
        except (UnicodeDecodeError, ValueError):
            return None
    if ctype.startswith("multipart/form-data"):
        import email.parser
        import email.policy

        try:
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + content
            )
        except Exception:  # noqa: BLE001 - a body we cannot parse is recorded as text only
            return None
        if not message.is_multipart():
            return None
        form: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name is None:
                continue
            data = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                form[name] = "<file %s, %d bytes>" % (filename, len(data))
            else:
                try:
                    form[name] = data.decode("utf-8")
                except UnicodeDecodeError:
                    form[name] = "<%d bytes>" % len(data)
        return form
    return None


def record_request(
    transport: str, method: str, url: str, header_items: Any, content: bytes
) -> tuple[str, str, bytes]:
    """Record one request (any transport) and return the canned (kind, content_type, payload)."""
    parts = urlsplit(url)
    text = None
    parsed: Any = None
    headers: dict[str, str] = {}
    for name, value in header_items:
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        key = str(name).lower()
        headers[key] = headers[key] + ", " + str(value) if key in headers else str(value)
    if content:
        try:
            parsed = json.loads(content)
        except ValueError:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError:
                text = "<%d bytes of binary content>" % len(content)
    form = _parse_form(headers.get("content-type", ""), content) if content and parsed is None else None
    path = unquote(parts.path) or "/"
    method = method.upper()
    kind, content_type, payload = canned_response(method, path, parsed)
    STATE["requests"].append(
        {
            "transport": transport,
            "method": method,
            "url": url,
            "scheme": parts.scheme,
            "host": (parts.hostname or "").lower(),
            "port": parts.port,
            "path": path,
            "query": parse_qs(parts.query, keep_blank_values=True),
            "headers": headers,
            "json": parsed,
            "body_text": text,
            "form": form,
            "response_kind": kind,
        }
    )
    return kind, content_type, payload


def _record(transport: str, request: Any, content: bytes) -> tuple[str, str, bytes]:
    return record_request(transport, request.method, str(request.url), request.headers.multi_items(), content)


def _patch_httpx_module(mod: Any, name: str) -> None:
    def handle_request(self: Any, request: Any) -> Any:
        content = request.read()
        _, content_type, payload = _record(name + ".HTTPTransport", request, content)
        return mod.Response(
            200,
            headers={"content-type": content_type, "x-request-id": "req_recorded"},
            content=payload,
            request=request,
        )

    async def handle_async_request(self: Any, request: Any) -> Any:
        content = await request.aread()
        _, content_type, payload = _record(name + ".AsyncHTTPTransport", request, content)
        return mod.Response(
            200,
            headers={"content-type": content_type, "x-request-id": "req_recorded"},
            content=payload,
            request=request,
        )

    mod.HTTPTransport.handle_request = handle_request
    mod.AsyncHTTPTransport.handle_async_request = handle_async_request


def patch_httpx_module(mod: Any) -> None:
    _patch_httpx_module(mod, mod.__name__)
    PATCHED["transports"].append(mod.__name__)


RESPONSE_HEADERS = {"x-request-id": "req_recorded"}


def patch_requests_adapters(mod: Any) -> None:
    """``requests``: ``HTTPAdapter.send`` answers from the canned responses.

    The answer is a real ``requests.Response`` built by the adapter's own ``build_response``
    from a ``urllib3`` response over the canned bytes, so ``.content``, ``.json()``,
    ``.iter_lines()`` (SSE streams), ``stream=True`` and ``raise_for_status()`` behave as usual.
    """
    import io

    from urllib3.response import HTTPResponse

    def send(self: Any, request: Any, stream: bool = False, timeout: Any = None, verify: Any = True,
             cert: Any = None, proxies: Any = None) -> Any:
        body = request.body
        if body is None:
            content = b""
        elif isinstance(body, str):
            content = body.encode("utf-8")
        elif isinstance(body, (bytes, bytearray)):
            content = bytes(body)
        elif hasattr(body, "read"):
            content = body.read()
            content = content.encode("utf-8") if isinstance(content, str) else content
        else:  # an iterable of chunks
            content = b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in body)
        _, content_type, payload = record_request(
            "requests", request.method, request.url, request.headers.items(), content
        )
        raw = HTTPResponse(
            body=io.BytesIO(payload),
            headers=dict(RESPONSE_HEADERS, **{"content-type": content_type, "content-length": str(len(payload))}),
            status=200,
            reason="OK",
            preload_content=False,
            decode_content=False,
        )
        response = self.build_response(request, raw)
        if not stream:
            response.content  # noqa: B018 - read the body now, as the real adapter's caller would
        return response

    mod.HTTPAdapter.send = send
    PATCHED["transports"].append("requests")


class _RecordedStreamReader:
    """The parts of ``aiohttp.StreamReader`` that response readers use, over fixed bytes."""

    def __init__(self, payload: bytes) -> None:
        self._buffer = payload
        self._pos = 0

    def at_eof(self) -> bool:
        return self._pos >= len(self._buffer)

    def is_eof(self) -> bool:
        return self.at_eof()

    def exception(self) -> None:
        return None

    async def read(self, n: int = -1) -> bytes:
        end = len(self._buffer) if n is None or n < 0 else self._pos + n
        chunk = self._buffer[self._pos : end]
        self._pos += len(chunk)
        return chunk

    async def readany(self) -> bytes:
        return await self.read()

    async def readexactly(self, n: int) -> bytes:
        chunk = await self.read(n)
        if len(chunk) < n:
            raise EOFError("recorded body ended after %d of %d bytes" % (len(chunk), n))
        return chunk

    async def readline(self) -> bytes:
        end = self._buffer.find(b"\n", self._pos)
        end = len(self._buffer) if end < 0 else end + 1
        line = self._buffer[self._pos : end]
        self._pos = end
        return line

    async def readchunk(self) -> tuple[bytes, bool]:
        return await self.read(), False

    def read_nowait(self, n: int = -1) -> bytes:
        end = len(self._buffer) if n is None or n < 0 else self._pos + n
        chunk = self._buffer[self._pos : end]
        self._pos += len(chunk)
        return chunk

    def __aiter__(self) -> Any:
        return self._lines()

    async def _lines(self) -> Any:
        while not self.at_eof():
            yield await self.readline()

    async def _chunks(self, size: int) -> Any:
        while not self.at_eof():
            yield await self.read(size)

    def iter_chunked(self, n: int) -> Any:
        return self._chunks(n)

    def iter_any(self) -> Any:
        return self._chunks(-1)

    async def _chunks_with_end(self) -> Any:
        while not self.at_eof():
            yield await self.read(), False

    def iter_chunks(self) -> Any:
        return self._chunks_with_end()


class RecordedAiohttpResponse:
    """A stand-in for ``aiohttp.ClientResponse`` carrying a canned ``200`` answer.

    Supports what callers use: ``status``/``reason``/``ok``/``headers``/``url``/``method``,
    ``await read()``/``text()``/``json()``, ``content`` (``async for line in r.content``,
    ``iter_chunked``, ``iter_any``, ``readline``), ``raise_for_status()``, ``release()``,
    ``close()``, ``wait_for_close()`` and ``async with``.
    """

    def __init__(self, method: str, url: Any, headers: Any, payload: bytes) -> None:
        self.method = method
        self.url = url
        self.real_url = url
        self.status = 200
        self.reason = "OK"
        self.ok = True
        self.headers = headers
        self.raw_headers = tuple((k.encode(), v.encode()) for k, v in headers.items())
        self.history = ()
        self.cookies: dict[str, Any] = {}
        self.version = None
        self.content = _RecordedStreamReader(payload)
        self._payload = payload
        self.closed = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def charset(self) -> str:
        return "utf-8"

    async def read(self) -> bytes:
        return self._payload

    async def text(self, encoding: Any = None, errors: str = "strict") -> str:
        return self._payload.decode(encoding or "utf-8", errors)

    async def json(self, *, encoding: Any = None, loads: Any = json.loads, content_type: Any = "application/json") -> Any:
        if content_type and content_type not in self.content_type:
            raise ValueError(
                "recorder: attempt to decode JSON with unexpected mimetype: %s" % self.content_type
            )
        return loads(self._payload.decode(encoding or "utf-8"))

    def raise_for_status(self) -> None:
        return None

    def release(self) -> Any:
        self.closed = True
        return _noop_awaitable()

    def close(self) -> None:
        self.closed = True

    async def wait_for_close(self) -> None:
        self.closed = True

    async def __aenter__(self) -> Any:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.release()

    def __repr__(self) -> str:
        return "<RecordedAiohttpResponse(%s) [200 OK]>" % self.url


class _NoopAwaitable:
    def __await__(self) -> Any:
        return iter(())


def _noop_awaitable() -> Any:
    return _NoopAwaitable()


def _aiohttp_body(data: Any, json_body: Any, json_serialize: Any) -> tuple[bytes, Optional[str]]:
    """Bytes and implied content type of an aiohttp request body."""
    if json_body is not None:
        return json_serialize(json_body).encode("utf-8"), "application/json"
    if data is None:
        return b"", None
    if isinstance(data, (bytes, bytearray)):
        return bytes(data), None
    if isinstance(data, str):
        return data.encode("utf-8"), "text/plain; charset=utf-8"
    if isinstance(data, dict) or (isinstance(data, (list, tuple)) and all(isinstance(p, tuple) for p in data)):
        return urlencode(data, doseq=True).encode("ascii"), "application/x-www-form-urlencoded"
    fields = getattr(data, "_fields", None)  # aiohttp.FormData
    if isinstance(fields, list):
        is_multipart = bool(getattr(data, "_is_multipart", False))
        if not is_multipart:
            pairs = [(opts.get("name"), value) for opts, _, value in fields]
            return urlencode(pairs).encode("ascii"), "application/x-www-form-urlencoded"
        boundary = "recorded-boundary"
        out = []
        for opts, _, value in fields:
            disposition = 'form-data; name="%s"' % opts.get("name")
            if opts.get("filename"):
                disposition += '; filename="%s"' % opts.get("filename")
            if hasattr(value, "read"):
                value = value.read()
            if isinstance(value, str):
                value = value.encode("utf-8")
            out.append(b"--" + boundary.encode() + b"\r\nContent-Disposition: " + disposition.encode() + b"\r\n\r\n"
                       + bytes(value) + b"\r\n")
        out.append(b"--" + boundary.encode() + b"--\r\n")
        return b"".join(out), "multipart/form-data; boundary=" + boundary
    if hasattr(data, "read"):
        value = data.read()
        return (value.encode("utf-8") if isinstance(value, str) else bytes(value)), None
    return repr(data).encode("utf-8"), None


def patch_aiohttp_client(mod: Any) -> None:
    """``aiohttp``: ``ClientSession._request`` (behind ``request``/``get``/``post``/...) answers
    from the canned responses with a :class:`RecordedAiohttpResponse`; nothing is connected."""
    from multidict import CIMultiDict, CIMultiDictProxy
    from yarl import URL

    async def _request(self: Any, method: str, str_or_url: Any, *, params: Any = None, data: Any = None,
                       json: Any = None, headers: Any = None, **kwargs: Any) -> Any:
        if data is not None and json is not None:
            raise ValueError("data and json parameters can not be used at the same time")
        build_url = getattr(self, "_build_url", None)
        url = build_url(str_or_url) if build_url is not None else URL(str_or_url)
        if params:
            if isinstance(params, str):
                extra = params
            else:
                items = params.items() if hasattr(params, "items") else params
                extra = urlencode([(k, str(v)) for k, v in items])
            split = urlsplit(str(url))
            query = split.query + ("&" if split.query and extra else "") + extra
            url = URL(urlunsplit((split.scheme, split.netloc, split.path, query, split.fragment)), encoded=True)
        merged = CIMultiDict(getattr(self, "_default_headers", None) or {})
        if headers:
            for name, value in (headers.items() if hasattr(headers, "items") else headers):
                merged[name] = value
        serialize = getattr(self, "_json_serialize", None) or __import__("json").dumps
        content, implied_type = _aiohttp_body(data, json, serialize)
        if implied_type and "content-type" not in merged:
            merged["Content-Type"] = implied_type
        _, content_type, payload = record_request("aiohttp", method, str(url), merged.items(), content)
        response_headers = CIMultiDictProxy(
            CIMultiDict(RESPONSE_HEADERS, **{"Content-Type": content_type, "Content-Length": str(len(payload))})
        )
        return RecordedAiohttpResponse(method.upper(), url, response_headers, payload)

    mod.ClientSession._request = _request
    PATCHED["transports"].append("aiohttp")


# --------------------------------------------------------------------------- #
# azure-identity patches
# --------------------------------------------------------------------------- #
def fake_token(scopes: tuple[str, ...]) -> str:
    return FAKE_TOKEN_PREFIX + ",".join(scopes)


def _patch_credential_class(cls: type, module_name: str, is_async: bool) -> None:
    from azure.core.credentials import AccessToken

    try:
        from azure.core.credentials import AccessTokenInfo
    except ImportError:  # azure-core < 1.31
        AccessTokenInfo = None  # type: ignore[assignment,misc]

    cls_name = cls.__name__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        self._recorder_args = args
        self._recorder_kwargs = kwargs
        STATE["credentials"].append({"class": cls_name, "module": module_name, "async": is_async})

    def _note(method: str, scopes: tuple[str, ...]) -> None:
        STATE["token_requests"].append(
            {"class": cls_name, "method": method, "scopes": list(scopes), "async": is_async}
        )

    def _access_token(scopes: tuple[str, ...]) -> Any:
        return AccessToken(fake_token(scopes), int(time.time()) + 3600)

    def _access_token_info(scopes: tuple[str, ...]) -> Any:
        return AccessTokenInfo(fake_token(scopes), int(time.time()) + 3600)  # type: ignore[misc]

    if is_async:

        async def get_token(self: Any, *scopes: str, **kwargs: Any) -> Any:
            _note("get_token", scopes)
            return _access_token(scopes)

        async def get_token_info(self: Any, *scopes: str, options: Any = None) -> Any:
            _note("get_token_info", scopes)
            return _access_token_info(scopes)

        async def close(self: Any) -> None:
            return None

        async def __aenter__(self: Any) -> Any:
            return self

        async def __aexit__(self: Any, *exc: Any) -> None:
            return None

        cls.__aenter__ = __aenter__  # type: ignore[attr-defined]
        cls.__aexit__ = __aexit__  # type: ignore[attr-defined]
    else:

        def get_token(self: Any, *scopes: str, **kwargs: Any) -> Any:
            _note("get_token", scopes)
            return _access_token(scopes)

        def get_token_info(self: Any, *scopes: str, options: Any = None) -> Any:
            _note("get_token_info", scopes)
            return _access_token_info(scopes)

        def close(self: Any) -> None:
            return None

        def __enter__(self: Any) -> Any:
            return self

        def __exit__(self: Any, *exc: Any) -> None:
            return None

        cls.__enter__ = __enter__  # type: ignore[attr-defined]
        cls.__exit__ = __exit__  # type: ignore[attr-defined]

    cls.__init__ = __init__  # type: ignore[misc]
    cls.get_token = get_token  # type: ignore[attr-defined]
    if AccessTokenInfo is not None:
        cls.get_token_info = get_token_info  # type: ignore[attr-defined]
    cls.close = close  # type: ignore[attr-defined]


def patch_azure_identity_module(mod: Any) -> None:
    is_async = mod.__name__.endswith(".aio")
    for attr in sorted(dir(mod)):
        obj = getattr(mod, attr)
        if isinstance(obj, type) and attr.endswith("Credential"):
            _patch_credential_class(obj, mod.__name__, is_async)
            PATCHED["credentials"].append(mod.__name__ + "." + attr)


# --------------------------------------------------------------------------- #
# patch modules when (and only if) they are imported: importing azure-identity
# costs ~0.4 s, and most samples never use it
# --------------------------------------------------------------------------- #
POST_IMPORT_PATCHES = {
    "httpx2": patch_httpx_module,
    "httpx": patch_httpx_module,
    "requests.adapters": patch_requests_adapters,
    "aiohttp.client": patch_aiohttp_client,
    "azure.identity": patch_azure_identity_module,
    "azure.identity.aio": patch_azure_identity_module,
}


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Meta path finder that runs a patch function right after a module executes."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        patch = POST_IMPORT_PATCHES.get(fullname)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        real_exec_module = loader.exec_module

        def exec_module(module: Any) -> None:
            real_exec_module(module)
            patch(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install_import_patches() -> None:
    for name, patch in POST_IMPORT_PATCHES.items():
        if name in sys.modules:  # already imported: patch now
            patch(sys.modules[name])
    sys.meta_path.insert(0, _PatchOnImport())


# --------------------------------------------------------------------------- #
# network belt
# --------------------------------------------------------------------------- #
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "", None}


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host in _LOOPBACK_NAMES or (isinstance(host, str) and host.startswith("127."))


def patch_sockets() -> None:
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            STATE["blocked_network"].append({"call": "getaddrinfo", "target": str(host)})
            raise socket.gaierror(socket.EAI_NONAME, "network access blocked by recorder")
        return real_getaddrinfo(host, *args, **kwargs)

    def _check(sock: socket.socket, address: Any, call: str) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else address
            if not _is_loopback(host):
                STATE["blocked_network"].append({"call": call, "target": repr(address)})
                raise OSError("network access blocked by recorder: %r" % (address,))

    def connect(self: socket.socket, address: Any) -> Any:
        _check(self, address, "connect")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        _check(self, address, "connect_ex")
        return real_connect_ex(self, address)

    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]


# --------------------------------------------------------------------------- #
# main
# --------------------------------------------------------------------------- #
def _versions() -> dict[str, str]:
    out = {}
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover
        return out
    for dist in ("openai", "httpx2", "httpx", "requests", "aiohttp", "azure-identity", "azure-core"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return out


def run(sample: str, out_path: str) -> int:
    sample = os.path.abspath(sample)
    result: dict[str, Any] = {
        "sample": sample,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "versions": {},
        "patched": PATCHED,
        "requests": STATE["requests"],
        "credentials": STATE["credentials"],
        "token_requests": STATE["token_requests"],
        "blocked_network": STATE["blocked_network"],
        "exception": None,
        "exit_code": None,
    }
    exit_code = 1
    try:
        patch_sockets()
        install_import_patches()
        sys.argv = [sample]
        sys.path[0] = os.path.dirname(sample)
        try:
            runpy.run_path(sample, run_name="__main__")
            exit_code = 0
        except SystemExit as exc:
            code = exc.code
            if code is None:
                exit_code = 0
            elif isinstance(code, int):
                exit_code = code
            else:
                print(code, file=sys.stderr)
                exit_code = 1
            if exit_code != 0:
                result["exception"] = {
                    "type": "SystemExit",
                    "qualname": "builtins.SystemExit",
                    "message": str(code),
                    "traceback": traceback.format_exc(),
                }
    except BaseException as exc:  # noqa: BLE001 - we record whatever the sample raised
        tb = traceback.format_exc()
        sys.stderr.write(tb)
        result["exception"] = {
            "type": type(exc).__name__,
            "qualname": type(exc).__module__ + "." + type(exc).__qualname__,
            "message": str(exc),
            "traceback": tb,
        }
        exit_code = 1
    finally:
        try:
            sys.stdout.flush()
        except Exception:  # noqa: BLE001
            pass
        result["exit_code"] = exit_code
        result["versions"] = _versions()
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2, sort_keys=False, default=repr)
            fh.write("\n")
    return exit_code


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write("usage: recorder.py SAMPLE.py OUT.json\n")
        return 2
    return run(argv[1], argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Legacy ``openai<1.0`` Azure code (``openai.api_type = "azure"`` + ``openai.ChatCompletion.create(engine=D)``) moves to one ``OpenAI`` client on v1.

**Why**: openai 0.x was configured through module globals (``openai.api_type``, ``api_base``,
``api_version``, ``api_key``) and called through resource classes (``openai.ChatCompletion``,
``openai.Completion``, ``openai.Embedding``; ``.acreate`` for async). None of these exist in
openai>=1.0: the module fails at the first call. On Azure's v1 endpoint the stock client does the
same job: ``OpenAI(base_url=<api_base>/openai/v1/, api_key=<key or Entra token>)`` and
``client.chat.completions.create(model=<deployment>)``.

**What changes**, when the module sets ``openai.api_type`` to ``"azure"`` or ``"azure_ad"`` with
module-level statements: the ``openai.api_*`` statements become one ``client = OpenAI(...)``
(``async_client = AsyncOpenAI(...)`` too when the module uses ``.acreate``) where the last of them
stood; what openai 0.x read from the environment by itself becomes explicit
(``os.environ["OPENAI_API_BASE"]``, ``os.environ["OPENAI_API_KEY"]``), and a key or endpoint read
with ``os.getenv("X")`` becomes ``os.environ["X"]``, so that a missing variable is named and can
never make ``OpenAI`` fall back to ``OPENAI_API_KEY``. ``api_version`` goes (v1 has none), except
``"preview"``, kept as ``default_query={"api-version": "preview"}`` like the SDK rewrite does. Both ``"azure"``
(``api-key`` header) and ``"azure_ad"`` (Bearer token) become ``api_key=``: v1 takes either as a
Bearer token. Each call becomes ``client.chat.completions.create`` / ``client.completions.create``
/ ``client.embeddings.create`` (``await async_client...`` for ``.acreate``) with
``engine=``/``deployment_id=`` -> ``model=`` (a ``model=`` that Azure ignored goes),
``request_timeout=<seconds>`` -> ``timeout=`` and ``headers=`` -> ``extra_headers=``. Responses are
pydantic models in openai>=1: where the result can be followed (a name assigned once, a ``for``
target, a comprehension variable), dict access becomes attribute access
(``resp["choices"][0]["message"]["content"]`` -> ``resp.choices[0].message.content``,
``.get("k")`` -> ``.k``, ``.get("content", "")`` -> ``(x.content or "")``), and
``.to_dict_recursive()`` -> ``.to_dict()`` (plain dicts with the API's keys in both; what uses that
dict is left as it is). ``openai.error.X`` becomes its 1.x class (``InvalidRequestError`` ->
``(openai.BadRequestError, openai.NotFoundError)`` in an ``except``, ``Timeout`` ->
``APITimeoutError``, ``TryAgain`` -> ``ConflictError``, ``PermissionError`` ->
``PermissionDeniedError``, ``ServiceUnavailableError`` -> ``InternalServerError``).

**Fix safety**: all or nothing per module: when any part of the module's legacy code cannot be
rewritten exactly, nothing of it is, and each obstacle gets a finding. Obstacles: configuration set
inside a function, branch or loop (one finding per block, which also says when its ``api_type`` or
defaults may mean openai.com), set twice, read back, or not next to each other (AOAI602; the
one branch that may hold it is a top-level ``if __name__ == "__main__":`` without ``else``, when
every call runs inside that block after it: the client is made there);
calls in a module that never sets ``api_type`` (AOAI603: the configuration may live in another
module, or the code talks to openai.com; a call that passes its own ``api_type``/``api_base`` gets
AOAI604 instead, with the client to build from them, and so does one with a ``**`` mapping the tool cannot
see into, ``**self._connection_dict``, which may carry them); per-call ``api_key``/``api_base``/``api_type``/
``api_version``, ``timeout=`` (a 0.x retry window, not an HTTP timeout), positional or ``**``
arguments, parameters the 1.x method does not take (AOAI604); a result used in a way that cannot be
followed (returned, passed on, re-assigned: AOAI605, which names the dict access or
``.to_dict_recursive()`` to write there instead, for the next run; for ``function_call`` and
``tool_calls``, None on a plain answer, a form that keeps the None: ``fc["arguments"] if fc else
None``); ``openai.error.APIError`` and other classes without a faithful 1.x counterpart, handlers
that the 1.x class hierarchy would make unreachable, 0.x-only exception attributes (AOAI606); other
0.x APIs (``openai.Image``, ``openai.organization``, ``api_key_path``...) and a resource class held
in a variable, returned or passed on, whose calls cannot be followed (AOAI608, in any module not
known to be openai.com's; one held in a function's local variable, bound once and only called,
counts with its calls, so that ``model=`` alone makes the module openai.com's as for direct calls); an Azure ``api_type`` with a literal ``api_base`` on a host other than
an Azure OpenAI resource's (a gateway, which may not route ``/openai/v1/``: AOAI610). Modules that set ``api_type = "open_ai"``, or a non-Azure literal
``api_base`` and no ``api_type``, are not Azure code and are left alone without a finding; so is a
module that only sets ``openai.api_type`` (and ``api_key``) to values not known to be Azure, with
no other 0.x code (a test fixture saving and restoring them: openai>=1 has both settings). Three
differences remain by design: openai>=1 retries 408/409/429/5xx and connection errors twice by
default (0.x's create() retried a 409 without limit, so an ``except TryAgain`` only ran with
``timeout=``, and no other status); ``.get("content", "")`` on a JSON ``null`` gave ``None`` in 0.x
and gives ``""`` now; and the client is built when the module is imported: a variable missing then raises
``KeyError`` at the import, where 0.x failed at the first call.

**Manual follow-up**: AOAI607 (a handler now also catches more: ``openai.APIConnectionError``
includes timeouts, ``openai.InternalServerError`` every 5xx) asks for a look at the handler. Update
the dependency to ``openai>=1.108.1``. AOAI609: a dated preview ``api_version``
(``"2024-05-01-preview"``, or the default of an environment lookup) is dropped; if the code calls
preview features, add ``default_query={"api-version": "preview"}``. A module-level ``AsyncOpenAI``
must not be shared across several ``asyncio.run()`` calls; 0.x opened a session per request.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import libcst as cst
from libcst.metadata import FunctionScope

from transforms._base import (
    Edits,
    Example,
    Rule,
    Transform,
    code_of,
    environ_lookup,
    fit_call,
    keyword_arg,
    literal_string,
    nodes_within,
    preview_clause,
    realign,
    remove_args,
    snippet,
    v1_base_url,
    visual_indent,
)
from transforms._index import ModuleIndex
from transforms.client_constructor import foreign_host

CONFIG = ("api_type", "api_base", "api_version", "api_key")
AZURE_TYPES = ("azure", "azure_ad", "azuread")
RESOURCES = {  # 0.x resource -> (1.x path, response type, stream chunk type)
    "ChatCompletion": ("chat.completions", "chat", "chat_chunk"),
    "Completion": ("completions", "completion", "completion_chunk"),
    "Embedding": ("embeddings", "embedding_list", None),
}
#: 0.x-only module attributes that nothing here migrates.
OTHER_LEGACY = {
    "Audio", "Customer", "Deployment", "Edit", "Engine", "ErrorObject", "File", "FineTune",
    "FineTuningJob", "Image", "Model", "Moderation", "api_key_path", "organization", "proxy",
    "requestssession", "aiosession", "app_info", "verify_ssl_certs", "enable_telemetry",
    "ca_bundle_path", "debug", "log", "api_requestor", "openai_object", "embeddings_utils", "util",
}  # fmt: skip
#: Names of :data:`OTHER_LEGACY` that openai>=1 has too, as its module-level client's settings: 0.x
#: code only where the module is known to be (``openai.organization = O`` is valid openai>=1 code).
V1_MODULE_SETTINGS = frozenset({"organization"})
#: What to write instead of an :data:`OTHER_LEGACY` API, where one sentence says it.
LEGACY_ADVICE = {
    "api_key_path": "openai>=1 has no api_key_path (reading it raises AttributeError, setting it does nothing, so the "
    "key in that file is no longer sent): read the key from the file and pass it as OpenAI(api_key=...)",
}
_COMMON = {"stream", "user", "temperature", "top_p", "n", "stop", "max_tokens", "presence_penalty",
           "frequency_penalty", "logit_bias", "logprobs", "seed"}  # fmt: skip
PARAMETERS = {  # what both 0.x-era Azure and the 1.x method take (openai 1.108.1 .. 3.57)
    "ChatCompletion": _COMMON | {"messages", "functions", "function_call", "tools", "tool_choice",
                                 "response_format", "top_logprobs", "max_completion_tokens"},
    "Completion": _COMMON | {"prompt", "suffix", "echo", "best_of"},
    "Embedding": {"input", "user", "encoding_format", "dimensions"},
}  # fmt: skip
#: Attributes of openai>=1's module-level client (``openai.azure_endpoint = E`` with
#: ``openai.api_type = "azure"``, then ``openai.chat.completions.create(...)``): not 0.x code.
MODULE_CLIENT = frozenset({
    "azure_endpoint", "azure_ad_token", "azure_ad_token_provider", "base_url", "chat", "embeddings",
    "completions", "images", "audio", "files", "batches", "beta", "responses", "moderations", "models",
})  # fmt: skip
#: Libraries of the openai<1.0 era that fall back to the ``openai.api_*`` globals (llama_index
#: 0.8's credential resolution, LangChain 0.0.x's calls through ``openai.ChatCompletion``).
GLOBALS_READERS = ("llama_index", "gpt_index", "langchain")
#: LangChain 0.0.x packages that build no OpenAI model and call no ``openai.*`` themselves (documents,
#: prompts, parsers of text, loaders): importing them reads no globals. Any other ``langchain`` import
#: counts (llms, chat_models, embeddings, but also chains, agents, indexes: ``VectorstoreIndexCreator``
#: defaults to ``OpenAIEmbeddings()``), and so does ``langchain.document_loaders.parsers``, whose
#: ``OpenAIWhisperParser`` calls ``openai.Audio.transcribe``.
LANGCHAIN_WITHOUT_OPENAI = ("docstore", "text_splitter", "schema", "prompts", "document_loaders", "output_parsers")
#: What ``from langchain import X`` gives from those packages.
LANGCHAIN_TOP_LEVEL_WITHOUT_OPENAI = frozenset({"PromptTemplate", "FewShotPromptTemplate", "BasePromptTemplate", "InMemoryDocstore"})
_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
PER_CALL_CONFIG = {"api_key", "api_base", "api_type", "api_version", "organization", "request_id"}

#: openai.error.X -> 1.x class names (a tuple in an ``except``), and whether it now catches more.
ERRORS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "OpenAIError": (("OpenAIError",), None),
    "RateLimitError": (("RateLimitError",), None),
    "AuthenticationError": (("AuthenticationError",), None),
    "PermissionError": (("PermissionDeniedError",), None),
    "TryAgain": (("ConflictError",), None),
    "Timeout": (("APITimeoutError",), None),
    "InvalidRequestError": (("BadRequestError", "NotFoundError"), "a 415 is now an openai.APIStatusError, not caught here"),
    "APIConnectionError": (("APIConnectionError",), "it now also catches timeouts (openai.APITimeoutError)"),
    "ServiceUnavailableError": (("InternalServerError",), "it now catches every 5xx, not only 503"),
}
NO_ERROR_MAPPING = {
    "APIError": "0.x APIError was one sibling among the error classes (5xx other than 503, malformed "
    "responses); openai.APIError is now the base of every API error (RateLimitError, BadRequestError, "
    "APIConnectionError...): choose openai.InternalServerError, openai.APIStatusError or openai.APIError",
    "InvalidAPIType": "openai>=1 has no api_type, so no such error: remove the handler",
    "SignatureVerificationError": "openai>=1 has no such error: remove the handler",
}
#: v1 class -> its v1 ancestors among the mapped classes (0.x classes were all siblings).
V1_ANCESTORS = {"APITimeoutError": {"APIConnectionError"}}
LEGACY_ERROR_ATTRIBUTES = {
    "http_status": "e.status_code",
    "http_body": "e.response.text",
    "json_body": "e.body",
    "user_message": "e.message",
    "error": "e.body",
    "headers": "e.response.headers",
    "organization": "e.response.headers.get('openai-organization')",
    "_message": "e.message",
}

# ---------------------------------------------------------------- response shapes
STR, INT, LIST = "str", "int", "list"  # leaves: plain Python values in 0.x and 1.x alike
SHAPES: dict[str, dict[str, object]] = {
    "chat": {"id": STR, "object": STR, "created": INT, "model": STR, "system_fingerprint": STR,
             "choices": ("chat_choice",), "usage": "usage"},
    "chat_choice": {"index": INT, "finish_reason": STR, "message": "chat_message"},
    "chat_message": {"role": STR, "content": STR, "function_call": "function_call", "tool_calls": ("tool_call",)},
    "function_call": {"name": STR, "arguments": STR},
    "tool_call": {"id": STR, "type": STR, "function": "function_call"},
    "usage": {"prompt_tokens": INT, "completion_tokens": INT, "total_tokens": INT},
    "chat_chunk": {"id": STR, "object": STR, "created": INT, "model": STR, "choices": ("chunk_choice",)},
    "chunk_choice": {"index": INT, "finish_reason": STR, "delta": "delta"},
    "delta": {"role": STR, "content": STR, "function_call": "function_call", "tool_calls": ("tool_call_delta",)},
    "tool_call_delta": {"index": INT, "id": STR, "type": STR, "function": "function_call"},
    "completion": {"id": STR, "object": STR, "created": INT, "model": STR, "choices": ("completion_choice",),
                   "usage": "usage"},
    "completion_chunk": {"id": STR, "object": STR, "created": INT, "model": STR, "choices": ("completion_choice",)},
    "completion_choice": {"text": STR, "index": INT, "finish_reason": STR},
    "embedding_list": {"object": STR, "model": STR, "data": ("embedding",), "usage": "usage"},
    "embedding": {"object": STR, "index": INT, "embedding": LIST},
}  # fmt: skip
#: Objects that are None or never empty: a truth test means the same on a 0.x dict and a 1.x model
#: (not ``delta``: the last chunk's ``{}`` was false in 0.x, its model is true in 1.x).
NEVER_EMPTY = {"function_call", "chat_message", "usage"}
#: Shapes of fields that the API leaves out (0.x ``.get()`` gives None) or sends as null: a plain answer
#: has no ``function_call`` or ``tool_calls``. Advice on such a value must keep the None.
MAY_BE_NONE = {"function_call", ("tool_call",), ("tool_call_delta",)}
FALSY = {STR: '""', INT: "0"}  # the one default for which ``(x.k or d)`` equals 0.x's ``x.get(k, d)``
DICT_METHODS = {"get", "keys", "values", "items"}
TO_DICT = "the tool turns to_dict_recursive() into to_dict()"
#: For an object of each shape, dict access to a typical value that the follower rewrites (AOAI605
#: advice: how to write a use it cannot follow, in the openai<1.0 code, so that the next run can).
ACCESS_EXAMPLES: dict[str, str] = {
    "chat": '["choices"][0]["message"]["content"]', "chat_choice": '["message"]["content"]',
    "chat_message": '["content"]', "function_call": '["arguments"]', "tool_call": '["function"]["arguments"]',
    "usage": '["total_tokens"]', "chat_chunk": '["choices"][0]["delta"].get("content")',
    "chunk_choice": '["delta"].get("content")', "delta": '.get("content")',
    "tool_call_delta": '["function"]["arguments"]', "completion": '["choices"][0]["text"]',
    "completion_chunk": '["choices"][0]["text"]', "completion_choice": '["text"]',
    "embedding_list": '["data"][0]["embedding"]', "embedding": '["embedding"]',
}  # fmt: skip

Shape = object  # a SHAPES key (object), a 1-tuple (list of that), ("stream", chunk) or a leaf


@dataclasses.dataclass
class _Plan:
    problems: list[tuple[cst.CSTNode, str, str]] = dataclasses.field(default_factory=list)
    replacements: list[tuple[cst.CSTNode, object]] = dataclasses.field(default_factory=list)
    notes: list[tuple[cst.CSTNode, str]] = dataclasses.field(default_factory=list)  # AOAI607
    preview_notes: list[tuple[cst.CSTNode, str]] = dataclasses.field(default_factory=list)  # AOAI609
    uses_sync: bool = False
    uses_async: bool = False

    def problem(self, node: cst.CSTNode, code: str, message: str) -> None:
        self.problems.append((node, code, message))

    def replace(self, node: cst.CSTNode, replacement) -> None:  # noqa: ANN001
        self.replacements.append((node, replacement))


def _attr(value: cst.BaseExpression, name: str) -> cst.Attribute:
    return cst.Attribute(value=value, attr=cst.Name(name))


def _dotted(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


class LegacyOpenAI(Transform):
    RULES: ClassVar = (
        Rule("AOAI601", "legacy-azure-openai", "openai<1.0 Azure globals and openai.ChatCompletion/Completion/Embedding calls -> one OpenAI client on /openai/v1/", fix=True),
        Rule("AOAI602", "legacy-config-not-static", "openai.api_* set in a function, branch or loop, twice, read back or apart: no safe module-level client", fix=False),
        Rule("AOAI603", "legacy-ambiguous-module", "openai<1.0 calls with no openai.api_type in the module (Azure or openai.com?), or configuration for calls made elsewhere", fix=False),
        Rule("AOAI604", "legacy-call-arguments", "a legacy call argument with no exact 1.x equivalent (per-call config, timeout=, positional, **, unknown)", fix=False),
        Rule("AOAI605", "legacy-response-use", "a legacy response used where the tool cannot follow it: 1.x responses are pydantic models, not dicts", fix=False),
        Rule("AOAI606", "legacy-error-class", "openai.error.X without a faithful 1.x class, a handler 1.x makes unreachable, or a 0.x-only attribute", fix=False),
        Rule("AOAI607", "legacy-error-widened", "openai.error.X became the closest 1.x class, which catches more", fix=False),
        Rule("AOAI608", "legacy-unsupported-api", "another openai<1.0 API (openai.Image, openai.organization, api_key_path...), or openai.ChatCompletion held in a variable or returned", fix=False),
        Rule("AOAI609", "legacy-preview-api-version", "a dated preview openai.api_version was dropped: preview features on v1 want api-version=preview", fix=False),
        Rule("AOAI610", "legacy-foreign-host", "openai.api_base is a literal host other than an Azure OpenAI resource's (a gateway, another cloud): it may not serve /openai/v1/", fix=False),
        Rule("AOAI611", "legacy-async-several-loops", "openai<1.0 .acreate() in a module that runs asyncio.run() more than once: one module-level AsyncOpenAI cannot serve several event loops", fix=False),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="module globals and a chat call",
            before=(
                "import os\n"
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                'openai.api_base = "https://contoso.openai.azure.com/"\n'
                'openai.api_version = "2023-05-15"\n'
                'openai.api_key = os.getenv("AZURE_OPENAI_KEY")\n\n'
                'resp = openai.ChatCompletion.create(engine="gpt-35", messages=[], request_timeout=30)\n'
                'print(resp["choices"][0]["message"]["content"], resp["usage"]["total_tokens"])\n'
            ),
            after=(
                "import os\n"
                "from openai import OpenAI\n\n"
                "client = OpenAI(\n"
                '    base_url="https://contoso.openai.azure.com/openai/v1/",\n'
                '    api_key=os.environ["AZURE_OPENAI_KEY"],\n'
                ")\n\n"
                'resp = client.chat.completions.create(model="gpt-35", messages=[], timeout=30)\n'
                "print(resp.choices[0].message.content, resp.usage.total_tokens)\n"
            ),
        ),
        Example(
            title="a stream, embeddings and errors",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure_ad"\n'
                "openai.api_base = ENDPOINT\n"
                "openai.api_key = token\n\n"
                "def chat(messages):\n"
                "    try:\n"
                '        for chunk in openai.ChatCompletion.create(deployment_id="gpt", messages=messages, stream=True):\n'
                '            print(chunk["choices"][0]["delta"].get("content", ""), end="")\n'
                "    except openai.error.RateLimitError:\n"
                "        pass\n\n"
                "def embed(texts):\n"
                '    resp = openai.Embedding.create(engine="ada", input=texts)\n'
                '    return [d["embedding"] for d in resp["data"]]\n'
            ),
            after=(
                "import openai\n"
                "from openai import OpenAI\n\n"
                'client = OpenAI(base_url=ENDPOINT.rstrip("/") + "/openai/v1/", api_key=token)\n\n'
                "def chat(messages):\n"
                "    try:\n"
                '        for chunk in client.chat.completions.create(model="gpt", messages=messages, stream=True):\n'
                '            print(chunk.choices[0].delta.content or "", end="")\n'
                "    except openai.RateLimitError:\n"
                "        pass\n\n"
                "def embed(texts):\n"
                '    resp = client.embeddings.create(model="ada", input=texts)\n'
                "    return [d.embedding for d in resp.data]\n"
            ),
        ),
        Example(
            title="configuration chosen at run time is left for a person",
            before=(
                "import openai\n\n"
                "if use_azure:\n"
                '    openai.api_type = "azure"\n'
                "    openai.api_base = ENDPOINT\n\n"
                'reply = openai.ChatCompletion.create(engine="gpt", messages=[])\n'
            ),
            findings=("AOAI602",),
        ),
        Example(
            title="a gateway's api_base is left for a person: it may not route /openai/v1/",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                'openai.api_base = "https://contoso-apim.azure-api.net"\n'
                "openai.api_key = K\n\n"
                'reply = openai.ChatCompletion.create(engine="gpt", messages=[])\n'
            ),
            findings=("AOAI610",),
        ),
        Example(
            title=".acreate() under several event loops: one module-level AsyncOpenAI cannot serve them",
            before=(
                "import asyncio\n"
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                "openai.api_key = K\n\n"
                "async def ask(q):\n"
                '    return (await openai.Completion.acreate(engine="d", prompt=q))["choices"][0]["text"]\n\n'
                "for question in QUESTIONS:\n"
                "    print(asyncio.run(ask(question)))\n"
            ),
            findings=("AOAI611",),
        ),
        Example(
            title="calls in a module that does not configure Azure",
            before='import openai\n\nreply = openai.ChatCompletion.create(engine="gpt", messages=[])\n',
            findings=("AOAI603",),
        ),
        Example(
            title="a call that carries its own Azure configuration gets the client to build from it",
            before=(
                "import openai\n\n"
                'reply = openai.ChatCompletion.create(engine="gpt", messages=[], api_type="azure", api_base=E, api_key=K)\n'
            ),
            findings=("AOAI604",),
        ),
        Example(
            title="a resource class held in a variable: the calls made through it cannot be followed",
            before=(
                "import openai\n\n"
                "def reply(chat, **config):\n"
                "    endpoint = openai.ChatCompletion if chat else openai.Completion\n"
                "    return endpoint.create(**config)\n"
            ),
            findings=("AOAI608", "AOAI608"),
        ),
        Example(
            title="a per-call key and a returned response",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                "openai.api_key = K\n\n"
                "def ask(key):\n"
                '    return openai.Completion.create(engine="d", prompt="hi", api_key=key)\n'
            ),
            findings=("AOAI605", "AOAI604"),
        ),
        Example(
            title="error classes without a faithful counterpart, or that catch more",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                "openai.api_key = K\n\n"
                "try:\n"
                '    openai.Embedding.create(engine="ada", input="x")\n'
                "except openai.error.APIConnectionError:\n"
                "    pass\n"
                "except openai.error.Timeout:\n"
                "    pass\n"
                "except openai.error.APIError as e:\n"
                "    print(e.http_status)\n"
            ),
            findings=("AOAI606", "AOAI606", "AOAI606"),
        ),
        Example(
            title="a handler that now catches more gets a note",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                "openai.api_key = K\n\n"
                "try:\n"
                '    openai.Embedding.create(engine="ada", input="x")\n'
                "except openai.error.InvalidRequestError:\n"
                "    pass\n"
                "except openai.error.ServiceUnavailableError:\n"
                "    pass\n"
            ),
            after=(
                "import openai\n"
                "from openai import OpenAI\n\n"
                'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n\n'
                "try:\n"
                '    client.embeddings.create(model="ada", input="x")\n'
                "except (openai.BadRequestError, openai.NotFoundError):\n"
                "    pass\n"
                "except openai.InternalServerError:\n"
                "    pass\n"
            ),
            findings=("AOAI607", "AOAI607"),
        ),
        Example(
            title="another legacy API in an Azure module",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                "openai.api_key = K\n\n"
                'img = openai.Image.create(prompt="cat")\n'
            ),
            findings=("AOAI608",),
        ),
        Example(
            title="a dated preview api_version goes with a note; api_version='preview' is kept as a query",
            before=(
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                'openai.api_version = "2024-05-01-preview"\n'
                "openai.api_key = K\n\n"
                'openai.Embedding.create(engine="ada", input="x")\n'
            ),
            after=(
                "from openai import OpenAI\n\n"
                'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n\n'
                'client.embeddings.create(model="ada", input="x")\n'
            ),
            findings=("AOAI609",),
        ),
        Example(
            title="a version read from the environment is noted when its default is a preview one",
            before=(
                "import os\n\n"
                "import openai\n\n"
                'openai.api_type = "azure"\n'
                "openai.api_base = E\n"
                'openai.api_version = os.getenv("OPENAI_API_VERSION", "2023-07-01-preview")\n'
                "openai.api_key = K\n\n"
                'openai.Embedding.create(engine="ada", input="x")\n'
            ),
            after=(
                "import os\n\n"
                "from openai import OpenAI\n\n"
                'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n\n'
                'client.embeddings.create(model="ada", input="x")\n'
            ),
            findings=("AOAI609",),
        ),
    )
    UNCHANGED: ClassVar = (
        # not Azure: openai.com code is out of scope
        'import openai\n\nopenai.api_type = "open_ai"\nreply = openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
        'import openai\n\nopenai.api_base = "https://api.openai.com/v1"\nreply = openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
        # openai<1.0 on Azure needed engine=/deployment_id=: model= alone is openai.com
        'import openai\n\nopenai.api_key = K\nreply = openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
        # already openai>=1 (its module-level client may be configured through openai.api_key)
        'import openai\n\nopenai.api_key = K\nreply = openai.chat.completions.create(model="gpt-4o", messages=[])\n',
        # a project's own ChatCompletion class
        'class ChatCompletion:\n    api_type = "azure"\n\nChatCompletion.create(engine="x")\n',
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        legacy = _Legacy(index)
        legacy.scan()
        if not legacy.calls and not legacy.config and not legacy.other_refs and not legacy.other_legacy:
            return
        mode = legacy.mode()
        if mode == "not-azure":
            return
        plan = _Plan()
        if mode == "ambiguous":
            for read in legacy.config_reads:
                edits.report(index, read, "AOAI602", f"{snippet(read)} uses the openai<1.0 configuration other than as openai.<name> = <value>; rewrite it by hand with the client's settings")
            for call, _resource, _method in legacy.calls:
                settings, spread = legacy.per_call_config(call)
                if _open_ai(settings.get("api_type")):
                    continue  # api_type="open_ai" on the call itself: openai.com, out of scope
                if settings.keys() & {"api_type", "api_base"}:  # the Azure configuration is the call's own
                    edits.report(index, call, "AOAI604", legacy.per_call_message(call, _resource, _method, settings, spread))
                    continue
                hidden, seen = legacy.hidden_spreads(call)
                if hidden and "OPENAI_API_TYPE" not in index.code:
                    # (a round-6 trial on promptflow-tools 0.1.0b8: ``**self._connection_dict`` carried the Azure
                    # settings of every call, and AOAI603 pointed at another module's globals)
                    edits.report(index, call, "AOAI604", legacy.hidden_config_message(call, _resource, _method, hidden, seen))
                    continue
                if "OPENAI_API_TYPE" in index.code:  # (a round-4 trial: configured through os.environ)
                    message = (
                        f"{snippet(call.func)}(...) is openai<1.0 code configured through the environment "
                        "(OPENAI_API_TYPE, which openai<1.0 reads once, when it is imported), not openai.api_type: set "
                        "openai.api_type, api_base, api_version and api_key after the import instead and re-run, or "
                        "create OpenAI(base_url=<api_base>/openai/v1/, api_key=<key>) by hand and call "
                        f"client.{RESOURCES[_resource][0]}.create(model=<engine>)"
                    )
                else:
                    message = (
                        f"{snippet(call.func)}(...) is openai<1.0 code, but this module never sets openai.api_type: if the "
                        "Azure configuration lives in another module, create the OpenAI client there "
                        "(OpenAI(base_url=<api_base>/openai/v1/, api_key=<key>)), import it here and call "
                        f"client.{RESOURCES[_resource][0]}.create(model=<engine>); if this talks to openai.com, it is out of scope: "
                        "silence this line with `# aoai-migrate: ignore[AOAI603]`"
                    )
                edits.report(index, call, "AOAI603", message)
            if legacy.other_refs:
                evidence = legacy.per_call_azure()
                if evidence is not None:
                    where = (
                        f"; api_type {evidence[1]!r} at line {index.position(evidence[0])[0]} travels with the calls: build "
                        "the client from their api_base and api_key, which openai>=1 calls do not take"
                    )
                else:
                    where = (
                        "; this module never sets openai.api_type: if this talks to openai.com, it is out of scope: "
                        "silence this line with `# aoai-migrate: ignore[AOAI608]`"
                    )
                for node, head, rest in legacy.other_refs:
                    edits.report(index, node, "AOAI608", legacy.value_use_message(node, head, rest) + where)
            out_of_scope = (  # (a recheck, r6d: phidata's OpenAIObject stayed red with no word on how to accept it)
                "" if legacy.per_call_azure() is not None else "; this module never sets openai.api_type: if this talks "
                "to openai.com, it is out of scope: silence this line with `# aoai-migrate: ignore[AOAI608]`"
            )
            for node, message in legacy.other_legacy_findings(only_v0=True):
                edits.report(index, node, "AOAI608", message + out_of_scope)
            statements = legacy.config_statements()
            if statements:  # once, on the first line (not once per line: one decision to make)
                edits.report(
                    index,
                    statements[0][0],
                    "AOAI603",
                    "this module configures openai<1.0 globally but does not set openai.api_type, so whether it talks "
                    "to Azure OpenAI cannot be told: if it does, build OpenAI(base_url=<api_base>/openai/v1/, "
                    "api_key=<key>) by hand and call it with model=<engine>; if it talks to openai.com or another "
                    "OpenAI-compatible service, it is out of scope: silence this line with "
                    "`# aoai-migrate: ignore[AOAI603]`",
                )
            return
        if not legacy.calls and not legacy.other_refs and not legacy.other_legacy:
            statements = legacy.config_statements()
            reader = legacy.globals_reader()
            if statements and legacy.module_client:
                used = f"{snippet(legacy.module_client[0])} at line {index.position(legacy.module_client[0])[0]}"
                todo = (
                    "create client = OpenAI(base_url=<azure_endpoint>.rstrip('/') + '/openai/v1/', api_key=<api_key>) "
                    "and call client.chat.completions.create(model=<deployment>, ...) where the module calls "
                    "openai.chat.completions.create(...), by hand"
                )
                types = legacy.config.get("api_type", [])
                unknown = next((a for a in types if (literal_string(a.value) or "").lower() not in AZURE_TYPES), None)
                if unknown is not None:  # (a round-5 trial on vanna: ``openai.api_type = config["api_type"]`` was quoted as 'azure')
                    message = (
                        f"this module configures openai>=1's module-level client (openai.api_type = {snippet(unknown.value)} "
                        f"at line {index.position(unknown)[0]}, {used}), but {snippet(unknown.value)} is not a literal "
                        "'azure' or 'azure_ad', so whether it talks to Azure OpenAI cannot be told: if it does, which this "
                        f"tool does not rewrite, {todo}; if it talks to openai.com or another OpenAI-compatible service, it "
                        "is out of scope: silence this line with `# aoai-migrate: ignore[AOAI603]`"
                    )
                else:
                    azure = literal_string(types[0].value) if types else "azure"
                    message = (
                        f"this module configures openai>=1's module-level client for Azure (openai.api_type = {azure!r}, "
                        f"{used}), which this tool does not rewrite; {todo}"
                    )
                edits.report(index, statements[0][0], "AOAI603", message)
            elif statements and reader is not None:  # the calls made elsewhere are the library's own
                (line, _), name = reader
                edits.report(
                    index,
                    statements[0][0],
                    "AOAI603",
                    f"{name} (imported at line {line}) is an openai<1.0-era library that reads these openai.api_* "
                    "globals in its own code, which this tool does not change; pass it the endpoint, key and version "
                    "explicitly (or move it to its openai>=1 release) first, then re-run",
                )
            elif statements:
                # the client is for the Azure configuration; openai.com's, beside it, takes none on /openai/v1/
                openai_com = legacy.openai_com_blocks()
                azure = [s for s, _ in statements if not legacy._in_openai_com_block(s, openai_com)] or [statements[0][0]]
                beside = ""
                if openai_com:
                    top = min(openai_com, key=index.position)
                    beside = (
                        f"; the openai.com configuration in {legacy._enclosing(next(a for a, _ in statements if _inside(index, a, top)))} "
                        f"(line {index.position(top)[0]}, {openai_com[top]}) takes OpenAI(api_key=<api_key>) without /openai/v1/"
                    )
                edits.report(
                    index,
                    azure[0],
                    "AOAI603",
                    "this module configures openai<1.0 globally for calls made elsewhere: create the client here "
                    "(client = OpenAI(base_url=<api_base>.rstrip('/') + '/openai/v1/', api_key=<api_key>)) and make "
                    "those modules call client.chat.completions.create(model=<engine>, ...)" + beside,
                )
            return
        legacy.plan_config(plan)
        legacy.plan_calls(plan)
        legacy.plan_errors(plan)
        legacy.plan_other(plan)
        if plan.problems:
            suffix = "; nothing of this module's openai<1.0 code is migrated until then"
            for node, code, message in plan.problems:
                edits.report(index, node, code, message + suffix)
            if not any(edits.allows(index, node, code) for node, code, _ in plan.problems):
                # every problem is suppressed, and they still keep the module on openai<1.0: say so
                # once, where suppressing AOAI601 is the explicit way to keep it there
                lines = ", ".join(str(n) for n in sorted({index.position(node)[0] for node, _, _ in plan.problems}))
                codes = ", ".join(sorted({code for _, code, _ in plan.problems}))
                edits.report(
                    index,
                    legacy.config_statements()[0][0],
                    "AOAI601",
                    f"this module's openai<1.0 Azure code is not migrated: the suppressed {codes} at line(s) {lines} "
                    "still stand in the way; rewrite those spots by hand and drop the suppressions, or suppress "
                    "AOAI601 here to keep the module on openai<1.0",
                )
            return
        # All or nothing: a suppression on any configuration line or call keeps the whole module.
        touched = [node for node, _ in legacy.config_statements()] + [call for call, _, _ in legacy.calls]
        if not all(edits.allows(index, node, "AOAI601") for node in touched):
            return
        for node, replacement in plan.replacements:
            edits.replace(node, replacement)
        for node, message in plan.notes:
            edits.report(index, node, "AOAI607", message)
        for node, message in plan.preview_notes:
            edits.report(index, node, "AOAI609", message)
        for module, obj in legacy.needed_imports:
            edits.needed_imports.add((module, obj))
        for name in legacy.unused_candidates:
            edits.unused_candidates.add(("openai", name))
        edits.unused_candidates.add(("openai", None))  # ``import openai``, if the client took over every use
        first = legacy.config_statements()[0][0]
        edits.report(
            index,
            first,
            "AOAI601",
            f"openai<1.0 Azure globals -> {legacy.client_summary()} on /openai/v1/; "
            f"{len(legacy.calls)} call(s) rewritten",
            fixed=True,
        )


class _Legacy:
    """What one module does with openai<1.0, and the plan to rewrite it."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index
        self.config: dict[str, list[cst.Assign]] = {}
        self.config_reads: list[cst.CSTNode] = []
        self.calls: list[tuple[cst.Call, str, str]] = []  # (call, resource, "create"|"acreate")
        self.other_refs: list[tuple[cst.CSTNode, str, str]] = []  # other uses of the resource classes: (node, resource, rest)
        self.other_legacy: list[tuple[cst.CSTNode, str]] = []
        self.error_refs: list[tuple[cst.CSTNode, str]] = []
        self.error_imports: list[cst.CSTNode] = []
        self.resource_imports: set[str] = set()
        self.needed_imports: set[tuple[str, str | None]] = set()
        self.unused_candidates: set[str] = set()
        #: Where the configuration lines stand (see :meth:`plan_config`): the module's body, or that of
        #: its ``if __name__ == "__main__":`` (``guard``), where the client is then made.
        self.guard: cst.If | None = None
        self.block_body: list[cst.BaseStatement] = list(index.module.body)
        self.sync_name: str | None = None
        self.async_name: str | None = None
        self._names_in_use: set[str] | None = None
        #: uses of openai>=1's module-level client (``openai.azure_endpoint = E``, ``openai.chat...``)
        self.module_client: list[cst.CSTNode] = []

    # ------------------------------------------------------------ scanning

    def scan(self) -> None:
        index = self.index
        for kind in (cst.Name, cst.Attribute):
            for node in index.nodes(kind):
                parent = index.parent(node)
                if isinstance(parent, cst.Attribute) and parent.value is node:
                    continue
                if isinstance(parent, (cst.ImportAlias, cst.ImportFrom)):
                    continue
                names = index.qualified_names(node)
                if len(names) != 1:
                    continue
                (name,) = names
                if not name.startswith("openai.") or not _dotted_name(node):
                    continue  # ``openai.X.create(...).choices`` is the call's result, followed from the call
                self._classify(node, name[len("openai.") :])
        for node in index.nodes(cst.ImportFrom):
            assert isinstance(node, cst.ImportFrom)
            module = code_of(node.module) if node.module is not None and not node.relative else ""
            if module == "openai.error":
                self.error_imports.append(node)
            elif module == "openai" and not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    if alias.evaluated_name in RESOURCES:
                        self.resource_imports.add(alias.evaluated_name)

    def _classify(self, node: cst.CSTNode, name: str) -> None:
        index = self.index
        head, _, rest = name.partition(".")
        if head in CONFIG and not rest:
            parent = index.parent(node)
            if isinstance(parent, cst.AssignTarget) and parent.target is node:
                assign = index.parent(parent)
                assert isinstance(assign, cst.Assign)
                self.config.setdefault(head, []).append(assign)
            else:
                self.config_reads.append(node)
        elif head in MODULE_CLIENT:
            self.module_client.append(node)
        elif head in RESOURCES:
            parent = index.parent(node)
            if rest in ("create", "acreate") and isinstance(parent, cst.Call) and parent.func is node:
                self.calls.append((parent, head, rest))
            else:
                self.other_refs.append((node, head, rest))
        elif head == "error" and rest:
            self.error_refs.append((node, rest))
        elif head == "error":
            self.other_legacy.append((node, "openai.error"))
        elif head in OTHER_LEGACY:
            self.other_legacy.append((node, f"openai.{name}"))

    def config_statements(self) -> list[tuple[cst.SimpleStatementLine | cst.Assign, str]]:
        found = []
        for key, assigns in self.config.items():
            for assign in assigns:
                line = self.index.parent(assign)
                found.append((line if isinstance(line, cst.SimpleStatementLine) else assign, key))
        return sorted(found, key=lambda item: self.index.position(item[0]))

    def mode(self) -> str:
        """``azure``, ``not-azure`` (leave alone) or ``ambiguous``."""
        types = [literal_string(a.value) for a in self.config.get("api_type", [])]
        bases = [a.value for a in self.config.get("api_base", [])]
        if types and all(_open_ai(t) for t in types):
            return "not-azure"
        # openai<1.0 code that no call's arguments tell apart: a resource class used as a value, a
        # 0.x-only API (``openai.api_key_path``)
        held = bool(self.other_refs) or any(
            name[len("openai.") :].partition(".")[0] not in V1_MODULE_SETTINGS for _, name in self.other_legacy
        )
        if types:
            if set(self.config) <= {"api_type", "api_key"} and not self.calls and not held and not any(t is not None and t.lower() in AZURE_TYPES for t in types):
                # only openai.api_type (and api_key), to values not known to be Azure, and nothing else of
                # 0.x (a test fixture that saves and restores them): openai>=1 has both settings too
                return "not-azure"
            return "azure"
        literal_bases = [literal_string(b) for b in bases]
        if bases and all(b is not None and not _azure_host(b) for b in literal_bases):
            return "not-azure"
        if not self.calls and not bases and not held:
            return "not-azure"  # e.g. ``openai.api_key = K`` alone: valid openai>=1 code too
        # the calls made through a resource class held in a local variable count as the module's calls
        # when every such value can be followed to them (``endpoint = openai.ChatCompletion if chat else
        # openai.Completion`` and then only ``endpoint.create(...)``)
        followed = self.followed_calls()
        calls = [call for call, _, _ in self.calls] + (followed or [])
        if not bases and calls and followed is not None and all(self._openai_com(call) for call in calls):
            # openai<1.0 on Azure required engine=/deployment_id=; these pass model= only: openai.com
            # code, and its other 0.x APIs (``openai.Image``, ``api_key_path``) are out of scope too
            return "not-azure"
        return "ambiguous"

    def followed_calls(self) -> list[cst.Call] | None:
        """The calls made through the resource classes used as values (:attr:`other_refs`), when every
        one is held in a local variable of a function, bound once, whose every use is a call of it:
        ``endpoint.create(...)`` (``f(...)`` for ``f = openai.ChatCompletion.create``). None when one of
        them cannot be followed (returned, passed on, held in a module-level name that other modules may
        import, used otherwise)."""
        index = self.index
        calls: list[cst.Call] = []
        for node, _resource, rest in self.other_refs:
            if rest not in ("", "create", "acreate"):
                return None
            use, parent = node, index.parent(node)
            while isinstance(parent, (cst.IfExp, cst.BooleanOperation)) and use is not getattr(parent, "test", None):
                use, parent = parent, index.parent(parent)
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
                target: cst.BaseExpression | None = parent.targets[0].target
            else:
                target = parent.target if isinstance(parent, cst.AnnAssign) else None
            if not isinstance(target, cst.Name) or parent.value is not use:  # type: ignore[union-attr]
                return None
            scope = index.scope(target)
            if not isinstance(scope, FunctionScope):
                return None
            assignments = list(scope.assignments[target.value])
            if len(assignments) != 1 or getattr(assignments[0], "node", None) is not target:
                return None
            for access in assignments[0].references:
                called = access.node if rest else index.parent(access.node)
                if not rest and not (isinstance(called, cst.Attribute) and called.value is access.node and called.attr.value in ("create", "acreate")):
                    return None
                call = index.parent(called)
                if not (isinstance(call, cst.Call) and call.func is called):
                    return None
                calls.append(call)
        return calls

    def _openai_com(self, call: cst.Call) -> bool:
        """A call that says it is openai.com's: ``model=`` without ``engine=`` (and not its own Azure
        ``api_type``), or its own ``api_type="open_ai"``."""
        api_type = literal_string(self.per_call_config(call)[0].get("api_type"))
        if api_type is not None and api_type.lower() in AZURE_TYPES:
            return False
        return _openai_com_call(call) or _open_ai(api_type)

    def per_call_config(self, call: cst.Call) -> tuple[dict[str, cst.BaseExpression], cst.Arg | None]:
        """The configuration a call passes itself (``api_type=``, ``api_base=``..., and ``engine=``), also
        through ``**name`` when ``name`` is bound once to a dict display; and that ``**`` argument."""
        wanted = PER_CALL_CONFIG | {"engine", "deployment_id"}
        found: dict[str, cst.BaseExpression] = {}
        spread = None
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in wanted:
                found.setdefault(arg.keyword.value, arg.value)
            elif arg.star == "**" and isinstance(arg.value, cst.Name):
                value = self.index.bound_value(arg.value)
                for element in value.elements if isinstance(value, cst.Dict) else ():
                    key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
                    if key in wanted:
                        found.setdefault(key, element.value)  # type: ignore[union-attr]
                        spread = spread or arg
        return found, spread

    def per_call_azure(self) -> tuple[cst.CSTNode, str] | None:
        """The first ``api_type="azure"`` (or ``"azure_ad"``) in the module passed per call: a keyword
        argument, a dict entry ``"api_type": "azure"`` or ``config["api_type"] = "azure"``."""
        index = self.index
        if "api_type" not in index.code:
            return None
        found: list[tuple[cst.CSTNode, str | None]] = []
        for name in index.nodes(cst.Name):  # api_type=<value>
            arg = index.parent(name)
            if isinstance(arg, cst.Arg) and arg.keyword is name and name.value == "api_type":  # type: ignore[attr-defined]
                found.append((arg, literal_string(arg.value)))
        for string in index.nodes(cst.SimpleString):  # {"api_type": <value>} and config["api_type"] = <value>
            if literal_string(string) != "api_type":  # type: ignore[arg-type]
                continue
            parent = index.parent(string)
            if isinstance(parent, cst.DictElement) and parent.key is string:
                found.append((parent, literal_string(parent.value)))
            elif isinstance(parent, cst.Index):
                subscript = next((a for a in index.ancestors(parent) if isinstance(a, cst.Subscript)), None)
                target = index.parent(subscript) if subscript is not None else None
                assign = index.parent(target) if isinstance(target, cst.AssignTarget) else None
                if isinstance(assign, cst.Assign) and len(subscript.slice) == 1:  # type: ignore[union-attr]
                    found.append((assign, literal_string(assign.value)))
        azure = [(node, value) for node, value in found if value is not None and value.lower() in AZURE_TYPES]
        return min(azure, key=lambda item: index.position(item[0])) if azure else None

    def per_call_message(self, call: cst.Call, resource: str, method: str, settings: dict[str, cst.BaseExpression], spread: cst.Arg | None) -> str:
        """AOAI604 for a call, in a module that never sets ``openai.api_type``, that carries its own
        Azure configuration: the client to build from it."""
        path = RESOURCES[resource][0]
        cls, wait = ("AsyncOpenAI", "await ") if method == "acreate" else ("OpenAI", "")
        api_type = literal_string(settings["api_type"]) if "api_type" in settings else None
        shown = ", ".join(
            f"{key}={api_type!r}" if key == "api_type" and api_type is not None else f"{key}="
            for key in ("api_type", "api_base", "api_version", "api_key", "organization")
            if key in settings
        )
        if spread is not None:
            shown += f" in {_spread(spread)}"
        base = settings.get("api_base")
        base_url = _inline(v1_base_url(base) if base is not None else None, "<api_base>.rstrip('/') + '/openai/v1/'")
        key = settings.get("api_key")  # a literal key is not repeated in a message
        api_key = _inline(key if not isinstance(key, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)) else None, "<api_key>")
        model = _inline(settings.get("engine", settings.get("deployment_id")), "<engine>")
        if api_type is not None and api_type.lower() in AZURE_TYPES:
            what, when, otherwise = "its own Azure configuration", "", ""
        else:
            what = "its own configuration"
            when = "if that is Azure OpenAI (api_type 'azure' or 'azure_ad'), "
            otherwise = "; with api_type 'open_ai' it talks to openai.com, which is out of scope"
        return (
            f"{snippet(call.func)}(...) carries {what} ({shown}), which openai>=1 calls do not take: {when}create the client "
            f"from these values where they are known, client = {cls}(base_url={base_url}, api_key={api_key}) (v1 takes no "
            f"api_version), and call {wait}client.{path}.create(model={model}, ...) here without them{otherwise}"
        )

    def hidden_spreads(self, call: cst.Call) -> tuple[list[cst.BaseExpression], dict[str, cst.BaseExpression]]:
        """The ``**`` mappings of a call whose keys the tool cannot see (``**self._connection_dict``, ``**conn``
        bound to ``dict(connection)`` or a parameter), looking into dict displays (``**{**conn, **params}``,
        ``**params`` bound once to one); and the arguments it can see, by name (``engine``, ``headers``...)."""
        hidden: list[cst.BaseExpression] = []
        seen: dict[str, cst.BaseExpression] = {}

        def spread(value: cst.BaseExpression, depth: int) -> None:
            shown = value
            if isinstance(value, cst.Name):
                value = self.index.bound_value(value) or value
            if not isinstance(value, cst.Dict) or depth > 3:
                hidden.append(shown)
                return
            for element in value.elements:
                if isinstance(element, cst.StarredDictElement):
                    spread(element.value, depth + 1)
                elif (key := literal_string(element.key)) is not None:
                    seen.setdefault(key, element.value)

        for arg in call.args:
            if arg.keyword is not None:
                seen.setdefault(arg.keyword.value, arg.value)
            elif arg.star == "**":
                spread(arg.value, 0)
        return hidden, seen

    def hidden_config_message(self, call: cst.Call, resource: str, method: str, hidden: list[cst.BaseExpression], seen: dict[str, cst.BaseExpression]) -> str:
        """AOAI604 for a call, in a module that never sets ``openai.api_type``, with a ``**`` mapping the tool
        cannot see into: openai<1.0 took the configuration per call, so that mapping may carry it."""
        path = RESOURCES[resource][0]
        cls, wait = ("AsyncOpenAI", "await ") if method == "acreate" else ("OpenAI", "")
        spreads = " and ".join(dict.fromkeys(f"**{_short(value)}" for value in hidden))
        conn = _inline(hidden[0], "<connection>", limit=40) if len(hidden) == 1 else "<connection>"
        if not isinstance(hidden[0], (cst.Name, cst.Attribute, cst.Subscript)):
            conn = "<connection>"
        model = _inline(seen.get("engine", seen.get("deployment_id")), "<engine>")
        headers = ", with extra_headers= for its headers=" if "headers" in seen else ""
        return (
            f"{snippet(call.func)}(...) gets {spreads}, which may carry its configuration (openai<1.0 took api_type, "
            f"api_base, api_version and api_key per call), and this module never sets openai.api_type: if that is "
            f"Azure OpenAI (api_type 'azure' or 'azure_ad'), create one client from it where it is known, client = "
            f'{cls}(base_url={conn}["api_base"].rstrip("/") + "/openai/v1/", api_key={conn}["api_key"]) (v1 takes no '
            f"api_version), and call {wait}client.{path}.create(model={model}, ...) here without it{headers}; if the "
            "configuration lives in another module, create the client there and import it; with api_type 'open_ai' "
            "it talks to openai.com, which is out of scope: silence this line with `# aoai-migrate: ignore[AOAI604]`"
        )

    def value_use_message(self, node: cst.CSTNode, resource: str, rest: str) -> str:
        """AOAI608 for ``openai.ChatCompletion`` (or ``.create``) used other than called: held in a
        variable, returned, passed on. The calls made through it cannot be found."""
        index = self.index
        use, parent = node, index.parent(node)
        while isinstance(parent, (cst.IfExp, cst.BooleanOperation)):
            use, parent = parent, index.parent(parent)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is use:
            how = "held in a variable"
        elif isinstance(parent, (cst.Return, cst.Yield)):
            how = "returned"
        elif isinstance(parent, cst.Arg) and not any(isinstance(a, (cst.Annotation, cst.SubscriptElement)) for a in index.ancestors(use)):
            how = "passed on"
        elif any(isinstance(a, (cst.Annotation, cst.SubscriptElement)) for a in index.ancestors(use)):
            how = "named in a type"
        else:
            how = "used as a value"
        direct = snippet(node) if rest else f"{snippet(node)}.create"
        cls = "AsyncOpenAI" if rest == "acreate" else "OpenAI"
        return (
            f"{snippet(node)} is {how} here, so the tool cannot follow it to the calls made through it (it rewrites "
            f"direct {direct}(...) calls only): create an {cls} client (on Azure {cls}(base_url=<api_base>.rstrip('/') + "
            f"'/openai/v1/', api_key=<api_key>)) and call client.{RESOURCES[resource][0]}.create(model=<engine>, ...) "
            "where this is called, by hand"
        )

    def globals_reader(self) -> tuple[tuple[int, int], str] | None:
        """The first import of an openai<1.0-era library that reads the ``openai.api_*`` globals itself
        (:data:`GLOBALS_READERS`, :func:`_reads_the_globals`): its position and the module it names."""
        index = self.index
        if not any(package in index.code for package in GLOBALS_READERS):
            return None
        imported = [  # (the module named, the import statement): ``from m import x`` and ``import m``
            *((code_of(n.module), n) for n in index.nodes(cst.ImportFrom) if n.module is not None and not n.relative),  # type: ignore[attr-defined]
            *((code_of(a.name), index.parent(a)) for a in index.nodes(cst.ImportAlias) if isinstance(index.parent(a), cst.Import)),  # type: ignore[attr-defined]
        ]
        readers = [(index.position(node), name) for name, node in imported if _reads_the_globals(name, node)]
        return min(readers) if readers else None

    # ------------------------------------------------------------ configuration

    def _main_guard(self) -> cst.If | None:
        """The top-level ``if __name__ == "__main__":`` (no ``else``) whose own lines set all the configuration."""
        index = self.index
        guards = set()
        for assigns in self.config.values():
            for assign in assigns:
                line = index.parent(assign)
                block = index.parent(line) if line is not None else None
                guard = index.parent(block) if isinstance(block, cst.IndentedBlock) else None
                if not (isinstance(guard, cst.If) and index.parent(guard) is index.module and _is_main_guard(guard)):
                    return None
                guards.add(guard)
        return guards.pop() if len(guards) == 1 else None

    def openai_com_blocks(self) -> dict[cst.CSTNode, str]:
        """The top-level statements (a function, a branch) whose openai<1.0 configuration is openai.com's, with
        the evidence: a literal ``api_type = "open_ai"`` or a literal ``api.openai.com`` ``api_base``, and no Azure
        ``api_type``. They switch the module's calls to openai.com at run time (a round-5 trial: scikit-llm 0.4.2's
        ``set_credentials()`` beside its ``set_azure_credentials()`` was told to point openai.com at /openai/v1/)."""
        index = self.index
        evidence: dict[cst.CSTNode, str] = {}
        not_openai_com: set[cst.CSTNode] = set()
        for key, assigns in self.config.items():
            for assign in assigns:
                top = next(a for a in (assign, *index.ancestors(assign)) if index.parent(a) is index.module)
                if isinstance(top, cst.SimpleStatementLine):
                    continue
                literal = literal_string(assign.value)
                if key == "api_type" and not _open_ai(literal):
                    not_openai_com.add(top)  # an Azure api_type, or one the tool cannot read
                elif key == "api_type" or (key == "api_base" and literal is not None and _openai_com_base(literal)):
                    evidence.setdefault(top, f"openai.{key} = {snippet(assign.value)}")
        return {top: why for top, why in evidence.items() if top not in not_openai_com}

    def _in_openai_com_block(self, node: cst.CSTNode, blocks: dict[cst.CSTNode, str]) -> bool:
        return any(a in blocks for a in (node, *self.index.ancestors(node)))

    def plan_config(self, plan: _Plan) -> None:
        index = self.index
        self.guard = self._main_guard()  # when every configuration line stands there, every call must run there
        if self.guard is not None:
            self.block_body = list(self.guard.body.body)
        module_body = self.block_body
        lines: list[cst.SimpleStatementLine] = []
        for read in self.config_reads:
            plan.problem(read, "AOAI602", f"{snippet(read)} uses the openai<1.0 configuration other than as openai.<name> = <value> (read back, tuple or augmented assignment); rewrite it by hand with the client's settings")
        # configuration set inside a block: one finding per top-level statement, naming every setting in it
        nested: dict[cst.CSTNode, list[tuple[str, cst.Assign]]] = {}
        for key, assigns in self.config.items():
            for assign in assigns:
                line = index.parent(assign)
                if not isinstance(line, cst.SimpleStatementLine) or line not in module_body:
                    top = next(a for a in (assign, *index.ancestors(assign)) if index.parent(a) is index.module)
                    nested.setdefault(top, []).append((key, assign))
        openai_com = self.openai_com_blocks()
        for top, settings in nested.items():
            settings.sort(key=lambda item: index.position(item[1]))
            key, first = settings[0]
            names = ", ".join(dict.fromkeys(f"openai.{k}" for k, _ in settings))
            rows = sorted({index.position(a)[0] for _, a in settings})
            at = f"line {rows[0]}" if len(rows) == 1 else "lines " + ", ".join(map(str, rows))
            if top in openai_com:
                # openai.com's configuration beside Azure's: no /openai/v1/ client for it, and not "azure"
                organization = any(n == "openai.organization" and _inside(index, node, top) for node, n in self.other_legacy)
                plan.problem(
                    first,
                    "AOAI602",
                    f"{names} {'is' if len(settings) == 1 else 'are'} set inside {self._enclosing(first) or 'a compound statement'} "
                    f"({at}), and this is openai.com configuration ({openai_com[top]}), not Azure: it switches the "
                    "module's openai<1.0 calls to openai.com at run time, which one module-level Azure client cannot "
                    "keep; create OpenAI(api_key=<api_key>"
                    + (", organization=<organization>" if organization else "")
                    + ") for openai.com where this configuration is chosen, without /openai/v1/, and pass it to the "
                    "calls meant for openai.com",
                )
                continue
            plan.problem(
                first,
                "AOAI602",
                f"{names} {'is' if len(settings) == 1 else 'are'} set inside {self._enclosing(first) or 'a compound statement'} "
                f"({at}): this run-time configuration cannot become one module-level client safely; create "
                "OpenAI(base_url=<api_base>.rstrip('/') + '/openai/v1/', api_key=<api_key>) where the configuration "
                "is chosen and pass it to the calls" + self._maybe_openai_com(settings),
            )
        inside = {id(a) for settings in nested.values() for _, a in settings}
        for key, assigns in self.config.items():
            if len(assigns) > 1:
                for assign in assigns[1:]:
                    if id(assign) not in inside:
                        plan.problem(assign, "AOAI602", f"openai.{key} is set more than once: which value a call used depends on run-time order; keep one assignment")
            for assign in assigns:
                if id(assign) in inside:
                    continue
                if len(assign.targets) != 1:
                    plan.problem(assign, "AOAI602", f"openai.{key} is assigned together with other targets; assign it on its own line")
                    continue
                line = index.parent(assign)
                others = [s for s in line.body if not (isinstance(s, cst.Assign) and s in self._all_config_assigns())]
                if others:
                    plan.problem(assign, "AOAI602", f"openai.{key} shares its line with other statements; put it on its own line")
                    continue
                if line not in lines:
                    lines.append(line)
        types = [literal_string(a.value) for a in self.config.get("api_type", [])]
        azure_types = [a for a, value in zip(self.config.get("api_type", []), types) if value is not None and value.lower() in AZURE_TYPES]
        for assign, value in zip(self.config.get("api_type", []), types):
            if self._in_openai_com_block(assign, openai_com):
                continue  # said once for its block, above
            if id(assign) in inside and not _open_ai(value):
                # (a round-6 trial on llmlingua: "write openai.api_type = "azure" and re-run" could not come true
                # while the block's own AOAI602 holds the module back; that finding says what to do by hand)
                continue
            if _open_ai(value) and azure_types:
                plan.problem(
                    assign,
                    "AOAI602",
                    f"openai.api_type = {snippet(assign.value)} is openai.com's, and this module also sets openai.api_type = "
                    f"{snippet(azure_types[0].value)} at line {index.position(azure_types[0])[0]}: which service a call "
                    "reaches depends on run-time order; keep the openai.com configuration and its calls apart from the "
                    "Azure one (create OpenAI(api_key=<api_key>) for openai.com by hand, without /openai/v1/)",
                )
            elif value is None or value.lower() not in AZURE_TYPES:
                plan.problem(assign, "AOAI602", f"openai.api_type = {snippet(assign.value)} is not a literal 'azure' or 'azure_ad': the tool cannot tell it is Azure; if this module always talks to Azure OpenAI, write openai.api_type = \"azure\" (a key) or \"azure_ad\" (an Entra token) and re-run, otherwise migrate it by hand")
        self._plan_shared_use(plan)
        for assign in self.config.get("api_base", []):
            literal = literal_string(assign.value)
            host = foreign_host(literal) if literal is not None else None
            if host == "api.openai.com":
                if not self._in_openai_com_block(assign, openai_com):
                    plan.problem(
                        assign,
                        "AOAI610",
                        "openai.api_base is api.openai.com, openai.com itself, not an Azure OpenAI resource, while "
                        "openai.api_type says Azure: if this configuration is for openai.com, set openai.api_type = "
                        "\"open_ai\" (openai.com code is out of scope); if it is for Azure OpenAI, set api_base to the "
                        "resource's endpoint (https://<resource>.openai.azure.com/) and re-run",
                    )
            elif host is not None and literal is not None:
                plan.problem(
                    assign,
                    "AOAI610",
                    f"openai.api_base is {host}, not an Azure OpenAI resource host (*.openai.azure.com, "
                    "*.cognitiveservices.azure.com, *.services.ai.azure.com); if it is a gateway or another cloud, check "
                    f"that it serves /openai/v1/, then create OpenAI(base_url=\"{literal.strip().rstrip('/')}/openai/v1/\", "
                    "api_key=<api_key>) by hand",
                )
        if plan.problems:
            return
        lines.sort(key=lambda line: module_body.index(line))
        first, last = module_body.index(lines[0]), module_body.index(lines[-1])
        moved_values = {key: assigns[0].value for key, assigns in self.config.items() if key in ("api_base", "api_key")}
        between = [s for s in module_body[first : last + 1] if s not in lines]
        used = {n.value for v in moved_values.values() for n in nodes_within(v, cst.Name)}
        for statement in between:
            if not _inert(statement, used):
                plan.problem(
                    statement,
                    "AOAI602",
                    "this statement stands between the openai.api_* assignments, and moving them into one client "
                    "past it could change what they read; move it above or below them",
                )
        if plan.problems:
            return
        self._plan_client(plan, lines, moved_values)

    def _maybe_openai_com(self, settings: list[tuple[str, cst.Assign]]) -> str:
        """For configuration set inside a block (AOAI602), the clause that says it may be openai.com's too: its
        ``api_type`` is not a literal Azure one and its defaults name openai.com (``cfg.get("api_type", "open_ai")``,
        ``cfg.get("api_base", "https://api.openai.com/v1")``), or its ``api_type`` cannot be read; "" otherwise."""
        api_types = [a for key, a in settings if key == "api_type"]
        if any((literal_string(a.value) or "").lower() in AZURE_TYPES for a in api_types):
            return ""
        defaults = []
        for key, assign in settings:
            if literal_string(assign.value) is not None:
                continue  # a literal is the value itself, not a default (a literal "open_ai" is said for its block)
            for string in nodes_within(assign.value, cst.SimpleString):
                literal = literal_string(string)
                if literal is None:
                    continue
                if (key == "api_type" and _open_ai(literal)) or (key == "api_base" and _openai_com_base(literal)):
                    defaults.append(f"{snippet(string)} for openai.{key}")
        if defaults:
            why = f"its defaults ({', '.join(dict.fromkeys(defaults))}) say it may talk to openai.com too"
        elif api_types:
            why = f"openai.api_type = {snippet(api_types[0].value)} is not a literal 'azure' or 'azure_ad', so it may talk to openai.com too"
        else:
            return ""
        return f"; {why}: where it does, create OpenAI(api_key=<api_key>) without /openai/v1/ instead (one client per configuration, by hand)"

    def _plan_shared_use(self, plan: _Plan) -> None:
        """What in the module's own code a module-level client would break: a library that reads the
        openai<1.0 globals this migration removes, or ``.acreate()`` run under several event loops."""
        index = self.index
        code = index.code
        reader = self.globals_reader()
        if reader is not None:
            (line, _), name = reader
            plan.problem(
                self.config_statements()[0][0],
                "AOAI603",
                f"{name} (imported at line {line}) is an openai<1.0-era library that reads the openai.api_* "
                "globals this migration would remove; pass it the endpoint, key and version explicitly (or move "
                "it to its openai>=1 release) first, then re-run",
            )
        if not any(method == "acreate" for _, _, method in self.calls) or "run" not in code:
            return
        runs = [c for c in index.nodes(cst.Call) if "asyncio.run" in index.qualified_names(c.func)]  # type: ignore[attr-defined]
        looped = next((c for c in runs if any(isinstance(a, _LOOPS) for a in index.ancestors(c))), None)
        if len(runs) > 1 or looped is not None:
            at = looped if looped is not None else runs[1]
            plan.problem(
                at,
                "AOAI611",
                f"asyncio.run() runs {'in a loop' if looped is not None else 'more than once'} here, and .acreate() "
                "would share one module-level AsyncOpenAI across those event loops (its connections belong to the first "
                "loop: 'Event loop is closed'; 0.x opened a session per request); run one event loop, or create the "
                "AsyncOpenAI inside the coroutine that asyncio.run() starts, by hand",
            )

    def _all_config_assigns(self) -> set[cst.Assign]:
        return {a for assigns in self.config.values() for a in assigns}

    def _enclosing(self, node: cst.CSTNode) -> str | None:
        for ancestor in self.index.ancestors(node):
            if isinstance(ancestor, cst.FunctionDef):
                return f"function {ancestor.name.value}()"
            if isinstance(ancestor, cst.ClassDef):
                return f"class {ancestor.name.value}"
            if isinstance(ancestor, (cst.If, cst.Else)):
                return "an if statement"
            if isinstance(ancestor, (cst.For, cst.While)):
                return "a loop"
            if isinstance(ancestor, (cst.Try, cst.ExceptHandler, cst.Finally)):
                return "a try statement"
            if isinstance(ancestor, cst.With):
                return "a with statement"
            if isinstance(ancestor, cst.Match):
                return "a match statement"
        return None

    def _plan_client(self, plan: _Plan, lines: list[cst.SimpleStatementLine], values: dict[str, cst.BaseExpression]) -> None:
        index = self.index
        uses_sync = any(method == "create" for _, _, method in self.calls)
        uses_async = any(method == "acreate" for _, _, method in self.calls)
        anchor = lines[-1]
        if not uses_sync and not uses_async:
            uses_sync = True  # a configuration with no call here: the client is still what it configured
        wanted = []
        if uses_sync:
            wanted.append(("OpenAI", ("client", "openai_client", "azure_openai_client")))
        if uses_async:
            wanted.append(("AsyncOpenAI", ("async_client", "async_openai_client")))
        statements = []
        # What 0.x read from the environment by itself is read explicitly; ``os.getenv("X")`` becomes
        # ``os.environ["X"]``: a missing key must not make OpenAI fall back to OPENAI_API_KEY, and
        # a missing endpoint is named (not ``'NoneType' object has no attribute 'rstrip'``).
        found = {}
        needs_os = False
        for name, implicit in (("api_key", "OPENAI_API_KEY"), ("api_base", "OPENAI_API_BASE")):
            value = values.get(name)
            variable = implicit if value is None else _getenv_without_default(index, value)
            if variable is not None:
                value = environ_lookup(variable)
                needs_os = True
            found[name] = value
        key_value, base_value = found["api_key"], found["api_base"]
        if needs_os and not index.free_or_bound_to("os", "os"):
            plan.problem(anchor, "AOAI602", "the client needs os.environ, but the name os means something else here; migrate by hand")
            return
        version_assign = self.config.get("api_version", [None])[0]
        version = index.string_values(version_assign.value)[0] if version_assign is not None else None
        clause = preview_clause(index, version_assign.value) if version_assign is not None else None
        if clause is not None:
            plan.preview_notes.append((
                version_assign,
                f"openai.api_version = {clause} and is dropped; v1 serves GA features without one, "
                "but if this code calls preview features add default_query={'api-version': 'preview'} to the client",
            ))
        order = ["api_base", "api_key"]
        positions = {k: index.position(self.config[k][0]) if k in self.config else (10**9, 0) for k in order}
        order.sort(key=lambda k: positions[k])
        comments = self._trailing_comments()
        above = [cst.EmptyLine(comment=comments[k]) for k in sorted(comments.keys() - set(order), key=lambda k: index.position(self.config[k][0]))]
        step = index.module.default_indent
        for cls, candidates in wanted:
            cls_name = index.target_name(cls)
            var = next((c for c in candidates if self._free(c)), None)
            if cls_name is None or var is None:
                plan.problem(anchor, "AOAI602", f"the names {cls} or {candidates[0]} are taken in this module; migrate by hand")
                return
            if cls == "OpenAI":
                self.sync_name = var
            else:
                self.async_name = var
            args = []
            for key in order:
                if key == "api_base":
                    args.append(keyword_arg("base_url", v1_base_url(base_value)))
                else:
                    args.append(keyword_arg("api_key", key_value))
            if version == "preview":  # as the SDK rewrite does: v1 preview features want api-version=preview
                query = cst.Dict([cst.DictElement(cst.SimpleString('"api-version"'), cst.SimpleString('"preview"'))])
                args.append(keyword_arg("default_query", query))
            call = cst.Call(func=cst.Name(cls_name), args=[a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args[:-1]] + args[-1:])
            notes = [comments.get(key) for key in order] + [None] * (len(args) - len(order))
            if not statements and any(notes):  # the api_base / api_key line comments go on their arguments
                call = _one_argument_per_line(call, notes, step)
            statements.append(cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(var))], call)]))
            if index.module_import_of(f"openai.{cls}") is None:
                self.needed_imports.add(("openai", cls))
        if needs_os:
            self.needed_imports.add(("os", None))
        self.insertion = self.block_body.index(anchor)
        body = list(self.block_body)
        carried: list[cst.EmptyLine] = []
        removed = set(lines[:-1])
        for statement in body[body.index(lines[0]) : body.index(anchor) + 1]:
            if statement in removed:
                carried.extend(statement.leading_lines)
                plan.replace(statement, lambda _u: cst.RemovalSentinel.REMOVE)
            elif carried:
                plan.replace(statement, lambda u, c=tuple(carried): u.with_changes(leading_lines=_join_lines(c, u.leading_lines)))
                carried = []

        guard = self.guard
        indent = len(guard.body.indent or step) if guard is not None else 0  # where the client's line starts

        def first(updated, new=statements):  # noqa: ANN001, ANN202
            laid = [
                s.with_changes(body=[s.body[0].with_changes(value=fit_call(s.body[0].value, indent + len(s.body[0].targets[0].target.value) + 3, step, 0))])
                for s in new
            ]
            return cst.FlattenSentinel([laid[0].with_changes(leading_lines=[*updated.leading_lines, *above]), *laid[1:]])

        plan.replace(anchor, first)

    def _trailing_comments(self) -> dict[str, cst.Comment]:
        """``openai.api_base = E  # the endpoint``: the comment of each configuration line, by key."""
        found = {}
        for key, assigns in self.config.items():
            line = self.index.parent(assigns[0])
            if isinstance(line, cst.SimpleStatementLine) and line.trailing_whitespace.comment is not None:
                found[key] = line.trailing_whitespace.comment
        return found

    def _free(self, name: str) -> bool:
        if self._names_in_use is None:
            used: set[str] = set()
            for node in self.index.nodes(cst.Name):
                assert isinstance(node, cst.Name)
                parent = self.index.parent(node)
                if isinstance(parent, cst.Attribute) and parent.attr is node:
                    continue
                if isinstance(parent, cst.Arg) and parent.keyword is node:
                    continue
                used.add(node.value)
            self._names_in_use = used
        return name not in self._names_in_use

    def client_summary(self) -> str:
        names = [n for n in (self.sync_name, self.async_name) if n]
        return " and ".join(names)

    # ------------------------------------------------------------ calls

    def plan_calls(self, plan: _Plan) -> None:
        index = self.index
        insertion = getattr(self, "insertion", None)
        for node, head, rest in self.other_refs:
            plan.problem(node, "AOAI608", self.value_use_message(node, head, rest))
        guard = self.guard
        for call, resource, method in self.calls:
            top = self._top_level(call)
            if guard is not None:
                if top is not guard:
                    where = f"function {top.name.value}()" if isinstance(top, cst.FunctionDef) else "code outside it"
                    plan.problem(
                        call,
                        "AOAI602",
                        f"the openai.api_* configuration is set under if __name__ == \"__main__\": but this call is in {where}, "
                        "which another module may run without it; move the configuration to module level, or create the "
                        "client where the calls get it",
                    )
                    continue
                top = next(a for a in (call, *index.ancestors(call)) if index.parent(a) is guard.body)
            if insertion is not None and not isinstance(top, cst.FunctionDef) and self.block_body.index(top) < insertion:
                plan.problem(call, "AOAI602", "this call runs before the openai.api_* assignments; move the configuration above it")
                continue
            self._plan_call(plan, call, resource, method)

    def _top_level(self, node: cst.CSTNode) -> cst.CSTNode:
        top = node
        for ancestor in self.index.ancestors(node):
            if isinstance(ancestor, cst.Module):
                break
            top = ancestor
        return top

    def _plan_call(self, plan: _Plan, call: cst.Call, resource: str, method: str) -> None:
        index = self.index
        path, shape, chunk = RESOURCES[resource]
        deployment = None
        stream: bool | None = False
        renames: dict[int, str] = {}
        drops: set[int] = set()
        bad = False
        allowed = PARAMETERS[resource]
        for position, arg in enumerate(call.args):
            if arg.star:
                plan.problem(arg, "AOAI604", f"{_spread(arg)} hides which arguments the call gets; spell them out (engine= becomes model=)")
                bad = True
                continue
            if arg.keyword is None:
                plan.problem(arg, "AOAI604", "positional arguments to a legacy create() have no 1.x meaning; pass keywords")
                bad = True
                continue
            key = arg.keyword.value
            if key in ("engine", "deployment_id"):
                if deployment is not None:
                    plan.problem(arg, "AOAI604", "both engine= and deployment_id= are given; keep one (engine= won in openai<1.0)")
                    bad = True
                deployment = arg
                renames[position] = "model"
            elif key == "model":
                drops.add(position)  # Azure routed by engine=; the body's model was ignored
            elif key == "request_timeout":
                if not _number(index, arg.value):
                    plan.problem(arg, "AOAI604", f"request_timeout={snippet(arg.value)}: rename it to timeout= if it is a number of seconds (a (connect, read) tuple must become httpx.Timeout(read, connect=connect))")
                    bad = True
                renames[position] = "timeout"
            elif key == "headers":
                renames[position] = "extra_headers"
            elif key == "timeout":
                plan.problem(arg, "AOAI604", "timeout= was openai<1.0's retry window for TryAgain (HTTP 409), not an HTTP timeout; remove it or use the client's max_retries=")
                bad = True
            elif key in PER_CALL_CONFIG:
                plan.problem(arg, "AOAI604", f"per-call {key}= has no place on the 1.x call; use client.with_options(api_key=...) or a second OpenAI client for it")
                bad = True
            elif key == "stream":
                if isinstance(arg.value, cst.Name) and arg.value.value in ("True", "False"):
                    stream = arg.value.value == "True"
                else:
                    stream = None
            elif key not in allowed:
                plan.problem(arg, "AOAI604", f"{key}= is not a parameter of client.{path}.create() in openai>=1; pass it in extra_body={{...}}")
                bad = True
        if deployment is None and not bad:
            plan.problem(call, "AOAI604", "no engine= or deployment_id=: openai<1.0 on Azure required one; add model=<deployment>")
            bad = True
        root: cst.CSTNode = call
        if method == "acreate":
            parent = index.parent(call)
            if isinstance(parent, cst.Await):
                root = parent
            else:
                plan.problem(call, "AOAI605", f"{snippet(call.func)}(...) is not awaited here, so its result cannot be followed; await it directly")
                bad = True
        result_shape: Shape | None
        if stream is None:
            result_shape = None
        elif stream:
            result_shape = ("stream", chunk) if chunk else None
        else:
            result_shape = shape
        if root is not call or method == "create":
            _Follower(self, plan).follow(root, result_shape, f"{snippet(call.func)}(...)")
        client = self.async_name if method == "acreate" else self.sync_name
        if bad or client is None:
            return
        func = _dotted(f"{client}.{path}.create")
        layout = visual_indent(index, call)  # arguments aligned under the first stay aligned
        shift = len(code_of(call.func)) - len(code_of(func))

        def rewrite(updated: cst.CSTNode, func=func, renames=renames, drops=drops, layout=layout, shift=shift) -> cst.CSTNode:  # noqa: ANN001
            assert isinstance(updated, cst.Call)
            renamed = [
                arg.with_changes(keyword=cst.Name(renames[position])) if position in renames else arg
                for position, arg in enumerate(updated.args)
            ]
            dropped = {id(renamed[position]) for position in drops}
            new = remove_args(updated.with_changes(func=func, args=renamed), lambda arg: id(arg) in dropped)
            return realign(new, layout, shift)

        plan.replace(call, rewrite)
        for name in self.resource_imports:
            self.unused_candidates.add(name)

    # ------------------------------------------------------------ errors

    def plan_errors(self, plan: _Plan) -> None:
        index = self.index
        for node, name in self.error_refs:
            if isinstance(node, cst.Name):
                # bound by ``from openai.error import ...``, which is rewritten in place (both classes of a split one)
                if name in ERRORS and len(ERRORS[name][0]) > 1:
                    self._split_in_except(plan, node, name, [cst.Name(t) for t in ERRORS[name][0]])
                continue
            if name in NO_ERROR_MAPPING:
                plan.problem(node, "AOAI606", f"openai.error.{name} has no faithful 1.x class: {NO_ERROR_MAPPING[name]}")
                continue
            if name not in ERRORS:
                plan.problem(node, "AOAI606", f"openai.error.{name} does not exist in openai>=1; rewrite it by hand")
                continue
            chain_ok = (
                isinstance(node, cst.Attribute)
                and isinstance(node.value, cst.Attribute)
                and node.value.attr.value == "error"
                and isinstance(node.value.value, cst.Name)
                and index.qualified_names(node.value.value) == {"openai"}
            )
            if not chain_ok:
                plan.problem(node, "AOAI606", f"{snippet(node)}: write it as openai.error.{name} (or migrate it by hand) so it can be mapped")
                continue
            targets, widened = ERRORS[name]
            module_name = node.value.value  # type: ignore[union-attr]
            new = [_attr(module_name, t) for t in targets]  # type: ignore[arg-type]
            if len(new) > 1:
                if not self._split_in_except(plan, node, name, new):
                    continue
            else:
                plan.replace(node, lambda _u, n=new[0]: n)
            if widened:
                plan.notes.append((node, f"openai.error.{name} -> {' / '.join('openai.' + t for t in targets)}: {widened}; check that this handler still does the right thing"))
        for statement in self.error_imports:
            self._plan_error_import(plan, statement)
        self._plan_error_imports_plain(plan)
        self._check_handlers(plan)

    def _split_in_except(self, plan: _Plan, node: cst.CSTNode, name: str, new: list[cst.BaseExpression]) -> bool:
        """``except X:`` / ``except (X, Y):`` -> ``except (A, B):`` / ``except (A, B, Y):``; elsewhere a finding."""
        index = self.index
        parent = index.parent(node)
        if isinstance(parent, cst.ExceptHandler) and parent.type is node:
            tuple_node = cst.Tuple([cst.Element(n, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for n in new[:-1]] + [cst.Element(new[-1])])
            plan.replace(node, lambda _u, t=tuple_node: t)
            return True
        if isinstance(parent, cst.Element) and isinstance(index.parent(parent), cst.Tuple) and isinstance(index.parent(index.parent(parent)), cst.ExceptHandler):

            def split(updated, new=new):  # noqa: ANN001, ANN202
                return cst.FlattenSentinel([cst.Element(n, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for n in new[:-1]] + [updated.with_changes(value=new[-1])])

            plan.replace(parent, split)
            return True
        plan.problem(
            node,
            "AOAI606",
            f"{snippet(node)} (openai.error.{name}) is now two classes ({', '.join(code_of(n) for n in new)}); only an "
            "except clause can name both, rewrite this use by hand",
        )
        return False

    def _plan_error_import(self, plan: _Plan, statement: cst.ImportFrom) -> None:
        if isinstance(statement.names, cst.ImportStar):
            plan.problem(statement, "AOAI606", "from openai.error import * has no 1.x counterpart; import the 1.x classes by name")
            return
        new_aliases = []
        for alias in statement.names:
            name = alias.evaluated_name
            local = alias.evaluated_alias or name
            if name in NO_ERROR_MAPPING:
                plan.problem(alias, "AOAI606", f"openai.error.{name} has no faithful 1.x class: {NO_ERROR_MAPPING[name]}")
                continue
            if name not in ERRORS:
                plan.problem(alias, "AOAI606", f"openai.error.{name} does not exist in openai>=1; rewrite it by hand")
                continue
            targets, widened = ERRORS[name]
            if len(targets) > 1:  # both classes imported under their own names; the except clauses name both
                taken = [t for t in targets if not self._free(t)]
                if taken:
                    plan.problem(alias, "AOAI606", f"openai.error.{name} is now {' / '.join('openai.' + t for t in targets)}, and the name {taken[0]} is taken in this module; import openai and use those classes in the except clauses")
                    continue
                plan.notes.append((alias, f"{name} -> {' / '.join('openai.' + t for t in targets)}: {widened}; check the handlers that use {local}"))
                new_aliases.extend(cst.ImportAlias(name=cst.Name(t)) for t in targets)
                continue
            target = targets[0]
            if widened:
                plan.notes.append((alias, f"{name} -> openai.{target}: {widened}; check the handlers that use {local}"))
            new_aliases.append(cst.ImportAlias(name=cst.Name(target), asname=None if target == local else cst.AsName(cst.Name(local))))
        if not new_aliases:
            return
        laid = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in new_aliases[:-1]] + new_aliases[-1:]
        plan.replace(statement, lambda u, laid=laid: u.with_changes(module=cst.Name("openai"), names=laid, lpar=None, rpar=None))

    def _plan_error_imports_plain(self, plan: _Plan) -> None:
        """``import openai.error``: the submodule is gone; ``import openai`` binds the same name."""
        index = self.index
        if "openai.error" not in index.code:  # the text of any such import spells it
            return
        found = [
            alias
            for alias in index.nodes(cst.ImportAlias)
            if isinstance(index.parent(alias), cst.Import) and code_of(alias.name) == "openai.error"  # type: ignore[attr-defined]
        ]
        for alias in found:
            if alias.asname is not None:
                plan.problem(alias, "AOAI606", "import openai.error as ... has no 1.x counterpart; import openai and use openai.<Error>")
            else:
                plan.replace(alias, lambda u: u.with_changes(name=cst.Name("openai")))

    def _check_handlers(self, plan: _Plan) -> None:
        index = self.index
        mapped = {}
        for node, name in self.error_refs:
            if name in ERRORS:
                mapped[node] = set(ERRORS[name][0])
        tries = {}
        checked: set[cst.ExceptHandler] = set()
        for node, _ in self.error_refs:
            handler = next((a for a in index.ancestors(node) if isinstance(a, cst.ExceptHandler)), None)
            if handler is None:
                continue
            statement = index.parent(handler)
            if isinstance(statement, (cst.Try, cst.TryStar)):
                tries[statement] = True
            if handler.name is not None and isinstance(handler.name.name, cst.Name) and handler not in checked:
                checked.add(handler)
                self._check_exception_attributes(plan, handler, handler.name.name.value)
        for statement in tries:
            seen: list[tuple[cst.ExceptHandler, set[str]]] = []
            for handler in statement.handlers:
                classes = {c for node, cs in mapped.items() if handler.type is not None and _inside(index, node, handler.type) for c in cs}
                for earlier, earlier_classes in seen:
                    for cls in classes:
                        if V1_ANCESTORS.get(cls, set()) & earlier_classes:
                            plan.problem(
                                handler,
                                "AOAI606",
                                f"in openai>=1, openai.{cls} is a subclass of a class caught at line "
                                f"{index.position(earlier)[0]}, so this handler would never run; move it above that one",
                            )
                seen.append((handler, classes))

    def _check_exception_attributes(self, plan: _Plan, handler: cst.ExceptHandler, name: str) -> None:
        found = []

        class Visit(cst.CSTVisitor):
            def visit_Attribute(self, node: cst.Attribute) -> None:
                if isinstance(node.value, cst.Name) and node.value.value == name and node.attr.value in LEGACY_ERROR_ATTRIBUTES:
                    found.append(node)

        handler.body.visit(Visit())
        for node in found:
            hint = LEGACY_ERROR_ATTRIBUTES[node.attr.value].replace("e.", f"{name}.", 1)
            plan.problem(node, "AOAI606", f"{snippet(node)} is an openai<1.0 exception attribute; in openai>=1 use {hint} (on an openai.APIStatusError)")

    def plan_other(self, plan: _Plan) -> None:
        openai_com = self.openai_com_blocks()
        for node, message in self.other_legacy_findings():
            if message.startswith("openai.organization ") and self._in_openai_com_block(node, openai_com):
                continue  # openai>=1 has it too; the block's AOAI602 names it for the openai.com client
            plan.problem(node, "AOAI608", message)

    def other_legacy_findings(self, *, only_v0: bool = False) -> list[tuple[cst.CSTNode, str]]:
        """AOAI608 for the other 0.x APIs, once per name and line (``openai.api_key_path = f(openai.api_key_path)``
        is one thing to change); ``only_v0``: not those that openai>=1 has too (``openai.organization``)."""
        found, seen = [], set()
        for node, name in self.other_legacy:
            short = name[len("openai.") :].partition(".")[0]
            if only_v0 and short in V1_MODULE_SETTINGS:
                continue
            if (name, self.index.position(node)[0]) in seen:
                continue
            seen.add((name, self.index.position(node)[0]))
            advice = LEGACY_ADVICE.get(short, "migrate it to the 1.x client by hand")
            found.append((node, f"{name} is an openai<1.0 API the tool does not rewrite; {advice}"))
        return found


class _Follower:
    """Follows a legacy response through the code and plans dict access -> attribute access."""

    def __init__(self, legacy: _Legacy, plan: _Plan) -> None:
        self.legacy = legacy
        self.index = legacy.index
        self.plan = plan

    def follow(self, node: cst.CSTNode, shape: Shape | None, what: str) -> None:
        index = self.index
        while True:
            parent = index.parent(node)
            if shape is None:
                if self._unused(node):
                    return
                self.plan.problem(node, "AOAI605", f"the result of {what} cannot be followed (stream= is not a literal); rewrite its uses by hand")
                return
            if _is_leaf(shape):
                return
            step = self._step(node, parent, shape)
            if step is None:
                return
            node, shape = step

    def _step(self, node: cst.CSTNode, parent: cst.CSTNode | None, shape: Shape):  # noqa: ANN202
        index = self.index
        fields = SHAPES.get(shape) if isinstance(shape, str) else None
        element = shape[0] if isinstance(shape, tuple) and len(shape) == 1 else None
        if isinstance(shape, tuple) and shape and shape[0] == "stream":
            element = shape[1]
            fields = None
        # resp["key"] / resp[0]
        if isinstance(parent, cst.Subscript) and parent.value is node and len(parent.slice) == 1:
            part = parent.slice[0].slice
            if isinstance(part, cst.Index):
                key = literal_string(part.value)
                if fields is not None and key is not None and key in fields:
                    self.plan.replace(parent, lambda u, key=key: _attr(u.value, key))
                    return parent, fields[key]
                if element is not None and isinstance(shape, tuple) and len(shape) == 1 and key is None and not isinstance(part.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
                    return parent, element
            self._escape(parent, shape, node)
            return None
        # resp.key, resp.get("key"[, default]) and resp.to_dict_recursive()
        if isinstance(parent, cst.Attribute) and parent.value is node:
            attr = parent.attr.value
            if fields is not None and attr in fields:
                return parent, fields[attr]
            call = index.parent(parent)
            if attr == "get" and fields is not None and isinstance(call, cst.Call) and call.func is parent:
                return self._get(call, fields, shape)
            if attr == "to_dict_recursive" and fields is not None and isinstance(call, cst.Call) and call.func is parent and not call.args:
                # 0.x: deep plain dicts with the API's keys; 1.x to_dict() gives the same. The result
                # is a dict in both, so whatever uses it is not followed (it must stay dict access).
                self.plan.replace(parent, lambda u: u.with_changes(attr=cst.Name("to_dict")))
                return None
            self._escape(parent, shape, node)
            return None
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node and element is not None:
            self._bind(parent.target, element, parent)
            return None
        if isinstance(parent, cst.Arg) and isinstance(index.parent(parent), cst.Call):
            call = index.parent(parent)
            if isinstance(shape, tuple) and len(shape) == 1 and index.qualified_names(call.func) == {"builtins.len"}:  # type: ignore[union-attr]
                return None
        if (isinstance(shape, tuple) and len(shape) == 1 or shape in NEVER_EMPTY) and self._truth_test(node, parent):
            return None  # ``if resp["choices"]:`` (a list either way), ``if msg.get("function_call"):`` (None or set)
        if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
            self._bind(parent.targets[0].target, shape, parent)
            return None
        if isinstance(parent, cst.Expr):
            return None  # the result is not used
        self._escape(node, shape)
        return None

    def _free_name(self, candidates: tuple[str, ...]) -> str:
        """The first of ``candidates`` that the module does not use, for a name that advice proposes."""
        return next((c for c in candidates if self.legacy._free(c)), f"{candidates[0]}_value")

    def _truth_test(self, node: cst.CSTNode, parent: cst.CSTNode | None) -> bool:
        if isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is node:
            return True
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            return True
        if isinstance(parent, cst.BooleanOperation):
            return self._truth_test(parent, self.index.parent(parent)) or isinstance(self.index.parent(parent), (cst.If, cst.While))
        return False

    def _get(self, call: cst.Call, fields: dict[str, object], shape: Shape):  # noqa: ANN202
        args = call.args
        key = literal_string(args[0].value) if args and args[0].keyword is None and not args[0].star else None
        if key is None or key not in fields or len(args) > 2 or any(a.keyword is not None or a.star for a in args):
            self._escape(call, shape, call.func.value)  # type: ignore[attr-defined]
            return None
        field = fields[key]
        if len(args) == 1 or (isinstance(args[1].value, cst.Name) and args[1].value.value == "None"):
            self.plan.replace(call, lambda u, key=key: _attr(u.func.value, key))
            return call, field
        default = args[1].value
        if _is_leaf(field) and FALSY.get(field) == code_of(default).replace("''", '""'):  # type: ignore[arg-type]

            bare = isinstance(self.index.parent(call), _WHOLE_EXPRESSION) and not call.lpar

            def rewrite(u, key=key, bare=bare):  # noqa: ANN001, ANN202
                return cst.BooleanOperation(
                    left=_attr(u.func.value, key),
                    operator=cst.Or(),
                    right=u.args[1].value,
                    lpar=list(u.lpar) if bare else [cst.LeftParen()],
                    rpar=list(u.rpar) if bare else [cst.RightParen()],
                )

            self.plan.replace(call, rewrite)
            return call, field
        model = call.func.value  # type: ignore[attr-defined]
        self.plan.problem(
            call,
            "AOAI605",
            f"{_quote(call)}: openai>=1 gives None for a missing {key}, so only a default of "
            f"{FALSY.get(field, 'None') if _is_leaf(field) else 'None'} carries over to attribute access; write "
            f"{_short(model)}.to_dict_recursive(){self._dict_operation(call, model) or '.get(...)'} (a plain dict; {TO_DICT}), "
            "then run the tool again",
        )
        return None

    def _bind(self, target: cst.BaseExpression, shape: Shape, statement: cst.CSTNode) -> None:
        if not isinstance(target, cst.Name):
            self.plan.problem(target, "AOAI605", f"{snippet(target)} receives an openai>=1 pydantic model; only a plain name can be followed, rewrite its uses by hand")
            return
        scope = self.index.scope(target)
        if scope is None:
            self.plan.problem(target, "AOAI605", f"{target.value} cannot be followed; rewrite its uses by hand")
            return
        assignments = [a for a in scope.assignments[target.value]]
        mine = [a for a in assignments if getattr(a, "node", None) is target]
        if len(assignments) != 1 or not mine:
            self.plan.problem(target, "AOAI605", f"{target.value} is assigned more than once in this scope, so its uses cannot be followed to turn dict access into attributes; give the response its own name")
            return
        for access in mine[0].references:
            self.follow(access.node, shape, target.value)

    def _unused(self, node: cst.CSTNode) -> bool:
        return isinstance(self.index.parent(node), cst.Expr)

    def _dict_operation(self, node: cst.CSTNode, model: cst.CSTNode) -> str | None:
        """``["k"]``, ``.get("k", {})``, ``.items()``...: what ``node`` does to ``model`` when that is
        a dict operation that works on the plain dict too; None for anything else."""
        if isinstance(node, cst.Attribute) and _called(self.index, node):
            node = self.index.parent(node)  # type: ignore[assignment]
        method = isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.value is model and node.func.attr.value in DICT_METHODS
        if not (method or (isinstance(node, cst.Subscript) and node.value is model)):
            return None
        whole, start = code_of(node), code_of(model)
        if not whole.startswith(start) or len(whole) - len(start) > 40:
            return None
        return " ".join(whole[len(start) :].split())

    def _escape(self, node: cst.CSTNode, shape: Shape, model: cst.CSTNode | None = None) -> None:
        """AOAI605 for a use of ``model`` (the response or a part of it, of ``shape``) at ``node``
        that the follower cannot rewrite. The module stays on openai<1.0 until then, so the advice
        is a change to the 0.x code that the follower does rewrite on the next run."""
        model = node if model is None else model
        context = self.index.parent(node)
        while isinstance(context, (cst.Arg, cst.Element, cst.StarredElement, cst.DictElement)):
            context = self.index.parent(context)  # show the call or display the value stands in, not "r,"
        shown = context if context is not None and not isinstance(context, (cst.SimpleStatementLine, cst.IndentedBlock)) else node
        written = _short(model)
        maybe_none = shape in MAY_BE_NONE  # the advice keeps the None: ``x["arguments"] if x else None``
        if maybe_none:
            # a name, so that the test and the use read it once each (a truth test on it is followed)
            name = written if isinstance(model, cst.Name) else self._free_name(("tool_calls", "calls") if isinstance(shape, tuple) else ("function_call", "fc"))
            named = "" if isinstance(model, cst.Name) else f"give it a name of its own ({name} = {written}), then "
            if isinstance(shape, tuple):
                kind = "a list of pydantic models or None (a plain answer has none), not a list of dicts"
                advice = (
                    f"keep the None: {named}index it or loop over it with dict access the tool can follow, such as "
                    f"{name}[0]{ACCESS_EXAMPLES[shape[0]]} if {name} else None, "  # type: ignore[index]
                    f"or use [x.to_dict_recursive() for x in {name}] if {name} else None (plain dicts; {TO_DICT})"
                )
            else:
                kind = f"a pydantic model ({shape}) or None (a plain answer has none), not a dict"
                advice = (
                    f"keep the None: {named}use dict access the tool can follow, such as {name}{ACCESS_EXAMPLES[shape]} "  # type: ignore[index]
                    f"if {name} else None, or {name}.to_dict_recursive() if {name} else None (a plain dict; {TO_DICT})"
                )
        elif isinstance(shape, tuple) and shape[0] == "stream":
            kind = "a stream of pydantic models, not of dicts"
            advice = (
                f"loop over it here (for chunk in {written}:) and read each chunk with dict access the tool can follow, "
                f"such as chunk{ACCESS_EXAMPLES[shape[1]]}"  # type: ignore[index]
            )
        elif isinstance(shape, tuple):
            kind = "a list of pydantic models, not of dicts"
            advice = (
                f"index it or loop over it with dict access the tool can follow, such as {written}[0]{ACCESS_EXAMPLES[shape[0]]}, "  # type: ignore[index]
                f"or use [x.to_dict_recursive() for x in {written}] (plain dicts; {TO_DICT})"
            )
        else:
            kind = f"a pydantic model ({shape}), not a dict"
            plain = f"{written}.to_dict_recursive()"
            operation = self._dict_operation(node, model)
            if operation is not None:  # the dict operation as written, on the plain dict: r.to_dict_recursive()["k"]
                plain += operation
            advice = (
                f"change it to dict access the tool can follow, such as {written}{ACCESS_EXAMPLES[shape]}, or to "  # type: ignore[index]
                f"{plain} (a plain dict; {TO_DICT})"
            )
        self.plan.problem(
            node,
            "AOAI605",
            f"this use of a response, {_quote(shown)}, cannot be followed: in openai>=1 it is {kind}; "
            f"{advice}, then run the tool again",
        )


# ---------------------------------------------------------------- helpers


def _join_lines(first: tuple[cst.EmptyLine, ...], then: tuple[cst.EmptyLine, ...] | list) -> list[cst.EmptyLine]:
    """Leading lines of removed statements put before the next one: comments kept, at most 2 blank lines in a row."""
    joined: list[cst.EmptyLine] = []
    blanks = 0
    for line in [*first, *then]:
        blanks = blanks + 1 if line.comment is None else 0
        if blanks <= 2:
            joined.append(line)
    return joined


def _one_argument_per_line(call: cst.Call, comments: list[cst.Comment | None], step: str) -> cst.Call:
    """A module-level call laid out one argument per line, each line ending in its comment, if any."""

    def end(comment: cst.Comment | None, indent: str) -> cst.ParenthesizedWhitespace:
        trailing = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  " if comment else ""), comment=comment)
        return cst.ParenthesizedWhitespace(first_line=trailing, indent=True, last_line=cst.SimpleWhitespace(indent))

    last = len(call.args) - 1
    args = [a.with_changes(comma=cst.Comma(whitespace_after=end(c, "" if i == last else step))) for i, (a, c) in enumerate(zip(call.args, comments))]
    return call.with_changes(args=args, whitespace_before_args=end(None, step))


#: Where ``a or b`` needs no parentheses in place of a call.
_WHOLE_EXPRESSION = (cst.Arg, cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Return, cst.Element, cst.DictElement, cst.Expr)


def _open_ai(api_type: cst.BaseExpression | str | None) -> bool:
    """``api_type`` is a literal "open_ai" (openai.com's, 0.x's default)."""
    value = literal_string(api_type) if isinstance(api_type, cst.BaseExpression) else api_type
    return value is not None and value.lower() in ("open_ai", "openai")


def _openai_com_call(call: cst.Call) -> bool:
    keywords = {a.keyword.value for a in call.args if a.keyword is not None}
    return "model" in keywords and not keywords & {"engine", "deployment_id"} and not any(a.star or a.keyword is None for a in call.args)


def _spread(arg: cst.Arg) -> str:
    """``*args`` / ``**kwargs`` for a message: the argument without the comma that follows it in the call."""
    return f"{arg.star}{snippet(arg.value)}"


def _reads_the_globals(module: str, statement: cst.CSTNode) -> bool:
    """Whether importing ``module`` (by ``statement``, an ``Import`` or ``ImportFrom``) brings in a library of
    :data:`GLOBALS_READERS` that may read the ``openai.api_*`` globals: any of llama_index and gpt_index, and
    LangChain except the packages of :data:`LANGCHAIN_WITHOUT_OPENAI` (a ``Document``, a prompt, a text splitter)."""
    parts = module.split(".")
    if parts[0] not in GLOBALS_READERS:
        return False
    if parts[0] != "langchain":
        return True
    names = statement.names if isinstance(statement, cst.ImportFrom) else ()
    if isinstance(names, cst.ImportStar):
        return True
    imported = [code_of(alias.name) for alias in names]
    if len(parts) == 1:  # ``from langchain import PromptTemplate``; ``import langchain`` may be used for anything
        return not imported or not all(name in LANGCHAIN_TOP_LEVEL_WITHOUT_OPENAI for name in imported)
    if parts[1] not in LANGCHAIN_WITHOUT_OPENAI or parts[1:3] == ["document_loaders", "parsers"]:
        return True
    return any("openai" in name.lower() for name in imported)


def _is_main_guard(statement: cst.If) -> bool:
    """``if __name__ == "__main__":`` (either order, either quotes), without ``elif``/``else``."""
    test = statement.test
    if statement.orelse is not None or not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if not isinstance(target.operator, cst.Equal):
        return False
    sides = [test.left, target.comparator]
    names = [s for s in sides if isinstance(s, cst.Name) and s.value == "__name__"]
    strings = [s for s in sides if literal_string(s) == "__main__"]
    return len(names) == 1 and len(strings) == 1


def _dotted_name(node: cst.CSTNode) -> bool:
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _called(index: ModuleIndex, node: cst.CSTNode) -> bool:
    parent = index.parent(node)
    return isinstance(parent, cst.Call) and parent.func is node


class _ElideArguments(cst.CSTTransformer):
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        return updated_node.with_changes(args=[cst.Arg(cst.Ellipsis())]) if updated_node.args else updated_node


def _short(node: cst.CSTNode, limit: int = 60) -> str:
    """``node`` on one line for a message, as the operand of ``.x`` or ``[k]``: in parentheses unless
    it is a name, attribute, subscript or call; when long, with the arguments of calls as ``...``."""
    wrap = not isinstance(node, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)) and not getattr(node, "lpar", ())
    text = " ".join(code_of(node).split())
    if len(text) + 2 * wrap > limit:
        text = " ".join(code_of(node.visit(_ElideArguments())).split())  # type: ignore[arg-type]
    return f"({text})" if wrap else text


def _quote(node: cst.CSTNode, limit: int = 80) -> str:
    """``node`` on one line for a message, as :func:`snippet` gives it, but when long cut after a whole
    token (never inside a name or a string), and a bare tuple in parentheses (its commas are not the
    sentence's)."""
    import io
    import tokenize

    text = snippet(node, limit=10**6)
    if isinstance(node, cst.Tuple) and not node.lpar:
        text = f"({text})"
    if len(text) <= limit:
        return text
    cut = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER) or token.end[1] > limit - 3:
                break
            cut = token.end[1]
    except (tokenize.TokenError, SyntaxError):  # not one line of tokens after all: cut between words
        cut = text.rfind(" ", 0, limit - 3)
    return text[: max(cut, 0)].rstrip() + "..."


def _inline(node: cst.CSTNode | None, otherwise: str, limit: int = 80) -> str:
    """``node`` on one line, to stand in code that a message proposes; ``otherwise`` when there is none,
    or when it is too long or spans a comment."""
    if node is None:
        return otherwise
    text = " ".join(code_of(node).split())
    return otherwise if len(text) > limit or "#" in text else text


def _is_leaf(shape: Shape) -> bool:
    return shape in (STR, INT, LIST)


def _inside(index: ModuleIndex, node: cst.CSTNode, container: cst.CSTNode) -> bool:
    return node is container or container in set(index.ancestors(node))


def _openai_com_base(url: str) -> bool:
    """A literal ``api_base`` on openai.com itself (0.x's default, ``https://api.openai.com/v1``)."""
    return foreign_host(url) == "api.openai.com"


def _azure_host(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.endswith((".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"))


def _inert(statement: cst.CSTNode, used: set[str]) -> bool:
    """A statement between the config lines that runs no user code and binds none of ``used``."""
    if isinstance(statement, cst.FunctionDef):
        return not statement.decorators and statement.name.value not in used
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)):
            continue
        if isinstance(small, (cst.Assign, cst.AnnAssign)):
            value = small.value
            targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
            literal = value is None or isinstance(value, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString))
            if literal and all(isinstance(t, cst.Name) and t.value not in used for t in targets):
                continue
        return False
    return True


def _number(index: ModuleIndex, value: cst.BaseExpression) -> bool:
    if isinstance(value, (cst.Integer, cst.Float)):
        return True
    if isinstance(value, cst.Name):
        bound = index.bound_value(value)
        return isinstance(bound, (cst.Integer, cst.Float))
    return False


def _getenv_without_default(index: ModuleIndex, value: cst.BaseExpression) -> str | None:
    if not isinstance(value, cst.Call) or len(value.args) != 1 or value.args[0].keyword is not None:
        return None
    if not index.qualified_names(value.func) & {"os.getenv", "os.environ.get"}:
        return None
    return literal_string(value.args[0].value)

"""``OpenAI(base_url=<Azure resource>)`` without ``/openai/v1/`` (half-migrated code) is pointed at v1.

**Why**: code copied from a half-done migration builds the stock client on an Azure resource but
leaves out the v1 path: ``OpenAI(base_url="https://r.openai.azure.com")`` sends
``POST https://r.openai.azure.com/chat/completions``, outside ``/openai/``, where the resource
serves none of the client's operations; ``.../openai`` sends ``/openai/chat/completions`` and
``/openai/files`` with no ``api-version``, which ``AzureOpenAI`` adds to every request of those
classic routes (and ``/deployments/D/`` to chat, embeddings...). The URL the stock client is
meant to use on an Azure resource is ``.../openai/v1/``.

**What changes**: a string-literal ``base_url`` on an ``*.openai.azure.com``, ``*.cognitiveservices.azure.com`` or ``*.services.ai.azure.com`` host
whose path is empty, ``/`` or ``/openai`` gets ``/openai/v1/``, when the module shows that the
client sends no dated ``api-version``.

**Fix safety**: without an ``api-version`` such a client sends no request that ``AzureOpenAI``
sends (it adds one to every request), so no request of a shape known to work changes. A client that may send one is left
alone (AOAI113): ``.../openai`` with ``default_query={"api-version": "2025-03-01-preview"}``
worked, as ``AzureOpenAI`` sends ``GET /openai/files?api-version=...`` and ``POST
/openai/responses?api-version=...``, and v1 takes no dated version, so the base_url and the
version must move in one change. That is a ``default_query`` (a dict display whose
``"api-version"`` is not ``"preview"``, one spread with ``**``, or one the module does not show),
``**kwargs`` at the constructor, and any ``extra_query=``/``default_query=`` elsewhere in the module
(a call's, ``with_options(...)``'s) that may hold ``"api-version"``. A version another module adds
to the client's calls is not seen here; it gets AOAI705 there. A path that names a deployment
(``/openai/deployments/D``) is reported (AOAI109): there is no v1 route for it, and ``model=``
at each call site must name ``D``. So is any ``base_url`` that spells that route in a string,
whatever its host (``f"{endpoint}/openai/deployments/{d}"``).

**Manual follow-up**: for AOAI109, use ``base_url=<resource>/openai/v1/`` and ``model=D``; for
AOAI113, make ``base_url`` end in ``/openai/v1/`` and drop the dated ``api-version`` in the same
change (``{"api-version": "preview"}`` where a call needs a preview feature).
"""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst

from transforms._base import Edits, Example, Rule, Transform, code_of, literal_string, snippet, string_body, with_string_body
from transforms._index import ModuleIndex

AZURE_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")
STOCK_CLIENTS = {"openai.OpenAI", "openai.AsyncOpenAI", "openai._client.OpenAI", "openai._client.AsyncOpenAI"}
_URL = re.compile(r"^(?P<root>https://[^/?#]+)(?P<path>/[^?#]*)?$")


def _split(text: str) -> tuple[str, str] | None:
    """(scheme://host, path) of an Azure resource URL; None for anything else."""
    match = _URL.match(text)
    if match is None:
        return None
    root, path = match.group("root"), match.group("path") or ""
    host = root.split("://", 1)[1].split(":", 1)[0]
    # Case-sensitive on purpose: the pre-filter (transforms.TRIGGERS) looks for these exact bytes.
    return (root, path) if host.endswith(AZURE_HOSTS) else None


class OpenAIBaseUrl(Transform):
    RULES: ClassVar = (
        Rule("AOAI004", "azure-base-url-without-v1", "OpenAI(base_url=<Azure resource>) without /openai/v1/ gets it", fix=True),
        Rule("AOAI109", "azure-deployment-base-url", "OpenAI(base_url=<Azure resource>/openai/deployments/D): no v1 route", fix=False),
        Rule("AOAI113", "azure-base-url-with-api-version", "OpenAI(base_url=<Azure resource>) without /openai/v1/ that may send a dated api-version: move both at once", fix=False),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="a half-migrated client",
            before='from openai import OpenAI\n\nclient = OpenAI(base_url="https://contoso.openai.azure.com/openai", api_key=K)\n',
            after='from openai import OpenAI\n\nclient = OpenAI(base_url="https://contoso.openai.azure.com/openai/v1/", api_key=K)\n',
        ),
        Example(
            title="a deployment URL on the stock client",
            before='import openai\n\nclient = openai.OpenAI(base_url="https://contoso.openai.azure.com/openai/deployments/gpt-4o", api_key=K)\n',
            findings=("AOAI109",),
        ),
        Example(
            title="a deployment route built from a variable",
            before=(
                "from openai import AsyncOpenAI\n\n"
                'client = AsyncOpenAI(base_url=f"{endpoint}/openai/deployments/{deployment}", default_query={"api-version": v})\n'
            ),
            findings=("AOAI109", "AOAI705"),
        ),
        Example(
            title="the classic /openai root with a dated api-version: it worked, and v1 takes no dated version",
            before=(
                "from openai import OpenAI\n\n"
                "client = OpenAI(\n"
                '    base_url="https://contoso.openai.azure.com/openai",\n'
                "    api_key=K,\n"
                '    default_query={"api-version": "2025-03-01-preview"},\n'
                ")\n"
            ),
            findings=("AOAI113", "AOAI705"),
        ),
    )
    UNCHANGED: ClassVar = (
        'from openai import OpenAI\n\nclient = OpenAI(base_url="https://contoso.openai.azure.com/openai/v1/", api_key=K)\n',
        'from openai import OpenAI\n\nclient = OpenAI(base_url="https://gateway.contoso.com/openai", api_key=K)\n',
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        for call in index.nodes(cst.Call):
            assert isinstance(call, cst.Call)
            if not index.qualified_names(call.func) & STOCK_CLIENTS:
                continue
            for arg in call.args:
                if arg.keyword is None or arg.keyword.value != "base_url":
                    continue
                text = literal_string(arg.value) if isinstance(arg.value, cst.SimpleString) else None
                split = _split(text.rstrip("/")) if text is not None else None
                if split is None:
                    if _DEPLOYMENT_PATH.search(code_of(arg.value)):  # (a trial: f"{endpoint}/openai/deployments/{d}")
                        edits.report(
                            index,
                            arg,
                            "AOAI109",
                            f"base_url={snippet(arg.value)} names one deployment on the Azure route, which has no v1 "
                            "route (and takes the dated api-version); use base_url=<resource>/openai/v1/, pass the "
                            "deployment as model= at each call and drop the api-version query",
                        )
                    continue
                path = split[1].rstrip("/")
                if path.startswith("/openai/deployments"):
                    edits.report(
                        index,
                        arg,
                        "AOAI109",
                        f"base_url={snippet(arg.value)} names one deployment, which has no v1 route; use "
                        "base_url=<resource>/openai/v1/ and pass the deployment as model= at each call",
                    )
                elif path in ("", "/openai") and (sent := _api_version_sent(index, call)) is not None:
                    reason, version = sent
                    classic = (
                        " (Azure's classic /openai routes take it: /openai/files, /openai/responses)" if path else ""
                    )
                    edits.report(
                        index,
                        arg,
                        "AOAI113",
                        f"base_url={snippet(arg.value)} is not on the v1 path and {reason}{classic}; the v1 endpoint "
                        "(/openai/v1/) takes no dated api-version, so make base_url end in /openai/v1/ and drop that "
                        f"api-version in one change{'' if _GA_VERSION.fullmatch(version) else _PREVIEW}",
                    )
                elif path in ("", "/openai") and edits.allows(index, arg, "AOAI004"):
                    new = _with_v1(arg.value)
                    if new is not None:
                        edits.replace(arg, lambda updated, v=new: updated.with_changes(value=v))
                        edits.report(index, arg, "AOAI004", "base_url now ends in /openai/v1/", fixed=True)


#: A dated GA api-version (``2024-10-21``): no preview feature to keep with ``"preview"``.
_GA_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}")
_PREVIEW = ' (send "preview" where a call needs a preview feature)'

#: A deployment's route spelled in a string of the value (an f-string, a concatenation, a gateway's host).
_DEPLOYMENT_PATH = re.compile(r"""["'/}]openai/deployments\b""")


def _api_version_sent(index: ModuleIndex, constructor: cst.Call) -> tuple[str, str] | None:
    """Why the client ``constructor`` builds may send an ``api-version`` query (what and where,
    for the message) and the version when the module shows it (else ``""``); None when the
    module shows it sends none or only ``"preview"``.

    Its own ``default_query=`` and ``**kwargs`` count, and so does every other ``extra_query=`` or
    ``default_query=`` of the module (a call's, ``client.with_options(...)``'s): the client need not
    be followed to its calls to know that no such query is in reach. The Azure constructors' own
    ``default_query`` is not this client's."""
    for arg in constructor.args:
        if arg.star == "**":
            return f"**{snippet(arg.value)} may pass a default_query with an api-version", ""
        if arg.keyword is not None and arg.keyword.value == "default_query":
            found = _query_version(index, arg.value)
            if found is not None:
                return _shown(arg, found[0], ""), found[1]
    for call in index.nodes(cst.Call):
        assert isinstance(call, cst.Call)
        if call is constructor:
            continue
        callee = call.func.attr.value if isinstance(call.func, cst.Attribute) else code_of(call.func)
        if callee.startswith(("Azure", "AsyncAzure")):
            continue
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in ("extra_query", "default_query"):
                found = _query_version(index, arg.value)
                if found is not None:
                    return _shown(arg, found[0], f" on line {index.position(arg)[0]}"), found[1]
    return None


def _shown(arg: cst.Arg, found: str, where: str) -> str:
    """``default_query sends api-version=V``, ``extra_query=q on line 9 may hold an api-version``."""
    assert arg.keyword is not None
    shown = arg.keyword.value if isinstance(arg.value, cst.Dict) else f"{arg.keyword.value}={snippet(arg.value)}"
    return f"{shown}{where} {found}"


def _query_version(index: ModuleIndex, value: cst.BaseExpression, *, follow: bool = True) -> tuple[str, str] | None:
    """How the query ``value`` may send an ``api-version`` other than ``"preview"``, and that
    version when the module shows it (else ``""``); None when it cannot: ``None``, a dict display
    without that key (or with ``"preview"``), a name whose only binding in reach is one."""
    if isinstance(value, cst.Name) and value.value == "None":
        return None
    if isinstance(value, cst.Name) and follow:
        bound = index.bound_value(value)
        if isinstance(bound, cst.Dict):
            found = _query_version(index, bound, follow=False)
            return None if found is None else (f"{found[0]} from the dict on line {index.position(bound)[0]}", found[1])
    if not isinstance(value, cst.Dict):
        return "may hold an api-version", ""
    for element in value.elements:
        key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
        if key is None:
            return "may hold an api-version", ""
        if key != "api-version":
            continue
        assert isinstance(element, cst.DictElement)
        version = index.string_values(element.value)[0]
        if version is None:
            return f"sends api-version={snippet(element.value)}, a value this module does not show", ""
        if version != "preview":
            return f"sends api-version={version}", version
    return None


def _with_v1(value: cst.BaseExpression) -> cst.SimpleString | None:
    assert isinstance(value, cst.SimpleString)
    body = string_body(value).rstrip("/")
    if body.endswith("/openai"):
        body = body[: -len("/openai")]
    new = with_string_body(value, body + "/openai/v1/")
    expected = (literal_string(value) or "").rstrip("/").removesuffix("/openai") + "/openai/v1/"
    return new if new is not None and literal_string(new) == expected else None

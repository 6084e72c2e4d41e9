"""``OpenAI(base_url=<Azure resource>)`` without ``/openai/v1/`` (half-migrated code) is pointed at v1.

**Why**: code copied from a half-done migration builds the stock client on an Azure resource but
leaves out the v1 path: ``OpenAI(base_url="https://r.openai.azure.com")`` or ``.../openai``
sends ``POST https://r.openai.azure.com/chat/completions``, which Azure answers with 404. The
only URL the stock client can use on an Azure resource is ``.../openai/v1/``.

**What changes**: a string-literal ``base_url`` on an ``*.openai.azure.com``, ``*.cognitiveservices.azure.com`` or ``*.services.ai.azure.com`` host
whose path is empty, ``/`` or ``/openai`` gets ``/openai/v1/``.

**Fix safety**: the old code could not have worked against Azure, so nothing that worked
changes. A path that names a deployment (``/openai/deployments/D``) is reported (AOAI109): there
is no v1 route for it, and ``model=`` at each call site must name ``D``. So is any ``base_url``
that spells that route in a string, whatever its host (``f"{endpoint}/openai/deployments/{d}"``).

**Manual follow-up**: for AOAI109, use ``base_url=<resource>/openai/v1/`` and ``model=D``.
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
                elif path in ("", "/openai") and edits.allows(index, arg, "AOAI004"):
                    new = _with_v1(arg.value)
                    if new is not None:
                        edits.replace(arg, lambda updated, v=new: updated.with_changes(value=v))
                        edits.report(index, arg, "AOAI004", "base_url now ends in /openai/v1/", fixed=True)


#: A deployment's route spelled in a string of the value (an f-string, a concatenation, a gateway's host).
_DEPLOYMENT_PATH = re.compile(r"""["'/}]openai/deployments\b""")


def _with_v1(value: cst.BaseExpression) -> cst.SimpleString | None:
    assert isinstance(value, cst.SimpleString)
    body = string_body(value).rstrip("/")
    if body.endswith("/openai"):
        body = body[: -len("/openai")]
    new = with_string_body(value, body + "/openai/v1/")
    expected = (literal_string(value) or "").rstrip("/").removesuffix("/openai") + "/openai/v1/"
    return new if new is not None and literal_string(new) == expected else None

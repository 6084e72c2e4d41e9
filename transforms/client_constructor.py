"""``AzureOpenAI(...)`` / ``AsyncAzureOpenAI(...)`` become ``OpenAI(...)`` / ``AsyncOpenAI(...)`` on the v1 endpoint.

**Why**: Azure's v1 endpoint (``https://RESOURCE.openai.azure.com/openai/v1/``) is served by the
stock client: no ``api_version``, a plain ``base_url``, and an Entra token provider passed as a
callable ``api_key``. Microsoft recommends it over the dated ``api-version`` routes.

**What changes**: ``azure_endpoint=E`` becomes ``base_url=`` ending in ``/openai/v1/`` (a literal
is normalised now, any other expression gets ``E.rstrip("/") + "/openai/v1/"`` so a value with
or without a trailing slash works at run time); ``api_version=`` goes; ``azure_ad_token=`` and
``azure_ad_token_provider=`` become ``api_key=`` (on the async client a provider that is not
provably async goes through a generated ``_async_token_provider`` helper that awaits its result
only when awaitable, as ``AsyncAzureOpenAI`` did); what ``AzureOpenAI`` read from the
environment by itself (``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_AD_TOKEN`` then
``AZURE_OPENAI_API_KEY``) becomes an explicit ``os.environ`` lookup, so the migrated client never
falls back to ``OPENAI_API_KEY``/``OPENAI_BASE_URL``; ``"api-version"`` leaves a literal
``default_query``. Every other argument, comment and line break stays (comment lines above an
argument stay there when the argument before it goes).

Arguments built in a dict (``args = {...}`` or ``dict(...)``, plus ``args["key"] = value``
statements) and used only for the client are rewritten key by key.

**Fix safety**: safe for the shapes it rewrites. Not rewritten, each with its own finding: a
pinned deployment whose calls cannot all be followed (AOAI102, see ``deployments``; the
call's next blocker, if any, is reported with it, so the re-run it asks for can migrate),
``**kwargs`` it cannot follow and positional arguments (AOAI103; a deployment the call also pins
is named with what to pass as model=), an async provider when the
helper's names are taken or ``inspect`` means something else in the module (AOAI101), a ``websocket_base_url`` or ``base_url`` it cannot prove, a
literal ``azure_endpoint`` on a host other than an Azure OpenAI resource's (a gateway may not
serve ``/openai/v1/``) or already ending in ``/openai``, such a host also when the module shows
the endpoint may hold it (a name bound to it, an environment lookup's default, either side of
``or`` or of a conditional, the literal head of an f-string or ``"https://host/" + x``), several credentials at once, a
wrong-shaped provider, a ``default_query`` that is not a dict display and may hold
``"api-version"`` (a name bound to a dict that holds it, or to something this tool cannot read:
v1 would still get the dated version) (AOAI104), a name it cannot bind safely, such as a
local name spelled ``openai`` bound by anything but an import (``openai =
import_optional_dependency("openai")`` in a function), the class reached through a name assigned
the module (``oai = openai; oai.AzureOpenAI()``, ``self._openai.AzureOpenAI()``) or through what a
call given ``"openai"`` returns (``AzureOpenAI = importlib.import_module("openai").AzureOpenAI``),
or through any other name, ``AzureOpenAI`` itself bound to a factory too, with an argument only
the Azure client takes (reported, never rewritten; the module's annotations of that class stay
until it is migrated) (AOAI105), a constructor whose class an ``isinstance`` check in the module tests (AOAI201), every
client of a module whose code needs the Azure client: one that calls the Assistants API
(``client.beta.assistants`` / ``.beta.threads``, which this tool does not know v1 to serve) or
hands a client to a Semantic Kernel Azure connector (``AzureChatCompletion(async_client=...)``
accepts only ``AsyncAzureOpenAI``) or reads what only the Azure client has
(``client._api_version``, ``client._get_azure_ad_token()``, the api-version in its query:
``client.default_query["api-version"]``) (AOAI111; such a read in a module that only annotates the
client is reported there too), an async client's token provider that may be None
and needs the helper (AOAI104).

An endpoint, key, token or token provider that the module shows may be ``None`` made
``AzureOpenAI`` read the ``AZURE_OPENAI_*`` variables; it keeps doing so through the same
lookups, as ``api_key=key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or
os.environ["AZURE_OPENAI_API_KEY"]`` and ``base_url=(endpoint or
os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + ...``. Shown to be None: an environment lookup
without a default, a parameter whose default is ``None`` or whose annotation admits it
(``Optional[str]``, ``str | None``), ``self.x`` whose class declares it so (``x: Optional[str] =
None``, a dataclass or pydantic field; the first class in method resolution order that declares
it decides, bases of this module included) or whose methods, or its bases', assign it such a
value, ``settings.x`` of ``settings = Settings()`` or of a parameter annotated ``settings:
Settings`` with such a class, ``d.get(k)``, ``d.pop(k, None)``, ``d.setdefault(k, None)`` and
``getattr(o, name, None)`` (also with a default that may be None), ``a or b`` whose last part is
one, a name bound once to one of these, and a name bound several times whose binding that
reaches the call in straight-line code is one (``api_key = api_key or os.getenv("K")`` after a
parameter ``api_key=None``) or, where that binding cannot be told (one in an ``if``, a ``try``, a
loop, a ``with``, a ``global`` rebinding), any of whose bindings is one; a walrus by its value. ``k if k else None`` gets the fallback in its None arm
(``k if k else os.environ...``); another conditional is parenthesised before ``or``. A field declared in another module counts
as may-be-None where the module names its class: ``self.x`` of a class with a base from another
module when neither the class nor its bases here declare or assign ``x``, and ``settings.x`` of a
parameter annotated with a class from another module (when it is set, the fallback gives the
same value). Not None: a name bound once (or whose reaching binding comes before the test) and read under ``if name:`` / ``if name is not None:``
(or in the ``else`` of ``if name is None:``), or after ``if name is None: raise ...`` (or
``return``) in a block that holds the call. One edge stays yours: a value that the module neither
shows may be ``None`` nor reads from a class that another module declares (an attribute of an
unannotated parameter, of ``get_settings()`` or of ``Settings()`` imported from another module;
``self.x`` that no class here declares or assigns, on a class without an imported base; another
module's constant; a loop target or an unpacked name) and that is ``None`` at run time still reaches
``OpenAI``, which reads ``OPENAI_API_KEY`` (an endpoint fails on ``None.rstrip``).

**Manual follow-up**: callable ``api_key`` needs ``openai>=1.106`` (pin ``openai>=1.108.1``);
raise the floor wherever the project declares its dependencies. AOAI110: an ``azure_ad_token=``
fetched once with ``credential.get_token(...).token`` becomes ``api_key=`` as it is; it expires
after about an hour, as it did before, and ``get_bearer_token_provider`` would renew it. AOAI108: a dated preview
``api_version`` was dropped (a literal, a name bound to one, or the default of an environment
lookup, which the variable may still override); if the client calls preview features, add
``default_query={"api-version": "preview"}``. ``"preview"`` itself, written out or through a
name bound to it, is kept as that query. A version held in another module is not known here. A
version that is a parameter of the function is noted too, whatever its default: its callers chose
it, and one may pass a preview version that v1 no longer sends (the note says when nothing else
reads the parameter now).
"""

from __future__ import annotations

import dataclasses
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import ClassVar

import libcst as cst
from libcst.metadata import QualifiedNameSource

from transforms._base import (
    Edits,
    Example,
    Rule,
    Transform,
    code_of,
    preview_clause,
    snippet,
    string,
    drop_items,
    environ_lookup,
    fit_call,
    line_indent,
    realign,
    visual_indent,
    insert_args,
    keyword_arg,
    literal_string,
    remove_args,
    string_body,
    v1_base_url,
    with_string_body,
)
from transforms import deployments
from transforms.class_references import checks_stock_twin
from transforms._index import ENVIRONMENT_LOOKUPS, ModuleIndex, Reference, azure_only_keywords, lookup_default

CREDENTIALS = ("api_key", "azure_ad_token", "azure_ad_token_provider")
AIO_PROVIDER = "azure.identity.aio.get_bearer_token_provider"


def _implicit_credential() -> cst.BaseExpression:
    """What AzureOpenAI read when given no credential: the AD token wins over the key."""
    return cst.BooleanOperation(
        left=cst.parse_expression('os.environ.get("AZURE_OPENAI_AD_TOKEN")'),
        operator=cst.Or(),
        right=environ_lookup("AZURE_OPENAI_API_KEY"),
    )


#: Wraps a token provider for AsyncOpenAI exactly as AsyncAzureOpenAI called it.
ASYNC_TOKEN_HELPER = """\
def {name}(provider):
    \"\"\"AsyncOpenAI awaits api_key(): call the Entra token provider as AsyncAzureOpenAI did.\"\"\"

    async def token():
        value = provider()
        if inspect.isawaitable(value):
            value = await value
        return value

    return token
"""


def _helper_name(index: ModuleIndex) -> str | None:
    """A free module-level name for the helper (the existing one when a previous run added it)."""
    for name in ("_async_token_provider", "_aoai_async_token_provider"):
        function = index.module_function(name)
        if function is not None and code_of(function).strip() == ASYNC_TOKEN_HELPER.format(name=name).strip():
            return name
        if index.free_or_bound_to(name, "<never>") and function is None:
            return name
    return None


def _inspect_free(index: ModuleIndex) -> bool:
    """Whether the helper's ``inspect.isawaitable`` reads the module ``inspect`` here: no other
    binding of the name (``from sqlalchemy import inspect`` would replace the import it adds)."""
    return index.free_or_bound_to("inspect", "inspect")


def _is_credential_object(index: ModuleIndex, value: cst.BaseExpression) -> bool:
    """``DefaultAzureCredential()`` or a name bound to one: a credential, not a provider."""
    if isinstance(value, cst.Name):
        bound = index.bound_value(value)
        if bound is None:
            return False
        value = bound
    if isinstance(value, cst.Call):
        names = index.qualified_names(value.func)
        return any(n.startswith("azure.identity.") and n.endswith("Credential") for n in names)
    return False


def _credential_like(index: ModuleIndex, value: cst.BaseExpression) -> bool:
    """Whether ``value`` (``X`` of ``X.get_token``) is an azure-identity credential: provably (bound
    to ``DefaultAzureCredential()``...) or by its name (``credential``, ``self._cred``)."""
    name = value.attr.value if isinstance(value, cst.Attribute) else value.value if isinstance(value, cst.Name) else ""
    return _is_credential_object(index, value) or "cred" in name.lower()


def _is_async_provider(index: ModuleIndex, value: cst.BaseExpression) -> bool:
    """The aio ``get_bearer_token_provider(...)``, or an ``async def`` / name bound to either."""
    if isinstance(value, cst.Name):
        function = index.bound_function(value)
        if function is not None:  # a decorator may make it anything (a trial: one that ran it to a str)
            return function.asynchronous is not None and not function.decorators
        bound = index.bound_value(value)
        if bound is None:
            return False
        value = bound
    return isinstance(value, cst.Call) and AIO_PROVIDER in index.qualified_names(value.func)


def _v1_from_base_url(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """A literal Azure ``base_url`` (``.../openai`` or half-migrated ``.../openai/v1``) on v1."""
    if isinstance(value, cst.SimpleString) and literal_string(value) is not None:
        body = string_body(value).rstrip("/")
        for ending, keep in (("/openai/v1", "/openai/v1/"), ("/openai", "/openai/v1/")):
            if body.endswith(ending):
                new = with_string_body(value, body[: -len(ending)] + keep)
                if new is not None and literal_string(new) == literal_string(value).rstrip("/")[: -len(ending)] + keep:  # type: ignore[union-attr]
                    return new
        return None
    if isinstance(value, cst.FormattedString) and value.parts:
        last = value.parts[-1]
        if isinstance(last, cst.FormattedStringText):
            text = last.value.rstrip("/")
            for ending in ("/openai/v1", "/openai"):
                if text.endswith(ending) and (text != ending or len(value.parts) > 1):
                    new_text = text[: -len(ending)] + "/openai/v1/"
                    return value.with_changes(parts=[*value.parts[:-1], last.with_changes(value=new_text)])
    return None


def _v1_websocket(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """``"wss://R.openai.azure.com/openai"`` -> ``".../openai/v1"``: Azure appended ``/realtime`` to it."""
    if not isinstance(value, cst.SimpleString) or literal_string(value) is None:
        return None
    body = string_body(value).rstrip("/")
    if body.endswith("/openai/v1"):
        new = with_string_body(value, body)
    elif body.endswith("/openai"):
        new = with_string_body(value, body + "/v1")
    else:
        return None
    return new if new is not None and literal_string(new) == literal_string(value).rstrip("/").removesuffix("/v1") + "/v1" else None  # type: ignore[union-attr]


def _without_api_version(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """A dict literal without its ``"api-version"`` key; None when nothing is left."""
    assert isinstance(value, cst.Dict)
    kept = drop_items(
        value.elements,
        lambda e: isinstance(e, cst.DictElement) and literal_string(e.key) == "api-version",
    )
    return value.with_changes(elements=kept) if kept else None


class ClientConstructor(Transform):
    RULES: ClassVar = (
        Rule("AOAI001", "azure-client", "AzureOpenAI/AsyncAzureOpenAI(...) -> OpenAI/AsyncOpenAI(base_url=.../openai/v1/, api_key=...)", fix=True),
        Rule("AOAI101", "async-token-provider", "AsyncAzureOpenAI with a token provider that may be synchronous: AsyncOpenAI awaits api_key()", fix=False),
        Rule("AOAI102", "pinned-deployment", "azure_deployment= or base_url=.../deployments/D pins every call to D: set model= at the call sites", fix=False),
        Rule("AOAI103", "opaque-arguments", "**kwargs or positional arguments hide which Azure arguments the client gets", fix=False),
        Rule("AOAI104", "unsupported-argument", "websocket_base_url, an unprovable base_url or endpoint, several credentials, a wrong-shaped token provider or a default_query that may hold api-version", fix=False),
        Rule("AOAI105", "ambiguous-name", "the Azure class name may mean something else here, or OpenAI/os already mean something else", fix=False),
        Rule("AOAI106", "azure-client-options", ".with_options()/.copy() with api_version or Azure credentials raise TypeError on OpenAI", fix=False),
        Rule("AOAI107", "callable-api-key-floor", "a token provider became api_key=: needs openai>=1.106 (pin openai>=1.108.1)", fix=False),
        Rule("AOAI108", "preview-api-version", "a dated preview api_version was dropped: preview features on v1 want api-version=preview", fix=False),
        Rule("AOAI110", "one-time-token", "azure_ad_token= is one token fetched by get_token(): it expires; a token provider renews it", fix=False),
        Rule("AOAI111", "azure-only-use", "the module uses its clients where only the Azure client works: the Assistants API (not known to be on v1), a Semantic Kernel Azure connector, an Azure-only attribute (client._api_version) or the api-version in its query (client.default_query['api-version'])", fix=False),
        Rule("AOAI112", "drop-in-azure-client", "a tracing library's drop-in AzureOpenAI (langfuse.openai): the SDK's Azure client, migrated by hand", fix=False),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="key authentication",
            before=(
                "from openai import AzureOpenAI\n\n"
                "client = AzureOpenAI(\n"
                '    azure_endpoint="https://contoso.openai.azure.com/",\n'
                '    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
                '    api_version="2024-10-21",\n'
                ")\n"
            ),
            after=(
                "from openai import OpenAI\n\n"
                "client = OpenAI(\n"
                '    base_url="https://contoso.openai.azure.com/openai/v1/",\n'
                '    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
                ")\n"
            ),
        ),
        Example(
            title="Entra ID token provider, endpoint from a variable",
            before=(
                "import openai\n\n"
                "def make(endpoint, provider):\n"
                "    return openai.AzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=provider, api_version=V)\n"
            ),
            after=(
                "import openai\n\n"
                "def make(endpoint, provider):\n"
                '    return openai.OpenAI(base_url=endpoint.rstrip("/") + "/openai/v1/", api_key=provider)\n'
            ),
            findings=("AOAI107",),
        ),
        Example(
            title="configuration from the environment only",
            before="from openai import AzureOpenAI\n\nclient = AzureOpenAI()\n",
            after=(
                "import os\n"
                "from openai import OpenAI\n\n"
                "client = OpenAI(\n"
                '    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",\n'
                '    api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],\n'
                ")\n"
            ),
        ),
        Example(
            title="f-string endpoint",
            before=(
                "from openai import AsyncAzureOpenAI\n\n"
                'client = AsyncAzureOpenAI(azure_endpoint=f"https://{name}.openai.azure.com", api_key=key, api_version="2024-10-21")\n'
            ),
            after=(
                "from openai import AsyncOpenAI\n\n"
                'client = AsyncOpenAI(base_url=f"https://{name}.openai.azure.com/openai/v1/", api_key=key)\n'
            ),
        ),
        Example(
            title="a pinned deployment is left for a person",
            before='from openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=E, azure_deployment="gpt-4o", api_key=K, api_version=V)\n',
            findings=("AOAI102",),
        ),
        Example(
            title="a token provider on the async client is awaited the way AsyncAzureOpenAI did",
            before=(
                "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
                "from openai import AsyncAzureOpenAI\n\n"
                'provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")\n'
                "client = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=provider, api_version=V)\n"
            ),
            after=(
                "import inspect\n"
                "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
                "from openai import AsyncOpenAI\n\n\n"
                + ASYNC_TOKEN_HELPER.format(name="_async_token_provider")
                + "\n\n"
                'provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")\n'
                "client = AsyncOpenAI(\n"
                '    base_url=E.rstrip("/") + "/openai/v1/",\n'
                "    api_key=_async_token_provider(provider),\n"
                ")\n"
            ),
            findings=("AOAI107",),
        ),
        Example(
            title="the async wrapper's name is taken: left for a person",
            before=(
                "from openai import AsyncAzureOpenAI\n\n"
                "_async_token_provider = _aoai_async_token_provider = None\n"
                "client = AsyncAzureOpenAI(azure_endpoint=E, azure_ad_token_provider=p, api_version=V)\n"
            ),
            findings=("AOAI101",),
        ),
        Example(
            title="client options follow the migrated client",
            before=(
                "from openai import AzureOpenAI\n\n"
                "client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
                'preview = client.with_options(api_version="preview", timeout=5)\n'
            ),
            after=(
                "from openai import OpenAI\n\n"
                'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
                'preview = client.with_options(timeout=5, default_query={"api-version": "preview"})\n'
            ),
        ),
        Example(
            title="Azure-only options on a client the tool cannot follow keep the module's Azure clients",
            before=(
                "from openai import AzureOpenAI\n\n"
                "client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=V)\n"
                "other = get_client().copy(azure_ad_token=T)\n"
            ),
            findings=("AOAI106",),
        ),
        Example(
            title="a tracing library's drop-in Azure client",
            before=(
                "from langfuse.openai import AzureOpenAI\n\n"
                'client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-10-21")\n'
            ),
            findings=("AOAI112",),
        ),
        Example(
            title="a module that calls the Assistants API keeps its Azure clients",
            before=(
                "from openai import AzureOpenAI\n\n"
                'client = AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2024-05-01-preview")\n'
                'assistant = client.beta.assistants.create(model="gpt-4o", tools=[{"type": "code_interpreter"}])\n'
            ),
            findings=("AOAI111",),
        ),
        Example(
            title="a one-time Entra token becomes the key as it is, with a note: a token provider renews it",
            before=(
                "from openai import AzureOpenAI\n\n"
                'token = credential.get_token("https://cognitiveservices.azure.com/.default").token\n'
                "client = AzureOpenAI(azure_endpoint=E, azure_ad_token=token, api_version=V)\n"
            ),
            after=(
                "from openai import OpenAI\n\n"
                'token = credential.get_token("https://cognitiveservices.azure.com/.default").token\n'
                'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=token)\n'
            ),
            findings=("AOAI110",),
        ),
        Example(
            title="a dated preview version goes, with a note; api_version='preview' is kept as a query",
            before=(
                "from openai import AzureOpenAI\n\n"
                'a = AzureOpenAI(azure_endpoint=E, api_key=K, api_version="2025-04-01-preview")\n'
                'b = AzureOpenAI(azure_endpoint=E, api_key=K, api_version="preview")\n'
            ),
            after=(
                "from openai import OpenAI\n\n"
                'a = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
                "b = OpenAI(\n"
                '    base_url=E.rstrip("/") + "/openai/v1/",\n'
                "    api_key=K,\n"
                '    default_query={"api-version": "preview"},\n'
                ")\n"
            ),
            findings=("AOAI108",),
        ),
        Example(
            title="a preview version read from a constant, given as an environment default or by a caller is noted too",
            before=(
                "import os\n"
                "from openai import AzureOpenAI\n\n"
                'VERSION = "2024-08-01-preview"\n'
                'PREVIEW = "preview"\n'
                "a = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=VERSION)\n"
                'b = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=os.getenv("V", "2025-04-01-preview"))\n'
                "c = AzureOpenAI(azure_endpoint=E, api_key=K, api_version=PREVIEW)\n\n\n"
                'def connect(api_version="2024-10-21"):\n'
                "    return AzureOpenAI(azure_endpoint=E, api_key=K, api_version=api_version)\n"
            ),
            after=(
                "import os\n"
                "from openai import OpenAI\n\n"
                'VERSION = "2024-08-01-preview"\n'
                'PREVIEW = "preview"\n'
                'a = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
                'b = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
                "c = OpenAI(\n"
                '    base_url=E.rstrip("/") + "/openai/v1/",\n'
                "    api_key=K,\n"
                '    default_query={"api-version": "preview"},\n'
                ")\n\n\n"
                'def connect(api_version="2024-10-21"):\n'
                '    return OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
            ),
            findings=("AOAI108", "AOAI108", "AOAI108"),
        ),
        Example(
            title="a key that may be None keeps AzureOpenAI's fallback, never OPENAI_API_KEY",
            before=(
                "import os\n"
                "from openai import AzureOpenAI\n\n"
                'client = AzureOpenAI(azure_endpoint=E, api_key=os.getenv("AZURE_OPENAI_API_KEY"), api_version=V)\n'
            ),
            after=(
                "import os\n"
                "from openai import OpenAI\n\n"
                "client = OpenAI(\n"
                '    base_url=E.rstrip("/") + "/openai/v1/",\n'
                '    api_key=os.getenv("AZURE_OPENAI_API_KEY") or os.environ.get("AZURE_OPENAI_AD_TOKEN") or '
                'os.environ["AZURE_OPENAI_API_KEY"],\n'
                ")\n"
            ),
        ),
        Example(
            title="arguments built in a dict and used only for the client",
            before=(
                "from openai import AzureOpenAI\n\n"
                "def make(use_key):\n"
                '    args = {"azure_endpoint": E, "api_version": V}\n'
                "    if use_key:\n"
                '        args["api_key"] = K\n'
                "    else:\n"
                '        args["azure_ad_token"] = T\n'
                "    return AzureOpenAI(**args)\n"
            ),
            after=(
                "from openai import OpenAI\n\n"
                "def make(use_key):\n"
                '    args = {"base_url": E.rstrip("/") + "/openai/v1/"}\n'
                "    if use_key:\n"
                '        args["api_key"] = K\n'
                "    else:\n"
                '        args["api_key"] = T\n'
                "    return OpenAI(**args)\n"
            ),
        ),
        Example(
            title="opaque keyword arguments",
            before="from openai import AzureOpenAI\n\nclient = AzureOpenAI(**settings)\n",
            findings=("AOAI103",),
        ),
    )
    UNCHANGED: ClassVar = (
        "class AzureOpenAI:\n    pass\n\nclient = AzureOpenAI(azure_endpoint=E)\n",
        "from langchain_openai import AzureOpenAI\n\nllm = AzureOpenAI(azure_endpoint=E, api_version=V)\n",
        "from openai import OpenAI\n\nclient = OpenAI(base_url=B, api_key=K)\n",
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        self._sites: dict[cst.Call, tuple[cst.BaseExpression, list[cst.Call]]] = {}
        self._wrap: dict[cst.Call, str] = {}  # async client calls whose provider gets the awaiting wrapper
        self._plans: dict[cst.Call, DictPlan] = {}  # calls whose ``**dict`` is rewritten key by key
        self._fallbacks: dict[cst.Call, dict[str, str]] = {}  # :meth:`_env_fallbacks`, per call
        self._later: dict[cst.Call, tuple[str, str]] = {}  # a blocker besides the deployment pin that is reported
        self._azure_only = azure_only_use(index)  # (cheap: a word search, unless the module has the words)
        for ref in index.references:
            if ref.kind != "call":
                continue
            call = index.calls[ref.node]
            blocker = self._blocker(index, ref, call)
            if blocker is not None:
                edits.report(index, call, *blocker)
                if call in self._later:
                    edits.report(index, call, *self._later[call])
                continue
            if not edits.allows(index, call, "AOAI001"):
                continue
            func = index.retarget(ref)
            assert func is not None  # _blocker checked it
            edits.replace(ref.node, lambda _updated, func=func: func)
            fallbacks = self._env_fallbacks(index, call)
            column = index.position(call)[1] - 1
            step = index.module.default_indent
            wrap = self._wrap.get(call)
            plan = self._plans.get(call)
            layout = visual_indent(index, call)
            preview = _asks_for_preview(index, call.args)
            line = line_indent(index, call)
            edits.replace(
                call,
                lambda updated, f=fallbacks, c=column, s=step, b=call, w=wrap, p=plan, v=layout, q=preview, i=line: fit_call(
                    realign(self._rewrite_arguments(updated, f, w, p, q), v, len(code_of(b.func)) - len(code_of(updated.func))),
                    c,
                    s,
                    b,
                    i,
                ),
            )
            if plan is not None:
                plan.schedule(edits, fallbacks, wrap)
            self._add_helper(index, edits, wrap)
            edits.rewritten.add(ref.node)
            if self._needs_os(call) or fallbacks:
                edits.needed_imports.add(("os", None))
            edits.report(
                index, call, "AOAI001", f"{ref.azure}(...) -> {ref.target}(...) on the /openai/v1/ endpoint", fixed=True
            )
            if call in self._sites:
                deployment, sites = self._sites[call]
                fallback = deployments.may_be_none(index, deployment)
                for site in sites:
                    edits.replace(site, lambda updated, d=deployment, f=fallback: deployments.set_model(updated, d, f))
                    own = deployments.model_position(site)
                    unset = (
                        f" or {snippet(site.args[own].value)}: where it is unset, the call's own model, as with the pin"
                        if fallback and own is not None
                        else ""
                    )
                    edits.report(index, site, "AOAI003", f"model={snippet(deployment)}{unset or ': the deployment this client pinned'}", fixed=True)
            self._report_follow_ups(index, call, edits)
        self._report_client_options(index, edits)
        self._report_named_reads(index, edits)
        if "langfuse" in index.code:
            self._report_drop_ins(index, edits)
        if "openai.A" in index.code:
            self._report_unimported(index, edits)

    @staticmethod
    def _report_named_reads(index: ModuleIndex, edits: Edits) -> None:
        """A read of what only the Azure client has (:func:`azure_only_read`) in a module that builds
        no client and only annotates one (a trial on semantic-kernel's realtime connector: an
        ``AsyncAzureOpenAI`` parameter, then ``self.client._azure_ad_token``): the client that reaches
        it may be migrated elsewhere, where the read fails; reported, as :func:`azure_only_use` keeps
        the clients of a module that builds them."""
        references = index.references
        if not any(r.kind == "annotation" for r in references) or any(r.kind == "call" for r in references):
            return
        read = azure_only_read(index)
        if read is not None:
            edits.report(
                index,
                read[0],
                "AOAI111",
                f"{read[1]}, and this module only names the Azure class, so a client migrated in another module "
                "fails here; keep the Azure clients that reach this code, or drop that read by hand and re-run",
            )

    @staticmethod
    def _report_unimported(index: ModuleIndex, edits: Edits) -> None:
        """``openai.AzureOpenAI(...)`` in a module that binds no ``openai`` (a notebook cell saved as
        a file, code run in another module's namespace): the analysis cannot tell what it is."""
        if not index.free_or_bound_to("openai", "<never>"):
            return  # the module binds openai: the qualified names say what the attribute is
        for node in index.nodes(cst.Attribute):
            assert isinstance(node, cst.Attribute)
            value = node.value
            if isinstance(value, cst.Name) and value.value == "openai" and node.attr.value in ("AzureOpenAI", "AsyncAzureOpenAI"):
                edits.report(
                    index,
                    node,
                    "AOAI105",
                    f"`openai.{node.attr.value}` reads a name `openai` this module never binds (code saved from a "
                    "notebook cell, or run in another module's namespace?), so the tool cannot tell what it is; "
                    "add `import openai` and re-run, or migrate it by hand",
                )

    @staticmethod
    def _report_drop_ins(index: ModuleIndex, edits: Edits) -> None:
        """``langfuse.openai.AzureOpenAI(...)``: the SDK's own class, patched for tracing, so the same
        dated Azure routes; the tool rewrites only ``openai``'s names, so it is reported."""
        for call in index.nodes(cst.Call):
            assert isinstance(call, cst.Call)
            for name in index.qualified_names(call.func):
                module, _, azure = name.rpartition(".")
                if module in _DROP_IN_MODULES and azure in ("AzureOpenAI", "AsyncAzureOpenAI"):
                    target = azure.replace("Azure", "")
                    edits.report(
                        index,
                        call,
                        "AOAI112",
                        f"{module}.{azure} is openai's {azure}, wrapped for tracing: it still sends the dated Azure "
                        f"routes; migrate it by hand to {module}.{target}(base_url=<endpoint>/openai/v1/, api_key=<key "
                        "or token provider>) without api_version, with the deployment as model= at each call",
                    )
                    break

    def _report_follow_ups(self, index: ModuleIndex, call: cst.Call, edits: Edits, what: str = "this client") -> None:
        """What the rewritten call (the constructor, or ``what`` else: its options) still needs from
        a person, reported once, by the run that rewrites."""
        keywords = self._keywords(call)

        def at(arg: cst.Arg) -> cst.CSTNode:
            return arg if arg in call.args else call  # a key of a followed **dict: point at the call

        if "azure_ad_token_provider" in keywords:
            edits.report(
                index,
                at(keywords["azure_ad_token_provider"]),
                "AOAI107",
                "the token provider is now a callable api_key, which openai<1.106 sends as the text "
                "'<function ...>'; require openai>=1.108.1 wherever this project pins its dependencies",
            )
        token = keywords.get("azure_ad_token")
        fetched = index.fetched_token(token.value) if token is not None else None
        if fetched is not None:
            edits.report(
                index,
                at(token),  # type: ignore[arg-type]
                "AOAI110",
                f"azure_ad_token={snippet(token.value)} is one token from {snippet(fetched)}.get_token(...), "  # type: ignore[union-attr]
                "which expires after about an hour (as before: the Azure client did not renew it either); for "
                f"code that runs longer pass api_key=get_bearer_token_provider({snippet(fetched)}, "
                '"https://cognitiveservices.azure.com/.default") (azure.identity), which gets a fresh token per request',
            )
        version = keywords.get("api_version")
        clause = preview_clause(index, version.value) if version is not None else None
        if clause is not None:
            edits.report(
                index,
                at(version),
                "AOAI108",
                f"api_version={clause}; v1 serves GA features without one, but if {what} "
                "calls preview features (evals, ...) add default_query={'api-version': 'preview'}",
            )
        elif version is not None and (given := _version_parameter(index, version.value)) is not None:
            function, unread = given
            edits.report(
                index,
                at(version),
                "AOAI108",
                f"api_version={snippet(version.value)} comes from the caller of {function}(), and {what} no longer "
                "sends it: a caller that passes a dated preview version now gets v1's GA features; if one calls "
                "preview features (evals, ...) add default_query={'api-version': 'preview'}"
                + (f" (nothing else reads {snippet(version.value)} now: keep it for callers, or drop it with them)" if unread else ""),
            )

    @staticmethod
    def _add_helper(index: ModuleIndex, edits: Edits, wrap: str | None) -> None:
        """The ``_async_token_provider`` helper named ``wrap``, unless the module has it already."""
        if wrap is not None and index.module_function(wrap) is None:
            edits.helpers[wrap] = ASYNC_TOKEN_HELPER.format(name=wrap)
            edits.needed_imports.add(("inspect", None))

    def _report_client_options(self, index: ModuleIndex, edits: Edits) -> None:
        """``.with_options(api_version=...)``/``.copy(azure_ad_token=...)`` raise TypeError on OpenAI.

        On a client this module just migrated (a name bound once to the rewritten constructor) they
        are rewritten like the constructor's own arguments. On any other client of a module that
        builds one, :func:`azure_only_use` has kept every constructor (AOAI106 there). In a module
        that only names the Azure class (an annotated parameter), they are reported: the client
        that reaches them may be migrated elsewhere.
        """
        migrated = {index.calls[r.node]: r for r in index.references if r.kind == "call" and r.node in edits.rewritten}
        built_here = any(r.kind == "call" for r in index.references)
        if not index.references or (built_here and not migrated):
            return
        for node, given in _client_options(index):
            built = _option_client(index, node, given)
            ref = migrated.get(built) if built is not None else None
            if built is not None and ref is None:
                continue  # a client this module keeps: its options stay right
            if ref is not None and edits.allows(index, node, "AOAI001"):
                provider = self._keywords(node).get("azure_ad_token_provider")
                wrap = None
                if provider is not None and ref.target == "AsyncOpenAI" and not _is_async_provider(index, provider.value):
                    wrap = _helper_name(index)  # _option_client checked there is one, and a free inspect
                preview = _asks_for_preview(index, node.args)
                edits.replace(node, lambda updated, w=wrap, q=preview: self._rewrite_options(updated, w, q))  # type: ignore[arg-type]
                edits.report(index, node, "AOAI001", f".{node.func.attr.value}(...) follows the migrated client", fixed=True)  # type: ignore[attr-defined]
                self._add_helper(index, edits, wrap)
                self._report_follow_ups(index, node, edits, "the client these options make")
                continue
            where = "a migrated client" if built_here else "a client migrated in another module, which this module only names"
            todo = [f"drop {k}" for k in given if k not in ("azure_ad_token", "azure_ad_token_provider")]
            if {"azure_ad_token", "azure_ad_token_provider"} & set(given):  # (a trial: the token half was
                todo.append("pass the token or token provider as api_key=")  # advised where none was given)
            edits.report(
                index,
                node,
                "AOAI106",
                f".{node.func.attr.value}({', '.join(given)}=...) raises TypeError on {where}; {' and '.join(todo)}",  # type: ignore[attr-defined]
            )

    def _rewrite_options(self, call: cst.Call, wrap: str | None, preview: bool) -> cst.Call:
        """``c.with_options(api_version=V, azure_ad_token=T)`` -> ``c.with_options(api_key=T)``
        (a sync token provider of an async client as ``api_key=<wrap>(provider)``; ``preview``:
        V is always ``"preview"``, kept as a query)."""
        renamed: list[cst.Arg] = []
        for arg in call.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword in ("azure_ad_token", "azure_ad_token_provider"):
                if keyword == "azure_ad_token_provider" and wrap is not None:
                    arg = arg.with_changes(value=cst.Call(func=cst.Name(wrap), args=[cst.Arg(arg.value)]))
                arg = arg.with_changes(keyword=cst.Name("api_key"))
            renamed.append(arg)
        call = remove_args(
            call.with_changes(args=renamed), lambda a: a.keyword is not None and a.keyword.value == "api_version"
        )
        return _with_preview_query(call) if preview else call

    def _env_fallbacks(self, index: ModuleIndex, call: cst.Call) -> dict[str, str]:
        """Arguments read with ``os.getenv(X)``/``os.environ.get(X)``: None made AzureOpenAI read its own variables.
        Worked out once per call (the checks of :meth:`_blocker` and the rewrite all ask)."""
        known = self._fallbacks.get(call)
        if known is None:
            known = self._fallbacks[call] = self._find_env_fallbacks(index, call)
        return known

    def _find_env_fallbacks(self, index: ModuleIndex, call: cst.Call) -> dict[str, str]:
        fallbacks: dict[str, str] = {}
        for name, arg in self._keywords(call).items():
            variable = _nullable_env(index, arg.value)
            if variable is None:
                continue
            if name == "azure_endpoint" and variable != "AZURE_OPENAI_ENDPOINT":
                fallbacks[name] = variable
            elif name in ("api_key", "azure_ad_token"):
                fallbacks[name] = variable
            elif name == "azure_ad_token_provider" and variable == NOT_FROM_ENV:  # ``provider=None`` read the
                fallbacks[name] = variable  # environment too (an async one that needs the wrap is kept: AOAI104)
        return fallbacks

    # ------------------------------------------------------------------ analysis

    def _keywords(self, call: cst.Call) -> dict[str, cst.Arg]:
        """The call's keyword arguments, with the keys of a followed ``**dict`` as if they were keywords."""
        keywords = {arg.keyword.value: arg for arg in call.args if arg.keyword is not None}
        plan = self._plans.get(call)
        if plan is not None:
            for key, value in plan.values.items():
                keywords.setdefault(key, cst.Arg(keyword=cst.Name(key), value=value))
        return keywords

    @staticmethod
    def _pinned_deployment(keywords: dict[str, cst.Arg]) -> cst.BaseExpression | None:
        """``D`` of ``azure_deployment=D`` or of a literal ``base_url=".../openai/deployments/D"``."""
        if "azure_deployment" in keywords:
            return keywords["azure_deployment"].value
        if "base_url" in keywords:
            split = deployments.deployment_of_base_url(keywords["base_url"].value)
            if split is not None:
                return split[1]
        return None

    def _pin_clause(self, index: ModuleIndex, call: cst.Call) -> str:
        """What AOAI103 adds when the call also pins a deployment with its own keywords (a trial on
        camel-ai: ``AzureOpenAI(azure_deployment=D, ..., **kwargs)``), which dropping the Azure-only
        keys by hand would silently undo: what AOAI102 would have said. "" when it pins none."""
        keywords = {arg.keyword.value: arg for arg in call.args if arg.keyword is not None}
        pinned = self._pinned_deployment(keywords)
        if pinned is not None:
            followed = deployments.follow(index, call, pinned)
            advice = _pin_advice(index, call, pinned, followed if isinstance(followed, str) else "")
            return f"; this client also pins every call to the deployment `{snippet(pinned)}`: on v1 {advice}, then drop the pin"
        if "base_url" in keywords and "/deployments" in code_of(keywords["base_url"].value):
            return (
                "; this client also pins every call to one deployment through an expression this tool cannot read: "
                "on v1 pass that deployment as model= at each call site"
            )
        return ""

    def _needs_os(self, call: cst.Call) -> bool:
        keywords = self._keywords(call)
        has_endpoint = "azure_endpoint" in keywords or "base_url" in keywords
        has_credential = any(name in keywords for name in CREDENTIALS)
        return not (has_endpoint and has_credential)

    def _blocker(self, index: ModuleIndex, ref: Reference, call: cst.Call) -> tuple[str, str] | None:
        if ref.untraced:
            return "AOAI105", _untraced_message(index, ref, call)
        repeated = index.repeated_imports(ref.node) if ref.ambiguous and isinstance(ref.node, cst.Name) else []
        if repeated:  # (a trial on public code: the same import written twice was "may be bound to something else")
            lines = ", ".join(str(index.position(statement)[0]) for statement in sorted(repeated, key=lambda s: index.position(s)))
            return (
                "AOAI105",
                f"`{ref.node.value}` is imported more than once (lines {lines}); remove the repeated import and re-run",  # type: ignore[attr-defined]
            )
        if ref.ambiguous:
            return (
                "AOAI105",
                f"`{code_of(ref.node)}` may be bound to something other than openai.{ref.azure} here "
                "(a fallback assignment or an import this tool cannot follow); migrate this call by hand",
            )
        if self._azure_only is not None:
            return self._azure_only
        stars = [a for a in call.args if a.star == "**"]
        for arg in call.args:
            if arg.star == "**":
                plan = dict_plan(index, call, arg) if len(stars) == 1 else "it is one of several"
                if isinstance(plan, str):
                    return (
                        "AOAI103",
                        f"`**{snippet(arg.value)}` may carry azure_endpoint, api_version or Entra arguments that "
                        f"{ref.target} rejects ({plan}); pass base_url=<endpoint>/openai/v1/ and api_key=<key or "
                        f"token provider> explicitly and drop the Azure-only keys{self._pin_clause(index, call)}",
                    )
                self._plans[call] = plan
                continue
            if arg.star == "*" or arg.keyword is None:
                return (
                    "AOAI103",
                    f"{ref.azure} takes keyword arguments only, so `{snippet(arg.value)}` fails today; "
                    "fix the call by hand",
                )
        keywords = self._keywords(call)
        plan = self._plans.get(call)
        if plan is not None:
            for keys, what in ((ENDPOINT_KEYS, "endpoint"), (CREDENTIALS, "credential")):
                present = [k for k in keys if k in plan.keys]
                if present and not plan.always_sets(keys):
                    return (
                        "AOAI103",
                        f"`{plan.name}` gets its {what} only in some branches, where AzureOpenAI fell back to the "
                        f"environment; set it in every branch (or build the arguments explicitly) and re-run",
                    )
            if "api_version" in plan.keys and index.string_values(plan.values["api_version"])[0] == "preview":
                return ("AOAI104", f"`{plan.name}` asks for api_version='preview': pass default_query={{'api-version': 'preview'}} by hand")
            if "azure_deployment" in plan.keys:
                pin = plan.values.get("azure_deployment")
                named = f" `{snippet(pin)}`" if pin is not None else ""
                return (
                    "AOAI102",
                    f"`{plan.name}` pins the deployment{named}; pass it as model= at each call site and drop it from "
                    f"`{plan.name}`, then re-run",
                )
        pinned = self._pinned_deployment(keywords)
        if pinned is not None:
            followed = deployments.follow(index, call, pinned)
            if isinstance(followed, str):
                later = self._argument_blocker(index, ref, call, keywords, plan, pinned)
                if later is not None:  # (a trial on graphrag: the re-run the advice promised met AOAI104)
                    self._later[call] = later
                return (
                    "AOAI102",
                    f"this client pins every call to the deployment `{snippet(pinned)}`, and {followed}; on v1 "
                    f"{_pin_advice(index, call, pinned, followed)}, then drop the pin"
                    f"{f', do what {later[0]} on this call says,' if later is not None else ''} and re-run",
                )
            self._sites[call] = (pinned, followed)
        elif "base_url" in keywords and "/extensions" in code_of(keywords["base_url"].value):
            return (
                "AOAI104",
                "base_url names an On Your Data route (/deployments/<D>/extensions), which the v1 endpoint does not "
                f"serve; keep this client on {ref.azure} with its api_version, or move to a v1 feature by hand",
            )
        elif "azure_deployment" in keywords or (
            "/deployments" in index.code and "/deployments" in code_of(keywords.get("base_url", call))
        ):  # (the module's text holds every word of the call's: no print of it where it cannot match)
            return (
                "AOAI102",
                "this client pins every call to one deployment through an expression this tool cannot read; on v1 "
                "use base_url=<endpoint>/openai/v1/ and pass that deployment as model= at each call site",
            )
        return self._argument_blocker(index, ref, call, keywords, plan, pinned)

    def _argument_blocker(
        self,
        index: ModuleIndex,
        ref: Reference,
        call: cst.Call,
        keywords: dict[str, cst.Arg],
        plan: DictPlan | None,
        pinned: cst.BaseExpression | None,
    ) -> tuple[str, str] | None:
        """What else holds the call back, after its deployment pin: also asked when the pin does, so
        one run names every blocker (:meth:`_blocker`)."""
        endpoint = keywords.get("azure_endpoint")
        literal = literal_string(endpoint.value) if endpoint is not None else None
        problem = _literal_endpoint_problem(literal, ref.azure) if literal is not None else None
        if problem is None and literal is None:  # through a name, an f-string, a default, an ``or``
            value = endpoint.value if endpoint is not None else plan.values.get("azure_endpoint") if plan is not None else None
            problem = _foreign_endpoint_value(index, value) if value is not None else None
        if problem is not None:
            return ("AOAI104", problem)
        if "base_url" in keywords:
            base_url = keywords["base_url"].value
            text = snippet(base_url)
            if "azure_endpoint" in keywords:
                return ("AOAI104", f"{ref.azure} rejects base_url together with azure_endpoint; keep one and re-run")
            if pinned is None and _v1_from_base_url(base_url) is None:
                return (
                    "AOAI104",
                    f"base_url={text} cannot be checked to be an Azure /openai root; make it end in "
                    f"/openai/v1/, drop api_version and switch to {ref.target} by hand",
                )
        if "websocket_base_url" in keywords and _v1_websocket(keywords["websocket_base_url"].value) is None:
            return (
                "AOAI104",
                "websocket_base_url uses the Azure realtime route; on v1 it is "
                "wss://RESOURCE.openai.azure.com/openai/v1 with model=<deployment>; update it and migrate by hand",
            )
        query = keywords.get("default_query")
        problem = _query_problem(index, query.value) if query is not None else None
        if problem is not None:
            return ("AOAI104", problem)
        given = [c for c in CREDENTIALS if c in keywords and (plan is None or c not in plan.conditional)]
        if len(given) > 1:
            if any(_none_in_some_cases(index, keywords[c].value) for c in given):
                awaited = ""
                if ref.target == "AsyncOpenAI" and "azure_ad_token_provider" in given:  # (a trial: the advice,
                    # followed with the sync provider, failed on the first request)
                    awaited = (
                        "; AsyncOpenAI awaits a callable api_key, so that provider must be async "
                        "(azure.identity.aio.get_bearer_token_provider over an azure.identity.aio credential)"
                    )
                return (  # (found in public code: api_key=K if K else None, azure_ad_token_provider=p if not K else None,
                    # or a provider name set to None and then, without a key, to a provider)
                    "AOAI104",
                    f"{_all_given(given)}, each only in some cases; {ref.azure} used the one that "
                    f"was not None, {ref.target} takes one api_key: migrate this client by hand with one expression "
                    f"(api_key=key if key else token_provider){awaited}",
                )
            return (
                "AOAI104",
                f"{_all_given(given)}; the client accepts one credential: keep the one "
                "that is meant and re-run",
            )
        provider = keywords.get("azure_ad_token_provider")
        if provider is not None:
            value = provider.value
            if isinstance(value, cst.Attribute) and value.attr.value == "get_token" and _credential_like(index, value.value):
                # (only an azure-identity credential's get_token returns an AccessToken; a trial met
                # ``self.get_token`` returning ``.token`` and promptflow's ``connection.get_token``, str both)
                return (
                    "AOAI104",
                    f"{snippet(value)} returns an AccessToken, not a string; pass "
                    "get_bearer_token_provider(credential, scope) instead",
                )
            if _is_credential_object(index, value):
                return (
                    "AOAI104",
                    f"`{snippet(value)}` is a credential object, not a token provider (it fails today and would be "
                    "sent as text after migration); pass get_bearer_token_provider(credential, scope) instead",
                )
            if ref.target == "AsyncOpenAI" and not _is_async_provider(index, value):
                helper = _helper_name(index)
                if helper is None or not _inspect_free(index):
                    why = (  # the helper calls inspect.isawaitable: a module-level ``inspect`` must be the module
                        "the helper that would call it as AsyncAzureOpenAI did needs `inspect`, which this module "
                        "binds to something else"
                        if helper is not None
                        else "the names of the helper that would call it as AsyncAzureOpenAI did are taken"
                    )
                    return (
                        "AOAI101",
                        f"AsyncOpenAI awaits its api_key provider, and `{snippet(value)}` may be synchronous ({why}); "
                        "pass azure.identity.aio.get_bearer_token_provider(<azure.identity.aio credential>, scope) as "
                        "api_key and switch to AsyncOpenAI by hand",
                    )
                if _defaults_to_none(index, value):
                    return (
                        "AOAI104",
                        f"the token provider `{snippet(value)}` may be None here, and AsyncAzureOpenAI then read "
                        "AZURE_OPENAI_AD_TOKEN or AZURE_OPENAI_API_KEY, where AsyncOpenAI reads OPENAI_API_KEY; pass "
                        f"api_key=<the provider, made async> if {snippet(value)} else <that key> and switch to "
                        "AsyncOpenAI by hand",
                    )
                self._wrap[call] = helper
        checks = [r for r in index.references if r.azure == ref.azure and r.kind == "isinstance" and not checks_stock_twin(index, r)]
        if checks:
            line = index.position(checks[0].node)[0]
            return (
                "AOAI201",
                f"not migrated: the isinstance/issubclass check on {ref.azure} at line {line} would flip for the "
                f"migrated client; change that check (to {ref.target}, or drop it) first, then re-run",
            )
        if index.retarget(ref) is None:
            return (
                "AOAI105",
                f"the name {ref.target} already means something else in this module; import "
                f"openai.{ref.target} under another name and migrate this call by hand",
            )
        if (self._needs_os(call) or self._env_fallbacks(index, call)) and not index.free_or_bound_to("os", "os"):
            return (
                "AOAI105",
                "the name os means something else in this module, and this client reads its endpoint or key "
                "from the environment; migrate it by hand with explicit values",
            )
        # (a trial on public code: "except openai.OpenAIError: client = None"; the ancestor walk
        # first, it is cheaper than working out the environment lookups)
        handler = _catches_openai_error_only(index, call)
        if handler is not None and (self._needs_os(call) or self._env_fallbacks(index, call)):
            return (
                "AOAI104",
                f"this client is built in a try that catches {handler}, which {ref.azure} raised when its endpoint "
                "or key was not set; the migrated client reads them with os.environ[...], which raises KeyError "
                "instead: catch KeyError there too (or read the variables yourself) and re-run",
            )
        return None

    # ------------------------------------------------------------------ rewrite

    def _rewrite_arguments(
        self, call: cst.Call, fallbacks: dict[str, str], wrap: str | None, plan: DictPlan | None, preview: bool
    ) -> cst.Call:
        """``preview``: its ``api_version`` is always ``"preview"``, kept as a query."""
        dropped: set[int] = set()
        args: list[cst.Arg] = []
        for arg in call.args:
            if arg.keyword is None:
                args.append(arg)
                continue
            mapped = map_argument(arg.keyword.value, arg.value, fallbacks, wrap)
            if mapped is None:
                dropped.add(id(arg))
                args.append(arg)
                continue
            keyword, value = mapped
            if keyword != arg.keyword.value:
                arg = arg.with_changes(keyword=cst.Name(keyword))
            args.append(arg.with_changes(value=value) if value is not arg.value else arg)
        call = remove_args(call.with_changes(args=args), lambda a: id(a) in dropped)
        if preview:
            call = _with_preview_query(call)
        keywords = [a.keyword.value for a in call.args if a.keyword is not None]
        in_dict = plan.keys if plan is not None else set()
        if "base_url" not in keywords and not in_dict & set(ENDPOINT_KEYS):
            call = insert_args(call, 0, [keyword_arg("base_url", v1_base_url(environ_lookup("AZURE_OPENAI_ENDPOINT")))])
            keywords.insert(0, "base_url")
        if "api_key" not in keywords and not in_dict & set(CREDENTIALS):
            position = keywords.index("base_url") + 1 if "base_url" in keywords else 0
            call = insert_args(call, position, [keyword_arg("api_key", _implicit_credential())])
        return call



ENDPOINT_KEYS = ("azure_endpoint", "base_url")
_PIN_CALLS = "at each of its chat/completions/embeddings/audio/images calls"


def _pin_advice(index: ModuleIndex, call: cst.Call, pinned: cst.BaseExpression, followed: str) -> str:
    """What AOAI102 tells a person to write at the calls of a client whose pin cannot be moved for
    them. ``model=<pin>``; where the calls are elsewhere and the pin reads a local of the
    constructor's function (a trial on distilabel: ``model=deployment`` in another method is a
    NameError), what to pass there: ``self.<attr>`` kept on the instance for a client stored on
    ``self``. ``<pin> or <the call's model>`` when the module shows the pin may be None: a pin of
    None pinned nothing, each call went to its own ``model=``."""
    text = snippet(pinned)
    unset = " or <the call's model>" if _defaults_to_none(index, pinned) else ""
    why = " (a pin of None pinned nothing: each call went to its own model)" if unset else ""
    scope = index.scope(call)
    local = (
        literal_string(pinned) is None
        and scope is not None
        and scope is not index.module_scope
        and any(n not in ("self", "cls") and n in scope.assignments for n in deployments._names(pinned))
    )
    elsewhere = "elsewhere" in followed or followed.startswith("the client is not bound") or " escapes at line " in followed
    if not (local and elsewhere):
        return f"pass `model={text}{unset}` {_PIN_CALLS}{why}"
    stored = index.parent(call)
    on_self = (
        isinstance(stored, cst.Assign)
        and len(stored.targets) == 1
        and isinstance(stored.targets[0].target, cst.Attribute)
        and isinstance(stored.targets[0].target.value, cst.Name)
        and stored.targets[0].target.value.value == "self"
    )
    if not on_self:
        if unset:
            return f"pass `model=<what {text} holds here>{unset}` {_PIN_CALLS}{why}"
        return f"pass model= with the deployment that `{text}` holds here {_PIN_CALLS}"
    kept = _kept_on_self(index, call, pinned)
    attribute = kept or (pinned.value if isinstance(pinned, cst.Name) else "deployment")
    keep = "" if kept else f"keep it on the instance (`self.{attribute} = {text}`) and "
    return f"{keep}pass `model=self.{attribute}{unset}` {_PIN_CALLS}{why}"


def _kept_on_self(index: ModuleIndex, call: cst.Call, pinned: cst.BaseExpression) -> str | None:
    """``attr`` of a ``self.attr = <pin>`` statement in the function that builds the client."""
    function = next((a for a in index.ancestors(call) if isinstance(a, cst.FunctionDef)), None)
    if function is None:
        return None
    for node in index.nodes(cst.Attribute):
        assert isinstance(node, cst.Attribute)
        target = index.parent(node)
        statement = index.parent(target) if isinstance(target, cst.AssignTarget) else None
        if (
            isinstance(statement, cst.Assign)
            and isinstance(node.value, cst.Name)
            and node.value.value == "self"
            and code_of(statement.value) == code_of(pinned)
            and next((a for a in index.ancestors(node) if isinstance(a, cst.FunctionDef)), None) is function
        ):
            return node.attr.value
    return None


@dataclasses.dataclass
class DictPlan:
    """``args = {...}`` (or ``dict(...)``) plus ``args["key"] = value`` stores, splatted into the client."""

    name: str
    literal: cst.Dict | cst.Call
    stores: list[tuple[cst.Assign, str]]
    keys: set[str]
    conditional: set[str]  # keys set only by stores inside a branch, loop or nested block
    values: dict[str, cst.BaseExpression]
    home: cst.CSTNode | None = None  # the block that binds the dict
    blocks: dict[str, set[cst.CSTNode]] = dataclasses.field(default_factory=dict)  # key -> blocks storing it

    def always_sets(self, keys: tuple[str, ...]) -> bool:
        """Whether one of ``keys`` is set on every path: unconditionally, or in every branch of an if/elif/else."""
        if any(k in self.keys and k not in self.conditional for k in keys):
            return True
        blocks = set().union(*(self.blocks.get(k, set()) for k in keys))
        body = getattr(self.home, "body", ())
        return any(isinstance(statement, cst.If) and _if_covers(statement, blocks) for statement in body)

    def schedule(self, edits: Edits, fallbacks: dict[str, str], wrap: str | None) -> None:
        def element(key: str, value: cst.BaseExpression) -> tuple[str, cst.BaseExpression] | None:
            return map_argument(key, value, fallbacks, wrap)

        def rewrite_literal(updated: cst.CSTNode) -> cst.CSTNode:
            if isinstance(updated, cst.Dict):
                dropped: set[int] = set()
                elements = []
                for item in updated.elements:
                    key = literal_string(item.key) if isinstance(item, cst.DictElement) else None
                    mapped = element(key, item.value) if key is not None else (key, item.value)
                    if mapped is None:
                        dropped.add(id(item))
                    elif key is not None:
                        item = item.with_changes(key=_same_quotes(item.key, mapped[0]), value=mapped[1])
                    elements.append(item)
                return updated.with_changes(elements=drop_items(elements, lambda e: id(e) in dropped))
            assert isinstance(updated, cst.Call)
            args = []
            dropped_args: set[int] = set()
            for arg in updated.args:
                mapped = element(arg.keyword.value, arg.value) if arg.keyword is not None else None
                if arg.keyword is not None and mapped is None:
                    dropped_args.add(id(arg))
                elif mapped is not None:
                    arg = arg.with_changes(keyword=cst.Name(mapped[0]), value=mapped[1])
                args.append(arg)
            return remove_args(updated.with_changes(args=args), lambda a: id(a) in dropped_args)

        edits.replace(self.literal, rewrite_literal)
        for assign, key in self.stores:
            mapped = element(key, assign.value)
            if mapped is None:
                edits.replace(assign, lambda _updated: cst.RemovalSentinel.REMOVE)
                continue

            def rewrite_store(updated: cst.CSTNode, new_key: str = mapped[0], value=mapped[1]) -> cst.CSTNode:  # noqa: ANN001
                assert isinstance(updated, cst.Assign)
                target = updated.targets[0]
                subscript = target.target
                assert isinstance(subscript, cst.Subscript)
                index_node = subscript.slice[0].slice
                assert isinstance(index_node, cst.Index)
                new_index = index_node.with_changes(value=_same_quotes(index_node.value, new_key))
                new_subscript = subscript.with_changes(slice=[subscript.slice[0].with_changes(slice=new_index)])
                return updated.with_changes(targets=[target.with_changes(target=new_subscript)], value=value)

            edits.replace(assign, rewrite_store)


def _same_quotes(node: cst.BaseExpression, value: str) -> cst.BaseExpression:
    if isinstance(node, cst.SimpleString) and literal_string(node) == value:
        return node
    quote = node.quote if isinstance(node, cst.SimpleString) and node.quote in ('"', "'") else '"'
    return string(value, quote)


def dict_plan(index: ModuleIndex, call: cst.Call, star: cst.Arg) -> DictPlan | str:
    """Follow ``**name`` to a dict built from literal keys and used only for this call; else why not."""
    name = star.value
    if not isinstance(name, cst.Name):
        return "it is not a plain name"
    scope = index.scope(name)
    assignments = scope[name.value] if scope is not None else set()
    if not assignments:
        return f"`{name.value}` is not assigned in this module"
    if len(assignments) > 1:  # (a trial: "not bound once in reach" said nothing to the reader)
        lines = sorted({index.position(a.node)[0] for a in assignments if isinstance(getattr(a, "node", None), cst.CSTNode)})
        where = f"at lines {', '.join(map(str, lines[:-1]))} and {lines[-1]}" if len(lines) > 1 else "more than once"
        return f"`{name.value}` is assigned {where}, so this tool does not follow it to the call"
    assignment = next(iter(assignments))
    literal = index.bound_value(name)
    keys: dict[str, cst.BaseExpression] = {}
    if isinstance(literal, cst.Dict):
        for item in literal.elements:
            key = literal_string(item.key) if isinstance(item, cst.DictElement) else None
            if key is None:
                return f"`{name.value}` has keys this tool cannot read"
            keys[key] = item.value
    elif isinstance(literal, cst.Call) and index.qualified_names(literal.func) == {"builtins.dict"}:
        for arg in literal.args:
            if arg.keyword is None:
                return f"`{name.value}` has keys this tool cannot read"
            keys[arg.keyword.value] = arg.value
    else:
        return f"`{name.value}` is not a dict literal built here"
    home = _block_of(index, literal)
    stores: list[tuple[cst.Assign, str]] = []
    blocks: dict[str, set[cst.CSTNode]] = {}
    unconditional = set(keys)
    shared_at: int | None = None  # another ``**name`` splat: fine while no key changes
    for access in assignment.references:
        node = access.node
        if node is name:
            continue
        parent = index.parent(node)
        if isinstance(parent, cst.Arg) and parent.star == "**":
            shared_at = index.position(node)[0]
            continue
        store = _store(index, node)
        if store is None:
            return f"`{name.value}` is also used at line {index.position(node)[0]}"
        assign, key = store
        stores.append((assign, key))
        block = _block_of(index, assign)
        blocks.setdefault(key, set()).add(block)
        if block is home:
            unconditional.add(key)
        keys.setdefault(key, assign.value)
    conditional = set(keys) - unconditional
    if shared_at is not None and set(keys) & AZURE_ONLY_KEYS:
        return f"`{name.value}` is also splatted at line {shared_at}, which would get the renamed keys"
    return DictPlan(name.value, literal, stores, set(keys), conditional, keys, home, blocks)


#: Keys whose presence means the dict itself must change (default_query may carry api-version).
AZURE_ONLY_KEYS = {
    "azure_endpoint", "api_version", "azure_ad_token", "azure_ad_token_provider", "azure_deployment",
    "base_url", "websocket_base_url", "default_query",
}


def _block_of(index: ModuleIndex, node: cst.CSTNode) -> cst.CSTNode | None:
    for ancestor in index.ancestors(node):
        if isinstance(ancestor, (cst.IndentedBlock, cst.SimpleStatementSuite, cst.Module)):
            return ancestor
    return None


def _if_covers(statement: cst.If, blocks: set) -> bool:
    """Every branch of ``if/elif/else`` is one of ``blocks``."""
    if statement.body not in blocks:
        return False
    if isinstance(statement.orelse, cst.Else):
        return statement.orelse.body in blocks
    return isinstance(statement.orelse, cst.If) and _if_covers(statement.orelse, blocks)


def _store(index: ModuleIndex, node: cst.CSTNode) -> tuple[cst.Assign, str] | None:
    """``node["key"] = value`` as a statement of its own: (the assignment, "key")."""
    subscript = index.parent(node)
    if not isinstance(subscript, cst.Subscript) or subscript.value is not node or len(subscript.slice) != 1:
        return None
    index_node = subscript.slice[0].slice
    key = literal_string(index_node.value) if isinstance(index_node, cst.Index) else None
    target = index.parent(subscript)
    assign = index.parent(target) if isinstance(target, cst.AssignTarget) else None
    if key is None or not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    return assign, key


def map_argument(
    keyword: str, value: cst.BaseExpression, fallbacks: dict[str, str], wrap: str | None
) -> tuple[str, cst.BaseExpression] | None:
    """One AzureOpenAI argument as the OpenAI argument it becomes; None when it goes."""
    if keyword in fallbacks:
        value = _with_env_fallback(value, keyword, fallbacks[keyword])
    if keyword in ("api_version", "azure_deployment"):
        return None
    if keyword == "base_url" and deployments.deployment_of_base_url(value) is not None:
        endpoint, _ = deployments.deployment_of_base_url(value)  # type: ignore[misc]
        return keyword, v1_base_url(endpoint)
    if keyword == "azure_endpoint":
        return "base_url", v1_base_url(value)
    if keyword == "base_url":
        new = _v1_from_base_url(value)
        assert new is not None
        return keyword, new
    if keyword == "azure_ad_token_provider" and wrap is not None:
        return "api_key", cst.Call(func=cst.Name(wrap), args=[cst.Arg(value)])
    if keyword in ("azure_ad_token", "azure_ad_token_provider"):
        return "api_key", value
    if keyword == "websocket_base_url":
        new = _v1_websocket(value)
        assert new is not None
        return keyword, new
    if keyword == "default_query" and isinstance(value, cst.Dict):
        query = _without_api_version(value)
        return None if query is None else (keyword, query)
    return keyword, value


def _none_in_some_cases(index: ModuleIndex, value: cst.BaseExpression, seen: frozenset[int] = frozenset()) -> bool:
    """Whether the module shows that ``value`` is None in some cases: a conditional (``k if k else
    None``), ``None`` in one of its name's bindings, an environment lookup without a default."""
    if isinstance(value, (cst.IfExp, cst.BooleanOperation)):
        return True
    if isinstance(value, cst.Call):
        return bool(index.qualified_names(value.func) & ENVIRONMENT_LOOKUPS) and len(value.args) == 1
    if not seen and _defaults_to_none(index, value):  # (a round-2 trial: two Optional alternatives were "both given")
        return True
    if not isinstance(value, cst.Name) or id(value) in seen:
        return False
    if value.value == "None":
        return True
    if _narrowed(index, value):
        return False
    return any(
        bound is not None and _none_in_some_cases(index, bound, seen | {id(value)}) for bound in index.assigned_values(value)
    )


def _query_problem(index: ModuleIndex, value: cst.BaseExpression) -> str | None:
    """Why a ``default_query=`` that is not a dict display may still send an api-version on v1
    (a display loses its ``"api-version"`` key in :func:`map_argument`); None when it cannot."""
    if isinstance(value, cst.Dict):
        return None
    bound = index.bound_value(value) if isinstance(value, cst.Name) else None
    if isinstance(bound, cst.Dict):
        keys = [literal_string(e.key) if isinstance(e, cst.DictElement) else None for e in bound.elements]
        if "api-version" in keys:
            return (
                f"`{value.value}` (line {index.position(bound)[0]}) holds an 'api-version' key, which would still "
                "be sent on v1; drop that key where it is built (or pass the dict here) and re-run"
            )
        if None not in keys:
            return None
    return (
        f"default_query={snippet(value)} may hold an 'api-version' key, which would still be sent on v1; pass a "
        "dict display without it and re-run"
    )


#: The Assistants API's resources on a client (``client.beta.assistants.create(...)``).
_ASSISTANTS = frozenset({"assistants", "threads"})
#: Modules that re-export openai's clients wrapped (for tracing): their AzureOpenAI is the SDK's.
_DROP_IN_MODULES = frozenset({"langfuse.openai"})
#: What the Azure clients keep and the stock ones do not have (``openai/lib/azure.py``).
_AZURE_ATTRIBUTES = frozenset(
    {"_api_version", "_azure_ad_token", "_azure_ad_token_provider", "_azure_deployment", "_azure_endpoint", "_get_azure_ad_token"}
)
#: Where a client keeps its query parameters: the Azure clients put their api-version there, the stock ones nothing.
_QUERY_ATTRIBUTES = frozenset({"default_query", "_custom_query"})
#: Keywords only the Azure clients' ``with_options()``/``copy()`` take.
_OPTION_KEYWORDS = ("api_version", "azure_ad_token", "azure_ad_token_provider", "azure_endpoint", "azure_deployment")


#: What a handler must catch for ``os.environ[...]``'s KeyError to be caught as well.
_CATCHES_KEY_ERROR = frozenset({"builtins.KeyError", "builtins.LookupError", "builtins.Exception", "builtins.BaseException"})


def _catches_openai_error_only(index: ModuleIndex, call: cst.Call) -> str | None:
    """``openai.OpenAIError`` (as written) when ``call`` is in the body of a ``try`` that catches it
    (what ``AzureOpenAI`` raised without an endpoint or key) and no enclosing handler catches
    ``KeyError`` before it does; None otherwise."""
    child: cst.CSTNode = call
    for ancestor in index.ancestors(call):
        if isinstance(ancestor, cst.Try) and child is ancestor.body:
            for handler in ancestor.handlers:
                if handler.type is None:
                    return None  # a bare except: KeyError is caught as well
                types = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
                names = set().union(*(index.qualified_names(t) for t in types))
                if names & _CATCHES_KEY_ERROR:
                    return None
                if "openai.OpenAIError" in names:
                    return code_of(handler.type)
        child = ancestor
    return None


def _constructor_ref(index: ModuleIndex, call: cst.Call) -> Reference | None:
    """The reference to the Azure class that ``call`` constructs, if it is such a constructor."""
    return next((r for r in index.references if r.kind == "call" and index.calls[r.node] is call), None)


def _client_like(index: ModuleIndex, value: cst.BaseExpression) -> bool:
    """Whether ``value`` (``X`` of ``X._api_version``) is a client: a name bound to an Azure
    constructor or annotated with an Azure class, ``self.x`` that its class sets to an Azure
    constructor, or a name or attribute that says so (``client``, ``self._client``); not one bound
    only to a stock constructor (``other_client = OpenAI(...)``: its reads do not change). A
    wrapper's own field (``self._api_version``, ``settings._azure_endpoint``) is not. (A recheck,
    r6d: ``self.llm = AzureOpenAI(...)`` and ``llm: AzureOpenAI`` were missed, ``other_client`` taken.)"""
    if isinstance(value, cst.Name):
        values = [v for v in index.assigned_values(value) if isinstance(v, cst.Call)]
        if any(_constructor_ref(index, v) is not None for v in values):
            return True
        if _annotated_azure(index, value):
            return True
        if values and all(index.qualified_names(v.func) & _STOCK_CLASSES for v in values):
            return False
        return "client" in value.value.lower()
    if not isinstance(value, cst.Attribute):
        return False
    if isinstance(value.value, cst.Name) and value.value.value == "self":
        values = _self_values(index, value)
        if any(_constructor_ref(index, v) is not None for v in values) or _declared_azure(index, value):
            return True
        if values and all(index.qualified_names(v.func) & _STOCK_CLASSES for v in values):
            return False
    return "client" in value.attr.value.lower()


#: The stock classes, by their qualified names.
_STOCK_CLASSES = frozenset({"openai.OpenAI", "openai.AsyncOpenAI"})


def _annotated_azure(index: ModuleIndex, name: cst.Name) -> bool:
    """Whether ``name`` is a parameter annotated with an Azure class (``llm: AzureOpenAI``, also
    ``Optional[...]``/``X | None``), its only binding in reach."""
    assignment = index._single_assignment(name)
    param = getattr(assignment, "node", None)
    if not isinstance(param, cst.Param) or param.annotation is None:
        return False
    return any(r.kind == "annotation" and param.annotation in index.ancestors(r.node) for r in index.references)


def _declared_azure(index: ModuleIndex, attribute: cst.Attribute) -> bool:
    """Whether the class around ``self.x`` (``attribute``) annotates ``x`` with an Azure class
    (``x: AzureOpenAI`` in its body, ``self.x: AzureOpenAI = ...`` in a method)."""
    owner = next((a for a in index.ancestors(attribute) if isinstance(a, cst.ClassDef)), None)
    if owner is None:
        return False
    name = attribute.attr.value
    for ref in index.references:
        if ref.kind != "annotation":
            continue
        declaration = next((a for a in index.ancestors(ref.node) if isinstance(a, cst.AnnAssign)), None)
        target = declaration.target if declaration is not None else None
        if isinstance(target, cst.Name) and target.value == name and index.parent(index.parent(declaration)) is owner.body:
            return True  # (the AnnAssign's line is in the class body)
        if (
            isinstance(target, cst.Attribute)
            and target.attr.value == name
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
            and owner in index.ancestors(target)
        ):
            return True
    return False


def _self_values(index: ModuleIndex, attribute: cst.Attribute) -> list[cst.Call]:
    """The calls that ``self.x = <call>`` statements of the class around ``attribute`` assign ``self.x``."""
    owner = next((a for a in index.ancestors(attribute) if isinstance(a, cst.ClassDef)), None)
    if owner is None:
        return []
    found = []
    for node in index.nodes(cst.Attribute):
        assert isinstance(node, cst.Attribute)
        if node.attr.value != attribute.attr.value or not (isinstance(node.value, cst.Name) and node.value.value == "self"):
            continue
        target = index.parent(node)
        statement = index.parent(target) if isinstance(target, cst.AssignTarget) else None
        if isinstance(statement, cst.Assign) and isinstance(statement.value, cst.Call) and owner in index.ancestors(node):
            found.append(statement.value)
    return found


def _stored_to(index: ModuleIndex, node: cst.CSTNode) -> bool:
    """Whether ``node`` is assigned to (``x._api_version = V``), not read."""
    parent = index.parent(node)
    return isinstance(parent, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)) and getattr(parent, "target", None) is node


def _client_options(index: ModuleIndex) -> Iterator[tuple[cst.Call, list[str]]]:
    """Each ``X.with_options(...)``/``X.copy(...)`` call given an Azure-only keyword, with those keywords."""
    for node in index.nodes(cst.Call):
        assert isinstance(node, cst.Call)
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in ("with_options", "copy"):
            continue
        given = [a.keyword.value for a in node.args if a.keyword is not None and a.keyword.value in _OPTION_KEYWORDS]
        if given:
            yield node, given


def _option_client(index: ModuleIndex, node: cst.Call, given: list[str]) -> cst.Call | None:
    """The Azure constructor call whose client ``node`` (``client.with_options(api_version=...)``)
    makes options of, when its options can be rewritten with it: ``client`` is a name bound once to
    it, the Azure-only keywords are a version and at most one token (no endpoint or deployment, no
    ``api_key`` beside them), and an async client's sync token provider can get the awaiting helper.
    None otherwise: if the constructor were migrated, the call would raise TypeError."""
    receiver = node.func.value  # type: ignore[attr-defined]
    built = index.bound_value(receiver) if isinstance(receiver, cst.Name) else None
    ref = _constructor_ref(index, built) if isinstance(built, cst.Call) else None
    if ref is None:
        return None
    if not set(given) <= {"api_version", "azure_ad_token", "azure_ad_token_provider"}:
        return None
    if sum(k in given for k in ("azure_ad_token", "azure_ad_token_provider")) > 1:
        return None
    if any(a.keyword is not None and a.keyword.value == "api_key" for a in node.args):
        return None
    provider = next((a for a in node.args if a.keyword is not None and a.keyword.value == "azure_ad_token_provider"), None)
    if provider is not None and ref.target == "AsyncOpenAI" and not _is_async_provider(index, provider.value):
        if not _inspect_free(index) or _helper_name(index) is None:
            return None
    return built


def azure_only_read(index: ModuleIndex) -> tuple[cst.CSTNode, str] | None:
    """The first read, on a client, of what only the Azure client has: an attribute of its own
    (``client._api_version``, ``client._get_azure_ad_token()``), or the api-version it keeps in its
    query (``client.default_query["api-version"]``, ``client._custom_query.get("api-version")``: a
    trial on semantic-kernel's ``to_dict()``), which the stock client does not send. The node and
    what it does; None when there is none."""
    code = index.code
    if "_a" in code:
        for node in index.nodes(cst.Attribute):
            assert isinstance(node, cst.Attribute)
            if node.attr.value in _AZURE_ATTRIBUTES and _client_like(index, node.value) and not _stored_to(index, node):
                return node, (
                    f"`{snippet(node)}` at line {index.position(node)[0]} reads an attribute only the Azure client has "
                    "(the stock one raises AttributeError)"
                )
    if "getattr" in code:  # ``getattr(client, "_api_version", None)`` (a recheck, r6d)
        for node in index.nodes(cst.Call):
            assert isinstance(node, cst.Call)
            if len(node.args) < 2 or "builtins.getattr" not in index.qualified_names(node.func):
                continue
            attribute = literal_string(node.args[1].value)
            if attribute in _AZURE_ATTRIBUTES and _client_like(index, node.args[0].value):
                return node, (
                    f"`{snippet(node)}` at line {index.position(node)[0]} reads an attribute only the Azure client has "
                    "(the stock one raises AttributeError, or gives the default)"
                )
    if "api-version" in code and ("default_query" in code or "_custom_query" in code):
        for node in index.nodes(cst.Attribute):
            assert isinstance(node, cst.Attribute)
            if node.attr.value not in _QUERY_ATTRIBUTES or not _client_like(index, node.value):
                continue
            read = _api_version_key_read(index, node)
            statement = index.parent(node)
            if read is None and isinstance(statement, cst.Assign) and statement.value is node and len(statement.targets) == 1:
                alias = statement.targets[0].target  # ``q = client.default_query; q["api-version"]`` (a recheck, r6d)
                assignment = index._single_assignment(alias) if isinstance(alias, cst.Name) else None
                uses = [a.node for a in assignment.references] if assignment is not None else []
                read = next((r for use in uses if (r := _api_version_key_read(index, use)) is not None), None)
            if read is not None:
                outcome = "gives None (or its default) there" if isinstance(read, cst.Call) else "raises KeyError"
                return read, (
                    f"`{snippet(read)}` at line {index.position(read)[0]} reads the api-version the Azure client "
                    f"keeps in its query, which the stock one does not have (the read {outcome})"
                )
    return None


def _api_version_key_read(index: ModuleIndex, query: cst.CSTNode) -> cst.BaseExpression | None:
    """``query["api-version"]`` or ``query.get("api-version", ...)`` around ``query`` (a client's
    ``default_query``), when it is read; None otherwise."""
    parent = index.parent(query)
    if isinstance(parent, cst.Subscript) and parent.value is query and len(parent.slice) == 1:
        element = parent.slice[0].slice
        if isinstance(element, cst.Index) and index.string_values(element.value)[0] == "api-version" and not _stored_to(index, parent):
            return parent
    if isinstance(parent, cst.Attribute) and parent.value is query and parent.attr.value == "get":
        call = index.parent(parent)
        if isinstance(call, cst.Call) and call.func is parent and call.args and index.string_values(call.args[0].value)[0] == "api-version":
            return call
    return None


def azure_only_use(index: ModuleIndex) -> tuple[str, str] | None:
    """Why no Azure client of this module can become the stock one, judged from the module's other
    code: it calls the Assistants API (``X.beta.assistants`` / ``X.beta.threads``), which Azure served
    on dated preview api-versions and which this tool does not know v1 to serve (its REST rule
    reports the same routes, AOAI703); or it hands a client to a Semantic Kernel Azure connector
    (``AzureChatCompletion(async_client=...)``), whose pydantic check accepts only
    ``AsyncAzureOpenAI``. Which client reaches that code is not followed: the module's code that
    needs the Azure client is what counts, so every Azure client in it is left alone. The same for
    ``.with_options(api_version=...)``/``.copy(azure_ad_token=...)`` on a client that is not one
    this module builds and can migrate the options of (AOAI106), and for a read of what only the
    Azure client has (``client._api_version``, ``client.default_query["api-version"]``:
    :func:`azure_only_read`). The finding's code and message; None when there is none of it.
    """
    code = index.code
    if "beta" in code and ("assistants" in code or "threads" in code):
        for node in index.nodes(cst.Attribute):
            assert isinstance(node, cst.Attribute)
            value = node.value
            if node.attr.value in _ASSISTANTS and isinstance(value, cst.Attribute) and value.attr.value == "beta":
                return (
                    "AOAI111",
                    f"`{code_of(node)}` at line {index.position(node)[0]} calls the Assistants API, which Azure serves on "
                    "dated preview api-versions and which v1 is not known to serve; keep this module's Azure clients, "
                    "or move that code to the Responses API by hand and re-run"
                )
    if "with_options" in code or "copy" in code:
        for node, given in _client_options(index):
            if _option_client(index, node, given) is None:
                return (
                    "AOAI106",
                    f"`{snippet(node)}` at line {index.position(node)[0]} passes {', '.join(given)}=, which only an Azure "
                    "client's with_options()/copy() take (the stock client raises TypeError), and the tool cannot tell "
                    "which client it gets; this module's Azure clients stay: take those arguments out of that call "
                    "(a dated api_version means nothing on v1; a token goes as api_key=) and re-run",
                )
    read = azure_only_read(index)
    if read is not None:
        return "AOAI111", f"{read[1]}; keep this module's Azure clients, or drop that read by hand and re-run"
    if "semantic_kernel" in code:
        for node in index.nodes(cst.Call):
            assert isinstance(node, cst.Call)
            passed = next((a for a in node.args if a.keyword is not None and a.keyword.value in ("async_client", "client")), None)
            if passed is None:
                continue
            for name in index.qualified_names(node.func):
                last = name.rpartition(".")[2]
                if name.startswith("semantic_kernel.") and last.startswith("Azure"):
                    return (
                        "AOAI111",
                        f"{last}(...) at line {index.position(node)[0]} takes `{passed.keyword.value}=`, which Semantic "  # type: ignore[union-attr]
                        "Kernel checks is an AzureOpenAI/AsyncAzureOpenAI, so a migrated client fails there; keep this "
                        "module's Azure clients, or pass the migrated client to semantic_kernel.connectors.ai.open_ai."
                        f"OpenAI{last[len('Azure'):]}(ai_model_id=<deployment>, {passed.keyword.value}=...) by hand"  # type: ignore[union-attr]
                    )
    return None


#: The hosts of Azure OpenAI resources in the public cloud, which serve /openai/v1/.
AZURE_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")


def foreign_host(text: str) -> str | None:
    """The host of a literal endpoint URL when it is not an Azure OpenAI resource's (a gateway,
    another cloud), which may not serve /openai/v1/ where it served the old routes."""
    parts = urllib.parse.urlsplit(text.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host.endswith(AZURE_HOSTS):
        return None
    return host


def foreign_host_message(host: str, text: str) -> str:
    return (
        f"{host} is not an Azure OpenAI resource host (*.openai.azure.com, *.cognitiveservices.azure.com, "
        "*.services.ai.azure.com); if it is a gateway or another cloud, check that it serves /openai/v1/, then "
        f"use base_url={text.strip().rstrip('/')}/openai/v1/ without api_version by hand"
    )


def _literal_endpoint_problem(text: str, azure: str) -> str | None:
    """Why a literal ``azure_endpoint`` cannot be proven to serve v1 where it served the old
    routes: another host (:func:`foreign_host`), or a path that already ends in ``/openai``,
    which the client doubled. None for a resource URL, or a text that is no URL."""
    host = foreign_host(text)
    if host is not None:
        return foreign_host_message(host, text)
    if urllib.parse.urlsplit(text.strip()).path.rstrip("/").endswith("/openai"):
        return (
            f"the endpoint already ends in /openai, and {azure} added another (requests went to .../openai/openai/...); "
            "drop the trailing /openai from it and re-run"
        )
    return None


def _endpoint_heads(index: ModuleIndex, node: cst.BaseExpression) -> Iterator[tuple[str, cst.BaseExpression, bool]]:
    """The texts the endpoint expression ``node`` may start with, as far as this module shows,
    each with the expression that spells it and whether it is only the head: a literal (also through a name, a parameter's
    default, an attribute the class or module assigns, an environment lookup's default, ``.strip()``
    and the like, either side of ``or`` and of a conditional, as
    :meth:`ModuleIndex.string_values` follows them) and the literal head of an f-string or of a
    ``"https://host/" + x`` concatenation. A head is given only when it spells its host to the end
    (``f"https://{r}.openai.azure.com"`` gives none). Each expression is followed once."""
    seen: set[int] = set()
    work: list[tuple[cst.BaseExpression, bool]] = [(node, False)]  # (expression, only its head is known)
    while work:
        node, head = work.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        text = literal_string(node)
        if isinstance(node, cst.FormattedString) and node.parts:
            first = node.parts[0]
            if isinstance(first, cst.FormattedStringText):
                text, head = first.value, head or len(node.parts) > 1
            elif isinstance(first, cst.FormattedStringExpression):
                work.append((first.expression, True))
        if text is not None:
            rest = text.partition("://")[2]
            if not head or any(c in rest for c in "/?#:"):  # the host ends inside the head
                yield text, node, head
        elif isinstance(node, cst.Name):
            scope = index.scope(node)
            for assignment in scope[node.value] if scope is not None else ():
                bound = getattr(assignment, "node", None)
                if bound is not None and _other_branch(index, bound, node):
                    continue
                value = bound.default if isinstance(bound, cst.Param) else index._assigned_value(assignment)
                work.extend(() if value is None else ((value, head),))
        elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            work.extend((value, head) for value in index._attribute_values(node))
        elif isinstance(node, cst.Call) and index.qualified_names(node.func) & ENVIRONMENT_LOOKUPS:
            default = lookup_default(node)
            work.extend(() if default is None else ((default, head),))
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
            if node.func.attr.value in ("strip", "rstrip", "lstrip", "lower"):  # the host stays
                work.append((node.func.value, head))
        elif isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            work.extend(((node.right, head), (node.left, head)))
        elif isinstance(node, cst.IfExp):
            work.extend(((node.orelse, head), (node.body, head)))
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            work.append((node.left, True))


def _other_branch(index: ModuleIndex, binding: cst.CSTNode, read: cst.CSTNode) -> bool:
    """Whether ``binding`` sits in one arm of an ``if``/``elif``/``else`` and ``read`` in another,
    with no loop around that ``if``: the binding never reaches the read (lmms-eval binds
    ``endpoint`` to api.openai.com's URL under ``if API_TYPE == "openai":`` and builds the Azure
    client under ``elif``)."""
    around = {id(a) for a in index.ancestors(read)}
    child: cst.CSTNode = binding
    for ancestor in index.ancestors(binding):
        if isinstance(ancestor, cst.If) and id(ancestor) in around:
            arm = ancestor.body if child is ancestor.body else ancestor.orelse if child is ancestor.orelse else None
            other = ancestor.orelse if arm is ancestor.body else ancestor.body
            if arm is None or other is None or id(other) not in around:
                return False
            return not any(isinstance(a, (cst.For, cst.While)) for a in index.ancestors(ancestor))
        if id(ancestor) in around:
            return False  # the innermost block holding both is no if
        child = ancestor
    return False


def _foreign_endpoint_value(index: ModuleIndex, value: cst.BaseExpression) -> str | None:
    """AOAI104's message when the endpoint expression ``value``, not a literal at the call, may
    be a URL on a host other than an Azure OpenAI resource's (:func:`_endpoint_heads`): the
    literal itself is reported at the call; through a name, an f-string, an environment default
    or an arm of ``or`` the rewrite moved such a host to /openai/v1/ silently (a trial on
    lmms-eval and fschat: a research gateway's requests went to /gcr/shared/openai/v1/...)."""
    for text, spelled, head in _endpoint_heads(index, value):
        host = foreign_host(text)
        if host is None:
            continue
        if spelled is value and not head:
            return foreign_host_message(host, text)
        shown = "" if spelled is value else f" may be `{snippet(spelled)}` (line {index.position(spelled)[0]})"
        return (
            f"the endpoint `{snippet(value)}`{shown}: {host} is not an Azure OpenAI resource host (*.openai.azure.com, "
            "*.cognitiveservices.azure.com, *.services.ai.azure.com); if it is a gateway or another cloud, check that "
            f"it serves /openai/v1/, then use base_url={'<that endpoint>' if head else text.strip().rstrip('/')}/openai/v1/ "
            "without api_version by hand"
        )
    return None


#: Arguments that only the Azure clients take.

#: What :func:`_nullable_env` gives a value that may be None but is no environment lookup.
NOT_FROM_ENV = "<none>"


def _nullable_env(index: ModuleIndex, value: cst.BaseExpression) -> str | None:
    """``X`` for ``os.getenv("X")`` / ``os.environ.get("X")`` without a default: may be None. Also
    for a name whose only binding in reach is such a lookup (``key = os.getenv("X")``).
    :data:`NOT_FROM_ENV` for a value the module shows may be None otherwise (:func:`_defaults_to_none`):
    AzureOpenAI read its own variables then too, where OpenAI reads OPENAI_API_KEY (a trial on
    chromadb, browser-use and magentic: the openai.com key went to the Azure host)."""
    if isinstance(value, cst.Name) and _narrowed(index, value):
        return None  # ``if key:`` around the call: ``key = os.getenv("K")`` is set there
    found = _env_of(index, value)
    if found is None and _defaults_to_none(index, value):
        return NOT_FROM_ENV
    return found


def _env_of(index: ModuleIndex, value: cst.BaseExpression) -> str | None:
    if isinstance(value, cst.Name):
        bound = index.bound_value(value)
        if bound is None and index._single_assignment(value) is None:
            reaching = _reaching_binding(index, value)
            bound = reaching if isinstance(reaching, cst.BaseExpression) else None
        return None if bound is None or isinstance(bound, cst.Name) else _env_of(index, bound)
    if not isinstance(value, cst.Call) or not value.args or len(value.args) > 2:
        return None
    if not index.qualified_names(value.func) & {"os.getenv", "os.environ.get"}:
        return None
    if len(value.args) == 2 and not (isinstance(value.args[1].value, cst.Name) and value.args[1].value.value == "None"):
        return None
    return literal_string(value.args[0].value)


def _defaults_to_none(index: ModuleIndex, value: cst.BaseExpression, seen: frozenset[int] = frozenset()) -> bool:
    """Whether the module shows that ``value`` may be None where it is read, short of running it:
    a parameter whose default is None or whose annotation admits None (``Optional[str]``, ``str |
    None``); ``self.x`` whose class or one of its bases gives it None (:func:`_field_may_be_none`:
    a field declared ``x: Optional[str] = None``, ``self.x = <such a value>`` in their methods, a
    field only a base from another module can declare), and ``settings.x`` of ``settings =
    Settings()`` or of a parameter annotated ``settings: Settings`` likewise (a class of another
    module there: unknown, so may be None); ``d.get(k)``, ``d.pop(k, None)``, ``d.setdefault(k,
    None)``, ``getattr(o, name, None)`` (:func:`_lookup_may_miss`); an environment lookup without a
    default; ``a or b`` and ``a if c else b`` where a side that can be the result is one; a name
    whose only binding in reach is one of these, or whose binding that reaches the read is
    (:func:`_reaching_binding`: ``key = key or os.getenv("K")`` after a parameter ``key=None``),
    unless the read is narrowed to not None (:func:`_narrowed`)."""
    if id(value) in seen:
        return False
    seen = seen | {id(value)}
    if isinstance(value, cst.BooleanOperation):  # ``key or os.getenv("K")``: None when the last one is
        return _defaults_to_none(index, value.right, seen) or (
            isinstance(value.operator, cst.And) and _defaults_to_none(index, value.left, seen)
        )
    if isinstance(value, cst.IfExp):
        return _defaults_to_none(index, value.body, seen) or _defaults_to_none(index, value.orelse, seen)
    if isinstance(value, cst.Call):
        return _env_of(index, value) is not None or _lookup_may_miss(index, value, seen)
    if isinstance(value, cst.Name):
        if value.value == "None":
            return True
        if _narrowed(index, value):
            return False
        assignment = index._single_assignment(value)
        node = getattr(assignment, "node", None)
        if assignment is None:  # bound more than once: the binding that reaches the read, where one does
            node = _reaching_binding(index, value)
            if node is None:  # (a binding in a branch, a loop, a try...) any binding in reach that may be None
                return _any_binding_may_be_none(index, value, seen)
            if not isinstance(node, cst.Param):
                return _defaults_to_none(index, node, seen)
        if isinstance(node, cst.Param):
            return _param_may_be_none(node)
        bound = _binding_value(index, assignment) if assignment is not None else None
        return bound is not None and _defaults_to_none(index, bound, seen)
    if isinstance(value, cst.NamedExpr):  # ``api_key=(key := kwargs.get("api_key"))``
        return _defaults_to_none(index, value.value, seen)
    if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
        cls = _instance_class(index, value.value)
        if cls == _ELSEWHERE:  # ``settings: Settings``, a class another module declares
            return True
        if isinstance(cls, cst.ClassDef) and _field_may_be_none(index, cls, value.attr.value, seen):
            return True
        return any(_defaults_to_none(index, bound, seen) for bound in index._attribute_values(value))
    return False


def _param_may_be_none(param: cst.Param) -> bool:
    return _is_none(param.default) or (param.annotation is not None and _admits_none(param.annotation.annotation))


def _binding_value(index: ModuleIndex, assignment) -> cst.BaseExpression | None:  # noqa: ANN001
    """The value a binding gives its name: ``name = <value>``, ``name: T = <value>`` or ``(name := <value>)``."""
    node = getattr(assignment, "node", None)
    parent = index.parent(node) if node is not None else None
    if isinstance(parent, cst.NamedExpr) and parent.target is node:
        return parent.value
    return index._assigned_value(assignment)


def _any_binding_may_be_none(index: ModuleIndex, name: cst.Name, seen: frozenset[int]) -> bool:
    """For a name bound more than once whose binding that reaches the read is not known (one in an
    ``if``, a ``try``, a loop, a ``with``, a ``global`` rebinding): whether any of its bindings in
    reach may give None (a trial on lightrag: ``if not api_key: api_key = os.environ.get(...)`` after
    a parameter ``api_key=None`` was taken as never None, and OPENAI_API_KEY went to the Azure host).
    A binding whose value the module does not show (a loop target, an unpacking) is not counted, as
    for a name bound once."""
    scope = index.scope(name)
    if scope is None:
        return False
    for assignment in scope[name.value]:
        node = getattr(assignment, "node", None)
        if isinstance(node, cst.Param):
            if _param_may_be_none(node):
                return True
            continue
        bound = _binding_value(index, assignment)
        if isinstance(bound, cst.Name) and bound.value != "None" and index._single_assignment(bound) is None:
            continue  # a chain of names bound many times is not followed (it may not end)
        if bound is not None and _defaults_to_none(index, bound, seen):
            return True
    return False


#: What :func:`_instance_class` gives an instance of a class that another module declares.
_ELSEWHERE = "<elsewhere>"
#: Bases that declare no instance field a client's arguments could read (``object``, ``Generic[T]``, ``ABC``).
_FIELDLESS_BASES = ("builtins.", "typing.", "typing_extensions.", "abc.")


def _instance_class(index: ModuleIndex, receiver: cst.Name) -> cst.ClassDef | str | None:
    """The class of ``receiver`` in ``receiver.x``, as far as the module shows it: the class around
    ``self``; the module class of ``settings = Settings()``, or of a parameter annotated
    ``settings: Settings``; :data:`_ELSEWHERE` for a parameter annotated with a class of another
    module (what it declares is unknown here); None when the module does not show a class."""
    if receiver.value == "self":
        return next((a for a in index.ancestors(receiver) if isinstance(a, cst.ClassDef)), None)
    assignment = index._single_assignment(receiver)
    node = getattr(assignment, "node", None)
    if isinstance(node, cst.Param):
        annotation = node.annotation.annotation if node.annotation is not None else None
        if not isinstance(annotation, (cst.Name, cst.Attribute)):
            return None  # none, a string, ``Optional[Settings]`` (then ``settings.x`` fails on None itself)
        cls = _module_class(index, annotation)
        if cls is not None:
            return cls
        names = index._qualified_names(annotation)
        imported = bool(names) and all(q.source is QualifiedNameSource.IMPORT for q in names)
        return _ELSEWHERE if imported and not any(q.name.startswith(_FIELDLESS_BASES) for q in names) else None
    built = index._assigned_value(assignment) if assignment is not None else None
    return _module_class(index, built.func) if isinstance(built, cst.Call) else None  # ``settings = Settings()``


def _field_may_be_none(index: ModuleIndex, cls: cst.ClassDef, name: str, seen: frozenset[int]) -> bool:
    """Whether instances of ``cls`` may hold None in ``name``: the first class in its method
    resolution order (as far as the module shows it) that declares the field gives it None
    (``x: Optional[str] = None``, ``x: Optional[str]``, ``field(default=None)``...), or a method of
    one of those classes assigns ``self.x`` a value that may be None. When neither ``cls`` nor any
    base this module defines declares or assigns ``x`` and a base comes from another module (a
    trial on fast-graphrag: ``api_key: Optional[str] = field(default=None)`` on an imported base
    class), the declaration is unknown: may be None, and the fallback costs nothing when it is set."""
    order = _method_resolution_order(index, cls)
    classes = [c for c in order if isinstance(c, cst.ClassDef)]
    declared = next((c for c in classes if any(_declares(s, name) for s in _class_statements(c))), None)
    if declared is not None and any(_field_defaults_to_none(s, name) for s in _class_statements(declared)):
        return True
    assigned = [v for c in classes for v in _self_assignments(index, c, name)]
    if any(_defaults_to_none(index, v, seen) for v in assigned):
        return True
    return declared is None and not assigned and len(classes) < len(order)


def _method_resolution_order(index: ModuleIndex, cls: cst.ClassDef, depth: int = 0) -> list[cst.ClassDef | str]:
    """``cls`` and its bases in method resolution order (C3, as Python computes it), each base the
    module defines as its ``class`` statement and any other as its code (a class of another module,
    which this module cannot read); bases that declare no fields (:data:`_FIELDLESS_BASES`) left out."""
    linearizations: list[list[cst.ClassDef | str]] = []
    for arg in cls.bases:
        if arg.keyword is not None:
            continue  # ``metaclass=...``
        base = arg.value.value if isinstance(arg.value, cst.Subscript) else arg.value  # ``Base[T]``
        known = _module_class(index, base) if not arg.star else None
        if known is not None and known is not cls and depth < 50:
            linearizations.append(_method_resolution_order(index, known, depth + 1))
        elif arg.star or not all(q.name.startswith(_FIELDLESS_BASES) for q in index._qualified_names(base)) or not index._qualified_names(base):
            linearizations.append([code_of(arg.value)])
    linearizations.append([line[0] for line in linearizations])
    order: list[cst.ClassDef | str] = [cls]
    while any(linearizations):
        linearizations = [line for line in linearizations if line]
        heads = [line[0] for line in linearizations]
        head = next((h for h in heads if not any(h in line[1:] for line in linearizations)), heads[0])  # (an
        # inconsistent order fails at import; take the first rather than give up)
        order.append(head)
        linearizations = [line[1:] if line[0] == head else [c for c in line if c != head] for line in linearizations]
    return order


def _declares(statement: cst.BaseSmallStatement, name: str) -> bool:
    """``name: T``, ``name: T = V`` or ``name = V`` directly in a class body."""
    if isinstance(statement, cst.AnnAssign):
        return isinstance(statement.target, cst.Name) and statement.target.value == name
    return isinstance(statement, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == name for t in statement.targets)


def _self_assignments(index: ModuleIndex, cls: cst.ClassDef, name: str) -> list[cst.BaseExpression]:
    """The values ``self.name = <value>`` (or ``self.name: T = <value>``) statements in ``cls``'s methods assign."""
    values = []
    for node in index.nodes(cst.Attribute):
        assert isinstance(node, cst.Attribute)
        if node.attr.value != name or not (isinstance(node.value, cst.Name) and node.value.value == "self"):
            continue
        parent = index.parent(node)
        statement = index.parent(parent) if isinstance(parent, cst.AssignTarget) else parent
        if isinstance(statement, cst.Assign) and isinstance(parent, cst.AssignTarget):
            value = statement.value
        elif isinstance(statement, cst.AnnAssign) and statement.target is node:
            value = statement.value
        else:
            continue
        if value is not None and next((a for a in index.ancestors(node) if isinstance(a, cst.ClassDef)), None) is cls:
            values.append(value)
    return values


def _all_given(given: Sequence[str]) -> str:
    """``a and b are both given`` / ``a, b and c are all given`` (a round-2 trial: "a and b and c are both")."""
    if len(given) == 2:
        return f"{given[0]} and {given[1]} are both given"
    return f"{', '.join(given[:-1])} and {given[-1]} are all given"


def _untraced_message(index: ModuleIndex, ref: Reference, call: cst.Call) -> str:
    """The AOAI105 of a constructor that no qualified name follows to openai (:attr:`Reference.untraced`):
    ``oai.AzureOpenAI(...)``, ``self._openai.AzureOpenAI(...)``, ``openai.AzureOpenAI(...)`` on a
    local ``openai = import_optional_dependency("openai")``, ``AzureOpenAI(...)`` on a name bound
    to a factory (trials on arize-phoenix-evals, griptape and gptme: ``check`` passed)."""
    func = ref.node

    def by_hand(target: str) -> str:
        return (
            f"migrate it by hand to {target}(base_url=<endpoint>/openai/v1/, api_key=<key or token provider>) "
            "without api_version, with the deployment as model= at each call"
        )

    if ref.untraced == "lookup" or (ref.untraced == "class" and not isinstance(func, cst.Name)):
        how = "that getattr looks up by name" if ref.untraced == "lookup" else "of a module that a call returns"
        how = "that the module's attribute dict gives by name" if isinstance(func, cst.Subscript) else how
        return (
            f"`{snippet(func)}(...)` builds the {ref.azure} {how}{_binding_text(index, func)}, which this tool "
            f"cannot follow the way it follows an import; if it is openai's {ref.azure}, {by_hand(ref.target)}"
        )
    if isinstance(func, cst.Attribute):
        receiver = snippet(func.value)
        if ref.untraced == "module":
            module = _module_held(index, func.value)
            return (
                f"`{snippet(func)}(...)` is openai's {ref.azure}, reached through `{receiver}`, which holds the "
                f"openai module; this tool follows only the module's own names: call it as {module}.{ref.azure} "
                "and re-run, or migrate it by hand"
            )
        if ref.untraced in ("loader", "spelled"):
            bound = _binding_text(index, func.value)
            return (
                f"`{snippet(func)}(...)` reaches {ref.azure} through `{receiver}`{bound}, not through an import, so "
                f"this tool cannot follow it to the openai module; if it is openai's {ref.azure}, {by_hand(receiver + '.' + ref.target)}"
            )
        given = azure_only_keywords(call)
        return (
            f"`{snippet(func)}(...)` passes {' and '.join(given)}, arguments of the Azure client, through "
            f"`{receiver}`, a name this tool cannot follow to the openai module; if it is openai's "
            f"{ref.azure}, call it as openai.{ref.azure} and re-run, or migrate it by hand; "
            "if it is another library's class, suppress this finding (`# aoai-migrate: ignore[AOAI105]`)"
        )
    assert isinstance(func, cst.Name)
    bound = _binding_text(index, func) or (", a name this module never binds" if not index.assigned_values(func) else "")
    if ref.untraced == "class":
        return (
            f"`{func.value}(...)` builds the {ref.azure} of a module that a call returns{bound}, which this tool "
            f"cannot follow the way it follows an import; if it is openai's {ref.azure}, {by_hand(ref.target)}"
        )
    given = azure_only_keywords(call)
    return (
        f"`{func.value}(...)` passes {' and '.join(given)}, arguments of the Azure client, to `{func.value}`{bound}, "
        f"which this tool cannot follow to the openai module; if it builds openai's {ref.azure}, {by_hand(ref.target)}; "
        "if it is another library's class, suppress this finding (`# aoai-migrate: ignore[AOAI105]`)"
    )


def _module_held(index: ModuleIndex, receiver: cst.BaseExpression) -> str:
    """The module's own name for the openai module that ``receiver`` holds (``_openai_module`` of
    ``openai = _openai_module``), as :meth:`ModuleIndex.holds_openai_module` found it."""
    if isinstance(receiver, cst.Name):
        values = [index.bound_value(receiver)]
    elif isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name):
        values = index._attribute_values(receiver)
    else:
        values = []
    found = [v for v in values if isinstance(v, (cst.Name, cst.Attribute)) and index.qualified_names(v) == {"openai"}]
    return snippet(found[0]) if found else "openai"


def _binding_text(index: ModuleIndex, name: cst.BaseExpression) -> str:
    """`` (bound by `value` at line N)`` for a name bound once by an assignment; "" otherwise."""
    if not isinstance(name, cst.Name):
        return ""
    values = [v for v in index.assigned_values(name) if v is not None]
    if len(values) != 1:
        return ""
    return f" (bound by `{snippet(values[0])}` at line {index.position(values[0])[0]})"


def _lookup_may_miss(index: ModuleIndex, call: cst.Call, seen: frozenset[int] = frozenset()) -> bool:
    """``d.get(k)`` / ``d.setdefault(k)`` (None when the key is missing), ``d.get(k, D)``,
    ``d.pop(k, D)``, ``d.setdefault(k, D)`` and ``getattr(o, name, D)`` with a default ``D`` that
    may be None (a trial on promptlayer: ``azure_endpoint=kwargs.pop("base_url", None)`` became
    ``None.rstrip``, and ``api_key=kwargs.pop("api_key", None)`` sent OPENAI_API_KEY)."""
    func, args = call.func, call.args
    if isinstance(func, cst.Attribute) and func.attr.value in ("get", "pop", "setdefault") and args and all(
        a.keyword is None and not a.star for a in args
    ):
        if len(args) == 1:
            return func.attr.value != "pop"  # ``d.pop(k)`` raises KeyError when the key is missing
        return len(args) == 2 and _defaults_to_none(index, args[1].value, seen)
    if isinstance(func, cst.Name) and index.qualified_names(func) == {"builtins.getattr"} and len(args) == 3:
        return _defaults_to_none(index, args[2].value, seen)
    return False


def _reaching_binding(index: ModuleIndex, name: cst.Name) -> cst.Param | cst.BaseExpression | None:
    """For a name its function binds more than once, the binding that reaches the read ``name`` in
    straight-line code (a trial on instructor: ``api_key = api_key or os.environ.get(...)`` was taken
    as never None, and OPENAI_API_KEY went to the Azure host): the value of the last plain ``name =
    <value>`` statement before the read in a block around it, else the function's parameter. None
    when something else may come between: a binding in a branch, loop, ``try`` or ``with`` before
    the read, a loop around the read that binds it, an augmented or unpacking assignment, a read
    outside a function or in a lambda, class body or comprehension."""
    scope = index.scope(name)
    if scope is None:
        return None
    nodes = [getattr(a, "node", None) for a in scope[name.value]]
    if len(nodes) < 2 or any(n is None for n in nodes):
        return None
    holders = [{id(n), *(id(a) for a in index.ancestors(n))} for n in nodes]

    def binds(node: cst.CSTNode, outside: cst.CSTNode | None = None) -> bool:
        return any(id(node) in held and (outside is None or id(outside) not in held) for held in holders)

    child: cst.CSTNode = name
    for ancestor in index.ancestors(name):
        if isinstance(ancestor, (cst.Lambda, cst.ClassDef, cst.CompFor, cst.Module)):
            return None
        if isinstance(ancestor, cst.FunctionDef):
            return next((n for n in nodes if isinstance(n, cst.Param) and index.parent(index.parent(n)) is ancestor), None)
        if isinstance(ancestor, (cst.For, cst.While)) and binds(ancestor):
            return None  # a binding later in the loop reaches the read on the next pass
        if isinstance(ancestor, cst.If):
            if binds(ancestor.test):
                return None
        elif isinstance(ancestor, (cst.IndentedBlock, cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            before = list(ancestor.body)[: [id(s) for s in ancestor.body].index(id(child))]
            for statement in reversed(before):  # (statements, or the ones before the read on its line)
                if binds(statement):
                    if isinstance(statement, cst.If):
                        return _filled_when_unset(statement, name.value)
                    return _plain_value(statement, name.value)
        elif isinstance(ancestor, cst.BaseCompoundStatement) and binds(ancestor, outside=child):
            return None  # ``try``/``with``/``match``: a binding there may or may not have run
        child = ancestor
    return None


def _filled_when_unset(statement: cst.If, name: str) -> cst.BaseExpression | None:
    """``V`` of ``if not name: ... name = V`` (or ``if name is None:``, with no ``else``, the
    assignment last): after it ``name`` holds ``V`` where it was unset, and what it held, which was
    set, elsewhere, so ``V`` decides whether it may be None (``if api_key is None: api_key =
    os.environ["K"]`` is set; ``api_key = os.environ.get("K")`` there may not be)."""
    if statement.orelse is not None or not _tests_unset(statement.test, name):
        return None
    block = statement.body
    last = block if isinstance(block, cst.SimpleStatementSuite) else (block.body[-1] if block.body else None)
    return _plain_value(last, name) if last is not None else None


def _plain_value(statement: cst.CSTNode, name: str) -> cst.BaseExpression | None:
    """``<value>`` when the last binding of ``name`` in ``statement`` (a line, or one statement of
    it) is a plain ``name = <value>``; None for any other (``name += x``, ``a, name = ...``, a block)."""
    smalls = statement.body if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else [statement]
    for small in reversed(smalls):
        if isinstance(small, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets):
            return small.value if len(small.targets) == 1 else None
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.target.value == name:
            return small.value
        if not isinstance(small, (cst.Expr, cst.Pass)):
            return None
    return None


def _narrowed(index: ModuleIndex, name: cst.Name) -> bool:
    """Whether ``name`` is read where it cannot be None, in the simple shapes that prove it (a trial:
    a provider checked just before the call was "may be None"): in the body of an enclosing ``if
    name:`` / ``if name is not None:`` (or of an ``and`` holding one), in the ``else`` of ``if name is
    None:`` / ``if not name:``, or after such an ``if`` whose body ends in ``raise`` or ``return``,
    earlier in a block that holds the read, all in the function of the read. Only for a name bound
    once in reach, which nothing can set again in between, or one bound more than once whose
    binding that reaches the read is known (:func:`_reaching_binding`), with the test after it."""
    after: tuple[int, int] | None = None
    if index._single_assignment(name) is None:
        reaching = _reaching_binding(index, name)
        if reaching is None:
            return False
        after = index.position(reaching)

    def later(test: cst.CSTNode) -> bool:
        return after is None or index.position(test) > after

    child: cst.CSTNode = name
    for ancestor in index.ancestors(name):
        if isinstance(ancestor, cst.If) and later(ancestor):
            if child is ancestor.body and _tests_set(ancestor.test, name.value):
                return True
            if child is ancestor.orelse and isinstance(child, cst.Else) and _tests_unset(ancestor.test, name.value):
                return True
        if isinstance(ancestor, (cst.IndentedBlock, cst.Module)):
            for statement in ancestor.body:
                if statement is child:
                    break
                if isinstance(statement, cst.If) and _tests_unset(statement.test, name.value) and _leaves(statement.body) and later(statement):
                    return True
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.Module)):
            return False
        child = ancestor
    return False


def _tests_set(test: cst.BaseExpression, name: str) -> bool:
    """``name``, ``name is not None``, or an ``and`` with one of them: true only when ``name`` is not None."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _tests_set(test.left, name) or _tests_set(test.right, name)
    if isinstance(test, cst.Name):
        return test.value == name
    return _compares_to_none(test, name, cst.IsNot)


def _tests_unset(test: cst.BaseExpression, name: str) -> bool:
    """``not name``, ``name is None``, or an ``or`` with one of them: false only when ``name`` is not None."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return _tests_unset(test.left, name) or _tests_unset(test.right, name)
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return isinstance(test.expression, cst.Name) and test.expression.value == name
    return _compares_to_none(test, name, cst.Is)


def _compares_to_none(test: cst.BaseExpression, name: str, operator: type) -> bool:
    return (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and test.left.value == name
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, operator)
        and _is_none(test.comparisons[0].comparator)
    )


def _leaves(body: cst.BaseSuite) -> bool:
    """Whether a block's last statement is ``raise`` or ``return``."""
    last = body.body[-1] if body.body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1] if last.body else None
    return isinstance(last, (cst.Raise, cst.Return))


def _module_class(index: ModuleIndex, func: cst.BaseExpression) -> cst.ClassDef | None:
    """The ``class`` statement of this module that ``func`` names, when its name is bound once."""
    if not isinstance(func, cst.Name):
        return None
    assignment = index._single_assignment(func)
    node = getattr(assignment, "node", None)
    return node if isinstance(node, cst.ClassDef) else None


def _is_none(node: cst.CSTNode | None) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _admits_none(annotation: cst.BaseExpression) -> bool:
    """``Optional[T]``, ``Union[..., None]``, ``T | None`` (also spelled in a string)."""
    if isinstance(annotation, cst.SimpleString):
        text = literal_string(annotation) or ""
        return "Optional[" in text or "None" in text.replace("NoneType", "")
    if _is_none(annotation):
        return True
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        return _admits_none(annotation.left) or _admits_none(annotation.right)
    if isinstance(annotation, cst.Subscript):
        base = annotation.value
        name = base.attr.value if isinstance(base, cst.Attribute) else base.value if isinstance(base, cst.Name) else ""
        if name == "Optional":
            return True
        if name in ("Union", "Annotated"):
            members = [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
            return any(_admits_none(m) for m in (members if name == "Union" else members[:1]))
    return False


def _class_statements(cls: cst.ClassDef) -> list[cst.BaseSmallStatement]:
    """The small statements directly in the class body (its field declarations)."""
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else [cls.body]
    found: list[cst.BaseSmallStatement] = []
    for line in body:
        if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            found.extend(line.body)
    return found


def _field_defaults_to_none(statement: cst.BaseSmallStatement, name: str) -> bool:
    """``name: T = None``, ``name: Optional[T]`` (a dataclass or pydantic field), ``name = None``,
    ``name: T = field(default=None)`` / ``Field(None)``."""
    if isinstance(statement, cst.AnnAssign) and isinstance(statement.target, cst.Name) and statement.target.value == name:
        value = statement.value
        if value is None:
            return _admits_none(statement.annotation.annotation)
        if _is_none(value):
            return True
        if isinstance(value, cst.Call) and code_of(value.func).rpartition(".")[2] in ("field", "Field"):
            default = next((a.value for a in value.args if a.keyword is not None and a.keyword.value == "default"), None)
            if default is None and value.args and value.args[0].keyword is None:
                default = value.args[0].value
            return _is_none(default)
        return False
    if isinstance(statement, cst.Assign):
        return _is_none(statement.value) and any(
            isinstance(t.target, cst.Name) and t.target.value == name for t in statement.targets
        )
    return False


def _with_env_fallback(
    value: cst.BaseExpression, keyword: str, variable: str, fallback: cst.BaseExpression | None = None
) -> cst.BaseExpression:
    """``E or <what AzureOpenAI read when E was None>`` (or ``E or <fallback>``); for ``k if k else
    None``, ``k if k else <that>`` (the arm that was None, where ``k`` is chosen only when it is set), and any other
    conditional, lambda or ``:=`` parenthesised where ``or`` binds tighter (a trial on quivr: ``k if
    k else None or os.environ...`` was right but read as a mistake)."""
    if fallback is None and keyword == "azure_endpoint":
        fallback = environ_lookup("AZURE_OPENAI_ENDPOINT")
    elif fallback is None:
        fallback = environ_lookup("AZURE_OPENAI_API_KEY") if variable == "AZURE_OPENAI_AD_TOKEN" else _implicit_credential()
    if isinstance(value, cst.IfExp) and not value.lpar and _is_none(value.orelse) and code_of(value.test) == code_of(value.body):
        expression: cst.BaseExpression = value.with_changes(orelse=fallback)
    else:
        if isinstance(value, (cst.IfExp, cst.Lambda, cst.NamedExpr)) and not value.lpar:
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        expression = cst.BooleanOperation(left=value, operator=cst.Or(), right=fallback)
    if keyword == "azure_endpoint":
        return expression.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expression


def _version_parameter(index: ModuleIndex, version: cst.BaseExpression) -> tuple[str, bool] | None:
    """``(function, unread)`` when ``api_version=`` is a parameter of ``function`` (its only binding
    in reach), whose callers choose the version the dropped argument sent; ``unread``: nothing else
    reads the parameter, which the migration leaves unused (a trial on azure-ai-projects:
    ``get_openai_client(api_version=...)`` went silently dead). None for anything else: a preview
    value the module shows is :func:`preview_clause`'s."""
    if not isinstance(version, cst.Name):
        return None
    assignment = index._single_assignment(version)
    param = getattr(assignment, "node", None)
    function = index.parent(index.parent(param)) if isinstance(param, cst.Param) else None
    if not isinstance(function, cst.FunctionDef):
        return None
    owner = next((a for a in index.ancestors(function) if isinstance(a, (cst.ClassDef, cst.FunctionDef))), None)
    name = f"{owner.name.value}.{function.name.value}" if isinstance(owner, cst.ClassDef) else function.name.value
    unread = all(access.node is version for access in assignment.references)  # type: ignore[union-attr]
    return name, unread


def _asks_for_preview(index: ModuleIndex, args: Sequence[cst.Arg]) -> bool:
    """Whether ``api_version=`` among ``args`` is always ``"preview"`` (a literal, or a name bound to one)."""
    return any(
        a.keyword is not None and a.keyword.value == "api_version" and index.string_values(a.value)[0] == "preview"
        for a in args
    )


def _with_preview_query(call: cst.Call) -> cst.Call:
    """Keep ``api_version="preview"`` as ``default_query={"api-version": "preview"}`` (v1 preview features)."""
    element = cst.DictElement(key=string("api-version"), value=string("preview"))
    args = list(call.args)
    for position, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == "default_query":
            if isinstance(arg.value, cst.Dict):
                elements = list(arg.value.elements)
                if elements:
                    elements[-1] = elements[-1].with_changes(
                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    )
                query = arg.value.with_changes(elements=[*elements, element])
            else:
                query = cst.Dict(elements=[cst.StarredDictElement(value=arg.value), element])
            args[position] = arg.with_changes(value=query)
            return call.with_changes(args=args)
    return insert_args(call, len(args), [keyword_arg("default_query", cst.Dict(elements=[element]))])

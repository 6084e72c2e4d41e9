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
``**kwargs`` at the constructor, an ``http_client=`` not shown to add no query (an ``httpx`` client
built with ``params=``, request ``event_hooks=``, a ``transport=`` other than ``httpx.HTTPTransport(...)``,
one built elsewhere, or a name used other than as ``http_client=``, ``with`` or a method call:
``http.params = Q``, ``http.event_hooks["request"].append(h)``), any
``extra_query=``/``default_query=``/``set_default_query=`` elsewhere in the module (a call's,
``with_options(...)``'s, ``copy(...)``'s) that may hold ``"api-version"``, a ``**`` at any call that
may carry one (``client.files.list(**AZURE)``, a dict that a later ``kwargs["extra_query"] = Q`` or
``.update(...)`` fills) other than one into the module's own undecorated function or class
(``Message(**row)``, ``super().__init__(**kwargs)``, whose body passes anything on through calls
looked at here; its class may be built on pydantic's ``BaseModel``, ``TypedDict`` or ``NamedTuple``),
the ``options`` of the client's own ``get``/``post``/``request``... calls that may hold ``"params"``
(``client.get("/files", cast_to=httpx.Response, options={"params": Q})``), the client handed to a
function of another module of the project whose code spells a query keyword, ``options``,
``_custom_query`` or an api-version (``versioning.with_version(client)``, also
``versioning.with_version(self.client)`` in another method of the class), any ``api-version``/``api_version`` the module spells
outside these, an Azure constructor, a docstring or a comment (``client._custom_query = {...}``,
``API_VERSION = ...``, an f-string), and any write to ``_custom_query`` or to the client's own
httpx client (``client._custom_query.update(Q)``, ``setattr(client, "_custom_query", Q)``,
``client._client.params = Q``), where ``Q`` may come from another module. A version another module adds
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
from collections.abc import Callable
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

    Conservative, as the rewrite is proven only when no version is in reach (a trial, r4d: an
    ``httpx.Client(params=...)`` and an ``extra_query`` in a ``**dict`` at a call both sent one to
    v1). Its own ``default_query=``, ``**kwargs`` and ``http_client=`` count, and so does every other
    ``extra_query=`` or ``default_query=`` of the module (a call's, ``client.with_options(...)``'s),
    every ``**`` at a call that may carry one, and any ``api-version``/``api_version`` spelled
    anywhere else: the client need not be followed to its calls to know that no such query is in
    reach. Writes made after a value is built count too (``kwargs["extra_query"] = Q``,
    ``http.params = Q``, ``client._custom_query.update(Q)``: a trial, r5c, with ``Q`` from another
    module). The Azure constructors' own arguments are not this client's."""
    for arg in constructor.args:
        if arg.star == "**":
            return f"**{snippet(arg.value)} may pass a default_query with an api-version", ""
        if arg.keyword is not None and arg.keyword.value == "default_query":
            found = _query_version(index, arg.value)
            if found is not None:
                return _shown(arg, found[0], ""), found[1]
        if arg.keyword is not None and arg.keyword.value == "http_client" and not _sends_no_query(index, arg.value):
            use = _other_use(index, arg.value) if isinstance(arg.value, cst.Name) else None
            how = (
                f"{snippet(_statement_expression(index, use))} on line {index.position(use)[0]} may change its query"
                if use is not None
                else "params=, event_hooks=, a transport; this module does not show it adds none"
            )
            return f"http_client={snippet(arg.value)} may add an api-version to each request ({how})", ""
    for call in index.nodes(cst.Call):
        assert isinstance(call, cst.Call)
        if call is constructor or _is_azure_constructor(call):
            continue
        options = _request_options(call)
        if options is not None:
            found = _options_version(index, options.value)
            if found is not None:
                return _shown(options, found[0], f" on line {index.position(options)[0]}", "options"), found[1]
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in _QUERY_KEYWORDS:
                found = _query_version(index, arg.value)
                if found is not None:
                    return _shown(arg, found[0], f" on line {index.position(arg)[0]}"), found[1]
            if (
                arg.star == "**"
                and _may_carry_query(index, arg.value)
                and not _builds_a_value(index, call)
                and not _fills_this_modules_code(index, call)
            ):
                return (
                    f"**{snippet(arg.value)} on line {index.position(arg)[0]} may pass an extra_query or "
                    "default_query with an api-version",
                    "",
                )
    handed = _handed_to_other_module(index, constructor)
    if handed is not None:
        return handed, ""
    spelled = _unaccounted_api_version(index, constructor)
    if spelled is not None:
        return f"{spelled} may reach its requests (this module does not show where it goes)", ""
    written = _query_written(index)
    if written is not None:
        return written, ""
    return None


#: The client's own request methods (``client.get(path, cast_to=..., options={"params": Q})``: the
#: SDK's way to call a route it has no method for), whose ``options`` may carry a query.
_REQUEST_METHODS = {"get", "post", "patch", "put", "delete", "request", "get_api_list"}
#: Keys of those ``options`` that add a query (``RequestOptions.params``).
_OPTION_QUERY_KEYS = ("params", "extra_query", "default_query")


def _request_options(call: cst.Call) -> cst.Arg | None:
    """The ``options`` of a call of one of :data:`_REQUEST_METHODS`: ``options=`` (a trial, r5d:
    ``client.get("/files", cast_to=httpx.Response, options={"params": Q})`` sent ``Q``'s dated
    version to v1), or ``request(cast_to, options)``'s second argument (or a ``*`` there); not
    ``http.request("GET", url)``, whose first argument is an HTTP method."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in _REQUEST_METHODS:
        return None
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "options":
            return arg
    if func.attr.value != "request":
        return None
    positional = [arg for arg in call.args if arg.keyword is None and arg.star != "**"]
    if not positional or isinstance(positional[0].value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return None
    starred = next((arg for arg in positional if arg.star == "*"), None)
    return starred or (positional[1] if len(positional) > 1 else None)


def _options_version(index: ModuleIndex, value: cst.BaseExpression, *, follow: bool = True) -> tuple[str, str] | None:
    """As :func:`_query_version`, for request ``options``: None when they are a dict display (or a
    name whose only binding in reach is one, changed only with other keys) whose ``"params"`` holds
    no dated ``api-version``."""
    if isinstance(value, cst.Name) and follow:
        bound = index.bound_value(value)
        if isinstance(bound, cst.Dict):
            return _bound_dict(index, value, bound, _options_version(index, bound, follow=False), lambda key: key in _OPTION_QUERY_KEYS)
    if not isinstance(value, cst.Dict):
        return "may hold an api-version", ""
    for element in value.elements:
        key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
        if key is None:
            return "may hold an api-version", ""
        if key in _OPTION_QUERY_KEYS:
            assert isinstance(element, cst.DictElement)
            found = _query_version(index, element.value)
            if found is not None:
                return found
    return None


def _handed_to_other_module(index: ModuleIndex, constructor: cst.Call) -> str | None:
    """``client is passed to versioning.with_version on line 6, and versioning.py spells
    default_query= on line 5``: the client (the name it is bound to, or ``self.x`` read in its class) handed to a function of
    another module of the project whose code may add a query to its requests (a trial, r5d:
    ``client.with_options(default_query=settings.AZURE_QUERY)`` there sent a dated version to v1,
    and nothing reported it). A module of the project that is not found (a relative import, with
    no file to resolve it from) may; a library's (not in the project) is not looked at."""
    statement = index.parent(constructor)
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        target = statement.targets[0].target
    elif isinstance(statement, cst.AnnAssign):
        target = statement.target
    else:
        return None
    if isinstance(target, cst.Name):
        uses = _accesses(index, target) or []
    elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
        uses = _self_reads(index, target)  # a trial, r5d: ``self.client`` handed on in another method
    else:
        return None
    for use in sorted(uses, key=index.position):
        arg, call = index.parent(use), None
        if isinstance(arg, cst.Arg) and arg.value is use:
            call = index.parent(arg)
        if not isinstance(call, cst.Call) or not _imported_callee(index, call.func):
            continue
        for qualified in sorted(index.qualified_names(call.func)):
            shown = _query_in_module(qualified)
            if shown is not None:
                return (
                    f"{code_of(target)} is passed to {code_of(call.func)} on line {index.position(call)[0]}, and "
                    f"{shown}, so it may add an api-version to the client's requests"
                )
    return None


def _self_reads(index: ModuleIndex, target: cst.Attribute) -> list[cst.CSTNode]:
    """Every other ``self.x`` of the class that assigns ``target`` (``self.x = ...`` in one of its
    methods), in its methods and theirs (not in a nested class)."""

    def owner(node: cst.CSTNode) -> cst.ClassDef | None:
        return next((a for a in index.ancestors(node) if isinstance(a, cst.ClassDef)), None)

    cls = owner(target)
    if cls is None:
        return []
    name = target.attr.value
    return [
        node
        for node in index.nodes(cst.Attribute)
        if node is not target
        and node.attr.value == name  # type: ignore[attr-defined]
        and isinstance(node.value, cst.Name)  # type: ignore[attr-defined]
        and node.value.value == "self"  # type: ignore[attr-defined]
        and owner(node) is cls
    ]


def _imported_callee(index: ModuleIndex, func: cst.BaseExpression) -> bool:
    """Whether ``func`` (``versioning.with_version``, ``with_version``) is a name this module imports."""
    root = func
    while isinstance(root, cst.Attribute):
        root = root.value
    if not isinstance(root, cst.Name):
        return False
    scope = index.scope(root)
    assignments = scope[root.value] if scope is not None else ()
    return bool(assignments) and all(isinstance(getattr(a, "node", None), (cst.Import, cst.ImportFrom)) for a in assignments)


def _query_in_module(qualified: str) -> str | None:
    """Where the module of the project that ``qualified`` is taken from shows a way to add a query
    to a client's requests (``versioning.py spells default_query= on line 5``), read with ``ast``
    (:mod:`migrate.project_modules` finds it); None when it shows none or is not in the project."""
    import ast
    import os

    from migrate import project_modules

    found = project_modules.module_tree(qualified)
    if found is None:
        module = qualified.rpartition(".")[0]
        return f"this run cannot read {module or '.'}, a module of the project" if qualified.startswith(".") else None
    path, tree = found
    where = os.path.basename(path)
    if tree is None:
        return f"this run cannot read {where}"
    for node in ast.walk(tree):
        spelled = None
        if isinstance(node, ast.keyword) and node.arg in (*_QUERY_KEYWORDS, "options", "params"):
            spelled = f"{node.arg}="
        elif isinstance(node, ast.Attribute) and node.attr in ("_custom_query", "params", "_params", "event_hooks"):
            spelled = f".{node.attr}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
            node.value == "_custom_query" or _SPELLED.search(node.value)
        ):
            spelled = repr(node.value) if len(node.value) <= 40 else "an api-version"
        elif isinstance(node, ast.Name) and _SPELLED.search(node.id):
            spelled = node.id
        if spelled is not None:
            return f"{where} spells {spelled} on line {node.lineno}"
    return None


#: The keywords that add a query to a client's requests (``set_default_query=``: ``client.copy(...)``,
#: ``client.with_options(...)``).
_QUERY_KEYWORDS = ("extra_query", "default_query", "set_default_query")

#: Attributes of an httpx client that add a query to each request when written (directly or through
#: the OpenAI client's own: ``client._client.params = ...``).
_HTTP_QUERY_ATTRIBUTES = {"params", "_params", "event_hooks", "_event_hooks", "auth", "_auth", "_transport", "_mounts"}


def _query_written(index: ModuleIndex) -> str | None:
    """``client._custom_query.update(...) on line 6 may add an api-version to each request``: a write
    the module makes into a client's default query (``_custom_query``, which every request carries;
    a trial, r5c: ``.update(...)`` and ``setattr(client, "_custom_query", Q)`` sent a version that
    another module held) or into the query an OpenAI client's own httpx client adds."""
    for node in index.nodes(cst.Attribute):
        assert isinstance(node, cst.Attribute)
        inner = node.value
        if node.attr.value == "_custom_query" or (
            node.attr.value in _HTTP_QUERY_ATTRIBUTES and isinstance(inner, cst.Attribute) and inner.attr.value == "_client"
        ):
            return f"{snippet(_statement_expression(index, node))} on line {index.position(node)[0]} may add an api-version to each request"
    for string in index.nodes(cst.SimpleString):
        assert isinstance(string, cst.SimpleString)
        if literal_string(string) == "_custom_query":
            return f"{snippet(_statement_expression(index, string))} on line {index.position(string)[0]} may add an api-version to each request"
    return None


def _statement_expression(index: ModuleIndex, node: cst.CSTNode) -> cst.CSTNode:
    """The outermost expression around ``node`` in its statement, or the assignment it is in (what a
    message shows)."""
    outer = node
    for ancestor in index.ancestors(node):
        if isinstance(ancestor, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            return ancestor  # ``http.params = Q``, not ``http.params``
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            break
        if isinstance(ancestor, cst.BaseExpression):
            outer = ancestor
    return outer


def _is_azure_constructor(call: cst.Call) -> bool:
    callee = call.func.attr.value if isinstance(call.func, cst.Attribute) else code_of(call.func)
    return callee.startswith(("Azure", "AsyncAzure"))


#: Calls that build an HTTP client, and their keywords that cannot add a query to a request.
_HTTP_CLIENTS = {
    "httpx.Client", "httpx.AsyncClient", "openai.DefaultHttpxClient", "openai.DefaultAsyncHttpxClient",
}
_NO_QUERY_KEYWORDS = {
    "timeout", "verify", "cert", "proxy", "proxies", "limits", "follow_redirects", "max_redirects", "http1",
    "http2", "trust_env", "headers", "cookies",
}


def _sends_no_query(index: ModuleIndex, value: cst.BaseExpression, *, follow: bool = True) -> bool:
    """Whether the module shows that the ``http_client=`` ``value`` adds no query to a request:
    ``None``, or an ``httpx``/``openai`` client built (here or as a name's only binding) with
    keywords none of which can (no ``params=``, ``event_hooks=``, ``transport=``, ``auth=``...)."""
    if isinstance(value, cst.Name) and value.value == "None":
        return True
    if isinstance(value, cst.Name) and follow:
        bound = index.bound_value(value)
        return bound is not None and _sends_no_query(index, bound, follow=False) and _other_use(index, value) is None
    if not isinstance(value, cst.Call) or not index.qualified_names(value.func) & _HTTP_CLIENTS:
        return False
    return all(_adds_no_query(index, arg) for arg in value.args)


def _adds_no_query(index: ModuleIndex, arg: cst.Arg) -> bool:
    """An argument of an httpx client that cannot add a query: one of :data:`_NO_QUERY_KEYWORDS`,
    ``transport=httpx.HTTPTransport(...)`` (httpx's own, whose arguments are connection options),
    ``event_hooks=`` with only ``"response"`` hooks (they run once the request is sent)."""
    if arg.keyword is None:
        return False
    if arg.keyword.value in _NO_QUERY_KEYWORDS:
        return True
    if arg.keyword.value == "transport":
        value = arg.value
        return isinstance(value, cst.Call) and bool(index.qualified_names(value.func) & _HTTP_TRANSPORTS)
    if arg.keyword.value == "event_hooks" and isinstance(arg.value, cst.Dict):
        return all(
            isinstance(e, cst.DictElement) and literal_string(e.key) == "response" for e in arg.value.elements
        )
    return False


_HTTP_TRANSPORTS = {"httpx.HTTPTransport", "httpx.AsyncHTTPTransport"}


def _accesses(index: ModuleIndex, name: cst.Name) -> list[cst.CSTNode] | None:
    """Every node that reads the name's only binding in reach (None when it has several)."""
    scope = index.scope(name)
    assignments = scope[name.value] if scope is not None else ()
    if len(assignments) != 1:
        return None
    return [access.node for access in next(iter(assignments)).references]


def _other_use(index: ModuleIndex, name: cst.Name) -> cst.CSTNode | None:
    """The first use of the http client ``name`` that may change its query (the name itself when
    it has several bindings): each other use is ``http_client=name``, ``with name:`` or a call of one
    of its public methods (``name.get(...)``, ``name.close()``), not ``name.params = ...``,
    ``name.event_hooks["request"].append(...)`` or ``configure(name)`` (a trial, r5c: both sent a
    version that another module held)."""
    uses = _accesses(index, name)
    if uses is None:
        return name
    for use in sorted(uses, key=index.position):
        parent = index.parent(use)
        if isinstance(parent, cst.Arg) and parent.keyword is not None and parent.keyword.value == "http_client":
            continue
        if isinstance(parent, cst.WithItem):
            continue
        if (
            isinstance(parent, cst.Attribute)
            and not parent.attr.value.startswith("_")
            and isinstance(call := index.parent(parent), cst.Call)
            and call.func is parent
        ):
            continue
        return use
    return None


def _may_carry_query(index: ModuleIndex, value: cst.BaseExpression, *, follow: bool = True) -> bool:
    """Whether ``**value`` may pass ``extra_query=``/``default_query=``: unless it is a dict display
    (or a name whose only binding in reach is one) whose keys are strings, neither of those."""
    if isinstance(value, cst.Name) and follow:
        bound = index.bound_value(value)
        if bound is None or _may_carry_query(index, bound, follow=False):
            return True
        written = _written_keys(index, value)
        return written is None or any(key is None or key in _QUERY_KEYWORDS for key, _ in written)
    if not isinstance(value, cst.Dict):
        return True
    for element in value.elements:
        key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
        if key is None or key in _QUERY_KEYWORDS:
            return True
    return False


#: Methods of a dict that read it or take keys away (what a name's use may call and add no key).
_DICT_READS = {"get", "items", "keys", "values", "copy", "pop", "popitem", "clear"}
_READING_BUILTINS = {f"builtins.{n}" for n in ("len", "bool", "print", "repr", "str", "sorted", "list", "dict", "tuple", "set", "isinstance")}


def _written_keys(index: ModuleIndex, name: cst.Name) -> list[tuple[str | None, cst.CSTNode]] | None:
    """The keys (None: one this module does not show) the uses of the dict ``name`` add to it, and
    where: ``name["k"] = v``, ``name.update({...})``/``name.update(k=v)``, ``name.setdefault("k", v)``;
    None when a use may add any (passed to a function, aliased, ``|=``...). A trial, r5c: ``kwargs = {}``
    then ``kwargs["extra_query"] = Q`` and ``OPTS.update({"extra_query": Q})`` sent a version."""
    uses = _accesses(index, name)
    if uses is None:
        return None
    written: list[tuple[str | None, cst.CSTNode]] = []
    for use in uses:
        parent = index.parent(use)
        grand = index.parent(parent) if parent is not None else None
        if isinstance(parent, (cst.StarredDictElement, cst.ComparisonTarget)):
            continue
        if isinstance(parent, cst.Arg) and (parent.star == "**" or parent.keyword is not None and parent.keyword.value in (*_QUERY_KEYWORDS, "options")):
            continue  # read there, and the query keywords are looked at where they are
        if isinstance(parent, cst.Arg) and isinstance(grand, cst.Call) and index.qualified_names(grand.func) & _READING_BUILTINS:
            continue
        if isinstance(parent, cst.Subscript) and parent.value is use:
            if isinstance(grand, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)) and grand.target is parent:
                index_ = parent.slice[0].slice if len(parent.slice) == 1 else None
                key = literal_string(index_.value) if isinstance(index_, cst.Index) else None
                written.append((key, parent))
            elif not isinstance(grand, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.WithItem)):
                continue  # a read, or a del
            else:
                return None
            continue
        if isinstance(parent, cst.Attribute) and isinstance(grand, cst.Call) and grand.func is parent:
            method = parent.attr.value
            if method in _DICT_READS:
                continue
            if method == "setdefault" and grand.args and grand.args[0].keyword is None:
                written.append((literal_string(grand.args[0].value), grand))
                continue
            if method == "update":
                for arg in grand.args:
                    if arg.keyword is not None:
                        written.append((arg.keyword.value, arg))
                    elif isinstance(arg.value, cst.Dict) and not arg.star:
                        for element in arg.value.elements:
                            key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
                            written.append((key, element))
                    else:
                        written.append((None, arg))
                continue
        return None
    return written


def _fills_this_modules_code(index: ModuleIndex, call: cst.Call) -> bool:
    """A call of a function or class this module defines (``Message(**row)`` of its own dataclass,
    ``super().__init__(**kwargs)`` in a class built only on its own classes), undecorated and with no
    parameter named like a query keyword: a ``**`` there fills that code's parameters, and whatever
    it passes on to a request goes through a keyword or a ``**`` this module spells, looked at where
    it is (a trial, r5c: these were held back)."""
    func = call.func
    if isinstance(func, cst.Name):
        uses = index.scope(func)
        assignments = uses[func.value] if uses is not None else ()
        if len(assignments) != 1:
            return False
        node = getattr(next(iter(assignments)), "node", None)
        if isinstance(node, cst.FunctionDef):
            return not node.decorators and not _names_a_query(node)
        return isinstance(node, cst.ClassDef) and _own_class(index, node, 0)
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Call)
        and isinstance(func.value.func, cst.Name)
        and "builtins.super" in index.qualified_names(func.value.func)
    ):
        owner = next((a for a in index.ancestors(call) if isinstance(a, cst.ClassDef)), None)
        return owner is not None and all(_own_base(index, base.value, 0) for base in owner.bases)
    return False


def _own_class(index: ModuleIndex, node: cst.ClassDef, depth: int) -> bool:
    """A class whose construction runs only code of this module: decorated with nothing or
    ``@dataclass``, no metaclass, built on such classes (or a builtin one, or one of
    :data:`_DATA_BASES`: pydantic's ``BaseModel``, ``TypedDict``, ``NamedTuple``), no query keyword
    named (a field, a parameter)."""
    if depth > 8 or node.keywords or _names_a_query(node):
        return False
    for decorator in node.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        if not index.qualified_names(target) & {"dataclasses.dataclass", "pydantic.dataclasses.dataclass"}:
            return False
    return all(base.keyword is None and not base.star and _own_base(index, base.value, depth + 1) for base in node.bases)


#: Bases whose construction only validates and stores fields (a trial, r5d: ``Message(**row)`` of a
#: ``BaseModel`` subclass was held back): no query reaches a request through them.
_DATA_BASES = {
    "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel", "typing.TypedDict",
    "typing_extensions.TypedDict", "typing.NamedTuple", "typing_extensions.NamedTuple",
}


def _own_base(index: ModuleIndex, base: cst.BaseExpression, depth: int) -> bool:
    if not isinstance(base, (cst.Name, cst.Attribute)):
        return False
    qualified = index.qualified_names(base)
    if qualified & _DATA_BASES:
        return True
    if not isinstance(base, cst.Name):
        return False
    if any(q.startswith("builtins.") for q in qualified):
        return True
    scope = index.scope(base)
    assignments = scope[base.value] if scope is not None else ()
    node = getattr(next(iter(assignments)), "node", None) if len(assignments) == 1 else None
    return isinstance(node, cst.ClassDef) and _own_class(index, node, depth)


def _names_a_query(node: cst.FunctionDef | cst.ClassDef) -> bool:
    """Whether a parameter (of the function, of a method of the class) or a class field is named
    ``extra_query``/``default_query``/``set_default_query``."""
    class _Names(cst.CSTVisitor):
        found = False

        def visit_Param(self, param: cst.Param) -> None:
            self.found |= param.name.value in _QUERY_KEYWORDS

        def visit_AnnAssign(self, statement: cst.AnnAssign) -> None:
            self.found |= isinstance(statement.target, cst.Name) and statement.target.value in _QUERY_KEYWORDS

    names = _Names()
    node.visit(names)
    return names.found


def _builds_a_value(index: ModuleIndex, call: cst.Call) -> bool:
    """``dict(**d)``, ``"...".format(**d)``: a splat there reaches no request itself (the value
    it builds does only through a keyword or another ``**``, which are looked at where they are)."""
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in ("format", "format_map"):
        return isinstance(call.func.value, (cst.SimpleString, cst.ConcatenatedString)) or code_of(call.func.value) == "str"
    return isinstance(call.func, cst.Name) and "builtins.dict" in index.qualified_names(call.func)


_SPELLED = re.compile(r"api[-_]version", re.IGNORECASE)


def _unaccounted_api_version(index: ModuleIndex, constructor: cst.Call) -> str | None:
    """``"api-version" on line 4``: the first ``api-version``/``api_version`` the module spells
    (in a string, a name, an attribute) outside an Azure constructor, a docstring and a query dict
    that :func:`_query_version` showed to send ``"preview"`` or nothing."""
    accounted: set[cst.CSTNode] = set()
    for call in (constructor, *(c for c in index.nodes(cst.Call) if isinstance(c, cst.Call))):
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in _QUERY_KEYWORDS:
                value = arg.value
                if isinstance(value, cst.Name) and (bound := index.bound_value(value)) is not None:
                    value = bound
                if isinstance(value, cst.Dict) and _query_version(index, value) is None:
                    accounted.update(e.key for e in value.elements if isinstance(e, cst.DictElement))
    found: list[tuple[tuple[int, int], str]] = []
    for kind in (cst.SimpleString, cst.Name):
        for node in index.nodes(kind):
            text = node.value if isinstance(node, (cst.SimpleString, cst.Name)) else ""
            if not _SPELLED.search(text) or node in accounted or _docstring(index, node):
                continue
            if any(isinstance(a, cst.Call) and _is_azure_constructor(a) and a is not constructor for a in index.ancestors(node)):
                continue
            found.append((index.position(node), text))
    if not found and _SPELLED.search(index.code):  # an f-string's text (``f"{u}?api-version={v}"``), not collected
        for text in _formatted_texts(index.module):
            if _SPELLED.search(text.value):
                calls = [a for a in index.ancestors(text) if isinstance(a, cst.Call)]
                if not any(_is_azure_constructor(a) for a in calls):
                    string = next(a for a in index.ancestors(text) if isinstance(a, cst.FormattedString))
                    return f"the api-version in the f-string on line {index.position(string)[0]}"
    if not found:
        return None
    (line, _), text = min(found)
    return f"{text} on line {line}" if len(text) <= 40 else f"an api-version on line {line}"


def _formatted_texts(module: cst.Module) -> list[cst.FormattedStringText]:
    class _Texts(cst.CSTVisitor):
        def __init__(self) -> None:
            self.found: list[cst.FormattedStringText] = []

        def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
            self.found.append(node)

    texts = _Texts()
    module.visit(texts)
    return texts.found


def _docstring(index: ModuleIndex, node: cst.CSTNode) -> bool:
    parent = index.parent(node)
    return isinstance(parent, cst.Expr)


def _shown(arg: cst.Arg, found: str, where: str, keyword: str | None = None) -> str:
    """``default_query sends api-version=V``, ``extra_query=q on line 9 may hold an api-version``."""
    keyword = keyword or (arg.keyword.value if arg.keyword is not None else "")
    shown = keyword if isinstance(arg.value, cst.Dict) else f"{keyword}={snippet(arg.value)}"
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
            return _bound_dict(index, value, bound, _query_version(index, bound, follow=False), lambda key: key == "api-version")
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


def _bound_dict(
    index: ModuleIndex, name: cst.Name, bound: cst.Dict, found: tuple[str, str] | None, watched: Callable[[str], bool]
) -> tuple[str, str] | None:
    """For ``name``, whose only binding in reach is the dict display ``bound`` (and ``found``, what
    that display sends): what it may send once the module's other uses of it count. One that passes
    it on or changes it in a way this module does not show may hold anything; one that writes a key
    ``watched`` says (or a key it cannot read) may hold an api-version."""
    written = _written_keys(index, name)
    where = f"from the dict on line {index.position(bound)[0]}"
    if found is None and written is None:
        return f"may hold an api-version ({name.value} is passed on or changed {where})", ""
    changed = next(((k, n) for k, n in written or () if k is None or watched(k)), None)
    if found is None and changed is not None:
        return f"may hold an api-version ({name.value} is changed on line {index.position(changed[1])[0]})", ""
    return None if found is None else (f"{found[0]} {where}", found[1])


def _with_v1(value: cst.BaseExpression) -> cst.SimpleString | None:
    assert isinstance(value, cst.SimpleString)
    body = string_body(value).rstrip("/")
    if body.endswith("/openai"):
        body = body[: -len("/openai")]
    new = with_string_body(value, body + "/openai/v1/")
    expected = (literal_string(value) or "").rstrip("/").removesuffix("/openai") + "/openai/v1/"
    return new if new is not None and literal_string(new) == expected else None

"""REST calls to Azure OpenAI deployment URLs (``requests``, ``httpx``, ``aiohttp``) move to the v1 routes.

**Why**: code that calls Azure OpenAI without the SDK builds URLs such as
``f"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version}"``. The v1
endpoint has one route per operation, ``{endpoint}/openai/v1/chat/completions``, needs no
``api-version``, and takes the deployment as the body's ``"model"``, as ``OpenAI(base_url=...)``
sends it.

**What changes**: the URL argument of ``requests.get/post/...``, ``requests.Session().post``,
``httpx.post``, ``httpx.Client()/AsyncClient().post``, ``aiohttp.ClientSession().post`` (and
``.request(method, url)``, ``httpx.stream``), matched by qualified name, also through a local
name bound to such a session (``s = requests.Session()``, ``[async] with ... as s``). The URL
may be a string literal, an f-string, an implicit concatenation (``f"..." f"..."``) or a ``+``
concatenation, in the call or in a local name assigned once in the same function and used only
there; ``/openai/`` must follow the endpoint directly (``{endpoint}/openai/...`` or
``https://HOST/openai/...``), and a literal host must be an Azure OpenAI one unless the path
names a deployment. For the deployment operations
(``chat/completions``, ``completions``, ``embeddings``, ``audio/transcriptions``,
``audio/translations``, ``audio/speech``, ``images/generations``, ``images/edits``, and ``responses``,
which v1 serves at ``/openai/v1/responses`` with the deployment as the body's model)
``/openai/deployments/{D}/{op}`` becomes ``/openai/v1/{op}`` and ``"model": D`` is added last to
the ``json={...}`` dict literal (also one held in a local, ``payload = {...}`` earlier in the
call's block and used only there, when ``D`` has the same value there) (last, so it wins over a ``**splat``, as the path did); for the
multipart operations (audio transcriptions/translations, image edits, sent with ``files=``) it
goes into the ``data={...}`` form dict, or a new ``data={"model": D}``. ``/openai/{op}`` routes
without a deployment (``responses``, ``files``, ``batches``, ``models``, ``vector_stores``,
``fine_tuning``, ...) become ``/openai/v1/{op}``; their body already names the model.
``api-version`` leaves the query string and a ``params={...}`` dict literal (an emptied
``params={}`` goes). ``api-version=preview`` stays (v1 preview features still ask for it), as
``client_constructor`` keeps ``api_version="preview"`` as a query. Headers are not touched: the
v1 routes take the key in the same ``api-key`` header as before (Microsoft's v1 REST examples
send ``api-key``), and an Entra ``Authorization: Bearer`` token as before.

**Fix safety**: safe for what it rewrites: the same operation reaches the same deployment with
the same credential. The deployment expression moves from the URL into the body; it is a name,
attribute, subscript with a literal key or a literal, so evaluating it there gives the same
value, and it is assumed to be a ``str`` (an f-string turns any value into text, JSON does not).
Left alone, with a finding: a body that is not a dict literal or already names another
``model``; a URL part this tool cannot read (a variable used elsewhere, a format spec, escapes);
an expression deployment that cannot move safely; a literal host that is not an Azure OpenAI
host (a gateway may not route ``/openai/v1/``); ``aiohttp`` multipart uploads (AOAI702); On Your
Data (``/deployments/D/extensions/...``) and other routes v1 does not serve (AOAI703). A dated
``*-preview`` version is dropped with a note (AOAI704), written out or through a name bound to
one or to an environment lookup whose default is one. A safety net, so that ``check`` never
passes with dated URLs left: in any module, every other string (an
f-string, a ``+`` or implicit concatenation read as one text) that spells
``/openai/deployments/...?api-version``, or ``/openai/<op>?api-version`` on an Azure host or right
after a computed endpoint (``f"{base_url}/openai/models?api-version={v}"``), and that
was neither rewritten nor reported gets AOAI702 (AOAI703 for a route v1 does not serve):
``self.session.post(url)``, ``"...".format()``, ``"..." % (...)``, a URL returned by a helper, and
a module of URL constants that another module sends (it need not name an HTTP library). v1 has
no ``/openai/deployments/`` path, so in a module that shows a sign of an api-version
(``api-version``, ``api_version``, ``API_VERSION``...) a deployment route is reported even when
its api-version or its operation is in another literal (``base = f"{e}/openai/deployments/{d}"``
then ``base + "/chat/completions?api-version=..."``, ``httpx.Client(base_url=...)``, ``params=``),
when only an endpoint stands before ``/openai/`` (its advice names the lines of the ``"api-version"``
keys that calls send in ``params=``; a URL read as one text, ``endpoint + "/" + f"..." f"..."``, gets
one finding). The path may also start the string with no
``/`` before it, as the relative path ``urljoin(endpoint, "openai/deployments/...")`` takes, or
follow a computed endpoint directly (``f"{endpoint}openai/..."``). Docstrings are skipped, and so are log messages
that merely name a route, a route a web framework serves (``@app.post("/openai/deployments/...")``,
``app.router.add_post(...)``, ``web.post(...)``, ``add_api_route(...)``: a server package's name, or
a method of an app or router the module builds from one, ``app = FastAPI()``; a declarative HTTP
client's decorator, uplink's ``@post(...)``, or one on an ``app`` the module does not build, is reported)
and arguments of openai or LangChain calls (``AzureOpenAI(azure_endpoint=...)``, directly or
through the constant given to them): their own transforms report those. A dated URL given to a
library that builds its own requests from it (``azure.ai.inference``, Semantic Kernel,
llama_index, Haystack...), directly or through up to three names (``path = f"/openai/deployments/{d}"``,
``endpoint = urlunparse((..., path, ...))``; also a parameter rebound to it, when every read below
reaches that library and no loop holds the rebinding; or a module function returning it that is
only ever called for that library), gets an AOAI702 that says so; another dated URL in a module that
imports such a library (not the package the file belongs to) gets AOAI702 advice that says to keep it where it
goes to that library. A deployment path with no operation in a module that builds the stock ``OpenAI`` client
gets the advice for its ``base_url``: ``<endpoint>/openai/v1/``, ``model=`` at each call, no api-version query. The SDK's own way to
send a version, ``"api-version": "<dated>"`` in a call's ``extra_query=`` or in the
``default_query=`` of ``client.with_options(...)`` or ``OpenAI(...)``, gets AOAI705 in any module:
AzureOpenAI sent a per-call version in place of its own, and a client moved to ``/openai/v1/``
still sends it, which v1 does not take. So does a value the module does not show
(``{"api-version": os.getenv("AZURE_OPENAI_API_VERSION")}``), unless it is ``"preview"``. (The
Azure constructors' ``default_query`` is their own transforms'.)

**Manual follow-up**: for AOAI702 make the change by hand (drop ``api-version``, use
``/openai/v1/{op}`` and put ``"model": D`` in the body); for AOAI703 keep the dated route or move
to a v1 feature; for AOAI704 add ``?api-version=preview`` if the call uses a preview feature.
"""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar, Union

import libcst as cst
from libcst.metadata.scope_provider import ClassScope, ImportAssignment

from transforms._base import (
    Edits,
    code_of,
    Example,
    Rule,
    Transform,
    drop_items,
    insert_args,
    keyword_arg,
    literal_string,
    preview_clause,
    remove_args,
    snippet,
    string,
    string_body,
    with_string_body,
)
from transforms._index import ModuleIndex
from transforms.openai_base_url import STOCK_CLIENTS

AZURE_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")
LIBRARIES = ("requests", "httpx", "httpx2", "aiohttp")
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
#: Calls that take the URL first: ``requests.post(url)``; ``.request``/``.stream`` take it second.
MODULE_FUNCTIONS: dict[str, str] = {
    **{f"{lib}.{m}": lib for lib in ("requests", "httpx", "httpx2") for m in (*HTTP_METHODS, "request")},
    **{f"requests.api.{m}": "requests" for m in (*HTTP_METHODS, "request")},
    "httpx.stream": "httpx",
    "httpx2.stream": "httpx2",
    "aiohttp.request": "aiohttp",
}
SESSION_FACTORIES: dict[str, str] = {
    "requests.Session": "requests",
    "requests.session": "requests",
    "requests.sessions.Session": "requests",
    "httpx.Client": "httpx",
    "httpx.AsyncClient": "httpx",
    "httpx2.Client": "httpx2",
    "httpx2.AsyncClient": "httpx2",
    "aiohttp.ClientSession": "aiohttp",
    "aiohttp.client.ClientSession": "aiohttp",
}
SESSION_METHODS = (*HTTP_METHODS, "request", "stream")

#: Operations Azure served under ``/openai/deployments/{D}/``; v1 serves them at ``/openai/v1/{op}``.
DEPLOYMENT_OPERATIONS = frozenset(
    {
        "chat/completions",
        "completions",
        "embeddings",
        "audio/transcriptions",
        "audio/translations",
        "audio/speech",
        "images/generations",
        "images/edits",
    }
)
MULTIPART_OPERATIONS = frozenset({"audio/transcriptions", "audio/translations", "images/edits"})
#: Operations that a dated URL may name under ``/openai/deployments/{D}/`` and that v1 serves at
#: ``/openai/v1/{op}`` with ``"model": D`` in the body: the deployment operations, and ``responses``
#: (open-webui's ``{url}/openai/deployments/{model}/responses?api-version=...``; the SDK sends
#: ``/openai/responses`` with the deployment as the body's model, as v1 takes it).
BODY_MODEL_OPERATIONS = DEPLOYMENT_OPERATIONS | {"responses"}
#: First path segment of the ``/openai/{op}`` routes that v1 serves as ``/openai/v1/{op}``.
V1_ROUTES = frozenset(
    {"responses", "files", "batches", "models", "vector_stores", "fine_tuning", "evals", "conversations", "containers", "uploads"}
)
PREVIEW = "preview"

#: A marker for an expression inside the URL text model; it contains none of ``/?&#=``.
_MARK = "\x00"
_TAIL = re.compile(r"openai/(?P<rest>[^?#]*)(?:\?(?P<query>[^#]*))?")
#: What may stand before ``openai/``: nothing or ``/`` (a client's ``base_url``), computed endpoint
#: parts (``{endpoint}/``), or a bare origin ``https://HOST[:port]/``; never a path.
_ORIGIN = re.compile(
    "/?|(?:" + _MARK + "." + _MARK + ")+/?|[a-z][a-z0-9+.-]*://(?P<host>[^/:?#]+)(?::[0-9]+)?/",
    re.IGNORECASE | re.DOTALL,
)


# --------------------------------------------------------------------------- the URL text model


@dataclasses.dataclass
class _Leaf:
    """One operand of a URL expression: a string literal, an f-string or another expression."""

    node: cst.BaseExpression


@dataclasses.dataclass
class _Atom:
    leaf: int  # index into the leaves
    part: int | None  # index into an f-string's parts
    text: str | None  # literal text, or None for an expression
    expression: cst.BaseExpression | None = None
    plain: bool = True  # False for an f-string field with !r, a format spec or =


class _Unreadable(Exception):
    """The URL has a part this tool cannot read exactly; the message says which."""


def _leaves(url: cst.BaseExpression) -> list[_Leaf] | None:
    """The operands of ``a + b + c`` (left-associative), the pieces of ``"a" f"b"`` or ``[url]``; None if no text."""
    if isinstance(url, cst.ConcatenatedString):
        pieces = _pieces(url)
        return [_Leaf(piece) for piece in pieces[0]] if pieces is not None else None
    leaves: list[_Leaf] = []
    node = url
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) and not node.lpar:
        leaves.insert(0, _Leaf(node.right))
        node = node.left
    leaves.insert(0, _Leaf(node))
    if not any(isinstance(leaf.node, (cst.SimpleString, cst.FormattedString)) for leaf in leaves):
        return None
    return leaves


def _pieces(node: cst.ConcatenatedString) -> tuple[list[cst.BaseExpression], list[cst.BaseParenthesizableWhitespace]] | None:
    """The pieces of an implicit concatenation ``"a" f"b" "c"`` and the whitespace between them."""
    pieces: list[cst.BaseExpression] = []
    gaps: list[cst.BaseParenthesizableWhitespace] = []
    current: cst.BaseExpression = node
    while isinstance(current, cst.ConcatenatedString):
        if isinstance(current.left, cst.ConcatenatedString) or (current is not node and current.lpar):
            return None  # not the shape the parser builds
        pieces.append(current.left)
        gaps.append(current.whitespace_between)
        current = current.right
    pieces.append(current)
    return pieces, gaps


def _atoms(leaves: list[_Leaf]) -> list[_Atom]:
    atoms: list[_Atom] = []
    for i, leaf in enumerate(leaves):
        node = leaf.node
        if isinstance(node, cst.SimpleString):
            value = literal_string(node)
            if value is None:  # bytes
                raise _Unreadable(f"`{snippet(node)}` is not a text string")
            atoms.append(_Atom(i, None, value))
        elif isinstance(node, cst.FormattedString):
            if "b" in node.prefix.lower():
                raise _Unreadable(f"`{snippet(node)}` is not a text string")
            raw = "r" in node.prefix.lower()  # a raw f-string's backslashes are plain text
            for j, part in enumerate(node.parts):
                if isinstance(part, cst.FormattedStringText):
                    if ("\\" in part.value and not raw) or "{" in part.value or "}" in part.value:
                        raise _Unreadable(f"`{snippet(node)}` holds escapes")
                    atoms.append(_Atom(i, j, part.value))
                else:
                    assert isinstance(part, cst.FormattedStringExpression)
                    plain = part.conversion is None and part.format_spec is None and part.equal is None
                    atoms.append(_Atom(i, j, None, part.expression, plain))
        else:
            atoms.append(_Atom(i, None, None, node))
    return atoms


def _model_text(atoms: list[_Atom]) -> tuple[str, list[int]]:
    """The URL as text with each expression replaced by a marker; and each character's atom."""
    out: list[str] = []
    owner: list[int] = []
    for n, atom in enumerate(atoms):
        piece = atom.text if atom.text is not None else _MARK + chr(0xE000 + n) + _MARK
        out.append(piece)
        owner.extend([n] * len(piece))
    return "".join(out), owner


def _marked(text: str, atoms: list[_Atom]) -> _Atom | None:
    """The expression atom that ``text`` is exactly the marker of, else None."""
    if len(text) == 3 and text[0] == text[2] == _MARK:
        return atoms[ord(text[1]) - 0xE000]
    return None


@dataclasses.dataclass
class _Url:
    """An Azure OpenAI REST URL read from its expression."""

    node: cst.BaseExpression
    leaves: list[_Leaf]
    atoms: list[_Atom]
    start_atom: int  # the atom holding the ``openai/`` that starts the Azure path
    start_offset: int  # where in that atom's text
    operation: str
    deployment: cst.BaseExpression | str | None  # an expression, the literal text, or None (no deployment)
    extensions: bool  # /deployments/D/extensions/... (On Your Data)
    kept_query: list[str]  # "name=value" items that stay
    versions: list[cst.BaseExpression | str]  # the api-version values found in the query
    host: str | None  # the literal host, when the endpoint is literal text


def _read_url(node: cst.BaseExpression) -> _Url | None:
    """The Azure path of a URL expression; None if it is not one; raises _Unreadable."""
    leaves = _leaves(node)
    if leaves is None:
        return None
    atoms = _atoms(leaves)
    text, owner = _model_text(atoms)
    start = None
    for match in re.finditer("openai/", text):
        at = match.start()
        if at == 0 or text[at - 1] in ("/", _MARK):
            start = at
            break
    if start is None:
        return None
    prefix = text[:start]
    origin = _ORIGIN.fullmatch(prefix)
    if origin is None:
        return None  # ``/openai/`` does not follow the endpoint directly: another service's path
    tail = _TAIL.fullmatch(text, start)
    if tail is None:
        return None
    rest = tail.group("rest")
    if rest.startswith("v1/") or rest == "v1":
        return None  # already on v1
    deployment: cst.BaseExpression | str | None = None
    extensions = False
    if rest.startswith("deployments/"):
        dep_text, slash, operation = rest[len("deployments/") :].partition("/")
        if not slash or not dep_text:
            return None
        marked = _marked(dep_text, atoms)
        if marked is not None:
            if not marked.plain:
                raise _Unreadable("the deployment is formatted with a conversion or format spec")
            deployment = marked.expression
        elif _MARK in dep_text:
            raise _Unreadable("the deployment part of the URL mixes text and expressions")
        else:
            deployment = dep_text
        extensions = operation.startswith("extensions/")
    else:
        operation = rest
    if _MARK in operation:
        raise _Unreadable(f"the operation part of the URL (`{_readable(operation)}`) is computed")
    operation = operation.rstrip("/") if deployment is None else operation
    kept: list[str] = []
    versions: list[cst.BaseExpression | str] = []
    query = tail.group("query")
    for item in (query.split("&") if query else []):
        name, equals, value = item.partition("=")
        if _MARK in name:
            raise _Unreadable("a query parameter name in the URL is computed")
        if name == "api-version":
            marked = _marked(value, atoms)
            if marked is not None:
                versions.append(marked.expression)  # type: ignore[arg-type]
            elif _MARK in value:
                raise _Unreadable("the api-version value mixes text and expressions")
            else:
                versions.append(value)
            continue
        if _MARK in item:
            raise _Unreadable(f"the query parameter `{name}` has a computed value")
        if item:
            kept.append(item)
    host = origin.group("host")
    if host is not None:
        literal = host.rpartition(_MARK)[2].lower()  # ``https://{resource}.openai.azure.com``: the literal end
        if _MARK in host and (not literal or literal.endswith(AZURE_HOSTS)):
            host = None  # a computed host: judged like a computed endpoint
        elif not literal.endswith(AZURE_HOSTS) and deployment is None:
            return None  # ``https://api.github.com/openai/...``: only a deployment path marks an Azure-shaped call
        else:
            host = _readable(host).lower()
    first = owner.index(owner[start])  # where the atom holding the start begins
    return _Url(node, leaves, atoms, owner[start], start - first, operation, deployment, extensions, kept, versions, host)


def _readable(text: str) -> str:
    return re.sub(_MARK + "." + _MARK, "{...}", text)


def _new_url(url: _Url, keep_preview: bool) -> cst.BaseExpression:
    """The URL expression with the Azure path replaced by ``openai/v1/{op}[?query]``."""
    query = list(url.kept_query)
    if keep_preview:
        query.insert(0, f"api-version={PREVIEW}")
    tail = "openai/v1/" + url.operation + ("?" + "&".join(query) if query else "")
    atom = url.atoms[url.start_atom]
    assert atom.text is not None
    leaf = url.leaves[atom.leaf].node
    if isinstance(leaf, cst.SimpleString):
        body = string_body(leaf)
        if "\\" in body or literal_string(leaf) != body:
            raise _Unreadable(f"`{snippet(leaf)}` holds escapes")
        new_leaf: cst.BaseExpression | None = with_string_body(leaf, body[: url.start_offset] + tail)
        if new_leaf is None or literal_string(new_leaf) != body[: url.start_offset] + tail:  # type: ignore[arg-type]
            raise _Unreadable(f"`{snippet(leaf)}` cannot be rewritten exactly")
    else:
        assert isinstance(leaf, cst.FormattedString) and atom.part is not None
        part = leaf.parts[atom.part]
        assert isinstance(part, cst.FormattedStringText)
        if "\\" in part.value or "{" in part.value or "}" in part.value or part.value != atom.text:
            raise _Unreadable(f"`{snippet(leaf)}` holds escapes")
        if any(c in tail for c in "{}\\" + leaf.end):
            raise _Unreadable("the new URL text would need escapes")
        parts = [*leaf.parts[: atom.part], cst.FormattedStringText(part.value[: url.start_offset] + tail)]
        if any(isinstance(p, cst.FormattedStringExpression) for p in parts):
            new_leaf = leaf.with_changes(parts=parts)
        else:  # nothing left to format: a plain string (an f-string without placeholders is lint)
            prefix = leaf.prefix.replace("f", "").replace("F", "")
            text = "".join(p.value for p in parts)  # type: ignore[union-attr]
            new_leaf = cst.SimpleString(f"{prefix}{leaf.start[len(leaf.prefix):]}{text}{leaf.end}")
    if len(url.leaves) == 1:
        return new_leaf.with_changes(lpar=url.node.lpar, rpar=url.node.rpar) if url.node.lpar else new_leaf
    if isinstance(url.node, cst.ConcatenatedString):
        # ``f"{e}/openai/deployments/{d}" f"/chat/completions?api-version={v}"``: keep the pieces before
        # the one holding the path, replace that one, drop the rest (the old path and query).
        found = _pieces(url.node)
        assert found is not None
        pieces, gaps = found
        if any(code_of(gap).strip() for gap in gaps[atom.leaf :]):
            raise _Unreadable("a comment stands between the pieces of the URL")
        result = new_leaf
        for piece, gap in zip(reversed(pieces[: atom.leaf]), reversed(gaps[: atom.leaf])):
            result = cst.ConcatenatedString(left=piece, right=result, whitespace_between=gap)
        return result.with_changes(lpar=url.node.lpar, rpar=url.node.rpar)
    # ``a + b + c``: keep the operands before the one holding the path, replace that one, drop the rest.
    spine: list[cst.BinaryOperation] = []
    node = url.node
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) and not node.lpar:
        spine.insert(0, node)
        node = node.left
    if atom.leaf == 0:
        result: cst.BaseExpression = new_leaf
    else:
        result = spine[atom.leaf - 1].with_changes(right=new_leaf)
    return result.with_changes(lpar=url.node.lpar, rpar=url.node.rpar) if url.node.lpar else result


# --------------------------------------------------------------------------- calls


@dataclasses.dataclass
class _Call:
    call: cst.Call
    library: str
    url_index: int  # index of the URL in call.args
    url_arg: cst.Arg


def _library_of(index: ModuleIndex, call: cst.Call) -> tuple[str, bool] | None:
    """(library, URL-is-second) for a call to an HTTP library function or session method."""
    for name in index.qualified_names(call.func):
        if name in MODULE_FUNCTIONS:
            return MODULE_FUNCTIONS[name], name.rsplit(".", 1)[1] in ("request", "stream")
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in SESSION_METHODS:
        return None
    receiver = func.value
    factory: cst.BaseExpression | None = None
    if isinstance(receiver, cst.Call):
        factory = receiver
    elif isinstance(receiver, cst.Name):
        factory = _session_factory(index, receiver)
    if not isinstance(factory, cst.Call):
        return None
    for name in index.qualified_names(factory.func) or _annotation_names(index, factory.func):
        if name in SESSION_FACTORIES:
            return SESSION_FACTORIES[name], func.attr.value in ("request", "stream")
    return None


def _annotation_names(index: ModuleIndex, annotation: cst.BaseExpression) -> set[str]:
    """Qualified names of a parameter's annotation (``Optional[...]`` and unions are not followed)."""
    return index.qualified_names(annotation) if isinstance(annotation, (cst.Name, cst.Attribute)) else set()


def _session_factory(index: ModuleIndex, name: cst.Name) -> cst.BaseExpression | None:
    """The call that built the session ``name`` when that is its only binding in reach."""
    value = index.bound_value(name)
    if value is not None:
        return value
    scope = index.scope(name)
    if scope is None:
        return None
    assignments = scope[name.value]
    if len(assignments) != 1:
        return None
    assignment = next(iter(assignments))
    if isinstance(assignment, ImportAssignment):
        return None
    target = getattr(assignment, "node", None)
    if isinstance(target, cst.Param):  # ``def f(session: aiohttp.ClientSession)``: the annotation says which
        annotation = target.annotation.annotation if target.annotation is not None else None
        return cst.Call(func=annotation) if annotation is not None else None
    asname = index.parent(target) if target is not None else None
    item = index.parent(asname) if isinstance(asname, cst.AsName) else None
    return item.item if isinstance(item, cst.WithItem) else None


def _url_arg(call: cst.Call, second: bool) -> tuple[int, cst.Arg] | None:
    positional = [i for i, a in enumerate(call.args) if a.keyword is None and not a.star]
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value in ("url", "str_or_url"):
            return i, arg
    want = 1 if second else 0
    if len(positional) > want and all(not a.star for a in call.args[: positional[want] + 1]):
        return positional[want], call.args[positional[want]]
    return None


def _keyword(call: cst.Call, name: str) -> tuple[int, cst.Arg] | None:
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == name:
            return i, arg
    return None


def _movable(index: ModuleIndex, expression: cst.BaseExpression) -> bool:
    """Whether ``expression`` gives the same value evaluated in the body instead of the URL."""
    node = expression
    if isinstance(node, cst.Subscript):
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return False
        key = node.slice[0].slice.value
        if literal_string(key) is None and not isinstance(key, cst.Integer):
            return False
        node = node.value
    if isinstance(node, cst.Call):
        names = index.qualified_names(node.func)
        if not names & {"os.getenv", "os.environ.get"}:
            return False
        return all(literal_string(a.value) is not None and a.keyword is None for a in node.args)
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _dict_key(element: cst.BaseDictElement) -> str | None:
    return literal_string(element.key) if isinstance(element, cst.DictElement) else None


def _append_element(dictionary: cst.Dict, element: cst.DictElement) -> cst.Dict:
    """``dictionary`` with ``element`` added last, laid out like its other elements."""
    elements = list(dictionary.elements)
    if not elements:
        return dictionary.with_changes(elements=[element])
    comma = next((e.comma for e in elements[:-1] if isinstance(e.comma, cst.Comma)), None)
    if comma is None:
        brace = dictionary.lbrace.whitespace_after
        if isinstance(brace, cst.ParenthesizedWhitespace):
            comma = cst.Comma(whitespace_after=brace)
        else:
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    last = elements[-1]
    elements[-1] = last.with_changes(comma=comma)
    elements.append(element.with_changes(comma=last.comma))
    return dictionary.with_changes(elements=elements)


def _model_element(value: cst.BaseExpression) -> cst.DictElement:
    return cst.DictElement(
        key=string("model"),
        value=value,
        whitespace_before_colon=cst.SimpleWhitespace(""),
        whitespace_after_colon=cst.SimpleWhitespace(" "),
    )


def _same_value(a: cst.BaseExpression, b: cst.BaseExpression | str) -> bool:
    if isinstance(b, str):
        return literal_string(a) == b
    return a.deep_equals(b)


# --------------------------------------------------------------------------- the transform

Plan = Union[str, tuple]


class RestCalls(Transform):
    RULES: ClassVar = (
        Rule("AOAI701", "rest-v1-url", "REST call to /openai/deployments/D/<op>?api-version= -> /openai/v1/<op> with \"model\": D", fix=True),
        Rule("AOAI702", "rest-call-left-alone", "a REST call to an Azure OpenAI route that v1 serves could not be rewritten safely", fix=False),
        Rule("AOAI703", "rest-no-v1-route", "a REST call to an Azure OpenAI route that v1 does not serve (On Your Data extensions...)", fix=False),
        Rule("AOAI704", "rest-preview-api-version", "a dated preview api-version was dropped from a REST call: preview features want api-version=preview", fix=False),
        Rule("AOAI705", "dated-api-version-query", "extra_query= or default_query= of an SDK call or its options sends a dated api-version, which the v1 endpoint does not take", fix=False),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="requests with a key header",
            before=(
                "import requests\n\n"
                "def ask(endpoint, key, deployment, question):\n"
                "    r = requests.post(\n"
                '        f"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21",\n'
                '        headers={"api-key": key},\n'
                '        json={"messages": [{"role": "user", "content": question}]},\n'
                "    )\n"
                "    return r.json()\n"
            ),
            after=(
                "import requests\n\n"
                "def ask(endpoint, key, deployment, question):\n"
                "    r = requests.post(\n"
                '        f"{endpoint}/openai/v1/chat/completions",\n'
                '        headers={"api-key": key},\n'
                '        json={"messages": [{"role": "user", "content": question}], "model": deployment},\n'
                "    )\n"
                "    return r.json()\n"
            ),
        ),
        Example(
            title="httpx with params= and a URL in a local name",
            before=(
                "import httpx\n\n"
                "def embed(token, texts):\n"
                '    url = "https://contoso.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings"\n'
                "    return httpx.post(\n"
                "        url,\n"
                '        params={"api-version": "2024-10-21"},\n'
                '        headers={"Authorization": f"Bearer {token}"},\n'
                '        json={"input": texts},\n'
                "    )\n"
            ),
            after=(
                "import httpx\n\n"
                "def embed(token, texts):\n"
                '    url = "https://contoso.openai.azure.com/openai/v1/embeddings"\n'
                "    return httpx.post(\n"
                "        url,\n"
                '        headers={"Authorization": f"Bearer {token}"},\n'
                '        json={"input": texts, "model": "text-embedding-3-small"},\n'
                "    )\n"
            ),
        ),
        Example(
            title="aiohttp, and the responses route",
            before=(
                "import aiohttp\n\n"
                "async def ask(endpoint, key, body):\n"
                "    async with aiohttp.ClientSession() as session:\n"
                '        async with session.post(endpoint + "/openai/responses?api-version=2025-04-01-preview",\n'
                '                                headers={"api-key": key}, json=body) as r:\n'
                "            return await r.json()\n"
            ),
            after=(
                "import aiohttp\n\n"
                "async def ask(endpoint, key, body):\n"
                "    async with aiohttp.ClientSession() as session:\n"
                '        async with session.post(endpoint + "/openai/v1/responses",\n'
                '                                headers={"api-key": key}, json=body) as r:\n'
                "            return await r.json()\n"
            ),
            findings=("AOAI704",),
        ),
        Example(
            title="a body in a local dict used only in the call",
            before=(
                "import requests\n\n"
                "def ask(endpoint, key, deployment, question):\n"
                '    payload = {"messages": [{"role": "user", "content": question}]}\n'
                '    r = requests.post(f"{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21",\n'
                '                      headers={"api-key": key}, json=payload)\n'
                "    return r.json()\n"
            ),
            after=(
                "import requests\n\n"
                "def ask(endpoint, key, deployment, question):\n"
                '    payload = {"messages": [{"role": "user", "content": question}], "model": deployment}\n'
                '    r = requests.post(f"{endpoint}/openai/v1/chat/completions",\n'
                '                      headers={"api-key": key}, json=payload)\n'
                "    return r.json()\n"
            ),
        ),
        Example(
            title="a body in a variable",
            before=(
                "import requests\n\n"
                "def ask(endpoint, key, body):\n"
                '    return requests.post(f"{endpoint}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",\n'
                '                         headers={"api-key": key}, json=body)\n'
            ),
            findings=("AOAI702",),
        ),
        Example(
            title="an SDK call's own dated api-version query is reported: v1 takes none",
            before=(
                "def ask(client, question):\n"
                '    return client.chat.completions.create(model="gpt-4o", messages=[question],\n'
                '                                          extra_query={"api-version": "2025-01-01-preview"})\n'
            ),
            findings=("AOAI705",),
        ),
        Example(
            title="On Your Data has no v1 route",
            before=(
                "import requests\n\n"
                "def ask(endpoint, key, body):\n"
                '    url = f"{endpoint}/openai/deployments/gpt-4o/extensions/chat/completions?api-version=2023-08-01-preview"\n'
                '    return requests.post(url, headers={"api-key": key}, json=body)\n'
            ),
            findings=("AOAI703",),
        ),
    )
    UNCHANGED: ClassVar = (
        # already v1
        'import requests\n\nrequests.post("https://r.openai.azure.com/openai/v1/chat/completions", json={"model": "m"})\n',
        # not an HTTP library call: a string that merely looks similar
        'URL = "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21"\nprint(URL)\n',
        # a project's own function named post
        'def post(url, json):\n    pass\n\npost("https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=1", json={})\n',
        # an unrelated service's URL
        'import requests\n\nrequests.get("https://example.com/openai/status")\n',
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        self._covered: set[cst.CSTNode] = set()  # strings of URLs this transform rewrote or reported
        self._params_rewritten: set[cst.CSTNode] = set()  # params= of the calls it rewrote (their api-version goes)
        for call in index.nodes(cst.Call):
            assert isinstance(call, cst.Call)
            library = _library_of(index, call)
            if library is None:
                continue
            found = _url_arg(call, library[1])
            if found is None:
                continue
            self._plan_call(index, edits, _Call(call, library[0], found[0], found[1]))
        _report_dated_urls_left(index, edits, self._covered, self._params_rewritten)
        _report_dated_queries(index, edits)

    def _plan_call(self, index: ModuleIndex, edits: Edits, target: _Call) -> None:
        url_expr = target.url_arg.value
        holder: cst.Name | None = None
        if isinstance(url_expr, cst.Name):
            value = index.bound_value(url_expr)
            if value is None:
                return
            holder = url_expr
            url_expr = value
        try:
            url = _read_url(url_expr)
        except _Unreadable as why:
            if _looks_azure(url_expr):
                self._cover(url_expr)
                edits.report(index, target.url_arg, "AOAI702", f"{why}; change the URL to /openai/v1/<operation> without api-version and put \"model\": <deployment> in the body by hand")
            return
        if url is None:
            return
        where = target.url_arg
        params = _keyword(target.call, "params")
        params_versions: list[tuple[int, cst.BaseExpression]] = []
        if params is not None:
            if not isinstance(params[1].value, cst.Dict):
                if url.versions or url.deployment is not None:
                    self._cover(url_expr)
                    edits.report(index, params[1], "AOAI702", f"params={snippet(params[1].value)} may carry api-version: drop it, use /openai/v1/{url.operation} and put \"model\" in the body by hand")
                return
            for i, element in enumerate(params[1].value.elements):
                if isinstance(element, cst.StarredDictElement) or _dict_key(element) is None:
                    self._cover(url_expr)
                    edits.report(index, params[1], "AOAI702", "params= has keys this tool cannot read; drop api-version from it by hand")
                    return
                if _dict_key(element) == "api-version":
                    params_versions.append((i, element.value))  # type: ignore[union-attr]
        versions: list[cst.BaseExpression | str] = [*url.versions, *(v for _, v in params_versions)]
        if not versions:
            return  # no api-version anywhere: not a dated Azure OpenAI REST call as far as can be seen
        self._cover(url_expr)  # from here on the call is rewritten, reported or suppressed
        if url.extensions or (url.deployment is not None and url.operation not in BODY_MODEL_OPERATIONS):
            edits.report(
                index, where, "AOAI703",
                f"/openai/deployments/.../{url.operation} has no v1 route; keep the dated api-version route or move to a v1 feature"
                + (" (On Your Data: the Responses API with file search, or Azure AI Search called directly)" if url.extensions else ""),
            )
            return
        if url.deployment is None and url.operation.split("/", 1)[0] not in V1_ROUTES:
            edits.report(index, where, "AOAI703", f"/openai/{url.operation} is not a route this tool knows v1 to serve; check the v1 reference before moving it")
            return
        if url.host is not None and not url.host.endswith(AZURE_HOSTS):
            edits.report(index, where, "AOAI702", f"{url.host} is not an Azure OpenAI host; if it is a gateway, check that it routes /openai/v1/ before moving this call")
            return
        plan = self._body_plan(index, target, url)
        if isinstance(plan, str):
            edits.report(index, where, "AOAI702", plan)
            return
        if holder is not None:
            why = _holder_problem(index, holder, url)
            if why is not None:
                edits.report(index, where, "AOAI702", why)
                return
        if not edits.allows(index, target.call, "AOAI701"):
            return
        literal_versions = [v if isinstance(v, str) else literal_string(v) for v in versions]
        keep_preview = PREVIEW in literal_versions
        try:
            new_url = _new_url(url, keep_preview and bool(url.versions))
        except _Unreadable as why:
            edits.report(index, where, "AOAI702", f"{why}; change the URL to /openai/v1/{url.operation} by hand")
            return
        for version, value in zip(versions, literal_versions):
            if value is not None:
                clause = f"{value} was a preview version" if value.endswith("-preview") else None
            else:  # a name or lookup: a preview version it is bound to, or its default (as AOAI108 and AOAI609)
                clause = preview_clause(index, version) if not isinstance(version, str) else None
            if clause is not None:
                edits.report(
                    index, where, "AOAI704",
                    f"api-version={clause}; v1 serves GA features without one, but if this call "
                    "uses a preview feature add ?api-version=preview",
                )
                break
        drop_params = [i for i, v in params_versions if literal_string(v) != PREVIEW] if params is not None else []
        self._schedule(index, edits, target, holder, new_url, plan, params, drop_params)
        if params is not None:
            self._params_rewritten.add(params[1])
        detail = f', "model": {snippet(plan[2]) if plan[2] is not None else ""} in the body' if plan[0] != "none" else ""
        edits.report(index, target.call, "AOAI701", f"REST call moved to /openai/v1/{url.operation}{detail}", fixed=True)

    def _cover(self, url: cst.BaseExpression) -> None:
        self._covered.update(_string_nodes(url))

    def _body_plan(self, index: ModuleIndex, target: _Call, url: _Url) -> Plan:
        """("json"|"data"|"new-data"|"none", arg index, model expression) or why the body cannot take the model."""
        dep = url.deployment
        if dep is None:
            return ("none", -1, None)
        if isinstance(dep, str):
            if "%" in dep or _MARK in dep:
                return f"the deployment `{dep}` is URL-encoded; put \"model\": <deployment> in the body by hand"
            model: cst.BaseExpression = string(dep)
        else:
            if not _movable(index, dep):
                return f"the deployment `{snippet(dep)}` cannot move from the URL into the body safely; put \"model\": {snippet(dep)} in the body by hand"
            model = dep
        call = target.call
        # the deployment as the code to write: a literal in double quotes, like the JSON keys around it
        shown = code_of(model) if isinstance(dep, str) else snippet(dep)
        if any(a.star for a in call.args):
            return f"the call passes *args/**kwargs, which may carry the body; put \"model\": {shown} in it by hand"
        if url.operation in MULTIPART_OPERATIONS and _keyword(call, "json") is None:
            if target.library == "aiohttp":
                return f"an aiohttp upload: add the form field model={shown} to the FormData, use /openai/v1/{url.operation} and drop api-version by hand"
            if _keyword(call, "files") is None:
                return f"no files= upload found; send model={shown} as a form field, use /openai/v1/{url.operation} and drop api-version by hand"
            data = _keyword(call, "data")
            if data is None:
                return ("new-data", -1, model)
            return self._dict_plan(index, target, data, "data", model, dep, shown, url)
        body = _keyword(call, "json")
        if body is None:
            given = next((k for k in ("data", "content") if _keyword(call, k) is not None), None)
            found = f"the body is {given}=, not a json= dict" if given is not None else "no json= body found"
            return f"{found}; add \"model\": {shown} to the request body, use /openai/v1/{url.operation} and drop api-version by hand"
        return self._dict_plan(index, target, body, "json", model, dep, shown, url)

    @staticmethod
    def _dict_plan(index: ModuleIndex, target: _Call, found: tuple[int, cst.Arg], kind: str, model: cst.BaseExpression, dep, shown: str, url: _Url) -> Plan:  # noqa: ANN001
        position, arg = found
        dictionary = arg.value
        local: cst.Dict | None = None
        if isinstance(dictionary, cst.Name):
            why = _local_dict_problem(index, dictionary, target.call, dep)
            if isinstance(why, cst.Dict):
                local = dictionary = why
            elif why is not None:
                return f"{why}; add \"model\": {shown} to the body, use /openai/v1/{url.operation} and drop api-version by hand"
        if not isinstance(dictionary, cst.Dict):
            return f"the body {kind}={snippet(arg.value)} is not a dict literal; add \"model\": {shown} to it, use /openai/v1/{url.operation} and drop api-version by hand"
        for element in dictionary.elements:
            if isinstance(element, cst.StarredDictElement):
                continue  # "model" goes last, so it wins over a splat as the URL's deployment did
            key = _dict_key(element)
            if key is None:
                return f"the body {kind}= has a computed key that may be \"model\"; add \"model\": {shown} by hand"
            if key == "model":
                if _same_value(element.value, dep):  # type: ignore[union-attr]
                    return (kind + "-has-model", position, model)  # nothing to add, local or not
                return (
                    f"the body already names \"model\": {snippet(element.value)}, which Azure ignored for this deployment URL; "  # type: ignore[union-attr]
                    f"set it to {shown}, use /openai/v1/{url.operation} and drop api-version by hand"
                )
        if local is not None:
            return ("local", local, model)
        return (kind, position, model)

    def _schedule(self, index, edits, target: _Call, holder, new_url, plan, params, drop_params) -> None:  # noqa: ANN001
        kind, position, model = plan
        url_index = target.url_index
        params_index = params[0] if params is not None else None
        params_empty = params is not None and len(drop_params) == len(params[1].value.elements)

        def rewrite(updated: cst.Call) -> cst.Call:
            args = list(updated.args)
            if holder is None:
                args[url_index] = args[url_index].with_changes(value=new_url)
            if kind in ("json", "data"):
                args[position] = args[position].with_changes(value=_append_element(args[position].value, _model_element(model)))
            if params_index is not None and drop_params and not params_empty:
                value = args[params_index].value
                kept = drop_items(value.elements, lambda e, v=value: list(v.elements).index(e) in drop_params)
                args[params_index] = args[params_index].with_changes(value=value.with_changes(elements=kept))
            new = updated.with_changes(args=args)
            if params_empty:
                dropped = new.args[params_index]
                new = remove_args(new, lambda a: a is dropped)
            if kind == "new-data":
                data = cst.Dict([_model_element(model)])
                files = next(a for a in new.args if a.keyword is not None and a.keyword.value == "files")
                at = list(new.args).index(files) + 1
                new = insert_args(new, at, [keyword_arg("data", data)])
            return new

        edits.replace(target.call, rewrite)
        if kind == "local":  # ``payload = {...}`` used only in this call: the model goes into that literal
            edits.replace(position, lambda updated: _append_element(updated, _model_element(model)))
        if holder is not None:
            value = index.bound_value(holder)
            edits.replace(value, lambda updated: new_url)


def _local_dict_problem(index: ModuleIndex, name: cst.Name, call: cst.Call, dep: cst.BaseExpression | str) -> cst.Dict | str | None:
    """The dict literal of ``name = {...}`` when ``"model": dep`` can go into it, else why not (None: not a dict).

    It can when ``name`` is a local of the call's function, assigned once to the literal in a statement
    of the block that holds the call, before it, and used only in this call (no ``name["x"] = ...``,
    no other read); and when ``dep`` has the same value there as in the call: a literal, a parameter,
    a module-level name or a local assigned once in that block before the dict, none reassigned.
    """
    value = index.bound_value(name)
    if not isinstance(value, cst.Dict):
        return None
    scope = index.scope(name)
    assignments = scope[name.value] if scope is not None else set()
    if len(assignments) != 1:
        return None
    assignment = next(iter(assignments))
    if assignment.scope is index.module_scope:  # (a trial: "not a local of this function" where there is none)
        return f"the body `{name.value}` is a module-level name, which other code may read or change"
    if assignment.scope is not scope:
        return f"the body `{name.value}` is not a local of this function"
    references = list(assignment.references)
    if len(references) != 1 or references[0].node is not name:
        return f"the body `{name.value}` is used elsewhere too"
    statement = index.parent(index.parent(value))  # Assign -> SimpleStatementLine
    block = index.parent(statement) if isinstance(statement, cst.SimpleStatementLine) else None
    if not isinstance(block, cst.IndentedBlock):
        return f"`{name.value} = {{...}}` is not a statement of the function's block"
    body = list(block.body)
    at = next((a for a in index.ancestors(call) if index.parent(a) is block), None)
    if at is None or body.index(at) <= body.index(statement):
        return f"`{name.value} = {{...}}` is not in the block of this call, before it"
    if isinstance(dep, str):
        return value
    if not isinstance(dep, cst.Name):
        return f"the deployment `{snippet(dep)}` would be read at `{name.value} = {{...}}` instead of at the call"
    dep_scope = index.scope(dep)
    bindings = dep_scope[dep.value] if dep_scope is not None else set()
    if len(bindings) != 1:
        return f"`{dep.value}` may change between `{name.value} = {{...}}` and the call"
    binding = next(iter(bindings))
    node = getattr(binding, "node", None)
    if binding.scope is index.module_scope or (isinstance(node, cst.Param) and binding.scope is scope):
        return value
    dep_statement = next((a for a in index.ancestors(node) if index.parent(a) is block), None) if node is not None else None
    if binding.scope is scope and dep_statement is not None and body.index(dep_statement) < body.index(statement):
        return value
    return f"`{dep.value}` may not have its value yet at `{name.value} = {{...}}`"


def _holder_problem(index: ModuleIndex, holder: cst.Name, url: _Url) -> str | None:
    """Why the URL in local ``holder`` cannot be rewritten where it is assigned (None when it can)."""
    scope = index.scope(holder)
    assignments = scope[holder.value] if scope is not None else set()
    if len(assignments) != 1:
        return f"`{holder.value}` is assigned more than once; move the URL to /openai/v1/ by hand"
    assignment = next(iter(assignments))
    if assignment.scope is index.module_scope or assignment.scope is not scope:
        where = "a module-level name, which other modules may import" if assignment.scope is index.module_scope else "a name of an enclosing scope"
        dep = url.deployment
        model = f'"model": "{dep}"' if isinstance(dep, str) else f'"model": {snippet(dep)}' if dep is not None else '"model": <deployment>'
        return (
            f"the URL is in `{holder.value}`, {where}; change it by hand to <endpoint>/openai/v1/{url.operation} "
            f"without api-version, and put {model} in the body of each call"
        )
    references = list(assignment.references)
    if len(references) != 1 or references[0].node is not holder:
        return f"`{holder.value}` is used more than once; move the URL to /openai/v1/ by hand"
    dep = url.deployment
    if dep is not None and not isinstance(dep, str):
        if not isinstance(dep, cst.Name):
            return f"the deployment `{snippet(dep)}` would move from `{holder.value} = ...` into the call; put \"model\": {snippet(dep)} in the body by hand"
        dep_scope = index.scope(dep)
        if dep_scope is None or len(dep_scope[dep.value]) > 1:
            return f"`{dep.value}` may change between the URL and the call; put \"model\": {dep.value} in the body by hand"
    return None


def _string_nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Every string literal in ``node`` (pieces of implicit concatenations and f-strings included)."""
    found: list[cst.CSTNode] = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, child: cst.CSTNode) -> bool:
            if isinstance(child, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
                found.append(child)
            return True

    node.visit(Collect())
    return found


def _string_operands(node: cst.CSTNode) -> list[cst.CSTNode] | None:
    """The operands of a string expression read as one text: ``a + "b" + f"c"``, ``"a" f"b"``, ``"a"``."""
    if isinstance(node, (cst.SimpleString, cst.FormattedString)):
        return [node]
    if isinstance(node, cst.ConcatenatedString):
        pieces = _pieces(node)
        return pieces[0] if pieces is not None else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        operands: list[cst.CSTNode] = []
        current: cst.BaseExpression = node
        while isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Add) and (current is node or not current.lpar):
            operands.insert(0, current.right)
            current = current.left
        operands.insert(0, current)
        flat: list[cst.CSTNode] = []
        for operand in operands:
            inner = _string_operands(operand) if isinstance(operand, cst.ConcatenatedString) and not operand.lpar else None
            flat.extend(inner if inner is not None else [operand])
        if any(isinstance(o, (cst.SimpleString, cst.FormattedString)) for o in flat):
            return flat
    return None


def _operand_text(operand: cst.CSTNode) -> str:
    if isinstance(operand, cst.SimpleString):
        value = operand.evaluated_value
        return value if isinstance(value, str) else "{...}"
    if isinstance(operand, cst.FormattedString):
        return "".join(p.value if isinstance(p, cst.FormattedStringText) else "{...}" for p in operand.parts)
    return "{...}"


#: Where ``openai/deployments/`` starts a path: after a ``/``, at the start of the text (the path
#: given to ``urljoin(endpoint, "openai/deployments/...")``), or right after an endpoint that is
#: computed (``f"{endpoint}openai/..."``, ``"%sopenai/..."``: the endpoint ends in ``/``).
_PATH_START = r"(?:/|^|(?<=\})|(?<=%s))"
#: ``/openai/deployments/{D}[/{op}]``: v1 has no such path, so every one is a dated route (the
#: operation and the api-version may be added by another literal, ``params=`` or a session).
_DATED_DEPLOYMENT = re.compile(_PATH_START + r"openai/deployments/(?P<dep>[^/?#]*)(?:/(?P<op>[^?#]*))?")
#: The same route in a string without ``api-version``, read strictly: a deployment name or a computed
#: one, then the end of the text or an operation that runs to the query (not a regex, not a message).
_DEPLOYMENT_URL = re.compile(_PATH_START + r"openai/deployments/(?P<dep>(?:[\w.-]|\{[^{}\s]*\}|%s)+)(?:/(?P<op>[^?#\s]*))?(?=[?#]|$)")
_DATED_ROUTE = re.compile(r"/openai/(?!v1(?:[/?#]|$))(?P<op>[^?#]*)")
#: The same route right after a computed endpoint that ends in "/" (``f"{base_url}openai/models?..."``,
#: as the Azure portal gives the endpoint: a recheck, r6d).
_BARE_ROUTE = re.compile(r"(?:(?<=\})|(?<=%s))openai/(?!v1(?:[/?#]|$))(?P<op>[^?#]*)")
#: Only endpoint expressions (``{...}``, a ``.format`` field ``{}``, ``%s``): what may stand before a
#: dated ``/openai/{op}`` route that names no Azure host.
_COMPUTED_ENDPOINT = re.compile(r"(?:\{[^{}\s]*\}|%s)+")
#: ``api-version=`` as an item of a query string (``?api-version=...``, ``&api-version=...``).
_VERSION_ITEM = re.compile(r"^\?(?:[^&]*&)*api-version=")
#: A sign that a module deals in api-versions: ``api-version``, ``api_version``, ``API_VERSION``, ``apiVersion``.
_API_VERSION_SIGN = re.compile(r"api[-_]?version", re.IGNORECASE)
#: An operation with a computed part: ``{...}`` (an expression, a ``.format`` field) or ``%s``, among path characters.
_COMPUTED_OPERATION = re.compile(r"(?:[\w./-]|\{[^{}\s]*\}|%s)*(?:\{[^{}\s]*\}|%s)(?:[\w./-]|\{[^{}\s]*\}|%s)*")
#: What may stand before ``/openai/deployments/`` in a string without ``api-version``: nothing (a path
#: on a client's base_url), endpoint expressions (``{...}``, ``{}``, ``%s``) or a bare origin; not words.
_URL_ORIGIN = re.compile(r"(?:\{[^{}\s]*\}|%s|[a-z][a-z0-9+.-]*://[^/\s]*)*", re.IGNORECASE)


#: A dated api-version: ``2024-10-21``, ``2025-01-01-preview``.
_DATED_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}(?:-preview)?")


def _report_dated_queries(index: ModuleIndex, edits: Edits) -> None:
    """AOAI705 on ``"api-version": "<dated>"`` in the ``extra_query=`` of an SDK call or the
    ``default_query=`` of a client's options (``client.with_options(...)``, ``OpenAI(...)``).

    AzureOpenAI sent a per-call ``extra_query`` version in place of its own (and overrode one in
    its options); on a client moved to ``/openai/v1/`` the dated version is still sent, with no
    other sign in the code. Only api-version queries carry such values, so the key is reported
    whatever the client (one still on Azure sends it as before; the finding says what to do once
    it moves). The Azure constructors' own ``default_query`` is their transforms' (rewritten or
    reported there).
    """
    if "_query" not in index.code:
        return
    for call in index.nodes(cst.Call):
        assert isinstance(call, cst.Call)
        callee = call.func.attr.value if isinstance(call.func, cst.Attribute) else code_of(call.func)
        if callee.startswith(("Azure", "AsyncAzure")):
            continue
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value not in ("extra_query", "default_query") or not isinstance(arg.value, cst.Dict):
                continue
            for element in arg.value.elements:
                if not isinstance(element, cst.DictElement) or literal_string(element.key) != "api-version":
                    continue
                what = "this request" if arg.keyword.value == "extra_query" else "these options"
                version = literal_string(element.value)
                if version is None:  # (a trial: {"api-version": api_version} from the environment passed check)
                    value, values = index.string_values(element.value)
                    dated = [v for v in values if _DATED_VERSION.fullmatch(v)]
                    if value is not None or values:
                        version = value if value is not None else dated[0] if dated else values[0]
                    else:
                        edits.report(
                            index,
                            element,
                            "AOAI705",
                            f"{arg.keyword.value} sends api-version={snippet(element.value)} with {what}, a value this "
                            "module does not show, so it may be a dated version, which the v1 endpoint (/openai/v1/) "
                            'does not take: drop this key (or send "preview" where a call needs a preview feature) '
                            "when the client moves to v1",
                        )
                        continue
                if not _DATED_VERSION.fullmatch(version):
                    continue
                preview = ' (or set it to "preview" where the call needs a preview feature)' if version.endswith("-preview") else ""
                edits.report(
                    index,
                    element,
                    "AOAI705",
                    f"{arg.keyword.value} sends api-version={version} with {what}, and the v1 endpoint (/openai/v1/) "
                    f"takes no dated api-version: drop this key{preview} when the client moves to v1",
                )


def _params_version_lines(index: ModuleIndex, skip: set[cst.CSTNode]) -> list[int]:
    """The lines of the dated ``"api-version"`` keys that calls of the module send in ``params=``: a
    dict literal, or a name bound once to one (``"preview"`` stays on v1, and the params of the
    calls this transform rewrote, ``skip``, lose theirs)."""
    lines: set[int] = set()
    for call in index.nodes(cst.Call):
        for arg in call.args:  # type: ignore[attr-defined]
            if arg.keyword is None or arg.keyword.value != "params" or arg in skip:
                continue
            value = index.bound_value(arg.value) if isinstance(arg.value, cst.Name) else arg.value
            if not isinstance(value, cst.Dict):
                continue
            for element in value.elements:
                if isinstance(element, cst.DictElement) and _dict_key(element) == "api-version" and literal_string(element.value) != PREVIEW:
                    lines.add(index.position(element)[0])
    return sorted(lines)


def _report_dated_urls_left(index: ModuleIndex, edits: Edits, covered: set[cst.CSTNode], params_rewritten: set[cst.CSTNode]) -> None:
    """AOAI702 on every string that spells a dated Azure OpenAI URL this transform neither rewrote nor reported.

    The URL may reach the HTTP call in ways this transform does not follow (``self.session.post``,
    ``"...".format()``, ``%``, a helper that returns it); without a finding ``check`` would pass.
    A string that spells ``/openai/deployments/{D}`` is dated even without ``api-version`` in it (v1
    has no such path): its operation and api-version may be added elsewhere (``base + "/chat/..."``,
    ``httpx.Client(base_url=...)``, ``params=``, a session's ``params``). Such a string is reported
    when the module shows a sign of an api-version (:data:`_API_VERSION_SIGN`; a module with none is
    not treated as Azure OpenAI code), when only an endpoint stands before the route (``{endpoint}``,
    ``https://HOST`` or nothing: not the words of a message) and when it is not an argument of a
    decorator (``@app.post("/openai/deployments/{d}/chat/completions")``) or of a route registration
    (``app.router.add_post(...)``, ``web.post(...)``): a route the module serves.
    Other ``/openai/{op}`` routes need ``api-version`` in the same text and an Azure host, or ``api-version``
    in their own query and only a computed endpoint before them (``f"{base_url}/openai/models?api-version={v}"``).
    A docstring or other bare string statement is documentation, not a URL, and is skipped; so is a
    string given to an openai or LangChain client, directly or through the names it is assigned to:
    their own transforms report it. Every module is searched, also one of URL constants that names
    no HTTP library: another module sends them, and ``check`` must not pass with them left.
    """
    code = index.code
    if "openai/" not in code or _API_VERSION_SIGN.search(code) is None:
        return
    sent_here = any(lib in code for lib in LIBRARIES)
    other: str | None | object = _UNSET
    params_lines: list[int] | None = None
    units: list[tuple[cst.CSTNode, list[cst.CSTNode]]] = []
    seen: set[cst.CSTNode] = set()

    class Collect(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.parent: list[cst.CSTNode] = []

        def on_visit(self, node: cst.CSTNode) -> bool:
            if node not in seen and isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation)):
                operands = _string_operands(node)
                if operands is not None:
                    seen.update(_string_nodes(node) if not isinstance(node, cst.BinaryOperation) else ())
                    seen.update(o for o in operands if isinstance(o, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)))
                    spine = node if isinstance(node, cst.BinaryOperation) else None
                    while isinstance(spine, cst.BinaryOperation) and isinstance(spine.operator, cst.Add) and (spine is node or not spine.lpar):
                        seen.add(spine)  # the inner ``a + b`` of ``a + b + c``: part of this unit
                        # (a round-6 trial on spacy-llm: the implicit concatenation ``f"openai/deployments/{d}/" f"completions"``
                        # at the end of ``endpoint + "/" + ...`` was read as a unit of its own, a second finding)
                        seen.update(o for o in (spine.left, spine.right) if isinstance(o, cst.ConcatenatedString) and not o.lpar)
                        spine = spine.left
                    if not (self.parent and isinstance(self.parent[-1], cst.Expr)):
                        units.append((node, operands))
            self.parent.append(node)
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            self.parent.pop()

    index.module.visit(Collect())
    for node, operands in units:
        if any(n in covered for o in operands for n in _string_nodes(o)):
            continue
        text = "".join(_operand_text(o) for o in operands)
        versioned = "api-version" in text
        match = (_DATED_DEPLOYMENT if versioned else _DEPLOYMENT_URL).search(text)
        if match is not None and match.group("op") is None and not match.group("dep"):
            match = None  # ``/openai/deployments/?api-version=``: the deployments list route
        if not versioned:
            if match is None or _URL_ORIGIN.fullmatch(text, 0, match.start()) is None:
                continue  # ``f"calling {e}/openai/deployments/{d}"``: a message that names the URL, not the URL
            if _decorator_argument(index, node) or _route_registration(index, node):
                continue  # ``@app.post("/openai/deployments/{d}/...")``: a route this module serves, not a URL it sends
        if _in_sdk_call(index, node) or _given_to_sdk(index, node):
            continue  # an argument of an openai/LangChain client: its own transform reports it
        library = _sdk_call_of(index, node, _OTHER_SDKS) or _given_to_sdk(index, node, _OTHER_SDKS)
        if library is not None and not _own_package(library):
            edits.report(
                index, node, "AOAI702",
                f"this string is a dated Azure OpenAI URL given to {library}, which builds its own requests and "
                "api-version from it; aoai-migrate does not migrate that library: keep it as it is, or move this code "
                "to openai.OpenAI(base_url=<endpoint>/openai/v1/) with model=<deployment> by hand",
            )
            continue
        elsewhere = "" if sent_here else ", and this module calls no HTTP library with it"
        other = _other_sdk_imported(index) if other is _UNSET else other
        # (a round-5 trial: a URL returned by a helper this tool could not follow went to the Azure AI
        # Inference SDK, and the advice below would have broken it)
        sdk_clause = (
            f"; if {other} (which this module imports) takes it, that library builds its own requests and "
            "api-version from it: keep it as it is there" if other else ""
        )
        if match is None:
            route = _DATED_ROUTE.search(text) or _BARE_ROUTE.search(text)
            if route is None:
                continue
            # an Azure host in the text, or (as a call's URL is read) only a computed endpoint before the
            # route and api-version in its own query: ``f"{base_url}/openai/models?api-version={v}"``
            # returned by a helper (a round-6 trial on letta: the models and deployments lists passed check)
            after_endpoint = _COMPUTED_ENDPOINT.fullmatch(text, 0, route.start()) is not None and bool(
                _VERSION_ITEM.search(text[route.end() :].partition("#")[0])
            )
            if not after_endpoint and not any(host + "/" in text.lower() or host + ":" in text.lower() for host in AZURE_HOSTS):
                continue
            operation = route.group("op").rstrip("/")
            served = operation.split("/", 1)[0] in V1_ROUTES
            todo = f"change it to {{endpoint}}/openai/v1/{operation} without api-version"
        else:
            operation = match.group("op") or ""
            root = "" if match.start() == 0 and text.startswith("openai/") else "{endpoint}/"  # urljoin's relative path
            params = ""
            if not versioned:  # (a round-6 trial on spacy-llm: the version went in the call's params=, and no finding said so)
                lines = _params_version_lines(index, params_rewritten) if params_lines is None else params_lines
                params_lines = lines
                if lines:
                    shown = ", ".join(map(str, lines[:-1])) + " and " + str(lines[-1]) if len(lines) > 1 else str(lines[0])
                    params = f' (drop the "api-version" key of the params= on line{"s" if len(lines) > 1 else ""} {shown})'
            if not operation or _COMPUTED_OPERATION.fullmatch(operation):
                body = '"model": <deployment> in the JSON body (the form data for an upload)'
                client = _stock_client_built(index) if not operation else None
                if client is not None:  # (a round-6 trial on pyautogen: ``config["base_url"] += suffix``, ``OpenAI(**config)``)
                    message = (
                        "this string is the start of a dated Azure OpenAI URL that aoai-migrate did not rewrite "
                        f"(a deployment path: the operation is appended elsewhere); if it becomes the base_url of the "
                        f"{client}(...) this module builds, make that base_url <endpoint>/openai/v1/, pass the deployment "
                        "as model= at each call and drop the api-version query (default_query)"
                    )
                    if sent_here:
                        message += f"; if an HTTP call sends it, change it to {root}openai/v1 and put {body}"
                    edits.report(index, node, "AOAI702", message + sdk_clause)
                    continue
                if not operation:  # ``f"{e}/openai/deployments/{d}"``: ``+ "/chat/completions"`` or a base_url
                    message = (
                        "this string is the start of a dated Azure OpenAI URL that aoai-migrate did not rewrite "
                        f"(the operation is appended elsewhere{elsewhere}); change it to {root}openai/v1, so the "
                        f"full URL is {{endpoint}}/openai/v1/<op> without api-version{params}, and put {body}{sdk_clause}"
                    )
                else:
                    message = (
                        "this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite "
                        f"(its operation is computed{elsewhere}); change it to {root}openai/v1/<op> without "
                        f"api-version{params} and put {body}{sdk_clause}"
                    )
                edits.report(index, node, "AOAI702", message)
                continue
            served = operation in BODY_MODEL_OPERATIONS
            body = "the form data" if operation in MULTIPART_OPERATIONS else "the JSON body"
            todo = f'change it to {root}openai/v1/{operation} without api-version{params} and put "model": <deployment> in {body}'
        if not served:
            edits.report(
                index, node, "AOAI703",
                f"this string is a dated Azure OpenAI URL for {operation}, which is not a route this tool knows v1 to "
                "serve; keep the dated api-version route or move to a v1 feature",
            )
            continue
        mock = _mock_of(index, node)
        if mock is not None:  # (a trial: "put model in the JSON body" told a test to edit the mocked response)
            edits.report(
                index, node, "AOAI702",
                f"this string is a dated Azure OpenAI URL that a test mock matches ({mock}); once the code it stands "
                f"in for is migrated, the request goes to {{endpoint}}/openai/v1/{operation} without api-version, "
                "with the deployment as \"model\" in the body: match that URL instead (the mocked response stays)",
            )
            continue
        if versioned:
            why = (
                _template_of(index, node) or "the call that uses it is not one it can follow"
                if sent_here
                else "this module calls no HTTP library with it"
            )
        else:
            why = "the api-version is not in this string" + elsewhere
        if not sent_here and not versioned and text.startswith("/"):  # (a round-2 trial: litellm's proxy routes)
            todo += (
                "; if this program serves this path (a route of a proxy or a mock server) rather than calling it, "
                "it is no URL to change: keep it and suppress this finding"
            )
        edits.report(
            index, node, "AOAI702",
            f"this string is a dated Azure OpenAI URL that aoai-migrate did not rewrite ({why}); {todo}{sdk_clause}",
        )


_SDK_PACKAGES = ("openai.", "langchain_openai.", "langchain.", "langchain_community.")
#: Other libraries that take an Azure OpenAI endpoint and build their own requests (and their own
#: api-version): a dated URL given to one is not a REST call this tool can move.
_OTHER_SDKS = (
    "azure.ai.inference.", "semantic_kernel.", "llama_index.", "haystack.", "haystack_integrations.",
    "autogen", "dspy.", "litellm.", "guidance.",
)  # fmt: skip


_UNSET = object()


def _other_sdk_imported(index: ModuleIndex) -> str | None:
    """The first library of :data:`_OTHER_SDKS` the module imports (``azure.ai.inference``), or None."""
    for alias in index.nodes(cst.ImportAlias):
        statement = index.parent(alias)
        if isinstance(statement, cst.ImportFrom):
            if statement.relative or statement.module is None:
                continue
            name = code_of(statement.module)
        else:
            name = code_of(alias.name)
        for package in _OTHER_SDKS:
            if (name + ".").startswith(package if package.endswith(".") else package) and not _own_package(name):
                return package.rstrip(".") if package.endswith(".") else name.split(".")[0]
    return None


def _own_package(name: str) -> bool:
    """Whether the module or name ``name`` (``autogen.oai.openai_utils``) is a module of the project,
    found from the file being migrated as :mod:`migrate.project_modules` resolves imports: the
    project's own code, not a library it calls (a round-6 trial on pyautogen, whose AOAI702 told the
    user to keep a dated URL because "autogen" takes it; a recheck, r6d: a ``samples/`` script beside
    the package, and a tree without ``__init__.py`` files, got the library's advice). False when no
    file is being migrated (stdin, a text) or the module is not in the project."""
    from migrate import project_modules

    return project_modules.in_project(name)


def _stock_client_built(index: ModuleIndex) -> str | None:
    """``OpenAI`` or ``AsyncOpenAI`` when the module builds the SDK's stock client, else None."""
    for call in index.nodes(cst.Call):
        names = index.qualified_names(call.func) & STOCK_CLIENTS  # type: ignore[union-attr]
        if names:
            return min(names).rpartition(".")[2]
    return None


#: HTTP mocking libraries: a URL in their calls is a request a test expects, not one it sends.
_MOCK_PACKAGES = ("responses.", "respx.", "requests_mock.", "aioresponses.", "pytest_httpx.", "httpretty.")
#: Their fixtures' and mockers' methods, reached through a name the tool cannot resolve (``httpx_mock``).
_MOCK_METHODS = frozenset({"add_response", "add_callback", "register_uri"})
_MOCK_RECEIVERS = frozenset({"respx_mock", "httpx_mock", "requests_mock", "responses_mock", "mocked_responses"})


def _mock_of(index: ModuleIndex, node: cst.CSTNode) -> str | None:
    """The mocking call whose arguments hold ``node`` (``responses.post(URL, json=...)``,
    ``httpx_mock.add_response(url=URL)``), as its qualified name or its code; None otherwise."""
    found = _sdk_call_of(index, node, _MOCK_PACKAGES) or _given_to_sdk(index, node, _MOCK_PACKAGES)
    if found is not None:
        return found
    for ancestor in index.ancestors(node):
        if isinstance(ancestor, cst.Call) and isinstance(ancestor.func, cst.Attribute):
            receiver = ancestor.func.value
            if ancestor.func.attr.value in _MOCK_METHODS or (isinstance(receiver, cst.Name) and receiver.value in _MOCK_RECEIVERS):
                return code_of(ancestor.func)
    return None


def _sdk_call_of(index: ModuleIndex, node: cst.CSTNode, packages: tuple[str, ...] = _SDK_PACKAGES) -> str | None:
    """The qualified name of the callee from ``packages`` whose call's arguments hold ``node``."""
    for ancestor in index.ancestors(node):
        if isinstance(ancestor, cst.Call):
            for qualified in sorted(index.qualified_names(ancestor.func)):
                if qualified.startswith(packages):
                    return qualified
    return None


def _in_sdk_call(index: ModuleIndex, node: cst.CSTNode) -> bool:
    """Whether ``node`` is inside the arguments of a call to something from the openai or LangChain packages."""
    return _sdk_call_of(index, node) is not None


def _template_of(index: ModuleIndex, node: cst.CSTNode) -> str | None:
    """Why a URL string is not read where it is filled in: ``"..." % (...)`` or ``"...".format(...)``."""
    parent = index.parent(node)
    if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Modulo) and parent.left is node:
        return "it is a %-template, which this tool does not fill in"
    if isinstance(parent, cst.Attribute) and parent.attr.value == "format" and isinstance(index.parent(parent), cst.Call):
        return "it is a str.format() template, which this tool does not fill in"
    return None


#: Packages of web servers: a route one of them registers is a path the program serves, not a URL it
#: calls. Declarative HTTP *clients* (uplink's ``@post(path)``, apiron) are not among them: their
#: decorators send the request (a round-5 trial: uplink's dated deployment route passed ``check``).
_SERVER_PACKAGES = (
    "flask", "fastapi", "starlette", "aiohttp.web", "aiohttp.web_app", "aiohttp.web_urldispatcher", "django",
    "sanic", "litestar", "starlite", "quart", "bottle", "tornado", "falcon", "apiflask", "connexion", "blacksheep",
    "robyn", "pyramid", "responder", "werkzeug.routing",
)  # fmt: skip


def _from_server_package(index: ModuleIndex, node: cst.CSTNode) -> bool:
    return any(q == p or q.startswith(p + ".") for q in index.qualified_names(node) for p in _SERVER_PACKAGES)


def _server_object(index: ModuleIndex, node: cst.BaseExpression, depth: int = 3) -> bool:
    """Whether ``node`` is a web server's object: a name from a server package (``bottle.post``,
    ``litestar.post``, ``web.post``), an attribute of one (``app.router`` of ``app = web.Application()``),
    or a name this module binds only to a call of one (``app = FastAPI()``, ``bp = Blueprint(...)``,
    ``self.app = Flask(__name__)``) or to a parameter annotated with one (``app: FastAPI``). Anything
    else (an ``app`` imported from another module, a parameter without such an annotation) is unsure."""
    if depth < 0:
        return False
    if _from_server_package(index, node):
        return True
    if isinstance(node, cst.Call):
        return _server_object(index, node.func, depth - 1)
    if isinstance(node, cst.Attribute):
        if isinstance(node.value, cst.Name) and node.value.value == "self":
            values = []
            for attribute in index.nodes(cst.Attribute):
                target = index.parent(attribute)
                if (
                    isinstance(attribute.value, cst.Name) and attribute.value.value == "self"
                    and attribute.attr.value == node.attr.value and isinstance(target, cst.AssignTarget)
                ):
                    values.append(index.parent(target).value)
            return bool(values) and all(_server_object(index, v, depth - 1) for v in values)
        return _server_object(index, node.value, depth - 1)
    if not isinstance(node, cst.Name):
        return False
    scope = index.scope(node)
    if scope is None:
        return False
    assignments = scope[node.value]
    if not assignments:
        return False
    for assignment in assignments:
        bound = assignment.node
        if isinstance(bound, cst.Param):
            if bound.annotation is None or not _server_object(index, bound.annotation.annotation, depth - 1):
                return False
            continue
        statement = index.parent(bound)
        value = statement.value if isinstance(statement, (cst.Assign, cst.AnnAssign)) else None
        if isinstance(statement, cst.AssignTarget):
            statement = index.parent(statement)
            value = statement.value if isinstance(statement, cst.Assign) else None
        if not isinstance(value, cst.Call) or not _server_object(index, value.func, depth - 1):
            return False
    return True


def _decorator_argument(index: ModuleIndex, node: cst.CSTNode) -> bool:
    """Whether ``node`` is an argument of the call a web server's decorator makes: ``@app.post(node)``
    with ``app = FastAPI()``, ``@bp.route(node)``, litestar's ``@post(node)``. A declarative HTTP
    client's decorator (uplink's ``@post(node)``) sends the request, and one this tool cannot tell is
    neither: both stay reported."""
    arg = index.parent(node)
    call = index.parent(arg) if isinstance(arg, cst.Arg) else None
    return isinstance(call, cst.Call) and isinstance(index.parent(call), cst.Decorator) and _server_object(index, call.func)


#: Methods that register a route a server serves (aiohttp's ``app.router.add_post(path, handler)``,
#: Flask's ``add_url_rule``, FastAPI's and Starlette's ``add_api_route``/``add_route``); none sends a
#: request. The generic ones count on a server's object only (:func:`_server_object`).
_ROUTE_METHODS = frozenset(
    {f"add_{m}" for m in (*HTTP_METHODS, "head", "options", "route", "view", "resource", "api_route", "url_rule", "websocket_route", "api_websocket_route")}
)
#: Names only a web framework's registration has (FastAPI's, Starlette's, Flask's), whatever the receiver.
_SERVER_ONLY_METHODS = frozenset({"add_api_route", "add_url_rule", "add_api_websocket_route", "add_websocket_route"})
#: Route definitions by qualified name: ``web.post(path, handler)`` in ``app.add_routes([...])``, Starlette's ``Route``.
_ROUTE_FACTORIES = (
    *(f"aiohttp.web.{m}" for m in (*HTTP_METHODS, "head", "route", "view")),
    "starlette.routing.Route", "starlette.routing.WebSocketRoute", "django.urls.path", "django.urls.re_path",
    "django.conf.urls.url", "tornado.web.url", "tornado.web.URLSpec", "tornado.routing.Rule",
)  # fmt: skip


def _route_registration(index: ModuleIndex, node: cst.CSTNode) -> bool:
    """Whether ``node`` is an argument of a call that registers a route the program serves:
    ``app.router.add_post(node, handler)`` with ``app = web.Application()`` (a round-5 trial on
    cognee: a test's fake Azure server), ``web.post(node, handler)``, ``Route(node, endpoint)``. A
    server's path, not a URL it calls."""
    arg = index.parent(node)
    call = index.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in _ROUTE_METHODS:
        if call.func.attr.value in _SERVER_ONLY_METHODS or _server_object(index, call.func.value):
            return True
    return any(q in _ROUTE_FACTORIES for q in index.qualified_names(call.func))


def _given_to_sdk(index: ModuleIndex, node: cst.CSTNode, packages: tuple[str, ...] = _SDK_PACKAGES, hops: int = 2) -> str | None:
    """The callee from ``packages`` (the openai and LangChain ones unless given) that reads ``NAME`` in
    its arguments, where ``node`` is the value of ``NAME = node``, bound once; None when there is
    none, or when another read of ``NAME`` goes elsewhere (a round-4 trial: the URL also went to
    ``requests.post`` through a helper). ``NAME``
    may also reach it through up to ``hops`` more names assigned an expression that reads it
    (``path = f"/openai/deployments/{d}"; endpoint = urlunparse((s, host, path, ...));
    ChatCompletionsClient(endpoint=endpoint)``: edsl, a round-4 trial). For other packages than the
    openai and LangChain ones, ``node`` may also be what a function of the module returns, when every
    use of the function is a call that reaches such a callee in the same way (:func:`_returned_to_sdk`)."""
    statement = index.parent(node)
    if isinstance(statement, cst.Assign) and statement.value is node and len(statement.targets) == 1:
        target = statement.targets[0].target
    elif isinstance(statement, cst.AnnAssign) and statement.value is node:
        target = statement.target
    elif isinstance(statement, cst.Return) and statement.value is node and packages != _SDK_PACKAGES:
        return _returned_to_sdk(index, statement, packages, hops)
    else:
        return None
    scope = index.scope(target) if isinstance(target, cst.Name) else None
    if scope is None:
        return None
    assignments = scope[target.value]
    if len(assignments) != 1:  # (a round-4 trial: the SDK read a later value of the name, not this one)
        references = _reads_after(index, scope, statement, assignments)
        if references is None:
            return None
    else:
        references = next(iter(assignments)).references
    found = None
    for reference in references:  # every read must end in such a call: one that sends it elsewhere is a URL left
        library = _sdk_call_of(index, reference.node, packages)
        if library is None and hops:
            value = _assigned_value_holding(index, reference.node, returned=packages != _SDK_PACKAGES)
            library = _given_to_sdk(index, value, packages, hops - 1) if value is not None else None
        if library is None:
            return None
        found = found or library
    return found


def _returned_to_sdk(index: ModuleIndex, statement: cst.Return, packages: tuple[str, ...], hops: int) -> str | None:
    """The callee from ``packages`` that every call of the function returning ``statement``'s value
    reaches (``def endpoint_for(d): return f".../openai/deployments/{d}"`` and
    ``ChatCompletionsClient(endpoint=endpoint_for(d))``: a round-5 trial, whose AOAI702 told the user
    to change a URL the Azure AI Inference SDK must keep); None when the function is decorated, a
    method, bound more than once, or used in any other way (passed on, called for another library)."""
    function = next((a for a in index.ancestors(statement) if isinstance(a, (cst.FunctionDef, cst.Lambda, cst.ClassDef))), None)
    if not isinstance(function, cst.FunctionDef) or function.decorators:
        return None
    scope = index.scope(function.name)
    if scope is None or isinstance(scope, ClassScope):
        return None
    assignments = scope[function.name.value]
    if len(assignments) != 1:
        return None
    found = None
    for reference in next(iter(assignments)).references:
        call = index.parent(reference.node)
        if not (isinstance(call, cst.Call) and call.func is reference.node):
            return None
        library = _sdk_call_of(index, call, packages)
        if library is None and hops:
            value = _assigned_value_holding(index, call, returned=True)
            library = _given_to_sdk(index, value, packages, hops - 1) if value is not None else None
        if library is None:
            return None
        found = found or library
    return found


def _reads_after(index: ModuleIndex, scope, statement: cst.CSTNode, assignments) -> list | None:  # noqa: ANN001
    """The reads of a name bound more than once in ``scope`` that may see the value ``statement``
    binds: those of the same scope that stand after it, and every read from a nested scope (a
    function may run at any time). None when the other bindings are not all above ``statement``,
    or when a loop of the scope holds it (an earlier line may then run after it). So a parameter
    rebound before it reaches the SDK (``endpoint = urlunparse((..., path, ...))`` after
    ``parsed = urlparse(endpoint)``: edsl, a round-5 trial) is followed to the SDK call."""
    for ancestor in index.ancestors(statement):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.Module)):
            break
        if isinstance(ancestor, (cst.For, cst.While)):
            return None
    here = index.position(statement)
    for assignment in assignments:
        node = assignment.node
        if not isinstance(node, cst.Param) and index.position(node) > here:
            return None
    return [
        reference
        for reference in {r for a in assignments for r in a.references}
        if index.scope(reference.node) is not scope or index.position(reference.node) > here
    ]


def _assigned_value_holding(index: ModuleIndex, node: cst.CSTNode, returned: bool = False) -> cst.BaseExpression | None:
    """The value of the ``NAME = <value>`` statement whose value holds ``node`` (within one expression);
    with ``returned``, also that of a ``return <value>``."""
    child, parent = node, index.parent(node)
    while parent is not None and not isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement, cst.Lambda)):
        child, parent = parent, index.parent(parent)
    if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is child:
        return child  # type: ignore[return-value]
    if returned and isinstance(parent, cst.Return) and parent.value is child:
        return child  # type: ignore[return-value]
    return None


def _looks_azure(node: cst.BaseExpression) -> bool:
    text = cst.Module(body=[]).code_for_node(node)
    return "openai/deployments/" in text or "api-version" in text

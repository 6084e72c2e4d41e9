"""A pinned deployment (``azure_deployment=D``) moves to ``model=D`` at every call that used it.

**Why**: ``AzureOpenAI(azure_deployment=D)`` (or ``base_url=".../openai/deployments/D"``) sent
every deployment call (chat and text completions, embeddings, audio, images) to ``D`` whatever
``model=`` said. On v1 there is no client-level deployment: ``model=`` is the deployment. Migrating
the constructor alone would silently send those calls to whatever ``model=`` names.

**What changes**: when the client is a local variable of a function (or a ``with ... as c``
target) and *every* use of it can be followed, the constructor is migrated without the pin and
each deployment call gets ``model=D`` (replacing the ``model=`` that Azure ignored). Calls to
other routes (``responses``, ``files``, ``models``...) already used their own ``model=`` and stay.
When ``D`` may be None (``os.getenv("D")`` without a default, a parameter, a name bound to one),
the call gets ``model=D or M``, ``M`` being its own ``model=``: a pin of None pinned nothing, and
the call went to ``M``. (An empty ``D``, which sent requests to ``/deployments//...``, also
falls back to ``M`` now.)

**Fix safety**: safe when it applies: the same requests reach the same deployment. It does not
apply, and AOAI102 says why, when the client escapes (returned, passed, stored, a module-level
name other modules may import, ``with_options``), a call passes ``**kwargs``, or ``D`` may not
give the same deployment at the call sites: a local of another function, a name bound more than
once (a loop variable reusing it), an attribute or item the function assigns again or may change
(it calls a method of an object the deployment is read through, ``cfg.update(...)``,
``self.reload()``, or passes, aliases or returns such an object), or a call other than an
environment lookup (``os.getenv(...)``), which would run again at each call. The pin read ``D``
once, when the client was built; ``model=D`` reads it at each call.

**Manual follow-up**: none for the calls rewritten here.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from transforms._base import Example, Rule, Transform, code_of, insert_args, keyword_arg, literal_string, nodes_within, snippet
from transforms._index import ENVIRONMENT_LOOKUPS, ModuleIndex

#: Resource paths whose requests Azure routed to ``/deployments/{D}/...`` (or, for realtime, ``deployment=D``).
DEPLOYMENT_CALLS = {
    ("chat", "completions", "create"),
    ("chat", "completions", "parse"),
    ("chat", "completions", "stream"),
    ("beta", "chat", "completions", "parse"),
    ("beta", "chat", "completions", "stream"),
    ("completions", "create"),
    ("embeddings", "create"),
    ("audio", "transcriptions", "create"),
    ("audio", "translations", "create"),
    ("audio", "speech", "create"),
    ("images", "generate"),
    ("images", "edit"),
    ("realtime", "connect"),  # Azure's realtime URL carried ``deployment=<pinned or model>``
    ("beta", "realtime", "connect"),
}
RAW = {"with_raw_response", "with_streaming_response"}


def attribute_chain(node: cst.CSTNode, index: ModuleIndex, root: cst.Name) -> tuple[tuple[str, ...], cst.CSTNode]:
    """The attribute names after ``root`` and the outermost node of that chain."""
    names: list[str] = []
    outer: cst.CSTNode = root
    parent = index.parent(root)
    while isinstance(parent, cst.Attribute) and parent.value is outer:
        names.append(parent.attr.value)
        outer = parent
        parent = index.parent(parent)
    return tuple(names), outer


def follow(index: ModuleIndex, call: cst.Call, deployment: cst.BaseExpression) -> list[cst.Call] | str:
    """The deployment calls made through the client that ``call`` builds, or why they cannot be followed."""
    target = _bound_name(index, call)
    if isinstance(target, str):
        return target
    scope = index.scope(target)
    if scope is None or scope is index.module_scope:
        return f"the client is the module-level name `{target.value}`, which other modules may import and call"
    assignments = scope.assignments[target.value]
    if len(assignments) != 1:
        # a name set in several branches and returned: that its calls are elsewhere is what matters
        # (a trial: "assigned more than once; pass model= at each of its calls" sent a user looking here)
        for assignment in assignments:
            for access in assignment.references:
                if isinstance(index.parent(access.node), cst.Return):
                    return (
                        f"`{target.value}` is returned at line {index.position(access.node)[0]}, so the calls "
                        "that use it are elsewhere"
                    )
        return f"`{target.value}` is assigned more than once"
    sites: list[cst.Call] = []
    for access in next(iter(assignments)).references:
        node = access.node
        if not isinstance(node, cst.Name):
            return f"`{target.value}` is used in a way this tool cannot follow"
        names, outer = attribute_chain(node, index, node)
        parent = index.parent(outer)
        if not names:
            if isinstance(parent, cst.WithItem):
                continue  # ``with client:``
            return f"`{target.value}` escapes at line {index.position(node)[0]} (returned, passed or stored)"
        if not (isinstance(parent, cst.Call) and parent.func is outer):
            return f"`{snippet(outer)}` at line {index.position(node)[0]} is kept for later; it cannot be followed"
        path = tuple(n for n in names if n not in RAW)
        if names[0] in ("with_options", "copy"):
            return f"`{target.value}.{names[0]}(...)` makes another client at line {index.position(node)[0]}"
        if path in DEPLOYMENT_CALLS:
            starred = next((a for a in parent.args if a.star), None)
            if starred is not None:
                return f"the call at line {index.position(parent)[0]} passes `{snippet(starred)}`, which may carry model="
            sites.append(parent)
    unportable = _unportable(index, deployment, call, sites)
    if unportable is not None:
        return unportable
    return sites


def _bound_name(index: ModuleIndex, call: cst.Call) -> cst.Name | str:
    parent = index.parent(call)
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target
    if isinstance(parent, cst.AnnAssign) and isinstance(parent.target, cst.Name):
        return parent.target
    if isinstance(parent, cst.WithItem) and parent.asname is not None and isinstance(parent.asname.name, cst.Name):
        return parent.asname.name
    if isinstance(parent, cst.Return):
        return "the client is returned, so the calls that use it are elsewhere"
    return "the client is not bound to a local name whose uses can be followed"


def _unportable(index: ModuleIndex, deployment: cst.BaseExpression, call: cst.Call, sites: list[cst.Call]) -> str | None:
    """Why ``deployment`` cannot be written at the call sites (None when it can)."""
    if literal_string(deployment) is not None:
        return None
    names = _names(deployment)
    if not _simple(deployment):
        return f"`{snippet(deployment)}` cannot be repeated safely at each call"
    for inner in nodes_within(deployment, cst.Call):
        if not index.qualified_names(inner.func) & ENVIRONMENT_LOOKUPS:
            return f"`{snippet(inner)}` would run again at each call, and could give another deployment"
    here = index.scope(call)
    for name in names:
        if here is not None and len(here[name]) > 1:
            return f"`{name}` is bound more than once, so a call could see another deployment than the pinned one"
    stored = _stored_again(index, deployment, call) or _changed_in_between(index, deployment, call)
    if stored is not None:
        return stored
    for site in sites:
        there = index.scope(site)
        for name in names:
            if here is None or there is None or here[name] != there[name] or not here[name]:
                return f"`{name}` in the deployment is not the same name at line {index.position(site)[0]}"
    return None


def _function_of(index: ModuleIndex, call: cst.Call) -> cst.FunctionDef | cst.Lambda | None:
    """The function (or lambda) that builds the client, where its calls are followed."""
    return next((a for a in index.ancestors(call) if isinstance(a, (cst.FunctionDef, cst.Lambda))), None)


def _stored_again(index: ModuleIndex, deployment: cst.BaseExpression, call: cst.Call) -> str | None:
    """Why an attribute or item the deployment reads may hold another value by the time of a
    call: the function that builds the client stores to it (``cfg["deployment"] = ...``)."""
    if not isinstance(deployment, (cst.Attribute, cst.Subscript)):
        return None
    function = _function_of(index, call)
    if function is None:
        return None
    spelled = code_of(deployment)
    stores: list[cst.CSTNode] = []

    class Collect(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            stores.append(node.target)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            stores.append(node.target)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            stores.append(node.target)

        def visit_Del(self, node: cst.Del) -> None:
            stores.append(node.target)

    function.visit(Collect())
    for target in stores:
        if code_of(target) == spelled:
            return f"`{spelled}` is assigned again at line {index.position(target)[0]}, so a call could see another deployment"
    return None


def _chain(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """``cfg["a"].b`` -> [cfg, cfg["a"], cfg["a"].b]: the expression and the objects it reads through."""
    chain = [node]
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        node = node.value
        chain.append(node)
    return chain[::-1]


def _changed_in_between(index: ModuleIndex, deployment: cst.BaseExpression, call: cst.Call) -> str | None:
    """Why an attribute or item the deployment reads may change between the client's construction
    and a call: the function calls a method of an object it reads through (``cfg.update(...)``,
    ``self.reload()``), or passes, aliases or returns such an object (``refresh(settings)``).

    The pin read the deployment once, when the client was built; ``model=`` reads it at each call.
    Environment lookups (``os.environ["D"]``) are the exception the module docstring describes.
    """
    if not isinstance(deployment, (cst.Attribute, cst.Subscript)) or index.qualified_names(deployment.value) & {"os.environ"}:
        return None
    function = _function_of(index, call)
    chain = _chain(deployment)
    root = chain[0]
    if function is None or not isinstance(root, cst.Name):
        return None
    holders = {code_of(node) for node in chain[:-1]}  # the objects the deployment is read through
    for name in _uses_of(function, root.value):
        outer: cst.CSTNode = name
        parent = index.parent(outer)
        while isinstance(parent, (cst.Attribute, cst.Subscript)) and parent.value is outer:
            outer, parent = parent, index.parent(parent)
        if isinstance(parent, cst.Call) and parent.func is outer and isinstance(outer, cst.Attribute):
            touched: cst.CSTNode = outer.value  # a method of this object runs
        elif code_of(outer) in holders:
            touched = outer  # the object itself is passed on, aliased, returned, iterated...
        else:
            continue
        if code_of(touched) in holders:
            shown = parent if isinstance(parent, cst.Call) and parent.func is outer else outer
            return (
                f"line {index.position(outer)[0]} (`{snippet(shown)}`) may change `{snippet(deployment)}` after the "
                f"client is built (bind it to a local name before the client, and the tool can move that)"
            )
    return None


def _uses_of(function: cst.CSTNode, name: str) -> list[cst.Name]:
    """Every ``Name`` spelled ``name`` in ``function`` (not attribute names after a dot)."""
    found: list[cst.Name] = []

    class Collect(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            attribute.value.visit(self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            if node.value == name:
                found.append(node)

        # a binding of the name is not a use of the object it held (a name bound twice is refused anyway)
        def visit_AssignTarget(self, node: cst.AssignTarget) -> bool:
            return not isinstance(node.target, cst.Name)

        def visit_AsName(self, node: cst.AsName) -> bool:
            return not isinstance(node.name, cst.Name)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
            if not isinstance(node.target, cst.Name):
                return True
            for part in (node.annotation, node.value):
                if part is not None:
                    part.visit(self)
            return False

        def visit_Param(self, node: cst.Param) -> bool:
            for part in (node.annotation, node.default):
                if part is not None:
                    part.visit(self)
            return False

    function.visit(Collect())
    return found


def _simple(node: cst.BaseExpression) -> bool:
    """Literals, names, attributes and ``os.environ[...]``/``os.getenv(...)``-style lookups."""
    if isinstance(node, (cst.SimpleString, cst.Name)):
        return True
    if isinstance(node, cst.Attribute):
        return _simple(node.value)
    if isinstance(node, cst.Subscript):
        return _simple(node.value) and all(
            isinstance(e.slice, cst.Index) and isinstance(e.slice.value, cst.SimpleString) for e in node.slice
        )
    if isinstance(node, cst.Call):
        return _simple(node.func) and all(isinstance(a.value, cst.SimpleString) and not a.star for a in node.args)
    return False


def _names(node: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class Collect(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            attribute.value.visit(self)
            return False

        def visit_Name(self, name: cst.Name) -> None:
            found.append(name.value)

    node.visit(Collect())
    return found


def may_be_none(index: ModuleIndex, deployment: cst.BaseExpression, seen: frozenset[int] = frozenset()) -> bool:
    """Whether ``deployment`` may be None (or another false value) when the client is built, as far as
    the module shows: an environment lookup without a default, a parameter, a name bound to one.
    ``azure_deployment=None`` pinned nothing: each call went to the deployment its own ``model=`` named."""
    if id(deployment) in seen:
        return True
    seen = seen | {id(deployment)}
    if isinstance(deployment, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return literal_string(deployment) == "" if isinstance(deployment, cst.SimpleString) else False
    if isinstance(deployment, cst.Subscript):
        return not index.qualified_names(deployment.value) & {"os.environ"}  # a lookup that raises, not None
    if isinstance(deployment, cst.Call):
        if not index.qualified_names(deployment.func) & ENVIRONMENT_LOOKUPS or len(deployment.args) < 2:
            return True
        return may_be_none(index, deployment.args[1].value, seen)
    if isinstance(deployment, cst.Name):
        value = index.bound_value(deployment)
        return True if value is None else may_be_none(index, value, seen)
    return True


#: What ``D or M`` may hold without parentheses around ``M`` (``D or a if c else b`` would not read as meant).
_ATOMS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer)


def model_position(call: cst.Call) -> int | None:
    """Where the call's own ``model=`` argument stands, if it has one."""
    return next((n for n, a in enumerate(call.args) if a.keyword is not None and a.keyword.value == "model"), None)


def set_model(call: cst.Call, deployment: cst.BaseExpression, fallback: bool = False) -> cst.Call:
    """``model=deployment`` at a call site, replacing the ``model=`` Azure ignored; with ``fallback``
    (the deployment may be None), ``model=deployment or <that model>``, which is where a pin of None sent it."""
    position = model_position(call)
    if position is None:
        return insert_args(call, 0, [keyword_arg("model", deployment)])
    args = list(call.args)
    arg = args[position]
    value = deployment
    if fallback:
        model = arg.value
        if not isinstance(model, _ATOMS) and not model.lpar:
            model = model.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        value = cst.BooleanOperation(deployment, cst.Or(), model)
    args[position] = arg.with_changes(value=value)
    return call.with_changes(args=args)


def deployment_of_base_url(value: cst.BaseExpression) -> tuple[cst.SimpleString, cst.SimpleString] | None:
    """``".../openai/deployments/D"`` -> (the endpoint literal, ``"D"``), for a plain literal."""
    text = literal_string(value)
    if not isinstance(value, cst.SimpleString) or text is None:
        return None
    head, marker, tail = text.rstrip("/").partition("/openai/deployments/")
    if not marker or not tail or "/" in tail or not head:
        return None
    quote = value.quote if value.quote in ('"', "'") else '"'
    endpoint = cst.SimpleString(f"{value.prefix}{quote}{head}{quote}")
    deployment = cst.SimpleString(f"{quote}{tail}{quote}")
    if literal_string(endpoint) != head or literal_string(deployment) != tail:
        return None
    return endpoint, deployment


class Deployments(Transform):
    """Planned together with the constructor (see ``client_constructor``); this class documents it."""

    RULES: ClassVar = (
        Rule("AOAI003", "deployment-model", "a pinned deployment becomes model=<deployment> at each deployment call", fix=True),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="a local client with a pinned deployment",
            before=(
                "from openai import AzureOpenAI\n\n"
                "def summarise(text):\n"
                '    client = AzureOpenAI(azure_endpoint=E, azure_deployment="gpt-4o-prod", api_key=K, api_version=V)\n'
                '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])\n'
            ),
            after=(
                "from openai import OpenAI\n\n"
                "def summarise(text):\n"
                '    client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=K)\n'
                '    return client.chat.completions.create(model="gpt-4o-prod", messages=[{"role": "user", "content": text}])\n'
            ),
        ),
        Example(
            title="a client that escapes keeps its pin, with the reason",
            before=(
                "from openai import AzureOpenAI\n\n"
                "def make():\n"
                '    return AzureOpenAI(azure_endpoint=E, azure_deployment="gpt-4o-prod", api_key=K, api_version=V)\n'
            ),
            findings=("AOAI102",),
        ),
    )

    def plan(self, index: ModuleIndex, edits) -> None:  # noqa: ANN001 - planned by ClientConstructor
        return None



"""Uses of the Azure classes that change meaning after migration: reported, never guessed.

**Why**: after migration the program builds ``OpenAI``. ``isinstance(c, AzureOpenAI)`` is then
``False``, ``class X(AzureOpenAI)`` still speaks the Azure URL scheme and ``api-version``, a class
stored in a variable or passed around is built elsewhere with Azure arguments, and
``mock.patch("app.llm.AzureOpenAI")`` patches a name the module no longer uses.

**What it reports**: ``isinstance``/``issubclass`` checks, and the checks written otherwise: a
class pattern (``case AzureOpenAI():``) and the annotated parameter of a ``@f.register`` handler
(``functools.singledispatch`` picks the handler by ``isinstance``) (AOAI201), subclasses (AOAI202), the
class used as a value (AOAI203), dotted strings naming it, such as patch targets, and its bare
name where the call takes it for an attribute holding the class (``getattr``/``hasattr``/``setattr``
on openai, ``mock.patch.object``, ``monkeypatch.setattr``: AOAI204; a label such as
``provider="AzureOpenAI"`` is not reported, nor a path past a client resource such as
``"openai.AzureOpenAI.chat.completions.create"``, which no patch or import resolves), ``from
openai import *`` next to a bare ``AzureOpenAI`` (AOAI205), and the class taken from another
module of the project (``from pkg.client import AzureOpenAI`` checked with ``isinstance``, or any
relative import of it: AOAI206), which loses the name once that module is migrated. That module is
read (with ``ast``, never run) from the file's folder or, for ``pkg.client``, from the nearest
folder above it that holds ``pkg``; a name it defines itself (a class, an enum member, an
assignment not from openai) is not reported, and where it cannot be read (stdin, a module outside
the tree) the advice covers both cases. In a notebook, an IPython line
that names the class (``%time client = AzureOpenAI(...)``, ``!python -c "..."``, ``AzureOpenAI?``)
is not Python the tool can rewrite (AOAI207), and renaming the class where it is imported would
leave that line with a name that no longer exists: the notebook's constructors, imports and
annotations are left alone until the line is rewritten by hand or taken out of the magic. A
``%%writefile -a app.py`` cell whose body holds code to migrate is reported too (AOAI207): it
appends to a file the tool cannot assemble from the notebook, so the body is left as it is.

**What changes**: a check whose tuple or ``|`` union names the stock class too
(``isinstance(c, (OpenAI, AzureOpenAI))``, ``AsyncOpenAI | AsyncAzureOpenAI``) keeps its meaning,
so it is not reported: the Azure class, a subclass of the stock one, is dropped from it (AOAI208).

**Fix safety**: the drop is safe: ``AzureOpenAI`` subclasses ``OpenAI`` (``AsyncAzureOpenAI``
subclasses ``AsyncOpenAI``), so the check accepts exactly what it accepted, before and after the
migration. Everything else is report only.

**Manual follow-up**: each finding says what to change; ``OpenAI`` is the base class of
``AzureOpenAI``, so ``isinstance(c, OpenAI)`` accepts both.
"""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
from libcst.metadata.scope_provider import ImportAssignment

from migrate import project_modules
from transforms._base import Edits, Example, Rule, Transform, code_of, drop_items, literal_string
from transforms._index import OPENAI_MODULES, ModuleIndex, Reference

_DOTTED = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_]*\.)+(Async)?AzureOpenAI(?P<member>(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")
#: The clients' resources: on the class, ``AzureOpenAI.chat`` is a ``functools.cached_property`` (openai
#: 3.x), which has no ``completions``, so a dotted path past one
#: (``"openai.AzureOpenAI.chat.completions.create"``) cannot be a patch target or an import path.
_CLIENT_RESOURCES = frozenset({
    "admin", "audio", "batches", "beta", "chat", "completions", "containers", "content_provenance_checks",
    "conversations", "decisions", "embeddings", "evals", "files", "fine_tuning", "images", "live", "models",
    "moderations", "realtime", "responses", "safety", "skills", "uploads", "vector_stores", "videos", "webhooks",
    "with_raw_response", "with_streaming_response",
})  # fmt: skip
#: What a test that patches the constructor may still expect of it after the point moved.
_ARGUMENTS = (
    "; a test that asserts the constructor's arguments must then expect base_url=<endpoint>/openai/v1/ and "
    "api_key=, not azure_endpoint= or api_version="
)
#: Libraries with a class of their own named ``AzureOpenAI``: a dotted string into them is not ours.
_LOOKALIKE_PACKAGES = (
    "langchain", "langchain_openai", "langchain_community", "llama_index", "promptflow",
    "dspy", "guidance", "haystack", "haystack_integrations", "autogen", "autogen_ext", "semantic_kernel",
    "pandasai",
)  # fmt: skip


_SDK_OR_LOOKALIKE = tuple(f"{package}." for package in ("openai", "langfuse", *_LOOKALIKE_PACKAGES))
#: What code that reads the class by name must change with it.
_LOOKED_UP = " and build it with base_url=<endpoint>/openai/v1/ and api_key=, not azure_endpoint= or api_version="
#: Builtins that take an object and an attribute name -> what they do with the attribute.
_ATTRIBUTE_BUILTINS = {"builtins.getattr": "reads", "builtins.hasattr": "tests", "builtins.setattr": "sets", "builtins.delattr": "deletes"}
#: Calls that import a module by its dotted name and return it.
_MODULE_LOADERS = {"importlib.import_module", "builtins.__import__"}


def _argument(call: cst.Call, position: int, keyword: str | None = None) -> cst.Arg | None:
    """The argument of ``call`` at ``position`` (before any ``*``/``**``), or passed as ``keyword``."""
    for i, arg in enumerate(call.args):
        if arg.star:
            return None
        if arg.keyword is None and i == position:
            return arg
        if arg.keyword is not None and keyword is not None and arg.keyword.value == keyword:
            return arg
    return None


def _is_openai_module(index: ModuleIndex, node: cst.BaseExpression) -> bool:
    """Whether ``node`` is openai's module (or one of its submodules) as the runtime sees it: a
    name imported from it (``openai``, ``openai.lib.azure``), ``importlib.import_module("openai")``
    / ``__import__("openai")``, or ``sys.modules["openai"]``."""

    def sdk(name: str | None) -> bool:
        return name is not None and (name == "openai" or name.startswith("openai."))

    if isinstance(node, (cst.Name, cst.Attribute)):
        names = index.qualified_names(node)
        return bool(names) and all(map(sdk, names)) and _imported(index, node)
    if isinstance(node, cst.Call) and index.qualified_names(node.func) & _MODULE_LOADERS:
        first = _argument(node, 0, "name")
        return first is not None and sdk(literal_string(first.value))
    if isinstance(node, cst.Subscript) and index.qualified_names(node.value) == {"sys.modules"}:
        element = node.slice[0].slice if len(node.slice) == 1 else None
        return isinstance(element, cst.Index) and sdk(literal_string(element.value))
    return False


def _attribute_name_use(index: ModuleIndex, node: cst.SimpleString) -> tuple[str, str, str] | None:
    """For a bare ``"AzureOpenAI"``: (the callee, what it does to the attribute, of what) when the call it is
    given to uses it as the name of an attribute that holds the class, else None. That is
    ``getattr``/``hasattr``/``setattr``/``delattr`` on openai's module, and a patch of that attribute
    (``mock.patch.object``, ``mocker.patch.object``, ``monkeypatch.setattr``/``delattr``) on any
    object but another library that has a class of that name: like the dotted target
    ``"app.llm.AzureOpenAI"``, a patch of a project module's name stops matching once that module is
    migrated. A label (``provider="AzureOpenAI"``, ``log("AzureOpenAI")``) names nothing."""
    arg = index.parent(node)
    call = index.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or node is not arg.value:  # type: ignore[union-attr]
        return None
    func = call.func
    builtin = [_ATTRIBUTE_BUILTINS[q] for q in index.qualified_names(func) if q in _ATTRIBUTE_BUILTINS]
    if builtin:
        target = _argument(call, 0)
        if arg is _argument(call, 1) and target is not None and _is_openai_module(index, target.value):
            return code_of(func), builtin[0], "of openai "
        return None
    if not isinstance(func, cst.Attribute):
        return None
    method, owner = func.attr.value, func.value
    patch_object = method == "object" and code_of(owner).rpartition(".")[2] == "patch"  # mock.patch.object
    if patch_object or method in ("setattr", "delattr"):  # monkeypatch.setattr(target, name, value)
        if arg is not _argument(call, 1, "attribute" if patch_object else "name"):
            return None
        target = _argument(call, 0, "target")
        packages = {q.partition(".")[0] for q in index.qualified_names(target.value)} if target is not None else set()
        if packages and packages <= set(_LOOKALIKE_PACKAGES):
            return None  # ``mock.patch.object(langchain_openai, "AzureOpenAI")``: their class
        return code_of(func), "deletes" if method == "delattr" else "replaces", ""
    return None


def _imported(index: ModuleIndex, node: cst.CSTNode) -> bool:
    """Whether the name at the root of ``node`` (``c`` of ``c.AzureOpenAI``) is bound only by imports."""
    root = node
    while isinstance(root, cst.Attribute):
        root = root.value
    scope = index.scope(root) if isinstance(root, cst.Name) else None
    assignments = scope[root.value] if scope is not None else ()  # type: ignore[attr-defined]
    return bool(assignments) and all(isinstance(a, ImportAssignment) for a in assignments)


def _checked_against(index: ModuleIndex, node: cst.CSTNode) -> bool:
    """Whether ``node`` (a name of the Azure class) is what an ``isinstance``/``issubclass`` checks
    against: how a test asks whether the module it tests built openai's class. (A call with Azure
    arguments is no sign: other libraries' classes of that name take ``azure_endpoint`` too.)"""
    for ancestor in index.ancestors(node):
        if isinstance(ancestor, cst.Call):
            return bool(index.qualified_names(ancestor.func) & {"builtins.isinstance", "builtins.issubclass"})
    return False


class ClassReferences(Transform):
    RULES: ClassVar = (
        Rule("AOAI208", "azure-isinstance-duplicate", "an isinstance/issubclass check that names OpenAI too drops the Azure class", fix=True),
        Rule("AOAI201", "azure-isinstance", "isinstance/issubclass against the Azure class is False for a migrated client", fix=False),
        Rule("AOAI202", "azure-subclass", "a class deriving from AzureOpenAI keeps the Azure URL scheme", fix=False),
        Rule("AOAI203", "azure-class-as-value", "the Azure class stored, passed or returned as a value", fix=False),
        Rule("AOAI204", "azure-dotted-reference", "a dotted string naming the Azure class (mock.patch target...)", fix=False),
        Rule("AOAI205", "openai-star-import", "from openai import * hides whether AzureOpenAI is the SDK class", fix=False),
        Rule("AOAI206", "azure-reexport", "the Azure class re-exported in __all__, or taken from another module that may re-export it", fix=False),
        Rule(
            "AOAI207",
            "azure-code-in-ipython",
            "a notebook's magic, shell or help line names the Azure class, or a %%writefile -a body holds Azure code: not rewritten",
            fix=False,
        ),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="identity checks",
            before="from openai import AzureOpenAI\n\nif isinstance(client, AzureOpenAI):\n    pass\n",
            findings=("AOAI201",),
        ),
        Example(
            title="a check that names OpenAI too",
            before=(
                "import openai\n\n"
                "def wrap(client):\n"
                "    assert isinstance(client, (openai.OpenAI, openai.AzureOpenAI))\n"
                "    return client\n"
            ),
            after="import openai\n\ndef wrap(client):\n    assert isinstance(client, openai.OpenAI)\n    return client\n",
        ),
        Example(title="subclass", before="import openai\n\nclass Client(openai.AzureOpenAI):\n    pass\n", findings=("AOAI202",)),
        Example(
            title="class as a value",
            before="from openai import AsyncAzureOpenAI\n\nfactory = AsyncAzureOpenAI\n",
            findings=("AOAI203",),
        ),
        Example(
            title="patch target",
            before='from unittest import mock\n\nwith mock.patch("app.llm.AzureOpenAI"):\n    pass\n',
            findings=("AOAI204",),
        ),
        Example(
            title="re-export",
            before='from openai import AzureOpenAI\n\n__all__ = ["AzureOpenAI"]\n',
            findings=("AOAI206",),
        ),
        Example(
            title="monkey-patching the SDK class",
            before="import openai\n\nopenai.AzureOpenAI = FakeClient\n",
            findings=("AOAI203",),
        ),
        Example(title="star import", before="from openai import *\n\nclient = AzureOpenAI()\n", findings=("AOAI205",)),
    )
    UNCHANGED: ClassVar = (
        'class AzureOpenAI:\n    pass\n\nassert isinstance(AzureOpenAI(), AzureOpenAI)\n',
        '"""Talks to AzureOpenAI through our own wrapper."""\n',
        'def embed(data):\n    return first_embedding(data, provider="AzureOpenAI")\n',
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        redundant: list[Reference] = []
        for ref in index.references:
            name = code_of(ref.node)
            if ref.kind == "isinstance" and checks_stock_twin(index, ref):
                redundant.append(ref)  # (a trial on public code: a false AOAI201 on a check that stays True)
            elif ref.kind == "isinstance":
                edits.report(
                    index,
                    ref.node,
                    "AOAI201",
                    f"this check is False once the client is {ref.target}. If it only asks for an OpenAI client, "
                    f"check against {ref.target} (the base class of {ref.azure}); if it tells an Azure client from an "
                    "openai.com one, test what the client was built with instead (its base_url host), since both are "
                    f"{ref.target} now",
                )
            elif ref.kind == "base":
                edits.report(
                    index,
                    ref.node,
                    "AOAI202",
                    f"a subclass of {name} keeps the Azure routes and api-version; derive from {ref.target} and "
                    "build it with base_url=<endpoint>/openai/v1/ by hand",
                )
            elif ref.kind == "value" and (members := _union_members(index, ref.node)):
                edits.report(
                    index,
                    ref.node,
                    "AOAI203",
                    f"{name} is part of a type union here (a type alias?); "
                    + (
                        f"drop it: the migrated client is an {ref.target}, which the union names already"
                        if ref.target in members
                        else f"name {ref.target} instead: the migrated client is an {ref.target}, and {ref.azure} is a subclass of it"
                    ),
                )
            elif ref.kind == "value":
                edits.report(
                    index,
                    ref.node,
                    "AOAI203",
                    f"{name} is used as a value here (stored, passed, compared or returned), so what it builds "
                    f"cannot be followed; where it is called, build {ref.target}(base_url=<endpoint>/openai/v1/, "
                    "api_key=...) instead, or leave a fallback check as it is and suppress this finding",
                )
            elif ref.kind == "patched":
                edits.report(
                    index,
                    ref.node,
                    "AOAI203",
                    f"{name} is replaced here (a test double?); migrated code builds {ref.target}, so patch "
                    f"{name[: -len(ref.azure)]}{ref.target} instead",
                )
            elif ref.kind == "export":
                edits.report(
                    index,
                    ref.node,
                    "AOAI206",
                    f"this module re-exports {ref.azure} in __all__, so its import stays; modules importing it from "
                    f"here still build the Azure client: migrate them, then drop it from __all__",
                )
        annotations = {r.node for r in index.references if isinstance(r.node, cst.SimpleString)}
        for node in index.nodes(cst.SimpleString):
            value = literal_string(node)  # type: ignore[arg-type]
            if value is None or node in annotations:
                continue
            if value in ("AzureOpenAI", "AsyncAzureOpenAI"):
                # a bare name is the class only for the call it is given to: an attribute name on openai
                # or a patch target; anywhere else it is text (a trial on agno: provider="AzureOpenAI")
                if (use := _attribute_name_use(index, node)) is not None:
                    callee, verb, where = use
                    stock = "AsyncOpenAI" if value.startswith("Async") else "OpenAI"
                    edits.report(
                        index,
                        node,
                        "AOAI204",
                        f"{value!r} names the Azure class here (the attribute {where}that {callee} {verb}); once the "
                        f"code builds {stock}, point it at that class instead"
                        + (_LOOKED_UP if verb in ("reads", "tests") else _ARGUMENTS),
                    )
            elif (dotted := _DOTTED.fullmatch(value)) and value.partition(".")[0] not in _LOOKALIKE_PACKAGES:
                # (a trial on public tests: "openai.AsyncAzureOpenAI.__init__" went unreported, and the
                # patch no longer intercepted anything once the code built AsyncOpenAI)
                stock = "AsyncOpenAI" if dotted.group(1) else "OpenAI"
                member = dotted.group("member")
                if member.count(".") > 1 and member.split(".")[1] in _CLIENT_RESOURCES:
                    # (a trial on promptlayer: "openai.AzureOpenAI.chat.completions.create" is a label it
                    # sends to its tracking API; getattr(AzureOpenAI, "chat") has no .completions, so no
                    # patch or import can resolve the string: it names nothing)
                    continue
                edits.report(
                    index,
                    node,
                    "AOAI204",
                    f"{value!r} names the Azure class{' (its ' + member[1:] + ')' if member else ''}; once the code "
                    f"builds {stock}, point this reference (a mock.patch target?) at that class instead"
                    + (_ARGUMENTS if not member or member in (".__init__", ".__new__") else ""),
                )
        for node in index.nodes(cst.ImportFrom):
            assert isinstance(node, cst.ImportFrom)
            if isinstance(node.names, cst.ImportStar) and node.module is not None and not node.relative:
                if code_of(node.module) in OPENAI_MODULES and self._uses_bare_azure_name(index):
                    edits.report(
                        index,
                        node,
                        "AOAI205",
                        "a star import from openai hides whether AzureOpenAI here is the SDK class; import it by "
                        "name (from openai import AzureOpenAI) and re-run",
                    )

        self._report_through_other_modules(index, edits)
        self._drop_redundant_members(index, edits, redundant)

    @staticmethod
    def _drop_redundant_members(index: ModuleIndex, edits: Edits, refs: list[Reference]) -> None:
        """``isinstance(c, (OpenAI, AzureOpenAI))`` -> ``isinstance(c, OpenAI)``; ``OpenAI | AzureOpenAI``
        -> ``OpenAI``. Each member goes from the tuple or ``|`` that holds it; the stock twin is in the
        same check (:func:`checks_stock_twin`), so the check accepts what it did. A member that cannot
        go without emptying its tuple (``(OpenAI, (AzureOpenAI,))``), or the second Azure operand of one
        ``|``, stays: the check means the same with it, so it is reported neither way."""
        dropped: list[Reference] = []
        by_tuple: dict[cst.Tuple, list[Reference]] = {}
        unions: set[cst.BinaryOperation] = set()
        for ref in refs:
            if not edits.allows(index, ref.node, "AOAI208"):
                continue
            parent = index.parent(ref.node)
            container = index.parent(parent) if isinstance(parent, cst.Element) else parent
            if "#" in code_of(container):  # type: ignore[arg-type]
                # a comment in the tuple or union may sit on the member's line or its comma: taking the
                # member out would move the comment to another class, or drop it; the member stays
                continue
            if isinstance(parent, cst.Element):
                by_tuple.setdefault(container, []).append(ref)  # type: ignore[arg-type]
            elif isinstance(parent, cst.BinaryOperation) and parent not in unions:
                unions.add(parent)
                edits.replace(parent, lambda updated, left=parent.right is ref.node: _keep_operand(updated, left))
                dropped.append(ref)
        for tuple_, members in by_tuple.items():
            if len(members) == len(tuple_.elements):
                members = members[1:]  # ``(OpenAI, AsyncOpenAI, (AzureOpenAI, AsyncAzureOpenAI))``: not ``()``
            positions = frozenset(i for i, e in enumerate(tuple_.elements) if any(e is index.parent(r.node) for r in members))
            if positions:
                edits.replace(tuple_, lambda updated, p=positions: _without_elements(updated, p))
                dropped += members
        for ref in dropped:
            ClassReferences._follow_imports(index, edits, ref)
            name = code_of(ref.node.with_changes(lpar=(), rpar=()))
            edits.report(
                index,
                ref.node,
                "AOAI208",
                f"{name} dropped from this check: it names {ref.target} already, the base class of {ref.azure}, "
                "so it accepts the same clients",
                fixed=True,
            )

    @staticmethod
    def _follow_imports(index: ModuleIndex, edits: Edits, ref: Reference) -> None:
        """The import of a dropped member goes once nothing uses it. Where the module already names
        the stock class the way the rewrite would (an import of it, ``openai.OpenAI``), the member
        counts as rewritten, and the import edits follow it with the other references of its
        alias; otherwise (``from openai import AzureOpenAI`` beside ``openai.OpenAI``) renaming the
        alias would leave an unused import of the stock class, so the Azure name is only dropped
        if unused."""
        if not index.needs_import(ref):
            edits.rewritten.add(ref.node)
        elif ref.binding is not None and ref.binding.alias.asname is None and ref.binding.statement.module is not None:
            if not ref.binding.statement.relative:
                edits.unused_candidates.add((code_of(ref.binding.statement.module), ref.binding.alias.evaluated_name))

    @staticmethod
    def _report_through_other_modules(index: ModuleIndex, edits: Edits) -> None:
        """``from pkg.client import AzureOpenAI`` / ``c.AzureOpenAI``: the class taken from another
        module of the project, which may have it from openai; once that module is migrated, the
        name is gone (ImportError, AttributeError). Reported where the use shows the SDK's class,
        an ``isinstance``/``issubclass`` check, and for any relative import (a module of the
        project); once per module it is taken from."""
        reported: set[str] = set()  # once per module it is taken from
        for node in (*index.nodes(cst.Name), *index.nodes(cst.Attribute)):
            name = node.attr.value if isinstance(node, cst.Attribute) else node.value  # type: ignore[attr-defined]
            if name not in ("AzureOpenAI", "AsyncAzureOpenAI"):
                continue
            qualified = {q for q in index.qualified_names(node) if q.endswith("." + name) or q.startswith(".")}
            others = [q for q in qualified if not q.startswith(_SDK_OR_LOOKALIKE)]
            if not others or len(others) != len(qualified) or not _imported(index, node):
                continue  # (a parameter ``openai``, a local class: not a module's name)
            source = others[0].rsplit(".", 1)[0] or "."
            parent = index.parent(node)
            if isinstance(node, cst.Attribute) and isinstance(parent, cst.Attribute):
                continue  # ``c.AzureOpenAI.x``: the outer attribute is the reference
            relative = source.startswith(".")  # a module of the project, whatever the use
            if source in reported or not (relative or _checked_against(index, node)):
                continue
            origins = {project_modules.origin(q) for q in others}
            if origins == {"own"}:
                # (trials on trulens-eval and graphrag: that module, read from disk, holds the project's
                # own class or enum member of that name; the advice would have swapped in openai's class)
                continue
            reported.add(source)
            drops = "migrating it drops the name, and taking it from there fails (ImportError or AttributeError)"
            edits.report(
                index,
                node,
                "AOAI206",
                f"{name} is taken from {source}, not from openai, and that module imports it from openai: {drops}; "
                f"import {name} from openai in this module instead, and re-run"
                if "openai" in origins
                else f"{name} is taken from {source}, not from openai: if that module imports it from openai, {drops}, "
                f"so import {name} from openai in this module instead and re-run; if it defines an {name} of its own "
                "(a class of the project, an enum member), suppress this finding (`# aoai-migrate: ignore[AOAI206]`)",
            )

    @staticmethod
    def _uses_bare_azure_name(index: ModuleIndex) -> bool:
        return any(
            isinstance(n, cst.Name) and n.value in ("AzureOpenAI", "AsyncAzureOpenAI") and not index.qualified_names(n)
            for n in index.nodes(cst.Name)
        )


def _is_union(node: cst.CSTNode | None) -> bool:
    return isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr)


def _classes_of(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The classes a check's class argument names: ``(A, B | C, (D,))`` -> ``A, B, C, D``."""
    if isinstance(node, cst.Tuple):
        return [c for e in node.elements if isinstance(e, cst.Element) for c in _classes_of(e.value)]
    if _is_union(node):
        return [*_classes_of(node.left), *_classes_of(node.right)]  # type: ignore[attr-defined]
    return [node]


def checks_stock_twin(index: ModuleIndex, ref: Reference) -> bool:
    """Whether ``ref``, the Azure class in an ``isinstance``/``issubclass`` check, is one member of a
    tuple or ``|`` union of classes that also names its stock twin (``OpenAI`` for ``AzureOpenAI``,
    ``AsyncOpenAI`` for ``AsyncAzureOpenAI``), anywhere in the check's class argument: the Azure
    class is a subclass of it, so the check is True for a migrated client as it was for an Azure
    one, and the member adds nothing. A constructor need not wait for such a check (AOAI201)."""
    if ref.kind != "isinstance" or ref.ambiguous or isinstance(ref.node, cst.SimpleString):
        return False
    parent = index.parent(ref.node)
    if not (isinstance(parent, cst.Element) and isinstance(index.parent(parent), cst.Tuple)) and not _is_union(parent):
        return False  # ``isinstance(c, AzureOpenAI)``: the check flips
    top: cst.CSTNode = ref.node
    while isinstance(index.parent(top), (cst.Element, cst.Tuple)) or _is_union(index.parent(top)):
        top = index.parent(top)  # type: ignore[assignment]
    arg = index.parent(top)
    call = index.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or len(call.args) != 2 or call.args[1] is not arg or arg.keyword or arg.star:
        return False  # not the class argument: ``isinstance(AzureOpenAI, type)``
    if not index.qualified_names(call.func) & {"builtins.isinstance", "builtins.issubclass"}:
        return False
    twin = {f"openai.{ref.target}"}
    return any(index.qualified_names(c) == twin for c in _classes_of(top) if c is not ref.node)  # type: ignore[arg-type]


def _keep_operand(updated: cst.CSTNode, keep_left: bool) -> cst.CSTNode:
    """The one operand of ``A | B`` that stays, with the parentheses the union had, if it has none."""
    assert isinstance(updated, cst.BinaryOperation)
    kept = updated.left if keep_left else updated.right
    if updated.lpar and not kept.lpar:
        kept = kept.with_changes(lpar=updated.lpar, rpar=updated.rpar)
    return kept


def _without_elements(updated: cst.CSTNode, positions: frozenset[int]) -> cst.CSTNode:
    """The tuple without the elements at ``positions``; one that is left with one class is that class
    (``isinstance(c, (A,))`` is ``isinstance(c, A)``)."""
    assert isinstance(updated, cst.Tuple)
    elements = list(updated.elements)
    kept = drop_items(elements, lambda e: any(e is elements[p] for p in positions))
    if len(kept) == 1 and isinstance(kept[0], cst.Element):
        return kept[0].value
    return updated.with_changes(elements=kept)


def _union_members(index: ModuleIndex, node: cst.CSTNode) -> list[str]:
    """The last names of the members of the ``A | B | ...`` that ``node`` is a member of ([] if none)."""
    top = node
    while isinstance(index.parent(top), cst.BinaryOperation) and isinstance(index.parent(top).operator, cst.BitOr):  # type: ignore[union-attr]
        top = index.parent(top)  # type: ignore[assignment]
    if top is node:
        return []
    members: list[str] = []
    pending: list[cst.CSTNode] = [top]
    while pending:
        part = pending.pop()
        if isinstance(part, cst.BinaryOperation) and isinstance(part.operator, cst.BitOr):
            pending += [part.left, part.right]
        elif isinstance(part, (cst.Name, cst.Attribute)):
            members.append(part.value if isinstance(part, cst.Name) else part.attr.value)
    return members

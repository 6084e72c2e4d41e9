"""A key or token written in the code as a string literal: reported, so it moves out of the code.

**Why**: a key in the source travels with every clone, fork, log and backup of the repository,
and cannot be rotated without a commit. Moving to the v1 endpoint is a good moment to stop
doing that: read the key from the environment, or drop keys and authenticate with Microsoft
Entra ID (``api_key=get_bearer_token_provider(DefaultAzureCredential(), scope)``).

**What it reports**: the ``api_key=`` and ``azure_ad_token=`` arguments of the client
constructors (``AzureOpenAI``, ``AsyncAzureOpenAI``, ``OpenAI``, ``AsyncOpenAI``, matched by
qualified name), the ``api_key=``/``openai_api_key=``/``azure_ad_token=`` arguments of LangChain's
``AzureChatOpenAI``/``AzureOpenAIEmbeddings``/``ChatOpenAI``/``OpenAIEmbeddings``, assignments to a key-like name (``AZURE_OPENAI_API_KEY = "..."``,
``self.api_key = "..."``, ``os.environ["AZURE_OPENAI_API_KEY"] = "..."``), when the literal looks
like a real key: 32 hex digits (an Azure key), ``sk-...``, a JWT, or a long high-entropy token.
Placeholders (``""``, ``"k"``, ``"<your-key>"``, ``"YOUR_API_KEY"``, ``"xxxx"``, ``"${KEY}"``)
are not. Like every rule, it only sees files that pass the pre-filter (they mention the Azure
classes or an Azure OpenAI host): a key in a module that mentions neither is not reported, and a
key next to a client migrated to an ``os.environ`` endpoint is reported by the run that migrates
it (like AOAI107), not by a later ``check``.

**Fix safety**: report only; the key stays where it is (the migrated client receives the same
``api_key``). aoai-migrate masks it (``8f14********``) in everything it prints (findings, diffs,
JSON, SARIF, annotations) unless ``--show-secrets`` is given.

**Manual follow-up**: rotate the key (it is in the history), then read it from the environment
(``api_key=os.environ["AZURE_OPENAI_API_KEY"]``) or, better, use Entra ID.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from migrate.secrets import KEY_ARGUMENTS, is_key_name, looks_like_secret, mask
from transforms._base import Edits, Example, Rule, Transform, code_of, literal_string
from transforms import langchain
from transforms._index import AZURE_CLASSES, ModuleIndex

#: Constructors whose credential arguments are checked (the migrated classes too, so a key is
#: still reported on the run that rewrites the constructor).
CLIENTS = frozenset(AZURE_CLASSES) | {"openai.OpenAI", "openai.AsyncOpenAI"}
#: LangChain's Azure and stock chat/embeddings classes, which take the key under more names.
LANGCHAIN_CLIENTS = frozenset(langchain.CLASSES) | frozenset().union(*langchain.TARGETS.values())
LANGCHAIN_KEY_ARGUMENTS = KEY_ARGUMENTS | {"openai_api_key"}

_ADVICE = (
    "rotate it, then read it from the environment (os.environ[\"AZURE_OPENAI_API_KEY\"]) or use "
    "Microsoft Entra ID (api_key=get_bearer_token_provider(DefaultAzureCredential(), "
    "\"https://cognitiveservices.azure.com/.default\"))"
)


class LiteralSecrets(Transform):
    RULES: ClassVar = (
        Rule(
            "AOAI301",
            "hardcoded-secret",
            "an API key or token written as a string literal: read it from the environment or use Entra ID",
            fix=False,
        ),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="a key in the constructor is migrated and reported",
            before=(
                "from openai import AzureOpenAI\n\n"
                'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com/", '
                'api_key="8f14e45fceea167a5a36dedd4bea2543", api_version="2024-10-21")\n'
            ),
            after=(
                "from openai import OpenAI\n\n"
                'client = OpenAI(base_url="https://contoso.openai.azure.com/openai/v1/", '
                'api_key="8f14e45fceea167a5a36dedd4bea2543")\n'
            ),
            findings=("AOAI301",),
        ),
        Example(
            title="a key in a settings constant",
            before=(
                "from openai import AzureOpenAI\n\n"
                'AZURE_OPENAI_API_KEY = "8f14e45fceea167a5a36dedd4bea2543"\n'
                "client = AzureOpenAI(azure_endpoint=E, api_key=AZURE_OPENAI_API_KEY, api_version=V)\n"
            ),
            after=(
                "from openai import OpenAI\n\n"
                'AZURE_OPENAI_API_KEY = "8f14e45fceea167a5a36dedd4bea2543"\n'
                'client = OpenAI(base_url=E.rstrip("/") + "/openai/v1/", api_key=AZURE_OPENAI_API_KEY)\n'
            ),
            findings=("AOAI301",),
        ),
    )
    UNCHANGED: ClassVar = (
        'from openai import AzureOpenAI\n\nAZURE_OPENAI_API_KEY = "<your-key>"\n',
        'from openai import AzureOpenAI\n\nCHECKSUM = "8f14e45fceea167a5a36dedd4bea2543"\n',
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        if not edits.enabled("AOAI301"):
            return
        seen: set[cst.CSTNode] = set()
        for call in index.nodes(cst.Call):
            assert isinstance(call, cst.Call)
            names = index.qualified_names(call.func)
            keys = KEY_ARGUMENTS if names & CLIENTS else LANGCHAIN_KEY_ARGUMENTS if names & LANGCHAIN_CLIENTS else None
            if keys is None:
                continue
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in keys:
                    self._check(index, edits, arg.value, f"{arg.keyword.value}=", seen)
        for node in index.nodes(cst.SimpleString):
            top: cst.CSTNode = node
            while isinstance(index.parent(top), cst.ConcatenatedString):
                top = index.parent(top)  # type: ignore[assignment]
            name = self._bound_name(index, top)
            if name is not None:
                self._check(index, edits, top, name, seen)

    @staticmethod
    def _bound_name(index: ModuleIndex, value: cst.CSTNode) -> str | None:
        """The key-like name ``value`` is assigned to (``X = v``, ``X: T = v``, ``env["X"] = v``)."""
        parent = index.parent(value)
        targets: list[cst.BaseExpression] = []
        if isinstance(parent, cst.Assign) and parent.value is value:
            targets = [t.target for t in parent.targets]
        elif isinstance(parent, cst.AnnAssign) and parent.value is value:
            targets = [parent.target]
        elif isinstance(parent, cst.DictElement) and parent.value is value:
            key = literal_string(parent.key)
            return f"{key!r}: " if key is not None and is_key_name(key) else None
        for target in targets:
            if isinstance(target, cst.Name) and is_key_name(target.value):
                return f"{target.value} = "
            if isinstance(target, cst.Attribute) and is_key_name(target.attr.value):
                return f"{code_of(target)} = "
            if isinstance(target, cst.Subscript) and len(target.slice) == 1:
                index_node = target.slice[0].slice
                if isinstance(index_node, cst.Index):
                    key = literal_string(index_node.value)
                    if key is not None and is_key_name(key):
                        return f"{code_of(target)} = "
        return None

    @staticmethod
    def _check(index: ModuleIndex, edits: Edits, value: cst.CSTNode, prefix: str, seen: set[cst.CSTNode]) -> None:
        if value in seen or not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return
        text = literal_string(value)
        if text is None or not looks_like_secret(text):
            return
        seen.add(value)
        edits.report(
            index,
            value,
            "AOAI301",
            f'{prefix}"{mask(text)}" is a key written in the code, so it leaks with every copy of this file: ' + _ADVICE,
        )

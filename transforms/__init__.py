"""The transforms: one rewrite (or one family of findings) per module.

The ordered pipeline and the rule registry live in :mod:`transforms.pipeline`; importing this
package stays cheap (no LibCST) so a run over files with nothing to migrate never pays for it.
"""

from __future__ import annotations

_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")

#: What a transform's source text must spell for it to act: every group must have one of its
#: strings in the text (a conjunction of alternatives). ``transforms.pipeline.run_pipeline`` runs
#: only the transforms whose requirement holds, so a requirement can never hide anything a
#: transform does; it is the transform's precondition made explicit, argued from its matching
#: logic (source encodings are ASCII-compatible, so the bytes spell what the text spells;
#: identifiers spelled with compatibility characters that NFKC-normalise to these, and string
#: literals that spell them only through escapes, are not recognised):
#:
#: * every rule that matches by qualified name needs an import that spells the module:
#:   the Azure classes, ``OpenAI``/``AsyncOpenAI`` and the token provider aliases are all
#:   ``openai.*`` (``langchain_openai`` spells ``openai`` too; the old ``langchain.*`` and
#:   ``langchain_community.*`` classes spell ``langchain``), and the LangChain classes all spell
#:   ``OpenAI`` (``AzureChatOpenAI``, the old packages' ``ChatOpenAI`` set up for Azure, ...);
#: * the class references of ``client_constructor``, ``deployments``, ``type_annotations`` and
#:   ``class_references`` end in ``AzureOpenAI`` (also in ``AsyncAzureOpenAI``): a name, an
#:   attribute, an import alias, a string annotation or an ``__all__`` entry spells it;
#:   ``class_references`` also reports strings that name the class (patch targets), without any
#:   import, so it needs only that;
#: * ``openai_base_url`` acts on a ``base_url=`` string literal whose host is an Azure one, or
#:   reports one whose strings spell ``openai/deployments``;
#: * ``legacy_openai`` acts only on a module that sets ``openai.api_type`` or ``openai.api_base``,
#:   names ``openai.ChatCompletion``/``Completion``/``Embedding`` (``Completion`` is also in
#:   ``ChatCompletion``) or uses ``openai.api_key_path``; other 0.x APIs only count beside these;
#: * ``rest_calls`` acts only on a URL whose text spells ``openai/deployments/`` or that has
#:   ``api-version`` (in the URL text or a ``params=`` dict, so spelled in the file); its safety
#:   net reports such strings in any module, whether or not it names an HTTP library.
#:
#: ``literal_secrets`` and ``suppressions`` have no requirement of their own: they run on every
#: file that reaches the pipeline, which (through :func:`might_need_migration`) is a file some other
#: rule can act on (a suppression comment matters only where a rule could fire).
REQUIRES: dict[str, tuple[tuple[str, ...], ...]] = {
    # (or a lookup on openai by a computed name: ``getattr(openai, prefix + "OpenAI")``, AOAI105)
    "client_constructor": (("openai",), ("AzureOpenAI", "getattr", "vars(", "__dict__")),
    "deployments": (("openai",), ("AzureOpenAI",)),
    "openai_base_url": (("openai",), (*_HOSTS, "openai/deployments")),
    "token_provider_types": (("openai",), ("AzureADTokenProvider",)),  # also in AsyncAzureADTokenProvider
    "type_annotations": (("openai",), ("AzureOpenAI",)),
    "class_references": (("AzureOpenAI",),),  # also strings naming the class: mock.patch("app.AzureOpenAI")
    # AzureChatOpenAI, AzureOpenAI(Embeddings), and the old packages' ChatOpenAI/OpenAIEmbeddings/OpenAI set up for Azure
    "langchain": (("langchain",), ("OpenAI",)),
    "legacy_openai": (("openai",), ("api_type", "api_base", "Completion", "Embedding", "api_key_path")),
    "rest_calls": (("api-version", "openai/deployments/"),),
}

#: The byte pre-filter (``migrate.session``): a file whose bytes contain none of these cannot
#: satisfy any requirement of :data:`REQUIRES` (each requirement has a group every string of which
#: contains one of these; ``tests/test_prefilter.py`` checks it), so it is never decoded or parsed.
#: Few on purpose: each is one scan over every byte of the tree. ``OpenAI`` stands for both
#: ``AzureOpenAI`` and LangChain's ``AzureChatOpenAI``, one scan instead of a scan for each. A file
#: that passes is checked exactly by :func:`might_need_migration` before it is parsed.
TRIGGERS: tuple[bytes, ...] = (b"openai", b"OpenAI", b"api-version")

_REQUIRES_BYTES = tuple(tuple(tuple(s.encode("ascii") for s in group) for group in groups) for groups in REQUIRES.values())
_REQUIRES_TEXT = tuple(REQUIRES.values())


def requirement_holds(name: str, text: str) -> bool:
    """Whether the transform module ``name`` (``"legacy_openai"``) can act on ``text``."""
    groups = REQUIRES.get(name)
    return groups is None or all(any(s in text for s in group) for group in groups)


def might_need_migration(data: bytes | str) -> bool:
    """False only when no rule can fire on ``data`` (the bytes or the decoded text of a file)."""
    if isinstance(data, str):
        if not any(trigger.decode("ascii") in data for trigger in TRIGGERS):
            return False
        return any(all(any(s in data for s in group) for group in groups) for groups in _REQUIRES_TEXT)
    if not any(trigger in data for trigger in TRIGGERS):
        return False
    return any(all(any(s in data for s in group) for group in groups) for groups in _REQUIRES_BYTES)

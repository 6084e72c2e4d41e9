"""The transforms: one rewrite (or one family of findings) per module.

The ordered pipeline and the rule registry live in :mod:`transforms.pipeline`; importing this
package stays cheap (no LibCST) so a run over files with nothing to migrate never pays for it.
"""

from __future__ import annotations

#: The pre-filter. A file whose bytes contain none of these cannot trigger any rule: every rule
#: acts either on a reference whose source text spells one of the Azure client class names
#: (``AzureOpenAI`` is a substring of ``AsyncAzureOpenAI``), whether as a name, an attribute,
#: an import, a string annotation or a dotted string, or (``openai_base_url``) on a string
#: literal naming an Azure OpenAI host, or (``token_provider_types``) on the token provider
#: type aliases of ``openai.lib.azure``. Source encodings are ASCII-compatible, so the bytes
#: contain these whenever the text does. (Identifiers spelled with compatibility characters that
#: NFKC-normalise to ``AzureOpenAI`` are not recognised.) ``tests/test_prefilter.py`` checks that
#: every sample and every rule's example passes the filter.
TRIGGERS: tuple[bytes, ...] = (
    b"AzureOpenAI",
    b".openai.azure.com",
    b".cognitiveservices.azure.com",
    b".services.ai.azure.com",
    b"AzureADTokenProvider",  # also in AsyncAzureADTokenProvider (token_provider_types)
    # legacy_openai acts only on a module that assigns openai.api_type or openai.api_base, or that
    # calls openai.ChatCompletion / Completion / Embedding (by any import spelling: the class
    # name is spelled out; ``Completion`` is also in ``ChatCompletion``).
    b"api_type",
    b"api_base",
    b"Completion",
    b"Embedding",
    b"AzureChatOpenAI",  # LangChain (langchain); AzureOpenAIEmbeddings contains AzureOpenAI
    # rest_calls acts only on a URL whose text spells openai/deployments/ or that has api-version
    # (in the URL text or a params= dict, so spelled in the file).
    b"api-version",
    b"openai/deployments/",
)


def might_need_migration(data: bytes | str) -> bool:
    """False only when no rule can fire on ``data`` (the bytes or the decoded text of a file)."""
    if isinstance(data, str):
        return any(trigger.decode("ascii") in data for trigger in TRIGGERS)
    return any(trigger in data for trigger in TRIGGERS)

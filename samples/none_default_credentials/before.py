"""Clients whose key, endpoint or token provider may be None: AzureOpenAI then read its own
AZURE_OPENAI_* variables, which the migrated client must keep doing (never OPENAI_API_KEY)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Optional

from openai import AzureOpenAI


@dataclass
class EmbeddingSettings:
    """A library's settings object: every field optional, as the library documents."""

    api_key: Optional[str] = None
    azure_endpoint: Optional[str] = None
    deployment: str = "text-embedding-3-small"

    def client(self) -> AzureOpenAI:
        return AzureOpenAI(api_key=self.api_key, azure_endpoint=self.azure_endpoint, api_version="2024-10-21")


def chat_client(endpoint: str, api_key: str | None = None) -> AzureOpenAI:
    return AzureOpenAI(api_key=api_key, azure_endpoint=endpoint, api_version="2024-10-21")


def entra_client(endpoint: str, token_provider: Optional[Callable[[], str]] = None) -> AzureOpenAI:
    return AzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=token_provider, api_version="2024-10-21")


def keyed_client(endpoint: str, api_key: Optional[str] = None) -> AzureOpenAI:
    return AzureOpenAI(
        api_key=api_key or os.environ.get("MY_APP_OPENAI_KEY"),
        azure_endpoint=endpoint,
        api_version="2024-10-21",
    )


def main() -> None:
    endpoint = os.environ["AZURE_OPENAI_ENDPOINT"]
    settings = EmbeddingSettings()
    print(len(settings.client().embeddings.create(model=settings.deployment, input=["hello"]).data))
    print(chat_client(endpoint).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}]).id)
    print(entra_client(endpoint).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}]).id)
    print(keyed_client(endpoint).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}]).id)


if __name__ == "__main__":
    main()

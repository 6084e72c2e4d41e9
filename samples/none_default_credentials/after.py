"""Clients whose key, endpoint or token provider may be None: AzureOpenAI then read its own
AZURE_OPENAI_* variables, which the migrated client must keep doing (never OPENAI_API_KEY)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Optional

from openai import OpenAI


@dataclass
class EmbeddingSettings:
    """A library's settings object: every field optional, as the library documents."""

    api_key: Optional[str] = None
    azure_endpoint: Optional[str] = None
    deployment: str = "text-embedding-3-small"

    def client(self) -> OpenAI:
        return OpenAI(
            api_key=self.api_key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
            base_url=(self.azure_endpoint or os.environ["AZURE_OPENAI_ENDPOINT"]).rstrip("/") + "/openai/v1/",
        )


def chat_client(endpoint: str, api_key: str | None = None) -> OpenAI:
    return OpenAI(
        api_key=api_key or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
        base_url=endpoint.rstrip("/") + "/openai/v1/",
    )


def entra_client(endpoint: str, token_provider: Optional[Callable[[], str]] = None) -> OpenAI:
    return OpenAI(
        base_url=endpoint.rstrip("/") + "/openai/v1/",
        api_key=token_provider or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
    )


def keyed_client(endpoint: str, api_key: Optional[str] = None) -> OpenAI:
    return OpenAI(
        api_key=api_key or os.environ.get("MY_APP_OPENAI_KEY") or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
        base_url=endpoint.rstrip("/") + "/openai/v1/",
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

"""Answer and index with LangChain on Azure OpenAI, configured by optional settings (as embedchain does)."""

import os
from typing import Optional

try:
    import httpx2 as httpx  # openai>=3 builds on httpx2
except ImportError:
    import httpx
from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings


class Settings:
    deployment: Optional[str] = None  # unset: the model's own deployment
    model = "gpt-4o-mini"
    embedding_deployment: Optional[str] = None

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)


def embedder(settings: Settings) -> AzureOpenAIEmbeddings:
    return AzureOpenAIEmbeddings(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        deployment=settings.embedding_deployment,
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        check_embedding_ctx_length=False,
    )


def chat(settings: Settings, http_client=None, http_async_client=None) -> AzureChatOpenAI:
    return AzureChatOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        azure_deployment=settings.deployment,
        model=settings.model,
        api_version="2024-10-21",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        http_client=http_client,
        http_async_client=http_async_client,
    )


def answer(settings: Settings, question: str, **clients) -> str:
    return "".join(chunk.content for chunk in chat(settings, **clients).stream(question))


if __name__ == "__main__":
    print(len(embedder(Settings()).embed_documents(["How do I reset my password?"])), "vector")
    print(len(embedder(Settings(embedding_deployment="embed-small")).embed_query("password")), "numbers")
    print(answer(Settings(), "Which payment methods do you accept?"))
    print(answer(Settings(deployment="gpt-4o-prod"), "Can I change my address?"))
    with httpx.Client() as client:
        print(answer(Settings(deployment="gpt-4o-prod"), "Do you ship abroad?", http_client=client))

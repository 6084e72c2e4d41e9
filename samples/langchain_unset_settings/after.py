"""Answer and index with LangChain on Azure OpenAI, configured by optional settings (as embedchain does)."""

import os
from typing import Optional

try:
    import httpx2 as httpx  # openai>=3 builds on httpx2
except ImportError:
    import httpx
from langchain_openai import ChatOpenAI, OpenAIEmbeddings


class Settings:
    deployment: Optional[str] = None  # unset: the model's own deployment
    model = "gpt-4o-mini"
    embedding_deployment: Optional[str] = None

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)


def embedder(settings: Settings) -> OpenAIEmbeddings:
    return OpenAIEmbeddings(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        model=settings.embedding_deployment or "text-embedding-ada-002",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        check_embedding_ctx_length=False,
        chunk_size=2048,
    )


def chat(settings: Settings, http_client=None, http_async_client=None) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        model=settings.deployment or settings.model,
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        http_client=http_client,
        http_async_client=http_async_client,
        tiktoken_model_name=settings.model,
        stream_usage=True if http_client is None and http_async_client is None else None,
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

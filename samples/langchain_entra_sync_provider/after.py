"""Keyless (Microsoft Entra ID) LangChain chat model, used from sync and async code."""

import asyncio
import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from langchain_openai.chat_models import ChatOpenAI


def build_llm() -> ChatOpenAI:
    token_provider = get_bearer_token_provider(
        DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
    )
    return ChatOpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        model="gpt-4o",
        api_key=token_provider,
        stream_usage=True,
    )


async def translate_all(llm: ChatOpenAI, sentences: list[str]) -> list[str]:
    replies = await asyncio.gather(*(llm.ainvoke(f"Translate to French: {s}") for s in sentences))
    return [reply.content for reply in replies]


def main() -> None:
    llm = build_llm()
    print(llm.invoke("Say hello in Norwegian.").content)
    print(asyncio.run(translate_all(llm, ["Good morning", "Thank you"])))


if __name__ == "__main__":
    main()

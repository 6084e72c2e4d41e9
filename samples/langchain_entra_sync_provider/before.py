"""Keyless (Microsoft Entra ID) LangChain chat model, used from sync and async code."""

import asyncio
import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from langchain_openai.chat_models import AzureChatOpenAI as Chat


def build_llm() -> Chat:
    token_provider = get_bearer_token_provider(
        DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
    )
    return Chat(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        deployment_name="gpt-4o",
        model="gpt-4o",  # only for tracing
        openai_api_version="2024-10-21",
        azure_ad_token_provider=token_provider,
    )


async def translate_all(llm: Chat, sentences: list[str]) -> list[str]:
    replies = await asyncio.gather(*(llm.ainvoke(f"Translate to French: {s}") for s in sentences))
    return [reply.content for reply in replies]


def main() -> None:
    llm = build_llm()
    print(llm.invoke("Say hello in Norwegian.").content)
    print(asyncio.run(translate_all(llm, ["Good morning", "Thank you"])))


if __name__ == "__main__":
    main()

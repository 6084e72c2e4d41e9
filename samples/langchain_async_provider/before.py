"""An async web handler answering with LangChain; Entra tokens from an aio credential."""

import asyncio
import os

import langchain_openai as lo
from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider

credential = DefaultAzureCredential()

llm = lo.AzureChatOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="gpt-4o",
    api_version="2024-10-21",
    azure_ad_async_token_provider=get_bearer_token_provider(
        credential, "https://cognitiveservices.azure.com/.default"
    ),
    streaming=True,
)


async def handle(question: str) -> str:
    reply = await llm.ainvoke(question)
    parts = [chunk.content async for chunk in llm.astream(question)]
    return reply.content + " | " + "".join(parts)


async def main() -> None:
    try:
        print(await handle("What is the capital of Norway?"))
    finally:
        await credential.close()


if __name__ == "__main__":
    asyncio.run(main())

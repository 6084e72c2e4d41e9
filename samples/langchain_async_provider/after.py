"""An async web handler answering with LangChain; Entra tokens from an aio credential."""

import asyncio
import os

import langchain_openai as lo
from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider

credential = DefaultAzureCredential()

llm = lo.ChatOpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    model="gpt-4o",
    api_key=get_bearer_token_provider(
        credential, "https://cognitiveservices.azure.com/.default"
    ),
    streaming=True,
    stream_usage=True,
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

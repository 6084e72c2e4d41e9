"""Async FastAPI-style worker that passes a *sync* token provider to AsyncAzureOpenAI.

AsyncAzureOpenAI accepts sync or async providers; AsyncOpenAI awaits the result,
so this cannot be renamed mechanically.
"""

import asyncio
import inspect
import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import AsyncOpenAI


def _async_token_provider(provider):
    """AsyncOpenAI awaits api_key(): call the Entra token provider as AsyncAzureOpenAI did."""

    async def token():
        value = provider()
        if inspect.isawaitable(value):
            value = await value
        return value

    return token


token_provider = get_bearer_token_provider(
    DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
)

client = AsyncOpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=_async_token_provider(token_provider),
)


async def moderate(comment: str) -> str:
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Reply ok or flag."},
            {"role": "user", "content": comment},
        ],
    )
    return response.choices[0].message.content


async def main() -> None:
    for comment in ("Great article, thanks!", "Buy cheap watches here!!!"):
        print(comment, "->", await moderate(comment))
    await client.close()


if __name__ == "__main__":
    asyncio.run(main())

"""Async FastAPI-style worker that passes a *sync* token provider to AsyncAzureOpenAI.

AsyncAzureOpenAI accepts sync or async providers; AsyncOpenAI awaits the result,
so this cannot be renamed mechanically.
"""

import asyncio
import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import AsyncAzureOpenAI

token_provider = get_bearer_token_provider(
    DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
)

client = AsyncAzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_ad_token_provider=token_provider,
    api_version="2024-10-21",
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

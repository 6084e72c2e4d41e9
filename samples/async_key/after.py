"""Async batch tagger: tags product titles one after another with AsyncAzureOpenAI."""

import asyncio
import os

from openai import AsyncOpenAI

TITLES = [
    "Wireless noise-cancelling headphones",
    "Organic green tea, 100 bags",
]


def create_async_client() -> AsyncOpenAI:
    return AsyncOpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
    )


async def tag(client: AsyncOpenAI, title: str) -> str:
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Return three comma-separated shop tags."},
            {"role": "user", "content": title},
        ],
    )
    return response.choices[0].message.content


async def main() -> None:
    client = create_async_client()
    try:
        for title in TITLES:
            print(f"{title}: {await tag(client, title)}")
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main())

"""Async batch tagger: tags product titles one after another with AsyncAzureOpenAI."""

import asyncio
import os

from openai import AsyncAzureOpenAI

TITLES = [
    "Wireless noise-cancelling headphones",
    "Organic green tea, 100 bags",
]


def create_async_client() -> AsyncAzureOpenAI:
    return AsyncAzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-10-21",
    )


async def tag(client: AsyncAzureOpenAI, title: str) -> str:
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

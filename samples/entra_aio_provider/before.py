"""Async summariser using an async Entra ID credential and the aio token provider."""

import asyncio
import os

from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider
from openai import AsyncAzureOpenAI


async def summarise_all(texts: list[str]) -> list[str]:
    async with DefaultAzureCredential() as credential:
        client = AsyncAzureOpenAI(
            azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
            azure_ad_token_provider=get_bearer_token_provider(
                credential, "https://cognitiveservices.azure.com/.default"
            ),
            api_version="2024-10-21",
        )
        summaries = []
        for text in texts:
            response = await client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "user", "content": f"Summarise in five words: {text}"}],
            )
            summaries.append(response.choices[0].message.content)
        await client.close()
        return summaries


if __name__ == "__main__":
    for line in asyncio.run(summarise_all(["Quarterly revenue grew by 12 percent.", "The office moves in May."])):
        print(line)

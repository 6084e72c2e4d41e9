"""Async summariser using an async Entra ID credential and the aio token provider."""

import asyncio
import os

from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider
from openai import AsyncOpenAI


async def summarise_all(texts: list[str]) -> list[str]:
    async with DefaultAzureCredential() as credential:
        client = AsyncOpenAI(
            base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
            api_key=get_bearer_token_provider(
                credential, "https://cognitiveservices.azure.com/.default"
            ),
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

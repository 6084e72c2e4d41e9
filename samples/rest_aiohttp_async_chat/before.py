"""Async chat, streamed and not, over plain REST with aiohttp and a Microsoft Entra ID token."""

import asyncio
import json
import os

import aiohttp
from azure.identity.aio import DefaultAzureCredential

ENDPOINT = os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/")
API_VERSION = os.environ["OPENAI_API_VERSION"]


async def ask(session: aiohttp.ClientSession, deployment: str, question: str) -> str:
    async with session.post(
        f"{ENDPOINT}/openai/deployments/{deployment}/chat/completions?api-version={API_VERSION}",
        json={"messages": [{"role": "user", "content": question}]},
    ) as response:
        response.raise_for_status()
        body = await response.json()
        return body["choices"][0]["message"]["content"]


async def stream(session: aiohttp.ClientSession, deployment: str, question: str) -> str:
    parts = []
    async with session.post(
        f"{ENDPOINT}/openai/deployments/{deployment}/chat/completions?api-version={API_VERSION}",
        json={"messages": [{"role": "user", "content": question}], "stream": True},
    ) as response:
        async for line in response.content:
            line = line.strip()
            if not line.startswith(b"data: ") or line == b"data: [DONE]":
                continue
            chunk = json.loads(line[len(b"data: "):])
            if chunk["choices"]:
                parts.append(chunk["choices"][0]["delta"].get("content") or "")
    return "".join(parts)


async def main() -> None:
    async with DefaultAzureCredential() as credential:
        token = await credential.get_token("https://cognitiveservices.azure.com/.default")
    headers = {"Authorization": f"Bearer {token.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        print(await ask(session, "gpt-4o", "Say hello."))
        print(await stream(session, "gpt-4o", "Say hello slowly."))


if __name__ == "__main__":
    asyncio.run(main())

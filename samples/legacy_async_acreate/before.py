"""An async chat service (acreate) with a sync embedding helper, openai 0.28 on Azure OpenAI."""

import asyncio
import os

import openai

openai.api_type = "azure"
openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
openai.api_version = "2023-07-01-preview"
openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")


async def ask(question):
    resp = await openai.ChatCompletion.acreate(
        engine="gpt-4o",
        messages=[{"role": "user", "content": question}],
    )
    return resp["choices"][0]["message"]["content"]


async def stream(question):
    out = ""
    async for chunk in await openai.ChatCompletion.acreate(
        engine="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        stream=True,
    ):
        if chunk["choices"]:
            out += chunk["choices"][0]["delta"].get("content", "")
    return out


def embed(text):
    return openai.Embedding.create(engine="text-embedding-3-small", input=text)["data"][0]["embedding"]


async def main():
    first = await ask("Hello?")
    streamed = await stream("Stream please")
    return first, streamed


if __name__ == "__main__":
    first, streamed = asyncio.run(main())
    assert first == "Recorded reply." and streamed == "Recorded reply.", (first, streamed)
    assert len(embed("sync too")) == 8
    print(first, streamed)

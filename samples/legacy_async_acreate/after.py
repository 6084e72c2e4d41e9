"""An async chat service (acreate) with a sync embedding helper, openai 0.28 on Azure OpenAI."""

import asyncio
import os

from openai import AsyncOpenAI, OpenAI

client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)
async_client = AsyncOpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


async def ask(question):
    resp = await async_client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
    )
    return resp.choices[0].message.content


async def stream(question):
    out = ""
    async for chunk in await async_client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        stream=True,
    ):
        if chunk.choices:
            out += chunk.choices[0].delta.content or ""
    return out


def embed(text):
    return client.embeddings.create(model="text-embedding-3-small", input=text).data[0].embedding


async def main():
    first = await ask("Hello?")
    streamed = await stream("Stream please")
    return first, streamed


if __name__ == "__main__":
    first, streamed = asyncio.run(main())
    assert first == "Recorded reply." and streamed == "Recorded reply.", (first, streamed)
    assert len(embed("sync too")) == 8
    print(first, streamed)

"""Embeddings for a small search index, openai 0.28 style, on Azure OpenAI."""

import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
)

MODEL = "text-embedding-ada-002"


def embed(texts):
    response = client.embeddings.create(input=texts, model=MODEL)
    print("tokens used:", response.usage.total_tokens)
    return [item.embedding for item in response.data]


def embed_one(text):
    return client.embeddings.create(input=[text], model=MODEL).data[0].embedding


if __name__ == "__main__":
    vectors = embed(["first document", "second document"])
    assert len(vectors) == 2 and len(vectors[0]) == 8, vectors
    assert abs(vectors[1][0] - 0.02) < 1e-6, vectors[1][0]
    single = embed_one("query")
    assert len(single) == 8
    print(len(vectors), len(single))

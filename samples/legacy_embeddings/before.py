"""Embeddings for a small search index, openai 0.28 style, on Azure OpenAI."""

import os

import openai

openai.api_type = "azure"
openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")
openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
openai.api_version = "2023-05-15"

MODEL = "text-embedding-ada-002"


def embed(texts):
    response = openai.Embedding.create(input=texts, engine=MODEL)
    print("tokens used:", response["usage"]["total_tokens"])
    return [item["embedding"] for item in response["data"]]


def embed_one(text):
    return openai.Embedding.create(input=[text], engine=MODEL)["data"][0]["embedding"]


if __name__ == "__main__":
    vectors = embed(["first document", "second document"])
    assert len(vectors) == 2 and len(vectors[0]) == 8, vectors
    assert abs(vectors[1][0] - 0.02) < 1e-6, vectors[1][0]
    single = embed_one("query")
    assert len(single) == 8
    print(len(vectors), len(single))

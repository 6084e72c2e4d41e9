"""Embeddings over plain REST with httpx and a Microsoft Entra ID bearer token."""

import os

import httpx
from azure.identity import DefaultAzureCredential, get_bearer_token_provider

token_provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")


def embed(texts: list[str]) -> list[list[float]]:
    endpoint = os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/")
    url = endpoint + "/openai/v1/embeddings"
    with httpx.Client(timeout=30) as client:
        response = client.post(
            url,
            headers={"Authorization": f"Bearer {token_provider()}"},
            json={"input": texts, "model": "text-embedding-3-small"},
        )
    response.raise_for_status()
    return [item["embedding"] for item in response.json()["data"]]


if __name__ == "__main__":
    vectors = embed(["first text", "second text"])
    print(len(vectors), "vectors of", len(vectors[0]), "dimensions")

"""Semantic search helper: embeds documents, then asks the chat model about the best hit."""

from __future__ import annotations

import math
import os

import openai as oa

DOCS = [
    "Invoices are payable within 30 days.",
    "Refunds are processed within 5 business days.",
    "Support is available Monday to Friday.",
]


def get_client() -> oa.AzureOpenAI:
    return oa.AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-10-21",
    )


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def best_match(client: oa.AzureOpenAI, query: str) -> str:
    result = client.embeddings.create(model="text-embedding-3-small", input=[query, *DOCS])
    vectors = [item.embedding for item in result.data]
    query_vec, doc_vecs = vectors[0], vectors[1:]
    scores = [cosine(query_vec, v) for v in doc_vecs]
    return DOCS[scores.index(max(scores))]


def main() -> None:
    client = get_client()
    doc = best_match(client, "How long do refunds take?")
    print("Best match:", doc)
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Rephrase for a customer: {doc}"}],
    )
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    main()

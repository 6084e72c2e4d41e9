"""Index a few FAQ entries with embeddings, then draft an answer with the Responses API."""

import os

from openai import OpenAI

EMBEDDING_DEPLOYMENT = "text-embedding-3-large"
RESPONSES_DEPLOYMENT = "gpt-4.1-mini"

FAQ = [
    "You can change your delivery address until the parcel ships.",
    "Gift cards never expire.",
]

client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def embed(texts: list[str]) -> list[list[float]]:
    result = client.embeddings.create(model=EMBEDDING_DEPLOYMENT, input=texts)
    return [item.embedding for item in result.data]


def draft_answer(question: str) -> str:
    response = client.responses.create(
        model=RESPONSES_DEPLOYMENT,
        instructions="Answer using only the FAQ below.\n" + "\n".join(FAQ),
        input=question,
    )
    return response.output_text


def main() -> None:
    vectors = embed(FAQ)
    print(f"Indexed {len(vectors)} FAQ entries ({len(vectors[0])} dimensions)")
    print(draft_answer("Do gift cards expire?"))


if __name__ == "__main__":
    main()

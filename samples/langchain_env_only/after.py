"""Find the feedback closest to a query; every Azure setting comes from the environment.

Needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION.
"""

import os
import sys

from langchain_openai import OpenAIEmbeddings

embedder = OpenAIEmbeddings(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ.get("AZURE_OPENAI_API_KEY") or os.environ["OPENAI_API_KEY"],
    model="text-embedding-3-small",
    check_embedding_ctx_length=False,
    chunk_size=2048,
)

FEEDBACK = ["The new dashboard is great.", "Checkout keeps failing.", "Support answered quickly."]


def closest(query: str) -> str:
    vectors = embedder.embed_documents(FEEDBACK)
    wanted = embedder.embed_query(query)
    scores = [sum(a * b for a, b in zip(vector, wanted)) for vector in vectors]
    return FEEDBACK[scores.index(max(scores))]


if __name__ == "__main__":
    print(closest(" ".join(sys.argv[1:]) or "payment problems"))

"""Find the feedback closest to a query; every Azure setting comes from the environment.

Needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION.
"""

import sys

from langchain_openai.embeddings.azure import AzureOpenAIEmbeddings

embedder = AzureOpenAIEmbeddings(azure_deployment="text-embedding-3-small", check_embedding_ctx_length=False)

FEEDBACK = ["The new dashboard is great.", "Checkout keeps failing.", "Support answered quickly."]


def closest(query: str) -> str:
    vectors = embedder.embed_documents(FEEDBACK)
    wanted = embedder.embed_query(query)
    scores = [sum(a * b for a, b in zip(vector, wanted)) for vector in vectors]
    return FEEDBACK[scores.index(max(scores))]


if __name__ == "__main__":
    print(closest(" ".join(sys.argv[1:]) or "payment problems"))

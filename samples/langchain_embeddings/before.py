"""Index FAQ entries with Azure OpenAI embeddings through LangChain."""

import os

from langchain_openai.embeddings import AzureOpenAIEmbeddings

embeddings = AzureOpenAIEmbeddings(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="text-embedding-3-small",
    api_version=os.environ["OPENAI_API_VERSION"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    check_embedding_ctx_length=False,  # send raw text, no local tokenisation
)

FAQ = [
    "How do I reset my password?",
    "Can I change my delivery address after ordering?",
    "Which payment methods do you accept?",
]


def nearest(question: str) -> str:
    vectors = embeddings.embed_documents(FAQ)
    query = embeddings.embed_query(question)
    scores = [sum(a * b for a, b in zip(query, vector)) for vector in vectors]
    return FAQ[scores.index(max(scores))]


def index_catalogue(size: int = 1500) -> int:
    """Embed every product line of the catalogue in as few requests as the class batches."""
    lines = [f"Product {n}: a sturdy item in colour {n % 7}" for n in range(size)]
    return len(embeddings.embed_documents(lines))


if __name__ == "__main__":
    print(nearest("I forgot my password"))
    print(index_catalogue(), "catalogue vectors")

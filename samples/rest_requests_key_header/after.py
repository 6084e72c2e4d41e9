"""Chat over plain REST with requests and an API key header (no SDK)."""

import os

import requests

ENDPOINT = os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/")
API_KEY = os.environ["AZURE_OPENAI_API_KEY"]
DEPLOYMENT = "gpt-4o-mini"


def ask(question: str) -> str:
    response = requests.post(
        f"{ENDPOINT}/openai/v1/chat/completions",
        headers={"api-key": API_KEY, "Content-Type": "application/json"},
        json={
            "messages": [{"role": "user", "content": question}],
            "temperature": 0,
            "model": DEPLOYMENT,
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(ask("What is the capital of France?"))

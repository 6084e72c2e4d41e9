"""Answer FAQ questions using Microsoft Entra ID (keyless) authentication."""

import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import OpenAI


def build_client() -> OpenAI:
    credential = DefaultAzureCredential()
    token_provider = get_bearer_token_provider(
        credential, "https://cognitiveservices.azure.com/.default"
    )
    return OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=token_provider,
    )


def answer(client: OpenAI, question: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Answer briefly and politely."},
            {"role": "user", "content": question},
        ],
    )
    return completion.choices[0].message.content


def main():
    client = build_client()
    for question in ("What are your opening hours?", "Do you ship to Norway?"):
        print(f"Q: {question}")
        print(f"A: {answer(client, question)}")


if __name__ == "__main__":
    main()

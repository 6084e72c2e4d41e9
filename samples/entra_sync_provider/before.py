"""Answer FAQ questions using Microsoft Entra ID (keyless) authentication."""

import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import AzureOpenAI


def build_client() -> AzureOpenAI:
    credential = DefaultAzureCredential()
    token_provider = get_bearer_token_provider(
        credential, "https://cognitiveservices.azure.com/.default"
    )
    return AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        azure_ad_token_provider=token_provider,
        api_version="2024-10-21",
    )


def answer(client: AzureOpenAI, question: str) -> str:
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

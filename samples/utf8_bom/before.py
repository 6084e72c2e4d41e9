"""Classify short app reviews by sentiment – file saved with a UTF-8 BOM."""

import os

from openai import AzureOpenAI

REVIEWS = [
    "Love the new dark mode — finally!",
    "Crashes every time I open the camera.",
]


def sentiment_client() -> AzureOpenAI:
    return AzureOpenAI(
        api_version="2024-10-21",
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
    )


def classify(client: AzureOpenAI, review: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Reply with positive, negative or neutral."},
            {"role": "user", "content": review},
        ],
        max_tokens=3,
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    client = sentiment_client()
    for review in REVIEWS:
        print(classify(client, review))

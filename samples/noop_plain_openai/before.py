"""Already on the Azure OpenAI v1 endpoint with the standard OpenAI client: nothing to migrate."""

import os

from openai import OpenAI


def v1_base_url() -> str:
    return os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/"


client = OpenAI(
    base_url=v1_base_url(),
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def headline(article: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Write a headline of at most eight words."},
            {"role": "user", "content": article},
        ],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(headline("The city council approved a new bike lane network on Tuesday."))

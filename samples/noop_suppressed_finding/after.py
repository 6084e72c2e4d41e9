"""Settings-driven client that a team reviewed and accepted: the finding is suppressed."""

import os

from openai import AzureOpenAI

SETTINGS = {
    "azure_endpoint": os.environ["AZURE_OPENAI_ENDPOINT"],
    "api_key": os.environ["AZURE_OPENAI_API_KEY"],
    "api_version": "2024-10-21",
}


def load_settings() -> dict:
    return dict(SETTINGS)


client = AzureOpenAI(**load_settings())  # aoai-migrate: ignore[AOAI103]


if __name__ == "__main__":
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Reply with OK."}],
    )
    print(response.choices[0].message.content)

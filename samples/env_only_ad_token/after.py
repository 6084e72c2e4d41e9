"""Scheduled release-notes job; the pipeline injects AZURE_OPENAI_AD_TOKEN.

Developers run it locally with AZURE_OPENAI_API_KEY instead. When both are set,
AzureOpenAI() uses the Entra ID token.
"""

import os

from openai import OpenAI

COMMITS = [
    "fix: handle empty carts at checkout",
    "feat: add PayPal as a payment option",
    "chore: bump dependencies",
]


def release_notes(commits: list[str]) -> str:
    client = OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
    )
    response = client.chat.completions.create(
        model=os.getenv("RELEASE_NOTES_DEPLOYMENT", "gpt-4o"),
        messages=[
            {"role": "system", "content": "Turn commit messages into short, user-facing release notes."},
            {"role": "user", "content": "\n".join(commits)},
        ],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(release_notes(COMMITS))

"""Tiny CLI that rewrites a sentence in plain English.

Configuration comes entirely from the environment:
AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION.
"""

import os
import sys

from openai import OpenAI

client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
)


def plain_english(text: str) -> str:
    result = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Rewrite the user's text in plain English."},
            {"role": "user", "content": text},
        ],
    )
    return result.choices[0].message.content


if __name__ == "__main__":
    sentence = " ".join(sys.argv[1:]) or "Pursuant to the aforementioned clause, remittance is due forthwith."
    print(plain_english(sentence))

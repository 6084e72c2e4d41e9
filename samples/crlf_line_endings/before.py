"""Translate UI strings for the localisation pipeline (file uses CRLF line endings)."""

import json
import os

from openai import AzureOpenAI

STRINGS = {
    "save": "Save",
    "cancel": "Cancel",
}


def make_client():
    return AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-10-21",
    )


def translate(client, text, language):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"Translate UI labels to {language}. Reply with the label only."},
            {"role": "user", "content": text},
        ],
        temperature=0,
    )
    return response.choices[0].message.content.strip()


def main():
    client = make_client()
    translated = {key: translate(client, value, "German") for key, value in STRINGS.items()}
    print(json.dumps(translated, indent=2))


if __name__ == "__main__":
    main()

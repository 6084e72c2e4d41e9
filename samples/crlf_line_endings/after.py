"""Translate UI strings for the localisation pipeline (file uses CRLF line endings)."""

import json
import os

from openai import OpenAI

STRINGS = {
    "save": "Save",
    "cancel": "Cancel",
}


def make_client():
    return OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
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

"""Summarise customer support tickets with an Azure OpenAI chat deployment."""

import os

from openai import OpenAI

CHAT_DEPLOYMENT = "gpt-4o-mini"

client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.getenv("AZURE_OPENAI_API_KEY") or os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ["AZURE_OPENAI_API_KEY"],
)


def summarise_ticket(ticket: str) -> str:
    response = client.chat.completions.create(
        model=CHAT_DEPLOYMENT,
        messages=[
            {"role": "system", "content": "You summarise support tickets in one sentence."},
            {"role": "user", "content": ticket},
        ],
        temperature=0.2,
        max_tokens=120,
    )
    return response.choices[0].message.content or ""


def main() -> None:
    ticket = (
        "Hi, since the last update the export button greys out whenever I "
        "select more than 50 rows. Can you help?"
    )
    print("Summary:", summarise_ticket(ticket))


if __name__ == "__main__":
    main()

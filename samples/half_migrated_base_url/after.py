"""Someone started the v1 migration and stopped halfway: the stock client, Azure's host, no /openai/v1/."""

import os

from openai import OpenAI

client = OpenAI(
    base_url="https://sample-res.openai.azure.com/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def headline(text: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Write a five-word headline for: {text}"}],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(headline("Quarterly revenue grew 12% on strong cloud demand."))

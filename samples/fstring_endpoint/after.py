"""Keyword extractor; the Azure resource name comes from AZURE_OPENAI_RESOURCE."""

import os

from openai import OpenAI

resource = os.environ["AZURE_OPENAI_RESOURCE"]

client = OpenAI(
    base_url=f"https://{resource}.openai.azure.com/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def keywords(text: str) -> list[str]:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Extract up to five keywords, comma separated."},
            {"role": "user", "content": text},
        ],
    )
    content = response.choices[0].message.content or ""
    return [word.strip() for word in content.split(",") if word.strip()]


if __name__ == "__main__":
    print(keywords("Azure OpenAI now offers a v1 API that works with the standard OpenAI client."))

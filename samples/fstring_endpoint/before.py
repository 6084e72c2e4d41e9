"""Keyword extractor; the Azure resource name comes from AZURE_OPENAI_RESOURCE."""

import os

from openai import AzureOpenAI

resource = os.environ["AZURE_OPENAI_RESOURCE"]

client = AzureOpenAI(
    azure_endpoint=f"https://{resource}.openai.azure.com",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-10-21",
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

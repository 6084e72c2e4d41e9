"""Pick Azure OpenAI or OpenAI at run time, depending on configuration."""

from __future__ import annotations

import os
from typing import Union

from openai import AzureOpenAI, OpenAI


def get_llm_client() -> Union[AzureOpenAI, OpenAI]:
    if os.getenv("AZURE_OPENAI_ENDPOINT"):
        return AzureOpenAI(
            azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
            api_key=os.environ["AZURE_OPENAI_API_KEY"],
            api_version=os.getenv("OPENAI_API_VERSION", "2024-10-21"),
        )
    return OpenAI()


def main() -> None:
    client = get_llm_client()
    print("provider:", "azure" if os.getenv("AZURE_OPENAI_ENDPOINT") else "openai")
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Say hello in Dutch."}],
    )
    print(response.choices[0].message.content)


if __name__ == "__main__":
    main()

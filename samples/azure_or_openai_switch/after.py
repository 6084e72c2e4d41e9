"""Pick Azure OpenAI or OpenAI at run time, depending on configuration."""

from __future__ import annotations

import os

from openai import OpenAI


def get_llm_client() -> OpenAI:
    if os.getenv("AZURE_OPENAI_ENDPOINT"):
        return OpenAI(
            base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
            api_key=os.environ["AZURE_OPENAI_API_KEY"],
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

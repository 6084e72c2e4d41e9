"""This project ships its own `AzureOpenAI` wrapper class; it is not the SDK class.

The wrapper already talks to the v1 endpoint through the standard OpenAI client,
so a migration tool must leave this file alone.
"""

import os

from openai import OpenAI


class AzureOpenAI:
    """Project-level facade: one deployment, one resource, retries handled by the SDK."""

    def __init__(self, resource: str, api_key: str, deployment: str) -> None:
        self.deployment = deployment
        self._client = OpenAI(
            base_url=f"https://{resource}.openai.azure.com/openai/v1/",
            api_key=api_key,
        )

    def complete(self, prompt: str) -> str:
        response = self._client.chat.completions.create(
            model=self.deployment,
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content


def build_llm() -> AzureOpenAI:
    return AzureOpenAI(
        resource=os.environ["AZURE_OPENAI_RESOURCE"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        deployment="gpt-4o",
    )


if __name__ == "__main__":
    llm = build_llm()
    assert isinstance(llm, AzureOpenAI)
    print(llm.complete("Give me a haiku about migrations."))

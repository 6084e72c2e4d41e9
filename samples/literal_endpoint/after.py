"""Product description generator pinned to the East US resource."""

import os

from openai import OpenAI

client = OpenAI(
    base_url="https://contoso-eastus.openai.azure.com/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def describe(product: str, tone: str = "friendly") -> str:
    response = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": f"You write {tone} product descriptions of at most 40 words."},
            {"role": "user", "content": product},
        ],
        max_tokens=80,
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(describe("Insulated steel water bottle, 750 ml"))

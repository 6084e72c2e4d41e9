"""Code-review bot that imports the Azure client from openai.lib.azure."""

import os

from openai.lib.azure import AzureOpenAI

REVIEW_PROMPT = "You are a strict reviewer. Point out at most two problems in this Python code."

SNIPPET = """
def average(xs):
    return sum(xs) / len(xs)
"""


def reviewer() -> AzureOpenAI:
    return AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version=os.environ.get("OPENAI_API_VERSION", "2024-10-21"),
    )


def review(code: str) -> str:
    response = reviewer().chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": REVIEW_PROMPT},
            {"role": "user", "content": code},
        ],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(review(SNIPPET))

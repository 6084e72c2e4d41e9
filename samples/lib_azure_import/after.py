"""Code-review bot that imports the Azure client from openai.lib.azure."""

import os

from openai import OpenAI

REVIEW_PROMPT = "You are a strict reviewer. Point out at most two problems in this Python code."

SNIPPET = """
def average(xs):
    return sum(xs) / len(xs)
"""


def reviewer() -> OpenAI:
    return OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
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

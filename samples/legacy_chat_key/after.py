"""A support bot written for openai 0.28 against Azure OpenAI, with key authentication."""

import os

from openai import OpenAI

client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)

DEPLOYMENT = "gpt-35-turbo"


def answer(question):
    response = client.chat.completions.create(
        model=DEPLOYMENT,
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": question},
        ],
        temperature=0.2,
        max_tokens=200,
        timeout=30,
    )
    text = response.choices[0].message.content
    tokens = response.usage.total_tokens
    finish = response.choices[0].finish_reason
    return text, tokens, finish


if __name__ == "__main__":
    text, tokens, finish = answer("What is Azure OpenAI?")
    assert text == "Recorded reply.", text
    assert tokens == 8 and finish == "stop", (tokens, finish)
    print(text, tokens)

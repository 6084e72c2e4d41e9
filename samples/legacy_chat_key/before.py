"""A support bot written for openai 0.28 against Azure OpenAI, with key authentication."""

import os

import openai

openai.api_type = "azure"
openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
openai.api_version = "2023-05-15"
openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")

DEPLOYMENT = "gpt-35-turbo"


def answer(question):
    response = openai.ChatCompletion.create(
        engine=DEPLOYMENT,
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": question},
        ],
        temperature=0.2,
        max_tokens=200,
        request_timeout=30,
    )
    text = response["choices"][0]["message"]["content"]
    tokens = response["usage"]["total_tokens"]
    finish = response["choices"][0].get("finish_reason")
    return text, tokens, finish


if __name__ == "__main__":
    text, tokens, finish = answer("What is Azure OpenAI?")
    assert text == "Recorded reply.", text
    assert tokens == 8 and finish == "stop", (tokens, finish)
    print(text, tokens)

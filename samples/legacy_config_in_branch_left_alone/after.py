"""Azure or openai.com chosen at run time: the configuration lives in branches."""

import os

import openai

if os.getenv("AZURE_OPENAI_ENDPOINT"):
    openai.api_type = "azure"
    openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
    openai.api_version = "2023-05-15"
    openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
    CHAT = {"engine": "gpt-4o"}
else:
    openai.api_key = os.environ["OPENAI_API_KEY"]
    CHAT = {"model": "gpt-4o"}


def ask(question):
    response = openai.ChatCompletion.create(messages=[{"role": "user", "content": question}], **CHAT)
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    assert ask("Which service?") == "Recorded reply."
    print("ok")

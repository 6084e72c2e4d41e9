"""Configuration set inside a function: the tool cannot make one module-level client of it."""

import os

import openai


def configure(endpoint, key):
    openai.api_type = "azure"
    openai.api_base = endpoint
    openai.api_version = "2023-05-15"
    openai.api_key = key


def ask(question):
    response = openai.ChatCompletion.create(engine="gpt-4o", messages=[{"role": "user", "content": question}])
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    configure(os.environ["AZURE_OPENAI_ENDPOINT"], os.environ["AZURE_OPENAI_API_KEY"])
    assert ask("Configured at run time?") == "Recorded reply."
    print("ok")

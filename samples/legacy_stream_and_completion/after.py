"""Streaming chat and a text completion, openai 0.28 style, on Azure OpenAI."""

import os

from openai import OpenAI

# Azure OpenAI resource
client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def complete(prompt):
    result = client.completions.create(model="davinci-002", prompt=prompt, max_tokens=20, stop=["\n"])
    return result.choices[0].text.strip()


def stream_chat(question):
    parts = []
    for chunk in client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
        stream=True,
    ):
        if chunk.choices:  # Azure sends a first chunk without choices (content filter results)
            delta = chunk.choices[0].delta
            parts.append(delta.content or "")
    return "".join(parts)


if __name__ == "__main__":
    assert complete("Say hi") == "Recorded reply."
    streamed = stream_chat("Tell me a story")
    assert streamed == "Recorded reply.", streamed
    print(streamed)

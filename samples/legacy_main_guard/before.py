"""An openai 0.28 script: everything, the Azure configuration too, runs under the main guard."""

import os

import openai

if __name__ == "__main__":
    openai.api_type = "azure"
    openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
    openai.api_version = "2023-05-15"
    openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

    def ask(question):
        response = openai.ChatCompletion.create(
            engine="gpt-4o-mini",
            messages=[{"role": "user", "content": question}],
        )
        return response["choices"][0]["message"]["content"]

    vectors = openai.Embedding.create(engine="text-embedding-3-small", input=["guard"])
    assert len(vectors["data"][0]["embedding"]) > 0
    assert ask("Which guard?") == "Recorded reply."
    print("ok")

"""An openai 0.28 script: everything, the Azure configuration too, runs under the main guard."""

import os

from openai import OpenAI

if __name__ == "__main__":
    client = OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
    )

    def ask(question):
        response = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": question}],
        )
        return response.choices[0].message.content

    vectors = client.embeddings.create(model="text-embedding-3-small", input=["guard"])
    assert len(vectors.data[0].embedding) > 0
    assert ask("Which guard?") == "Recorded reply."
    print("ok")

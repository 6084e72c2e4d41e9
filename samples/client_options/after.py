"""One base client and per-call variants made with with_options() / copy()."""

import os

from openai import OpenAI

base = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)

# Preview features want api-version=preview; this client asks for it per call.
preview = base.with_options(timeout=20, default_query={"api-version": "preview"})
patient = base.copy(max_retries=5)


def ask(client, question: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(ask(base, "Say hello."))
    print(ask(patient, "Say hello again."))
    print(ask(preview, "And once more."))

"""One base client and per-call variants made with with_options() / copy()."""

import os

from openai import AzureOpenAI

base = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-10-21",
)

# Preview features want api-version=preview; this client asks for it per call.
preview = base.with_options(api_version="preview", timeout=20)
patient = base.copy(max_retries=5, api_version="2024-10-21")


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

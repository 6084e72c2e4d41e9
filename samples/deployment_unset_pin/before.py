"""Support bot with an optional deployment override.

CHAT_DEPLOYMENT, when set, pins every chat call to that deployment. Unset, the client pins
nothing, and each call goes to the deployment its own `model=` names.
"""

import os

from openai import AzureOpenAI


def answer(question: str) -> str:
    client = AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        azure_deployment=os.getenv("CHAT_DEPLOYMENT"),
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-10-21",
    )
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content or ""


if __name__ == "__main__":
    print(answer("Where is my parcel?"))

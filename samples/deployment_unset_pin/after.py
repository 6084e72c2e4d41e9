"""Support bot with an optional deployment override.

CHAT_DEPLOYMENT, when set, pins every chat call to that deployment. Unset, the client pins
nothing, and each call goes to the deployment its own `model=` names.
"""

import os

from openai import OpenAI


def answer(question: str) -> str:
    client = OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
    )
    response = client.chat.completions.create(
        model=os.getenv("CHAT_DEPLOYMENT") or "gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content or ""


if __name__ == "__main__":
    print(answer("Where is my parcel?"))

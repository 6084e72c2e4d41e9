"""Production chat client pinned to one deployment with azure_deployment=.

Every deployment-scoped call goes to gpt-4o-prod, whatever `model=` says below.
"""

import os

from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="gpt-4o-prod",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-10-21",
)


def reply(message: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": message}],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(reply("Write a one-line welcome message for new users."))

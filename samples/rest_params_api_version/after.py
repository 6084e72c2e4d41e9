"""REST calls through a requests.Session with an Entra token, api-version passed as a query parameter."""

import os

import requests
from azure.identity import DefaultAzureCredential, get_bearer_token_provider

API_VERSION = "2024-10-21"


def main() -> None:
    endpoint = os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/")
    session = requests.Session()
    token_provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")
    session.headers["Authorization"] = "Bearer " + token_provider()

    # A deployment route: the deployment moves into the body as "model".
    chat = session.post(
        f"{endpoint}/openai/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "Hello"}], "max_tokens": 20, "model": "gpt-4o"},
    )
    print(chat.json()["choices"][0]["message"]["content"])

    # A route without a deployment: the body already names the model.
    reply = session.post(
        f"{endpoint}/openai/v1/responses",
        json={"model": "gpt-4.1-mini", "input": "Hello"},
    )
    print(reply.json()["output"][0]["content"][0]["text"])


if __name__ == "__main__":
    main()

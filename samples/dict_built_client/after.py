"""Client arguments assembled in a dict, key or Entra ID chosen at run time, then splatted."""

import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import OpenAI


def build_client(use_entra: bool) -> OpenAI:
    client_args = {
        "base_url": os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        "max_retries": 2,
    }
    if use_entra:
        client_args["api_key"] = get_bearer_token_provider(
            DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
        )
    else:
        client_args["api_key"] = os.environ["AZURE_OPENAI_API_KEY"]
    return OpenAI(**client_args)


def classify(client: OpenAI, text: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Answer with one word: bug, feature or question."},
            {"role": "user", "content": text},
        ],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    for entra in (False, True):
        print(classify(build_client(entra), "The export button does nothing."))

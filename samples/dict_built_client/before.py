"""Client arguments assembled in a dict, key or Entra ID chosen at run time, then splatted."""

import os

from azure.identity import DefaultAzureCredential, get_bearer_token_provider
from openai import AzureOpenAI


def build_client(use_entra: bool) -> AzureOpenAI:
    client_args = {
        "azure_endpoint": os.environ["AZURE_OPENAI_ENDPOINT"],
        "api_version": os.getenv("OPENAI_API_VERSION", "2024-10-21"),
        "max_retries": 2,
    }
    if use_entra:
        client_args["azure_ad_token_provider"] = get_bearer_token_provider(
            DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"
        )
    else:
        client_args["api_key"] = os.environ["AZURE_OPENAI_API_KEY"]
    return AzureOpenAI(**client_args)


def classify(client: AzureOpenAI, text: str) -> str:
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

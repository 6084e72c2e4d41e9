"""openai 0.28 with Microsoft Entra ID: api_type "azure_ad" sends the token as a Bearer key."""

import openai
from azure.identity import DefaultAzureCredential

credential = DefaultAzureCredential()
token = credential.get_token("https://cognitiveservices.azure.com/.default")

openai.api_type = "azure_ad"
openai.api_base = "https://sample-res.openai.azure.com/"
openai.api_version = "2023-05-15"
openai.api_key = token.token


def summarise(text):
    completion = openai.ChatCompletion.create(
        engine="gpt-4o",
        messages=[{"role": "user", "content": "Summarise: " + text}],
        headers={"x-ms-client-request-id": "sample-run"},
    )
    message = completion["choices"][0]["message"]
    return message["role"], message["content"]


if __name__ == "__main__":
    role, content = summarise("A long text.")
    assert (role, content) == ("assistant", "Recorded reply."), (role, content)
    print(content)

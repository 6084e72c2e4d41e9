"""openai 0.28 with Microsoft Entra ID: api_type "azure_ad" sends the token as a Bearer key."""

from azure.identity import DefaultAzureCredential
from openai import OpenAI

credential = DefaultAzureCredential()
token = credential.get_token("https://cognitiveservices.azure.com/.default")

client = OpenAI(
    base_url="https://sample-res.openai.azure.com/openai/v1/",
    api_key=token.token,
)


def summarise(text):
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Summarise: " + text}],
        extra_headers={"x-ms-client-request-id": "sample-run"},
    )
    message = completion.choices[0].message
    return message.role, message.content


if __name__ == "__main__":
    role, content = summarise("A long text.")
    assert (role, content) == ("assistant", "Recorded reply."), (role, content)
    print(content)

"""Stream a short story from an Azure OpenAI deployment (aliased client import)."""

import os

from openai import AzureOpenAI as AOAI

MODEL = os.getenv("STORY_DEPLOYMENT", "gpt-4o")


def make_client() -> AOAI:
    return AOAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version=os.environ["OPENAI_API_VERSION"],
        max_retries=3,
        timeout=30.0,
    )


def tell_story(client: AOAI, topic: str) -> str:
    stream = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": f"Tell a two-sentence story about {topic}."}],
        stream=True,
    )
    parts = []
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
    return "".join(parts)


def main() -> None:
    client = make_client()
    print(tell_story(client, "a lighthouse keeper"))
    title = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Suggest a title for a lighthouse story."}],
    )
    print("Title:", title.choices[0].message.content)


if __name__ == "__main__":
    main()

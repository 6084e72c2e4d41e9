"""Meeting-notes assistant whose Azure OpenAI settings live in a config object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from openai import OpenAI


@dataclass(frozen=True)
class OpenAISettings:
    endpoint: str
    api_key: str
    api_version: str = "2024-10-21"
    chat_deployment: str = "gpt-4o"

    @classmethod
    def from_env(cls) -> "OpenAISettings":
        return cls(
            endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
            api_key=os.environ["AZURE_OPENAI_API_KEY"],
            api_version=os.environ.get("OPENAI_API_VERSION", cls.api_version),
        )


class AppConfig:
    openai: OpenAISettings = OpenAISettings.from_env()
    max_action_items: int = 5


def get_client(settings: OpenAISettings) -> OpenAI:
    return OpenAI(
        base_url=settings.endpoint.rstrip("/") + "/openai/v1/",
        api_key=settings.api_key,
    )


_client: Optional[OpenAI] = None


def client() -> OpenAI:
    global _client
    if _client is None:
        _client = get_client(AppConfig.openai)
    return _client


def action_items(notes: str) -> str:
    response = client().chat.completions.create(
        model=AppConfig.openai.chat_deployment,
        messages=[
            {
                "role": "system",
                "content": f"List at most {AppConfig.max_action_items} action items as bullet points.",
            },
            {"role": "user", "content": notes},
        ],
    )
    return response.choices[0].message.content


def main() -> None:
    notes = "Anna will draft the budget. Ben books the venue. Everyone reviews the agenda by Friday."
    print(action_items(notes))


if __name__ == "__main__":
    main()

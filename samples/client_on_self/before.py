"""Chat service that keeps its Azure OpenAI client on the instance."""

from __future__ import annotations

import os

from openai import AzureOpenAI


class ChatService:
    client: AzureOpenAI

    def __init__(self, endpoint: str, api_key: str, deployment: str = "gpt-4o") -> None:
        self.deployment = deployment
        self.client = AzureOpenAI(
            azure_endpoint=endpoint,
            api_key=api_key,
            api_version="2024-10-21",
        )
        self.history: list[dict[str, str]] = [
            {"role": "system", "content": "You are a helpful travel assistant."}
        ]

    def ask(self, question: str) -> str:
        self.history.append({"role": "user", "content": question})
        response = self.client.chat.completions.create(model=self.deployment, messages=self.history)
        answer = response.choices[0].message.content
        self.history.append({"role": "assistant", "content": answer})
        return answer


def classify_intent(text: str) -> str:
    """One-off classification with a short-lived client."""
    with AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-10-21",
    ) as c:
        response = c.chat.completions.create(
            model="gpt-4o-mini",
            messages=[
                {"role": "system", "content": "Reply with one word: booking, question or complaint."},
                {"role": "user", "content": text},
            ],
        )
        return response.choices[0].message.content


def main() -> None:
    service = ChatService(os.environ["AZURE_OPENAI_ENDPOINT"], os.environ["AZURE_OPENAI_API_KEY"])
    print(service.ask("What is a good time of year to visit Lisbon?"))
    print(service.ask("And for Porto?"))
    print("Intent:", classify_intent("I want to book a room for two nights."))


if __name__ == "__main__":
    main()

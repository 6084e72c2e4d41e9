"""Summarise support tickets with LangChain on Azure OpenAI (API key)."""

import os

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_openai import AzureChatOpenAI

llm = AzureChatOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="gpt-4o-mini",
    api_version="2024-10-21",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    temperature=0,
    max_tokens=200,
)


def summarise(ticket: str) -> str:
    messages = [
        SystemMessage(content="Summarise the support ticket in one sentence."),
        HumanMessage(content=ticket),
    ]
    return llm.invoke(messages).content


def summarise_streaming(ticket: str) -> str:
    return "".join(chunk.content for chunk in llm.stream(ticket))


if __name__ == "__main__":
    print(summarise("The export button does nothing since the last update."))
    print(summarise_streaming("I was charged twice for my subscription."))

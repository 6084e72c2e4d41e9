"""Answer questions with LangChain on Azure OpenAI; a call names the model it was written for.

Reduced from pr-agent 0.2.4 (``chat.invoke(input=messages, model=model, ...)``): with
``azure_deployment`` the deployment is in the URL and Azure ignores the call's ``model``.
"""

import os

from langchain_core.messages import HumanMessage
from langchain_openai import AzureChatOpenAI

llm = AzureChatOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    azure_deployment="answers-prod",
    api_version="2024-10-21",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def answer(question: str) -> str:
    return llm.invoke([HumanMessage(content=question)], model="gpt-4o", temperature=0.2).content


def answer_streaming(question: str) -> str:
    return "".join(chunk.content for chunk in llm.stream(question, model="gpt-4o"))


if __name__ == "__main__":
    print(answer("Which regions serve the v1 endpoint?"))
    print(answer_streaming("Does v1 need an api-version?"))

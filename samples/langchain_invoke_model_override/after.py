"""Answer questions with LangChain on Azure OpenAI; a call names the model it was written for.

Reduced from pr-agent 0.2.4 (``chat.invoke(input=messages, model=model, ...)``): with
``azure_deployment`` the deployment is in the URL and Azure ignores the call's ``model``.
"""

import os

from langchain_core.messages import HumanMessage
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    model="answers-prod",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    stream_usage=True,
)


def answer(question: str) -> str:
    return llm.invoke([HumanMessage(content=question)], temperature=0.2).content


def answer_streaming(question: str) -> str:
    return "".join(chunk.content for chunk in llm.stream(question))


if __name__ == "__main__":
    print(answer("Which regions serve the v1 endpoint?"))
    print(answer_streaming("Does v1 need an api-version?"))

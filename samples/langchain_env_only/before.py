"""Classify feedback; every Azure setting comes from the environment.

Needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION.
"""

import sys

from langchain_openai.chat_models.azure import AzureChatOpenAI

classifier = AzureChatOpenAI(azure_deployment="gpt-4o-mini", temperature=0)


def classify(feedback: str) -> str:
    prompt = f"Answer with one word, positive or negative: {feedback}"
    return classifier.invoke(prompt).content


if __name__ == "__main__":
    print(classify(" ".join(sys.argv[1:]) or "The new dashboard is great."))

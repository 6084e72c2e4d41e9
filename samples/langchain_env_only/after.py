"""Classify feedback; every Azure setting comes from the environment.

Needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION.
"""

import os
import sys

from langchain_openai import ChatOpenAI

classifier = ChatOpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ.get("AZURE_OPENAI_AD_TOKEN") or os.environ.get("AZURE_OPENAI_API_KEY") or os.environ["OPENAI_API_KEY"],
    model="gpt-4o-mini",
    temperature=0,
    stream_usage=True,
)


def classify(feedback: str) -> str:
    prompt = f"Answer with one word, positive or negative: {feedback}"
    return classifier.invoke(prompt).content


if __name__ == "__main__":
    print(classify(" ".join(sys.argv[1:]) or "The new dashboard is great."))

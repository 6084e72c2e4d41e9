"""openai 0.28 read OPENAI_API_BASE and OPENAI_API_KEY by itself; only the API type is set here."""

import os
from openai import OpenAI

client = OpenAI(
    base_url=os.environ["OPENAI_API_BASE"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["OPENAI_API_KEY"],
)


def ask(question):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content


if __name__ == "__main__":
    assert ask("Where does my configuration come from?") == "Recorded reply."
    print("ok")

"""openai 0.28 read OPENAI_API_BASE and OPENAI_API_KEY by itself; only the API type is set here."""

import openai

openai.api_type = "azure"
openai.api_version = "2023-05-15"


def ask(question):
    reply = openai.ChatCompletion.create(engine="gpt-4o", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content


if __name__ == "__main__":
    assert ask("Where does my configuration come from?") == "Recorded reply."
    print("ok")

"""Retries and error handling around openai 0.28 calls on Azure OpenAI."""

import os
import time

import openai
from openai.error import RateLimitError

openai.api_type = "azure"
openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
openai.api_version = "2023-05-15"
openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")


def ask(question, retries=3):
    for attempt in range(retries):
        try:
            resp = openai.ChatCompletion.create(
                engine="gpt-4o",
                messages=[{"role": "user", "content": question}],
            )
            return resp["choices"][0]["message"]["content"]
        except RateLimitError:
            time.sleep(2**attempt)
        except openai.error.Timeout:
            continue
        except openai.error.InvalidRequestError as e:
            print("bad request:", e)
            return None
        except openai.error.AuthenticationError:
            raise
    return None


if __name__ == "__main__":
    reply = ask("Is this retried?")
    assert reply == "Recorded reply.", reply
    print(reply)

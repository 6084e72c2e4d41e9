"""Retries and error handling around openai 0.28 calls on Azure OpenAI."""

import os
import time

import openai
from openai import OpenAI, RateLimitError

client = OpenAI(
    base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)


def ask(question, retries=3):
    for attempt in range(retries):
        try:
            resp = client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "user", "content": question}],
            )
            return resp.choices[0].message.content
        except RateLimitError:
            time.sleep(2**attempt)
        except openai.APITimeoutError:
            continue
        except (openai.BadRequestError, openai.NotFoundError) as e:
            print("bad request:", e)
            return None
        except openai.AuthenticationError:
            raise
    return None


if __name__ == "__main__":
    reply = ask("Is this retried?")
    assert reply == "Recorded reply.", reply
    print(reply)

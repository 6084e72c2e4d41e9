"""Nightly batch job: one client per run, pinned to the batch deployment.

The deployment is pinned on the client, so `model=` below is ignored by Azure: every chat and
embeddings request goes to `batch-gpt-4o` / its deployment.
"""

import os

from openai import AzureOpenAI

BATCH_DEPLOYMENT = os.environ.get("BATCH_DEPLOYMENT", "batch-gpt-4o")


def run_batch(tickets: list[str]) -> list[str]:
    client = AzureOpenAI(
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        azure_deployment=BATCH_DEPLOYMENT,
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-10-21",
    )
    summaries = []
    for ticket in tickets:
        response = client.chat.completions.create(
            model="gpt-4o",  # ignored: the deployment is pinned above
            messages=[{"role": "user", "content": f"Summarise in one line: {ticket}"}],
        )
        summaries.append(response.choices[0].message.content)
    vectors = client.embeddings.create(input=summaries, model="text-embedding-3-small")
    print(f"embedded {len(vectors.data)} summaries")
    return summaries


if __name__ == "__main__":
    for line in run_batch(["Printer on floor 3 is jammed", "VPN drops every hour"]):
        print(line)

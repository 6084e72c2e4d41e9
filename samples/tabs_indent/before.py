"""Generate commit message suggestions (this project indents with tabs)."""

import os

from openai import AzureOpenAI

EXAMPLE_DIFF = """diff --git a/README.md b/README.md
+## Installation
+pip install acme-tools
"""


class CommitHelper:
	def __init__(self, deployment="gpt-4o-mini"):
		self.deployment = deployment
		self.client = AzureOpenAI(
			azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
			api_key=os.environ["AZURE_OPENAI_API_KEY"],
			api_version="2024-10-21",
		)

	def suggest(self, diff):
		response = self.client.chat.completions.create(
			model=self.deployment,
			messages=[
				{"role": "system", "content": "Write a conventional commit message for this diff."},
				{"role": "user", "content": diff[:4000]},
			],
		)
		return response.choices[0].message.content


if __name__ == "__main__":
	helper = CommitHelper()
	print(helper.suggest(EXAMPLE_DIFF))

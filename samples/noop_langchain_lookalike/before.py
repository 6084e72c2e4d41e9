"""Migration notes for the recommendation service.

We used to construct an AzureOpenAI client here (and, before that, LangChain's
AzureChatOpenAI). Both were replaced by the standard OpenAI client on the
Azure v1 endpoint. Names that merely *mention* AzureOpenAI must not be touched.
"""

import logging
import os

from openai import OpenAI

log = logging.getLogger("recommendations")

# Historical note: AzureOpenAI(api_version=...) is no longer needed on the v1 endpoint.
LEGACY_CLIENT_NAME = "AzureOpenAI"
MIGRATION_NOTE = "Replaced AzureOpenAI/AsyncAzureOpenAI with OpenAI on /openai/v1/ in 2025."


def AzureOpenAI_factory() -> OpenAI:
    """Kept under its old name so existing callers of AzureOpenAI_factory() keep working."""
    log.info("AzureOpenAI_factory(): building a v1 client (formerly %s)", LEGACY_CLIENT_NAME)
    return OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
    )


def recommend(client: OpenAI, liked: list[str]) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Recommend one book for someone who liked: " + ", ".join(liked)}],
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(MIGRATION_NOTE)
    print(recommend(AzureOpenAI_factory(), ["Dune", "Hyperion"]))

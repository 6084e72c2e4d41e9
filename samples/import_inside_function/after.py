"""Plugin-style helper that only imports the OpenAI SDK when the feature is used."""

import os


def create_client():
    from openai import OpenAI

    return OpenAI(
        base_url=os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/") + "/openai/v1/",
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
    )


def complete_sql(partial_query: str) -> str:
    client = create_client()
    response = client.completions.create(
        model="gpt-35-turbo-instruct",
        prompt=f"-- Complete this PostgreSQL query\n{partial_query}",
        max_tokens=64,
        temperature=0,
    )
    return response.choices[0].text


if __name__ == "__main__":
    print(complete_sql("SELECT name, COUNT(*) FROM orders"))

# -*- coding: latin-1 -*-
"""Menü-Assistent für das Café am Markt.

Fragt das Modell nach einer kurzen Beschreibung für Gerichte (Größe, Preis).
"""

import os

from openai import AzureOpenAI

# Größe der Portionen, in Gramm -- wird dem Prompt angehängt
PORTIONS = {"Crème brûlée": 150, "Käsespätzle": 400}

client = AzureOpenAI(
    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-10-21",
)


def beschreibung(gericht: str) -> str:
    """Liefert eine kurze Beschreibung für die Speisekarte des Cafés."""
    groesse = PORTIONS[gericht]
    antwort = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Du schreibst kurze, appetitliche Texte für ein Café."},
            {"role": "user", "content": f"{gericht} (Größe: {groesse} g)"},
        ],
    )
    return antwort.choices[0].message.content


if __name__ == "__main__":
    for gericht in PORTIONS:
        print(gericht, "->", beschreibung(gericht))

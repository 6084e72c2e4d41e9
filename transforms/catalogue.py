"""The README's rule catalogue, generated from the transforms' docstrings, rules and examples.

``python -m transforms.catalogue README.md`` rewrites the part between the markers; a test
fails when the README is stale.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from pathlib import Path

from transforms.pipeline import CATALOGUE

START, END = "<!-- catalogue:start -->", "<!-- catalogue:end -->"


_LANGUAGES = {".toml": "toml", ".cfg": "ini", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".tf": "hcl", ".bicep": "bicep"}


def code_blocks(example: object, mask: Callable[[str], str] = str) -> list[str]:
    """Markdown fences for an example's before (and after): Python, or a named file in its own language."""
    name = getattr(example, "name", None)
    before = mask(example.before).rstrip("\n")  # type: ignore[attr-defined]
    after = None if example.after is None else mask(example.after).rstrip("\n")  # type: ignore[attr-defined]
    if name is None:
        if after is None:
            return [f"```python\n{before}\n```"]
        return [f"```python\n# before\n{before}\n```", f"```python\n# after\n{after}\n```"]
    language = "toml" if Path(name).name == "Pipfile" else _LANGUAGES.get(Path(name).suffix.lower(), "text")
    if after is None:
        return [f"`{name}`:\n```{language}\n{before}\n```"]
    return [f"`{name}` before:\n```{language}\n{before}\n```", f"after:\n```{language}\n{after}\n```"]


def render() -> str:
    out: list[str] = []
    for module, transform in CATALOGUE:
        name = module.__name__.split(".")[-1]
        doc = inspect.cleandoc(module.__doc__ or "")
        summary, _, body = doc.partition("\n\n")
        out.append(f"### `{name}`: {summary.strip()}\n")
        out.append("| rule | name | kind | what |\n|---|---|---|---|")
        for rule in transform.RULES:
            out.append(f"| `{rule.code}` | {rule.name} | {'fix' if rule.fix else 'report'} | {rule.summary} |")
        out.append("")
        out.append(body.strip() + "\n")
        for example in transform.EXAMPLES:
            title = example.title or "example"
            if example.after is None:
                out.append(f"*{title}* (left alone, reported as {', '.join(example.findings)}):\n")
            else:
                out.append(f"*{title}*:\n")
            out.extend(block + "\n" for block in code_blocks(example))
    return "\n".join(out)


def splice(readme: str) -> str:
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"README lacks the {START} / {END} markers")
    return f"{head}{START}\n{render()}\n{END}{tail}"


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(splice(path.read_text(encoding="utf-8")), encoding="utf-8", newline="\n")

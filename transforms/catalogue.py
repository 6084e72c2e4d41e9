"""The README's rule catalogue, generated from the transforms' docstrings, rules and examples.

``python -m transforms.catalogue README.md`` rewrites the part between the markers; a test
fails when the README is stale.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from transforms.pipeline import PIPELINE

START, END = "<!-- catalogue:start -->", "<!-- catalogue:end -->"


def render() -> str:
    out: list[str] = []
    for module, transform in PIPELINE:
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
                out.append(f"```python\n{example.before}```\n")
            else:
                out.append(f"*{title}*:\n")
                out.append(f"```python\n# before\n{example.before}```\n```python\n# after\n{example.after}```\n")
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

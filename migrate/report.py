"""Everything the tool prints: diffs on stdout, findings and the summary on stderr.

The only module that imports rich, and only when stderr/stdout is a terminal. Piped output is
raw bytes: a diff carries each file's own encoding and line endings so ``git apply`` reproduces
``apply`` byte for byte, and nothing is wrapped or coloured.
"""

from __future__ import annotations

import collections
import dataclasses
import difflib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from migrate.session import FileResult
    from transforms.pipeline import Rule


def display_path(path: Path) -> str:
    """``path`` relative to the current directory when below it, with forward slashes."""
    text = os.path.relpath(path) if path.is_absolute() else os.path.normpath(path)
    if text.startswith(".."):
        text = str(path)
    return text.replace(os.sep, "/")


def _lines(text: str) -> list[str]:
    """Split on ``\\n`` only (``str.splitlines`` also splits on ``\\f``, ``\\x1c``, U+2028...)."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


def unified_diff(path: Path, old: str, new: str, encoding: str) -> bytes:
    """A ``git apply``-able diff of one file, in the file's own encoding and line endings."""
    if encoding.replace("_", "-").lower() == "utf-8-sig":
        old, new, encoding = "\ufeff" + old, "\ufeff" + new, "utf-8"
    name = display_path(path)
    out: list[str] = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}", n=3):
        if line.startswith(("---", "+++", "@@")):
            out.append(line if line.endswith("\n") else line + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out).encode(encoding, errors="surrogateescape")


@dataclasses.dataclass
class Tally:
    """Counts for the summary line; kept instead of the results so memory stays flat."""

    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    by_rule: collections.Counter = dataclasses.field(default_factory=collections.Counter)

    def add(self, result: FileResult) -> None:
        if result.error is not None:
            self.failed += 1
        elif result.changed:
            self.changed += 1
        else:
            self.unchanged += 1
        self.by_rule.update(f.rule for f in result.follow_ups)

    @property
    def follow_ups(self) -> int:
        return sum(self.by_rule.values())


class Reporter:
    def __init__(self, *, stdout: IO[bytes] | None = None, stderr: IO[str] | None = None, color: bool | None = None) -> None:
        self.stdout = stdout if stdout is not None else sys.stdout.buffer
        self.stderr = stderr if stderr is not None else sys.stderr
        self.color_out = sys.stdout.isatty() if color is None else color
        self.color_err = self.stderr.isatty() if color is None else color
        self._console = None

    # ---------------------------------------------------------------- stdout

    def diff(self, result: FileResult) -> None:
        data = unified_diff(result.path, result.old_text, result.new_text, result.encoding)
        if not self.color_out:
            self.stdout.write(data)
            self.stdout.flush()
            return
        text = data.decode(result.encoding if result.encoding != "utf-8-sig" else "utf-8", errors="replace")
        from rich.console import Console
        from rich.text import Text

        console = Console(soft_wrap=True, highlight=False)
        for line in _lines(text):
            style = ""
            if line.startswith(("+++", "---")):
                style = "bold"
            elif line.startswith("@@"):
                style = "cyan"
            elif line.startswith("+"):
                style = "green"
            elif line.startswith("-"):
                style = "red"
            console.print(Text(line.rstrip("\r\n"), style=style))

    # ---------------------------------------------------------------- stderr

    def _err(self, parts: Iterable[tuple[str, str]]) -> None:
        parts = list(parts)
        if not self.color_err:
            self.stderr.write("".join(text for text, _ in parts) + "\n")
            self.stderr.flush()
            return
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stderr, soft_wrap=True, highlight=False)
        from rich.text import Text

        self._console.print(Text.assemble(*parts))

    def failure(self, result: FileResult) -> None:
        self._err([(f"{display_path(result.path)}: ", "bold"), ("error: ", "bold red"), (result.error or "", "")])

    def finding(self, result: FileResult, finding, *, show_fixed: bool) -> None:  # noqa: ANN001
        if finding.fixed and not show_fixed:
            return
        location = f"{display_path(result.path)}:{finding.line}:{finding.column}: "
        marker = "[*] " if finding.fixed else ""
        self._err([(location, "bold"), (f"{finding.rule} ", "bold red" if not finding.fixed else "bold green"), (marker + finding.message, "")])

    def interrupted(self) -> None:
        self._err([("aoai-migrate: ", "bold"), ("interrupted; every file is either fully migrated or untouched", "bold red")])

    def would_change(self, result: FileResult) -> None:
        self._err([(f"{display_path(result.path)}: ", "bold"), ("would be migrated", "yellow")])

    def summary(self, tally: Tally, verb: str) -> None:
        files = "file" if tally.changed == 1 else "files"
        text = (
            f"{tally.changed} {files} {verb}, {tally.unchanged} unchanged, {tally.failed} failed, "
            f"{sum(tally.by_rule.values())} follow-ups"
        )
        if tally.by_rule:
            text += " (" + ", ".join(f"{rule} x{n}" for rule, n in sorted(tally.by_rule.items())) + ")"
        style = "bold red" if tally.failed else ("bold yellow" if tally.changed or tally.by_rule else "bold green")
        self._err([("aoai-migrate: ", "bold"), (text, style)])

    def rules(self, rules: Iterable[Rule]) -> None:
        out = sys.stdout
        for rule in rules:
            kind = "fix   " if rule.fix else "report"
            out.write(f"{rule.code}  {kind}  {rule.name:<24} {rule.summary}\n")

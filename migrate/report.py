"""Everything the tool prints: diffs on stdout, findings and the summary on stderr, and the
machine-readable reports (``--format json|github|sarif``).

The only module that imports rich, and only when stderr/stdout is a terminal. Piped output is
raw bytes: a diff carries each file's own encoding and line endings so ``git apply`` reproduces
``apply`` byte for byte, and nothing is wrapped or coloured.

Secrets (see :mod:`migrate.secrets`) are masked in everything printed here unless the
:class:`~migrate.secrets.Masker` is disabled (``--show-secrets``). A piped diff is masked too, so
a patch that shows a secret literal no longer applies; the reporter says so on stderr and names
``--show-secrets``, which gives the byte-exact patch.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from migrate.secrets import Masker

if TYPE_CHECKING:
    from migrate.session import FileResult
    from transforms.pipeline import Rule

#: Runs with more files than this get a progress bar and a summary table on a terminal.
LARGE_RUN = 200
#: ... and so do runs that take longer than this many seconds.
LONG_RUN = 5.0

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def display_path(path: Path) -> str:
    """``path`` relative to the current directory when below it, else absolute (``../e.py`` too: a
    patch names it so that ``git apply`` from ``/`` finds it), with forward slashes."""
    text = os.path.relpath(path) if path.is_absolute() else os.path.normpath(path)
    if text == ".." or text.startswith(".." + os.sep):
        text = os.path.abspath(path)
    return text.replace(os.sep, "/")


def _lines(text: str) -> list[str]:
    """Split on ``\\n`` only (``str.splitlines`` also splits on ``\\f``, ``\\x1c``, U+2028...)."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


_C_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def _git_name(name: str) -> str:
    """A patch header's file name as git writes it: C-quoted when it holds a quote, a backslash or a
    control character (a newline in a name would split the header), as it is otherwise."""
    if not any(c in _C_ESCAPES or ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return name
    quoted = "".join(_C_ESCAPES.get(c) or (f"\\{ord(c):03o}" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in name)
    return f'"{quoted}"'


def unified_diff_text(name: str, old: str, new: str, mask: Callable[[str], str] | None = None) -> str:
    """A ``git apply``-able diff of one text (``mask`` is applied to the lines shown)."""
    from migrate.patience import unified_diff as diff_lines  # here: a run that shows no diff never needs it

    out: list[str] = []
    if name.startswith("/"):
        name = name.lstrip("/")  # an absolute path outside the current directory: a/tmp/x.py, as git writes it
    for line in diff_lines(_lines(old), _lines(new), _git_name(f"a/{name}"), _git_name(f"b/{name}"), n=3):
        if line.startswith(("---", "+++", "@@")):
            out.append(line if line.endswith("\n") else line + "\n")
            continue
        if mask is not None:
            line = mask(line)
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def unified_diff(path: Path, old: str, new: str, encoding: str, mask: Callable[[str], str] | None = None) -> bytes:
    """A ``git apply``-able diff of one file, in the file's own encoding and line endings."""
    if encoding.replace("_", "-").lower() == "utf-8-sig":
        old, new, encoding = "\ufeff" + old, "\ufeff" + new, "utf-8"
    return unified_diff_text(display_path(path), old, new, mask).encode(encoding, errors="surrogateescape")


def _kind(result: FileResult) -> Any:
    """The file-kind module of a result shown other than as one text diff (a notebook), else None."""
    if getattr(result, "kind", "python") == "python":
        return None
    from migrate.session import kind_named

    kind = kind_named(result.kind)
    return kind if hasattr(kind, "diff_parts") else None


def _shown_pair(old: str, new: str) -> tuple[str, str]:
    """A notebook cell's last line has no line break: do not flag that in every cell's diff."""
    if old and new and not old.endswith("\n") and not new.endswith("\n"):
        return old + "\n", new + "\n"
    return old, new


def diff_text(result: FileResult, mask: Callable[[str], str] | None = None) -> str:
    """The diff of one changed file as text: a unified diff, or for a notebook one per changed cell
    (headers ``a/nb.ipynb:cell 3``; cells counted from 1, markdown cells included)."""
    kind = _kind(result)
    name = display_path(result.path)
    if kind is None:
        return unified_diff_text(name, result.old_text, result.new_text, mask)
    return "".join(
        unified_diff_text(f"{name}:{label}", *_shown_pair(old, new), mask)
        for label, old, new in kind.diff_parts(result.old_text, result.new_text)
    )


def file_diff(result: FileResult, mask: Callable[[str], str] | None = None) -> bytes:
    """What ``diff`` prints for one file: in its own encoding (git apply-able), a notebook's cells in UTF-8."""
    if _kind(result) is None:
        return unified_diff(result.path, result.old_text, result.new_text, result.encoding, mask)
    return diff_text(result, mask).encode("utf-8", errors="surrogateescape")


def masker_for(masker: Masker, result: FileResult):  # noqa: ANN201 - a SourceMasker
    """The secret masker for one file: a notebook's secrets are looked for in its code cells."""
    kind = _kind(result)
    if kind is None or not hasattr(kind, "code_sources"):
        return masker.for_source(result.old_text, result.new_text)
    return masker.for_source(*kind.code_sources(result.old_text), *kind.code_sources(result.new_text))


def location_of(result: FileResult, finding: Any) -> str:
    """``path:line:col`` or, in a notebook, ``path:cell 3:line:col`` (line and column within the cell)."""
    cell = getattr(finding, "cell", None)
    where = f"cell {cell}:" if cell is not None else ""
    return f"{display_path(result.path)}:{where}{finding.line}:{finding.column}"


@dataclasses.dataclass
class Tally:
    """Counts for the summary; kept instead of the results so memory stays flat."""

    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    declined: int = 0  # apply --interactive: changes the reviewer said no to
    by_rule: collections.Counter = dataclasses.field(default_factory=collections.Counter)

    def add(self, result: FileResult, *, declined: bool = False) -> None:
        if result.error is not None:
            self.failed += 1
        elif declined:
            self.declined += 1
        elif result.changed:
            self.changed += 1
        else:
            self.unchanged += 1
        if result.findings:
            self.by_rule.update(f.rule for f in result.follow_ups)

    @property
    def follow_ups(self) -> int:
        return sum(self.by_rule.values())

    @property
    def scanned(self) -> int:
        return self.changed + self.unchanged + self.failed + self.declined


def _rule_table() -> dict[str, Rule]:
    from transforms.pipeline import RULES  # only once there is a finding: LibCST was needed anyway

    return RULES


class Reporter:
    """The human-readable output: coloured with rich on a terminal, plain text otherwise."""

    def __init__(
        self,
        *,
        stdout: IO[bytes] | None = None,
        stderr: IO[str] | None = None,
        color: bool | None = None,
        masker: Masker | None = None,
        quiet: bool = False,
    ) -> None:
        self.stdout = stdout if stdout is not None else sys.stdout.buffer
        self.stderr = stderr if stderr is not None else sys.stderr
        self.color_out = sys.stdout.isatty() if color is None else color
        self.color_err = self.stderr.isatty() if color is None else color
        self.masker = masker if masker is not None else Masker()
        self.quiet = quiet  # findings and notes go to a machine-readable report instead
        self._console = None

    @property
    def console(self):  # noqa: ANN201 - rich.console.Console, imported lazily
        if self._console is None:
            from rich.console import Console

            if self.stderr is sys.stderr:
                self._console = Console(stderr=True, soft_wrap=True, highlight=False)
            else:
                self._console = Console(file=self.stderr, soft_wrap=True, highlight=False)
        return self._console

    # ---------------------------------------------------------------- stdout

    def diff(self, result: FileResult) -> None:
        """Print the diff of one changed file; a piped diff is raw bytes (masked: see the module doc)."""
        mask = masker_for(self.masker, result)
        data = file_diff(result, mask if mask else None)
        if not self.color_out:
            self.stdout.write(data)
            self.stdout.flush()
            if _kind(result) is not None:
                self.note(result, "shown cell by cell, which git apply cannot apply; 'aoai-migrate apply' writes it")
            elif mask and data != file_diff(result):
                self.note(
                    result,
                    "a secret literal is masked in this patch, so it will not apply; "
                    "re-run with --show-secrets for a patch that does (AOAI301)",
                )
            return
        from rich.console import Console

        self._print_diff(Console(soft_wrap=True, highlight=False), result, mask)

    def _print_diff(self, console, result: FileResult, mask: Callable[[str], str] | None) -> None:  # noqa: ANN001
        from rich.text import Text

        text = diff_text(result, mask or None)
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

    def review(self, result: FileResult, position: int) -> None:
        """``apply --interactive``: show one file's diff (masked) on the terminal."""
        from rich.text import Text

        self.console.rule(Text(f"{display_path(result.path)}  ({position})"), style="dim")
        self._print_diff(self.console, result, masker_for(self.masker, result) or None)
        for finding in result.findings:
            self.finding(result, finding, show_fixed=True)

    # ---------------------------------------------------------------- stderr

    def _err(self, parts: Iterable[tuple[str, str]]) -> None:
        parts = list(parts)
        if not self.color_err:
            self.stderr.write("".join(text for text, _ in parts) + "\n")
            self.stderr.flush()
            return
        from rich.text import Text

        self.console.print(Text.assemble(*parts))

    def failure(self, result: FileResult) -> None:
        if self.quiet:
            return
        message = self.masker.message(result.error or "")
        self._err([(f"{display_path(result.path)}: ", "bold"), ("error: ", "bold red"), (message, "")])

    def finding(self, result: FileResult, finding, *, show_fixed: bool) -> None:  # noqa: ANN001
        if self.quiet or (finding.fixed and not show_fixed):
            return
        location = location_of(result, finding) + ": "
        marker = "[*] " if finding.fixed else ""
        style = "bold red" if not finding.fixed else "bold green"
        self._err([(location, "bold"), (f"{finding.rule} ", style), (marker + self.masker.message(finding.message), "")])

    def note(self, result: FileResult, text: str) -> None:
        if not self.quiet:
            self._err([(f"{display_path(result.path)}: ", "bold"), ("note: ", "bold yellow"), (text, "")])

    def interrupted(self, wrote: bool = True) -> None:
        """Ctrl-C or SIGTERM; ``wrote``: the run was writing files (``apply``), each whole or not at all."""
        what = "every file is either fully migrated or untouched" if wrote else "nothing was written"
        self._err([("aoai-migrate: ", "bold"), (f"interrupted; {what}", "bold red")])

    def nothing_found(self) -> None:
        """No file was found to read: a path that holds no file the tool reads, or an exclude that
        drops them all. Said even with ``--format``: a CI guard that checked nothing must not look
        like one that found nothing."""
        self._err(
            [
                ("aoai-migrate: ", "bold"),
                ("warning: ", "bold yellow"),
                ("no files found under the given paths (is a path or an exclude setting wrong?); nothing was checked", ""),
            ]
        )

    def would_change(self, result: FileResult) -> None:
        if not self.quiet:
            self._err([(f"{display_path(result.path)}: ", "bold"), ("would be migrated", "yellow")])

    def summary(self, tally: Tally, verb: str) -> None:
        files = "file" if tally.changed == 1 else "files"
        text = f"{tally.changed} {files} {verb}, {tally.unchanged} unchanged, {tally.failed} failed, "
        if tally.declined:
            text += f"{tally.declined} declined, "
        text += f"{tally.follow_ups} follow-ups"
        if tally.by_rule:
            text += " (" + ", ".join(f"{rule} x{n}" for rule, n in sorted(tally.by_rule.items())) + ")"
        pending = tally.changed or tally.by_rule or tally.declined
        style = "bold red" if tally.failed else ("bold yellow" if pending else "bold green")
        self._err([("aoai-migrate: ", "bold"), (text, style)])

    def table(self, tally: Tally, verb: str, seconds: float) -> None:
        """The summary as a table on a terminal (after a large or long run)."""
        from rich.table import Table

        table = Table(title="aoai-migrate", show_header=False, title_justify="left", box=None, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_row("files scanned", str(tally.scanned))
        table.add_row(verb, str(tally.changed))
        table.add_row("unchanged", str(tally.unchanged))
        table.add_row("failed", str(tally.failed), style="red" if tally.failed else "")
        if tally.declined:
            table.add_row("declined", str(tally.declined), style="yellow")
        table.add_row("follow-ups", str(tally.follow_ups), style="yellow" if tally.follow_ups else "")
        for rule, count in sorted(tally.by_rule.items()):
            table.add_row(f"  {rule}", str(count))
        table.add_row("time", f"{seconds:.1f} s")
        self.console.print(table)

    def progress(self) -> RunProgress:
        return RunProgress(self if self.color_err else None)

    # ---------------------------------------------------------------- stdout: catalogue

    def rules(self, rules: Iterable[Rule]) -> None:
        out = sys.stdout
        for rule in sorted(rules, key=lambda r: r.code):
            kind = "fix   " if rule.fix else "report"
            out.write(f"{rule.code}  {kind}  {rule.name:<24} {rule.summary}\n")

    def explain(self, rule: Rule, module: Any, transform: Any) -> None:
        """The catalogue entry of one rule: what, why, fix safety, follow-up, before/after."""
        text = explain_text(rule, module, transform, self.masker)
        if not self.color_out:
            sys.stdout.write(text)
            return
        from rich.console import Console
        from rich.markdown import Markdown

        Console(soft_wrap=True, highlight=False).print(Markdown(text))


def explain_text(rule: Rule, module: Any, transform: Any, masker: Masker | None = None) -> str:
    """Markdown: the rule, its transform's docstring (Why, Fix safety, Manual follow-up), examples."""
    import inspect

    masker = masker if masker is not None else Masker()
    doc = inspect.cleandoc(module.__doc__ or "")
    summary, _, body = doc.partition("\n\n")
    out = [f"# {rule.code} {rule.name} ({'fix' if rule.fix else 'report'})", "", rule.summary, ""]
    examples = [e for e in transform.EXAMPLES if (e.after is not None if rule.fix else rule.code in e.findings)]
    from transforms.catalogue import code_blocks

    # the rule's own examples first, then what its transform does as a whole (a trial: the module's
    # text came first, and its follow-ups are about its other rules as much as this one)
    for example in examples:
        mask = masker.for_source(example.before)
        title = example.title or "example"
        if example.after is None:
            out += [f"## {title} (left alone, reported as {', '.join(example.findings)})", ""]
        else:
            reported = f" (reported as {', '.join(example.findings)})" if example.findings else ""
            out += [f"## {title}{reported}", ""]
        for block in code_blocks(example, mask):
            out += [block, ""]
    if not examples:
        out += ["(No inline example for this rule; see the transform's tests.)", ""]
    name = module.__name__.split(".")[-1]
    out += [f"## About `{name}`, the transform behind {rule.code}", "", " ".join(summary.split()), "", body.strip(), ""]
    return "\n".join(out)


class RunProgress:
    """A transient progress bar on stderr, shown once a run has gone past :data:`LARGE_RUN` files
    or :data:`LONG_RUN` seconds.

    Discovery streams, so the total is not known: the bar pulses and counts. With ``reporter``
    None (stderr is not a terminal) it does nothing.
    """

    def __init__(self, reporter: Reporter | None) -> None:
        import time

        self.reporter = reporter
        self.shown = False
        self._progress = None
        self._task = None
        self._clock = time.monotonic
        self._started = time.monotonic()

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def update(self, tally: Tally) -> None:
        if self.reporter is None:
            return
        if self._progress is None:
            if tally.scanned <= LARGE_RUN and self._clock() - self._started <= LONG_RUN:
                return
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]aoai-migrate[/]"),
                BarColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=self.reporter.console,
                transient=True,
            )
            self._task = self._progress.add_task("", total=None)
            self._progress.start()
            self.shown = True
        description = (
            f"{tally.scanned} files, {tally.changed} to change, {tally.failed} failed, {tally.follow_ups} follow-ups"
        )
        self._progress.update(self._task, description=description, completed=tally.scanned)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


# --------------------------------------------------------------------------- machine-readable


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aoai-migrate")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


class MachineReport:
    """Collects what a run found and writes it in one format at the end.

    Keeps one small record per file and per finding (never the file texts).
    """

    def __init__(self, mode: str, out: IO[str], masker: Masker | None = None) -> None:
        self.mode = mode
        self.out = out
        self.masker = masker if masker is not None else Masker()
        self.files: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []

    def add(self, result: FileResult, *, declined: bool = False) -> None:
        path = display_path(result.path)
        if result.error is not None:
            status = "failed"
        elif declined:
            status = "declined"
        elif result.changed:
            status = "changed" if self.mode == "apply" else "would-change"
        else:
            status = "unchanged"
        error = self.masker.message(result.error) if result.error is not None else None
        self.files.append({"path": path, "status": status, "error": error, "findings": len(result.findings)})
        if error is not None:
            self.errors.append({"path": path, "message": error})
        for finding in result.findings:
            cell = getattr(finding, "cell", None)
            record = {
                "rule": finding.rule,
                "path": path,
                "line": finding.line,
                "column": finding.column,
                "cell": cell,
                "message": self.masker.message(finding.message),
                "fixable": bool(finding.fixed),
            }
            lines = (result.locations or {}).get(cell) if cell is not None else None
            if cell is not None:
                # Annotations point into the file itself: the line of the .ipynb holding that source line.
                record["file_line"] = lines[finding.line - 1] if lines and finding.line <= len(lines) else None
            self.findings.append(record)

    def summary(self, tally: Tally, seconds: float) -> dict[str, Any]:
        return {
            "files": tally.scanned,
            "changed": tally.changed,
            "unchanged": tally.unchanged,
            "failed": tally.failed,
            "declined": tally.declined,
            "follow_ups": tally.follow_ups,
            "by_rule": dict(sorted(tally.by_rule.items())),
            "seconds": round(seconds, 3),
        }

    def write(self, tally: Tally, seconds: float) -> None:
        raise NotImplementedError


class JsonReport(MachineReport):
    def write(self, tally: Tally, seconds: float) -> None:
        names = {code: rule.name for code, rule in _rule_table().items()} if self.findings else {}
        document = {
            "tool": "aoai-migrate",
            "version": tool_version(),
            "command": self.mode,
            "files": self.files,
            "findings": [
                {**{k: v for k, v in f.items() if k != "file_line"}, "name": names.get(f["rule"], "")} for f in self.findings
            ],
            "summary": self.summary(tally, seconds),
        }
        json.dump(document, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")
        self.out.flush()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReport(MachineReport):
    """GitHub Actions workflow commands: an annotation per finding and per failed file."""

    def write(self, tally: Tally, seconds: float) -> None:
        names = {code: rule.name for code, rule in _rule_table().items()} if self.findings else {}
        for error in self.errors:
            self.out.write(
                f"::error file={_escape_property(error['path'])},title={_escape_property('aoai-migrate: cannot process')}"
                f"::{_escape_data(error['message'])}\n"
            )
        for finding in self.findings:
            level, suffix = _levels(finding["fixable"], self.mode)
            title = f"{finding['rule']} {names.get(finding['rule'], '')}".strip()
            line, column = _file_position(finding)
            position = f",line={line}" if line is not None else ""
            position += f",col={column}" if column is not None else ""
            self.out.write(
                f"::{_GITHUB_LEVEL[level]} file={_escape_property(finding['path'])}{position},"
                f"title={_escape_property(title)}::{_escape_data(_in_cell(finding) + finding['message'] + suffix)}\n"
            )
        self.out.flush()


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def _file_position(finding: dict[str, Any]) -> tuple[int | None, int | None]:
    """(line, column) in the file itself: for a notebook cell, the .ipynb line holding that source
    line and no column (the JSON spelling shifts it); the cell position goes into the message."""
    if finding.get("cell") is None:
        return finding["line"], finding["column"]
    return finding.get("file_line"), None


def _in_cell(finding: dict[str, Any]) -> str:
    if finding.get("cell") is None:
        return ""
    return f"cell {finding['cell']}, line {finding['line']}, column {finding['column']}: "


def _levels(fixable: bool, mode: str) -> tuple[str, str]:
    """(SARIF level, message suffix): follow-ups are errors, fixable ones warnings, fixed ones notes."""
    if not fixable:
        return "error", ""
    if mode == "apply":
        return "note", " (fixed by aoai-migrate apply)"
    return "warning", " (fixable: run aoai-migrate apply)"


class SarifReport(MachineReport):
    """SARIF 2.1.0, as GitHub code scanning reads it (paths relative to the current directory)."""

    def write(self, tally: Tally, seconds: float) -> None:
        rules = _rule_table() if self.findings else {}
        used = sorted({f["rule"] for f in self.findings})
        index = {code: n for n, code in enumerate(used)}
        results = []
        for finding in self.findings:
            level, suffix = _levels(finding["fixable"], self.mode)
            properties: dict[str, Any] = {"fixable": finding["fixable"]}
            if finding.get("cell") is not None:
                properties.update(cell=finding["cell"], cellLine=finding["line"], cellColumn=finding["column"])
            results.append(
                {
                    "ruleId": finding["rule"],
                    "ruleIndex": index[finding["rule"]],
                    "level": level,
                    "message": {"text": _in_cell(finding) + finding["message"] + suffix},
                    "locations": [_location(finding["path"], *_file_position(finding))],
                    "properties": properties,
                }
            )
        notifications = [
            {"level": "error", "message": {"text": error["message"]}, "locations": [_location(error["path"])]}
            for error in self.errors
        ]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "aoai-migrate",
                    "version": tool_version(),
                    "rules": [_sarif_rule(rules[code]) for code in used],
                }
            },
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not self.errors, "toolExecutionNotifications": notifications}],
            "properties": {"summary": self.summary(tally, seconds)},
        }
        document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        json.dump(document, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")
        self.out.flush()


def _location(path: str, line: int | None = None, column: int | None = None) -> dict[str, Any]:
    from urllib.parse import quote

    if os.path.isabs(path):
        artifact: dict[str, Any] = {"uri": Path(path).as_uri()}
    else:
        artifact = {"uri": quote(path), "uriBaseId": "%SRCROOT%"}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line is not None:
        physical["region"] = {"startLine": line} if column is None else {"startLine": line, "startColumn": column}
    return {"physicalLocation": physical}


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    from transforms.pipeline import transform_of

    module = transform_of(rule.code)
    transform = next(t for m, t in _pipeline() if m is module)
    security = rule.code == "AOAI301"
    properties: dict[str, Any] = {"tags": ["azure-openai", "migration"] + (["security"] if security else [])}
    if security:
        properties["security-severity"] = "7.5"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.summary, "markdown": explain_text(rule, module, transform)},
        "defaultConfiguration": {"level": "error" if not rule.fix else "warning"},
        "properties": properties,
    }


def _pipeline():  # noqa: ANN202
    from transforms.pipeline import CATALOGUE

    return CATALOGUE


def machine_report(fmt: str, mode: str, out: IO[str], masker: Masker) -> MachineReport:
    return {"json": JsonReport, "github": GithubReport, "sarif": SarifReport}[fmt](mode, out, masker)

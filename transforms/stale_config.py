"""API-version settings outside Python (``.env``, YAML, JSON, Bicep, Terraform, Dockerfile): reported as dead once migrated.

**Why**: ``OpenAI`` on the v1 endpoint (``https://RES.openai.azure.com/openai/v1/``) takes no
``api-version`` for GA features and never reads ``OPENAI_API_VERSION`` or
``AZURE_OPENAI_API_VERSION``. Once every client is migrated, the settings that only fed
``api_version`` are dead configuration: they mislead the next reader ("which version are we
on?") and keep being copied into new environments. They may still be read by something else,
though: LangChain's ``AzureChatOpenAI``/``AzureOpenAIEmbeddings`` (``OPENAI_API_VERSION``), REST
code that builds ``?api-version=`` URLs, other services or tools. Only a person can tell.

**What it reports**, at the line and column of the name:

- AOAI411: ``AZURE_OPENAI_API_VERSION`` or ``OPENAI_API_VERSION`` as a whole name (a ``.env``
  line, an ``environment:`` map or ``- name:``/``value:`` list, ``"AZURE_OPENAI_API_VERSION": ...``
  in ``local.settings.json``, ``{ name: 'AZURE_OPENAI_API_VERSION', value: ... }`` in Bicep,
  ``app_settings`` in Terraform, ``ENV`` in a Dockerfile, or a ``${...}`` reference). A longer name
  that contains it (``MY_OPENAI_API_VERSION_NOTE``) is another setting and is not reported.
- AOAI412: an ``api-version`` key (``api-version: 2024-02-01``) in a block that mentions OpenAI:
  the lines indented as deep around it and the key it is nested under (``openai:``,
  ``"AzureOpenAI": {``); a top-level key in a file that mentions OpenAI. Another service's
  settings beside OpenAI's (``search:`` with its own ``api-version``) are not reported.
- AOAI413: ``?api-version=`` / ``&api-version=`` in a URL whose path has an ``/openai/`` segment
  (``https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=...``). ARM and
  other Azure REST URLs have their own, still required, api-version and are not reported, even
  for a resource, index or vault named ``openai`` (``.../indexes/openai-docs/...``).

``api-version=preview`` / ``api-version: preview`` is not reported: preview features on v1 still
ask for it. Comments (``#`` in ``.env``/YAML/Terraform/Dockerfile, ``//`` and ``/* */`` in Bicep,
Terraform and JSON with comments) are skipped. Files are scanned line by line, so invalid YAML
or JSON is scanned like any other. Lock files (``package-lock.json``, ``pnpm-lock.yaml``, ...)
are not read.

**Fix safety**: report only; nothing is rewritten (deleting a setting that something still reads
breaks that thing at run time, far from this tool).

**Manual follow-up**: after migrating, remove the setting (and its ``Bicep``/``Terraform``
parameter and pipeline secret) unless something still reads it (LangChain, Semantic Kernel and
llama_index read these variables too; keep such a line with ``# aoai-migrate: ignore[AOAI411]``
on the line above it (``//`` in Bicep and JSON with comments),
or ``ignore = ["AOAI411"]`` in ``[tool.aoai-migrate]`` for a format without comments); for a URL, move it to the v1 path
(``.../openai/v1/chat/completions`` with ``model`` in the body) and drop ``api-version``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from migrate.config_files import TRIGGERS, syntax_of
from migrate.runner import Outcome
from transforms import _suppression
from transforms._base import Finding, Rule
from transforms.dependency_floor import FileExample

RULES: tuple[Rule, ...] = (
    Rule(
        "AOAI411",
        "stale-api-version-variable",
        "AZURE_OPENAI_API_VERSION / OPENAI_API_VERSION set in configuration: dead on the v1 endpoint",
        fix=False,
    ),
    Rule("AOAI412", "stale-api-version-key", "an api-version setting in configuration: dead on the v1 endpoint", fix=False),
    Rule("AOAI413", "stale-api-version-query", "?api-version= in an Azure OpenAI URL in configuration: v1 URLs take none", fix=False),
)
_ALL = frozenset(rule.code for rule in RULES)



_VARIABLE = re.compile(r"(?<![A-Za-z0-9_])(?:AZURE_)?OPENAI_API_VERSION(?![A-Za-z0-9_])")
_API_VERSION = re.compile(r"(?<![A-Za-z0-9_.-])api-version(?![A-Za-z0-9_-])")
_OPENAI = re.compile(r"openai", re.IGNORECASE)

def _advice(code: str, comment: str | None) -> str:
    """What to do about the setting, with the way to keep its line that the file's format allows."""
    where = f"add {code} to ignore in [tool.aoai-migrate]"
    # a line of its own, not the end of the setting's line: in a .env file that docker's
    # --env-file reads, or in a Dockerfile's ENV, the rest of a line is part of the value
    keep = f"put a line {comment} aoai-migrate: ignore[{code}] just above it, or {where}" if comment else where
    return (
        "remove it after migrating, unless something still reads it (LangChain's AzureChatOpenAI or "
        f"AzureOpenAIEmbeddings, Semantic Kernel, llama_index, REST code, another service); to keep it, {keep}"
    )

EXAMPLES: tuple[FileExample, ...] = (
    FileExample(
        ".env.example",
        "AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\nAZURE_OPENAI_API_VERSION=2024-10-21\n",
        findings=("AOAI411",),
        title="a .env file",
    ),
    FileExample(
        "deploy/app.yaml",
        "env:\n  - name: OPENAI_API_VERSION\n    value: \"2024-10-21\"\n  - name: LOG_LEVEL\n    value: info\n",
        findings=("AOAI411",),
        title="a Kubernetes env list",
    ),
    FileExample(
        "docker-compose.yml",
        "services:\n  web:\n    environment:\n      - AZURE_OPENAI_API_VERSION=2024-10-21\n",
        findings=("AOAI411",),
        title="a docker-compose environment list",
    ),
    FileExample(
        "local.settings.json",
        '{\n  "Values": {\n    "AZURE_OPENAI_API_VERSION": "2024-10-21"\n  }\n}\n',
        findings=("AOAI411",),
        title="Azure Functions local settings",
    ),
    FileExample(
        "infra/main.bicep",
        "appSettings: [\n  { name: 'AZURE_OPENAI_API_VERSION', value: '2024-10-21' } // for the SDK\n]\n",
        findings=("AOAI411",),
        title="a Bicep app setting",
    ),
    FileExample(
        "infra/main.tf",
        'app_settings = {\n  "AZURE_OPENAI_API_VERSION" = "2024-10-21"\n}\n',
        findings=("AOAI411",),
        title="Terraform app settings",
    ),
    FileExample(
        "config.yaml",
        "openai:\n  endpoint: https://contoso.openai.azure.com/\n  api-version: 2024-10-21\n",
        findings=("AOAI412",),
        title="an api-version key",
    ),
    FileExample(
        "monitor.yml",
        "url: https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21\n",
        findings=("AOAI413",),
        title="an api-version in an Azure OpenAI URL",
    ),
)

UNCHANGED: tuple[FileExample, ...] = (
    FileExample(".env", "# AZURE_OPENAI_API_VERSION=2024-10-21 (not needed on v1)\n", title="a comment"),
    FileExample(".env", "MY_OPENAI_API_VERSION_NOTE=see wiki\n", title="a longer name"),
    FileExample("app.yaml", "env:\n  OPENAI_BASE_URL: https://contoso.openai.azure.com/openai/v1/  # OPENAI_API_VERSION gone\n"),
    FileExample(
        "arm.yaml",
        "url: https://management.azure.com/subscriptions/x/providers/Microsoft.Web/sites?api-version=2023-01-01\n",
        title="an ARM URL",
    ),
    FileExample("preview.yaml", "url: https://contoso.openai.azure.com/openai/v1/evals?api-version=preview\n", title="preview"),
    FileExample("settings.json", '{"description": "no api-version needed"}\n', title="prose"),
)

# --------------------------------------------------------------------------- which files

def handles(name: str) -> bool:
    """Whether ``name`` (a relative POSIX path or a basename) is a configuration file this module reads."""
    return syntax_of(name) is not None


# --------------------------------------------------------------------------- scanning


def _visible(text: str, syntax: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of every stretch of ``text`` outside comments.

    Strings are tracked so that ``#`` or ``//`` inside a quoted value (a URL fragment) does not
    start a comment. A hash comment in YAML and ``.env`` needs whitespace (or the line start)
    before it, as in those formats; YAML quotes only open a string at the start of a value.
    """
    hash_comments = syntax in ("hash", "yaml", "terraform")
    slash_comments = syntax in ("slash", "terraform")
    quotes = "'\""
    i, n = 0, len(text)
    start = 0
    quote: str | None = None
    in_block = False
    while i < n:
        char = text[i]
        if in_block:
            if text.startswith("*/", i):
                in_block = False
                i += 2
                start = i
            else:
                i += 1
            continue
        if quote is not None:
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote or char == "\n":
                quote = None
            i += 1
            continue
        if char in quotes:
            previous = text[i - 1] if i else "\n"
            if syntax not in ("yaml", "hash") or previous in " \t\n[{,:=-(":
                quote = char
            i += 1
            continue
        comment = False
        if hash_comments and char == "#":
            previous = text[i - 1] if i else "\n"
            comment = syntax == "terraform" or previous in " \t\r\n"
        if slash_comments and text.startswith("//", i):
            previous = text[i - 1] if i else "\n"
            comment = previous != ":"  # not the // of "https://" written outside quotes
        if comment:
            if i > start:
                yield start, text[start:i]
            end = text.find("\n", i)
            i = n if end < 0 else end
            start = i
            continue
        if slash_comments and text.startswith("/*", i):
            if i > start:
                yield start, text[start:i]
            in_block = True
            i += 2
            continue
        i += 1
    if not in_block and start < n:
        yield start, text[start:]


def _value_after(text: str, end: int) -> str:
    """The value written after a key or ``=`` at ``end``: ``: "2024-10-21"`` -> ``2024-10-21``."""
    match = re.match(r"""["']?\s*[:=]\s*["']?(?P<value>[^"'\s,&#}\]]*)""", text[end:])
    return match.group("value") if match else ""


def _scan(text: str, lines: list[str], syntax: str, comment: str | None) -> Iterator[tuple[int, str, str]]:
    """(offset, rule, message) for every occurrence outside comments; ``lines`` is the text split at
    line breaks; ``comment`` starts a comment in the file (None: the format has none, plain JSON)."""
    mentions_openai = _OPENAI.search(text) is not None
    for offset, stretch in _visible(text, syntax):
        for match in _VARIABLE.finditer(stretch):
            name = match.group()
            yield (
                offset + match.start(),
                "AOAI411",
                (
                    f"{name} is dead configuration once every client uses the v1 endpoint (OpenAI on "
                    f"/openai/v1/ never reads it): {_advice('AOAI411', comment)}"
                ),
            )
        for match in _API_VERSION.finditer(stretch):
            before = stretch[match.start() - 1] if match.start() else ""
            value = _value_after(stretch, match.end())
            if value.lower() == "preview":
                continue
            if before in ("?", "&"):
                line_start = stretch.rfind("\n", 0, match.start()) + 1
                url = re.split(r"[\s\"']", stretch[line_start : match.start()])[-1]
                if not _openai_url(url):
                    continue
                yield (
                    offset + match.start(),
                    "AOAI413",
                    (
                        f"api-version={value} in an Azure OpenAI URL: v1 URLs (/openai/v1/...) take none for GA "
                        "features; when this URL moves to /openai/v1/ (model= names the deployment), drop it"
                    ),
                )
                continue
            if not re.match(r"""["']?\s*[:=]""", stretch[match.end() :]) or not mentions_openai:
                continue  # prose, or not about OpenAI
            if not _block_mentions_openai(lines, text.count("\n", 0, offset + match.start())):
                continue  # another service's settings (``search:`` ... ``api-version: 2024-07-01``)
            yield (
                offset + match.start(),
                "AOAI412",
                (
                    f"api-version setting ({value or 'a value'}): the v1 endpoint takes no api-version for GA "
                    f"features; {_advice('AOAI412', comment)}"
                ),
            )


#: An Azure OpenAI path: an ``/openai/`` segment (``/openai/deployments/...``, ``/openai/models``).
_OPENAI_PATH = re.compile(r"/openai/", re.IGNORECASE)


def _openai_url(url: str) -> bool:
    """Whether ``url`` (up to its query) is an Azure OpenAI data-plane URL: its path has an
    ``/openai/`` segment, and it is not ARM's. A resource or index merely named ``openai``
    (``.../accounts/my-openai/...``, ``my-openai-kv.vault.azure.net``) is another service's."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    return host.lower() != "management.azure.com" and _OPENAI_PATH.search("/" + path) is not None


def _block_mentions_openai(lines: list[str], row: int) -> bool:
    """Whether the block holding the key on line ``row`` (from 0) mentions OpenAI: the lines indented
    at least as deep around it and the line it is nested under (YAML, JSON, Bicep, Terraform all nest
    by indentation when written by people). A key at the top level belongs to the whole file."""
    line = lines[row]
    depth = len(line) - len(line.lstrip())
    if depth == 0:
        return True

    def indent(candidate: str) -> int | None:
        return None if not candidate.strip() else len(candidate) - len(candidate.lstrip())

    block = [line]
    for step in (-1, 1):
        at = row + step
        while 0 <= at < len(lines):
            width = indent(lines[at])
            if width is not None and width < depth:
                if step == -1:
                    block.append(lines[at])  # the parent: ``openai:``, ``"azureOpenAI": {``
                break
            block.append(lines[at])
            at += step
    return any(_OPENAI.search(candidate) for candidate in block)


def _suppressed(lines: list[str], line: int, rule: str, comment: str | None) -> bool:
    """Whether the setting on ``line`` is kept by an ``aoai-migrate: ignore`` comment at its end or
    on a line of its own just above it."""
    candidates = [lines[line - 1]]
    if line > 1 and comment is not None and lines[line - 2].lstrip().startswith(comment):
        candidates.append(lines[line - 2])
    if comment is None:  # plain JSON has no comments: "// aoai-migrate: ignore" there is in a string
        return False
    return any(_suppression.silences(candidate, rule, comment) for candidate in candidates)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def migrate_text(name: str, text: str, select: frozenset[str] | None = None) -> Outcome:
    """Report the API-version settings of one configuration file; the text is never changed."""
    syntax = syntax_of(name)
    chosen = _ALL if select is None else select & _ALL
    comments = select is None or _suppression.RULE_CODE in select
    if syntax is None or not (chosen or comments) or not any(t.decode() in text for t in TRIGGERS):
        return Outcome(text)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom) :]
    try:
        lines = text.split("\n")
        findings = []
        comment = "#" if syntax != "slash" else None if name.lower().endswith(".json") else "//"
        for offset, rule, message in _scan(text, lines, syntax, comment):
            if rule not in chosen:
                continue
            line, column = _position(text, offset)
            if _suppressed(lines, line, rule, comment):
                continue
            findings.append(Finding(line, column, rule, message))
        if comment is not None:  # plain JSON has no comments: a "//" there is in a string
            findings.extend(_suppression.findings(lines, comment, select))
        return Outcome(bom + text, tuple(sorted(findings)))
    except Exception as error:  # noqa: BLE001 - report, never crash the run
        return Outcome(bom + text, error=f"internal error while scanning ({type(error).__name__}: {error})")


__all__ = ["EXAMPLES", "RULES", "TRIGGERS", "UNCHANGED", "handles", "migrate_text"]

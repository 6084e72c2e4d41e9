"""Keys written as string literals: which literals look like real secrets, and masking them.

Standard library only (no LibCST, no rich), so the reporter can mask what it prints without
paying for a parser, and the ``literal_secrets`` transform applies the very same test to the
literals it finds by qualified name.

* :func:`looks_like_secret` judges a value: a 32-hex-digit Azure key, an ``sk-...`` key, a JWT
  or a long high-entropy token is a secret; placeholders (``""``, ``"k"``, ``"<your-key>"``,
  ``"YOUR_API_KEY"``, ``"xxxx..."``, ``"${KEY}"``, names of environment variables) are not.
* :func:`secret_literals` finds, lexically (``tokenize``), the literals a source text binds to a
  key-like name (``api_key="..."``, ``AZURE_OPENAI_API_KEY = "..."``,
  ``os.environ["AZURE_OPENAI_API_KEY"] = "..."``, ``{"api_key": "..."}``) that look like secrets,
  as they are spelled between their quotes, so they can be masked in a diff of that text.
* :class:`Masker` replaces them (and, in free text such as a finding message, any quoted value
  that looks like a secret) with :func:`mask`: the first four characters and ``********``.
"""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize
from collections import Counter
from collections.abc import Iterable

#: Keyword arguments of the client constructors that carry a credential.
KEY_ARGUMENTS = frozenset({"api_key", "azure_ad_token"})

_KEY_NAME = re.compile(r"(?:^|_)(?:api_?key|key|ad_token|access_token|token|secret|password)$", re.IGNORECASE)
_PLACEHOLDER_WORDS = (
    "your",
    "xxx",
    "***",
    "...",
    "placeholder",
    "example",
    "changeme",
    "change_me",
    "dummy",
    "fake",
    "redacted",
    "replace",
    "insert",
    "sample",
    "test",
    "secret",
    "apikey",
    "api_key",
    "api-key",
)
_TEMPLATE_CHARS = set("<>{}$%[]() \t\r\n'\"\\")
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_AZURE_KEY = re.compile(r"[0-9a-fA-F]{32}")
_OPENAI_KEY = re.compile(r"sk-[A-Za-z0-9_\-]{20,}")
_JWT = re.compile(r"eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*")
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9+/=_\-.~]+")
_CHUNK = re.compile(r"[^\-_.~]+")

MASK = "********"


def is_key_name(name: str) -> bool:
    """Whether a variable, attribute, argument or dict key name says it holds a credential."""
    return bool(_KEY_NAME.search(name))


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def looks_like_secret(value: str) -> bool:
    """Whether ``value`` looks like a real key or token rather than a placeholder."""
    if len(value) < 16 or _TEMPLATE_CHARS.intersection(value):
        return False
    if "://" in value or _ENV_NAME.fullmatch(value):
        return False
    lower = value.lower()
    if any(word in lower for word in _PLACEHOLDER_WORDS) or len(set(lower)) < 8:
        return False
    if _AZURE_KEY.fullmatch(value) or _OPENAI_KEY.fullmatch(value) or _JWT.fullmatch(value):
        return True
    if not _TOKEN_CHARS.fullmatch(value):
        return False
    # A generic token: one long run of letters *and* digits with a high entropy (an identifier
    # such as ``my_deployment_2024_v1`` or a version string has short chunks or few digits).
    for chunk in _CHUNK.findall(value):
        if len(chunk) >= 20 and re.search(r"\d", chunk) and re.search(r"[A-Za-z]", chunk) and _entropy(chunk) >= 3.5:
            if not _identifier_like(chunk):
                return True
    return False


_SEGMENT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_VOWEL = re.compile(r"[aeiouy]")
_CONSONANTS = re.compile(r"[^aeiouy]{4}")


def _identifier_like(chunk: str) -> bool:
    """Whether ``chunk`` reads as a camelCase name (``dataTransferV2CloudSetting``, a field name in
    generated code: a round-2 trial on promptflow took it for a key): words of two or more letters
    with a vowel and no run of four consonants, and at most two short acronyms or numbers between
    them. One random token of 100,000 (``token_urlsafe``, base64) reads so."""
    parts = _SEGMENT.findall(chunk)
    if "".join(parts) != chunk or len(parts) < 2:
        return False
    odd = 0
    for part in parts:
        if part.isdigit() or part.isupper():
            odd += 1
            if len(part) > 3:
                return False
        else:
            word = part.lower()
            if len(word) < 2 or not _VOWEL.search(word) or _CONSONANTS.search(word):
                return False
    return odd <= 2


def mask(value: str) -> str:
    """What is printed instead of a secret: enough to tell two keys apart, not to use one."""
    return value[:4] + MASK


# --------------------------------------------------------------------------- finding literals


def _string_value(token: str) -> str | None:
    try:
        value = ast.literal_eval(token)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def _body(token: str) -> str:
    """The characters between the quotes of a string token, as spelled."""
    start = min(i for i in (token.find("'"), token.find('"')) if i >= 0)
    quote = token[start] * 3 if token[start : start + 3] in ('"""', "'''") else token[start]
    return token[start + len(quote) : len(token) - len(quote)]


_SKIP = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}


def secret_literals(source: str) -> set[str]:
    """The bodies (as spelled) of string literals bound to a key-like name that look like secrets."""
    found: set[str] = set()
    tokens: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in _SKIP:
                tokens.append(token)
    except (tokenize.TokenError, SyntaxError):
        pass  # a broken file: what was tokenised so far still counts
    position = 0
    statement_start = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER) or token.string == ";":
            statement_start = position + 1
        if token.type != tokenize.STRING:
            position += 1
            continue
        run_end = position
        while run_end + 1 < len(tokens) and tokens[run_end + 1].type == tokenize.STRING:
            run_end += 1  # implicit concatenation: "abc" "def"
        run = tokens[position : run_end + 1]
        if _bound_to_key(tokens, position, statement_start):
            value = "".join(v for v in (_string_value(t.string) for t in run) if v is not None)
            if looks_like_secret(value):
                found.update(_body(t.string) for t in run if _body(t.string))
        position = run_end + 1
    return found


def _bound_to_key(tokens: list[tokenize.TokenInfo], position: int, statement_start: int) -> bool:
    """Whether the string starting at ``tokens[position]`` is the value of a key-like name."""
    before = position - 1
    while before >= 0 and tokens[before].string == "(":
        before -= 1  # api_key=("..." "...")
    if before < 1:
        return False
    operator, target = tokens[before], tokens[before - 1]
    if operator.string == ":" and target.type == tokenize.STRING:  # {"api_key": "..."}
        name = _string_value(target.string)
        return name is not None and is_key_name(name)
    if operator.string not in ("=", ":="):
        return False
    if target.type == tokenize.NAME:
        if is_key_name(target.string):  # api_key="...", API_KEY = "...", self.api_key = "..."
            return True
        # API_KEY: str = "...": the annotated name opens the statement.
        first = tokens[statement_start] if statement_start < before else None
        follows = tokens[statement_start + 1] if statement_start + 1 < before else None
        return bool(first and follows and first.type == tokenize.NAME and follows.string == ":" and is_key_name(first.string))
    if target.string == "]" and before >= 2 and tokens[before - 2].type == tokenize.STRING:
        name = _string_value(tokens[before - 2].string)  # os.environ["AZURE_OPENAI_API_KEY"] = "..."
        return name is not None and is_key_name(name)
    return False


# --------------------------------------------------------------------------- masking

_QUOTED = re.compile(r"""(?P<q>['"])(?P<body>[^'"\s\\]{16,})(?P=q)""")


class Masker:
    """Masks secrets in text about to be printed. ``enabled=False`` (``--show-secrets``) is a no-op."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled

    def for_source(self, *texts: str) -> SourceMasker:
        """A masker for the text of one file (its secret literals, found in any of ``texts``)."""
        values: set[str] = set()
        if self.enabled:
            for text in texts:
                if text:
                    values |= secret_literals(text)
        return SourceMasker(values)

    def message(self, text: str) -> str:
        """Mask any quoted value that looks like a secret in free text (a message, an error)."""
        if not self.enabled or not text:
            return text
        return _QUOTED.sub(
            lambda m: m.group("q") + mask(m.group("body")) + m.group("q") if looks_like_secret(m.group("body")) else m.group(0),
            text,
        )


class SourceMasker:
    """Replaces the secret literals of one file wherever they appear (diff lines, snippets)."""

    def __init__(self, values: Iterable[str]) -> None:
        self.values = sorted(set(values), key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(v) for v in self.values)) if self.values else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: mask(m.group(0)), text)

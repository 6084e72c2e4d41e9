"""Where each string value of a TOML document stands in its text, so one value can be edited in place.

A TOML library would re-serialise the whole file (losing comments and layout); this small lexer
only finds the span of every string and of every key, by path, in a document that ``tomllib``
has already accepted. Callers check each span they use against ``tomllib``'s value at the same
path, and re-parse after editing, so a lexer mistake can only make an edit refused, never wrong.
"""

from __future__ import annotations

import dataclasses
import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]\}\r\n#]*")


class TomlSpanError(Exception):
    """The lexer met something it does not understand (the caller refuses to edit)."""


@dataclasses.dataclass(frozen=True)
class StringSpan:
    """A string value: ``text[start:end]`` is the literal with its quotes, ``raw`` its body as written."""

    path: Path
    start: int
    end: int
    quote: str  # one of " ' \"\"\" '''

    @property
    def body_start(self) -> int:
        return self.start + len(self.quote)

    @property
    def body_end(self) -> int:
        return self.end - len(self.quote)


@dataclasses.dataclass
class Spans:
    strings: list[StringSpan]
    keys: dict[Path, int]  # offset where a key (or the table header that defines it) is written


def loads(text: str) -> dict:
    return tomllib.loads(text)


TOMLDecodeError = tomllib.TOMLDecodeError


def spans(text: str) -> Spans:
    lexer = _Lexer(text)
    lexer.document()
    return Spans(lexer.strings, lexer.keys)


def lookup(data: object, path: Path) -> object:
    """The value at ``path`` (KeyError/IndexError/TypeError when there is none)."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list):
                raise TypeError(part)
            data = data[part]
        else:
            if not isinstance(data, dict):
                raise TypeError(part)
            data = data[part]
    return data


class _Lexer:
    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0
        self.strings: list[StringSpan] = []
        self.keys: dict[Path, int] = {}
        self._array_tables: dict[Path, int] = {}

    # ------------------------------------------------------------ whitespace and comments

    def _ws(self) -> None:
        while self.i < len(self.t) and self.t[self.i] in " \t":
            self.i += 1

    def _comment(self) -> None:
        if self.i < len(self.t) and self.t[self.i] == "#":
            end = self.t.find("\n", self.i)
            self.i = len(self.t) if end < 0 else end

    def _newline(self) -> bool:
        if self.t.startswith("\r\n", self.i):
            self.i += 2
            return True
        if self.t.startswith("\n", self.i):
            self.i += 1
            return True
        return False

    def _blank(self) -> None:
        """Whitespace, newlines and comments (inside arrays)."""
        while True:
            start = self.i
            self._ws()
            self._comment()
            self._newline()
            if self.i == start:
                return

    def _end_of_line(self) -> None:
        self._ws()
        self._comment()
        if self.i < len(self.t) and not self._newline():
            raise TomlSpanError(f"unexpected text at offset {self.i}")

    # ------------------------------------------------------------ document

    def document(self) -> None:
        current: Path = ()
        while self.i < len(self.t):
            self._ws()
            if self.i >= len(self.t):
                break
            char = self.t[self.i]
            if char == "#" or char in "\r\n":
                self._end_of_line()
                continue
            if self.t.startswith("[[", self.i):
                start = self.i
                self.i += 2
                keys = self._key()
                self._ws()
                if not self.t.startswith("]]", self.i):
                    raise TomlSpanError("bad array-of-tables header")
                self.i += 2
                parent = self._resolve(keys[:-1])
                array = (*parent, keys[-1])
                index = self._array_tables.get(array, -1) + 1
                self._array_tables[array] = index
                current = (*array, index)
                self.keys.setdefault(array, start)
                self.keys[current] = start
            elif char == "[":
                start = self.i
                self.i += 1
                keys = self._key()
                self._ws()
                if not self.t.startswith("]", self.i):
                    raise TomlSpanError("bad table header")
                self.i += 1
                current = self._resolve(keys)
                self.keys.setdefault(current, start)
            else:
                start = self.i
                keys = self._key()
                path = (*current, *keys)
                self.keys.setdefault(path, start)
                self._ws()
                self._expect("=")
                self._ws()
                self._value(path)
            self._end_of_line()

    def _resolve(self, keys: tuple[str, ...]) -> Path:
        """Header keys as a data path: an array of tables stands for its last element."""
        path: list[str | int] = []
        for key in keys:
            path.append(key)
            index = self._array_tables.get(tuple(path))
            if index is not None:
                path.append(index)
        return tuple(path)

    def _expect(self, token: str) -> None:
        if not self.t.startswith(token, self.i):
            raise TomlSpanError(f"expected {token!r} at offset {self.i}")
        self.i += len(token)

    # ------------------------------------------------------------ keys

    def _key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self._ws()
            char = self.t[self.i : self.i + 1]
            if char in ('"', "'"):
                start = self.i
                end = self._single_line_string(char)
                parts.append(tomllib.loads("k = " + self.t[start:end])["k"])
            else:
                match = _BARE_KEY.match(self.t, self.i)
                if match is None:
                    raise TomlSpanError(f"bad key at offset {self.i}")
                parts.append(match.group())
                self.i = match.end()
            self._ws()
            if self.t.startswith(".", self.i):
                self.i += 1
                continue
            return tuple(parts)

    # ------------------------------------------------------------ values

    def _value(self, path: Path) -> None:
        t, i = self.t, self.i
        if t.startswith('"""', i) or t.startswith("'''", i):
            quote = t[i : i + 3]
            end = self._multi_line_string(quote)
            self.strings.append(StringSpan(path, i, end, quote))
        elif t.startswith('"', i) or t.startswith("'", i):
            end = self._single_line_string(t[i])
            self.strings.append(StringSpan(path, i, end, t[i]))
        elif t.startswith("[", i):
            self.i += 1
            index = 0
            while True:
                self._blank()
                if t.startswith("]", self.i):
                    self.i += 1
                    break
                self._value((*path, index))
                index += 1
                self._blank()
                if t.startswith(",", self.i):
                    self.i += 1
                elif t.startswith("]", self.i):
                    self.i += 1
                    break
                else:
                    raise TomlSpanError(f"bad array at offset {self.i}")
        elif t.startswith("{", i):
            self.i += 1
            self._blank()
            if t.startswith("}", self.i):
                self.i += 1
                return
            while True:
                self._blank()
                start = self.i
                keys = self._key()
                self.keys.setdefault((*path, *keys), start)
                self._expect("=")
                self._ws()
                self._value((*path, *keys))
                self._blank()
                if t.startswith(",", self.i):
                    self.i += 1
                    self._blank()
                    if t.startswith("}", self.i):  # TOML 1.1 trailing comma
                        self.i += 1
                        return
                elif t.startswith("}", self.i):
                    self.i += 1
                    return
                else:
                    raise TomlSpanError(f"bad inline table at offset {self.i}")
        else:
            match = _SCALAR.match(t, i)
            text = match.group().rstrip(" \t") if match else ""
            if not text:
                raise TomlSpanError(f"missing value at offset {i}")
            self.i = i + len(text)

    def _single_line_string(self, quote: str) -> int:
        t = self.t
        i = self.i + 1
        while i < len(t):
            char = t[i]
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote:
                self.i = i + 1
                return self.i
            if char in "\r\n":
                break
            i += 1
        raise TomlSpanError("unterminated string")

    def _multi_line_string(self, quote: str) -> int:
        t = self.t
        i = self.i + 3
        while i < len(t):
            if t[i] == "\\" and quote == '"""':
                i += 2
                continue
            if t.startswith(quote, i):
                run = i
                while run < len(t) and t[run] == quote[0]:
                    run += 1
                if run - i > 5:
                    raise TomlSpanError("too many quotes")
                self.i = run
                return run
            i += 1
        raise TomlSpanError("unterminated multi-line string")

"""``aoai-migrate: ignore`` comments, read the same way in every kind of file.

``# aoai-migrate: ignore`` silences every rule on its line; ``# aoai-migrate: ignore[AOAI102,
AOAI301]`` silences the rules it names. ``//`` starts the comment in Bicep and JSON with comments.
A comment that is meant as one of these but is not quite one (an id that names no rule, a list that
is not closed, ``ignore: AOAI102``, a directive other than ``ignore``) silences nothing but the
ids it spells right, and :func:`problem_of` says what is wrong with it (rule AOAI901): it must never
silence more than it names, as a blanket ``ignore`` would (``ignore [AOAI102]`` with its space was
read as one, and kept a whole constructor on Azure with no finding).

Parsing costs nothing on a line that does not spell ``aoai-migrate``.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re

from transforms._base import Finding

#: The comment: its marker, the directive word, and what follows it on the line.
_DIRECTIVE = re.compile(r"(?:#|//)\s*aoai-migrate\s*:\s*(?P<word>[A-Za-z0-9_-]*)(?P<rest>[^\r\n]*)")
_SEPARATORS = re.compile(r"[\s,]+")
#: ``ignore AOAI103`` / ``ignore AOAI103, AOAI301``: ids meant as a list, without its brackets (a
#: trial: read as a bare ignore, it silenced every rule on the line, a leaked key's AOAI301 too).
_CODES_WITHOUT_BRACKETS = re.compile(r"AOAI\d+\b", re.IGNORECASE)
#: What follows a word other than ``ignore`` when the comment is meant as a directive (nothing, a
#: list of rules, ``: AOAI102``), not as prose about the tool.
_LIKE_A_DIRECTIVE = re.compile(r"\s*(?:$|[\[(:=]|(?:AOAI\d+[\s,]*)+$)", re.IGNORECASE)
SYNTAX = "`# aoai-migrate: ignore` (every rule) or `# aoai-migrate: ignore[AOAI102, AOAI301]`"


@dataclasses.dataclass(frozen=True)
class Directive:
    """One ``aoai-migrate:`` comment: where it starts (0-based column), what it silences, and
    what is wrong with it (None when nothing is)."""

    column: int
    text: str
    codes: frozenset[str] | None  # None: every rule
    problem: str | None = None

    def silences(self, code: str) -> bool:
        return self.codes is None or code in self.codes


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], dict[str, str]]:
    """Every rule id, and rule name -> id (the registry is imported only once a comment lists ids)."""
    from transforms.pipeline import RULES

    return frozenset(RULES), {rule.name: code for code, rule in RULES.items()}


def directive(line: str) -> Directive | None:
    """The ``aoai-migrate:`` comment on ``line``, if it holds one."""
    if "aoai-migrate" not in line:
        return None
    match = _DIRECTIVE.search(line)
    if match is None:
        return None
    word, rest = match.group("word"), match.group("rest")
    text = match.group(0).rstrip()
    column = match.start()
    if word.lower() != "ignore":
        if not _LIKE_A_DIRECTIVE.match(rest):  # prose: "# aoai-migrate: fail the build when ..."
            return None
        spelled = f"`aoai-migrate: {word}`" if word else "`aoai-migrate:` with no directive"
        return Directive(column, text, frozenset(), f"this comment silences nothing: {spelled} is no directive of this tool; write {SYNTAX}")
    after = rest.lstrip()
    if after.startswith(("[", "(")):
        return _listed(column, text, after)
    if after.startswith((":", "=")) or _CODES_WITHOUT_BRACKETS.match(after) or _meant_as_ids(after):
        written = [token for token in _SEPARATORS.split(after.lstrip(":=").strip()) if token]
        codes = [_id_of(token) for token in written if _ID_LIKE.fullmatch(token) or token.lower() in _rules()[1]]
        wanted = ", ".join(codes or written) or "AOAI102"
        spelled = f"ignore{after[0]} ..." if after[0] in ":=" else f"ignore {' '.join(written[:2])}"
        return Directive(
            column, text, frozenset(), f"this comment silences nothing: `{spelled}` is not how rules are named; write `# aoai-migrate: ignore[{wanted}]`"
        )
    return Directive(column, text, None)


#: A word that reads as an attempt at a rule id: ``AOAI-103``, ``AOAI_103``, ``A0AI103``, ``#AOAI103``.
_ID_LIKE = re.compile(r"#?A[O0]AI[\s_-]?\d+", re.IGNORECASE)


def _meant_as_ids(after: str) -> bool:
    """Whether the text after a bare ``ignore`` names rules rather than giving a reason: a rule id
    or name among its first words, unless it opens with ``--`` or a dash, the way a reason does.
    (A round-3 trial: ``ignore AOAI-103``, ``ignore rule AOAI103``, ``ignore pinned-deployment``
    were bare ignores that silenced a leaked key's AOAI301 too.)"""
    if after.startswith(("--", "- ", "\u2014", "\u2013")):
        return False
    words = after.replace(",", " ").split()[:3]
    _, names = _rules()
    return any(_ID_LIKE.fullmatch(word) or word.lower() in names for word in words)


def _listed(column: int, text: str, after: str) -> Directive:
    close = "]" if after[0] == "[" else ")"
    end = after.find(close)
    if after[0] == "(" or end == -1:
        inside = after[1:] if end == -1 else after[1:end]
        codes = ", ".join(token.upper() for token in _SEPARATORS.split(inside.strip()) if token) or "AOAI102"
        how = "is not closed with `]`" if after[0] == "[" else "puts its rules in parentheses"
        return Directive(column, text, frozenset(), f"this comment silences nothing: its rule list {how}; write `# aoai-migrate: ignore[{codes}]`")
    tokens = [token for token in _SEPARATORS.split(after[1:end].strip()) if token]
    if not tokens:
        return Directive(column, text, frozenset(), f"this comment silences nothing: `ignore[]` names no rule; name the rules, or write {SYNTAX}")
    known, names = _rules()
    good = frozenset(token.upper() for token in tokens if token.upper() in known)
    bad = [token for token in tokens if token.upper() not in known]
    if not bad:
        return Directive(column, text, good)
    silenced = f"this comment silences only {', '.join(sorted(good))}" if good else "this comment silences nothing"
    what = "; ".join(_not_a_rule(token, known, names) for token in bad)
    return Directive(column, text, good, f"{silenced}: {what} (`aoai-migrate rules` lists the ids)")


def _id_of(token: str) -> str:
    """The rule id a word meant: ``aoai-103`` -> ``AOAI103``, a rule's name -> its id."""
    by_name = _rules()[1].get(token.lower())
    if by_name is not None:
        return by_name
    return "AOAI" + re.sub(r"^#?A[O0]AI[\s_-]?", "", token, flags=re.IGNORECASE)


def _not_a_rule(token: str, known: frozenset[str], names: dict[str, str]) -> str:
    by_name = names.get(token.lower())
    if by_name is not None:
        return f"`{token}` is the name of rule {by_name}, write its id {by_name} instead"
    wanted = token.upper()
    scores = {code: difflib.SequenceMatcher(None, wanted, code).ratio() for code in known}
    best = max(scores.values(), default=0.0)
    close = sorted(code for code, score in scores.items() if score == best and score >= 0.75)
    hint = f" (did you mean {' or '.join(close)}?)" if 0 < len(close) <= 3 else ""
    return f"`{token}` is not a rule id{hint}"


def silences(line: str, code: str, marker: str | None = None) -> bool:
    """Whether an ``aoai-migrate: ignore`` comment on ``line`` silences ``code``; ``marker``: the
    comment marker of the file's syntax, when the comment must start with it (``#`` in YAML, where
    a ``//`` is in a URL, not a comment)."""
    found = directive(line)
    return found is not None and found.silences(code) and (marker is None or found.text.startswith(marker))


def problems(lines: list[str], marker: str | None = None) -> list[tuple[int, int, str]]:
    """(1-based line, 1-based column, message) of each ``aoai-migrate:`` comment of ``lines`` that
    is not what it means to be; ``marker``: the comment marker of the file's syntax, when a
    directive must follow one (``#`` or ``//``: a ``//`` in a YAML URL is no comment)."""
    found = []
    for number, line in enumerate(lines, 1):
        hit = directive(line)
        if hit is not None and hit.problem is not None and (marker is None or hit.text.startswith(marker)):
            found.append((number, hit.column + 1, hit.problem))
    return found


RULE_CODE = "AOAI901"


def findings(lines: list[str], marker: str | None, select: frozenset[str] | None) -> list[Finding]:
    """AOAI901 for each faulty ``aoai-migrate:`` comment of a file of lines (a configuration or
    dependency file, whose comments start with ``marker``), unless AOAI901 is not selected or one of
    the comment's own ids is AOAI901."""
    if select is not None and RULE_CODE not in select:
        return []
    return [
        Finding(line, column, RULE_CODE, message)
        for line, column, message in problems(lines, marker)
        if not silences(lines[line - 1], RULE_CODE)
    ]

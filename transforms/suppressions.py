"""``aoai-migrate:`` comments that do not silence what they seem to are reported (AOAI901).

**Why**: a suppression keeps `check` green over an accepted exception, so a mistyped one must not
pass unseen. ``# aoai-migrate: ignore[AOAI31]`` names no rule and silences nothing, and the reader
believes the line is covered. Worse, a comment that is almost the syntax used to be read as a bare
``ignore`` that silences every rule. ``ignore: AOAI102``, an unclosed ``ignore[AOAI102`` and
``ignore[pinned-deployment]`` (a rule's name, not its id) were read that way, and so kept a whole
constructor on Azure with no finding.

**What changes**: nothing. The comment silences only the ids it spells right, and AOAI901 says what
is wrong: an id that is no rule (with the nearest id, or the id of a rule named by its name), a
list that is not closed, ``ignore:``/``ignore=`` instead of ``ignore[...]``, or a directive other
than ``ignore`` (``aoai-migrate: skip``). A space before the list is fine
(``ignore [AOAI102]``). The same reading applies in every kind of file the tool reads: Python
source (only real comments are reported, never text in a string), notebooks, dependency files,
and configuration (``#``, or ``//`` in Bicep and JSON with comments).

**Fix safety**: report only.

**Manual follow-up**: correct the comment as the finding says, or remove it. Listing AOAI901 in the
comment's own ids keeps such a comment as it is.
"""

from __future__ import annotations

import io
import tokenize
from typing import ClassVar

from transforms import _suppression
from transforms._base import Edits, Example, Finding, Rule, Transform
from transforms._index import ModuleIndex

_CLIENT = 'from openai import AzureOpenAI\n\nclient = AzureOpenAI(**settings)'


class Suppressions(Transform):
    RULES: ClassVar = (
        Rule(
            _suppression.RULE_CODE,
            "invalid-suppression",
            "an aoai-migrate: comment that names no rule or is not the ignore syntax: it silences nothing",
            fix=False,
        ),
    )
    EXAMPLES: ClassVar = (
        Example(
            title="an id that names no rule",
            before=f"{_CLIENT}  # aoai-migrate: ignore[AOAI13]\n",
            findings=("AOAI103", "AOAI901"),
        ),
        Example(
            title="flake8's spelling, read as a bare ignore before",
            before=f"{_CLIENT}  # aoai-migrate: ignore: AOAI103\n",
            findings=("AOAI103", "AOAI901"),
        ),
    )
    UNCHANGED: ClassVar = (
        f"{_CLIENT}  # aoai-migrate: ignore [AOAI103]\n",
        f"{_CLIENT}  # aoai-migrate: ignore -- settings come from the vault\n",
        f'{_CLIENT}\nHELP = "# aoai-migrate: ignore[AOAI13] is not reported: it is a string"\n',
    )

    def plan(self, index: ModuleIndex, edits: Edits) -> None:
        code = index.code
        if "aoai-migrate" not in code or not edits.enabled(_suppression.RULE_CODE):
            return
        for line, column, comment in _comments(code):
            found = _suppression.directive(comment)
            if found is None or found.problem is None or index.suppressed(line, _suppression.RULE_CODE):
                continue
            edits.findings.append(Finding(line, column + found.column + 1, _suppression.RULE_CODE, found.problem))


def _comments(code: str) -> list[tuple[int, int, str]]:
    """(line, 0-based column, text) of each comment of ``code`` that spells ``aoai-migrate``.

    ``tokenize`` tells comments from strings. Where it cannot read the text (syntax newer than this
    Python, which LibCST parsed), nothing is reported: a finding must not point into a string.
    """
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT and "aoai-migrate" in token.string:
                found.append((token.start[0], token.start[1], token.string))
    except (tokenize.TokenError, SyntaxError):
        return []
    return found

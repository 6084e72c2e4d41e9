"""A unified diff that shows what changed, not what ``difflib`` lost track of.

``difflib.unified_diff`` matches lines with ``SequenceMatcher``, whose "autojunk" heuristic treats
every line that makes up more than 1% of a file of 200 lines or more as junk: in a module whose
functions share lines (``return None``, a blank line, ``)``) it stops matching them, and the diff
removes and re-adds whole unchanged blocks (a trial on litellm: 178 changed lines where 36 were
changed). Without the heuristic, ``SequenceMatcher`` is quadratic on such files (10 s for 20,000
lines). Patience diffing (Bram Cohen's, as ``git diff --patience``) anchors on the lines that occur
once in each text, in the same order, and diffs between the anchors; between anchors with no line
unique to both, ``SequenceMatcher`` does the rest, without the heuristic where that range is small.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterator, Sequence

#: Beyond this many lines on one side, a range with no unique anchor keeps difflib's heuristic
#: (which is what keeps it fast); below it, every line is matched.
_EXACT_LIMIT = 2000

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """``SequenceMatcher.get_opcodes()`` for ``a`` -> ``b``, matched the patience way; equal runs
    merged, and a delete next to an insert given as one replace."""
    found: list[Opcode] = []
    _diff(a, 0, len(a), b, 0, len(b), found)
    merged: list[Opcode] = []
    for tag, i1, i2, j1, j2 in found:
        if i1 == i2 and j1 == j2:
            continue
        if merged:
            last = merged[-1]
            if tag == "equal" and last[0] == "equal":
                merged[-1] = ("equal", last[1], i2, last[3], j2)
                continue
            if tag != "equal" and last[0] != "equal":
                merged[-1] = ("replace", last[1], i2, last[3], j2)
                continue
        merged.append((tag, i1, i2, j1, j2))
    return [(_tag(op) if op[0] != "equal" else "equal", *op[1:]) for op in merged]  # type: ignore[misc]


def _tag(op: Opcode) -> str:
    _, i1, i2, j1, j2 = op
    return "replace" if i1 < i2 and j1 < j2 else ("delete" if i1 < i2 else "insert")


def _diff(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, out: list[Opcode]) -> None:
    start_a, start_b = alo, blo
    while alo < ahi and blo < bhi and a[alo] == b[blo]:  # common head
        alo, blo = alo + 1, blo + 1
    if alo > start_a:
        out.append(("equal", start_a, alo, start_b, blo))
    end_a, end_b = ahi, bhi
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:  # common tail
        ahi, bhi = ahi - 1, bhi - 1
    tail = ("equal", ahi, end_a, bhi, end_b) if ahi < end_a else None
    if alo == ahi or blo == bhi:
        out.append(("replace", alo, ahi, blo, bhi))
    else:
        anchors = _anchors(a, alo, ahi, b, blo, bhi)
        if not anchors:
            _fallback(a, alo, ahi, b, blo, bhi, out)
        else:
            i, j = alo, blo
            for ai, bj in anchors:
                _diff(a, i, ai, b, j, bj, out)
                out.append(("equal", ai, ai + 1, bj, bj + 1))
                i, j = ai + 1, bj + 1
            _diff(a, i, ahi, b, j, bhi, out)
    if tail is not None:
        out.append(tail)


def _anchors(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """The longest run, in order in both, of lines that occur once in ``a[alo:ahi]`` and once in
    ``b[blo:bhi]``: (index in a, index in b) pairs, a longest increasing subsequence by patience sort."""
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        seen_b[b[j]] = -1 if b[j] in seen_b else j
    pairs = [(i, seen_b[line]) for line, i in seen_a.items() if i >= 0 and seen_b.get(line, -1) >= 0]
    pairs.sort()
    tops: list[int] = []  # the b index on top of each pile
    tails: list[int] = []  # the pair index on top of each pile
    back: list[int] = []  # each pair's predecessor (pair index), -1 for none
    for n, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        back.append(tails[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            tails.append(n)
        else:
            tops[pile], tails[pile] = j, n
    chain: list[tuple[int, int]] = []
    n = tails[-1] if tails else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def _fallback(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int, out: list[Opcode]) -> None:
    exact = max(ahi - alo, bhi - blo) <= _EXACT_LIMIT
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=not exact)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append((tag, alo + i1, alo + i2, blo + j1, blo + j2))


class _Matcher(difflib.SequenceMatcher):
    """``SequenceMatcher`` whose opcodes are :func:`opcodes`', for its ``get_grouped_opcodes``."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        super().__init__(None, a, b, autojunk=True)
        self._patience = opcodes(a, b)

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return list(self._patience)


def _range(start: int, stop: int) -> str:
    """A hunk header's range, as ``difflib`` writes it (``start,length``; 1-based; ``start-1,0`` when empty)."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return str(beginning)
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


def unified_diff(a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str, n: int = 3) -> Iterator[str]:
    """``difflib.unified_diff(a, b, fromfile, tofile, n=n)``, with the patience matching."""
    started = False
    for group in _Matcher(a, b).get_grouped_opcodes(n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            if tag in ("replace", "delete"):
                for line in a[i1:i2]:
                    yield "-" + line
            if tag in ("replace", "insert"):
                for line in b[j1:j2]:
                    yield "+" + line

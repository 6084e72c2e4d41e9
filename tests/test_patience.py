"""The diff matcher (``migrate.patience``): it reproduces the new text, and shows only what changed."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.patience import opcodes, unified_diff

LINES = st.lists(st.sampled_from(["x\n", "y\n", "\n", "    return None\n", ")\n", "z\n"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(a=LINES, b=LINES)
def test_the_opcodes_cover_both_texts_and_rebuild_the_new_one(a, b):
    rebuilt, i, j = [], 0, 0
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        assert (i1, j1) == (i, j), "contiguous"
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            rebuilt += a[i1:i2]
        else:
            assert tag == ("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert")
            rebuilt += b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b)) and rebuilt == b


@settings(max_examples=200, deadline=None)
@given(a=LINES, b=LINES)
def test_the_diff_applies_back(a, b):
    """Read back as difflib's ``restore`` reads an ndiff: the hunks with their context give b."""
    diff = list(unified_diff(a, b, "a/x", "b/x"))
    if a == b:
        assert diff == []
        return
    out, at = [], 0
    for line in diff[2:]:
        if line.startswith("@@"):
            start = int(line.split()[1].split(",")[0][1:])
            start = start - 1 if "," not in line.split()[1] or line.split()[1].split(",")[1] != "0" else start
            out += a[at:start]
            at = start
        elif line[0] == " ":
            assert a[at] == line[1:]
            out.append(line[1:])
            at += 1
        elif line[0] == "-":
            assert a[at] == line[1:]
            at += 1
        else:
            out.append(line[1:])
    assert out + a[at:] == b


def test_a_module_of_look_alike_functions_shows_only_its_changes():
    """(a trial on litellm: difflib's autojunk dropped the lines every function shares, and the diff
    removed and re-added whole unchanged functions: 178 changed lines where 36 were)"""
    from migrate.report import unified_diff_text
    from migrate.runner import migrate_source

    function = (
        "def op{n}(client: AzureOpenAI | OpenAI | None = None):\n"
        "    c: AzureOpenAI | OpenAI | None = get_client(\n"
        "        api_key=None,\n        api_base=None,\n        api_version=None,\n        client=client,\n    )\n"
        "    if c is None:\n        raise ValueError(\n            \"client is not initialized.\"\n        )\n"
        "    return c.files.list()\n"
    )
    old = "from openai import AzureOpenAI, OpenAI\n\n\n" + "\n\n".join(function.format(n=n) for n in range(16))
    outcome = migrate_source(old)
    assert outcome.error is None and outcome.code != old
    before, after = old.splitlines(), outcome.code.splitlines()
    assert len(before) == len(after)
    really = sum(x != y for x, y in zip(before, after))
    diff = unified_diff_text("m.py", old, outcome.code)
    shown = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    assert len(shown) == 2 * really, "each changed line once removed and once added, nothing more"
    noisy = [line for line in difflib.unified_diff(before, after, lineterm="") if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    assert len(noisy) > len(shown), "difflib's own matcher loses track here (else this test shows nothing)"

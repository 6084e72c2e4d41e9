"""Rewrite ``samples/legacy_*/expected_requests.json`` from a run of each ``before.py`` with openai 0.28.1.

    python legacy_tests/regenerate_expected.py [CASE ...]

Run it with the interpreter of a virtualenv holding ``openai==0.28.1`` (the one ``.ci/run``
builds, or ``python -m venv v && v/bin/pip install openai==0.28.1 requests aiohttp numpy
azure-identity pytest``). It refuses any other openai, and any run that failed, so an expectation
always records what the original program really sent. Review the diff before committing it.
"""

from __future__ import annotations

import importlib.metadata
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import test_behaviour_legacy as legacy  # noqa: E402
from tests.test_behaviour import assert_ran_and_called_the_api  # noqa: E402


def main(cases: list[str]) -> int:
    installed = importlib.metadata.version("openai")
    if installed != "0.28.1":
        print(f"regenerate_expected.py needs openai 0.28.1, this interpreter has {installed}", file=sys.stderr)
        return 2
    unknown = sorted(set(cases) - set(legacy.ALL_CASES))
    if unknown:
        print(f"no such legacy sample: {', '.join(unknown)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases or legacy.ALL_CASES:
            rec = legacy.run_legacy(case, "before.py", Path(tmp))
            try:
                assert_ran_and_called_the_api(rec)
            except AssertionError as error:
                print(f"{case}: not regenerated: {error}", file=sys.stderr)
                return 1
            path = legacy.write_expected(case, [legacy.normalise_legacy(r) for r in rec.requests])
            print(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: {len(rec.requests)} request(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

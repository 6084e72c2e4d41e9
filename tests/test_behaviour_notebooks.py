"""Behaviour of the notebook samples: a migrated notebook must send the same requests as the original.

Each ``samples/notebook_<name>/before.ipynb`` and ``after.ipynb`` is turned into a script (its code
cells in order, IPython lines such as ``%pip``/``!ls``/``%%bash`` cells dropped, see
:func:`migrate.notebooks.script`) and run under ``tests/behaviour/recorder.py`` exactly as
``tests/test_behaviour.py`` runs ``before.py``/``after.py``: same environment, same normalisation
of requests, the same checks (no network, no fallback key; after: ``/openai/v1/``, no dated
api-version, no ``api-key`` header).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.notebooks import script
from tests.test_behaviour import (
    SAMPLES_DIR,
    Recording,
    assert_ran_and_called_the_api,
    assert_same_requests,
    record,
)

CASES = sorted(p.parent.name for p in SAMPLES_DIR.glob("notebook_*/before.ipynb"))
MIGRATED = [
    c for c in CASES if (SAMPLES_DIR / c / "before.ipynb").read_bytes() != (SAMPLES_DIR / c / "after.ipynb").read_bytes()
]


def run_notebook(case: str, name: str, out_dir: Path) -> Recording:
    """Run the code cells of ``samples/<case>/<name>`` under the recorder, from the sample's folder."""
    sample = SAMPLES_DIR / case / name
    program = out_dir / f"{case}.{name}.py"
    program.write_text(script(sample.read_text(encoding="utf-8")), encoding="utf-8")
    return record(case, name, program, out_dir / f"{case}.{name}.json")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("notebook-recordings")


def test_there_are_migrated_notebook_samples():
    assert len(MIGRATED) >= 3 and set(MIGRATED) < set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_original_notebook_runs_offline_and_calls_the_api(out_dir: Path, case: str) -> None:
    assert_ran_and_called_the_api(run_notebook(case, "before.ipynb", out_dir))


@pytest.mark.parametrize("case", MIGRATED)
def test_migrated_notebook_sends_the_same_requests_on_v1(out_dir: Path, case: str) -> None:
    before = run_notebook(case, "before.ipynb", out_dir)
    after = run_notebook(case, "after.ipynb", out_dir)
    assert_same_requests(before, after)
    for request in after.requests:
        assert request["path"].startswith("/openai/v1/"), f"{case}/after.ipynb still calls a legacy path: {request['url']}"
        assert request["query"].get("api-version", []) == [], f"{case}/after.ipynb still sends an api-version: {request['url']}"
        assert "api-key" not in request["headers"], f"{case}/after.ipynb still sends an api-key header"
    assert any(r["path"].startswith("/openai/deployments/") for r in before.requests), "the original used the legacy paths"

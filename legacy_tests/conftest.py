"""``legacy_tests/`` runs with openai 0.28.1 in its own virtualenv (see ``.ci/run``), never in the main
run: ``pyproject.toml`` collects ``tests/`` only. The project root goes on ``sys.path`` so the shared
machinery in ``tests/test_behaviour*.py`` can be imported without installing the project."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

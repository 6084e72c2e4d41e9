"""``python -m migrate``: the same program as the ``aoai-migrate`` script.

``-m`` puts the current directory first on ``sys.path``; in a project that has a module named
like one of our dependencies (``click.py``, ``rich/``), importing it would run the project's
code. The tool never runs the code it migrates, so that entry goes (unless it is this source
checkout itself, where ``transforms`` lives).
"""

import os
import sys
from pathlib import Path

if sys.path and sys.path[0] in ("", os.getcwd()) and Path.cwd().resolve() != Path(__file__).resolve().parent.parent:
    del sys.path[0]

from migrate.cli import main  # noqa: E402

main(prog_name="aoai-migrate")

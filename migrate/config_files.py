"""The file kind of configuration outside Python (see :data:`migrate.session.FILE_KINDS`).

``.env``/``.env.*``/``*.env``, Dockerfiles, YAML, JSON, Bicep and Terraform files:
:mod:`transforms.stale_config` reports the API-version settings in them that are dead once every
client is on the v1 endpoint. Nothing in them is rewritten. Lock files are not read.

Importing this module is cheap: the main process needs its name rules and triggers for every file.
"""

from __future__ import annotations

import posixpath

from migrate.runner import Outcome

KIND = "config"

#: The byte pre-filter: every finding is on one of these exact spellings.
TRIGGERS: tuple[bytes, ...] = (b"OPENAI_API_VERSION", b"api-version")

_LOCK_FILES = {"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "composer.lock", "yarn.lock"}


def syntax_of(name: str) -> str | None:
    """The comment syntax of the file: "hash", "yaml", "slash" (Bicep, JSON), "terraform"; None: not read."""
    base = posixpath.basename(name.replace("\\", "/"))
    lower = base.lower()
    if lower in _LOCK_FILES or lower.endswith(("-lock.json", ".lock.json", "-lock.yaml")):
        return None
    if base == ".env" or base.startswith(".env.") or lower.endswith(".env"):
        return "hash"
    if lower in ("dockerfile", "containerfile") or lower.endswith((".dockerfile", ".containerfile")) or lower.startswith(
        "dockerfile."
    ):
        return "hash"
    if lower.endswith((".yml", ".yaml")):
        return "yaml"
    if lower.endswith((".json", ".jsonc", ".bicep", ".bicepparam")):
        return "slash"
    if lower.endswith((".tf", ".tfvars")):
        return "terraform"
    return None


def handles(name: str) -> bool:
    return syntax_of(name) is not None


def migrate_text(name: str, text: str, select: frozenset[str] | None = None) -> Outcome:
    from transforms import stale_config

    return stale_config.migrate_text(name, text, select)

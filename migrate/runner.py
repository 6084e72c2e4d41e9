"""``migrate_source(text) -> Outcome``: the pure core. No I/O, no printing, no exceptions out."""

from __future__ import annotations

import ast
import dataclasses
import warnings

from transforms import TRIGGERS as _TRIGGERS
from transforms import might_need_migration


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What migrating one source text gave: new code, findings, or the reason it failed.

    ``error`` is set (and ``code`` is the input, unchanged) when the text could not be processed.
    """

    code: str
    findings: tuple = ()
    error: str | None = None
    #: For findings with a ``cell`` (notebooks): cell number -> the line of the file holding each
    #: of its source lines, so a report can point into the file itself (SARIF, GitHub annotations).
    locations: dict[int, tuple[int, ...]] | None = None

    def changed(self, original: str) -> bool:
        return self.error is None and self.code != original


#: This module is also the file kind for Python (see ``migrate.session.FILE_KINDS``): the one
#: that handles every file no other kind claims.
KIND = "python"
TRIGGERS = _TRIGGERS


def handles(name: str) -> bool:
    return True


def prefilter(data: bytes, name: str = "") -> bool:
    """The file-kind pre-filter: trigger words, then each transform's requirement."""
    return might_need_migration(data)


def migrate_text(name: str, text: str, select: frozenset[str] | None = None) -> Outcome:
    """The file-kind entry point: ``name`` does not matter for Python source."""
    return migrate_source(text, select)


def migrate_source(text: str, select: frozenset[str] | None = None, used_elsewhere: frozenset[str] = frozenset()) -> Outcome:
    """Migrate one module. ``used_elsewhere``: names the text uses where no parser sees them (a
    notebook's masked IPython lines); an import of one of them is never dropped as unused."""
    if not might_need_migration(text):
        return Outcome(text)
    import libcst as cst

    from transforms._metadata import parse_error, parse_module
    from transforms.pipeline import run_pipeline

    try:
        module = parse_module(text)
    except cst.ParserSyntaxError as error:
        return Outcome(text, error=parse_error(text, error))
    except Exception as error:  # noqa: BLE001 - a parser crash must not take the run down
        return Outcome(text, error=f"could not be parsed: {error}")
    try:
        result = run_pipeline(module, select, code=text, used_elsewhere=used_elsewhere)
        if result.module is module:  # nothing rewritten: never let a LibCST round trip touch the bytes
            return Outcome(text, result.findings)
        code = result.spliced()  # the text, with only the statements that changed printed anew
        if code is None:  # could not be shown right: print it all, if LibCST prints the input back
            if result.printed_input() != text:
                return Outcome(
                    text,
                    error="LibCST does not reproduce this file byte for byte (a whitespace-only last line or a "
                    "similar rarity), so it is left unchanged to lose nothing; migrate it by hand",
                )
            code = result.module.code
    except Exception as error:  # noqa: BLE001 - report, never lose the file
        return Outcome(text, error=f"internal error while migrating ({type(error).__name__}: {error}); file left unchanged")
    if code != text:
        try:
            _assert_parses(code, text)
        except Exception as error:  # noqa: BLE001
            return Outcome(text, error=f"internal error: the migrated code is not valid Python ({error}); file left unchanged")
    return Outcome(code, result.findings)


def _assert_parses(code: str, original: str) -> None:
    """The migrated code must compile: parse, and pass the checks Python makes after the parse
    (a ``nonlocal`` with no binding, a name used before its ``global``, ``return`` outside a
    function), which ``ast.parse`` does not make. ``compile`` is also faster than ``ast.parse``:
    it builds no Python objects. Top-level ``await`` is allowed, as a notebook's cells have it.
    When the input itself does not compile here, the output is held to what the input passes:
    the parse with ``ast``, or with LibCST for input newer than this Python."""
    try:
        _compile(code)
        return
    except _NOT_COMPILED:
        try:
            _compile(original)
        except _NOT_COMPILED:
            pass
        else:
            raise
    try:
        ast.parse(code)
    except SyntaxError:
        try:
            ast.parse(original)
        except SyntaxError:  # e.g. 3.12 f-string syntax read by Python 3.11: LibCST decides
            import libcst as cst

            cst.parse_module(code)
            return
        raise


_NOT_COMPILED = (SyntaxError, ValueError, RecursionError, MemoryError)


def _compile(code: str) -> None:
    with warnings.catch_warnings():  # ``x is "a"``, ``"\\d"``: the file's own, not this run's to print
        warnings.simplefilter("ignore")
        compile(code, "<migrated>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)

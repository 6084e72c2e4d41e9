"""``aoai-migrate diff -`` / ``apply -`` / ``check -``: one source text from stdin, for editors.

The bytes are decoded exactly as a file would be (coding cookie, BOM, CRLF kept), migrated, and
``apply -`` writes the whole migrated file to stdout in the same encoding. When the text cannot
be processed (or is excluded by the configuration), ``apply -`` writes the input back unchanged,
so a filter such as ``:%!aoai-migrate apply -`` never empties an editor's buffer.

The kind of file follows ``--stdin-filename``: ``--stdin-filename nb.ipynb`` reads a notebook
(its JSON, UTF-8); ``-`` alone is Python source.
"""

from __future__ import annotations

from pathlib import Path

from migrate.session import FileResult


def migrate_stdin(data: bytes, name: Path, select: frozenset[str] | None) -> FileResult:
    """Migrate ``data`` (the bytes read from stdin) as if it were the file ``name``. Never raises."""
    from migrate.session import decoder_of, kind_of
    from migrate.sources import SourceError

    kind = kind_of(name)  # '-' alone is Python; --stdin-filename nb.ipynb reads a notebook
    if b"\0" in data:
        return FileResult(name, error="binary input (contains NUL bytes)", kind=kind.KIND)
    try:
        text, encoding = decoder_of(kind, name)(data, name)
    except SourceError as error:
        return FileResult(name, error=error.reason, kind=kind.KIND)
    outcome = kind.migrate_text(str(name), text, select)
    extra = {"kind": kind.KIND, "locations": outcome.locations}
    if outcome.error is not None:
        return FileResult(name, error=outcome.error, kind=kind.KIND)
    if outcome.code == text:
        return FileResult(name, encoding=encoding, findings=outcome.findings, **extra)
    return FileResult(name, text, outcome.code, encoding, outcome.findings, **extra)


def output_of(data: bytes, result: FileResult) -> bytes:
    """What ``apply -`` writes: the migrated file, or the input itself when nothing changed."""
    from migrate.sources import encode_source

    if not result.changed:
        return data
    return encode_source(result.new_text, result.encoding)

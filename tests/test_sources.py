"""Tests for migrate.sources: byte-exact decoding/encoding and atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate import sources
from migrate.sources import (
    SourceError,
    SourceFile,
    decode_source,
    encode_source,
    read_source,
    write_atomic,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
LATIN1_COOKIE = b"# -*- coding: latin-1 -*-\n"


def round_trip(raw: bytes) -> bytes:
    return encode_source(*decode_source(raw))


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".aoai-migrate-"))


# --- decoding / encoding ---------------------------------------------------


def test_crlf_round_trips_byte_exact() -> None:
    raw = b"import os\r\nx = 1\r\n\r\nprint(x)\r\n"
    text, encoding = decode_source(raw)
    assert text == "import os\r\nx = 1\r\n\r\nprint(x)\r\n"
    assert encoding == "utf-8"
    assert encode_source(text, encoding) == raw


def test_mixed_and_lone_cr_newlines_are_not_translated() -> None:
    raw = b"a = 1\r\nb = 2\rc = 3\n"
    text, _ = decode_source(raw)
    assert text == "a = 1\r\nb = 2\rc = 3\n"
    assert round_trip(raw) == raw


def test_latin1_cookie_decodes_and_round_trips() -> None:
    raw = LATIN1_COOKIE + b"name = 'Jos\xe9'\n"
    text, encoding = decode_source(raw)
    assert "José" in text
    assert encoding == "iso-8859-1"  # tokenize's normalised name for latin-1
    assert encode_source(text, encoding) == raw


def test_cookie_on_second_line_is_honoured() -> None:
    raw = b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = '\x80'\n"
    text, encoding = decode_source(raw)
    assert encoding == "cp1252"
    assert "€" in text
    assert encode_source(text, encoding) == raw


def test_utf8_bom_is_stripped_from_text_and_restored() -> None:
    raw = b"\xef\xbb\xbfx = '\xc3\xa9'\n"
    text, encoding = decode_source(raw)
    assert encoding == "utf-8-sig"
    assert text == "x = 'é'\n"
    assert encode_source(text, encoding) == raw


def test_missing_trailing_newline_is_preserved() -> None:
    raw = b"x = 1\ny = 2"
    text, _ = decode_source(raw)
    assert text == "x = 1\ny = 2"
    assert round_trip(raw) == raw


def test_tabs_and_trailing_whitespace_are_preserved() -> None:
    raw = b"def f():\n\tif True:\n\t\treturn 1   \n"
    text, _ = decode_source(raw)
    assert "\t\treturn 1   \n" in text
    assert round_trip(raw) == raw


def test_empty_file_round_trips() -> None:
    assert decode_source(b"") == ("", "utf-8")
    assert round_trip(b"") == b""


def test_nul_bytes_are_rejected_as_binary() -> None:
    with pytest.raises(SourceError) as info:
        decode_source(b"x = 1\n\x00\x01\x02")
    assert info.value.reason == "binary file (contains NUL bytes)"
    assert str(info.value) == info.value.reason


def test_undecodable_utf8_reports_byte_offset_and_line() -> None:
    raw = b"x = 1\ny = '\xe9'\n"
    with pytest.raises(SourceError) as info:
        decode_source(raw, Path("m.py"))
    assert str(info.value) == (
        "cannot decode as utf-8 (the default): byte 0xe9 at offset 11 (line 2)"
    )
    assert info.value.path == Path("m.py")


def test_undecodable_first_line_without_cookie_reports_the_byte() -> None:
    with pytest.raises(SourceError, match=r"byte 0xff at offset 4 \(line 1\)"):
        decode_source(b"x = \xff\n")


def test_undecodable_byte_under_cookie_mentions_the_cookie() -> None:
    with pytest.raises(SourceError) as info:
        decode_source(b"# coding: ascii\nx = '\xe9'\n")
    assert "cannot decode as ascii (declared by coding cookie): byte 0xe9" in str(info.value)


def test_undecodable_byte_after_bom_reports_offset_in_the_file() -> None:
    with pytest.raises(SourceError) as info:
        decode_source(b"\xef\xbb\xbfab\xff")
    assert str(info.value) == "cannot decode as utf-8 (BOM): byte 0xff at offset 5 (line 1)"


def test_unknown_encoding_cookie_is_rejected() -> None:
    with pytest.raises(SourceError, match="cannot determine encoding: unknown encoding: klingon"):
        decode_source(b"# coding: klingon\nx = 1\n")


def test_bom_with_conflicting_cookie_is_rejected() -> None:
    with pytest.raises(SourceError, match="cannot determine encoding"):
        decode_source(b"\xef\xbb\xbf# coding: latin-1\nx = 1\n")


def test_codec_that_would_not_reproduce_the_bytes_is_rejected() -> None:
    # utf-7 decodes "+AGE-" to "a" but encodes "a" as "a": writing back an
    # unmodified file would change it, so refuse up front.
    with pytest.raises(SourceError, match="^encoding utf-7 does not round-trip this file byte-for-byte$"):
        decode_source(b'# coding: utf-7\nx = "+AGE-"\n')


def test_encode_names_the_character_that_does_not_fit() -> None:
    with pytest.raises(SourceError) as info:
        encode_source("# ok\nprice = '€'\n", "iso-8859-1")
    assert str(info.value) == "cannot encode character '€' (U+20AC) at line 2 as iso-8859-1"


def test_encode_with_unknown_encoding_raises_source_error() -> None:
    with pytest.raises(SourceError, match="unknown encoding"):
        encode_source("x", "no-such-codec")


@given(st.text().filter(lambda s: "\x00" not in s))
def test_utf8_text_round_trips(text: str) -> None:
    raw = text.encode("utf-8")
    decoded, encoding = decode_source(raw)
    assert encode_source(decoded, encoding) == raw


@given(st.binary().filter(lambda b: b"\x00" not in b))
def test_latin1_bytes_round_trip(body: bytes) -> None:
    raw = LATIN1_COOKIE + body
    text, encoding = decode_source(raw)
    assert encoding == "iso-8859-1"
    assert encode_source(text, encoding) == raw


@settings(max_examples=300)
@given(
    st.one_of(
        st.binary(),
        st.builds(lambda b: b"\xef\xbb\xbf" + b, st.binary()),
        st.builds(lambda b: b"# coding: cp1252\n" + b, st.binary()),
    )
)
def test_any_bytes_either_round_trip_or_raise_source_error(raw: bytes) -> None:
    try:
        text, encoding = decode_source(raw)
    except SourceError as err:
        assert err.reason
        return
    assert encode_source(text, encoding) == raw


@pytest.mark.parametrize(
    "sample",
    sorted(SAMPLES.glob("**/*.py")) if SAMPLES.is_dir() else [],
    ids=lambda p: str(p.relative_to(SAMPLES)),
)
def test_repository_samples_round_trip(sample: Path) -> None:
    raw = sample.read_bytes()
    assert round_trip(raw) == raw


# --- read_source --------------------------------------------------------------


def test_read_source_returns_raw_text_encoding_and_stat(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    raw = LATIN1_COOKIE + b"s = '\xe9'\r\n"
    path.write_bytes(raw)
    source = read_source(path)
    assert source.path == path
    assert source.raw == raw
    assert source.text == "# -*- coding: latin-1 -*-\ns = 'é'\r\n"
    assert source.encoding == "iso-8859-1"
    assert source.stat.st_size == len(raw)
    assert source.stat.st_ino == path.stat().st_ino


def test_read_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^no such file or directory$"):
        read_source(tmp_path / "absent.py")


def test_read_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^is a directory$"):
        read_source(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_read_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="^not a regular file$"):
        read_source(fifo)


def test_read_permission_denied_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, which ignores chmod 000, so simulate the error.
    path = tmp_path / "secret.py"
    path.write_bytes(b"x = 1\n")

    def deny(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources.os, "open", deny)
    with pytest.raises(SourceError, match="^permission denied$"):
        read_source(path)


def test_read_binary_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "blob.py"
    path.write_bytes(b"\x7fELF\x00\x00")
    with pytest.raises(SourceError, match="binary file"):
        read_source(path)


# --- write_atomic ---------------------------------------------------------------


def test_atomic_write_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"old\n")
    write_atomic(path, b"new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert temp_files(tmp_path) == []


def test_atomic_write_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o755)
    write_atomic(path, b"new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o755


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_atomic_write_as_root_keeps_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"old\n")
    os.chown(path, 4321, 4322)
    write_atomic(path, b"new\n")
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def test_atomic_write_uses_recognisable_temp_name_in_same_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"old\n")
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: object) -> None:
        seen.append(str(src))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(sources.os, "replace", spy)
    write_atomic(path, b"new\n")
    (tmp,) = seen
    assert Path(tmp).parent == tmp_path
    assert Path(tmp).name.startswith(".aoai-migrate-")
    assert Path(tmp).name.endswith(".tmp")


def test_failed_replace_leaves_original_untouched_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"original\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sources.os, "replace", fail)
    with pytest.raises(SourceError, match="^no space left on device$"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"original\n"
    assert temp_files(tmp_path) == []


def test_failed_fsync_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"original\n")

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(sources.os, "fsync", fail)
    with pytest.raises(SourceError, match="input/output error"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"original\n"
    assert temp_files(tmp_path) == []


def test_interrupt_during_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"original\n")

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sources.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"original\n"
    assert temp_files(tmp_path) == []


def test_write_refuses_when_content_changed_after_reading(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\n")
    source = read_source(path)
    # Same size, same inode, and the mtime put back: only the content betrays it.
    path.write_bytes(b"x = 2\n")
    os.utime(path, ns=(source.stat.st_atime_ns, source.stat.st_mtime_ns))
    with pytest.raises(SourceError, match="^modified since it was read; not overwritten$"):
        write_atomic(path, b"x = 3\n", expected=source)
    assert path.read_bytes() == b"x = 2\n"
    assert temp_files(tmp_path) == []


def test_write_refuses_when_mtime_changed_after_reading(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\n")
    source = read_source(path)
    os.utime(path, ns=(source.stat.st_atime_ns, source.stat.st_mtime_ns + 5_000_000_000))
    with pytest.raises(SourceError, match="modified since it was read"):
        write_atomic(path, b"x = 3\n", expected=source)
    assert path.read_bytes() == b"x = 1\n"


def test_write_refuses_when_file_was_replaced_after_reading(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\n")
    source = read_source(path)
    other = tmp_path / "other"
    other.write_bytes(b"x = 1\n")
    os.replace(other, path)  # new inode, same content
    with pytest.raises(SourceError, match="modified since it was read"):
        write_atomic(path, b"x = 3\n", expected=source)


def test_write_refuses_when_file_was_deleted_after_reading(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\n")
    source = read_source(path)
    path.unlink()
    with pytest.raises(SourceError, match="deleted since it was read"):
        write_atomic(path, b"x = 3\n", expected=source)
    assert not path.exists()


def test_write_with_unchanged_expected_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = 1\n")
    source = read_source(path)
    write_atomic(path, encode_source(source.text.replace("1", "2"), source.encoding), expected=source)
    assert path.read_bytes() == b"x = 2\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_target_is_updated_and_link_kept(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "m.py"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    source = read_source(link)
    write_atomic(link, b"new\n", expected=source)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_bytes() == b"new\n"
    assert temp_files(tmp_path) == [] and temp_files(real_dir) == []


def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o444)
    with pytest.raises(SourceError, match="^read-only file; not modified$"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert temp_files(tmp_path) == []


def test_write_to_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^no such file or directory$"):
        write_atomic(tmp_path / "absent.py", b"x\n")
    assert list(tmp_path.iterdir()) == []


def test_write_to_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^is a directory$"):
        write_atomic(tmp_path, b"x\n")


def test_source_file_is_immutable(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x\n")
    source = read_source(path)
    assert isinstance(source, SourceFile)
    with pytest.raises(AttributeError):
        source.text = "y"  # type: ignore[misc]

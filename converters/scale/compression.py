"""gzip, bzip2 and xz: told by suffix or by the first bytes for inputs, by
suffix for outputs.  Standard library codecs only: they stream."""
from __future__ import annotations

import bz2
import gzip
import lzma
from collections.abc import Callable
from typing import IO, Any

# (suffix, magic bytes, opener)
CODECS: tuple[tuple[str, bytes, Callable[..., Any]], ...] = (
    (".gz", b"\x1f\x8b", gzip.open),
    (".bz2", b"BZh", bz2.open),
    (".xz", b"\xfd7zXZ\x00", lzma.open),
)
SUFFIXES = tuple(suffix for suffix, _, _ in CODECS)


def strip_suffix(path: str) -> str:
    """``refs.jsonl.gz`` -> ``refs.jsonl``: the name a format is told by."""
    lower = path.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return path[: -len(suffix)]
    return path


def codec_of(path: str, head: bytes = b"") -> Callable[..., Any] | None:
    """The opener for ``path``: its first bytes decide, else its suffix."""
    for _, magic, opener in CODECS:
        if head.startswith(magic):
            return opener
    lower = path.lower()
    for suffix, _, opener in CODECS:
        if lower.endswith(suffix):
            return opener
    return None


def open_input(path: str) -> IO[bytes]:
    """A binary stream of ``path``'s content, decompressed when it is
    compressed (by magic bytes; a misleading suffix does not matter)."""
    raw = open(path, "rb")  # noqa: SIM115 (returned, or closed by the decompressor)
    head = raw.peek(8)[:8] if hasattr(raw, "peek") else b""
    for _, magic, opener in CODECS:
        if head.startswith(magic):
            return opener(raw, "rb")
    return raw


def decompress(data: bytes) -> bytes:
    """Whole bytes decompressed when their magic says so, else as they are."""
    for _, magic, opener in CODECS:
        if data.startswith(magic):
            import io

            with opener(io.BytesIO(data), "rb") as handle:
                return handle.read()
    return data


def wrap_output(path: str, raw: IO[bytes]) -> IO[bytes]:
    """``raw`` (a binary stream) compressed as ``path``'s suffix says, or
    ``raw`` itself.  gzip gets no time stamp: the same records give the
    same bytes."""
    lower = path.lower()
    if lower.endswith(".gz"):
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw,  # type: ignore[return-value]
                             mtime=0)
    for suffix, _, opener in CODECS:
        if lower.endswith(suffix):
            return opener(raw, "wb")
    return raw

"""Bytes in, text out, and files written so that a crash never leaves half of one.

Decoding is done once here for every format: BOMs are honoured (UTF-8,
UTF-16, UTF-32), UTF-16 without a BOM is recognised by its NUL pattern, and
bytes that are not text give one diagnostic with the line they sit on.
"""
from __future__ import annotations

import codecs
import os
import tempfile

from .diagnostics import Diagnostic, make

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: text in Latin script puts NULs on one side."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, source: str | None, encoding: str | None = None
           ) -> tuple[str | None, list[Diagnostic]]:
    """Decode ``data``; return (text, diagnostics).  Text is None when the
    bytes cannot be read as text at all."""
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                data, encoding = data[len(bom):], name
                break
        else:
            encoding = _guess_utf16(data) or "utf-8"
    elif encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except LookupError:
        return None, [make("encoding-invalid", f"unknown encoding {encoding!r}", file=source)]
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        if b"\x00" in data[:8192]:
            return None, [make("input-binary",
                               "the file looks like binary data, not a bibliography",
                               file=source, line=line)]
        return None, [make(
            "encoding-invalid",
            f"byte 0x{data[exc.start]:02x} is not valid {encoding}; "
            "if the file uses another encoding, say which with --encoding "
            "(for example --encoding latin-1)",
            file=source, line=line, column=column)]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [make("input-binary",
                           "the file contains NUL characters; it looks like binary data",
                           file=source, line=line)]
    if not text.strip():
        return None, [make("input-empty", "the file is empty", file=source)]
    return text, []


def read_source(path: str, encoding: str | None = None, stdin=None
                ) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode a path (``-`` is standard input)."""
    try:
        if path == "-":
            import sys

            data = (stdin or sys.stdin.buffer).read()
            label = "<stdin>"
        else:
            with open(path, "rb") as handle:
                data = handle.read()
            label = path
    except OSError as exc:
        return None, [make("input-unreadable", exc.strerror or str(exc), file=path)]
    return decode(data, label, encoding)


def write_atomic(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder,
    then rename it into place: readers see the old file or the new one."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".bibconv-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

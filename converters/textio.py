"""Bytes in, text out, and files written so that a crash never leaves half of one.

Decoding is done once here for every format: BOMs are honoured (UTF-8,
UTF-16, UTF-32), UTF-16 without a BOM is recognised by its NUL pattern, and
bytes that are not text give one diagnostic with the line they sit on.
"""
from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager

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
    data, problem = _decompressed(data)
    if problem:
        return None, [make("input-unreadable", f"cannot decompress: {problem}", file=label)]
    return decode(data, label, encoding)


def _decompressed(data: bytes) -> tuple[bytes, str | None]:
    """gzip, bzip2 or xz content (told by its first bytes) decompressed."""
    from .scale.compression import decompress

    try:
        return decompress(data), None
    except (OSError, EOFError, ValueError) as exc:  # truncated or corrupt
        return data, str(exc) or type(exc).__name__


class OutputError(Exception):
    """The output could not be written; names the path the user gave (never
    the temporary file) and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path, self.reason = path, reason


def identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the regular file ``path`` names, through any links;
    None when it names nothing, or a FIFO, a device or a terminal.  ``-``
    is standard input (a shell redirection from a file counts)."""
    try:
        info = os.fstat(0) if path == "-" else os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _plan(path: str) -> tuple[str, str]:
    """How ``path`` is written: ("replace", file) for a regular file, new or
    old, through a temporary beside it; ("direct", path) for a FIFO, a
    device, a terminal, or a link the kernel alone can follow
    (/proc/self/fd/1 to a deleted file)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        # nothing there yet, or a dangling link: create the file it names
        return "replace", os.path.realpath(path)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(path, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        return "direct", path
    target = os.path.realpath(path)  # a link is kept, its target replaced
    try:
        same = os.stat(target)
    except OSError:
        return "direct", path
    if (same.st_dev, same.st_ino) != (info.st_dev, info.st_ino):
        return "direct", path
    return "replace", target


def plan(path: str) -> tuple[str, str]:
    """How ``path`` is written (see _plan): ("replace", the file to replace
    through a temporary beside it) or ("direct", what to open and write).
    Raises OutputError for a folder or an unreadable path."""
    return _plan(path)


def _temporary(target: str, text: str, encoding: str) -> str:
    """Write ``text`` to a new temporary file beside ``target``, with the
    mode (and, where allowed, the owner) ``target`` has or would get."""
    import tempfile

    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=".bibconv-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encoded(target, text, encoding))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            old = os.stat(target)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            os.chmod(tmp, old.st_mode & 0o7777)
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, old.st_uid, old.st_gid)
                except OSError:
                    pass  # not ours to give away: the file becomes the writer's
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _encoded(path: str, text: str, encoding: str) -> bytes:
    """The bytes written for ``path``: compressed when its suffix says so
    (.gz, .bz2, .xz)."""
    from .scale.compression import SUFFIXES, wrap_output

    data = text.encode(encoding)
    if not path.lower().endswith(SUFFIXES):
        return data
    import io

    buffer = io.BytesIO()
    handle = wrap_output(path, buffer)
    handle.write(data)
    handle.close()  # flushes the compressor; a passed-in stream stays open
    return buffer.getvalue()


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_outputs(files: dict[str, str], encoding: str = "utf-8") -> None:
    """Write each path's text, all or nothing as far as files allow.

    Regular files are written to a temporary file in the same folder and
    renamed into place once every one is ready: readers see the old file or
    the new one, and an error leaves every old file whole.  A symbolic link
    is kept and the file it names replaced.  FIFOs, devices and terminals
    (``/dev/stdout``) are written directly, last.  Raises OutputError."""
    plans = {path: _plan(path) for path in files}
    pending: list[tuple[str, str, str]] = []  # (path given, temporary, target)
    try:
        for path, (how, target) in plans.items():
            if how == "replace":
                try:
                    pending.append((path, _temporary(target, files[path], encoding), target))
                except OSError as exc:
                    raise OutputError(path, exc.strerror or str(exc)) from None
        for path, tmp, target in pending:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(path, exc.strerror or str(exc)) from None
        pending.clear()
    finally:
        for _, tmp, _ in pending:
            _remove(tmp)
    for path, (how, target) in plans.items():
        if how == "direct":
            try:
                with open(target, "wb") as handle:
                    handle.write(_encoded(path, files[path], encoding))
            except OSError as exc:
                raise OutputError(path, exc.strerror or str(exc)) from None


def write_atomic(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` (see write_outputs): a regular file through
    a temporary file and a rename, so readers see the old file or the new one."""
    write_outputs({path: text}, encoding)


@contextmanager
def fewer_collections(every: int = 10_000) -> Iterator[None]:
    """While a large input is read, checked and written: the objects that
    exist now (modules, tables, caches) frozen out of the cyclic garbage
    collector's passes, and its first generation collected every ``every``
    new objects instead of 700.  Reading allocates millions of small dicts,
    lists and strings, nearly all freed by reference counting; with the
    defaults the collector walks the whole heap again and again, a sixth of
    a large BibTeX conversion.  What cycles there are still get collected
    (a streamed conversion's peak stays flat with the input's size).
    The process's settings are restored afterwards.  Nested, only the
    outermost freezes; an inner one asking for rarer passes has them until
    it ends (the BibTeX reader and the CSL-JSON writer, which make no
    cycles: a streamed chunk's records, alive until written, are then not
    walked pass after pass, 6% of streaming 10,000 BibTeX entries).
    Only in a process bibconv owns (the CLI, its worker processes:
    own_process()): a program that imports the library keeps its collector
    as it set it."""
    import gc

    if not _owned:
        yield
        return
    threshold = gc.get_threshold()
    if _collecting_less:
        if threshold[0] >= every:
            yield
            return
        gc.set_threshold(every, threshold[1], threshold[2])
        try:
            yield
        finally:
            gc.set_threshold(*threshold)
        return
    _collecting_less.append(threshold)
    gc.freeze()
    gc.set_threshold(max(threshold[0], every), threshold[1], threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
        _collecting_less.pop()


# Rarer passes where no cycles are made (see fewer_collections).
ACYCLIC = 100_000


_collecting_less: list = []  # the settings to restore while fewer_collections is on
_owned: list = []  # non-empty once the process's owner allowed fewer_collections


def own_process() -> None:
    """Called by the CLI and its worker processes: large reads may tune this
    process's garbage collector (fewer_collections)."""
    if not _owned:
        _owned.append(True)

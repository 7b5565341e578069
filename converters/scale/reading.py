"""One input read as a stream of ReadResults, a chunk of records each: the
format chosen as ``api.read`` chooses it (-f, the suffix, the content), the
file decompressed by its first bytes, each chunk read by the format's own
reader with its lines put back.  A format without a streamer, or text that
is not UTF-8 (UTF-16, --encoding), is read whole, as before."""
from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from typing import TextIO

from ..diagnostics import make
from ..model import ReadResult
from ..registry import Format, Registry
from ..textio import fewer_collections
from .compression import open_input, strip_suffix
from .streams import shifted

_SNIFF = 1 << 16  # characters the content is judged by
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
              codecs.BOM_UTF16_BE)


def _head(path: str) -> bytes:
    with open_input(path) as handle:
        return handle.read(_SNIFF)


def choose(registry: Registry, from_: str | None, path: str, head: bytes) -> Format | None:
    """The reader for ``path``: named, by suffix (less .gz/.bz2/.xz), or sniffed."""
    if from_:
        return registry.get(from_)
    # Several formats claim .xml (JATS, EndNote XML, PubMed): the content
    # decides among them, as it does for a whole read.
    name = strip_suffix(path)
    shared = sum(fmt.can_read for fmt in registry.claimants(name)) > 1
    by_suffix = registry.for_path(name, _sample(path, head) if shared else None, readable=True)
    if by_suffix is not None:
        return by_suffix
    return registry.sniff(head.decode("utf-8", "replace"))


# How much of a long input is judged when formats share its suffix: a whole
# read judges all of it, and a JATS article's reference list, which tells a
# reference list from front matter alone, comes after its body.
_SAMPLE = 4 << 20


def _sample(path: str, head: bytes) -> str:
    """What a whole read's sniffers would judge, without holding a long
    input: its first 4 MiB and its last part."""
    if len(head) < _SNIFF:
        return head.decode("utf-8", "replace")
    with open_input(path) as handle:
        first = handle.read(_SAMPLE)
        if len(first) < _SAMPLE:
            return first.decode("utf-8", "replace")
        if isinstance(handle, io.BufferedReader):  # not compressed: jump to the end
            handle.seek(max(handle.tell(), os.fstat(handle.fileno()).st_size - _SNIFF))
            tail = handle.read()
        else:
            tail = b""
            while block := handle.read(1 << 20):
                tail = (tail + block)[-_SNIFF:]
    return first.decode("utf-8", "replace") + "\n" + tail.decode("utf-8", "replace")


def _streamable(head: bytes, encoding: str | None) -> bool:
    wide = head.startswith(_WIDE_BOMS) or b"\x00" in head[:4096]
    return not wide and (encoding is None or codecs.lookup(encoding).name == "utf-8")


def read_stream(path: str, registry: Registry, *, from_: str | None = None,
                encoding: str | None = None, shared: dict | None = None,
                byte_range: tuple[int, int | None] = (0, None), front_matter: bool = False,
                **options) -> Iterator[ReadResult]:
    """Chunks of ``path``'s records.  Unreadable, empty or undecodable input
    gives one ReadResult with the diagnostic, as ``api.read`` does.
    ``front_matter``: ask a format that declares one for its front-matter
    record too (validation checks the article itself)."""
    from ..api import read

    try:
        head = _head(path)
    except (OSError, EOFError, ValueError) as exc:
        yield ReadResult([], [_unreadable(path, exc)])
        return
    fmt = choose(registry, from_, path, head)
    if front_matter and fmt is not None and fmt.front_matter_option:
        options.setdefault(fmt.front_matter_option, True)
    streamer = fmt._get("streamer") if fmt is not None and fmt.streamer else None
    if fmt is None or streamer is None or not head.strip() or not _streamable(head, encoding):
        yield read(path, fmt.name if fmt else None, encoding=encoding, registry=registry,
                   shared=shared, **options)
        return
    if shared is not None:
        for name in fmt.shared_options:
            options.setdefault(name, shared.setdefault(name, {}))
    if byte_range != (0, None):
        yield from _range(path, fmt, byte_range, options)
        return
    yield from _chunks(path, fmt, streamer, options)


def _unreadable(path: str, exc: Exception):
    """What a whole read says (textio.read_source): the file's own error
    ("No such file or directory"), or what decompressing its start found."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return make("input-unreadable", exc.strerror or str(exc), file=path)
    return make("input-unreadable", f"cannot decompress: {str(exc) or type(exc).__name__}",
                file=path)


def _range(path: str, fmt: Format, byte_range, options: dict) -> Iterator[ReadResult]:
    """The JSON Lines that start in ``byte_range`` (see converters.scale.ranges)."""
    from .ranges import range_lines
    from .streams import line_chunks

    first, lines = range_lines(path, *byte_range)
    number = first
    try:
        for number, chunk in line_chunks(first, lines):
            yield shifted(fmt.read(chunk, path, **options), number - 1)
    except UnicodeDecodeError as exc:
        yield ReadResult([], [make(
            "encoding-invalid", f"byte 0x{exc.object[exc.start]:02x} is not valid UTF-8; "
            "the rest of this part is not read", file=path, line=number)])


def _text(path: str) -> TextIO:
    return io.TextIOWrapper(open_input(path), encoding="utf-8-sig", newline="")


def _chunks(path: str, fmt: Format, streamer, options: dict) -> Iterator[ReadResult]:
    from .bibkeys import repeats
    from .crossref import lend, parents, returned
    from .idstore import SeenKeys
    from .streams import line_breaks

    lines_read, any_records = 0, False
    empty: list = []  # "no entries found" is said of a file, not of a chunk of @comments
    seen = SeenKeys() if streamer.keys_once else None
    # the records of every chunk are read, checked and written in this block
    with fewer_collections(), open_input(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            lent = parents(lambda: _text(path)) if streamer.lends_parents else {}
            first_macros = dict(options.get("macros") or {})  # as the file starts
            # the file's @preamble macros serve every chunk (crossref.Parents)
            preambles = getattr(lent, "preambles", None)
            if preambles is not None:
                options = {**options, "preambles": preambles}
            for first_line, chunk, openings in streamer.with_openings(text):
                breaks = line_breaks(chunk)  # counted once, for lend too
                lines_read = first_line + breaks
                repeated: set = set()
                cased: dict = {}
                if seen:
                    repeated, cased = repeats(chunk, first_line, seen, openings)
                chunk, borrowed, last, early = lend(chunk, first_line, lent, breaks, repeated)
                # keys differing in case from an earlier chunk's: the reader warns
                # (the lines counted in the chunk, as shifted moves them)
                earlier = {k: line - first_line + 1 for k, (_, line) in cased.items()}
                extra: dict = {"earlier_keys": earlier} if earlier else {}
                if repeated:  # skipped by the reader, said in their place
                    extra["repeated"] = repeated
                if borrowed:  # the lent text's @strings are its own (crossref.lend)
                    extra["lent_after"] = last
                    if early:  # read from the macros the file started with
                        extra["lent_macros"] = first_macros
                got = returned(fmt.read(chunk, path, **options, **extra), borrowed, last)
                got = shifted(got, first_line - 1)
                any_records = any_records or bool(got.records)
                empty.extend(d for d in got.diagnostics if d.code == "input-empty")
                got.diagnostics = [d for d in got.diagnostics if d.code != "input-empty"]
                yield got
            if empty and not any_records:
                yield ReadResult([], empty[:1])
        except UnicodeDecodeError as exc:
            yield ReadResult([], [make(
                "encoding-invalid", f"byte 0x{exc.object[exc.start]:02x} is not valid UTF-8; "
                "the rest of the file is not read; if the file uses another encoding, say "
                "which with --encoding", file=path, line=lines_read + 1)])
        except (OSError, EOFError) as exc:  # a truncated or corrupt archive
            yield ReadResult([], [make("input-unreadable", f"cannot decompress: {exc}",
                                       file=path, line=lines_read + 1)])
        finally:
            if seen:
                seen.close()

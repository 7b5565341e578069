"""A large JSON Lines file cut into byte ranges, one task each: a range
reads the lines that start inside it (the first whole line at or after its
start, up to and including the line that crosses its end), so every line
is read once whichever range it falls in.  Only plain (uncompressed) JSON
Lines is cut: a line is a record, and nothing carries over between lines."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator

from .compression import CODECS

_FIRST = 1 << 20  # bytes read to find the first line


def is_json_lines(path: str) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(_FIRST)
    if any(head.startswith(magic) for _, magic, _ in CODECS):
        return False
    for line in head.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line.decode("utf-8-sig")), dict)
            except ValueError:  # not JSON, or a line longer than the sample
                return False
    return False


def byte_ranges(path: str, limit: int) -> list[tuple[int, int | None]]:
    """[(start, end)] of about ``limit`` bytes each; [(0, None)] for a file
    not worth cutting or that cannot be cut."""
    try:
        size = os.path.getsize(path)
    except OSError:
        return [(0, None)]
    if limit <= 0 or size <= limit or not is_json_lines(path):
        return [(0, None)]
    cuts = list(range(0, size, limit))
    return [(start, start + limit if start + limit < size else None) for start in cuts]


_BLOCK = 1 << 16  # bytes counted at a time: under the allocator's mmap threshold


def _lines_before(handle, offset: int) -> int:
    """Lines before ``offset``, counted in one reused small buffer: a new block a
    read (4 MiB, and the one before it alive while the next was read) put
    8 MB on the peak of every range but the first."""
    handle.seek(0)
    count, left = 0, offset
    block = bytearray(_BLOCK)
    while left > 0:
        got = handle.readinto(block if left >= _BLOCK else memoryview(block)[:left])
        if not got:
            break
        count += (block if got == _BLOCK else block[:got]).count(b"\n")
        left -= got
    return count


def range_lines(path: str, start: int, end: int | None) -> tuple[int, Iterator[str]]:
    """(the number of the range's first line, its lines as text)."""
    handle = open(path, "rb")  # noqa: SIM115 (closed when the lines are read)
    if start > 0:
        handle.seek(start - 1)
        if handle.read(1) != b"\n":
            handle.readline()  # the rest of a line the range before has
    position = handle.tell()
    first = _lines_before(handle, position) + 1
    handle.seek(position)

    def lines() -> Iterator[str]:
        with handle:
            at = position
            while end is None or at < end:
                line = handle.readline()
                if not line:
                    return
                at += len(line)
                yield line.decode("utf-8-sig" if at == len(line) else "utf-8")

    return first, lines()

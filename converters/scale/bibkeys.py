"""BibTeX keys once a file, across the chunks of a stream, as the reader
keeps them within one text: an entry whose key an earlier chunk used is
skipped by the reader, with its finding in its place among the others (its
``repeated``), and one whose key differs only in case is read with the
reader's warning (its ``earlier_keys``).  Entries opened after another on
its line ("} @book{b,") count too, as the reader reads them."""
from __future__ import annotations

import io
import re

from .crossref import _KEY
from .idstore import SeenKeys
from .streams import Openings, _entry_starts, _Openings, line_breaks


def _blocks(chunk: str, openings: Openings | None = None) -> list[tuple[int, int, int, str]]:
    """(first line, start, end, key) of each keyed block of the chunk: its
    line counted in the chunk, its span in characters.  The openings are
    those the cutting found (streams.bibtex_openings), else found as
    bibtex_chunks finds them, by searches in C; a chunk with a lone "\r"
    goes line by line."""
    if "\r" in chunk:
        return _blocks_by_line(chunk)
    found: list[list] = []
    for at, number in _Openings().find(chunk) if openings is None else openings:
        if found:
            found[-1][2] = at
        end = chunk.find("\n", at)
        key = _KEY.match(chunk[at:end + 1 if end >= 0 else len(chunk)].lstrip())
        found.append([number, at, len(chunk), key.group(1) if key else None])
    return _keyed(chunk, found)


_PAREN_ENTRY = re.compile(r"\s*@\s*\w+\s*\(")


def _keyed(chunk: str, found: list[list]) -> list[tuple[int, int, int, str]]:
    """The keyed blocks of ``found`` ([line, start, end, key]), each followed
    by the entries opened inside its span after it closed: an "@" where the
    braces since its start balance (a block in parentheses is not looked in)."""
    out = []
    for number, start, end, key in found:
        if key:
            out.append((number, start, end, key))
        at = chunk.find("@", start + 1, end)
        if at < 0 or _PAREN_ENTRY.match(chunk, start):
            continue
        while at >= 0:
            inner = _KEY.match(chunk, at)
            if inner and chunk.count("{", start, at) <= chunk.count("}", start, at):
                out.append((number + line_breaks(chunk[start:at]), at, end, inner.group(1)))
            at = chunk.find("@", at + 1, end)
    return out


def _blocks_by_line(chunk: str) -> list[tuple[int, int, int, str]]:
    found: list[list] = []
    position = 0
    for number, opening, added in _entry_starts(io.StringIO(chunk, newline="")):
        if opening is not None:
            if found:
                found[-1][2] = position
            key = _KEY.match(opening.lstrip())
            found.append([number, position, len(chunk), key.group(1) if key else None])
        position += len(added[0])
    return _keyed(chunk, found)


def repeats(chunk: str, first_line: int, seen: SeenKeys,
            openings: Openings | None = None) -> tuple[set[str], dict]:
    """The keys of the chunk's entries that an earlier chunk used exactly
    (the reader skips those entries and says so: its ``repeated``); the
    earlier (key, line) of keys differing in case.  The chunk's new keys
    are added to ``seen``.  ``openings``: the chunk's block openings, if
    the cutting found them."""
    blocks = _blocks(chunk, openings)
    repeated: set[str] = set()
    cased: dict[str, tuple[str, int]] = {}
    before = seen.earlier_all([key for _, _, _, key in blocks])
    for (_, _, _, key), earlier in zip(blocks, before, strict=True):
        if earlier is not None and earlier[0] != key:
            cased[key.lower()] = earlier
        if earlier is not None and earlier[0] == key:
            repeated.add(key)
    seen.add((key, first + first_line - 1) for (first, _, _, key), earlier in zip(
        blocks, before, strict=True) if earlier is None or earlier[0] != key)
    return repeated, cased

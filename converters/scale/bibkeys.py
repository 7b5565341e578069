"""BibTeX keys once a file, across the chunks of a stream, as the reader
keeps them within one text: an entry whose key an earlier chunk used is
skipped (its lines blanked, so the others keep theirs), and one whose key
differs only in case is read with the reader's warning (its ``earlier_keys``)."""
from __future__ import annotations

import io

from ..diagnostics import Diagnostic, make
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
    return [(number, start, end, key) for number, start, end, key in found if key]


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
    return [(number, start, end, key) for number, start, end, key in found if key]


def skip_repeats(chunk: str, first_line: int, seen: SeenKeys, path: str,
                 openings: Openings | None = None) -> tuple[str, list[Diagnostic], dict]:
    """The chunk less the entries whose exact key an earlier chunk used; the
    diagnostics for them; the earlier (key, line) of keys differing in case.
    ``openings``: the chunk's block openings, if the cutting found them."""
    blocks = _blocks(chunk, openings)
    said: list[Diagnostic] = []
    pieces: list[str] = []
    kept = 0  # the chunk is kept up to here
    cased: dict[str, tuple[str, int]] = {}
    # "\r\n" where lines may end with "\r": a "\n" after one would join it
    newline = "\r\n" if "\r" in chunk else "\n"
    before = seen.earlier_all([key for _, _, _, key in blocks])
    for (first, start, end, key), earlier in zip(blocks, before, strict=True):
        if earlier is not None and earlier[0] != key:
            cased[key.lower()] = earlier
        if earlier is not None and earlier[0] == key:
            # blanked to its line breaks: the entries after it keep their lines
            pieces += (chunk[kept:start], newline * line_breaks(chunk[start:end]))
            kept = end
            said.append(make("key-duplicate", f"the key {key!r} is used again; this entry "
                             "is skipped (the first one is kept)",
                             file=path, line=first + first_line - 1, record=key))
    seen.add((key, first + first_line - 1) for (first, _, _, key), earlier in zip(
        blocks, before, strict=True) if earlier is None)
    return ("".join(pieces) + chunk[kept:] if pieces else chunk), said, cased

"""BibTeX keys once a file, across the chunks of a stream, as the reader
keeps them within one text: an entry whose key an earlier chunk used is
skipped (its lines blanked, so the others keep theirs), and one whose key
differs only in case is read with a warning."""
from __future__ import annotations

import io

from ..diagnostics import Diagnostic, Severity, make
from ..model import ReadResult
from .crossref import _KEY
from .idstore import SeenKeys
from .streams import Openings, _entry_starts, _Openings


def _blocks(chunk: str, openings: Openings | None = None) -> list[tuple[int, int, str]]:
    """(first line, last line, key) of each keyed block of the chunk, lines
    counted in the chunk.  The openings are those the cutting found
    (streams.bibtex_openings), else found as bibtex_chunks finds them, by
    searches in C; a chunk with a lone "\r" goes line by line."""
    if "\r" in chunk:
        return _blocks_by_line(chunk)
    found: list[list] = []
    for at, number in _Openings().find(chunk, []) if openings is None else openings:
        if found:
            found[-1][1] = number - 1
        end = chunk.find("\n", at)
        key = _KEY.match(chunk[at:end + 1 if end >= 0 else len(chunk)].lstrip())
        found.append([number, number, key.group(1) if key else None])
    if found:  # the last block runs to the chunk's last line
        found[-1][1] = chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
    return [(first, last, key) for first, last, key in found if key]


def _blocks_by_line(chunk: str) -> list[tuple[int, int, str]]:
    found: list[list] = []
    for number, opening, _ in _entry_starts(io.StringIO(chunk)):
        if opening is not None:
            if found:
                found[-1][1] = number - 1
            key = _KEY.match(opening.lstrip())
            found.append([number, number, key.group(1) if key else None])
        elif found:
            found[-1][1] = number
    return [(first, last, key) for first, last, key in found if key]


def skip_repeats(chunk: str, first_line: int, seen: SeenKeys, path: str,
                 openings: Openings | None = None) -> tuple[str, list[Diagnostic], dict]:
    """The chunk less the entries whose exact key an earlier chunk used; the
    diagnostics for them; the earlier (key, line) of keys differing in case.
    ``openings``: the chunk's block openings, if the cutting found them."""
    blocks = _blocks(chunk, openings)
    said: list[Diagnostic] = []
    lines: list[str] | None = None
    cased: dict[str, tuple[str, int]] = {}
    before = seen.earlier_all([key for _, _, key in blocks])
    for (first, last, key), earlier in zip(blocks, before, strict=True):
        if earlier is not None and earlier[0] != key:
            cased[key.lower()] = earlier
        if earlier is not None and earlier[0] == key:
            lines = lines or chunk.splitlines(keepends=True)
            for index in range(first - 1, last):
                lines[index] = "\n"
            said.append(make("key-duplicate", f"the key {key!r} is used again; this entry "
                             "is skipped (the first one is kept)",
                             file=path, line=first + first_line - 1, record=key))
    seen.add((key, first + first_line - 1) for (first, _, key), earlier in zip(
        blocks, before, strict=True) if earlier is None)
    return ("".join(lines) if lines else chunk), said, cased


def warn_case(result: ReadResult, cased: dict, path: str) -> ReadResult:
    """A record whose key differs only in case from an earlier chunk's."""
    for record in result.records:
        earlier = cased.get((record.id or "").lower())
        if earlier and earlier[0] != record.id:
            result.diagnostics.append(make(
                "key-duplicate", f"the key {record.id!r} differs only in case from the entry "
                f"on line {earlier[1]}; BibTeX treats them as one", severity=Severity.WARNING,
                file=path, line=record.origin.line, record=record.id))
    return result

"""BibTeX crossref and xref parents lent to the chunks that need them.

BibTeX puts a parent after its children, often at the end of the file, so
a child's chunk rarely holds its parent.  A first pass finds the keys that
are named as parents, a second keeps those entries' text (only theirs);
each chunk that names a parent it lacks gets the parent's text appended at
the parent's own line (blank lines between), so inherited fields keep the
lines a whole read gives them.  The parent is read there only to be
inherited from: its record and findings come from its own chunk."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TextIO

from ..model import ReadResult
from .streams import _entry_starts

_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")
_PARENT = re.compile(r"\b(?:crossref|xref)\s*=\s*[{\"]?\s*([^,}\"\s]+)", re.IGNORECASE)


def named_parents(text: str) -> set[str]:
    return {m.group(1).lower() for m in _PARENT.finditer(text)} if "ref" in text else set()


def defined_keys(text: str) -> set[str]:
    return {m.group(1).lower() for m in _KEY.finditer(text)}


def parents(open_text: Callable[[], TextIO]) -> dict[str, tuple[int, str]]:
    """key (case folded) -> (line, text) of every entry some entry names as
    its crossref/xref parent.  Two passes over the file; nothing else kept."""
    with open_text() as handle:
        wanted: set[str] = set()
        for line in handle:
            wanted |= named_parents(line)
    if not wanted:
        return {}
    found: dict[str, tuple[int, str]] = {}
    current: tuple[str, int, list[str]] | None = None
    with open_text() as handle:
        for number, opening, added in _entry_starts(handle):
            if opening is not None:
                if current:
                    found.setdefault(current[0], (current[1], "".join(current[2])))
                key = _KEY.match(opening.lstrip())
                folded = key.group(1).lower() if key else ""
                current = (folded, number, []) if folded in wanted else None
            if current:
                current[2].extend(added)
    if current:
        found.setdefault(current[0], (current[1], "".join(current[2])))
    return found


def lend(chunk: str, first_line: int, lent: dict[str, tuple[int, str]]
         ) -> tuple[str, set[str], int]:
    """(the chunk with the parents it lacks appended at their lines, their
    keys, the chunk's last line of its own), lines counted in the chunk."""
    last = chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
    if not lent:
        return chunk, set(), last
    lacking = sorted((lent[k] for k in named_parents(chunk) - defined_keys(chunk)
                      if k in lent), key=lambda parent: parent[0])
    if not lacking:
        return chunk, set(), last
    pieces, at = [chunk if chunk.endswith("\n") else chunk + "\n"], last + 1
    for line, text in lacking:
        line -= first_line - 1  # its line in the chunk
        pieces.append("\n" * max(line - at, 0) + text + ("" if text.endswith("\n") else "\n"))
        at = max(line, at) + text.count("\n") + (0 if text.endswith("\n") else 1)
    borrowed = defined_keys("".join(pieces[1:]))
    return "".join(pieces), borrowed, last


def returned(result: ReadResult, borrowed: set[str], last: int) -> ReadResult:
    """The chunk's own records and findings: the lent parents' go back."""
    if not borrowed:
        return result
    result.records = [r for r in result.records
                      if not ((r.id or "").lower() in borrowed and (r.origin.line or 0) > last)]
    result.diagnostics = [d for d in result.diagnostics
                          if not (d.location and d.location.line and d.location.line > last)]
    return result

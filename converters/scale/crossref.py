"""BibTeX crossref and xref parents lent to the chunks that need them.

BibTeX puts a parent after its children, often at the end of the file, so
a child's chunk rarely holds its parent.  A first pass finds the keys that
are named as parents, a second keeps those entries' text (only theirs);
each chunk that names a parent it lacks gets the parent's text appended at
the parent's own line (blank lines between), so inherited fields keep the
lines a whole read gives them.  The parent is read there only to be
inherited from: its record and findings come from its own chunk.  The
@string blocks between the chunk and a parent go with it, at their lines,
so that its values use the macros the whole read has there (defined late
in the file, after the child); the reader keeps those to the lent text
(``lent_after``)."""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import TextIO

from ..model import ReadResult
from .streams import _entry_starts, bibtex_chunks, bibtex_openings, line_breaks

# a key as the reader's splitter takes it: to the comma, blanks inside kept
# ("a b"); an entry's only: "@comment{k1, a note}" (or @preamble, @string) has none
_KEY = re.compile(r"@\s*(?!(?i:comment|preamble|string)\b)\w+\s*[{(]\s*"
                  r"([^,\s](?:[^,\r\n]*[^,\s])?)\s*,")
_STRING = re.compile(r"\s*@\s*string\s*[{(]", re.IGNORECASE)
_PARENT = re.compile(r"\b(?:crossref|xref)\s*=\s*[{\"]?\s*([^,}\"\s]+)", re.IGNORECASE)


def _may_name(text: str) -> bool:
    # a quick test before the search: crossref, xref, CROSSREF, CrossRef, XRef
    return "ref" in text or "REF" in text or "Ref" in text


def named_parents(text: str) -> set[str]:
    return {m.group(1).lower() for m in _PARENT.finditer(text)} if _may_name(text) else set()


def defined_keys(text: str) -> set[str]:
    return {m.group(1).lower() for m in _KEY.finditer(text)}


_SPELLINGS = ("ref", "REF", "Ref")


def _lines_naming(block: str):
    """The lines of ``block`` (ends "\n", "\r" or "\r\n" as the text reader
    splits them) where _may_name is true, each once; found by searching, as
    few lines do."""
    if "\r" in block:  # rare: split as the text reader does
        for line in io.StringIO(block, newline=""):
            if _may_name(line):
                yield line
        return
    starts: set[int] = set()
    for spelled in _SPELLINGS:
        at = block.find(spelled)
        while at >= 0:
            start = block.rfind("\n", 0, at) + 1
            if start not in starts:
                starts.add(start)
                end = block.find("\n", at)
                yield block[start:end + 1 if end >= 0 else len(block)]
            at = block.find(spelled, at + len(spelled))


class Parents(dict):
    """key (case folded) -> (line, text) of every entry some entry names as
    its crossref/xref parent; ``strings``: (line, text) of the file's
    @string blocks, in order, which a parent's values may use;
    ``preambles``: the macros the file's @preambles define (None: it has
    none), which every chunk's entries use, as in a whole read."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.strings: list[tuple[int, str]] = []
        self.preambles: dict | None = None
        # folded key -> (key, line, text) of each entry of that key in any
        # case, in file order, where there are several
        self.variants: dict[str, list[tuple[str, int, str]]] = {}


# a @preamble block may open here (the reader's splitter allows blanks after "@")
_PREAMBLE = re.compile(r"@\s*preamble", re.IGNORECASE)


def parents(open_text: Callable[[], TextIO]) -> Parents:
    """The file's Parents.  Two passes over the file, a third where it
    has a @preamble; nothing else kept (the @string blocks only where some
    entry names a parent)."""
    preamble = False
    with open_text() as handle:
        wanted: set[str] = set()
        for block in _pieces(handle):
            for line in _lines_naming(block):
                wanted |= named_parents(line)
            preamble = preamble or _may_hold_preamble(block)
    found = Parents()
    if preamble:
        found.preambles = preambles(open_text)
    if not wanted:
        return found
    with open_text() as handle:
        # one block a chunk, its opening found by the cutting's searches
        for start, chunk, openings in bibtex_openings(handle, 1):
            for line, block in _blocks(start, chunk, openings):
                key = _KEY.match(block.lstrip())
                folded = key.group(1).lower() if key else ""
                if folded in wanted:
                    if folded in found:  # another of its case: the whole read may choose it
                        _variant(found, folded, key.group(1), line, block)  # type: ignore[union-attr]
                    else:
                        found[folded] = (line, block)
                elif "@" in block and _STRING.match(block):
                    found.strings.append((line, block))
    return found


def _variant(found: Parents, folded: str, key: str, line: int, block: str) -> None:
    """Note an entry whose key differs only in case from a parent's (an
    exact repeat is skipped by the reader: never a parent)."""
    known = found.variants.get(folded)
    if known is None:
        first_line, first = found[folded]
        match = _KEY.match(first.lstrip())
        known = found.variants[folded] = [(match.group(1) if match else "", first_line, first)]
    if all(other != key for other, _, _ in known):
        known.append((key, line, block))


def named_exactly(text: str) -> set[str]:
    """The parents ``text`` names, as written."""
    return {m.group(1) for m in _PARENT.finditer(text)} if _may_name(text) else set()


def _chosen(lent: dict, chunk: str, named: set[str], defined: set[str], own: range
            ) -> list[tuple[int, str]]:
    """The parents the chunk lacks, as the whole read finds them
    (bibtex.inherit: the key as written, else the last of its case)."""
    variants = getattr(lent, "variants", None) or {}
    chosen = [lent[k] for k in named - defined if k in lent and k not in variants]
    if variants and named & variants.keys():
        for target in named_exactly(chunk):
            candidates = variants.get(target.lower())
            if candidates:
                _, line, text = next((c for c in candidates if c[0] == target),
                                     candidates[-1])
                if line not in own and (line, text) not in chosen:
                    chosen.append((line, text))
    return sorted(chosen, key=lambda parent: parent[0])


def preambles(open_text: Callable[[], TextIO]) -> dict:
    """The macros a file's @preambles define: its chunks (cut as the stream
    cuts them) that may hold one, read by the BibTeX reader's own rule."""
    from ..formats.bibtex.reader import preambles as defined

    with open_text() as handle:
        return defined(chunk for _, chunk in bibtex_chunks(handle)
                       if _may_hold_preamble(chunk))


def whole_file(open_text: Callable[[], TextIO]) -> dict:
    """The reader options each chunk of a file needs from all of it
    (Streamer.whole_file): its @preambles' macros, where it has any."""
    with open_text() as handle:
        if any(_may_hold_preamble(block) for block in _pieces(handle)):
            return {"preambles": preambles(open_text)}
    return {}


def _pieces(handle: TextIO) -> Iterator[str]:
    """The file in pieces of about 64 KiB, each to the end of its last line
    (small: the peak is a chunk's, not this)."""
    while block := handle.read(1 << 16):
        yield block + handle.readline()


def _may_hold_preamble(text: str) -> bool:
    return "@" in text and _PREAMBLE.search(text) is not None


def _blocks(start: int, chunk: str, openings) -> Iterator[tuple[int, str]]:
    """(line, text) of each block opened in a chunk of bibtex_openings; a
    chunk it cannot vouch for (a lone "\r") is read line by line."""
    if openings is not None:
        for index, (at, line) in enumerate(openings, 1):
            end = openings[index][0] if index < len(openings) else len(chunk)
            yield start + line - 1, chunk[at:end]
        return
    current: tuple[int, list[str]] | None = None
    for number, opening, added in _entry_starts(io.StringIO(chunk, newline="")):
        if opening is not None:
            if current:
                yield current[0], "".join(current[1])
            current = (start + number - 1, [])
        if current:
            current[1].extend(added)
    if current:
        yield current[0], "".join(current[1])


def lend(chunk: str, first_line: int, lent: dict[str, tuple[int, str]],
         breaks: int | None = None, repeated: frozenset[str] | set[str] = frozenset()
         ) -> tuple[str, set[str], int, bool]:
    """(the chunk with the parents it lacks appended at their lines, and the
    @string blocks between (``Parents.strings``), their keys, the chunk's
    last line of its own, whether the lent text starts from the file's
    first macros), lines counted in the chunk.  A parent before the chunk
    reads the macros as they stand at its line: every @string before the
    last parent is lent, read from the macros the file started with.
    ``breaks``: the chunk's line_breaks, if the caller counted them;
    ``repeated``: keys of the chunk's entries the reader skips (an earlier
    chunk has them), whose first entry a child here inherits from."""
    breaks = line_breaks(chunk) if breaks is None else breaks
    last = breaks + (0 if chunk.endswith(("\n", "\r")) else 1)
    if not lent:
        return chunk, set(), last, False
    defined = defined_keys(chunk)
    if repeated:
        defined -= {key.lower() for key in repeated}
    lacking = _chosen(lent, chunk, named_parents(chunk), defined,
                      range(first_line, first_line + last))
    if not lacking:
        return chunk, set(), last, False
    borrowed = defined_keys("".join(text for _, text in lacking))
    blocks = lacking
    strings = getattr(lent, "strings", ())
    early = lacking[0][0] < first_line  # a parent before the chunk
    if strings:  # those after the chunk's own lines (or all), before the last parent
        own_end, until = (0 if early else first_line - 1 + last), lacking[-1][0]
        blocks = sorted([*lacking, *(s for s in strings if own_end < s[0] < until)],
                        key=lambda block: block[0])
    # a "\n" after a last "\r" makes one line break of the two, as it should
    pieces, at = [chunk if chunk.endswith("\n") else chunk + "\n"], last + 1
    for line, text in blocks:
        line -= first_line - 1  # its line in the chunk
        pieces.append("\n" * max(line - at, 0) + text + ("" if text.endswith("\n") else "\n"))
        at = max(line, at) + line_breaks(text) + (0 if text.endswith(("\n", "\r")) else 1)
    return "".join(pieces), borrowed, last, early


def returned(result: ReadResult, borrowed: set[str], last: int) -> ReadResult:
    """The chunk's own records and findings: the lent parents' go back."""
    if not borrowed:
        return result
    result.records = [r for r in result.records
                      if not ((r.id or "").lower() in borrowed and (r.origin.line or 0) > last)]
    result.diagnostics = [d for d in result.diagnostics
                          if not (d.location and d.location.line and d.location.line > last)]
    return result

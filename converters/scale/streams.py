"""Streaming readers: a file cut into chunks of whole records, each chunk
read by the format's own reader, its lines put back where they were.

A splitter takes a text stream and yields ``(first line, chunk text)``; the
chunk is something the format's reader reads as it is (a run of JSON Lines,
``[`` + a run of array items + ``]``, a run of BibTeX entries).  Memory is
bounded by a chunk, never by the file.  What a splitter cannot cut (a single
JSON object, a Crossref response) goes whole to the reader, as before.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TextIO

from ..diagnostics import Diagnostic, Location
from ..model import ReadResult

Chunks = Iterator[tuple[int, str]]
BATCH = 500  # records a chunk: large enough to amortise a reader call


def shifted(result: ReadResult, by: int) -> ReadResult:
    """``result`` with every line moved down ``by`` lines (a chunk read
    alone starts at line 1; in its file it starts further on)."""
    if not by:
        return result
    for record in result.records:
        origin = record.origin
        if origin.line is not None:
            origin.line += by
        if origin.end_line is not None:
            origin.end_line += by
        origin.fields = {k: v + by for k, v in origin.fields.items()}
    result.diagnostics = [_moved(d, by) for d in result.diagnostics]
    return result


_ON_LINE = re.compile(r"\bon line (-?\d+)")  # a chunk names earlier chunks below 1


def _moved(diagnostic: Diagnostic, by: int) -> Diagnostic:
    """The diagnostic's line, and another line its message names ("the
    entry on line 12"), moved down ``by`` lines."""
    where = diagnostic.location
    if "on line " in diagnostic.message:
        diagnostic = replace(diagnostic, message=_ON_LINE.sub(
            lambda m: f"on line {int(m.group(1)) + by}", diagnostic.message))
    if where is None or where.line is None:
        return diagnostic
    return replace(diagnostic, location=Location(where.file, where.line + by, where.column,
                                                 where.pointer))


# -- CSL-JSON: JSON Lines, or an array (compact or pretty) ---------------------

def json_chunks(handle: TextIO, batch: int | None = None) -> Chunks:
    """JSON Lines in runs of ``batch`` lines; an array in runs of items;
    anything else (one object, items keyed by id, a Crossref response) whole."""
    batch = batch or BATCH
    first = _first_content_line(handle)
    if first is None:
        return
    number, line = first
    stripped = line.lstrip()
    if stripped.startswith("["):
        yield from _array_chunks(number, line, handle, batch)
    elif _is_whole_object(stripped):
        yield from _line_chunks(number, line, handle, batch)
    else:
        yield number, line + handle.read()


def _first_content_line(handle: TextIO) -> tuple[int, str] | None:
    for number, line in enumerate(handle, 1):
        if line.strip():
            return number, line.lstrip("\ufeff")
    return None


def _is_whole_object(line: str) -> bool:
    """A line that is one JSON object by itself: the first of JSON Lines."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def line_chunks(first_line: int, lines: Iterator[str], batch: int | None = None) -> Chunks:
    """JSON Lines from an iterator of lines, the first numbered ``first_line``."""
    first = next(lines, None)
    if first is not None:
        yield from _line_chunks(first_line, first, lines, batch or BATCH)


def _line_chunks(number: int, line: str, handle, batch: int) -> Chunks:
    lines, start = [line], number
    for line in handle:
        number += 1
        lines.append(line)
        if len(lines) >= batch:
            yield start, "".join(lines)
            lines, start = [], number + 1
    if lines:
        yield start, "".join(lines)


_DECODER = json.JSONDecoder()
_READ = 1 << 20  # characters read at a time
_LARGEST = 1 << 28  # an item larger than this is not waited for: the reader reports it


def _array_chunks(number: int, line: str, handle: TextIO, batch: int) -> Chunks:
    """Items of a top-level array, ``batch`` at a time, each run re-wrapped
    as ``[`` + its original text + ``]`` so that lines stay where they were.
    An item that does not decode ends the cutting: the rest goes whole to
    the reader, which reports it and reads what follows."""
    buffer = line[line.index("[") + 1:]
    line_of_buffer = number
    eof = False
    while True:
        cut, count, broken = _items(buffer, batch)
        if count and (count >= batch or eof or broken):
            yield line_of_buffer, "[" + buffer[:cut] + "]"
            line_of_buffer += buffer.count("\n", 0, cut)
            buffer = buffer[cut:].lstrip(",")
            continue
        if eof or (broken and len(buffer) > _LARGEST):
            rest = buffer.strip().rstrip("]").strip()
            if rest:
                yield line_of_buffer, "[" + buffer + handle.read()
            return
        more = handle.read(_READ + len(buffer))
        eof = not more
        buffer += more


def _items(buffer: str, batch: int) -> tuple[int, int, bool]:
    """(end of the last whole item, items, whether decoding stopped early)
    for up to ``batch`` items at the start of ``buffer``."""
    position, count, cut = 0, 0, 0
    size = len(buffer)
    while count < batch:
        while position < size and buffer[position] in " \t\r\n,":
            position += 1
        if position >= size or buffer[position] == "]":
            return cut, count, False
        try:
            _, position = _DECODER.raw_decode(buffer, position)
        except ValueError:
            return cut, count, True
        count, cut = count + 1, position
    return cut, count, False


# -- BibTeX: runs of entries ---------------------------------------------------

def _entry_starts(handle: TextIO) -> Iterator[tuple[int, str | None, list[str]]]:
    """(line, the block's first line or None, the lines it adds) for each
    line: where a block opens (``@`` where the braces so far balance; after
    a long unbalanced stretch, ``@`` at the first column) and what follows."""
    depth, stretch = 0, 0
    for number, line in enumerate(handle, 1):
        stretch += 1
        # "@" in line: a fast test that skips most lines before the real one
        if "@" in line and line.lstrip().startswith("@") and (depth <= 0 or (line[0] == "@"
                                                             and stretch > 10_000)):
            depth, stretch = 0, 0
            yield number, line, [line]
        else:
            yield number, None, [line]
        depth += line.count("{") - line.count("}")


def bibtex_chunks(handle: TextIO, batch: int | None = None) -> Chunks:
    """Runs of ``batch`` blocks, cut before a line that opens a block.  An
    unbalanced entry keeps its run open until another ``@`` starts a line at
    its first column after a long stretch (the reader reports the broken
    entry and goes on).  Crossref parents are lent by converters.scale.crossref.

    The lines are read 64 KiB at a time and the openings found there by
    _Openings (what _entry_starts finds line by line), so the text is
    scanned in C, not line by line in Python."""
    for start, chunk, _ in bibtex_openings(handle, batch):
        yield start, chunk


# (position, line) of each block opening in a chunk, both counted in the chunk
Openings = list[tuple[int, int]]


def bibtex_openings(handle: TextIO, batch: int | None = None
                    ) -> Iterator[tuple[int, str, Openings | None]]:
    """bibtex_chunks's chunks, each with the openings the cutting found in
    it, as _Openings finds them in the chunk alone (converters.scale.bibkeys
    takes them rather than looking again): a chunk starts at an opening,
    where both have the braces balanced and the stretch counted from its
    line.  None for a chunk with a lone "\r" (counted line by line)."""
    batch = batch or BATCH
    openings = _Openings()
    pending: list[str] = []
    found: Openings = []
    start, blocks, size = 1, 0, 0  # size: characters of the chunk pending
    while True:
        # whole lines: a run, then the rest of its last line (one string:
        # readlines and a join would copy it twice)
        text = handle.read(_BIBTEX_READ)
        if not text:
            break
        if text[-1] != "\n":
            text += handle.readline()
        last = 0
        for position, number in openings.find(text):
            if blocks >= batch:
                pending.append(text[last:position])
                yield start, "".join(pending), None if openings.doubtful else found
                pending, start, blocks, last, size, found = [], number, 0, position, 0, []
                openings.doubtful = openings.by_line
            blocks += 1
            found.append((size + position - last, number - start + 1))
        pending.append(text[last:])
        size += len(text) - last
    rest = "".join(pending)
    if rest:
        yield start, rest, None if openings.doubtful else found


# Characters of lines read at a time: small, since a run's lines are held
# as strings twice over (the list and its join) beside the chunk.
_BIBTEX_READ = 1 << 16
_STRETCH = 10_000  # lines after which an "@" at the first column opens a block anyway


def _line_starts_with_at(text: str) -> Iterator[int]:
    """Where each line whose first non-blank is "@" starts (the text has no
    "\r").  "@" is rare: found by searching, each checked back to its line's
    start, where a search for "\n" then blanks then "@" stops at every line."""
    at, searched = text.find("@"), 0
    while at >= 0:
        # back only to the last "@": one on this line before it means this
        # one is not first (a line of many "@" stays linear)
        newline = text.rfind("\n", searched, at)
        start = newline + 1
        if (newline >= 0 or not searched) and (start == at or text[start:at].isspace()):
            yield start
        searched = at
        at = text.find("@", at + 1)


class _Openings:
    """_entry_starts's rule over runs of whole lines: an ``@`` first on a
    line opens a block where the braces since the last opening balance, or
    at the first column after a long stretch; state kept from run to run."""

    def __init__(self) -> None:
        self.depth = 0  # braces since the last opening, to the end of the last run
        self.lines = 0  # lines read in earlier runs
        self.opened = 0  # the line of the last opening (0: none yet)
        # A run read line by line since ``doubtful`` was last cleared
        # (bibtex_openings hands on no openings for that chunk)
        self.doubtful = False
        self.by_line = False  # the last run was read line by line

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """(position in ``text``, line number) of each opening; ``text``
        is whole lines."""
        self.by_line = "\r" in text
        if self.by_line:  # lines may end with "\r" alone: count them one by one
            self.doubtful = True
            yield from self._by_line(io.StringIO(text, newline="").readlines())
            return
        depth, position, line = self.depth, 0, self.lines + 1
        for at in _line_starts_with_at(text):
            depth += text.count("{", position, at) - text.count("}", position, at)
            line += text.count("\n", position, at)
            position = at
            if depth <= 0 or (text[at] == "@" and line - self.opened > _STRETCH):
                depth, self.opened = 0, line
                yield at, line
        self.depth = depth + text.count("{", position) - text.count("}", position)
        self.lines = line - 1 + text.count("\n", position)

    def _by_line(self, lines: list[str]) -> Iterator[tuple[int, int]]:
        """find for lines that may end with "\\r" alone."""
        position = 0
        for line in lines:
            self.lines += 1
            if "@" in line and line.lstrip().startswith("@") and (self.depth <= 0 or (
                    line[0] == "@" and self.lines - self.opened > _STRETCH)):
                self.depth, self.opened = 0, self.lines
                yield position, self.lines
            self.depth += line.count("{") - line.count("}")
            position += len(line)


# -- writers: one output from many batches -------------------------------------

@dataclass(frozen=True)
class Frame:
    """How a writer's outputs for consecutive batches make one file: each
    batch's text less ``cut`` characters at each end, ``separator`` between,
    ``head``/``tail`` around, ``empty`` when there was no record at all."""

    head: str = ""
    separator: str = ""
    tail: str = ""
    empty: str = ""
    cut: tuple[int, int] = (0, 0)
    # Where the joined output names each record's id: ``ids`` matches a body
    # line holding one (group 1 the id as written, bytes), ``id_text`` is how
    # the writer writes a record id there.  Declaring ``id_text`` says the ids
    # are the records' own: the join gives them as a whole run would
    # (converters.scale.shards.assemble).  Without it, ``ids`` alone are ids
    # of the writer's own form (JATS's XML ids), kept unique at the join.
    ids: re.Pattern | None = None
    id_text: Callable[[str], str] | None = None
    # The writer also keeps the written ids unique (``id_text`` may make two
    # ids one: BibTeX's cleaned keys), so the join claims them again.
    unique_text: bool = False
    # What a record writes on its id line in place of its id, if anything
    # (an EndNote record's own label): that line is the record's, never renamed.
    own_line: Callable[[dict], str | None] | None = None
    # The line that ends a record, where a record may hold more lines like
    # its id line (a RIS record's second ID): after a record's id line, none
    # is taken for the next record's before this one.
    record_end: re.Pattern | None = None
    # What the writer says of a record's id as written (``unique_text``):
    # (the record's id, its text as written, file, line) -> the findings, and
    # their codes.  Where the join changes a record's id or its text, it says
    # these in place of the part's own, where the writer says them.
    id_said: Callable[[str, str, str | None, int | None], list] | None = None
    id_codes: frozenset = frozenset()
    # The file-level blocks (@string, @preamble...) of all the inputs, merged,
    # as the writer writes them once before every record (a whole run's
    # place for them); None: the writer puts none there.
    blocks: Callable[[dict], str] | None = None

    def body(self, text: str) -> str:
        start, end = self.cut
        return text[start:len(text) - end]

    def byte_cut(self, text: str, size: int) -> tuple[int, int]:
        """Where ``body`` is in ``text`` encoded as UTF-8 (``size`` bytes):
        (start, end); end <= start for no body."""
        start, end = self.cut
        return (len(text[:start].encode("utf-8")),
                size - len(text[len(text) - end:].encode("utf-8")) if end else size)


@dataclass(frozen=True)
class Streamer:
    """What a format declares to be streamed (``Format.streamer``): how its
    input is cut into chunks, and how its writer's batches join."""

    chunks: Callable[..., Chunks]
    frame: Callable[[dict], Frame] = lambda options: Frame()
    # Record ids are keys the reader keeps once a file (BibTeX): a key seen
    # in an earlier chunk is skipped, or warned about when only its case differs.
    keys_once: bool = False
    # Entries name parents (crossref, xref) a chunk is lent (converters.scale.crossref).
    lends_parents: bool = False
    # Batches of the format's writer can be joined into one output (JATS's cannot).
    writes: bool = True
    # The chunks with their block openings as the cutting found them, or
    # None where it cannot vouch for them (bibtex_openings); for keys_once.
    openings: Callable[..., Iterator[tuple[int, str, Openings | None]]] | None = None
    # The blocks of a chunk that define what the next inputs of a run share
    # (Format.shared_options: BibTeX's @string and @preamble), as text the
    # reader reads; "" for none (converters.scale.carried).
    defines: Callable[[str], str] | None = None
    # The reader options every chunk of a file needs from all of it, found by
    # passes over the file before its chunks are read (BibTeX's @preamble
    # macros, which LaTeX defines for the whole bibliography): the file's
    # opener -> options.  (A chunk's own reading finds them with the parents
    # it is lent: converters.scale.crossref.)
    whole_file: Callable[[Callable[[], TextIO]], dict] | None = None

    def __call__(self, handle: TextIO, batch: int | None = None) -> Chunks:
        return self.chunks(handle, batch)

    def with_openings(self, handle: TextIO, batch: int | None = None
                      ) -> Iterator[tuple[int, str, Openings | None]]:
        """(first line, chunk, its openings or None) of each chunk."""
        if self.openings is not None:
            return self.openings(handle, batch)
        return ((start, chunk, None) for start, chunk in self.chunks(handle, batch))


def _json_id(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


# the writer puts "id" first in an item (csljson._FIRST)
_JSON_ID = rb'"id": "((?:[^"\\]|\\.)*)"'


def _csljson_frame(options: dict) -> Frame:
    # json.dumps(items, indent=2): "[\n  {...},\n  {...}\n]\n"
    if options.get("lines"):
        return Frame(ids=re.compile(rb"\{" + _JSON_ID), id_text=_json_id)
    return Frame("[\n", ",\n", "\n]\n", "[]\n", (2, 3), ids=re.compile(rb"    " + _JSON_ID),
                 id_text=_json_id)


def _bibtex_key(value: str) -> str:
    # the writer's own cleaning of a key (bibtex.writer._key)
    from ..formats.bibtex.writer import clean_key

    return clean_key(value)


def _bibtex_frame(options: dict) -> Frame:
    # an entry's first line, "@book{key,"; not a @comment, @preamble or @string block
    ids = re.compile(rb"@(?!(?i:comment|preamble|string)\{)[A-Za-z]+\{([^,\s{}]*),\r?\n")
    from ..formats.bibtex.writer import KEY_CODES, key_findings

    return Frame(separator="\n", ids=ids, id_text=_bibtex_key, unique_text=True,
                 id_said=key_findings, id_codes=KEY_CODES, blocks=_bibtex_blocks)


def _bibtex_blocks(meta: dict) -> str:
    from ..formats.bibtex.writer import file_blocks

    blocks = file_blocks(meta)
    return "\n\n".join(blocks) + "\n" if blocks else ""


# a line opening a @string or @preamble block, and any line opening a block
_DEFINING = re.compile(r"^[ \t]*@[ \t]*(?:string|preamble)[ \t\r\n]*[{(]",
                       re.IGNORECASE | re.MULTILINE)
_ANY_BLOCK = re.compile(r"[\r\n][ \t]*@")
# such a block opened anywhere: after an entry on its line, or in a value
_DEFINING_ANYWHERE = re.compile(r"@[ \t]*(?:string|preamble)[ \t\r\n]*[{(]", re.IGNORECASE)


def _bibtex_defines(chunk: str) -> str:
    """The chunk's @string and @preamble blocks, each to the next line that
    starts with "@" (a value holding such a line is cut short: rare).  Where
    one may open after other text on its line ("...} @string{jn = ...}", which
    the reader takes as a block), the whole chunk: the reader finds them."""
    if "@" not in chunk:
        return ""
    spelled = chunk.replace("\r", "\n") if "\r" in chunk else chunk
    if (len(_DEFINING_ANYWHERE.findall(spelled))
            != sum(1 for _ in _DEFINING.finditer(spelled))):
        return chunk
    pieces = []
    for found in _DEFINING.finditer(spelled):
        end = _ANY_BLOCK.search(chunk, found.end())
        pieces.append(chunk[found.start():end.start() if end else len(chunk)])
    return "\n".join(pieces)


def line_breaks(text: str) -> int:
    """The lines ``text`` ends, as the text reader splits them: at "\n",
    "\r\n" and a lone "\r" (the BibTeX reader counts them so: newlines)."""
    count = text.count("\n")
    return count + text.count("\r") - text.count("\r\n") if "\r" in text else count


CSLJSON = Streamer(json_chunks, _csljson_frame)
def _bibtex_whole_file(open_text: Callable[[], TextIO]) -> dict:
    from .crossref import whole_file

    return whole_file(open_text)


BIBTEX = Streamer(bibtex_chunks, _bibtex_frame, keys_once=True, lends_parents=True,
                  openings=bibtex_openings, defines=_bibtex_defines,
                  whole_file=_bibtex_whole_file)

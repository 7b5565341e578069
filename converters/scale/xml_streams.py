"""XML cut into chunks of whole elements, each chunk a well-formed document
the format's own reader reads as it reads a whole file.

Why cut the text rather than iterparse: a streamer (converters.scale.streams)
hands text chunks to the format's reader, so each chunk goes through the
same safe parser (converters.xmlsafe: entities, no DTD, no network,
recovery after a break) and the same mapping as a whole file; the output
cannot drift from the whole-file path.  lxml's iterparse gives no byte
offsets to cut at and stops at the first error, where a cut keeps a broken
record inside its own chunk.

The cutter reads the tags, not the text between them (comments, CDATA,
processing instructions and quoted attribute values are skipped whole), and
keeps the start tags of the open elements.  A chunk ends right after a
record element closes (``</ref>``, ``</article>``); the next opens with the
DOCTYPE and those start tags on one line of their own, then the spaces
that put its first character at its own column, so every line and column
the reader reports is the file's once the chunk is moved down.  A record
element of ``skip`` holds no other record: the cutter jumps to its end tag.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from .streams import Chunks, Frame, Streamer

_READ = 1 << 20  # characters read at a time
_CHUNK_CHARS = 1 << 20  # a chunk ends at the first record end past this size (~15 MB of tree)
_LARGEST = 1 << 26  # a tag or a record not closed within this many characters: stop cutting
_PAD = 4096  # a column further right than this is not padded to (minified XML)

_MARKUP = re.compile(r"""<(?:
    !--.*?-->
  | !\[CDATA\[.*?\]\]>
  | \?.*?\?>
  | (?P<doctype>!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)
  | /(?P<end>[^\s>]+)\s*>
  | (?P<start>[^\s/>!?][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>
  | ![^>]*>
)""", re.S | re.X)
_CLOSE_REST = re.compile(r"\s*>")


class XmlChunk(str):
    """A chunk's text, with what its reader shares with the other chunks of
    the file: ``ids``, the id allocator (ids unique across the file as in
    a whole read), and ``part``: the text is part of a file, so what a
    reader decides about a whole document (no references: read the front
    matter) is not decided here."""

    ids: Any = None
    part: bool = False
    first_line: int = 1  # the file's line of the chunk's first line
    # where each record but the last ends (see _Run)
    ends: list[tuple[int, str, str, int]] | None = None


def _chunk(text: str, ids, part: bool) -> XmlChunk:
    chunk = XmlChunk(text)
    chunk.ids, chunk.part = ids, part
    return chunk


def _local(qname: str) -> str:
    return qname.rsplit(":", 1)[-1]


def _flat(tag: str) -> str:
    """A start tag or DOCTYPE on one line (an attribute value's line breaks
    are spaces to XML anyway)."""
    return tag.replace("\r", " ").replace("\n", " ")


@dataclass
class _Cutter:
    handle: TextIO
    records: frozenset[str]
    skip: frozenset[str]
    buf: str = ""
    pos: int = 0
    eof: bool = False
    line: int = 1  # the file's line at buf[counted]
    column: int = 0  # the column at buf[counted]
    counted: int = 0
    stack: list[tuple[str, str, str]] = field(default_factory=list)  # (qname, local, tag)
    doctype: str = ""

    def more(self) -> bool:
        piece = self.handle.read(_READ)
        self.eof = not piece
        self.buf += piece
        return bool(piece)

    def close_of(self, qname: str) -> int | None:
        """Where the end tag of the ``qname`` element opened before ``pos``
        ends (not one inside a comment or CDATA section)."""
        target, at = "</" + qname, self.pos
        while True:
            found = self.buf.find(target, at)
            hidden = self._hidden(found) if found >= 0 else None
            rest = _CLOSE_REST.match(self.buf, found + len(target)) if found >= 0 else None
            if found >= 0 and hidden is not None and hidden >= 0:
                at = hidden
            elif found >= 0 and hidden is None and rest:
                return rest.end()
            elif found >= 0 and hidden is None and (
                    found + len(target) + 256 < len(self.buf) or self.eof):
                at = found + 1  # </ref-list, </reference ...
            elif self.eof or len(self.buf) - self.pos > _LARGEST:
                return None
            else:
                at = at if found >= 0 else max(self.pos, len(self.buf) - len(target))
                self.more()

    def _hidden(self, found: int) -> int | None:
        """None when ``found`` is markup; else the end of the comment or
        CDATA section that holds it (-1: not read yet)."""
        for opening, closing in (("<![CDATA[", "]]>"), ("<!--", "-->")):
            at = self.buf.rfind(opening, self.pos, found)
            if at >= 0 and self.buf.find(closing, at, found) < 0:
                end = self.buf.find(closing, found)
                return end + len(closing) if end >= 0 else -1
        return None

    def step(self) -> bool | None:
        """Read the next construct: True when a record element just ended,
        False otherwise, None at the end of the input (or where the input
        can no longer be cut)."""
        start = self.buf.find("<", self.pos)
        while start < 0:
            self.pos = len(self.buf)
            if not self.more():
                return None
            start = self.buf.find("<", self.pos)
        found = _MARKUP.match(self.buf, start)
        if found is None:
            if not self.eof and len(self.buf) - start < _LARGEST:
                self.pos = start
                self.more()
                return False
            self.pos = start + 1  # a stray "<": the reader reports it
            return False
        self.pos = found.end()
        return self._construct(found)

    def _construct(self, found: re.Match) -> bool | None:
        qname = found.group("start")
        if qname is not None:
            name = _local(qname)
            if found.group(0).endswith("/>"):
                return self._ended(name)
            if name in self.skip:
                end = self.close_of(qname)
                if end is None:
                    return None
                self.pos = end
                return self._ended(name)
            self.stack.append((qname, name, _flat(found.group(0))))
            return False
        qname = found.group("end")
        if qname is not None:
            names = [q for q, _, _ in self.stack]
            if qname in names:
                del self.stack[len(names) - 1 - names[::-1].index(qname):]
            return self._ended(_local(qname))
        if found.group("doctype") and not self.stack:
            self.doctype = _flat(found.group(0))
        return False

    def _ended(self, name: str) -> bool:
        return name in self.records and all(n != name for _, n, _ in self.stack)

    def at(self) -> tuple[int, int]:
        """The file's (line, column) at ``pos``, counted on from the last call."""
        text = self.buf[self.counted:self.pos]
        breaks = text.count("\n")
        self.column = (self.column + len(text)) if not breaks else \
            len(text) - text.rfind("\n") - 1
        self.line += breaks
        self.counted = self.pos
        return self.line, self.column

    def opening(self, line: int, column: int) -> tuple[str, int]:
        """What opens a text that starts at (line, column) with the open
        elements as they are: the DOCTYPE and their start tags on a line
        of their own, spaces up to the column; and the file's line of that
        text's first line."""
        opening = self.doctype + "".join(tag for _, _, tag in self.stack)
        if line > 1 and column <= _PAD:
            return opening + "\n" + " " * column, line - 1
        return opening, line

    def closes(self) -> str:
        return "".join(f"</{q}>" for q, _, _ in reversed(self.stack))

    def drop(self) -> str:
        """The text read up to ``pos``, taken out of the buffer."""
        text, self.buf = self.buf[:self.pos], self.buf[self.pos:]
        self.counted -= self.pos
        self.pos = 0
        return text


@dataclass
class _Run:
    """The chunk being gathered: its opening, its first line, and where each
    of its records ends (offset in its text, what closes the text there,
    what opens the text after it, that text's first line)."""

    head: str = ""
    first_line: int = 1
    ends: list[tuple[int, str, str, int]] = field(default_factory=list)

    def chunk(self, text: str, closes: str, ids) -> XmlChunk:
        chunk = _chunk(self.head + text + closes, ids, ids is not None)
        chunk.first_line = self.first_line
        chunk.ends = [(len(self.head) + at, closes, after, line)
                      for at, closes, after, line in self.ends]
        return chunk


def element_chunks(handle: TextIO, records: frozenset[str], skip: frozenset[str],
                   batch: int, ids_factory: Callable[[], Any]) -> Chunks:
    """(first line, chunk) for runs of ``batch`` record elements (by local
    name; one that another record element of its name holds is part of it)
    or of about _CHUNK_CHARS characters; the whole input as one chunk when
    it holds no more than that."""
    cutter = _Cutter(handle, records, skip)
    run, ids = _Run(), None
    try:
        while (ended := cutter.step()) is not None:
            if not ended or not cutter.stack:
                continue
            after = cutter.opening(*cutter.at())
            run.ends.append((cutter.pos, cutter.closes(), *after))
            if len(run.ends) >= batch or cutter.pos >= _CHUNK_CHARS:
                ids = ids or ids_factory()
                closes = run.ends[-1][1]
                run.ends.pop()  # the chunk's own end
                yield run.first_line, run.chunk(cutter.drop(), closes, ids)
                run = _Run(*after)
        while cutter.more():
            pass
        cutter.pos = len(cutter.buf)
        yield run.first_line, run.chunk(cutter.drop(), "", ids)
    finally:
        if ids is not None and hasattr(ids, "close"):
            ids.close()


def pieces(chunk: str) -> list[tuple[int, XmlChunk]]:
    """A cut chunk as one document a record (lines moved by the first
    number to be the chunk's): what a reader falls back to when the chunk
    does not parse, so that a broken record costs only itself."""
    if not isinstance(chunk, XmlChunk) or not chunk.ends or not chunk.part:
        return []
    found: list[tuple[int, XmlChunk]] = []
    start, head, first = 0, "", chunk.first_line
    for at, closes, after, line in [*chunk.ends, (len(chunk), "", "", 0)]:
        piece = _chunk(head + chunk[start:at] + closes, chunk.ids, True)
        found.append((first - chunk.first_line, piece))
        start, head, first = at, after, line
    return found


def _not_written(options: dict) -> Frame:
    from ..registry import FormatError

    raise FormatError("this format is read in streams but not written in streams; "
                      "drop --stream/--jobs/--scheduler")


@dataclass(frozen=True)
class ReadOnlyStreamer(Streamer):
    """A format read in streams whose writer makes one document that
    batches cannot be joined into: asking for its frame is an error the
    command line reports (``writes`` says so up front)."""

    frame: Callable[[dict], Frame] = _not_written
    writes: bool = False


def stream_ids():
    """Ids taken across the chunks of one file, on disk (a million ids cost
    no memory), by IdAllocator's rule."""
    from .idstore import StreamIds

    return StreamIds()


def xml_streamer(records: tuple[str, ...], skip: tuple[str, ...],
                 frame: Callable[[dict], Frame] | None = None) -> Streamer:
    """The streamer of an XML format whose records are the elements named
    ``records`` (local names); written in streams when ``frame`` says how
    the writer's batches join, else read only."""
    wanted, jumped = frozenset(records), frozenset(skip)

    def chunks(handle: TextIO, batch: int | None = None) -> Iterator[tuple[int, str]]:
        from . import streams

        return element_chunks(handle, wanted, jumped, batch or streams.BATCH, stream_ids)

    return ReadOnlyStreamer(chunks) if frame is None else Streamer(chunks, frame)


def reread_in_pieces(reader: Callable, text: str, source: str | None, diagnostics: list,
                     **options):
    """When a cut chunk did not parse (``diagnostics``): its records read one
    document each, so that libxml2's recovery, which loses what follows a
    break, loses nothing beyond the broken record; else None."""
    from ..model import ReadResult
    from .streams import shifted

    if not any(d.code == "syntax-error" for d in diagnostics):
        return None
    parts = pieces(text)
    if len(parts) < 2:
        return None
    result = ReadResult()
    for by, piece in parts:
        got = shifted(reader(piece, source, **options), by)
        result.records.extend(got.records)
        result.diagnostics.extend(got.diagnostics)
    return result


def read_again(reader: Callable, text: str, source: str | None, diagnostics: list,
               records: frozenset[str], **options):
    """A document that does not parse, read a record element (``records``)
    at a time, since libxml2's recovery garbles what follows a break: a
    streamed chunk by its own cuts, a whole file cut as the streamer cuts it
    (the same records, lines and findings either way); None when it parsed,
    or cannot be cut."""
    if getattr(text, "part", False):
        return reread_in_pieces(reader, text, source, diagnostics, **options)
    if not any(d.code == "syntax-error" for d in diagnostics):
        return None
    return _read_cut(reader, text, source, records, records, 1, **options)


# libxml2 keeps an element's line in 16 bits: past this line it guesses
# from the element's first text (a line or more late), or says 65535.
LINE_LIMIT = 65535


def read_long(reader: Callable, text: str, source: str | None, records: frozenset[str],
              skip: frozenset[str], **options):
    """A whole document longer than libxml2 numbers lines (LINE_LIMIT) read
    as the streamer reads it, in chunks of whole records each far shorter,
    whose lines are exact once moved down; None for a shorter document, a
    chunk, or one that cannot be cut."""
    if getattr(text, "part", False) or text.count("\n") < LINE_LIMIT - 1:
        return None
    from . import streams

    return _read_cut(reader, text, source, records, skip, streams.BATCH, **options)


def _read_cut(reader: Callable, text: str, source: str | None, records: frozenset[str],
              skip: frozenset[str], batch: int, **options):
    from ..ids import IdAllocator
    from ..model import ReadResult
    from .streams import shifted

    chunks = list(element_chunks(io.StringIO(str(text)), records, skip, batch, IdAllocator))
    if len(chunks) < 2:
        return None
    result = ReadResult()
    empty: list = []
    for first_line, chunk in chunks:
        got = shifted(reader(chunk, source, **options), first_line - 1)
        result.records.extend(got.records)
        # a chunk of no record (the end of the document) is not an empty
        # input: said once, when no chunk held one (as converters.scale.reading)
        empty.extend(d for d in got.diagnostics if d.code == "input-empty")
        result.diagnostics.extend(d for d in got.diagnostics if d.code != "input-empty")
    if not result.records:
        result.diagnostics.extend(empty[:1])
    return result

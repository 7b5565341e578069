"""RIS read as a stream (converters.scale.streams.Streamer): the file cut
after the ``ER  -`` lines that end records, ``batch`` records a chunk.

Two facts belong to the file, not to a chunk, and ride on each chunk so
that the reader gives what it gives the whole file: whether the file is a
ProCite / Reference Manager export (said by the file's head), and the ids
already handed out (a record with no ID, or a repeated one, gets -2, -3 ...
after the records of earlier chunks, as it would in one text).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from .dialect import PROCITE_WINDOW, is_procite
from .tags import tag_line


@dataclass
class FileState:
    ids: Any  # claim(wanted) -> str: IdAllocator's rule over the whole file
    procite: bool = False


class FileChunk(str):
    """A chunk of whole records and the state of the file it was cut from."""

    file: FileState

    def __new__(cls, text: str, file: FileState) -> FileChunk:
        chunk = super().__new__(cls, text)
        chunk.file = file
        return chunk


def file_state(text: str) -> FileState | None:
    """The file's state when ``text`` is a chunk of a stream, else None."""
    return text.file if isinstance(text, FileChunk) else None


def _cuts(handle: TextIO, batch: int) -> Iterator[tuple[int, str]]:
    """(first line, text) of runs of ``batch`` records, cut after an ER line
    that ends a record (as the reader sees records: TY opens one, ER closes
    it; a record without ER stays with the one that follows)."""
    lines: list[str] = []
    start, records, inside = 1, 0, False
    for number, line in enumerate(handle, 1):
        lines.append(line)
        tag, _ = tag_line(line.replace("\ufeff", "").rstrip("\r\n"))
        if not inside:
            inside = tag == "TY"
            continue
        if tag != "ER":
            continue
        inside, records = False, records + 1
        if records >= batch:
            yield start, "".join(lines)
            lines, start, records = [], number + 1, 0
    if lines:
        yield start, "".join(lines)


def ris_chunks(handle: TextIO, batch: int | None = None) -> Iterator[tuple[int, str]]:
    from ...scale import streams
    from ...scale.idstore import StreamIds

    state = FileState(StreamIds())
    try:
        cuts = _cuts(handle, batch or streams.BATCH)
        # the chunks that hold the file's head wait until it is known
        waiting, held = [], 0
        for first, text in cuts:
            waiting.append((first, text))
            held += len(text)
            if held >= PROCITE_WINDOW:
                break
        state.procite = is_procite("".join(text for _, text in waiting))
        for first, text in waiting:
            yield first, FileChunk(text, state)
        for first, text in cuts:
            yield first, FileChunk(text, state)
    finally:
        state.ids.close()


def _id_text(value: str) -> str:
    from .values import one_line

    return one_line(value)


def _streamer():
    import re

    from ...scale.streams import Frame, Streamer

    # rispy separates records by a blank line; a batch ends with its last "ER  - \n";
    # a record's id is its one "ID" line
    ids = re.compile(rb"ID  - (.*?)\r?\n")
    end = re.compile(rb"ER  -")
    return Streamer(ris_chunks, lambda options: Frame(separator="\n", ids=ids,
                                                      id_text=_id_text, record_end=end))


STREAMER = _streamer()

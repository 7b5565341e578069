"""Record ids across the parts joined into one output (several inputs, or
the byte ranges of one), given as a whole run gives them.

A whole run makes ids unique over every record of every input, in input
order (api.unique_ids).  A part is written alone, so its shard makes its ids
unique within the part and notes, record by record, the id it wanted, the
one it wrote and where the record was read (a file beside the part).  The
join claims the wanted ids again over the whole output, in order, rewrites
an id line whose id the whole run would have renamed otherwise (the
format's Frame says which lines name ids and how an id is written there),
and reports each renaming as the whole run does."""
from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, make

_BATCH = 500  # records whose ids are claimed together


def notes_path(part: str) -> str:
    return part + ".ids"


class IdNotes:
    """A part's records, in writing order: (wanted id, written id, file, line)."""

    def __init__(self, part: str):
        self.handle = open(notes_path(part), "w", encoding="utf-8")  # noqa: SIM115

    def add(self, wanted: str, got: str, file: str | None, line: int | None) -> None:
        self.handle.write(json.dumps([wanted, got, file, line], ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.handle.close()


def renamed(wanted: str, got: str, file: str | None, line: int | None) -> Diagnostic:
    """The whole run's finding (api.unique_ids)."""
    return make("id-duplicate", f"id {wanted!r} is used by an earlier record; renamed {got!r}",
                file=file, line=line, record=got, pointer="/id")


class JoinedRecordIds:
    """The wanted ids of the parts joined so far, claimed in order."""

    def __init__(self, frame):
        from .idstore import StreamIds

        self.pattern, self.text = frame.ids, frame.id_text
        self.ids = StreamIds()
        self.found: list[Diagnostic] = []

    def copy(self, path: str, part, out) -> None:
        """``part`` onto ``out``, each id line as the whole run writes it;
        the ids claimed a batch of records at a time."""
        try:
            notes = open(notes_path(path), encoding="utf-8")  # noqa: SIM115
        except OSError:  # a part no shard noted: copied as it is
            out.write(part.read())
            return
        with notes:
            lines: list[bytes] = []
            held: list[tuple[int, Any, list]] = []  # (line index, match, note)
            for line in part:
                match = self.pattern.match(line)
                note = notes.readline() if match else ""
                if note:  # (more id lines than records: the rest left as written)
                    held.append((len(lines), match, json.loads(note)))
                lines.append(line)
                if len(held) >= _BATCH:
                    self._flush(lines, held, out)
                    lines, held = [], []
            self._flush(lines, held, out)

    def _flush(self, lines: list[bytes], held: list, out) -> None:
        given = self.ids.claim_all([note[0] for _, _, note in held])
        for (at, match, (wanted, written, file, number)), got in zip(held, given, strict=True):
            if got != wanted:
                self.found.append(renamed(wanted, got, file, number))
            # a line that holds something else (an EndNote record's own label) stays
            if got != written and match.group(1) == self.text(written).encode("utf-8"):
                line = lines[at]
                lines[at] = (line[:match.start(1)] + self.text(got).encode("utf-8")
                             + line[match.end(1):])
        out.write(b"".join(lines))

    def close(self) -> None:
        self.ids.close()


def remove_notes(part: str) -> None:
    import os

    try:
        os.unlink(notes_path(part))
    except OSError:
        pass

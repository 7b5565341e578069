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
from itertools import islice

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
        self.first = True  # no part joined yet: a part's own ids are the output's

    def copy(self, path: str, part, out) -> None:
        """``part`` onto ``out``, each id as the whole run writes it.  The
        ids are claimed from the notes alone; the text is read line by line
        only when one of its ids must change (copied as it is otherwise)."""
        import shutil

        try:
            notes = open(notes_path(path), encoding="utf-8")  # noqa: SIM115
        except OSError:  # a part no shard noted: copied as it is
            shutil.copyfileobj(part, out, 1 << 20)
            return
        with notes:
            renames = self._claimed(notes)
        if renames:
            self._rewrite(part, out, renames)
        else:
            shutil.copyfileobj(part, out, 1 << 20)

    def _claimed(self, notes) -> dict[int, tuple[str, str]]:
        """The part's records claimed in order: {its record's number:
        (id written, id given)} where they differ; findings as the whole run's."""
        renames: dict[int, tuple[str, str]] = {}
        number = 0
        while True:
            batch = [json.loads(line) for line in islice(notes, _BATCH)]
            if not batch:
                break
            if self.first:  # the first part's ids are claimed as its shard claimed them
                given = [written for _, written, _, _ in batch]
                self.ids.take_all(given)
            else:
                given = self.ids.claim_all([wanted for wanted, _, _, _ in batch])
            for (wanted, written, file, line), got in zip(batch, given, strict=True):
                if got != wanted:
                    self.found.append(renamed(wanted, got, file, line))
                if got != written:
                    renames[number] = (written, got)
                number += 1
        self.first = False
        return renames

    def _rewrite(self, part, out, renames: dict[int, tuple[str, str]]) -> None:
        number = 0
        for line in part:
            match = self.pattern.match(line)
            if match:
                change = renames.get(number)
                number += 1
                # a line that holds something else (an EndNote record's own label) stays
                if change and match.group(1) == self.text(change[0]).encode("utf-8"):
                    line = (line[:match.start(1)] + self.text(change[1]).encode("utf-8")
                            + line[match.end(1):])
            out.write(line)

    def close(self) -> None:
        self.ids.close()


def remove_notes(part: str) -> None:
    import os

    try:
        os.unlink(notes_path(part))
    except OSError:
        pass

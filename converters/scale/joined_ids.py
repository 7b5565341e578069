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

import marshal
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, make

_BATCH = 500  # records whose ids are claimed together


def notes_path(part: str) -> str:
    return part + ".ids"


class IdNotes:
    """A part's records, in writing order: (wanted id, written id, file, line,
    own).  Held a batch at a time, each batch written with marshal (only
    tuples, str, int and None: no import, no JSON line a record, which
    cost a tenth of a streamed BibTeX conversion's overhead)."""

    def __init__(self, part: str):
        self.handle = open(notes_path(part), "wb")  # noqa: SIM115
        self.held: list[tuple] = []

    def add(self, wanted: str, got: str, file: str | None, line: int | None,
            own: str | None = None) -> None:
        """``own``: what the record writes on its id line instead of its id."""
        self.held.append((wanted, got, file, line, own))
        if len(self.held) >= _BATCH:
            self._spill()

    def _spill(self) -> None:
        if self.held:
            data = marshal.dumps(self.held)
            self.handle.write(len(data).to_bytes(8, "little") + data)
            self.held = []

    def close(self) -> None:
        self._spill()
        self.handle.close()


def _batches(handle) -> Iterator[list[tuple]]:
    """The notes of a part (IdNotes), a batch at a time; written by this
    run's own shards, in its own folder.  Each batch comes with its length:
    marshal.load on a file reads it object by object, 15 times slower."""
    while head := handle.read(8):
        yield marshal.loads(handle.read(int.from_bytes(head, "little")))


class AsWritten:
    """The written-id store of a part whose join claims the written ids
    (``Frame.unique_text``): each kept as it is, the join renames repeats."""

    def claim(self, wanted: str) -> str:
        return wanted

    claim_suffixed = claim

    def close(self) -> None:
        pass


def renamed(wanted: str, got: str, file: str | None, line: int | None) -> Diagnostic:
    """The whole run's finding (api.unique_ids)."""
    return make("id-duplicate", f"id {wanted!r} is used by an earlier record; renamed {got!r}",
                file=file, line=line, record=got, pointer="/id")


class Renamings(dict):
    """A part's record ids as written -> as joined; ``said``: by record id
    as written, (its line, the writer's findings about its id as a whole
    write says them: Frame.id_said, its number in the part), for each
    record whose id or written text the join changed; they take the place
    of the part's own findings of ``codes`` for it, in its place among the
    part's (converters.scale.plan.Run.written).  ``numbers``: the number of
    each record on a line of one of those, where lines cannot place them."""

    def __init__(self, codes: frozenset = frozenset()) -> None:
        super().__init__()
        self.codes = codes
        self.said: dict[str, tuple[int | None, list[Diagnostic], int]] = {}
        self.numbers: dict[str, int] = {}


class JoinedIds:
    """The ids of the parts joined so far, claimed in order, by the frame's
    rule: record ids (``Frame.id_text``) as a whole run gives them, from the
    parts' notes; else ids of the writer's own form (JATS's XML ids), each
    line the frame's pattern matches claimed (IdAllocator's rule) as it
    comes, a repeat renamed -2, -3 ..."""

    def __init__(self, frame):
        from .idstore import StreamIds

        self.pattern, self.text, self.end = frame.ids, frame.id_text, frame.record_end
        self.said, self.codes = getattr(frame, "id_said", None), getattr(frame, "id_codes", ())
        self.ids = StreamIds()
        self.source: str | None = None  # the input the part being joined came from
        # A writer that keeps its written ids unique too (BibTeX: keys once
        # cleaned may meet) has them claimed again, as its whole write does.
        self.keys = StreamIds() if frame.unique_text else None
        self.found: list[Diagnostic] = []
        # by part: the ids its records were written with -> as joined
        self.renamed: dict[str, Renamings] = {}
        self.path = ""  # the part being joined
        self.first = True  # no part joined yet: a part's own ids are the output's

    def copy(self, path: str, part, out) -> None:
        """``part`` onto ``out``, each id as the whole run writes it.  The
        ids are claimed from the notes alone; the text is read line by line
        only when one of its ids must change (copied as it is otherwise)."""
        import shutil

        self.path = path
        if self.text is None:
            self._claim_lines(part, out)
            return
        try:
            notes = open(notes_path(path), "rb")  # noqa: SIM115
        except OSError:  # a part no shard noted: copied as it is
            shutil.copyfileobj(part, out, 1 << 20)
            return
        with notes:
            renames = self._claimed(_batches(notes))
        said = self.renamed[path].said if path in self.renamed else None
        if said:  # records sharing a line with one said again: placed by number
            lines = {line for line, _, _ in said.values()}
            with open(notes_path(path), "rb") as notes:
                numbers = (written for batch in _batches(notes) for _, written, _, _, _ in batch)
                self.renamed[path].numbers = {
                    written: number for number, (written, line) in enumerate(
                        zip(numbers, self._lines(path), strict=True)) if line in lines}
        if not renames:
            shutil.copyfileobj(part, out, 1 << 20)
            return
        with open(notes_path(path), "rb") as notes:
            written = (self.text(own if own is not None else got).encode("utf-8")
                       for batch in _batches(notes) for _, got, _, _, own in batch)
            self._rewrite(part, out, renames, written)

    def _claimed(self, batches: Iterator[list[tuple]]) -> dict[int, tuple]:
        """The part's records claimed in order: {its record's number: (id
        written, its line's new text, file, line)} where the line must change;
        findings as the whole run's.  A line that holds what the record brought
        (``own``) never changes."""
        renames: dict[int, tuple] = {}
        number = 0
        for batch in batches:
            if self.first:  # the first part's ids are claimed as its shard claimed them
                given = [written for _, written, _, _, _ in batch]
                self.ids.take_all(given)
            else:
                given = self.ids.claim_all([wanted for wanted, _, _, _, _ in batch])
            for (wanted, written, file, line, own), got in zip(batch, given, strict=True):
                if got != wanted:
                    self.found.append(renamed(wanted, got, file, line))
                if got != written:
                    self._part()[written] = got
                if own is not None:  # its line holds what it brought: never renamed
                    number += 1
                    continue
                if self.keys is None and got == written:  # its line stays as it is
                    number += 1
                    continue
                final = self.text(got)
                as_written = final if got == written else self.text(written)
                if self.keys is not None:
                    final = self._key(final, file, line, got)
                if final != as_written:
                    renames[number] = (written, final, file, line)
                if self.said is not None and (got != written or final != as_written):
                    # the writer's findings about this id, as a whole write says them
                    self._part().said[written] = (line, self.said(got, final, file, line),
                                                  number)
                number += 1
        self.first = False
        return renames

    def _lines(self, path: str) -> Iterator[int | None]:
        with open(notes_path(path), "rb") as notes:
            yield from (line for batch in _batches(notes) for _, _, _, line, _ in batch)

    def _part(self) -> Renamings:
        return self.renamed.setdefault(self.path, Renamings(frozenset(self.codes)))

    def _key(self, key: str, file, line, record: str) -> str:
        assert self.keys is not None
        final = self.keys.claim(key)
        if final != key and self.said is None:  # the writer's own finding, said here
            self.found.append(make(
                "id-duplicate", f"id {key!r} as written is taken by an earlier record; "
                f"written as {final!r}", file=file,
                line=line, record=record, pointer="/id"))
        return final

    def _rewrite(self, part, out, renames: dict[int, tuple], written) -> None:
        """Copy ``part``, renaming the id lines of ``renames``.  Every record
        writes one line the frame's pattern matches, holding its id (or what
        it brought in its place), in the records' order: a matching line that
        does not hold the next record's (a value's line that starts "@misc{",
        a second RIS ID) is not an id line and stays.  A renaming whose line
        is not found is reported, not lost."""
        number = 0  # the record whose id line comes next
        expected = next(written, None)
        inside = False  # within a record whose id line was met (Frame.record_end)
        for line in part:
            if inside:
                inside = not self.end.match(line)
            elif expected is not None:
                match = self.pattern.match(line)
                if match and match.group(1) == expected:
                    change = renames.pop(number, None)
                    if change:
                        line = (line[:match.start(1)] + change[1].encode("utf-8")
                                + line[match.end(1):])
                    number += 1
                    expected = next(written, None)
                    inside = self.end is not None
            out.write(line)
        for wrote, wanted, file, line_number in renames.values():
            self.found.append(make(
                "id-duplicate", f"id {wrote!r} should have been written {wanted!r} where "
                "inputs were joined, but its line was not found: it may be written twice",
                severity=Severity.WARNING, file=file, line=line_number, record=wrote,
                pointer="/id"))

    def _claim_lines(self, part, out) -> None:
        """Ids of the writer's own form: each claimed where its line comes."""
        for line in part:
            match = self.pattern.match(line)
            if match:
                wanted = match.group(1).decode("utf-8")
                got = self.ids.claim(wanted)
                if got != wanted:
                    line = line[:match.start(1)] + got.encode("utf-8") + line[match.end(1):]
                    self.found.append(make(
                        "id-duplicate", f"id {wanted!r} is used by a record written earlier "
                        f"(another input, or another part of this one); renamed {got!r} in the "
                        "joined output", record=got, file=self.source, pointer="/id"))
            out.write(line)

    def close(self) -> None:
        self.ids.close()
        if self.keys is not None:
            self.keys.close()


def remove_notes(part: str) -> None:
    import os

    try:
        os.unlink(notes_path(part))
    except OSError:
        pass

"""One shard's work, the same in this process, in a local pool or on a
Dask worker: read an input as a stream, mend shapes, give ids, write the
output shard (or a part of the one output) and check the records; return
the diagnostics and the duplicate keys.  Library code: never prints."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity, make
from ..model import Record
from .compression import wrap_output
from .streams import Frame


@dataclass(frozen=True)
class Job:
    """What every shard of one command shares."""

    command: str  # "convert" or "validate"
    from_: str | None = None
    encoding: str | None = None
    to: str | None = None
    write_options: dict = field(default_factory=dict)
    profiles: tuple = ()
    select: frozenset | None = None
    ignore: frozenset | None = None
    keys_folder: str | None = None  # local runs: the bucket files; None: rows returned
    spill_folder: str | None = None  # local runs: diagnostics kept on disk, not in memory


@dataclass(frozen=True)
class Shard:
    index: int
    path: str
    output: str | None = None  # the file this shard writes
    whole: bool = True  # output gets head and tail (one file a shard), else a body part
    byte_range: tuple[int, int | None] = (0, None)  # a part of a large input
    # What the inputs before this one leave it (BibTeX's @strings), as a
    # whole run shares them (converters.scale.carried); None: nothing.
    shared: dict | None = None


@dataclass
class ShardResult:
    index: int
    path: str
    records: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False
    wrote: bool = False  # the body holds at least one record
    rows: list = field(default_factory=list)
    spill: str | None = None  # a file of pickled lists of diagnostics, in order
    # The findings of the later phases (PHASES), said after every shard's
    # reading, as a whole run says them: in memory, or their spill files.
    later: dict[str, list] = field(default_factory=dict)
    later_spills: dict[str, str] = field(default_factory=dict)
    ids: list = field(default_factory=list)  # (file, id, line) for reports that list records
    # The file-level blocks the writer has no place for: a mapping's names
    # (@string macros, merged by name across inputs as a whole run merges
    # them), a list's count; said once for the run (blocks_dropped).
    dropped: dict = field(default_factory=dict)


# A convert's findings after reading, in the whole run's order (api.convert):
# shapes mended, ids renamed (a join's renamings come after these), then
# what writing the records found.
PHASES = ("mended", "renamed", "written")


def _registry():
    from ..registry import default_registry

    return default_registry()


UNREADABLE = frozenset({"input-unreadable", "input-empty", "encoding-invalid", "input-binary",
                        "format-unknown", "syntax-error", "nesting-too-deep"})


def run_shard(job: Job, shard: Shard, progress: Callable[[int], None] | None = None,
              list_records: bool = False) -> ShardResult:
    """Do ``job`` on one input; ``progress`` hears the records of each chunk."""
    from .reading import read_stream

    if job.command == "validate" or job.keys_folder:  # duplicate keys: validation's alone
        from . import duplicates
    registry = _registry()
    result = ShardResult(shard.index, shard.path)
    buckets = duplicates.BucketWriter(job.keys_folder, shard.index) if job.keys_folder else None
    sink = _Sink(registry.get(job.to), job, shard) if job.command == "convert" else None
    spill = _Found(job, shard, result)
    try:
        for chunk in read_stream(shard.path, registry, from_=job.from_, encoding=job.encoding,
                                 shared=shard.shared or {}, byte_range=shard.byte_range,
                                 front_matter=job.command == "validate"):
            found, later, records = _checked(job, chunk, sink)
            if not records and any(d.code in UNREADABLE for d in chunk.diagnostics):
                result.unreadable = True
            spill.add(found)
            for phase, said in zip(PHASES, later, strict=True):
                spill.add(said, phase)
            for number, record in enumerate(records, result.records):
                keyed = (duplicates.rows(record, (shard.index, number))
                         if job.command == "validate" else ())
                for row in keyed:
                    buckets.add(row) if buckets else result.rows.append(row)
                if list_records:
                    result.ids.append((record.origin.file, record.id, record.origin.line))
            result.records += len(records)
            if progress:
                progress(len(records))
        if sink:
            result.dropped = sink.dropped
    finally:
        spill.close()
        if buckets:
            buckets.close()
        if sink:
            result.wrote = sink.close()
    return result


class _Found:
    """A shard's findings by phase, as a whole run says them: reading and
    checking (""), then PHASES; kept in memory, or on disk chunk by chunk."""

    def __init__(self, job: Job, shard: Shard, result: ShardResult):
        self.job, self.result = job, result
        self.spills: dict[str, _Spill] = {}
        if job.spill_folder:
            self.spills = {phase: _Spill(job.spill_folder, shard.index, phase)
                           for phase in ("", *PHASES)}
            result.spill = self.spills[""].path
            result.later_spills = {p: self.spills[p].path for p in PHASES}

    def add(self, found: list, phase: str = "") -> None:
        kept = found
        if found and (self.job.select or self.job.ignore):  # else all kept, no import
            from ..validation import selected

            kept = [d for d in found if selected(d.code, self.job.select, self.job.ignore)]
        if self.spills:
            self.spills[phase].add(kept)
        elif phase:
            self.result.later.setdefault(phase, []).extend(kept)
        else:
            self.result.diagnostics.extend(kept)

    def close(self) -> None:
        for spill in self.spills.values():
            spill.close()


class _Spill:
    """A shard's diagnostics on disk, chunk by chunk (see read_spill)."""

    def __init__(self, folder: str, index: int, phase: str = ""):
        self.path = os.path.join(folder, f"diagnostics{phase}-{index:06d}.pickle")
        self.handle = open(self.path, "wb")  # noqa: SIM115 (closed by close())

    def add(self, diagnostics: list) -> None:
        import pickle

        if diagnostics:
            pickle.dump(diagnostics, self.handle, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        self.handle.close()


def blocks_dropped(writer: str, results: Iterable[ShardResult]) -> list[Diagnostic]:
    """What the whole run says once (api.convert) and a sharded run once too,
    not once a shard: the file-level blocks of all the inputs, merged as the
    whole run merges them, that the writer has no place for."""
    merged: dict = {}
    for result in results:
        for kind, value in result.dropped.items():
            if isinstance(value, set):
                merged.setdefault(kind, set()).update(value)
            else:
                merged[kind] = merged.get(kind, 0) + value
    kinds = ", ".join(f"{v if isinstance(v, int) else len(v)} {kind}"
                      for kind, v in merged.items() if v)
    if not kinds:
        return []
    return [make("field-dropped", f"{writer} has no place for the input's file-level "
                 f"blocks ({kinds})", severity=Severity.INFO)]


def diagnostics_of(result: ShardResult, phase: str = "") -> Iterator[Diagnostic]:
    """A shard's diagnostics in order, from memory or from its spill file:
    those of reading and checking, or of a later ``phase`` (PHASES)."""
    yield from result.later.get(phase, []) if phase else result.diagnostics
    spill = result.later_spills.get(phase) if phase else result.spill
    if spill:
        import pickle

        with open(spill, "rb") as handle:
            while True:
                try:
                    yield from pickle.load(handle)
                except EOFError:
                    return


def _checked(job: Job, chunk, sink) -> tuple[list, tuple[list, ...], list]:
    """A chunk's diagnostics of reading, then of mending shapes and checking
    the records (validate); of PHASES (convert); the records."""
    from ..wellformed import check

    found = list(chunk.diagnostics)
    records, mended = check(chunk.records)
    later: tuple[list, ...] = ([], [], [])
    if sink is not None:
        later = (mended, *sink.write(records, chunk.meta))
    else:
        found.extend(mended)
        from ..validation import validate

        ignore = set(job.ignore or ()) | {"duplicate-record"}
        found.extend(validate(records, profiles=list(job.profiles), select=job.select,
                              ignore=ignore))
    return found, later, records


class _Sink:
    """The output of one shard, written batch by batch through a temporary
    file renamed into place when the shard is done."""

    def __init__(self, writer, job: Job, shard: Shard):
        from .idstore import StreamIds
        from .joined_ids import AsWritten, IdNotes

        self.writer, self.options = writer, dict(job.write_options)
        streamer = writer._get("streamer")
        self.frame: Frame = streamer.frame(self.options) if streamer else Frame()
        self.target = shard.output
        self.whole = shard.whole
        folder = os.path.dirname(os.path.abspath(self.target or "."))
        self.temporary = f"{self.target}.bibconv-{os.getpid()}.tmp" if self.target else None
        self.ids = StreamIds(folder)
        # A part of a joined output whose writer names record ids: the join
        # gives the ids and their findings (converters.scale.joined_ids).
        self.notes = (IdNotes(self.target) if self.target and not self.whole
                      and self.frame.id_text is not None else None)
        # A writer that keeps its written ids unique (JATS's XML ids, BibTeX's
        # cleaned keys) takes a store of them shared by all the batches
        # (writer option ``ids``); in a part whose join claims them again,
        # each is kept as written.
        self.written_ids: StreamIds | AsWritten | None = None
        if "ids" in (writer.writer_options or {}):
            self.written_ids = (AsWritten() if self.notes is not None
                                and self.frame.unique_text else StreamIds(folder))
        # The file-level blocks (@string...) go once before every record, as a
        # whole run writes them: gathered here, put in place at the join (a
        # part's, in a file beside it) or when the shard's own output closes.
        self.blocks: dict | None = ({} if writer.file_blocks and self.frame.blocks
                                    is not None else None)
        self.raw = (open(self.temporary, "wb")  # noqa: SIM115 (closed by close())
                    if self.temporary else None)
        self.handle = (wrap_output(self.target, self.raw) if self.raw and self.target
                       and self.whole and self.blocks is None else self.raw)
        self.count = 0
        self.started = False  # some text written: the next batch needs a separator
        self.dropped: dict[str, set | int] = {}  # see ShardResult.dropped

    def _meta(self, meta: dict, found: list) -> dict:
        """A chunk's file-level blocks (@string, @preamble ...) for a writer
        that takes them, written before the chunk's records; else noted."""
        if not any(meta.values()):
            return self.options
        if self.blocks is not None:
            from ..api import merge_blocks

            merge_blocks(self.blocks, meta)
            return self.options
        if self.writer.file_blocks:
            return {**self.options, "meta": meta}
        for kind, value in meta.items():
            if isinstance(value, dict):
                names = self.dropped.setdefault(kind, set())
                names.update(value)  # type: ignore[union-attr]
            else:
                self.dropped[kind] = self.dropped.get(kind, 0) + len(value)  # type: ignore
        return self.options

    def write(self, records: list[Record], meta: dict | None = None
              ) -> tuple[list[Diagnostic], list[Diagnostic]]:
        """Write a batch: (the ids it renamed, what the writer found)."""
        renamed: list[Diagnostic] = []
        options = self._meta(meta or {}, renamed)
        wanted_ids = [record.id or "record" for record in records]
        for record, wanted, got in zip(records, wanted_ids, self.ids.claim_all(wanted_ids),
                                       strict=True):
            if self.notes is not None:
                own = self.frame.own_line(record.data) if self.frame.own_line else None
                self.notes.add(wanted, got, record.origin.file, record.origin.line, own)
            elif got != wanted:
                renamed.append(make(
                    "id-duplicate", f"id {wanted!r} is used by an earlier record; renamed "
                    f"{got!r}", file=record.origin.file, line=record.origin.line, record=got,
                    pointer="/id"))
            record.data["id"] = got
        if not records and options is self.options:
            return renamed, []
        if self.written_ids is not None:
            options = {**options, "ids": self.written_ids}
        out = self.writer.write(records, **options)
        # the body written as a slice of the encoded batch, not copied twice
        # more (a slice of the text, then the lead joined to it)
        data = out.text.encode("utf-8")
        start, end = self.frame.byte_cut(out.text, len(data))
        if self.handle is not None and end > start:
            lead = self.frame.separator if self.started else (
                self.frame.head if self.whole and self.blocks is None else "")
            if lead:
                self.handle.write(lead.encode("utf-8"))
            self.handle.write(memoryview(data)[start:end])
            self.started = True
        self.count += len(records)
        return renamed, out.diagnostics

    def close(self) -> bool:
        self.ids.close()
        if self.notes is not None:
            self.notes.close()
        if self.written_ids is not None:
            self.written_ids.close()
        if self.handle is None:
            return self.started
        if self.whole and self.blocks is None:
            self.handle.write((self.frame.tail if self.started else self.frame.empty)
                              .encode("utf-8"))
        self.handle.close()
        if self.raw is not self.handle:
            self.raw.close()  # type: ignore[union-attr]
        if self.blocks is not None and self.whole:
            self._blocks_first()
            return self.started
        os.replace(self.temporary, self.target)  # type: ignore[arg-type]
        if self.blocks and any(self.blocks.values()):
            write_blocks(self.target, self.blocks)  # type: ignore[arg-type]
        return self.started

    def _blocks_first(self) -> None:
        """The shard's own output: the gathered blocks, then the records
        written (``temporary``, a body), framed and compressed as named."""
        import shutil

        text = self.frame.blocks(self.blocks) if self.blocks else ""  # type: ignore[misc]
        final = f"{self.temporary}.whole"
        with open(final, "wb") as raw:
            handle = wrap_output(self.target, raw)  # type: ignore[arg-type]
            if text or self.started:
                handle.write((self.frame.head + text).encode("utf-8"))
                if text and self.started:
                    handle.write(self.frame.separator.encode("utf-8"))
                with open(self.temporary, "rb") as body:  # type: ignore[arg-type]
                    shutil.copyfileobj(body, handle, 1 << 20)
            handle.write((self.frame.tail if text or self.started else self.frame.empty)
                         .encode("utf-8"))
            if handle is not raw:
                handle.close()
        os.unlink(self.temporary)  # type: ignore[arg-type]
        os.replace(final, self.target)  # type: ignore[arg-type]


def _blocks_path(part: str) -> str:
    return part + ".blocks"


def write_blocks(part: str, blocks: dict) -> None:
    """A part's file-level blocks, beside it, for the join."""
    import json

    with open(_blocks_path(part), "w", encoding="utf-8") as handle:
        json.dump(blocks, handle, ensure_ascii=False)


def _joined_blocks(frame: Frame, parts: list[tuple[str, bool, str]]) -> str:
    """The parts' file-level blocks merged in input order, as the frame
    writes them; each file of them removed."""
    import json

    from ..api import merge_blocks

    merged: dict = {}
    for path, _, _ in parts:
        try:
            with open(_blocks_path(path), encoding="utf-8") as handle:
                merge_blocks(merged, json.load(handle))
            os.unlink(_blocks_path(path))
        except FileNotFoundError:
            continue
    return frame.blocks(merged) if frame.blocks is not None and merged else ""


def assemble(frame: Frame, parts: Iterable[tuple[str, bool, str]], out,
             renamed: dict[str, dict[str, str]] | None = None) -> list[Diagnostic]:
    """The one output from the shards' body parts (path, holds records, the
    input it came from, named in findings), in input order,
    onto the binary stream ``out``; each part removed once copied.  Where the
    frame says which lines hold ids, they are made unique over the output:
    record ids as a whole run gives them (converters.scale.joined_ids),
    ids of the writer's own form (JATS's XML ids) renamed (-2, -3 ...) where
    an earlier part wrote them; each renaming reported, and the record ids
    renamed noted in ``renamed`` (by part: as written -> as joined)."""
    import shutil

    from .joined_ids import JoinedIds, remove_notes

    store = JoinedIds(frame) if getattr(frame, "ids", None) is not None else None
    parts = list(parts)
    text = _joined_blocks(frame, parts)
    if text:
        out.write((frame.head + text).encode("utf-8"))
    written = bool(text)
    try:
        for path, holds, source in parts:
            if store is not None:
                store.source = source
            if holds:
                out.write((frame.separator if written else frame.head).encode("utf-8"))
                with open(path, "rb") as part:
                    if store is not None:
                        store.copy(path, part, out)
                    else:
                        shutil.copyfileobj(part, out, 1 << 20)
                written = True
            try:
                os.unlink(path)
            except OSError:
                pass
            remove_notes(path)
    finally:
        if store is not None:
            store.close()
    if store is not None and renamed is not None:
        renamed.update(store.renamed)
    out.write((frame.tail if written else frame.empty).encode("utf-8"))
    return store.found if store is not None else []

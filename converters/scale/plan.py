"""A sharded run from start to end: which file each input's output goes to,
the shards run here, in local processes or on a cluster, the output parts
joined in input order, and the duplicates found across shards."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..diagnostics import Diagnostic
from .compression import SUFFIXES, strip_suffix
from .shards import Job, Shard, ShardResult


@dataclass
class Run:
    results: list[ShardResult] = field(default_factory=list)
    duplicates: list[Diagnostic] = field(default_factory=list)
    writer: str | None = None  # a convert's output format

    @property
    def records(self) -> int:
        return sum(r.records for r in self.results)

    def diagnostics(self) -> Iterator[Diagnostic]:
        """Every diagnostic of the shards (read from their spill files: call
        inside ``execute``'s folder's life), in a whole run's order."""
        yield from self.checked()
        yield from self.written()

    def checked(self) -> Iterator[Diagnostic]:
        """Each shard's diagnostics of reading and checking in input order,
        then the shapes each mended, the ids each renamed, the duplicates.  A convert's writing
        findings follow a join's findings (``written``), as in a whole run."""
        from .shards import diagnostics_of

        for result in self.results:
            yield from diagnostics_of(result)
        for phase in ("mended", "renamed"):
            for result in self.results:
                yield from diagnostics_of(result, phase)
        yield from self.duplicates

    def written(self, renamed: dict[int, dict[str, str]] | None = None
                ) -> Iterator[Diagnostic]:
        """What writing found, shard by shard; a record whose id the join
        renamed (``renamed``: by shard, written id -> joined id) named as joined."""
        import dataclasses

        from .shards import blocks_dropped, diagnostics_of

        if self.writer is not None:  # said once, before the writer's own, as a whole run
            yield from blocks_dropped(self.writer, self.results)
        for result in self.results:
            ids = (renamed or {}).get(result.index)  # (it may rename none but say some)
            ids = {} if ids is None else ids
            found = diagnostics_of(result, "written")
            said = getattr(ids, "said", None)
            for diagnostic, own in (_in_place(found, ids) if said
                                    else ((d, True) for d in found)):
                if own and diagnostic.record in ids:
                    diagnostic = dataclasses.replace(diagnostic, record=ids[diagnostic.record])
                yield diagnostic


def _in_place(found: Iterable[Diagnostic], renamings) -> Iterator[tuple[Diagnostic, bool]]:
    """A part's writing findings (whether each is the part's own) with what
    the join says of its records' ids (joined_ids.Renamings.said) in their
    records' place, as a whole write says them: before the first finding of
    the record, of a later one or of a later line, the part's own of its
    codes left out."""
    said, numbers, codes = renamings.said, renamings.numbers, renamings.codes
    pending = sorted(said.values(), key=lambda entry: entry[2])  # (line, findings, number)
    done = 0
    for diagnostic in found:
        line = diagnostic.location.line if diagnostic.location else None
        number = numbers.get(diagnostic.record) if diagnostic.record is not None else None
        while done < len(pending) and (
                (number is not None and pending[done][2] <= number)
                or (line is not None and (pending[done][0] or 0) < line)):
            yield from ((d, False) for d in pending[done][1])
            done += 1
        if diagnostic.record in said and diagnostic.code in codes:
            continue  # said again above, with the id as joined
        yield diagnostic, True
    for _, findings, _ in pending[done:]:
        yield from ((d, False) for d in findings)


def shard_name(path: str, suffix: str) -> str:
    """``dump/part-007.jsonl.gz`` -> ``part-007.bib.gz`` (compressed as it came)."""
    base = os.path.basename(path)
    codec = next((s for s in SUFFIXES if base.lower().endswith(s)), "")
    stem = strip_suffix(base)
    stem = os.path.splitext(stem)[0] if "." in stem else stem
    return stem + suffix + codec


def output_shards(paths: list[str], folder: str, suffix: str) -> list[Shard]:
    """One output file a shard in ``folder``; two inputs of one name get -2, -3."""
    from ..ids import IdAllocator

    names = IdAllocator()
    shards = []
    for index, path in enumerate(paths):
        name = shard_name(path, suffix)
        stem, rest = name.split(".", 1) if "." in name else (name, "")
        unique = names.claim(stem)
        shards.append(Shard(index, path, os.path.join(folder, unique + ("." + rest if rest
                                                                      else ""))))
    return shards


def part_shards(paths: list[str], folder: str) -> list[Shard]:
    """Body parts of the one output, joined later in input order."""
    return [Shard(index, path, os.path.join(folder, f"part-{index:06d}"), whole=False)
            for index, path in enumerate(paths)]


@dataclass
class Split:
    """Tasks for shards, a large plain JSON Lines shard cut into byte ranges;
    ``joins``: the output file of a cut shard and the parts that make it."""

    tasks: list[Shard] = field(default_factory=list)
    joins: list[tuple[str, list[int]]] = field(default_factory=list)


def split(shards: list[Shard], limit: int, folder: str) -> Split:
    """Tasks numbered in input order (findings and outputs follow that
    order); a cut shard's parts are bodies written to ``folder``."""
    from .ranges import byte_ranges

    plan = Split()
    for shard in shards:
        ranges = byte_ranges(shard.path, limit)
        if len(ranges) == 1:
            plan.tasks.append(replace(shard, index=len(plan.tasks)))
            continue
        numbers = []
        for byte_range in ranges:
            numbers.append(len(plan.tasks))
            part = os.path.join(folder, f"range-{len(plan.tasks):06d}")
            plan.tasks.append(replace(shard, index=len(plan.tasks), output=part, whole=False,
                                      byte_range=byte_range))
        if shard.output and shard.whole:
            plan.joins.append((shard.output, numbers))
    return plan


def join_cut_shards(plan: Split, run: Run, frame,
                    renamed: dict[str, dict[str, str]] | None = None) -> list:
    """The output file of each cut shard, from its parts (compressed as its
    name says), through a temporary file renamed into place; what joining
    the parts found (ids renamed)."""
    from .compression import wrap_output
    from .shards import assemble

    found: list = []
    for target, numbers in plan.joins:
        temporary = f"{target}.bibconv-{os.getpid()}.tmp"
        with open(temporary, "wb") as raw:
            handle = wrap_output(target, raw)
            found += assemble(frame, ((plan.tasks[n].output or "", run.results[n].wrote,
                                       plan.tasks[n].path) for n in numbers), handle,
                              renamed)
            handle.close()
        os.replace(temporary, target)
    return found


def execute(job: Job, shards: list[Shard], folder: str, *, jobs: int = 1,
            scheduler: str | None = None, list_records: bool = False,
            progress: Callable[[int, bool], None] | None = None) -> Run:
    """Run every shard and the cross-shard duplicate check.  Locally the
    duplicate keys and the diagnostics go to files in ``folder`` (keep it
    until the diagnostics are read); on a cluster they come back by value."""
    from .carried import carried
    from .shards import _registry

    run = Run(writer=job.to if job.command == "convert" else None)
    shards = carried(job, shards, _registry())
    groups: Iterable[tuple[str, list]]
    if scheduler:
        from .cluster import run_cluster

        run.results, groups = run_cluster(scheduler, job, shards, list_records=list_records,
                                          progress=progress)
    else:
        from .local import run_local

        keys = os.path.join(folder, "keys")
        os.makedirs(keys, exist_ok=True)
        local = replace(job, keys_folder=keys if job.command == "validate" else None,
                        spill_folder=folder)
        run.results = sorted(run_local(local, shards, jobs, list_records=list_records,
                                       progress=progress), key=lambda r: r.index)
        groups = ()
        if job.command == "validate":  # convert notes no keys: nothing to look for
            from .duplicates import candidates_from_buckets

            groups = candidates_from_buckets(keys)
    if job.command == "validate":
        from .duplicates import findings

        run.duplicates = _found(findings(groups, profiles=list(job.profiles),
                                         select=job.select, ignore=job.ignore))
    return run


def _found(pairs) -> list[Diagnostic]:
    return [diagnostic for _, diagnostic in pairs]

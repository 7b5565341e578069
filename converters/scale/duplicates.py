"""Duplicates across shards, with the validator's own keys and judgement.

Each record gives up to two keys (its DOI, its normalised title), the same
ones ``converters.validation.checks.duplicates`` compares by.  Records are
grouped by key (a shuffle: Dask bag ``groupby`` on a cluster, bucket files
and a dict per bucket locally); only records that share a key with another
are candidates.  Candidates joined by any key form one component, and the
validator runs on each component in input order: as it only ever compares
records that share a key, its findings are those of one run over all the
records, without holding them."""
from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic
from ..model import Origin, Record
from ..validation.checks import _doi_key, _normal_title

BUCKETS = 64  # a bucket file holds 1/64 of the keys: what one dict has to hold

# (key, (shard, index), payload); payload: (data, file, line, fields)
Row = tuple[str, tuple[int, int], tuple]


def keys_of(data: dict) -> list[str]:
    keys = []
    doi = _doi_key(data)
    if doi:
        keys.append("doi:" + doi)
    title = data.get("title")
    if isinstance(title, str):
        normal = _normal_title(title)
        if normal:
            keys.append("title:" + normal)
    return keys


def payload(record: Record) -> tuple:
    """What the judgement reads: the data less ``custom``, and where it was."""
    origin = record.origin
    data = {k: v for k, v in record.data.items() if k != "custom"}
    fields = {k: origin.fields[k] for k in ("DOI", "title") if k in origin.fields}
    return (data, origin.file, origin.line, fields)


def rows(record: Record, position: tuple[int, int]) -> list[Row]:
    keys = keys_of(record.data)
    if not keys:
        return []
    kept = payload(record)
    return [(key, position, kept) for key in keys]


class BucketWriter:
    """A shard's rows, spread over bucket files by key (run in the worker)."""

    def __init__(self, folder: str, shard: int):
        self._folder, self._shard = folder, shard
        self._files: dict[int, object] = {}

    def add(self, row: Row) -> None:
        bucket = zlib.crc32(row[0].encode()) % BUCKETS
        handle = self._files.get(bucket)
        if handle is None:
            path = os.path.join(self._folder, f"{bucket:03d}-{self._shard:06d}.jsonl")
            handle = self._files[bucket] = open(  # noqa: SIM115 (closed by close())
                path, "w", encoding="utf-8")
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")  # type: ignore[attr-defined]

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()  # type: ignore[attr-defined]


def _rows_of(paths: list[str]) -> Iterator[tuple[str, list, object]]:
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def candidates_from_buckets(folder: str) -> Iterator[tuple[str, list]]:
    """(key, members) for each key two or more records share, one bucket at
    a time: its keys counted first, then only the shared keys' records kept."""
    names = sorted(os.listdir(folder))
    for bucket in range(BUCKETS):
        prefix = f"{bucket:03d}-"
        paths = [os.path.join(folder, name) for name in names if name.startswith(prefix)]
        # Counted by the keys' hashes, not the keys (a title is ~100 bytes):
        # a collision only makes a lone record a candidate, judged as one.
        counts: dict[int, int] = {}
        for key, _, _ in _rows_of(paths):
            counts[hash(key)] = counts.get(hash(key), 0) + 1
        shared = {key for key, n in counts.items() if n > 1}
        del counts
        groups: dict[str, list] = {}
        for key, position, kept in _rows_of(paths) if shared else ():
            if hash(key) in shared:
                groups.setdefault(key, []).append((tuple(position), kept))
        yield from groups.items()


def components(groups: Iterable[tuple[str, list]], store) -> list[list[tuple]]:
    """Candidates joined by any shared key, each component's positions in
    input order; each candidate's payload goes to ``store`` (idstore.Payloads)
    so that a million records' candidates are not all held at once."""
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for _, members in groups:
        first = None
        for position, data in members:
            position = tuple(position)
            if position not in parent:
                parent[position] = position
                store.put(position, data)
            if first is None:
                first = position
            else:
                parent[root(position)] = root(first)
    joined: dict[tuple, list] = {}
    for position in sorted(parent):
        joined.setdefault(root(position), []).append(position)
    return sorted(joined.values(), key=lambda positions: positions[0])


def findings(groups: Iterable[tuple[str, list]], *, profiles=None, select=None,
             ignore=None) -> list[tuple[tuple, Diagnostic]]:
    """(position of the later record, duplicate-record diagnostic), in input order."""
    from .idstore import Payloads

    found = []
    store = Payloads()
    try:
        for positions in components(groups, store):
            found.extend(_judged([(p, store.get(p)) for p in positions], profiles=profiles,
                                 select=select, ignore=ignore))
    finally:
        store.close()
    return sorted(found, key=lambda pair: pair[0])


def _judged(members: list[tuple], *, profiles, select, ignore) -> list[tuple[tuple, Diagnostic]]:
    """One component's duplicate-record findings, by the later record's position."""
    from ..validation import validate

    found = []
    records = [Record(data, Origin(file, line, None, dict(fields)))
               for _, (data, file, line, fields) in members]
    positions = {id(record): position for record, (position, _) in zip(records, members,
                                                                           strict=True)}
    by_line = {(r.origin.file, r.id): positions[id(r)] for r in records}
    for diagnostic in validate(records, profiles=profiles, select=select, ignore=ignore):
        if diagnostic.code == "duplicate-record":
            where = diagnostic.location
            found.append((by_line.get((where.file if where else None, diagnostic.record),
                                      (0, 0)), diagnostic))
    return found

"""Shards on a Dask distributed cluster: one task a shard, and the
duplicate keys grouped by a shuffle (Dask bag ``groupby``) on the workers,
so that only the keys two records share come back.  Imported only for
--scheduler: dask and distributed are the optional extra ``[cluster]``."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .shards import Job, Shard, ShardResult, run_shard


def _summary(result: ShardResult) -> ShardResult:
    # a copy: the worker's result still feeds the shuffle
    return replace(result, rows=[])


def _rows(result: ShardResult) -> list:
    return result.rows


def _shared(pair) -> bool:
    return len(pair[1]) > 1


def _members(pair):
    key, rows = pair
    return key, [(position, kept) for _, position, kept in rows]


def run_cluster(address: str, job: Job, shards: list[Shard], *, list_records: bool = False,
                progress: Callable[[int, bool], None] | None = None
                ) -> tuple[list[ShardResult], list]:
    """(the shards' results in input order, the groups of records that share
    a key) computed on the cluster at ``address``."""
    from . import ClusterError

    try:
        import dask
        import dask.bag as db
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ClusterError("--scheduler needs Dask: pip install 'bibconv[cluster]'") from exc
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        done = [client.submit(run_shard, job, shard, None, list_records, pure=False)
                for shard in shards]
        summaries = [client.submit(_summary, future, pure=False) for future in done]
        groups: list = []
        if job.command == "validate":
            rows = db.from_delayed([dask.delayed(_rows)(future) for future in done])
            shared = rows.groupby(lambda row: row[0]).filter(_shared).map(_members)
            groups = client.compute(shared).result()
        results = []
        for future in as_completed(summaries):
            result = future.result()
            if progress:
                progress(result.records, True)
            results.append(result)
    return sorted(results, key=lambda r: r.index), groups

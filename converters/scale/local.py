"""Shards in this process (``--jobs 1``) or in a pool of local processes."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from .shards import Job, Shard, ShardResult, run_shard


def run_local(job: Job, shards: list[Shard], jobs: int, *, list_records: bool = False,
              progress: Callable[[int, bool], None] | None = None) -> Iterator[ShardResult]:
    """Each shard's result as it finishes; ``progress(records, shard_done)``."""
    if jobs <= 1 or len(shards) <= 1:
        for shard in shards:
            tick = (lambda n: progress(n, False)) if progress else None
            result = run_shard(job, shard, tick, list_records)
            if progress:
                progress(0, True)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from ..textio import own_process

    with ProcessPoolExecutor(max_workers=jobs, initializer=own_process) as pool:
        futures = [pool.submit(run_shard, job, shard, None, list_records) for shard in shards]
        for future in as_completed(futures):
            result = future.result()
            if progress:
                progress(result.records, True)
            yield result

"""Long bibliographies sorted and rendered by forked processes, one a core.

How long a list must be to be split is set per render on citeproc's
bibliography object (:func:`set_threshold`) and read back from it by the
sort patch, so no module state carries it between calls."""
from __future__ import annotations

import gc
import os
import pickle

# How long a list the CLI renders in several processes: none.  Forked
# workers finish sooner but cost more CPU time than they share out (their
# pages copied on write): 1,000 APA entries took 2.30 s of CPU forked,
# 2.17 s in one process (wall 1.4 s and 2.0 s on an idle machine, both
# under pandoc's 2.8 s).  Library callers may still pass parallel_from.
PARALLEL_FROM: int | None = None


def set_threshold(bibliography, threshold: int | None) -> None:
    object.__setattr__(bibliography, "bibconv_parallel_from", threshold)


def should_split(items, bibliography=None) -> bool:
    """Whether ``items`` (citation items) are many enough to fork for."""
    if not items:
        return False
    if bibliography is None:
        try:
            bibliography = items[0].citation.bibliography
        except Exception:
            return False
    threshold = getattr(bibliography, "bibconv_parallel_from", None)
    return bool(threshold and len(items) >= threshold and (os.cpu_count() or 1) > 1
                and hasattr(os, "fork"))


def fork_map(function, items: list) -> list:
    """function(chunk) over consecutive chunks of ``items``, one chunk a
    core, in forked processes; the results joined in order.  A worker that
    fails has its chunk done here instead."""
    workers = min(os.cpu_count() or 1, 8)
    size = -(-len(items) // workers)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    # Everything alive now is frozen out of the cyclic collector while the
    # workers start, so a collection in a worker does not write to (and so
    # copy) every page it shares with this process.
    gc.freeze()
    try:
        children = _start(function, chunks[1:])
    finally:
        gc.unfreeze()
    results = list(function(chunks[0]))
    for pid, read_end, chunk in children:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        results += pickle.loads(payload) if status == 0 and payload else function(chunk)
    return results


def _start(function, chunks: list) -> list:
    """Fork a worker a chunk: (pid, the pipe's read end, the chunk) each."""
    children = []
    for chunk in chunks:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: compute, send, leave without cleanup
            os.close(read_end)
            status = 0
            try:
                payload = pickle.dumps(function(chunk))
            except BaseException:
                payload, status = b"", 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, chunk))
    return children

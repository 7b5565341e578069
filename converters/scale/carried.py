"""What one input leaves the inputs after it, as a whole run shares it
(``Format.shared_options``: BibTeX's @string and @preamble macros serve the
next .bib file of the run).  Shards are read apart, in other processes, so
each is handed what the inputs before it defined; found here, in input
order, by reading only the blocks that define it (``Streamer.defines``)."""
from __future__ import annotations

import copy
import itertools
from dataclasses import replace

from ..registry import Registry
from .compression import strip_suffix
from .shards import Job, Shard


def carried(job: Job, shards: list[Shard], registry: Registry) -> list[Shard]:
    """``shards`` each with the shared options the inputs before it left
    (``Shard.shared``); unchanged when no input shares anything."""
    if len(shards) < 2:
        return shards
    shared: dict = {}
    out = [shards[0]]
    for before, shard in itertools.pairwise(shards):
        _define(job, before, shared, registry)
        out.append(replace(shard, shared=copy.deepcopy(shared)) if shared else shard)
    return out


def _define(job: Job, shard: Shard, shared: dict, registry: Registry) -> None:
    """Add to ``shared`` what reading ``shard`` whole would leave there."""
    from .reading import _head, _streamable, _text, choose

    if shard.byte_range != (0, None):
        return  # a cut JSON Lines shard: those formats share nothing
    named = [registry.get(job.from_)] if job.from_ else [
        fmt for fmt in registry.claimants(strip_suffix(shard.path)) if fmt.can_read]
    if named and not any(fmt.shared_options for fmt in named):
        return  # told by its name alone (a dump's many shards): nothing opened
    try:
        head = _head(shard.path)
    except (OSError, EOFError, ValueError):
        return
    fmt = choose(registry, job.from_, shard.path, head)
    if fmt is None or not fmt.shared_options:
        return
    options = {name: shared.setdefault(name, {}) for name in fmt.shared_options}
    streamer = fmt._get("streamer") if fmt.streamer else None
    try:
        if streamer is None or streamer.defines is None or not _streamable(head, job.encoding):
            from ..api import read  # as the shard itself reads it: whole

            read(shard.path, fmt.name, encoding=job.encoding, registry=registry,
                 shared=shared)
            return
        # what the whole file gives each chunk (BibTeX's @preamble macros)
        whole = streamer.whole_file(lambda: _text(shard.path)) if streamer.whole_file else {}
        with _text(shard.path) as text:
            for _, chunk in streamer(text):
                blocks = streamer.defines(chunk)
                if blocks:
                    fmt.read(blocks, shard.path, **options, **whole)
    except (OSError, EOFError, UnicodeDecodeError):
        return  # the shard reports it; what came before stays

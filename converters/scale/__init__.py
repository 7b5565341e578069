"""Large inputs: compressed files, streaming readers and writers, shards run
in local processes or on a Dask cluster, and duplicates found across shards.

Nothing here is imported by ``bibconv --help``; Dask only with --scheduler.
"""

"""Large inputs: compressed files, streaming readers and writers, shards run
in local processes or on a Dask cluster, and duplicates found across shards.

Nothing here is imported by ``bibconv --help``; Dask only with --scheduler.
"""


class ClusterError(Exception):
    """The cluster named by --scheduler cannot be used (Dask missing, the
    scheduler unreachable): the user's to fix, not a bug."""

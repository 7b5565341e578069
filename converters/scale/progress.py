"""A one-line progress report on stderr (records, records/s, shards done),
only on a terminal: no dependency for a line that rewrites itself."""
from __future__ import annotations

import sys
import time


class Progress:
    EVERY = 0.25  # seconds between redraws

    def __init__(self, shards: int, *, enabled: bool | None = None, stream=None):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled, self.shards = enabled, shards
        self.records = self.done = 0
        self.start = self.shown = time.monotonic()

    def __call__(self, records: int, shard_done: bool) -> None:
        self.records += records
        self.done += shard_done
        now = time.monotonic()
        if self.enabled and (now - self.shown >= self.EVERY or shard_done):
            self.shown = now
            self._draw(now)

    def line(self, now: float) -> str:
        rate = self.records / max(now - self.start, 1e-9)
        return (f"{self.records:,} records, {rate:,.0f} records/s, "
                f"{self.done}/{self.shards} shards")

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[K" + self.line(now))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

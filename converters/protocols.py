"""The shapes of what a format provides, for type checkers and plugin
authors: a reader, a writer and a sniffer (see converters.registry).

A plain function is all a format needs; these Protocols only say what its
signature must be.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .model import ReadResult, Record, WriteResult


class Reader(Protocol):
    """``read(text, source, **options) -> ReadResult``: every record of one
    input, with diagnostics; never raises on bad input.  ``source`` is the
    file name the diagnostics name (None for text given directly)."""

    def __call__(self, text: str, source: str | None = None, /,
                 **options: Any) -> ReadResult: ...


class Writer(Protocol):
    """``write(records, **options) -> WriteResult``: the whole output, and a
    diagnostic for each value the format cannot say."""

    def __call__(self, records: list[Record], /, **options: Any) -> WriteResult: ...


class Sniffer(Protocol):
    """``sniff(text) -> float``: how sure (0 to 1) that ``text`` is this format."""

    def __call__(self, text: str, /) -> float: ...

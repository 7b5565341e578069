"""The validation report of a sharded run, in the reporters' own formats.
Text and GitHub annotations are written a line at a time, so a million
findings need not be held; JSON, SARIF and JUnit are one document and are
made by the reporters from the whole list."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic, Severity
from ..validation.reporters import REPORTERS, Report

_STREAMED = ("text", "github")


class _Counted(list):
    """Stands for the records where a report only counts them."""

    def __init__(self, count: int):
        super().__init__()
        self.count_ = count

    def __len__(self) -> int:
        return self.count_


def report(output_format: str, diagnostics: Iterable[Diagnostic], *, records: int,
           ids: list | None, files: list[str], color: bool) -> Iterator[str]:
    """The report's text, in pieces."""
    reporter = REPORTERS[output_format]
    listed = ids if ids is not None else _Counted(records)
    if output_format not in _STREAMED:
        yield reporter(Report(list(diagnostics), listed, files, color=color))
        return
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
        text = reporter(Report([diagnostic], [], files, color=color))
        yield text[:text.rindex("\n", 0, len(text) - 1) + 1]  # less the summary line
    # The summary line, by the reporter itself, from the counts.
    summary = Report([], listed, files)
    summary.count = counts.__getitem__  # type: ignore[method-assign,assignment]
    yield reporter(summary)

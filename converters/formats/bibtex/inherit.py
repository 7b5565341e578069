"""crossref and xdata: what a child lacks comes from its parent, under the
names the biblatex manual's Appendix B gives (mapping.bibtex.inherited_name)."""
from __future__ import annotations

from ...diagnostics import Severity, make
from ...mapping import bibtex as M
from ...model import ReadResult
from .split import Entry


def inherit(entries: list[Entry], source: str | None, result: ReadResult) -> None:
    """crossref and xdata: copy what a child lacks from its parent."""
    inheriting = _Inheriting(entries, source, result)
    for entry in entries:
        inheriting.resolve(entry, ())


class _Inheriting:
    """One file's entries by key.  A class, not closures: a closure that
    calls itself is a reference cycle, which would keep every entry of the
    file (or of each streamed chunk) until the cyclic collector runs."""

    def __init__(self, entries: list[Entry], source: str | None, result: ReadResult):
        self.by_key = {e.key: e for e in entries}
        self.by_lower = {e.key.lower(): e for e in entries}
        self.done: set[str] = set()
        self.source, self.result = source, result

    def find(self, key: str) -> Entry | None:
        return self.by_key.get(key) or self.by_lower.get(key.lower())

    def resolve(self, entry: Entry, trail: tuple) -> None:
        if entry.key in self.done:
            return
        self.done.add(entry.key)
        source, result = self.source, self.result
        for link in ("xdata", "crossref"):
            if link not in entry.fields:
                continue
            for target in [k.strip() for k in entry.fields[link].split(",") if k.strip()]:
                parent = self.find(target)
                if parent is None:
                    result.diagnostics.append(make(
                        "crossref-missing", f"{link} names {target!r}, which is not in the file",
                        file=source, line=entry.lines.get(link, entry.line), record=entry.key,
                        pointer=f"/{link}"))
                    continue
                if parent.key in trail:
                    result.diagnostics.append(make(
                        "crossref-missing", f"{link} to {target!r} forms a cycle; not followed",
                        file=source, line=entry.lines.get(link, entry.line), record=entry.key))
                    continue
                self.resolve(parent, trail + (entry.key,))
                if parent.skipped:
                    result.diagnostics.append(make(
                        "macro-undefined", f"{link} target {target!r} was skipped for an "
                        "undefined macro; its other fields are inherited",
                        severity=Severity.WARNING, file=source,
                        line=entry.lines.get(link, entry.line), record=entry.key,
                        pointer=f"/{link}"))
                _copy(parent, entry, link)


def _copy(parent: Entry, entry: Entry, link: str) -> None:
    """Names set by the biblatex mapping win over plain copies."""
    for name, value in parent.fields.items():
        if name.startswith(M.FACT_PREFIX):
            continue  # bibconv's facts belong to the entry that has them
        if link == "xdata":
            targets = [] if name in ("xdata", "ids") else [name]
        else:
            targets = M.inherited_name(parent.type, entry.type, name)
        for target_name in targets:  # author -> bookauthor and author
            if target_name not in entry.fields:
                entry.fields[target_name] = value
                entry.lines[target_name] = entry.lines.get(link, entry.line)
                entry.inherited.add(target_name)

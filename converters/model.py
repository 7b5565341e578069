"""The record model: a CSL-JSON item (the pivot every format meets in) plus
where it came from.

``Record.data`` is a plain dict in CSL-JSON shape, so it can be dumped,
validated against the CSL schema or handed to citeproc as it is.  Facts that
CSL has no variable for live in ``data["custom"]``.  An incomplete author list
is a trailing ``{"literal": "others"}`` name, the convention pandoc and
citeproc read as "et al.".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostic

OTHERS = {"literal": "others"}


@dataclass
class Origin:
    """Where a record was read: the file, its first and last line (1-based,
    inclusive) and, where the format tells, the line of each field."""

    file: str | None = None
    line: int | None = None
    end_line: int | None = None
    fields: dict[str, int] = field(default_factory=dict)

    def line_of(self, variable: str | None) -> int | None:
        """The line of ``variable`` if known, else the record's first line."""
        if variable is not None and variable in self.fields:
            return self.fields[variable]
        return self.line


@dataclass
class Record:
    data: dict
    origin: Origin = field(default_factory=Origin)

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return None if value is None else str(value)


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # What a file holds besides records (BibTeX's @preamble, @comment and
    # @string blocks), for writers of the same family.
    meta: dict = field(default_factory=dict)


@dataclass
class WriteResult:
    """What a writer produced.  ``text`` is the whole output; formats that hold
    one record a file also fill ``files`` (record id -> text)."""

    text: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: dict[str, str] | None = None


# CSL-JSON's rich-text markup (what citeproc-js reads in fields).
_MARKUP = re.compile(r"</?(?:i|b|sup|sub)>|<span\b[^>]*>|</span>")


def strip_markup(text) -> str:
    """CSL rich text -> plain text: "<i>De Anima</i>" -> "De Anima"."""
    return _MARKUP.sub("", str(text))


def is_others(name) -> bool:
    """True for the "et al." marker name: "others" (BibTeX's keyword is
    lower-case; "{Others}" is somebody's name) or "et al." in any case."""
    from .vocabulary import is_others_word

    if not (isinstance(name, dict) and len(name) == 1):
        return False
    literal = str(name.get("literal", "")).strip()
    return literal == "others" or (literal.lower() != "others" and is_others_word(literal))


def split_others(names) -> tuple[list, bool]:
    """Split a CSL name list into the named people and the et-al flag."""
    names = list(names or [])
    incomplete = False
    while names and is_others(names[-1]):
        names.pop()
        incomplete = True
    return names, incomplete

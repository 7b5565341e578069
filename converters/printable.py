"""Diagnostics made fit to print on one line: what every report shows
(kept apart from the validation package so a conversion's few messages do
not import it)."""
from __future__ import annotations

import os
import re
from dataclasses import replace

from .diagnostics import Diagnostic

# Line breaks (libxml2 ends messages with one and quotes the source on the
# next line) and code points a report cannot carry: C0/C1 controls, lone
# surrogates, U+FFFE/U+FFFF.
_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x85]+\s*")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def one_line(text: str | None) -> str | None:
    """Text fit for a one-line report: line breaks become a space and
    unprintable characters their escape (\\x01)."""
    if not text:
        return text
    text = _BREAKS.sub(" ", text).strip()
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def display_path(path: str | None) -> str | None:
    """A file name as it can be shown: a name that is not UTF-8 (which
    Python holds with surrogate escapes) shows its odd bytes as \\xNN."""
    if not path:
        return path
    try:
        raw = os.fsencode(path)
    except UnicodeError:
        return one_line(path)
    return one_line(raw.decode("utf-8", "backslashreplace"))


def displayable(d: Diagnostic) -> Diagnostic:
    """The diagnostic as every report shows it: message on one line, file
    name printable (the same object when nothing needs changing)."""
    message, record = one_line(d.message), one_line(d.record)
    file = display_path(d.location.file)
    pointer = one_line(d.location.pointer)
    if (message, record, file, pointer) == (d.message, d.record, d.location.file,
                                            d.location.pointer):
        return d
    return replace(d, message=message or "", record=record,
                   location=replace(d.location, file=file, pointer=pointer))

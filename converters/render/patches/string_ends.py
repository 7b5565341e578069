"""The ends of what citeproc-py renders: a string, or a MixedString (a
list of strings, nested), read without joining the whole text (a group's
text grows as it is joined; reading it whole at every seam was slow)."""
from __future__ import annotations


def tail(value, size: int = 64) -> tuple[str, bool]:
    """The end of ``value`` (a string, or citeproc's MixedString: a list of
    strings), at least ``size`` characters of it where it has them, and
    whether that is all of it."""
    if not isinstance(value, list):
        return str(value), True
    pieces: list[str] = []
    length = 0
    for segment in reversed(value):
        piece = str(segment)
        pieces.append(piece)
        length += len(piece)
        if length >= size:
            return "".join(reversed(pieces)), False
    return "".join(reversed(pieces)), True


def last_character(value) -> str:
    """The last character of a string or MixedString ('' when empty)."""
    if not isinstance(value, list):
        return str(value)[-1:]
    for segment in reversed(value):
        piece = str(segment)
        if piece:
            return piece[-1]
    return ""


def first_character(value) -> str:
    """The first character of a string or MixedString ('' when empty)."""
    if not isinstance(value, list):
        return str(value)[:1]
    for segment in value:
        piece = str(segment)
        if piece:
            return piece[0]
    return ""

"""The publications page's display rules, shared by the reader and the writer.

Observed on the page the project was born from: an abstract longer than 140
UTF-8 bytes is cut there (never inside a character) and the page inserts
``… (see more)`` at the cut, keeping the rest of the text after it; an author
list of more than 20 lines shows 19 names, the 19th followed by
``… (see N more)``, then some (not always all) of the hidden names.
"""
from __future__ import annotations

import re

ABSTRACT_MARKER = re.compile(r"(?:…|\.\.\.) \(see more\)")
AUTHOR_MARKER = re.compile(r"\s*(?:…|\.\.\.)\s*\(see (?:(\d+) )?more\)\s*$")
HEADING = re.compile(r"^publications:?$", re.IGNORECASE)

ABSTRACT_CUT_BYTES = 140   # the cut counts UTF-8 bytes, never splitting a character
AUTHORS_SHOWN = 20         # lines of the author list, the marker's line included
SEE_MORE = "… (see more)"


def author_marker(text: str):
    """The "… (see N more)" that ends a line, if any; only the line's tail is
    searched, so a megabyte-long line costs nothing here."""
    return AUTHOR_MARKER.search(text, max(0, len(text) - 64))


def cut(text: str, limit: int = ABSTRACT_CUT_BYTES) -> str:
    """The longest head of ``text`` that fits ``limit`` UTF-8 bytes."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def mid_line_marker(text: str) -> bool:
    """The page's own cut: the marker with the rest of the text after it
    (bibconv's clean page only ever puts one at the end of a line)."""
    match = ABSTRACT_MARKER.search(text)
    return bool(match and text[match.end():].strip())

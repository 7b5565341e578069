"""Sorting: keys compared as a reader would, accents aside ("Jönsson"
before "Juve", as citeproc-js's locale collation does; citeproc-py compares
code points and puts "ö" after "z").  No fixture covers it; ACM on the
JATS references ("Jönsson" and "Juve") does."""
from __future__ import annotations

import threading
import unicodedata

from ..richtext import strip_marks

_STATE = threading.local()


def active() -> bool:
    """Whether sort keys are being rendered (citeproc-py does not always
    pass its sort options down, through cs:substitute and cs:choose)."""
    return getattr(_STATE, "depth", 0) > 0


def collation_key(value):
    if not isinstance(value, str) or value.isascii():
        return value
    value = strip_marks(value)  # rich text sorts by its text
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def install() -> None:
    from citeproc import model

    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        _STATE.depth = getattr(_STATE, "depth", 0) + 1
        try:
            keys = original(self, items, context)
        finally:
            _STATE.depth -= 1
        return [collation_key(key) for key in keys]

    model.Key.sort_keys = sort_keys

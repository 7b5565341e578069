"""Sorting: keys compared as a reader would, accents aside ("Jönsson"
before "Juve", as citeproc-js's locale collation does; citeproc-py compares
code points and puts "ö" after "z")."""
from __future__ import annotations

import unicodedata


def collation_key(value):
    if not isinstance(value, str) or value.isascii():
        return value
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def install() -> None:
    from citeproc import model

    original = model.Key.sort_keys

    def sort_keys(self, items, context):
        return [collation_key(key) for key in original(self, items, context)]

    model.Key.sort_keys = sort_keys

"""Whose abstract is it?  A title's words recur in its abstract.

A name-shaped line between an entry's title and the abstract further down
("Kar Wei Ng" after "Wurtzite-Phased InP Micropillars ...", before an
abstract on InP micropillars) is one more author when the title above shares
the abstract's words and the line shares none; a name-like title
("Scanning Quantum Dot Microscopy") starts its own entry when its words are
the abstract's and the title above has none of them.  A careful reader does
the same: the abstract tells which title it belongs to.
"""
from __future__ import annotations

import re

from . import lexicon

_WORD = re.compile(r"[^\W\d_]{4,}")
# A word this common in some language is a function word ("with", "from",
# "über"), which tells nothing about a topic.
_FUNCTION_WORD = 5.5
# Words compared by their first letters, so that "micropillars" finds "micropillar".
_STEM = 6
ABSTRACT_HEAD = 3000  # an abstract's topic is in its first sentences


def content_words(text: str) -> set[str]:
    return {w.lower()[:_STEM] for w in _WORD.findall(text)
            if lexicon.ordinary_frequency(w) < _FUNCTION_WORD}


def shared(line: str, abstract_words: set[str]) -> int:
    """How many of ``line``'s content words its abstract uses."""
    return len(content_words(line) & abstract_words)

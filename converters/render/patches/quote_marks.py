"""Marks left in the rendered text for finishing.py, where citeproc-js
moves or merges punctuation differently next to quotes: after a bracketed
quote a group or macro ends with (NESTED_QUOTE), and before a value that
begins with a comma or period (VALUE).  RICH is what, inside a quoted
text, makes citeproc-js read it as rich text, so that no mark moves in."""
from __future__ import annotations

import re

from .string_ends import last_character, tail

# What in a quoted text makes citeproc-js read it as rich text (quotes,
# apostrophes, markup marks): its suffix then meets the enclosing one
# outside the text, in their order (neural-plasticity: “Hemingway’s style
# and Jake’s narration,.”).
RICH = re.compile("['’‘\"“”\ue010-\ue01c<]")

# Put after a group's or macro's text that ends in a quote closed and the
# quoted element's own suffix of closing brackets ("(“Coll”)"): citeproc-js
# moves the next mark printed after it, the group's or macro's parent's
# (a delimiter, prefix or suffix), into the quote: "(“Coll,”) 1968", where
# a delimiter beside the quoted element itself stays out.  Finishing moves
# it and removes the mark (finishing.nested_quote_marks).
NESTED_QUOTE = "\ue026"
_BRACKETED_QUOTE = re.compile(r"[”»][)\]]+$")


def mark_nested_quote(text):
    """``text`` (a group's or macro's) with NESTED_QUOTE after it where it
    ends in a quote and its quoted element's brackets."""
    if last_character(text) not in ")]" or _BRACKETED_QUOTE.search(tail(text, 8)[0]) is None:
        return text
    if isinstance(text, list) and _nocase_in_quote(text):
        return text  # a nocase span leaves no mark: rich text, the mark stays out
    return text + NESTED_QUOTE


def _nocase_in_quote(value) -> bool | None:
    """Whether a nocase part of ``value`` (a MixedString) comes after its
    last opening quote; None where no opening quote was met."""
    from citeproc.string import NoCase

    for segment in reversed(value):
        if isinstance(segment, list):
            found = _nocase_in_quote(segment)
            if found is not None:
                return found
        elif isinstance(segment, NoCase) and str(segment):
            return True
        elif "“" in str(segment) or "«" in str(segment):
            return False
    return None


# Put before a cs:text value that begins with a comma or period and has
# more (", in "): citeproc-js moves no value's mark into a quote before it
# ("“Title”, in C"), nor merges its comma ("Ed,, x"); a period after a
# period is still merged ("Ed. x", "“Ed.” x").  Finishing does that and
# removes the mark (finishing.value_marks).
VALUE = "\ue025"

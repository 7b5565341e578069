"""Initials as citeproc-js makes them.  A given name is read as words and
initials: a part ending in a period ("Ph.", "Me.") or a lone capital is
already an initial and is kept as written; other words are cut to their
first letter ("John" -> "J", "ME" -> "M", "TSerendorjiin" -> "Ts" for a
two-letter capital) unless ``initialize="false"``; a lower-case part after
a hyphen is dropped ("Guo-ping" -> "G").  The initialize-with mark follows
each initial; words stand apart by a space.  citeproc-py cut every part to
one letter ("Ph." -> "P").  initialize="false", which keeps words whole,
is names._patch_initialize's: it calls :func:`initialize` with
``words_too=False``.  (name_InitialsInitializeTrue, ...TrueEmpty,
...TruePeriod, ...TruePeriodSpace, name_InitialsInitializeFalse,
...FalseEmpty, ...FalsePeriod, ...FalsePeriodSpace, name_LongAbbreviation,
name_LowercaseSurnameSuffix)
"""
from __future__ import annotations

import re
from functools import lru_cache


def _tokens(given: str) -> list[tuple[str, bool, bool]]:
    """(text, is an initial, follows a hyphen) for each part of a given name."""
    out = []
    for chunk in given.split():
        for position, part in enumerate(chunk.split("-")):
            for index, piece in enumerate(re.findall(r"[^.]+\.?", part)):
                text = piece.rstrip(".").strip()
                if text:
                    initial = piece.endswith(".") or (len(text) == 1 and text.isupper())
                    out.append((text, initial, position > 0 and index == 0))
    return out


def _first_letter(word: str) -> str:
    if len(word) > 2 and word[:2].isupper() and word[2:].islower():
        return word[0] + word[1].lower()  # a digraph initial: "TSerendorjiin" -> "Ts"
    return word[0]


@lru_cache(maxsize=4096)  # a given name recurs across entries and renders
def initialize(given: str, mark: str, *, words_too: bool = True, hyphen: bool = True) -> str:
    out = ""
    for text, initial, after_hyphen in _tokens(given):
        if not initial and words_too:
            if not text[0].isupper():
                if after_hyphen:
                    continue  # "Guo-ping" -> "G"
            else:
                text, initial = _first_letter(text), True
        if after_hyphen and hyphen and out:
            out = out.rstrip() + "-"
        elif not initial and out and not out.endswith(" "):
            out += " "
        out += text + (mark if initial else " ")
    return out.strip()


def install() -> None:
    from citeproc import model

    def name_initialize(self, given, mark, context):
        hyphen = self.get_option("initialize-with-hyphen", context)
        return initialize(str(given), mark, hyphen=bool(hyphen))

    # initialize="false" (the cs:name's own or inherited) has one owner,
    # names._patch_initialize: two patches punctuated the initials twice
    # ("J--R--R-" with initialize-with="-")
    model.Name.initialize = name_initialize

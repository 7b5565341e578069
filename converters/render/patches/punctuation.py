"""A suffix's punctuation mark is not doubled across closing markup:
"<b>Doe Co.</b>" with suffix "." stays "<b>Doe Co.</b>", as citeproc-js
prints it; citeproc-py compares the seam's last character, which is the
tag's ">".  (bugreports_AsmJournals, bugreports_ContentPunctuationDuplicate1,
punctuation_FieldDuplicates, bugreports_UndefinedNotString,
name_SubstituteInheritLabel; with the one below, 7 fixtures)
"""
from __future__ import annotations

import re

_CLOSING = re.compile(r"(?:</[a-z]+>)+$")


def install() -> None:
    from citeproc import model, string

    seam_punctuation, strip_first = string.SEAM_PUNCTUATION, string._strip_first_char

    def normalize_seam(left, other):
        # citeproc-py's normalize_seam with the closing markup looked
        # through; only the seam's ends are read, not the whole text (the
        # text of a group grows as it is joined: reading it whole at every
        # seam cost a twentieth of the rendering), and only its last
        # character unless that closes markup
        last = _last_character(left)
        if last == ">":
            text, whole = _tail(left)
            closed = _CLOSING.search(text)
            if closed is not None and closed.start() < 32 and not whole:
                # the run of closing tags may begin before the end read: read all
                text, whole = str(left), True
                closed = _CLOSING.search(text)
            if closed is not None and closed.start() > 0:
                first = _first_character(other)
                if first == text[closed.start() - 1] and first in seam_punctuation:
                    return strip_first(other)
        first = _first_character(other)
        if not last or not first:
            return other
        if (last == " " and first == " ") or (last == first and first in seam_punctuation):
            return strip_first(other)
        return other

    string.normalize_seam = normalize_seam
    model.normalize_seam = normalize_seam
    install_right_inline()
    install_literal_punctuation()


def _tail(value, size: int = 64) -> tuple[str, bool]:
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


def _last_character(value) -> str:
    """The last character of a string or MixedString ('' when empty)."""
    if not isinstance(value, list):
        return str(value)[-1:]
    for segment in reversed(value):
        piece = str(segment)
        if piece:
            return piece[-1]
    return ""


def _first_character(value) -> str:
    """The first character of a string or MixedString ('' when empty)."""
    if not isinstance(value, list):
        return str(value)[:1]
    for segment in value:
        piece = str(segment)
        if piece:
            return piece[0]
    return ""


def install_right_inline() -> None:
    """The right-inline part of an aligned entry ends without the spaces
    the layout's suffix left (citeproc-js trims them; an entry without a
    margin keeps them).  (variables_ContainerTitleShort,
    variables_ContainerTitleShort2)"""
    from . import display

    original = display.mark

    def mark(kind: str, text) -> str:
        return original(kind, str(text).rstrip(" ") if kind == "right-inline" else text)

    display.mark = mark


# Put before the punctuation a cs:text value prints; finishing removes it.
LITERAL = "\ue020"
_PUNCTUATION_ONLY = re.compile(r"[.,;:!?]+")


def install_literal_punctuation() -> None:
    """Punctuation a style prints as a value (``<text value="."/>``) is
    never merged with what comes before it: citeproc-js merges only
    affixes with each other and with field text, so a title "Ed." followed
    by a value "." prints "Ed..", and two values "." print ".."
    (universitat-heidelberg-medizinische-fakultat-mannheim-numeric ends
    its entries that way).  citeproc-py collapses every seam; the value is
    marked so its seam is left alone.  (no fixture changes)"""
    from citeproc import model

    process = model.Text.process

    def text_process(self, item, context=None, **kwargs):
        text, language = process(self, item, context=context, **kwargs)
        value = self.get("value")
        if value and _PUNCTUATION_ONLY.fullmatch(value) and not any(
                key in self.attrib for key in ("variable", "macro", "term")):
            text = type(text)(LITERAL) + text if text is not None else text
        return text, language

    model.Text.process = text_process

"""Formatting set back to normal, in HTML as citeproc-js prints it.

A style's explicit ``font-style``, ``font-variant`` or ``font-weight`` of
``normal`` prints a ``<span style="font-variant:normal;">`` where an
enclosing element sets that property (escuela's small-caps authors with a
normal "et al."), and nothing elsewhere.  The formatting patch writes the
span wherever the style asks for normal; :func:`needed_resets` keeps the
ones inside an element they set back."""
from __future__ import annotations

import re

RESET = '<span style="{}:normal;">'
_TAG = re.compile(r"<[^>]*>")
_RESET = re.compile(r'<span style="(font-style|font-variant|font-weight):normal;">')
# the tags citeproc-py's HTML formatter writes, and the property each sets
_SETS = {"<i>": "font-style", "<b>": "font-weight",
         '<span style="font-variant:small-caps;">': "font-variant"}
_VOID = re.compile(r"<(?:br|hr|wbr|img)\b|<[^>]*/>")


def needed_resets(text: str) -> str:
    """``text`` without the reset spans that sit in no element setting
    their property."""
    if ':normal;">' not in text:
        return text
    out: list[str] = []
    open_tags: list[tuple[str | None, bool]] = []  # (property it sets, kept)
    end = 0
    for tag in _TAG.finditer(text):
        out.append(text[end:tag.start()])
        end = tag.end()
        written = tag.group(0)
        if _VOID.match(written):
            out.append(written)  # opens nothing
            continue
        if written.startswith("</"):
            kept = open_tags.pop()[1] if open_tags else True
            if kept:
                out.append(written)
            continue
        reset = _RESET.fullmatch(written)
        if reset is None:
            open_tags.append((_SETS.get(written), True))
            out.append(written)
            continue
        kept = any(sets == reset.group(1) for sets, _ in open_tags)
        open_tags.append((None, kept))
        if kept:
            out.append(written)
    out.append(text[end:])
    return "".join(out)

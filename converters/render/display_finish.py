"""Display parts (``display`` on a layout's children, marked by
patches.display) finished for each output: citeproc-js's divisions in HTML,
spaces in text and Markdown."""
from __future__ import annotations

import re

# the space a display part adds in text, none before punctuation
_DISPLAY_SPACE = re.compile("\ue004+(?=[.,;:!?)])")


_DISPLAY = re.compile("\ue000([\\w-]+)\ue001(.*?)\ue002", re.S)
# a display part's end, then the punctuation mark a next text begins with
_MARK_AFTER = re.compile("\ue002([.,;:!?])")
# end tags and the data's closing marks at the end of a part's text
_ENDING = re.compile("(?:</[a-z]+>|[\ue011\ue013\ue015\ue017\ue019])*$")


def displays(text: str, output: str) -> str:
    """Parts marked with a display (patches.display): citeproc-js's
    divisions in HTML; in text, a space after a left margin and a blank
    between blocks."""
    if "\ue000" not in text:
        return text
    if output == "html":
        if _MARK_AFTER.search(text):
            text = _marks_into_parts(text)
        return _DISPLAY.sub(lambda m: f'<div class="csl-{m.group(1)}">{m.group(2)}</div>', text)
    text = _DISPLAY.sub(_display_in_text, text)
    return _DISPLAY_SPACE.sub("", text).replace("\ue004", " ").strip()


def _marks_into_parts(text: str) -> str:
    """The punctuation mark a text after a display part begins with (a
    prefix's) moved into the part's division, merged with its last mark as
    citeproc-js merges them: '<div class="csl-block">T.</div> P' and
    '<div class="csl-block"><i>U?</i></div> P' for a next prefix ". "."""
    from .patches.punctuation import merge_marks

    out, start = [], 0
    for found in _MARK_AFTER.finditer(text):
        body, mark = text[start:found.start()], found.group(1)
        ending = _ENDING.search(body)
        cut = ending.start() if ending is not None else len(body)  # (it always matches)
        inner, tags = body[:cut], body[cut:]
        if not inner or not text[found.end():].strip():  # (the layout's suffix stays out)
            out.append(body + found.group(0))
        else:
            merged = merge_marks(inner, mark)
            if merged == inner + mark and tags:
                inner, tags = inner, tags + mark  # not merged: after the formatting
            else:
                inner = merged
            out.append(inner + tags + "\ue002")
        start = found.end()
    out.append(text[start:])
    return "".join(out)


# A space the left margin's text ends with, kept through the spaces tidied
# after in text output (citeproc-js prints the margin as it is, then a
# space: "1.  Doe" where the number's suffix is ". ").
KEPT_SPACE = "\ue021"


def tidy_spaces(text: str, output: str) -> str:
    """Text and Markdown after displays: runs of spaces as one, the left
    margin's kept space printed in text only (Markdown keeps one space:
    the margin's own is citeproc-js's text output).  HTML as it is."""
    if output == "html":
        return text
    return " ".join(text.split()).replace(KEPT_SPACE, " " if output == "text" else "")


def _display_in_text(found) -> str:
    kind, text = found.group(1), found.group(2)
    if kind == "right-inline":
        return text
    if kind == "left-margin":
        kept = text.rstrip(" ")
        text = kept + KEPT_SPACE * (len(text) - len(kept))
    return f"\ue004{text}\ue004"

"""Display parts (``display`` on a layout's children, marked by
patches.display) finished for each output: citeproc-js's divisions in HTML,
spaces in text and Markdown."""
from __future__ import annotations

import re

# the space a display part adds in text, none before punctuation
_DISPLAY_SPACE = re.compile("\ue004+(?=[.,;:!?)])")


_DISPLAY = re.compile("\ue000([\\w-]+)\ue001(.*?)\ue002", re.S)


def displays(text: str, output: str) -> str:
    """Parts marked with a display (patches.display): citeproc-js's
    divisions in HTML; in text, a space after a left margin and a blank
    between blocks."""
    if "\ue000" not in text:
        return text
    if output == "html":
        return _DISPLAY.sub(lambda m: f'<div class="csl-{m.group(1)}">{m.group(2)}</div>', text)
    text = _DISPLAY.sub(_display_in_text, text)
    return _DISPLAY_SPACE.sub("", text).replace("\ue004", " ").strip()


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

"""Display: the ``display`` attribute and the bibliography's
second-field-align, which citeproc-py ignores.

Without them the citation number runs into the text ("(1)Krishna" where
citeproc-js and pandoc print "(1) Krishna") and an indented abstract runs
into the entry.  Rendering marks each displayed part with private-use
characters, ``\\ue000KIND\\ue001text\\ue002``; display_finish.displays turns the
marks into citeproc-js's ``<div class="csl-KIND">`` (HTML) or spacing
(text).  second-field-align makes the layout's first rendered child the
left margin and the rest, with the layout's suffix, the right-inline part.
(display_DisplayBlock, display_SecondFieldAlignClone,
display_SecondFieldAlignMigratePunctuation, magic_SecondFieldAlign,
bugreports_DuplicateSpaces, bugreports_IeeePunctuation, bugreports_UndefinedStr,
sort_DateMacroSortWithSecondFieldAlign)
"""
from __future__ import annotations

import re

START, MIDDLE, END = "\ue000", "\ue001", "\ue002"


def mark(kind: str, text) -> str:
    return f"{START}{kind}{MIDDLE}{text}{END}"


def install() -> None:
    from citeproc import model

    for cls in (model.Text, model.Group, model.Names, model.Date, model.Number):
        _mark_display(cls)
    original = model.Layout.render_bibliography

    def render_bibliography(self, citation_items):
        aligned = bool(self.getparent().get("second-field-align"))
        if not aligned and not _first_child_displays(self):
            return [_leftward(str(text)) if START in str(text) else text
                    for text in original(self, citation_items)]
        output_items = []
        for item in citation_items:
            self.repressed = {}
            parts, last = _render_parts(self, item, model)
            if parts:
                text = _aligned(self, parts) if aligned else _affixes_inside(self, parts, last)
                output_items.append(self.format(text))
        return output_items

    model.Layout.render_bibliography = render_bibliography


def _mark_display(cls) -> None:
    from .hooks import after_render

    def displayed(self, text, item, kwargs):
        if text is None or START in str(text):
            return text
        return mark(self.get("display"), text)

    after_render(cls, displayed, _displays)


# what citeproc-js sees through between an element and its layout
_TRANSPARENT = ("choose", "if", "else-if", "else")


def _displays(element) -> bool:
    """citeproc-js honours ``display`` only on the layout's own children,
    a cs:choose's branches included: inside a group, a macro or another
    display it prints nothing of it ("Doe, Alpha" for a left margin with
    suffix ", " in a group)."""
    if not element.get("display"):
        return False
    parent = element.getparent()
    while parent is not None and parent.tag.rpartition("}")[2] in _TRANSPARENT:
        parent = parent.getparent()
    return parent is not None and parent.tag.rpartition("}")[2] == "layout"


def _first_child_displays(layout) -> bool:
    """citeproc-js moves the layout's suffix onto the last part printed
    only when the layout's first child has a display (its
    ``using_display``, set by the first element of the bibliography's
    layout)."""
    first = next((c for c in layout.iterchildren() if isinstance(c.tag, str)), None)
    return first is not None and bool(first.get("display"))


def _render_parts(layout, item, model) -> tuple[list, object]:
    """What each of the layout's children prints, those printing nothing
    left out (Layout.render_children, unjoined: citeproc-py's strings),
    and the child the layout's suffix goes on (below)."""
    from . import terms
    from .punctuation import begin_entry, end_entry
    from .year_suffix import begin_item

    begin_item()
    begin_entry(item)
    terms.begin_entry(layout)
    output = []
    last = None  # (the child, whether it printed)
    try:
        for child in layout.iterchildren():
            try:
                text = child.render(item)
            except model.VariableError:
                text = None
            if text is not None:
                output.append(text)
            printed = text is not None and str(text) != ""
            if printed or _calls_macro(child) or child.get("display"):
                last = (child, printed)
    finally:
        end_entry()
        terms.end_entry()
    return output, last


def _calls_macro(element) -> bool:
    """A cs:text calling a macro leaves its part in citeproc-js's output
    even when it prints nothing (a variable or group printing nothing
    leaves none, unless it has a display: then its empty division is the
    last part, and the part before keeps its own suffix)."""
    return element.tag.rpartition("}")[2] == "text" and element.get("macro") is not None


def _inside(text: str, prefix: str = "", suffix: str = "") -> str:
    """``text`` with the affixes, inside its display division when it is
    one (as citeproc-js puts a layout's affixes on its first and last
    parts: ``<div class="csl-block">(Alpha</div>``, ``…P.</div>``)."""
    from citeproc.string import normalize_seam

    kind = None
    if text.startswith(START) and text.endswith(END) and MIDDLE in text:
        kind, _, text = text[1:-1].partition(MIDDLE)
    text = prefix + normalize_seam(prefix, text) if prefix else text
    text = text + normalize_seam(text, suffix) if suffix else text
    return mark(kind, text) if kind else text


def _affixes_inside(layout, parts: list, last: tuple | None = None) -> str:
    """A layout whose first child has a display: its prefix goes on the
    first part printed, its suffix on the last, inside their divisions
    (display_DisplayBlock; american-anthropological-association,
    collection-de-l-ecole-francaise-de-rome-full-note).  The parts are
    joined and wrapped by citeproc-py as before (seams, punctuation moved
    into quotes); the last division's end mark is left off while the
    suffix is added, so that the suffix lands inside it.  As citeproc-js
    puts it there, the layout's suffix takes the place of ``last``'s own
    (the last child to leave a part: "Title." for a title with suffix "!"),
    and is lost when that part is a macro call or a display that printed
    nothing (currents-in-biblical-research's entries end without their ". ";
    archaeonautica's keep their period and tab before an empty block)."""
    from citeproc.string import join, normalize_seam

    suffix = layout.get("suffix", "")
    if last is not None and not last[1]:
        suffix = ""
    elif last is not None and not last[0].get("display"):
        parts = _without_own_suffix(parts, last[0].get("suffix", ""))
    text = str(join(parts, ""))
    closed = text.endswith(END) and _segments(text)[-1].startswith(START)
    body = text[:-1] if closed else text
    prefix = layout.get("prefix", "")
    body = prefix + normalize_seam(prefix, body)
    text = body + normalize_seam(body, suffix) + (END if closed else "")
    if prefix and text.startswith(prefix + START):
        head, _, rest = text[len(prefix):].partition(MIDDLE)
        text = head + MIDDLE + prefix + normalize_seam(prefix, rest)
    return _leftward(text)


def _without_own_suffix(parts: list, own: str) -> list:
    """The parts with the last printed one's own suffix taken off (kept
    when punctuation moved it, or it is not found at the end)."""
    index = max((i for i, p in enumerate(parts) if str(p)), default=-1)
    text = str(parts[index]) if index >= 0 else ""
    if not own or not text.endswith(own) or text == own:
        return parts
    return parts[:index] + [text[:-len(own)]] + parts[index + 1:]


_SEGMENT = re.compile(f"({START}[\\w-]+{MIDDLE}.*?{END})", re.S)
_LEADING_PUNCTUATION = re.compile(r"[.,;:!?]+")


def _segments(text: str) -> list[str]:
    """The entry as its divisions and the text between them."""
    return [part for part in _SEGMENT.split(text) if part]


def _leftward(text: str) -> str:
    """citeproc-js's leftward adjustment of an entry's divisions: a
    division's leading punctuation moves to the end of the part before
    (before the division when it is the first: "2006.</div><div …> http"
    where the parts print "2006" and ". http"); its leading spaces go
    when nothing, or a space, is before it; the last division's trailing
    spaces go ("Alpha.</div>" for a part printing "Alpha. ")."""
    parts = _segments(text)
    for i, part in enumerate(parts):
        if not part.startswith(START):
            continue
        kind, _, inner = part[1:-1].partition(MIDDLE)
        found = _LEADING_PUNCTUATION.match(inner)
        if found and i:
            parts[i - 1] = _inside(parts[i - 1], suffix=found.group(0))
            parts[i] = mark(kind, inner[found.end():])
        elif found:
            parts[i] = found.group(0) + mark(kind, inner[found.end():])
        elif i == 0 or _unmarked(parts[i - 1]).endswith((" ", "\u00a0")):
            parts[i] = mark(kind, inner.lstrip(" \u00a0"))
    if parts and parts[-1].startswith(START):
        # the last division's trailing spaces end the entry: they go
        kind, _, inner = parts[-1][1:-1].partition(MIDDLE)
        parts[-1] = mark(kind, inner.rstrip(" "))
    return "".join(parts)


def _unmarked(part: str) -> str:
    return part[1:-1].partition(MIDDLE)[2] if part.startswith(START) else part


def _aligned(layout, parts: list) -> str:
    """second-field-align: the first part printed is the left margin (its
    own display given way: citeproc-js has no other there); the rest, with
    the layout's suffix, the right-inline part."""
    from citeproc.string import join, normalize_seam

    if len(parts) == 1:
        # the first part is the whole entry (a group of everything): no
        # right-inline part, and the layout's suffix goes with it; its
        # prefix opens the margin, as citeproc-js prints it ("[2. Doe. Alpha")
        return mark("left-margin", layout.get("prefix", "") + _undisplayed(str(parts[0])))
    # the layout's prefix opens the margin, its suffix ends the rest, as
    # citeproc-js puts them ("[1] " for prefix "[" and a number's "] ")
    prefix = layout.get("prefix")
    margin = _undisplayed(str(parts[0]))
    if prefix:
        margin = prefix + normalize_seam(prefix, margin)
        del layout.attrib["prefix"]
    try:
        rest = str(layout.wrap(join(parts[1:], "")))
    finally:
        if prefix:
            layout.set("prefix", prefix)
    margin = mark("left-margin", margin)
    return margin + (rest if START in rest else mark("right-inline", rest))


def _undisplayed(text: str) -> str:
    """A part without its own display division."""
    if text.startswith(START) and text.endswith(END) and MIDDLE in text:
        return text[1:-1].partition(MIDDLE)[2]
    return text

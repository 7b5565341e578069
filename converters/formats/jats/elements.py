"""JATS elements both ways: finding children, reading text and emphasis
(as CSL rich text), and writing elements with text or emphasis."""
from __future__ import annotations

import re

from ...model import strip_markup
from ...xmlsafe import local, text_of

XLINK = "http://www.w3.org/1999/xlink"
MML = "http://www.w3.org/1998/Math/MathML"


def _named(tag, names) -> bool:
    # most JATS is in no namespace: compare the tag itself before splitting
    return isinstance(tag, str) and (tag in names or (tag[:1] == "{" and local(tag) in names))


def kids(element, *names):
    return [c for c in element if _named(c.tag, names)]


def kid(element, *names):
    for child in element:
        if _named(child.tag, names):
            return child
    return None


def last_line(element) -> int | None:
    """The last line an element's content reaches (for a record's origin)."""
    last = element.sourceline
    for child in element.iter():
        if isinstance(child.sourceline, int):
            last = max(last or 0, child.sourceline)
    return last


def text_in(element) -> str | None:
    if element is None:
        return None
    value = text_of(element)
    return value or None


# JATS emphasis <-> CSL rich text (what citeproc-js and pandoc read)
_RICH_READ = {"italic": ("<i>", "</i>"), "bold": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"),
              "sub": ("<sub>", "</sub>"),
              "sc": ('<span style="font-variant:small-caps;">', "</span>")}


def rich(element) -> str | None:
    """An element's text as CSL rich text: <italic>, <bold>, <sup>, <sub>
    and <sc> become CSL's <i>, <b>, <sup>, <sub> and small-caps span, a
    <named-content content-type="nocase"> CSL's nocase span; other markup
    keeps its words."""
    from lxml import etree

    if element is None:
        return None
    parts: list[str] = []

    def walk(node, top: bool):
        if isinstance(node, etree._Entity):
            parts.append(node.tail or "")
            return
        tag = local(node.tag)
        opening, closing = ("", "")
        if not top:
            if tag in _RICH_READ:
                opening, closing = _RICH_READ[tag]
            elif tag == "named-content" and node.get("content-type") == "nocase":
                opening, closing = '<span class="nocase">', "</span>"
        parts.append(opening)
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child, False)
        parts.append(closing)
        if not top and node.tail:
            parts.append(node.tail)

    walk(element, True)
    value = re.sub(r"[ \t\r\n]+", " ", "".join(parts))
    # markup around nothing, and layout space at either end, is not content
    value = re.sub(r"<(i|b|sup|sub)>(\s*)</\1>|<span[^>]*>(\s*)</span>",
                   lambda m: m.group(2) or m.group(3) or "", value)
    return strip_edges(value) or None


def strip_edges(value: str) -> str:
    """Strip spaces at the ends of rich text, also just inside its tags."""
    value = value.strip()
    value = re.sub(r"^((?:<[^>]+>)+)\s+", r"\1", value)
    return re.sub(r"\s+((?:</[^>]+>)+)$", r"\1", value)


def sub(parent, tag: str, text: str | None = None, **attributes):
    from lxml import etree

    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v
                                             for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = plain(text)
    return element


def plain(value) -> str:
    # CSL rich text markup where JATS holds no emphasis: its words
    return strip_markup(value)


# CSL rich text -> JATS emphasis (the reverse of _RICH_READ)
_RICH_TOKEN = re.compile(r'<(/?)(i|b|sup|sub)>|<span\s+style="\s*font-variant:\s*small-caps;?\s*"'
                         r'\s*>|<span\s+class="nocase"\s*>|</span>')
_RICH_WRITE = {opening[1:-1]: tag for tag, (opening, _) in _RICH_READ.items()
               if not opening.startswith("<span")}


def sub_rich(parent, tag: str, value, **attributes):
    """An element holding CSL rich text as JATS emphasis; markup that does
    not nest properly is written as plain words."""
    from lxml import etree

    element = sub(parent, tag, **attributes)
    value = str(value)
    stack, kinds, position = [element], [], 0

    def add(text):
        if not text:
            return
        current = stack[-1]
        if len(current):
            current[-1].tail = (current[-1].tail or "") + text
        else:
            current.text = (current.text or "") + text

    for match in _RICH_TOKEN.finditer(value):
        add(value[position:match.start()])
        position = match.end()
        token = match.group(0)
        if match.group(2) and not match.group(1):
            stack.append(etree.SubElement(stack[-1], _RICH_WRITE[match.group(2)]))
            kinds.append(match.group(2))
        elif match.group(2) or token == "</span>":
            kind = match.group(2) or "span"
            if not kinds or kinds[-1] != kind:
                break
            kinds.pop()
            stack.pop()
        else:
            child = (etree.SubElement(stack[-1], "sc") if "small-caps" in token else
                     etree.SubElement(stack[-1], "named-content", {"content-type": "nocase"}))
            stack.append(child)
            kinds.append("span")
    else:
        add(value[position:])
        if not kinds:
            return element
    for child in list(element):
        element.remove(child)
    element.text = plain(value)
    return element


"""A JATS 1.3 Journal Publishing document as the writers make it: the
DOCTYPE, journal-meta, ids XML accepts, no character XML cannot hold, and
indentation that never touches mixed content; and the marks the writers
leave for the readers."""
from __future__ import annotations

import re

from ...diagnostics import make
from ...model import Record
from ...xmlsafe import local
from .elements import MML, XLINK, sub

# Facts CSL keeps in "custom" that JATS has no element for travel in
# <annotation content-type="bibconv:KEY"> (references) or <custom-meta>
# named so (front matter); a value that is not text is JSON.
CUSTOM_PREFIX = "bibconv:"
# custom-meta carrying, as JSON, the CSL variables the front matter's
# elements cannot give back exactly
EXACT_META = "bibconv-exact"

DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with '
           'MathML3 v1.3 20210610//EN" "JATS-journalpublishing1-3-mathml3.dtd">')

_XML_ID = re.compile(r"^[A-Za-z_][\w.-]*$")


def xml_id(value: str) -> str:
    """An id that XML accepts (a letter first; letters, digits, . - _)."""
    cleaned = re.sub(r"[^\w.-]", "-", value)
    return cleaned if _XML_ID.match(cleaned) else "r" + cleaned


# Characters XML 1.0 cannot hold at all (C0 controls but tab and line
# breaks, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(record: Record, diagnostics: list, label: str) -> dict:
    """The record's data without the characters XML cannot hold, each field
    that held one reported."""
    def clean(value, pointer: str):
        if isinstance(value, str):
            if _NOT_XML.search(value):
                found = sorted({f"U+{ord(c):04X}" for c in _NOT_XML.findall(value)})
                diagnostics.append(make(
                    "character-dropped", f"{label} cannot hold {', '.join(found)}; left out "
                    f"of {pointer!r}", file=record.origin.file,
                    line=record.origin.line_of(pointer.split("/")[1]), record=record.id,
                    pointer=pointer))
                return _NOT_XML.sub("", value)
            return value
        if isinstance(value, dict):
            return {k: clean(v, f"{pointer}/{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v, f"{pointer}/{i}") for i, v in enumerate(value)]
        return value

    return {key: clean(value, f"/{key}") for key, value in record.data.items()}


# The writer's ref-list documents say what they are, so that reading one
# back (bibconv validate) does not take the placeholder front matter for an
# article of its own.
REF_LIST_MARK = "bibconv-ref-list"


_INLINE = frozenset({"italic", "bold", "sup", "sub", "sc", "named-content"})


def _indent(element, level: int = 0) -> None:
    """Indent the structure, never mixed content: whitespace between two
    <italic>s is a space a reader would keep (lxml's indent adds it)."""
    children = list(element)
    if not children or (element.text or "").strip() or any(
            local(c.tag) in _INLINE or (c.tail or "").strip() for c in children):
        return
    step = "\n" + "  " * (level + 1)
    element.text = step
    for child in children:
        _indent(child, level + 1)
        child.tail = step
    children[-1].tail = "\n" + "  " * level


def document(front_builder, back_builder=None, specific_use: str | None = None) -> str:
    from lxml import etree

    attributes = {"dtd-version": "1.3", "article-type": "other"}
    if specific_use:
        attributes["specific-use"] = specific_use
    article = etree.Element("article", attributes, nsmap={"xlink": XLINK, "mml": MML})
    front = sub(article, "front")
    front_builder(front)
    if back_builder is not None:
        back_builder(sub(article, "back"))
    _indent(article)
    body = etree.tostring(article, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{body}\n'


def journal_meta(front, data: dict | None = None) -> None:
    """journal-meta as Journal Publishing requires it: journal-id and issn
    must be there; when the record has none, they stay empty rather than
    invented."""
    data = data or {}
    meta = sub(front, "journal-meta")
    sub(meta, "journal-id", "", journal_id_type="publisher-id")
    if data.get("container-title"):
        group = sub(meta, "journal-title-group")
        sub(group, "journal-title", data["container-title"])
    # one <issn> holding the value as given ("0010-4620 (print), 1460-2067")
    sub(meta, "issn", str(data.get("ISSN") or ""))
    if data.get("publisher"):
        publisher = sub(meta, "publisher")
        sub(publisher, "publisher-name", data["publisher"])

"""Parsing XML that may be hostile: no entity expansion, no DTD loading, no
network, no external resources, bounded depth (libxml2's default of 256 when
huge_tree is off) and size.  An XXE reference, a "billion laughs" or
quadratic-blowup entity, or a DOCTYPE naming a remote DTD is left
unexpanded and unfetched; the document reads as if they were not there."""
from __future__ import annotations

import re

from .diagnostics import make

MAX_BYTES = 64 * 1024 * 1024


def parse(text: str, source: str | None):
    """(root element or None, diagnostics)."""
    from lxml import etree

    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        return None, [make("input-unreadable", f"XML larger than {MAX_BYTES // 2**20} MiB; "
                           "not read", file=source)]
    def parser(recover: bool):
        return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                               dtd_validation=False, huge_tree=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True, recover=recover)

    try:
        root = etree.fromstring(data, parser(False))
    except etree.XMLSyntaxError as exc:
        line, column = (exc.position if exc.position else (exc.lineno, None))
        message = str(exc.msg or exc).split(", line ")[0]
        if "amplification" in message:
            message = f"entity expansion refused, it would blow up ({message})"
        problem = make("syntax-error", f"not well-formed XML: {message}", file=source,
                       line=line or None, column=column or None)
        if "amplification" in message:
            return None, [problem]
        # Read on past the break, as far as libxml2 can make sense of it, so
        # that the references before it are not lost.
        try:
            root = etree.fromstring(data, parser(True))
        except etree.XMLSyntaxError:
            root = None
        return root, [problem]
    if root is None:
        return None, [make("input-empty", "the XML document has no root element", file=source)]
    return root, list(_entity_notes(root, source))


def _entity_notes(root, source: str | None):
    """Say once that entity references were left unexpanded."""
    from lxml import etree

    for node in root.iter(etree.Entity):
        yield make("entity-unexpanded", f"entity reference {node.text} was left "
                   "unexpanded (entities are never expanded, for safety)", file=source,
                   line=node.sourceline)
        return


def local(tag) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(element) -> str:
    """The text of an element and its descendants, whitespace collapsed;
    unexpanded entities contribute nothing."""
    from lxml import etree

    parts = []

    def walk(node):
        if isinstance(node, etree._Entity):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    # Collapse layout whitespace only: a no-break space is content.
    return re.sub(r"[ \t\r\n]+", " ", "".join(parts)).strip()

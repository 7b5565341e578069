"""The articles a JATS file holds, and what the chunks of a streamed file
share (converters.scale.xml_streams): one article, or many in a
``<pmc-articleset>`` (PMC's efetch and OAI), an OAI-PMH response or any
other dump; each is read as a file of its own would be."""
from __future__ import annotations

from ...ids import IdAllocator
from ...xmlsafe import local


def articles_in(root) -> list:
    """The root when it is an <article>; else every <article> below it that
    no other <article> holds; else the root (a bare <ref-list>)."""
    if local(root.tag) == "article":
        return [root]
    found = []
    for element in root.iter("{*}article"):
        if not any(local(a.tag) == "article" for a in element.iterancestors()):
            found.append(element)
    return found or [root]


def shared_ids(text: str):
    """The id allocator of the file a streamed chunk is part of, or a new one."""
    return getattr(text, "ids", None) or IdAllocator()


def is_part(text: str) -> bool:
    """The text is a chunk of a longer file: decisions about the whole
    document are not made on it."""
    return bool(getattr(text, "part", False))


def in_pieces(reader, text: str, source: str | None, diagnostics: list, **options):
    """A streamed chunk that does not parse, read a record at a time
    (converters.scale.xml_streams); None for any other text."""
    if not getattr(text, "part", False):
        return None
    from ...scale.xml_streams import reread_in_pieces

    return reread_in_pieces(reader, text, source, diagnostics, **options)


def long_read(reader, text: str, source: str | None, records: tuple[str, ...],
              skip: tuple[str, ...], **options):
    """A whole document past libxml2's line limit read in cut chunks, so
    that its lines are true (converters.scale.xml_streams.read_long); None
    for any other text."""
    from ...scale.xml_streams import read_long

    return read_long(reader, text, source, frozenset(records), frozenset(skip), **options)

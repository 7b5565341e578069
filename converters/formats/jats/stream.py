"""JATS in streams (converters.scale.xml_streams): ``jats`` is read cut
after a <ref> or an <article> (a huge reference list, a <pmc-articleset>),
``jats-article`` after an <article>.

``jats`` is written in streams too: its document is a constant front (the
placeholder front matter the writer gives every reference list) and a
<ref-list> whose <ref>s are indented alike, so each batch's <ref>s, cut
out of the writer's own document, join into the very document a whole
write makes.  Its XML ids are unique across batches (the sink lends the
writer one store of them); the parts of several shards joined into one
output are made unique at the join (RefsFrame.ids, see
converters.scale.shards.assemble).  ``jats-article`` writes one document a record (a folder of
files), which batches cannot be joined into: it is read only."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...scale.streams import Frame
from ...scale.xml_streams import xml_streamer

_OPEN, _CLOSE = "<ref-list>", "</ref-list>"


@dataclass(frozen=True)
class RefsFrame(Frame):
    """A Frame whose body lines that open a record match ``ids`` (bytes),
    its group 1 the record's XML id, which the join keeps unique."""

    ids: re.Pattern | None = None


@lru_cache(maxsize=1)
def _refs_frame_text() -> tuple[str, str, str, str]:
    """(head, tail, empty, opening) of the ref-list writer's document: what
    comes before its first <ref> and after its last (the line break and the
    indentation before </ref-list> included), the document of no record at
    all, and a <ref>'s start tag with its indentation up to its id."""
    from ...model import Record
    from .ref_write import write

    probe = write([Record({"id": "probe", "type": "book", "title": "probe"})]).text
    head = probe[:probe.index(_OPEN) + len(_OPEN)]
    tail = probe[probe.rindex("\n", 0, probe.rindex(_CLOSE)):]
    at = probe.index('"probe"') + 1
    opening = probe[probe.rindex("\n", 0, at) + 1:at]
    return head, tail, write([]).text, opening


def refs_frame(options: dict) -> Frame:
    from .document import xml_id
    from .ref_write import ID_CODES, id_findings

    head, tail, empty, opening = _refs_frame_text()
    # an XML id has no quote: it ends at the first one
    ids = re.compile(re.escape(opening.encode("utf-8")) + rb'([^"]*)"')
    # A <ref>'s id is its record's, made an XML id: the join gives the
    # records' ids as a whole run does, then their XML ids (unique_text).
    return RefsFrame(head=head, tail=tail, empty=empty, cut=(len(head), len(tail)), ids=ids,
                     id_text=xml_id, unique_text=True, id_said=id_findings, id_codes=ID_CODES)


REFS = xml_streamer(records=("ref", "article"), skip=("ref",), frame=refs_frame)
ARTICLES = xml_streamer(records=("article",), skip=("article",))

"""EndNote XML in streams (converters.scale.streams.Streamer): read a
``<record>`` at a time, cut after ``</record>`` by the tag-level cutter of
converters.scale.xml_streams (each chunk a document the EndNote reader
reads as it reads a whole file: safe parsing, lines put back), and written
as it is received: every batch's ``<xml><records>`` document less its head
and tail, the records joined as one document would hold them."""
from __future__ import annotations

import re

from ..scale.streams import Frame, Streamer
from ..scale.xml_streams import xml_streamer

# what endnote_xml.write puts around the records (lxml's indent, two spaces)
PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n'
HEAD = PROLOG + "<xml>\n  <records>\n"
TAIL = "\n  </records>\n</xml>\n"
EMPTY = PROLOG + "<xml>\n  <records/>\n</xml>\n"


# a record's id is its <label> (unless the record brought a label of its own)
_LABEL = re.compile(rb"      <label>([^<]*)</label>\r?\n")
# a record's further <label>s (kept in custom.endnote) are its own, up to here
_END = re.compile(rb"    </record>")


def _label_text(value: str) -> str:
    # as the writer writes it: one line (endnote_xml._plain), then escaped
    from xml.sax.saxutils import escape

    from .ris.values import one_line

    return escape(one_line(value))


def _own_label(data: dict) -> str | None:
    # the writer's rule (endnote_xml._write_tail): a label the record brought wins
    label = (data.get("custom") or {}).get("label")
    return str(label) if label else None


def _frame(options: dict) -> Frame:
    return Frame(HEAD, "\n", TAIL, EMPTY, (len(HEAD), len(TAIL)), ids=_LABEL,
                 id_text=_label_text, own_line=_own_label, record_end=_END)


# a <record> holds no other record: the cutter jumps to its end tag
STREAMER = Streamer(xml_streamer(records=("record",), skip=("record",)).chunks, _frame)

"""JATS XML: reference lists (``jats``) and article front matter
(``jats-article``).

Reading takes every ``<ref>`` of a document as one record, from its
element-citation (preferred), NLM 2.3 ``<citation>`` or mixed-citation;
tagged parts are used where present and a plain-text citation is read by
its Vancouver-style punctuation otherwise.  ``jats-article`` reads the
article's own ``<article-meta>``.  Parsing is converters.xmlsafe: character
entities as characters, no DTD, no network.  Emphasis becomes CSL rich text.

Writing makes JATS 1.3 Journal Publishing documents: a ``<ref-list>`` of
element-citations in JATS4R's vocabulary, or one article's front matter.
CSL's ``custom`` facts go where JATS has an element for them, the rest into
``<annotation content-type="bibconv:KEY">`` (references) or ``<custom-meta>``
(front matter), so they read back; what a citation has no place for is
reported as ``field-dropped``.  README.md has the table.

Where each part lives:

- ref_read.py / ref_write.py: reference lists, read and written;
  ref_fields.py: the simple elements of an element-citation, both ways, by
  the table in converters/mapping/jats.py;
- front_read.py / front_write.py: an article's front matter;
- plaintext.py: the Vancouver / author-year plain-text citation parser;
- names.py, date_elements.py, elements.py: names, dates and emphasis, both
  ways; document.py: the document the writers make.
Safe XML parsing is converters/xmlsafe.py, shared with EndNote XML.
"""
from __future__ import annotations

import re

from .front_read import abstract_text, read_article, read_article_root
from .front_write import write_article
from .ref_read import best_citation, read, read_citation
from .ref_write import element_citation, write

__all__ = [
    "abstract_text",
    "best_citation",
    "element_citation",
    "read",
    "read_article",
    "read_article_root",
    "read_citation",
    "sniff",
    "sniff_article",
    "write",
    "write_article",
]


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    if not head.startswith("<"):
        return 0.0
    if re.search(r"<ref[\s>]", head) and re.search(r"<(element|mixed)-citation|<citation[\s>]",
                                                   head):
        return 0.95
    if "<article" in head and "<ref-list" in text:
        return 0.9
    return 0.0


def sniff_article(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    if head.startswith("<") and "<article-meta" in head and "<ref-list" not in text:
        return 0.92
    return 0.0

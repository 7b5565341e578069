"""PubMed / MEDLINE XML (``pubmed-xml``), read only: what NCBI's efetch
(``db=pubmed&retmode=xml``) returns and what NLM's annual baseline and
daily update files hold, a <PubmedArticleSet> of <PubmedArticle>s (journal
articles) and <PubmedBookArticle>s (NCBI Bookshelf books and chapters).

Each record becomes CSL: the article title (without MEDLINE's closing full
stop; a translated title keeps its brackets and the <VernacularTitle> is
the ``original-title``), the authors (CompleteYN="N" ends the list in the
"others" marker, as bibconv marks an incomplete list everywhere; an author
NLM marks invalid is left out), the journal (``container-title``,
``container-title-short`` from ISOAbbreviation or MedlineTA, ``ISSN``,
volume, issue), the date (<PubDate>, including the free-text
<MedlineDate> "1998 Dec-1999 Jan" as a range), MEDLINE's shortened pages
in full ("123-9" -> "123-129"), the DOI (<ELocationID> or <ArticleId>),
``PMID`` and ``PMCID``, the structured abstract with its labels, the
language as a BCP 47 tag, and MeSH descriptors and keywords as
``keyword``.  Publication types and other ids (pii, bookaccession ...)
are kept in ``custom``.

Where each part lives: values.py (text, names, dates, pages),
records.py (an article, a book), reader.py (the document), stream.py
(the streamer); the tables are converters/mapping/pubmed.py.
"""
from __future__ import annotations

import re

from .reader import read

__all__ = ["read", "sniff"]

_ROOTS = re.compile(r"<!DOCTYPE\s+Pubmed(?:Book)?ArticleSet\b|<Pubmed(?:Book)?Article(?:Set)?[\s>]")


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return 0.98 if head.startswith("<") and _ROOTS.search(head) else 0.0

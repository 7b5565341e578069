"""EndNote XML <-> CSL: the tables both directions read.

``TYPES`` lists EndNote's reference types as (name, number, CSL type).
Reading goes by the ``name`` attribute of ``<ref-type>`` (numbers differ
between EndNote versions and exporters: Zotero's own files say 0 for a
journal article); writing takes the first row for a CSL type and writes
EndNote's standard number with it.  ``WRITE_EXCEPTIONS`` names the CSL types
no row reads back to.
"""
from __future__ import annotations

TYPES: list[tuple[str, int, str]] = [
    ("Journal Article", 17, "article-journal"), ("Book", 6, "book"),
    ("Book Section", 5, "chapter"), ("Conference Paper", 47, "paper-conference"),
    ("Conference Proceedings", 10, "paper-conference"), ("Thesis", 32, "thesis"),
    ("Report", 27, "report"), ("Unpublished Work", 34, "article"),
    ("Magazine Article", 19, "article-magazine"), ("Newspaper Article", 23, "article-newspaper"),
    ("Web Page", 12, "webpage"), ("Blog", 56, "post-weblog"), ("Dataset", 59, "dataset"),
    ("Computer Program", 9, "software"), ("Patent", 25, "patent"), ("Standard", 58, "standard"),
    ("Manuscript", 36, "manuscript"), ("Dictionary", 52, "entry-dictionary"),
    ("Encyclopedia", 53, "entry-encyclopedia"), ("Artwork", 2, "graphic"), ("Map", 20, "map"),
    ("Film or Broadcast", 21, "motion_picture"), ("Audiovisual Material", 3, "motion_picture"),
    ("Music", 61, "song"), ("Personal Communication", 26, "personal_communication"),
    ("Bill", 4, "bill"), ("Hearing", 14, "hearing"), ("Case", 7, "legal_case"),
    ("Statute", 31, "legislation"), ("Government Document", 46, "report"),
    ("Generic", 13, "document"), ("Electronic Article", 43, "article-journal"),
    ("Electronic Book", 44, "book"), ("Edited Book", 28, "book"), ("Serial", 57, "book"),
    ("Classical Work", 49, "book"), ("Electronic Book Section", 60, "chapter"),
    ("Chart or Table", 38, "graphic"), ("Figure", 37, "graphic"),
    ("Online Database", 45, "dataset"), ("Pamphlet", 24, "manuscript"),
]

READ_TYPES = {name.lower(): csl for name, _, csl in TYPES}
# When a file gives only the number (no name), EndNote's standard numbering.
READ_NUMBERS = {number: csl for _, number, csl in TYPES}

WRITE_EXCEPTIONS = {"review": "Journal Article", "review-book": "Journal Article",
                    "collection": "Edited Book", "periodical": "Serial",
                    "post": "Web Page", "speech": "Conference Paper",
                    "interview": "Personal Communication", "broadcast": "Film or Broadcast",
                    "pamphlet": "Pamphlet", "classic": "Classical Work"}
WRITE_TYPES: dict[str, tuple[str, int]] = {}
for _name, _number, _csl in TYPES:
    WRITE_TYPES.setdefault(_csl, (_name, _number))
for _csl, _name in WRITE_EXCEPTIONS.items():
    WRITE_TYPES[_csl] = next((n, k) for n, k, _ in TYPES if n == _name)
DEFAULT_WRITE_TYPE = ("Generic", 13)

# <contributors> groups -> CSL roles
CONTRIBUTORS = {"authors": "author", "secondary-authors": "editor",
                "tertiary-authors": "collection-editor", "subsidiary-authors": "translator"}
CONTRIBUTORS_WRITE = {v: k for k, v in CONTRIBUTORS.items()}
# In EndNote's Book, the secondary author is the series editor and the
# tertiary the editor (as RIS's A2 and A3 of a BOOK; Zotero reads them so).
BOOK_CONTRIBUTORS = dict(CONTRIBUTORS, **{"secondary-authors": "collection-editor",
                                          "tertiary-authors": "editor"})
BOOK_CONTRIBUTORS_WRITE = {v: k for k, v in BOOK_CONTRIBUTORS.items()}

# Whole works: their secondary title is a series, not a container.
WHOLE_WORKS = frozenset({"book", "report", "thesis", "software", "dataset", "map",
                         "motion_picture", "graphic", "manuscript", "patent", "standard"})

# Simple elements (directly under <record>) -> CSL variables.
SIMPLE = {"volume": "volume", "edition": "edition", "section": "section",
          "num-vols": "number-of-volumes", "publisher": "publisher",
          "pub-location": "publisher-place", "language": "language",
          "work-type": "genre", "call-num": "call-number", "accession-num": "archive_location",
          "remote-database-name": "archive", "remote-database-provider": "source",
          "abstract": "abstract", "pages": "page"}
SIMPLE_WRITE = {v: k for k, v in SIMPLE.items()}

# Under <titles> and <periodical>: element -> CSL variable (the
# secondary title depends on the type: see WHOLE_WORKS).
TITLES = {"tertiary-title": "collection-title", "alt-title": "container-title-short",
          "short-title": "title-short"}
PERIODICAL = {"full-title": "container-title", "abbr-1": "container-title-short"}

# EndNote's Standard: <isbn> holds its "Document Number" (the standard's own
# number, as RIS's SN of a STAND), <number> its "Start Page" (no CSL
# variable: kept in custom.endnote).
ISBN_IS_NUMBER = frozenset({"standard"})

# EndNote's Journal Article labels <edition> "Epub Date" (its RIS export
# writes it as ET, which EndNote labels so too; PubMed records through
# EndNote carry the e-publication date there; Zotero's EndNote XML import
# notes it as "EPubDate"): CSL available-date.  By EndNote type name, as the
# Electronic Article's <edition> is its edition.  A text that is no date is
# kept verbatim (custom.endnote).
EDITION_IS_DATE = {"journal article": "available-date"}

# Types whose <number> is the issue (elsewhere it is the work's number).
PERIODICAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper",
                              "paper-conference"})

# What the reader takes: top-level elements, and the children it reads of
# the elements that group others.  Any other element is kept verbatim in
# custom.endnote (path -> texts), reported, and written back.
READ_ELEMENTS = frozenset({"ref-type", "contributors", "titles", "periodical", "dates", "number",
                           "isbn", "electronic-resource-num", "keywords", "urls", "notes",
                           "label"} | set(SIMPLE))
READ_CHILDREN = {"titles": frozenset({"title", "secondary-title"} | set(TITLES)),
                 "periodical": frozenset(PERIODICAL), "dates": frozenset({"year", "pub-dates"}),
                 "contributors": frozenset(CONTRIBUTORS), "keywords": frozenset({"keyword"})}
# EndNote's library bookkeeping (which library, which program, the record's
# number in it): not facts about the work, so neither kept nor reported.
BOOKKEEPING = frozenset({"database", "source-app", "rec-number", "foreign-keys"})
# Elements whose every copy the reader takes (all authors, keywords, links).
READ_EVERY_COPY = frozenset({"contributors", "keywords", "urls"})

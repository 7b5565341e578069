"""RIS <-> CSL: the tables both directions read.

Types: one list of (RIS, CSL) pairs.  Reading takes every pair; writing takes
the first pair that names a CSL type, so the order of the list decides what
is written.  The reverse is derived, not written out twice; where writing
must differ from what reading gives, ``WRITE_EXCEPTIONS`` names it and why.

The reading side follows Zotero's RIS import (the reference manager most
people meet RIS through) and converts its item types to CSL with Zotero's
own Zotero->CSL mapping; the few places where bibconv reads differently are
in ``READ_DIFFERS_FROM_ZOTERO``, each with its reason (the conformance test
reads them from there).
"""
from __future__ import annotations

TYPES: list[tuple[str, str]] = [
    ("JOUR", "article-journal"), ("BOOK", "book"), ("CHAP", "chapter"),
    ("CPAPER", "paper-conference"), ("CONF", "paper-conference"), ("THES", "thesis"),
    ("RPRT", "report"), ("UNPB", "article"), ("MGZN", "article-magazine"),
    ("NEWS", "article-newspaper"), ("ELEC", "webpage"), ("WEB", "webpage"),
    ("BLOG", "post-weblog"), ("DATA", "dataset"), ("DBASE", "dataset"),
    ("COMP", "software"), ("PAT", "patent"), ("STAND", "standard"),
    ("MANSCPT", "manuscript"), ("INPR", "manuscript"), ("PAMP", "manuscript"),
    ("UNBILL", "manuscript"), ("DICT", "entry-dictionary"), ("ENCYC", "entry-encyclopedia"),
    ("ART", "graphic"), ("CHART", "graphic"), ("FIGURE", "graphic"), ("MAP", "map"),
    ("MPCT", "motion_picture"), ("ADVS", "motion_picture"), ("VIDEO", "motion_picture"),
    ("MULTI", "motion_picture"), ("SOUND", "song"), ("MUSIC", "song"),
    ("PCOMM", "personal_communication"), ("ICOMM", "personal_communication"),
    ("BILL", "bill"), ("HEAR", "hearing"), ("CASE", "legal_case"), ("LEGAL", "legal_case"),
    ("STAT", "legislation"), ("GOVDOC", "report"), ("GEN", "document"),
    ("AGGR", "document"), ("ANCIENT", "document"), ("EQUA", "document"),
    ("EJOUR", "article-journal"), ("ABST", "article-journal"), ("JFULL", "article-journal"),
    ("GRANT", "article-journal"), ("CTLG", "article-magazine"), ("EBOOK", "book"),
    ("EDBOOK", "book"), ("CLSWK", "book"), ("SER", "book"), ("ECHAP", "chapter"),
]

READ_TYPES: dict[str, str] = {}
for _ris, _csl in TYPES:
    READ_TYPES.setdefault(_ris, _csl)

# CSL types no pair reads back to, and so written by a pair of their own.
WRITE_EXCEPTIONS: dict[str, str] = {
    "review": "JOUR", "review-book": "JOUR", "periodical": "JFULL",  # read back as journal
    "collection": "EDBOOK",  # an edited book; RIS readers make it a book
    "post": "ELEC", "speech": "CONF", "interview": "PCOMM", "broadcast": "ADVS",
    "performance": "ADVS", "classic": "CLSWK", "regulation": "LEGAL", "treaty": "LEGAL",
    "pamphlet": "PAMP", "entry": "GEN", "event": "GEN",
}

WRITE_TYPES: dict[str, str] = {}
for _ris, _csl in TYPES:
    WRITE_TYPES.setdefault(_csl, _ris)
WRITE_TYPES.update(WRITE_EXCEPTIONS)
DEFAULT_WRITE_TYPE = "GEN"

# Where bibconv reads a RIS file differently from Zotero's RIS import
# (zotero/translators RIS.js, re-read at 2814370, "lastUpdated" 2026-01-05),
# (compared fact, TY): why.  tests/test_zotero_conformance.py reads this.
# Each was weighed against the RIS specification and EndNote's labels for the
# tag in that type: bibconv's reading is kept where Zotero's loses a value or
# names a type CSL has a truer word for.  Re-audited for issue 17 (RIS.js at
# 2814370): no reading keeps every value and agrees.  The six titles are
# values Zotero's item has lost (its JA and ST hacks write onto a field the
# type already filled), so agreeing means losing them; the four types are
# Zotero's fall-backs (STAND -> report in clients before the 'standard'
# item type; UNPB missing from its table, 'UNPD' there instead; GEN ->
# journalArticle by default), where a journal article would be wrong and no
# CSL type maps back to both; and Zotero's CSL mapping or the compared
# fields leave no slack to take up (each item differs on a field its Zotero
# type holds).  Audited again against RIS.js 2814370 (the newest commit of
# zotero/translators, RIS.js "lastUpdated" 2026-01-05): completeItem() still
# copies journalAbbreviation to publicationTitle and shortTitle to title when
# those are empty, importTypeMap still has STAND: report and UNPD (no UNPB),
# DEFAULT_IMPORT_TYPE is still journalArticle, and its own export comments
# document -> GEN as "imported as journalArticle".  The six lost titles are
# checked to be absent from Zotero's items by tests/test_zotero_conformance.py.
_J2_OVER_T2 = (
    "EndNote labels T2 of this type the book's (dictionary's, encyclopedia's, weblog's) "
    "title and J2 its 'Abbreviation' ('Periodical Title' for a blog); RIS.js stores T2 in "
    "the type's own field (bookTitle...), J2 in journalAbbreviation, then its hack for "
    "publishers that give only JA copies the abbreviation to publicationTitle, which "
    "Zotero saves onto that same field: the T2 title is lost. bibconv keeps T2 as "
    "container-title and J2 as container-title-short (citation-js too)")
_ST_OVER_TI = (
    "RIS.js reads TI as caseName/nameOfAct, then its hack for EndNote records without a "
    "title copies ST to 'title', which Zotero saves onto that same field: the case or act "
    "name is lost. bibconv keeps TI as title and ST as title-short (citation-js too)")
_UNPB = ("EndNote's and the RIS specification's 'Unpublished Work': RIS.js lists 'UNPD' "
         "(-> manuscript), not UNPB, so it falls to its default, a journal article; bibconv "
         "reads CSL 'article' (working papers, preprints: EndNote gives it an institution, "
         "department and number), citation-js 'manuscript'")
READ_DIFFERS_FROM_ZOTERO: dict[tuple[str, str], str] = {
    ("type", "UNPB"): _UNPB,
    ("issue", "UNPB"): "follows the type: EndNote labels an unpublished work's M1 'Number' "
                       "(CSL number); Zotero's journal-article reading makes it the issue",
    ("container", "UNPB"): "follows the type: EndNote labels an unpublished work's T2 "
                           "'Series Title' (CSL collection-title); Zotero's journal-article "
                           "reading makes it the journal",
    ("creators", "UNPB"): "follows the type: EndNote labels an unpublished work's A2 'Series "
                          "Editor' (CSL collection-editor); Zotero's journal-article reading "
                          "makes it the editor (ProCite's A2 'Editor(s)' stays the editor)",
    ("type", "STAND"): "the RIS specification's and EndNote's 'Standard' is CSL 1.0.2 "
                       "'standard' (citation-js too; Zotero's own 'standard' item type maps "
                       "to it); RIS.js still imports STAND as a report",
    ("type", "GEN"): "the RIS specification's 'Generic' with no journal is CSL 'document' "
                     "(citation-js too; bibconv reads a GEN with a journal as an article); "
                     "RIS.js imports every GEN as a journal article, even its own export of "
                     "a document",
    **{("container", tag): _J2_OVER_T2 for tag in ("CHAP", "DICT", "ENCYC", "BLOG")},
    **{("title", tag): _ST_OVER_TI for tag in ("CASE", "STAT")},
}

# Types whose T2 is a series, not a container (the work is a whole book,
# report, thesis, programme, film...).
WHOLE_WORKS = frozenset({
    "BOOK", "EBOOK", "EDBOOK", "CLSWK", "SER", "RPRT", "GOVDOC", "THES", "COMP", "DATA",
    "DBASE", "MAP", "MPCT", "ADVS", "VIDEO", "MULTI", "SOUND", "MUSIC", "ART", "CHART",
    "FIGURE", "MANSCPT", "PAMP", "STAND", "PAT", "UNBILL", "ANCIENT", "EQUA", "AGGR",
})
# ... and the CSL types written that way (T3 rather than T2 for the series).
WHOLE_WORK_TYPES = frozenset(READ_TYPES[t] for t in WHOLE_WORKS) - {
    "document", "article-journal"}

# Name tags -> CSL roles.  A1/AU are the primary creators; A2 is the
# secondary (editor of the book or volume), A3 the tertiary (series editor),
# A4 the subsidiary (translator).  ED is older RIS for editors.
NAME_TAGS = {"AU": "author", "A1": "author", "A2": "editor", "ED": "editor",
             "A3": "collection-editor", "A4": "translator"}

# What a tag means departs from the defaults in some types: EndNote's RIS
# export gives each type its own reading of T2, A2, SP, VL, M1 ... (its
# "every type" reference export labels them).  tag -> CSL variable, or None
# for "no CSL variable: keep the value verbatim in custom.ris".
_BOOKS: dict[str, str | None] = {"A2": "collection-editor", "A3": "editor", "SP": "number-of-pages",
          "M1": "collection-number"}
_IMAGES: dict[str, str | None] = {"A2": None, "SP": None, "VL": "dimensions", "T2": None, "M1": "number"}
TAGS_BY_TYPE: dict[str, dict[str, str | None]] = {
    "BOOK": _BOOKS, "EBOOK": _BOOKS, "SER": _BOOKS, "CLSWK": _BOOKS,
    "EDBOOK": dict(_BOOKS, AU="editor", A1="editor"),
    "ART": {"A2": None, "SP": None, "M1": "dimensions"}, "CHART": _IMAGES, "FIGURE": _IMAGES,
    "EQUA": dict(_IMAGES, A2="editor"),
    "ADVS": {"A2": "performer", "A3": "producer"},
    "MPCT": {"A2": None, "A3": "producer", "A4": "performer", "SP": "dimensions"},
    "VIDEO": {"AU": "director", "A1": "director", "A2": "producer"},
    "MULTI": {"AU": "director", "A1": "director", "A2": "collection-editor"},
    "BILL": {"A2": "author", "T3": "authority"},
    "BLOG": {"A2": None, "A3": "illustrator", "SP": None, "VL": None, "T3": "publisher"},
    "CASE": {"A2": "container-title", "A3": "authority", "A4": None, "T3": None,
             "T2": "title-short"},
    "LEGAL": {"A2": "container-title", "T2": None},
    "CTLG": {"A2": None}, "GOVDOC": {"A2": None}, "PAMP": {"A2": None, "VL": "number"},
    "COMP": {"A2": "collection-editor", "SP": None, "VL": "version"},
    # T2 is the conference's name, C3 the proceedings' title (EndNote, Zotero)
    "CPAPER": {"T2": "event-title", "C3": "container-title"},
    "CONF": {"T2": "event-title", "C3": "container-title"},
    "GRANT": {"M1": "issue"},
    # EndNote's Standard: SN is its "Document Number" (the standard's own
    # number, as Zotero's report reads it: reportNumber), M1 its "Start Page"
    "STAND": {"SN": "number", "M1": None},
    # EndNote's Unpublished Work: T2 is its "Series Title", A2 its "Series
    # Editor", T3 its "Department" (no CSL variable).  A preprint's server
    # or a working paper's journal (CSL container-title: "arXiv", "SSRN
    # Electronic Journal") has no label there, so it goes in JF, the RIS
    # specification's periodical name, which bibconv reads as the container
    # in every type and Zotero as the publication title (citation-js reads
    # no container for UNPB at all, whatever the tag)
    "UNPB": {"T2": "collection-title", "A2": "collection-editor", "T3": None,
             "JF": "container-title"},
    "DATA": {"A2": None, "A4": None},
    # EndNote's Journal Article labels ET "Epub Date" (PubMed records through
    # EndNote carry the e-publication date there), CSL's available-date
    "JOUR": {"M1": "issue", "ET": "available-date"}, "EJOUR": {"M1": "issue"}, "GEN": {"M1": "issue"},
    "HEAR": {"T2": "section", "T3": "authority"},
    "MANSCPT": {"VL": None},
    "MAP": {"A2": "collection-editor", "SP": None},
    # a recording's performer (A2) is its primary creator, as in Zotero and CSL
    "MUSIC": {"AU": "composer", "A1": "composer", "A2": "author"},
    "SOUND": {"AU": "composer", "A1": "composer", "A2": "author"},
    # OP holds a patent's priority numbers, which Zotero's CSL export gives as
    # "issue" (CSL has no variable of their own)
    "PAT": {"A2": None, "A3": None, "VL": "version", "IS": "number", "M1": "call-number",
            "OP": "issue"},
    "PCOMM": {"A2": "recipient"}, "ICOMM": {"A2": "recipient"},
    # a report's T2 is its series; an arXiv preprint typed as a report
    # (manubot's, Zotero's before its preprint type) keeps the server in JF
    "RPRT": {"A2": "collection-editor", "A3": None, "A4": None, "JF": "container-title"},
    "THES": {"A3": None, "SP": "number-of-pages", "VL": "genre"},
    # EndNote's Web Page: T2 is its "Series Title"; the site's name, when
    # given, is in J2 ("Periodical Title"), which then stands for it (below)
    "WEB": {"A2": "collection-editor", "SP": None, "VL": None, "M1": None,
            "T2": "collection-title"},
    "ELEC": {"A2": "collection-editor"},
}
# Tags a database's export gives a meaning of its own, by the record's DB
# (a prefix of it): Ovid's APA PsycInfo export puts the cited works' authors
# in A2 (one line, comma-joined) and each cited reference in an M1, not an
# editor and an issue; kept verbatim in custom.ris.  Read so only in a record
# with several M1 lines (converters/formats/ris/reader.py).
TAGS_BY_DATABASE: dict[str, dict[str, str | None]] = {
    "APA PsycInfo": {"A2": None, "M1": None},
}

# ProCite and Reference Manager exports put what RIS has no tag for in
# labelled notes, "N1  - Volume ID: 12", and give some tags meanings of their
# own.  A file is read this way when its records carry "N1  - Record ID: n"
# (or "Record Number").  label -> CSL variable:
PROCITE_NOTES = {
    "Call Number": "call-number", "Edition": "edition", "ISBN": "ISBN",
    "Language": "language", "Publisher Name": "publisher", "Series Title": "collection-title",
    "Proceedings Title": "container-title", "Page(s)": "page", "Volume ID": "volume",
    "Issue ID": "issue", "Issue Identification": "issue", "Series Volume ID": "collection-number",
    "Scale": "scale", "Place of Publication": "publisher-place", "Size": "dimensions",
}
PROCITE_AUTHORS = ("Author, Monographic", "Author, Subsidiary")  # "Given Family" names
PROCITE_TAGS_BY_TYPE: dict[str, dict[str, str]] = {  # tag -> the tag it stands for
    "BOOK": {"VL": "ET", "IS": "VL"}, "CHAP": {"VL": "ET"},
    "BILL": {"CY": "T2", "VL": "M1", "SP": "SE"}, "UNBILL": {"CY": "T2", "VL": "M1"},
    "UNPB": {"A2": "ED"},  # ProCite's unpublished work: A2 is its "Editor(s)"
}

# Variables a type's tag gives that hold a date (read as one; a value that
# is no date is kept verbatim in custom.ris).
DATE_VARIABLES = frozenset({"available-date"})

NAME_ROLES = frozenset({"author", "editor", "collection-editor", "translator", "composer",
                        "performer", "producer", "recipient", "illustrator", "director"})
# A1 before AU, as Zotero reads them (the order names are gathered in).
NAME_READ_ORDER = ("A1", "AU", "A2", "ED", "A3", "A4")
# Older spellings that are read but never written.
READ_ONLY_NAME_TAGS = frozenset({"A1", "ED"})
# role -> tag, derived: the first tag of NAME_TAGS for each role.
NAME_WRITE: dict[str, str] = {}
for _tag, _role in NAME_TAGS.items():
    if _tag not in READ_ONLY_NAME_TAGS:
        NAME_WRITE.setdefault(_role, _tag)
NAME_WRITE_TAGS = tuple(NAME_WRITE.values())

# Simple tags: tag -> CSL variable (text).
SIMPLE = {
    "VL": "volume", "IS": "issue", "M1": "number", "PB": "publisher",
    "CY": "publisher-place", "ET": "edition", "LA": "language", "ST": "title-short",
    "AN": "archive_location", "DB": "archive", "DP": "source", "CN": "call-number",
    "M3": "genre", "NV": "number-of-volumes", "SE": "section", "RN": "annote",
}
SIMPLE_WRITE = {v: k for k, v in SIMPLE.items()}

TITLE_TAGS = ("TI", "T1", "CT")
DATE_TAGS = ("DA", "PY", "Y1")  # DA is the full date; PY/Y1 the year (Y1 deprecated)
ACCESSED_TAG = "Y2"
JOURNAL_FULL = ("JF",)  # JO is the standard abbreviation: the container only when alone
JOURNAL_ABBREVIATED = ("J2", "JA", "J1")
# An abbreviated title with no full one stands for the container too (as
# Zotero reads it: publishers such as Nature give only JA), in the CSL types
# that have a container.
ABBREVIATION_IS_CONTAINER = frozenset({
    "article-journal", "article-magazine", "article-newspaper", "paper-conference",
    "chapter", "entry-dictionary", "entry-encyclopedia", "post-weblog", "webpage", "post"})
# Tags a type gives a meaning (TAGS_BY_TYPE) that rispy is not told of:
# read from and written to its unknown tags.
TYPED_EXTRA_TAGS = ("OP",)

# Every tag the reader knows (rispy is handed this list as its mapping; the
# rest it gives back as unknown and bibconv keeps them verbatim).
KNOWN_TAGS = sorted(set(
    ["TY", "ER", "ID", "TI", "T1", "CT", "BT", "T2", "T3", "JF", "JO", "JA", "J1", "J2",
     "AU", "A1", "A2", "A3", "A4", "ED", "PY", "Y1", "DA", "Y2", "SP", "EP", "AB", "N2",
     "KW", "UR", "L1", "L2", "L3", "L4", "DO", "SN", "N1", "C1", "C2", "C3", "C4", "C5",
     "C6", "C7", "C8"] + list(SIMPLE)))
# The order tags are written in: TY first, ER last, ID near the end (the
# rest follow in the order they were made).
WRITE_ORDER = ("ty", "ti", "au", "a2", "a3", "a4", "t2", "jf", "j2", "t3", "py", "da", "vl", "is",
               "sp", "ep", "m1", "pb", "cy", "et", "sn", "do", "ur", "ab", "kw", "la")
# One-value tags whose every value the reader takes (the others keep the
# first and custom.ris the rest).
ALL_VALUES_READ = frozenset({"SN"})
LIST_TAGS = ["AU", "A1", "A2", "A3", "A4", "ED", "KW", "N1", "UR", "L1", "L2", "L3", "L4"]

# custom facts bibconv carries in N1 notes, "bibconv:KEY=VALUE" (RIS has no
# field for them, and every manager keeps notes).
NOTE_PREFIX = "bibconv:"
CARRIED_CUSTOM = ("author-count", "abstract-truncated")

# "et al." as RIS files write it: vocabulary.OTHERS_WORDS and these.
ET_AL_MORE = frozenset({"et al.,"})
ET_AL_WRITE = "et al."

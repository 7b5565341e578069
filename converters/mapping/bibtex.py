"""BibTeX/BibLaTeX <-> CSL: the tables both directions read.

Facts come from the biblatex manual (entry types, fields, Appendix B's
crossref inheritance) and the CSL 1.0.2 specification.  Where the two peers
decide differently, the entry says which way we went and why:
pandoc = src/Text/Pandoc/Citeproc/BibTeX.hs, citation-js = plugin-bibtex's
mapping/biblatex.js.
"""
from __future__ import annotations

from .. import vocabulary

# entry type -> (CSL type, default genre).  Read direction.
TYPES: dict[str, tuple[str, str | None]] = {
    "article": ("article-journal", None),      # entrysubtype magazine/newspaper refine it
    "periodical": ("periodical", None),        # pandoc: article-journal; CSL 1.0.2 has
                                               # "periodical" for a whole issue, which is
                                               # what @periodical is.
    "suppperiodical": ("article-journal", None),
    "book": ("book", None),
    "mvbook": ("book", None),
    "bookinbook": ("chapter", None),
    "booklet": ("pamphlet", None),
    "collection": ("book", None),              # citation-js: "book" too; CSL's
    "mvcollection": ("book", None),            # "collection" means an archival one.
    "inbook": ("chapter", None),
    "incollection": ("chapter", None),
    "suppbook": ("chapter", None),
    "suppcollection": ("chapter", None),
    "inproceedings": ("paper-conference", None),
    "conference": ("paper-conference", None),  # BibTeX's alias of inproceedings
    "proceedings": ("book", None),
    "mvproceedings": ("book", None),
    "reference": ("book", None),
    "mvreference": ("book", None),
    "inreference": ("entry-encyclopedia", None),
    "manual": ("book", None),                  # as pandoc; citation-js: report
    "report": ("report", None),
    "techreport": ("report", None),
    "thesis": ("thesis", None),
    "mastersthesis": ("thesis", "Master’s thesis"),
    "phdthesis": ("thesis", "PhD thesis"),
    "online": ("webpage", None),
    "electronic": ("webpage", None),
    "www": ("webpage", None),
    "patent": ("patent", None),
    "dataset": ("dataset", None),
    "software": ("software", None),            # pandoc: book (written before CSL 1.0.2
                                               # added "software").
    "misc": ("document", None),                # pandoc: "" (not a CSL type, so its output
                                               # fails the schema); CSL 1.0.2 "document"
                                               # is the catch-all.
    "unpublished": ("manuscript", None),       # "speech" when it has event fields (pandoc)
    "artwork": ("graphic", None),
    "image": ("graphic", None),
    "audio": ("song", None),
    "music": ("song", None),
    "movie": ("motion_picture", None),
    "video": ("motion_picture", None),
    "performance": ("performance", None),      # pandoc: speech; CSL 1.0.2 has performance
    "commentary": ("book", None),
    "jurisdiction": ("legal_case", None),
    "legislation": ("legislation", None),
    "legal": ("treaty", None),
    "letter": ("personal_communication", None),
    "review": ("review", None),
    "standard": ("standard", None),            # pandoc: legislation; CSL 1.0.2 has standard
    "set": ("document", None),
    "data": ("dataset", None),                 # biblatex-apa
    "letters": ("personal_communication", None),
    "newsarticle": ("article-newspaper", None),
}

# CSL type -> entry type, for each variant.  Write direction, derived from
# TYPES: the first entry type that reads as the CSL type (with no genre of
# its own) is written, in BibTeX the nearest BibTeX type (BIBTEX_FALLBACK).
# The exceptions below are named with their reason.
BIBTEX_TYPES = frozenset({"article", "book", "booklet", "conference", "inbook", "incollection",
                          "inproceedings", "manual", "mastersthesis", "misc", "phdthesis",
                          "proceedings", "techreport", "unpublished"})
BIBTEX_FALLBACK = {"thesis": "phdthesis", "report": "techreport", "online": "misc",
                   "collection": "book", "mvbook": "book", "reference": "book",
                   "inreference": "incollection", "bookinbook": "inbook"}  # else misc
WRITE_TYPE_EXCEPTIONS: dict[str, tuple[str, str]] = {   # csl type: (bibtex, biblatex)
    "article": ("misc", "misc"),                # a preprint: biblatex's @article wants a
                                                # journal, which a preprint lacks
    "article-magazine": ("article", "article"),   # with entrysubtype = magazine
    "article-newspaper": ("article", "article"),  # with entrysubtype = newspaper
    "chapter": ("incollection", "incollection"),  # inbook when there is no editor
    "entry-dictionary": ("incollection", "inreference"),
    "entry": ("misc", "inreference"),
    "post": ("misc", "online"),
    "post-weblog": ("misc", "online"),
    "speech": ("unpublished", "unpublished"),   # read back as speech by its event fields
    "bill": ("misc", "legislation"),
    "regulation": ("misc", "legislation"),
    "interview": ("misc", "misc"),
    "review": ("article", "review"),            # a review appears in a journal
    "review-book": ("article", "review"),
    "standard": ("techreport", "standard"),     # standards bodies publish them as reports
}


def _write_types() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for etype, (csl_type, genre) in TYPES.items():
        if genre is None and csl_type not in out:
            bibtex = etype if etype in BIBTEX_TYPES else BIBTEX_FALLBACK.get(etype, "misc")
            out[csl_type] = (bibtex, etype)
    return {**out, **WRITE_TYPE_EXCEPTIONS}


WRITE_TYPES = _write_types()

# Entry types whose "number" is a series number, and those whose "number" is
# an issue (biblatex manual, 2.2.2 "number").
SERIES_NUMBER_TYPES = frozenset({
    "book", "collection", "proceedings", "reference", "mvbook", "mvcollection", "mvproceedings",
    "mvreference", "bookinbook", "inbook", "incollection", "inproceedings", "inreference",
    "suppbook", "suppcollection"})
ARTICLE_TYPES = frozenset({"article", "periodical", "suppperiodical", "review"})
CHAPTER_TYPES = frozenset({"inbook", "incollection", "inproceedings", "inreference",
                           "bookinbook"})

# Plain one-to-one fields, both directions.  The first name is written.
SIMPLE: dict[str, str] = {
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "library": "call-number",
    "abstract": "abstract",
    "keywords": "keyword",
    "edition": "edition",
    "version": "version",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "chapter": "chapter-number",
    "venue": "event-place",
    "eventtitle": "event-title",   # pandoc: "event", the variable CSL 1.0.2 deprecated
    "origtitle": "original-title",
    "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place",
    "pubstate": "status",
    "shorttitle": "title-short",
    "shortjournal": "container-title-short",
    "series": "collection-title",
    "annotation": "annote",
    "type": "genre",
    "howpublished": "medium",      # pandoc: appended to publisher; howpublished says how
                                   # ("Online", "Privately printed"), which is CSL medium
                                   # (citation-js agrees).
}
# Other spellings read as the field beside them.
ALIASES = {"journal": "journaltitle", "address": "location", "annote": "annotation",
           "school": "institution", "archiveprefix": "eprinttype",
           "primaryclass": "eprintclass", "key": "sortkey", "hyphenation": "langid"}

# Variables that carry verbatim values: no LaTeX decoding, no braces.
VERBATIM = frozenset({"doi", "url", "eprint", "file", "verba", "verbb", "verbc", "pdf",
                      "crossref", "xref", "xdata", "ids", "entryset", "related", "options",
                      "isbn", "issn", "pmid", "pmcid", "urldate", "date", "eventdate",
                      "origdate", "langid", "keywords-raw"})

# Fields that are not inherited through crossref (biblatex manual, Appendix B).
NOT_INHERITED = frozenset({"ids", "crossref", "xref", "entryset", "entrysubtype", "execute",
                           "label", "options", "presort", "related", "relatedoptions",
                           "relatedstring", "relatedtype", "shorthand", "shorthandintro",
                           "sortkey"})

# How a child names its parent's titles; None: not inherited.
_NOT_TITLES: dict[str, str | None] = {"shorttitle": None, "sorttitle": None,
                                      "indextitle": None, "indexsorttitle": None}
_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon",
         **_NOT_TITLES}
_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
         **_NOT_TITLES}
_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle", **_NOT_TITLES}


# (parent types, child types, how the child names the parent's titles)
_TITLE_INHERITANCE = [
    (("mvbook",), ("book", "inbook", "bookinbook", "suppbook"), _MAIN),
    (("mvcollection", "mvreference"),
     ("collection", "reference", "incollection", "inreference", "suppcollection"), _MAIN),
    (("mvproceedings",), ("proceedings", "inproceedings"), _MAIN),
    (("book",), ("inbook", "bookinbook", "suppbook"), _BOOK),
    (("collection", "reference"), ("incollection", "inreference", "suppcollection"), _BOOK),
    (("proceedings",), ("inproceedings",), _BOOK),
    (("periodical",), ("article", "suppperiodical"), _JOURNAL),
]


def inherited_name(parent: str, child: str, field: str) -> list[str]:
    """Under which names ``child`` inherits ``field`` from ``parent``
    (biblatex manual, Appendix B); an empty list: not at all."""
    if field in NOT_INHERITED:
        return []
    if field == "author" and parent in ("mvbook", "book") and child in (
            "inbook", "bookinbook", "suppbook"):
        return ["bookauthor", "author"]
    table = next((names for parents, children, names in _TITLE_INHERITANCE
                  if parent in parents and child in children), None)
    if table is not None and field in table:
        name = table[field]
        return [name] if name else []
    return [field]


# langid / hyphenation -> IETF tag (what pandoc writes, for agreement).
LANGUAGES = {
    "english": "en-US", "american": "en-US", "USenglish": "en-US", "british": "en-GB",
    "UKenglish": "en-GB", "australian": "en-AU", "newzealand": "en-NZ", "canadian": "en-CA",
    "german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT",
    "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR", "francais": "fr-FR",
    "spanish": "es-ES", "italian": "it-IT", "latin": "la", "dutch": "nl-NL",
    "portuguese": "pt-PT", "brazil": "pt-BR", "brazilian": "pt-BR", "russian": "ru-RU",
    "polish": "pl-PL", "czech": "cs-CZ", "danish": "da-DK", "norsk": "nb-NO",
    "norwegian": "nb-NO", "nynorsk": "nn-NO", "swedish": "sv-SE", "finnish": "fi-FI",
    "greek": "el-GR", "hungarian": "hu-HU", "magyar": "hu-HU", "turkish": "tr-TR",
    "catalan": "ca-AD", "croatian": "hr-HR", "slovak": "sk-SK", "slovene": "sl-SL",
    "ukrainian": "uk-UA", "hebrew": "he-IL", "arabic": "ar", "japanese": "ja-JP",
    "chinese": "zh-CN", "korean": "ko-KR", "icelandic": "is-IS", "estonian": "et-EE",
    "lithuanian": "lt-LT", "latvian": "lv-LV", "romanian": "ro-RO", "bulgarian": "bg-BG",
    "serbian": "sr-RS", "galician": "gl-ES", "basque": "eu-ES", "irish": "ga-IE",
    "welsh": "cy-GB", "afrikaans": "af-ZA", "vietnamese": "vi-VN", "thai": "th-TH",
    "indonesian": "id-ID", "malay": "ms-MY", "persian": "fa-IR", "farsi": "fa-IR",
    "hindi": "hi-IN",
}
LANGUAGE_VARIANTS = {("english", "british"): "en-GB", ("english", "uk"): "en-GB",
                     ("english", "american"): "en-US", ("english", "us"): "en-US",
                     ("english", "usmax"): "en-US", ("english", "australian"): "en-AU",
                     ("english", "newzealand"): "en-NZ"}
# IETF tag -> langid, derived from LANGUAGES (the last name of a tag wins),
# except where biblatex's usual name is another one.
PREFERRED_LANGID = {"en-US": "american", "en-GB": "british", "fr-FR": "french"}
WRITE_LANGUAGES = {**{tag: name for name, tag in LANGUAGES.items()}, **PREFERRED_LANGID}

MONTHS = vocabulary.MONTHS
MONTH_NAMES = vocabulary.MONTH_NAMES
# the month macros (jan ... dec) -> the month's English name
MONTH_MACROS = {abbr: next(name.capitalize() for name, n in MONTH_NAMES.items() if n == number)
                for abbr, number in MONTHS.items()}

# eprint types whose identifier makes a URL (pandoc does the same).
EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
               "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
               "googlebooks": "https://books.google.com?id=",
               "hdl": "https://hdl.handle.net/"}

# Name fields.
NAMES = {"author": "author", "editor": "editor", "translator": "translator",
         "bookauthor": "container-author", "director": "director",
         "commentator": "contributor", "annotator": "contributor",
         "introduction": "contributor", "foreword": "contributor", "afterword": "contributor",
         "holder": "contributor", "compiler": "compiler"}
# CSL's "contributor" stands for several biblatex roles: it is not written
# from CSL but from the original fields the reader keeps (custom.bibtex.source).
MANY_TO_ONE_NAMES = tuple(k for k, v in NAMES.items() if v == "contributor")
# The reverse, derived: the first field of each variable is written.
WRITE_NAMES = {var: name for name, var in NAMES.items() if name not in MANY_TO_ONE_NAMES}

# biblatex localisation keys that stand in "type" fields, in English.
TYPE_STRINGS = {
    "mathesis": "Master’s thesis", "phdthesis": "PhD thesis",
    "candthesis": "Candidate thesis", "techreport": "technical report",
    "resreport": "research report", "software": "computer software", "datacd": "CD-ROM",
    "audiocd": "audio CD", "patent": "patent", "patentde": "German patent",
    "patenteu": "European patent", "patentfr": "French patent", "patentuk": "British patent",
    "patentus": "U.S. patent", "patreq": "patent request", "patreqde": "German patent request",
    "patreqeu": "European patent request", "patreqfr": "French patent request",
    "patrequk": "British patent request", "patrequs": "U.S. patent request",
    "jourser": "series", "newseries": "new series", "oldseries": "old series",
}
TYPE_STRING_KEYS = {text: key for key, text in TYPE_STRINGS.items()}

# Fields the reader turns into CSL variables (after ALIASES).  A macro that
# is undefined in one of these skips the entry; elsewhere BibTeX only warns,
# and so do we.
MAPPED = frozenset(set(NAMES) | set(SIMPLE) | {
    "title", "subtitle", "titleaddon", "maintitle", "mainsubtitle", "maintitleaddon",
    "booktitle", "booksubtitle", "booktitleaddon", "journaltitle", "journalsubtitle",
    "issuetitle", "issuesubtitle", "institution", "organization", "publisher", "location",
    "number", "issue", "volume", "part", "note", "addendum", "pages", "langid", "langidopts",
    "entrysubtype", "editortype", "eprint", "eprinttype", "crossref", "xdata",
    "date", "year", "month", "day", "eventdate", "eventyear", "eventmonth", "eventday",
    "origdate", "origyear", "origmonth", "origday", "urldate", "urlyear", "urlmonth", "urlday"})

# CSL facts with no BibTeX field (custom.author-count, custom.pub-ids, ...)
# are written as "bibconv-NAME" fields: BibTeX styles and biber ignore fields
# they do not know, and the reader puts them back into custom.  The CSL type
# rides the same way when no entry type reads back as it ("bibconv-type").
FACT_PREFIX = "bibconv-"

# What shows that an entry is written in BibLaTeX's data model, where
# publisher, location and institution are lists ("A and B" is two).  Fields
# BibTeX exporters also write (eprinttype, urldate) are not evidence.
BIBLATEX_MARKERS = frozenset({"location", "journaltitle", "date", "maintitle", "mainsubtitle",
                              "bookauthor", "langid", "origlocation", "eventdate",
                              "journalsubtitle", "booksubtitle", "titleaddon"})
BIBLATEX_TYPES = frozenset({"online", "mvbook", "mvcollection", "mvproceedings",
                            "mvreference", "bookinbook", "suppbook", "suppcollection",
                            "suppperiodical", "collection", "reference", "inreference",
                            "report", "thesis", "dataset", "software"})

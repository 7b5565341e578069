"""JATS element-citation <-> CSL: one table per mapping, each read both ways.

Each mapping is a list of pairs both directions use; the reverse is derived,
and what only one direction knows is named apart (``*_READ_ALSO``: spellings
real files use that the writer never makes; ``*_WRITE_ALSO``: CSL values
JATS has no value of their own for).

Publication types follow JATS4R's recommended vocabulary (journal, book,
chapter, confproc, preprint, thesis, report, data, software, webpage, patent,
other); the reading side also accepts what real files use (eLife's "web",
"clinicaltrial", "periodical"; NLM 2.3's citation-type values).
"""
from __future__ import annotations

# publication-type <-> CSL type
TYPES = (
    ("journal", "article-journal"), ("book", "book"), ("chapter", "chapter"),
    ("confproc", "paper-conference"), ("preprint", "article"), ("thesis", "thesis"),
    ("report", "report"), ("data", "dataset"), ("software", "software"),
    ("webpage", "webpage"), ("patent", "patent"),
)
TYPES_READ_ALSO = {
    "conference": "paper-conference", "dataset": "dataset", "web": "webpage",
    "website": "webpage", "other": "document", "newspaper": "article-newspaper",
    "magazine": "article-magazine", "periodical": "article-journal", "standard": "standard",
    "letter": "personal_communication", "gov": "report", "government": "report",
    "clinicaltrial": "document", "discussion": "article-journal", "list": "document",
    "commun": "personal_communication", "review": "review", "working-paper": "report",
    "blog": "post-weblog", "computer-program": "software", "database": "dataset",
    "legal-doc": "legislation", "manuscript": "manuscript",
}
TYPES_WRITE_ALSO = {
    "article-magazine": "journal", "article-newspaper": "journal", "periodical": "journal",
    "review": "journal", "review-book": "journal", "collection": "book",
    "entry-encyclopedia": "chapter", "entry-dictionary": "chapter", "standard": "report",
    "post": "webpage", "post-weblog": "webpage",
}
# the writer's publication-type for a CSL type it has none for
WRITE_TYPE_DEFAULT = "other"
READ_TYPES = {**dict(TYPES), **TYPES_READ_ALSO}
WRITE_TYPES = {**{csl: jats for jats, csl in TYPES}, **TYPES_WRITE_ALSO}

# element-citation/@specific-use="csl-type:periodical": the CSL type when the
# publication-type alone would read back as another one
CSL_TYPE_PREFIX = "csl-type:"
CSL_TYPES = frozenset([
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"
])

# Types whose <source> is the work's own title (a book), not a container.
SOURCE_IS_TITLE = frozenset({"book", "thesis", "report", "software", "dataset", "webpage",
                             "patent", "standard", "document", "manuscript", "pamphlet",
                             "legislation", "personal_communication"})

# person-group-type <-> CSL name variable; the other CSL name variables are
# written as person-group-type="custom" with custom-type naming the variable
# (and read back from it).
PERSON_GROUPS = (
    ("author", "author"), ("editor", "editor"), ("translator", "translator"),
    ("compiler", "compiler"), ("curator", "curator"), ("director", "director"),
    ("illustrator", "illustrator"),
)
PERSON_GROUPS_READ_ALSO = {
    "inventor": "author", "guest-editor": "editor", "series-editor": "collection-editor",
    "assignee": "author", "contrib": "contributor", "allauthors": "author",
    "transed": "translator",
}
READ_GROUPS = {**dict(PERSON_GROUPS), **PERSON_GROUPS_READ_ALSO}
WRITE_GROUPS = {csl: jats for jats, csl in PERSON_GROUPS}
CSL_NAME_VARIABLES = frozenset([
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
    "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
    "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
    "script-writer", "series-creator", "translator"
])

# pub-id-type (and article-id's) <-> CSL variable
PUB_IDS = (("doi", "DOI"), ("pmid", "PMID"), ("pmcid", "PMCID"))
READ_PUB_IDS = dict(PUB_IDS)
WRITE_PUB_IDS = {csl: jats for jats, csl in PUB_IDS}

# An element-citation's elements that hold one CSL variable each, in the
# order the writer writes them; the reader reads the same rows.  ``how``
# names the pair of functions that read and write the element
# (formats/jats/ref_fields.py): "text", "rich" (CSL rich text as JATS
# emphasis), "page" (fpage/lpage, page-range or elocation-id), "size"
# (<size units="pages">), "date" (an ISO date), "accessed"
# (<date-in-citation>).
CITATION_ELEMENTS = (
    ("conf-name", "event-title", "text"),
    ("conf-date", "event-date", "date"),
    ("conf-loc", "event-place", "text"),
    ("publisher-loc", "publisher-place", "text"),
    ("publisher-name", "publisher", "text"),
    ("edition", "edition", "text"),
    ("series", "collection-title", "rich"),
    ("volume", "volume", "text"),
    ("issue", "issue", "text"),
    ("fpage", "page", "page"),
    ("size", "number-of-pages", "size"),
    ("date-in-citation", "accessed", "accessed"),
    ("isbn", "ISBN", "text"),
    ("issn", "ISSN", "text"),
    ("version", "version", "text"),
)
# read only: elements other producers use for a variable a row above holds
CITATION_ELEMENTS_READ_ALSO = (("institution", "publisher", "text"),
                               ("patent", "number", "text"))

# The article's own <article-meta> numbers, the same way.
FRONT_ELEMENTS = (
    ("volume", "volume", "text"),
    ("issue", "issue", "text"),
    ("fpage", "page", "page"),
)


"""JATS element-citation <-> CSL: the tables both directions read.

Publication types follow JATS4R's recommended vocabulary (journal, book,
chapter, confproc, preprint, thesis, report, data, software, webpage, patent,
other); the reading side also accepts what real files use (eLife's "web",
"clinicaltrial", "periodical"; NLM 2.3's citation-type values).
"""
from __future__ import annotations

from .. import vocabulary

# publication-type -> CSL type (read)
READ_TYPES = {
    "journal": "article-journal", "book": "book", "chapter": "chapter",
    "confproc": "paper-conference", "conference": "paper-conference",
    "preprint": "article", "thesis": "thesis", "report": "report", "data": "dataset",
    "dataset": "dataset", "software": "software", "webpage": "webpage", "web": "webpage",
    "website": "webpage", "patent": "patent", "other": "document", "newspaper":
    "article-newspaper", "magazine": "article-magazine", "periodical": "article-journal",
    "standard": "standard", "letter": "personal_communication", "gov": "report",
    "government": "report", "clinicaltrial": "document", "discussion": "article-journal",
    "list": "document", "commun": "personal_communication", "review": "review",
    "working-paper": "report", "blog": "post-weblog", "computer-program": "software",
    "database": "dataset", "legal-doc": "legislation", "manuscript": "manuscript",
}

# CSL type -> JATS4R publication-type (write)
WRITE_TYPES = {
    "article-journal": "journal", "article-magazine": "journal",
    "article-newspaper": "journal", "periodical": "journal", "review": "journal",
    "review-book": "journal", "book": "book", "collection": "book", "chapter": "chapter",
    "entry-encyclopedia": "chapter", "entry-dictionary": "chapter",
    "paper-conference": "confproc", "article": "preprint", "thesis": "thesis",
    "report": "report", "standard": "report", "dataset": "data", "software": "software",
    "webpage": "webpage", "post": "webpage", "post-weblog": "webpage", "patent": "patent",
}

# element-citation/@specific-use="csl-type:periodical": the CSL type when the
# publication-type alone would read back as another one
CSL_TYPE_PREFIX = "csl-type:"
CSL_TYPES = frozenset("""article article-journal article-magazine article-newspaper bill book
    broadcast chapter classic collection dataset document entry entry-dictionary
    entry-encyclopedia event figure graphic hearing interview legal_case legislation manuscript
    map motion_picture musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software song
    speech standard thesis treaty webpage""".split())

# Types whose <source> is the work's own title (a book), not a container.
SOURCE_IS_TITLE = frozenset({"book", "thesis", "report", "software", "dataset", "webpage",
                             "patent", "standard", "document", "manuscript", "pamphlet",
                             "legislation", "personal_communication"})

PERSON_GROUPS = {"author": "author", "editor": "editor", "translator": "translator",
                 "compiler": "compiler", "director": "director", "inventor": "author",
                 "guest-editor": "editor", "series-editor": "collection-editor",
                 "assignee": "author", "curator": "curator", "contrib": "contributor",
                 "allauthors": "author", "transed": "translator",
                 "illustrator": "illustrator"}

# CSL name variables -> person-group-type (write); the others are written
# as person-group-type="custom" with custom-type naming the CSL variable.
WRITE_GROUPS = {"author": "author", "editor": "editor", "translator": "translator",
                "compiler": "compiler", "curator": "curator", "director": "director",
                "illustrator": "illustrator"}
CSL_NAME_VARIABLES = frozenset("""author chair collection-editor compiler composer
    container-author contributor curator director editor editorial-director editor-translator
    executive-producer guest host illustrator interviewer narrator organizer original-author
    performer producer recipient reviewed-author script-writer series-creator
    translator""".split())

PUB_IDS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}

MONTHS = vocabulary.MONTHS

"""PubMed / MEDLINE XML -> CSL: the tables the reader reads (the format is
read only, so there is no reverse direction to derive).

Facts from NLM's "MEDLINE/PubMed XML Element Descriptions" (the
pubmed_250101 DTD) and from how Zotero's "PubMed XML" translator and
JabRef's MedlineImporter read the same elements.
"""
from __future__ import annotations

# <PublicationType> -> CSL type, for the few that are not a journal article
# (every other type, "Review", "Letter", "Clinical Trial" ..., is one).
PUBLICATION_TYPES: dict[str, str] = {
    "preprint": "article",
    "dataset": "dataset",
    "newspaper article": "article-newspaper",
    "legal case": "legal_case",
    "legislation": "legislation",
    "patent": "patent",
    "webcast": "broadcast",
}

# <ArticleId IdType> (and <ELocationID EIdType="doi">) -> CSL variable;
# other kinds (pii, mid, bookaccession, pmcid versions ...) are kept in
# custom.pub-ids under their own name.
ARTICLE_IDS: dict[str, str] = {"doi": "DOI", "pubmed": "PMID", "pmc": "PMCID"}

# <AuthorList Type> -> CSL name variable.
AUTHOR_LISTS: dict[str, str] = {"authors": "author", "editors": "editor"}

# <Season> -> CSL season number (1 spring .. 4 winter); other text (a
# "Spring-Summer") stays text, as CSL allows.
SEASONS: dict[str, int] = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

# MEDLINE's <Language> is ISO 639-2/B ("eng", "fre", "ger"); CSL wants a
# BCP 47 tag, which is the two-letter code where one exists.  The languages
# MEDLINE indexes most; another code stays as given.
LANGUAGES: dict[str, str] = {
    "eng": "en", "fre": "fr", "ger": "de", "spa": "es", "ita": "it", "jpn": "ja",
    "rus": "ru", "chi": "zh", "por": "pt", "pol": "pl", "dut": "nl", "cze": "cs",
    "swe": "sv", "dan": "da", "nor": "no", "fin": "fi", "hun": "hu", "tur": "tr",
    "kor": "ko", "gre": "el", "heb": "he", "ara": "ar", "per": "fa", "slo": "sk",
    "slv": "sl", "hrv": "hr", "srp": "sr", "ukr": "uk", "rum": "ro", "bul": "bg",
    "ice": "is", "lit": "lt", "lav": "lv", "est": "et", "cat": "ca", "afr": "af",
    "ind": "id", "tha": "th", "vie": "vi", "hin": "hi", "mal": "ml", "may": "ms",
}

# Labels of <AbstractText> that say nothing (structured abstracts whose
# first part has no heading).
EMPTY_LABELS = frozenset({"unlabelled", "unlabeled"})

# What MEDLINE puts where a title has no English translation.
NOT_AVAILABLE = frozenset({"[not available].", "[not available]", "not available"})

# Inline markup PubMed allows in titles and abstracts -> CSL rich text.
RICH: dict[str, str] = {"i": "i", "b": "b", "sup": "sup", "sub": "sub"}

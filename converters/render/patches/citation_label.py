"""The citation-label variable: a reference without one gets the label
citeproc-js makes by default (its trigraph "Aaaa00:Aa00:A00": four letters
of one author's family name, two of each of two authors', one of each of
the first four of more, then the year's last two digits), and a year
suffix follows the label as it would follow the year.  citeproc-py prints
nothing for a label the data does not give.  The made label is printed and
sorted by, but a ``variable="citation-label"`` condition stays false for it
(only a label in the data makes it true, as in citeproc-js: "NO Abel02"
for ``<if variable="citation-label">HAS<else>NO``), so it is set on the
reference only while it prints or the bibliography sorts.  (disambiguate_Trigraph,
disambiguate_CitationLabelDefault, disambiguate_CitationLabelInData,
magic_CitationLabelInCitation, magic_CitationLabelInBibliography)
"""
from __future__ import annotations

import re

# the name variables citeproc-js reads a label's names from, in its order
_NAME_VARIABLES = ("author", "chair", "collection_editor", "compiler", "composer",
                   "container_author", "contributor", "curator", "director", "editor",
                   "editor_translator", "editorial_director", "executive_producer", "guest",
                   "host", "illustrator", "interviewer", "narrator", "organizer",
                   "original_author", "performer", "producer", "recipient", "reviewed_author",
                   "script_writer", "series_creator", "translator", "commenter")
# letters taken of each name, by how many names there are (its default
# trigraph "Aaaa00:AaAa00:AaAA00:AAAA00": Krishna, Bredenberg, Levenstein
# is "KrBL")
_LETTERS = ((4,), (2, 2), (2, 1, 1), (1, 1, 1, 1))
_PARTICLES = re.compile(r"^([ '\u2019a-z]+\s+)")
_ARTICLE = re.compile(r"^(a\s+|the\s+|an\s+)", re.I)
# the letters citeproc-js keeps of a name (its ROMANESQUE_NOT_REGEXP, so
# a CJK family name empties and the label falls back to the title)
_NOT_ROMANESQUE = re.compile(
    "[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219"
    "\u021a\u021b\u202a-\u202e]")
# citeproc-js's default skip words (CSL.SKIP_WORDS), dropped from a title
# made a label, as whole words and case-sensitively ("The" stays)
_SKIP_WORDS = frozenset((
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off on "
    "onto out over per plus pro qua sans since than through throughout thruout till to "
    "toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca").split())


def _family(name) -> str | None:
    """The name a label is cut from: the family name without a leading
    lower-case particle ("von Dipheria" -> "Dipheria"), or the literal; a
    leading article out, and only citeproc-js's letters ("Ragan-Kelley" ->
    "RaganKelley").  None for a name with neither."""
    if name.get("family"):
        text = _PARTICLES.sub("", str(name.get("family")))
    elif name.get("literal"):
        text = str(name.get("literal"))
    else:
        return None
    found = _ARTICLE.match(text)
    if found:
        text = text[found.end():]
    return _NOT_ROMANESQUE.sub("", text)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _from_names(names, fallback: str) -> str:
    """The letters of the first names (as citeproc-js's getCitationLabel):
    a name with neither family nor literal repeats the text before it (the
    "reference" term's for the first: "Ref00"); one that empties ends the
    names."""
    letters = _LETTERS[min(len(names), len(_LETTERS)) - 1]
    label, text = "", fallback
    for name, count in zip(names, letters, strict=False):
        family = _family(name)
        if family is not None:
            text = family
        if not text:
            break
        text = _capitalized(text[:count])
        label += text
    return label


def _from_title(title) -> str:
    words = [word for word in str(title or "").split() if word not in _SKIP_WORDS]
    return _capitalized("".join(words)[:_LETTERS[0][0]])


def trigraph(reference, element=None) -> str:
    """citeproc-js's default label: letters of the first names of the first
    name variable the reference has, each capitalized, else of its title
    without skip words ("Thea" for "The Art of War"), then the year's last
    two digits ("00" without a year; the year alone without names or
    title).  ``element``: a node of the style, for the locale's terms."""
    label = ""
    for variable in _NAME_VARIABLES:
        names = list(reference.get(variable) or [])
        if names:
            label = _from_names(names, _reference_term(element))
            break
    if not label:
        label = _from_title(reference.get("title"))
    try:
        year = str(reference["issued"]["year"])
    except Exception:
        year = "0000"
    return label + year[-2:]


def _reference_term(element) -> str:
    """The "reference" term, short, without its period, capitalized: "Ref"."""
    text = "reference"
    try:
        term = element.get_term("reference", "short")
        if term is not None and str(term.single):
            text = str(term.single)
    except Exception:
        pass
    return _capitalized(text.replace(".", "", 1))


def install() -> None:
    from citeproc import model

    from . import year_suffix

    original = model.Text._variable

    def _variable(self, item, context):
        if self.get("variable") != "citation-label":
            return original(self, item, context)
        reference = item.reference
        made = not reference.get("citation_label")
        if made:
            label = trigraph(reference, self)
            dict.__setitem__(reference, "citation_label", label)
        try:
            text = original(self, item, context)
        finally:
            if made:
                dict.__delitem__(reference, "citation_label")
        suffix = reference.get("year_suffix")
        if text and suffix and not year_suffix._ITEM.shown \
                and not year_suffix._prints_suffix(self.get_root()):
            year_suffix._ITEM.shown = True
            return str(text) + str(suffix)
        return text

    model.Text._variable = _variable
    _label_before_sorting()


def _label_before_sorting() -> None:
    """Labels are made before the bibliography sorts: styles sort by them."""
    import citeproc

    sort = citeproc.CitationStylesBibliography.sort

    def sort_labelled(self):
        made = []
        if self.style.root.xpath('//cs:*[@variable="citation-label"]',
                                 namespaces={"cs": "http://purl.org/net/xbiblio/csl"}):
            for key in self.keys:
                reference = self.source[key]
                if not reference.get("citation_label"):
                    dict.__setitem__(reference, "citation_label",
                                     trigraph(reference, self.style.root))
                    made.append(reference)
        try:
            return sort(self)
        finally:
            for reference in made:  # printed when a cs:text asks, not a condition's
                dict.__delitem__(reference, "citation_label")

    citeproc.CitationStylesBibliography.sort = sort_labelled

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


def _family(name) -> str:
    """The name a label is cut from: the family name without a leading
    lower-case particle ("von Dipheria" -> "Dipheria"), or the literal; a
    leading article out, and only letters ("Ragan-Kelley" -> "RaganKelley")."""
    if name.get("family"):
        text = _PARTICLES.sub("", str(name.get("family")))
    else:
        text = str(name.get("literal") or "")
    found = _ARTICLE.match(text)
    if found:
        text = text[found.end():]
    return "".join(c for c in text if c.isalpha())


def trigraph(reference) -> str:
    """citeproc-js's default label: letters of the first names of the first
    name variable the reference has, each capitalized, then the year's last
    two digits ("00" without a year)."""
    label = ""
    for variable in _NAME_VARIABLES:
        names = list(reference.get(variable) or [])
        if names:
            letters = _LETTERS[min(len(names), len(_LETTERS)) - 1]
            for name, count in zip(names, letters, strict=False):
                part = _family(name)[:count]
                if not part:
                    break
                label += part[:1].upper() + part[1:].lower()
            break
    if not label:
        return ""
    try:
        year = str(reference["issued"]["year"])
    except Exception:
        year = "0000"
    return label + year[-2:]


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
            label = trigraph(reference)
            if not label:
                return original(self, item, context)
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
                    label = trigraph(reference)
                    if label:
                        dict.__setitem__(reference, "citation_label", label)
                        made.append(reference)
        try:
            return sort(self)
        finally:
            for reference in made:  # printed when a cs:text asks, not a condition's
                dict.__delitem__(reference, "citation_label")

    citeproc.CitationStylesBibliography.sort = sort_labelled

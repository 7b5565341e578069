"""The citation-label variable: a reference without one gets the label
citeproc-js makes by default (its trigraph "Aaaa00:Aa00:A00": four letters
of one author's family name, two of each of two authors', one of each of
the first four of more, then the year's last two digits), and a year
suffix follows the label as it would follow the year.  citeproc-py prints
nothing for a label the data does not give.  (disambiguate_Trigraph,
disambiguate_CitationLabelDefault, disambiguate_CitationLabelInData,
magic_CitationLabelInCitation, magic_CitationLabelInBibliography)
"""
from __future__ import annotations

_NAME_VARIABLES = ("author", "editor", "translator", "composer", "director")


def _family(name) -> str:
    """The family name without a leading particle ("von Dipheria" -> "Dipheria")."""
    words = str(name.get("family") or name.get("literal") or "").split()
    while len(words) > 1 and words[0][:1].islower():
        words.pop(0)
    return "".join(words)


def trigraph(reference) -> str:
    names: list = []
    for variable in _NAME_VARIABLES:
        names = list(reference.get(variable) or [])
        if names:
            break
    families = [_family(name) for name in names]
    if len(families) == 1:
        letters = families[0][:4]
    elif len(families) == 2:
        letters = "".join(f[:2] for f in families)
    else:
        letters = "".join(f[:1] for f in families[:4])
    try:
        year = str(reference["issued"]["year"])[-2:]
    except Exception:
        year = ""
    return letters + year


def install() -> None:
    from citeproc import model

    from . import year_suffix

    original = model.Text._variable

    def _variable(self, item, context):
        if self.get("variable") != "citation-label":
            return original(self, item, context)
        reference = item.reference
        if not reference.get("citation_label"):
            label = trigraph(reference)
            if not label:
                return original(self, item, context)
            dict.__setitem__(reference, "citation_label", label)
        text = original(self, item, context)
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
        if self.style.root.xpath('//cs:*[@variable="citation-label"]',
                                 namespaces={"cs": "http://purl.org/net/xbiblio/csl"}):
            for key in self.keys:
                reference = self.source[key]
                if not reference.get("citation_label"):
                    label = trigraph(reference)
                    if label:
                        dict.__setitem__(reference, "citation_label", label)
        return sort(self)

    citeproc.CitationStylesBibliography.sort = sort_labelled

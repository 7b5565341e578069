"""Given names shown to tell cites apart, and the ``disambiguate="true"``
condition: the rendering half of disambiguation (the choices are made by
``disambiguation.disambiguate``, which this module also runs once a
bibliography, before its first citation or entry renders).

citeproc-py shows a name list with one form for every name and treats
``<if disambiguate="true">`` as always true.  Here a reference carries, for
each name it must expand, a level: 1 initials (when the name element
initializes or the name is short), 2 the whole given name; and how many of
the style's ``disambiguate="true"`` conditions hold for it (CSL 1.0.2 §
Disambiguation, steps 2 and 3; citeproc-js tries them one at a time).
(disambiguate_AllNamesGenerally, AllNamesSimpleSequence,
AllNamesWithInitialsGenerally, AndreaEg1a-5, ByCiteGivenname*,
ByCiteMinimalGivennameExpandMinimalNames, ByCiteRetainNamesOnFailure...,
ByCiteBaseNameCountOnFailure..., AllNamesBaseNameCountOnFailure...,
PrimaryNameGenerally, PrimaryNameWithInitialsLimitedToPrimary, ToInitialOnly,
YearSuffixMacroSameYear*, DisambiguateTrueAndYearSuffixOne,
DisambiguateTrueReflectedInBibliography, IncrementalExtraText)
"""
from __future__ import annotations

from . import sorting
from .names import in_citation, process_showing

_CONDITIONS: dict[int, tuple] = {}  # id(root) -> (root, [if elements]), emptied with speed's caches


class _Whole(str):
    """A given name shown whole: not initialized."""


def given_levels(reference) -> dict:
    """(variable, index) -> level, and "initials-only" -> bool."""
    return vars(reference).get("bibconv_given_levels") or {}


def set_given_levels(reference, levels: dict | None) -> None:
    object.__setattr__(reference, "bibconv_given_levels", levels)


def conditions_true(reference) -> int:
    return vars(reference).get("bibconv_conditions") or 0


def set_conditions_true(reference, count: int) -> None:
    object.__setattr__(reference, "bibconv_conditions", count)


def install() -> None:
    from citeproc import model

    from .speed import _CACHES

    _CACHES.append(_CONDITIONS)
    _patch_levels(model)
    _patch_condition(model)
    _patch_hooks(model)



def _expanded(element, name, level: int, form, mark, initials_only: bool, context,
              inverted: tuple | None = None):
    """The name as the level shows it: a copy, or the name itself
    (``inverted``: the sort-separator and demote-non-dropping-particle of
    a name printed family name first)."""
    from citeproc.source import Name

    given = name.get("given") if "literal" not in name else None
    if not level or not given:
        return name
    initials = mark is not None and (form == "short" or level == 1)
    if form != "short":
        if level == 1 or mark is None or initials_only:
            return name
        copy = Name(**dict(name))
        dict.__setitem__(copy, "given", _Whole(given))
        return copy
    if level == 1 and initials:
        shown = element.initialize(given, mark, context)
    elif initials_only:
        return name
    else:
        shown = given
    dp, ndp = name.get("dropping-particle"), name.get("non-dropping-particle")
    family, suffix = name.get("family"), name.get("suffix")
    if inverted is None:
        parts = (shown, dp, ndp, family, suffix)
        return Name(family=" ".join(str(p) for p in parts if p))
    # under name-as-sort-order the short name grows as a long one would
    # print inverted ("Bravais, L." in citeproc-js, not "L. Bravais")
    separator, demote = inverted
    head, tail = ((ndp, family), (shown, dp)) if demote in ("never", "sort-only") \
        else ((family,), (shown, dp, ndp))
    pieces = [" ".join(str(p) for p in head if p), " ".join(str(p) for p in tail if p)]
    return Name(family=separator.join(p for p in (*pieces, suffix and str(suffix)) if p))


def _patch_levels(model) -> None:
    original = model.Name.process
    initialize = model.Name.initialize

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        levels = given_levels(item.reference)
        chosen = {i: lv for (v, i), lv in
                  ((k, lv) for k, lv in levels.items() if isinstance(k, tuple)) if v == variable}
        if not chosen or sorting.sorts(sort_options) or not in_citation(context if context is not None
                                                          else self):
            return original(self, item, variable, context, sort_options, **kwargs)
        form = self.get_option("form", context, sort_options)
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference[variable]
        order = self.get_option("name-as-sort-order", context, sort_options)
        inverted = (self.get_option("sort-separator", context, sort_options),
                    self.get_option("demote-non-dropping-particle", context, sort_options))
        shown = [_expanded(self, name, chosen.get(i, 0), form, mark,
                           bool(levels.get("initials-only")), context,
                           inverted if order == "all" or (order == "first" and i == 0) else None)
                 for i, name in enumerate(names)]
        return process_showing(original, self, item, variable, shown, names,
                               (context, sort_options, kwargs))

    def whole_initialize(self, given, mark, context):
        if isinstance(given, _Whole):
            return str(given)
        return initialize(self, given, mark, context)

    model.Name.process = process
    model.Name.initialize = whole_initialize


def _condition_index(element) -> int:
    """Where this cs:if stands among its layout's disambiguate conditions."""
    root = element.getroottree().getroot()
    hit = _CONDITIONS.get(id(root))
    if hit is None or hit[0] is not root:
        found = root.xpath('//cs:*[@disambiguate="true"]',
                           namespaces={"cs": "http://purl.org/net/xbiblio/csl"})
        hit = _CONDITIONS[id(root)] = (root, found)
    try:
        section = element.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography]")
        same = [e for e in hit[1] if e.xpath_search(
            "./ancestor::*[self::cs:citation or self::cs:bibliography]") == section]
        return same.index(element) if same else hit[1].index(element)
    except ValueError:
        return 0


def _patch_condition(model) -> None:
    """``disambiguate="true"``: a test of cs:if like the others (the
    speed_base patch calls it only for elements that have the attribute),
    true once disambiguation has made this condition's turn come."""

    def _disambiguate(self, item):
        return [self.get("disambiguate") == "true"
                and _condition_index(self) < conditions_true(item.reference)]

    model.If._disambiguate = _disambiguate


def _patch_hooks(model) -> None:
    """Disambiguation runs once a bibliography, before the first citation
    or entry renders (after the bibliography is sorted)."""
    import citeproc

    from ..disambiguation import ensure_disambiguated

    cite = citeproc.CitationStylesBibliography.cite

    def cite_once(self, citation, callback):
        ensure_disambiguated(self)
        return cite(self, citation, callback)

    citeproc.CitationStylesBibliography.cite = cite_once
    render = model.Bibliography.render

    def render_once(self, citation_items):
        if citation_items:
            try:
                ensure_disambiguated(citation_items[0].bibliography)
            except AttributeError:
                pass
        return render(self, citation_items)

    model.Bibliography.render = render_once

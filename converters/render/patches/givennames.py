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

from . import initials, sorting
from .names import in_citation, process_showing

_CONDITIONS: dict[int, tuple] = {}  # id(root) -> (root, [if elements]), emptied with speed's caches


class _Whole(str):
    """A given name shown whole: not initialized."""


def given_levels(reference) -> dict:
    """(variable, index) -> level, and "initials-only" -> bool."""
    return vars(reference).get("bibconv_given_levels") or {}


def set_given_levels(reference, levels: dict | None) -> None:
    object.__setattr__(reference, "bibconv_given_levels", levels)


def bibliography_levels(reference) -> dict:
    """given_levels' like for the names a bibliography entry prints."""
    return vars(reference).get("bibconv_bibliography_levels") or {}


def set_bibliography_levels(reference, levels: dict | None) -> None:
    object.__setattr__(reference, "bibconv_bibliography_levels", levels)


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



def _expanded(name, level: int, form, mark, initials_only: bool):
    """The name as the level shows it: a copy, or the name itself.  A short
    list with a name to expand is printed in the long form (_patch_levels):
    its other names keep only the family name and non-dropping particle."""
    from citeproc.source import Name

    given = name.get("given") if "literal" not in name else None
    if form != "short":
        if not level or not given or level == 1 or mark is None or initials_only:
            return name
        copy = Name(**dict(name))
        dict.__setitem__(copy, "given", _Whole(given))
        return copy
    if "literal" in name:
        return name
    if level and given and initials_only and mark is None:
        # citeproc-js initializes with "" where the name has no
        # initialize-with: "JP Doe", "J-P Doe", "G Doe", "Ts Doe" ("John Paul",
        # "Jean-Paul", "Guo-ping", "TSerendorjiin"), as its own initializer does
        copy = Name(**dict(name))
        dict.__setitem__(copy, "given", _Whole(initials.initialize(str(given), "")))
        return copy
    if not level or not given or (initials_only and level > 1):
        return Name(**{k: v for k, v in name.items()
                       if k in ("family", "non-dropping-particle")})
    copy = Name(**dict(name))
    if level > 1 and mark is not None:
        dict.__setitem__(copy, "given", _Whole(given))
    return copy


def _patch_levels(model) -> None:
    original = model.Name.process
    initialize = model.Name.initialize

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        reference = item.reference
        cited, listed = given_levels(reference), bibliography_levels(reference)
        if not (cited or listed) or sorting.sorts(sort_options):
            return original(self, item, variable, context, sort_options, **kwargs)
        # the bibliography's names take the levels of citeproc-js's names
        # registry (disambiguation._bibliography_levels), the cites' their own
        levels = cited if in_citation(context if context is not None else self) else listed
        chosen = {i: lv for (v, i), lv in
                  ((k, lv) for k, lv in levels.items() if isinstance(k, tuple)) if v == variable}
        if not chosen:
            return original(self, item, variable, context, sort_options, **kwargs)
        form = self.get_option("form", context, sort_options)
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference[variable]
        initials_only = bool(levels.get("initials-only"))
        shown = [_expanded(name, chosen.get(i, 0), form, mark, initials_only)
                 for i, name in enumerate(names)]
        if form == "short":
            # the short names grow as long ones print, each name-part in its
            # own formatting ("Bravais, L., A. Bravais"; small capitals on
            # "Bates" only, in citeproc-js, not on "Bates, DM")
            sort_options = dict(sort_options or {}, form="long")
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
